//! The organisation's people: listing, roles, deactivation, invitations, outbox.

use chrono::Duration;
use kaiku_core::api::{
    AcceptInvitationRequest, InvitationPreview, InvitationView, InviteRequest, MailStatus, OutboxMessage,
    UpdateUserRequest, UserView,
};
use kaiku_core::audit::AuditKind;
use kaiku_core::{ErrorCode, Role, validate};

use super::audit::{self, Event};
use super::auth::{CurrentUser, StartedSession, email_taken, refuse_common_password, start_session};
use super::secrets::{hash_password, hash_token, new_token};
use super::{mail, message_links, throttle, two_factor};
use crate::error::{ApiError, ApiResult};
use crate::state::AppState;
use crate::store::decode::Unreadable;
use crate::store::invitations::{AcceptError, InvitationRow, NewInvitation};
use crate::store::users::NewUser;
use crate::store::{id_from_key, key_of};

pub async fn users(state: &AppState, current: &CurrentUser) -> ApiResult<Vec<UserView>> {
    Ok(state
        .store
        .users(current.org())
        .await?
        .iter()
        .map(|u| u.view())
        .collect())
}

/// Changes a user's role and/or active state. An organisation always keeps at least
/// one active admin; deactivation ends the user's sessions at once.
pub async fn update_user(
    state: &AppState,
    current: &CurrentUser,
    key: &str,
    req: UpdateUserRequest,
) -> ApiResult<UserView> {
    current.require_team_manager()?;
    let org = current.org();
    let id = id_from_key("user", key);
    let target = state.store.user(org, &id).await?.ok_or_else(ApiError::not_found)?;

    let stays_admin = req.role.unwrap_or(target.role()) == Role::Admin && req.active.unwrap_or(target.active);
    let is_active_admin = target.role() == Role::Admin && target.active;
    if is_active_admin && !stays_admin && state.store.count_active_admins(org).await? <= 1 {
        return Err(ApiError::new(
            ErrorCode::LastAdmin,
            "the organisation needs at least one active admin; make someone else admin first",
        ));
    }

    let before = (target.role(), target.active);
    let mut user = target;
    if let Some(role) = req.role {
        user = state
            .store
            .set_role(org, &id, role)
            .await?
            .ok_or_else(ApiError::not_found)?;
    }
    if let Some(active) = req.active {
        user = state
            .store
            .set_active(org, &id, active)
            .await?
            .ok_or_else(ApiError::not_found)?;
    }
    if before.0 != Role::Admin && user.role() == Role::Admin {
        let admins_two_factor = state.store.org(org).await?.is_some_and(|o| o.admins_two_factor());
        if two_factor::setup_required(&user, admins_two_factor) {
            state.store.hold_for_two_factor(org, &id).await?;
        }
    }
    if before != (user.role(), user.active) {
        let state_name =
            |(role, active): (Role, bool)| format!("{}{}", role.code(), if active { "" } else { ", deactivated" });
        audit::by(
            state,
            current,
            AuditKind::UserChanged,
            format!(
                "{}: {} → {}",
                user.email,
                state_name(before),
                state_name((user.role(), user.active))
            ),
        )
        .await?;
    }
    Ok(user.view())
}

/// An address that already has an account in another organisation is invited like
/// any other: refusing it would tell any admin (anyone can sign up) which emails have
/// Kaiku accounts. Its owner reads the invitation and, accepting, learns the address
/// is taken; the inviter sees an invitation never accepted. Only one's own colleagues
/// are named as taken — the admin sees them in the team list anyway.
pub async fn invite(state: &AppState, current: &CurrentUser, req: InviteRequest) -> ApiResult<InvitationView> {
    current.require_team_manager()?;
    validate::email("email", &req.email)?;
    let email = validate::normalise_email(&req.email);
    let _counted = state
        .throttle
        .reserve(&throttle::invitation(&key_of(&current.user.id)), state.now())
        .await?
        .map_err(ApiError::rate_limited)?;
    let existing = state.store.user_by_email(&email).await?;
    if existing.is_some_and(|user| &user.org == current.org()) {
        return Err(email_taken());
    }
    let token = new_token();
    let now = state.now();
    let days = state.config.invitation_days;
    let org = state.store.org(current.org()).await?.ok_or_else(ApiError::not_found)?;
    let message = mail::invitation(
        &org.name,
        &current.user.name,
        req.role,
        message_links::INVITATION_LINK,
        days,
    );
    let invitation = state
        .store
        .create_invitation(
            current.org(),
            NewInvitation {
                email: email.clone(),
                role: req.role,
                token_hash: hash_token(&token),
                invited_by: current.user.id.clone(),
                expires_at: now + Duration::days(i64::from(days)),
            },
            (&message.subject, &message.body),
            now,
        )
        .await?;
    let path = format!("/invite/{token}");
    audit::by(
        state,
        current,
        AuditKind::InvitationCreated,
        format!("{email} as {}", req.role.code()),
    )
    .await?;
    Ok(invitation.view(Some(path)))
}

pub async fn open_invitations(state: &AppState, current: &CurrentUser) -> ApiResult<Vec<InvitationView>> {
    current.require_team_manager()?;
    let open = state.store.open_invitations(current.org(), state.now()).await?;
    Ok(open.iter().map(|i| i.view(None)).collect())
}

pub async fn revoke_invitation(state: &AppState, current: &CurrentUser, key: &str) -> ApiResult<()> {
    current.require_team_manager()?;
    let revoked = state
        .store
        .revoke_invitation(current.org(), &id_from_key("invitation", key), state.now())
        .await?;
    if !revoked {
        return Err(ApiError::not_found());
    }
    audit::by(
        state,
        current,
        AuditKind::InvitationRevoked,
        format!("invitation {key}"),
    )
    .await
}

fn invitation_invalid() -> ApiError {
    ApiError::new(
        ErrorCode::InvitationInvalid,
        "this invitation link has expired, has been used, or does not exist; ask for a new one",
    )
}

async fn open_invitation(state: &AppState, token: &str) -> ApiResult<InvitationRow> {
    state
        .store
        .invitation_by_token_hash(&hash_token(token))
        .await?
        .filter(|inv| inv.is_open(state.now()))
        .ok_or_else(invitation_invalid)
}

pub async fn preview(state: &AppState, token: &str) -> ApiResult<InvitationPreview> {
    let invitation = open_invitation(state, token).await?;
    let org = state.store.org(&invitation.org).await?.ok_or_else(invitation_invalid)?;
    Ok(InvitationPreview {
        organisation_name: org.name,
        email: invitation.email.clone(),
        role: invitation.role(),
        expires_at: invitation.expires_at,
    })
}

pub async fn accept(
    state: &AppState,
    req: AcceptInvitationRequest,
    client_address: &str,
    device: Option<String>,
) -> ApiResult<StartedSession> {
    let invitation = open_invitation(state, &req.token).await?;
    validate::name("name", &req.name)?;
    validate::password("password", &req.password)?;
    refuse_common_password("password", &req.password, &[&invitation.email, &req.name])?;
    let _counted = state
        .throttle
        .reserve(
            &throttle::new_account(client_address, state.config.new_accounts_per_address),
            state.now(),
        )
        .await?
        .map_err(ApiError::rate_limited)?;
    let user = NewUser {
        name: req.name,
        email: invitation.email.clone(),
        password_hash: hash_password(&req.password).await?,
        role: invitation.role(),
        language: req.language,
    };
    let user_id = state
        .store
        .accept_invitation(&invitation, user, state.now())
        .await
        .map_err(|e| match e {
            AcceptError::Invalid => invitation_invalid(),
            AcceptError::EmailTaken => email_taken(),
            AcceptError::Db(e) => e.into(),
        })?;
    let user = state
        .store
        .user(&invitation.org, &user_id)
        .await?
        .ok_or_else(ApiError::not_found)?;
    audit::record(
        state,
        Event {
            org: &user.org,
            kind: AuditKind::InvitationAccepted,
            actor: Some(&user.id),
            detail: format!("{} as {}", user.email, user.role().code()),
            address: Some(client_address),
        },
    )
    .await?;
    start_session(state, &user, device).await
}

pub async fn outbox(state: &AppState, current: &CurrentUser) -> ApiResult<Vec<OutboxMessage>> {
    current.require_team_manager()?;
    Ok(state
        .store
        .messages(current.org())
        .await?
        .iter()
        .map(|m| Ok(message_links::redacted(m.view()?, &state.config.public_url)))
        .collect::<Result<_, Unreadable>>()?)
}

pub fn mail_status(state: &AppState, current: &CurrentUser) -> ApiResult<MailStatus> {
    current.require_team_manager()?;
    Ok(MailStatus {
        delivering: state.mailer.is_delivering(),
        sender: state.config.mail_from.clone(),
    })
}

/// An admin's "try again" on a message that failed or was given up.
pub async fn retry_message(state: &AppState, current: &CurrentUser, key: &str) -> ApiResult<OutboxMessage> {
    current.require_team_manager()?;
    let row = state
        .store
        .retry_message(current.org(), &id_from_key("outbox", key), state.now())
        .await?
        .ok_or_else(ApiError::not_found)?;
    Ok(message_links::redacted(row.view()?, &state.config.public_url))
}
