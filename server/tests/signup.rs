//! Sign-up on a server that sends mail (a real SMTP sink on loopback): the answer is
//! the same for every address, the email decides — a link that creates the
//! organisation once, or a note to an address's owner that they have an account.

mod common;

use std::time::Duration as StdDuration;

use chrono::Duration;
use common::smtp::{Received, SmtpSink};
use common::{Browser, PASSWORD, TestApp};
use kaiku_server::config::{Config, SmtpTls};
use kaiku_server::scheduler::{Job, Scheduler};
use serde_json::{Value, json};

fn mail_config(port: u16) -> Config {
    let mut config = Config::for_tests();
    config.smtp_host = Some("127.0.0.1".into());
    config.smtp_port = Some(port);
    config.smtp_tls = SmtpTls::None;
    config
}

fn form(org: &str, email: &str, language: &str) -> Value {
    json!({"organisation_name": org, "name": "Pat Example", "email": email, "password": PASSWORD, "language": language})
}

/// The messages the sink received for `email`, once there are `count` (they are sent
/// just after the answer).
async fn mail_to(sink: &SmtpSink, email: &str, count: usize) -> Vec<Received> {
    let wanted = format!("<{email}>");
    for _ in 0..100 {
        let received: Vec<Received> = sink
            .received_all()
            .into_iter()
            .filter(|m| m.rcpt_to.contains(&wanted))
            .collect();
        if received.len() >= count {
            return received;
        }
        tokio::time::sleep(StdDuration::from_millis(50)).await;
    }
    panic!(
        "{count} message(s) to {email} did not arrive: {:?}",
        sink.received_all()
    );
}

/// The message as read: quoted-printable's soft line breaks and `=` escape undone.
async fn confirm(browser: &Browser<'_>, token: &str) -> common::Reply {
    browser
        .post("/api/v1/auth/signup/confirm", json!({"token": token}))
        .await
}

#[tokio::test]
async fn sign_up_answers_alike_whether_or_not_the_address_has_an_account() {
    let sink = SmtpSink::start().await;
    let app = TestApp::with_config(mail_config(sink.port)).await;
    app.signup("Acme", "anna@acme.test").await;

    let stranger = app.browser();
    let taken = stranger
        .post("/api/v1/auth/signup", form("Evil", "Anna@Acme.test", "en"))
        .await;
    let free = stranger
        .post("/api/v1/auth/signup", form("Globex", "pat@globex.test", "en"))
        .await;
    assert_eq!((taken.status, free.status), (202, 202), "{} {}", taken.body, free.body);
    assert_eq!(taken.body, json!({"email": "anna@acme.test", "valid_hours": 24}));
    assert_eq!(free.body, json!({"email": "pat@globex.test", "valid_hours": 24}));
    // Nobody is signed in yet.
    assert!(stranger.cookie("kaiku_session").is_none());
    assert_eq!(stranger.get("/api/v1/auth/me").await.status, 401);

    // The owner of the taken address hears of it, with no link that creates anything.
    // (The first is the link of Anna's own sign-up.)
    let to_anna = mail_to(&sink, "anna@acme.test", 2).await;
    let note = to_anna
        .iter()
        .map(Received::text)
        .find(|mail| mail.contains("Subject: You already have a Kaiku account"))
        .expect("Anna was told");
    assert!(note.contains("/login"), "{note}");
    assert!(!note.contains("/signup/confirm/"), "{note}");

    // The free address gets the link; it creates the organisation and signs its admin in.
    let to_pat = mail_to(&sink, "pat@globex.test", 1).await;
    assert!(to_pat[0].text().contains("Subject: Confirm your Kaiku account: Globex"));
    let token = to_pat[0].signup_token();
    let pat = app.browser();
    let opened = confirm(&pat, &token).await;
    assert_eq!(opened.status, 201, "{}", opened.body);
    assert_eq!(opened.body["organisation"]["name"], "Globex");
    assert_eq!(opened.body["user"]["role"], "admin");
    assert_eq!(
        pat.get("/api/v1/auth/me").await.body["user"]["email"],
        "pat@globex.test"
    );
    assert_eq!(common::audit(&pat, "signed_up").await.len(), 1);

    // A link works once; the taken address's owner still has only their own account.
    let again = confirm(&app.browser(), &token).await;
    assert_eq!((again.status, again.code()), (410, "signup_link_invalid"));
    assert_eq!(
        app.browser().login("anna@acme.test", PASSWORD).await.body["organisation"]["name"],
        "Acme"
    );
    assert_eq!(
        app.browser().login("anna@acme.test", "not the password").await.status,
        401
    );
}

#[tokio::test]
async fn the_email_speaks_the_language_chosen_on_the_form() {
    let sink = SmtpSink::start().await;
    let app = TestApp::with_config(mail_config(sink.port)).await;
    let reply = app
        .browser()
        .post("/api/v1/auth/signup", form("Oy Esimerkki", "pia@esimerkki.fi", "fi"))
        .await;
    assert_eq!(reply.status, 202, "{}", reply.body);
    let mail = mail_to(&sink, "pia@esimerkki.fi", 1).await[0].text();
    assert!(mail.contains("24 tunnin ajan"), "{mail}");
    let token = mail_to(&sink, "pia@esimerkki.fi", 1).await[0].signup_token();
    let opened = confirm(&app.browser(), &token).await;
    assert_eq!(opened.body["user"]["language"], "fi", "{}", opened.body);
}

#[tokio::test]
async fn a_link_stops_working_after_a_day_and_the_scheduler_forgets_it() {
    let sink = SmtpSink::start().await;
    let app = TestApp::with_config(mail_config(sink.port)).await;
    let reply = app
        .browser()
        .post("/api/v1/auth/signup", form("Globex", "pat@globex.test", "en"))
        .await;
    assert_eq!(reply.status, 202);
    let token = mail_to(&sink, "pat@globex.test", 1).await[0].signup_token();

    app.clock.advance(Duration::hours(24) + Duration::minutes(1));
    let late = confirm(&app.browser(), &token).await;
    assert_eq!((late.status, late.code()), (410, "signup_link_invalid"));
    let pass = Scheduler::new(app.state.clone(), "only").run_once().await;
    let forgotten = pass.iter().find(|r| r.job == Job::SignupRequests).unwrap();
    assert_eq!(forgotten.done, Some(1), "{forgotten:?}");
    assert!(
        app.state
            .store
            .signup_requests_for("pat@globex.test")
            .await
            .unwrap()
            .is_empty()
    );
    // Nothing was created: the address is still free for a new sign-up.
    assert_eq!(app.browser().login("pat@globex.test", PASSWORD).await.status, 401);
}

#[tokio::test]
async fn an_email_the_mail_server_refused_is_sent_again_with_a_link_that_works() {
    // A port with nobody listening yet.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let app = TestApp::with_config(mail_config(port)).await;
    let reply = app
        .browser()
        .post("/api/v1/auth/signup", form("Globex", "pat@globex.test", "en"))
        .await;
    assert_eq!(reply.status, 202, "{}", reply.body);
    // The first attempt, just after the answer, fails; the request waits for its retry.
    let mut waited = 0;
    while app.state.store.signup_requests_for("pat@globex.test").await.unwrap()[0].attempts == 0 {
        assert!(waited < 100, "the first attempt was never made");
        tokio::time::sleep(StdDuration::from_millis(50)).await;
        waited += 1;
    }
    let sink = SmtpSink::start_on(port).await;
    let scheduler = Scheduler::new(app.state.clone(), "only");
    let pass = |reports: Vec<kaiku_server::scheduler::JobReport>| {
        reports.into_iter().find(|r| r.job == Job::SignupRequests).unwrap().done
    };
    assert_eq!(pass(scheduler.run_once().await), Some(0), "retried before its backoff");
    // Past the first backoff (a minute), and past the attempt's hold (five) in case
    // the failed attempt was still being recorded.
    app.clock.advance(Duration::minutes(6));
    assert_eq!(pass(scheduler.run_once().await), Some(1));
    let token = mail_to(&sink, "pat@globex.test", 1).await[0].signup_token();
    assert_eq!(confirm(&app.browser(), &token).await.status, 201);
}

#[tokio::test]
async fn asking_twice_creates_one_organisation_whichever_link_is_opened() {
    let sink = SmtpSink::start().await;
    let app = TestApp::with_config(mail_config(sink.port)).await;
    let browser = app.browser();
    for _ in 0..2 {
        let reply = browser
            .post("/api/v1/auth/signup", form("Globex", "pat@globex.test", "en"))
            .await;
        assert_eq!(reply.status, 202);
    }
    let mails = mail_to(&sink, "pat@globex.test", 2).await;
    let (first, second) = (mails[0].signup_token(), mails[1].signup_token());
    assert_ne!(first, second);
    assert_eq!(confirm(&app.browser(), &second).await.status, 201);
    assert_eq!(confirm(&app.browser(), &first).await.status, 410);

    // Two opens of one link at the same moment: one organisation.
    let reply = browser
        .post("/api/v1/auth/signup", form("Initech", "bill@initech.test", "en"))
        .await;
    assert_eq!(reply.status, 202);
    let token = mail_to(&sink, "bill@initech.test", 1).await[0].signup_token();
    let (a, b) = (app.browser(), app.browser());
    let (one, other) = tokio::join!(confirm(&a, &token), confirm(&b, &token));
    let mut statuses = [one.status, other.status];
    statuses.sort_unstable();
    assert_eq!(statuses, [201, 410], "{} {}", one.body, other.body);
}

#[tokio::test]
async fn sign_up_emails_to_one_address_are_limited_and_bad_links_are_refused() {
    let sink = SmtpSink::start().await;
    let app = TestApp::with_config(mail_config(sink.port)).await;
    for _ in 0..3 {
        let browser = app.browser();
        let reply = browser
            .post("/api/v1/auth/signup", form("Globex", "pat@globex.test", "en"))
            .await;
        assert_eq!(reply.status, 202, "{}", reply.body);
    }
    let fourth = app.browser();
    let refused = fourth
        .post("/api/v1/auth/signup", form("Globex", "pat@globex.test", "en"))
        .await;
    assert_eq!((refused.status, refused.code()), (429, "rate_limited"));
    assert_eq!(mail_to(&sink, "pat@globex.test", 3).await.len(), 3);

    for token in ["", "not-a-token", &"x".repeat(5000)] {
        let reply = confirm(&app.browser(), token).await;
        assert_eq!(reply.status, 410, "{token:?}: {}", reply.body);
    }
    let malformed = app
        .browser()
        .post("/api/v1/auth/signup/confirm", json!({"tok": 1}))
        .await;
    assert_eq!(malformed.status, 400);
}

#[tokio::test]
async fn a_server_without_mail_creates_the_organisation_at_once() {
    let app = TestApp::new().await;
    let browser = app.browser();
    let reply = browser
        .post("/api/v1/auth/signup", form("Globex", "pat@globex.test", "en"))
        .await;
    assert_eq!(reply.status, 201, "{}", reply.body);
    assert_eq!(
        browser.get("/api/v1/auth/me").await.body["organisation"]["name"],
        "Globex"
    );
}
