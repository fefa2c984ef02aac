//! Typed extractors: the signed-in user and the client's address.

use poem::{FromRequest, Request, RequestBody, web::RemoteAddr};

use kaiku_core::ErrorCode;

use crate::error::ApiError;
use crate::service::auth::{self, CurrentUser};
use crate::state::AppState;

pub const SESSION_COOKIE: &str = "kaiku_session";

fn state(req: &Request) -> Result<&AppState, ApiError> {
    req.data::<AppState>()
        .ok_or_else(|| ApiError::internal("application state missing"))
}

/// The session's user, whatever the session may do.
async fn session_user(req: &Request) -> Result<CurrentUser, ApiError> {
    let state = state(req)?;
    let token = req
        .cookie()
        .get(&state.config.cookie_name(SESSION_COOKIE))
        .map(|c| c.value_str().to_string())
        .ok_or_else(ApiError::unauthenticated)?;
    auth::authenticate(state, &token).await
}

/// A session that must set up two-factor sign-in first reaches nothing through this
/// extractor: only through [`SettingUpTwoFactor`].
impl<'a> FromRequest<'a> for CurrentUser {
    async fn from_request(req: &'a Request, _body: &mut RequestBody) -> poem::Result<Self> {
        let current = session_user(req).await?;
        if current.session.setup_two_factor == Some(true) {
            return Err(ApiError::new(
                ErrorCode::TwoFactorSetupRequired,
                "your organisation requires two-factor sign-in of admins: set it up first",
            )
            .into());
        }
        Ok(current)
    }
}

/// The signed-in user, also in a session that may only set up two-factor sign-in:
/// for reading the session, signing out, and the set-up itself.
pub struct SettingUpTwoFactor(pub CurrentUser);

impl<'a> FromRequest<'a> for SettingUpTwoFactor {
    async fn from_request(req: &'a Request, _body: &mut RequestBody) -> poem::Result<Self> {
        Ok(SettingUpTwoFactor(session_user(req).await?))
    }
}

/// The client's IP address, for rate limiting. Kaiku is expected to be reached
/// directly or through a proxy on the same host; forwarded headers are not trusted.
pub struct ClientAddress(pub String);

impl<'a> FromRequest<'a> for ClientAddress {
    async fn from_request(req: &'a Request, _body: &mut RequestBody) -> poem::Result<Self> {
        let addr: &RemoteAddr = req.remote_addr();
        let ip = addr
            .as_socket_addr()
            .map(|a| a.ip().to_string())
            .unwrap_or_else(|| addr.to_string());
        Ok(ClientAddress(ip))
    }
}

/// The client's `User-Agent` header (empty when there is none), to name the device
/// a session starts on.
pub struct UserAgent(pub String);

impl<'a> FromRequest<'a> for UserAgent {
    async fn from_request(req: &'a Request, _body: &mut RequestBody) -> poem::Result<Self> {
        let agent = req
            .headers()
            .get(poem::http::header::USER_AGENT)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default();
        Ok(UserAgent(agent.to_string()))
    }
}

/// The state as a poem-openapi parameter.
pub type State<'a> = poem::web::Data<&'a AppState>;
