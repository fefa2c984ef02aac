//! Security headers on every response, including a Content-Security-Policy that
//! allows no inline script except Trunk's loader, admitted by its hash.

use std::path::PathBuf;
use std::sync::{Arc, RwLock};
use std::time::{Duration, Instant, SystemTime};

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use poem::http::HeaderValue;
use poem::{Endpoint, IntoResponse, Middleware, Request, Response, Result};
use sha2::{Digest, Sha256};

/// How often the built pages are looked at again: a rebuild (`cargo xtask dev`, or a
/// deploy that replaces `dist/` under a running server) changes the loader's hash.
const RECHECK: Duration = Duration::from_secs(1);

/// Builds the policy, hashing each inline `<script>` of the built pages (the team
/// app's and the survey's `index.html`). Without a built app (tests, API-only use)
/// no inline script is allowed at all.
pub fn content_security_policy(pages: &[PathBuf]) -> String {
    let hashes: String = pages
        .iter()
        .map(|page| std::fs::read_to_string(page).unwrap_or_default())
        .flat_map(|html| {
            inline_scripts(&html)
                .map(|script| format!(" 'sha256-{}'", STANDARD.encode(Sha256::digest(script.as_bytes()))))
                .collect::<Vec<_>>()
        })
        .collect();
    format!(
        "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'{hashes}; style-src 'self'; \
         img-src 'self' data:; connect-src 'self'; font-src 'self'; object-src 'none'; \
         base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
    )
}

/// The policy for the built pages, computed again when one of them changes.
#[derive(Clone)]
pub struct ContentSecurityPolicy {
    pages: Arc<Vec<PathBuf>>,
    recheck: Duration,
    current: Arc<RwLock<Current>>,
}

struct Current {
    checked_at: Instant,
    stamps: Vec<Option<(SystemTime, u64)>>,
    header: HeaderValue,
}

impl ContentSecurityPolicy {
    pub fn for_pages(pages: Vec<PathBuf>) -> ContentSecurityPolicy {
        ContentSecurityPolicy::rechecked_every(pages, RECHECK)
    }

    fn rechecked_every(pages: Vec<PathBuf>, recheck: Duration) -> ContentSecurityPolicy {
        let current = Current {
            checked_at: Instant::now(),
            stamps: stamps(&pages),
            header: header(&pages),
        };
        ContentSecurityPolicy {
            pages: Arc::new(pages),
            recheck,
            current: Arc::new(RwLock::new(current)),
        }
    }

    /// The header for now: the cached one unless a page changed since it was made.
    fn header(&self) -> HeaderValue {
        if let Ok(current) = self.current.read()
            && current.checked_at.elapsed() < self.recheck
        {
            return current.header.clone();
        }
        let now_stamps = stamps(&self.pages);
        let Ok(mut current) = self.current.write() else {
            return header(&self.pages);
        };
        if current.stamps != now_stamps {
            current.header = header(&self.pages);
            current.stamps = now_stamps;
        }
        current.checked_at = Instant::now();
        current.header.clone()
    }
}

/// When each page was last written, and its size (a rebuild within one clock tick
/// still changes the loader's length when it changes its hash, almost always).
fn stamps(pages: &[PathBuf]) -> Vec<Option<(SystemTime, u64)>> {
    pages
        .iter()
        .map(|page| {
            let metadata = std::fs::metadata(page).ok()?;
            Some((metadata.modified().ok()?, metadata.len()))
        })
        .collect()
}

fn header(pages: &[PathBuf]) -> HeaderValue {
    HeaderValue::from_str(&content_security_policy(pages))
        .unwrap_or_else(|_| HeaderValue::from_static("default-src 'self'"))
}

/// The contents of `<script>` elements that have no `src`.
fn inline_scripts(html: &str) -> impl Iterator<Item = &str> {
    html.match_indices("<script").filter_map(move |(start, _)| {
        let open_end = start + html[start..].find('>')?;
        let open_tag = &html[start..open_end];
        if open_tag.contains(" src=") {
            return None;
        }
        let body_start = open_end + 1;
        let body_end = body_start + html[body_start..].find("</script>")?;
        Some(&html[body_start..body_end])
    })
}

pub struct SecurityHeaders {
    csp: ContentSecurityPolicy,
    hsts: bool,
}

impl SecurityHeaders {
    /// `hsts`: Kaiku's public URL is https, so browsers are told to use nothing else.
    pub fn new(csp: ContentSecurityPolicy, hsts: bool) -> SecurityHeaders {
        SecurityHeaders { csp, hsts }
    }
}

impl<E: Endpoint> Middleware<E> for SecurityHeaders {
    type Output = SecurityHeadersEndpoint<E>;

    fn transform(&self, ep: E) -> Self::Output {
        SecurityHeadersEndpoint {
            inner: ep,
            csp: self.csp.clone(),
            hsts: self.hsts,
        }
    }
}

pub struct SecurityHeadersEndpoint<E> {
    inner: E,
    csp: ContentSecurityPolicy,
    hsts: bool,
}

impl<E: Endpoint> Endpoint for SecurityHeadersEndpoint<E> {
    type Output = Response;

    async fn call(&self, req: Request) -> Result<Response> {
        let is_api = req.uri().path().starts_with("/api/");
        let mut response = match self.inner.call(req).await {
            Ok(output) => output.into_response(),
            Err(err) => err.into_response(),
        };
        let headers = response.headers_mut();
        headers.insert("Content-Security-Policy", self.csp.header());
        headers.insert("X-Content-Type-Options", HeaderValue::from_static("nosniff"));
        // Invitation tokens travel in URLs; never leak them to other sites.
        headers.insert("Referrer-Policy", HeaderValue::from_static("no-referrer"));
        headers.insert("X-Frame-Options", HeaderValue::from_static("DENY"));
        headers.insert(
            "Permissions-Policy",
            HeaderValue::from_static("camera=(), microphone=(), geolocation=()"),
        );
        // API answers are the caller's own, unless one says it may be kept (a logo,
        // whose address changes with it).
        if is_api && !headers.contains_key("Cache-Control") {
            headers.insert("Cache-Control", HeaderValue::from_static("no-store"));
        }
        if self.hsts {
            // Two years, the preload lists' minimum; subdomains are not Kaiku's to decide.
            headers.insert(
                "Strict-Transport-Security",
                HeaderValue::from_static("max-age=63072000"),
            );
        }
        Ok(response)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_inline_scripts_only() {
        let html = r#"<head><script src="/a.js"></script><script type="module">init('/x.wasm');</script></head>"#;
        let scripts: Vec<_> = inline_scripts(html).collect();
        assert_eq!(scripts, vec!["init('/x.wasm');"]);
    }

    #[test]
    fn policy_forbids_framing_and_unsafe_inline() {
        let csp = content_security_policy(&[PathBuf::from("/nonexistent/index.html")]);
        assert!(csp.contains("frame-ancestors 'none'"));
        assert!(!csp.contains("unsafe-inline"));
        assert!(csp.contains("'wasm-unsafe-eval'"));
    }

    #[test]
    fn policy_follows_a_rebuilt_page() {
        let dir = tempfile::tempdir().expect("temporary directory");
        let page = dir.path().join("index.html");
        std::fs::write(&page, "<script type=\"module\">init('/app-1.wasm');</script>").expect("write");
        let policy = ContentSecurityPolicy::rechecked_every(vec![page.clone()], Duration::ZERO);
        let before = policy.header();

        std::fs::write(&page, "<script type=\"module\">init('/app-22.wasm');</script>").expect("write");
        let after = policy.header();

        assert_ne!(before, after, "the loader's new hash is admitted");
        assert_eq!(after, header(&[page]));
    }
}
