//! Every error has one JSON shape and the right status; nothing panics through.

mod common;

use common::TestApp;
use serde_json::json;

#[tokio::test]
async fn unknown_endpoints_and_methods_answer_in_the_error_shape() {
    let app = TestApp::new().await;
    let browser = app.browser();
    let unknown = browser.get("/api/v1/no-such-thing").await;
    assert_eq!(unknown.status, 404);
    assert_eq!(unknown.code(), "not_found");
    let old_version = browser.get("/api/v0/users").await;
    assert_eq!(old_version.status, 404);
    assert_eq!(old_version.code(), "not_found");
    let wrong_method = browser.delete("/api/v1/auth/me").await;
    assert!(wrong_method.status == 405 || wrong_method.status == 404);
    wrong_method.code();
}

#[tokio::test]
async fn unreadable_bodies_get_bad_request_in_the_error_shape() {
    let app = TestApp::new().await;
    let browser = app.browser();
    let missing_fields = browser.post("/api/v1/auth/login", json!({"email": "a@b.fi"})).await;
    assert_eq!(missing_fields.status, 400);
    assert_eq!(missing_fields.code(), "bad_request");
    let wrong_type = browser
        .post("/api/v1/auth/login", json!({"email": 5, "password": []}))
        .await;
    assert_eq!(wrong_type.code(), "bad_request");
    let not_json = browser.post("/api/v1/auth/login", json!("just a string")).await;
    assert_eq!(not_json.status, 400);
    not_json.code();
}

#[tokio::test]
async fn bodies_over_the_size_limit_are_refused_with_413() {
    let app = TestApp::new().await;
    let browser = app.browser();
    let huge = "x".repeat(2 * 1024 * 1024);
    let reply = browser
        .post(
            "/api/v1/auth/signup",
            json!({"organisation_name": huge, "name": "A", "email": "a@b.fi", "password": "long enough pass", "language": "en"}),
        )
        .await;
    assert_eq!(reply.status, 413);
    assert_eq!(reply.code(), "payload_too_large");
    assert!(app.state.store.user_by_email("a@b.fi").await.unwrap().is_none());
}

#[tokio::test]
async fn protected_endpoints_need_a_session() {
    let app = TestApp::new().await;
    let anonymous = app.browser();
    for path in [
        "/api/v1/auth/me",
        "/api/v1/users",
        "/api/v1/invitations",
        "/api/v1/outbox",
    ] {
        let reply = anonymous.get(path).await;
        assert_eq!(reply.status, 401, "{path}");
        assert_eq!(reply.code(), "unauthenticated", "{path}");
    }
    let forged_cookie = app.browser();
    forged_cookie.set_cookie("kaiku_session", "guessed-value");
    assert_eq!(forged_cookie.get("/api/v1/users").await.status, 401);
}

#[tokio::test]
async fn responses_carry_security_headers_and_a_request_id() {
    let app = TestApp::new().await;
    let reply = app.browser().get("/healthz").await;
    assert_eq!(reply.status, 200);
    assert_eq!(reply.body["status"], "ok");
    let csp = reply.headers.get("content-security-policy").unwrap().to_str().unwrap();
    assert!(
        csp.contains("frame-ancestors 'none'") && !csp.contains("unsafe-inline"),
        "{csp}"
    );
    assert_eq!(reply.headers.get("x-content-type-options").unwrap(), "nosniff");
    assert_eq!(reply.headers.get("referrer-policy").unwrap(), "no-referrer");
    assert!(reply.headers.get("x-request-id").is_some());
}

#[tokio::test]
async fn the_openapi_document_describes_the_api() {
    let app = TestApp::new().await;
    let reply = app.browser().get("/api/v1/openapi.json").await;
    assert_eq!(reply.status, 200);
    assert!(reply.body["openapi"].as_str().unwrap().starts_with("3."));
    let paths = reply.body["paths"].as_object().unwrap();
    for path in ["/auth/login", "/auth/signup", "/invitations", "/users/{id}", "/me"] {
        assert!(
            paths.contains_key(path),
            "{path} missing from {:?}",
            paths.keys().collect::<Vec<_>>()
        );
    }
    assert!(reply.body["components"]["schemas"]["ApiErrorBody"].is_object());
}
