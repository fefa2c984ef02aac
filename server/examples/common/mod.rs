//! What the benchmarks in `server/examples/` share: their flags, the server's state and
//! serving it, an organisation with an admin and made-up history, a signed-in session
//! over HTTP, and latencies as percentiles.

#![allow(dead_code)]

use std::sync::Arc;
use std::time::Duration;

use clap::Parser;
use kaiku_core::{Lang, Role};
use kaiku_server::clock::SystemClock;
use kaiku_server::config::Config;
use kaiku_server::http;
use kaiku_server::seed;
use kaiku_server::seed::history::{self, People, Plan};
use kaiku_server::service::secrets::hash_password;
use kaiku_server::state::AppState;
use kaiku_server::store::Store;
use kaiku_server::store::users::NewUser;
use poem::Server;
use poem::listener::TcpListener;
use serde_json::Value;
use surrealdb::types::RecordId;

/// The value after `name` in the command line.
pub fn flag(args: &[String], name: &str) -> Option<String> {
    args.iter()
        .position(|a| a == name)
        .and_then(|i| args.get(i + 1))
        .cloned()
}

/// Kaiku's state on `port` over `database`, with `settings` besides; the scheduler is
/// kept out of the measurements (one pass an hour).
pub async fn state(port: u16, database: &str, settings: &[&str]) -> anyhow::Result<AppState> {
    let bind = format!("127.0.0.1:{port}");
    let public_url = format!("http://{bind}");
    let mut args = vec![
        "kaiku-server",
        "--database",
        database,
        "--bind",
        &bind,
        "--public-url",
        &public_url,
        "--scheduler-seconds",
        "3600",
    ];
    args.extend_from_slice(settings);
    let config = Config::try_parse_from(args)?;
    let store = Store::open(database, None).await?;
    AppState::new(store, config, Arc::new(SystemClock))
}

/// Serves `state` on its address, once the listener is up.
pub async fn serve(state: &AppState) {
    tokio::spawn(Server::new(TcpListener::bind(state.config.bind)).run(http::app(state.clone())));
    tokio::time::sleep(Duration::from_millis(300)).await;
}

/// `accounts` accounts of `org` with `months` of made-up history (`seed` picks it),
/// all led by `admin`, none former.
pub async fn history(
    state: &AppState,
    org: &RecordId,
    admin: &RecordId,
    accounts: usize,
    months: u32,
    seed: u64,
) -> anyhow::Result<()> {
    let people = People {
        leads: std::slice::from_ref(admin),
        team: std::slice::from_ref(admin),
        admin,
    };
    let plan = Plan {
        accounts,
        months,
        seed,
        former: 0,
    };
    history::write(state, org, people, plan).await.map(|_| ())
}

/// An organisation named `name` whose admin `email` has the demo password.
pub async fn organisation(state: &AppState, name: &str, email: &str) -> anyhow::Result<(RecordId, RecordId)> {
    let user = NewUser {
        name: format!("{name} Admin"),
        email: email.into(),
        password_hash: hash_password(seed::DEMO_PASSWORD)
            .await
            .map_err(|e| anyhow::anyhow!(e.message))?,
        role: Role::Admin,
        language: Lang::En,
    };
    state
        .store
        .create_org_with_admin(name, user, state.now())
        .await
        .map_err(|e| anyhow::anyhow!("{e:?}"))
}

/// A person signed in over HTTP, as the app is: the session cookie and the CSRF token.
pub struct Session {
    pub base: String,
    pub cookie: String,
    pub csrf: String,
}

fn keep_cookies(response: &ureq::http::Response<ureq::Body>, jar: &mut Vec<String>) {
    for value in response.headers().get_all("set-cookie") {
        if let Some(pair) = value.to_str().ok().and_then(|v| v.split(';').next()) {
            jar.push(pair.to_string());
        }
    }
}

impl Session {
    /// Logs `email` in with the demo password.
    pub fn sign_in(base: &str, email: &str) -> anyhow::Result<Session> {
        let mut jar = Vec::new();
        let mut csrf = ureq::get(&format!("{base}/api/v1/auth/csrf")).call()?;
        keep_cookies(&csrf, &mut jar);
        let token: Value = csrf.body_mut().read_json()?;
        let csrf = token["token"].as_str().unwrap_or_default().to_string();
        let login = ureq::post(&format!("{base}/api/v1/auth/login"))
            .header("Cookie", jar.join("; "))
            .header(kaiku_core::api::CSRF_HEADER, &csrf)
            .send_json(serde_json::json!({"email": email, "password": seed::DEMO_PASSWORD}))?;
        keep_cookies(&login, &mut jar);
        Ok(Session {
            base: base.to_string(),
            cookie: jar.join("; "),
            csrf,
        })
    }

    pub fn post(&self, path: &str, body: Value) -> anyhow::Result<Value> {
        let mut reply = ureq::post(&format!("{}/api/v1{path}", self.base))
            .header("Cookie", &self.cookie)
            .header(kaiku_core::api::CSRF_HEADER, &self.csrf)
            .send_json(body)?;
        Ok(reply.body_mut().with_config().limit(64 * 1024 * 1024).read_json()?)
    }

    /// `GET /api/v1{path}`: the answer's size in bytes.
    pub fn get(&self, path: &str) -> anyhow::Result<usize> {
        Ok(self.get_with(path, &[])?.size)
    }

    /// `GET /api/v1{path}` with these request headers, as a browser sends it
    /// (`Accept-Encoding`, `If-None-Match`).
    pub fn get_with(&self, path: &str, headers: &[(&str, &str)]) -> anyhow::Result<Got> {
        let mut request = ureq::get(&format!("{}/api/v1{path}", self.base)).header("Cookie", &self.cookie);
        for (name, value) in headers {
            request = request.header(*name, *value);
        }
        let mut reply = request.call()?;
        let etag = reply
            .headers()
            .get("etag")
            .and_then(|v| v.to_str().ok())
            .map(str::to_string);
        Ok(Got {
            status: reply.status().as_u16(),
            size: reply
                .body_mut()
                .with_config()
                .limit(256 * 1024 * 1024)
                .read_to_vec()?
                .len(),
            etag,
        })
    }
}

/// An answer as it came over the wire: status, bytes (compressed if it was) and ETag.
pub struct Got {
    pub status: u16,
    pub size: usize,
    pub etag: Option<String>,
}

/// Latencies in milliseconds, sorted, read at quantiles.
pub struct Latencies(Vec<f64>);

impl Latencies {
    pub fn new(mut times: Vec<f64>) -> Latencies {
        times.sort_by(f64::total_cmp);
        Latencies(times)
    }

    pub fn at(&self, quantile: f64) -> f64 {
        let last = self.0.len().saturating_sub(1);
        self.0
            .get((last as f64 * quantile).round() as usize)
            .copied()
            .unwrap_or(0.0)
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// `p50 … p95 … p99 … max …`.
    pub fn summary(&self) -> String {
        format!(
            "p50 {:>7.1} ms   p95 {:>7.1} ms   p99 {:>7.1} ms   max {:>7.1} ms",
            self.at(0.5),
            self.at(0.95),
            self.at(0.99),
            self.at(1.0)
        )
    }
}
