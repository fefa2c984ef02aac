//! The customer mailbox, read for real from Dovecot on loopback: connecting checks
//! the settings first, emails that arrive are stored once each (across passes and
//! restarts), placed on their sender's account, and a mailbox that stops working
//! says why; only the organisation's admins see or change it.

mod common;

use base64::Engine;
use chrono::Duration;
use common::dovecot::{self, Dovecot};
use common::{Browser, TestApp};
use kaiku_server::config::Config;
use kaiku_server::scheduler::{Job, Scheduler};
use serde_json::{Value, json};

/// A mail server on this machine is let through and its authority trusted; the
/// server key is fixed, so a restarted server reads what the first one sealed.
fn config_for(dovecot: &Dovecot) -> Config {
    let mut config = Config::for_tests();
    config.mailboxes_allow_internal = true;
    config.mailbox_ca_file = Some(dovecot.ca_file.clone());
    config.secret_key = Some(base64::engine::general_purpose::STANDARD.encode([42u8; 32]));
    config
}

fn settings(port: u16, security: &str, password: &str) -> Value {
    json!({
        "host": "localhost",
        "port": port,
        "security": security,
        "user": dovecot::USER,
        "password": password,
    })
}

/// A scheduler pass a little later; how many emails the mailbox job stored.
async fn pass(app: &TestApp) -> u32 {
    app.clock.advance(Duration::minutes(2));
    let report = Scheduler::new(app.state.clone(), "only")
        .run_once()
        .await
        .into_iter()
        .find(|r| r.job == Job::Mailboxes)
        .unwrap();
    assert_eq!(report.error, None);
    report.done.unwrap()
}

fn email(id: &str, from: &str, subject: &str, body: &str) -> String {
    format!(
        "Message-ID: <{id}>\nFrom: {from}\nTo: {}\nSubject: {subject}\nDate: Mon, 23 Nov 2026 08:00:00 +0000\nContent-Type: text/plain; charset=utf-8\n\n{body}\n",
        dovecot::USER
    )
}

/// Connects the test server's mailbox over TLS; what the answer shows of it.
async fn connect(admin: &Browser<'_>, dovecot: &Dovecot) -> Value {
    let reply = admin
        .put(
            "/api/v1/settings/mailbox",
            settings(dovecot.tls_port, "tls", dovecot::PASSWORD),
        )
        .await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    reply.body
}

async fn mailbox(admin: &Browser<'_>) -> Value {
    let reply = admin.get("/api/v1/settings/mailbox").await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    reply.body["mailbox"].clone()
}

async fn account_messages(admin: &Browser<'_>, account: &str) -> Vec<Value> {
    let reply = admin.get(&format!("/api/v1/accounts/{account}/messages")).await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    reply.body.as_array().unwrap().clone()
}

async fn unmatched(admin: &Browser<'_>) -> Vec<Value> {
    let reply = admin.get("/api/v1/messages/unmatched").await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    reply.body.as_array().unwrap().clone()
}

#[tokio::test]
async fn emails_that_arrive_are_stored_once_on_their_senders_account() {
    let dovecot = Dovecot::start();
    dovecot.deliver(&email(
        "old@globex.test",
        "maija@globex.test",
        "Old",
        "Written before Kaiku was connected.",
    ));
    let app = TestApp::with_config(config_for(&dovecot)).await;
    let admin = app.signup("Acme", "admin@acme.test").await;
    let globex = app.account(&admin, "Globex", json!({})).await;
    app.contact(&admin, &globex, "Maija", "maija@globex.test", "en").await;

    let before = admin.get("/api/v1/settings/mailbox").await;
    assert_eq!(before.body, json!({"mailbox": null, "can_connect": true}));
    let connected = connect(&admin, &dovecot).await;
    assert_eq!(connected["folder"], "INBOX");
    assert_eq!(connected["messages_read"], 0);
    assert!(!connected.to_string().contains(dovecot::PASSWORD));
    assert_eq!(
        common::audit(&admin, "mailbox_connected").await[0]["detail"],
        format!("{}@localhost", dovecot::USER)
    );

    dovecot.deliver(&email(
        "r1@globex.test",
        "Maija <Maija@Globex.test>",
        "Re: Weekly report",
        "The report is late again and nobody answers our calls.\n\nOn Fri, Anna <anna@acme.test> wrote:\n> Here it is.",
    ));
    dovecot.deliver(
        &email("ooo@initech.test", "bob@initech.test", "Out of office", "I am away.")
            .replace("Content-Type", "Auto-Submitted: auto-replied\nContent-Type"),
    );
    // Not an email at all: reported, and the emails after it are still read.
    dovecot.deliver("\u{1}\u{2} binary junk, no headers\n");
    dovecot.deliver(&email(
        "new@stranger.test",
        "someone@stranger.test",
        "Hello",
        "Can we talk about a new project?",
    ));
    assert_eq!(
        pass(&app).await,
        2,
        "the reply and the stranger's email; not the old one, not the auto-reply"
    );

    let on_globex = account_messages(&admin, &globex).await;
    assert_eq!(on_globex.len(), 1);
    let reply = &on_globex[0];
    assert_eq!(reply["source"], "email");
    assert_eq!(reply["from_mailbox"], true);
    assert_eq!(reply["body"], "The report is late again and nobody answers our calls.");
    assert_eq!(reply["subject"], "Re: Weekly report");
    assert_eq!(reply["sender_email"], "maija@globex.test");
    assert_eq!(reply["matched_by"], "contact_email");
    assert_eq!(reply["analysis"]["sentiment"]["polarity"], "negative");
    let waiting = unmatched(&admin).await;
    assert_eq!(waiting.len(), 1);
    assert_eq!(waiting[0]["sender_email"], "someone@stranger.test");

    // Read again, and read by a server started again: nothing new, nothing twice.
    assert_eq!(pass(&app).await, 0);
    let restarted = app.restarted();
    assert_eq!(pass(&restarted).await, 0);
    dovecot.deliver(&email(
        "r2@globex.test",
        "maija@globex.test",
        "Thanks",
        "Thanks for the quick fix!",
    ));
    // The same email delivered twice (a forward of it, a copy in two folders) is one message.
    dovecot.deliver(&email(
        "r2@globex.test",
        "maija@globex.test",
        "Thanks",
        "Thanks for the quick fix!",
    ));
    assert_eq!(pass(&restarted).await, 1);
    assert_eq!(account_messages(&admin, &globex).await.len(), 2);
    let shown = mailbox(&admin).await;
    assert_eq!(shown["messages_read"], 3);
    assert_eq!(shown["unreadable"], 1);
    assert!(
        shown["last_unreadable"].as_str().unwrap().contains("not an email"),
        "{shown}"
    );
    assert_eq!(shown["last_problem"], Value::Null);
    assert!(shown["last_checked_at"].is_string());
}

#[tokio::test]
async fn settings_that_do_not_work_are_refused_with_what_to_change() {
    let dovecot = Dovecot::start();
    let app = TestApp::with_config(config_for(&dovecot)).await;
    let admin = app.signup("Acme", "admin@acme.test").await;
    let refused = |body: &Value| (body["error"]["code"].clone(), body["error"]["field"].clone());

    let wrong_password = admin
        .put("/api/v1/settings/mailbox", settings(dovecot.tls_port, "tls", "wrong"))
        .await;
    assert_eq!(wrong_password.status, 400);
    assert_eq!(
        refused(&wrong_password.body),
        (json!("mailbox_unreachable"), json!("password"))
    );

    let mut no_folder = settings(dovecot.tls_port, "tls", dovecot::PASSWORD);
    no_folder["folder"] = json!("Customers");
    let reply = admin.put("/api/v1/settings/mailbox", no_folder).await;
    assert_eq!(refused(&reply.body), (json!("mailbox_unreachable"), json!("folder")));

    // TLS on the STARTTLS port: the handshake fails, nothing is sent in the clear.
    let reply = admin
        .put(
            "/api/v1/settings/mailbox",
            settings(dovecot.starttls_port, "tls", dovecot::PASSWORD),
        )
        .await;
    assert_eq!(refused(&reply.body), (json!("mailbox_unreachable"), json!("security")));

    let closed = admin
        .put("/api/v1/settings/mailbox", settings(1, "tls", dovecot::PASSWORD))
        .await;
    assert_eq!(refused(&closed.body), (json!("mailbox_unreachable"), json!("host")));

    let bad = admin
        .put(
            "/api/v1/settings/mailbox",
            json!({"host": "imaps://x.test/", "security": "tls", "user": "u", "password": "p"}),
        )
        .await;
    assert_eq!(bad.status, 400);
    assert_eq!(refused(&bad.body), (json!("validation"), json!("host")));
    let first_without_password = admin
        .put(
            "/api/v1/settings/mailbox",
            json!({"host": "localhost", "port": dovecot.tls_port, "security": "tls", "user": dovecot::USER}),
        )
        .await;
    assert_eq!(
        refused(&first_without_password.body),
        (json!("validation"), json!("password"))
    );
    assert_eq!(mailbox(&admin).await, Value::Null, "nothing was kept");

    // STARTTLS on its own port works; changing the folder's spelling later keeps the password.
    let reply = admin
        .put(
            "/api/v1/settings/mailbox",
            settings(dovecot.starttls_port, "start_tls", dovecot::PASSWORD),
        )
        .await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    assert_eq!(reply.body["security"], "start_tls");
    let kept = admin
        .put(
            "/api/v1/settings/mailbox",
            json!({"host": "localhost", "port": dovecot.starttls_port, "security": "start_tls", "user": dovecot::USER, "folder": "INBOX"}),
        )
        .await;
    assert_eq!(kept.status, 200, "the stored password was used: {}", kept.body);
}

#[tokio::test]
async fn an_untrusted_certificate_or_an_internal_host_is_refused() {
    let dovecot = Dovecot::start();
    let mut untrusting = config_for(&dovecot);
    untrusting.mailbox_ca_file = None;
    let app = TestApp::with_config(untrusting).await;
    let admin = app.signup("Acme", "admin@acme.test").await;
    let reply = admin
        .put(
            "/api/v1/settings/mailbox",
            settings(dovecot.tls_port, "tls", dovecot::PASSWORD),
        )
        .await;
    assert_eq!(reply.body["error"]["field"], "security", "{}", reply.body);

    let mut closed_network = config_for(&dovecot);
    closed_network.mailboxes_allow_internal = false;
    let app = TestApp::with_config(closed_network).await;
    let admin = app.signup("Acme", "admin@acme.test").await;
    let reply = admin
        .put(
            "/api/v1/settings/mailbox",
            settings(dovecot.tls_port, "tls", dovecot::PASSWORD),
        )
        .await;
    assert_eq!(reply.body["error"]["field"], "host", "{}", reply.body);
    assert!(
        reply.body["error"]["message"]
            .as_str()
            .unwrap()
            .contains("private network")
    );
}

#[tokio::test]
async fn a_mailbox_that_stops_working_says_why_and_recovers() {
    let dovecot = Dovecot::start();
    let app = TestApp::with_config(config_for(&dovecot)).await;
    let admin = app.signup("Acme", "admin@acme.test").await;
    connect(&admin, &dovecot).await;

    dovecot.change_password("changed on the mail server");
    dovecot.deliver(&email(
        "a@x.test",
        "a@x.test",
        "Hi",
        "Waiting for the changed password.",
    ));
    assert_eq!(pass(&app).await, 0, "{}", dovecot.log());
    let shown = mailbox(&admin).await;
    assert_eq!(shown["last_problem"], "login_refused");
    let checked = admin.post("/api/v1/settings/mailbox/check", json!({})).await;
    assert_eq!(checked.status, 200, "{}", checked.body);
    assert_eq!(checked.body["last_problem"], "login_refused");

    let mut mended = settings(dovecot.tls_port, "tls", "changed on the mail server");
    mended["folder"] = json!("INBOX");
    assert_eq!(admin.put("/api/v1/settings/mailbox", mended).await.status, 200);
    let checked = admin.post("/api/v1/settings/mailbox/check", json!({})).await;
    assert_eq!(checked.body["last_problem"], Value::Null);
    assert_eq!(
        checked.body["messages_read"], 1,
        "the email that waited is read: {}",
        checked.body
    );
    assert_eq!(unmatched(&admin).await.len(), 1);

    let removed = admin.delete("/api/v1/settings/mailbox").await;
    assert_eq!(removed.status, 204);
    assert_eq!(mailbox(&admin).await, Value::Null);
    assert_eq!(unmatched(&admin).await.len(), 1, "what was read stays");
    assert_eq!(common::audit(&admin, "mailbox_disconnected").await.len(), 1);
    dovecot.deliver(&email("b@x.test", "b@x.test", "Hi", "Not read any more."));
    assert_eq!(pass(&app).await, 0);
}

#[tokio::test]
async fn only_the_organisations_admins_see_and_change_its_mailbox() {
    let dovecot = Dovecot::start();
    let app = TestApp::with_config(config_for(&dovecot)).await;
    let admin = app.signup("Acme", "admin@acme.test").await;
    connect(&admin, &dovecot).await;

    let member = app.join(&admin, "member@acme.test", "member").await;
    assert_eq!(member.get("/api/v1/settings/mailbox").await.status, 403);
    assert_eq!(member.delete("/api/v1/settings/mailbox").await.status, 403);
    assert_eq!(
        member.post("/api/v1/settings/mailbox/check", json!({})).await.status,
        403
    );
    let taken = member
        .put(
            "/api/v1/settings/mailbox",
            settings(dovecot.tls_port, "tls", dovecot::PASSWORD),
        )
        .await;
    assert_eq!(taken.status, 403);

    let other = app.signup("Initech", "boss@initech.test").await;
    assert_eq!(other.get("/api/v1/settings/mailbox").await.body["mailbox"], Value::Null);
    assert_eq!(other.delete("/api/v1/settings/mailbox").await.status, 404);
    assert_eq!(
        other.post("/api/v1/settings/mailbox/check", json!({})).await.status,
        404
    );
    assert_eq!(
        mailbox(&admin).await["user"],
        dovecot::USER,
        "Acme's mailbox is untouched"
    );
}
