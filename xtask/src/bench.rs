//! `cargo xtask bench`: figures, not gates. For now: what a browser downloads.

use crate::sh::{self, Result, step};
use crate::tools;

pub fn bench() -> Result {
    let path = tools::ensure_app_toolchain()?;
    tools::build_app(&path)?;
    step("app bundle sizes (release)");
    let dist = sh::root().join("dist");
    let mut total_raw = 0u64;
    let mut total_gzip = 0u64;
    let mut entries: Vec<_> = std::fs::read_dir(&dist)
        .map_err(|e| format!("reading {}: {e}", dist.display()))?
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| {
            p.extension()
                .is_some_and(|ext| ext == "wasm" || ext == "js" || ext == "css")
        })
        .collect();
    entries.sort();
    for file in entries {
        let raw = std::fs::metadata(&file).map(|m| m.len()).unwrap_or(0);
        let gzip = sh::output("sh", &["-c", &format!("gzip -9 -c '{}' | wc -c", file.display())])
            .and_then(|s| s.parse::<u64>().ok())
            .unwrap_or(0);
        total_raw += raw;
        total_gzip += gzip;
        let name = file.file_name().unwrap_or_default().to_string_lossy().into_owned();
        println!("{name:<50} {:>8.1} KB  {:>8.1} KB gzip", kb(raw), kb(gzip));
    }
    println!(
        "{:<50} {:>8.1} KB  {:>8.1} KB gzip",
        "total",
        kb(total_raw),
        kb(total_gzip)
    );
    Ok(())
}

fn kb(bytes: u64) -> f64 {
    bytes as f64 / 1024.0
}
