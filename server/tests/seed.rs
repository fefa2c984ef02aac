//! The demo organisation `cargo xtask run` starts with: people, forty accounts with a
//! year and a half of history, a customer answer waiting for counter-feedback, and
//! open, overdue and closed cases.

mod common;

use common::TestApp;
use kaiku_server::seed::{self, DEMO_PASSWORD, DEMO_REPULSE_TOKEN, DEMO_WE_DID_TOKEN};
use serde_json::{Value, json};

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
    // Sanna's answer today, and the three answers behind the demo's cases.
    assert_eq!(open.len(), 4);
    let today = serde_json::json!(["Toivoisin viikoittaisen tilannekatsauksen."]);
    let nordic = open
        .iter()
        .find(|r| r["account"]["name"] == "Nordic Retail Oy" && r["development_points"] == today)
        .expect("Sanna's answer today waits for counter-feedback");
    assert_eq!(
        nordic["response"]["analysis"][0]["analysis"]["sentiment"]["polarity"],
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

#[tokio::test]
async fn the_demo_has_open_overdue_and_closed_cases_and_a_re_pulse_waiting() {
    let app = TestApp::new().await;
    seed::demo(&app.state).await.unwrap();
    let admin = app.browser();
    assert_eq!(admin.login("admin@demo.kaiku.test", DEMO_PASSWORD).await.status, 200);
    let cases = admin.get("/api/v1/cases?scope=all").await;
    assert_eq!(cases.status, 200, "{}", cases.body);
    let cases = cases.body.as_array().unwrap().clone();
    let of = |account: &str| {
        cases
            .iter()
            .find(|c| c["account"]["name"] == account)
            .unwrap_or_else(|| panic!("a case of {account}: {cases:?}"))
    };
    let overdue = of("Helsinki Health Tech");
    assert_eq!(
        (&overdue["status"], &overdue["overdue"]),
        (&json!("open"), &json!(true))
    );
    let closed = of("Baltic Logistics AB");
    assert_eq!(closed["status"], "closed");
    let counts = admin.get("/api/v1/cases/counts").await.body;
    assert!(counts["open"].as_u64().unwrap() >= 1 && counts["overdue"].as_u64().unwrap() >= 1);

    // The closed case's re-pulse is recorded, unanswered, and its email waits in the
    // outbox without a token; the demo's published token opens the one question.
    let view = admin
        .get(&format!("/api/v1/cases/{}", closed["id"].as_str().unwrap()))
        .await;
    assert_eq!(view.body["repulse"]["contact_name"], "Erik Lund");
    assert!(view.body["repulse"]["answered_at"].is_null());
    let outbox = admin.get("/api/v1/outbox").await.body;
    let email = outbox
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["subject"].as_str().unwrap().ends_with("is this resolved for you?"))
        .expect("the re-pulse email");
    assert_eq!(email["to"], "erik@balticlogistics.example");
    assert!(email["body"].as_str().unwrap().contains("/s/…"));
    let page = app.browser().get(&format!("/api/v1/survey/{DEMO_REPULSE_TOKEN}")).await;
    assert_eq!(page.status, 200, "{}", page.body);
    assert_eq!(page.body["questions"][0]["id"], "resolved");

    // Last summer's Nordic Retail case: closed, and "yes" at its re-pulse.
    let leader = app.browser();
    assert_eq!(leader.login("leader@demo.kaiku.test", DEMO_PASSWORD).await.status, 200);
    let stats = leader.get("/api/v1/cases/stats").await.body;
    assert_eq!(stats["previous"]["overall"]["recovery"]["hits"], 1, "{stats}");
}

#[tokio::test]
async fn the_demo_has_initiatives_in_every_status_and_a_done_one_with_a_verdict() {
    let app = TestApp::new().await;
    seed::demo(&app.state).await.unwrap();
    let leena = app.browser();
    assert_eq!(leena.login("leader@demo.kaiku.test", DEMO_PASSWORD).await.status, 200);
    let list = leena.get("/api/v1/initiatives").await;
    assert_eq!(list.status, 200, "{}", list.body);
    let mut statuses: Vec<&str> = list
        .body
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["status"].as_str().unwrap())
        .collect();
    statuses.sort_unstable();
    assert_eq!(statuses, ["done", "dropped", "in_progress", "planned", "proposed"]);
    let done = list
        .body
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["status"] == "done")
        .unwrap();
    let view = leena
        .get(&format!("/api/v1/initiatives/{}", done["id"].as_str().unwrap()))
        .await;
    let check = &view.body["check"];
    assert_ne!(check["verdict"], "waiting", "{check}");
    assert!(check["before"]["answers"].as_u64().unwrap() > 0, "{check}");
    assert!(check["after"]["answers"].as_u64().unwrap() > 0, "{check}");
    let history: Vec<&str> = view.body["history"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["status"].as_str().unwrap())
        .collect();
    assert_eq!(history, ["proposed", "planned", "in_progress", "done"]);
    assert_eq!(view.body["history"][3]["by"]["name"], "Leena Leader");
    // What the initiatives cover is no longer suggested; other topics still are.
    let suggestions = leena.get("/api/v1/initiatives/suggestions").await;
    let topics: Vec<Value> = list
        .body
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["topics"][0].clone())
        .collect();
    assert!(
        suggestions
            .body
            .as_array()
            .unwrap()
            .iter()
            .all(|s| !topics.contains(&s["topic"]))
    );
    println!("demo check: {check}");
}

#[tokio::test]
async fn the_demo_has_a_round_whose_survey_opens_with_what_we_did() {
    let app = TestApp::new().await;
    seed::demo(&app.state).await.unwrap();
    let page = app.browser().get(&format!("/api/v1/survey/{DEMO_WE_DID_TOKEN}")).await;
    assert_eq!(page.status, 200, "{}", page.body);
    assert_eq!(page.body["language"], "fi");
    assert_eq!(page.body["submitted"], false);
    assert_eq!(
        page.body["we_did"],
        json!([{"said": "Kuukausiraportit tulevat aina myöhässä.",
            "did": "Automatisoimme raportit: ne lähtevät nyt aina kolmantena työpäivänä."}])
    );
    // Matti sees it approved and told: in the invitation, and now on the page.
    let matti = app.browser();
    assert_eq!(matti.login("matti@demo.kaiku.test", DEMO_PASSWORD).await.status, 200);
    // The made-up history may name an account "Nordic Retail Oy" too.
    let accounts = matti.get("/api/v1/accounts").await.body;
    let mut items = Vec::new();
    for nordic in accounts
        .as_array()
        .unwrap()
        .iter()
        .filter(|a| a["name"] == "Nordic Retail Oy")
    {
        let reply = matti
            .get(&format!("/api/v1/accounts/{}/we-did", nordic["id"].as_str().unwrap()))
            .await;
        assert_eq!(reply.status, 200, "{}", reply.body);
        items.extend(reply.body["items"].as_array().unwrap().iter().cloned());
    }
    let item = items
        .iter()
        .find(|i| i["contact_name"] == "Sanna Saarinen" && i["source"] == "closed_case")
        .unwrap_or_else(|| panic!("Sanna's item in {items:?}"));
    assert_eq!(item["status"], "approved");
    let channels: Vec<&str> = item["told"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["channel"].as_str().unwrap())
        .collect();
    assert_eq!(channels, ["invitation", "survey"]);
}

#[tokio::test]
async fn the_demo_backtest_rests_on_two_years_of_outcomes_with_hits_and_misses() {
    let app = TestApp::new().await;
    seed::demo(&app.state).await.unwrap();
    let leader = app.browser();
    assert_eq!(leader.login("leader@demo.kaiku.test", DEMO_PASSWORD).await.status, 200);
    let view = leader.get("/api/v1/backtest").await;
    assert_eq!(view.status, 200, "{}", view.body);
    let view = view.body;
    assert_eq!(view["demo"], true, "labelled as demo data");
    assert_eq!(view["reliable"], true, "{} outcomes", view["outcomes"]);
    assert_eq!(view["probabilities"]["source"], "own_outcomes");

    // The warnings were worth something: the accounts that left scored worse 90 days
    // before than those that stayed, though not perfectly.
    let ninety = view["horizons"]
        .as_array()
        .unwrap()
        .iter()
        .find(|h| h["days"] == 90)
        .unwrap();
    let health = &ninety["warnings"][0];
    assert_eq!(health["warning"], "health");
    let auc = health["auc"].as_f64().unwrap();
    assert!((0.6..1.0).contains(&auc), "AUC {auc}");

    // Some churns were flagged a cycle before, and some were missed.
    let quarters = view["quarters"].as_array().unwrap();
    let names = |list: &str| -> Vec<String> {
        quarters
            .iter()
            .flat_map(|q| q[list].as_array().unwrap().iter())
            .map(|c| c["name"].as_str().unwrap().to_string())
            .collect()
    };
    let (flagged, missed) = (names("flagged"), names("missed"));
    assert!(flagged.len() >= 4, "flagged {flagged:?}");
    assert!(!missed.is_empty(), "missed none, flagged {flagged:?}");
    assert!(
        quarters.len() >= 6,
        "outcomes over two years: {} quarters",
        quarters.len()
    );

    // The accounts that left are archived: gone from the portfolio, kept with their history.
    let active = leader.get("/api/v1/accounts").await.body;
    assert_eq!(active.as_array().unwrap().len(), 40);
    let all = leader.get("/api/v1/accounts?include_archived=true").await.body;
    let former: Vec<&Value> = all
        .as_array()
        .unwrap()
        .iter()
        .filter(|a| a["archived"] == true)
        .collect();
    assert_eq!(former.len(), seed::DEMO_FORMER_ACCOUNTS);
    let gone = former[0]["id"].as_str().unwrap();
    let snapshots = leader.get(&format!("/api/v1/accounts/{gone}/snapshots")).await;
    assert!(snapshots.body.as_array().unwrap().len() >= 6, "{}", snapshots.body);
}
