//! Findings of the security review (issue 19), each tried as an attacker would.

mod common;

use std::io::Write;
use std::sync::{Arc, Mutex};

use common::{PASSWORD, TestApp};
use poem::http::Method;
use serde_json::json;

/// Everything logged on this thread at `info` and above, while the guard lives.
struct CapturedLogs {
    lines: Arc<Mutex<Vec<u8>>>,
    _guard: tracing::subscriber::DefaultGuard,
}

impl CapturedLogs {
    fn start() -> CapturedLogs {
        let lines = Arc::new(Mutex::new(Vec::new()));
        let sink = lines.clone();
        let subscriber = tracing_subscriber::fmt()
            .with_ansi(false)
            .with_max_level(tracing::Level::INFO)
            .with_writer(move || LogSink(sink.clone()))
            .finish();
        CapturedLogs {
            lines,
            _guard: tracing::subscriber::set_default(subscriber),
        }
    }

    fn text(&self) -> String {
        String::from_utf8_lossy(&self.lines.lock().unwrap()).into_owned()
    }
}

struct LogSink(Arc<Mutex<Vec<u8>>>);

impl Write for LogSink {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[tokio::test]
async fn capability_tokens_never_reach_the_request_log() {
    let app = TestApp::new().await;
    let admin = app.signup("Acme", "admin@acme.fi").await;
    let invitation = app.invite(&admin, "new@acme.fi", "member").await;
    let logs = CapturedLogs::start();
    let visitor = app.browser();
    let short_tokens = ["SurveyPageTok", "OptOutTok", "SurveyApiTok", "AnswersTok", "SubmitTok"];
    for path in [
        "/s/SurveyPageTok".to_string(),
        "/u/OptOutTok".to_string(),
        "/api/v1/survey/SurveyApiTok".to_string(),
        format!("/api/v1/invitations/by-token/{invitation}"),
        format!("/invite/{invitation}"),
    ] {
        visitor.get(&path).await;
    }
    visitor
        .send_without_csrf(Method::PUT, "/api/v1/survey/AnswersTok/answers", json!({"answers": []}))
        .await;
    visitor
        .send_without_csrf(Method::POST, "/api/v1/survey/SubmitTok/submit", json!({"answers": []}))
        .await;
    visitor.send_without_csrf(Method::POST, "/u/OptOutTok", json!({})).await;
    let logged = logs.text();
    assert!(
        logged.contains("/api/v1/survey/[redacted]/answers") && logged.contains("/s/[redacted]"),
        "the requests were logged: {logged}"
    );
    for token in short_tokens.iter().copied().chain([invitation.as_str()]) {
        assert!(!logged.contains(token), "{token} in the log:\n{logged}");
    }
}

#[tokio::test]
async fn static_file_errors_never_name_a_server_path() {
    let app = TestApp::new().await;
    let browser = app.browser();
    for path in [
        "/..%2fCargo.toml",
        "/..%2f..%2fetc%2fpasswd",
        "/assets/..%2f..%2f..%2fCargo.toml",
    ] {
        let reply = browser.get(path).await;
        assert_eq!(reply.status, 403, "{path}: {}", reply.body);
        assert_eq!(reply.code(), "forbidden", "{path}");
        let text = reply.body.to_string();
        assert!(
            !text.contains("Cargo.toml") && !text.contains("passwd") && !text.contains("nonexistent"),
            "{text}"
        );

        let page = app.client.get(path).header("Accept", "text/html").send().await;
        page.assert_status(poem::http::StatusCode::FORBIDDEN);
        page.assert_content_type("text/html; charset=utf-8");
        let html = page.0.into_body().into_string().await.unwrap();
        assert!(
            html.contains("403 Forbidden") && !html.contains("Cargo.toml") && !html.contains("passwd"),
            "{html}"
        );
    }
    // Other errors from the file server take the same shape.
    let missing = browser.get("/favicon.ico").await;
    assert_eq!(missing.code(), "not_found");
    let wrong_method = browser.post("/index.html", json!({})).await;
    assert_eq!(wrong_method.status, 405);
    wrong_method.code();
}

const HIDDEN_EMAILS: [&str; 4] = [
    "anna\u{0}@acme.fi",
    "anna@acme.fi\r\nBcc: victim@example.fi",
    "anna\u{202e}@acme.fi",
    "\"an\u{1}na\"@acme.fi",
];
const HIDDEN_NAMES: [&str; 3] = ["Anna\u{0}", "Anna\u{202e}gpj.exe", "An\u{1b}[31mna"];

fn assert_refused(reply: &common::Reply, field: &str, what: &str) {
    assert_eq!(reply.status, 400, "{what}: {}", reply.body);
    assert_eq!(reply.code(), "validation", "{what}");
    assert_eq!(reply.body["error"]["field"], field, "{what}");
}

#[tokio::test]
async fn sign_up_refuses_control_characters_in_emails_and_names() {
    let app = TestApp::new().await;
    let visitor = app.browser();
    let signup = |org: &str, name: &str, email: &str| json!({"organisation_name": org, "name": name, "email": email, "password": PASSWORD, "language": "en"});
    for email in HIDDEN_EMAILS {
        let reply = visitor.post("/api/v1/auth/signup", signup("Acme", "Anna", email)).await;
        assert_refused(&reply, "email", email);
    }
    for name in HIDDEN_NAMES {
        let reply = visitor
            .post("/api/v1/auth/signup", signup("Acme", name, "anna@acme.fi"))
            .await;
        assert_refused(&reply, "name", name);
        let reply = visitor
            .post("/api/v1/auth/signup", signup(name, "Anna", "anna@acme.fi"))
            .await;
        assert_refused(&reply, "organisation_name", name);
    }
    assert!(app.state.store.user_by_email("anna@acme.fi").await.unwrap().is_none());
}

#[tokio::test]
async fn invitations_refuse_control_characters_in_emails_and_names() {
    let app = TestApp::new().await;
    let admin = app.signup("Acme", "anna@acme.fi").await;
    for email in HIDDEN_EMAILS {
        let reply = admin
            .post("/api/v1/invitations", json!({"email": email, "role": "member"}))
            .await;
        assert_refused(&reply, "email", email);
    }
    assert_eq!(admin.get("/api/v1/invitations").await.body, json!([]));
    let token = app.invite(&admin, "new@acme.fi", "member").await;
    for name in HIDDEN_NAMES {
        let reply = app
            .browser()
            .post(
                "/api/v1/invitations/accept",
                json!({"token": token, "name": name, "password": PASSWORD, "language": "en"}),
            )
            .await;
        assert_refused(&reply, "name", name);
    }
}

#[tokio::test]
async fn contacts_refuse_control_characters_in_emails_and_names() {
    let app = TestApp::new().await;
    let admin = app.signup("Acme", "anna@acme.fi").await;
    let account = app.account(&admin, "Globex", json!({})).await;
    let path = format!("/api/v1/accounts/{account}/contacts");
    for email in HIDDEN_EMAILS {
        let reply = admin.post(&path, common::contact_body("Maija", email, "fi")).await;
        assert_refused(&reply, "email", email);
    }
    for name in HIDDEN_NAMES {
        let reply = admin
            .post(&path, common::contact_body(name, "maija@globex.fi", "fi"))
            .await;
        assert_refused(&reply, "name", name);
    }
    let csv = "account,contact_name,contact_email,contact_language\nGlobex,Maija,\"maija\u{0}@globex.fi\",fi\n";
    let import = admin
        .post("/api/v1/accounts/import", json!({"csv": csv, "dry_run": true}))
        .await;
    assert_eq!(import.body["rows"][0]["field"], "contact_email", "{}", import.body);
    assert_eq!(import.body["contacts_created"], 0);
}

#[tokio::test]
async fn renaming_oneself_refuses_control_characters() {
    let app = TestApp::new().await;
    let admin = app.signup("Acme", "anna@acme.fi").await;
    for name in HIDDEN_NAMES {
        let reply = admin.patch("/api/v1/me", json!({"name": name})).await;
        assert_refused(&reply, "name", name);
    }
}
