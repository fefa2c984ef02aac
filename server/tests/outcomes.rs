//! Outcomes, month-end snapshots and the backtest over the HTTP API: outcomes are
//! validated and edits keep history; churned accounts leave the heatmap; the CSV
//! import previews; snapshots are taken at month end, backfilled as of each month and
//! never changed later; a constructed portfolio backtests to hand-computed figures;
//! roles and other organisations are kept out.

mod common;

use chrono::Duration;
use common::sync::{submit_mutation, sync};
use common::{Browser, TestApp};
use kaiku_server::scheduler::{Job, Scheduler};
use serde_json::{Value, json};

fn churn(date: &str) -> Value {
    json!({
        "kind": "churned", "date": date, "revenue_before_eur": 120000, "revenue_after_eur": 0,
        "reasons": ["voice_lost", "competitors_ahead"], "note": "Moved to a bigger agency."
    })
}

fn renewal(date: &str) -> Value {
    json!({
        "kind": "renewed", "date": date, "revenue_before_eur": 50000, "revenue_after_eur": 50000,
        "reasons": [], "note": ""
    })
}

/// The lead's own counter-feedback on `account`: relationship health 1–5 and churn risk.
async fn team_view(lead: &Browser<'_>, account: &str, health: u32, risk: &str, id: u32) {
    let causes = if matches!(risk, "medium" | "high") {
        json!(["competitors_ahead"])
    } else {
        json!([])
    };
    let input = json!({
        "account": account, "request": null, "health": health, "churn_risk": risk,
        "churn_causes": causes, "behind_the_scenes": "", "changes": [], "further_needs": "", "notes": ""
    });
    let mutation_id = format!("0c1d0000-0000-4000-8000-{id:012}");
    let results = sync(lead, vec![submit_mutation(&mutation_id, input)]).await;
    assert_eq!(results[0]["outcome"], "applied", "{results:?}");
}

async fn snapshot_pass(app: &TestApp) -> u32 {
    let reports = Scheduler::new(app.state.clone(), "only").run_once().await;
    let report = reports.iter().find(|r| r.job == Job::Snapshots).unwrap();
    assert_eq!(report.error, None);
    report.done.unwrap()
}

#[tokio::test]
async fn outcomes_are_checked_and_edits_keep_the_earlier_version() {
    let app = TestApp::new().await;
    let admin = app.signup("Acme", "anna@acme.fi").await;
    let account = app.account(&admin, "Globex", json!({})).await;
    let path = format!("/api/v1/accounts/{account}/outcomes");

    let mut refused = churn("2026-11-01");
    refused["revenue_after_eur"] = json!(10);
    let reply = admin.post(&path, refused).await;
    assert_eq!(reply.status, 400, "{}", reply.body);
    assert_eq!(reply.body["error"]["field"], "revenue_after_eur");
    let reply = admin.post(&path, churn("2026-12-24")).await;
    assert_eq!(reply.body["error"]["field"], "date", "the clock says 23 November");
    let mut renewed_with_reason = renewal("2026-11-01");
    renewed_with_reason["reasons"] = json!(["voice_lost"]);
    assert_eq!(
        admin.post(&path, renewed_with_reason).await.body["error"]["field"],
        "reasons"
    );
    let mut unknown_cause = churn("2026-11-01");
    unknown_cause["reasons"] = json!(["price"]);
    assert_eq!(admin.post(&path, unknown_cause).await.status, 400);
    assert_eq!(admin.get(&path).await.body, json!([]), "nothing refused was written");

    let created = admin.post(&path, churn("2026-11-01")).await;
    assert_eq!(created.status, 201, "{}", created.body);
    assert_eq!(
        created.body["input"]["reasons"],
        json!(["voice_lost", "competitors_ahead"])
    );
    assert_eq!(created.body["account_name"], "Globex");
    let id = created.body["id"].as_str().unwrap().to_string();

    app.clock.advance(Duration::hours(1));
    let mut corrected = churn("2026-10-31");
    corrected["reasons"] = json!(["needs_changed"]);
    let edited = admin.put(&format!("/api/v1/outcomes/{id}"), corrected).await;
    assert_eq!(edited.status, 200, "{}", edited.body);
    assert_eq!(edited.body["input"]["date"], "2026-10-31");
    assert_eq!(edited.body["history"].as_array().unwrap().len(), 1);
    assert_eq!(edited.body["history"][0]["input"]["date"], "2026-11-01");
    assert_eq!(
        edited.body["history"][0]["input"]["reasons"],
        json!(["voice_lost", "competitors_ahead"])
    );
    let listed = admin.get(&path).await;
    assert_eq!(listed.body.as_array().unwrap().len(), 1);
    assert_eq!(listed.body[0]["input"]["reasons"], json!(["needs_changed"]));

    let bad_edit = admin
        .put(&format!("/api/v1/outcomes/{id}"), renewal("2027-01-01"))
        .await;
    assert_eq!(bad_edit.body["error"]["field"], "date");
    assert_eq!(admin.get(&path).await.body[0]["history"].as_array().unwrap().len(), 1);
}

#[tokio::test]
async fn a_churned_account_leaves_the_heatmap_but_keeps_its_history() {
    let app = TestApp::new().await;
    let admin = app.signup("Acme", "anna@acme.fi").await;
    let lead = app.join(&admin, "lead@acme.fi", "member").await;
    let lead_id = app.user_id(&lead).await;
    let gone = app.account(&admin, "Globex", json!({"lead_id": lead_id})).await;
    app.account(&admin, "Initech", json!({"lead_id": lead_id})).await;
    team_view(&lead, &gone, 2, "high", 1).await;
    let names = |reply: &Value| -> Vec<String> {
        let mut names: Vec<String> = reply["rows"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["name"].as_str().unwrap().to_string())
            .collect();
        names.sort();
        names
    };
    assert_eq!(names(&admin.get("/api/v1/heatmap").await.body), ["Globex", "Initech"]);

    let reply = admin
        .post(&format!("/api/v1/accounts/{gone}/outcomes"), churn("2026-11-20"))
        .await;
    assert_eq!(reply.status, 201, "{}", reply.body);
    assert_eq!(names(&admin.get("/api/v1/heatmap").await.body), ["Initech"]);
    assert_eq!(names(&lead.get("/api/v1/heatmap").await.body), ["Initech"]);
    let overview = admin.get(&format!("/api/v1/accounts/{gone}/overview")).await;
    assert_eq!(overview.status, 200);
    assert_eq!(
        overview.body["timeline"].as_array().unwrap().len(),
        1,
        "{}",
        overview.body
    );

    // Won back: a later renewal puts it on the heatmap again.
    let reply = admin
        .post(&format!("/api/v1/accounts/{gone}/outcomes"), renewal("2026-11-22"))
        .await;
    assert_eq!(reply.status, 201);
    assert_eq!(names(&admin.get("/api/v1/heatmap").await.body), ["Globex", "Initech"]);
}

#[tokio::test]
async fn outcomes_import_from_csv_with_a_preview() {
    let app = TestApp::new().await;
    let admin = app.signup("Acme", "anna@acme.fi").await;
    let account = app.account(&admin, "Globex", json!({})).await;
    let csv = "account,kind,date,revenue_before_eur,revenue_after_eur,reasons,note\n\
               globex,churned,2026-09-30,80000,0,voice_lost;complaint_handling,Left after the audit\n\
               Nobody Oy,renewed,2026-09-30,1000,1000,,\n\
               Globex,churned,2026-09-30,80000,0,price,\n\
               Globex,expanded,2026-09-30,80000,70000,,\n";
    let preview = admin
        .post("/api/v1/outcomes/import", json!({"csv": csv, "dry_run": true}))
        .await;
    assert_eq!(preview.status, 200, "{}", preview.body);
    assert_eq!(preview.body["created"], 1);
    let rows = preview.body["rows"].as_array().unwrap();
    assert_eq!(rows[0]["error"], Value::Null);
    assert_eq!(rows[0]["reasons"], json!(["voice_lost", "complaint_handling"]));
    assert_eq!(rows[1]["field"], "account");
    assert_eq!(rows[2]["field"], "reasons");
    assert!(rows[2]["error"].as_str().unwrap().contains("price"));
    assert_eq!(rows[3]["field"], "revenue_after_eur");
    let path = format!("/api/v1/accounts/{account}/outcomes");
    assert_eq!(admin.get(&path).await.body, json!([]), "a preview writes nothing");

    let imported = admin
        .post("/api/v1/outcomes/import", json!({"csv": csv, "dry_run": false}))
        .await;
    assert_eq!(imported.body["created"], 1);
    let outcomes = admin.get(&path).await.body;
    assert_eq!(outcomes.as_array().unwrap().len(), 1);
    assert_eq!(outcomes[0]["input"]["note"], "Left after the audit");

    let not_csv = admin
        .post(
            "/api/v1/outcomes/import",
            json!({"csv": "kind\nchurned", "dry_run": true}),
        )
        .await;
    assert_eq!(not_csv.body["error"]["field"], "csv");
}

#[tokio::test]
async fn snapshots_stand_as_of_their_month_and_never_change() {
    let app = TestApp::new().await;
    let admin = app.signup("Acme", "anna@acme.fi").await;
    let lead = app.join(&admin, "lead@acme.fi", "member").await;
    let lead_id = app.user_id(&lead).await;
    let account = app.account(&admin, "Globex", json!({"lead_id": lead_id})).await;
    // 23 November: the team is worried.
    team_view(&lead, &account, 2, "high", 1).await;
    // 10 January: calm again. No snapshot was taken meanwhile (the server was down).
    app.clock.advance(Duration::days(48));
    let lead = app.signed_in("lead@acme.fi").await;
    team_view(&lead, &account, 5, "none", 2).await;
    app.clock.advance(Duration::days(26)); // 5 February 2027

    assert_eq!(snapshot_pass(&app).await, 1);
    let admin = app.signed_in("anna@acme.fi").await;
    let path = format!("/api/v1/accounts/{account}/snapshots");
    let snapshots = admin.get(&path).await.body;
    let months: Vec<&str> = snapshots
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["month"].as_str().unwrap())
        .collect();
    assert_eq!(
        months,
        ["2026-11", "2026-12", "2027-01"],
        "backfilled from the first evidence"
    );
    // November and December knew only the worried view; January the calm one too.
    assert_eq!(snapshots[0]["team_risk"], "high");
    assert_eq!(snapshots[0]["health"]["band"], "high");
    assert_eq!(snapshots[1]["team_risk"], "high");
    assert_eq!(snapshots[2]["team_risk"], "none");

    // Later writes and new weights change today's view, never a stored month.
    let lead = app.signed_in("lead@acme.fi").await;
    team_view(&lead, &account, 1, "high", 3).await;
    let mut weights = admin.get("/api/v1/settings/health-weights").await.body;
    weights["team_risk"] = json!(10.0);
    assert_eq!(admin.put("/api/v1/settings/health-weights", weights).await.status, 200);
    assert_eq!(snapshot_pass(&app).await, 0, "January is already stored");
    assert_eq!(admin.get(&path).await.body, snapshots);

    app.clock.advance(Duration::days(28)); // 5 March: February has ended
    assert_eq!(snapshot_pass(&app).await, 1);
    let admin = app.signed_in("anna@acme.fi").await;
    let later = admin.get(&path).await.body;
    assert_eq!(later.as_array().unwrap().len(), 4);
    assert_eq!(later.as_array().unwrap()[..3], snapshots.as_array().unwrap()[..]);
    assert_eq!(later[3]["month"], "2027-02");
    assert_eq!(later[3]["team_risk"], "high");
}

/// Five accounts whose lead gave one view on 23 November 2026, snapshotted at the end of
/// November; outcomes dated 10 March 2027 (more than 90 days later).
async fn portfolio(app: &TestApp) -> (Browser<'_>, Vec<String>) {
    let admin = app.signup("Acme", "anna@acme.fi").await;
    let lead = app.join(&admin, "lead@acme.fi", "member").await;
    let lead_id = app.user_id(&lead).await;
    // Health from team health (weight 2), team risk (3) and no open items (1, 100):
    // A (1, high) 26.7 critical; B (2, high) 35 high; C (4, low) 79.2 low;
    // D (5, none) 100 low; E (3, medium) 58.3 medium.
    let views = [(1, "high"), (2, "high"), (4, "low"), (5, "none"), (3, "medium")];
    let mut accounts = Vec::new();
    for (i, (health, risk)) in views.into_iter().enumerate() {
        let name = ["A", "B", "C", "D", "E"][i];
        let account = app.account(&admin, name, json!({"lead_id": lead_id})).await;
        team_view(&lead, &account, health, risk, i as u32 + 1).await;
        accounts.push(account);
    }
    app.clock.advance(Duration::days(8)); // 1 December
    assert_eq!(snapshot_pass(app).await, 5);
    app.clock.advance(Duration::days(104)); // 15 March 2027
    let admin = app.signed_in("anna@acme.fi").await;
    for (i, account) in accounts.iter().enumerate() {
        let outcome = if i == 0 || i == 2 {
            churn("2027-03-10")
        } else {
            renewal("2027-03-10")
        };
        let reply = admin
            .post(&format!("/api/v1/accounts/{account}/outcomes"), outcome)
            .await;
        assert_eq!(reply.status, 201, "{}", reply.body);
    }
    (admin, accounts)
}

fn close(value: &Value, expected: f64) -> bool {
    value.as_f64().is_some_and(|v| (v - expected).abs() < 1e-9)
}

#[tokio::test]
async fn a_constructed_portfolio_backtests_to_the_figures_computed_by_hand() {
    let app = TestApp::new().await;
    let (admin, accounts) = portfolio(&app).await;
    let view = admin.get("/api/v1/backtest?from=2027-01-01&to=2027-03-31").await;
    assert_eq!(view.status, 200, "{}", view.body);
    let view = view.body;
    assert_eq!(view["outcomes"], 5);
    assert_eq!(view["reliable"], false, "five outcomes are too few to trust");
    let ninety = &view["horizons"][0];
    assert_eq!(ninety["days"], 90);
    let health = &ninety["warnings"][0];
    assert_eq!(health["warning"], "health");
    // Risk 100 − score: churned A 73.3 and C 20.8 against B 65, D 0, E 41.7:
    // A beats all three, C beats D → 4 of 6.
    assert!(close(&health["auc"], 4.0 / 6.0), "{health}");
    assert!(health["auc_low"].as_f64().unwrap() <= 4.0 / 6.0);
    // The worst fifth is A alone, churned: lift 1 / (2/5) = 2.5, capture 1/2.
    assert!(close(&health["lift"], 2.5), "{health}");
    assert!(close(&health["capture_rate"], 0.5));
    // Default probabilities .8 (A), .5 (B), .05 (C), .05 (D), .2 (E):
    // (.04 + .25 + .9025 + .0025 + .04) / 5 = 0.247.
    assert!(close(&health["brier"], 0.247), "{health}");
    // The team: high 3, high 3, low 1, none 0, medium 2; churned 3 and 1:
    // A ties B (½) and beats D, E; C beats D only → 3.5 of 6.
    let team = &ninety["warnings"][1];
    assert_eq!(team["warning"], "team_risk");
    assert!(close(&team["auc"], 3.5 / 6.0), "{team}");
    let calibration = &ninety["calibration"];
    assert_eq!(calibration[0]["band"], "low");
    assert_eq!(
        (calibration[0]["accounts"].clone(), calibration[0]["churned"].clone()),
        (json!(2), json!(1))
    );
    assert!(close(&calibration[0]["observed"], 0.5));
    assert!(close(&calibration[0]["predicted"], 0.05));
    // Too few outcomes: the default probabilities stay, and say so.
    assert_eq!(view["probabilities"]["source"], "defaults");
    assert_eq!(view["probabilities"]["outcomes"], 5);
    assert!(close(&view["probabilities"]["high"], 0.5));
    // The quarter: A was critical at November's end (flagged), C low (missed).
    let quarter = &view["quarters"][0];
    assert_eq!(quarter["quarter"], "2027-Q1");
    assert!(close(&quarter["logo_churn"], 0.4));
    assert_eq!(quarter["flagged"][0]["account"], accounts[0].as_str());
    assert_eq!(quarter["missed"][0]["account"], accounts[2].as_str());
    assert_eq!(quarter["missed"][0]["name"], "C");
    assert_eq!(view["demo"], false);
    // Nothing in another period.
    let empty = admin.get("/api/v1/backtest?from=2025-01-01&to=2025-12-31").await.body;
    assert_eq!(empty["outcomes"], 0);
    assert_eq!(empty["horizons"][0]["warnings"][0]["auc"], Value::Null);
    let backwards = admin.get("/api/v1/backtest?from=2027-01-01&to=2026-01-01").await;
    assert_eq!(backwards.body["error"]["field"], "from");
}

/// Revenue at risk on the heatmap, the account page and the cell evidence is priced
/// with the defaults until 30 outcomes are recorded, then with the organisation's own.
#[tokio::test]
async fn revenue_at_risk_is_priced_with_probabilities_calibrated_from_the_outcomes() {
    let app = TestApp::new().await;
    let admin = app.signup("Acme", "anna@acme.fi").await;
    let lead = app.join(&admin, "lead@acme.fi", "member").await;
    let lead_id = app.user_id(&lead).await;
    // Ten critical accounts (the team: health 1, high risk) and twenty low ones.
    let mut accounts = Vec::new();
    for i in 0..30u32 {
        let extra = json!({"lead_id": lead_id, "annual_value_eur": 100_000});
        let account = app.account(&admin, &format!("P{i}"), extra).await;
        let (health, risk) = if i < 10 { (1, "high") } else { (5, "none") };
        team_view(&lead, &account, health, risk, i + 1).await;
        accounts.push(account);
    }
    let critical = accounts[9].clone();
    let revenue = |view: &Value, account: &str| {
        view["rows"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["account"] == account)
            .map(|r| r["revenue_at_risk_eur"].clone())
            .unwrap_or_else(|| panic!("{account} on the heatmap: {view}"))
    };
    let heatmap = admin.get("/api/v1/heatmap").await.body;
    assert_eq!(heatmap["probabilities"]["source"], "defaults");
    assert_eq!(revenue(&heatmap, &critical), 80_000, "the default 80 %");

    app.clock.advance(Duration::days(8)); // 1 December: November's snapshots
    assert_eq!(snapshot_pass(&app).await, 30);
    app.clock.advance(Duration::days(104)); // 15 March 2027
    let admin = app.signed_in("anna@acme.fi").await;
    // Nine of the ten critical accounts left, two of the twenty low ones.
    let mut csv = String::from("account,kind,date,revenue_before_eur,revenue_after_eur,reasons,note\n");
    for i in 0..30 {
        let churned = i < 9 || i == 10 || i == 11;
        let kind = if churned {
            "churned,2027-03-10,100000,0"
        } else {
            "renewed,2027-03-10,100000,100000"
        };
        csv.push_str(&format!("P{i},{kind},,\n"));
    }
    let imported = admin
        .post("/api/v1/outcomes/import", json!({"csv": csv, "dry_run": false}))
        .await;
    assert_eq!(imported.body["created"], 30, "{}", imported.body);

    // Critical: (9 churned + 10 × 0.8) / (10 + 10) = 0.85; low: (2 + 10 × 0.05) / 30.
    let heatmap = admin.get("/api/v1/heatmap").await.body;
    assert_eq!(heatmap["probabilities"]["source"], "own_outcomes");
    assert_eq!(heatmap["probabilities"]["outcomes"], 30);
    assert_eq!(revenue(&heatmap, &critical), 85_000);
    assert_eq!(revenue(&heatmap, &accounts[12]), 8_333);
    let health = admin.get(&format!("/api/v1/accounts/{critical}/health")).await.body;
    assert_eq!(health["health"]["revenue_at_risk_eur"], 85_000, "{health}");
    assert_eq!(health["probabilities"]["source"], "own_outcomes");
    let overview = admin.get(&format!("/api/v1/accounts/{critical}/overview")).await.body;
    assert_eq!(overview["health"]["health"]["revenue_at_risk_eur"], 85_000);
    let history = admin.get("/api/v1/heatmap/history?signal=revenue_at_risk").await.body;
    let row = history["rows"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["account"] == critical.as_str())
        .unwrap();
    assert_eq!(row["values"].as_array().unwrap().last().unwrap(), &json!(85_000.0));
}

#[tokio::test]
async fn an_admin_applies_the_proposed_weights_and_it_is_recorded() {
    let app = TestApp::new().await;
    let (admin, _) = portfolio(&app).await;
    let leader = app.join(&admin, "leader@acme.fi", "leader").await;
    let view = admin.get("/api/v1/backtest?from=2027-01-01&to=2027-03-31").await.body;
    let proposed = view["proposed"]["weights"].clone();
    assert!(
        proposed.is_object(),
        "two churned and three retained support a proposal: {view}"
    );
    // Both horizons see November's snapshot: the same 4 of 6 as the backtest above.
    for horizon in 0..2 {
        assert!(
            close(&view["current"]["by_horizon"][horizon]["auc"], 4.0 / 6.0),
            "{view}"
        );
    }
    let request = json!({"from": "2027-01-01", "to": "2027-03-31", "weights": proposed});

    let reply = leader.post("/api/v1/backtest/apply-weights", request.clone()).await;
    assert_eq!(reply.status, 403, "leaders read the backtest; admins set weights");
    let mut stale = request.clone();
    stale["weights"]["nps"] = json!(9.5);
    let reply = admin.post("/api/v1/backtest/apply-weights", stale).await;
    assert_eq!(reply.body["error"]["field"], "weights");
    assert_eq!(admin.get("/api/v1/backtest").await.body["applied"], json!([]));

    let reply = admin.post("/api/v1/backtest/apply-weights", request).await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    assert_eq!(admin.get("/api/v1/settings/health-weights").await.body, proposed);
    assert_eq!(reply.body["applied"].as_array().unwrap().len(), 1);
    assert_eq!(reply.body["applied"][0]["by"]["name"], "Admin of Acme");
    assert_eq!(reply.body["applied"][0]["outcomes"], 5);
}

#[tokio::test]
async fn roles_and_other_organisations() {
    let app = TestApp::new().await;
    let admin = app.signup("Acme", "anna@acme.fi").await;
    let leader = app.join(&admin, "leader@acme.fi", "leader").await;
    let lead = app.join(&admin, "lead@acme.fi", "member").await;
    let outsider = app.join(&admin, "outsider@acme.fi", "member").await;
    let lead_id = app.user_id(&lead).await;
    let account = app.account(&admin, "Globex", json!({"lead_id": lead_id})).await;
    let path = format!("/api/v1/accounts/{account}/outcomes");

    let created = leader.post(&path, churn("2026-11-01")).await;
    assert_eq!(created.status, 201, "leaders record outcomes: {}", created.body);
    let id = created.body["id"].as_str().unwrap().to_string();
    let edit = format!("/api/v1/outcomes/{id}");
    assert_eq!(leader.put(&edit, churn("2026-11-02")).await.status, 200);

    // The account's lead reads its outcomes but does not record them.
    assert_eq!(lead.get(&path).await.status, 200);
    assert_eq!(lead.post(&path, churn("2026-11-01")).await.status, 403);
    assert_eq!(lead.put(&edit, churn("2026-11-01")).await.status, 403);
    assert_eq!(
        lead.get(&format!("/api/v1/accounts/{account}/snapshots")).await.status,
        200
    );
    assert_eq!(lead.get("/api/v1/backtest").await.status, 403);
    let csv = json!({"csv": "account,kind,date\nGlobex,paused,2026-11-01\n", "dry_run": true});
    assert_eq!(lead.post("/api/v1/outcomes/import", csv.clone()).await.status, 403);
    // A member not on the account does not learn it exists.
    assert_eq!(outsider.get(&path).await.status, 404);
    assert_eq!(outsider.put(&edit, churn("2026-11-01")).await.status, 404);
    assert_eq!(leader.get("/api/v1/backtest").await.status, 200);

    let other = app.signup("Other", "olli@other.fi").await;
    assert_eq!(other.get(&path).await.status, 404);
    assert_eq!(other.post(&path, churn("2026-11-01")).await.status, 404);
    assert_eq!(other.put(&edit, churn("2026-11-01")).await.status, 404);
    assert_eq!(
        other.get(&format!("/api/v1/accounts/{account}/snapshots")).await.status,
        404
    );
    let theirs = other.get("/api/v1/backtest").await;
    assert_eq!(theirs.status, 200);
    assert_eq!(theirs.body["outcomes"], 0, "another organisation's outcomes stay out");
    let import = other.post("/api/v1/outcomes/import", csv).await;
    assert_eq!(import.body["rows"][0]["field"], "account", "Globex is not theirs");
    assert_eq!(admin.get(&path).await.body[0]["input"]["date"], "2026-11-02");
}
