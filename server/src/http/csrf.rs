//! CSRF protection by double submit: a random token lives in a `SameSite=Strict`
//! cookie, and every state-changing request must repeat it in the `X-CSRF-Token`
//! header. A page on another site can neither read the cookie nor set the header.
//! The session cookie is also `SameSite=Strict`, so this is a second fence.

use kaiku_core::ErrorCode;
use kaiku_core::api::CSRF_HEADER;
use poem::http::Method;
use poem::{Endpoint, Middleware, Request, Result};

use kaiku_core::audit::AuditKind;

use super::extract::SESSION_COOKIE;
use super::request_log::loggable_path;
use crate::error::ApiError;
use crate::service::secrets::constant_time_eq;
use crate::service::{audit, auth};
use crate::state::AppState;

pub const CSRF_COOKIE: &str = "kaiku_csrf";

/// `cookie`: the CSRF cookie's name as this server sets it (`Config::cookie_name`).
pub struct CsrfProtection {
    pub cookie: String,
}

impl<E: Endpoint> Middleware<E> for CsrfProtection {
    type Output = CsrfEndpoint<E>;

    fn transform(&self, ep: E) -> Self::Output {
        CsrfEndpoint {
            inner: ep,
            cookie: self.cookie.clone(),
        }
    }
}

pub struct CsrfEndpoint<E> {
    inner: E,
    cookie: String,
}

fn changes_state(method: &Method) -> bool {
    !matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS)
}

/// The survey page authenticates by the token in its path, never by a cookie, so a
/// forged cross-site request would gain nothing a guessed URL would not. The
/// integrations API authenticates only by an `Authorization: Bearer` API key, a
/// header no other site can make a browser send.
fn uses_no_cookies(path: &str) -> bool {
    ["/survey/", "/api/v1/survey/", "/integrations/", "/api/v1/integrations/"]
        .iter()
        .any(|prefix| path.starts_with(prefix))
}

/// A refusal of a request that carries a live session goes into that organisation's
/// security log. Without one there is nobody's log to write to (and a forged
/// cross-site request carries none: the session cookie is `SameSite=Strict`). The
/// refusal stands whether or not it could be recorded.
async fn record_refusal(req: &Request) {
    let Some(state) = req.data::<AppState>() else { return };
    let Some(token) = req.cookie().get(&state.config.cookie_name(SESSION_COOKIE)) else {
        return;
    };
    let Ok(current) = auth::authenticate(state, token.value_str()).await else {
        return;
    };
    // This layer sits inside `/api/v1`, which the nesting strips from the path.
    let detail = format!("{} /api/v1{}", req.method(), loggable_path(req.uri().path()));
    let address = req.remote_addr().as_socket_addr().map(|a| a.ip().to_string());
    let event = audit::Event {
        org: current.org(),
        kind: AuditKind::CsrfRefused,
        actor: Some(&current.user.id),
        detail,
        address: address.as_deref(),
    };
    if let Err(e) = audit::record(state, event).await {
        tracing::warn!(error = %e.body().error.message, "a CSRF refusal was not recorded");
    }
}

impl<E: Endpoint> Endpoint for CsrfEndpoint<E> {
    type Output = E::Output;

    async fn call(&self, req: Request) -> Result<Self::Output> {
        if changes_state(req.method()) && !uses_no_cookies(req.uri().path()) {
            let cookie = req.cookie().get(&self.cookie).map(|c| c.value_str().to_string());
            let header = req.headers().get(CSRF_HEADER).and_then(|v| v.to_str().ok());
            let valid = matches!((cookie.as_deref(), header), (Some(c), Some(h)) if !c.is_empty() && constant_time_eq(c.as_bytes(), h.as_bytes()));
            if !valid {
                record_refusal(&req).await;
                return Err(ApiError::new(
                    ErrorCode::CsrfFailed,
                    "missing or wrong X-CSRF-Token header; fetch one from GET /api/v1/auth/csrf",
                )
                .into());
            }
        }
        self.inner.call(req).await
    }
}
