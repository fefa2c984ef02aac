//! Sign-up, login, sessions and the signed-in user's own profile.

use chrono::{DateTime, Duration, Utc};
use kaiku_core::api::{
    ChangePasswordRequest, LoginRequest, SessionView, SignupPending, SignupRequest, UpdateProfileRequest, UserView,
};
use kaiku_core::audit::AuditKind;
use kaiku_core::session::SessionInfo;
use kaiku_core::{ErrorCode, Role, validate};

use super::audit::{self, Event};
use super::secrets::{decoy_hash, hash_password, hash_token, new_token, verify_password};
use super::{signup, throttle, two_factor};
use crate::error::{ApiError, ApiResult};
use crate::state::AppState;
use crate::store::orgs::CreateOrgError;
use crate::store::sessions::{NewSession, SessionRow};
use crate::store::users::{NewUser, UserRow};
use crate::store::{id_from_key, key_of};
use surrealdb::types::RecordId;

/// Who is making the request, established from the session cookie.
#[derive(Debug, Clone)]
pub struct CurrentUser {
    pub user: UserRow,
    pub session: SessionRow,
}

impl CurrentUser {
    pub fn org(&self) -> &RecordId {
        &self.user.org
    }

    pub fn role(&self) -> Role {
        self.user.role()
    }

    pub fn require_team_manager(&self) -> ApiResult<()> {
        if self.role().can_manage_team() {
            Ok(())
        } else {
            Err(ApiError::forbidden())
        }
    }
}

/// A session just started: the secret for the cookie, and what the app shows.
pub struct StartedSession {
    pub token: String,
    pub view: SessionView,
}

/// Refuses a password found in breach and common-password lists, or guessable from
/// `own_words` (the person's email, name, organisation), in the one error shape.
pub(crate) fn refuse_common_password(field: &str, password: &str, own_words: &[&str]) -> ApiResult<()> {
    if validate::password_not_common(password, own_words) {
        return Ok(());
    }
    Err(ApiError {
        field: Some(field.to_string()),
        ..ApiError::new(
            ErrorCode::PasswordTooCommon,
            "this password is too common or easy to guess; use a longer phrase of unrelated words",
        )
    })
}

/// What a sign-up led to: the organisation and a session, or (on a server that sends
/// mail) an email to confirm the address first.
pub enum SignupOutcome {
    Started(StartedSession),
    Pending(SignupPending),
}

/// Sign-ups are limited per client address: each hashes a password and makes an
/// organisation. On a server that sends mail the organisation waits for its address
/// to be confirmed (`service::signup`), so the answer does not tell whether the
/// address has an account; without one it is created at once, and a taken address
/// is named as such.
/// `device`: what the session is started on ("Firefox, Linux"), for the person's list.
pub async fn signup(
    state: &AppState,
    req: SignupRequest,
    client_address: &str,
    device: Option<String>,
) -> ApiResult<SignupOutcome> {
    validate::name("organisation_name", &req.organisation_name)?;
    validate::name("name", &req.name)?;
    validate::email("email", &req.email)?;
    validate::password("password", &req.password)?;
    refuse_common_password(
        "password",
        &req.password,
        &[&req.email, &req.name, &req.organisation_name],
    )?;
    let _counted = state
        .throttle
        .reserve(
            &throttle::new_account(client_address, state.config.new_accounts_per_address),
            state.now(),
        )
        .await?
        .map_err(ApiError::rate_limited)?;
    let email = validate::normalise_email(&req.email);
    if state.mailer.is_delivering() {
        return signup::request(state, req, email).await.map(SignupOutcome::Pending);
    }
    let admin = NewUser {
        name: req.name,
        email,
        password_hash: hash_password(&req.password).await?,
        role: Role::Admin,
        language: req.language,
    };
    let (_, user_id) = state
        .store
        .create_org_with_admin(&req.organisation_name, admin, state.now())
        .await
        .map_err(|e| match e {
            CreateOrgError::EmailTaken => email_taken(),
            CreateOrgError::Db(e) => e.into(),
        })?;
    signed_up(state, &user_id, client_address, device)
        .await
        .map(SignupOutcome::Started)
}

/// The first admin of a new organisation: the sign-up recorded, and their session.
pub async fn signed_up(
    state: &AppState,
    user_id: &RecordId,
    client_address: &str,
    device: Option<String>,
) -> ApiResult<StartedSession> {
    let user = state
        .store
        .user_by_id_unscoped(user_id)
        .await?
        .ok_or_else(|| ApiError::internal("new user not found"))?;
    audit::record(
        state,
        Event {
            org: &user.org,
            kind: AuditKind::SignedUp,
            actor: Some(&user.id),
            detail: user.email.clone(),
            address: Some(client_address),
        },
    )
    .await?;
    start_session(state, &user, device).await
}

pub fn email_taken() -> ApiError {
    ApiError {
        field: Some("email".into()),
        ..ApiError::new(ErrorCode::EmailTaken, "this email already has a Kaiku account")
    }
}

/// Every attempt is reserved with the throttle before the password is hashed, so
/// parallel guesses cannot outrun the count; only a right password gives it back.
pub async fn login(
    state: &AppState,
    req: LoginRequest,
    client_address: &str,
    device: Option<String>,
) -> ApiResult<StartedSession> {
    validate::too_long("email", &req.email, validate::EMAIL_MAX_CHARS)?;
    validate::too_long("password", &req.password, validate::PASSWORD_MAX_CHARS)?;
    let email = validate::normalise_email(&req.email);
    let limits = throttle::login(&email, client_address);
    let attempt = match state.throttle.reserve(&limits, state.now()).await? {
        Ok(attempt) => attempt,
        Err(retry_after) => {
            if let Some(user) = state.store.user_by_email(&email).await? {
                audit_login(state, &user, AuditKind::LoginThrottled, client_address).await?;
            }
            return Err(ApiError::rate_limited(retry_after));
        }
    };

    let user = state.store.user_by_email(&email).await?;
    let hash = user.as_ref().map_or(decoy_hash(), |u| u.password_hash.as_str());
    let password_ok = verify_password(hash, &req.password).await;
    let user = match user {
        Some(user) if password_ok => user,
        _ => {
            if let Some(user) = &user {
                audit_login(state, user, AuditKind::LoginFailed, client_address).await?;
            }
            return Err(ApiError::new(
                ErrorCode::InvalidCredentials,
                "email or password is wrong",
            ));
        }
    };
    // Without the second factor the attempt stays counted: asking for the code is not
    // a way to reset the count of wrong ones.
    if let Some(secret) = &user.totp_secret {
        let Some(code) = req.code.as_deref() else {
            return Err(ApiError {
                field: Some("code".into()),
                ..ApiError::new(ErrorCode::TwoFactorRequired, "enter the code of your authenticator app")
            });
        };
        validate::too_long("code", code, 20)?;
        let step = two_factor::matching_step(secret, code, state.now())?;
        let fresh = match step {
            Some(step) => state.store.use_totp_step(&user.org, &user.id, step).await?,
            None => false,
        };
        if !fresh {
            audit_login(state, &user, AuditKind::LoginFailed, client_address).await?;
            return Err(two_factor::wrong_code());
        }
    }
    // The person's own address and account start afresh.
    state.throttle.succeeded(attempt, &limits[..1]).await?;
    if !user.active {
        return Err(ApiError::new(
            ErrorCode::AccountDeactivated,
            "this account has been deactivated; ask an admin of your organisation",
        ));
    }
    audit_login(state, &user, AuditKind::LoggedIn, client_address).await?;
    start_session(state, &user, device).await
}

/// A login attempt on `user`'s account, in their organisation's log.
async fn audit_login(state: &AppState, user: &UserRow, kind: AuditKind, address: &str) -> ApiResult<()> {
    audit::record(
        state,
        Event {
            org: &user.org,
            kind,
            actor: Some(&user.id),
            detail: user.email.clone(),
            address: Some(address),
        },
    )
    .await
}

/// Starts a session; one of an admin who must set up a second factor first may do
/// only that until they have (`CurrentUser` refuses it everything else).
pub async fn start_session(state: &AppState, user: &UserRow, device: Option<String>) -> ApiResult<StartedSession> {
    let token = new_token();
    let now = state.now();
    let org = state
        .store
        .org(&user.org)
        .await?
        .ok_or_else(|| ApiError::internal("user without organisation"))?;
    let setup_two_factor = two_factor::setup_required(user, org.admins_two_factor());
    let session = NewSession {
        token_hash: hash_token(&token),
        device,
        created_at: now,
        expires_at: now + Duration::hours(i64::from(state.config.session_max_hours)),
        setup_two_factor,
    };
    state.store.create_session(&user.org, &user.id, session).await?;
    Ok(StartedSession {
        token,
        view: SessionView {
            user: user.view(),
            organisation: org.view(),
            two_factor_setup_required: setup_two_factor,
        },
    })
}

pub async fn session_view(state: &AppState, current: &CurrentUser) -> ApiResult<SessionView> {
    let org = state
        .store
        .org(current.org())
        .await?
        .ok_or_else(|| ApiError::internal("user without organisation"))?;
    Ok(SessionView {
        user: current.user.view(),
        organisation: org.view(),
        two_factor_setup_required: current.session.setup_two_factor == Some(true),
    })
}

/// Checks a session token from a cookie: it must exist, be within its idle and
/// absolute lifetimes, and belong to an active user. Expired sessions are removed.
pub async fn authenticate(state: &AppState, token: &str) -> ApiResult<CurrentUser> {
    let session = state
        .store
        .session_by_token_hash(&hash_token(token))
        .await?
        .ok_or_else(ApiError::unauthenticated)?;
    let now = state.now();
    if !is_live(state, &session, now) {
        state.store.delete_session(&session).await?;
        return Err(ApiError::unauthenticated());
    }
    let user = state
        .store
        .user(&session.org, &session.user)
        .await?
        .filter(|u| u.active)
        .ok_or_else(ApiError::unauthenticated)?;
    // Writing on every request would turn reads into writes; a minute's precision
    // is plenty for an idle timeout counted in hours.
    // The stamp is best-effort: a request never fails for want of it, and a lost
    // one is written by the next request a minute on.
    if now - session.last_seen_at >= Duration::minutes(1)
        && let Err(e) = state.store.touch_session(&session, now).await
    {
        tracing::warn!(error = %e, "session not stamped as seen");
    }
    Ok(CurrentUser { user, session })
}

/// Whether a session is still within its idle and absolute lifetimes.
fn is_live(state: &AppState, session: &SessionRow, now: DateTime<Utc>) -> bool {
    let idle_limit = Duration::minutes(i64::from(state.config.session_idle_minutes));
    now < session.expires_at && now - session.last_seen_at < idle_limit
}

/// The caller's live sessions, most recently seen first, this one marked.
pub async fn sessions(state: &AppState, current: &CurrentUser) -> ApiResult<Vec<SessionInfo>> {
    let now = state.now();
    Ok(state
        .store
        .sessions_of(current.org(), &current.user.id)
        .await?
        .into_iter()
        .filter(|s| is_live(state, s, now))
        .map(|s| SessionInfo {
            current: s.id == current.session.id,
            id: key_of(&s.id),
            device: s.device,
            created_at: s.created_at,
            last_seen_at: s.last_seen_at,
        })
        .collect())
}

/// Signs one of the caller's sessions out (404 for anyone else's).
pub async fn end_session(state: &AppState, current: &CurrentUser, key: &str) -> ApiResult<()> {
    let ended = state
        .store
        .delete_owned(current.org(), &current.user.id, &id_from_key("session", key))
        .await?;
    if !ended {
        return Err(ApiError::not_found());
    }
    audit_own(state, current, AuditKind::SessionEnded).await
}

/// Signs out every session of the caller but this one.
pub async fn end_other_sessions(state: &AppState, current: &CurrentUser) -> ApiResult<()> {
    state.store.delete_other_sessions(&current.session).await?;
    audit_own(state, current, AuditKind::OtherSessionsEnded).await
}

/// Something the signed-in person did to their own account.
async fn audit_own(state: &AppState, current: &CurrentUser, kind: AuditKind) -> ApiResult<()> {
    audit::by(state, current, kind, current.user.email.clone()).await
}

pub async fn logout(state: &AppState, current: &CurrentUser) -> ApiResult<()> {
    state.store.delete_session(&current.session).await?;
    Ok(())
}

pub async fn update_profile(state: &AppState, current: &CurrentUser, req: UpdateProfileRequest) -> ApiResult<UserView> {
    if let Some(name) = &req.name {
        validate::name("name", name)?;
    }
    let user = state
        .store
        .update_profile(current.org(), &current.user.id, req.name, req.language)
        .await?
        .ok_or_else(ApiError::not_found)?;
    Ok(user.view())
}

/// The signed-in person proves it is them with their password (typed into `field`).
/// Wrong ones slow down like logins: a stolen session must not become an
/// unthrottled password oracle.
pub(crate) async fn confirm_own_password(
    state: &AppState,
    current: &CurrentUser,
    field: &'static str,
    password: &str,
) -> ApiResult<()> {
    validate::too_long(field, password, validate::PASSWORD_MAX_CHARS)?;
    let limits = throttle::password_change(&key_of(&current.user.id));
    let attempt = state
        .throttle
        .reserve(&limits, state.now())
        .await?
        .map_err(ApiError::rate_limited)?;
    if !verify_password(&current.user.password_hash, password).await {
        return Err(ApiError {
            field: Some(field.to_string()),
            ..ApiError::new(ErrorCode::InvalidCredentials, "the password is wrong")
        });
    }
    state.throttle.succeeded(attempt, &limits).await?;
    Ok(())
}

/// Changing the password ends the user's other sessions (a stolen session should
/// not survive the owner's reaction to it).
pub async fn change_password(state: &AppState, current: &CurrentUser, req: ChangePasswordRequest) -> ApiResult<()> {
    confirm_own_password(state, current, "current_password", &req.current_password).await?;
    validate::password("new_password", &req.new_password)?;
    refuse_common_password(
        "new_password",
        &req.new_password,
        &[&current.user.email, &current.user.name, &req.current_password],
    )?;
    let hash = hash_password(&req.new_password).await?;
    state
        .store
        .set_password_hash(current.org(), &current.user.id, hash)
        .await?;
    state.store.delete_other_sessions(&current.session).await?;
    audit_own(state, current, AuditKind::PasswordChanged).await
}
