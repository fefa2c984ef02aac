//! The optional language-model adapter against a fake OpenAI-compatible endpoint on
//! loopback: off by default (never called), on → proposals beside the deterministic
//! analysis for new answers, a dead, slow or babbling endpoint changes nothing the
//! customer or the team relies on, the API key never comes back, an accepted
//! proposal is a correction the organisation's model learns, and only admins of the
//! organisation reach the settings.

mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::{Arc, Mutex};
use std::time::Duration as StdDuration;

use common::survey::{answer, comment, round_on, submit};
use common::{Browser, TestApp};
use serde_json::{Value, json};

const API_KEY: &str = "sk-test-5f0c2b7e9a1d4c3b";

/// What the fake endpoint does with the next request.
#[derive(Clone)]
enum Behaviour {
    /// A chat completion whose message content is this text.
    Reply(String),
    /// A 200 whose body is not a chat completion at all.
    Garbage,
    /// An HTTP error.
    Status(u16),
    /// Answers only after this long.
    Slow(StdDuration),
}

struct Call {
    path: String,
    authorization: Option<String>,
    body: Value,
}

struct FakeModel {
    base_url: String,
    calls: Arc<Mutex<Vec<Call>>>,
    behaviour: Arc<Mutex<Behaviour>>,
}

impl FakeModel {
    fn start(behaviour: Behaviour) -> FakeModel {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let base_url = format!("http://{}", listener.local_addr().unwrap());
        let calls = Arc::new(Mutex::new(Vec::new()));
        let behaviour = Arc::new(Mutex::new(behaviour));
        let (seen, act) = (Arc::clone(&calls), Arc::clone(&behaviour));
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let (seen, act) = (Arc::clone(&seen), Arc::clone(&act));
                std::thread::spawn(move || serve(stream, &seen, &act));
            }
        });
        FakeModel {
            base_url,
            calls,
            behaviour,
        }
    }

    fn set(&self, behaviour: Behaviour) {
        *self.behaviour.lock().unwrap() = behaviour;
    }

    fn call_count(&self) -> usize {
        self.calls.lock().unwrap().len()
    }
}

fn serve(stream: TcpStream, seen: &Mutex<Vec<Call>>, act: &Mutex<Behaviour>) {
    let mut reader = BufReader::new(stream.try_clone().unwrap());
    let mut request_line = String::new();
    if reader.read_line(&mut request_line).is_err() {
        return;
    }
    let path = request_line.split_whitespace().nth(1).unwrap_or_default().to_string();
    let (mut length, mut authorization) = (0, None);
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).unwrap_or(0) == 0 || line.trim().is_empty() {
            break;
        }
        let (name, value) = line.split_once(':').unwrap_or((&line, ""));
        match name.trim().to_ascii_lowercase().as_str() {
            "content-length" => length = value.trim().parse().unwrap_or(0),
            "authorization" => authorization = Some(value.trim().to_string()),
            _ => {}
        }
    }
    let mut body = vec![0; length];
    let _ = reader.read_exact(&mut body);
    seen.lock().unwrap().push(Call {
        path,
        authorization,
        body: serde_json::from_slice(&body).unwrap_or(Value::Null),
    });
    let behaviour = act.lock().unwrap().clone();
    let (status, text) = match behaviour {
        Behaviour::Reply(content) => (
            200,
            json!({"id": "c1", "object": "chat.completion",
                   "choices": [{"index": 0, "message": {"role": "assistant", "content": content}}]})
            .to_string(),
        ),
        Behaviour::Garbage => (200, "<html>surprise</html>".to_string()),
        Behaviour::Status(status) => (status, "{\"error\": \"no\"}".to_string()),
        Behaviour::Slow(delay) => {
            std::thread::sleep(delay);
            (200, "{}".to_string())
        }
    };
    let mut stream = stream;
    let _ = write!(
        stream,
        "HTTP/1.1 {status} X\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{text}",
        text.len()
    );
}

/// The model's answer for the comment below: one label it shares with the
/// deterministic analysis, others it does not, and words from no vocabulary.
fn proposal_json() -> String {
    json!({
        "sentiment": "negative",
        "themes": ["reporting", "weather"],
        "churn_causes": ["voice_lost", "bad_vibes"],
        "upsell": false,
        "summary": "Reports arrive late\nand questions go unanswered.",
    })
    .to_string()
}

const COMMENT: &str = "The weekly reports keep arriving late and our questions go unanswered for days.";

fn answers() -> Value {
    json!({"answers": [
        answer("nps", 6), answer("quality", 3), answer("communication", 2), answer("schedule", 2),
        answer("understanding", 3), answer("value", 3), comment("do_differently", COMMENT),
    ]})
}

struct Org<'a> {
    admin: Browser<'a>,
    member: Browser<'a>,
    account: String,
    /// `(link id, token)` of the Finnish and the English contact.
    links: Vec<(String, String)>,
}

async fn org<'a>(app: &'a TestApp, name: &str, domain: &str) -> Org<'a> {
    let admin = app.signup(name, &format!("admin@{domain}")).await;
    let member = app.join(&admin, &format!("member@{domain}"), "member").await;
    let member_id = app.user_id(&member).await;
    let account = app
        .account(&admin, &format!("{name} customer"), json!({"lead_id": member_id}))
        .await;
    let round = round_on(app, &admin, account.clone()).await;
    Org {
        admin,
        member,
        account,
        links: round.links,
    }
}

async fn enable(admin: &Browser<'_>, fake: &FakeModel, timeout_secs: u32) -> Value {
    let reply = admin
        .put(
            "/api/v1/settings/language-model",
            json!({"enabled": true, "base_url": fake.base_url, "model": "tiny-llama",
                   "timeout_secs": timeout_secs, "api_key": API_KEY}),
        )
        .await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    reply.body
}

/// The English contact answers; the submit succeeds whatever the model does.
async fn customer_answers(app: &TestApp, org: &Org<'_>) {
    let reply = submit(&app.browser(), &org.links[1].1, answers()).await;
    assert_eq!(reply.status, 200, "{}", reply.body);
}

async fn newest_response(browser: &Browser<'_>, account: &str) -> Value {
    let reply = browser.get(&format!("/api/v1/accounts/{account}/responses")).await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    reply.body[0].clone()
}

fn labels(proposal: &Value) -> Vec<(String, String, String)> {
    proposal["labels"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| {
            (
                l["kind"].as_str().unwrap().to_string(),
                l["label"].as_str().unwrap().to_string(),
                l["status"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

#[tokio::test]
async fn off_by_default_the_endpoint_is_never_called() {
    let app = TestApp::new().await;
    let org = org(&app, "Acme", "acme.fi").await;
    let fake = FakeModel::start(Behaviour::Reply(proposal_json()));
    let settings = org.admin.get("/api/v1/settings/language-model").await;
    assert_eq!(settings.status, 200);
    assert_eq!(settings.body["enabled"], false);

    // Configured but not turned on: still never called.
    let saved = org
        .admin
        .put(
            "/api/v1/settings/language-model",
            json!({"enabled": false, "base_url": fake.base_url, "model": "tiny-llama", "timeout_secs": 5}),
        )
        .await;
    assert_eq!(saved.status, 200, "{}", saved.body);
    customer_answers(&app, &org).await;
    app.scheduler_pass().await;
    assert_eq!(fake.call_count(), 0);
    let response = newest_response(&org.member, &org.account).await;
    assert_eq!(response["proposals"], json!([]));
}

#[tokio::test]
async fn when_on_a_new_answer_gets_proposals_beside_the_analysis() {
    let app = TestApp::new().await;
    let org = org(&app, "Acme", "acme.fi").await;
    let fake = FakeModel::start(Behaviour::Reply(format!("Sure! ```json\n{}\n```", proposal_json())));
    enable(&org.admin, &fake, 5).await;
    customer_answers(&app, &org).await;
    let before = newest_response(&org.member, &org.account).await;
    assert_eq!(before["proposals"], json!([]), "nothing is asked during the submit");

    app.scheduler_pass().await;
    let calls = fake.calls.lock().unwrap().len();
    assert_eq!(calls, 1, "one open answer, one call");
    {
        let calls = fake.calls.lock().unwrap();
        assert_eq!(calls[0].path, "/v1/chat/completions");
        assert_eq!(
            calls[0].authorization.as_deref(),
            Some(format!("Bearer {API_KEY}").as_str())
        );
        assert_eq!(calls[0].body["model"], "tiny-llama");
        assert_eq!(calls[0].body["messages"][1]["content"], COMMENT);
    }
    let response = newest_response(&org.member, &org.account).await;
    let proposal = &response["proposals"][0];
    assert_eq!(proposal["question_id"], "do_differently");
    assert_eq!(
        labels(proposal),
        [
            ("sentiment".into(), "negative".into(), "open".into()),
            ("theme".into(), "reporting".into(), "open".into()),
            ("churn_cause".into(), "voice_lost".into(), "open".into()),
        ],
        "words outside Kaiku's vocabularies are dropped"
    );
    assert_eq!(proposal["upsell"], false);
    assert_eq!(proposal["summary"], "Reports arrive late and questions go unanswered.");
    assert_eq!(
        response["analysis"], before["analysis"],
        "the deterministic analysis is unchanged"
    );

    // Asked once: later passes leave the response alone.
    app.scheduler_pass().await;
    assert_eq!(fake.call_count(), 1);
    // The account page reads the same through the overview.
    let overview = org
        .member
        .get(&format!("/api/v1/accounts/{}/overview", org.account))
        .await;
    assert_eq!(overview.status, 200, "{}", overview.body);
    assert!(overview.body.to_string().contains("Reports arrive late"));
}

#[tokio::test]
async fn a_dead_slow_or_babbling_endpoint_leaves_the_analysis_as_it_is() {
    let app = TestApp::new().await;
    let org = org(&app, "Acme", "acme.fi").await;
    let fake = FakeModel::start(Behaviour::Garbage);
    enable(&org.admin, &fake, 1).await;
    let closed = TcpListener::bind("127.0.0.1:0").unwrap();
    let dead = format!("http://{}", closed.local_addr().unwrap());
    drop(closed);

    let behaviours = [
        Some(Behaviour::Garbage),
        Some(Behaviour::Reply("I would say it is rather negative.".into())),
        Some(Behaviour::Reply(
            "{\"sentiment\": \"furious\", \"themes\": \"all of them\"}".into(),
        )),
        Some(Behaviour::Reply(
            json!({"summary": "long ".repeat(100_000)}).to_string(),
        )),
        Some(Behaviour::Status(500)),
        Some(Behaviour::Slow(StdDuration::from_secs(3))),
        None,
    ];
    let mut accounts = Vec::new();
    for (index, behaviour) in behaviours.into_iter().enumerate() {
        match behaviour {
            Some(behaviour) => fake.set(behaviour),
            None => {
                // Nobody listening at all.
                let reply = org
                    .admin
                    .put(
                        "/api/v1/settings/language-model",
                        json!({"enabled": true, "base_url": dead, "model": "tiny-llama", "timeout_secs": 1}),
                    )
                    .await;
                assert_eq!(reply.status, 200, "{}", reply.body);
            }
        }
        let account = app.account(&org.admin, &format!("Customer {index}"), json!({})).await;
        let round = round_on(&app, &org.admin, account.clone()).await;
        let reply = submit(&app.browser(), &round.links[1].1, answers()).await;
        assert_eq!(reply.status, 200, "{}", reply.body);
        let analysed = newest_response(&org.admin, &account).await;
        assert_eq!(analysed["analysis"][0]["question_id"], "do_differently");

        app.scheduler_pass().await;
        let response = newest_response(&org.admin, &account).await;
        assert_eq!(response["analysis"], analysed["analysis"], "case {index}");
        assert_eq!(response["proposals"], json!([]), "case {index}");
        accounts.push(account);
    }
    assert_eq!(fake.call_count(), 6);

    // Back up: the responses it could not be asked about (HTTP error, too slow,
    // nobody listening) get their proposals; the ones it answered uselessly are not
    // asked again.
    fake.set(Behaviour::Reply(proposal_json()));
    enable(&org.admin, &fake, 5).await;
    let calls_before = fake.call_count();
    app.scheduler_pass().await;
    assert_eq!(fake.call_count() - calls_before, 3);
    for (index, account) in accounts.iter().enumerate() {
        let proposals = newest_response(&org.admin, account).await["proposals"].clone();
        let asked_again = index >= accounts.len() - 3;
        assert_eq!(
            proposals.as_array().unwrap().len(),
            usize::from(asked_again),
            "case {index}"
        );
    }
}

#[tokio::test]
async fn the_api_key_is_never_shown_again() {
    let app = TestApp::new().await;
    let org = org(&app, "Acme", "acme.fi").await;
    let fake = FakeModel::start(Behaviour::Status(401));
    let saved = enable(&org.admin, &fake, 5).await;
    assert_eq!(saved["connection"]["api_key_set"], true);
    assert!(!saved.to_string().contains(API_KEY));

    // Saving without a key keeps it; clearing removes it.
    let kept = org
        .admin
        .put(
            "/api/v1/settings/language-model",
            json!({"enabled": true, "base_url": fake.base_url, "model": "other", "timeout_secs": 5}),
        )
        .await;
    assert_eq!(kept.status, 200, "{}", kept.body);
    assert_eq!(kept.body["connection"]["api_key_set"], true);
    assert_eq!(kept.body["connection"]["model"], "other");

    customer_answers(&app, &org).await;
    app.scheduler_pass().await;
    assert_eq!(
        fake.calls.lock().unwrap()[0].authorization.as_deref(),
        Some(format!("Bearer {API_KEY}").as_str()),
        "the kept key is still sent"
    );
    for path in [
        "/api/v1/settings/language-model",
        "/api/v1/outbox",
        &format!("/api/v1/accounts/{}/responses", org.account),
        &format!("/api/v1/accounts/{}/overview", org.account),
    ] {
        let reply = org.admin.get(path).await;
        assert_eq!(reply.status, 200, "{path}: {}", reply.body);
        assert!(!reply.body.to_string().contains(API_KEY), "{path}");
    }
    let runs = app.state.store.job_runs(50).await.unwrap();
    assert!(runs.iter().all(|r| !r.error.as_deref().unwrap_or("").contains(API_KEY)));

    let cleared = org
        .admin
        .put(
            "/api/v1/settings/language-model",
            json!({"enabled": true, "base_url": fake.base_url, "model": "other", "timeout_secs": 5,
                   "clear_api_key": true}),
        )
        .await;
    assert_eq!(cleared.body["connection"]["api_key_set"], false);
}

#[tokio::test]
async fn an_accepted_proposal_is_a_correction_and_a_dismissed_one_is_only_closed() {
    let app = TestApp::new().await;
    let org = org(&app, "Acme", "acme.fi").await;
    let fake = FakeModel::start(Behaviour::Reply(proposal_json()));
    enable(&org.admin, &fake, 5).await;
    customer_answers(&app, &org).await;
    app.scheduler_pass().await;
    let link = &org.links[1].0;
    let path = format!("/api/v1/responses/{link}/proposals");

    let accepted = org
        .member
        .post(
            &path,
            json!({"question_id": "do_differently", "kind": "churn_cause", "label": "voice_lost", "accept": true}),
        )
        .await;
    assert_eq!(accepted.status, 200, "{}", accepted.body);
    assert!(
        accepted.body["analysis"]["analysis"]["churn_causes"]
            .as_array()
            .unwrap()
            .iter()
            .any(|c| c["cause"] == "voice_lost" && c["learned"] == true),
        "{}",
        accepted.body
    );
    let dismissed = org
        .member
        .post(
            &path,
            json!({"question_id": "do_differently", "kind": "theme", "label": "reporting", "accept": false}),
        )
        .await;
    assert_eq!(dismissed.status, 200, "{}", dismissed.body);

    let response = newest_response(&org.member, &org.account).await;
    let statuses = labels(&response["proposals"][0]);
    assert!(statuses.contains(&("churn_cause".into(), "voice_lost".into(), "accepted".into())));
    assert!(statuses.contains(&("theme".into(), "reporting".into(), "dismissed".into())));
    assert!(statuses.contains(&("sentiment".into(), "negative".into(), "open".into())));
    assert!(
        response["analysis"][0]["analysis"]["churn_causes"]
            .as_array()
            .unwrap()
            .iter()
            .any(|c| c["cause"] == "voice_lost"),
        "the correction is stored with the response"
    );

    // Decided once; labels it did not propose cannot be accepted.
    let again = org
        .member
        .post(
            &path,
            json!({"question_id": "do_differently", "kind": "theme", "label": "reporting", "accept": true}),
        )
        .await;
    assert_eq!(again.status, 400);
    let invented = org
        .member
        .post(
            &path,
            json!({"question_id": "do_differently", "kind": "theme", "label": "weather", "accept": true}),
        )
        .await;
    assert_eq!(invented.status, 400);
    assert_eq!(invented.body["error"]["field"], "label");

    // The organisation's model learned it: the same words from the Finnish contact.
    let second = submit(&app.browser(), &org.links[0].1, answers()).await;
    assert_eq!(second.status, 200, "{}", second.body);
    let responses = org
        .member
        .get(&format!("/api/v1/accounts/{}/responses", org.account))
        .await;
    let learned = responses.body.as_array().unwrap().iter().any(|r| {
        r["link_id"] == org.links[0].0.as_str()
            && r["analysis"][0]["analysis"]["churn_causes"]
                .as_array()
                .unwrap()
                .iter()
                .any(|c| c["cause"] == "voice_lost" && c["learned"] == true)
    });
    assert!(learned, "{}", responses.body);
}

#[tokio::test]
async fn only_admins_change_the_settings_and_members_see_only_on_or_off() {
    let app = TestApp::new().await;
    let org = org(&app, "Acme", "acme.fi").await;
    let fake = FakeModel::start(Behaviour::Reply(proposal_json()));
    enable(&org.admin, &fake, 5).await;

    let seen = org.member.get("/api/v1/settings/language-model").await;
    assert_eq!(seen.status, 200);
    assert_eq!(seen.body, json!({"enabled": true, "connection": null}));
    let refused = org
        .member
        .put(
            "/api/v1/settings/language-model",
            json!({"enabled": false, "base_url": "", "model": "", "timeout_secs": 5}),
        )
        .await;
    assert_eq!(refused.status, 403);
    assert_eq!(
        org.admin.get("/api/v1/settings/language-model").await.body["enabled"],
        true
    );

    for (body, field) in [
        (
            json!({"enabled": true, "base_url": "ftp://example.com", "model": "m", "timeout_secs": 5}),
            "base_url",
        ),
        (
            json!({"enabled": true, "base_url": "http://user:pw@host", "model": "m", "timeout_secs": 5}),
            "base_url",
        ),
        (
            json!({"enabled": true, "base_url": "", "model": "m", "timeout_secs": 5}),
            "base_url",
        ),
        (
            json!({"enabled": true, "base_url": "http://127.0.0.1:1", "model": "", "timeout_secs": 5}),
            "model",
        ),
        (
            json!({"enabled": true, "base_url": "http://127.0.0.1:1", "model": "m", "timeout_secs": 0}),
            "timeout_secs",
        ),
        (
            json!({"enabled": true, "base_url": "http://127.0.0.1:1", "model": "m", "timeout_secs": 5, "api_key": "a\nb"}),
            "api_key",
        ),
    ] {
        let reply = org.admin.put("/api/v1/settings/language-model", body.clone()).await;
        assert_eq!(reply.status, 400, "{body}");
        assert_eq!(reply.body["error"]["field"], field, "{body}");
    }
}

#[tokio::test]
async fn another_organisation_reaches_none_of_it() {
    let app = TestApp::new().await;
    let acme = org(&app, "Acme", "acme.fi").await;
    let fake = FakeModel::start(Behaviour::Reply(proposal_json()));
    enable(&acme.admin, &fake, 5).await;
    customer_answers(&app, &acme).await;
    app.scheduler_pass().await;
    let other = org(&app, "Initech", "initech.fi").await;

    // Its own settings, off: Acme's are not shared.
    let settings = other.admin.get("/api/v1/settings/language-model").await;
    assert_eq!(settings.body["enabled"], false);
    assert_eq!(settings.body["connection"]["base_url"], "");
    for browser in [&other.admin, &other.member] {
        let reply = browser
            .post(
                &format!("/api/v1/responses/{}/proposals", acme.links[1].0),
                json!({"question_id": "do_differently", "kind": "theme", "label": "reporting", "accept": true}),
            )
            .await;
        assert_eq!(reply.status, 404, "{}", reply.body);
    }
    let still_open = newest_response(&acme.member, &acme.account).await;
    assert!(
        labels(&still_open["proposals"][0])
            .iter()
            .all(|(_, _, status)| status == "open")
    );
}
