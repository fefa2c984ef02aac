//! Kaiku on a real remote database: the SurrealDB server (built by `cargo xtask test
//! --remote`, its path in `KAIKU_SURREAL`) on loopback over RocksDB, and two Kaiku
//! processes on it over `ws://`, each running its scheduler. A session signed in on
//! one is good on the other; each customer's survey email goes out once though both
//! deliver; what one writes the other's caches (heatmap, topics) show at once; a
//! mutation synced to both is applied once; failed logins on one limit the other;
//! the Kaiku holding the jobs killed, the other carries on and takes its jobs over
//! once their leases run out; the database restarted, both reconnect and nothing
//! acknowledged is lost.

mod common;

use std::ffi::OsString;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use common::process::{Client, Server, free_port};
use common::smtp::{Received, SmtpSink};
use serde_json::{Value, json};

const PASSWORD: &str = "a long enough password";
const CONTACTS: usize = 5;

/// The SurrealDB server, as `surreal start` runs it in production.
struct Surreal {
    child: Child,
}

impl Surreal {
    fn start(data: &Path, port: u16) -> Surreal {
        let binary =
            std::env::var("KAIKU_SURREAL").expect("KAIKU_SURREAL: the surreal binary (cargo xtask test --remote)");
        let child = Command::new(binary)
            .args([
                "start",
                "--no-banner",
                "--log",
                "warn",
                "--user",
                "root",
                "--pass",
                "root",
            ])
            .args(["--bind", &format!("127.0.0.1:{port}")])
            .arg(format!("rocksdb:{}", data.display()))
            .env("SURREAL_ROCKSDB_BLOCK_CACHE_SIZE", "33554432")
            .stdout(Stdio::null())
            .spawn()
            .expect("the SurrealDB server starts");
        let started = Instant::now();
        while ureq::get(format!("http://127.0.0.1:{port}/health")).call().is_err() {
            assert!(started.elapsed() < Duration::from_secs(60), "SurrealDB did not come up");
            std::thread::sleep(Duration::from_millis(100));
        }
        Surreal { child }
    }

    /// Stops it as an operator would (SIGTERM) and waits until it is gone.
    fn stop(mut self) {
        Command::new("kill")
            .args(["-TERM", &self.child.id().to_string()])
            .status()
            .unwrap();
        self.child.wait().unwrap();
    }
}

impl Drop for Surreal {
    fn drop(&mut self) {
        let _ = self.child.kill();
    }
}

/// Kaiku on `port` over the SurrealDB server on `database`, its mail to `smtp`.
fn kaiku(port: u16, database: u16, smtp: u16) -> Server {
    let args = [
        "--database",
        &format!("ws://127.0.0.1:{database}"),
        "--database-user",
        "root",
        "--database-password",
        "root",
        "--smtp-host",
        "127.0.0.1",
        "--smtp-port",
        &smtp.to_string(),
        "--smtp-tls",
        "none",
        "--scheduler-seconds",
        "1",
        "--scheduler-lease-seconds",
        "3",
    ]
    .map(OsString::from);
    Server::start_with(port, args, [])
}

/// Asks until the answer has `status` (a reconnecting server may fail a while).
fn eventually(client: &mut Client, path: &str, status: u16) -> Value {
    let started = Instant::now();
    loop {
        if let Ok(reply) = client.try_request("GET", path, None)
            && reply["status"] == status
        {
            return reply;
        }
        assert!(
            started.elapsed() < Duration::from_secs(60),
            "{path} never answered {status}"
        );
        std::thread::sleep(Duration::from_millis(250));
    }
}

/// What `read` gives of the sink once it holds `count` emails.
fn arrived(sink: &SmtpSink, count: usize, read: fn(&SmtpSink) -> Vec<Received>) -> Vec<Received> {
    let started = Instant::now();
    loop {
        let mail = read(sink);
        if mail.len() >= count {
            return mail;
        }
        assert!(
            started.elapsed() < Duration::from_secs(60),
            "{} emails arrived",
            mail.len()
        );
        std::thread::sleep(Duration::from_millis(200));
    }
}

/// The names of the organisation's accounts, as `client` lists them.
fn names(client: &mut Client) -> Vec<String> {
    ok(client.request("GET", "/api/v1/accounts", None))
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["name"].as_str().unwrap().to_string())
        .collect()
}

fn created(reply: Value) -> Value {
    assert_eq!(reply["status"], 201, "{reply}");
    reply["body"].clone()
}

fn ok(reply: Value) -> Value {
    assert_eq!(reply["status"], 200, "{reply}");
    reply["body"].clone()
}

#[test]
#[ignore = "needs the real SurrealDB server: cargo xtask test --remote"]
fn two_kaiku_processes_on_one_surrealdb_server_act_as_one() {
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let sink = runtime.block_on(SmtpSink::start());
    let data = tempfile::tempdir().unwrap();
    let database_port = free_port();
    let database = Surreal::start(data.path(), database_port);
    let port_a = free_port();
    let a = kaiku(port_a, database_port, sink.port);
    let b = kaiku(free_port(), database_port, sink.port);

    // Signed up on one, the address confirmed on the other, signed in on both.
    let mut on_a = Client::new(&a.base);
    let asked = on_a.request(
        "POST",
        "/api/v1/auth/signup",
        Some(json!({"organisation_name": "Remote Oy", "name": "Rea", "email": "rea@remote.fi", "password": PASSWORD, "language": "en"})),
    );
    assert_eq!(asked["status"], 202, "{asked}");
    let token = arrived(&sink, 1, SmtpSink::received_all)[0].signup_token();
    let mut on_b = Client::new(&b.base);
    created(on_b.request("POST", "/api/v1/auth/signup/confirm", Some(json!({"token": token}))));
    let mut on_a = on_b.at(&a.base);
    assert_eq!(
        ok(on_a.request("GET", "/api/v1/auth/me", None))["organisation"]["name"],
        "Remote Oy"
    );
    assert_eq!(
        ok(on_b.request("GET", "/api/v1/auth/me", None))["organisation"]["name"],
        "Remote Oy"
    );

    // An account made on one, its round sent from the other: both instances deliver
    // mail every second, and each customer gets one email.
    let account = created(on_b.request(
        "POST",
        "/api/v1/accounts",
        Some(common::account_body("Globex", json!({}))),
    ))["id"]
        .as_str()
        .unwrap()
        .to_string();
    let contacts: Vec<String> = (0..CONTACTS)
        .map(|n| {
            let contact = common::contact_body(&format!("Contact {n}"), &format!("c{n}@globex.com"), "en");
            created(on_b.request("POST", &format!("/api/v1/accounts/{account}/contacts"), Some(contact)))["id"]
                .as_str()
                .unwrap()
                .to_string()
        })
        .collect();
    created(on_a.request(
        "POST",
        &format!("/api/v1/accounts/{account}/rounds"),
        Some(json!({"template_id": "relationship", "contact_ids": contacts})),
    ));
    arrived(&sink, CONTACTS, SmtpSink::received);
    // A few more passes of both schedulers: nothing is sent twice.
    std::thread::sleep(Duration::from_secs(3));
    let mut recipients: Vec<String> = sink.received().iter().flat_map(|m| m.rcpt_to.clone()).collect();
    recipients.sort();
    let expected: Vec<String> = (0..CONTACTS).map(|n| format!("<c{n}@globex.com>")).collect();
    assert_eq!(recipients, expected);

    // One team member's change synced to both (a retry that went to the other
    // instance) is applied once; the other instance's heatmap and topics show it.
    let change = json!({"mutations": [{
        "id": "6f1c2b9e-0000-4000-8000-000000000001",
        "kind": "submit_counter_feedback",
        "action_edit": null,
        "counter_feedback": {
            "account": account, "request": null, "health": 2, "churn_risk": "high",
            "churn_causes": ["voice_lost"], "behind_the_scenes": "Their new CTO wants fewer vendors.",
            "changes": [], "further_needs": "", "notes": ""
        }
    }]});
    let first = ok(on_b.request("POST", "/api/v1/sync", Some(change.clone())));
    assert_eq!(first["results"][0]["outcome"], "applied", "{first}");
    let again = ok(on_a.request("POST", "/api/v1/sync", Some(change)));
    assert_eq!(again["results"][0]["outcome"], "already_applied", "{again}");
    let given = ok(on_a.request("GET", &format!("/api/v1/accounts/{account}/counter-feedback"), None));
    assert_eq!(given.as_array().unwrap().len(), 1, "{given}");
    let heatmap = ok(on_a.request("GET", "/api/v1/heatmap", None));
    let row = heatmap["rows"]
        .as_array()
        .unwrap()
        .iter()
        .find(|row| row["account"] == account.as_str())
        .unwrap_or_else(|| panic!("{heatmap}"));
    assert_eq!(row["causes"], json!(["voice_lost"]), "{row}");
    let topics = ok(on_a.request("GET", "/api/v1/trends", None));
    let heard = topics["topics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["topic"]["key"] == "voice_lost")
        .unwrap_or_else(|| panic!("{topics}"));
    assert_eq!(heard["accounts"][0]["name"], "Globex", "{heard}");

    // Failed logins on one instance limit the other.
    let mut guesser_a = Client::new(&a.base);
    for _ in 0..5 {
        let wrong = guesser_a.request(
            "POST",
            "/api/v1/auth/login",
            Some(json!({"email": "rea@remote.fi", "password": "not the password"})),
        );
        assert_eq!(wrong["status"], 401, "{wrong}");
    }
    let mut guesser_b = Client::new(&b.base);
    let limited = guesser_b.request(
        "POST",
        "/api/v1/auth/login",
        Some(json!({"email": "rea@remote.fi", "password": PASSWORD})),
    );
    assert_eq!(limited["status"], 429, "{limited}");

    // One instance killed: the other serves everyone and, once any lease the dead one
    // held runs out, sends the mail too — once.
    a.kill_hard();
    let hooli = created(on_b.request(
        "POST",
        "/api/v1/accounts",
        Some(common::account_body("Hooli", json!({}))),
    ))["id"]
        .as_str()
        .unwrap()
        .to_string();
    let gavin = common::contact_body("Gavin", "gavin@hooli.com", "en");
    let gavin = created(on_b.request("POST", &format!("/api/v1/accounts/{hooli}/contacts"), Some(gavin)))["id"].clone();
    created(on_b.request(
        "POST",
        &format!("/api/v1/accounts/{hooli}/rounds"),
        Some(json!({"template_id": "relationship", "contact_ids": [gavin]})),
    ));
    let mail = arrived(&sink, CONTACTS + 1, SmtpSink::received);
    assert_eq!(mail[CONTACTS].rcpt_to, ["<gavin@hooli.com>"]);
    std::thread::sleep(Duration::from_secs(2));
    assert_eq!(sink.received().len(), CONTACTS + 1);

    // Started again, the first serves the same sessions and sees what was written meanwhile.
    let a = kaiku(port_a, database_port, sink.port);
    assert_eq!(names(&mut on_a), ["Globex", "Hooli"]);

    // The database restarted: both reconnect, and what they acknowledged is there.
    database.stop();
    let database = Surreal::start(data.path(), database_port);
    eventually(&mut on_b, "/api/v1/accounts", 200);
    assert_eq!(names(&mut on_b), ["Globex", "Hooli"]);
    let given = eventually(&mut on_b, &format!("/api/v1/accounts/{account}/counter-feedback"), 200);
    assert_eq!(given["body"].as_array().unwrap().len(), 1, "{given}");
    created(on_b.request(
        "POST",
        "/api/v1/accounts",
        Some(common::account_body("Initech", json!({}))),
    ));
    eventually(&mut on_a, "/api/v1/accounts", 200);
    assert_eq!(names(&mut on_a), ["Globex", "Hooli", "Initech"]);
    a.stop_gracefully();
    b.stop_gracefully();
    database.stop();
}
