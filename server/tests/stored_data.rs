//! Stored data that does not read — damaged, or written by a newer version — is
//! reported as `stored_data_unreadable`, never replaced by a default: settings do not
//! reset, a damaged cycle rule does not put an account on the default cycle (and mail
//! its customers), and answers are not silently left out of health scores.

mod common;

use chrono::Duration;
use common::survey::{complete_answers, sent_round, submit};
use common::{Browser, PASSWORD, TestApp};
use kaiku_server::scheduler::Scheduler;
use kaiku_server::store::id_from_key;
use serde_json::{Value, json};
use surrealdb::types::RecordId;

async fn org_id(app: &TestApp, name: &str) -> RecordId {
    app.state
        .store
        .org_by_name(name)
        .await
        .unwrap()
        .expect("the organisation")
        .id
}

async fn damage(app: &TestApp, record: &RecordId, field: &str, text: &str) {
    app.state
        .store
        .overwrite_stored_text(record, field, text)
        .await
        .expect("the test can write the field");
}

/// The reply is the clear error, in the one error shape, without the stored value.
fn assert_unreadable(reply: &common::Reply, stored: &str) {
    assert_eq!(reply.status, 500, "{}", reply.body);
    assert_eq!(reply.code(), "stored_data_unreadable");
    assert!(!reply.body.to_string().contains(stored), "{}", reply.body);
}

#[tokio::test]
async fn damaged_settings_are_reported_and_can_be_saved_over_not_reset_to_defaults() {
    let app = TestApp::new().await;
    let admin = app.signup("Acme", "admin@acme.test").await;
    let mut schedule = admin.get("/api/v1/settings/schedule").await.body;
    schedule["settings"]["timezone"] = json!("Europe/Stockholm");
    let reply = admin.put("/api/v1/settings/schedule", schedule.clone()).await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    let mut weights = admin.get("/api/v1/settings/health-weights").await.body;
    weights["gap"] = json!(5.0);
    let reply = admin.put("/api/v1/settings/health-weights", weights).await;
    assert_eq!(reply.status, 200, "{}", reply.body);

    let org = org_id(&app, "Acme").await;
    // A newer version's settings with a value this one cannot read.
    damage(
        &app,
        &org,
        "schedule_json",
        r#"{"timezone":"Europe/Stockholm","workday_start_hour":"early"}"#,
    )
    .await;
    damage(&app, &org, "health_weights_json", "{\"nps\":").await;
    damage(&app, &org, "themes_json", "[{\"key\":\"reporting-secret\"}]").await;

    assert_unreadable(&admin.get("/api/v1/settings/schedule").await, "early");
    assert_unreadable(&admin.get("/api/v1/cycles/upcoming").await, "early");
    assert_unreadable(&admin.get("/api/v1/overdue").await, "early");
    assert_unreadable(&admin.get("/api/v1/settings/health-weights").await, "nps");
    assert_unreadable(&admin.get("/api/v1/settings/themes").await, "reporting-secret");

    // Saving settings over the damaged ones is how an admin repairs them.
    let reply = admin.put("/api/v1/settings/schedule", schedule).await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    assert_eq!(reply.body["settings"]["timezone"], "Europe/Stockholm");
    assert_eq!(admin.get("/api/v1/cycles/upcoming").await.status, 200);
}

/// An account with one contact on a monthly cycle; returns its id.
async fn monthly_account(app: &TestApp, admin: &Browser<'_>, name: &str, email: &str) -> String {
    let account = app.account(admin, name, json!({"start_date": "2026-11-23"})).await;
    app.contact(admin, &account, "Maija Virtanen", email, "fi").await;
    let rule = json!({
        "every_months": 1, "weekday": "tue", "at_project_end": false, "days_after_end": null,
        "contacts": "all", "chosen_contacts": [], "template_id": "relationship", "deadline_days": 14
    });
    let reply = admin
        .put(
            &format!("/api/v1/accounts/{account}/cycle"),
            json!({"rule": rule, "paused": false}),
        )
        .await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    account
}

#[tokio::test]
async fn a_damaged_cycle_rule_sends_that_account_nothing_and_the_others_go_on() {
    let app = TestApp::new().await;
    let admin = app.signup("Acme", "admin@acme.test").await;
    let damaged = monthly_account(&app, &admin, "Damaged Oy", "maija@damaged.fi").await;
    monthly_account(&app, &admin, "Healthy Oy", "maija@healthy.fi").await;
    // A rule of a newer version: its fields are not the ones this version knows.
    damage(
        &app,
        &id_from_key("account_cycle", &damaged),
        "rule_json",
        r#"{"cadence":{"months":1}}"#,
    )
    .await;

    let scheduler = Scheduler::new(app.state.clone(), "only");
    let end = app.state.now() + Duration::days(40);
    while app.state.now() < end {
        app.clock.advance(Duration::hours(2));
        for report in scheduler.run_once().await {
            assert_eq!(report.error, None, "{:?} failed", report.job);
        }
    }

    let reply = admin.login("admin@acme.test", PASSWORD).await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    let outbox = admin.get("/api/v1/outbox").await.body;
    let recipients: Vec<&str> = outbox
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|m| m["to"].as_str())
        .collect();
    assert!(recipients.contains(&"maija@healthy.fi"), "{recipients:?}");
    assert!(!recipients.contains(&"maija@damaged.fi"), "{recipients:?}");
    assert_unreadable(
        &admin.get(&format!("/api/v1/accounts/{damaged}/cycle")).await,
        "cadence",
    );
}

#[tokio::test]
async fn damaged_answers_are_reported_not_left_out_of_the_health_score() {
    let app = TestApp::new().await;
    let admin = app.signup("Acme", "admin@acme.test").await;
    let round = sent_round(&app, &admin).await;
    let (link, token) = &round.links[0];
    let reply = submit(&app.browser(), token, complete_answers()).await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    let health = admin.get(&format!("/api/v1/accounts/{}/health", round.account)).await;
    assert_eq!(health.status, 200, "{}", health.body);
    assert!(health.body["health"].is_object(), "the answer scores: {}", health.body);

    damage(
        &app,
        &id_from_key("survey_link", link),
        "answers_json",
        "[{\"question\":\"nps\"}]",
    )
    .await;
    for path in ["health", "overview", "responses"] {
        let reply = admin.get(&format!("/api/v1/accounts/{}/{path}", round.account)).await;
        assert_unreadable(&reply, "question");
    }
    let unrelated: Value = admin.get("/api/v1/accounts").await.body;
    assert_eq!(unrelated.as_array().unwrap().len(), 1, "the account list still reads");
}
