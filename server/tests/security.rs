//! Findings of the security review (issue 19), each tried as an attacker would.

mod common;

use std::io::Write;
use std::sync::{Arc, Mutex};

use common::TestApp;
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
