//! Scheduled feedback cycles, customer reminders, the scheduler's leases and records,
//! and opt-outs — a year of cycles in seconds with the manual clock.

mod common;

use chrono::{DateTime, Datelike, Duration, NaiveDate, Timelike, Utc, Weekday};
use chrono_tz::Europe::Helsinki;
use common::survey::{complete_answers, round_on, submit};
use common::{Browser, PASSWORD, TestApp};
use kaiku_server::config::Config;
use kaiku_server::scheduler::{Job, Scheduler};
use serde_json::{Value, json};

/// Every message in the outbox, oldest first.
async fn outbox(admin: &Browser<'_>) -> Vec<Value> {
    signed_in(admin).await;
    let reply = admin.get("/api/v1/outbox").await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    let mut messages = reply.body.as_array().unwrap().clone();
    messages.reverse();
    messages
}

fn created_at(message: &Value) -> DateTime<Utc> {
    message["created_at"].as_str().unwrap().parse().unwrap()
}

fn local_date(message: &Value) -> NaiveDate {
    created_at(message).with_timezone(&Helsinki).date_naive()
}

fn is_invitation(message: &Value) -> bool {
    let subject = message["subject"].as_str().unwrap();
    subject.ends_with("how are we doing?") || subject.ends_with("miten olemme onnistuneet?")
}

fn is_reminder(message: &Value) -> bool {
    let subject = message["subject"].as_str().unwrap();
    subject.starts_with("Reminder:") || subject.starts_with("Muistutus:")
}

fn to(message: &Value) -> &str {
    message["to"].as_str().unwrap()
}

/// The survey token in a customer email as sent.
fn survey_token(body: &str) -> String {
    let start = body.find("/s/").expect("a survey link") + 3;
    body[start..]
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
        .collect()
}

/// The opt-out path (`/u/<token>`) in a customer email as sent.
fn opt_out_path(body: &str) -> String {
    let start = body.find("/u/").expect("an opt-out link");
    body[start..].split_whitespace().next().unwrap().to_string()
}

fn rule(extra: Value) -> Value {
    let mut rule = json!({
        "every_months": 3, "weekday": "tue", "at_project_end": false, "days_after_end": null,
        "contacts": "all", "chosen_contacts": [], "template_id": "relationship", "deadline_days": 14
    });
    for (key, value) in extra.as_object().unwrap() {
        rule[key] = value.clone();
    }
    rule
}

async fn set_cycle(admin: &Browser<'_>, account: &str, rule: Value, paused: bool) -> Value {
    let reply = admin
        .put(
            &format!("/api/v1/accounts/{account}/cycle"),
            json!({"rule": rule, "paused": paused}),
        )
        .await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    reply.body
}

/// Logs the admin in again: their session ends while the clock runs for weeks.
async fn signed_in(admin: &Browser<'_>) {
    let reply = admin.login("admin@acme.test", PASSWORD).await;
    assert_eq!(reply.status, 200, "{}", reply.body);
}

/// Moves the clock in `step`s for `days`, running a scheduler pass at each step.
async fn run_for(app: &TestApp, scheduler: &Scheduler, days: i64, step: Duration) {
    let end = app.clock_now() + Duration::days(days);
    while app.clock_now() < end {
        app.clock.advance(step);
        for report in scheduler.run_once().await {
            assert_eq!(report.error, None, "{:?} failed", report.job);
        }
    }
}

trait ClockNow {
    fn clock_now(&self) -> DateTime<Utc>;
}

impl ClockNow for TestApp {
    fn clock_now(&self) -> DateTime<Utc> {
        self.state.now()
    }
}

/// An account starting on the test clock's first day (Monday 23 Nov 2026), with a
/// Finnish and an English contact.
async fn account_with_contacts<'a>(app: &'a TestApp, admin: &Browser<'a>, name: &str, extra: Value) -> String {
    let mut extra = extra;
    if extra.get("start_date").is_none() {
        extra["start_date"] = json!("2026-11-23");
    }
    let account = app.account(admin, name, extra).await;
    let slug = name.to_lowercase().replace(' ', "");
    app.contact(admin, &account, "Maija Virtanen", &format!("maija@{slug}.fi"), "fi")
        .await;
    app.contact(admin, &account, "John Smith", &format!("john@{slug}.com"), "en")
        .await;
    account
}

fn in_working_hours(message: &Value) -> bool {
    let local = created_at(message).with_timezone(&Helsinki);
    !matches!(local.weekday(), Weekday::Sat | Weekday::Sun) && (8..17).contains(&local.hour())
}

#[tokio::test]
async fn a_quarterly_cycle_runs_a_year_sending_exactly_the_planned_rounds_and_reminders() {
    let app = TestApp::new().await;
    let admin = app.signup("Acme", "admin@acme.test").await;
    let account = account_with_contacts(&app, &admin, "Globex", json!({})).await;
    let view = set_cycle(&admin, &account, rule(json!({})), false).await;
    let upcoming: Vec<&str> = view["upcoming"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["date"].as_str().unwrap())
        .collect();
    let planned = ["2027-02-23", "2027-05-25", "2027-08-24", "2027-11-23"];
    assert_eq!(upcoming, planned, "the calendar shows the year's rounds on Tuesdays");
    assert_eq!(view["source"], "account");

    let scheduler = Scheduler::new(app.state.clone(), "only");
    // Until the first round is out; then Maija answers at once, John never does.
    run_for(&app, &scheduler, 93, Duration::hours(3)).await;
    signed_in(&admin).await;
    let first = outbox(&admin).await;
    let maija_invitation = first
        .iter()
        .find(|m| is_invitation(m) && to(m).starts_with("maija"))
        .expect("the first round went out");
    let customer = app.browser();
    let reply = submit(
        &customer,
        &survey_token(&app.as_sent(maija_invitation).await),
        complete_answers(),
    )
    .await;
    assert_eq!(reply.status, 200, "{}", reply.body);

    // A year and the last round's reminders.
    run_for(&app, &scheduler, 366 + 7 - 93, Duration::hours(3)).await;
    signed_in(&admin).await;
    let messages: Vec<Value> = outbox(&admin)
        .await
        .into_iter()
        .filter(|m| is_invitation(m) || is_reminder(m))
        .collect();
    let mut expected = Vec::new();
    for (round, date) in planned.iter().enumerate() {
        let date: NaiveDate = date.parse().unwrap();
        for who in ["john@globex.com", "maija@globex.fi"] {
            expected.push((date, who.to_string(), "invitation"));
            if !(round == 0 && who.starts_with("maija")) {
                expected.push((date + Duration::days(3), who.to_string(), "reminder"));
                expected.push((date + Duration::days(7), who.to_string(), "reminder"));
            }
        }
    }
    let mut actual: Vec<(NaiveDate, String, &str)> = messages
        .iter()
        .map(|m| {
            let kind = if is_invitation(m) { "invitation" } else { "reminder" };
            (local_date(m), to(m).to_string(), kind)
        })
        .collect();
    expected.sort();
    actual.sort();
    assert_eq!(actual, expected);
    assert!(
        messages.iter().all(in_working_hours),
        "customer email only in working hours"
    );
    assert!(
        messages.iter().all(|m| m["body"].as_str().unwrap().contains("/u/")),
        "every customer email can be unsubscribed from"
    );
    let finnish = messages
        .iter()
        .find(|m| to(m).starts_with("maija") && is_reminder(m))
        .unwrap();
    assert!(
        finnish["subject"].as_str().unwrap().starts_with("Muistutus"),
        "in the contact's language"
    );

    let history = admin.get(&format!("/api/v1/accounts/{account}/cycle")).await.body["history"].clone();
    assert_eq!(history.as_array().unwrap().len(), 4);
    assert!(
        history
            .as_array()
            .unwrap()
            .iter()
            .all(|e| e["outcome"] == "sent" && e["contacts_sent"] == 2)
    );
}

#[tokio::test]
async fn the_project_end_triggers_a_round_on_the_day_and_days_after() {
    let app = TestApp::new().await;
    let admin = app.signup("Acme", "admin@acme.test").await;
    let reply = admin
        .put(
            "/api/v1/settings/schedule",
            json!({"settings": {"timezone": "Europe/Helsinki", "workday_start_hour": 8, "workday_end_hour": 17,
                    "contact_gap_days": 30, "account_gap_days": 30, "first_reminder_days": 3, "second_reminder_days": 7},
                   "defaults": []}),
        )
        .await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    // Ends on Wednesday 20 January 2027; a follow-up round 45 days later (Saturday 6
    // March, so it goes out on Monday 8 March).
    let account = account_with_contacts(&app, &admin, "Initech", json!({"end_date": "2027-01-20"})).await;
    let view = set_cycle(
        &admin,
        &account,
        rule(
            json!({"every_months": null, "at_project_end": true, "days_after_end": 45, "contacts": "decision_makers"}),
        ),
        false,
    )
    .await;
    let upcoming: Vec<(&str, &str)> = view["upcoming"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| (r["date"].as_str().unwrap(), r["reason"].as_str().unwrap()))
        .collect();
    assert_eq!(
        upcoming,
        [("2027-01-20", "project_end"), ("2027-03-06", "after_project_end")]
    );
    let scheduler = Scheduler::new(app.state.clone(), "only");
    run_for(&app, &scheduler, 120, Duration::hours(1)).await;
    signed_in(&admin).await;
    let mut invitations: Vec<(NaiveDate, String)> = outbox(&admin)
        .await
        .iter()
        .filter(|m| is_invitation(m))
        .map(|m| (local_date(m), to(m).to_string()))
        .collect();
    invitations.sort();
    let end: NaiveDate = "2027-01-20".parse().unwrap();
    let monday: NaiveDate = "2027-03-08".parse().unwrap();
    assert_eq!(
        invitations,
        [
            (end, "john@initech.com".to_string()),
            (end, "maija@initech.fi".to_string()),
            (monday, "john@initech.com".to_string()),
            (monday, "maija@initech.fi".to_string()),
        ]
    );
    let weekend_round = outbox(&admin)
        .await
        .into_iter()
        .find(|m| is_invitation(m) && local_date(m) == monday)
        .unwrap();
    assert_eq!(
        created_at(&weekend_round).with_timezone(&Helsinki).hour(),
        8,
        "held over the weekend until Monday 08:00 in Helsinki"
    );
}

#[tokio::test]
async fn throttling_skips_rounds_and_the_history_says_why() {
    let app = TestApp::new().await;
    let admin = app.signup("Acme", "admin@acme.test").await;
    let account = account_with_contacts(&app, &admin, "Hooli", json!({})).await;
    // A round by hand today; a monthly cycle whose first date (23 Dec) is 30 days
    // later: past a 20-day account gap, within the contacts' 60 days.
    let mut settings = admin.get("/api/v1/settings/schedule").await.body;
    settings["settings"]["account_gap_days"] = json!(20);
    assert_eq!(admin.put("/api/v1/settings/schedule", settings).await.status, 200);
    send_round(&admin, &account).await;
    set_cycle(
        &admin,
        &account,
        rule(json!({"every_months": 1, "weekday": "wed"})),
        false,
    )
    .await;
    let view = admin.get(&format!("/api/v1/accounts/{account}/cycle")).await.body;
    assert_eq!(view["upcoming"][0]["date"], "2026-12-23", "{view}");

    let scheduler = Scheduler::new(app.state.clone(), "only");
    run_for(&app, &scheduler, 31, Duration::hours(1)).await;
    signed_in(&admin).await;
    let view = admin.get(&format!("/api/v1/accounts/{account}/cycle")).await.body;
    let event = &view["history"][0];
    assert_eq!(event["date"], "2026-12-23");
    assert_eq!(event["outcome"], "contacts_throttled");
    assert_eq!(event["contacts_throttled"], 2);
    assert_eq!(
        outbox(&admin).await.iter().filter(|m| is_invitation(m)).count(),
        2,
        "only the round sent by hand"
    );

    // With a 70-day account gap, the round two months after the last one is skipped.
    let mut settings = admin.get("/api/v1/settings/schedule").await.body;
    settings["settings"]["account_gap_days"] = json!(70);
    settings["settings"]["contact_gap_days"] = json!(0);
    assert_eq!(admin.put("/api/v1/settings/schedule", settings).await.status, 200);
    run_for(&app, &scheduler, 35, Duration::hours(1)).await;
    signed_in(&admin).await;
    let view = admin.get(&format!("/api/v1/accounts/{account}/cycle")).await.body;
    assert_eq!(view["history"][0]["date"], "2027-01-27");
    assert_eq!(view["history"][0]["outcome"], "account_throttled");
    assert_eq!(
        view["history"][0]["days_since_last"], 65,
        "calendar days, 23 Nov to 27 Jan"
    );
}

#[tokio::test]
async fn a_paused_cycle_and_a_skipped_round_send_nothing() {
    let app = TestApp::new().await;
    let admin = app.signup("Acme", "admin@acme.test").await;
    let paused = account_with_contacts(&app, &admin, "Paused Oy", json!({})).await;
    let skipped = account_with_contacts(&app, &admin, "Skipped Oy", json!({})).await;
    set_cycle(&admin, &paused, rule(json!({"every_months": 1})), true).await;
    set_cycle(&admin, &skipped, rule(json!({"every_months": 1})), false).await;
    let reply = admin
        .post(
            &format!("/api/v1/accounts/{skipped}/cycle/skip"),
            json!({"date": "2026-12-29", "skip": true}),
        )
        .await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    assert_eq!(reply.body["upcoming"][0]["skipped"], true);
    let upcoming = admin.get("/api/v1/cycles/upcoming").await.body;
    let first_paused = upcoming
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["account_id"] == paused.as_str())
        .unwrap();
    assert_eq!(first_paused["paused"], true);

    let scheduler = Scheduler::new(app.state.clone(), "only");
    run_for(&app, &scheduler, 40, Duration::hours(2)).await;
    signed_in(&admin).await;
    assert_eq!(outbox(&admin).await.iter().filter(|m| is_invitation(m)).count(), 0);
    let view = admin.get(&format!("/api/v1/accounts/{skipped}/cycle")).await.body;
    assert_eq!(view["history"][0]["outcome"], "skipped_by_user");
    let view = admin.get(&format!("/api/v1/accounts/{paused}/cycle")).await.body;
    assert_eq!(view["history"].as_array().unwrap().len(), 0);

    // Resuming does not send the round missed while paused.
    set_cycle(&admin, &paused, rule(json!({"every_months": 1})), false).await;
    run_for(&app, &scheduler, 2, Duration::hours(2)).await;
    signed_in(&admin).await;
    assert_eq!(outbox(&admin).await.iter().filter(|m| is_invitation(m)).count(), 0);
}

#[tokio::test]
async fn reminders_stop_after_an_answer_a_revoke_or_an_opt_out() {
    let app = TestApp::new().await;
    let admin = app.signup("Acme", "admin@acme.test").await;
    let account = app.account(&admin, "Globex", json!({})).await;
    let round = round_on(&app, &admin, account.clone()).await;
    let (_, maija_token) = &round.links[0];
    let (_, john_token) = &round.links[1];
    let umbrella = account_with_contacts(&app, &admin, "Umbrella", json!({})).await;
    let links = send_round(&admin, &umbrella).await;
    let link_of = |email: &str| links.iter().find(|l| l["email"] == email).unwrap().clone();
    let revoked = link_of("maija@umbrella.fi");
    let opting = link_of("john@umbrella.com");
    let reply = admin
        .post(
            &format!("/api/v1/survey-links/{}/revoke", revoked["id"].as_str().unwrap()),
            json!({}),
        )
        .await;
    assert_eq!(reply.status, 200);
    // The same John is a contact of a third account too.
    let initech = app.account(&admin, "Initech", json!({})).await;
    app.contact(&admin, &initech, "John Smith", "john@umbrella.com", "en")
        .await;

    let customer = app.browser();
    assert_eq!(submit(&customer, maija_token, complete_answers()).await.status, 200);
    // John of Umbrella opts out from the link in his invitation.
    let invitation = outbox(&admin)
        .await
        .into_iter()
        .find(|m| m["to"] == opting["email"])
        .unwrap();
    let path = opt_out_path(&app.as_sent(&invitation).await);
    let page = customer.get(&path).await;
    assert_eq!(page.status, 200);
    assert!(
        page.body.as_str().unwrap().contains("Unsubscribe"),
        "asks first: {}",
        page.body
    );
    let done = customer.post(&path, json!({})).await;
    assert_eq!(done.status, 200);
    assert!(done.body.as_str().unwrap().contains("not get further feedback surveys"));

    let scheduler = Scheduler::new(app.state.clone(), "only");
    run_for(&app, &scheduler, 10, Duration::hours(1)).await;
    signed_in(&admin).await;
    let reminders: Vec<(String, NaiveDate)> = outbox(&admin)
        .await
        .iter()
        .filter(|m| is_reminder(m))
        .map(|m| (to(m).to_string(), local_date(m)))
        .collect();
    // Only John of Globex: sent Monday 23 Nov, reminded on day 3 and day 7.
    assert_eq!(
        reminders,
        [
            ("john@globex.com".to_string(), "2026-11-26".parse().unwrap()),
            ("john@globex.com".to_string(), "2026-11-30".parse().unwrap()),
        ]
    );
    // The reminder's own link opens the same survey; the first link still works too.
    let reminder = outbox(&admin).await.into_iter().rfind(is_reminder).unwrap();
    let page = customer
        .get(&format!(
            "/api/v1/survey/{}",
            survey_token(&app.as_sent(&reminder).await)
        ))
        .await;
    assert_eq!(page.status, 200, "{}", page.body);
    assert_eq!(customer.get(&format!("/api/v1/survey/{john_token}")).await.status, 200);

    // The person is opted out on every account they are a contact of; rounds and
    // re-sends to them are refused with the reason.
    for account in [&umbrella, &initech] {
        let contacts = admin.get(&format!("/api/v1/accounts/{account}/contacts")).await.body;
        let john = contacts
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["email"] == "john@umbrella.com")
            .unwrap()
            .clone();
        assert!(john["opted_out_at"].is_string(), "{contacts}");
        let reply = admin
            .post(
                &format!("/api/v1/accounts/{account}/rounds"),
                json!({"template_id": "relationship", "contact_ids": [john["id"]]}),
            )
            .await;
        assert_eq!(reply.status, 400);
        assert!(
            reply.body["error"]["message"]
                .as_str()
                .unwrap()
                .contains("asked not to get surveys")
        );
    }
    let reply = admin
        .post(
            &format!("/api/v1/survey-links/{}/resend", opting["id"].as_str().unwrap()),
            json!({}),
        )
        .await;
    assert_eq!(reply.status, 400, "{}", reply.body);
}

#[tokio::test]
async fn after_an_outage_a_customer_gets_one_reminder_not_two() {
    let app = TestApp::new().await;
    let admin = app.signup("Acme", "admin@acme.test").await;
    let account = app.account(&admin, "Globex", json!({})).await;
    round_on(&app, &admin, account).await;
    // The scheduler was down for the first eight days (both reminders fell due).
    app.clock.advance(Duration::days(8));
    let scheduler = Scheduler::new(app.state.clone(), "only");
    run_for(&app, &scheduler, 3, Duration::hours(1)).await;
    let reminders: Vec<String> = outbox(&admin)
        .await
        .iter()
        .filter(|m| is_reminder(m))
        .map(|m| to(m).to_string())
        .collect();
    assert_eq!(reminders.len(), 2, "one each, not two in a row: {reminders:?}");
}

/// A relationship round to every contact of `account`; the links as the reply lists them.
async fn send_round(admin: &Browser<'_>, account: &str) -> Vec<Value> {
    let contacts = admin.get(&format!("/api/v1/accounts/{account}/contacts")).await.body;
    let ids: Vec<&str> = contacts
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["id"].as_str().unwrap())
        .collect();
    let reply = admin
        .post(
            &format!("/api/v1/accounts/{account}/rounds"),
            json!({"template_id": "relationship", "contact_ids": ids}),
        )
        .await;
    assert_eq!(reply.status, 201, "{}", reply.body);
    reply.body["links"].as_array().unwrap().clone()
}

#[tokio::test]
async fn an_unknown_opt_out_link_gets_a_clear_page() {
    let app = TestApp::new().await;
    let page = app.browser().get("/u/not-a-token").await;
    assert_eq!(page.status, 404);
    assert!(page.body.as_str().unwrap().contains("not valid"));
}

#[tokio::test]
async fn a_restart_in_the_middle_of_a_pass_neither_repeats_nor_skips() {
    let mut config = Config::for_tests();
    config.scheduler_batch = 1;
    let app = TestApp::with_config(config).await;
    let admin = app.signup("Acme", "admin@acme.test").await;
    let mut accounts = Vec::new();
    for name in ["Alpha", "Beta", "Gamma"] {
        // Started a month ago on a Monday: the monthly round is due today (Monday).
        let account = account_with_contacts(&app, &admin, name, json!({"start_date": "2026-10-23"})).await;
        accounts.push(account);
    }
    for account in &accounts {
        // Rules set "yesterday", so today's planned round counts.
        set_cycle(
            &admin,
            account,
            rule(json!({"every_months": 1, "weekday": "mon"})),
            false,
        )
        .await;
    }
    // One pass decides one round (batch of 1); then the process dies.
    let first = Scheduler::new(app.state.clone(), "first");
    let reports = first.run_once().await;
    assert_eq!(reports.iter().find(|r| r.job == Job::Cycles).unwrap().done, Some(1));
    drop(first);
    let restarted = app.restarted();
    let second = Scheduler::new(restarted.state.clone(), "second");
    // The dead instance's lease must expire first.
    for _ in 0..12 {
        app.clock.advance(Duration::minutes(1));
        second.run_once().await;
    }
    let invitations: Vec<String> = outbox(&admin)
        .await
        .iter()
        .filter(|m| is_invitation(m))
        .map(|m| to(m).to_string())
        .collect();
    let mut sorted = invitations.clone();
    sorted.sort();
    sorted.dedup();
    assert_eq!(
        invitations.len(),
        6,
        "every contact of the three accounts: {invitations:?}"
    );
    assert_eq!(sorted.len(), 6, "nobody twice");
    let runs = app.state.store.job_runs(50).await.unwrap();
    assert!(
        runs.iter()
            .any(|r| r.job == "cycles" && r.instance == "first" && r.done == 1)
    );
    assert!(runs.iter().any(|r| r.job == "cycles" && r.instance == "second"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_instances_on_one_database_run_each_job_once_and_take_over_a_dead_ones_lease() {
    let app = TestApp::new().await;
    let admin = app.signup("Acme", "admin@acme.test").await;
    let account = account_with_contacts(&app, &admin, "Alpha", json!({"start_date": "2026-10-23"})).await;
    set_cycle(
        &admin,
        &account,
        rule(json!({"every_months": 1, "weekday": "mon"})),
        false,
    )
    .await;
    let other = app.restarted();
    let a = Scheduler::new(app.state.clone(), "a");
    let b = Scheduler::new(other.state.clone(), "b");
    for _ in 0..5 {
        // Two instances' passes, truly at the same time on two threads.
        let (sa, sb) = (app.state.clone(), other.state.clone());
        let ra = tokio::spawn(async move { Scheduler::new(sa, "a").run_once().await });
        let rb = tokio::spawn(async move { Scheduler::new(sb, "b").run_once().await });
        let (ra, rb) = (ra.await.unwrap(), rb.await.unwrap());
        for (x, y) in ra.iter().zip(&rb) {
            assert!(
                x.done.is_none() || y.done.is_none(),
                "{:?} ran on both instances at once",
                x.job
            );
        }
        app.clock.advance(Duration::minutes(1));
    }
    assert_eq!(outbox(&admin).await.iter().filter(|m| is_invitation(m)).count(), 2);
    // Whoever holds the cycles lease dies; after the lease runs out the other takes over.
    let cycles_holder = if a.run_once().await[0].done.is_some() { "a" } else { "b" };
    let survivor = if cycles_holder == "a" { &b } else { &a };
    assert_eq!(survivor.run_once().await[0].done, None, "the lease is still held");
    app.clock.advance(Duration::minutes(6));
    assert!(
        survivor.run_once().await[0].done.is_some(),
        "took over after the lease expired"
    );
    assert_eq!(outbox(&admin).await.iter().filter(|m| is_invitation(m)).count(), 2);
}

#[tokio::test]
async fn cycle_rules_and_settings_are_checked() {
    let app = TestApp::new().await;
    let admin = app.signup("Acme", "admin@acme.test").await;
    let account = account_with_contacts(&app, &admin, "Globex", json!({})).await;
    let path = format!("/api/v1/accounts/{account}/cycle");
    for (bad, field) in [
        (rule(json!({"every_months": 2})), "every_months"),
        (rule(json!({"every_months": null})), "every_months"),
        (rule(json!({"template_id": "nope"})), "template_id"),
        (
            rule(json!({"contacts": "chosen", "chosen_contacts": ["someone-else"]})),
            "chosen_contacts",
        ),
        (rule(json!({"deadline_days": 0})), "deadline_days"),
    ] {
        let reply = admin.put(&path, json!({"rule": bad, "paused": false})).await;
        assert_eq!(reply.status, 400, "{bad}");
        assert_eq!(reply.body["error"]["field"], field, "{}", reply.body);
    }
    let view = admin.get(&path).await.body;
    assert_eq!(view["rule"], Value::Null, "nothing half-written");
    let mut settings = admin.get("/api/v1/settings/schedule").await.body;
    assert_eq!(settings["settings"]["timezone"], "Europe/Helsinki");
    settings["settings"]["timezone"] = json!("Mars/Olympus");
    let reply = admin.put("/api/v1/settings/schedule", settings.clone()).await;
    assert_eq!(reply.status, 400);
    assert_eq!(reply.body["error"]["field"], "timezone");
    settings["settings"]["timezone"] = json!("Europe/Helsinki");
    settings["settings"]["workday_end_hour"] = json!(6);
    assert_eq!(admin.put("/api/v1/settings/schedule", settings).await.status, 400);

    // A default for the delivery stage applies to accounts without their own rule.
    let reply = admin
        .put(
            "/api/v1/settings/schedule",
            json!({"settings": admin.get("/api/v1/settings/schedule").await.body["settings"],
                   "defaults": [{"stage": "delivery", "segment": null, "rule": rule(json!({"every_months": 6}))}]}),
        )
        .await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    let view = admin.get(&path).await.body;
    assert_eq!(view["source"], "stage");
    assert_eq!(view["rule"]["every_months"], 6);
}

#[tokio::test]
async fn members_see_their_accounts_cycles_only_and_other_organisations_none() {
    let app = TestApp::new().await;
    let admin = app.signup("Acme", "admin@acme.test").await;
    let member = app.join(&admin, "member@acme.test", "member").await;
    let member_id = app.user_id(&member).await;
    let theirs = account_with_contacts(&app, &admin, "Theirs", json!({"team_ids": [member_id]})).await;
    let hidden = account_with_contacts(&app, &admin, "Hidden", json!({})).await;
    set_cycle(&admin, &theirs, rule(json!({"every_months": 1})), false).await;
    set_cycle(&admin, &hidden, rule(json!({"every_months": 1})), false).await;

    let upcoming = member.get("/api/v1/cycles/upcoming").await.body;
    assert!(
        upcoming
            .as_array()
            .unwrap()
            .iter()
            .all(|r| r["account_id"] == theirs.as_str())
    );
    assert!(!upcoming.as_array().unwrap().is_empty());
    assert_eq!(
        member.get(&format!("/api/v1/accounts/{hidden}/cycle")).await.status,
        404
    );
    let reply = member
        .put(
            &format!("/api/v1/accounts/{theirs}/cycle"),
            json!({"rule": null, "paused": true}),
        )
        .await;
    assert_eq!(reply.status, 403, "a team member does not manage the account");
    let settings = admin.get("/api/v1/settings/schedule").await.body;
    assert_eq!(member.put("/api/v1/settings/schedule", settings).await.status, 403);
    assert_eq!(member.get("/api/v1/outbox/status").await.status, 403);

    let globex = app.signup("Globex", "admin@globex.test").await;
    assert_eq!(
        globex.get(&format!("/api/v1/accounts/{theirs}/cycle")).await.status,
        404
    );
    let reply = globex
        .put(
            &format!("/api/v1/accounts/{theirs}/cycle"),
            json!({"rule": null, "paused": true}),
        )
        .await;
    assert_eq!(reply.status, 404);
    let reply = globex
        .post(
            &format!("/api/v1/accounts/{theirs}/cycle/skip"),
            json!({"date": "2027-01-01", "skip": true}),
        )
        .await;
    assert_eq!(reply.status, 404);
    assert_eq!(globex.get("/api/v1/cycles/upcoming").await.body, json!([]));
    let message = outbox(&admin).await.into_iter().next().unwrap();
    let reply = globex
        .post(
            &format!("/api/v1/outbox/{}/retry", message["id"].as_str().unwrap()),
            json!({}),
        )
        .await;
    assert_eq!(reply.status, 404);
    let view = admin.get(&format!("/api/v1/accounts/{theirs}/cycle")).await.body;
    assert_eq!(view["paused"], false, "nothing changed");
}

#[tokio::test]
async fn the_overdue_view_lists_who_owes_what_per_account() {
    let app = TestApp::new().await;
    let admin = app.signup("Acme", "admin@acme.test").await;
    let member = app.join(&admin, "member@acme.test", "member").await;
    let member_id = app.user_id(&member).await;
    let account = app.account(&admin, "Globex", json!({"team_ids": [member_id]})).await;
    let round = round_on(&app, &admin, account.clone()).await;
    app.account(&admin, "Quiet Oy", json!({})).await;
    let customer = app.browser();
    assert_eq!(
        submit(&customer, &round.links[0].1, complete_answers()).await.status,
        200
    );
    assert_eq!(
        admin.get("/api/v1/overdue").await.body,
        json!([]),
        "nothing is late yet"
    );

    app.clock.advance(Duration::days(4));
    signed_in(&admin).await;
    let overdue = admin.get("/api/v1/overdue").await.body;
    let accounts = overdue.as_array().unwrap();
    assert_eq!(accounts.len(), 1, "{overdue}");
    assert_eq!(accounts[0]["account"]["name"], "Globex");
    assert_eq!(accounts[0]["answers"][0]["contact_name"], "John Smith");
    assert_eq!(accounts[0]["answers"].as_array().unwrap().len(), 1, "Maija answered");
    assert_eq!(accounts[0]["requests"][0]["person"]["name"], "User member@acme.test");
    assert_eq!(accounts[0]["requests"][0]["contact_name"], "Maija Virtanen");

    assert_eq!(member.login("member@acme.test", PASSWORD).await.status, 200);
    assert_eq!(member.get("/api/v1/overdue").await.body.as_array().unwrap().len(), 1);
    let globex = app.signup("Globex Inc", "admin@globex.test").await;
    assert_eq!(globex.get("/api/v1/overdue").await.body, json!([]));
}

#[tokio::test]
async fn the_scheduler_reminds_the_team_on_day_two_and_escalates_on_day_five() {
    let app = TestApp::new().await;
    let admin = app.signup("Acme", "admin@acme.test").await;
    let member = app.join(&admin, "member@acme.test", "member").await;
    let member_id = app.user_id(&member).await;
    let account = app.account(&admin, "Globex", json!({"team_ids": [member_id]})).await;
    let round = round_on(&app, &admin, account).await;
    assert_eq!(
        submit(&app.browser(), &round.links[0].1, complete_answers())
            .await
            .status,
        200
    );

    let scheduler = Scheduler::new(app.state.clone(), "only");
    run_for(&app, &scheduler, 6, Duration::hours(1)).await;
    signed_in(&admin).await;
    let asked = created_at(
        outbox(&admin)
            .await
            .iter()
            .find(|m| to(m) == "member@acme.test" && m["subject"].as_str().unwrap().starts_with("Vastapalautepyyntö"))
            .expect("the member was asked"),
    );
    let follow_ups: Vec<(String, String, i64)> = outbox(&admin)
        .await
        .iter()
        .filter(|m| {
            let subject = m["subject"].as_str().unwrap();
            subject.starts_with("Muistutus: vastapalaute") || subject.starts_with("Counter-feedback overdue")
        })
        .map(|m| {
            let subject = m["subject"].as_str().unwrap().split(':').next().unwrap().to_string();
            (to(m).to_string(), subject, (created_at(m) - asked).num_hours())
        })
        .collect();
    assert_eq!(
        follow_ups,
        [
            ("member@acme.test".to_string(), "Muistutus".to_string(), 48),
            (
                "admin@acme.test".to_string(),
                "Counter-feedback overdue".to_string(),
                120
            ),
        ],
        "reminded after two days in Finnish, the admin told after five (no account lead)"
    );
}
