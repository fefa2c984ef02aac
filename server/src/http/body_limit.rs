//! A ceiling on request bodies. poem's `SizeLimit` demands a Content-Length on
//! every request (a browser's GET has none) and trusts it; this reads at most
//! `max` bytes whatever the headers say.

use kaiku_core::ErrorCode;
use poem::{Body, Endpoint, Request, Result};

use crate::error::ApiError;

fn too_large() -> poem::Error {
    ApiError::new(ErrorCode::PayloadTooLarge, "the request body is too large").into()
}

pub async fn limit_body<E: Endpoint>(next: E, mut req: Request, max: usize) -> Result<E::Output> {
    let declared = req
        .headers()
        .get("content-length")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    if declared.is_some_and(|len| len > max as u64) {
        return Err(too_large());
    }
    let body = req.take_body();
    let bytes = body.into_bytes_limit(max).await.map_err(|e| match e {
        poem::error::ReadBodyError::PayloadTooLarge => too_large(),
        other => other.into(),
    })?;
    req.set_body(Body::from(bytes));
    next.call(req).await
}
