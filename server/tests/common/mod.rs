//! A test harness over the real HTTP stack (all middleware, real handlers,
//! in-memory SurrealDB) with a clock the test controls. `Browser` keeps cookies
//! and the CSRF token the way a browser and the app do.

#![allow(dead_code)]

pub mod cases;
pub mod dovecot;
pub mod process;
pub mod receiver;
pub mod smtp;
pub mod survey;
pub mod sync;
pub mod team;

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::sync::Arc;

use chrono::{TimeZone, Utc};
use kaiku_server::clock::ManualClock;
use kaiku_server::config::Config;
use kaiku_server::http;
use kaiku_server::state::AppState;
use kaiku_server::store::Store;
use poem::EndpointExt;
use poem::http::Method;
use poem::test::TestClient;
use serde_json::{Value, json};

pub const PASSWORD: &str = "a long enough password";

pub struct TestApp {
    pub client: TestClient<poem::endpoint::BoxEndpoint<'static>>,
    pub clock: ManualClock,
    pub state: AppState,
}

impl TestApp {
    pub async fn new() -> TestApp {
        Self::with_config(Config::for_tests()).await
    }

    pub async fn with_config(config: Config) -> TestApp {
        // Server-side causes of failures show up in the failing test's output.
        let _ = tracing_subscriber::fmt()
            .with_test_writer()
            .with_env_filter("warn")
            .try_init();
        let store = Store::open("mem://", None).await.expect("in-memory database opens");
        let clock = ManualClock::new(Utc.with_ymd_and_hms(2026, 11, 23, 9, 0, 0).unwrap());
        let state = AppState::new(store, config, Arc::new(clock.clone())).expect("test settings are valid");
        let app = http::app(state.clone()).map_to_response().boxed();
        TestApp {
            client: TestClient::new(app),
            clock,
            state,
        }
    }

    /// The body of an outbox message (as `GET /outbox` lists it) as the delivery worker
    /// sends it: with its personal links issued.
    pub async fn as_sent(&self, message: &Value) -> String {
        let id = kaiku_server::store::id_from_key("outbox", message["id"].as_str().unwrap());
        let row = self
            .state
            .store
            .message_to_deliver(&id)
            .await
            .unwrap()
            .expect("the message exists");
        kaiku_server::service::message_links::render(&self.state, &row)
            .await
            .unwrap()
            .expect("the message is still sent")
            .body
    }

    pub fn browser(&self) -> Browser<'_> {
        self.browser_with(BTreeMap::new())
    }

    /// A browser that already holds `cookies` (e.g. a session from before a restart).
    pub fn browser_with(&self, cookies: BTreeMap<String, String>) -> Browser<'_> {
        Browser {
            app: self,
            cookies: RefCell::new(cookies),
            user_agent: RefCell::new(None),
        }
    }

    /// The server started again over the same database: everything it kept in memory
    /// (throttles, caches) is gone; what it stored is not.
    pub fn restarted(&self) -> TestApp {
        let state = AppState::new(
            self.state.store.clone(),
            (*self.state.config).clone(),
            Arc::new(self.clock.clone()),
        )
        .expect("test settings are valid");
        let app = http::app(state.clone()).map_to_response().boxed();
        TestApp {
            client: TestClient::new(app),
            clock: self.clock.clone(),
            state,
        }
    }

    /// Signs up a new organisation; returns the admin's browser.
    pub async fn signup(&self, org: &str, email: &str) -> Browser<'_> {
        let browser = self.browser();
        let reply = browser
            .post(
                "/api/v1/auth/signup",
                json!({"organisation_name": org, "name": "Admin of ".to_string() + org, "email": email, "password": PASSWORD, "language": "en"}),
            )
            .await;
        if reply.status == 202 {
            // A server that sends mail waits for the emailed link (`tests/signup.rs`
            // follows it); here the request is confirmed as the link would, and the
            // admin logs in.
            let request = self
                .state
                .store
                .signup_requests_for(email)
                .await
                .unwrap()
                .into_iter()
                .next()
                .expect("the sign-up was kept");
            self.state
                .store
                .confirm_signup(&request, request.admin().unwrap(), self.state.now())
                .await
                .unwrap();
            assert_eq!(browser.login(email, PASSWORD).await.status, 200);
            return browser;
        }
        assert_eq!(reply.status, 201, "signup failed: {}", reply.body);
        browser
    }

    /// An admin invites `email` with `role`; returns the invitation token.
    pub async fn invite(&self, admin: &Browser<'_>, email: &str, role: &str) -> String {
        let reply = admin
            .post("/api/v1/invitations", json!({"email": email, "role": role}))
            .await;
        assert_eq!(reply.status, 201, "invite failed: {}", reply.body);
        reply.body["link"]
            .as_str()
            .unwrap()
            .trim_start_matches("/invite/")
            .to_string()
    }

    /// One pass of every scheduler job, as the server runs them; each must succeed.
    pub async fn scheduler_pass(&self) {
        for report in kaiku_server::scheduler::Scheduler::new(self.state.clone(), "only")
            .run_once()
            .await
        {
            assert_eq!(report.error, None, "{:?} failed", report.job);
        }
    }

    /// A fresh session of `email` (tests that move the clock past session lifetimes).
    pub async fn signed_in(&self, email: &str) -> Browser<'_> {
        let browser = self.browser();
        assert_eq!(browser.login(email, PASSWORD).await.status, 200);
        browser
    }

    /// Invites and accepts: returns the new user's browser, logged in.
    pub async fn join(&self, admin: &Browser<'_>, email: &str, role: &str) -> Browser<'_> {
        let token = self.invite(admin, email, role).await;
        let browser = self.browser();
        let reply = browser
            .post(
                "/api/v1/invitations/accept",
                json!({"token": token, "name": format!("User {email}"), "password": PASSWORD, "language": "fi"}),
            )
            .await;
        assert_eq!(reply.status, 201, "accept failed: {}", reply.body);
        browser
    }
}

/// The security log's entries of `kind` as `browser` (an admin) reads them, newest first.
pub async fn audit(browser: &Browser<'_>, kind: &str) -> Vec<Value> {
    let reply = browser.get(&format!("/api/v1/audit?kind={kind}")).await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    reply.body.as_array().unwrap().clone()
}

/// The id of `account`'s contact called `name`, as the browser's user lists them.
pub async fn contact_named(browser: &Browser<'_>, account: &str, name: &str) -> String {
    let contacts = browser.get(&format!("/api/v1/accounts/{account}/contacts")).await;
    contacts
        .body
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["name"] == name)
        .unwrap()["id"]
        .as_str()
        .unwrap()
        .to_string()
}

/// An account body with sensible defaults; `extra` overrides fields.
pub fn account_body(name: &str, extra: Value) -> Value {
    let mut body = json!({
        "name": name,
        "segments": ["growth marketing"],
        "stage": "delivery",
        "annual_value_eur": 120000,
        "lead_id": null,
        "team_ids": [],
        "start_date": "2026-01-15",
        "end_date": null,
        "notes": ""
    });
    if let (Some(body), Some(extra)) = (body.as_object_mut(), extra.as_object()) {
        for (key, value) in extra {
            body.insert(key.clone(), value.clone());
        }
    }
    body
}

pub fn contact_body(name: &str, email: &str, language: &str) -> Value {
    json!({"name": name, "email": email, "title": "CMO", "language": language, "decision_maker": true})
}

impl TestApp {
    /// Creates an account as `browser` (an admin or leader); returns its id.
    pub async fn account(&self, browser: &Browser<'_>, name: &str, extra: Value) -> String {
        let reply = browser.post("/api/v1/accounts", account_body(name, extra)).await;
        assert_eq!(reply.status, 201, "create account failed: {}", reply.body);
        reply.body["id"].as_str().unwrap().to_string()
    }

    /// Adds a contact to an account; returns its id.
    pub async fn contact(
        &self,
        browser: &Browser<'_>,
        account: &str,
        name: &str,
        email: &str,
        language: &str,
    ) -> String {
        let reply = browser
            .post(
                &format!("/api/v1/accounts/{account}/contacts"),
                contact_body(name, email, language),
            )
            .await;
        assert_eq!(reply.status, 201, "add contact failed: {}", reply.body);
        reply.body["id"].as_str().unwrap().to_string()
    }

    /// The id of the signed-in user of `browser`.
    pub async fn user_id(&self, browser: &Browser<'_>) -> String {
        browser.get("/api/v1/auth/me").await.body["user"]["id"]
            .as_str()
            .unwrap()
            .to_string()
    }
}

#[derive(Debug)]
pub struct Reply {
    pub status: u16,
    pub body: Value,
    pub headers: poem::http::HeaderMap,
}

impl Reply {
    /// The stable error code of an error reply (asserting the error shape).
    pub fn code(&self) -> &str {
        let error = &self.body["error"];
        assert!(error["message"].is_string(), "not the error shape: {}", self.body);
        error["code"]
            .as_str()
            .unwrap_or_else(|| panic!("no error code in {}", self.body))
    }
}

enum Payload {
    Json(Value),
    Bytes(Vec<u8>, &'static str),
}

pub enum Csrf {
    FromCookie,
    Missing,
    Value(String),
}

pub struct Browser<'a> {
    app: &'a TestApp,
    cookies: RefCell<BTreeMap<String, String>>,
    user_agent: RefCell<Option<String>>,
}

impl Browser<'_> {
    /// Sends `agent` as the `User-Agent` of every request from now on.
    pub fn identify_as(&self, agent: &str) {
        *self.user_agent.borrow_mut() = Some(agent.to_string());
    }

    pub async fn get(&self, path: &str) -> Reply {
        self.send(Method::GET, path, None, Csrf::FromCookie).await
    }

    pub async fn post(&self, path: &str, body: Value) -> Reply {
        self.send(Method::POST, path, Some(body), Csrf::FromCookie).await
    }

    pub async fn patch(&self, path: &str, body: Value) -> Reply {
        self.send(Method::PATCH, path, Some(body), Csrf::FromCookie).await
    }

    pub async fn put(&self, path: &str, body: Value) -> Reply {
        self.send(Method::PUT, path, Some(body), Csrf::FromCookie).await
    }

    /// A state-changing request with no CSRF token, as the survey page sends it.
    pub async fn send_without_csrf(&self, method: Method, path: &str, body: Value) -> Reply {
        self.send(method, path, Some(body), Csrf::Missing).await
    }

    pub async fn delete(&self, path: &str) -> Reply {
        self.send(Method::DELETE, path, None, Csrf::FromCookie).await
    }

    pub async fn login(&self, email: &str, password: &str) -> Reply {
        self.post("/api/v1/auth/login", json!({"email": email, "password": password}))
            .await
    }

    /// The same request without the CSRF header, as a forged cross-site request.
    pub async fn post_without_csrf(&self, path: &str, body: Value) -> Reply {
        self.send(Method::POST, path, Some(body), Csrf::Missing).await
    }

    /// A request whose CSRF header does not match the cookie.
    pub async fn post_with_csrf(&self, path: &str, token: &str) -> Reply {
        self.send(Method::POST, path, Some(json!({})), Csrf::Value(token.to_string()))
            .await
    }

    pub fn cookie_jar(&self) -> BTreeMap<String, String> {
        self.cookies.borrow().clone()
    }

    pub fn cookie(&self, name: &str) -> Option<String> {
        self.cookies.borrow().get(name).cloned()
    }

    pub fn set_cookie(&self, name: &str, value: &str) {
        self.cookies.borrow_mut().insert(name.into(), value.into());
    }

    pub async fn send(&self, method: Method, path: &str, body: Option<Value>, csrf: Csrf) -> Reply {
        let (status, headers, bytes) = self.send_payload(method, path, body.map(Payload::Json), csrf).await;
        let text = String::from_utf8(bytes).unwrap_or_default();
        let body = if text.is_empty() {
            Value::Null
        } else {
            serde_json::from_str(&text).unwrap_or(Value::String(text))
        };
        Reply { status, body, headers }
    }

    /// A body that is no JSON, e.g. an uploaded image, with its content type.
    pub async fn put_bytes(&self, path: &str, bytes: Vec<u8>, content_type: &'static str) -> Reply {
        let (status, headers, bytes) = self
            .send_payload(
                Method::PUT,
                path,
                Some(Payload::Bytes(bytes, content_type)),
                Csrf::FromCookie,
            )
            .await;
        let body = serde_json::from_slice(&bytes).unwrap_or(Value::Null);
        Reply { status, body, headers }
    }

    /// The response's bytes as they came, e.g. an image.
    pub async fn get_bytes(&self, path: &str) -> (u16, poem::http::HeaderMap, Vec<u8>) {
        self.send_payload(Method::GET, path, None, Csrf::FromCookie).await
    }

    /// A GET with these request headers (`If-None-Match`, `Accept-Encoding`); the
    /// response's bytes as they came.
    pub async fn get_with(&self, path: &str, headers: &[(&str, &str)]) -> (u16, poem::http::HeaderMap, Vec<u8>) {
        self.exchange(Method::GET, path, None, None, headers).await
    }

    async fn send_payload(
        &self,
        method: Method,
        path: &str,
        body: Option<Payload>,
        csrf: Csrf,
    ) -> (u16, poem::http::HeaderMap, Vec<u8>) {
        let changes_state = method != Method::GET;
        let csrf_cookie = self.app.state.config.cookie_name(http::CSRF_COOKIE);
        if changes_state && self.cookie(&csrf_cookie).is_none() {
            let (status, _, _) = self.exchange(Method::GET, "/api/v1/auth/csrf", None, None, &[]).await;
            assert_eq!(status, 200);
        }
        let csrf_value = match csrf {
            Csrf::FromCookie => self.cookie(&csrf_cookie),
            Csrf::Missing => None,
            Csrf::Value(value) => Some(value),
        };
        self.exchange(method, path, body, csrf_value.filter(|_| changes_state), &[])
            .await
    }

    async fn exchange(
        &self,
        method: Method,
        path: &str,
        body: Option<Payload>,
        csrf: Option<String>,
        headers: &[(&str, &str)],
    ) -> (u16, poem::http::HeaderMap, Vec<u8>) {
        let mut request = self.app.client.request(method, path.to_string());
        for (name, value) in headers {
            request = request.header(*name, *value);
        }
        let cookie_header: Vec<String> = self.cookies.borrow().iter().map(|(k, v)| format!("{k}={v}")).collect();
        if !cookie_header.is_empty() {
            request = request.header("Cookie", cookie_header.join("; "));
        }
        if let Some(value) = csrf {
            request = request.header(kaiku_core::api::CSRF_HEADER, value);
        }
        if let Some(agent) = self.user_agent.borrow().clone() {
            request = request.header("User-Agent", agent);
        }
        match body {
            Some(Payload::Json(body)) => request = request.body_json(&body),
            Some(Payload::Bytes(bytes, content_type)) => {
                request = request.content_type(content_type).body(bytes);
            }
            None => {}
        }
        let response = request.send().await.0;
        self.remember_cookies(response.headers());
        let status = response.status().as_u16();
        let headers = response.headers().clone();
        let bytes = response.into_body().into_vec().await.unwrap_or_default();
        (status, headers, bytes)
    }

    fn remember_cookies(&self, headers: &poem::http::HeaderMap) {
        for value in headers.get_all("set-cookie") {
            let text = value.to_str().unwrap_or_default();
            let pair = text.split(';').next().unwrap_or_default();
            if let Some((name, value)) = pair.split_once('=') {
                let expired = text.to_ascii_lowercase().contains("max-age=0");
                if expired || value.is_empty() {
                    self.cookies.borrow_mut().remove(name.trim());
                } else {
                    self.cookies
                        .borrow_mut()
                        .insert(name.trim().to_string(), value.trim().to_string());
                }
            }
        }
    }
}
