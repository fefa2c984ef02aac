use chrono::{DateTime, Utc};
use kaiku_core::api::{
    AcceptInvitationRequest, InvitationPreview, InvitationView, InviteRequest, MailStatus, OutboxMessage,
    SecuritySettings, UpdateUserRequest, UserView,
};
use kaiku_core::audit::AuditEntry;
use poem::web::cookie::CookieJar;
use poem_openapi::param::Query;
use poem_openapi::{ApiResponse, OpenApi, param::Path, payload::Json};

use super::cookies;
use super::{ApiTags, NoContent, SessionStarted};
use crate::error::ApiResult;
use crate::http::extract::State;
use crate::http::extract::{ClientAddress, UserAgent};
use crate::service::auth::CurrentUser;
use crate::service::{audit, team, two_factor};
use kaiku_core::session::device_name;

pub struct TeamApi;

#[derive(ApiResponse)]
enum InvitationCreated {
    /// Created; `link` is shown once, and the email is in the outbox.
    #[oai(status = 201)]
    Created(Json<InvitationView>),
}

#[OpenApi(tag = "ApiTags::Team")]
impl TeamApi {
    /// Everyone in the caller's organisation.
    #[oai(path = "/users", method = "get", operation_id = "users")]
    async fn users(&self, state: State<'_>, current: CurrentUser) -> ApiResult<Json<Vec<UserView>>> {
        Ok(Json(team::users(&state, &current).await?))
    }

    /// Changes a user's role or deactivates/reactivates them (admins).
    #[oai(path = "/users/:id", method = "patch", operation_id = "update_user")]
    async fn update_user(
        &self,
        state: State<'_>,
        current: CurrentUser,
        id: Path<String>,
        body: Json<UpdateUserRequest>,
    ) -> ApiResult<Json<UserView>> {
        Ok(Json(team::update_user(&state, &current, &id.0, body.0).await?))
    }

    /// Open invitations (admins).
    #[oai(path = "/invitations", method = "get", operation_id = "invitations")]
    async fn invitations(&self, state: State<'_>, current: CurrentUser) -> ApiResult<Json<Vec<InvitationView>>> {
        Ok(Json(team::open_invitations(&state, &current).await?))
    }

    /// Invites a person by email (admins). The answer carries the link once.
    #[oai(path = "/invitations", method = "post", operation_id = "invite")]
    async fn invite(
        &self,
        state: State<'_>,
        current: CurrentUser,
        body: Json<InviteRequest>,
    ) -> ApiResult<InvitationCreated> {
        Ok(InvitationCreated::Created(Json(
            team::invite(&state, &current, body.0).await?,
        )))
    }

    /// Revokes an open invitation (admins).
    #[oai(path = "/invitations/:id", method = "delete", operation_id = "team_revoke")]
    async fn revoke(&self, state: State<'_>, current: CurrentUser, id: Path<String>) -> ApiResult<NoContent> {
        team::revoke_invitation(&state, &current, &id.0).await?;
        Ok(NoContent::Done)
    }

    /// What an invitation link opens; 410 when it is no longer valid. No login needed.
    #[oai(path = "/invitations/by-token/:token", method = "get", operation_id = "preview")]
    async fn preview(&self, state: State<'_>, token: Path<String>) -> ApiResult<Json<InvitationPreview>> {
        Ok(Json(team::preview(&state, &token.0).await?))
    }

    /// Accepts an invitation: creates the user and logs them in. Rate-limited per
    /// client address, like sign-up.
    #[oai(path = "/invitations/accept", method = "post", operation_id = "accept")]
    async fn accept(
        &self,
        state: State<'_>,
        jar: &CookieJar,
        address: ClientAddress,
        agent: UserAgent,
        body: Json<AcceptInvitationRequest>,
    ) -> ApiResult<SessionStarted> {
        let started = team::accept(&state, body.0, &address.0, device_name(&agent.0)).await?;
        cookies::set_session(jar, &started.token, &state.config);
        Ok(SessionStarted::Created(Json(started.view)))
    }

    /// The organisation's security log, newest first, 200 at a time (admins): sign-ups,
    /// logins, failed and throttled logins, password changes, role changes and
    /// deactivations, invitations, sessions signed out. `kind` filters; `before` pages.
    #[oai(path = "/audit", method = "get", operation_id = "audit_log")]
    async fn audit(
        &self,
        state: State<'_>,
        current: CurrentUser,
        kind: Query<Option<String>>,
        before: Query<Option<DateTime<Utc>>>,
    ) -> ApiResult<Json<Vec<AuditEntry>>> {
        Ok(Json(
            audit::entries(&state, &current, kind.0.as_deref(), before.0).await?,
        ))
    }

    /// The organisation's sign-in rules (admins).
    #[oai(path = "/settings/security", method = "get", operation_id = "security_settings")]
    async fn security_settings(&self, state: State<'_>, current: CurrentUser) -> ApiResult<Json<SecuritySettings>> {
        Ok(Json(two_factor::settings(&state, &current).await?))
    }

    /// Requires two-factor sign-in of admins, or stops (admins; only one who has it
    /// may require it). Admins without it may then only set it up.
    #[oai(path = "/settings/security", method = "put", operation_id = "security_settings_save")]
    async fn save_security_settings(
        &self,
        state: State<'_>,
        current: CurrentUser,
        body: Json<SecuritySettings>,
    ) -> ApiResult<Json<SecuritySettings>> {
        Ok(Json(two_factor::save_settings(&state, &current, body.0).await?))
    }

    /// Messages Kaiku has sent or recorded, newest first (admins).
    #[oai(path = "/outbox", method = "get", operation_id = "outbox")]
    async fn outbox(&self, state: State<'_>, current: CurrentUser) -> ApiResult<Json<Vec<OutboxMessage>>> {
        Ok(Json(team::outbox(&state, &current).await?))
    }

    /// Whether messages leave the outbox (an SMTP server is configured) (admins).
    #[oai(path = "/outbox/status", method = "get", operation_id = "mail_status")]
    async fn mail_status(&self, state: State<'_>, current: CurrentUser) -> ApiResult<Json<MailStatus>> {
        Ok(Json(team::mail_status(&state, &current)?))
    }

    /// Puts a failed message back in the queue for another attempt (admins).
    #[oai(path = "/outbox/:id/retry", method = "post", operation_id = "retry_message")]
    async fn retry_message(
        &self,
        state: State<'_>,
        current: CurrentUser,
        id: Path<String>,
    ) -> ApiResult<Json<OutboxMessage>> {
        Ok(Json(team::retry_message(&state, &current, &id.0).await?))
    }
}
