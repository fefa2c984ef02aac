//! Compresses the API's JSON answers (brotli or gzip, as the client accepts) once
//! they are large enough for it to pay: the heatmap and account overviews shrink
//! tenfold, while a small answer would only grow by the encoder's framing.

use std::sync::Arc;

use poem::http::HeaderValue;
use poem::http::header::{CONTENT_ENCODING, VARY};
use poem::web::{Compress, CompressionAlgo, CompressionLevel};
use poem::{Endpoint, IntoResponse, Request, Response, Result};

use super::content_coding::{Coding, negotiate};
use crate::service::prepared::PreparedJson;

/// Below this a compressed body saves less than a network packet.
pub const MIN_COMPRESSED_BYTES: usize = 1024;

/// Brotli's quality 4 compresses about as well as gzip's default at a fraction of
/// its higher levels' CPU; the answers are made per request.
const BROTLI_QUALITY: i32 = 4;

pub async fn compress_json<E: Endpoint>(next: E, req: Request) -> Result<Response> {
    let coding = negotiate(req.headers(), &[Coding::Brotli, Coding::Gzip]);
    let mut response = match next.call(req).await {
        Ok(output) => output.into_response(),
        Err(err) => err.into_response(),
    };
    let is_json = response
        .content_type()
        .is_some_and(|ct| ct.starts_with("application/json"));
    if !is_json || response.headers().contains_key(CONTENT_ENCODING) {
        return Ok(response);
    }
    response
        .headers_mut()
        .insert(VARY, HeaderValue::from_static("Accept-Encoding"));
    let algo = match coding {
        Coding::Brotli => CompressionAlgo::BR,
        Coding::Gzip => CompressionAlgo::GZIP,
        Coding::Identity => return Ok(response),
    };
    // A kept answer is compressed once, however often it is sent.
    if let Some(prepared) = response.extensions().get::<Arc<PreparedJson>>().cloned()
        && prepared.json().len() >= MIN_COMPRESSED_BYTES
    {
        response.set_body(prepared.compressed(algo).await?.to_vec());
        response
            .headers_mut()
            .insert(CONTENT_ENCODING, HeaderValue::from_static(coding.token()));
        return Ok(response);
    }
    let body = response.take_body().into_bytes().await?;
    if body.len() < MIN_COMPRESSED_BYTES {
        response.set_body(body);
        return Ok(response);
    }
    let level = match algo {
        CompressionAlgo::BR => CompressionLevel::Precise(BROTLI_QUALITY),
        _ => CompressionLevel::Default,
    };
    response.set_body(body);
    Ok(Compress::new(response, algo).with_quality(level).into_response())
}
