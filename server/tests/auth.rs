//! Sign-up, login, sessions, CSRF and rate limiting through the real HTTP API.

mod common;

use chrono::Duration;
use common::{PASSWORD, TestApp};
use serde_json::json;

#[tokio::test]
async fn signup_creates_an_organisation_and_logs_the_admin_in() {
    let app = TestApp::new().await;
    let admin = app.signup("Acme Oy", "anna@acme.fi").await;
    let cookie = admin.cookie("kaiku_session").expect("session cookie set");
    assert!(cookie.len() >= 40, "session token carries at least 128 bits");

    let me = admin.get("/api/v1/auth/me").await;
    assert_eq!(me.status, 200);
    assert_eq!(me.body["user"]["email"], "anna@acme.fi");
    assert_eq!(me.body["user"]["role"], "admin");
    assert_eq!(me.body["organisation"]["name"], "Acme Oy");
}

#[tokio::test]
async fn session_cookie_is_http_only_and_same_site() {
    let app = TestApp::new().await;
    let browser = app.browser();
    let reply = browser
        .post(
            "/api/v1/auth/signup",
            json!({"organisation_name": "Acme", "name": "Anna", "email": "anna@acme.fi", "password": PASSWORD, "language": "fi"}),
        )
        .await;
    let set_cookie: Vec<_> = reply
        .headers
        .get_all("set-cookie")
        .iter()
        .map(|v| v.to_str().unwrap().to_string())
        .collect();
    let session = set_cookie
        .iter()
        .find(|c| c.starts_with("kaiku_session="))
        .expect("session cookie");
    assert!(session.contains("HttpOnly"), "{session}");
    assert!(session.contains("SameSite=Strict"), "{session}");
}

#[tokio::test]
async fn signup_refuses_short_passwords_and_taken_emails_and_writes_nothing() {
    let app = TestApp::new().await;
    let browser = app.browser();
    let short = browser
        .post(
            "/api/v1/auth/signup",
            json!({"organisation_name": "Acme", "name": "Anna", "email": "anna@acme.fi", "password": "short", "language": "en"}),
        )
        .await;
    assert_eq!(short.status, 400);
    assert_eq!(short.code(), "validation");
    assert_eq!(short.body["error"]["field"], "password");
    assert!(short.body["error"]["message"].as_str().unwrap().contains("12"));
    assert!(
        app.state.store.org_by_name("Acme").await.unwrap().is_none(),
        "no half-written organisation"
    );

    app.signup("Acme", "anna@acme.fi").await;
    let again = app
        .browser()
        .post(
            "/api/v1/auth/signup",
            json!({"organisation_name": "Other", "name": "Anna", "email": "ANNA@acme.fi", "password": PASSWORD, "language": "en"}),
        )
        .await;
    assert_eq!(again.status, 409);
    assert_eq!(again.code(), "email_taken");
    assert!(
        app.state.store.org_by_name("Other").await.unwrap().is_none(),
        "the organisation was rolled back"
    );
}

#[tokio::test]
async fn login_logout_and_wrong_password() {
    let app = TestApp::new().await;
    app.signup("Acme", "anna@acme.fi").await;

    let browser = app.browser();
    let wrong = browser.login("anna@acme.fi", "not the password").await;
    assert_eq!(wrong.status, 401);
    assert_eq!(wrong.code(), "invalid_credentials");
    let unknown = browser.login("nobody@acme.fi", PASSWORD).await;
    assert_eq!(
        unknown.code(),
        "invalid_credentials",
        "unknown emails look the same as wrong passwords"
    );

    let ok = browser.login(" Anna@Acme.fi ", PASSWORD).await;
    assert_eq!(ok.status, 200, "{}", ok.body);
    assert_eq!(browser.get("/api/v1/auth/me").await.status, 200);

    let stolen_cookie = browser.cookie("kaiku_session").unwrap();
    assert_eq!(browser.post("/api/v1/auth/logout", json!({})).await.status, 204);
    assert_eq!(browser.get("/api/v1/auth/me").await.code(), "unauthenticated");
    // The session ended on the server, not just in the browser.
    let replay = app.browser();
    replay.set_cookie("kaiku_session", &stolen_cookie);
    assert_eq!(replay.get("/api/v1/auth/me").await.status, 401);
}

#[tokio::test]
async fn repeated_failures_slow_logins_down_with_a_retry_time() {
    let app = TestApp::new().await;
    app.signup("Acme", "anna@acme.fi").await;
    let browser = app.browser();
    for _ in 0..5 {
        let reply = browser.login("anna@acme.fi", "wrong password!").await;
        assert_eq!(reply.status, 401);
    }
    // Even the right password waits, progressively longer: 15 s, then 30 s.
    let held = browser.login("anna@acme.fi", PASSWORD).await;
    assert_eq!(held.status, 429);
    assert_eq!(held.code(), "rate_limited");
    assert_eq!(held.body["error"]["retry_after_secs"], 15);
    assert_eq!(held.headers.get("retry-after").unwrap(), "15");
    app.clock.advance(Duration::seconds(15));
    assert_eq!(browser.login("anna@acme.fi", "wrong password!").await.status, 401);
    assert_eq!(
        browser.login("anna@acme.fi", PASSWORD).await.body["error"]["retry_after_secs"],
        30
    );

    app.clock.advance(Duration::seconds(30));
    let later = browser.login("anna@acme.fi", PASSWORD).await;
    assert_eq!(later.status, 200);
    // A good login starts afresh.
    browser.post("/api/v1/auth/logout", json!({})).await;
    for _ in 0..5 {
        assert_eq!(browser.login("anna@acme.fi", "wrong password!").await.status, 401);
    }
}

#[tokio::test]
async fn login_is_rate_limited_per_client_address() {
    let app = TestApp::new().await;
    app.signup("Acme", "anna@acme.fi").await;
    let browser = app.browser();
    for i in 0..20 {
        let email = format!("guess{i}@acme.fi");
        browser.login(&email, "wrong password!").await;
    }
    let locked = browser.login("anna@acme.fi", PASSWORD).await;
    assert_eq!(locked.code(), "rate_limited");
}

#[tokio::test]
async fn state_changing_requests_without_the_csrf_token_are_refused() {
    let app = TestApp::new().await;
    let admin = app.signup("Acme", "anna@acme.fi").await;

    let forged = admin
        .post_without_csrf("/api/v1/invitations", json!({"email": "x@acme.fi", "role": "member"}))
        .await;
    assert_eq!(forged.status, 403);
    assert_eq!(forged.code(), "csrf_failed");
    let invitations = admin.get("/api/v1/invitations").await;
    assert_eq!(
        invitations.body.as_array().unwrap().len(),
        0,
        "the forged request changed nothing"
    );

    // A token that does not match the cookie is refused too.
    let mismatched = admin
        .post_with_csrf("/api/v1/auth/logout", "not-the-cookie-value")
        .await;
    assert_eq!(mismatched.code(), "csrf_failed");
    assert_eq!(admin.get("/api/v1/auth/me").await.status, 200, "still logged in");

    // Login is protected as well (login CSRF).
    let anonymous = app.browser();
    let login = anonymous
        .post_without_csrf(
            "/api/v1/auth/login",
            json!({"email": "anna@acme.fi", "password": PASSWORD}),
        )
        .await;
    assert_eq!(login.code(), "csrf_failed");
}

#[tokio::test]
async fn sessions_end_after_idle_time_and_after_their_absolute_lifetime() {
    let app = TestApp::new().await;
    let admin = app.signup("Acme", "anna@acme.fi").await;

    // Active use keeps an idle timeout from firing...
    for _ in 0..3 {
        app.clock.advance(Duration::minutes(100));
        assert_eq!(admin.get("/api/v1/auth/me").await.status, 200);
    }
    // ...but 120 idle minutes end it.
    app.clock.advance(Duration::minutes(120));
    assert_eq!(admin.get("/api/v1/auth/me").await.code(), "unauthenticated");

    // The absolute lifetime (24 h) ends even an active session.
    let browser = app.browser();
    browser.login("anna@acme.fi", PASSWORD).await;
    for _ in 0..24 {
        app.clock.advance(Duration::minutes(59));
        assert_eq!(browser.get("/api/v1/auth/me").await.status, 200);
    }
    app.clock.advance(Duration::minutes(59));
    assert_eq!(browser.get("/api/v1/auth/me").await.status, 401);
}

#[tokio::test]
async fn profile_changes_name_and_language_and_password() {
    let app = TestApp::new().await;
    let admin = app.signup("Acme", "anna@acme.fi").await;
    let other_session = app.browser();
    other_session.login("anna@acme.fi", PASSWORD).await;

    let updated = admin.patch("/api/v1/me", json!({"language": "fi"})).await;
    assert_eq!(updated.status, 200);
    assert_eq!(updated.body["language"], "fi");
    assert_eq!(updated.body["name"], "Admin of Acme", "fields left out stay");
    assert_eq!(admin.get("/api/v1/auth/me").await.body["user"]["language"], "fi");

    let blank = admin.patch("/api/v1/me", json!({"name": "   "})).await;
    assert_eq!(blank.code(), "validation");

    let wrong = admin
        .post(
            "/api/v1/me/password",
            json!({"current_password": "not it at all", "new_password": "a brand new password"}),
        )
        .await;
    assert_eq!(wrong.code(), "invalid_credentials");
    let changed = admin
        .post(
            "/api/v1/me/password",
            json!({"current_password": PASSWORD, "new_password": "a brand new password"}),
        )
        .await;
    assert_eq!(changed.status, 204);
    assert_eq!(admin.get("/api/v1/auth/me").await.status, 200, "this session continues");
    assert_eq!(
        other_session.get("/api/v1/auth/me").await.status,
        401,
        "other sessions end"
    );
    let relogin = app.browser();
    let old = relogin.login("anna@acme.fi", PASSWORD).await;
    assert_eq!(old.status, 401);
    let new = relogin.login("anna@acme.fi", "a brand new password").await;
    assert_eq!(new.status, 200);
}
