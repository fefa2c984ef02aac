//! Customer messages at scale, for `cargo xtask bench`: makes up 5,000 accounts with a
//! year of history in an in-memory database, serves Kaiku on a local port, posts
//! 100,000 messages from the accounts' contacts through the API with an organisation
//! API key (batches of 100, four clients at once, then single messages one at a
//! time), and reads the topic trends over all of it. Reports messages per second and
//! the latencies (p50, p95, p99) as a client sees them.
//!
//! `cargo run --release -p kaiku-server --example messages_bench -- [--accounts N] [--messages N]`

mod common;

use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

use common::{Latencies, Session};
use serde_json::{Value, json};

const EMAIL: &str = "bench@kaiku.test";
const PORT: u16 = 8092;
const BATCH: usize = 100;
const CLIENTS: usize = 4;
const SINGLE_POSTS: usize = 1_000;
const WARM_READS: usize = 20;

/// What customers write, in both languages: complaints, praise, ideas, questions.
const TEXTS: &[&str] = &[
    "The weekly report was late again and nobody told us why.",
    "Great work on the launch, the team was fast and clear.",
    "We have waited three days for an answer to our last email.",
    "Could you also help us with the new web shop next spring?",
    "The invoice had hours we never agreed on.",
    "Our contact person changed again and we had to explain everything from the start.",
    "Thanks for the quick fix, it works now.",
    "We will need a bigger team for the autumn campaign.",
    "Raportti myöhästyi taas eikä kukaan kertonut syytä.",
    "Kiitos nopeasta korjauksesta, nyt toimii.",
    "Odotamme edelleen vastausta viime viikon viestiin.",
    "Laskulla oli tunteja, joista ei ollut sovittu.",
    "Tarvitsemme ensi vuonna apua myös verkkokaupan kanssa.",
    "Yhteyshenkilö vaihtui taas ja jouduimme kertomaan kaiken alusta.",
    "Tiimi on ollut todella joustava ja osaava.",
    "Laatu on heikentynyt viime kuukausina.",
];

/// Makes an API key that may post messages.
fn api_key(admin: &Session) -> anyhow::Result<String> {
    let made = admin.post(
        "/settings/api-keys",
        json!({"name": "bench", "scopes": ["messages:write", "read"]}),
    )?;
    made["secret"]
        .as_str()
        .map(str::to_string)
        .ok_or_else(|| anyhow::anyhow!("no key in {made}"))
}

fn message(n: usize, senders: &[String]) -> Value {
    json!({
        "source": if n.is_multiple_of(3) { "helpdesk_ticket" } else { "email" },
        "sender_email": senders[n % senders.len()],
        "subject": format!("Message {n}"),
        "body": TEXTS[n % TEXTS.len()],
        "external_id": format!("bench-{n}"),
    })
}

fn milliseconds(started: Instant) -> f64 {
    started.elapsed().as_secs_f64() * 1000.0
}

fn report(what: &str, times: Vec<f64>) {
    let times = Latencies::new(times);
    println!("  {what:<44} {}   ({} requests)", times.summary(), times.len());
}

/// Posts `total` messages in batches from `CLIENTS` threads; each batch's time.
fn post_batches(base: &str, key: &str, senders: &[String], total: usize) -> anyhow::Result<Vec<f64>> {
    let next = AtomicUsize::new(0);
    let times = std::sync::Mutex::new(Vec::new());
    std::thread::scope(|scope| -> anyhow::Result<()> {
        let workers: Vec<_> = (0..CLIENTS)
            .map(|_| {
                scope.spawn(|| -> anyhow::Result<()> {
                    loop {
                        let first = next.fetch_add(BATCH, Ordering::SeqCst);
                        if first >= total {
                            return Ok(());
                        }
                        let messages: Vec<Value> = (first..(first + BATCH).min(total))
                            .map(|n| message(n, senders))
                            .collect();
                        let started = Instant::now();
                        let mut reply = ureq::post(&format!("{base}/api/v1/integrations/messages/batch"))
                            .header("Authorization", &format!("Bearer {key}"))
                            .send_json(json!({ "messages": messages }))?;
                        let results: Value = reply.body_mut().with_config().limit(64 * 1024 * 1024).read_json()?;
                        let elapsed = milliseconds(started);
                        let refused = results["results"]
                            .as_array()
                            .map_or(0, |r| r.iter().filter(|item| item["error"].is_object()).count());
                        anyhow::ensure!(refused == 0, "{refused} messages refused: {results}");
                        times.lock().unwrap().push(elapsed);
                    }
                })
            })
            .collect();
        for worker in workers {
            worker.join().map_err(|_| anyhow::anyhow!("a client panicked"))??;
        }
        Ok(())
    })?;
    Ok(times.into_inner().unwrap())
}

fn post_singles(base: &str, key: &str, senders: &[String], from: usize) -> anyhow::Result<Vec<f64>> {
    (from..from + SINGLE_POSTS)
        .map(|n| {
            let started = Instant::now();
            ureq::post(&format!("{base}/api/v1/integrations/messages"))
                .header("Authorization", &format!("Bearer {key}"))
                .send_json(message(n, senders))?;
            Ok(milliseconds(started))
        })
        .collect()
}

fn read_trends(admin: &Session) -> anyhow::Result<Vec<f64>> {
    (0..WARM_READS + 1)
        .map(|_| {
            let started = Instant::now();
            admin.get("/trends")?;
            Ok(milliseconds(started))
        })
        .collect()
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().collect();
    let accounts: usize = common::flag(&args, "--accounts").map_or(Ok(5_000), |n| n.parse())?;
    let total: usize = common::flag(&args, "--messages").map_or(Ok(100_000), |n| n.parse())?;
    let base = format!("http://127.0.0.1:{PORT}");
    // One key posts everything here; a real integration spreads out.
    let state = common::state(PORT, "mem://", &["--api-key-requests", "1000000"]).await?;

    let started = Instant::now();
    let (org, admin) = common::organisation(&state, "Bench Agency", EMAIL).await?;
    common::history(&state, &org, &admin, accounts, 12, 15_000).await?;
    let senders: Vec<String> = state
        .store
        .contacts_for_matching(&org)
        .await?
        .into_iter()
        .map(|c| c.email)
        .collect();
    println!(
        "messages benchmark: {accounts} accounts ({} contacts), a year of history made up in {:.1} s",
        senders.len(),
        started.elapsed().as_secs_f64()
    );

    common::serve(&state).await;
    tokio::task::spawn_blocking(move || -> anyhow::Result<()> {
        let session = Session::sign_in(&base, EMAIL)?;
        let key = api_key(&session)?;
        let started = Instant::now();
        let batches = post_batches(&base, &key, &senders, total)?;
        let seconds = started.elapsed().as_secs_f64();
        println!(
            "  {total} messages posted in batches of {BATCH} by {CLIENTS} clients: {seconds:.1} s, {:.0} messages/s",
            total as f64 / seconds
        );
        report("POST /integrations/messages/batch (100)", batches);
        report(
            "POST /integrations/messages (one at a time)",
            post_singles(&base, &key, &senders, total)?,
        );
        let mut reads = read_trends(&session)?;
        report("GET /trends, first read", vec![reads.remove(0)]);
        report("GET /trends", reads);
        Ok(())
    })
    .await??;
    Ok(())
}
