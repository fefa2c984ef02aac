//! `cargo xtask test`: everything CI checks, in the order that fails fastest.

use crate::sh::{self, Result, cmd, step};
use crate::{bench, e2e, tools};

const NATIVE: &[&str] = &["--workspace", "--exclude", "kaiku-app", "--all-targets"];
const DENY_WARNINGS: &[&str] = &["--", "-D", "warnings"];

pub fn test(args: &[String]) -> Result {
    let skip_e2e = args.iter().any(|a| a == "--no-e2e");
    let remote = args.iter().any(|a| a == "--remote");
    // Dovecot and openssl: the mailbox tests read from a real IMAP server over TLS.
    tools::ensure_debian_packages(&["clang", "libclang-dev", "dovecot-imapd", "openssl"])?;
    let path = tools::ensure_app_toolchain()?;
    let cargo = sh::cargo();

    step("checking formatting (cargo fmt --check)");
    sh::run(&mut cmd(&cargo, &["fmt", "--all", "--check"]))?;

    // Every native cargo call selects the same packages and targets, so features
    // unify the same way and RocksDB is compiled once, not once per command.
    step("clippy, warnings denied (core, server, xtask)");
    sh::run(&mut cmd(&cargo, &[&["clippy"], NATIVE, DENY_WARNINGS].concat()))?;
    step("clippy, warnings denied (core and app for wasm32)");
    sh::run(&mut cmd(
        &cargo,
        &[
            &[
                "clippy",
                "-p",
                "kaiku-app",
                "-p",
                "kaiku-core",
                "--target",
                "wasm32-unknown-unknown",
            ],
            DENY_WARNINGS,
        ]
        .concat(),
    ))?;

    step("unit and integration tests");
    sh::run(&mut cmd(&cargo, &[&["test"], NATIVE].concat()))?;
    step("the app's unit tests (texts, formatting, grid keys), natively");
    sh::run(&mut cmd(&cargo, &["test", "-p", "kaiku-app"]))?;
    if remote {
        remote_database()?;
    }

    tools::build_app(&path)?;
    // The server binary the integration tests above built (see e2e.rs on why this one).
    bench::bundle_sizes(&sh::target_dir().join("debug").join("kaiku-server"))?;

    if skip_e2e {
        println!("\nskipping the browser tests (--no-e2e)");
        return Ok(());
    }
    tools::ensure_debian_packages(&["chromium"])?;
    e2e::run(&[])
}

/// The debug server binary with the same package selection as the tests, so
/// features unify the same way and RocksDB is not compiled a second time.
pub fn build_server() -> Result {
    step("building the server (debug, the tests' build)");
    sh::run(&mut cmd(&sh::cargo(), &[&["test"], NATIVE, &["--no-run"]].concat()))
}

/// `cargo xtask e2e [playwright args]`: only the browser tests, after building what
/// they run against (the same builds as `test`, so nothing compiles twice).
pub fn e2e_only(playwright_args: &[String]) -> Result {
    tools::ensure_debian_packages(&["clang", "libclang-dev", "chromium", "dovecot-imapd", "openssl"])?;
    let path = tools::ensure_app_toolchain()?;
    build_server()?;
    tools::build_app(&path)?;
    e2e::run(playwright_args)
}

/// `--remote`: two Kaiku processes on the real SurrealDB server over `ws://`
/// (`server/tests/remote.rs`). Building the server takes minutes more than a fresh
/// CI run can spare, so it runs on demand.
fn remote_database() -> Result {
    step("building the SurrealDB server (xtask/surreal, debug)");
    let manifest = sh::root().join("xtask").join("surreal").join("Cargo.toml");
    // The project's target directory: RocksDB's build is shared.
    let target = sh::target_dir();
    sh::run(&mut cmd(
        &sh::cargo(),
        &[
            "build",
            "--locked",
            "--manifest-path",
            manifest.to_str().unwrap_or_default(),
            "--target-dir",
            target.to_str().unwrap_or_default(),
        ],
    ))?;
    let surreal = target.join("debug").join("surreal");
    step("Kaiku on a remote SurrealDB server: two processes over ws://");
    sh::run(
        cmd(
            &sh::cargo(),
            &[
                &["test"],
                NATIVE,
                &[
                    "--",
                    "--ignored",
                    "--exact",
                    "two_kaiku_processes_on_one_surrealdb_server_act_as_one",
                ],
            ]
            .concat(),
        )
        .env("KAIKU_SURREAL", surreal),
    )
}

/// `cargo xtask soak`: the durability loop in `server/tests/restart.rs` — writes,
/// `kill -9` and a restart on RocksDB, 200 times, every acknowledged write checked
/// (`KAIKU_SOAK_ROUNDS`, `KAIKU_SOAK_MINUTES`). The tests' build and package
/// selection, so nothing compiles twice.
pub fn soak() -> Result {
    tools::ensure_debian_packages(&["clang", "libclang-dev"])?;
    step("the durability loop: writes, kill -9, restart on RocksDB, over and over");
    sh::run(&mut cmd(
        &sh::cargo(),
        &[
            &["test"],
            NATIVE,
            &[
                "--",
                "--ignored",
                "--nocapture",
                "--exact",
                "no_acknowledged_write_is_lost_over_many_kill_9s",
            ],
        ]
        .concat(),
    ))
}
