//! Outgoing webhooks, sent for real to a receiver on loopback: what is sent for which
//! event, signed how, retried when, and who may see and change them.

mod common;

use chrono::Duration;
use common::cases::{close_explained, detractor_answers};
use common::receiver::{Receiver, Request};
use common::survey::{Round, complete_answers, sent_round, submit};
use common::{Browser, TestApp};
use kaiku_server::config::Config;
use kaiku_server::scheduler::{Job, Scheduler};
use kaiku_server::service::webhooks::signature;
use serde_json::{Value, json};

/// Receivers on this machine are let through, as on a developer's laptop.
fn allowing_loopback() -> Config {
    let mut config = Config::for_tests();
    config.webhooks_allow_internal = true;
    config
}

/// One scheduler pass; how many webhook attempts it made.
async fn pass(app: &TestApp) -> Option<u32> {
    Scheduler::new(app.state.clone(), "only")
        .run_once()
        .await
        .into_iter()
        .find(|r| r.job == Job::Webhooks)
        .and_then(|r| r.done)
}

async fn subscribe(admin: &Browser<'_>, url: &str, events: &[&str]) -> (String, String) {
    let reply = admin
        .post("/api/v1/settings/webhooks", json!({"url": url, "events": events}))
        .await;
    assert_eq!(reply.status, 201, "{}", reply.body);
    (
        reply.body["webhook"]["id"].as_str().unwrap().to_string(),
        reply.body["secret"].as_str().unwrap().to_string(),
    )
}

async fn deliveries(admin: &Browser<'_>) -> Vec<Value> {
    let reply = admin.get("/api/v1/settings/webhooks/deliveries").await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    reply.body.as_array().unwrap().clone()
}

fn body(request: &Request) -> Value {
    serde_json::from_str(&request.body).unwrap()
}

fn of_event(requests: &[Request], event: &str) -> Vec<Request> {
    requests
        .iter()
        .filter(|r| r.headers.get("x-kaiku-event").map(String::as_str) == Some(event))
        .cloned()
        .collect()
}

/// The round's `index`-th contact answers `answers`.
async fn answer(app: &TestApp, round: &Round, index: usize, answers: Value) {
    let reply = submit(&app.browser(), &round.links[index].1, answers).await;
    assert_eq!(reply.status, 200, "{}", reply.body);
}

async fn open_case_id(admin: &Browser<'_>) -> String {
    let reply = admin.get("/api/v1/cases?scope=all").await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    reply.body[0]["id"].as_str().expect("a case was opened").to_string()
}

#[tokio::test]
async fn each_subscribed_event_reaches_the_receiver_signed_with_its_details() {
    let receiver = Receiver::start().await;
    let app = TestApp::with_config(allowing_loopback()).await;
    let admin = app.signup("Acme", "admin@acme.test").await;
    let all = [
        "answer_received",
        "message_received",
        "counter_feedback_submitted",
        "case_opened",
        "case_closed",
    ];
    let (_, secret) = subscribe(&admin, &receiver.url("/hooks/kaiku?code=k3y"), &all).await;
    assert!(secret.starts_with("whsec_"));
    let listed = admin.get("/api/v1/settings/webhooks").await;
    assert_eq!(listed.body[0]["events"], json!(all));
    assert!(!listed.body.to_string().contains(&secret), "the secret is shown once");

    // An unhappy answer: the answer, and the case it opens.
    let round = sent_round(&app, &admin).await;
    answer(&app, &round, 1, detractor_answers(3)).await;
    assert_eq!(pass(&app).await, Some(2));
    let requests = receiver.requests();
    let answer = &of_event(&requests, "answer_received")[0];
    assert_eq!(
        (answer.method.as_str(), answer.path.as_str()),
        ("POST", "/hooks/kaiku?code=k3y")
    );
    assert_eq!(answer.headers["content-type"], "application/json");
    let sent = body(answer);
    assert_eq!(sent["event"], "answer_received");
    assert_eq!(answer.headers["x-kaiku-delivery"], sent["id"].as_str().unwrap());
    assert_eq!(sent["data"]["account"], json!({"id": round.account, "name": "Globex"}));
    assert_eq!(sent["data"]["contact"], "John Smith");
    assert_eq!(
        sent["data"]["answers"][0],
        json!({"question_id": "nps", "score": 3, "choice": null, "text": null})
    );
    let timestamp: i64 = answer.headers["x-kaiku-timestamp"].parse().unwrap();
    assert_eq!(
        answer.headers["x-kaiku-signature"],
        signature(&secret, timestamp, &answer.body)
    );
    let opened = body(&of_event(&requests, "case_opened")[0]);
    assert_eq!(opened["data"]["status"], "open");
    assert_eq!(opened["data"]["account"]["name"], "Globex");

    // Closing the case, a note by hand and counter-feedback: one each.
    close_explained(&admin, &open_case_id(&admin).await).await;
    let note = json!({"source": "meeting_note", "body": "They want a roadmap workshop.", "language": "en"});
    let written = admin
        .post(&format!("/api/v1/accounts/{}/messages", round.account), note)
        .await;
    assert_eq!(written.status, 201, "{}", written.body);
    assert_eq!(pass(&app).await, Some(2));
    let requests = receiver.requests();
    assert_eq!(body(&of_event(&requests, "case_closed")[0])["data"]["status"], "closed");
    let message = body(&of_event(&requests, "message_received")[0]);
    assert_eq!(message["data"]["body"], "They want a roadmap workshop.");
    assert_eq!(message["data"]["source"], "meeting_note");

    let listed = deliveries(&admin).await;
    assert_eq!(listed.len(), 4);
    for delivery in &listed {
        assert_eq!(
            (delivery["state"].clone(), delivery["response_status"].clone()),
            (json!("delivered"), json!(200))
        );
    }
    // Nothing is sent twice.
    assert_eq!(pass(&app).await, Some(0));
    assert_eq!(receiver.requests().len(), 4);

    // A month after they ended, deliveries are forgotten.
    app.clock.advance(Duration::days(29));
    pass(&app).await;
    assert!(admin.login("admin@acme.test", common::PASSWORD).await.status == 200);
    assert_eq!(deliveries(&admin).await.len(), 4);
    app.clock.advance(Duration::days(2));
    pass(&app).await;
    assert!(admin.login("admin@acme.test", common::PASSWORD).await.status == 200);
    assert!(deliveries(&admin).await.is_empty());
}

#[tokio::test]
async fn a_failing_receiver_is_tried_again_with_backoff_then_given_up_and_sent_again_by_hand() {
    let receiver = Receiver::start().await;
    receiver.answer_with(503);
    let app = TestApp::with_config(allowing_loopback()).await;
    let admin = app.signup("Acme", "admin@acme.test").await;
    subscribe(&admin, &receiver.url("/in"), &["answer_received"]).await;
    let round = sent_round(&app, &admin).await;
    answer(&app, &round, 0, complete_answers()).await;

    assert_eq!(pass(&app).await, Some(1));
    let waiting = &deliveries(&admin).await[0];
    assert_eq!(waiting["state"], "waiting");
    assert_eq!(
        (waiting["attempts"].clone(), waiting["response_status"].clone()),
        (json!(1), json!(503))
    );
    assert_eq!(waiting["error"], "the receiver answered 503");
    assert_eq!(pass(&app).await, Some(0), "not before its backoff");

    // Backoff 1, 5, 30, 120 and 720 minutes: six attempts, then given up.
    for minutes in [1, 5, 30, 120, 720] {
        app.clock.advance(Duration::minutes(minutes));
        assert_eq!(pass(&app).await, Some(1), "after {minutes} more minutes");
    }
    app.clock.advance(Duration::days(2));
    assert_eq!(pass(&app).await, Some(0));
    assert!(admin.login("admin@acme.test", common::PASSWORD).await.status == 200);
    let failed = &deliveries(&admin).await[0];
    assert_eq!(
        (failed["state"].clone(), failed["attempts"].clone()),
        (json!("failed"), json!(6))
    );

    receiver.answer_with(204);
    let id = failed["id"].as_str().unwrap();
    let again = admin
        .post(&format!("/api/v1/settings/webhooks/deliveries/{id}/resend"), json!({}))
        .await;
    assert_eq!((again.status, again.body["state"].clone()), (200, json!("waiting")));
    assert_eq!(pass(&app).await, Some(1));
    assert_eq!(deliveries(&admin).await[0]["state"], "delivered");
    // Every attempt carried the same delivery id, for the receiver to skip repeats.
    let requests = receiver.requests();
    assert_eq!(requests.len(), 7);
    assert!(requests.iter().all(|r| r.headers["x-kaiku-delivery"] == id));
}

#[tokio::test]
async fn only_subscribed_events_are_sent_and_a_removed_webhook_sends_nothing_more() {
    let receiver = Receiver::start().await;
    let app = TestApp::with_config(allowing_loopback()).await;
    let admin = app.signup("Acme", "admin@acme.test").await;
    let (hook, _) = subscribe(&admin, &receiver.url("/cases"), &["case_opened"]).await;
    let round = sent_round(&app, &admin).await;
    answer(&app, &round, 0, detractor_answers(2)).await;
    assert_eq!(pass(&app).await, Some(1));
    assert_eq!(receiver.requests()[0].headers["x-kaiku-event"], "case_opened");

    let removed = admin.delete(&format!("/api/v1/settings/webhooks/{hook}")).await;
    assert_eq!(removed.status, 204, "{}", removed.body);
    assert!(deliveries(&admin).await.is_empty());
    assert_eq!(common::audit(&admin, "webhook_deleted").await[0]["detail"], "127.0.0.1");
    close_explained(&admin, &open_case_id(&admin).await).await;
    answer(&app, &round, 1, detractor_answers(2)).await;
    assert_eq!(pass(&app).await, Some(0));
    assert_eq!(receiver.requests().len(), 1);
}

#[tokio::test]
async fn webhooks_do_not_reach_this_machine_or_private_networks_unless_allowed() {
    let receiver = Receiver::start().await;
    let app = TestApp::new().await;
    let admin = app.signup("Acme", "admin@acme.test").await;
    for url in [
        receiver.url("/x"),
        "http://169.254.169.254/latest".into(),
        "http://[::1]:9/".into(),
    ] {
        let refused = admin
            .post(
                "/api/v1/settings/webhooks",
                json!({"url": url, "events": ["answer_received"]}),
            )
            .await;
        assert_eq!(
            (refused.status, refused.body["error"]["field"].clone()),
            (400, json!("url")),
            "{url}"
        );
    }
    // A name that resolves to this machine is found out when sending.
    let by_name = format!("http://localhost:{}/x", receiver.port);
    subscribe(&admin, &by_name, &["answer_received"]).await;
    let round = sent_round(&app, &admin).await;
    answer(&app, &round, 0, complete_answers()).await;
    assert_eq!(pass(&app).await, Some(1));
    let refused = &deliveries(&admin).await[0];
    assert!(
        refused["error"].as_str().unwrap().contains("private network"),
        "{refused}"
    );
    assert!(receiver.requests().is_empty());
    for bad in [
        json!({"url": "ftp://x.test/", "events": ["answer_received"]}),
        json!({"url": "https://x.test/", "events": []}),
    ] {
        let reply = admin.post("/api/v1/settings/webhooks", bad).await;
        assert_eq!((reply.status, reply.code()), (400, "validation"));
    }
}

#[tokio::test]
async fn only_the_organisations_admins_see_and_change_its_webhooks() {
    let receiver = Receiver::start().await;
    let app = TestApp::with_config(allowing_loopback()).await;
    let admin = app.signup("Acme", "admin@acme.test").await;
    let (hook, _) = subscribe(&admin, &receiver.url("/x"), &["answer_received"]).await;
    assert_eq!(common::audit(&admin, "webhook_created").await[0]["detail"], "127.0.0.1");
    let round = sent_round(&app, &admin).await;
    answer(&app, &round, 0, complete_answers()).await;
    let delivery = deliveries(&admin).await[0]["id"].as_str().unwrap().to_string();

    let member = app.join(&admin, "member@acme.test", "member").await;
    assert_eq!(member.get("/api/v1/settings/webhooks").await.status, 403);
    assert_eq!(member.get("/api/v1/settings/webhooks/deliveries").await.status, 403);
    let made = member
        .post(
            "/api/v1/settings/webhooks",
            json!({"url": receiver.url("/m"), "events": ["answer_received"]}),
        )
        .await;
    assert_eq!(made.status, 403);

    let other = app.signup("Initech", "boss@initech.test").await;
    assert_eq!(other.get("/api/v1/settings/webhooks").await.body, json!([]));
    assert_eq!(other.get("/api/v1/settings/webhooks/deliveries").await.body, json!([]));
    assert_eq!(
        other.delete(&format!("/api/v1/settings/webhooks/{hook}")).await.status,
        404
    );
    let resend = other
        .post(
            &format!("/api/v1/settings/webhooks/deliveries/{delivery}/resend"),
            json!({}),
        )
        .await;
    assert_eq!(resend.status, 404);
    assert_eq!(
        admin
            .get("/api/v1/settings/webhooks")
            .await
            .body
            .as_array()
            .unwrap()
            .len(),
        1
    );
}
