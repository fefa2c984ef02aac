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
    with_addresses(TestApp::new().await)
}

/// `base`, told each request's address by the test (see [`from_address`]).
fn with_addresses(base: TestApp) -> TestApp {
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
    let held = app.state.store.throttle_keys().await.unwrap();
    assert!(held >= 30, "attempts are counted: {held}");
    // Within the window the scheduler keeps them…
    app.scheduler_pass().await;
    assert_eq!(app.state.store.throttle_keys().await.unwrap(), held);
    // …after it, only the newest attempt's keys remain.
    app.clock.advance(Duration::minutes(16));
    let visitor = from_address(&app, "198.51.100.9");
    visitor.login("late@acme.fi", "wrong password!").await;
    app.scheduler_pass().await;
    assert_eq!(app.state.store.throttle_keys().await.unwrap(), 3);
}

#[tokio::test]
async fn instances_on_one_database_share_their_limits() {
    let first = app_with_addresses().await;
    first.signup("Acme", "anna@acme.fi").await;
    let second = with_addresses(first.restarted());
    let attacker_here = from_address(&first, "203.0.113.77");
    let attacker_there = from_address(&second, "203.0.113.77");
    for i in 0..5 {
        let on = if i % 2 == 0 { &attacker_here } else { &attacker_there };
        assert_eq!(
            on.login("anna@acme.fi", "wrong password!").await.status,
            401,
            "attempt {i}"
        );
    }
    // The sixth is held back on either instance, and after a restart of both.
    assert_eq!(
        attacker_there.login("anna@acme.fi", PASSWORD).await.code(),
        "rate_limited"
    );
    assert_eq!(
        attacker_here.login("anna@acme.fi", PASSWORD).await.code(),
        "rate_limited"
    );
    let after_restart = with_addresses(first.restarted());
    let attacker = from_address(&after_restart, "203.0.113.77");
    assert_eq!(attacker.login("anna@acme.fi", PASSWORD).await.code(), "rate_limited");
    // Anna, from her own address, signs in through either.
    assert_eq!(
        from_address(&second, "198.51.100.20")
            .login("anna@acme.fi", PASSWORD)
            .await
            .status,
        200
    );
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
    assert_eq!(app.state.store.throttle_keys().await.unwrap(), 0);
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

#[tokio::test]
async fn common_and_personal_passwords_are_refused_wherever_a_password_is_chosen() {
    let app = TestApp::new().await;
    let refused = |reply: &common::Reply, field: &str| {
        assert_eq!(reply.status, 400, "{}", reply.body);
        assert_eq!(reply.code(), "password_too_common");
        assert_eq!(reply.body["error"]["field"], field);
    };
    let signup = |email: &str, password: &str| {
        json!({"organisation_name": "Acme", "name": "Anna Virtanen", "email": email,
            "password": password, "language": "fi"})
    };
    let visitor = app.browser();
    refused(
        &visitor
            .post("/api/v1/auth/signup", signup("anna@acme.fi", "password1234"))
            .await,
        "password",
    );
    refused(
        &visitor
            .post(
                "/api/v1/auth/signup",
                signup("anna.virtanen@acme.fi", "anna.virtanen@acme.fi"),
            )
            .await,
        "password",
    );
    let admin = app.signup("Acme", "anna@acme.fi").await;

    let token = app.invite(&admin, "matti@acme.fi", "member").await;
    let accept = |password: &str| json!({"token": token, "name": "Matti", "password": password, "language": "fi"});
    refused(
        &app.browser()
            .post("/api/v1/invitations/accept", accept("qwertyuiop123"))
            .await,
        "password",
    );
    let matti = app.browser();
    let joined = matti
        .post("/api/v1/invitations/accept", accept("kahvi vuori sininen 7"))
        .await;
    assert_eq!(joined.status, 201, "the invitation still works: {}", joined.body);

    let change = |new: &str| json!({"current_password": PASSWORD, "new_password": new});
    refused(
        &admin.post("/api/v1/me/password", change("iloveyou2024!")).await,
        "new_password",
    );
    let kept = app.browser().login("anna@acme.fi", PASSWORD).await;
    assert_eq!(kept.status, 200, "the old password still works");
}

/// Anna signs up Acme in `browser` (through the form's request, keeping its headers).
async fn sign_up_anna(browser: &Browser<'_>) -> common::Reply {
    browser
        .post(
            "/api/v1/auth/signup",
            json!({"organisation_name": "Acme", "name": "Anna", "email": "anna@acme.fi",
                "password": PASSWORD, "language": "en"}),
        )
        .await
}

const FIREFOX_LINUX: &str = "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0";
const SAFARI_IPHONE: &str = "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1";

#[tokio::test]
async fn people_see_their_sessions_and_sign_out_one_or_all_others() {
    let app = TestApp::new().await;
    let laptop = app.browser();
    laptop.identify_as(FIREFOX_LINUX);
    let signup = sign_up_anna(&laptop).await;
    assert_eq!(signup.status, 201, "{}", signup.body);
    app.clock.advance(Duration::minutes(5));
    let phone = app.browser();
    phone.identify_as(SAFARI_IPHONE);
    assert_eq!(phone.login("anna@acme.fi", PASSWORD).await.status, 200);
    let third = app.browser();
    assert_eq!(third.login("anna@acme.fi", PASSWORD).await.status, 200);

    let listed = phone.get("/api/v1/me/sessions").await;
    assert_eq!(listed.status, 200, "{}", listed.body);
    let sessions = listed.body.as_array().unwrap();
    let summary: Vec<(Option<&str>, bool)> = sessions
        .iter()
        .map(|s| (s["device"].as_str(), s["current"].as_bool().unwrap()))
        .collect();
    assert_eq!(summary.len(), 3);
    assert!(summary.contains(&(Some("Safari, iOS"), true)), "{summary:?}");
    assert!(summary.contains(&(Some("Firefox, Linux"), false)), "{summary:?}");
    assert!(summary.contains(&(None, false)), "no User-Agent: {summary:?}");
    assert!(
        sessions
            .iter()
            .all(|s| s["last_seen_at"].is_string() && s.get("token_hash").is_none())
    );

    // The phone signs the laptop out; the laptop finds itself signed out.
    let laptop_id = sessions.iter().find(|s| s["device"] == "Firefox, Linux").unwrap()["id"]
        .as_str()
        .unwrap()
        .to_string();
    let ended = phone.delete(&format!("/api/v1/me/sessions/{laptop_id}")).await;
    assert_eq!(ended.status, 204, "{}", ended.body);
    assert_eq!(laptop.get("/api/v1/auth/me").await.status, 401);
    assert_eq!(
        phone.delete(&format!("/api/v1/me/sessions/{laptop_id}")).await.status,
        404
    );

    // Everywhere else: only the phone stays.
    let others = phone.post("/api/v1/me/sessions/sign-out-others", json!({})).await;
    assert_eq!(others.status, 204, "{}", others.body);
    assert_eq!(third.get("/api/v1/auth/me").await.status, 401);
    assert_eq!(phone.get("/api/v1/auth/me").await.status, 200);
    let left = phone.get("/api/v1/me/sessions").await;
    assert_eq!(left.body.as_array().unwrap().len(), 1);

    // Sessions that ended by themselves are not listed.
    let idle = app.browser();
    assert_eq!(idle.login("anna@acme.fi", PASSWORD).await.status, 200);
    app.clock.advance(Duration::minutes(119));
    assert_eq!(phone.get("/api/v1/auth/me").await.status, 200);
    app.clock.advance(Duration::minutes(2));
    assert_eq!(phone.get("/api/v1/me/sessions").await.body.as_array().unwrap().len(), 1);
}

#[tokio::test]
async fn nobody_ends_anyone_elses_session_whatever_their_role() {
    let app = TestApp::new().await;
    let admin = app.signup("Acme", "anna@acme.fi").await;
    let token = app.invite(&admin, "matti@acme.fi", "member").await;
    let member = app.browser();
    let joined = member
        .post(
            "/api/v1/invitations/accept",
            json!({"token": token, "name": "Matti", "password": PASSWORD, "language": "fi"}),
        )
        .await;
    assert_eq!(joined.status, 201, "{}", joined.body);
    let other_org = app.signup("Initech", "boss@initech.com").await;
    let member_session = member.get("/api/v1/me/sessions").await.body[0]["id"]
        .as_str()
        .unwrap()
        .to_string();
    let admin_session = admin.get("/api/v1/me/sessions").await.body[0]["id"]
        .as_str()
        .unwrap()
        .to_string();

    // Another organisation's admin, the member's own admin, and the member against the admin.
    for (who, session) in [
        (&other_org, &member_session),
        (&admin, &member_session),
        (&member, &admin_session),
    ] {
        let reply = who.delete(&format!("/api/v1/me/sessions/{session}")).await;
        assert_eq!(reply.status, 404, "{}", reply.body);
    }
    assert_eq!(member.get("/api/v1/auth/me").await.status, 200);
    assert_eq!(admin.get("/api/v1/auth/me").await.status, 200);
    // Each lists only their own; signing out the others touches nobody else.
    assert_eq!(
        other_org
            .get("/api/v1/me/sessions")
            .await
            .body
            .as_array()
            .unwrap()
            .len(),
        1
    );
    assert_eq!(
        other_org
            .post("/api/v1/me/sessions/sign-out-others", json!({}))
            .await
            .status,
        204
    );
    assert_eq!(member.get("/api/v1/auth/me").await.status, 200);
    assert_eq!(app.browser().get("/api/v1/me/sessions").await.status, 401);
}

#[tokio::test]
async fn behind_https_cookies_are_secure_host_only_and_browsers_are_told_to_stay_on_https() {
    let mut config = kaiku_server::config::Config::for_tests();
    config.public_url = "https://kaiku.example.com".into();
    let app = TestApp::with_config(config).await;
    let visitor = app.browser();
    let csrf = visitor.get("/api/v1/auth/csrf").await;
    let set_cookie = |reply: &common::Reply| -> Vec<String> {
        reply
            .headers
            .get_all("set-cookie")
            .iter()
            .map(|v| v.to_str().unwrap().to_string())
            .collect()
    };
    let csrf_cookie = set_cookie(&csrf);
    assert!(
        csrf_cookie
            .iter()
            .any(|c| c.starts_with("__Host-kaiku_csrf=") && c.contains("Secure") && c.contains("Path=/")),
        "{csrf_cookie:?}"
    );
    let signup = sign_up_anna(&visitor).await;
    assert_eq!(signup.status, 201, "{}", signup.body);
    let session_cookie = set_cookie(&signup);
    assert!(
        session_cookie.iter().any(|c| c.starts_with("__Host-kaiku_session=")
            && c.contains("Secure")
            && c.contains("HttpOnly")
            && !c.contains("Domain")),
        "{session_cookie:?}"
    );
    assert_eq!(
        visitor.get("/api/v1/auth/me").await.status,
        200,
        "the prefixed cookie signs in"
    );
    assert_eq!(
        csrf.headers.get("strict-transport-security").unwrap(),
        "max-age=63072000"
    );

    // Plain http (a laptop, a test): no HSTS, no prefix.
    let plain = TestApp::new().await;
    let reply = plain.browser().get("/api/v1/auth/csrf").await;
    assert!(reply.headers.get("strict-transport-security").is_none());
    assert!(
        set_cookie(&reply)
            .iter()
            .all(|c| c.starts_with("kaiku_csrf=") && !c.contains("Secure"))
    );
}

#[tokio::test]
async fn security_events_are_in_an_audit_log_only_the_organisations_admins_read() {
    let app = TestApp::new().await;
    // A second between steps: entries are ordered by their time.
    let tick = || app.clock.advance(Duration::seconds(1));
    let admin = app.signup("Acme", "anna@acme.fi").await;
    tick();
    let token = app.invite(&admin, "matti@acme.fi", "member").await;
    tick();
    let member = app.browser();
    let joined = member
        .post(
            "/api/v1/invitations/accept",
            json!({"token": token, "name": "Matti", "password": PASSWORD, "language": "fi"}),
        )
        .await;
    assert_eq!(joined.status, 201, "{}", joined.body);
    let member_id = joined.body["user"]["id"].as_str().unwrap().to_string();
    let intruder = app.browser();
    for _ in 0..2 {
        tick();
        assert_eq!(
            intruder.login("matti@acme.fi", "not the password at all").await.status,
            401
        );
    }
    assert_eq!(
        intruder.login("nobody@acme.fi", "not the password at all").await.status,
        401
    );
    tick();
    let role = admin
        .patch(&format!("/api/v1/users/{member_id}"), json!({"role": "leader"}))
        .await;
    assert_eq!(role.status, 200, "{}", role.body);
    tick();
    assert_eq!(
        member
            .post("/api/v1/me/sessions/sign-out-others", json!({}))
            .await
            .status,
        204
    );
    let other = app.signup("Initech", "boss@initech.com").await;

    let log = admin.get("/api/v1/audit").await;
    assert_eq!(log.status, 200, "{}", log.body);
    let entries = log.body.as_array().unwrap();
    let kinds: Vec<&str> = entries.iter().rev().map(|e| e["kind"].as_str().unwrap()).collect();
    assert_eq!(
        kinds,
        [
            "signed_up",
            "invitation_created",
            "invitation_accepted",
            "login_failed",
            "login_failed",
            "user_changed",
            "other_sessions_ended"
        ]
    );
    let failed = admin.get("/api/v1/audit?kind=login_failed").await;
    let failed = failed.body.as_array().unwrap();
    assert_eq!(failed.len(), 2);
    assert_eq!(failed[0]["actor"], "matti@acme.fi");
    assert!(failed[0]["address"].is_string());
    let changed = entries.iter().find(|e| e["kind"] == "user_changed").unwrap();
    assert_eq!(changed["actor"], "anna@acme.fi");
    assert_eq!(changed["detail"], "matti@acme.fi: member → leader");
    let text = log.body.to_string();
    for secret in [PASSWORD, "not the password at all", token.as_str()] {
        assert!(!text.contains(secret), "the log holds no secret");
    }
    assert_eq!(admin.get("/api/v1/audit?kind=made_up").await.code(), "validation");

    // Only admins, and only their own organisation's.
    assert_eq!(member.get("/api/v1/audit").await.status, 403);
    let theirs = other.get("/api/v1/audit").await;
    assert_eq!(theirs.status, 200);
    assert_eq!(theirs.body.as_array().unwrap().len(), 1, "{}", theirs.body);
    assert_eq!(theirs.body[0]["detail"], "boss@initech.com");
    assert_eq!(app.browser().get("/api/v1/audit").await.status, 401);
}

#[tokio::test]
async fn refused_csrf_requests_and_api_keys_are_in_the_security_log() {
    let app = TestApp::new().await;
    let anna = app.signup("Acme", "anna@acme.fi").await;

    // A request of Anna's session without the token (a stale tab, or a forgery that
    // somehow carried her cookie) is refused, and her organisation's log says so.
    let refused = anna
        .send_without_csrf(Method::POST, "/api/v1/accounts", json!({"name": "Forged Oy"}))
        .await;
    assert_eq!((refused.status, refused.code()), (403, "csrf_failed"));
    let entries = common::audit(&anna, "csrf_refused").await;
    assert_eq!(entries.len(), 1, "{entries:?}");
    assert_eq!(entries[0]["detail"], "POST /api/v1/accounts");
    assert_eq!(entries[0]["actor"], "anna@acme.fi");
    // Without a session there is nobody's log to write to; the refusal stands.
    let stranger = app
        .browser()
        .post_without_csrf(
            "/api/v1/auth/login",
            json!({"email": "anna@acme.fi", "password": PASSWORD}),
        )
        .await;
    assert_eq!(stranger.code(), "csrf_failed");
    assert_eq!(common::audit(&anna, "csrf_refused").await.len(), 1);

    // Creating and revoking an API key, named by its prefix and never its secret.
    let created = anna
        .post(
            "/api/v1/settings/api-keys",
            json!({"name": "Helpdesk", "scopes": ["messages:write"]}),
        )
        .await;
    assert_eq!(created.status, 201, "{}", created.body);
    let secret = created.body["secret"].as_str().unwrap();
    let id = created.body["key"]["id"].as_str().unwrap();
    let made = common::audit(&anna, "api_key_created").await;
    assert_eq!(made.len(), 1);
    let detail = made[0]["detail"].as_str().unwrap();
    assert!(detail.starts_with("Helpdesk (kaiku_"), "{detail}");
    assert!(!detail.contains(secret), "{detail}");
    let revoked = anna
        .post(&format!("/api/v1/settings/api-keys/{id}/revoke"), json!({}))
        .await;
    assert_eq!(revoked.status, 204);
    assert_eq!(common::audit(&anna, "api_key_revoked").await[0]["detail"], detail);

    // Another organisation's admin reads none of it.
    let globex = app.signup("Globex", "gus@globex.fi").await;
    for kind in ["csrf_refused", "api_key_created", "api_key_revoked"] {
        assert!(common::audit(&globex, kind).await.is_empty(), "{kind}");
    }
}
