//! Lists given a page at a time, newest first, the older pages named by a `Link`
//! header (RFC 8288, as GitHub's API does): the body stays the list it always was.

use kaiku_core::api::next_page_link;
use poem_openapi::ApiResponse;
use poem_openapi::payload::Json;
use poem_openapi::types::{ParseFromJSON, ToJSON};

use crate::service::page::Page;

#[derive(ApiResponse)]
pub enum Paged<T: ParseFromJSON + ToJSON + Send + Sync> {
    /// A page, newest first; while older items remain, `Link` names their page:
    /// `<…?before=KEY>; rel="next"`.
    #[oai(status = 200)]
    Page(Json<Vec<T>>, #[oai(header = "Link")] Option<String>),
}

impl<T: ParseFromJSON + ToJSON + Send + Sync> Paged<T> {
    /// The page of `path` (the list's own path), linking to the next.
    pub fn new(page: Page<T>, path: &str) -> Paged<T> {
        let link = page.next.map(|key| next_page_link(path, &key));
        Paged::Page(Json(page.items), link)
    }
}
