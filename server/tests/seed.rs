//! The demo organisation `cargo xtask run` starts with: people, forty accounts with a
//! year and a half of history, and a customer answer waiting for counter-feedback.

mod common;

use common::TestApp;
use kaiku_server::seed::{self, DEMO_PASSWORD};
use serde_json::Value;

#[tokio::test]
async fn the_demo_starts_with_an_answer_waiting_for_counter_feedback_once() {
    let app = TestApp::new().await;
    seed::demo(&app.state).await.unwrap();
    // Started again on the same data: nothing is seeded twice.
    seed::demo(&app.state).await.unwrap();

    let matti = app.browser();
    assert_eq!(matti.login("matti@demo.kaiku.test", DEMO_PASSWORD).await.status, 200);
    let accounts = matti.get("/api/v1/accounts").await;
    assert_eq!(accounts.body.as_array().unwrap().len(), 40, "Matti is on every team");
    let requests = matti.get("/api/v1/counter-feedback/requests").await;
    let open = requests.body["open"].as_array().unwrap();
    assert_eq!(open.len(), 1);
    assert_eq!(open[0]["account"]["name"], "Nordic Retail Oy");
    assert_eq!(
        open[0]["development_points"],
        serde_json::json!(["Toivoisin viikoittaisen tilannekatsauksen."])
    );
    assert_eq!(
        open[0]["response"]["analysis"][0]["analysis"]["sentiment"]["polarity"],
        "negative"
    );
}

#[tokio::test]
async fn the_demo_heatmap_tells_a_story_from_the_first_start() {
    let app = TestApp::new().await;
    seed::demo(&app.state).await.unwrap();
    let leader = app.browser();
    assert_eq!(leader.login("leader@demo.kaiku.test", DEMO_PASSWORD).await.status, 200);
    let heatmap = leader.get("/api/v1/heatmap").await;
    assert_eq!(heatmap.status, 200, "{}", heatmap.body);
    let rows = heatmap.body["rows"].as_array().unwrap();
    assert_eq!(rows.len(), 40);
    let band = |row: &Value| row["current"]["band"].as_str().unwrap_or("").to_string();
    for expected in ["low", "medium", "high"] {
        assert!(
            rows.iter().any(|r| band(r) == expected),
            "some account is {expected}: {rows:?}"
        );
    }
    // Customers still saying 9/10 while the team sees high risk: the gap is the signal.
    let quiet: Vec<&Value> = rows
        .iter()
        .filter(|r| r["current"]["nps"].as_f64().is_some_and(|n| n >= 50.0))
        .filter(|r| r["current"]["gap"].as_f64().is_some_and(|g| g >= 30.0))
        .collect();
    assert!(quiet.len() >= 3, "quietly deteriorating accounts: {quiet:?}");
    let segments: std::collections::BTreeSet<&str> = rows
        .iter()
        .flat_map(|r| r["segments"].as_array().unwrap().iter().map(|s| s.as_str().unwrap()))
        .collect();
    assert!(segments.len() >= 3, "{segments:?}");

    // Eighteen months of history, in both languages.
    let history = leader.get("/api/v1/heatmap/history?signal=health").await;
    let with_values = |row: &Value| {
        row["values"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|v| !v.is_null())
            .count()
    };
    let longest = history.body["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(with_values)
        .max()
        .unwrap();
    assert!(longest >= 15, "{longest} months with a health score");
    let account = quiet[0]["account"].as_str().unwrap();
    let overview = leader.get(&format!("/api/v1/accounts/{account}/overview")).await;
    let timeline = overview.body["timeline"].as_array().unwrap();
    assert!(timeline.len() >= 4, "{timeline:?}");
    assert!(
        timeline
            .iter()
            .any(|e| e["gap_flagged"] == true && !e["counter_feedback"].as_array().unwrap().is_empty())
    );
    let mut languages = std::collections::BTreeSet::new();
    for row in rows.iter().take(8) {
        let overview = leader
            .get(&format!(
                "/api/v1/accounts/{}/overview",
                row["account"].as_str().unwrap()
            ))
            .await;
        for entry in overview.body["timeline"].as_array().unwrap() {
            if let Some(lang) = entry["response"]["language"].as_str() {
                languages.insert(lang.to_string());
            }
        }
    }
    assert_eq!(
        languages.into_iter().collect::<Vec<_>>(),
        ["en", "fi"],
        "answers in both languages"
    );
}
