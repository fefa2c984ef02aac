//! `cargo xtask dev`: the edit loop. The debug server with the demo on a database
//! of its own, and `trunk watch` rebuilding both bundles (debug, no wasm-opt) when a
//! file under `app/`, `core/`, `style/` or `public/` changes; reload the page to see it.
//!
//! The bundles go to directories of their own under the target directory, not
//! `dist/`: the release build's brotli copies there would be served instead of the
//! fresh files. The server looks at the pages again when they change, so the
//! Content-Security-Policy admits the new loader without a restart.

use std::path::Path;
use std::process::Child;
use std::time::{Duration, Instant};

use crate::e2e::ServerGuard;
use crate::sh::{self, Result, cmd, step};
use crate::{test, tools};

const ADDRESS: &str = "127.0.0.1:8080";
/// What `trunk watch` looks at: the app and everything it is built from.
const WATCHED: &[&str] = &["app", "core", "style", "public"];

/// Extra arguments go to the server (e.g. `--database mem://`).
pub fn dev(server_args: &[String]) -> Result {
    tools::ensure_debian_packages(&["clang", "libclang-dev"])?;
    let path = tools::ensure_app_toolchain()?;
    let work = sh::target_dir().join("dev");
    let app_dir = work.join("app");
    let survey_dir = work.join("survey");

    test::build_server()?;
    let server = work.join("kaiku-server");
    // Pages of an earlier session would be served until Trunk's first build is done.
    for dir in [&app_dir, &survey_dir] {
        let _ = std::fs::remove_dir_all(dir);
    }
    std::fs::create_dir_all(&work).map_err(|e| e.to_string())?;
    std::fs::copy(sh::target_dir().join("debug").join("kaiku-server"), &server)
        .map_err(|e| format!("copying the server binary: {e}"))?;

    step("watching app/, core/, style/ and public/ with Trunk (both bundles, debug)");
    let _app = TrunkGuard(spawn_watch(&path, &[], &app_dir)?);
    let _survey = TrunkGuard(spawn_watch(
        &path,
        &["app/survey.html", "--public-url", "/survey/"],
        &survey_dir,
    )?);
    wait_for_pages(&[&app_dir, &survey_dir], Duration::from_secs(1200))?;

    step(&format!(
        "starting Kaiku on http://{ADDRESS} (data in {})",
        work.join("data").display()
    ));
    let child = cmd(server.to_str().unwrap_or("kaiku-server"), &["--seed-demo"])
        .args(["--bind", ADDRESS, "--public-url", &format!("http://{ADDRESS}")])
        .arg("--data-dir")
        .arg(work.join("data"))
        .arg("--dist-dir")
        .arg(&app_dir)
        .arg("--survey-dist-dir")
        .arg(&survey_dir)
        .args(server_args)
        .env("SURREAL_ROCKSDB_BLOCK_CACHE_SIZE", "134217728")
        .spawn()
        .map_err(|e| format!("starting {}: {e}", server.display()))?;
    let mut server = ServerGuard(child);
    let status = server.0.wait().map_err(|e| e.to_string())?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("the server stopped: {status}"))
    }
}

/// Stops a `trunk watch` when `dev` ends, however it ends.
struct TrunkGuard(Child);

impl Drop for TrunkGuard {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn spawn_watch(path: &str, args: &[&str], dist: &Path) -> Result<Child> {
    let mut watch = tools::trunk(path, &[&["watch"], args].concat());
    for watched in WATCHED {
        watch.args(["--watch", watched]);
    }
    watch
        .arg("--dist")
        .arg(dist)
        .current_dir(sh::root())
        .spawn()
        .map_err(|e| format!("starting trunk watch: {e}"))
}

/// Until each bundle's first build wrote its page.
fn wait_for_pages(dirs: &[&Path], limit: Duration) -> Result {
    let started = Instant::now();
    while started.elapsed() < limit {
        if dirs.iter().all(|dir| dir.join("index.html").is_file()) {
            return Ok(());
        }
        std::thread::sleep(Duration::from_millis(500));
    }
    Err(format!("trunk did not build both bundles within {limit:?}"))
}
