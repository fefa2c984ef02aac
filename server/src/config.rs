//! The server's settings: flags or `KAIKU_*` environment variables, with safe defaults.

use std::net::SocketAddr;
use std::path::PathBuf;

use clap::{CommandFactory, Parser};

#[derive(Debug, Clone, Parser)]
#[command(
    name = "kaiku-server",
    version,
    about = "Kaiku's server: the JSON API, the team app's files and the embedded database.",
    after_help = "Every setting can also be given as the environment variable shown beside it."
)]
pub struct Config {
    /// Address and port to listen on.
    #[arg(long, env = "KAIKU_BIND", default_value = "127.0.0.1:8080")]
    pub bind: SocketAddr,

    /// Directory for the embedded database (RocksDB) when no --database is given.
    #[arg(long, env = "KAIKU_DATA_DIR", default_value = "./data")]
    pub data_dir: PathBuf,

    /// Database endpoint: `rocksdb://PATH` (embedded, durable), `mem://` (in memory,
    /// for tests) or `ws://HOST:PORT` (a remote SurrealDB server or cluster).
    /// Defaults to RocksDB under --data-dir.
    #[arg(long, env = "KAIKU_DATABASE")]
    pub database: Option<String>,

    /// Root user for a remote database (ws://).
    #[arg(long, env = "KAIKU_DATABASE_USER")]
    pub database_user: Option<String>,

    /// Root password for a remote database (ws://).
    #[arg(long, env = "KAIKU_DATABASE_PASSWORD", hide_env_values = true)]
    pub database_password: Option<String>,

    /// Directory of the built app (Trunk's output), served with an SPA fallback.
    #[arg(long, env = "KAIKU_DIST_DIR", default_value = "dist")]
    pub dist_dir: PathBuf,

    /// Directory of the built survey page, served under `/survey/` and at `/s/<token>`.
    /// Defaults to `survey/` inside --dist-dir (where `cargo xtask run` builds it).
    #[arg(long, env = "KAIKU_SURVEY_DIST_DIR")]
    pub survey_dist_dir: Option<PathBuf>,

    /// The address people use to reach Kaiku; links in emails start with it.
    #[arg(long, env = "KAIKU_PUBLIC_URL", default_value = "http://127.0.0.1:8080", value_parser = parse_public_url)]
    pub public_url: String,

    /// Create the demo organisation "Demo Agency" on start if it does not exist.
    #[arg(long, env = "KAIKU_SEED_DEMO", default_value_t = false)]
    pub seed_demo: bool,

    /// Mark cookies `Secure` even when the public URL is not https (they are whenever
    /// it is).
    #[arg(long, env = "KAIKU_SECURE_COOKIES", default_value_t = false)]
    pub secure_cookies: bool,

    /// A session ends after this many minutes without requests.
    #[arg(long, env = "KAIKU_SESSION_IDLE_MINUTES", default_value_t = 30,
          value_parser = clap::value_parser!(u32).range(1..=10_080))]
    pub session_idle_minutes: u32,

    /// A session ends this many hours after login, however active.
    #[arg(long, env = "KAIKU_SESSION_MAX_HOURS", default_value_t = 12,
          value_parser = clap::value_parser!(u32).range(1..=720))]
    pub session_max_hours: u32,

    /// Invitation links stop working after this many days.
    #[arg(long, env = "KAIKU_INVITATION_DAYS", default_value_t = 7,
          value_parser = clap::value_parser!(u32).range(1..=60))]
    pub invitation_days: u32,

    /// Largest request body accepted, in bytes.
    #[arg(long, env = "KAIKU_MAX_BODY_BYTES", default_value_t = 1_048_576,
          value_parser = clap::value_parser!(u64).range(1024..=104_857_600))]
    pub max_body_bytes: u64,

    /// SMTP server for outgoing mail. Without one, messages stay in the outbox (the
    /// admin reads them in the app, personal links hidden).
    #[arg(long, env = "KAIKU_SMTP_HOST")]
    pub smtp_host: Option<String>,

    /// SMTP port; 587 for STARTTLS, 465 for TLS, 25 without TLS when left out.
    #[arg(long, env = "KAIKU_SMTP_PORT")]
    pub smtp_port: Option<u16>,

    /// How the SMTP connection is secured: `starttls`, `tls` or `none` (only for a
    /// server on the same machine or network).
    #[arg(long, env = "KAIKU_SMTP_TLS", value_enum, default_value_t = SmtpTls::Starttls)]
    pub smtp_tls: SmtpTls,

    /// SMTP user name, if the server wants one.
    #[arg(long, env = "KAIKU_SMTP_USER")]
    pub smtp_user: Option<String>,

    /// SMTP password.
    #[arg(long, env = "KAIKU_SMTP_PASSWORD", hide_env_values = true)]
    pub smtp_password: Option<String>,

    /// The sender of every message, e.g. `Kaiku <kaiku@example.com>`.
    #[arg(long, env = "KAIKU_MAIL_FROM", default_value = "Kaiku <kaiku@localhost>")]
    pub mail_from: String,

    /// Days a delivered (or given-up) message's body is kept; then it is emptied, the
    /// record of the delivery stays.
    #[arg(long, env = "KAIKU_OUTBOX_RETENTION_DAYS", default_value_t = 30,
          value_parser = clap::value_parser!(u32).range(1..=3650))]
    pub outbox_retention_days: u32,

    /// Seconds between the scheduler's rounds (cycles, reminders, mail delivery).
    #[arg(long, env = "KAIKU_SCHEDULER_SECONDS", default_value_t = 60,
          value_parser = clap::value_parser!(u64).range(1..=3600))]
    pub scheduler_seconds: u64,

    /// How long an instance holds a scheduler job without renewing it: how soon another
    /// instance takes over the jobs of one that died. At least three rounds.
    #[arg(long, env = "KAIKU_SCHEDULER_LEASE_SECONDS", default_value_t = 300,
          value_parser = clap::value_parser!(u64).range(3..=86_400))]
    pub scheduler_lease_seconds: u64,

    /// At most this many items per job in one scheduler round; the rest waits for the next.
    #[arg(long, env = "KAIKU_SCHEDULER_BATCH", default_value_t = 200,
          value_parser = clap::value_parser!(u32).range(1..=10_000))]
    pub scheduler_batch: u32,

    /// Requests one organisation API key may make in 15 minutes; more are refused
    /// with `rate_limited` until the oldest leaves the window.
    #[arg(long, env = "KAIKU_API_KEY_REQUESTS", default_value_t = 6000,
          value_parser = clap::value_parser!(u32).range(1..=1_000_000))]
    pub api_key_requests: u32,

    /// Sign-ups and accepted invitations one client address may make in 15 minutes
    /// (each hashes a password). A test suite signing up from one address raises it.
    #[arg(long, env = "KAIKU_NEW_ACCOUNTS_PER_ADDRESS", default_value_t = 30,
          value_parser = clap::value_parser!(u32).range(1..=100_000))]
    pub new_accounts_per_address: u32,

    /// Let webhooks reach this machine and private networks (a receiver on the same
    /// host or LAN). Off by default: an admin's address could otherwise reach the
    /// cloud's metadata service or internal systems through the server.
    #[arg(long, env = "KAIKU_WEBHOOKS_ALLOW_INTERNAL")]
    pub webhooks_allow_internal: bool,

    /// Let mailboxes be read from this machine or a private network (a mail server on
    /// the LAN). Off by default, for the same reason as webhooks.
    #[arg(long, env = "KAIKU_MAILBOXES_ALLOW_INTERNAL")]
    pub mailboxes_allow_internal: bool,

    /// A PEM file of certificates mail servers' certificates may also chain to (a
    /// company's own certificate authority), besides the public ones.
    #[arg(long, env = "KAIKU_MAILBOX_CA_FILE")]
    pub mailbox_ca_file: Option<PathBuf>,

    /// The server's secret key (32 bytes, base64): seals the secrets Kaiku must read
    /// back, such as a mailbox's password. Without it the embedded database keeps one
    /// in `<data dir>/secret.key`; every instance on a remote database needs the same.
    #[arg(long, env = "KAIKU_SECRET_KEY", hide_env_values = true)]
    pub secret_key: Option<String>,

    /// Log filter, e.g. `info` or `kaiku_server=debug,info`.
    #[arg(long, env = "KAIKU_LOG", default_value = "info")]
    pub log: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum SmtpTls {
    Starttls,
    Tls,
    None,
}

fn parse_public_url(value: &str) -> Result<String, String> {
    let trimmed = value.trim_end_matches('/');
    if (trimmed.starts_with("http://") || trimmed.starts_with("https://")) && trimmed.len() > 8 {
        Ok(trimmed.to_string())
    } else {
        Err("must start with http:// or https://".into())
    }
}

impl Config {
    /// Reads flags and environment. A bad value stops start-up with a message that
    /// names both the flag and the environment variable.
    pub fn from_args() -> Config {
        match Config::try_parse() {
            Ok(config) => config,
            Err(err) => {
                use clap::error::{ContextKind, ContextValue, ErrorKind};
                let is_bad_value = matches!(err.kind(), ErrorKind::InvalidValue | ErrorKind::ValueValidation);
                let flag = match err.get(ContextKind::InvalidArg) {
                    Some(ContextValue::String(arg)) => Some(arg.clone()),
                    _ => None,
                };
                if is_bad_value && let Some(flag) = flag {
                    let env = Self::env_name_of(&flag).unwrap_or_default();
                    eprintln!("kaiku-server: invalid setting {flag} ({env})");
                }
                err.exit()
            }
        }
    }

    /// `--bind <BIND>` → `KAIKU_BIND`.
    fn env_name_of(flag: &str) -> Option<String> {
        let long = flag.trim_start_matches("--").split([' ', '=']).next()?;
        Config::command()
            .get_arguments()
            .find(|arg| arg.get_long() == Some(long))
            .and_then(|arg| arg.get_env())
            .map(|env| env.to_string_lossy().into_owned())
    }

    /// Whether people reach Kaiku over HTTPS: cookies are `Secure` and carry the
    /// `__Host-` prefix, and browsers are told to use HTTPS only (HSTS).
    pub fn https(&self) -> bool {
        self.public_url.starts_with("https://")
    }

    pub fn cookies_secure(&self) -> bool {
        self.secure_cookies || self.https()
    }

    /// A cookie's name: `__Host-` before `base` when cookies are secure, so the
    /// browser accepts it only from this host, over HTTPS, for the whole site.
    pub fn cookie_name(&self, base: &str) -> String {
        if self.cookies_secure() {
            format!("__Host-{base}")
        } else {
            base.to_string()
        }
    }

    /// The database endpoint actually used.
    pub fn database_endpoint(&self) -> String {
        match &self.database {
            Some(endpoint) => endpoint.clone(),
            None => format!("rocksdb://{}", self.data_dir.join("db").display()),
        }
    }

    /// Where the survey page's files are.
    pub fn survey_dir(&self) -> PathBuf {
        self.survey_dist_dir
            .clone()
            .unwrap_or_else(|| self.dist_dir.join("survey"))
    }

    /// Settings for tests: in-memory database, no static files, sessions long enough
    /// for the hours a test's clock runs between one person's steps; defaults otherwise.
    pub fn for_tests() -> Config {
        Config::parse_from([
            "kaiku-server",
            "--database",
            "mem://",
            "--dist-dir",
            "/nonexistent",
            "--session-idle-minutes",
            "120",
            "--session-max-hours",
            "24",
        ])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_are_safe() {
        let config = Config::parse_from(["kaiku-server"]);
        assert_eq!(config.bind.to_string(), "127.0.0.1:8080");
        assert!(config.database_endpoint().starts_with("rocksdb://"));
        assert!(!config.seed_demo);
        assert!(!config.webhooks_allow_internal);
        assert!(!config.mailboxes_allow_internal);
        assert_eq!((config.session_idle_minutes, config.session_max_hours), (30, 12));
        assert!(!config.cookies_secure(), "plain http on loopback");
        assert_eq!(config.cookie_name("kaiku_session"), "kaiku_session");
        let https = Config::parse_from(["kaiku-server", "--public-url", "https://kaiku.example.com"]);
        assert!(https.cookies_secure() && https.https());
        assert_eq!(https.cookie_name("kaiku_session"), "__Host-kaiku_session");
    }

    #[test]
    fn bad_values_are_refused() {
        assert!(Config::try_parse_from(["kaiku-server", "--bind", "nowhere"]).is_err());
        assert!(Config::try_parse_from(["kaiku-server", "--session-idle-minutes", "0"]).is_err());
        assert!(Config::try_parse_from(["kaiku-server", "--public-url", "ftp://x"]).is_err());
    }

    #[test]
    fn flags_map_to_their_environment_variables() {
        assert_eq!(Config::env_name_of("--bind <BIND>").as_deref(), Some("KAIKU_BIND"));
        assert_eq!(
            Config::env_name_of("--session-idle-minutes <SESSION_IDLE_MINUTES>").as_deref(),
            Some("KAIKU_SESSION_IDLE_MINUTES")
        );
    }
}
