//! Installing what the build and tests need, each only when missing.
//! Versions and sources follow TOOLCHAIN.md: nothing downloads its own binaries.

use std::path::PathBuf;

use crate::precompress;
use crate::sh::{self, Result, cmd, step, works};

pub const TRUNK_VERSION: &str = "0.21.14";
pub const BINARYEN_VERSION: &str = "132";

/// Debian packages: clang for RocksDB's bindings; chromium for browser tests;
/// dovecot-imapd and openssl for the mailbox tests' IMAP server.
pub fn ensure_debian_packages(packages: &[&str]) -> Result {
    let missing: Vec<&str> = packages
        .iter()
        .copied()
        .filter(|p| {
            sh::output("dpkg-query", &["-W", "-f=${Status}", p]).is_none_or(|s| !s.contains("install ok installed"))
        })
        .collect();
    if missing.is_empty() {
        return Ok(());
    }
    step(&format!("installing Debian packages: {}", missing.join(" ")));
    let as_root = sh::output("id", &["-u"]).as_deref() == Some("0");
    let apt = |args: &[&str]| {
        let mut command = if as_root {
            cmd("apt-get", args)
        } else {
            cmd("sudo", &[&["apt-get"], args].concat())
        };
        command.env("DEBIAN_FRONTEND", "noninteractive");
        sh::run(&mut command)
    };
    apt(&["update", "-qq"])?;
    apt(&[&["install", "-y", "-qq", "--no-install-recommends"], missing.as_slice()].concat())
}

pub fn ensure_wasm_target() -> Result {
    let installed = sh::output("rustup", &["target", "list", "--installed"]).unwrap_or_default();
    if installed.lines().any(|l| l.trim() == "wasm32-unknown-unknown") {
        return Ok(());
    }
    step("adding the wasm32-unknown-unknown target");
    sh::run(&mut cmd("rustup", &["target", "add", "wasm32-unknown-unknown"]))
}

fn cargo_bin(name: &str) -> PathBuf {
    let home = std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(std::env::var_os("HOME").unwrap_or_default()).join(".cargo"));
    home.join("bin").join(name)
}

pub fn ensure_trunk() -> Result {
    let trunk = cargo_bin("trunk");
    let version = sh::output(trunk.to_str().unwrap_or("trunk"), &["--version"]).unwrap_or_default();
    if version.contains(TRUNK_VERSION) {
        return Ok(());
    }
    step(&format!("installing Trunk {TRUNK_VERSION} (about 6 minutes, once)"));
    // --locked: without it 0.21.14 fails to compile (lightningcss).
    sh::run(&mut cmd(
        &sh::cargo(),
        &["install", "--locked", &format!("trunk@{TRUNK_VERSION}")],
    ))
}

/// The wasm-bindgen CLI must match the library version in Cargo.lock exactly.
pub fn ensure_wasm_bindgen() -> Result {
    let lock =
        std::fs::read_to_string(sh::root().join("Cargo.lock")).map_err(|e| format!("reading Cargo.lock: {e}"))?;
    let version = lock
        .split("[[package]]")
        .find(|p| p.contains("name = \"wasm-bindgen\"\n"))
        .and_then(|p| p.lines().find_map(|l| l.strip_prefix("version = \"")))
        .map(|v| v.trim_end_matches('"').to_string())
        .ok_or("wasm-bindgen is not in Cargo.lock")?;
    let bin = cargo_bin("wasm-bindgen");
    let current = sh::output(bin.to_str().unwrap_or("wasm-bindgen"), &["--version"]).unwrap_or_default();
    if current.ends_with(&version) {
        return Ok(());
    }
    step(&format!(
        "installing wasm-bindgen-cli {version} (matches Cargo.lock; about 2 minutes, once)"
    ));
    // Not --locked: its lockfile pins a yanked webpki-roots.
    sh::run(&mut cmd(
        &sh::cargo(),
        &["install", "--force", &format!("wasm-bindgen-cli@{version}")],
    ))
}

/// wasm-opt from npm's binaryen (Debian's is too old), kept in `.tools/`.
pub fn ensure_wasm_opt() -> Result<PathBuf> {
    let tools = sh::root().join(".tools");
    let bin_dir = tools.join("node_modules").join(".bin");
    let wasm_opt = bin_dir.join("wasm-opt");
    let version = sh::output(wasm_opt.to_str().unwrap_or_default(), &["--version"]).unwrap_or_default();
    if !version.contains(&format!("version {BINARYEN_VERSION}")) {
        step(&format!(
            "installing wasm-opt (npm binaryen@{BINARYEN_VERSION}) into .tools/"
        ));
        std::fs::create_dir_all(&tools).map_err(|e| e.to_string())?;
        let mut install = cmd(
            "npm",
            &[
                "install",
                "--no-audit",
                "--no-fund",
                "--prefix",
                ".tools",
                &format!("binaryen@{BINARYEN_VERSION}"),
            ],
        );
        sh::run(&mut install)?;
    }
    Ok(bin_dir)
}

/// PATH with cargo's bin dir and `.tools` in front, for Trunk to find its helpers.
pub fn path_with_tools(bin_dir: &std::path::Path) -> String {
    let cargo_bin_dir = cargo_bin("");
    let old = std::env::var("PATH").unwrap_or_default();
    format!("{}:{}:{old}", bin_dir.display(), cargo_bin_dir.display())
}

pub fn ensure_node() -> Result {
    if works("node", &["--version"]) && works("npm", &["--version"]) {
        Ok(())
    } else {
        ensure_debian_packages(&["nodejs", "npm"])
    }
}

/// Everything needed to build the app: returns the PATH to build it with.
pub fn ensure_app_toolchain() -> Result<String> {
    ensure_wasm_target()?;
    ensure_node()?;
    let bin_dir = ensure_wasm_opt()?;
    ensure_trunk()?;
    ensure_wasm_bindgen()?;
    Ok(path_with_tools(&bin_dir))
}

/// Leptos' type-erased views (`--cfg erase_components`) in the release wasm: a
/// component's view is one `AnyView` rather than a type of its own compiled for every
/// use, so the team app's wasm is a fifth smaller (measured: 2.62 → 2.12 MB, 755 →
/// 595 KB brotli; the survey page stays within 1 KB). For the wasm target only: the
/// server and build scripts are untouched, and Leptos hands the setting to its macros.
const WASM_RUSTFLAGS: &str = "--cfg erase_components";

/// Builds the team app into `dist/` and then the survey page into `dist/survey/`
/// (release: size-optimised, wasm-opt), then writes the compressed copies the server
/// sends. In this order: Trunk empties its dist directory, so the survey must come
/// after the team app.
pub fn build_app(path: &str) -> Result {
    step("building the team app (release wasm) with Trunk into dist/");
    sh::run(&mut trunk_build(path, &[]))?;
    step("building the survey page (release wasm) with Trunk into dist/survey/");
    sh::run(&mut trunk_build(
        path,
        &["app/survey.html", "--dist", "dist/survey", "--public-url", "/survey/"],
    ))?;
    precompress::precompress(&sh::root().join("dist"))
}

fn trunk_build(path: &str, args: &[&str]) -> std::process::Command {
    trunk(path, &[&["build", "--release", "--offline=true"], args].concat())
}

/// Trunk with the tools on `path` and the app's wasm flags.
pub fn trunk(path: &str, args: &[&str]) -> std::process::Command {
    let trunk = cargo_bin("trunk");
    let mut command = cmd(trunk.to_str().unwrap_or("trunk"), args);
    command
        .env("PATH", path)
        .env_remove("RUSTFLAGS")
        .env("CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS", WASM_RUSTFLAGS);
    command
}
