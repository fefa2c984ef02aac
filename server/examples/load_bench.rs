//! Customers' requests under load, for `cargo xtask bench`: Kaiku on a durable RocksDB
//! database in a temporary folder, serving on a local port; rounds sent to 400
//! contacts of one account and to 400 contacts spread over 200 accounts; then many
//! clients at once open survey pages, save answers, and submit — all contacts of one
//! account at the same moment, and contacts of different accounts. Reports requests
//! per second, latencies (p50, p95, p99), failures (any answer but 2xx), and the
//! process's CPU time per request (the server and the load generator together: one
//! process).
//!
//! `cargo run --release -p kaiku-server --example load_bench -- [--clients N]`

mod common;

use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

use common::{Latencies, Session};
use serde_json::{Value, json};

const EMAIL: &str = "load@kaiku.test";
const PORT: u16 = 8093;
const CONTACTS: usize = 400;
const READS: usize = 20_000;

fn account(admin: &Session, name: &str) -> anyhow::Result<String> {
    let made = admin.post(
        "/accounts",
        json!({
            "name": name, "segments": ["software"], "stage": "delivery", "annual_value_eur": 90000,
            "lead_id": null, "team_ids": [], "start_date": "2026-01-01", "end_date": null, "notes": "",
        }),
    )?;
    Ok(made["id"].as_str().unwrap_or_default().to_string())
}

fn contact(admin: &Session, account: &str, n: usize) -> anyhow::Result<String> {
    let made = admin.post(
        &format!("/accounts/{account}/contacts"),
        json!({
            "name": format!("Contact {n}"), "email": format!("contact{n}@load.example"),
            "title": "CMO", "language": if n.is_multiple_of(2) { "fi" } else { "en" }, "decision_maker": true,
        }),
    )?;
    Ok(made["id"].as_str().unwrap_or_default().to_string())
}

/// A relationship round on `account` to `contacts`: the survey tokens.
fn round(admin: &Session, account: &str, contacts: &[String]) -> anyhow::Result<Vec<String>> {
    let round = admin.post(
        &format!("/accounts/{account}/rounds"),
        json!({"template_id": "relationship", "contact_ids": contacts}),
    )?;
    Ok(round["links"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|link| link["link"].as_str())
        .map(|link| link.trim_start_matches("/s/").to_string())
        .collect())
}

/// The process's CPU time so far (user and system), from `/proc/self/stat`.
fn cpu_seconds() -> f64 {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    let after_name = stat.rsplit_once(')').map_or("", |(_, rest)| rest);
    let fields: Vec<&str> = after_name.split_whitespace().collect();
    let ticks = |i: usize| fields.get(i).and_then(|f| f.parse::<f64>().ok()).unwrap_or(0.0);
    // utime and stime are fields 14 and 15 of the line, 12 and 13 after the name.
    (ticks(11) + ticks(12)) / 100.0
}

/// `requests` requests from `clients` threads at once, the `n`-th made by `request(n)`;
/// what a client saw.
fn load(
    what: &str,
    clients: usize,
    requests: usize,
    request: impl Fn(usize) -> Result<(), ureq::Error> + Sync,
) -> anyhow::Result<()> {
    let next = AtomicUsize::new(0);
    let failures = AtomicUsize::new(0);
    let times = std::sync::Mutex::new(Vec::with_capacity(requests));
    let cpu = cpu_seconds();
    let started = Instant::now();
    std::thread::scope(|scope| {
        for _ in 0..clients {
            scope.spawn(|| {
                loop {
                    let n = next.fetch_add(1, Ordering::SeqCst);
                    if n >= requests {
                        return;
                    }
                    let sent = Instant::now();
                    if let Err(e) = request(n)
                        && failures.fetch_add(1, Ordering::SeqCst) == 0
                    {
                        eprintln!("  {what}: first failure: {e}");
                    }
                    times.lock().unwrap().push(sent.elapsed().as_secs_f64() * 1000.0);
                }
            });
        }
    });
    let seconds = started.elapsed().as_secs_f64();
    let cpu = cpu_seconds() - cpu;
    let times = Latencies::new(times.into_inner().unwrap());
    println!(
        "  {what:<40} {:>6.0}/s   {}   {} failed of {requests}   CPU {:.2} ms/request",
        requests as f64 / seconds,
        times.summary(),
        failures.load(Ordering::SeqCst),
        cpu * 1000.0 / requests as f64,
    );
    Ok(())
}

fn answers(n: usize) -> Value {
    let score = |id: &str, value: usize| json!({"question_id": id, "score": value, "choice": null, "text": null});
    json!({"answers": [
        score("nps", n % 11), score("quality", 1 + n % 5), score("communication", 1 + (n / 3) % 5),
        score("schedule", 1 + (n / 5) % 5), score("understanding", 4), score("value", 3),
        {"question_id": "do_differently", "score": null, "choice": null,
         "text": if n.is_multiple_of(2) { "Raportit myöhässä, vastauksia saa odottaa." } else { "Great team, keep the weekly demos." }},
    ]})
}

#[tokio::main(flavor = "multi_thread")]
async fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().collect();
    let clients: usize = common::flag(&args, "--clients").map_or(Ok(16), |n| n.parse())?;
    let folder = std::env::temp_dir().join(format!("kaiku-load-bench-{}", std::process::id()));
    let database = format!("rocksdb://{}", folder.join("db").display());
    let base = format!("http://127.0.0.1:{PORT}");
    let data_dir = folder.to_string_lossy();
    let state = common::state(PORT, &database, &["--data-dir", &data_dir]).await?;
    common::organisation(&state, "Load Agency", EMAIL).await?;
    common::serve(&state).await;

    let outcome = tokio::task::spawn_blocking(move || -> anyhow::Result<()> {
        let started = Instant::now();
        let admin = Session::sign_in(&base, EMAIL)?;
        let one = account(&admin, "One Account Oy")?;
        let contacts: Vec<String> = (0..CONTACTS)
            .map(|n| contact(&admin, &one, n))
            .collect::<anyhow::Result<_>>()?;
        let same = round(&admin, &one, &contacts)?;
        let mut spread = Vec::with_capacity(CONTACTS);
        for a in 0..CONTACTS / 2 {
            let account = account(&admin, &format!("Spread {a} Oy"))?;
            let pair = [
                contact(&admin, &account, CONTACTS + 2 * a)?,
                contact(&admin, &account, CONTACTS + 2 * a + 1)?,
            ];
            spread.extend(round(&admin, &account, &pair)?);
        }
        anyhow::ensure!(same.len() == CONTACTS && spread.len() == CONTACTS, "rounds were not sent to everyone");
        println!(
            "load benchmark (RocksDB, {clients} clients): rounds to {CONTACTS} contacts of one account and to {CONTACTS} of {} accounts sent in {:.1} s",
            CONTACTS / 2,
            started.elapsed().as_secs_f64()
        );
        let all: Vec<&String> = same.iter().chain(&spread).collect();
        let survey = |token: &str, tail: &str| format!("{base}/api/v1/survey/{token}{tail}");
        load("GET /survey/{token}", clients, READS, |n| {
            ureq::get(&survey(all[n % all.len()], "")).call().map(drop)
        })?;
        load("PUT /survey/{token}/answers", clients, READS / 4, |n| {
            ureq::put(&survey(all[n % all.len()], "/answers"))
                .send_json(answers(n))
                .map(drop)
        })?;
        load("POST …/submit, one account's contacts", clients, CONTACTS, |n| {
            ureq::post(&survey(&same[n], "/submit")).send_json(answers(n)).map(drop)
        })?;
        load("POST …/submit, contacts of 200 accounts", clients, CONTACTS, |n| {
            ureq::post(&survey(&spread[n], "/submit")).send_json(answers(n)).map(drop)
        })?;
        Ok(())
    })
    .await?;
    let _ = std::fs::remove_dir_all(&folder);
    outcome
}
