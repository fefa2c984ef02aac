//! Writes at the same moment: the storage engine refuses one of two transactions that
//! race for the same records, and the store sends the loser again. Customers of one
//! account submitting together, a team syncing together (and twice), and parallel
//! requests of one session at the minute it is stamped: nobody sees an error and
//! everything is recorded exactly once.

mod common;

use chrono::Duration;
use common::survey::{answer, comment, submit};
use common::sync::submit_mutation;
use common::{Browser, TestApp};
use futures::future::join_all;
use serde_json::{Value, json};

const CONTACTS: usize = 50;

struct Account<'a> {
    admin: Browser<'a>,
    lead: Browser<'a>,
    member: Browser<'a>,
    member_id: String,
    lead_id: String,
    id: String,
    /// One survey token per contact.
    tokens: Vec<String>,
}

/// An account with a lead and a team member, `CONTACTS` contacts and a round sent to
/// all of them.
async fn account_with_round(app: &TestApp) -> Account<'_> {
    let admin = app.signup("Acme", "anna@acme.fi").await;
    let lead = app.join(&admin, "lead@acme.fi", "member").await;
    let member = app.join(&admin, "member@acme.fi", "member").await;
    let lead_id = app.user_id(&lead).await;
    let member_id = app.user_id(&member).await;
    let id = app
        .account(&admin, "Globex", json!({"lead_id": lead_id, "team_ids": [member_id]}))
        .await;
    let mut contacts = Vec::new();
    for n in 0..CONTACTS {
        let contact = app
            .contact(&admin, &id, &format!("Contact {n}"), &format!("c{n}@globex.com"), "en")
            .await;
        contacts.push(contact);
    }
    let round = admin
        .post(
            &format!("/api/v1/accounts/{id}/rounds"),
            json!({"template_id": "relationship", "contact_ids": contacts}),
        )
        .await;
    assert_eq!(round.status, 201, "{}", round.body);
    let tokens = round.body["links"]
        .as_array()
        .unwrap()
        .iter()
        .map(|link| link["link"].as_str().unwrap().trim_start_matches("/s/").to_string())
        .collect::<Vec<_>>();
    assert_eq!(tokens.len(), CONTACTS);
    Account {
        admin,
        lead,
        member,
        member_id,
        lead_id,
        id,
        tokens,
    }
}

/// A detractor with a development point: each answer asks the lead and the member.
fn critical_answers() -> Value {
    json!({"answers": [
        answer("nps", 5), answer("quality", 3), answer("communication", 2), answer("schedule", 2),
        answer("understanding", 3), answer("value", 3),
        comment("do_differently", "We are not happy with the reporting. I wish the reports came on time every week."),
    ]})
}

/// A promoter with nothing to follow up: no request, no case.
fn glad_answers() -> Value {
    json!({"answers": [
        answer("nps", 10), answer("quality", 5), answer("communication", 5), answer("schedule", 5),
        answer("understanding", 5), answer("value", 5),
    ]})
}

async fn all_submit(app: &TestApp, account: &Account<'_>, answers: fn() -> Value) {
    let customers: Vec<Browser<'_>> = account.tokens.iter().map(|_| app.browser()).collect();
    let replies = join_all(
        customers
            .iter()
            .zip(&account.tokens)
            .map(|(customer, token)| submit(customer, token, answers())),
    )
    .await;
    for reply in &replies {
        assert_eq!(reply.status, 200, "{}", reply.body);
        assert_eq!(reply.body["submitted"], true);
    }
}

async fn open_requests(browser: &Browser<'_>) -> Vec<Value> {
    let reply = browser.get("/api/v1/counter-feedback/requests").await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    reply.body["open"].as_array().unwrap().clone()
}

async fn outbox_count(admin: &Browser<'_>, to: &str) -> usize {
    let outbox = admin.get("/api/v1/outbox").await;
    assert_eq!(outbox.status, 200, "{}", outbox.body);
    outbox.body.as_array().unwrap().iter().filter(|m| m["to"] == to).count()
}

async fn heatmap_row(admin: &Browser<'_>, account: &str) -> Value {
    let heatmap = admin.get("/api/v1/heatmap").await;
    assert_eq!(heatmap.status, 200, "{}", heatmap.body);
    heatmap.body["rows"]
        .as_array()
        .unwrap()
        .iter()
        .find(|row| row["account"] == account)
        .unwrap()
        .clone()
}

#[tokio::test]
async fn fifty_customers_of_one_account_submit_at_once_and_each_is_recorded_once() {
    let app = TestApp::new().await;
    let account = account_with_round(&app).await;

    all_submit(&app, &account, critical_answers).await;

    let rounds = account
        .admin
        .get(&format!("/api/v1/accounts/{}/rounds", account.id))
        .await;
    let links = rounds.body[0]["links"].as_array().unwrap();
    assert!(links.iter().all(|l| l["status"] == "answered"), "{links:?}");
    let responses = account
        .admin
        .get(&format!("/api/v1/accounts/{}/responses", account.id))
        .await;
    assert_eq!(responses.body.as_array().unwrap().len(), CONTACTS);
    // Each answer asked the lead and the member once, by request and by email.
    assert_eq!(open_requests(&account.lead).await.len(), CONTACTS);
    assert_eq!(open_requests(&account.member).await.len(), CONTACTS);
    assert_eq!(outbox_count(&account.admin, "lead@acme.fi").await, CONTACTS + 1);
    assert_eq!(outbox_count(&account.admin, "member@acme.fi").await, CONTACTS + 1);
    // The account's evidence counts every answer once: 50 detractors.
    let row = heatmap_row(&account.admin, &account.id).await;
    assert_eq!(row["nps_counts"], json!([0, 0, CONTACTS]), "{row}");
    // A customer submitting again (a retried request) changes nothing.
    let again = submit(&app.browser(), &account.tokens[0], critical_answers()).await;
    assert_eq!(again.status, 200, "{}", again.body);
    assert_eq!(open_requests(&account.lead).await.len(), CONTACTS);
}

#[tokio::test]
async fn customers_of_one_account_answering_at_once_race_for_no_record() {
    let app = TestApp::new().await;
    let account = account_with_round(&app).await;
    let retried = app.state.store.conflicts_retried();

    all_submit(&app, &account, glad_answers).await;

    // Every answer and every change it logs for the account's evidence and topics is
    // a row of its own: no transaction lost a race and had to be sent again.
    assert_eq!(app.state.store.conflicts_retried(), retried);
    let row = heatmap_row(&account.admin, &account.id).await;
    assert_eq!(row["nps_counts"], json!([CONTACTS, 0, 0]), "{row}");
}

fn counter_feedback(account: &str, request: &str, owner: &str) -> Value {
    json!({
        "account": account,
        "request": request,
        "health": 2,
        "churn_risk": "high",
        "churn_causes": ["voice_lost"],
        "behind_the_scenes": "Their new CTO wants fewer vendors.",
        "changes": [{"text": "Weekly status report every Friday", "owner": owner, "due": "2026-12-04"}],
        "further_needs": "",
        "notes": ""
    })
}

#[tokio::test]
async fn a_team_syncing_counter_feedback_on_one_account_at_once_records_each_once() {
    let app = TestApp::new().await;
    let account = account_with_round(&app).await;
    all_submit(&app, &account, critical_answers).await;

    // Every request answered, each mutation delivered twice at the same moment (a
    // second tab, a retried request), by the lead and the member together.
    let mut syncs = Vec::new();
    let people = [(&account.lead, &account.lead_id), (&account.member, &account.member_id)];
    for (person, (browser, owner)) in people.into_iter().enumerate() {
        for (n, request) in open_requests(browser).await.iter().enumerate() {
            // A client id per device and change: the two people's never collide.
            let mutation = submit_mutation(
                &format!("6f1c2b9e-0000-4000-8000-{person:04}{n:08}"),
                counter_feedback(&account.id, request["id"].as_str().unwrap(), owner),
            );
            let body = json!({"mutations": [mutation]});
            syncs.push((browser, body.clone()));
            syncs.push((browser, body));
        }
    }
    let replies = join_all(
        syncs
            .iter()
            .map(|(browser, body)| browser.post("/api/v1/sync", body.clone())),
    )
    .await;
    let mut applied = 0;
    for reply in &replies {
        assert_eq!(reply.status, 200, "{}", reply.body);
        let outcome = reply.body["results"][0]["outcome"].as_str().unwrap();
        assert!(outcome == "applied" || outcome == "already_applied", "{}", reply.body);
        applied += usize::from(outcome == "applied");
    }
    assert_eq!(applied, 2 * CONTACTS);

    assert!(open_requests(&account.lead).await.is_empty());
    assert!(open_requests(&account.member).await.is_empty());
    let given = account
        .admin
        .get(&format!("/api/v1/accounts/{}/counter-feedback", account.id))
        .await;
    assert_eq!(given.body.as_array().unwrap().len(), 2 * CONTACTS);
    let actions = account
        .admin
        .get(&format!("/api/v1/accounts/{}/actions", account.id))
        .await;
    assert_eq!(actions.body.as_array().unwrap().len(), 2 * CONTACTS);
}

#[tokio::test]
async fn parallel_requests_of_one_session_at_its_stamping_minute_all_succeed() {
    let app = TestApp::new().await;
    let admin = app.signup("Acme", "anna@acme.fi").await;
    app.account(&admin, "Globex", json!({})).await;
    for round in 0..3 {
        // Every request is the first of a new minute: each one stamps the session.
        app.clock.advance(Duration::minutes(2));
        let replies = join_all((0..32).map(|n| {
            admin.get(if n % 2 == 0 {
                "/api/v1/heatmap"
            } else {
                "/api/v1/accounts"
            })
        }))
        .await;
        for reply in &replies {
            assert_eq!(reply.status, 200, "round {round}: {}", reply.body);
        }
    }
    // The stamp was kept: two hours of idle limit count from the last burst, not
    // from the login seven minutes before it.
    app.clock.advance(Duration::minutes(115));
    assert_eq!(admin.get("/api/v1/auth/me").await.status, 200);
}
