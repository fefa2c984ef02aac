//! `cargo xtask bench`: figures, not gates on wall time. How well the text analysis
//! agrees with hand-labelled comments; what a browser downloads: the team app and the
//! survey page, raw, gzip and brotli. The survey page has a budget (customers open it
//! on slow phones); going over it fails.

use std::path::{Path, PathBuf};

use crate::sh::{self, Result, cmd, step};
use crate::tools;

/// The survey page's wasm + JS + CSS together, brotli-compressed.
pub const SURVEY_BUDGET_BROTLI_BYTES: u64 = 120 * 1024;

pub fn bench() -> Result {
    analysis_accuracy()?;
    let path = tools::ensure_app_toolchain()?;
    tools::build_app(&path)?;
    bundle_sizes()
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
