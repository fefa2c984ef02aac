//! Running commands, loudly: every step says what it does before doing it.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

pub type Result<T = ()> = std::result::Result<T, String>;

pub fn step(what: &str) {
    println!("\n==> {what}");
}

/// The repository root (xtask lives one level below it). Read from the environment
/// `cargo run` sets, not from the build: clones sharing one target directory share
/// the xtask binary too, and it must act on the clone it was started from.
pub fn root() -> PathBuf {
    let manifest_dir = std::env::var_os("CARGO_MANIFEST_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")));
    manifest_dir.parent().map(Path::to_path_buf).unwrap_or(manifest_dir)
}

pub fn cmd(program: &str, args: &[&str]) -> Command {
    let mut command = Command::new(program);
    command.args(args).current_dir(root());
    // The environment as it was before `cargo run` started us. Cargo adds xtask's
    // package variables and its own library directories; build scripts that watch them
    // (ring watches `CARGO_PKG_NAME` and `CARGO_MANIFEST_DIR`, clang-sys under RocksDB
    // watches `LD_LIBRARY_PATH`) would otherwise see a change between `cargo xtask test`
    // and a plain `cargo test` and rebuild TLS and the database engine each time.
    for (key, _) in std::env::vars_os() {
        if key.to_str().is_some_and(is_package_variable) {
            command.env_remove(key);
        }
    }
    match library_path_without_cargos() {
        Some(path) => command.env("LD_LIBRARY_PATH", path),
        None => command.env_remove("LD_LIBRARY_PATH"),
    };
    command
}

/// Variables `cargo run` sets for the package it runs (xtask's own, not the user's).
fn is_package_variable(key: &str) -> bool {
    key.starts_with("CARGO_PKG_")
        || matches!(
            key,
            "CARGO_MANIFEST_DIR"
                | "CARGO_MANIFEST_PATH"
                | "CARGO_CRATE_NAME"
                | "CARGO_BIN_NAME"
                | "CARGO_PRIMARY_PACKAGE"
        )
}

/// `LD_LIBRARY_PATH` without the target and toolchain library directories cargo added.
fn library_path_without_cargos() -> Option<String> {
    let path = std::env::var("LD_LIBRARY_PATH").ok()?;
    let target = target_dir();
    let kept: Vec<&str> = path
        .split(':')
        .filter(|entry| !entry.is_empty())
        .filter(|entry| !Path::new(entry).starts_with(&target) && !entry.contains("/.rustup/toolchains/"))
        .collect();
    (!kept.is_empty()).then(|| kept.join(":"))
}

/// Runs to completion; a non-zero exit is an error naming the command.
pub fn run(command: &mut Command) -> Result {
    let shown = format!("{command:?}");
    let status = command.status().map_err(|e| format!("could not start {shown}: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("{shown} failed ({status})"))
    }
}

/// Whether a program runs at all (quietly).
pub fn works(program: &str, args: &[&str]) -> bool {
    Command::new(program)
        .args(args)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

pub fn output(program: &str, args: &[&str]) -> Option<String> {
    let out = Command::new(program).args(args).output().ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).trim().to_string())
}

/// The cargo that runs us, so a pinned toolchain is respected.
pub fn cargo() -> String {
    std::env::var("CARGO").unwrap_or_else(|_| "cargo".into())
}

/// Where cargo puts build output (honours CARGO_TARGET_DIR).
pub fn target_dir() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| root().join("target"))
}
