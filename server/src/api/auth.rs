use kaiku_core::api::{ConfirmSignupRequest, CsrfToken, LoginRequest, SessionView, SignupPending, SignupRequest};
use poem::web::cookie::CookieJar;
use poem_openapi::{ApiResponse, OpenApi, payload::Json};

use super::cookies;
use super::{ApiTags, NoContent, SessionStarted};
use crate::error::ApiResult;
use crate::http::extract::{ClientAddress, SettingUpTwoFactor, State, UserAgent};
use crate::service::auth::{self, SignupOutcome};
use crate::service::signup;
use kaiku_core::session::device_name;

pub struct AuthApi;

#[OpenApi(tag = "ApiTags::Auth")]
impl AuthApi {
    /// The CSRF token to send as `X-CSRF-Token` on every state-changing request.
    #[oai(path = "/auth/csrf", method = "get", operation_id = "csrf")]
    // Its errors are the middleware's (the one error shape), as on every operation.
    async fn csrf(&self, state: State<'_>, jar: &CookieJar) -> ApiResult<Json<CsrfToken>> {
        Ok(Json(CsrfToken {
            token: cookies::csrf_token(jar, &state.config),
        }))
    }

    /// Creates an organisation with the caller as its first admin, and logs in (201).
    /// On a server that sends mail, first emails a link to confirm the address and
    /// answers 202 whether or not the address has an account. Rate-limited per client
    /// address, and its emails per address.
    #[oai(path = "/auth/signup", method = "post", operation_id = "signup")]
    async fn signup(
        &self,
        state: State<'_>,
        jar: &CookieJar,
        address: ClientAddress,
        agent: UserAgent,
        body: Json<SignupRequest>,
    ) -> ApiResult<SignupAnswer> {
        match auth::signup(&state, body.0, &address.0, device_name(&agent.0)).await? {
            SignupOutcome::Started(started) => {
                cookies::set_session(jar, &started.token, &state.config);
                Ok(SignupAnswer::Created(Json(started.view)))
            }
            SignupOutcome::Pending(pending) => Ok(SignupAnswer::Pending(Json(pending))),
        }
    }

    /// Creates the organisation a sign-up link was emailed for, and logs its admin in.
    /// A link works once, for a day.
    #[oai(path = "/auth/signup/confirm", method = "post", operation_id = "confirm_signup")]
    async fn confirm_signup(
        &self,
        state: State<'_>,
        jar: &CookieJar,
        address: ClientAddress,
        agent: UserAgent,
        body: Json<ConfirmSignupRequest>,
    ) -> ApiResult<SessionStarted> {
        let started = signup::confirm(&state, &body.0.token, &address.0, device_name(&agent.0)).await?;
        cookies::set_session(jar, &started.token, &state.config);
        Ok(SessionStarted::Created(Json(started.view)))
    }

    /// Logs in with email and password. Repeated failures are rate-limited per
    /// account and per client address.
    #[oai(path = "/auth/login", method = "post", operation_id = "login")]
    async fn login(
        &self,
        state: State<'_>,
        jar: &CookieJar,
        address: ClientAddress,
        agent: UserAgent,
        body: Json<LoginRequest>,
    ) -> ApiResult<SessionStarted> {
        let started = auth::login(&state, body.0, &address.0, device_name(&agent.0)).await?;
        cookies::set_session(jar, &started.token, &state.config);
        Ok(SessionStarted::Ok(Json(started.view)))
    }

    /// Ends the session on the server and clears the cookie.
    #[oai(path = "/auth/logout", method = "post", operation_id = "logout")]
    async fn logout(
        &self,
        state: State<'_>,
        jar: &CookieJar,
        SettingUpTwoFactor(current): SettingUpTwoFactor,
    ) -> ApiResult<NoContent> {
        auth::logout(&state, &current).await?;
        cookies::clear_session(jar, &state.config);
        Ok(NoContent::Done)
    }

    /// The signed-in user and organisation; 401 when there is no live session.
    #[oai(path = "/auth/me", method = "get", operation_id = "me")]
    async fn me(
        &self,
        state: State<'_>,
        SettingUpTwoFactor(current): SettingUpTwoFactor,
    ) -> ApiResult<Json<SessionView>> {
        Ok(Json(auth::session_view(&state, &current).await?))
    }
}

#[derive(ApiResponse)]
enum SignupAnswer {
    /// Created and logged in: the session cookie is set.
    #[oai(status = 201)]
    Created(Json<SessionView>),
    /// An email went to the address: its link creates the organisation.
    #[oai(status = 202)]
    Pending(Json<SignupPending>),
}
