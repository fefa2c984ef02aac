//! The expectation chain over the HTTP API: a promise recorded at the sale and shown
//! beside the customer's later ratings, the alert when an answer breaks it (once per
//! breach, to the lead and the seller, with the promise beside the customer's words,
//! on the account's case), nothing on noise below the rule, the chain review on a
//! constructed portfolio, and nobody outside the account or organisation reaching any of it.

mod common;

use chrono::Duration;
use common::survey::{answer, comment, send_round, submit};
use common::team::{account_team, outbox};
use common::{Browser, TestApp, contact_named};
use kaiku_server::scheduler::{Job, Scheduler};
use serde_json::{Value, json};

const PROMISE: &str = "A named project manager answers every email within one working day";
const COMMITMENT: &str = "weekly status report";
const COMPLAINT: &str = "We have not had a single status report since the kick-off.";

fn promise(aspect: &str, importance: u8, phase: &str) -> Value {
    json!({"aspect": aspect, "what": PROMISE, "importance": importance,
           "commitment": COMMITMENT, "phase": phase})
}

async fn record(browser: &Browser<'_>, account: &str, body: Value) -> Value {
    let reply = browser
        .post(&format!("/api/v1/accounts/{account}/promises"), body)
        .await;
    assert_eq!(reply.status, 201, "{}", reply.body);
    reply.body
}

async fn promises(browser: &Browser<'_>, account: &str) -> Vec<Value> {
    let reply = browser.get(&format!("/api/v1/accounts/{account}/promises")).await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    reply.body.as_array().unwrap().clone()
}

async fn alerts(browser: &Browser<'_>) -> Vec<Value> {
    let reply = browser.get("/api/v1/promises/alerts").await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    reply.body.as_array().unwrap().clone()
}

/// A relationship answer with every aspect 4 but the ones given, and a comment if any.
fn rated(aspects: &[(&str, i32)], words: Option<&str>) -> Value {
    let score = |id: &str| aspects.iter().find(|(a, _)| *a == id).map_or(4, |(_, s)| *s);
    let mut answers: Vec<Value> = ["quality", "communication", "schedule", "understanding", "value"]
        .iter()
        .map(|id| answer(id, score(id)))
        .collect();
    answers.push(answer("nps", 8));
    if let Some(words) = words {
        answers.push(comment("do_differently", words));
    }
    json!({ "answers": answers })
}

async fn answers(app: &TestApp, token: &str, body: Value) {
    let reply = submit(&app.browser(), token, body).await;
    assert_eq!(reply.status, 200, "{}", reply.body);
}

/// A relationship round to one contact a quarter later; its token.
async fn next_round(app: &TestApp, account: &str, contact: &str) -> String {
    app.clock.advance(Duration::days(90));
    let admin = app.signed_in("anna@acme.fi").await;
    let (_, token) = send_round(&admin, account, &[contact]).await.remove(0);
    token
}

/// The alert emails in the outbox, as the admin reads them: (to, body).
async fn alert_emails(app: &TestApp) -> Vec<(String, String)> {
    outbox(app)
        .await
        .iter()
        .filter(|m| m["body"].as_str().unwrap().contains(PROMISE))
        .map(|m| {
            (
                m["to"].as_str().unwrap().to_string(),
                m["body"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

#[tokio::test]
async fn a_promise_is_recorded_and_shown_beside_the_later_fulfilment() {
    let app = TestApp::new().await;
    let team = account_team(&app).await;
    let recorded = record(&team.member, &team.account, promise("communication", 5, "sales")).await;
    assert_eq!(recorded["input"]["what"], PROMISE);
    assert_eq!(recorded["input"]["commitment"], COMMITMENT);
    assert_eq!(recorded["promised_by"]["id"], team.member_id.as_str());
    assert_eq!(recorded["status"], "not_yet_rated");

    answers(&app, &team.links[0].1, rated(&[("communication", 4)], None)).await;
    let listed = promises(&team.lead, &team.account).await;
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0]["input"]["what"], PROMISE);
    let fulfilment = listed[0]["fulfilment"].as_array().unwrap();
    assert_eq!(fulfilment.len(), 1);
    assert_eq!(fulfilment[0]["fulfilment"], 4.0);
    assert_eq!(fulfilment[0]["breach"], Value::Null);
    assert_eq!(listed[0]["status"], "kept");
}

#[tokio::test]
async fn an_answer_that_breaks_a_promise_alerts_the_lead_and_the_seller_once_per_breach() {
    let app = TestApp::new().await;
    let team = account_team(&app).await;
    record(&team.member, &team.account, promise("communication", 5, "sales")).await;
    // A less important promise on value: only a drop of 2 would break it.
    record(&team.lead, &team.account, promise("value", 3, "sales")).await;

    // Maija rates communication 4: within the promise (5 − 2 = 3 is the line).
    answers(
        &app,
        &team.links[0].1,
        rated(&[("communication", 4), ("value", 4)], None),
    )
    .await;
    assert!(
        alerts(&team.lead).await.is_empty(),
        "noise above the line alerts nobody"
    );
    assert!(alert_emails(&app).await.is_empty());

    // John rates it 1: the round's mean is 2.5, the promise is broken.
    answers(
        &app,
        &team.links[1].1,
        rated(&[("communication", 1), ("value", 3)], Some(COMPLAINT)),
    )
    .await;
    for person in [&team.lead, &team.member] {
        let got = alerts(person).await;
        assert_eq!(got.len(), 1, "{got:?}");
        let alert = &got[0];
        assert_eq!(alert["aspect"], "communication");
        assert_eq!(alert["what"], PROMISE);
        assert_eq!(alert["commitment"], COMMITMENT);
        assert_eq!(alert["reason"], "below_importance");
        assert_eq!(alert["fulfilment"], 2.5);
        assert_eq!(alert["contact_name"], "John Smith");
        assert_eq!(alert["customer_words"], json!([COMPLAINT]));
        assert_eq!(alert["promised_by"]["id"], team.member_id.as_str());
        assert!(alert["case"].is_string(), "the breach is on the account's case");
    }
    assert!(alerts(&team.admin).await.is_empty(), "neither the lead nor the seller");
    assert!(alerts(&team.outsider).await.is_empty());
    let mut to: Vec<String> = alert_emails(&app)
        .await
        .into_iter()
        .map(|(to, body)| {
            assert!(body.contains(COMPLAINT) && body.contains(COMMITMENT), "{body}");
            to
        })
        .collect();
    to.sort();
    assert_eq!(to, vec!["lead@acme.fi".to_string(), "member@acme.fi".to_string()]);

    // The case quotes the promise beside the customer's words.
    let case_id = alerts(&team.lead).await[0]["case"].as_str().unwrap().to_string();
    let case = team.lead.get(&format!("/api/v1/cases/{case_id}")).await;
    assert_eq!(case.status, 200, "{}", case.body);
    let trigger = case.body["triggers"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["trigger"]["kind"] == "promise_broken")
        .expect("a promise_broken trigger")
        .clone();
    assert!(trigger["note"].as_str().unwrap().contains(PROMISE), "{trigger}");
    assert_eq!(trigger["trigger"]["words"], json!([COMPLAINT]));

    // A quarter later Maija still rates it 2: the same breach, no second alert.
    let maija = contact_named(&team.admin, &team.account, "Maija Virtanen").await;
    let token = next_round(&app, &team.account, &maija).await;
    answers(&app, &token, rated(&[("communication", 2)], None)).await;
    let lead = app.signed_in("lead@acme.fi").await;
    assert_eq!(alerts(&lead).await.len(), 1);
    assert_eq!(alert_emails(&app).await.len(), 2);

    // Kept again (5), then a fall to 3: a new breach, alerted again.
    let token = next_round(&app, &team.account, &maija).await;
    answers(&app, &token, rated(&[("communication", 5)], None)).await;
    let token = next_round(&app, &team.account, &maija).await;
    answers(&app, &token, rated(&[("communication", 3)], None)).await;
    let lead = app.signed_in("lead@acme.fi").await;
    let got = alerts(&lead).await;
    assert_eq!(got.len(), 2);
    assert_eq!(alert_emails(&app).await.len(), 4);
    // The value promise fell by one point at a time: never broken.
    assert!(got.iter().all(|a| a["aspect"] == "communication"));
    let listed = promises(&lead, &team.account).await;
    let value = listed.iter().find(|p| p["input"]["aspect"] == "value").unwrap();
    assert_eq!(value["status"], "kept");
    let communication = listed.iter().find(|p| p["input"]["aspect"] == "communication").unwrap();
    assert_eq!(communication["status"], "broken");
    let breaks: Vec<&Value> = communication["fulfilment"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| &r["breach"])
        .collect();
    assert_eq!(
        breaks,
        vec![
            &json!("below_importance"),
            &json!("below_importance"),
            &Value::Null,
            &json!("below_importance")
        ]
    );
}

/// Counter-feedback by `browser` rating `aspects` (the team's view), with its words.
async fn team_rates(browser: &Browser<'_>, account: &str, id: &str, aspects: &[(&str, u8)], words: &str) -> Value {
    let input = json!({
        "account": account, "request": null, "health": 3, "churn_risk": "low", "churn_causes": [],
        "behind_the_scenes": words, "changes": [], "further_needs": "", "notes": "",
        "fulfilment": aspects.iter().map(|(aspect, score)| json!({"aspect": aspect, "score": score})).collect::<Vec<_>>(),
    });
    common::sync::sync(browser, vec![common::sync::submit_mutation(id, input)])
        .await
        .remove(0)
}

#[tokio::test]
async fn the_teams_rating_in_counter_feedback_measures_fulfilment_and_breaks_a_promise_once() {
    let app = TestApp::new().await;
    let team = account_team(&app).await;
    record(&team.member, &team.account, promise("communication", 5, "sales")).await;
    let worry = "Nobody has sent them a status report in a month.";

    // An aspect the expectations survey does not ask about is refused.
    let refused = team_rates(&team.lead, &team.account, "team-rate-0000", &[("weather", 2)], worry).await;
    assert_eq!(refused["outcome"], "rejected", "{refused}");
    // The team rates communication 4: within the promise, nobody is alerted.
    let fine = team_rates(&team.lead, &team.account, "team-rate-0001", &[("communication", 4)], "").await;
    assert_eq!(fine["outcome"], "applied", "{fine}");
    assert!(alerts(&team.lead).await.is_empty());
    let listed = promises(&team.lead, &team.account).await;
    assert_eq!(listed[0]["team_fulfilment"][0]["fulfilment"], 4.0);
    assert_eq!(
        listed[0]["status"], "kept",
        "measured by the team, before any customer rated it"
    );

    // Ten minutes later, 2: broken — the lead and the seller hear of it, with the team's words.
    app.clock.advance(Duration::minutes(10));
    let broken = team_rates(
        &team.lead,
        &team.account,
        "team-rate-0002",
        &[("communication", 2)],
        worry,
    )
    .await;
    assert_eq!(broken["outcome"], "applied", "{broken}");
    for person in [&team.lead, &team.member] {
        let got = alerts(person).await;
        assert_eq!(got.len(), 1, "{got:?}");
        assert_eq!(
            (
                got[0]["by_team"].as_bool(),
                got[0]["fulfilment"].as_f64(),
                got[0]["reason"].as_str()
            ),
            (Some(true), Some(2.0), Some("below_importance"))
        );
        assert_eq!(got[0]["contact_name"], "User lead@acme.fi");
        assert_eq!(got[0]["customer_words"], json!([worry]));
        assert!(
            got[0]["case"].is_string(),
            "the breach is on the account's case: {}",
            got[0]
        );
    }
    let emails = alert_emails(&app).await;
    assert_eq!(emails.len(), 2, "{emails:?}");
    assert!(
        emails.iter().all(|(_, body)| body.contains(worry)
            && (body.contains("counter-feedback") || body.contains("vastapalautteessaan"))),
        "{emails:?}"
    );
    let listed = promises(&team.lead, &team.account).await;
    assert_eq!(listed[0]["status"], "broken");
    assert_eq!(listed[0]["team_fulfilment"][1]["breach"], "below_importance");

    // Still 2 next time: the same breach, not alerted again; the same mutation twice
    // is recorded once.
    app.clock.advance(Duration::minutes(10));
    let mut outcomes = Vec::new();
    for _ in 0..2 {
        let sent = team_rates(
            &team.member,
            &team.account,
            "team-rate-0003",
            &[("communication", 2)],
            worry,
        )
        .await;
        outcomes.push(sent["outcome"].clone());
    }
    assert_eq!(outcomes, [json!("applied"), json!("already_applied")]);
    assert_eq!(alerts(&team.lead).await.len(), 1);
    assert_eq!(alert_emails(&app).await.len(), 2);
    // The counter-feedback shows what the team rated.
    let overview = team
        .lead
        .get(&format!("/api/v1/accounts/{}/overview", team.account))
        .await;
    assert!(
        overview
            .body
            .to_string()
            .contains("\"fulfilment\":[{\"aspect\":\"communication\",\"score\":2}]")
    );
}

#[tokio::test]
async fn a_drop_of_two_breaks_a_promise_of_any_importance() {
    let app = TestApp::new().await;
    let team = account_team(&app).await;
    record(&team.member, &team.account, promise("schedule", 2, "delivery")).await;
    answers(&app, &team.links[0].1, rated(&[("schedule", 5)], None)).await;
    let maija = contact_named(&team.admin, &team.account, "Maija Virtanen").await;
    let token = next_round(&app, &team.account, &maija).await;
    answers(&app, &token, rated(&[("schedule", 3)], Some(COMPLAINT))).await;
    let member = app.signed_in("member@acme.fi").await;
    let got = alerts(&member).await;
    assert_eq!(got.len(), 1);
    assert_eq!(
        (got[0]["reason"].as_str(), got[0]["previous"].as_f64()),
        (Some("dropped"), Some(5.0))
    );
}

#[tokio::test]
async fn the_chain_review_counts_kept_and_broken_promises_per_phase_and_aspect() {
    let app = TestApp::new().await;
    let team = account_team(&app).await;
    // Globex is in the fixture's segment, "growth marketing".
    app.join(&team.admin, "leader@acme.fi", "leader").await;
    let initech = app
        .account(
            &team.admin,
            "Initech",
            json!({"lead_id": team.lead_id, "segments": ["health"]}),
        )
        .await;
    let contact = app
        .contact(&team.admin, &initech, "Ines Initech", "ines@initech.com", "en")
        .await;
    let round = team
        .admin
        .post(
            &format!("/api/v1/accounts/{initech}/rounds"),
            json!({"template_id": "relationship", "contact_ids": [contact]}),
        )
        .await;
    assert_eq!(round.status, 201, "{}", round.body);
    let initech_token = round.body["links"][0]["link"]
        .as_str()
        .unwrap()
        .trim_start_matches("/s/")
        .to_string();

    // Globex: the member's communication promise broken, the lead's quality promise kept.
    record(&team.member, &team.account, promise("communication", 5, "sales")).await;
    record(
        &team.lead,
        &team.account,
        json!({"aspect": "quality", "what": "Senior people only",
        "importance": 4, "commitment": null, "phase": "sales"}),
    )
    .await;
    // Initech: the admin's communication promise kept.
    record(&team.admin, &initech, promise("communication", 5, "sales")).await;
    answers(
        &app,
        &team.links[0].1,
        rated(&[("communication", 2), ("quality", 4)], Some(COMPLAINT)),
    )
    .await;
    answers(&app, &initech_token, rated(&[("communication", 5)], None)).await;
    // Promised at onboarding after the answers: not rated yet.
    app.clock.advance(Duration::days(1));
    let lead = app.signed_in("lead@acme.fi").await;
    record(&lead, &initech, promise("understanding", 4, "onboarding")).await;

    let leader = app.signed_in("leader@acme.fi").await;
    let review = leader.get("/api/v1/promises/review").await;
    assert_eq!(review.status, 200, "{}", review.body);
    let rows = |body: &Value| -> Vec<(String, String, u64, u64, u64)> {
        body["rows"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| {
                (
                    r["phase"].as_str().unwrap().to_string(),
                    r["aspect"].as_str().unwrap().to_string(),
                    r["kept"].as_u64().unwrap(),
                    r["broken"].as_u64().unwrap(),
                    r["not_yet_rated"].as_u64().unwrap(),
                )
            })
            .collect()
    };
    let row = |phase: &str, aspect: &str, kept, broken, pending| {
        (phase.to_string(), aspect.to_string(), kept, broken, pending)
    };
    assert_eq!(
        rows(&review.body),
        vec![
            row("sales", "communication", 1, 1, 0),
            row("sales", "quality", 1, 0, 0),
            row("onboarding", "understanding", 0, 0, 1),
        ]
    );
    let broken = &review.body["rows"][0]["items"][0];
    assert_eq!(
        (broken["account"]["name"].as_str(), broken["status"].as_str()),
        (Some("Globex"), Some("broken"))
    );
    assert_eq!(broken["quotes"], json!([COMPLAINT]));
    assert_eq!(broken["fulfilment"], 2.0);

    let growth = leader.get("/api/v1/promises/review?segment=growth%20marketing").await;
    assert_eq!(
        rows(&growth.body),
        vec![row("sales", "communication", 0, 1, 0), row("sales", "quality", 1, 0, 0)]
    );
    let by_member = leader
        .get(&format!("/api/v1/promises/review?seller={}", team.member_id))
        .await;
    assert_eq!(rows(&by_member.body), vec![row("sales", "communication", 0, 1, 0)]);

    // A seller reviews their own promises; someone who made none has no review.
    let member = app.signed_in("member@acme.fi").await;
    let own = member.get("/api/v1/promises/review").await;
    assert_eq!(own.status, 200, "{}", own.body);
    assert_eq!(rows(&own.body), vec![row("sales", "communication", 0, 1, 0)]);
    let outsider = app.signed_in("outsider@acme.fi").await;
    let refused = outsider.get("/api/v1/promises/review").await;
    assert_eq!(refused.status, 403, "{}", refused.body);
}

#[tokio::test]
async fn bad_promises_are_refused_by_field() {
    let app = TestApp::new().await;
    let team = account_team(&app).await;
    let path = format!("/api/v1/accounts/{}/promises", team.account);
    for (body, field) in [
        (promise("parking", 5, "sales"), "aspect"),
        (promise("quality", 9, "sales"), "importance"),
        (
            json!({"aspect": "quality", "what": "  ", "importance": 3, "commitment": null, "phase": "sales"}),
            "what",
        ),
    ] {
        let reply = team.member.post(&path, body).await;
        assert_eq!(reply.status, 400, "{}", reply.body);
        assert_eq!(reply.body["error"]["field"], field);
    }
    assert!(
        promises(&team.member, &team.account).await.is_empty(),
        "nothing half-written"
    );
}

#[tokio::test]
async fn nobody_outside_the_account_or_the_organisation_reaches_its_promises() {
    let app = TestApp::new().await;
    let team = account_team(&app).await;
    record(&team.member, &team.account, promise("communication", 5, "sales")).await;
    answers(&app, &team.links[1].1, rated(&[("communication", 1)], Some(COMPLAINT))).await;
    let path = format!("/api/v1/accounts/{}/promises", team.account);

    // A member of the organisation who is not on the account.
    assert_eq!(team.outsider.get(&path).await.status, 404);
    assert_eq!(
        team.outsider.post(&path, promise("quality", 3, "sales")).await.status,
        404
    );

    // Another organisation's admin.
    let other = app.signup("Rival", "boss@rival.fi").await;
    assert_eq!(other.get(&path).await.status, 404);
    assert_eq!(other.post(&path, promise("quality", 3, "sales")).await.status, 404);
    assert!(alerts(&other).await.is_empty());
    let review = other.get("/api/v1/promises/review").await;
    assert_eq!(review.status, 200, "{}", review.body);
    assert_eq!(review.body["rows"], json!([]));
    assert_eq!(review.body["sellers"], json!([]));

    // Signed out.
    let anonymous = app.browser();
    assert_eq!(anonymous.get(&path).await.status, 401);
    assert_eq!(anonymous.get("/api/v1/promises/alerts").await.status, 401);
    assert_eq!(anonymous.get("/api/v1/promises/review").await.status, 401);
    assert_eq!(promises(&team.lead, &team.account).await.len(), 1);
}

#[tokio::test]
async fn the_demo_tells_its_sellers_of_the_promises_its_customers_broke() {
    let app = TestApp::new().await;
    kaiku_server::seed::demo(&app.state).await.unwrap();
    let leena = app.browser();
    assert_eq!(
        leena
            .login("leader@demo.kaiku.test", kaiku_server::seed::DEMO_PASSWORD)
            .await
            .status,
        200
    );
    // Leena promised Nordic Retail a weekly status report; Sanna's ratings broke it.
    let got = alerts(&leena).await;
    let nordic = got
        .iter()
        .find(|a| a["account"]["name"] == "Nordic Retail Oy")
        .expect("the Nordic Retail promise is broken");
    assert_eq!(nordic["commitment"], "viikoittainen tilannekatsaus");
    assert!(!nordic["customer_words"].as_array().unwrap().is_empty());
    let review = leena.get("/api/v1/promises/review").await;
    assert_eq!(review.status, 200, "{}", review.body);
    let broken: u64 = review.body["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["broken"].as_u64().unwrap())
        .sum();
    assert_eq!(broken, 2, "both demo promises broke: {}", review.body);
}

const REPORT_COMPLAINT: &str = "The monthly reports are always late and the report figures are wrong.";

fn owner(kind: &str, key: &str, user: &str) -> Value {
    json!({"topic": {"kind": kind, "key": key}, "owner": user})
}

async fn feed(browser: &Browser<'_>) -> Vec<Value> {
    let reply = browser.get("/api/v1/topics/mine").await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    reply.body.as_array().unwrap().clone()
}

#[tokio::test]
async fn topic_owners_hear_exactly_their_topics_verbatim_and_correct_them() {
    let app = TestApp::new().await;
    let team = account_team(&app).await;
    let owners = json!({"owners": [
        owner("theme", "reporting", &team.outsider_id),
        owner("churn_cause", "voice_lost", &team.member_id),
    ]});
    assert_eq!(
        team.member
            .put("/api/v1/settings/topic-owners", owners.clone())
            .await
            .status,
        403
    );
    let unknown = team
        .admin
        .put(
            "/api/v1/settings/topic-owners",
            json!({"owners": [owner("theme", "weather", &team.outsider_id)]}),
        )
        .await;
    assert_eq!(
        (unknown.status, unknown.body["error"]["field"].as_str()),
        (400, Some("owners"))
    );
    let twice = team
        .admin
        .put(
            "/api/v1/settings/topic-owners",
            json!({"owners": [owner("theme", "reporting", &team.outsider_id), owner("theme", "reporting", &team.lead_id)]}),
        )
        .await;
    assert_eq!(twice.status, 400, "{}", twice.body);
    let set = team.admin.put("/api/v1/settings/topic-owners", owners).await;
    assert_eq!(set.status, 200, "{}", set.body);
    assert_eq!(set.body.as_array().unwrap().len(), 2);

    // John writes about reports; the team member writes worried counter-feedback.
    answers(&app, &team.links[1].1, rated(&[], Some(REPORT_COMPLAINT))).await;
    let responses = team
        .lead
        .get(&format!("/api/v1/accounts/{}/responses", team.account))
        .await;
    let themes = responses.body.to_string();
    assert!(
        themes.contains("\"reporting\""),
        "the analysis labels the answer reporting: {themes}"
    );
    let worried = json!({
        "account": team.account, "request": null, "health": 2, "churn_risk": "medium",
        "churn_causes": ["voice_lost"], "behind_the_scenes": "Their CMO stopped coming to our reviews.",
        "changes": [], "further_needs": "", "notes": ""
    });
    let outcomes = common::sync::sync(
        &team.member,
        vec![common::sync::submit_mutation("topic-cf-0001", worried)],
    )
    .await;
    assert_eq!(outcomes[0]["outcome"], "applied", "{outcomes:?}");

    // The outsider owns reporting: John's words, verbatim, though not on Globex's team.
    let outsider_feed = feed(&team.outsider).await;
    assert_eq!(outsider_feed.len(), 1, "{outsider_feed:?}");
    let item = &outsider_feed[0];
    assert_eq!(
        (
            item["source"].as_str(),
            item["text"].as_str(),
            item["said_by"].as_str(),
            item["account"]["name"].as_str()
        ),
        (
            Some("answer"),
            Some(REPORT_COMPLAINT),
            Some("John Smith"),
            Some("Globex")
        )
    );
    assert_eq!(
        (item["topic"]["key"].as_str(), item["seen"].as_bool()),
        (Some("reporting"), Some(false))
    );
    // The member owns "voice lost": the counter-feedback, and nothing about reporting.
    let member_feed = feed(&team.member).await;
    assert!(
        member_feed.iter().all(|i| i["topic"]["key"] == "voice_lost"),
        "{member_feed:?}"
    );
    assert!(
        member_feed
            .iter()
            .any(|i| i["source"] == "counter_feedback" && i["text"] == "Their CMO stopped coming to our reviews.")
    );
    assert!(feed(&team.lead).await.is_empty(), "the lead owns no topic");

    let id = item["id"].as_str().unwrap().to_string();
    let seen_path = format!("/api/v1/topics/items/{id}/seen");
    assert_eq!(
        team.lead.post(&seen_path, json!({})).await.status,
        404,
        "not in the lead's feed"
    );
    let other = app.signup("Rival", "boss@rival.fi").await;
    assert_eq!(other.post(&seen_path, json!({})).await.status, 404);
    assert!(feed(&other).await.is_empty());
    assert_eq!(other.get("/api/v1/settings/topic-owners").await.body, json!([]));
    assert_eq!(team.outsider.post(&seen_path, json!({})).await.status, 204);
    assert_eq!(feed(&team.outsider).await[0]["seen"], true);

    // "Not about reporting": the label goes, the feed empties, the organisation learns.
    let not_about = format!("/api/v1/topics/items/{id}/not-about");
    let reporting = json!({"kind": "theme", "key": "reporting"});
    assert_eq!(other.post(&not_about, reporting.clone()).await.status, 404);
    let corrected = team.outsider.post(&not_about, reporting).await;
    assert_eq!(corrected.status, 204, "{}", corrected.body);
    assert!(feed(&team.outsider).await.is_empty());
    let responses = team
        .lead
        .get(&format!("/api/v1/accounts/{}/responses", team.account))
        .await;
    let john = responses
        .body
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r.to_string().contains(REPORT_COMPLAINT))
        .unwrap()
        .clone();
    assert!(!john.to_string().contains("\"reporting\""), "{john}");
}

#[tokio::test]
async fn an_owner_replies_into_the_timeline_and_proposes_an_initiative_from_their_feed() {
    let app = TestApp::new().await;
    let team = account_team(&app).await;
    let owners = json!({"owners": [owner("theme", "reporting", &team.outsider_id)]});
    assert_eq!(
        team.admin.put("/api/v1/settings/topic-owners", owners).await.status,
        200
    );
    answers(&app, &team.links[1].1, rated(&[], Some(REPORT_COMPLAINT))).await;
    let item = feed(&team.outsider).await[0]["id"].as_str().unwrap().to_string();
    let reporting = json!({"kind": "theme", "key": "reporting"});
    let replies = format!("/api/v1/topics/items/{item}/replies");
    let text = "Analytics owns the reports now: from March they come on the 3rd working day.";

    // Refused whole: an empty reply, a topic the item is not about, someone else's feed.
    let empty = team
        .outsider
        .post(&replies, json!({"topic": reporting, "text": "  "}))
        .await;
    assert_eq!(
        (empty.status, empty.body["error"]["field"].as_str()),
        (400, Some("text"))
    );
    let wrong = team
        .outsider
        .post(
            &replies,
            json!({"topic": {"kind": "theme", "key": "pricing"}, "text": text}),
        )
        .await;
    assert_eq!(
        (wrong.status, wrong.body["error"]["field"].as_str()),
        (400, Some("topic"))
    );
    let body = json!({"topic": reporting, "text": text});
    assert_eq!(
        team.lead.post(&replies, body.clone()).await.status,
        404,
        "not the lead's topic"
    );
    let other = app.signup("Rival", "boss@rival.fi").await;
    assert_eq!(other.post(&replies, body.clone()).await.status, 404);

    let reply = team.outsider.post(&replies, body).await;
    assert_eq!(reply.status, 201, "{}", reply.body);
    // The lead reads it in the account's timeline, beside the words it answers.
    let overview = team
        .lead
        .get(&format!("/api/v1/accounts/{}/overview", team.account))
        .await;
    assert_eq!(overview.status, 200, "{}", overview.body);
    let entry = overview.body["timeline"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["reply"].is_object())
        .expect("the reply is in the timeline")
        .clone();
    assert_eq!(
        (
            entry["reply"]["text"].as_str(),
            entry["reply"]["replying_to"].as_str(),
            entry["reply"]["said_by"].as_str(),
            entry["reply"]["author"]["name"].as_str()
        ),
        (
            Some(text),
            Some(REPORT_COMPLAINT),
            Some("John Smith"),
            Some("User outsider@acme.fi")
        )
    );

    // The outsider (a member) proposes an initiative from the same item.
    let propose = format!("/api/v1/topics/items/{item}/initiative");
    assert_eq!(team.lead.post(&propose, reporting.clone()).await.status, 404);
    assert_eq!(other.post(&propose, reporting.clone()).await.status, 404);
    let proposed = team.outsider.post(&propose, reporting).await;
    assert_eq!(proposed.status, 201, "{}", proposed.body);
    let initiative = &proposed.body;
    let summary = &initiative["summary"];
    assert_eq!(summary["status"], "proposed", "{initiative}");
    assert_eq!(
        summary["title"], "Raportointi: Globex",
        "named in the owner's language: {initiative}"
    );
    assert_eq!(initiative["input"]["owner"], team.outsider_id.as_str());
    assert_eq!(
        initiative["input"]["topics"],
        json!([{"kind": "theme", "key": "reporting"}])
    );
    assert_eq!(
        initiative["input"]["answers"].as_array().map(Vec::len),
        Some(1),
        "the answer is linked: {initiative}"
    );
    assert_eq!(initiative["input"]["description"], REPORT_COMPLAINT);
    // The account's team sees the words behind it, which the owner may not.
    let id = summary["id"].as_str().unwrap();
    let seen_by_lead = team.lead.get(&format!("/api/v1/initiatives/{id}")).await;
    assert_eq!(
        seen_by_lead.body["answers"].as_array().map(Vec::len),
        Some(1),
        "{}",
        seen_by_lead.body
    );
}

#[tokio::test]
async fn a_message_about_an_owners_topic_reaches_them_verbatim_and_can_be_corrected() {
    let app = TestApp::new().await;
    let team = account_team(&app).await;
    let owners = json!({"owners": [owner("theme", "reporting", &team.outsider_id)]});
    assert_eq!(
        team.admin.put("/api/v1/settings/topic-owners", owners).await.status,
        200
    );
    let call = "Called Maija: the monthly reports are always late and the report figures are wrong.";
    let written = team
        .lead
        .post(
            &format!("/api/v1/accounts/{}/messages", team.account),
            json!({"source": "phone_call", "body": call, "language": "en", "sender_name": "Maija Virtanen"}),
        )
        .await;
    assert_eq!(written.status, 201, "{}", written.body);

    // The outsider owns reporting, is not on the account, and hears the call verbatim.
    let items = feed(&team.outsider).await;
    let item = items
        .iter()
        .find(|i| i["source"] == "message")
        .expect("the message is in the feed");
    assert_eq!(
        (item["text"].as_str(), item["topic"]["key"].as_str()),
        (Some(call), Some("reporting"))
    );
    assert_eq!(item["account"]["name"], "Globex");
    let id = item["id"].as_str().unwrap();
    assert!(id.starts_with("msg:"), "{id}");

    // They reply to it, and say it is not about reporting: the label goes.
    let reporting = json!({"kind": "theme", "key": "reporting"});
    let reply = team
        .outsider
        .post(
            &format!("/api/v1/topics/items/{id}/replies"),
            json!({"topic": reporting, "text": "On it."}),
        )
        .await;
    assert_eq!(reply.status, 201, "{}", reply.body);
    let not_about = team
        .outsider
        .post(&format!("/api/v1/topics/items/{id}/not-about"), reporting)
        .await;
    assert_eq!(not_about.status, 204, "{}", not_about.body);
    assert!(feed(&team.outsider).await.iter().all(|i| i["source"] != "message"));
}

async fn digest_pass(scheduler: &Scheduler) {
    let reports = scheduler.run_once().await;
    let report = reports.iter().find(|r| r.job == Job::Digests).unwrap();
    assert_eq!(report.error, None);
}

/// What reached `to` as a topic owner's weekly digest.
async fn topic_weeks(app: &TestApp, to: &str) -> Vec<Value> {
    outbox(app)
        .await
        .into_iter()
        .filter(|m| m["to"] == to && m["subject"].as_str().unwrap().starts_with("Aiheistasi"))
        .collect()
}

#[tokio::test]
async fn each_topic_owner_gets_their_week_verbatim_by_email_once() {
    let app = TestApp::new().await;
    let team = account_team(&app).await;
    let owners = json!({"owners": [
        owner("theme", "reporting", &team.outsider_id),
        owner("churn_cause", "voice_lost", &team.member_id),
    ]});
    assert_eq!(
        team.admin.put("/api/v1/settings/topic-owners", owners).await.status,
        200
    );
    // Monday 23 November: John writes about reports.
    answers(&app, &team.links[1].1, rated(&[], Some(REPORT_COMPLAINT))).await;
    let scheduler = Scheduler::new(app.state.clone(), "only");
    let pass = || digest_pass(&scheduler);
    pass().await;
    assert!(
        topic_weeks(&app, "outsider@acme.fi").await.is_empty(),
        "the week is not over"
    );

    // Monday 30 November: the week of 23–29 November goes to the owner of reporting.
    app.clock.advance(Duration::days(7));
    pass().await;
    let sent = topic_weeks(&app, "outsider@acme.fi").await;
    assert_eq!(sent.len(), 1, "{sent:?}");
    assert_eq!(sent[0]["subject"], "Aiheistasi sanottiin 1 kertaa (23.11.–29.11.2026)");
    let body = sent[0]["body"].as_str().unwrap();
    let verbatim = format!("[Raportointi] Globex — John Smith, 23.11.:\n  > {REPORT_COMPLAINT}\n");
    assert!(body.contains(&verbatim), "{body}");
    // The owner of "voice lost" heard nothing about it that week; the lead owns nothing.
    assert!(topic_weeks(&app, "member@acme.fi").await.is_empty());
    assert!(topic_weeks(&app, "lead@acme.fi").await.is_empty());

    // Once: later passes of the same week send it to nobody again.
    pass().await;
    app.clock.advance(Duration::days(2));
    pass().await;
    assert_eq!(topic_weeks(&app, "outsider@acme.fi").await.len(), 1);
}

/// What reached `to` as a seller's quarterly summary.
async fn seller_quarters(app: &TestApp, to: &str) -> Vec<String> {
    outbox(app)
        .await
        .into_iter()
        .filter(|m| m["to"] == to && m["subject"] == "Lupauksesi: 2026-Q4")
        .map(|m| m["body"].as_str().unwrap().to_string())
        .collect()
}

#[tokio::test]
async fn each_seller_hears_once_a_quarter_which_of_their_promises_keep_and_which_broke() {
    let app = TestApp::new().await;
    let team = account_team(&app).await;
    record(&team.member, &team.account, promise("communication", 5, "sales")).await;
    record(&team.lead, &team.account, promise("value", 3, "sales")).await;
    answers(
        &app,
        &team.links[1].1,
        rated(&[("communication", 1), ("value", 3)], Some(COMPLAINT)),
    )
    .await;
    let scheduler = Scheduler::new(app.state.clone(), "only");
    digest_pass(&scheduler).await;
    assert!(
        seller_quarters(&app, "member@acme.fi").await.is_empty(),
        "the quarter is not over"
    );

    // Monday 4 January 2027: the fourth quarter is over.
    app.clock.advance(Duration::days(42));
    digest_pass(&scheduler).await;
    let member = seller_quarters(&app, "member@acme.fi").await;
    assert_eq!(member.len(), 1, "{member:?}");
    for expected in [
        "  • myynti, communication: 0 pitää, 1 rikki, 0 arvioimatta\n",
        "Rikkoutuneet lupaukset:\n",
        &format!("Globex: {PROMISE}\n  > {COMPLAINT}\n"),
    ] {
        assert!(member[0].contains(expected), "{expected:?} not in {}", member[0]);
    }
    assert!(
        !member[0].contains("value"),
        "only the member's own promises: {}",
        member[0]
    );
    let lead = seller_quarters(&app, "lead@acme.fi").await;
    assert_eq!(lead.len(), 1, "{lead:?}");
    assert!(
        lead[0].contains("  • myynti, value: 1 pitää, 0 rikki, 0 arvioimatta\n"),
        "{}",
        lead[0]
    );
    assert!(!lead[0].contains("Rikkoutuneet"), "{}", lead[0]);
    // Who recorded no promise hears nothing; and each seller hears once.
    assert!(seller_quarters(&app, "anna@acme.fi").await.is_empty());
    assert!(seller_quarters(&app, "outsider@acme.fi").await.is_empty());
    digest_pass(&scheduler).await;
    assert_eq!(seller_quarters(&app, "member@acme.fi").await.len(), 1);
}
