//! The HTTP layer: the route tree and the middleware every request passes through.

mod body_limit;
mod compress_json;
pub mod conditional;
mod content_coding;
mod csrf;
pub mod extract;
mod json_errors;
mod request_log;
mod security;
mod static_files;
mod unsubscribe;

use poem::middleware::{CatchPanic, CookieJarManager};
use poem::{Endpoint, EndpointExt, IntoEndpoint, Route, get, handler, web::Data, web::Json};
use poem_openapi::OpenApiService;

use crate::api;
use crate::state::AppState;

pub use csrf::CSRF_COOKIE;
pub use extract::SESSION_COOKIE;

/// The whole application: API, health check, OpenAPI document and the app's files.
pub fn app(state: AppState) -> impl Endpoint {
    let api_service = OpenApiService::new(api::all(), "Kaiku API", env!("CARGO_PKG_VERSION"))
        .description("Customer feedback and counter-feedback. Errors share one shape: `{ \"error\": { \"code\", \"message\", \"field\"? } }`. Authentication is a session cookie set by login; state-changing requests carry the `X-CSRF-Token` header (token from `GET /auth/csrf`). The `/integrations` operations are for other systems: they authenticate with an organisation API key as `Authorization: Bearer <key>` (no cookies, no CSRF token), limited per key.")
        .server("/api/v1");
    let spec = api_service.spec_endpoint();
    let dist = state.config.dist_dir.clone();
    // The customer survey page: its own small bundle, opened at `/s/<token>`.
    let survey = state.config.survey_dir();
    let csp = security::ContentSecurityPolicy::for_pages(vec![dist.join("index.html"), survey.join("index.html")]);
    let max_body = state.config.max_body_bytes as usize;

    let api = Route::new()
        .at("/openapi.json", spec)
        .nest("/", api_service)
        .with(csrf::CsrfProtection {
            cookie: state.config.cookie_name(CSRF_COOKIE),
        })
        .around(move |ep, req| body_limit::limit_body(ep, req, max_body))
        .around(json_errors::normalise)
        .around(compress_json::compress_json);

    let routes = Route::new()
        .nest("/api/v1", api)
        .nest("/api", json_errors::unknown_api_version.into_endpoint())
        .at("/healthz", get(healthz))
        .at("/s/*", static_files::PageFile::new(survey.join("index.html")))
        .nest("/survey", static_files::AppFiles::new(&survey))
        .at("/u/:token", get(unsubscribe::ask).post(unsubscribe::confirm))
        .nest("/", static_files::AppFiles::new(&dist))
        .around(json_errors::hide_plain_errors);
    let hsts = state.config.https();
    outer_layers(routes, csp, hsts).data(state)
}

/// What wraps every response, innermost first. A panic is caught inside the security
/// headers, so the page that answers it carries them like any other.
fn outer_layers(routes: impl Endpoint + 'static, csp: security::ContentSecurityPolicy, hsts: bool) -> impl Endpoint {
    routes
        .with(CatchPanic::new().with_handler(json_errors::panic_response))
        .with(security::SecurityHeaders::new(csp, hsts))
        .with(CookieJarManager::new())
        .around(request_log::log_request)
}

#[handler]
async fn healthz(Data(state): Data<&AppState>) -> poem::Response {
    use poem::IntoResponse;
    let healthy = state.store.is_healthy().await;
    let body = Json(kaiku_core::api::Health {
        status: if healthy { "ok" } else { "database unavailable" }.into(),
        version: env!("CARGO_PKG_VERSION").into(),
    });
    let status = if healthy {
        poem::http::StatusCode::OK
    } else {
        poem::http::StatusCode::SERVICE_UNAVAILABLE
    };
    body.with_status(status).into_response()
}

#[cfg(test)]
mod tests {
    use poem::test::TestClient;
    use poem::{Route, get, handler};

    #[handler]
    fn broken() -> &'static str {
        panic!("a bug in a handler")
    }

    #[tokio::test]
    async fn a_panic_is_answered_with_the_security_headers_and_the_error_shape() {
        let csp = super::security::ContentSecurityPolicy::for_pages(Vec::new());
        let app = super::outer_layers(Route::new().at("/broken", get(broken)), csp, false);
        let response = TestClient::new(app).get("/broken").send().await;
        response.assert_status(poem::http::StatusCode::INTERNAL_SERVER_ERROR);
        response.assert_header_exist("content-security-policy");
        response.assert_header("x-content-type-options", "nosniff");
        response.assert_header_exist("x-request-id");
        let body = response.0.into_body().into_string().await.unwrap();
        assert!(body.contains("\"code\":\"internal\""), "{body}");
        assert!(!body.contains("a bug in a handler"), "{body}");
    }
}
