//! The real server binary as a process of its own, and a tiny blocking browser for it:
//! for the tests that restart, kill or multiply Kaiku.

use std::ffi::OsString;
use std::net::TcpListener;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

pub struct Server {
    child: Child,
    pub base: String,
}

impl Server {
    /// Kaiku on `port` over the embedded RocksDB engine in `data_dir`.
    pub fn start(data_dir: &Path, port: u16) -> Server {
        Server::start_with(port, [OsString::from("--data-dir"), data_dir.into()], [])
    }

    /// Kaiku on `port` with these arguments and environment besides the usual ones.
    pub fn start_with<const A: usize, const E: usize>(
        port: u16,
        args: [OsString; A],
        env: [(&str, &str); E],
    ) -> Server {
        let base = format!("http://127.0.0.1:{port}");
        let child = Command::new(env!("CARGO_BIN_EXE_kaiku-server"))
            .args([
                "--bind",
                &format!("127.0.0.1:{port}"),
                "--dist-dir",
                "/nonexistent",
                "--log",
                "warn",
            ])
            .args(args)
            .envs(env)
            .env("SURREAL_ROCKSDB_BLOCK_CACHE_SIZE", "33554432")
            .stdout(Stdio::null())
            .spawn()
            .expect("server starts");
        let server = Server { child, base };
        server.wait_until_healthy();
        server
    }

    fn wait_until_healthy(&self) {
        let started = Instant::now();
        while started.elapsed() < Duration::from_secs(60) {
            if ureq::get(format!("{}/healthz", self.base)).call().is_ok() {
                return;
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        panic!("server did not become healthy");
    }

    pub fn stop_gracefully(mut self) {
        Command::new("kill")
            .args(["-TERM", &self.child.id().to_string()])
            .status()
            .unwrap();
        let status = self.child.wait().unwrap();
        assert!(status.success(), "graceful shutdown exits cleanly: {status}");
    }

    pub fn kill_hard(mut self) {
        self.child.kill().unwrap(); // SIGKILL: no chance to flush anything.
        self.child.wait().unwrap();
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
    }
}

/// A tiny browser: carries the session and CSRF cookies by hand.
#[derive(Clone)]
pub struct Client {
    base: String,
    cookies: Vec<(String, String)>,
}

impl Client {
    pub fn new(base: &str) -> Client {
        let mut client = Client {
            base: base.to_string(),
            cookies: vec![],
        };
        client.request("GET", "/api/v1/auth/csrf", None);
        client
    }

    /// The same session in a browser pointed at another server.
    pub fn at(&self, base: &str) -> Client {
        Client {
            base: base.to_string(),
            cookies: self.cookies.clone(),
        }
    }

    /// `{"status": …, "body": …}`.
    pub fn request(&mut self, method: &str, path: &str, body: Option<Value>) -> Value {
        self.try_request(method, path, body).expect("the server answers")
    }

    /// Like `request`, but a connection that fails (the server was killed) is an error.
    pub fn try_request(&mut self, method: &str, path: &str, body: Option<Value>) -> Result<Value, ureq::Error> {
        let agent: ureq::Agent = ureq::Agent::config_builder().http_status_as_error(false).build().into();
        let cookie = self
            .cookies
            .iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect::<Vec<_>>()
            .join("; ");
        let csrf = self
            .cookies
            .iter()
            .find(|(k, _)| k == "kaiku_csrf")
            .map(|(_, v)| v.clone())
            .unwrap_or_default();
        let url = format!("{}{path}", self.base);
        let mut response = match (method, body) {
            ("GET", None) => agent.get(&url).header("Cookie", &cookie).call()?,
            ("POST", Some(body)) => agent
                .post(&url)
                .header("Cookie", &cookie)
                .header("X-CSRF-Token", &csrf)
                .send_json(&body)?,
            ("PUT", Some(body)) => agent
                .put(&url)
                .header("Cookie", &cookie)
                .header("X-CSRF-Token", &csrf)
                .send_json(&body)?,
            (method, _) => panic!("{method} with this body is not supported"),
        };
        for set_cookie in response.headers().get_all("set-cookie") {
            let pair = set_cookie.to_str().unwrap().split(';').next().unwrap().to_string();
            if let Some((k, v)) = pair.split_once('=') {
                self.cookies.retain(|(name, _)| name != k);
                self.cookies.push((k.to_string(), v.to_string()));
            }
        }
        let status = response.status().as_u16();
        let text = response.body_mut().read_to_string().unwrap_or_default();
        let value: Value = serde_json::from_str(&text).unwrap_or(Value::Null);
        Ok(json!({"status": status, "body": value}))
    }
}

pub fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}
