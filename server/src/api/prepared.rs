//! Answers kept serialised (`service::prepared`) and revalidated by ETag: the body is
//! `T`'s JSON, made once; a browser holding it asks with `If-None-Match` and gets 304.

use std::marker::PhantomData;
use std::sync::Arc;

use poem::{IntoResponse, Response};
use poem_openapi::ApiResponse;
use poem_openapi::payload::Payload;
use poem_openapi::registry::{MetaSchemaRef, Registry};
use poem_openapi::types::Type;

use crate::http::conditional::none_match;
use crate::service::prepared::PreparedJson;

/// `T`'s JSON, serialised earlier. The response carries the kept answer as an
/// extension, so `compress_json` sends its compressed form made once too.
pub struct Prepared<T>(Arc<PreparedJson>, PhantomData<fn() -> T>);

const JSON: &str = "application/json; charset=utf-8";

impl<T: Type> Payload for Prepared<T> {
    const CONTENT_TYPE: &'static str = JSON;

    fn schema_ref() -> MetaSchemaRef {
        T::schema_ref()
    }

    fn register(registry: &mut Registry) {
        T::register(registry);
    }
}

impl<T: Send> IntoResponse for Prepared<T> {
    fn into_response(self) -> Response {
        let mut response = Response::builder().content_type(JSON).body(self.0.json().to_vec());
        response.extensions_mut().insert(self.0);
        response
    }
}

/// A browser may keep the answer but must ask before each use: it is the caller's
/// own and changes with every new answer or counter-feedback.
const REVALIDATE: &str = "private, no-cache";

#[derive(ApiResponse)]
pub enum Revalidated<T: Type + Send> {
    /// The answer; `ETag` names it, for `If-None-Match` next time.
    #[oai(status = 200)]
    Fresh(
        Prepared<T>,
        #[oai(header = "ETag")] String,
        #[oai(header = "Cache-Control")] String,
    ),
    /// The answer the browser holds (`If-None-Match`) is still the answer.
    #[oai(status = 304)]
    NotModified(#[oai(header = "ETag")] String, #[oai(header = "Cache-Control")] String),
}

impl<T: Type + Send> Revalidated<T> {
    pub fn answer(answer: Arc<PreparedJson>, if_none_match: Option<&str>) -> Revalidated<T> {
        let etag = answer.etag().to_string();
        if if_none_match.is_some_and(|held| none_match(held.split(','), &etag)) {
            Revalidated::NotModified(etag, REVALIDATE.to_string())
        } else {
            Revalidated::Fresh(Prepared(answer, PhantomData), etag, REVALIDATE.to_string())
        }
    }
}
