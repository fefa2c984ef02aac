//! The project's own commands (the xtask pattern): `cargo xtask run | test | dev | e2e | bench | soak`.
//!
//! Each one installs what it is missing first, so they work on a bare machine.

mod bench;
mod dev;
// The IMAP server of the mailbox tests, shared with the browser suite (one file).
#[allow(dead_code)]
#[path = "../../server/tests/common/dovecot.rs"]
mod dovecot;
mod e2e;
mod mail_sink;
mod precompress;
mod run;
mod sh;
mod test;
mod tidy;
mod tools;
mod wire;

use std::process::ExitCode;

const USAGE: &str = "\
usage: cargo xtask <command>

commands:
  run     install what is missing, build the app (release) and the server, start Kaiku
          on http://127.0.0.1:8080 with the embedded database in ./data and the demo
          organisation, and print the demo logins
  test    everything CI checks: fmt, clippy, unit and integration tests, the release
          wasm build and the Playwright browser tests; `--remote` adds two Kaiku
          processes on a real SurrealDB server over ws:// (built first, minutes more);
          `--no-e2e` leaves out the browser tests
  dev     the edit loop: the debug server with the demo on http://127.0.0.1:8080 and
          `trunk watch` rebuilding both bundles when app/, core/, style/ or public/
          change (reload the page); arguments go to the server
  e2e     only the Playwright browser tests (after building the server and the app);
          arguments go to Playwright (`cargo xtask e2e cases.spec.ts`); the server
          listens on KAIKU_E2E_PORT (default 8089)
  soak    the durability loop: 200 rounds of writes, `kill -9` and a restart on the
          embedded RocksDB, every acknowledged write checked (KAIKU_SOAK_ROUNDS,
          KAIKU_SOAK_MINUTES bound it; about ten minutes)
  bench   the text analysis' accuracy, what each page sends on the wire (release app,
          budgets checked), and the heatmap at scale
";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("run") => run::run(&args[1..]),
        Some("test") => test::test(&args[1..]),
        Some("dev") => dev::dev(&args[1..]),
        Some("e2e") => test::e2e_only(&args[1..]),
        Some("bench") => bench::bench(),
        Some("soak") => test::soak(),
        Some("-h" | "--help" | "help") => {
            print!("{USAGE}");
            Ok(())
        }
        _ => {
            eprint!("{USAGE}");
            return ExitCode::from(2);
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("\nxtask: {err}");
            ExitCode::FAILURE
        }
    }
}
