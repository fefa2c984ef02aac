//! The response rate over the HTTP API: six months in which seven of ten customers
//! answered, then a month in which one retail customer of ten did. The month is not
//! called a fall while its links can still be answered; once they are closed, retail
//! and all accounts fell and software did not, the round behind it is named, and the
//! leaders and admins (not members) are emailed once. Other organisations and members
//! reach nothing.

mod common;

use chrono::{DateTime, TimeZone, Utc};
use common::survey::{complete_answers, submit};
use common::team::outbox_to;
use common::{Browser, TestApp};
use serde_json::{Value, json};

/// Moves the clock to 09:00 on `day`.
fn move_to(app: &TestApp, day: DateTime<Utc>) {
    app.clock.advance(day - app.state.now());
}

/// Sends a round to every contact of `account` (links open a week) and has the first
/// `answering` of them answer.
async fn round(app: &TestApp, admin: &Browser<'_>, account: &str, contacts: &[String], answering: usize) {
    let reply = admin
        .post(
            &format!("/api/v1/accounts/{account}/rounds"),
            json!({"template_id": "relationship", "contact_ids": contacts, "deadline_days": 7}),
        )
        .await;
    assert_eq!(reply.status, 201, "{}", reply.body);
    for link in reply.body["links"].as_array().unwrap().iter().take(answering) {
        let token = link["link"].as_str().unwrap().trim_start_matches("/s/");
        let customer = app.browser();
        let answered = submit(&customer, token, complete_answers()).await;
        assert!(answered.status < 300, "{}", answered.body);
    }
}

async fn rates(browser: &Browser<'_>) -> Value {
    let reply = browser.get("/api/v1/response-rates").await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    reply.body
}

fn group<'a>(view: &'a Value, segment: Option<&str>) -> &'a Value {
    view["groups"]
        .as_array()
        .unwrap()
        .iter()
        .find(|g| g["segment"].as_str() == segment)
        .unwrap_or_else(|| panic!("no group {segment:?}: {view}"))
}

fn told_of_fall(messages: &[Value]) -> Vec<&Value> {
    messages
        .iter()
        .filter(|m| {
            let subject = m["subject"].as_str().unwrap();
            subject.contains("Vastausprosentti laski") || subject.contains("response rate fell")
        })
        .collect()
}

#[tokio::test]
async fn a_month_retail_customers_stopped_answering_is_a_fall_told_to_the_leaders_once() {
    let app = TestApp::new().await;
    let admin = app.signup("Acme", "anna@acme.fi").await;
    app.join(&admin, "lee@acme.fi", "leader").await;
    app.join(&admin, "mia@acme.fi", "member").await;
    let mut accounts = Vec::new();
    for (name, segment) in [("Retail Oy", "retail"), ("Soft Oy", "software")] {
        let account = app.account(&admin, name, json!({"segments": [segment]})).await;
        let mut contacts = Vec::new();
        for i in 0..10 {
            let email = format!("c{i}@{}.fi", segment);
            contacts.push(
                app.contact(&admin, &account, &format!("Contact {i}"), &email, "fi")
                    .await,
            );
        }
        accounts.push((account, contacts));
    }

    // December to May: seven of ten answer in both. June: one of ten in retail.
    for month in 0..7u32 {
        let day = Utc
            .with_ymd_and_hms(2026 + i32::from(month > 0), (11 + month) % 12 + 1, 2, 9, 0, 0)
            .unwrap();
        move_to(&app, day);
        let admin = app.signed_in("anna@acme.fi").await;
        let retail_answering = if month == 6 { 1 } else { 7 };
        round(&app, &admin, &accounts[0].0, &accounts[0].1, retail_answering).await;
        round(&app, &admin, &accounts[1].0, &accounts[1].1, 7).await;
    }
    assert_eq!(app.state.now().date_naive().to_string(), "2027-06-02");

    // June is still running: the rate so far is shown, May is the month tested.
    let leader = app.signed_in("lee@acme.fi").await;
    let view = rates(&leader).await;
    assert_eq!(view["months"].as_array().unwrap().len(), 12);
    assert_eq!(view["months"][11], "2027-06");
    let retail = group(&view, Some("retail"));
    assert_eq!(retail["months"][11], json!({"sent": 10, "answered": 1, "open": 9}));
    assert_eq!(retail["test"]["month"], "2027-05");
    assert_eq!(retail["test"]["fell"], false);

    // July: June's links have closed. Retail fell from 70 % to 10 %, and with it all
    // accounts; software did not.
    move_to(&app, Utc.with_ymd_and_hms(2027, 7, 2, 9, 0, 0).unwrap());
    let leader = app.signed_in("lee@acme.fi").await;
    let view = rates(&leader).await;
    let retail = group(&view, Some("retail"));
    assert_eq!(retail["months"][10], json!({"sent": 10, "answered": 1, "open": 0}));
    assert_eq!(retail["test"]["month"], "2027-06");
    assert_eq!(retail["test"]["rate"], 10.0);
    assert_eq!(retail["test"]["baseline_rate"], 70.0);
    assert_eq!(retail["test"]["fell"], true, "{retail}");
    assert!(retail["test"]["adjusted_p"].as_f64().unwrap() < 0.05);
    assert_eq!(
        retail["rounds"],
        json!([{
            "round": retail["rounds"][0]["round"], "account_id": accounts[0].0, "account": "Retail Oy",
            "sent_on": "2027-06-02", "sent": 10, "answered": 1,
        }])
    );
    let software = group(&view, Some("software"));
    assert_eq!(software["test"]["fell"], false, "{software}");
    assert_eq!(software["rounds"], json!([]));
    let all = group(&view, None);
    assert_eq!(all["months"][10], json!({"sent": 20, "answered": 8, "open": 0}));
    assert_eq!(all["test"]["fell"], true, "{all}");
    assert_eq!(view["groups"][0]["segment"], Value::Null);

    // The leaders and admins hear of it once, with the round behind it; members do not.
    app.scheduler_pass().await;
    app.scheduler_pass().await;
    for email in ["anna@acme.fi", "lee@acme.fi"] {
        let messages = outbox_to(&app, email).await;
        let told = told_of_fall(&messages);
        assert_eq!(told.len(), 1, "{email}: {messages:?}");
        let body = told[0]["body"].as_str().unwrap();
        assert!(body.contains("retail: 10 %") && body.contains("Retail Oy"), "{body}");
        assert!(!body.contains("software"), "{body}");
        assert!(body.contains("/trends#response-rate"), "{body}");
    }
    assert!(told_of_fall(&outbox_to(&app, "mia@acme.fi").await).is_empty());

    // Members and other organisations reach nothing of it.
    let member = app.signed_in("mia@acme.fi").await;
    assert_eq!(member.get("/api/v1/response-rates").await.status, 403);
    let other = app.signup("Other", "olga@other.fi").await;
    let theirs = rates(&other).await;
    assert_eq!(theirs["groups"].as_array().unwrap().len(), 1, "{theirs}");
    assert_eq!(
        theirs["groups"][0]["months"][10],
        json!({"sent": 0, "answered": 0, "open": 0})
    );
    assert_eq!(
        app.browser().get("/api/v1/response-rates").await.status,
        401,
        "signed out"
    );
}
