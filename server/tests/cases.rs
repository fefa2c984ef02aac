//! Cases over the HTTP API: each unhappy signal opens one case per account (further
//! ones attach), people open cases by hand, deadlines run in working hours, owners
//! are reminded and leaders told once, LATTE steps and the closing rules, and
//! nobody outside the account or the organisation reaches any of it; the re-pulse two
//! weeks after closing.

mod common;

use chrono::{DateTime, Duration, Utc};
use common::cases::{COMPLAINT, close_explained, detractor_answers};
use common::survey::{answer, comment, submit};
use common::sync::{create_action_mutation, submit_mutation, sync};
use common::team::{AccountTeam, account_team, outbox_to};
use common::{Browser, TestApp};
use kaiku_server::service::cases::follow_up;
use kaiku_server::service::repulse::send_due;
use serde_json::{Value, json};

/// Acme's team (see `common::team`) and a leader, `leader@`.
struct Team<'a> {
    base: AccountTeam<'a>,
    leader: Browser<'a>,
}

impl<'a> std::ops::Deref for Team<'a> {
    type Target = AccountTeam<'a>;

    fn deref(&self) -> &AccountTeam<'a> {
        &self.base
    }
}

async fn team(app: &TestApp) -> Team<'_> {
    let base = account_team(app).await;
    let leader = app.join(&base.admin, "leader@acme.fi", "leader").await;
    Team { base, leader }
}

/// A content customer, no comment.
fn happy_answers(quality: i32) -> Value {
    json!({"answers": [
        answer("nps", 9), answer("quality", quality), answer("communication", 4), answer("schedule", 4),
        answer("understanding", 4), answer("value", 4),
    ]})
}

async fn answers(app: &TestApp, token: &str, body: Value) {
    let reply = submit(&app.browser(), token, body).await;
    assert_eq!(reply.status, 200, "{}", reply.body);
}

async fn cases(browser: &Browser<'_>, query: &str) -> Vec<Value> {
    let reply = browser.get(&format!("/api/v1/cases?{query}")).await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    reply.body.as_array().unwrap().clone()
}

async fn case(browser: &Browser<'_>, id: &str) -> Value {
    let reply = browser.get(&format!("/api/v1/cases/{id}")).await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    reply.body
}

fn kinds(case: &Value) -> Vec<String> {
    case["triggers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["trigger"]["kind"].as_str().unwrap().to_string())
        .collect()
}

fn counter_feedback(account: &str, request: Option<&str>, risk: &str, health: u8) -> Value {
    json!({
        "account": account, "request": request, "health": health, "churn_risk": risk,
        "churn_causes": if risk == "none" { json!([]) } else { json!(["voice_lost"]) },
        "behind_the_scenes": "Their new CTO wants fewer vendors.",
        "changes": [], "further_needs": "", "notes": ""
    })
}

fn due(case: &Value, deadline: &str) -> DateTime<Utc> {
    let entry = case["deadlines"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["deadline"] == deadline)
        .unwrap();
    DateTime::parse_from_rfc3339(entry["due_at"].as_str().unwrap())
        .unwrap()
        .with_timezone(&Utc)
}

fn utc(text: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(text).unwrap().with_timezone(&Utc)
}

#[tokio::test]
async fn a_detractor_opens_one_case_for_the_lead_and_further_triggers_attach_to_it() {
    let app = TestApp::new().await;
    let team = team(&app).await;
    assert!(cases(&team.admin, "scope=all").await.is_empty());

    answers(&app, &team.links[0].1, detractor_answers(5)).await;
    let mine = cases(&team.lead, "scope=mine").await;
    assert_eq!(mine.len(), 1, "{mine:?}");
    let id = mine[0]["id"].as_str().unwrap().to_string();
    assert_eq!(mine[0]["owner"]["id"], team.lead_id.as_str());
    assert_eq!(mine[0]["account"]["name"], "Globex");
    assert_eq!(mine[0]["status"], "open");
    assert!(
        mine[0]["trigger_kinds"]
            .as_array()
            .unwrap()
            .contains(&json!("detractor"))
    );

    let opened = case(&team.lead, &id).await;
    // The customer's words verbatim, and the score behind the trigger.
    assert_eq!(opened["customer_words"][0]["text"], COMPLAINT);
    assert_eq!(opened["customer_words"][0]["contact_name"], "Maija Virtanen");
    let detractor = opened["triggers"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["trigger"]["kind"] == "detractor")
        .unwrap();
    assert_eq!(detractor["trigger"]["scores"][0]["label"], "nps");
    assert_eq!(detractor["trigger"]["scores"][0]["value"], 5.0);
    assert_eq!(detractor["trigger"]["words"], json!([COMPLAINT]));
    assert_eq!(detractor["response"], team.links[0].0.as_str());

    // A second detractor on the same account and the team's high risk attach.
    answers(&app, &team.links[1].1, detractor_answers(2)).await;
    let mutation = submit_mutation(
        "7a1c2b9e-0000-4000-8000-000000000001",
        counter_feedback(&team.account, None, "high", 2),
    );
    assert_eq!(
        sync(&team.member, vec![mutation.clone()]).await[0]["outcome"],
        "applied"
    );
    // The same counter-feedback delivered again attaches nothing more.
    assert_eq!(
        sync(&team.member, vec![mutation]).await[0]["outcome"],
        "already_applied"
    );

    let all = cases(&team.admin, "scope=all").await;
    assert_eq!(all.len(), 1, "one open case per account: {all:?}");
    let attached = case(&team.admin, &id).await;
    let kinds = kinds(&attached);
    assert_eq!(kinds.iter().filter(|k| *k == "detractor").count(), 2, "{kinds:?}");
    assert_eq!(kinds.iter().filter(|k| *k == "team_high_risk").count(), 1, "{kinds:?}");
    let team_trigger = attached["triggers"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["trigger"]["kind"] == "team_high_risk")
        .unwrap();
    assert_eq!(
        team_trigger["trigger"]["words"],
        json!(["Their new CTO wants fewer vendors."])
    );
    assert_eq!(team_trigger["trigger"]["churn_causes"], json!(["voice_lost"]));
    // A detractor whose team also sees high risk is more severe than a detractor alone.
    assert_ne!(attached["summary"]["severity"], mine[0]["severity"]);
}

#[tokio::test]
async fn the_teams_high_risk_beside_a_happy_customer_opens_a_case_flagged_as_a_gap() {
    let app = TestApp::new().await;
    let team = team(&app).await;
    answers(&app, &team.links[0].1, happy_answers(5)).await;
    assert!(
        cases(&team.admin, "scope=all").await.is_empty(),
        "a happy answer opens nothing"
    );

    // Counter-feedback without worry opens nothing either.
    let calm = submit_mutation(
        "7a1c2b9e-0000-4000-8000-000000000010",
        counter_feedback(&team.account, None, "none", 4),
    );
    sync(&team.member, vec![calm]).await;
    assert!(cases(&team.admin, "scope=all").await.is_empty());

    let requests = team.lead.get("/api/v1/counter-feedback/requests").await;
    let request = requests.body["open"][0]["id"].as_str().unwrap().to_string();
    let worried = submit_mutation(
        "7a1c2b9e-0000-4000-8000-000000000011",
        counter_feedback(&team.account, Some(&request), "high", 1),
    );
    assert_eq!(sync(&team.lead, vec![worried]).await[0]["outcome"], "applied");
    let all = cases(&team.admin, "scope=all").await;
    assert_eq!(all.len(), 1);
    let opened = case(&team.admin, all[0]["id"].as_str().unwrap()).await;
    let mut kinds = kinds(&opened);
    kinds.sort();
    assert_eq!(kinds, vec!["gap_flagged", "team_high_risk"]);
    let gap = opened["triggers"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["trigger"]["kind"] == "gap_flagged")
        .unwrap();
    assert!(gap["trigger"]["scores"][0]["value"].as_f64().unwrap() >= 30.0, "{gap}");
    assert_eq!(gap["response"], team.links[0].0.as_str());
}

#[tokio::test]
async fn a_rating_two_points_below_the_contacts_previous_one_opens_a_case() {
    let app = TestApp::new().await;
    let team = team(&app).await;
    answers(&app, &team.links[0].1, happy_answers(5)).await;
    let contacts = team
        .admin
        .get(&format!("/api/v1/accounts/{}/contacts", team.account))
        .await;
    let maija = contacts
        .body
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["name"] == "Maija Virtanen")
        .unwrap()["id"]
        .as_str()
        .unwrap()
        .to_string();

    // A quarter later Maija rates quality 3 where she gave 5.
    app.clock.advance(Duration::days(90));
    let admin = app.signed_in("anna@acme.fi").await;
    let round = admin
        .post(
            &format!("/api/v1/accounts/{}/rounds", team.account),
            json!({"template_id": "relationship", "contact_ids": [maija]}),
        )
        .await;
    assert_eq!(round.status, 201, "{}", round.body);
    let token = round.body["links"][0]["link"]
        .as_str()
        .unwrap()
        .trim_start_matches("/s/")
        .to_string();
    answers(&app, &token, happy_answers(3)).await;

    let all = cases(&admin, "scope=all").await;
    assert_eq!(all.len(), 1);
    let opened = case(&admin, all[0]["id"].as_str().unwrap()).await;
    assert_eq!(kinds(&opened), vec!["rating_drop"]);
    assert_eq!(
        opened["triggers"][0]["trigger"]["scores"],
        json!([{"label": "quality", "value": 3.0, "previous": 5.0}])
    );
}

#[tokio::test]
async fn a_person_opens_a_case_by_hand_and_a_second_one_attaches() {
    let app = TestApp::new().await;
    let team = team(&app).await;
    let path = "/api/v1/cases";

    // Bad input: a field error and nothing written.
    let no_reason = team
        .member
        .post(path, json!({"account": team.account, "note": " "}))
        .await;
    assert_eq!((no_reason.status, no_reason.code()), (400, "validation"));
    assert_eq!(no_reason.body["error"]["field"], "note");
    let foreign_answer = team
        .member
        .post(path, json!({"account": team.account, "response": "nope", "note": ""}))
        .await;
    assert_eq!(foreign_answer.body["error"]["field"], "response");
    assert!(cases(&team.admin, "scope=all").await.is_empty());
    // Not on the account: not found.
    let outsider = team
        .outsider
        .post(path, json!({"account": team.account, "note": "Heard at a fair"}))
        .await;
    assert_eq!(outsider.status, 404);

    let opened = team
        .member
        .post(
            path,
            json!({"account": team.account, "note": "Their CFO sounded unhappy on the phone."}),
        )
        .await;
    assert_eq!(opened.status, 201, "{}", opened.body);
    let id = opened.body["summary"]["id"].as_str().unwrap().to_string();
    assert_eq!(opened.body["summary"]["owner"]["id"], team.lead_id.as_str());
    assert_eq!(opened.body["triggers"][0]["trigger"]["kind"], "manual");
    assert_eq!(
        opened.body["triggers"][0]["note"],
        "Their CFO sounded unhappy on the phone."
    );
    assert_eq!(opened.body["triggers"][0]["by"]["id"], team.member_id.as_str());

    app.clock.advance(Duration::hours(1));
    // From an answer: attached to the open case, the customer's words with it.
    answers(&app, &team.links[1].1, happy_answers(4)).await;
    let from_answer = team
        .lead
        .post(
            path,
            json!({"account": team.account, "response": team.links[1].0, "note": ""}),
        )
        .await;
    assert_eq!(from_answer.status, 200, "{}", from_answer.body);
    assert_eq!(from_answer.body["summary"]["id"], id.as_str());
    assert_eq!(from_answer.body["triggers"].as_array().unwrap().len(), 2);
    assert_eq!(from_answer.body["triggers"][1]["response"], team.links[1].0.as_str());
    assert_eq!(cases(&team.admin, "scope=all").await.len(), 1);
}

#[tokio::test]
async fn deadlines_count_the_organisations_working_hours_over_a_weekend() {
    let app = TestApp::new().await;
    let team = team(&app).await;
    // Friday 27 November, 16:00 in Helsinki (UTC+2): an hour of the working day left.
    app.clock.advance(Duration::days(4) + Duration::hours(5));
    answers(&app, &team.links[0].1, detractor_answers(4)).await;
    let lead = app.signed_in("lead@acme.fi").await;
    let admin = app.signed_in("anna@acme.fi").await;
    let id = cases(&lead, "scope=mine").await[0]["id"].as_str().unwrap().to_string();
    let opened = case(&lead, &id).await;
    // 24 working hours: 1 on Friday, 9 on Monday and Tuesday, 5 on Wednesday.
    assert_eq!(due(&opened, "acknowledge"), utc("2026-12-02T11:00:00Z"));
    assert_eq!(due(&opened, "first_contact"), utc("2026-12-07T08:00:00Z"));
    // Ten working days of nine hours.
    assert_eq!(due(&opened, "resolve"), utc("2026-12-11T14:00:00Z"));
    assert_eq!(opened["summary"]["next_deadline"]["deadline"], "acknowledge");
    assert_eq!(opened["summary"]["overdue"], false);

    // Admins set the service levels; later cases follow them.
    let levels = json!({"acknowledge_hours": 4, "first_contact_hours": 8, "resolve_days": 5});
    assert_eq!(admin.put("/api/v1/settings/cases", levels.clone()).await.status, 200);
    assert_eq!(lead.get("/api/v1/settings/cases").await.body, levels);
}

#[tokio::test]
async fn owners_are_reminded_before_a_deadline_and_leaders_told_after_it_each_once() {
    let app = TestApp::new().await;
    let team = team(&app).await;
    // Monday 23 November, 11:00 in Helsinki: acknowledging is due Wednesday 17:00,
    // reminded of when three quarters of the working time have passed (Wednesday 11:00).
    let id = detractor_case(&app, &team, 3).await;
    assert_eq!(
        due(&case(&team.lead, &id).await, "acknowledge"),
        utc("2026-11-25T15:00:00Z")
    );

    let reminders = |mails: &[Value]| {
        mails
            .iter()
            .filter(|m| m["subject"].as_str().unwrap().starts_with("Muistutus: asiakastapaus"))
            .count()
    };

    app.clock.advance(Duration::days(2) - Duration::minutes(1));
    assert_eq!(follow_up(&app.state, 100).await.unwrap(), 0);
    app.clock.advance(Duration::minutes(1));
    assert_eq!(follow_up(&app.state, 100).await.unwrap(), 1);
    assert_eq!(follow_up(&app.state, 100).await.unwrap(), 0, "each step once");
    assert_eq!(reminders(&outbox_to(&app, "lead@acme.fi").await), 1);

    app.clock.advance(Duration::hours(6) + Duration::minutes(1));
    assert_eq!(follow_up(&app.state, 100).await.unwrap(), 1);
    assert_eq!(follow_up(&app.state, 100).await.unwrap(), 0);
    // Leaders hear of it (in their language); the admins do not while there is a leader.
    let to_leader = outbox_to(&app, "leader@acme.fi").await;
    assert_eq!(
        to_leader
            .iter()
            .filter(|m| m["subject"] == "Asiakastapaus myöhässä: Globex")
            .count(),
        1
    );
    assert!(
        outbox_to(&app, "anna@acme.fi")
            .await
            .iter()
            .all(|m| !m["subject"].as_str().unwrap().contains("Globex"))
    );

    let leader = app.signed_in("leader@acme.fi").await;
    let escalated = case(&leader, &id).await;
    let events: Vec<(&str, &str)> = escalated["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| (e["kind"].as_str().unwrap(), e["deadline"].as_str().unwrap()))
        .collect();
    assert_eq!(events, vec![("reminded", "acknowledge"), ("escalated", "acknowledge")]);
    assert_eq!(escalated["summary"]["overdue"], true);
    assert_eq!(cases(&leader, "scope=all&overdue=true").await.len(), 1);

    // The owner listens: taking the case up meets the first deadline.
    let listen = json!({"step": "listen", "note": "Reports late three weeks running.",
        "hypothesis": "The new analyst was never told the Friday deadline.", "channel": null, "contact_id": null});
    let lead = app.signed_in("lead@acme.fi").await;
    let reply = lead.post(&format!("/api/v1/cases/{id}/steps"), listen).await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    assert_eq!(reply.body["summary"]["overdue"], false);
    assert_eq!(reply.body["summary"]["next_deadline"]["deadline"], "first_contact");
}

async fn listen(browser: &Browser<'_>, id: &str) {
    let body = json!({"step": "listen", "note": "Reports late three weeks running.",
        "hypothesis": "The new analyst was never told the deadline.", "channel": null, "contact_id": null});
    let reply = browser.post(&format!("/api/v1/cases/{id}/steps"), body).await;
    assert_eq!(reply.status, 200, "{}", reply.body);
}

#[tokio::test]
async fn latte_steps_are_recorded_and_closing_needs_a_cause_a_resolution_and_an_explanation() {
    let app = TestApp::new().await;
    let team = team(&app).await;
    let id = detractor_case(&app, &team, 5).await;
    let steps = format!("/api/v1/cases/{id}/steps");

    // Listen needs a hypothesis; nothing is recorded without it.
    let half = team
        .lead
        .post(
            &steps,
            json!({"step": "listen", "note": "Late reports.", "channel": null}),
        )
        .await;
    assert_eq!(
        (half.status, half.body["error"]["field"].as_str()),
        (400, Some("hypothesis"))
    );
    assert!(case(&team.lead, &id).await["steps"].as_array().unwrap().is_empty());
    listen(&team.lead, &id).await;

    // Maija opts out of surveys; a personal reply still reaches her.
    let invitation = outbox_to(&app, "maija@globex.fi").await.remove(0);
    let body = &app.as_sent(&invitation).await;
    let opt_out = body[body.find("/u/").unwrap()..].split_whitespace().next().unwrap();
    assert_eq!(app.browser().post(opt_out, json!({})).await.status, 200);

    let draft = team
        .lead
        .get(&format!("/api/v1/cases/{id}/email-draft?step=acknowledge"))
        .await;
    assert_eq!(draft.status, 200, "{}", draft.body);
    assert_eq!(draft.body["to"], "maija@globex.fi");
    assert_eq!(draft.body["language"], "fi");
    assert!(draft.body["body"].as_str().unwrap().starts_with("Hei Maija,"));
    let edited = format!("{}\nSoitan sinulle huomenna.", draft.body["body"].as_str().unwrap());
    let acknowledge = json!({"step": "acknowledge", "channel": "email", "contact_id": draft.body["contact_id"],
        "email_subject": draft.body["subject"], "email_body": edited});
    // Time passes between a person's steps, as it does.
    app.clock.advance(Duration::hours(1));
    let reply = team.lead.post(&steps, acknowledge).await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    let sent = outbox_to(&app, "maija@globex.fi").await;
    assert!(sent.iter().any(|m| m["body"] == edited.as_str()), "{sent:?}");
    assert!(reply.body["deadlines"][1]["met_at"].is_string(), "first contact made");

    // Take action: an action of this account, not of another.
    let action = sync(
        &team.lead,
        vec![create_action_mutation(
            "7a1c2b9e-0000-4000-8000-000000000020",
            json!({"account": team.account, "text": "Reports every Friday by noon", "owner": team.lead_id,
                "due": "2026-12-04", "source": null}),
        )],
    )
    .await;
    assert_eq!(action[0]["outcome"], "applied");
    let actions = team
        .lead
        .get(&format!("/api/v1/accounts/{}/actions", team.account))
        .await;
    let action_id = actions.body[0]["id"].as_str().unwrap().to_string();
    let unknown = team
        .lead
        .post(
            &steps,
            json!({"step": "take_action", "action_ids": ["nope"], "channel": null}),
        )
        .await;
    assert_eq!(unknown.body["error"]["field"], "action_ids");
    // Time passes between a person's steps, as it does.
    app.clock.advance(Duration::hours(1));
    let acted = team
        .lead
        .post(
            &steps,
            json!({"step": "take_action", "action_ids": [action_id], "channel": null}),
        )
        .await;
    assert_eq!(acted.status, 200, "{}", acted.body);
    assert_eq!(acted.body["actions"][0]["text"], "Reports every Friday by noon");

    let close = format!("/api/v1/cases/{id}/close");
    let no_cause = team
        .lead
        .post(
            &close,
            json!({"root_cause": {"churn_cause": null, "theme": null}, "resolution": "Fixed."}),
        )
        .await;
    assert_eq!(no_cause.body["error"]["field"], "root_cause");
    let unknown_theme = team
        .lead
        .post(
            &close,
            json!({"root_cause": {"theme": "weather"}, "resolution": "Fixed."}),
        )
        .await;
    assert_eq!(unknown_theme.body["error"]["field"], "root_cause.theme");
    // Never explained to the customer: not closed silently.
    let silent = team
        .lead
        .post(
            &close,
            json!({"root_cause": {"churn_cause": "complaint_handling"}, "resolution": "Fixed."}),
        )
        .await;
    assert_eq!(silent.body["error"]["field"], "no_explain_reason");
    assert_eq!(case(&team.lead, &id).await["summary"]["status"], "open");

    // Time passes between a person's steps, as it does.
    app.clock.advance(Duration::hours(1));
    let explain = json!({"step": "explain", "channel": "call", "note": "Told Maija about the Friday reports."});
    assert_eq!(team.lead.post(&steps, explain).await.status, 200);
    let closed = team
        .lead
        .post(
            &close,
            json!({"root_cause": {"churn_cause": "complaint_handling"}, "resolution": "Reports go out on Fridays."}),
        )
        .await;
    assert_eq!(closed.status, 200, "{}", closed.body);
    assert_eq!(closed.body["summary"]["status"], "closed");
    assert_eq!(closed.body["root_cause"]["churn_cause"], "complaint_handling");
    let taken: Vec<&str> = closed.body["steps"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["step"].as_str().unwrap())
        .collect();
    assert_eq!(taken, vec!["listen", "acknowledge", "take_action", "explain"]);
    assert!(
        closed.body["steps"]
            .as_array()
            .unwrap()
            .iter()
            .all(|s| s["by"]["id"] == team.lead_id.as_str())
    );
    assert!(cases(&team.lead, "scope=mine&status=open").await.is_empty());
    assert_eq!(
        team.lead
            .post(
                &close,
                json!({"root_cause": {"churn_cause": "voice_lost"}, "resolution": "x"})
            )
            .await
            .status,
        400
    );

    // A new signal after closing opens a new case; the closed one cannot reopen beside it.
    answers(&app, &team.links[1].1, detractor_answers(1)).await;
    assert_eq!(cases(&team.lead, "scope=mine&status=open").await.len(), 1);
    let reopen = team
        .lead
        .post(
            &format!("/api/v1/cases/{id}/reopen"),
            json!({"reason": "Reports late again."}),
        )
        .await;
    assert_eq!(
        (reopen.status, reopen.body["error"]["field"].as_str()),
        (400, Some("account"))
    );
    let second = cases(&team.lead, "scope=mine&status=open").await[0]["id"]
        .as_str()
        .unwrap()
        .to_string();
    team.lead
        .post(
            &format!("/api/v1/cases/{second}/close"),
            json!({"root_cause": {"churn_cause": "voice_lost"}, "resolution": "Talked it through.",
                "no_explain_reason": "Same conversation as the first case."}),
        )
        .await;
    app.clock.advance(Duration::minutes(5));
    let reopened = team
        .lead
        .post(
            &format!("/api/v1/cases/{id}/reopen"),
            json!({"reason": "Reports late again."}),
        )
        .await;
    assert_eq!(reopened.status, 200, "{}", reopened.body);
    assert_eq!(reopened.body["summary"]["status"], "open");
    assert_eq!(
        reopened.body["events"].as_array().unwrap().last().unwrap()["kind"],
        "reopened"
    );
}

#[tokio::test]
async fn members_see_cases_of_their_accounts_and_only_workers_change_them() {
    let app = TestApp::new().await;
    let team = team(&app).await;
    let id = detractor_case(&app, &team, 5).await;

    // The team member reads the case (my accounts) but does not work it.
    assert!(cases(&team.member, "scope=mine").await.is_empty());
    assert_eq!(cases(&team.member, "scope=my_accounts").await.len(), 1);
    assert_eq!(
        team.member.get(&format!("/api/v1/cases/{id}")).await.body["can_work"],
        false
    );
    let step = json!({"step": "listen", "note": "x", "hypothesis": "y", "channel": null});
    assert_eq!(
        team.member
            .post(&format!("/api/v1/cases/{id}/steps"), step.clone())
            .await
            .status,
        403
    );
    // Only leaders and admins list every case.
    assert_eq!(team.member.get("/api/v1/cases?scope=all").await.status, 403);
    assert_eq!(cases(&team.leader, "scope=all").await.len(), 1);
    assert_eq!(cases(&team.leader, "scope=all&severity=critical").await.len(), 0);
    assert_eq!(
        cases(&team.leader, &format!("scope=all&owner={}", team.lead_id))
            .await
            .len(),
        1
    );
    assert_eq!(
        cases(&team.leader, &format!("scope=all&account={}", team.account))
            .await
            .len(),
        1
    );

    // Someone not on the account finds nothing.
    assert!(cases(&team.outsider, "scope=my_accounts").await.is_empty());
    assert_eq!(team.outsider.get(&format!("/api/v1/cases/{id}")).await.status, 404);
    assert_eq!(
        team.outsider
            .post(&format!("/api/v1/cases/{id}/steps"), step.clone())
            .await
            .status,
        404
    );

    // Reassigning needs a reason and someone who sees the account.
    let path = format!("/api/v1/cases/{id}/reassign");
    let no_reason = team
        .lead
        .post(&path, json!({"owner": team.member_id, "reason": ""}))
        .await;
    assert_eq!(no_reason.body["error"]["field"], "reason");
    let blind = team
        .lead
        .post(&path, json!({"owner": team.outsider_id, "reason": "Holiday"}))
        .await;
    assert_eq!(blind.body["error"]["field"], "owner");
    let given = team
        .lead
        .post(
            &path,
            json!({"owner": team.member_id, "reason": "I am on holiday next week."}),
        )
        .await;
    assert_eq!(given.status, 200, "{}", given.body);
    assert_eq!(given.body["summary"]["owner"]["id"], team.member_id.as_str());
    assert_eq!(given.body["events"][0]["reason"], "I am on holiday next week.");
    assert_eq!(
        team.member
            .post(&format!("/api/v1/cases/{id}/steps"), step)
            .await
            .status,
        200
    );

    // Service levels: everyone reads, admins edit; bad values name their field.
    assert_eq!(
        team.member.get("/api/v1/settings/cases").await.body,
        json!({"acknowledge_hours": 24, "first_contact_hours": 48, "resolve_days": 10})
    );
    let levels = json!({"acknowledge_hours": 8, "first_contact_hours": 16, "resolve_days": 5});
    assert_eq!(
        team.leader.put("/api/v1/settings/cases", levels.clone()).await.status,
        403
    );
    let bad = team
        .admin
        .put(
            "/api/v1/settings/cases",
            json!({"acknowledge_hours": 0, "first_contact_hours": 16, "resolve_days": 5}),
        )
        .await;
    assert_eq!(
        (bad.status, bad.body["error"]["field"].as_str()),
        (400, Some("acknowledge_hours"))
    );
    assert_eq!(
        team.member.get("/api/v1/settings/cases").await.body["acknowledge_hours"],
        24
    );
}

#[tokio::test]
async fn another_organisation_reaches_no_case() {
    let app = TestApp::new().await;
    let team = team(&app).await;
    let id = detractor_case(&app, &team, 5).await;
    let other = app.signup("Initech", "boss@initech.com").await;

    assert!(cases(&other, "scope=all").await.is_empty());
    let base = format!("/api/v1/cases/{id}");
    assert_eq!(other.get(&base).await.status, 404);
    assert_eq!(
        other.get(&format!("{base}/email-draft?step=acknowledge")).await.status,
        404
    );
    let posts = [
        (
            "steps",
            json!({"step": "listen", "note": "x", "hypothesis": "y", "channel": null}),
        ),
        (
            "close",
            json!({"root_cause": {"churn_cause": "voice_lost"}, "resolution": "x", "no_explain_reason": "y"}),
        ),
        ("reopen", json!({"reason": "x"})),
        ("reassign", json!({"owner": team.lead_id, "reason": "x"})),
    ];
    for (action, body) in posts {
        let reply = other.post(&format!("{base}/{action}"), body).await;
        assert_eq!(reply.status, 404, "{action}: {}", reply.body);
    }
    let opened = other
        .post("/api/v1/cases", json!({"account": team.account, "note": "Not ours"}))
        .await;
    assert_eq!(opened.status, 404);
    // Its own settings, not Acme's.
    let levels = json!({"acknowledge_hours": 2, "first_contact_hours": 4, "resolve_days": 3});
    assert_eq!(other.put("/api/v1/settings/cases", levels).await.status, 200);
    assert_eq!(
        team.admin.get("/api/v1/settings/cases").await.body["acknowledge_hours"],
        24
    );
    assert!(case(&team.lead, &id).await["steps"].as_array().unwrap().is_empty());
}

/// A detractor's answer from Maija opens a case for the lead; its id.
async fn detractor_case(app: &TestApp, team: &Team<'_>, nps: i32) -> String {
    answers(app, &team.links[0].1, detractor_answers(nps)).await;
    cases(&team.lead, "scope=mine").await[0]["id"]
        .as_str()
        .unwrap()
        .to_string()
}

async fn counts(browser: &Browser<'_>) -> Value {
    let reply = browser.get("/api/v1/cases/counts").await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    reply.body
}

fn numbers(counts: &Value) -> [u64; 4] {
    ["mine_open", "mine_overdue", "open", "overdue"].map(|k| counts[k].as_u64().unwrap())
}

#[tokio::test]
async fn the_navigation_heatmap_and_account_view_show_the_open_case_and_the_past_ones() {
    let app = TestApp::new().await;
    let team = team(&app).await;
    let calm = app.account(&team.admin, "Initrode", json!({})).await;
    assert_eq!(numbers(&counts(&team.lead).await), [0, 0, 0, 0]);

    let id = detractor_case(&app, &team, 5).await;
    // The lead owns it; the member on the account sees it; the outsider does not.
    assert_eq!(numbers(&counts(&team.lead).await), [1, 0, 1, 0]);
    assert_eq!(numbers(&counts(&team.member).await), [0, 0, 1, 0]);
    assert_eq!(numbers(&counts(&team.outsider).await), [0, 0, 0, 0]);
    assert_eq!(numbers(&counts(&team.leader).await), [0, 0, 1, 0]);

    // Past the acknowledge deadline (Wednesday 17:00) it is overdue everywhere.
    app.clock.advance(Duration::days(3));
    let lead = app.signed_in("lead@acme.fi").await;
    let leader = app.signed_in("leader@acme.fi").await;
    assert_eq!(numbers(&counts(&lead).await), [1, 1, 1, 1]);

    let heatmap = leader.get("/api/v1/heatmap").await;
    assert_eq!(heatmap.status, 200, "{}", heatmap.body);
    let row = |account: &str| {
        heatmap.body["rows"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["account"] == account)
            .unwrap()
            .clone()
    };
    assert_eq!(row(&team.account)["open_case"]["case_id"], id.as_str());
    assert_eq!(row(&team.account)["open_case"]["overdue"], true);
    assert!(row(&team.account)["open_case"]["severity"].is_string());
    assert!(row(&calm)["open_case"].is_null());

    let open = overview(&lead, &team.account).await;
    assert_eq!(open["open_case"]["id"], id.as_str());
    assert_eq!(open["open_case"]["overdue"], true);
    assert!(open["timeline"].as_array().unwrap().iter().all(|e| e["case"].is_null()));

    close_explained(&lead, &id).await;
    assert_eq!(numbers(&counts(&lead).await), [0, 0, 0, 0]);
    let closed = overview(&lead, &team.account).await;
    assert!(closed["open_case"].is_null());
    let past: Vec<&Value> = closed["timeline"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| !e["case"].is_null())
        .collect();
    assert_eq!(past.len(), 1, "{closed}");
    assert_eq!(past[0]["case"]["summary"]["id"], id.as_str());
    assert_eq!(past[0]["case"]["summary"]["status"], "closed");
    assert_eq!(past[0]["case"]["resolution"], "Weekly reports every Friday.");
    assert_eq!(past[0]["case"]["root_cause"]["churn_cause"], "complaint_handling");
    // The closing is the newest thing that happened to the account.
    assert_eq!(closed["timeline"][0]["case"]["summary"]["id"], id.as_str());
    let heatmap = leader.get("/api/v1/heatmap").await;
    assert!(
        heatmap.body["rows"]
            .as_array()
            .unwrap()
            .iter()
            .all(|r| r["open_case"].is_null())
    );

    // Another organisation counts none of it.
    let other = app.signup("Initech", "boss@initech.com").await;
    assert_eq!(numbers(&counts(&other).await), [0, 0, 0, 0]);
    assert_eq!(
        other
            .get(&format!("/api/v1/accounts/{}/overview", team.account))
            .await
            .status,
        404
    );
}

async fn overview(browser: &Browser<'_>, account: &str) -> Value {
    let reply = browser.get(&format!("/api/v1/accounts/{account}/overview")).await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    reply.body
}

fn step_mutation(id: &str, case: &str, step: Value) -> Value {
    json!({"id": id, "kind": "case_step", "case_step": {"case_id": case, "step": step}})
}

#[tokio::test]
async fn a_case_note_made_offline_is_applied_once_and_only_where_the_sender_may_work() {
    let app = TestApp::new().await;
    let team = team(&app).await;
    let id = detractor_case(&app, &team, 5).await;
    let listen = json!({"step": "listen", "note": "Reports late three weeks running.",
        "hypothesis": "The new analyst was never told the deadline."});
    let mutation = step_mutation("5b0c1d2e-0000-4000-8000-000000000001", &id, listen.clone());

    // Delivered twice (a lost answer, then the retry): one Listen step.
    assert_eq!(sync(&team.lead, vec![mutation.clone()]).await[0]["outcome"], "applied");
    assert_eq!(sync(&team.lead, vec![mutation]).await[0]["outcome"], "already_applied");
    let worked = case(&team.lead, &id).await;
    let steps = worked["steps"].as_array().unwrap();
    assert_eq!(steps.len(), 1, "{steps:?}");
    assert_eq!(steps[0]["note"], "Reports late three weeks running.");
    assert_eq!(steps[0]["by"]["id"], team.lead_id.as_str());
    assert!(
        worked["deadlines"][0]["met_at"].is_string(),
        "taking it up meets acknowledging"
    );

    // An invalid step is refused by the same rules as online, naming the field.
    let empty = step_mutation(
        "5b0c1d2e-0000-4000-8000-000000000002",
        &id,
        json!({"step": "listen", "note": "Heard them."}),
    );
    let refused = &sync(&team.lead, vec![empty]).await[0];
    assert_eq!(refused["outcome"], "rejected");
    assert_eq!(refused["error"]["field"], "hypothesis");

    // The member on the account reads the case but does not work it.
    let by_member = step_mutation("5b0c1d2e-0000-4000-8000-000000000003", &id, listen.clone());
    let refused = &sync(&team.member, vec![by_member]).await[0];
    assert_eq!(refused["outcome"], "rejected");
    assert_eq!(refused["error"]["code"], "forbidden");

    // Another organisation's case is not found.
    let other = app.signup("Initech", "boss@initech.com").await;
    let foreign = step_mutation("5b0c1d2e-0000-4000-8000-000000000004", &id, listen);
    let refused = &sync(&other, vec![foreign]).await[0];
    assert_eq!(refused["outcome"], "rejected");
    assert_eq!(refused["error"]["code"], "not_found");
    assert_eq!(case(&team.lead, &id).await["steps"].as_array().unwrap().len(), 1);
}

#[tokio::test]
async fn leaders_see_how_fast_cases_are_handled_this_quarter_against_the_last() {
    let app = TestApp::new().await;
    let team = team(&app).await;
    // Monday 23 November 2026, 11:00 in Helsinki.
    let id = detractor_case(&app, &team, 5).await;
    app.clock.advance(Duration::hours(3));
    let lead = app.signed_in("lead@acme.fi").await;
    listen(&lead, &id).await;
    app.clock.advance(Duration::hours(3));
    let lead = app.signed_in("lead@acme.fi").await;
    close_explained(&lead, &id).await;

    let leader = app.signed_in("leader@acme.fi").await;
    let reply = leader.get("/api/v1/cases/stats").await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    let current = &reply.body["current"];
    assert_eq!(current["quarter"], "2026-Q4");
    assert_eq!(reply.body["previous"]["quarter"], "2026-Q3");
    assert_eq!(reply.body["previous"]["overall"]["cases"], 0);
    let overall = &current["overall"];
    assert_eq!(overall["cases"], 1);
    assert_eq!(overall["acknowledge"]["median_hours"], 3.0);
    // The Explain call was the first contact, three hours later.
    assert_eq!(overall["first_contact"]["median_hours"], 6.0);
    assert_eq!(overall["close"]["p90_hours"], 6.0);
    assert_eq!(overall["within_service_level"]["hits"], 1);
    assert_eq!(overall["within_service_level"]["of"], 1);
    // Nobody has said yet whether it is resolved.
    assert_eq!(overall["recovery"]["of"], 0);
    assert_eq!(current["by_owner"][0]["owner"]["id"], team.lead_id.as_str());

    let earlier = leader.get("/api/v1/cases/stats?quarter=2027-Q1").await;
    assert_eq!(earlier.body["current"]["overall"]["cases"], 0);
    assert_eq!(earlier.body["previous"]["overall"]["cases"], 1);
    let bad = leader.get("/api/v1/cases/stats?quarter=Q4").await;
    assert_eq!(
        (bad.status, bad.body["error"]["field"].clone()),
        (400, json!("quarter"))
    );

    // Members do not get the panel; another organisation sees only its own cases.
    assert_eq!(lead.get("/api/v1/cases/stats").await.status, 403);
    let other = app.signup("Initech", "boss@initech.com").await;
    let theirs = other.get("/api/v1/cases/stats").await;
    assert_eq!(theirs.status, 200);
    assert_eq!(theirs.body["current"]["overall"]["cases"], 0);
}

const REPULSE_SUBJECT: &str = "onko asia nyt ratkaistu?";

/// The re-pulse emails to Maija, as the admin's outbox lists them.
async fn repulses_to_maija(app: &TestApp) -> Vec<Value> {
    outbox_to(app, "maija@globex.fi")
        .await
        .into_iter()
        .filter(|m| m["subject"].as_str().unwrap().ends_with(REPULSE_SUBJECT))
        .collect()
}

/// The token of the re-pulse link in an email as it is sent.
async fn repulse_token(app: &TestApp, message: &Value) -> String {
    let body = app.as_sent(message).await;
    let start = body.find("/s/").expect("a re-pulse link") + 3;
    body[start..]
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
        .collect()
}

/// "Is this resolved for you?": 0 yes, 1 partly, 2 no.
fn resolved_answers(choice: i32, text: &str) -> Value {
    json!({"answers": [
        {"question_id": "resolved", "score": null, "choice": choice, "text": null},
        comment("comment", text),
    ]})
}

/// Maija's case, closed by the lead; the clock stands at the closing.
async fn closed_case(app: &TestApp, team: &Team<'_>) -> String {
    let id = detractor_case(app, team, 4).await;
    close_explained(&team.lead, &id).await;
    id
}

/// Maija's case, closed two weeks ago and re-pulsed: its id and the link's token.
async fn re_pulsed_case(app: &TestApp, team: &Team<'_>) -> (String, String) {
    let id = closed_case(app, team).await;
    app.clock.advance(Duration::days(14));
    assert_eq!(send_due(&app.state, 100).await.unwrap(), 1);
    let token = repulse_token(app, &repulses_to_maija(app).await[0]).await;
    (id, token)
}

#[tokio::test]
async fn a_closed_case_is_re_pulsed_once_after_two_weeks_and_a_no_reopens_it_and_tells_the_owner() {
    let app = TestApp::new().await;
    let team = team(&app).await;
    let id = closed_case(&app, &team).await;

    app.clock.advance(Duration::days(14) - Duration::minutes(1));
    assert_eq!(send_due(&app.state, 100).await.unwrap(), 0, "not before two weeks");
    assert!(repulses_to_maija(&app).await.is_empty());
    app.clock.advance(Duration::minutes(1));
    assert_eq!(send_due(&app.state, 100).await.unwrap(), 1);
    assert_eq!(send_due(&app.state, 100).await.unwrap(), 0, "each case round once");
    let sent = repulses_to_maija(&app).await;
    assert_eq!(sent.len(), 1);

    // The stored body and the outbox keep no token; the email as sent has one.
    let token = repulse_token(&app, &sent[0]).await;
    let id_of = kaiku_server::store::id_from_key("outbox", sent[0]["id"].as_str().unwrap());
    let stored = app.state.store.message_to_deliver(&id_of).await.unwrap().unwrap();
    assert!(!stored.body.contains(&token) && stored.body.contains("{repulse_link}"));
    assert!(!sent[0]["body"].as_str().unwrap().contains(&token));
    assert!(sent[0]["body"].as_str().unwrap().contains("/s/…"));
    // Another organisation sees neither the email nor the case.
    let other = app.signup("Initech", "boss@initech.com").await;
    let theirs = other.get("/api/v1/outbox").await;
    assert!(!theirs.body.to_string().contains("maija@globex.fi"));
    assert_eq!(other.get(&format!("/api/v1/cases/{id}")).await.status, 404);

    // The link opens the survey page with the one question.
    let customer = app.browser();
    let page = customer.get(&format!("/api/v1/survey/{token}")).await;
    assert_eq!(page.status, 200, "{}", page.body);
    assert_eq!(page.body["questions"][0]["id"], "resolved");
    assert_eq!(page.body["questions"].as_array().unwrap().len(), 2);
    assert_eq!(page.body["submitted"], false);
    let lead = app.signed_in("lead@acme.fi").await;
    let before = case(&lead, &id).await;
    assert_eq!(before["repulse"]["contact_name"], "Maija Virtanen");
    assert!(before["repulse"]["answered_at"].is_null());

    // "No" reopens the case and tells its owner.
    let reply = submit(&customer, &token, resolved_answers(2, "Raportit myöhästyvät yhä.")).await;
    assert_eq!(
        (reply.status, &reply.body["submitted"]),
        (200, &json!(true)),
        "{}",
        reply.body
    );
    let reopened = case(&lead, &id).await;
    assert_eq!(reopened["summary"]["status"], "open");
    assert_eq!(reopened["repulse"]["reply"]["resolved"], "no");
    assert_eq!(reopened["repulse"]["reply"]["comment"], "Raportit myöhästyvät yhä.");
    assert!(kinds(&reopened).contains(&"repulse_not_resolved".to_string()));
    let told: Vec<Value> = outbox_to(&app, "lead@acme.fi").await;
    assert!(
        told.iter()
            .any(|m| m["body"].as_str().unwrap().contains("Raportit myöhästyvät yhä.")),
        "{told:?}"
    );

    // A second answer is refused like a submitted survey: nothing changes.
    let again = submit(&customer, &token, resolved_answers(0, "")).await;
    assert_eq!((again.status, &again.body["submitted"]), (200, &json!(true)));
    assert_eq!(case(&lead, &id).await["repulse"]["reply"]["resolved"], "no");
    assert_eq!(
        send_due(&app.state, 100).await.unwrap(),
        0,
        "an open case is not re-pulsed"
    );
}

#[tokio::test]
async fn a_partly_joins_the_accounts_other_open_case() {
    let app = TestApp::new().await;
    let team = team(&app).await;
    let (first, token) = re_pulsed_case(&app, &team).await;

    let lead = app.signed_in("lead@acme.fi").await;
    let opened = lead
        .post(
            "/api/v1/cases",
            json!({"account": team.account, "note": "Heard of a new delay"}),
        )
        .await;
    assert_eq!(opened.status, 201, "{}", opened.body);
    let second = opened.body["summary"]["id"].as_str().unwrap().to_string();
    assert_ne!(first, second);

    let reply = submit(&app.browser(), &token, resolved_answers(1, "Osittain.")).await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    assert_eq!(case(&lead, &first).await["summary"]["status"], "closed");
    assert_eq!(case(&lead, &first).await["repulse"]["reply"]["resolved"], "partly");
    let joined = case(&lead, &second).await;
    assert!(kinds(&joined).contains(&"repulse_not_resolved".to_string()), "{joined}");
}

#[tokio::test]
async fn a_yes_counts_as_recovered_and_shows_on_the_account() {
    let app = TestApp::new().await;
    let team = team(&app).await;
    let (id, token) = re_pulsed_case(&app, &team).await;
    let leader = app.signed_in("leader@acme.fi").await;
    let recovery = |stats: &Value| stats["current"]["overall"]["recovery"].clone();
    let before = leader.get("/api/v1/cases/stats").await;
    assert_eq!(recovery(&before.body)["of"], 0);

    assert_eq!(
        submit(&app.browser(), &token, resolved_answers(0, "")).await.status,
        200
    );
    let lead = app.signed_in("lead@acme.fi").await;
    assert_eq!(case(&lead, &id).await["summary"]["status"], "closed");
    let stats = leader.get("/api/v1/cases/stats").await;
    assert_eq!(stats.status, 200, "{}", stats.body);
    assert_eq!(
        (
            recovery(&stats.body)["hits"].clone(),
            recovery(&stats.body)["of"].clone()
        ),
        (json!(1), json!(1))
    );
    let account = overview(&leader, &team.account).await;
    assert!(account.to_string().contains(r#""resolved":"yes""#), "{account}");
}

#[tokio::test]
async fn an_opted_out_contact_gets_personal_replies_but_no_re_pulse() {
    let app = TestApp::new().await;
    let team = team(&app).await;
    let id = detractor_case(&app, &team, 4).await;
    let invitation = outbox_to(&app, "maija@globex.fi").await.remove(0);
    let body = &app.as_sent(&invitation).await;
    let opt_out = body[body.find("/u/").unwrap()..].split_whitespace().next().unwrap();
    assert_eq!(app.browser().post(opt_out, json!({})).await.status, 200);

    let draft = team
        .lead
        .get(&format!("/api/v1/cases/{id}/email-draft?step=acknowledge"))
        .await;
    let acknowledge = json!({"step": "acknowledge", "channel": "email", "contact_id": draft.body["contact_id"],
        "email_subject": draft.body["subject"], "email_body": draft.body["body"]});
    let steps = format!("/api/v1/cases/{id}/steps");
    assert_eq!(team.lead.post(&steps, acknowledge).await.status, 200);
    let draft = team
        .lead
        .get(&format!("/api/v1/cases/{id}/email-draft?step=explain"))
        .await;
    let explain = json!({"step": "explain", "channel": "email", "contact_id": draft.body["contact_id"],
        "email_subject": draft.body["subject"], "email_body": "Raportit lähtevät nyt perjantaisin."});
    assert_eq!(team.lead.post(&steps, explain).await.status, 200);
    let close =
        json!({"root_cause": {"churn_cause": "complaint_handling"}, "resolution": "Weekly reports every Friday."});
    assert_eq!(
        team.lead.post(&format!("/api/v1/cases/{id}/close"), close).await.status,
        200
    );
    let personal = outbox_to(&app, "maija@globex.fi").await;
    assert!(
        personal
            .iter()
            .any(|m| m["body"] == "Raportit lähtevät nyt perjantaisin.")
    );

    app.clock.advance(Duration::days(15));
    assert_eq!(send_due(&app.state, 100).await.unwrap(), 1, "the round is dealt with");
    assert_eq!(send_due(&app.state, 100).await.unwrap(), 0);
    assert!(repulses_to_maija(&app).await.is_empty());
    let lead = app.signed_in("lead@acme.fi").await;
    assert!(case(&lead, &id).await["repulse"].is_null());
}
