//! Deleting an archived account or the whole organisation over the HTTP API: an admin
//! asks, everyone sees the date, any admin can take it back, and once the grace period
//! is over the scheduler deletes everything of it and nothing of anyone else;
//! leaders and other organisations reach nothing.

mod common;

use chrono::Duration;
use common::cases::detractor_answers;
use common::survey::{send_round, sent_round, submit};
use common::team::outbox_to;
use common::{Browser, PASSWORD, TestApp, audit};
use serde_json::{Value, json};

fn days_from_start(app: &TestApp, days: i64) -> Value {
    json!((app.state.now() + Duration::days(days)).to_rfc3339())
}

async fn archive(admin: &Browser<'_>, account: &str) {
    let reply = admin
        .post(&format!("/api/v1/accounts/{account}/archive"), json!({}))
        .await;
    assert_eq!(reply.status, 200, "{}", reply.body);
}

#[tokio::test]
async fn an_archived_account_goes_with_everything_about_it_once_the_grace_period_is_over() {
    let app = TestApp::new().await;
    let admin = app.signup("Acme", "anna@acme.fi").await;
    let round = sent_round(&app, &admin).await;
    let globex = round.account.clone();
    assert_eq!(
        submit(&app.browser(), &round.links[0].1, detractor_answers(3))
            .await
            .status,
        200
    );
    let note = json!({"source": "phone_call", "body": "Soitto: raportit myöhässä.", "language": "fi",
        "sender_name": "Maija Virtanen", "sender_email": "maija@globex.fi"});
    assert_eq!(
        admin
            .post(&format!("/api/v1/accounts/{globex}/messages"), note)
            .await
            .status,
        201
    );
    let initech = app.account(&admin, "Initech", json!({})).await;
    let peter = app
        .contact(&admin, &initech, "Peter Gibbons", "peter@initech.com", "en")
        .await;
    let kept = send_round(&admin, &initech, &[&peter]).await.remove(0);
    let leader = app.join(&admin, "lee@acme.fi", "leader").await;
    let path = format!("/api/v1/accounts/{globex}/deletion");

    // Only an archived account can be deleted, only by an admin.
    let active = admin.post(&path, json!({})).await;
    assert_eq!(active.status, 409, "{}", active.body);
    assert_eq!(active.code(), "not_archived");
    archive(&admin, &globex).await;
    assert_eq!(leader.post(&path, json!({})).await.status, 403);
    let asked = admin.post(&path, json!({})).await;
    assert_eq!(asked.status, 200, "{}", asked.body);
    assert_eq!(asked.body["deletion"], days_from_start(&app, 30));
    assert_eq!(
        leader.get(&format!("/api/v1/accounts/{globex}")).await.body["deletion"],
        asked.body["deletion"]
    );

    // Restoring the account takes the deletion back; so does taking it back by hand.
    let restored = admin
        .post(&format!("/api/v1/accounts/{globex}/restore"), json!({}))
        .await;
    assert_eq!(restored.body["deletion"], Value::Null);
    archive(&admin, &globex).await;
    assert_eq!(admin.post(&path, json!({})).await.status, 200);
    let cancelled = admin.delete(&path).await;
    assert_eq!(cancelled.status, 200, "{}", cancelled.body);
    assert_eq!(cancelled.body["deletion"], Value::Null);
    assert_eq!(audit(&admin, "account_deletion_cancelled").await.len(), 1);
    assert_eq!(admin.post(&path, json!({})).await.status, 200);

    // Another organisation cannot see or touch it.
    let other = app.signup("Other", "olga@other.fi").await;
    assert_eq!(other.post(&path, json!({})).await.status, 404);
    assert_eq!(other.delete(&path).await.status, 404);

    // The day before the date it is all still there …
    app.clock.advance(Duration::days(29));
    app.scheduler_pass().await;
    let admin = app.signed_in("anna@acme.fi").await;
    assert_eq!(admin.get(&format!("/api/v1/accounts/{globex}")).await.status, 200);

    // … two days later it is gone, with its contacts' data, cases and messages.
    app.clock.advance(Duration::days(2));
    app.scheduler_pass().await;
    let admin = app.signed_in("anna@acme.fi").await;
    assert_eq!(admin.get(&format!("/api/v1/accounts/{globex}")).await.status, 404);
    assert_eq!(
        admin.get(&format!("/api/v1/accounts/{globex}/responses")).await.status,
        404
    );
    let lookup = admin
        .post("/api/v1/privacy/lookups", json!({"email": "maija@globex.fi"}))
        .await;
    assert_eq!(lookup.body["contacts"], 0, "{}", lookup.body);
    assert_eq!(lookup.body["survey_links"], 0, "{}", lookup.body);
    assert_eq!(lookup.body["messages"], 0, "{}", lookup.body);
    assert!(outbox_to(&app, "maija@globex.fi").await.is_empty());
    let cases = admin.get("/api/v1/cases?scope=all&status=open").await;
    assert_eq!(cases.body, json!([]), "{}", cases.body);
    let listed = admin.get("/api/v1/accounts?include_archived=true").await;
    let names: Vec<&str> = listed
        .body
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["Initech"]);
    // Nothing of Initech went with it.
    let contacts = admin.get(&format!("/api/v1/accounts/{initech}/contacts")).await;
    assert_eq!(contacts.body[0]["name"], "Peter Gibbons", "{}", contacts.body);
    let rounds = admin.get(&format!("/api/v1/accounts/{initech}/rounds")).await;
    assert_eq!(rounds.body[0]["links"][0]["id"], kept.0.as_str(), "{}", rounds.body);
    let deleted = audit(&admin, "account_deleted").await;
    assert_eq!(deleted.len(), 1);
    assert_eq!(deleted[0]["detail"], "Globex");
    assert_eq!(deleted[0]["actor"], Value::Null);
}

#[tokio::test]
async fn the_organisation_goes_once_the_grace_period_is_over_unless_an_admin_takes_it_back() {
    let app = TestApp::new().await;
    let admin = app.signup("Acme", "anna@acme.fi").await;
    sent_round(&app, &admin).await;
    let second = app.join(&admin, "aki@acme.fi", "admin").await;
    let leader = app.join(&admin, "lee@acme.fi", "leader").await;
    let other = app.signup("Other", "olga@other.fi").await;
    let theirs = app.account(&other, "Their customer", json!({})).await;
    let path = "/api/v1/organisation/deletion";

    assert_eq!(leader.post(path, json!({"confirm_name": "Acme"})).await.status, 403);
    let mistyped = admin.post(path, json!({"confirm_name": "acme inc"})).await;
    assert_eq!(mistyped.status, 400, "{}", mistyped.body);
    assert_eq!(mistyped.body["error"]["field"], "confirm_name");
    let asked = admin.post(path, json!({"confirm_name": " Acme "})).await;
    assert_eq!(asked.status, 200, "{}", asked.body);
    assert_eq!(asked.body["deletion"], days_from_start(&app, 30));
    // Everyone sees it; every admin is told by email, whoever asked.
    assert_eq!(
        leader.get("/api/v1/auth/me").await.body["organisation"]["deletion"],
        asked.body["deletion"]
    );
    for email in ["anna@acme.fi", "aki@acme.fi"] {
        let told = outbox_to(&app, email).await;
        assert!(
            told.iter().any(
                |m| m["subject"].as_str().unwrap().contains("will be deleted from Kaiku")
                    || m["subject"].as_str().unwrap().contains("poistetaan Kaikusta")
            ),
            "{email}: {told:?}"
        );
    }
    assert!(
        outbox_to(&app, "lee@acme.fi")
            .await
            .iter()
            .all(|m| !m["body"].as_str().unwrap().contains("/settings/privacy"))
    );

    // The other admin takes it back; it is asked again.
    let cancelled = second.delete(path).await;
    assert_eq!(cancelled.status, 200, "{}", cancelled.body);
    assert_eq!(cancelled.body["deletion"], Value::Null);
    assert_eq!(admin.post(path, json!({"confirm_name": "Acme"})).await.status, 200);
    assert_eq!(audit(&admin, "organisation_deletion_asked").await.len(), 2);

    app.clock.advance(Duration::days(31));
    app.scheduler_pass().await;

    // Acme's people are gone, so its admin's address is free for a new sign-up …
    let gone = app.browser();
    assert_eq!(gone.login("anna@acme.fi", PASSWORD).await.status, 401);
    app.signup("Acme again", "anna@acme.fi").await;
    // … and the other organisation has all it had.
    let other = app.signed_in("olga@other.fi").await;
    assert_eq!(other.get(&format!("/api/v1/accounts/{theirs}")).await.status, 200);
    assert!(!audit(&other, "signed_up").await.is_empty());
}
