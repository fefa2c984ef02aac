//! `cargo xtask bench`: figures, not gates on wall time. How well the text analysis
//! agrees with hand-labelled comments; what a browser downloads: the team app and the
//! survey page, raw, gzip and brotli (the survey page has a budget — customers open it
//! on slow phones — and going over it fails); and the heatmap at scale: 5,000 accounts
//! with 24 months of history, how fast its data comes back from the server and how
//! the page renders and scrolls in Chromium.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::sync::mpsc;
use std::time::Duration;

use crate::e2e::{ServerGuard, install_playwright};
use crate::sh::{self, Result, cmd, step};
use crate::tools;

/// Where the heatmap benchmark serves (see `server/examples/heatmap_bench.rs`).
const HEATMAP_BENCH_URL: &str = "http://127.0.0.1:8091";

/// The survey page's wasm + JS + CSS together, brotli-compressed.
pub const SURVEY_BUDGET_BROTLI_BYTES: u64 = 120 * 1024;

pub fn bench() -> Result {
    analysis_accuracy()?;
    let path = tools::ensure_app_toolchain()?;
    tools::build_app(&path)?;
    bundle_sizes()?;
    tools::ensure_debian_packages(&["clang", "libclang-dev", "chromium"])?;
    heatmap_at_scale()
}

/// Seeds 5,000 accounts × 24 months in the benchmark server (release), which reports
/// the heatmap's server times, then measures the page in Chromium against it.
fn heatmap_at_scale() -> Result {
    step("heatmap at scale: building the benchmark server (release)");
    sh::run(&mut cmd(
        &sh::cargo(),
        &[
            "build",
            "--release",
            "--package",
            "kaiku-server",
            "--example",
            "heatmap_bench",
        ],
    ))?;
    let binary = sh::target_dir().join("release").join("examples").join("heatmap_bench");
    step("heatmap at scale: 5,000 accounts with 24 months of history (server)");
    let mut child = cmd(binary.to_str().unwrap_or_default(), &["--serve", "--dist"])
        .arg(sh::root().join("dist"))
        .stdout(Stdio::piped())
        .spawn()
        .map_err(|e| format!("starting {}: {e}", binary.display()))?;
    let stdout = child.stdout.take().ok_or("no output from the benchmark server")?;
    let guard = ServerGuard(child);
    let (ready, is_ready) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(std::io::Result::ok) {
            println!("{line}");
            if line.ends_with("ready") {
                let _ = ready.send(());
            }
        }
    });
    is_ready
        .recv_timeout(Duration::from_secs(30 * 60))
        .map_err(|_| "the benchmark server did not get ready within 30 minutes".to_string())?;
    install_playwright()?;
    step("heatmap at scale: rendering and scrolling in Chromium");
    let mut playwright = cmd("npx", &["playwright", "test", "--config", "bench.config.ts"]);
    playwright
        .current_dir(sh::root().join("end2end"))
        .env("KAIKU_BENCH_URL", HEATMAP_BENCH_URL);
    let result = sh::run(&mut playwright);
    drop(guard);
    result
}

/// Prints the analysis' accuracy report (language, sentiment, themes, churn causes,
/// upsell, development points) on all labelled comments and on the held-out half.
fn analysis_accuracy() -> Result {
    step("text analysis accuracy (core/tests/data/feedback.tsv)");
    sh::run(&mut cmd(
        &sh::cargo(),
        &[
            "run",
            "--package",
            "kaiku-core",
            "--example",
            "analysis_accuracy",
            "--release",
        ],
    ))
}

/// Prints both bundles' sizes and checks the survey budget (needs a built `dist/`).
pub fn bundle_sizes() -> Result {
    tools::ensure_debian_packages(&["brotli"])?;
    let dist = sh::root().join("dist");
    step("team app bundle (release)");
    report(&dist)?;
    step("survey page bundle (release)");
    let survey = report(&dist.join("survey"))?;
    if survey.brotli > SURVEY_BUDGET_BROTLI_BYTES {
        return Err(format!(
            "the survey page is {:.1} KB brotli-compressed, over its budget of {:.1} KB",
            kb(survey.brotli),
            kb(SURVEY_BUDGET_BROTLI_BYTES)
        ));
    }
    println!(
        "survey page within budget: {:.1} KB of {:.1} KB brotli",
        kb(survey.brotli),
        kb(SURVEY_BUDGET_BROTLI_BYTES)
    );
    Ok(())
}

#[derive(Default)]
struct Size {
    raw: u64,
    gzip: u64,
    brotli: u64,
}

fn compressed(tool: &str, file: &Path) -> u64 {
    sh::output("sh", &["-c", &format!("{tool} -c '{}' | wc -c", file.display())])
        .and_then(|s| s.trim().parse::<u64>().ok())
        .unwrap_or(0)
}

fn report(dir: &Path) -> Result<Size> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| format!("reading {}: {e}", dir.display()))?
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| {
            p.extension()
                .is_some_and(|ext| ext == "wasm" || ext == "js" || ext == "css")
        })
        .collect();
    files.sort();
    let mut total = Size::default();
    println!("{:<50} {:>10} {:>10} {:>10}", "file", "raw", "gzip", "brotli");
    for file in files {
        let size = Size {
            raw: std::fs::metadata(&file).map(|m| m.len()).unwrap_or(0),
            gzip: compressed("gzip -9", &file),
            brotli: compressed("brotli -q 11", &file),
        };
        let name = file.file_name().unwrap_or_default().to_string_lossy().into_owned();
        print_row(&name, &size);
        total.raw += size.raw;
        total.gzip += size.gzip;
        total.brotli += size.brotli;
    }
    print_row("total", &total);
    Ok(total)
}

fn print_row(name: &str, size: &Size) {
    println!(
        "{name:<50} {:>7.1} KB {:>7.1} KB {:>7.1} KB",
        kb(size.raw),
        kb(size.gzip),
        kb(size.brotli)
    );
}

fn kb(bytes: u64) -> f64 {
    bytes as f64 / 1024.0
}
