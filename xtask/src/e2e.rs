//! The Playwright suite against the real server (debug build, fresh RocksDB
//! database) serving the release app, in Debian's Chromium: one server as
//! `cargo xtask run` starts it, without mail, and one sending mail to a sink on
//! loopback whose messages the specs read. A real IMAP server (Dovecot) on loopback
//! is the customer mailbox the mailbox spec connects.
//!
//! The server binary is the one `cargo test --workspace` just built: building it
//! with another package selection would unify features differently and compile
//! RocksDB a second time. It is copied before it starts, so a build in another
//! checkout sharing the target directory cannot replace it mid-run.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Stdio};
use std::time::{Duration, Instant};

use crate::dovecot::{self, Dovecot};
use crate::mail_sink;
use crate::sh::{self, Result, cmd, step};

/// Where the suite's server listens unless `KAIKU_E2E_PORT` says otherwise (two
/// checkouts sharing a machine run their suites on different ports); the server
/// that sends mail listens on the next port.
const DEFAULT_PORT: u16 = 8089;

/// Stops the server however the tests end.
pub struct ServerGuard(pub Child);

impl Drop for ServerGuard {
    fn drop(&mut self) {
        let _ = sh::run(&mut cmd("kill", &["-TERM", &self.0.id().to_string()]));
        let _ = self.0.wait();
    }
}

/// Runs the suite; `playwright_args` pick specs or tests (`cases.spec.ts`, `-g name`).
pub fn run(playwright_args: &[String]) -> Result {
    let root = sh::root();
    let end2end = root.join("end2end");

    install_playwright()?;

    let port: u16 = match std::env::var("KAIKU_E2E_PORT") {
        Ok(port) => port
            .parse()
            .map_err(|_| format!("KAIKU_E2E_PORT is not a port: {port}"))?,
        Err(_) => DEFAULT_PORT,
    };
    let work = sh::target_dir().join(format!("e2e-{port}"));
    let _ = std::fs::remove_dir_all(&work);
    std::fs::create_dir_all(&work).map_err(|e| e.to_string())?;
    let server = work.join("kaiku-server");
    std::fs::copy(sh::target_dir().join("debug").join("kaiku-server"), &server)
        .map_err(|e| format!("copying the server binary: {e}"))?;

    step("starting an IMAP server (Dovecot) on loopback for the mailbox spec");
    // In the system's temporary directory: Dovecot's own users must reach its files,
    // and the target directory may be under a private home.
    let imap = Dovecot::start();
    let ca_file = imap.ca_file.to_string_lossy().into_owned();
    // The demo organisation too: the heatmap test reads its history.
    let main = Server::start(
        &server,
        &work.join("main"),
        port,
        &["--seed-demo", "--mailbox-ca-file", &ca_file],
    )?;
    // A second server that sends mail, to a sink whose folder the specs read: sign-up
    // confirmed by email is tried there (without mail, sign-up creates at once).
    let mailbox = work.join("mailbox");
    let sink_port = mail_sink::start(&mailbox)?.to_string();
    let mail = Server::start(
        &server,
        &work.join("mail"),
        port + 1,
        &[
            "--smtp-host",
            "127.0.0.1",
            "--smtp-port",
            &sink_port,
            "--smtp-tls",
            "none",
        ],
    )?;
    main.wait_until_healthy()?;
    mail.wait_until_healthy()?;

    step("running the Playwright suite in Chromium");
    let mut playwright = cmd("npx", &["playwright", "test"]);
    playwright.args(playwright_args);
    playwright
        .current_dir(&end2end)
        .env("KAIKU_E2E_URL", &main.url)
        .env("KAIKU_E2E_MAIL_URL", &mail.url)
        .env("KAIKU_E2E_MAILBOX", &mailbox)
        .env("KAIKU_E2E_IMAP_PORT", imap.tls_port.to_string())
        .env("KAIKU_E2E_IMAP_USER", dovecot::USER)
        .env("KAIKU_E2E_IMAP_PASSWORD", dovecot::PASSWORD)
        .env("KAIKU_E2E_MAILDIR", imap.maildir())
        .env("KAIKU_E2E_MAIL_OWNER", {
            let (uid, gid) = dovecot::mail_owner();
            format!("{uid}:{gid}")
        });
    let result = sh::run(&mut playwright);
    if result.is_err() {
        main.print_log_tail();
        mail.print_log_tail();
    }
    result
}

/// One server of the suite, stopped however the tests end.
struct Server {
    url: String,
    address: String,
    log: PathBuf,
    _guard: ServerGuard,
}

impl Server {
    /// Starts `binary` on `port` with its own database and log under `work`.
    fn start(binary: &Path, work: &Path, port: u16, args: &[&str]) -> Result<Server> {
        std::fs::create_dir_all(work).map_err(|e| e.to_string())?;
        let address = format!("127.0.0.1:{port}");
        let url = format!("http://{address}");
        let log = work.join("server.log");
        let file = std::fs::File::create(&log).map_err(|e| e.to_string())?;
        step(&format!("starting a server on {url} (log: {})", log.display()));
        let child = cmd(binary.to_str().unwrap_or_default(), args)
            .args(["--bind", &address, "--public-url", &url])
            .arg("--data-dir")
            .arg(work.join("data"))
            .arg("--dist-dir")
            .arg(sh::root().join("dist"))
            .env("SURREAL_ROCKSDB_BLOCK_CACHE_SIZE", "67108864")
            // Every spec signs its organisation up from this one address, within minutes.
            .env("KAIKU_NEW_ACCOUNTS_PER_ADDRESS", "1000")
            // The webhook spec's receiver and the mailbox spec's IMAP server listen on loopback.
            .env("KAIKU_WEBHOOKS_ALLOW_INTERNAL", "true")
            .env("KAIKU_MAILBOXES_ALLOW_INTERNAL", "true")
            .stdout(Stdio::from(file.try_clone().map_err(|e| e.to_string())?))
            .stderr(Stdio::from(file))
            .spawn()
            .map_err(|e| format!("starting {}: {e}", binary.display()))?;
        Ok(Server {
            url,
            address,
            log,
            _guard: ServerGuard(child),
        })
    }

    fn wait_until_healthy(&self) -> Result {
        wait_until_healthy(&self.address, Duration::from_secs(120))
    }

    fn print_log_tail(&self) {
        let log = std::fs::read_to_string(&self.log).unwrap_or_default();
        let tail: Vec<&str> = log.lines().rev().take(40).collect();
        eprintln!("\n--- last lines of {} ---", self.log.display());
        for line in tail.into_iter().rev() {
            eprintln!("{line}");
        }
    }
}

/// `npm ci` in `end2end/`; Playwright downloads no browser (Debian's Chromium is used).
pub fn install_playwright() -> Result {
    step("installing the Playwright test runner (npm ci; no browser download)");
    let mut npm = cmd("npm", &["ci", "--no-audit", "--no-fund"]);
    npm.current_dir(sh::root().join("end2end"))
        .env("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
    sh::run(&mut npm)
}

fn healthz_ok(address: &str) -> bool {
    let Ok(mut stream) = TcpStream::connect(address) else {
        return false;
    };
    let _ = stream.set_read_timeout(Some(Duration::from_secs(2)));
    let request = format!("GET /healthz HTTP/1.1\r\nHost: {address}\r\nConnection: close\r\n\r\n");
    if stream.write_all(request.as_bytes()).is_err() {
        return false;
    }
    let mut response = String::new();
    let _ = stream.read_to_string(&mut response);
    response.starts_with("HTTP/1.1 200")
}

pub fn wait_until_healthy(address: &str, limit: Duration) -> Result {
    let started = Instant::now();
    while started.elapsed() < limit {
        if healthz_ok(address) {
            return Ok(());
        }
        std::thread::sleep(Duration::from_millis(250));
    }
    Err(format!(
        "the server did not answer /healthz on {address} within {limit:?}"
    ))
}
