//! Mail delivery over real SMTP (a sink on loopback), retries with backoff, and the
//! admin's view of the outbox.

mod common;

use chrono::Duration;
use common::smtp::SmtpSink;
use common::survey::{round_reply, sent_round};
use common::{Browser, PASSWORD, TestApp};
use kaiku_server::config::{Config, SmtpTls};
use kaiku_server::scheduler::{Job, Scheduler};
use serde_json::{Value, json};

fn smtp_config(port: u16) -> Config {
    let mut config = Config::for_tests();
    config.smtp_host = Some("127.0.0.1".into());
    config.smtp_port = Some(port);
    config.smtp_tls = SmtpTls::None;
    config.mail_from = "Acme Feedback <feedback@acme.test>".into();
    config
}

async fn mail_pass(scheduler: &Scheduler) -> Option<u32> {
    scheduler
        .run_once()
        .await
        .into_iter()
        .find(|r| r.job == Job::Mail)
        .and_then(|r| r.done)
}

/// The outbox as the admin reads it (logged in again: the clock runs for hours).
async fn outbox(admin: &Browser<'_>) -> Value {
    assert_eq!(admin.login("admin@acme.test", PASSWORD).await.status, 200);
    let reply = admin.get("/api/v1/outbox").await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    reply.body
}

fn message_to<'a>(outbox: &'a Value, email: &str) -> &'a Value {
    outbox
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["to"] == email)
        .unwrap_or_else(|| panic!("no message to {email} in {outbox}"))
}

#[tokio::test]
async fn messages_reach_a_real_smtp_server_with_both_bodies_and_the_opt_out_headers() {
    let sink = SmtpSink::start().await;
    let app = TestApp::with_config(smtp_config(sink.port)).await;
    let admin = app.signup("Acme", "admin@acme.test").await;
    assert_eq!(
        admin.get("/api/v1/outbox/status").await.body,
        json!({"delivering": true, "sender": "Acme Feedback <feedback@acme.test>"})
    );
    let round = sent_round(&app, &admin).await;
    let scheduler = Scheduler::new(app.state.clone(), "only");
    assert_eq!(mail_pass(&scheduler).await, Some(2));

    let received = sink.received();
    // Undo quoted-printable's soft line breaks and its one escape the checks meet.
    let decoded = |data: &str| data.replace("=\r\n", "").replace("=3D", "=");
    assert_eq!(received.len(), 2);
    let john = received
        .iter()
        .find(|m| m.rcpt_to == ["<john@globex.com>"])
        .expect("John's invitation arrived");
    assert_eq!(john.mail_from, "<feedback@acme.test>");
    let data = &decoded(&john.data);
    assert!(
        data.contains("From: \"Acme Feedback\" <feedback@acme.test>")
            || data.contains("From: Acme Feedback <feedback@acme.test>"),
        "{data}"
    );
    assert!(
        data.contains("To: john@globex.com") || data.contains("To: <john@globex.com>"),
        "{data}"
    );
    assert!(data.contains("Subject: Acme: how are we doing?"), "{data}");
    assert!(data.contains("multipart/alternative"), "{data}");
    assert!(data.contains("Content-Type: text/plain; charset=utf-8"), "{data}");
    assert!(data.contains("Content-Type: text/html; charset=utf-8"), "{data}");
    // The personal link, issued as the message was sent: it opens John's survey.
    let start = data.find("/s/").expect("the personal link") + 3;
    let emailed: String = data[start..]
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
        .collect();
    assert_ne!(&emailed, &round.links[1].1, "a token of its own");
    let survey = app.browser().get(&format!("/api/v1/survey/{emailed}")).await;
    assert_eq!(survey.status, 200, "{}", survey.body);
    assert_eq!(survey.body["language"], "en", "John's own link");
    assert!(data.contains("List-Unsubscribe: <http://127.0.0.1:8080/u/"), "{data}");
    assert!(
        data.contains("List-Unsubscribe-Post: List-Unsubscribe=One-Click"),
        "{data}"
    );

    let messages = outbox(&admin).await;
    let message = message_to(&messages, "john@globex.com");
    assert_eq!(message["status"], "sent");
    assert_eq!(message["attempts"], 1);
    assert!(message["sent_at"].is_string());
    // Sent once: the next passes find nothing to do.
    assert_eq!(mail_pass(&scheduler).await, Some(0));
    assert_eq!(sink.received().len(), 2);
}

#[tokio::test]
async fn failed_sends_back_off_give_up_and_an_admin_can_retry() {
    // A port with nobody listening.
    let port = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        listener.local_addr().unwrap().port()
    };
    let app = TestApp::with_config(smtp_config(port)).await;
    let admin = app.signup("Acme", "admin@acme.test").await;
    let member = app.join(&admin, "member@acme.test", "member").await;
    let scheduler = Scheduler::new(app.state.clone(), "only");

    let status = |outbox: &Value| {
        let message = message_to(outbox, "member@acme.test").clone();
        (
            message["status"].as_str().unwrap().to_string(),
            message["attempts"].as_u64().unwrap(),
        )
    };
    assert_eq!(mail_pass(&scheduler).await, Some(1));
    let messages = outbox(&admin).await;
    assert_eq!(status(&messages), ("failed".into(), 1));
    let message = message_to(&messages, "member@acme.test");
    assert!(!message["last_error"].as_str().unwrap().is_empty());
    assert!(message["next_attempt_at"].is_string());

    // Not again before its time; then after 1, 5, 30, 120 and 720 minutes.
    assert_eq!(mail_pass(&scheduler).await, Some(0));
    for (wait, attempts) in [(1, 2), (5, 3), (30, 4), (120, 5)] {
        app.clock.advance(Duration::minutes(wait));
        assert_eq!(mail_pass(&scheduler).await, Some(1));
        assert_eq!(status(&outbox(&admin).await), ("failed".into(), attempts));
    }
    app.clock.advance(Duration::minutes(720));
    assert_eq!(mail_pass(&scheduler).await, Some(1));
    let messages = outbox(&admin).await;
    assert_eq!(status(&messages), ("gave_up".into(), 6));
    app.clock.advance(Duration::days(1));
    assert_eq!(mail_pass(&scheduler).await, Some(0), "given up: no more attempts");

    let id = message_to(&messages, "member@acme.test")["id"]
        .as_str()
        .unwrap()
        .to_string();
    assert_eq!(member.login("member@acme.test", PASSWORD).await.status, 200);
    assert_eq!(
        member
            .post(&format!("/api/v1/outbox/{id}/retry"), json!({}))
            .await
            .status,
        403
    );
    assert_eq!(admin.login("admin@acme.test", PASSWORD).await.status, 200);
    let reply = admin.post(&format!("/api/v1/outbox/{id}/retry"), json!({})).await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    assert_eq!(reply.body["status"], "pending");
    assert_eq!(mail_pass(&scheduler).await, Some(1), "tried again at once");
}

#[tokio::test]
async fn without_smtp_messages_stay_in_the_outbox() {
    let app = TestApp::new().await;
    let admin = app.signup("Acme", "admin@acme.test").await;
    app.invite(&admin, "someone@acme.test", "member").await;
    let scheduler = Scheduler::new(app.state.clone(), "only");
    assert_eq!(mail_pass(&scheduler).await, Some(0));
    assert_eq!(admin.get("/api/v1/outbox/status").await.body["delivering"], false);
    let messages = outbox(&admin).await;
    assert_eq!(message_to(&messages, "someone@acme.test")["status"], "pending");
}

/// A round on Globex sent by its lead, a member who may not read the outbox: the
/// reply to the round says whether the invitations go out by email.
async fn round_sent_by_a_lead(app: &TestApp) -> Value {
    let admin = app.signup("Acme", "admin@acme.test").await;
    let lead = app.join(&admin, "lead@acme.test", "member").await;
    let lead_id = app.user_id(&lead).await;
    let account = app.account(&admin, "Globex", json!({"lead_id": lead_id})).await;
    let contact = app
        .contact(&admin, &account, "Maija Virtanen", "maija@globex.fi", "fi")
        .await;
    assert_eq!(
        lead.get("/api/v1/outbox/status").await.status,
        403,
        "the outbox stays the admins'"
    );
    let round = round_reply(&lead, &account, &[&contact]).await;
    let rounds = lead.get(&format!("/api/v1/accounts/{account}/rounds")).await;
    assert_eq!(rounds.body[0]["delivers_email"], round["delivers_email"]);
    round
}

#[tokio::test]
async fn whoever_sends_a_round_learns_whether_email_goes_out_and_nothing_of_the_mail_server() {
    let sink = SmtpSink::start().await;
    let mut config = smtp_config(sink.port);
    config.smtp_user = Some("mailer-login".into());
    config.smtp_password = Some("s3cret-smtp-pass".into());
    let app = TestApp::with_config(config).await;
    let round = round_sent_by_a_lead(&app).await;
    assert_eq!(round["delivers_email"], true);
    let text = round.to_string();
    let address = format!("127.0.0.1:{}", sink.port);
    for secret in ["mailer-login", "s3cret-smtp-pass", "smtp", &address] {
        assert!(!text.contains(secret), "{secret} in {text}");
    }

    let app = TestApp::new().await;
    let round = round_sent_by_a_lead(&app).await;
    assert_eq!(
        round["delivers_email"], false,
        "no mail server: the emails wait in the outbox"
    );
}
