//! Turns every error under `/api` into the one JSON shape, whatever raised it:
//! handlers, poem-openapi's request parsing, the size limit, unknown routes; and
//! every other plain-text error (static files, routing) into that shape or, for a
//! page request, a plain HTML page — neither ever repeating the error's own text.

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
    Ok(shaped(status, code, message))
}

fn shaped(status: StatusCode, code: ErrorCode, message: String) -> Response {
    let body = ApiErrorBody {
        error: ApiErrorDetail {
            code,
            message,
            field: None,
            retry_after_secs: None,
        },
    };
    error_response(status, &body)
}

/// Errors outside the API that are neither JSON nor one of our own HTML pages come from
/// poem's static files and router, whose texts name files on the server
/// (`forbidden: /srv/kaiku/Cargo.toml`): only the status is kept.
pub async fn hide_plain_errors<E: Endpoint>(next: E, req: Request) -> Result<Response> {
    let wants_page = req
        .headers()
        .get(poem::http::header::ACCEPT)
        .and_then(|accept| accept.to_str().ok())
        .is_some_and(|accept| accept.contains("text/html"));
    let response = match next.call(req).await {
        Ok(output) => output.into_response(),
        Err(err) => err.into_response(),
    };
    let status = response.status();
    let described_by_us = response
        .content_type()
        .is_some_and(|ct| ct.starts_with("application/json") || ct.starts_with("text/html"));
    if !(status.is_client_error() || status.is_server_error()) || described_by_us {
        return Ok(response);
    }
    let reason = status.canonical_reason().unwrap_or("Error");
    if wants_page {
        let page = format!(
            "<!doctype html><html lang=\"en\"><meta charset=\"utf-8\"><title>{reason}</title><h1>{} {reason}</h1><p><a href=\"/\">Kaiku</a></p></html>",
            status.as_u16()
        );
        return Ok(Response::builder()
            .status(status)
            .content_type("text/html; charset=utf-8")
            .body(page));
    }
    let code = ErrorCode::from_status(status.as_u16());
    let message = match code {
        ErrorCode::Internal => "something went wrong on the server; it has been logged".to_string(),
        ErrorCode::NotFound => "not found".to_string(),
        _ => reason.to_lowercase(),
    };
    Ok(shaped(status, code, message))
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
