//! A request id for every request (reused from `X-Request-Id` when the caller sent
//! a sane one), a tracing span carrying it, and one log line per response.

use std::time::Instant;

use poem::{Endpoint, IntoResponse, Request, Response, Result};
use tracing::Instrument;

pub const REQUEST_ID_HEADER: &str = "X-Request-Id";

fn request_id(req: &Request) -> String {
    req.headers()
        .get(REQUEST_ID_HEADER)
        .and_then(|v| v.to_str().ok())
        .filter(|id| !id.is_empty() && id.len() <= 64 && id.chars().all(|c| c.is_ascii_alphanumeric() || c == '-'))
        .map(str::to_string)
        .unwrap_or_else(|| uuid::Uuid::new_v4().simple().to_string())
}

pub async fn log_request<E: Endpoint>(next: E, req: Request) -> Result<Response> {
    let id = request_id(&req);
    let span = tracing::info_span!("request", request_id = %id, method = %req.method(), path = %req.uri().path());
    async move {
        let started = Instant::now();
        let mut response = next
            .call(req)
            .await
            .map(IntoResponse::into_response)
            .unwrap_or_else(|e| e.into_response());
        let status = response.status().as_u16();
        let millis = started.elapsed().as_millis() as u64;
        if status >= 500 {
            tracing::error!(status, millis, "response");
        } else {
            tracing::info!(status, millis, "response");
        }
        if let Ok(value) = id.parse() {
            response.headers_mut().insert(REQUEST_ID_HEADER, value);
        }
        Ok(response)
    }
    .instrument(span)
    .await
}
