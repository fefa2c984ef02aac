//! Topic trends over the HTTP API: a complaint that a handful of accounts raised now and
//! hardly one before comes back as rising, counted in accounts (one account saying it
//! ten times is one), with the accounts and words behind it; a source or segment
//! narrows it; members and other organisations reach nothing.

mod common;

use chrono::{DateTime, Duration, Utc};
use common::cases::COMPLAINT;
use common::{Browser, TestApp};
use serde_json::{Value, json};

/// A note on `account` of something said `days_ago`; the message's id.
async fn said(app: &TestApp, admin: &Browser<'_>, account: &str, days_ago: i64, body: &str) -> String {
    let at: DateTime<Utc> = app.state.now() - Duration::days(days_ago);
    let note = json!({"source": "meeting_note", "body": body, "language": "fi", "received_at": at});
    let reply = admin.post(&format!("/api/v1/accounts/{account}/messages"), note).await;
    assert_eq!(reply.status, 201, "{}", reply.body);
    reply.body["message"]["id"]
        .as_str()
        .expect("the message's id")
        .to_string()
}

async fn trends(browser: &Browser<'_>, query: &str) -> Value {
    let reply = browser.get(&format!("/api/v1/trends{query}")).await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    reply.body
}

fn topic<'a>(view: &'a Value, kind: &str, key: &str) -> Option<&'a Value> {
    view["topics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["topic"]["kind"] == kind && t["topic"]["key"] == key)
}

#[tokio::test]
async fn a_complaint_many_accounts_raise_now_is_rising_counted_in_accounts() {
    let app = TestApp::new().await;
    let admin = app.signup("Acme", "anna@acme.fi").await;
    let mut accounts = Vec::new();
    for i in 0..12 {
        let segment = if i < 8 { "software" } else { "retail" };
        let body = json!({"segments": [segment], "start_date": "2025-01-01"});
        accounts.push(app.account(&admin, &format!("Customer {i:02}"), body).await);
    }
    // Before: one account, once, some months ago. Now: eight accounts in a fortnight,
    // one of them over and over.
    said(&app, &admin, &accounts[0], 70, COMPLAINT).await;
    for (i, account) in accounts.iter().take(8).enumerate() {
        said(&app, &admin, account, 3 + i as i64, COMPLAINT).await;
    }
    for days in 0..6 {
        said(&app, &admin, &accounts[1], days, COMPLAINT).await;
    }

    let view = trends(&admin, "").await;
    assert_eq!(view["weeks"].as_array().unwrap().len(), 26);
    assert_eq!(view["active_accounts"][25], 12);
    let rising = &view["topics"][0];
    assert_eq!(rising["direction"], "rising", "{view}");
    let cause = topic(&view, "churn_cause", "complaint_handling").expect("the complaint's cause");
    assert_eq!(cause["direction"], "rising");
    // Counted in accounts: the account that said it seven times this fortnight counts
    // once a week, not seven times.
    let recent_weeks: u64 = cause["weekly_accounts"].as_array().unwrap()[22..]
        .iter()
        .map(|n| n.as_u64().unwrap())
        .sum();
    assert_eq!(cause["recent"].as_u64().unwrap(), recent_weeks);
    assert!(recent_weeks <= 8 + 2, "{cause}");
    assert_eq!(cause["baseline"], 1);
    assert!(cause["rate_ratio"].as_f64().unwrap() > 3.0, "{cause}");
    assert!(cause["adjusted_p"].as_f64().unwrap() < 0.05, "{cause}");
    let behind: Vec<&str> = cause["accounts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["name"].as_str().unwrap())
        .collect();
    assert_eq!(behind.len(), 8, "{behind:?}");
    assert_eq!(behind[0], "Customer 00");
    assert_eq!(cause["quotes"][0]["text"], COMPLAINT);
    assert_eq!(cause["quotes"][0]["source"], "message");

    // Narrowed: counter-feedback alone says nothing; the retail segment has none of it.
    let team_only = trends(&admin, "?source=counter_feedback").await;
    assert!(
        topic(&team_only, "churn_cause", "complaint_handling").is_none(),
        "{team_only}"
    );
    let retail = trends(&admin, "?segment=retail").await;
    assert_eq!(retail["active_accounts"][25], 4);
    assert!(
        topic(&retail, "churn_cause", "complaint_handling").is_none(),
        "{retail}"
    );

    // Leaders read it; members and other organisations do not.
    let leader = app.join(&admin, "lee@acme.fi", "leader").await;
    assert_eq!(trends(&leader, "").await["topics"][0]["direction"], "rising");
    let member = app.join(&admin, "mia@acme.fi", "member").await;
    assert_eq!(member.get("/api/v1/trends").await.status, 403);
    let other = app.signup("Other", "olga@other.fi").await;
    assert_eq!(trends(&other, "").await["topics"], json!([]));
    assert_eq!(admin.get("/api/v1/trends?source=gossip").await.status, 400);
}

/// The names of the accounts behind the complaint's cause in the recent weeks.
async fn complaining(browser: &Browser<'_>) -> Vec<String> {
    let view = trends(browser, "").await;
    topic(&view, "churn_cause", "complaint_handling").map_or_else(Vec::new, |cause| {
        cause["accounts"]
            .as_array()
            .unwrap()
            .iter()
            .map(|a| a["name"].as_str().unwrap().to_string())
            .collect()
    })
}

#[tokio::test]
async fn the_page_shows_every_change_at_once_even_one_another_server_made() {
    let app = TestApp::new().await;
    let admin = app.signup("Acme", "anna@acme.fi").await;
    let mut accounts = Vec::new();
    for name in ["Aalto", "Berg", "Castren"] {
        let body = json!({"segments": ["software"], "start_date": "2025-01-01"});
        accounts.push(app.account(&admin, name, body).await);
    }
    let aalto_said = said(&app, &admin, &accounts[0], 2, COMPLAINT).await;
    said(&app, &admin, &accounts[1], 3, COMPLAINT).await;
    assert_eq!(complaining(&admin).await, ["Aalto", "Berg"]);

    // Another server over the same database writes; this one's page follows at once.
    let other_server = app.restarted();
    let elsewhere = other_server.browser_with(admin.cookie_jar());
    said(&other_server, &elsewhere, &accounts[2], 1, COMPLAINT).await;
    assert_eq!(complaining(&admin).await, ["Aalto", "Berg", "Castren"]);

    // A message placed on another account leaves the first one.
    let moved = elsewhere
        .post(
            &format!("/api/v1/messages/{aalto_said}/assign"),
            json!({"account_id": accounts[1]}),
        )
        .await;
    assert_eq!(moved.status, 200, "{}", moved.body);
    assert_eq!(complaining(&admin).await, ["Berg", "Castren"]);

    // An archived account is not among the active ones nor behind any topic.
    let before = trends(&admin, "").await["active_accounts"][25].as_u64().unwrap();
    let archived = elsewhere
        .post(&format!("/api/v1/accounts/{}/archive", accounts[2]), json!({}))
        .await;
    assert_eq!(archived.status, 200, "{}", archived.body);
    let view = trends(&admin, "").await;
    assert_eq!(view["active_accounts"][25].as_u64().unwrap(), before - 1);
    assert_eq!(complaining(&admin).await, ["Berg"]);

    // Renamed, it is shown by its new name.
    let renamed = elsewhere
        .put(
            &format!("/api/v1/accounts/{}", accounts[1]),
            common::account_body(
                "Berg & Co",
                json!({"segments": ["software"], "start_date": "2025-01-01"}),
            ),
        )
        .await;
    assert_eq!(renamed.status, 200, "{}", renamed.body);
    assert_eq!(complaining(&admin).await, ["Berg & Co"]);
}

#[tokio::test]
async fn a_topic_behind_many_accounts_names_fifty_and_counts_them_all() {
    let app = TestApp::new().await;
    let admin = app.signup("Acme", "anna@acme.fi").await;
    for i in 0..53 {
        let body = json!({"segments": ["software"], "start_date": "2025-01-01"});
        let account = app.account(&admin, &format!("Customer {i:02}"), body).await;
        said(&app, &admin, &account, 1, COMPLAINT).await;
    }
    let view = trends(&admin, "").await;
    let cause = topic(&view, "churn_cause", "complaint_handling").expect("the complaint's cause");
    assert_eq!(cause["accounts_total"], 53, "{cause}");
    let named = cause["accounts"].as_array().unwrap();
    assert_eq!(named.len(), 50);
    assert_eq!(named[0]["name"], "Customer 00");
    assert_eq!(named[49]["name"], "Customer 49");
    assert_eq!(cause["recent"], 53, "{cause}");
}
