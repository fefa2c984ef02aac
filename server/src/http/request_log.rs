//! A request id for every request (reused from `X-Request-Id` when the caller sent
//! a sane one), a tracing span carrying it, and one log line per response. Paths are
//! logged with their capability tokens redacted.

use std::borrow::Cow;
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
    let span = tracing::info_span!("request", request_id = %id, method = %req.method(), path = %loggable_path(req.uri().path()));
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

/// Routes whose next path segment is a capability: whoever holds the link may answer a
/// survey, opt a contact out or join an organisation, and logs are read by more people
/// (and kept longer) than the links are meant for.
const CAPABILITY_ROUTES: &[&[&str]] = &[
    &["s"],
    &["u"],
    &["invite"],
    &["signup", "confirm"],
    &["api", "v1", "survey"],
    &["api", "v1", "invitations", "by-token"],
];

const REDACTED: &str = "[redacted]";

/// The path as it may be written to a log: the token of a capability route, and any
/// segment shaped like one of our tokens wherever it appears, replaced by `[redacted]`.
pub fn loggable_path(path: &str) -> Cow<'_, str> {
    let segments: Vec<&str> = path.split('/').collect();
    // Routing ignores empty segments (`//s/x`), so matching must too.
    let named: Vec<usize> = (0..segments.len()).filter(|&i| !segments[i].is_empty()).collect();
    let capability = CAPABILITY_ROUTES.iter().find_map(|route| {
        let matches = named.len() > route.len()
            && route
                .iter()
                .zip(&named)
                .all(|(part, &i)| segments[i].eq_ignore_ascii_case(part));
        matches.then(|| named[route.len()])
    });
    let secret = |i: usize| Some(i) == capability || looks_like_token(segments[i]);
    if !(0..segments.len()).any(secret) {
        return Cow::Borrowed(path);
    }
    let redacted: Vec<&str> = (0..segments.len())
        .map(|i| if secret(i) { REDACTED } else { segments[i] })
        .collect();
    Cow::Owned(redacted.join("/"))
}

/// Our tokens are 256 bits in URL-safe base64 (`secrets::new_token`): 43 characters.
/// Record ids are shorter, so nothing else in a path has this shape.
fn looks_like_token(segment: &str) -> bool {
    segment.len() >= 40
        && segment
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_' || b == b'%')
}

#[cfg(test)]
mod tests {
    use super::loggable_path;

    #[test]
    fn capability_tokens_are_redacted_and_the_rest_of_the_path_kept() {
        let cases = [
            ("/s/abc", "/s/[redacted]"),
            ("/u/abc", "/u/[redacted]"),
            ("/invite/abc", "/invite/[redacted]"),
            ("/signup/confirm/abc", "/signup/confirm/[redacted]"),
            ("/api/v1/survey/abc", "/api/v1/survey/[redacted]"),
            ("/api/v1/survey/abc/answers", "/api/v1/survey/[redacted]/answers"),
            (
                "/api/v1/invitations/by-token/abc",
                "/api/v1/invitations/by-token/[redacted]",
            ),
            ("//S//abc/", "//S//[redacted]/"),
            ("/api/v1/accounts/x/contacts", "/api/v1/accounts/x/contacts"),
            ("/s", "/s"),
            ("/settings/team", "/settings/team"),
        ];
        for (path, logged) in cases {
            assert_eq!(loggable_path(path), logged, "{path}");
        }
        let token = crate::service::secrets::new_token();
        assert_eq!(
            loggable_path(&format!("/somewhere/{token}/else")),
            "/somewhere/[redacted]/else"
        );
    }
}
