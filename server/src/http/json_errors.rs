//! Turns every error under `/api` into the one JSON shape, whatever raised it:
//! handlers, poem-openapi's request parsing, the size limit, unknown routes.

use std::any::Any;

use kaiku_core::{ApiErrorBody, ApiErrorDetail, ErrorCode};
use poem::http::StatusCode;
use poem::{Endpoint, IntoResponse, Request, Response, Result, handler};
use poem_openapi::error::ParseParamError;

use crate::error::{ApiError, error_response};

pub async fn normalise<E: Endpoint>(next: E, req: Request) -> Result<Response> {
    let response = match next.call(req).await {
        Ok(output) => output.into_response(),
        // A typed path or query parameter that does not parse names its field, as
        // the handlers' own validation does.
        Err(err) => match err.downcast_ref::<ParseParamError>() {
            Some(param) => ApiError::validation(param.name, format!("{} is not valid: {}", param.name, param.reason))
                .into_response(),
            None => err.into_response(),
        },
    };
    let status = response.status();
    let is_json = response
        .content_type()
        .is_some_and(|ct| ct.starts_with("application/json"));
    if !(status.is_client_error() || status.is_server_error()) || is_json {
        return Ok(response);
    }
    let code = ErrorCode::from_status(status.as_u16());
    let text = response.into_body().into_string().await.unwrap_or_default();
    let message = match code {
        // Only client mistakes are described; server faults stay in the log.
        ErrorCode::Internal => "something went wrong on the server; it has been logged".to_string(),
        ErrorCode::NotFound if text.is_empty() || text == "not found" => "no such endpoint".to_string(),
        ErrorCode::PayloadTooLarge => "the request body is too large".to_string(),
        _ if text.is_empty() => status.canonical_reason().unwrap_or("error").to_lowercase(),
        _ => text.chars().take(300).collect(),
    };
    let body = ApiErrorBody {
        error: ApiErrorDetail {
            code,
            message,
            field: None,
            retry_after_secs: None,
        },
    };
    Ok(error_response(status, &body))
}

pub fn panic_response(_panic: Box<dyn Any + Send + 'static>) -> Response {
    tracing::error!("a request handler panicked");
    ApiError::new(
        ErrorCode::Internal,
        "something went wrong on the server; it has been logged",
    )
    .into_response()
}

/// Any `/api/...` path outside `/api/v1`.
#[handler]
pub fn unknown_api_version() -> Response {
    error_response(
        StatusCode::NOT_FOUND,
        &ApiError::new(ErrorCode::NotFound, "no such endpoint; the API lives under /api/v1").body(),
    )
}
