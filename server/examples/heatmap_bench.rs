//! The heatmap at scale, for `cargo xtask bench`: makes up 5,000 accounts with 24 months
//! of history (quarterly rounds, answers, counter-feedback, actions) in an in-memory
//! database, serves Kaiku on a local port, and reports how long the heatmap's data
//! takes to come back over HTTP — the first read after start (every account scored)
//! and the reads after it. With `--serve` it keeps serving, logged in as
//! `bench@kaiku.test`, for the browser benchmark (`end2end/bench/`).
//!
//! `cargo run --release -p kaiku-server --example heatmap_bench -- [--accounts N] [--serve]`

use std::sync::Arc;
use std::time::{Duration, Instant};

use clap::Parser;
use kaiku_core::{Lang, Role};
use kaiku_server::clock::SystemClock;
use kaiku_server::config::Config;
use kaiku_server::seed::history::{self, People, Plan};
use kaiku_server::service::evidence;
use kaiku_server::service::secrets::hash_password;
use kaiku_server::state::AppState;
use kaiku_server::store::Store;
use kaiku_server::store::users::NewUser;
use kaiku_server::{http, seed};
use poem::Server;
use poem::listener::TcpListener;

pub const BENCH_EMAIL: &str = "bench@kaiku.test";
const PORT: u16 = 8091;
const WARM_READS: usize = 20;

fn flag(args: &[String], name: &str) -> Option<String> {
    args.iter()
        .position(|a| a == name)
        .and_then(|i| args.get(i + 1))
        .cloned()
}

/// The `Cookie` header for every cookie `response` set.
fn cookies(response: &ureq::http::Response<ureq::Body>, jar: &mut Vec<String>) {
    for value in response.headers().get_all("set-cookie") {
        if let Some(pair) = value.to_str().ok().and_then(|v| v.split(';').next()) {
            jar.push(pair.to_string());
        }
    }
}

fn log_in(base: &str) -> anyhow::Result<String> {
    let mut jar = Vec::new();
    let mut csrf = ureq::get(&format!("{base}/api/v1/auth/csrf")).call()?;
    cookies(&csrf, &mut jar);
    let token: serde_json::Value = csrf.body_mut().read_json()?;
    let token = token["token"].as_str().unwrap_or_default().to_string();
    let login = ureq::post(&format!("{base}/api/v1/auth/login"))
        .header("Cookie", jar.join("; "))
        .header(kaiku_core::api::CSRF_HEADER, &token)
        .send_json(serde_json::json!({"email": BENCH_EMAIL, "password": seed::DEMO_PASSWORD}))?;
    cookies(&login, &mut jar);
    Ok(jar.join("; "))
}

/// Milliseconds of each read of `path`, and the size of the last answer.
fn time_reads(base: &str, cookie: &str, path: &str, reads: usize) -> anyhow::Result<(Vec<f64>, usize)> {
    let mut times = Vec::with_capacity(reads);
    let mut size = 0;
    for _ in 0..reads {
        let started = Instant::now();
        let mut response = ureq::get(&format!("{base}{path}")).header("Cookie", cookie).call()?;
        let body = response
            .body_mut()
            .with_config()
            .limit(256 * 1024 * 1024)
            .read_to_vec()?;
        times.push(started.elapsed().as_secs_f64() * 1000.0);
        size = body.len();
    }
    Ok((times, size))
}

fn report(what: &str, (mut times, size): (Vec<f64>, usize)) {
    times.sort_by(f64::total_cmp);
    let at = |q: f64| times[((times.len() - 1) as f64 * q).round() as usize];
    println!(
        "  {what:<44} p50 {:>7.1} ms   p95 {:>7.1} ms   max {:>7.1} ms   ({} reads, {:.0} KB)",
        at(0.5),
        at(0.95),
        at(1.0),
        times.len(),
        size as f64 / 1024.0
    );
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().collect();
    let accounts: usize = flag(&args, "--accounts").map_or(Ok(5_000), |n| n.parse())?;
    let dist = flag(&args, "--dist").unwrap_or_else(|| "dist".into());
    let base = format!("http://127.0.0.1:{PORT}");
    let config = Config::try_parse_from([
        "kaiku-server",
        "--database",
        "mem://",
        "--dist-dir",
        &dist,
        "--bind",
        &format!("127.0.0.1:{PORT}"),
        "--public-url",
        &base,
        // The browser benchmark must not be stopped by the scheduler's passes.
        "--scheduler-seconds",
        "3600",
    ])?;
    let store = Store::open("mem://", None).await?;
    let state = AppState::new(store, config.clone(), Arc::new(SystemClock))?;

    let started = Instant::now();
    let user = NewUser {
        name: "Bench Admin".into(),
        email: BENCH_EMAIL.into(),
        password_hash: hash_password(seed::DEMO_PASSWORD)
            .await
            .map_err(|e| anyhow::anyhow!(e.message))?,
        role: Role::Admin,
        language: Lang::En,
    };
    let (org, admin) = state
        .store
        .create_org_with_admin("Bench Agency", user, state.now())
        .await
        .map_err(|e| anyhow::anyhow!("{e:?}"))?;
    let people = People {
        leads: std::slice::from_ref(&admin),
        team: std::slice::from_ref(&admin),
        admin: &admin,
    };
    let plan = Plan {
        accounts,
        months: 24,
        seed: 5_000,
        former: 0,
    };
    history::write(&state, &org, people, plan).await?;
    println!(
        "heatmap benchmark: {accounts} accounts, 24 months of history made up in {:.1} s",
        started.elapsed().as_secs_f64()
    );
    let started = Instant::now();
    let mut computed = 0;
    loop {
        let done = evidence::recompute_dirty(&state, 500)
            .await
            .map_err(|e| anyhow::anyhow!(e.body().error.message))?;
        computed += done;
        if done == 0 {
            break;
        }
    }
    println!(
        "  evidence of {computed} accounts gathered from storage in {:.1} s",
        started.elapsed().as_secs_f64()
    );

    let server = Server::new(TcpListener::bind(config.bind));
    tokio::spawn(server.run(http::app(state.clone())));
    tokio::time::sleep(Duration::from_millis(300)).await;
    let cookie = tokio::task::spawn_blocking({
        let base = base.clone();
        move || log_in(&base)
    })
    .await??;
    let measured = tokio::task::spawn_blocking({
        let base = base.clone();
        move || -> anyhow::Result<_> {
            let first = time_reads(&base, &cookie, "/api/v1/heatmap", 1)?;
            let warm = time_reads(&base, &cookie, "/api/v1/heatmap", WARM_READS)?;
            let history = time_reads(&base, &cookie, "/api/v1/heatmap/history?signal=health", WARM_READS)?;
            Ok((first, warm, history))
        }
    })
    .await??;
    report("GET /heatmap, first read (scores every account)", measured.0);
    report("GET /heatmap", measured.1);
    report("GET /heatmap/history?signal=health", measured.2);

    if args.iter().any(|a| a == "--serve") {
        println!("serving {base} for the browser benchmark (log in as {BENCH_EMAIL}); ready");
        tokio::signal::ctrl_c().await?;
    }
    Ok(())
}
