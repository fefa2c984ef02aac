//! Segments by need over the HTTP API: accounts planted with three kinds of need come
//! back as three proposed groups, each told apart by what matters to it; the proposal is
//! the same every time; an admin names, adjusts and adopts it; the accounts carry the
//! names (other segments untouched) and the figures follow; adopting again replaces
//! them; bad groupings are refused whole; leaders read, members and other organisations
//! reach nothing.

mod common;

use std::collections::BTreeSet;

use common::survey::{answer, submit};
use common::{Browser, TestApp};
use serde_json::{Value, json};

const ASPECTS: [&str; 5] = ["quality", "communication", "schedule", "understanding", "value"];

/// An expectations answer: `high` aspects matter 5, `low` ones 1, the rest 3.
fn importance(high: &str, low: &str) -> Value {
    let score = |id: &str| match id {
        _ if id == high => 5,
        _ if id == low => 1,
        _ => 3,
    };
    json!({"answers": ASPECTS.iter().map(|id| answer(&format!("importance_{id}"), score(id))).collect::<Vec<_>>()})
}

/// An account whose one contact answered the expectations survey with `answers`.
async fn account_stating(app: &TestApp, admin: &Browser<'_>, name: &str, answers: Value) -> String {
    let account = app.account(admin, name, json!({"segments": ["Uusimaa"]})).await;
    let email = format!("{}@example.com", name.to_lowercase().replace(' ', "."));
    let contact = app.contact(admin, &account, name, &email, "en").await;
    let round = admin
        .post(
            &format!("/api/v1/accounts/{account}/rounds"),
            json!({"template_id": "expectations", "contact_ids": [contact]}),
        )
        .await;
    assert_eq!(round.status, 201, "{}", round.body);
    let token = round.body["links"][0]["link"]
        .as_str()
        .unwrap()
        .trim_start_matches("/s/");
    let reply = submit(&app.browser(), token, answers).await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    account
}

/// Three planted needs, three accounts each: (need, accounts).
async fn planted(app: &TestApp, admin: &Browser<'_>) -> Vec<(&'static str, BTreeSet<String>)> {
    let mut groups = Vec::new();
    for (need, low) in [
        ("quality", "value"),
        ("value", "quality"),
        ("schedule", "understanding"),
    ] {
        let mut accounts = BTreeSet::new();
        for i in 1..=3 {
            accounts.insert(account_stating(app, admin, &format!("{need} {i}"), importance(need, low)).await);
        }
        groups.push((need, accounts));
    }
    groups
}

async fn needs(browser: &Browser<'_>) -> Value {
    let reply = browser.get("/api/v1/segments/needs").await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    reply.body
}

fn ids(list: &Value) -> BTreeSet<String> {
    list.as_array()
        .unwrap()
        .iter()
        .map(|a| a.as_str().or_else(|| a["id"].as_str()).unwrap().to_string())
        .collect()
}

async fn segments_of(browser: &Browser<'_>, account: &str) -> Vec<String> {
    let reply = browser.get(&format!("/api/v1/accounts/{account}")).await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    let account = if reply.body["account"].is_object() {
        &reply.body["account"]
    } else {
        &reply.body
    };
    serde_json::from_value(account["segments"].clone()).unwrap()
}

#[tokio::test]
async fn planted_needs_are_proposed_adopted_and_replaced() {
    let app = TestApp::new().await;
    let admin = app.signup("Acme", "anna@acme.fi").await;
    let groups = planted(&app, &admin).await;
    let silent = app.account(&admin, "Silent Oy", json!({})).await;

    let view = needs(&admin).await;
    let proposal = &view["proposal"];
    assert_eq!(view["profiled"], 9);
    assert_eq!(ids(&proposal["unprofiled"]), BTreeSet::from([silent.clone()]));
    let proposed: Vec<BTreeSet<String>> = proposal["groups"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| ids(&g["accounts"]))
        .collect();
    assert_eq!(proposed.len(), 3, "{proposal}");
    for (need, accounts) in &groups {
        let group = proposal["groups"]
            .as_array()
            .unwrap()
            .iter()
            .find(|g| ids(&g["accounts"]) == *accounts)
            .unwrap_or_else(|| panic!("the {need} accounts are not one group: {proposal}"));
        let first = &group["traits"][0];
        assert_eq!(
            (first["kind"].as_str(), first["key"].as_str()),
            (Some("aspect"), Some(*need)),
            "{group}"
        );
        assert!(
            first["group_value"].as_f64() > first["overall_value"].as_f64(),
            "{group}"
        );
    }
    let quality = proposal["groups"]
        .as_array()
        .unwrap()
        .iter()
        .find(|g| g["traits"][0]["key"] == "quality")
        .unwrap();
    assert!(
        quality["suggested_name"].as_str().unwrap().contains("quality of work"),
        "{quality}"
    );
    assert_eq!(
        needs(&admin).await["proposal"],
        *proposal,
        "the same accounts, the same proposal"
    );

    // The admin renames, moves one schedule account into the quality group, and adopts.
    let [(_, quality_accounts), (_, value_accounts), (_, schedule_accounts)] = &groups[..] else {
        unreachable!()
    };
    let moved = schedule_accounts.first().unwrap().clone();
    let mut quality_and_moved: Vec<String> = quality_accounts.iter().cloned().collect();
    quality_and_moved.push(moved.clone());
    let rest: Vec<String> = schedule_accounts.iter().filter(|a| **a != moved).cloned().collect();
    let adopted = admin
        .put(
            "/api/v1/segments/needs",
            json!({"segments": [
                {"name": "Quality first", "accounts": quality_and_moved},
                {"name": "Price-conscious", "accounts": value_accounts},
                {"name": "  Deadline-driven ", "accounts": rest},
            ]}),
        )
        .await;
    assert_eq!(adopted.status, 200, "{}", adopted.body);
    let names: Vec<&str> = adopted.body["adopted"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["Deadline-driven", "Price-conscious", "Quality first"]);
    let quality_segment = &adopted.body["adopted"][2];
    assert_eq!(quality_segment["figures"]["accounts"], 4);
    assert_eq!(ids(&quality_segment["accounts"]).len(), 4);
    assert_eq!(quality_segment["traits"][0]["key"], "quality", "{quality_segment}");
    assert_eq!(adopted.body["all"]["accounts"], 10);
    assert_eq!(
        segments_of(&admin, &moved).await,
        ["Uusimaa", "Quality first"],
        "other segments stay"
    );

    // The heatmap's segment totals (and cycle defaults by segment) see the names.
    let heatmap = admin.get("/api/v1/heatmap").await;
    let row = heatmap.body["rows"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["account"] == moved.as_str())
        .unwrap()
        .clone();
    assert_eq!(row["segments"], json!(["Uusimaa", "Quality first"]));

    // A cycle default by segment applies to the need segment's accounts.
    let rule = json!({
        "every_months": 6, "weekday": "tue", "at_project_end": false, "days_after_end": null,
        "contacts": "all", "chosen_contacts": [], "template_id": "relationship", "deadline_days": 14
    });
    let settings = admin.get("/api/v1/settings/schedule").await.body["settings"].clone();
    let scheduled = admin
        .put(
            "/api/v1/settings/schedule",
            json!({"settings": settings, "defaults": [{"stage": null, "segment": "Quality first", "rule": rule}]}),
        )
        .await;
    assert_eq!(scheduled.status, 200, "{}", scheduled.body);
    let cycle = admin.get(&format!("/api/v1/accounts/{moved}/cycle")).await.body;
    assert_eq!(
        (cycle["source"].as_str(), cycle["rule"]["every_months"].as_u64()),
        (Some("segment"), Some(6)),
        "{cycle}"
    );

    // Adopting again replaces the need segments, and only them.
    let again = admin
        .put(
            "/api/v1/segments/needs",
            json!({"segments": [{"name": "Everyone", "accounts": [moved.clone()]}]}),
        )
        .await;
    assert_eq!(again.status, 200, "{}", again.body);
    assert_eq!(segments_of(&admin, &moved).await, ["Uusimaa", "Everyone"]);
    let other = quality_accounts.first().unwrap();
    assert_eq!(segments_of(&admin, other).await, ["Uusimaa"]);
    let cleared = admin.put("/api/v1/segments/needs", json!({"segments": []})).await;
    assert_eq!(cleared.status, 200, "{}", cleared.body);
    assert_eq!(cleared.body["adopted"], json!([]));
    assert_eq!(segments_of(&admin, &moved).await, ["Uusimaa"]);
}

#[tokio::test]
async fn a_bad_grouping_is_refused_whole() {
    let app = TestApp::new().await;
    let admin = app.signup("Acme", "anna@acme.fi").await;
    let a = app
        .account(&admin, "Alpha", json!({"segments": ["Public sector"]}))
        .await;
    let b = app.account(&admin, "Beta", json!({})).await;
    let adopt = |segments: Value| {
        let admin = &admin;
        async move {
            admin
                .put("/api/v1/segments/needs", json!({ "segments": segments }))
                .await
        }
    };
    let cases = [
        (json!([{"name": "", "accounts": [a]}]), "name"),
        (json!([{"name": "public SECTOR", "accounts": [a]}]), "name"),
        (
            json!([{"name": "One", "accounts": [a]}, {"name": "one", "accounts": [b]}]),
            "name",
        ),
        (
            json!([{"name": "One", "accounts": [a]}, {"name": "Two", "accounts": [a, b]}]),
            "accounts",
        ),
        (json!([{"name": "One", "accounts": []}]), "accounts"),
        (json!([{"name": "One", "accounts": ["nope"]}]), "accounts"),
        (json!([{"name": "Bad\u{202e}name", "accounts": [a]}]), "name"),
    ];
    for (segments, field) in cases {
        let reply = adopt(segments.clone()).await;
        assert_eq!(
            (reply.status, reply.code()),
            (400, "validation"),
            "{segments}: {}",
            reply.body
        );
        assert_eq!(reply.body["error"]["field"], field, "{segments}");
    }
    assert_eq!(segments_of(&admin, &a).await, ["Public sector"], "nothing half-written");
    assert_eq!(needs(&admin).await["adopted"], json!([]));
}

#[tokio::test]
async fn leaders_read_admins_adopt_and_nobody_reaches_another_organisation() {
    let app = TestApp::new().await;
    let admin = app.signup("Acme", "anna@acme.fi").await;
    let account = app.account(&admin, "Alpha", json!({})).await;
    let leader = app.join(&admin, "lea@acme.fi", "leader").await;
    let member = app.join(&admin, "mikko@acme.fi", "member").await;
    let body = json!({"segments": [{"name": "One", "accounts": [account]}]});

    assert_eq!(leader.get("/api/v1/segments/needs").await.status, 200);
    assert_eq!(leader.put("/api/v1/segments/needs", body.clone()).await.status, 403);
    assert_eq!(member.get("/api/v1/segments/needs").await.status, 403);
    assert_eq!(member.put("/api/v1/segments/needs", body.clone()).await.status, 403);
    assert_eq!(app.browser().get("/api/v1/segments/needs").await.status, 401);

    let other = app.signup("Globex", "olga@globex.fi").await;
    let theirs = needs(&other).await;
    assert_eq!(theirs["accounts"], json!([]), "Acme's accounts stay Acme's");
    let reply = other.put("/api/v1/segments/needs", body).await;
    assert_eq!(
        (reply.status, reply.body["error"]["field"].as_str()),
        (400, Some("accounts"))
    );
    assert_eq!(segments_of(&admin, &account).await, ["growth marketing"]);
}
