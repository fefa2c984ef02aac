//! The heatmap at scale, for `cargo xtask bench`: makes up 5,000 accounts with 24 months
//! of history (quarterly rounds, answers, counter-feedback, actions) in an in-memory
//! database, serves Kaiku on a local port, and reports how long the heatmap's data
//! takes to come back over HTTP — the first read after start (every account scored)
//! and the reads after it. With `--serve` it keeps serving, logged in as
//! `bench@kaiku.test`, for the browser benchmark (`end2end/bench/`).
//!
//! `cargo run --release -p kaiku-server --example heatmap_bench -- [--accounts N] [--serve]`

mod common;

use std::time::Instant;

use common::{Latencies, Session};
use kaiku_server::service::evidence;

pub const BENCH_EMAIL: &str = "bench@kaiku.test";
const PORT: u16 = 8091;
const WARM_READS: usize = 20;
/// Leaders opening the heatmap at the same moment, and how often each.
const LEADERS: usize = 16;
const READS_EACH: usize = 10;

/// `LEADERS` signed-in leaders reading `path` at once as a browser does (brotli),
/// each holding the answer it got (`If-None-Match`) when `revalidate`: every read's
/// milliseconds, and the bytes of the last.
fn concurrent_reads(base: &str, path: &str, revalidate: bool) -> anyhow::Result<(Latencies, usize)> {
    let sessions = (0..LEADERS)
        .map(|_| Session::sign_in(base, BENCH_EMAIL))
        .collect::<anyhow::Result<Vec<_>>>()?;
    let per_leader = std::thread::scope(|scope| {
        let readers: Vec<_> = sessions
            .iter()
            .map(|session| {
                scope.spawn(move || -> anyhow::Result<(Vec<f64>, usize)> {
                    let mut held: Option<String> = None;
                    let mut times = Vec::with_capacity(READS_EACH);
                    let mut size = 0;
                    for _ in 0..READS_EACH {
                        let mut headers = vec![("Accept-Encoding", "br, gzip")];
                        if let Some(etag) = held.as_deref().filter(|_| revalidate) {
                            headers.push(("If-None-Match", etag));
                        }
                        let started = Instant::now();
                        let got = session.get_with(path, &headers)?;
                        times.push(started.elapsed().as_secs_f64() * 1000.0);
                        anyhow::ensure!(got.status == 200 || got.status == 304, "{path}: {}", got.status);
                        size = got.size;
                        held = got.etag.or(held);
                    }
                    Ok((times, size))
                })
            })
            .collect();
        readers
            .into_iter()
            .map(|reader| reader.join().map_err(|_| anyhow::anyhow!("a reader panicked"))?)
            .collect::<anyhow::Result<Vec<_>>>()
    })?;
    let size = per_leader.last().map_or(0, |(_, size)| *size);
    Ok((
        Latencies::new(per_leader.into_iter().flat_map(|(times, _)| times).collect()),
        size,
    ))
}

/// Milliseconds of each read of `path`, and the size of the last answer.
fn time_reads(session: &Session, path: &str, reads: usize) -> anyhow::Result<(Latencies, usize)> {
    let mut times = Vec::with_capacity(reads);
    let mut size = 0;
    for _ in 0..reads {
        let started = Instant::now();
        size = session.get(path)?;
        times.push(started.elapsed().as_secs_f64() * 1000.0);
    }
    Ok((Latencies::new(times), size))
}

fn report(what: &str, (times, size): (Latencies, usize)) {
    println!(
        "  {what:<44} {}   ({} reads, {:.0} KB)",
        times.summary(),
        times.len(),
        size as f64 / 1024.0
    );
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().collect();
    let accounts: usize = common::flag(&args, "--accounts").map_or(Ok(5_000), |n| n.parse())?;
    let dist = common::flag(&args, "--dist").unwrap_or_else(|| "dist".into());
    let base = format!("http://127.0.0.1:{PORT}");
    // The browser benchmark must not be stopped by the scheduler's passes.
    let state = common::state(PORT, "mem://", &["--dist-dir", &dist]).await?;

    let started = Instant::now();
    let (org, admin) = common::organisation(&state, "Bench Agency", BENCH_EMAIL).await?;
    common::history(&state, &org, &admin, accounts, 24, 5_000).await?;
    println!(
        "heatmap benchmark: {accounts} accounts, 24 months of history made up in {:.1} s",
        started.elapsed().as_secs_f64()
    );
    let started = Instant::now();
    let mut computed = 0;
    loop {
        let done = evidence::recompute_changed(&state, 500)
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

    common::serve(&state).await;
    let measured = tokio::task::spawn_blocking({
        let base = base.clone();
        move || -> anyhow::Result<_> {
            let session = Session::sign_in(&base, BENCH_EMAIL)?;
            let first = time_reads(&session, "/heatmap", 1)?;
            let warm = time_reads(&session, "/heatmap", WARM_READS)?;
            let history = time_reads(&session, "/heatmap/history?signal=health", WARM_READS)?;
            let at_once = concurrent_reads(&base, "/heatmap", false)?;
            let revalidated = concurrent_reads(&base, "/heatmap", true)?;
            // Readers look again at what changed in the 30 s before the newest change
            // they saw; right after the evidence was gathered that is every account.
            std::thread::sleep(std::time::Duration::from_secs(35));
            let settled = concurrent_reads(&base, "/heatmap", false)?;
            let settled_revalidated = concurrent_reads(&base, "/heatmap", true)?;
            Ok((first, warm, history, at_once, revalidated, settled, settled_revalidated))
        }
    })
    .await??;
    report("GET /heatmap, first read (scores every account)", measured.0);
    report("GET /heatmap", measured.1);
    report("GET /heatmap/history?signal=health", measured.2);
    report(&format!("GET /heatmap, {LEADERS} leaders at once (brotli)"), measured.3);
    report(&format!("GET /heatmap, {LEADERS} at once, If-None-Match"), measured.4);
    println!("  35 s after the last change:");
    report(&format!("GET /heatmap, {LEADERS} leaders at once (brotli)"), measured.5);
    report(&format!("GET /heatmap, {LEADERS} at once, If-None-Match"), measured.6);

    if args.iter().any(|a| a == "--serve") {
        println!("serving {base} for the browser benchmark (log in as {BENCH_EMAIL}); ready");
        tokio::signal::ctrl_c().await?;
    }
    Ok(())
}
