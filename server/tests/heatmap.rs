//! The combined account view and leadership's heatmap over the HTTP API: a happy
//! customer beside a worried team shows as a flagged gap on both; months keep their
//! own values; writes reach the heatmap at once, also through another instance;
//! weights change every score; members see their accounts only and other
//! organisations nothing.

mod common;

use chrono::Duration;
use common::survey::{answer, comment, round_on, submit};
use common::sync::{create_action_mutation, submit_mutation, sync};
use common::{Browser, TestApp};
use serde_json::{Value, json};

struct Firm<'a> {
    admin: Browser<'a>,
    leader: Browser<'a>,
    lead: Browser<'a>,
    outsider: Browser<'a>,
    lead_id: String,
    account: String,
    /// `(link id, token)` of the Finnish and the English contact.
    links: Vec<(String, String)>,
}

/// Acme: an admin, a leader, an account led by `lead@` (120 000 € a year) with a round
/// sent to two contacts, and `outsider@`, a member not on the account.
async fn firm(app: &TestApp) -> Firm<'_> {
    let admin = app.signup("Acme", "anna@acme.fi").await;
    let leader = app.join(&admin, "leader@acme.fi", "leader").await;
    let lead = app.join(&admin, "lead@acme.fi", "member").await;
    let outsider = app.join(&admin, "outsider@acme.fi", "member").await;
    let lead_id = app.user_id(&lead).await;
    let account = app
        .account(
            &admin,
            "Globex",
            json!({"lead_id": lead_id, "segments": ["platform rebuild"]}),
        )
        .await;
    let round = round_on(app, &admin, account.clone()).await;
    Firm {
        admin,
        leader,
        lead,
        outsider,
        lead_id,
        account,
        links: round.links,
    }
}

const QUOTE: &str = "Toivoisin, että raportit tulisivat ajallaan joka viikko.";

fn happy_answers() -> Value {
    json!({"answers": [
        answer("nps", 9), answer("quality", 5), answer("communication", 5), answer("schedule", 4),
        answer("understanding", 5), answer("value", 4),
        comment("went_well", "Hyvää työtä."),
        comment("do_differently", QUOTE),
    ]})
}

fn worried_team(account: &str) -> Value {
    json!({
        "account": account, "request": null, "health": 2, "churn_risk": "high",
        "churn_causes": ["competitors_ahead"],
        "behind_the_scenes": "A competitor pitched them a cheaper retainer last week.",
        "changes": [], "further_needs": "", "notes": ""
    })
}

/// The customer says 9/10; the lead says health 2, high risk. Returns the link answered.
async fn happy_customer_worried_team(app: &TestApp, firm: &Firm<'_>) -> String {
    let reply = submit(&app.browser(), &firm.links[0].1, happy_answers()).await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    let requests = firm.lead.get("/api/v1/counter-feedback/requests").await;
    let request = requests.body["open"][0]["id"].as_str().unwrap().to_string();
    let mut input = worried_team(&firm.account);
    input["request"] = json!(request);
    let results = sync(
        &firm.lead,
        vec![submit_mutation("0c1d0000-0000-4000-8000-00000000a001", input)],
    )
    .await;
    assert_eq!(results[0]["outcome"], "applied", "{results:?}");
    firm.links[0].0.clone()
}

/// A new round to the account's first contact; its token.
async fn resend_round(admin: &Browser<'_>, account: &str) -> String {
    let contacts = admin.get(&format!("/api/v1/accounts/{account}/contacts")).await;
    let first = contacts.body[0]["id"].clone();
    let reply = admin
        .post(
            &format!("/api/v1/accounts/{account}/rounds"),
            json!({"template_id": "relationship", "contact_ids": [first]}),
        )
        .await;
    assert_eq!(reply.status, 201, "{}", reply.body);
    reply.body["links"][0]["link"]
        .as_str()
        .unwrap()
        .trim_start_matches("/s/")
        .to_string()
}

async fn heatmap_rows(browser: &Browser<'_>) -> Vec<Value> {
    let reply = browser.get("/api/v1/heatmap").await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    reply.body["rows"].as_array().unwrap().clone()
}

fn row<'r>(rows: &'r [Value], account: &str) -> &'r Value {
    rows.iter()
        .find(|r| r["account"] == account)
        .unwrap_or_else(|| panic!("{account} in {rows:?}"))
}

#[tokio::test]
async fn a_happy_customer_beside_a_worried_team_is_flagged_on_the_heatmap_and_the_account() {
    let app = TestApp::new().await;
    let firm = firm(&app).await;
    let before = heatmap_rows(&firm.leader).await;
    assert_eq!(
        row(&before, &firm.account)["current"]["health"],
        Value::Null,
        "nothing known yet"
    );

    let link = happy_customer_worried_team(&app, &firm).await;

    let rows = heatmap_rows(&firm.leader).await;
    let globex = row(&rows, &firm.account);
    assert_eq!(globex["name"], "Globex");
    assert_eq!(globex["lead"]["id"], firm.lead_id.as_str());
    assert_eq!(globex["segments"], json!(["platform rebuild"]));
    let current = &globex["current"];
    assert_eq!(current["nps"], 100.0);
    assert_eq!(
        current["band"], "high",
        "the team's high risk lifts the band: {current}"
    );
    assert_eq!(current["team_risk"], "high");
    assert!(current["gap"].as_f64().unwrap() >= 30.0, "{current}");
    assert_eq!(globex["nps_counts"], json!([1, 0, 0]));
    assert_eq!(globex["causes"], json!(["competitors_ahead"]));

    // The evidence behind the cell: the customer's words and the team's.
    let evidence = firm
        .leader
        .get(&format!("/api/v1/accounts/{}/evidence", firm.account))
        .await;
    assert_eq!(evidence.status, 200, "{}", evidence.body);
    assert_eq!(evidence.body["quote"]["text"], QUOTE);
    assert_eq!(evidence.body["quote"]["by"], "Maija Virtanen");
    assert_eq!(
        evidence.body["team_note"]["text"],
        "A competitor pitched them a cheaper retainer last week."
    );
    assert_eq!(evidence.body["health"]["band"], "high");

    // The account view: the answer and the counter-feedback on it, side by side.
    let overview = firm
        .leader
        .get(&format!("/api/v1/accounts/{}/overview", firm.account))
        .await;
    assert_eq!(overview.status, 200, "{}", overview.body);
    let entry = &overview.body["timeline"][0];
    assert_eq!(entry["response"]["link_id"], link.as_str());
    assert_eq!(entry["counter_feedback"][0]["churn_risk"], "high");
    assert_eq!(entry["gap_flagged"], true);
    assert!(overview.body["health"]["gap_flagged"].as_bool().unwrap());
    let months = overview.body["months"].as_array().unwrap();
    assert_eq!(months.len(), 24);
    assert_eq!(months[23]["month"], "2026-11");
    assert_eq!(months[23]["responses"], 1);
    // The month's NPS rests on the one answer; the month before on none.
    assert_eq!(months[23]["nps_respondents"], 1);
    assert_eq!(months[22]["nps_respondents"], 0);
    // The customer-vs-team chart's two sides: the happy customer above the worried team,
    // their difference the month's gap; no sides in a month without evidence.
    let (customer, team) = (
        months[23]["customer_view"].as_f64().unwrap(),
        months[23]["team_view"].as_f64().unwrap(),
    );
    assert!(customer > team, "{}", months[23]);
    assert_eq!(customer - team, months[23]["values"]["gap"].as_f64().unwrap());
    assert_eq!(months[22]["customer_view"], Value::Null);
    assert_eq!(months[22]["team_view"], Value::Null);
    assert_eq!(months[23]["values"]["band"], "high");
    assert_eq!(months[22]["values"]["health"], Value::Null);
    // The development point waits for an action and is among the next steps.
    let points = overview.body["development_points"].as_array().unwrap();
    assert!(
        points.iter().any(|p| p["text"] == QUOTE && p["action"].is_null()),
        "{points:?}"
    );
    assert_eq!(overview.body["next_steps"][0]["text"], QUOTE);
    assert_eq!(overview.body["next_steps"][0]["kind"], "open_point");
}

#[tokio::test]
async fn an_action_made_of_a_development_point_is_recorded_once_and_answers_the_point() {
    let app = TestApp::new().await;
    let firm = firm(&app).await;
    let link = happy_customer_worried_team(&app, &firm).await;
    let input = json!({
        "account": firm.account, "text": "  Send the report by the 5th  ", "owner": firm.lead_id,
        "due": "2026-11-27", "source": {"link_id": link, "point": QUOTE}
    });
    let id = "0c1d0000-0000-4000-8000-00000000b001";
    let first = sync(&firm.lead, vec![create_action_mutation(id, input.clone())]).await;
    assert_eq!(first[0]["outcome"], "applied", "{first:?}");
    assert_eq!(first[0]["current"]["text"], "Send the report by the 5th");
    assert_eq!(first[0]["current"]["source"]["point"], QUOTE);
    // Delivered again (the device did not hear the answer): still one action.
    let again = sync(&firm.lead, vec![create_action_mutation(id, input.clone())]).await;
    assert_eq!(again[0]["outcome"], "already_applied");
    let actions = firm
        .lead
        .get(&format!("/api/v1/accounts/{}/actions", firm.account))
        .await;
    assert_eq!(actions.body.as_array().unwrap().len(), 1);
    // A colleague's device, offline meanwhile, makes its own action of the same point:
    // refused, so the point keeps one action.
    let twin = json!({
        "account": firm.account, "text": "Weekly report reminder", "owner": null, "due": null,
        "source": {"link_id": link, "point": QUOTE}
    });
    let second = sync(
        &firm.admin,
        vec![create_action_mutation("0c1d0000-0000-4000-8000-00000000b002", twin)],
    )
    .await;
    assert_eq!(second[0]["outcome"], "rejected", "{second:?}");
    assert_eq!(second[0]["error"]["field"], "source");
    let actions = firm
        .lead
        .get(&format!("/api/v1/accounts/{}/actions", firm.account))
        .await;
    assert_eq!(actions.body.as_array().unwrap().len(), 1);

    let overview = firm
        .lead
        .get(&format!("/api/v1/accounts/{}/overview", firm.account))
        .await;
    let point = overview.body["development_points"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["text"] == QUOTE)
        .unwrap()
        .clone();
    assert_eq!(point["action"], first[0]["current"]["id"]);
    let steps: Vec<&Value> = overview.body["next_steps"].as_array().unwrap().iter().collect();
    assert!(
        steps
            .iter()
            .any(|s| s["kind"] == "action_due_soon" && s["owner"]["id"] == firm.lead_id.as_str())
    );
    assert!(steps.iter().all(|s| s["kind"] != "open_point" || s["text"] != QUOTE));

    // Bad input is refused alone, by field, and writes nothing.
    let bad = [
        (
            json!({"account": firm.account, "text": "   ", "owner": null, "due": null, "source": null}),
            "text",
        ),
        (
            json!({"account": firm.account, "text": "x", "owner": null, "due": null,
                   "source": {"link_id": firm.links[1].0, "point": "never said"}}),
            "source",
        ),
        (
            json!({"account": firm.account, "text": "x", "owner": "nobody", "due": null, "source": null}),
            "owner",
        ),
    ];
    for (n, (input, field)) in bad.into_iter().enumerate() {
        let result = sync(
            &firm.lead,
            vec![create_action_mutation(
                &format!("0c1d0000-0000-4000-8000-00000000c00{n}"),
                input,
            )],
        )
        .await;
        assert_eq!(result[0]["outcome"], "rejected", "{result:?}");
        assert_eq!(result[0]["error"]["field"], field);
    }
    let actions = firm
        .lead
        .get(&format!("/api/v1/accounts/{}/actions", firm.account))
        .await;
    assert_eq!(actions.body.as_array().unwrap().len(), 1);
}

async fn overview(browser: &Browser<'_>, account: &str) -> Value {
    let reply = browser.get(&format!("/api/v1/accounts/{account}/overview")).await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    reply.body
}

/// The development point `text` as the overview lists it, if it does.
fn point<'v>(overview: &'v Value, text: &str) -> Option<&'v Value> {
    overview["development_points"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["text"] == text)
}

fn is_a_next_step(overview: &Value, text: &str) -> bool {
    overview["next_steps"]
        .as_array()
        .unwrap()
        .iter()
        .any(|s| s["text"] == text)
}

#[tokio::test]
async fn a_counter_feedback_change_can_answer_a_development_point() {
    let app = TestApp::new().await;
    let firm = firm(&app).await;
    let link = happy_customer_worried_team(&app, &firm).await;
    assert!(is_a_next_step(&overview(&firm.lead, &firm.account).await, QUOTE));

    let mut input = worried_team(&firm.account);
    input["changes"] = json!([
        {"text": "Reports out every Friday", "owner": firm.lead_id, "due": "2026-11-27",
         "source": {"link_id": link, "point": QUOTE}},
        {"text": "Lunch with their CTO", "owner": null, "due": null},
    ]);
    let results = sync(
        &firm.lead,
        vec![submit_mutation("0c1d0000-0000-4000-8000-00000000d001", input.clone())],
    )
    .await;
    assert_eq!(results[0]["outcome"], "applied", "{results:?}");
    let actions = firm
        .lead
        .get(&format!("/api/v1/accounts/{}/actions", firm.account))
        .await;
    let answering = actions
        .body
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["text"] == "Reports out every Friday")
        .unwrap();
    assert_eq!(answering["source"]["point"], QUOTE);
    assert_eq!(answering["source"]["link_id"], link.as_str());
    let after = overview(&firm.lead, &firm.account).await;
    assert_eq!(point(&after, QUOTE).unwrap()["action"], answering["id"]);
    assert!(!is_a_next_step(&after, QUOTE), "{}", after["next_steps"]);

    // A colleague, offline meanwhile, answered the same point: their counter-feedback
    // and change arrive, but the point keeps its one action.
    input["changes"] = json!([{"text": "Automate the report", "owner": null, "due": null,
                               "source": {"link_id": link, "point": QUOTE}}]);
    let late = sync(
        &firm.admin,
        vec![submit_mutation("0c1d0000-0000-4000-8000-00000000d002", input.clone())],
    )
    .await;
    assert_eq!(late[0]["outcome"], "applied", "{late:?}");
    let actions = firm
        .lead
        .get(&format!("/api/v1/accounts/{}/actions", firm.account))
        .await;
    let actions = actions.body.as_array().unwrap();
    assert_eq!(actions.len(), 3);
    let automate = actions.iter().find(|a| a["text"] == "Automate the report").unwrap();
    assert_eq!(automate["source"], Value::Null);
    assert_eq!(actions.iter().filter(|a| a["source"]["point"] == QUOTE).count(), 1);

    // A point of an unanswered link, or of another organisation's answer, is refused
    // with the whole counter-feedback: nothing is written.
    let other = app.signup("Initech", "boss@initech.fi").await;
    let other_account = app.account(&other, "Initrode", json!({})).await;
    let other_round = round_on(&app, &other, other_account).await;
    submit(&app.browser(), &other_round.links[0].1, happy_answers()).await;
    for (n, link_id) in [firm.links[1].0.clone(), other_round.links[0].0.clone()]
        .into_iter()
        .enumerate()
    {
        input["changes"] = json!([{"text": "Never", "owner": null, "due": null,
                                   "source": {"link_id": link_id, "point": QUOTE}}]);
        let refused = sync(
            &firm.lead,
            vec![submit_mutation(
                &format!("0c1d0000-0000-4000-8000-00000000e00{n}"),
                input.clone(),
            )],
        )
        .await;
        assert_eq!(refused[0]["outcome"], "rejected", "{refused:?}");
        assert_eq!(refused[0]["error"]["field"], "source");
    }
    let actions = firm
        .lead
        .get(&format!("/api/v1/accounts/{}/actions", firm.account))
        .await;
    assert_eq!(actions.body.as_array().unwrap().len(), 3);
    let timeline = overview(&firm.lead, &firm.account).await["timeline"].clone();
    let given: usize = timeline
        .as_array()
        .unwrap()
        .iter()
        .map(|entry| entry["counter_feedback"].as_array().map_or(0, Vec::len))
        .sum();
    assert_eq!(given, 3, "{timeline}");
}

#[tokio::test]
async fn a_point_dismissed_as_not_a_point_leaves_the_next_steps_and_is_not_taken_for_one_again() {
    let app = TestApp::new().await;
    let firm = firm(&app).await;
    let link = happy_customer_worried_team(&app, &firm).await;
    let url = format!("/api/v1/responses/{link}/not-a-point");

    // Someone else's answer is out of reach: another organisation, or a member not on
    // the account's team.
    let other = app.signup("Initech", "boss@initech.fi").await;
    for stranger in [&other, &firm.outsider] {
        let reply = stranger.post(&url, json!({"point": QUOTE})).await;
        assert_eq!(reply.status, 404, "{}", reply.body);
    }
    let reply = firm.lead.post(&url, json!({"point": "Something nobody said."})).await;
    assert_eq!(reply.status, 400, "{}", reply.body);
    assert_eq!(reply.body["error"]["field"], "point");
    assert!(is_a_next_step(&overview(&firm.lead, &firm.account).await, QUOTE));

    let reply = firm.lead.post(&url, json!({"point": QUOTE})).await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    assert_eq!(reply.body["analysis"]["development_points"], json!([]));
    let after = overview(&firm.lead, &firm.account).await;
    assert!(point(&after, QUOTE).is_none(), "{}", after["development_points"]);
    assert!(!is_a_next_step(&after, QUOTE), "{}", after["next_steps"]);

    // The customer says it again in the next round: the analysis learned it is no point.
    let token = resend_round(&firm.admin, &firm.account).await;
    let reply = submit(&app.browser(), &token, happy_answers()).await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    let again = overview(&firm.lead, &firm.account).await;
    assert_eq!(
        again["timeline"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|e| !e["response"].is_null())
            .count(),
        2
    );
    assert!(point(&again, QUOTE).is_none(), "{}", again["development_points"]);
}

#[tokio::test]
async fn each_month_keeps_its_own_values_and_bad_periods_or_signals_are_refused() {
    let app = TestApp::new().await;
    let firm = firm(&app).await;
    // November: a promoter. Three months later: a detractor.
    let reply = submit(&app.browser(), &firm.links[0].1, happy_answers()).await;
    assert_eq!(reply.status, 200);
    app.clock.advance(Duration::days(92));
    let admin = app.browser();
    assert_eq!(admin.login("anna@acme.fi", common::PASSWORD).await.status, 200);
    let token = resend_round(&admin, &firm.account).await;
    let unhappy = json!({"answers": [
        answer("nps", 2), answer("quality", 2), answer("communication", 1), answer("schedule", 2),
        answer("understanding", 2), answer("value", 2),
    ]});
    assert_eq!(submit(&app.browser(), &token, unhappy).await.status, 200);

    let reply = admin.get("/api/v1/heatmap/history?signal=nps").await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    let months: Vec<&str> = reply.body["months"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m.as_str().unwrap())
        .collect();
    assert_eq!(months.len(), 24);
    assert_eq!(*months.last().unwrap(), "2027-02");
    let values = &row(reply.body["rows"].as_array().unwrap(), &firm.account)["values"];
    let at = |label: &str| values[months.iter().position(|m| *m == label).unwrap()].clone();
    assert_eq!(at("2026-10"), Value::Null);
    assert_eq!(at("2026-11"), 100.0);
    assert_eq!(at("2027-01"), 100.0, "the window still holds only November's answer");
    assert_eq!(at("2027-02"), 0.0, "one promoter and one detractor");

    let path = format!("/api/v1/accounts/{}/evidence", firm.account);
    let november = admin.get(&format!("{path}?month=2026-11")).await;
    assert_eq!(november.status, 200, "{}", november.body);
    assert_eq!(november.body["month"], "2026-11");
    assert_eq!(november.body["quote"]["text"], QUOTE);
    assert_eq!(november.body["health"]["band"], "low");
    for (bad, message) in [("2027-03", "to come"), ("2026-13", "2026-05"), ("soon", "2026-05")] {
        let reply = admin.get(&format!("{path}?month={bad}")).await;
        assert_eq!(reply.status, 400, "{bad}: {}", reply.body);
        assert_eq!(reply.body["error"]["field"], "month");
        assert!(reply.body["error"]["message"].as_str().unwrap().contains(message));
    }
    let unknown = admin.get("/api/v1/heatmap/history?signal=mood").await;
    assert_eq!(unknown.status, 400);
    assert_eq!(unknown.body["error"]["code"], "validation");
    assert_eq!(unknown.body["error"]["field"], "signal");
}

#[tokio::test]
async fn a_write_through_another_instance_reaches_this_ones_heatmap() {
    let app = TestApp::new().await;
    let firm = firm(&app).await;
    // This instance has read the heatmap (and keeps a copy) before anything is known.
    assert_eq!(
        row(&heatmap_rows(&firm.leader).await, &firm.account)["current"]["band"],
        Value::Null
    );
    // The customer answers through another instance on the same database.
    let other = app.restarted();
    let reply = submit(&other.browser(), &firm.links[0].1, happy_answers()).await;
    assert_eq!(reply.status, 200);
    let rows = heatmap_rows(&firm.leader).await;
    assert_eq!(row(&rows, &firm.account)["current"]["nps"], 100.0);
    // The read took the change in: nothing is left for the scheduler.
    let changed = app.state.store.accounts_with_changes(100).await.unwrap();
    assert!(changed.is_empty(), "recomputed by the read: {changed:?}");
}

#[tokio::test]
async fn weights_are_the_admins_and_change_every_score_at_once() {
    let app = TestApp::new().await;
    let firm = firm(&app).await;
    happy_customer_worried_team(&app, &firm).await;
    let health = |rows: &[Value]| row(rows, &firm.account)["current"]["health"].as_f64().unwrap();
    let before = health(&heatmap_rows(&firm.leader).await);

    let weights = firm.leader.get("/api/v1/settings/health-weights").await;
    assert_eq!(weights.status, 200);
    assert_eq!(weights.body["gap"], 3.0);
    let mut blind = weights.body.clone();
    blind["gap"] = json!(0.0);
    blind["team_risk"] = json!(0.0);
    // A preview first: the account's score under the weights proposed beside its score
    // now, and nothing saved.
    let preview = firm
        .admin
        .post("/api/v1/settings/health-weights/preview", blind.clone())
        .await;
    assert_eq!(preview.status, 200, "{}", preview.body);
    assert_eq!(preview.body["scored"], 1);
    let previewed = &preview.body["accounts"][0];
    assert_eq!(previewed["account"], firm.account.as_str());
    assert_eq!(previewed["score_now"].as_f64().unwrap(), before);
    assert!(previewed["score_proposed"].as_f64().unwrap() > before, "{previewed}");
    assert_eq!(
        (previewed["place_now"].as_u64(), previewed["place_proposed"].as_u64()),
        (Some(1), Some(1))
    );
    assert_eq!(preview.body["changed_band"], 0, "the team's high risk keeps the band");
    assert_eq!(
        health(&heatmap_rows(&firm.leader).await),
        before,
        "a preview changes nothing"
    );
    let mut bad = blind.clone();
    bad["trend"] = json!(11);
    let refused = firm.admin.post("/api/v1/settings/health-weights/preview", bad).await;
    assert_eq!(
        (refused.status, &refused.body["error"]["field"]),
        (400, &json!("trend"))
    );
    let refused = firm
        .leader
        .post("/api/v1/settings/health-weights/preview", blind.clone())
        .await;
    assert_eq!(refused.status, 403, "previews are for the admins who set the weights");
    let other = app.signup("Other", "olga@other.fi").await;
    let theirs = other
        .post("/api/v1/settings/health-weights/preview", blind.clone())
        .await;
    assert_eq!(
        (theirs.status, &theirs.body["scored"]),
        (200, &json!(0)),
        "{}",
        theirs.body
    );

    let refused = firm.leader.put("/api/v1/settings/health-weights", blind.clone()).await;
    assert_eq!(refused.status, 403, "leaders read the weights, admins set them");
    let saved = firm.admin.put("/api/v1/settings/health-weights", blind.clone()).await;
    assert_eq!(saved.status, 200, "{}", saved.body);
    let after = health(&heatmap_rows(&firm.leader).await);
    assert!(
        after > before,
        "without the team's worry the score rises: {before} → {after}"
    );
    let account_health = firm
        .leader
        .get(&format!("/api/v1/accounts/{}/health", firm.account))
        .await;
    assert_eq!(account_health.body["health"]["score"].as_f64().unwrap(), after);
    // Still the team's high risk keeps the band up.
    assert_eq!(account_health.body["health"]["band"], "high");
    // Kept across a restart.
    let restarted = app.restarted();
    let admin = restarted.browser();
    assert_eq!(admin.login("anna@acme.fi", common::PASSWORD).await.status, 200);
    assert_eq!(admin.get("/api/v1/settings/health-weights").await.body, blind);

    for (field, value) in [("trend", json!(10.5)), ("nps", json!(-1))] {
        let mut bad = blind.clone();
        bad[field] = value;
        let reply = firm.admin.put("/api/v1/settings/health-weights", bad).await;
        assert_eq!(reply.status, 400, "{}", reply.body);
        assert_eq!(reply.body["error"]["field"], field);
    }
    let zero: Value = blind
        .as_object()
        .unwrap()
        .keys()
        .map(|k| (k.clone(), json!(0.0)))
        .collect::<serde_json::Map<_, _>>()
        .into();
    assert_eq!(
        firm.admin.put("/api/v1/settings/health-weights", zero).await.status,
        400
    );
    assert_eq!(
        firm.admin.get("/api/v1/settings/health-weights").await.body,
        blind,
        "refusals change nothing"
    );
}

#[tokio::test]
async fn members_see_their_own_accounts_and_other_organisations_nothing() {
    let app = TestApp::new().await;
    let firm = firm(&app).await;
    happy_customer_worried_team(&app, &firm).await;
    assert_eq!(heatmap_rows(&firm.lead).await.len(), 1, "the lead sees the account");
    assert!(
        heatmap_rows(&firm.outsider).await.is_empty(),
        "a member not on it does not"
    );
    let history = firm.outsider.get("/api/v1/heatmap/history?signal=health").await;
    assert_eq!(history.body["rows"], json!([]));
    for path in ["overview", "evidence", "evidence?month=2026-11", "health"] {
        let reply = firm
            .outsider
            .get(&format!("/api/v1/accounts/{}/{path}", firm.account))
            .await;
        assert_eq!(reply.status, 404, "{path}: {}", reply.body);
    }

    let rival = app.signup("Rival", "boss@rival.fi").await;
    assert!(heatmap_rows(&rival).await.is_empty());
    for path in ["overview", "evidence", "health"] {
        let reply = rival.get(&format!("/api/v1/accounts/{}/{path}", firm.account)).await;
        assert_eq!(reply.status, 404, "{path}: {}", reply.body);
        assert_eq!(reply.body["error"]["code"], "not_found");
    }
    // A rival's weights are its own.
    let mut weights = rival.get("/api/v1/settings/health-weights").await.body;
    weights["nps"] = json!(9.0);
    assert_eq!(rival.put("/api/v1/settings/health-weights", weights).await.status, 200);
    assert_eq!(firm.admin.get("/api/v1/settings/health-weights").await.body["nps"], 2.0);
    // Nor can a rival make actions on the account.
    let input = json!({"account": firm.account, "text": "Poach", "owner": null, "due": null, "source": null});
    let result = sync(
        &rival,
        vec![create_action_mutation("0c1d0000-0000-4000-8000-00000000d001", input)],
    )
    .await;
    assert_eq!(result[0]["outcome"], "rejected");
    assert_eq!(result[0]["error"]["code"], "not_found");
    // Logged out: nothing.
    let stranger = app.browser();
    assert_eq!(stranger.get("/api/v1/heatmap").await.status, 401);
}

#[tokio::test]
async fn archived_accounts_leave_the_heatmap() {
    let app = TestApp::new().await;
    let firm = firm(&app).await;
    assert_eq!(heatmap_rows(&firm.leader).await.len(), 1);
    let reply = firm
        .admin
        .post(&format!("/api/v1/accounts/{}/archive", firm.account), json!({}))
        .await;
    assert_eq!(reply.status, 200);
    assert!(heatmap_rows(&firm.leader).await.is_empty());
}

#[tokio::test]
async fn an_action_due_yesterday_in_helsinki_is_overdue_on_the_account_as_on_the_overdue_page() {
    let app = TestApp::new().await;
    let admin = app.signup("Acme", "anna@acme.fi").await;
    let account = app.account(&admin, "Globex", json!({})).await;
    let input =
        json!({"account": account, "text": "Send the report", "owner": null, "due": "2026-11-23", "source": null});
    let made = sync(&admin, vec![create_action_mutation("tz-action-0001", input)]).await;
    assert_eq!(made[0]["outcome"], "applied", "{made:?}");

    // 22:30 UTC on the 23rd is half past midnight on the 24th in Helsinki.
    app.clock.advance(Duration::hours(13) + Duration::minutes(30));
    let admin = app.signed_in("anna@acme.fi").await;
    let overdue = admin.get("/api/v1/overdue").await;
    assert!(overdue.body.to_string().contains("Send the report"), "{}", overdue.body);
    let overview = admin.get(&format!("/api/v1/accounts/{account}/overview")).await;
    let step = &overview.body["next_steps"][0];
    assert_eq!(
        (step["text"].as_str(), step["kind"].as_str()),
        (Some("Send the report"), Some("overdue_action")),
        "{step}"
    );
}

#[tokio::test]
async fn saved_views_are_each_persons_own_and_a_name_saved_again_replaces_it() {
    let app = TestApp::new().await;
    let firm = firm(&app).await;
    let views = |reply: &common::Reply| -> Vec<(String, String)> {
        reply
            .body
            .as_array()
            .unwrap()
            .iter()
            .map(|v| {
                (
                    v["name"].as_str().unwrap().to_string(),
                    v["query"].as_str().unwrap().to_string(),
                )
            })
            .collect()
    };
    let empty = firm.leader.get("/api/v1/heatmap/views").await;
    assert_eq!((empty.status, views(&empty)), (200, vec![]));

    let risky = firm
        .leader
        .post(
            "/api/v1/heatmap/views",
            json!({"name": "  High risk by gap ", "query": "?band=high&sort=gap&dir=desc"}),
        )
        .await;
    assert_eq!(risky.status, 200, "{}", risky.body);
    assert_eq!(
        risky.body["name"], "High risk by gap",
        "kept without the spaces around it"
    );
    let saved = firm
        .leader
        .post("/api/v1/heatmap/views", json!({"name": "All", "query": ""}))
        .await;
    assert_eq!(saved.status, 200, "{}", saved.body);
    // The same name again is the same view, updated.
    let again = firm
        .leader
        .post(
            "/api/v1/heatmap/views",
            json!({"name": "High risk by gap", "query": "?band=critical"}),
        )
        .await;
    assert_eq!(again.status, 200, "{}", again.body);
    let listed = firm.leader.get("/api/v1/heatmap/views").await;
    assert_eq!(
        views(&listed),
        vec![
            ("All".to_string(), String::new()),
            ("High risk by gap".to_string(), "?band=critical".to_string())
        ]
    );

    // Bad input is refused whole, with the field named.
    for (body, field) in [
        (json!({"name": "", "query": ""}), "name"),
        (json!({"name": "Not a query", "query": "band=high"}), "query"),
        (json!({"name": "Hidden", "query": "?q=\u{202e}x"}), "query"),
    ] {
        let refused = firm.leader.post("/api/v1/heatmap/views", body).await;
        assert_eq!(
            (refused.status, refused.body["error"]["field"].as_str()),
            (400, Some(field)),
            "{}",
            refused.body
        );
    }
    assert_eq!(views(&firm.leader.get("/api/v1/heatmap/views").await).len(), 2);

    // A colleague, and another organisation, see none of them and delete none of them.
    let id = again.body["id"].as_str().unwrap();
    assert_eq!(views(&firm.admin.get("/api/v1/heatmap/views").await), vec![]);
    assert_eq!(
        firm.admin.delete(&format!("/api/v1/heatmap/views/{id}")).await.status,
        404
    );
    let other = app.signup("Other", "olga@other.fi").await;
    assert_eq!(views(&other.get("/api/v1/heatmap/views").await), vec![]);
    assert_eq!(other.delete(&format!("/api/v1/heatmap/views/{id}")).await.status, 404);
    assert_eq!(views(&firm.leader.get("/api/v1/heatmap/views").await).len(), 2);

    // Members keep views of their own heatmap too; the owner deletes theirs.
    let member = firm
        .lead
        .post(
            "/api/v1/heatmap/views",
            json!({"name": "Mine", "query": "?sort=name&dir=asc"}),
        )
        .await;
    assert_eq!(member.status, 200, "{}", member.body);
    assert_eq!(
        firm.leader.delete(&format!("/api/v1/heatmap/views/{id}")).await.status,
        204
    );
    assert_eq!(
        views(&firm.leader.get("/api/v1/heatmap/views").await),
        vec![("All".to_string(), String::new())]
    );

    // Thirty names each; saving one of them again still works at the limit.
    for i in 0..29 {
        let kept = firm
            .leader
            .post(
                "/api/v1/heatmap/views",
                json!({"name": format!("View {i:02}"), "query": ""}),
            )
            .await;
        assert_eq!(kept.status, 200, "{}", kept.body);
    }
    let over = firm
        .leader
        .post("/api/v1/heatmap/views", json!({"name": "One too many", "query": ""}))
        .await;
    assert_eq!(
        (over.status, over.body["error"]["field"].as_str()),
        (400, Some("name")),
        "{}",
        over.body
    );
    let replaced = firm
        .leader
        .post("/api/v1/heatmap/views", json!({"name": "All", "query": "?band=low"}))
        .await;
    assert_eq!(replaced.status, 200, "{}", replaced.body);
    assert_eq!(views(&firm.leader.get("/api/v1/heatmap/views").await).len(), 30);
}

/// `GET path` with these headers: status, `ETag`, and the body as JSON (none on 304).
async fn conditional_get(browser: &Browser<'_>, path: &str, headers: &[(&str, &str)]) -> (u16, String, Value) {
    let (status, response_headers, bytes) = browser.get_with(path, headers).await;
    let etag = response_headers
        .get("etag")
        .map(|v| v.to_str().unwrap().to_string())
        .unwrap_or_default();
    let body = if bytes.is_empty() {
        Value::Null
    } else {
        serde_json::from_slice(&bytes).unwrap()
    };
    (status, etag, body)
}

#[tokio::test]
async fn an_unchanged_heatmap_is_not_sent_again_and_every_change_sends_it_anew() {
    let app = TestApp::new().await;
    let firm = firm(&app).await;
    let (status, etag, body) = conditional_get(&firm.leader, "/api/v1/heatmap", &[]).await;
    assert_eq!(status, 200);
    assert!(etag.starts_with("W/\""), "{etag}");
    assert_eq!(body["rows"].as_array().unwrap().len(), 1);
    let (_, headers, _) = firm.leader.get_with("/api/v1/heatmap", &[]).await;
    assert_eq!(headers["cache-control"], "private, no-cache");

    // The browser asks again with what it holds: nothing changed, nothing is sent.
    let held = [("If-None-Match", etag.as_str())];
    let (status, again, body) = conditional_get(&firm.leader, "/api/v1/heatmap", &held).await;
    assert_eq!((status, &again, &body), (304, &etag, &Value::Null));

    // The customer answers and the team worries: the held heatmap is no longer it.
    happy_customer_worried_team(&app, &firm).await;
    let (status, answered, body) = conditional_get(&firm.leader, "/api/v1/heatmap", &held).await;
    assert_eq!(status, 200);
    assert_ne!(answered, etag);
    assert_eq!(
        row(body["rows"].as_array().unwrap(), &firm.account)["current"]["nps"],
        100.0
    );

    // The lead's name is on the heatmap: a new name is a new heatmap.
    let held = [("If-None-Match", answered.as_str())];
    assert_eq!(conditional_get(&firm.leader, "/api/v1/heatmap", &held).await.0, 304);
    let renamed = firm.lead.patch("/api/v1/me", json!({"name": "Leila Lead"})).await;
    assert_eq!(renamed.status, 200, "{}", renamed.body);
    let (status, named, body) = conditional_get(&firm.leader, "/api/v1/heatmap", &held).await;
    assert_eq!(status, 200);
    assert_eq!(
        row(body["rows"].as_array().unwrap(), &firm.account)["lead"]["name"],
        "Leila Lead"
    );

    // Another account: a new heatmap.
    let held = [("If-None-Match", named.as_str())];
    app.account(&firm.admin, "Initech", json!({})).await;
    let (status, _, body) = conditional_get(&firm.leader, "/api/v1/heatmap", &held).await;
    assert_eq!(status, 200);
    assert_eq!(body["rows"].as_array().unwrap().len(), 2);

    // Another person's tag is no good for a member who sees less, nor for another
    // organisation: each gets its own heatmap.
    let (_, leaders, _) = conditional_get(&firm.leader, "/api/v1/heatmap", &[]).await;
    let held = [("If-None-Match", leaders.as_str())];
    let (status, _, body) = conditional_get(&firm.outsider, "/api/v1/heatmap", &held).await;
    assert_eq!((status, &body["rows"]), (200, &json!([])));
    let rival = app.signup("Rival", "boss@rival.fi").await;
    let (status, _, body) = conditional_get(&rival, "/api/v1/heatmap", &held).await;
    assert_eq!((status, &body["rows"]), (200, &json!([])));
    assert_eq!(app.browser().get_with("/api/v1/heatmap", &held).await.0, 401);

    // The history likewise, per signal.
    let path = "/api/v1/heatmap/history?signal=health";
    let (status, history, _) = conditional_get(&firm.leader, path, &[]).await;
    assert_eq!(status, 200);
    let held = [("If-None-Match", history.as_str())];
    assert_eq!(conditional_get(&firm.leader, path, &held).await.0, 304);
    let other_signal = "/api/v1/heatmap/history?signal=nps";
    assert_eq!(conditional_get(&firm.leader, other_signal, &held).await.0, 200);
    let reply = firm
        .admin
        .post(&format!("/api/v1/accounts/{}/archive", firm.account), json!({}))
        .await;
    assert_eq!(reply.status, 200);
    let (status, _, body) = conditional_get(&firm.leader, path, &held).await;
    assert_eq!(status, 200);
    assert_eq!(body["rows"].as_array().unwrap().len(), 1, "the archived account left");
}

#[tokio::test]
async fn a_large_heatmap_comes_compressed_in_the_coding_asked_for() {
    let app = TestApp::new().await;
    let admin = app.signup("Acme", "anna@acme.fi").await;
    for i in 0..12 {
        app.account(&admin, &format!("Customer {i}"), json!({"segments": ["retail"]}))
            .await;
    }
    let (status, headers, plain) = admin.get_with("/api/v1/heatmap", &[]).await;
    assert_eq!(status, 200);
    assert!(headers.get("content-encoding").is_none());
    assert!(plain.len() > 1024, "{} bytes", plain.len());
    let etag = headers["etag"].to_str().unwrap().to_string();
    for (coding, decode) in [("br", decode_brotli as fn(&[u8]) -> Vec<u8>), ("gzip", decode_gzip)] {
        // Twice: the first makes the compressed copy, the second sends the kept one.
        for _ in 0..2 {
            let (status, headers, body) = admin.get_with("/api/v1/heatmap", &[("Accept-Encoding", coding)]).await;
            assert_eq!(status, 200);
            assert_eq!(headers["content-encoding"], coding);
            assert_eq!(headers["vary"], "Accept-Encoding");
            assert_eq!(headers["etag"].to_str().unwrap(), etag);
            assert_eq!(decode(&body), plain, "{coding}");
        }
    }
}

fn decode_brotli(body: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    std::io::Read::read_to_end(&mut brotli::Decompressor::new(body, 4096), &mut out).unwrap();
    out
}

fn decode_gzip(body: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    std::io::Read::read_to_end(&mut flate2::read::GzDecoder::new(body), &mut out).unwrap();
    out
}

#[tokio::test]
async fn a_long_timeline_comes_a_page_at_a_time_and_only_to_those_who_see_the_account() {
    let app = TestApp::new().await;
    let firm = firm(&app).await;
    happy_customer_worried_team(&app, &firm).await;
    // 120 meeting notes, one a day from New Year: with the answer, 121 entries.
    let mut csv = String::from("source,received_at,body,external_id,account\n");
    for i in 0..120 {
        let day = chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap() + Duration::days(i);
        csv.push_str(&format!(
            "meeting_note,{day}T10:00:00Z,Viikkopalaveri {i}.,note-{i},Globex\n"
        ));
    }
    let imported = firm
        .admin
        .post("/api/v1/messages/import", json!({"csv": csv, "dry_run": false}))
        .await;
    assert_eq!(imported.body["created"], 120, "{}", imported.body);

    let overview = overview(&firm.lead, &firm.account).await;
    let first = overview["timeline"].as_array().unwrap();
    assert_eq!((first.len(), &overview["timeline_more"]), (50, &json!(true)));
    assert!(first[0]["response"].is_object(), "the newest, the answer, comes first");
    let mut seen: Vec<Value> = first.clone();
    let mut more = true;
    while more {
        let before = seen.last().unwrap()["at"].as_str().unwrap().to_string();
        let path = format!(
            "/api/v1/accounts/{}/timeline?before={}",
            firm.account,
            before.replace('+', "%2B")
        );
        let reply = firm.lead.get(&path).await;
        assert_eq!(reply.status, 200, "{}", reply.body);
        let entries = reply.body["entries"].as_array().unwrap();
        assert!(!entries.is_empty() && entries.len() <= 50);
        seen.extend(entries.iter().cloned());
        more = reply.body["more"] == true;
    }
    assert_eq!(seen.len(), 121, "every entry once");
    let ats: Vec<&str> = seen.iter().map(|e| e["at"].as_str().unwrap()).collect();
    assert!(ats.windows(2).all(|w| w[0] > w[1]), "newest first, none twice");

    let march = firm
        .lead
        .get(&format!("/api/v1/accounts/{}/timeline?month=2026-03", firm.account))
        .await;
    let entries = march.body["entries"].as_array().unwrap();
    assert_eq!((entries.len(), &march.body["more"]), (31, &json!(false)));
    assert!(entries.iter().all(|e| e["month"] == "2026-03"));
    let unsure = firm
        .lead
        .get(&format!(
            "/api/v1/accounts/{}/timeline?uncertain_only=true",
            firm.account
        ))
        .await;
    assert_eq!(unsure.status, 200);
    assert!(
        unsure.body["entries"]
            .as_array()
            .unwrap()
            .iter()
            .all(|e| e["response"].is_object() && e["message"].is_null()),
        "only answers: {}",
        unsure.body
    );

    let bad = firm
        .lead
        .get(&format!("/api/v1/accounts/{}/timeline?month=March", firm.account))
        .await;
    assert_eq!((bad.status, &bad.body["error"]["field"]), (400, &json!("month")));
    let path = format!("/api/v1/accounts/{}/timeline", firm.account);
    assert_eq!(firm.outsider.get(&path).await.status, 404);
    let rival = app.signup("Rival", "boss@rival.fi").await;
    let reply = rival.get(&path).await;
    assert_eq!((reply.status, &reply.body["error"]["code"]), (404, &json!("not_found")));
    assert_eq!(app.browser().get(&path).await.status, 401);
}
