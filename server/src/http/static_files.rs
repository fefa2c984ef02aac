//! The built app's files (`dist/`): the brotli or gzip copy the build wrote beside a
//! file when the browser accepts it, cached for a year when the name carries Trunk's
//! content hash and revalidated (ETag → 304) otherwise; unknown paths get the app's
//! `index.html` so the app's router shows the page. Errors are the API's JSON shape
//! and never name a path on the server.

use std::path::{Path, PathBuf};
use std::time::UNIX_EPOCH;

use kaiku_core::ErrorCode;
use poem::http::header::{CACHE_CONTROL, CONTENT_ENCODING, CONTENT_TYPE, ETAG, IF_NONE_MATCH, VARY};
use poem::http::{HeaderValue, Method, StatusCode};
use poem::{Body, Endpoint, IntoResponse, Request, Response, Result};

use super::conditional::none_match;
use super::content_coding::{Coding, negotiate};
use crate::error::{ApiError, error_response};

const IMMUTABLE: &str = "public, max-age=31536000, immutable";
/// Stored, but checked with the server (ETag) before each use: a deploy shows at once.
const REVALIDATE: &str = "no-cache";

/// Serves `dist/`: a file by its path, a directory by its `index.html`, anything
/// else by the app's `index.html` (the single-page app's own routes).
pub struct AppFiles {
    dist: PathBuf,
}

impl AppFiles {
    pub fn new(dist: &Path) -> AppFiles {
        AppFiles {
            dist: dist.to_path_buf(),
        }
    }

    async fn file_for(&self, request_path: &str) -> PathBuf {
        let Some(relative) = plain_relative_path(request_path) else {
            return self.dist.join("index.html");
        };
        let candidate = self.dist.join(relative);
        if is_file(&candidate).await {
            candidate
        } else if is_file(&candidate.join("index.html")).await {
            candidate.join("index.html")
        } else {
            self.dist.join("index.html")
        }
    }
}

impl Endpoint for AppFiles {
    type Output = Response;

    async fn call(&self, req: Request) -> Result<Response> {
        let file = self.file_for(req.uri().path()).await;
        Ok(serve(&req, &file).await)
    }
}

/// One page for every path under it: the survey page at `/s/<token>`.
pub struct PageFile {
    page: PathBuf,
}

impl PageFile {
    pub fn new(page: PathBuf) -> PageFile {
        PageFile { page }
    }
}

impl Endpoint for PageFile {
    type Output = Response;

    async fn call(&self, req: Request) -> Result<Response> {
        Ok(serve(&req, &self.page).await)
    }
}

/// The request's path relative to `dist/`, or None when it could leave the directory
/// or name a hidden file. Not percent-decoded: the build's file names are plain ASCII,
/// so an encoded path matches no file and gets the app's page like any unknown path.
fn plain_relative_path(request_path: &str) -> Option<PathBuf> {
    let mut relative = PathBuf::new();
    for segment in request_path.split('/').filter(|segment| !segment.is_empty()) {
        if segment.starts_with('.') || segment.contains('\\') || segment.contains('\0') {
            return None;
        }
        relative.push(segment);
    }
    Some(relative)
}

async fn serve(req: &Request, file: &Path) -> Response {
    if req.method() != Method::GET && req.method() != Method::HEAD {
        let mut response = error_response(
            StatusCode::METHOD_NOT_ALLOWED,
            &ApiError::new(ErrorCode::NotFound, "the app's files are only read (GET)").body(),
        );
        response
            .headers_mut()
            .insert("Allow", HeaderValue::from_static("GET, HEAD"));
        return response;
    }
    let copies = compressed_copies(file).await;
    let available: Vec<Coding> = copies.iter().map(|(coding, _)| *coding).collect();
    let coding = negotiate(req.headers(), &available);
    let sent = copies
        .into_iter()
        .find(|(candidate, _)| *candidate == coding)
        .map_or_else(|| file.to_path_buf(), |(_, path)| path);

    let Ok(metadata) = tokio::fs::metadata(&sent).await else {
        return ApiError::new(ErrorCode::NotFound, "no such page; the app is not built on this server").into_response();
    };
    let etag = entity_tag(&metadata, coding);
    let mut response = if if_none_match(req, &etag) {
        Response::builder().status(StatusCode::NOT_MODIFIED).finish()
    } else {
        match tokio::fs::read(&sent).await {
            Ok(contents) => {
                let mut response = Response::builder()
                    .header(CONTENT_TYPE, content_type(file))
                    .body(Body::from(contents));
                if coding != Coding::Identity {
                    response
                        .headers_mut()
                        .insert(CONTENT_ENCODING, HeaderValue::from_static(coding.token()));
                }
                response
            }
            Err(err) => {
                // The path is for the operator's log only.
                return ApiError::internal(format!("reading {}: {err}", sent.display())).into_response();
            }
        }
    };
    let headers = response.headers_mut();
    headers.insert(VARY, HeaderValue::from_static("Accept-Encoding"));
    headers.insert(
        CACHE_CONTROL,
        HeaderValue::from_static(if is_content_hashed(file) { IMMUTABLE } else { REVALIDATE }),
    );
    if let Ok(value) = HeaderValue::from_str(&etag) {
        headers.insert(ETAG, value);
    }
    response
}

/// The `.br` and `.gz` copies the build wrote beside `file`, those that exist.
async fn compressed_copies(file: &Path) -> Vec<(Coding, PathBuf)> {
    let mut copies = Vec::new();
    for (coding, suffix) in [(Coding::Brotli, "br"), (Coding::Gzip, "gz")] {
        let mut name = file.as_os_str().to_owned();
        name.push(".");
        name.push(suffix);
        let copy = PathBuf::from(name);
        if is_file(&copy).await {
            copies.push((coding, copy));
        }
    }
    copies
}

async fn is_file(path: &Path) -> bool {
    tokio::fs::metadata(path).await.is_ok_and(|metadata| metadata.is_file())
}

/// One tag per stored representation: size and modification time of the file sent,
/// and its coding (the brotli and gzip bodies are different entities).
fn entity_tag(metadata: &std::fs::Metadata, coding: Coding) -> String {
    let modified = metadata
        .modified()
        .ok()
        .and_then(|time| time.duration_since(UNIX_EPOCH).ok())
        .map_or(0, |since| since.as_nanos());
    format!("\"{:x}-{modified:x}-{}\"", metadata.len(), coding.token())
}

/// `If-None-Match` names the representation the browser holds.
fn if_none_match(req: &Request, etag: &str) -> bool {
    let held = req
        .headers()
        .get_all(IF_NONE_MATCH)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(','));
    none_match(held, etag)
}

fn content_type(file: &Path) -> String {
    let mime = mime_guess::from_path(file).first_or_octet_stream();
    let is_text = mime.type_() == mime_guess::mime::TEXT
        || matches!(mime.subtype().as_str(), "javascript" | "json" | "xml" | "svg");
    if is_text {
        format!("{}; charset=utf-8", mime.essence_str())
    } else {
        mime.essence_str().to_string()
    }
}

/// Trunk names its outputs `<name>-<hash>.<ext>` (the wasm `<name>-<hash>_bg.wasm`):
/// new content gets a new name, so such a file may be kept for good.
fn is_content_hashed(file: &Path) -> bool {
    let Some(stem) = file.file_stem().and_then(|stem| stem.to_str()) else {
        return false;
    };
    let stem = stem.strip_suffix("_bg").unwrap_or(stem);
    stem.rsplit_once('-')
        .is_some_and(|(_, hash)| hash.len() >= 8 && hash.bytes().all(|b| b.is_ascii_hexdigit()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trunk_hashed_names_are_recognised() {
        assert!(is_content_hashed(Path::new("dist/kaiku-app-3f2a1b0c9d8e7f6a.js")));
        assert!(is_content_hashed(Path::new("dist/kaiku-app-3f2a1b0c9d8e7f6a_bg.wasm")));
        assert!(is_content_hashed(Path::new("dist/survey/style-0123abcd4567ef89.css")));
        assert!(!is_content_hashed(Path::new("dist/index.html")));
        assert!(!is_content_hashed(Path::new("dist/sw.js")));
        assert!(!is_content_hashed(Path::new("dist/public/favicon.svg")));
        assert!(!is_content_hashed(Path::new("dist/kaiku-app.js")));
        assert!(!is_content_hashed(Path::new("dist/read-me.txt")));
    }

    #[test]
    fn paths_that_could_leave_dist_are_refused() {
        assert_eq!(
            plain_relative_path("/survey/app.js"),
            Some(PathBuf::from("survey/app.js"))
        );
        assert_eq!(plain_relative_path("/"), Some(PathBuf::new()));
        assert_eq!(plain_relative_path("/../Cargo.toml"), None);
        assert_eq!(plain_relative_path("/survey/../../etc/passwd"), None);
        assert_eq!(plain_relative_path("/.git/config"), None);
        assert_eq!(plain_relative_path("/a\\..\\b"), None);
    }

    #[test]
    fn text_types_carry_their_charset() {
        assert_eq!(content_type(Path::new("index.html")), "text/html; charset=utf-8");
        assert_eq!(content_type(Path::new("app.js")), "text/javascript; charset=utf-8");
        assert_eq!(content_type(Path::new("app_bg.wasm")), "application/wasm");
        assert_eq!(content_type(Path::new("favicon.svg")), "image/svg+xml; charset=utf-8");
    }
}
