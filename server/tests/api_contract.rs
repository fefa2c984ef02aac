//! The API and its consumers agree, by test: the OpenAPI document lists every
//! operation the server has, each tagged, described and with its error shape; and
//! every path the app calls (`app/src/api.rs`) is one the document has.

mod common;

use std::collections::BTreeSet;

use common::TestApp;
use serde_json::Value;

/// Every operation of `/api/v1`. A new endpoint is added here on purpose, so the
/// review of its documentation is not skipped.
const OPERATIONS: &[&str] = &[
    "GET /accounts",
    "POST /accounts",
    "POST /accounts/import",
    "GET /accounts/{id}",
    "PUT /accounts/{id}",
    "GET /accounts/{id}/actions",
    "POST /accounts/{id}/archive",
    "GET /accounts/{id}/contacts",
    "POST /accounts/{id}/contacts",
    "GET /accounts/{id}/counter-feedback",
    "GET /accounts/{id}/cycle",
    "PUT /accounts/{id}/cycle",
    "POST /accounts/{id}/cycle/skip",
    "GET /accounts/{id}/evidence",
    "GET /accounts/{id}/health",
    "GET /accounts/{id}/overview",
    "GET /accounts/{id}/timeline",
    "GET /accounts/{id}/responses",
    "POST /accounts/{id}/restore",
    "GET /accounts/{id}/rounds",
    "POST /accounts/{id}/rounds",
    "GET /accounts/{id}/we-did",
    "POST /accounts/{id}/we-did/send",
    "PUT /accounts/{id}/we-did/{item}",
    "GET /auth/csrf",
    "POST /auth/login",
    "POST /auth/logout",
    "GET /auth/me",
    "POST /auth/signup",
    "POST /auth/signup/confirm",
    "DELETE /contacts/{id}",
    "PUT /contacts/{id}",
    "GET /counter-feedback/requests",
    "GET /counter-feedback/requests/{id}",
    "GET /audit",
    "GET /cycles/upcoming",
    "GET /heatmap",
    "GET /heatmap/history",
    "GET /heatmap/views",
    "POST /heatmap/views",
    "DELETE /heatmap/views/{id}",
    "GET /initiatives",
    "POST /initiatives",
    "GET /initiatives/suggestions",
    "POST /initiatives/suggestions/dismiss",
    "POST /initiatives/suggestions/take-up",
    "GET /initiatives/{id}",
    "PUT /initiatives/{id}",
    "POST /initiatives/{id}/status",
    "GET /digest",
    "GET /invitations",
    "POST /invitations",
    "POST /invitations/accept",
    "GET /invitations/by-token/{token}",
    "DELETE /invitations/{id}",
    "PATCH /me",
    "POST /me/password",
    "GET /me/sessions",
    "POST /me/sessions/sign-out-others",
    "POST /me/two-factor/setup",
    "POST /me/two-factor/confirm",
    "POST /me/two-factor/off",
    "GET /settings/security",
    "PUT /settings/security",
    "DELETE /me/sessions/{id}",
    "GET /outbox",
    "GET /outbox/status",
    "POST /outbox/{id}/retry",
    "GET /overdue",
    "GET /we-did/shares",
    "POST /responses/{id}/corrections",
    "POST /responses/{id}/not-a-point",
    "POST /responses/{id}/proposals",
    "GET /settings/brand",
    "PUT /settings/brand",
    "PUT /settings/brand/logo",
    "DELETE /settings/brand/logo",
    "GET /logos/{id}",
    "GET /settings/follow-up",
    "PUT /settings/follow-up",
    "GET /settings/health-weights",
    "PUT /settings/health-weights",
    "POST /settings/health-weights/preview",
    "GET /settings/schedule",
    "PUT /settings/schedule",
    "GET /settings/themes",
    "PUT /settings/themes",
    "GET /settings/language-model",
    "PUT /settings/language-model",
    "POST /survey-links/{id}/resend",
    "POST /survey-links/{id}/revoke",
    "GET /survey-templates",
    "DELETE /survey-templates/{id}",
    "PUT /survey-templates/{id}",
    "GET /survey/{token}",
    "PUT /survey/{token}/answers",
    "POST /survey/{token}/submit",
    "POST /sync",
    "GET /users",
    "PATCH /users/{id}",
    "GET /cases",
    "POST /cases",
    "GET /cases/counts",
    "GET /cases/stats",
    "GET /cases/{id}",
    "POST /cases/{id}/steps",
    "GET /cases/{id}/email-draft",
    "POST /cases/{id}/close",
    "POST /cases/{id}/reopen",
    "POST /cases/{id}/reassign",
    "GET /settings/cases",
    "PUT /settings/cases",
    "GET /accounts/{id}/outcomes",
    "POST /accounts/{id}/outcomes",
    "PUT /outcomes/{id}",
    "POST /outcomes/import",
    "GET /accounts/{id}/snapshots",
    "GET /backtest",
    "POST /backtest/apply-weights",
    "GET /accounts/{id}/promises",
    "POST /accounts/{id}/promises",
    "GET /promises/alerts",
    "GET /promises/review",
    "GET /segments/needs",
    "PUT /segments/needs",
    "POST /privacy/lookups",
    "POST /privacy/exports",
    "POST /privacy/erasures",
    "GET /settings/retention",
    "PUT /settings/retention",
    "POST /accounts/{id}/deletion",
    "DELETE /accounts/{id}/deletion",
    "POST /organisation/deletion",
    "DELETE /organisation/deletion",
    "GET /settings/topic-owners",
    "PUT /settings/topic-owners",
    "GET /topics/mine",
    "GET /trends",
    "GET /response-rates",
    "POST /topics/items/{id}/replies",
    "POST /topics/items/{id}/initiative",
    "POST /topics/items/{id}/seen",
    "POST /topics/items/{id}/not-about",
    "GET /accounts/{id}/messages",
    "POST /accounts/{id}/messages",
    "GET /messages",
    "GET /messages/unmatched",
    "POST /messages/import",
    "GET /messages/counts",
    "POST /messages/seen",
    "GET /messages/{id}",
    "POST /messages/{id}/assign",
    "POST /messages/{id}/corrections",
    "POST /integrations/messages",
    "POST /integrations/messages/batch",
    "GET /integrations/messages",
    "GET /settings/api-keys",
    "POST /settings/api-keys",
    "POST /settings/api-keys/{id}/revoke",
    "GET /settings/webhooks",
    "POST /settings/webhooks",
    "DELETE /settings/webhooks/{id}",
    "GET /settings/webhooks/deliveries",
    "POST /settings/webhooks/deliveries/{id}/resend",
    "GET /settings/mailbox",
    "PUT /settings/mailbox",
    "DELETE /settings/mailbox",
    "POST /settings/mailbox/check",
];

async fn openapi() -> Value {
    let app = TestApp::new().await;
    let reply = app.browser().get("/api/v1/openapi.json").await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    reply.body
}

/// `(METHOD, path)` of every operation in the document.
fn operations(spec: &Value) -> BTreeSet<(String, String)> {
    let mut found = BTreeSet::new();
    for (path, item) in spec["paths"].as_object().expect("paths") {
        for method in item.as_object().expect("a path item").keys() {
            found.insert((method.to_uppercase(), path.clone()));
        }
    }
    found
}

#[tokio::test]
async fn the_document_lists_exactly_the_known_operations() {
    let spec = openapi().await;
    let listed: BTreeSet<(String, String)> = OPERATIONS
        .iter()
        .map(|op| {
            let (method, path) = op.split_once(' ').unwrap();
            (method.to_string(), path.to_string())
        })
        .collect();
    assert_eq!(listed.len(), OPERATIONS.len(), "an operation is listed twice");
    let documented = operations(&spec);
    let unlisted: Vec<_> = documented.difference(&listed).collect();
    let missing: Vec<_> = listed.difference(&documented).collect();
    assert!(unlisted.is_empty(), "served but not listed in OPERATIONS: {unlisted:?}");
    assert!(missing.is_empty(), "listed but not in openapi.json: {missing:?}");
}

#[tokio::test]
async fn every_operation_is_tagged_described_and_documents_its_errors() {
    let spec = openapi().await;
    let tags: BTreeSet<&str> = spec["tags"]
        .as_array()
        .expect("the document names its tags")
        .iter()
        .filter_map(|t| t["name"].as_str())
        .collect();
    let mut operation_ids = BTreeSet::new();
    for (method, path) in operations(&spec) {
        let op = &spec["paths"][&path][method.to_lowercase()];
        let name = format!("{method} {path}");
        let op_tags = op["tags"].as_array().map(Vec::as_slice).unwrap_or_default();
        assert!(!op_tags.is_empty(), "{name} has no tag");
        for tag in op_tags {
            assert!(
                tags.contains(tag.as_str().unwrap_or_default()),
                "{name}: unknown tag {tag}"
            );
        }
        let described = [&op["summary"], &op["description"]]
            .iter()
            .any(|text| text.as_str().is_some_and(|t| !t.trim().is_empty()));
        assert!(described, "{name} has no summary or description");
        let id = op["operationId"].as_str().unwrap_or_default().to_string();
        assert!(!id.is_empty(), "{name} has no operationId");
        assert!(
            operation_ids.insert(id.clone()),
            "{name}: operationId {id} is used twice"
        );
        let responses = op["responses"].as_object().expect("responses");
        assert!(
            responses
                .keys()
                .any(|status| status.starts_with('2') || status == "204"),
            "{name} documents no success"
        );
        let error = responses
            .get("default")
            .unwrap_or_else(|| panic!("{name} documents no error response"));
        assert_eq!(
            error["content"]["application/json; charset=utf-8"]["schema"]["$ref"], "#/components/schemas/ApiErrorBody",
            "{name}: errors are not in the one error shape"
        );
    }
}

/// `(METHOD, path)` of each request `app/src/api.rs` makes, path parameters as `{}`
/// and without the query.
fn app_calls() -> Vec<(String, String)> {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../app/src/api.rs");
    let source = std::fs::read_to_string(path).expect("the app's API client");
    let mut calls = Vec::new();
    // `json(Method::Get, "/path", …)`, `empty(Method::Post, &format!("/path/{}", …), …)`,
    // `send(Method::Post, "/path", …)` (a reply read by its status).
    for start in ["json(", "empty(", "send("] {
        for (at, _) in source.match_indices(start) {
            let rest = source[at + start.len()..].trim_start();
            let Some(rest) = rest.strip_prefix("Method::") else {
                continue;
            };
            let method: String = rest.chars().take_while(char::is_ascii_alphabetic).collect();
            let argument = rest[method.len()..].trim_start_matches([',', ' ']);
            // A path built elsewhere (`paged`'s) is found where it is built.
            if !(argument.starts_with('"') || argument.starts_with("&format!(\"")) {
                continue;
            }
            let literal = rest.split('"').nth(1).expect("a path literal after the method");
            calls.push((method.to_uppercase(), literal.to_string()));
        }
    }
    // `paged(&format!("/path", …), before)`: lists read a page at a time.
    for (at, _) in source.match_indices("paged(&format!(\"") {
        let rest = &source[at + "paged(&format!(\"".len()..];
        let literal = rest.split('"').next().unwrap_or_default();
        calls.push(("GET".to_string(), literal.to_string()));
    }
    // The CSRF token is fetched directly, before any other call.
    for (at, _) in source.match_indices("Request::get(&format!(\"{BASE}") {
        let rest = &source[at + "Request::get(&format!(\"{BASE}".len()..];
        let literal = rest.split('"').next().unwrap_or_default();
        calls.push(("GET".to_string(), literal.to_string()));
    }
    calls
        .into_iter()
        .map(|(method, literal)| {
            let path = literal.split('?').next().unwrap_or_default();
            let path = path
                .split('/')
                .map(|segment| match segment.split_once('{') {
                    Some(("", _)) => "{}",
                    // `evidence{query}`: a query string built apart.
                    Some((literal, _)) => literal,
                    None => segment,
                })
                .collect::<Vec<_>>()
                .join("/");
            (method, path)
        })
        .collect()
}

/// Whether an app path (`{}` for any segment) is the document's `path`.
fn same_path(app: &str, documented: &str) -> bool {
    let (app, documented): (Vec<&str>, Vec<&str>) = (app.split('/').collect(), documented.split('/').collect());
    app.len() == documented.len()
        && app
            .iter()
            .zip(&documented)
            .all(|(a, d)| *a == "{}" || a == d && !d.starts_with('{'))
}

#[tokio::test]
async fn every_path_the_app_calls_is_served() {
    let spec = openapi().await;
    let documented = operations(&spec);
    let calls = app_calls();
    assert!(calls.len() >= 50, "the app's calls were not found: {calls:?}");
    for (method, path) in &calls {
        assert!(path.starts_with('/'), "not a path: {path}");
        let served = documented.iter().any(|(m, p)| m == method && same_path(path, p));
        assert!(
            served,
            "the app calls {method} {path}, which openapi.json does not have"
        );
    }
}

#[test]
fn the_app_path_matcher_tells_paths_apart() {
    assert!(same_path("/accounts/{}/cycle", "/accounts/{id}/cycle"));
    assert!(same_path("/accounts/{}/{}", "/accounts/{id}/archive"));
    assert!(!same_path("/accounts/{}/cycles", "/accounts/{id}/cycle"));
    assert!(!same_path("/accounts/archive", "/accounts/{id}"));
    assert!(!same_path("/accounts/{}", "/accounts/{id}/cycle"));
}
