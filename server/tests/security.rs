//! Findings of the security review (issue 19), each tried as an attacker would.

mod common;

use std::io::Write;
use std::net::{IpAddr, SocketAddr};
use std::sync::{Arc, Mutex};

use chrono::Duration;
use common::{Browser, PASSWORD, TestApp};
use poem::http::Method;
use poem::test::TestClient;
use poem::web::{LocalAddr, RemoteAddr};
use poem::{Addr, Endpoint, EndpointExt, IntoResponse, Request, RequestParts, Response};
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
        // A path that leaves the app's files is refused or not found (the app files
        // serve `index.html` for it when built), never answered with the path.
        let reply = browser.get(path).await;
        assert!(matches!(reply.status, 403 | 404), "{path}: {}", reply.body);
        assert!(matches!(reply.code(), "forbidden" | "not_found"), "{path}");
        let text = reply.body.to_string();
        assert!(
            !text.contains("Cargo.toml")
                && !text.contains("passwd")
                && !text.contains("/work")
                && !text.contains("/root"),
            "{text}"
        );

        let page = app.client.get(path).header("Accept", "text/html").send().await;
        let status = page.0.status().as_u16();
        assert!(matches!(status, 403 | 404), "{path}: {status}");
        let html = page.0.into_body().into_string().await.unwrap();
        assert!(
            !html.contains("Cargo.toml")
                && !html.contains("passwd")
                && !html.contains("/work")
                && !html.contains("/root"),
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

/// The test client has no sockets: a browser's `test_client_address` cookie becomes
/// the address its requests come from.
const ADDRESS_COOKIE: &str = "test_client_address";

async fn app_with_addresses() -> TestApp {
    let base = TestApp::new().await;
    let app = kaiku_server::http::app(base.state.clone())
        .around(from_address_cookie)
        .map_to_response()
        .boxed();
    TestApp {
        client: TestClient::new(app),
        clock: base.clock.clone(),
        state: base.state.clone(),
    }
}

async fn from_address_cookie<E: Endpoint>(next: E, req: Request) -> poem::Result<Response> {
    let address: Option<IpAddr> = req
        .headers()
        .get_all("cookie")
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|cookies| cookies.split(';'))
        .find_map(|pair| {
            pair.trim()
                .strip_prefix(ADDRESS_COOKIE)?
                .strip_prefix('=')?
                .parse()
                .ok()
        });
    let Some(address) = address else {
        return next.call(req).await.map(IntoResponse::into_response);
    };
    let (parts, body) = req.into_parts();
    let mut head = poem::http::Request::new(());
    *head.method_mut() = parts.method;
    *head.uri_mut() = parts.uri;
    *head.headers_mut() = parts.headers;
    let (head, ()) = head.into_parts();
    let remote = RemoteAddr(Addr::SocketAddr(SocketAddr::new(address, 50_000)));
    let parts = RequestParts::from((head, LocalAddr::default(), remote, poem::http::uri::Scheme::HTTP));
    next.call(Request::from_parts(parts, body))
        .await
        .map(IntoResponse::into_response)
}

fn from_address<'a>(app: &'a TestApp, address: &str) -> Browser<'a> {
    let browser = app.browser();
    browser.set_cookie(ADDRESS_COOKIE, address);
    browser
}

#[tokio::test]
async fn parallel_wrong_passwords_are_evaluated_only_up_to_the_limit() {
    let app = app_with_addresses().await;
    app.signup("Acme", "anna@acme.fi").await;
    let attacker = from_address(&app, "203.0.113.9");
    assert_eq!(attacker.get("/api/v1/auth/csrf").await.status, 200);
    let attacker = &attacker;
    let replies = futures::future::join_all(
        (0..40).map(|i| async move { attacker.login("anna@acme.fi", &format!("wrong password {i}")).await }),
    )
    .await;
    let evaluated = replies.iter().filter(|r| r.status == 401).count();
    let refused = replies.iter().filter(|r| r.status == 429).count();
    assert_eq!(
        (evaluated, refused),
        (5, 35),
        "{:?}",
        replies.iter().map(|r| r.status).collect::<Vec<_>>()
    );
    // Even the right password waits, from the attacker's address…
    assert_eq!(attacker.login("anna@acme.fi", PASSWORD).await.status, 429);
    // …but Anna, from her own, is not locked out.
    let anna = from_address(&app, "198.51.100.7");
    let own = anna.login("anna@acme.fi", PASSWORD).await;
    assert_eq!(own.status, 200, "{}", own.body);
}

#[tokio::test]
async fn one_address_trying_many_accounts_is_limited_and_others_are_not() {
    let app = app_with_addresses().await;
    app.signup("Acme", "anna@acme.fi").await;
    let sprayer = from_address(&app, "203.0.113.10");
    let sprayer = &sprayer;
    let replies = futures::future::join_all(
        (0..30).map(|i| async move { sprayer.login(&format!("guess{i}@acme.fi"), "wrong password!").await }),
    )
    .await;
    assert_eq!(replies.iter().filter(|r| r.status == 401).count(), 20);
    assert_eq!(sprayer.login("anna@acme.fi", PASSWORD).await.code(), "rate_limited");
    let anna = from_address(&app, "198.51.100.8");
    assert_eq!(anna.login("anna@acme.fi", PASSWORD).await.status, 200);
}

#[tokio::test]
async fn throttle_state_is_forgotten_after_its_window() {
    let app = app_with_addresses().await;
    for i in 0..30 {
        let visitor = from_address(&app, &format!("203.0.113.{i}"));
        assert_eq!(
            visitor
                .login(&format!("nobody{i}@acme.fi"), "wrong password!")
                .await
                .status,
            401
        );
    }
    let held = app.state.throttle.len();
    assert!(held >= 30, "attempts are counted: {held}");
    app.clock.advance(Duration::minutes(16));
    let visitor = from_address(&app, "198.51.100.9");
    visitor.login("late@acme.fi", "wrong password!").await;
    assert_eq!(app.state.throttle.len(), 3, "only the last attempt's keys remain");
}

#[tokio::test]
async fn overlong_login_emails_are_refused_before_any_work() {
    let app = TestApp::new().await;
    let reply = app
        .browser()
        .login(&format!("{}@acme.fi", "x".repeat(100_000)), "wrong password!")
        .await;
    assert_eq!(reply.status, 400);
    assert_eq!(reply.code(), "validation");
    assert_eq!(reply.body["error"]["field"], "email");
    assert!(app.state.throttle.is_empty());
}

#[tokio::test]
async fn inviting_another_organisations_user_looks_like_any_invitation() {
    let app = TestApp::new().await;
    app.signup("Acme", "anna@acme.fi").await;
    let other = app.signup("Initech", "boss@initech.com").await;
    let taken = other
        .post(
            "/api/v1/invitations",
            json!({"email": "anna@acme.fi", "role": "member"}),
        )
        .await;
    let fresh = other
        .post(
            "/api/v1/invitations",
            json!({"email": "nobody@acme.fi", "role": "member"}),
        )
        .await;
    assert_eq!((taken.status, fresh.status), (201, 201), "{}", taken.body);
    let keys = |reply: &common::Reply| {
        let mut keys: Vec<String> = reply.body.as_object().unwrap().keys().cloned().collect();
        keys.sort();
        keys
    };
    assert_eq!(keys(&taken), keys(&fresh));
    let outbox = other.get("/api/v1/outbox").await;
    let subject_to = |to: &str| {
        let messages = outbox.body.as_array().unwrap();
        let message = messages.iter().find(|m| m["to"] == to).expect("an invitation email");
        message["subject"].as_str().unwrap().to_string()
    };
    assert_eq!(
        subject_to("anna@acme.fi"),
        subject_to("nobody@acme.fi"),
        "the same message to both"
    );
    // Anna, holding the link, learns that her address already has an account.
    let token = taken.body["link"].as_str().unwrap().trim_start_matches("/invite/");
    let accept = app
        .browser()
        .post(
            "/api/v1/invitations/accept",
            json!({"token": token, "name": "Anna", "password": PASSWORD, "language": "en"}),
        )
        .await;
    assert_eq!(accept.code(), "email_taken");
    let anna = app.browser();
    assert_eq!(
        anna.login("anna@acme.fi", PASSWORD).await.body["organisation"]["name"],
        "Acme"
    );
}

#[tokio::test]
async fn sign_ups_are_limited_per_address() {
    let app = app_with_addresses().await;
    let spammer = from_address(&app, "203.0.113.20");
    for i in 0..30 {
        let reply = spammer
            .post(
                "/api/v1/auth/signup",
                json!({"organisation_name": format!("Org {i}"), "name": "Spam", "email": format!("s{i}@spam.test"), "password": PASSWORD, "language": "en"}),
            )
            .await;
        assert_eq!(reply.status, 201, "{i}: {}", reply.body);
        spammer.post("/api/v1/auth/logout", json!({})).await;
    }
    let probe = spammer
        .post(
            "/api/v1/auth/signup",
            json!({"organisation_name": "Probe", "name": "Spam", "email": "s0@spam.test", "password": PASSWORD, "language": "en"}),
        )
        .await;
    assert_eq!(
        probe.code(),
        "rate_limited",
        "no more answers about which emails are taken"
    );
    let someone = from_address(&app, "198.51.100.20");
    let reply = someone
        .post(
            "/api/v1/auth/signup",
            json!({"organisation_name": "Real", "name": "Real", "email": "real@real.test", "password": PASSWORD, "language": "en"}),
        )
        .await;
    assert_eq!(reply.status, 201);
}

#[tokio::test]
async fn accepting_invitations_is_limited_per_address() {
    let app = app_with_addresses().await;
    let admin = app.signup("Acme", "anna@acme.fi").await;
    // Two inviters, each under their own limit of invitations.
    let second_admin = app.join(&admin, "second@acme.fi", "admin").await;
    let joiner = from_address(&app, "203.0.113.21");
    for i in 0..31 {
        let inviter = if i < 20 { &admin } else { &second_admin };
        let token = app.invite(inviter, &format!("m{i}@acme.fi"), "member").await;
        let reply = joiner
            .post(
                "/api/v1/invitations/accept",
                json!({"token": token, "name": "M", "password": PASSWORD, "language": "en"}),
            )
            .await;
        let expected = if i < 30 { 201 } else { 429 };
        assert_eq!(reply.status, expected, "{i}: {}", reply.body);
    }
}

#[tokio::test]
async fn invitations_are_limited_per_person() {
    let app = TestApp::new().await;
    let admin = app.signup("Acme", "anna@acme.fi").await;
    for i in 0..30 {
        app.invite(&admin, &format!("m{i}@acme.fi"), "member").await;
    }
    let reply = admin
        .post(
            "/api/v1/invitations",
            json!({"email": "one-more@acme.fi", "role": "member"}),
        )
        .await;
    assert_eq!(reply.code(), "rate_limited");
    app.clock.advance(Duration::minutes(15));
    app.invite(&admin, "one-more@acme.fi", "member").await;
}

#[tokio::test]
async fn wrong_current_passwords_are_limited_even_in_parallel() {
    let app = TestApp::new().await;
    let admin = app.signup("Acme", "anna@acme.fi").await;
    let admin = &admin;
    let replies = futures::future::join_all((0..20).map(|i| async move {
        admin
            .post(
                "/api/v1/me/password",
                json!({"current_password": format!("wrong password {i}"), "new_password": "a brand new password"}),
            )
            .await
    }))
    .await;
    let statuses: Vec<u16> = replies.iter().map(|r| r.status).collect();
    assert_eq!(statuses.iter().filter(|s| **s == 401).count(), 5, "{statuses:?}");
    assert_eq!(statuses.iter().filter(|s| **s == 429).count(), 15, "{statuses:?}");
    let right = admin
        .post(
            "/api/v1/me/password",
            json!({"current_password": PASSWORD, "new_password": "a brand new password"}),
        )
        .await;
    assert_eq!(right.code(), "rate_limited");
    app.clock.advance(Duration::seconds(15));
    let right = admin
        .post(
            "/api/v1/me/password",
            json!({"current_password": PASSWORD, "new_password": "a brand new password"}),
        )
        .await;
    assert_eq!(right.status, 204, "{}", right.body);
}

/// The token after the first `path` (`/s/`, `/u/`, `/invite/`) in `text`.
fn token_after(text: &str, path: &str) -> String {
    let start = text.find(path).unwrap_or_else(|| panic!("no {path} in {text}")) + path.len();
    text[start..]
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
        .collect()
}

fn smtp_app_config(port: u16) -> kaiku_server::config::Config {
    let mut config = kaiku_server::config::Config::for_tests();
    config.smtp_host = Some("127.0.0.1".into());
    config.smtp_port = Some(port);
    config.smtp_tls = kaiku_server::config::SmtpTls::None;
    config
}

async fn outbox_bodies(admin: &Browser<'_>) -> Vec<(String, String, String)> {
    let reply = admin.get("/api/v1/outbox").await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    reply
        .body
        .as_array()
        .unwrap()
        .iter()
        .map(|m| {
            let text = |key: &str| m[key].as_str().unwrap().to_string();
            (text("to"), text("status"), text("body"))
        })
        .collect()
}

#[tokio::test]
async fn personal_links_are_issued_when_sent_never_stored_and_bodies_are_purged() {
    let sink = common::smtp::SmtpSink::start().await;
    let app = TestApp::with_config(smtp_app_config(sink.port)).await;
    let admin = app.signup("Acme", "anna@acme.fi").await;
    let round = common::survey::sent_round(&app, &admin).await;
    let invitation = app.invite(&admin, "matti@acme.fi", "member").await;
    let shown: Vec<&str> = round
        .links
        .iter()
        .map(|(_, t)| t.as_str())
        .chain([invitation.as_str()])
        .collect();

    // Neither the admin's view nor what is stored holds a token.
    let listed = outbox_bodies(&admin).await;
    assert_eq!(listed.len(), 3);
    for (to, _, body) in &listed {
        assert!(shown.iter().all(|t| !body.contains(t)), "{to}: {body}");
        assert!(body.contains("/s/…") || body.contains("/invite/…"), "{to}: {body}");
    }
    let reply = admin.get("/api/v1/outbox").await;
    for message in reply.body.as_array().unwrap() {
        let id = kaiku_server::store::id_from_key("outbox", message["id"].as_str().unwrap());
        let stored = app.state.store.message_to_deliver(&id).await.unwrap().unwrap();
        for path in ["/s/", "/u/", "/invite/"] {
            assert!(!stored.body.contains(path), "stored: {}", stored.body);
        }
    }

    // Delivered, each email's links work for the person who got it; so do the ones
    // the team was shown.
    let scheduler = kaiku_server::scheduler::Scheduler::new(app.state.clone(), "only");
    scheduler.run_once().await;
    let received = sink.received();
    assert_eq!(received.len(), 3);
    let data = |to: &str| {
        let mail = received.iter().find(|m| m.rcpt_to == [format!("<{to}>")]).unwrap();
        mail.data.replace("=\r\n", "").replace("=3D", "=")
    };
    let visitor = app.browser();
    let john = data("john@globex.com");
    let survey = visitor
        .get(&format!("/api/v1/survey/{}", token_after(&john, "/s/")))
        .await;
    assert_eq!((survey.status, survey.body["language"].as_str()), (200, Some("en")));
    assert_eq!(
        visitor.get(&format!("/u/{}", token_after(&john, "/u/"))).await.status,
        200
    );
    assert!(john.contains(&format!(
        "List-Unsubscribe: <http://127.0.0.1:8080/u/{}>",
        token_after(&john, "/u/")
    )));
    let matti = data("matti@acme.fi");
    let preview = visitor
        .get(&format!(
            "/api/v1/invitations/by-token/{}",
            token_after(&matti, "/invite/")
        ))
        .await;
    assert_eq!(preview.body["email"], "matti@acme.fi");
    for token in &round.links {
        assert_eq!(visitor.get(&format!("/api/v1/survey/{}", token.1)).await.status, 200);
    }
    assert!(outbox_bodies(&admin).await.iter().all(|(_, status, body)| {
        status == "sent" && shown.iter().all(|t| !body.contains(t)) && !body.contains(&token_after(&john, "/s/"))
    }));

    // Bodies are kept for the retention period (30 days by default), then emptied;
    // the record of each delivery stays.
    app.clock.advance(Duration::days(29));
    scheduler.run_once().await;
    admin.login("anna@acme.fi", PASSWORD).await;
    assert!(outbox_bodies(&admin).await.iter().all(|(_, _, body)| !body.is_empty()));
    app.clock.advance(Duration::days(2));
    scheduler.run_once().await;
    admin.login("anna@acme.fi", PASSWORD).await;
    let purged = outbox_bodies(&admin).await;
    assert_eq!(purged.len(), 3);
    assert!(
        purged
            .iter()
            .all(|(_, status, body)| status == "sent" && body.is_empty()),
        "{purged:?}"
    );
}

#[tokio::test]
async fn a_message_whose_survey_link_was_sent_again_is_not_sent() {
    let sink = common::smtp::SmtpSink::start().await;
    let app = TestApp::with_config(smtp_app_config(sink.port)).await;
    let admin = app.signup("Acme", "anna@acme.fi").await;
    let round = common::survey::sent_round(&app, &admin).await;
    app.clock.advance(Duration::minutes(5));
    let resent = admin
        .post(&format!("/api/v1/survey-links/{}/resend", round.links[0].0), json!({}))
        .await;
    assert_eq!(resent.status, 200, "{}", resent.body);

    kaiku_server::scheduler::Scheduler::new(app.state.clone(), "only")
        .run_once()
        .await;
    let to_maija: Vec<_> = sink
        .received()
        .into_iter()
        .filter(|m| m.rcpt_to == ["<maija@globex.fi>"])
        .collect();
    assert_eq!(to_maija.len(), 1, "only the re-sent email");
    let data = to_maija[0].data.replace("=\r\n", "").replace("=3D", "=");
    let emailed = token_after(&data, "/s/");
    assert_eq!(
        app.browser().get(&format!("/api/v1/survey/{emailed}")).await.status,
        200
    );
    let statuses: Vec<String> = outbox_bodies(&admin)
        .await
        .into_iter()
        .filter(|(to, _, _)| to == "maija@globex.fi")
        .map(|(_, status, _)| status)
        .collect();
    assert_eq!(statuses, ["sent", "gave_up"], "newest first");
}
