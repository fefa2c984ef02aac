//! Counter-feedback over the HTTP API: a customer answer asks exactly the account
//! team, the team answers through sync (once, however often it is delivered),
//! action edits conflict when the action changed, unanswered requests are reminded
//! and escalated on time, the analysis learns from corrections, and other
//! organisations reach none of it.

mod common;

use chrono::Duration;
use common::survey::{answer, comment, complete_answers, round_on, submit};
use common::sync::{submit_mutation, sync};
use common::team::{AccountTeam as Team, account_team as team, outbox_to};
use common::{Browser, PASSWORD, TestApp};
use kaiku_server::service::counterfeedback::{FollowUpRun, follow_up};
use serde_json::{Value, json};

const DEVELOPMENT_POINT: &str = "Toivoisin, että raportit tulisivat ajallaan joka viikko.";

fn critical_answers() -> Value {
    json!({"answers": [
        answer("nps", 5), answer("quality", 3), answer("communication", 2), answer("schedule", 2),
        answer("understanding", 3), answer("value", 3),
        comment("do_differently", &format!("En ole tyytyväinen viestintään. {DEVELOPMENT_POINT}")),
    ]})
}

async fn customer_answers(app: &TestApp, team: &Team<'_>) {
    let reply = submit(&app.browser(), &team.links[0].1, critical_answers()).await;
    assert_eq!(reply.status, 200, "{}", reply.body);
}

async fn open_requests(browser: &Browser<'_>) -> Vec<Value> {
    let reply = browser.get("/api/v1/counter-feedback/requests").await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    reply.body["open"].as_array().unwrap().clone()
}

fn counter_feedback(account: &str, request: Option<&str>, owner: &str) -> Value {
    json!({
        "account": account,
        "request": request,
        "health": 2,
        "churn_risk": "high",
        "churn_causes": ["voice_lost"],
        "behind_the_scenes": "Their new CTO wants fewer vendors.",
        "changes": [{"text": "Weekly status report every Friday", "owner": owner, "due": "2026-12-04"}],
        "further_needs": "They asked about analytics training.",
        "notes": ""
    })
}

fn edit_mutation(id: &str, action: &Value, base_revision: u64, text: &str) -> Value {
    json!({"id": id, "kind": "edit_action", "counter_feedback": null, "action_edit": {
        "action": action["id"], "base_revision": base_revision, "text": text,
        "owner": action["owner"]["id"], "due": action["due"], "status": "open"
    }})
}

/// One action edit, sent alone; its result.
async fn edit_once(browser: &Browser<'_>, id: &str, action: &Value, base_revision: u64, text: &str) -> Value {
    sync(browser, vec![edit_mutation(id, action, base_revision, text)])
        .await
        .remove(0)
}

#[tokio::test]
async fn a_customer_answer_asks_exactly_the_account_team_with_the_development_points() {
    let app = TestApp::new().await;
    let team = team(&app).await;
    customer_answers(&app, &team).await;

    for browser in [&team.lead, &team.member] {
        let open = open_requests(browser).await;
        assert_eq!(open.len(), 1);
        let request = &open[0];
        assert_eq!(request["account"]["name"], "Globex");
        assert_eq!(request["response"]["contact_name"], "Maija Virtanen");
        // The customer's words verbatim, and the sentence that asks for change.
        assert!(
            request["response"]["answers"]
                .as_array()
                .unwrap()
                .iter()
                .any(|a| a["text"].as_str().is_some_and(|t| t.contains(DEVELOPMENT_POINT)))
        );
        assert_eq!(request["development_points"], json!([DEVELOPMENT_POINT]));
        let analysis = &request["response"]["analysis"][0]["analysis"];
        assert_eq!(analysis["sentiment"]["polarity"], "negative");
        assert_eq!(analysis["lang"], "fi");
    }
    assert!(open_requests(&team.outsider).await.is_empty());
    assert!(open_requests(&team.admin).await.is_empty());

    // Each team member got one email in their language, with the point and the link.
    for email in ["lead@acme.fi", "member@acme.fi"] {
        let mails: Vec<Value> = outbox_to(&app, email)
            .await
            .into_iter()
            .filter(|m| m["subject"].as_str().unwrap().starts_with("Vastapalautepyyntö"))
            .collect();
        assert_eq!(mails.len(), 1, "{email}");
        let body = mails[0]["body"].as_str().unwrap();
        assert!(body.contains(DEVELOPMENT_POINT));
        assert!(body.contains("/requests/"));
    }
    assert!(
        outbox_to(&app, "outsider@acme.fi")
            .await
            .iter()
            .all(|m| { !m["subject"].as_str().unwrap().starts_with("Vastapalaute") })
    );
}

#[tokio::test]
async fn counter_feedback_is_recorded_once_closes_the_request_and_shows_on_the_account() {
    let app = TestApp::new().await;
    let team = team(&app).await;
    customer_answers(&app, &team).await;
    let request = open_requests(&team.member).await[0]["id"].as_str().unwrap().to_string();

    let mutation = submit_mutation(
        "6f1c2b9e-0000-4000-8000-000000000001",
        counter_feedback(&team.account, Some(&request), &team.member_id),
    );
    let first = sync(&team.member, vec![mutation.clone()]).await;
    assert_eq!(first[0]["outcome"], "applied", "{first:?}");
    // The same mutation again (a lost response, a second tab): nothing new.
    let again = sync(&team.member, vec![mutation.clone(), mutation]).await;
    assert_eq!(again[0]["outcome"], "already_applied");
    assert_eq!(again[1]["outcome"], "already_applied");

    assert!(open_requests(&team.member).await.is_empty());
    // The lead's own request stays open: everyone on the team is asked for their view.
    assert_eq!(open_requests(&team.lead).await.len(), 1);

    let given = team
        .lead
        .get(&format!("/api/v1/accounts/{}/counter-feedback", team.account))
        .await;
    assert_eq!(given.status, 200);
    let given = given.body.as_array().unwrap();
    assert_eq!(given.len(), 1);
    assert_eq!(given[0]["author"]["name"], "User member@acme.fi");
    assert_eq!(given[0]["health"], 2);
    assert_eq!(given[0]["churn_risk"], "high");
    assert_eq!(given[0]["churn_causes"], json!(["voice_lost"]));
    assert_eq!(given[0]["response"], team.links[0].0.as_str());

    let actions = team
        .lead
        .get(&format!("/api/v1/accounts/{}/actions", team.account))
        .await;
    let actions = actions.body.as_array().unwrap();
    assert_eq!(actions.len(), 1);
    assert_eq!(actions[0]["text"], "Weekly status report every Friday");
    assert_eq!(actions[0]["owner"]["id"], team.member_id.as_str());
    assert_eq!(actions[0]["due"], "2026-12-04");
    assert_eq!(actions[0]["status"], "open");
    assert_eq!(actions[0]["revision"], 1);
}

#[tokio::test]
async fn a_request_names_the_colleagues_who_already_answered_the_same_response() {
    let app = TestApp::new().await;
    let team = team(&app).await;
    customer_answers(&app, &team).await;
    let lead_request = open_requests(&team.lead).await[0].clone();
    assert_eq!(lead_request["answered_by"], json!([]), "nobody has answered yet");
    let member_request = open_requests(&team.member).await[0]["id"].as_str().unwrap().to_string();

    let mutation = submit_mutation(
        "6f1c2b9e-0000-4000-8000-0000000000a1",
        counter_feedback(&team.account, Some(&member_request), &team.member_id),
    );
    assert_eq!(sync(&team.member, vec![mutation]).await[0]["outcome"], "applied");

    // The lead's request, in the list and on its own page, names the member.
    let colleague = json!([{"id": team.member_id, "name": "User member@acme.fi"}]);
    assert_eq!(open_requests(&team.lead).await[0]["answered_by"], colleague);
    let page = team
        .lead
        .get(&format!(
            "/api/v1/counter-feedback/requests/{}",
            lead_request["id"].as_str().unwrap()
        ))
        .await;
    assert_eq!(page.status, 200, "{}", page.body);
    assert_eq!(page.body["answered_by"], colleague);
    // The member's own answered request does not name the member.
    let own = team
        .member
        .get(&format!("/api/v1/counter-feedback/requests/{member_request}"))
        .await;
    assert_eq!(own.status, 200, "{}", own.body);
    assert_eq!(own.body["answered_by"], json!([]));
    // Someone outside the account's team learns nothing about it.
    let outsider = team
        .outsider
        .get(&format!("/api/v1/counter-feedback/requests/{member_request}"))
        .await;
    assert_eq!(outsider.status, 404);
}

#[tokio::test]
async fn counter_feedback_can_be_given_without_a_survey_and_bad_input_changes_nothing() {
    let app = TestApp::new().await;
    let team = team(&app).await;
    let own_initiative = submit_mutation(
        "6f1c2b9e-0000-4000-8000-000000000010",
        counter_feedback(&team.account, None, &team.lead_id),
    );
    let mut unhealthy = counter_feedback(&team.account, None, &team.lead_id);
    unhealthy["health"] = json!(7);
    let mut no_cause = counter_feedback(&team.account, None, &team.lead_id);
    no_cause["churn_causes"] = json!([]);
    let mut stranger = counter_feedback(&team.account, None, "nobody-at-all");
    stranger["health"] = json!(3);
    let results = sync(
        &team.lead,
        vec![
            own_initiative,
            submit_mutation("6f1c2b9e-0000-4000-8000-000000000011", unhealthy),
            submit_mutation("6f1c2b9e-0000-4000-8000-000000000012", no_cause),
            submit_mutation("6f1c2b9e-0000-4000-8000-000000000013", stranger),
            submit_mutation("not valid!", counter_feedback(&team.account, None, &team.lead_id)),
        ],
    )
    .await;
    let outcomes: Vec<(&str, &str)> = results
        .iter()
        .map(|r| {
            (
                r["outcome"].as_str().unwrap(),
                r["error"]["field"].as_str().unwrap_or(""),
            )
        })
        .collect();
    assert_eq!(
        outcomes,
        vec![
            ("applied", ""),
            ("rejected", "health"),
            ("rejected", "churn_causes"),
            ("rejected", "changes"),
            ("rejected", "id"),
        ]
    );
    assert_eq!(results[1]["error"]["code"], "validation");
    let given = team
        .lead
        .get(&format!("/api/v1/accounts/{}/counter-feedback", team.account))
        .await;
    assert_eq!(given.body.as_array().unwrap().len(), 1);
    assert_eq!(given.body[0]["request"], Value::Null);

    // The outsider is not on the account: it does not exist for them.
    let refused = sync(
        &team.outsider,
        vec![submit_mutation(
            "6f1c2b9e-0000-4000-8000-000000000014",
            counter_feedback(&team.account, None, &team.lead_id),
        )],
    )
    .await;
    assert_eq!(refused[0]["outcome"], "rejected");
    assert_eq!(refused[0]["error"]["code"], "not_found");

    let too_many: Vec<Value> = (0..51)
        .map(|i| {
            submit_mutation(
                &format!("6f1c2b9e-0000-4000-8000-1000000000{i:02}"),
                counter_feedback(&team.account, None, &team.lead_id),
            )
        })
        .collect();
    let reply = team.lead.post("/api/v1/sync", json!({"mutations": too_many})).await;
    assert_eq!(reply.status, 400);
    assert_eq!(reply.body["error"]["field"], "mutations");
}

#[tokio::test]
async fn an_edit_against_an_old_revision_is_a_conflict_that_keeps_both_versions() {
    let app = TestApp::new().await;
    let team = team(&app).await;
    sync(
        &team.lead,
        vec![submit_mutation(
            "6f1c2b9e-0000-4000-8000-000000000020",
            counter_feedback(&team.account, None, &team.member_id),
        )],
    )
    .await;
    let actions = team
        .member
        .get(&format!("/api/v1/accounts/{}/actions", team.account))
        .await;
    let action = actions.body[0].clone();

    let lead_edit = edit_once(
        &team.lead,
        "6f1c2b9e-0000-4000-8000-000000000021",
        &action,
        1,
        "Status report on Thursdays",
    )
    .await;
    assert_eq!(lead_edit["outcome"], "applied");
    assert_eq!(lead_edit["current"]["revision"], 2);

    // The member edited offline from revision 1: the server keeps the lead's text and
    // answers with it, so the member's device can show both.
    let member_edit = edit_once(
        &team.member,
        "6f1c2b9e-0000-4000-8000-000000000022",
        &action,
        1,
        "Status call every Monday",
    )
    .await;
    assert_eq!(member_edit["outcome"], "conflict");
    assert_eq!(member_edit["current"]["text"], "Status report on Thursdays");
    assert_eq!(member_edit["current"]["revision"], 2);

    // "Keep mine": the same edit against the revision the server reported.
    let kept = edit_once(
        &team.member,
        "6f1c2b9e-0000-4000-8000-000000000023",
        &action,
        2,
        "Status call every Monday",
    )
    .await;
    assert_eq!(kept["outcome"], "applied");
    let after = team
        .lead
        .get(&format!("/api/v1/accounts/{}/actions", team.account))
        .await;
    assert_eq!(after.body[0]["text"], "Status call every Monday");
    assert_eq!(after.body[0]["revision"], 3);

    // Delivered again later: already applied, the action unchanged.
    let replay = edit_once(
        &team.member,
        "6f1c2b9e-0000-4000-8000-000000000022",
        &action,
        1,
        "Status call every Monday",
    )
    .await;
    assert_eq!(replay["outcome"], "conflict");
    let replay_applied = edit_once(
        &team.member,
        "6f1c2b9e-0000-4000-8000-000000000023",
        &action,
        2,
        "Something else",
    )
    .await;
    assert_eq!(replay_applied["outcome"], "already_applied");
    assert_eq!(replay_applied["current"]["text"], "Status call every Monday");
}

#[tokio::test]
async fn unanswered_requests_are_reminded_then_escalated_to_the_lead_each_once() {
    let app = TestApp::new().await;
    let team = team(&app).await;
    customer_answers(&app, &team).await;
    let lead_request = open_requests(&team.lead).await[0]["id"].as_str().unwrap().to_string();
    // The lead answers at once; only the member's request stays open.
    sync(
        &team.lead,
        vec![submit_mutation(
            "6f1c2b9e-0000-4000-8000-000000000030",
            counter_feedback(&team.account, Some(&lead_request), &team.lead_id),
        )],
    )
    .await;

    let reminders = |mails: &[Value]| {
        mails
            .iter()
            .filter(|m| m["subject"].as_str().unwrap().starts_with("Muistutus"))
            .count()
    };
    let escalations = |mails: &[Value]| {
        mails
            .iter()
            .filter(|m| m["subject"].as_str().unwrap().starts_with("Vastapalaute myöhässä"))
            .count()
    };

    app.clock.advance(Duration::days(1) + Duration::hours(23));
    assert_eq!(follow_up(&app.state).await.unwrap(), FollowUpRun::default());
    app.clock.advance(Duration::hours(1));
    assert_eq!(
        follow_up(&app.state).await.unwrap(),
        FollowUpRun {
            reminded: 1,
            escalated: 0
        }
    );
    // Running again (a restart, a second pass) sends nothing more.
    assert_eq!(follow_up(&app.state).await.unwrap(), FollowUpRun::default());
    assert_eq!(reminders(&outbox_to(&app, "member@acme.fi").await), 1);
    assert_eq!(reminders(&outbox_to(&app, "lead@acme.fi").await), 0);

    app.clock.advance(Duration::days(3));
    assert_eq!(
        follow_up(&app.state).await.unwrap(),
        FollowUpRun {
            reminded: 0,
            escalated: 1
        }
    );
    assert_eq!(follow_up(&app.state).await.unwrap(), FollowUpRun::default());
    let to_lead = outbox_to(&app, "lead@acme.fi").await;
    assert_eq!(escalations(&to_lead), 1);
    assert!(
        to_lead
            .iter()
            .any(|m| m["body"].as_str().unwrap().contains("User member@acme.fi"))
    );
    assert_eq!(escalations(&outbox_to(&app, "member@acme.fi").await), 0);
}

#[tokio::test]
async fn follow_up_days_are_per_organisation_and_set_by_admins() {
    let app = TestApp::new().await;
    let team = team(&app).await;
    let defaults = team.member.get("/api/v1/settings/follow-up").await;
    assert_eq!(defaults.body, json!({"remind_after_days": 2, "escalate_after_days": 5}));
    let refused = team
        .member
        .put(
            "/api/v1/settings/follow-up",
            json!({"remind_after_days": 1, "escalate_after_days": 3}),
        )
        .await;
    assert_eq!(refused.status, 403);
    let invalid = team
        .admin
        .put(
            "/api/v1/settings/follow-up",
            json!({"remind_after_days": 4, "escalate_after_days": 3}),
        )
        .await;
    assert_eq!(invalid.status, 400);
    assert_eq!(invalid.body["error"]["field"], "escalate_after_days");
    let set = team
        .admin
        .put(
            "/api/v1/settings/follow-up",
            json!({"remind_after_days": 1, "escalate_after_days": 3}),
        )
        .await;
    assert_eq!(set.status, 200, "{}", set.body);

    customer_answers(&app, &team).await;
    app.clock.advance(Duration::days(1));
    assert_eq!(follow_up(&app.state).await.unwrap().reminded, 2);
    app.clock.advance(Duration::days(2));
    assert_eq!(follow_up(&app.state).await.unwrap().escalated, 2);
}

#[tokio::test]
async fn a_correction_changes_the_answer_at_once_and_later_answers_like_it() {
    let app = TestApp::new().await;
    let team = team(&app).await;
    let wording = "The sprint demos felt rushed and the backlog grooming was skipped again.";
    let answers = |text: &str| {
        json!({"answers": [
            answer("nps", 7), answer("quality", 4), answer("communication", 4), answer("schedule", 4),
            answer("understanding", 4), answer("value", 4), comment("do_differently", text),
        ]})
    };
    let reply = submit(&app.browser(), &team.links[1].1, answers(wording)).await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    let link = &team.links[1].0;
    let responses = team
        .lead
        .get(&format!("/api/v1/accounts/{}/responses", team.account))
        .await;
    let themes = &responses.body[0]["analysis"][0]["analysis"]["themes"];
    assert!(
        !themes.as_array().unwrap().iter().any(|t| t["key"] == "schedule"),
        "{themes}"
    );

    let corrected = team
        .lead
        .post(
            &format!("/api/v1/responses/{link}/corrections"),
            json!({"question_id": "do_differently", "kind": "theme", "label": "schedule", "present": true}),
        )
        .await;
    assert_eq!(corrected.status, 200, "{}", corrected.body);
    assert!(
        corrected.body["analysis"]["themes"]
            .as_array()
            .unwrap()
            .iter()
            .any(|t| t["key"] == "schedule" && t["learned"] == true)
    );

    // The next customer writes something similar: the organisation's model has learned.
    let other_account = app
        .account(&team.admin, "Umbrella", json!({"lead_id": team.lead_id}))
        .await;
    let second = round_on(&app, &team.admin, other_account.clone()).await;
    let similar = "Sprint demos were rushed again, and backlog grooming got skipped.";
    let reply = submit(&app.browser(), &second.links[1].1, answers(similar)).await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    let responses = team
        .lead
        .get(&format!("/api/v1/accounts/{other_account}/responses"))
        .await;
    let learned = &responses.body[0]["analysis"][0]["analysis"]["themes"];
    assert!(
        learned
            .as_array()
            .unwrap()
            .iter()
            .any(|t| t["key"] == "schedule" && t["learned"] == true),
        "{learned}"
    );

    let bad_label = team
        .lead
        .post(
            &format!("/api/v1/responses/{link}/corrections"),
            json!({"question_id": "do_differently", "kind": "theme", "label": "no_such_theme", "present": true}),
        )
        .await;
    assert_eq!(bad_label.status, 400);
    assert_eq!(bad_label.body["error"]["field"], "label");
    let not_on_team = team
        .outsider
        .post(
            &format!("/api/v1/responses/{link}/corrections"),
            json!({"question_id": "do_differently", "kind": "theme", "label": "schedule", "present": true}),
        )
        .await;
    assert_eq!(not_on_team.status, 404);
}

/// The themes found in the account's newest response.
async fn newest_themes(browser: &Browser<'_>, account: &str) -> Vec<String> {
    let responses = browser.get(&format!("/api/v1/accounts/{account}/responses")).await;
    assert_eq!(responses.status, 200, "{}", responses.body);
    responses.body[0]["analysis"][0]["analysis"]["themes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["key"].as_str().unwrap().to_string())
        .collect()
}

#[tokio::test]
async fn a_theme_saved_on_another_instance_is_found_in_the_next_answer() {
    let app = TestApp::new().await;
    let team = team(&app).await;
    let answers = json!({"answers": [
        answer("nps", 8), answer("quality", 4), answer("communication", 4), answer("schedule", 4),
        answer("understanding", 4), answer("value", 4),
        comment("do_differently", "The dashboards in Looker could load faster."),
    ]});
    // This instance analyses an answer first, so it holds the organisation's model.
    let reply = submit(&app.browser(), &team.links[0].1, answers.clone()).await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    assert!(
        !newest_themes(&team.lead, &team.account)
            .await
            .contains(&"bi_tools".to_string())
    );

    let other_instance = app.restarted();
    let admin = other_instance.browser();
    assert_eq!(admin.login("anna@acme.fi", PASSWORD).await.status, 200);
    let saved = admin
        .put(
            "/api/v1/settings/themes",
            json!([{"key": "bi_tools", "name": {"fi": "Raportointityökalut", "en": "BI tools"}, "keywords": ["looker", "dashboard*"]}]),
        )
        .await;
    assert_eq!(saved.status, 200, "{}", saved.body);

    app.clock.advance(Duration::minutes(5));
    let reply = submit(&app.browser(), &team.links[1].1, answers).await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    assert!(
        newest_themes(&team.lead, &team.account)
            .await
            .contains(&"bi_tools".to_string()),
        "the theme saved on the other instance is used"
    );
}

#[tokio::test]
async fn another_organisation_reaches_no_request_counter_feedback_action_or_setting() {
    let app = TestApp::new().await;
    let team = team(&app).await;
    customer_answers(&app, &team).await;
    let request = open_requests(&team.member).await[0]["id"].as_str().unwrap().to_string();
    sync(
        &team.member,
        vec![submit_mutation(
            "6f1c2b9e-0000-4000-8000-000000000040",
            counter_feedback(&team.account, Some(&request), &team.member_id),
        )],
    )
    .await;
    let action = team
        .member
        .get(&format!("/api/v1/accounts/{}/actions", team.account))
        .await
        .body[0]
        .clone();

    let other = app.signup("Initech", "boss@initech.com").await;
    for path in [
        format!("/api/v1/counter-feedback/requests/{request}"),
        format!("/api/v1/accounts/{}/counter-feedback", team.account),
        format!("/api/v1/accounts/{}/actions", team.account),
    ] {
        assert_eq!(other.get(&path).await.status, 404, "{path}");
    }
    assert!(open_requests(&other).await.is_empty());
    let results = sync(
        &other,
        vec![
            submit_mutation(
                "6f1c2b9e-0000-4000-8000-000000000041",
                counter_feedback(&team.account, None, &team.member_id),
            ),
            edit_mutation("6f1c2b9e-0000-4000-8000-000000000042", &action, 1, "Hijacked"),
        ],
    )
    .await;
    assert!(
        results
            .iter()
            .all(|r| r["outcome"] == "rejected" && r["error"]["code"] == "not_found")
    );
    let correction = other
        .post(
            &format!("/api/v1/responses/{}/corrections", team.links[0].0),
            json!({"question_id": "do_differently", "kind": "theme", "label": "schedule", "present": true}),
        )
        .await;
    assert_eq!(correction.status, 404);
    // Their own settings are theirs: changing them leaves Acme's as they were.
    let set = other
        .put(
            "/api/v1/settings/follow-up",
            json!({"remind_after_days": 9, "escalate_after_days": 20}),
        )
        .await;
    assert_eq!(set.status, 200);
    assert_eq!(
        team.admin.get("/api/v1/settings/follow-up").await.body["remind_after_days"],
        2
    );
    let unchanged = team
        .member
        .get(&format!("/api/v1/accounts/{}/actions", team.account))
        .await;
    assert_eq!(unchanged.body[0]["text"], action["text"]);
}

#[tokio::test]
async fn the_account_health_flags_a_happy_customer_whose_team_sees_high_risk() {
    let app = TestApp::new().await;
    let team = team(&app).await;
    let path = format!("/api/v1/accounts/{}/health", team.account);
    let before = team.admin.get(&path).await;
    assert_eq!(before.status, 200, "{}", before.body);
    assert_eq!(
        before.body["health"],
        Value::Null,
        "asked, nobody answered yet: {}",
        before.body
    );

    // The customer gives 9/10 and good ratings; the team says health 2, high risk.
    let reply = submit(&app.browser(), &team.links[0].1, complete_answers()).await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    let results = sync(
        &team.member,
        vec![submit_mutation(
            "health-cf",
            counter_feedback(&team.account, None, &team.member_id),
        )],
    )
    .await;
    assert_eq!(results[0]["outcome"], "applied", "{results:?}");

    let view = team.lead.get(&path).await.body;
    let health = &view["health"];
    assert_eq!(health["band"], "high", "the team's high risk lifts the band: {view}");
    assert_eq!(view["gap_flagged"], true, "{view}");
    assert!(health["gap"].as_f64().unwrap() >= 30.0);
    assert_eq!(health["revenue_at_risk_eur"], 60000, "half of 120 000 €");
    let factors: Vec<&str> = health["factors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["factor"].as_str().unwrap())
        .collect();
    for factor in ["nps", "ratings", "team_health", "team_risk", "gap", "response_rate"] {
        assert!(factors.contains(&factor), "{factor} explains the score: {factors:?}");
    }
    let total: f64 = health["factors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["contribution"].as_f64().unwrap())
        .sum();
    assert!(
        (total - health["score"].as_f64().unwrap()).abs() < 0.01,
        "contributions add up to the score"
    );

    assert_eq!(team.outsider.get(&path).await.status, 404, "not on the account's team");
    let other = app.signup("Initech", "boss@initech.test").await;
    assert_eq!(other.get(&path).await.status, 404);
}
