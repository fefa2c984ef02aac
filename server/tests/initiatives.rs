//! Initiatives over the HTTP API: a theme in three accounts becomes a suggestion with
//! its accounts' value, revenue at risk and NPS impact (two accounts are not enough),
//! a dismissed suggestion stays away, a suggestion taken up becomes an initiative that
//! moves through its statuses with a dated history, and a done one is checked against
//! the answers before and after; members only read, and other organisations reach
//! nothing.

mod common;

use chrono::Duration;
use common::survey::{answer, comment, submit};
use common::{Browser, TestApp};
use kaiku_server::scheduler::{Job, JobReport, Scheduler};
use serde_json::{Value, json};

const REPORT: &str = "The report was not useful.";

fn answers(nps: i32, text: Option<&str>) -> Value {
    let mut answers = vec![
        answer("nps", nps),
        answer("quality", 4),
        answer("communication", 4),
        answer("schedule", 4),
        answer("understanding", 4),
        answer("value", 4),
    ];
    if let Some(text) = text {
        answers.push(comment("do_differently", text));
    }
    json!({ "answers": answers })
}

/// Sends `account` a round to one new contact per reply and answers it with each
/// `(nps, comment)`.
async fn answered(app: &TestApp, admin: &Browser<'_>, account: &str, tag: &str, replies: &[(i32, Option<&str>)]) {
    let mut contacts = Vec::new();
    for i in 0..replies.len() {
        let email = format!("{tag}{i}@{account}.example.com");
        contacts.push(app.contact(admin, account, &format!("{tag} {i}"), &email, "en").await);
    }
    let round = admin
        .post(
            &format!("/api/v1/accounts/{account}/rounds"),
            json!({"template_id": "relationship", "contact_ids": contacts}),
        )
        .await;
    assert_eq!(round.status, 201, "{}", round.body);
    for (contact, (nps, text)) in contacts.iter().zip(replies) {
        let link = round.body["links"]
            .as_array()
            .unwrap()
            .iter()
            .find(|l| l["contact_id"] == contact.as_str())
            .unwrap();
        let token = link["link"].as_str().unwrap().trim_start_matches("/s/");
        let reply = submit(&app.browser(), token, answers(*nps, *text)).await;
        assert_eq!(reply.status, 200, "{}", reply.body);
    }
}

struct Acme<'a> {
    admin: Browser<'a>,
    leader: Browser<'a>,
    member: Browser<'a>,
    /// A (100 000 €), B (80 000 €), C (60 000 €), D (40 000 €).
    accounts: Vec<String>,
}

async fn acme(app: &TestApp) -> Acme<'_> {
    let admin = app.signup("Acme", "anna@acme.fi").await;
    let leader = app.join(&admin, "leader@acme.fi", "leader").await;
    let member = app.join(&admin, "member@acme.fi", "member").await;
    let member_id = app.user_id(&member).await;
    let mut accounts = Vec::new();
    for (name, value) in [("A", 100_000), ("B", 80_000), ("C", 60_000), ("D", 40_000)] {
        let team = if name == "A" { json!([member_id]) } else { json!([]) };
        accounts.push(
            app.account(&admin, name, json!({"annual_value_eur": value, "team_ids": team}))
                .await,
        );
    }
    Acme {
        admin,
        leader,
        member,
        accounts,
    }
}

/// A, B and C complain about the report (NPS 3, 6, 9); D's two contacts are promoters
/// with nothing to say.
async fn reports_in_three_accounts<'a>(app: &'a TestApp) -> Acme<'a> {
    let acme = acme(app).await;
    for (account, nps) in acme.accounts.iter().zip([3, 6, 9]) {
        answered(app, &acme.admin, account, "first", &[(nps, Some(REPORT))]).await;
    }
    answered(app, &acme.admin, &acme.accounts[3], "first", &[(10, None), (10, None)]).await;
    acme
}

async fn suggestions(browser: &Browser<'_>) -> Vec<Value> {
    let reply = browser.get("/api/v1/initiatives/suggestions").await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    reply.body.as_array().unwrap().clone()
}

fn reporting() -> Value {
    json!({"kind": "theme", "key": "reporting"})
}

fn find_reporting(list: &[Value]) -> Option<Value> {
    list.iter().find(|s| s["topic"] == reporting()).cloned()
}

async fn revenue_at_risk(browser: &Browser<'_>, account: &str) -> i64 {
    let reply = browser.get(&format!("/api/v1/accounts/{account}/health")).await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    reply.body["health"]["revenue_at_risk_eur"].as_i64().unwrap_or(0)
}

#[tokio::test]
async fn a_theme_in_three_accounts_is_suggested_with_its_value_and_nps_impact() {
    let app = TestApp::new().await;
    let acme = reports_in_three_accounts(&app).await;
    let list = suggestions(&acme.leader).await;
    let found = find_reporting(&list).expect("reporting in A, B and C is suggested");
    let names: Vec<&str> = found["accounts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["name"].as_str().unwrap())
        .collect();
    let mut sorted = names.clone();
    sorted.sort_unstable();
    assert_eq!(sorted, ["A", "B", "C"]);
    assert_eq!(found["annual_value_eur"], 240_000);
    let mut expected_risk = 0;
    for account in &acme.accounts[..3] {
        expected_risk += revenue_at_risk(&acme.leader, account).await;
    }
    assert!(expected_risk > 0, "detractors put some revenue at risk");
    assert_eq!(found["revenue_at_risk_eur"], expected_risk);
    // All five answers: two detractors, three promoters → 20; without A, B and C's
    // the two promoters → 100.
    assert_eq!(found["nps_all"], 20.0);
    assert_eq!(found["nps_without"], 100.0);
    assert_eq!(found["nps_impact"], -80.0);
    assert_eq!(found["customer_mentions"], 3);
    let quotes = found["quotes"].as_array().unwrap();
    assert_eq!(quotes.len(), 3);
    assert!(quotes.iter().all(|q| q["text"] == REPORT));
    assert_eq!(found["answers"].as_array().unwrap().len(), 3);
}

#[tokio::test]
async fn two_accounts_are_not_a_suggestion() {
    let app = TestApp::new().await;
    let acme = acme(&app).await;
    for account in &acme.accounts[..2] {
        answered(&app, &acme.admin, account, "first", &[(5, Some(REPORT))]).await;
    }
    answered(&app, &acme.admin, &acme.accounts[2], "first", &[(5, Some("All good."))]).await;
    assert_eq!(find_reporting(&suggestions(&acme.leader).await), None);
}

#[tokio::test]
async fn a_dismissed_suggestion_stays_away() {
    let app = TestApp::new().await;
    let acme = reports_in_three_accounts(&app).await;
    let reply = acme
        .leader
        .post("/api/v1/initiatives/suggestions/dismiss", reporting())
        .await;
    assert_eq!(reply.status, 204, "{}", reply.body);
    assert_eq!(find_reporting(&suggestions(&acme.admin).await), None);
    // A fourth account says it too: still dismissed.
    answered(&app, &acme.admin, &acme.accounts[3], "later", &[(4, Some(REPORT))]).await;
    assert_eq!(find_reporting(&suggestions(&acme.admin).await), None);
    // Dismissing it again changes nothing; an unknown theme is refused.
    let again = acme
        .leader
        .post("/api/v1/initiatives/suggestions/dismiss", reporting())
        .await;
    assert_eq!(again.status, 204);
    let unknown = acme
        .leader
        .post(
            "/api/v1/initiatives/suggestions/dismiss",
            json!({"kind": "theme", "key": "weather"}),
        )
        .await;
    assert_eq!(unknown.status, 400);
    assert_eq!(unknown.body["error"]["field"], "topic");
}

async fn take_up<'a>(browser: &Browser<'a>) -> Value {
    let reply = browser
        .post("/api/v1/initiatives/suggestions/take-up", reporting())
        .await;
    assert_eq!(reply.status, 201, "{}", reply.body);
    reply.body
}

async fn set_status(browser: &Browser<'_>, id: &str, status: &str) -> Value {
    let reply = browser
        .post(
            &format!("/api/v1/initiatives/{id}/status"),
            json!({"status": status, "note": format!("now {status}")}),
        )
        .await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    reply.body
}

fn statuses(view: &Value) -> Vec<String> {
    view["history"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["status"].as_str().unwrap().to_string())
        .collect()
}

#[tokio::test]
async fn a_suggestion_taken_up_moves_through_its_statuses_with_history() {
    let app = TestApp::new().await;
    let acme = reports_in_three_accounts(&app).await;
    let suggested = find_reporting(&suggestions(&acme.leader).await).unwrap();
    let view = take_up(&acme.leader).await;
    let id = view["summary"]["id"].as_str().unwrap().to_string();
    // The leader reads Finnish: the title is the theme's Finnish name.
    assert_eq!(view["summary"]["title"], "Raportointi");
    assert_eq!(view["summary"]["status"], "proposed");
    assert_eq!(view["summary"]["owner"]["name"], "User leader@acme.fi");
    assert_eq!(view["summary"]["topics"], json!([reporting()]));
    assert_eq!(view["summary"]["accounts"], 3);
    assert_eq!(view["summary"]["revenue_at_risk_eur"], suggested["revenue_at_risk_eur"]);
    assert_eq!(view["answers"].as_array().unwrap().len(), 3);
    assert_eq!(view["answers"][0]["comments"], json!([REPORT]));
    assert_eq!(view["check_days"], 90);
    assert_eq!(statuses(&view), ["proposed"]);
    // Covered by an initiative now: no longer suggested.
    assert_eq!(find_reporting(&suggestions(&acme.leader).await), None);

    // Straight to done is not a step.
    let skipped = acme
        .leader
        .post(&format!("/api/v1/initiatives/{id}/status"), json!({"status": "done"}))
        .await;
    assert_eq!(skipped.status, 400);
    assert_eq!(skipped.body["error"]["field"], "status");

    set_status(&acme.leader, &id, "planned").await;
    app.clock.advance(Duration::minutes(10));
    set_status(&acme.admin, &id, "in_progress").await;
    let done = set_status(&acme.admin, &id, "done").await;
    assert_eq!(statuses(&done), ["proposed", "planned", "in_progress", "done"]);
    let history = done["history"].as_array().unwrap();
    assert_eq!(history[1]["by"]["name"], "User leader@acme.fi");
    assert_eq!(history[1]["note"], "now planned");
    assert_eq!(history[2]["by"]["name"], "Admin of Acme");
    assert!(history[1]["at"].as_str() < history[2]["at"].as_str());
    assert_eq!(done["summary"]["done_at"], history[3]["at"]);
    // Done is final, and its check window is fixed.
    let dropped = acme
        .leader
        .post(
            &format!("/api/v1/initiatives/{id}/status"),
            json!({"status": "dropped"}),
        )
        .await;
    assert_eq!(dropped.status, 400);
    let mut input = done["input"].clone();
    input["check_days"] = json!(120);
    let refit = acme.leader.put(&format!("/api/v1/initiatives/{id}"), input).await;
    assert_eq!(refit.status, 400);
    assert_eq!(refit.body["error"]["field"], "check_days");
    // The list ranks it and the done check waits for its window.
    let list = acme.member.get("/api/v1/initiatives").await;
    assert_eq!(list.status, 200);
    assert_eq!(list.body[0]["id"], id.as_str());
    assert_eq!(done["check"]["verdict"], "waiting");
}

#[tokio::test]
async fn initiatives_rank_by_the_revenue_at_risk_they_touch_and_check_their_links() {
    let app = TestApp::new().await;
    let acme = reports_in_three_accounts(&app).await;
    let create = |title: &str, accounts: Vec<&String>| json!({"title": title, "description": "Why and how", "owner": null, "accounts": accounts});
    let small = acme
        .leader
        .post(
            "/api/v1/initiatives",
            create("Promoters' referrals", vec![&acme.accounts[3]]),
        )
        .await;
    assert_eq!(small.status, 201, "{}", small.body);
    let big = acme
        .leader
        .post(
            "/api/v1/initiatives",
            create("Detractors' calls", vec![&acme.accounts[0], &acme.accounts[1]]),
        )
        .await;
    assert_eq!(big.status, 201, "{}", big.body);
    let list = acme.leader.get("/api/v1/initiatives").await;
    let titles: Vec<&str> = list
        .body
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["title"].as_str().unwrap())
        .collect();
    assert_eq!(titles, ["Detractors' calls", "Promoters' referrals"]);
    // Evidence that is not the organisation's, an empty title, a short window: refused.
    for (body, field) in [
        (json!({"title": "X", "accounts": ["nope"]}), "accounts"),
        (json!({"title": "X", "answers": ["nope"]}), "answers"),
        (json!({"title": "X", "cases": ["nope"]}), "cases"),
        (json!({"title": " "}), "title"),
        (json!({"title": "X", "check_days": 5}), "check_days"),
        (json!({"title": "X", "owner": "nobody"}), "owner"),
    ] {
        let reply = acme.leader.post("/api/v1/initiatives", body).await;
        assert_eq!(reply.status, 400, "{}", reply.body);
        assert_eq!(reply.body["error"]["field"], field);
    }
}

/// Takes reporting up and marks it done as the admin; returns its id.
async fn done_initiative(acme: &Acme<'_>) -> String {
    let view = take_up(&acme.admin).await;
    let id = view["summary"]["id"].as_str().unwrap().to_string();
    for status in ["planned", "in_progress", "done"] {
        set_status(&acme.admin, &id, status).await;
    }
    id
}

#[tokio::test]
async fn the_check_with_enough_answers_shows_it_worked() {
    let app = TestApp::new().await;
    let acme = reports_in_three_accounts(&app).await;
    // Three more complaints before: six answers of A, B and C, all about the report.
    for account in &acme.accounts[..3] {
        answered(&app, &acme.admin, account, "second", &[(5, Some(REPORT))]).await;
    }
    let id = done_initiative(&acme).await;
    app.clock.advance(Duration::days(30));
    let admin = app.signed_in("anna@acme.fi").await;
    for account in &acme.accounts[..3] {
        answered(
            &app,
            &admin,
            account,
            "after",
            &[(9, None), (10, Some("Great reports now."))],
        )
        .await;
    }
    app.clock.advance(Duration::days(61));
    let leader = app.signed_in("leader@acme.fi").await;
    let view = leader.get(&format!("/api/v1/initiatives/{id}")).await;
    assert_eq!(view.status, 200, "{}", view.body);
    let check = &view.body["check"];
    assert_eq!(check["window_days"], 90);
    assert_eq!(check["before"]["answers"], 6);
    assert_eq!(check["before"]["mentioning"], 6);
    assert_eq!(check["before"]["share"], 100.0);
    // 3, 6, 9, 5, 5, 5: one promoter, five detractors.
    assert_eq!(check["before"]["nps"], json!(100.0 * (1.0 - 5.0) / 6.0));
    assert_eq!(check["after"]["answers"], 6);
    // "Great reports now." is about reporting too.
    assert_eq!(check["after"]["mentioning"], 3);
    assert_eq!(check["after"]["share"], 50.0);
    assert_eq!(check["after"]["nps"], 100.0);
    assert_eq!(check["min_answers"], 5);
    assert_eq!(check["verdict"], "worked");
}

#[tokio::test]
async fn the_check_with_too_few_answers_gives_no_verdict() {
    let app = TestApp::new().await;
    let acme = reports_in_three_accounts(&app).await;
    let id = done_initiative(&acme).await;
    app.clock.advance(Duration::days(10));
    let admin = app.signed_in("anna@acme.fi").await;
    answered(&app, &admin, &acme.accounts[0], "after", &[(10, None), (10, None)]).await;
    app.clock.advance(Duration::days(81));
    let leader = app.signed_in("leader@acme.fi").await;
    let view = leader.get(&format!("/api/v1/initiatives/{id}")).await;
    let check = &view.body["check"];
    assert_eq!(check["before"]["answers"], 3);
    assert_eq!(check["after"]["answers"], 2);
    assert_eq!(check["after"]["nps"], 100.0);
    assert_eq!(check["verdict"], "too_little_data");
}

#[tokio::test]
async fn members_read_and_only_leaders_and_admins_manage() {
    let app = TestApp::new().await;
    let acme = reports_in_three_accounts(&app).await;
    let view = take_up(&acme.leader).await;
    let id = view["summary"]["id"].as_str().unwrap();
    let input = view["input"].clone();

    let read = acme.member.get(&format!("/api/v1/initiatives/{id}")).await;
    assert_eq!(read.status, 200, "{}", read.body);
    assert_eq!(read.body["can_manage"], false);
    // The member is on A only: A's evidence, not B's or C's.
    let seen: Vec<&str> = read.body["answers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["account_name"].as_str().unwrap())
        .collect();
    assert_eq!(seen, ["A"]);
    assert_eq!(read.body["summary"]["accounts"], 3);
    assert_eq!(acme.member.get("/api/v1/initiatives").await.status, 200);

    let status = json!({"status": "planned"});
    for reply in [
        acme.member.get("/api/v1/initiatives/suggestions").await,
        acme.member
            .post("/api/v1/initiatives/suggestions/take-up", reporting())
            .await,
        acme.member
            .post("/api/v1/initiatives/suggestions/dismiss", reporting())
            .await,
        acme.member.post("/api/v1/initiatives", input.clone()).await,
        acme.member
            .put(&format!("/api/v1/initiatives/{id}"), input.clone())
            .await,
        acme.member
            .post(&format!("/api/v1/initiatives/{id}/status"), status.clone())
            .await,
    ] {
        assert_eq!(reply.status, 403, "{}", reply.body);
        assert_eq!(reply.body["error"]["code"], "forbidden");
    }
    let unchanged = acme.leader.get(&format!("/api/v1/initiatives/{id}")).await;
    assert_eq!(unchanged.body["summary"]["status"], "proposed");
    let mut renamed = input.clone();
    renamed["title"] = json!("Reports that say something");
    let edited = acme.leader.put(&format!("/api/v1/initiatives/{id}"), renamed).await;
    assert_eq!(edited.status, 200, "{}", edited.body);
    assert_eq!(edited.body["summary"]["title"], "Reports that say something");
}

#[tokio::test]
async fn another_organisation_reaches_nothing() {
    let app = TestApp::new().await;
    let acme = reports_in_three_accounts(&app).await;
    let view = take_up(&acme.leader).await;
    let id = view["summary"]["id"].as_str().unwrap();
    let input = view["input"].clone();

    let other = app.signup("Umbrella", "boss@umbrella.fi").await;
    assert_eq!(other.get("/api/v1/initiatives").await.body, json!([]));
    assert_eq!(suggestions(&other).await, Vec::<Value>::new());
    for reply in [
        other.get(&format!("/api/v1/initiatives/{id}")).await,
        other.put(&format!("/api/v1/initiatives/{id}"), input.clone()).await,
        other
            .post(
                &format!("/api/v1/initiatives/{id}/status"),
                json!({"status": "planned"}),
            )
            .await,
        // Acme's suggestions are not Umbrella's to take up.
        other
            .post(
                "/api/v1/initiatives/suggestions/take-up",
                json!({"kind": "cause", "key": "voice_lost"}),
            )
            .await,
    ] {
        assert_eq!(reply.status, 404, "{}", reply.body);
        assert_eq!(reply.body["error"]["code"], "not_found");
    }
    // Acme's accounts and answers are not evidence Umbrella can link.
    let mut stolen = input.clone();
    stolen["owner"] = Value::Null;
    let reply = other.post("/api/v1/initiatives", stolen).await;
    assert_eq!(reply.status, 400);
    assert_eq!(reply.body["error"]["field"], "accounts");
    // Umbrella dismissing the same topic leaves Acme's suggestions alone.
    let dismissed = other
        .post(
            "/api/v1/initiatives/suggestions/dismiss",
            json!({"kind": "cause", "key": "voice_lost"}),
        )
        .await;
    assert_eq!(dismissed.status, 204);
    let unchanged = acme.leader.get(&format!("/api/v1/initiatives/{id}")).await;
    assert_eq!(unchanged.body["summary"]["status"], "proposed");
}

/// Once done, an initiative is something to tell each customer whose words it links:
/// the account's lead then reviews it with the case and action items ("you said, we did").
#[tokio::test]
async fn a_done_initiative_is_proposed_to_the_customers_whose_words_it_answers() {
    let app = TestApp::new().await;
    let acme = reports_in_three_accounts(&app).await;
    let told = |account: &str| format!("/api/v1/accounts/{account}/we-did");
    let initiative_items = |view: &Value| -> Vec<Value> {
        view["items"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|item| item["source"] == "done_initiative")
            .cloned()
            .collect()
    };
    let before = acme.admin.get(&told(&acme.accounts[0])).await.body;
    assert!(initiative_items(&before).is_empty(), "nothing done yet: {before}");

    done_initiative(&acme).await;
    let view = acme.admin.get(&told(&acme.accounts[0])).await.body;
    let items = initiative_items(&view);
    assert_eq!(items.len(), 1, "{view}");
    assert_eq!(items[0]["contact_name"], "first 0");
    assert_eq!(items[0]["status"], "proposed", "the lead decides what is told");
    assert_eq!(items[0]["text"]["said"]["en"], REPORT, "the customer's words, verbatim");
    assert!(!items[0]["text"]["did"]["en"].as_str().unwrap().is_empty());
    // D never mentioned the report: nothing to tell there.
    let other = acme.admin.get(&told(&acme.accounts[3])).await.body;
    assert!(initiative_items(&other).is_empty(), "{other}");
}

const PRAISE_A: &str = "The weekly report is excellent and really useful.";
const PRAISE_B: &str = "Brilliant reports, thank you, truly great work.";

/// An initiative made by hand (its topic is not the recurring one), moved through
/// `statuses` now.
async fn initiative_moved(acme: &Acme<'_>, title: &str, statuses: &[&str]) -> String {
    let created = acme
        .leader
        .post(
            "/api/v1/initiatives",
            json!({"title": title, "owner": null, "topics": [{"kind": "theme", "key": "communication"}],
                   "accounts": [acme.accounts[0]]}),
        )
        .await;
    assert_eq!(created.status, 201, "{}", created.body);
    let id = created.body["summary"]["id"].as_str().unwrap().to_string();
    for status in statuses {
        set_status(&acme.leader, &id, status).await;
    }
    id
}

/// November at Acme: the report complaints of A, B and C recur; A and B praise the
/// report; one initiative is started and another done. Then it is 1 December.
async fn november_at_acme(app: &TestApp) -> Acme<'_> {
    let acme = reports_in_three_accounts(app).await;
    answered(app, &acme.admin, &acme.accounts[0], "praise", &[(10, Some(PRAISE_A))]).await;
    answered(app, &acme.admin, &acme.accounts[1], "praise", &[(10, Some(PRAISE_B))]).await;
    initiative_moved(&acme, "Weekly status calls", &["planned", "in_progress"]).await;
    initiative_moved(&acme, "One contact person", &["planned", "in_progress", "done"]).await;
    app.clock.advance(Duration::days(8));
    acme
}

fn digest_pass_ok(reports: &[JobReport]) {
    let report = reports.iter().find(|r| r.job == Job::Digests).unwrap();
    assert_eq!(report.error, None);
}

#[tokio::test]
async fn the_months_digest_reaches_the_whole_team_once_in_their_language() {
    let app = TestApp::new().await;
    let _acme = november_at_acme(&app).await;
    // Another organisation's month had nothing in it: no digest of its own, and none
    // of Acme's.
    app.signup("Umbrella", "boss@umbrella.fi").await;
    let scheduler = Scheduler::new(app.state.clone(), "only");
    digest_pass_ok(&scheduler.run_once().await);

    let digests = |to: &'static str| {
        let app = &app;
        async move {
            common::team::outbox(app)
                .await
                .into_iter()
                .filter(|m| m["to"] == to && m["subject"].as_str().unwrap().contains("2026"))
                .collect::<Vec<Value>>()
        }
    };
    let admin = digests("anna@acme.fi").await;
    assert_eq!(admin.len(), 1, "{admin:?}");
    assert_eq!(admin[0]["subject"], "The team's month: November 2026");
    let body = admin[0]["body"].as_str().unwrap();
    for expected in [
        // Started and done within the month: in both lists.
        "Initiatives started:\n  • One contact person\n  • Weekly status calls\n",
        "Initiatives done:\n  • One contact person",
        "What customers praised most:\n  • Reporting: 2 comments from 2 accounts",
        "Recurring across accounts, with no initiative on it yet:\n",
        "  • Reporting: 3 accounts, €",
        "/digest?month=2026-11",
    ] {
        assert!(body.contains(expected), "{expected:?} not in {body}");
    }
    assert!(body.contains(PRAISE_A) || body.contains(PRAISE_B), "{body}");

    // The member reads Finnish and sees only A: B's words are not quoted to them.
    let member = digests("member@acme.fi").await;
    assert_eq!(member.len(), 1, "{member:?}");
    assert_eq!(member[0]["subject"], "Tiimin kuukausi: marraskuu 2026");
    let body = member[0]["body"].as_str().unwrap();
    assert!(
        body.contains("Aloitetut kehityshankkeet:\n  • One contact person\n  • Weekly status calls\n"),
        "{body}"
    );
    assert!(body.contains(PRAISE_A) && !body.contains(PRAISE_B), "{body}");
    assert_eq!(digests("leader@acme.fi").await.len(), 1);

    // Once: the next pass, and December's passes, send November's digest to nobody again.
    digest_pass_ok(&scheduler.run_once().await);
    app.clock.advance(Duration::days(3));
    digest_pass_ok(&scheduler.run_once().await);
    assert_eq!(digests("anna@acme.fi").await.len(), 1);
    assert_eq!(digests("member@acme.fi").await.len(), 1);
    let theirs = app.signed_in("boss@umbrella.fi").await.get("/api/v1/outbox").await;
    assert_eq!(theirs.body, json!([]), "an empty month sends nothing");
}

#[tokio::test]
async fn the_digest_page_shows_any_month_as_its_reader_may_see_it() {
    let app = TestApp::new().await;
    let _acme = november_at_acme(&app).await;

    // By default the last month that is over: November.
    let admin = app.signed_in("anna@acme.fi").await;
    let member = app.signed_in("member@acme.fi").await;
    let digest = admin.get("/api/v1/digest").await;
    assert_eq!(digest.status, 200, "{}", digest.body);
    let digest = digest.body;
    assert_eq!(digest["month"], "2026-11");
    assert_eq!(digest["previous"], Value::Null, "Acme began in November");
    assert_eq!(digest["next"], Value::Null, "December is not over");
    assert_eq!(digest["answers"], 7);
    let titles = |list: &Value| -> Vec<String> {
        list.as_array()
            .unwrap()
            .iter()
            .map(|i| i["title"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(
        titles(&digest["started"]),
        ["One contact person", "Weekly status calls"]
    );
    assert_eq!(titles(&digest["done"]), ["One contact person"]);
    assert_eq!(digest["praised"][0]["theme"], "reporting");
    assert_eq!(digest["praised"][0]["mentions"], 2);
    let recurring = find_reporting(digest["recurring"].as_array().unwrap()).expect("reporting recurs");
    assert_eq!(recurring["accounts"], 3);
    let quote = |digest: &Value| digest["praised"][0]["quote"]["text"].as_str().map(String::from);
    assert!([Some(PRAISE_A.to_string()), Some(PRAISE_B.to_string())].contains(&quote(&digest)));
    let members = member.get("/api/v1/digest?month=2026-11").await.body;
    assert_eq!(quote(&members).as_deref(), Some(PRAISE_A), "the member is on A only");
    assert_eq!(members["done"], digest["done"]);

    // December so far: nothing done yet, and nothing after it to go to.
    let december = member.get("/api/v1/digest?month=2026-12").await.body;
    assert_eq!(
        (december["answers"].clone(), december["previous"].clone()),
        (json!(0), json!("2026-11"))
    );
    assert_eq!(december["started"], json!([]));

    for month in ["2026-10", "2027-01", "2026-13", "November"] {
        let reply = member.get(&format!("/api/v1/digest?month={month}")).await;
        assert_eq!(reply.status, 400, "{month}: {}", reply.body);
        assert_eq!(reply.body["error"]["field"], "month");
    }
    assert_eq!(app.browser().get("/api/v1/digest").await.status, 401);

    // Another organisation's month holds nothing of Acme's.
    let other = app.signup("Umbrella", "boss@umbrella.fi").await;
    let theirs = other.get("/api/v1/digest?month=2026-12").await;
    assert_eq!(theirs.status, 200, "{}", theirs.body);
    assert_eq!(theirs.body["answers"], 0);
    for section in ["started", "done", "praised", "recurring"] {
        assert_eq!(theirs.body[section], json!([]), "{section}");
    }
}
