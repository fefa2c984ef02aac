//! Data-subject requests over the HTTP API: an admin looks a customer's contact up by
//! email across accounts, exports everything held about them, and erases them —
//! keeping what they said as anonymised data or deleting it; their links stop opening,
//! the emails to them leave the outbox, the audit log counts the erasure without naming
//! them; leaders, members and other organisations reach nothing. An organisation's
//! retention has the scheduler do the same to what is older than it.

mod common;

use chrono::Duration;
use common::cases::{COMPLAINT, detractor_answers};
use common::survey::{send_round, sent_round, submit};
use common::team::outbox_to;
use common::{Browser, Reply, TestApp, audit};
use serde_json::{Value, json};

const MAIJA: &str = "maija@globex.fi";
const NOTE: &str = "Maija soitti: raportit myöhässä taas, harkitsevat kilpailijaa.";

struct Person<'a> {
    admin: Browser<'a>,
    globex: String,
    initech: String,
    /// Maija's answered link on Globex and her open one on Initech: `(id, token)`.
    answered: (String, String),
    open: (String, String),
    /// John's link on Globex, whom nothing here touches.
    john: (String, String),
}

/// Maija is a contact of Globex (answered, as a detractor) and of Initech (not yet
/// answered), and sent a message that was noted on Globex.
async fn maija<'a>(app: &'a TestApp) -> Person<'a> {
    let admin = app.signup("Acme", "anna@acme.fi").await;
    let round = sent_round(app, &admin).await;
    let reply = submit(&app.browser(), &round.links[0].1, detractor_answers(3)).await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    let initech = app.account(&admin, "Initech", json!({})).await;
    let contact = app.contact(&admin, &initech, "Maija Virtanen", MAIJA, "fi").await;
    let open = send_round(&admin, &initech, &[&contact]).await.remove(0);
    let note = json!({"source": "phone_call", "body": NOTE, "language": "fi",
        "sender_name": "Maija Virtanen", "sender_email": MAIJA});
    let written = admin
        .post(&format!("/api/v1/accounts/{}/messages", round.account), note)
        .await;
    assert_eq!(written.status, 201, "{}", written.body);
    Person {
        admin,
        globex: round.account,
        initech,
        answered: round.links[0].clone(),
        open,
        john: round.links[1].clone(),
    }
}

async fn lookup(browser: &Browser<'_>, email: &str) -> Value {
    let reply = browser.post("/api/v1/privacy/lookups", json!({"email": email})).await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    reply.body
}

async fn erase(browser: &Browser<'_>, email: &str, answers: &str) -> Value {
    let reply = browser
        .post("/api/v1/privacy/erasures", json!({"email": email, "answers": answers}))
        .await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    reply.body
}

async fn responses(browser: &Browser<'_>, account: &str) -> Vec<Value> {
    let reply = browser.get(&format!("/api/v1/accounts/{account}/responses")).await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    reply.body.as_array().unwrap().clone()
}

async fn account_messages(browser: &Browser<'_>, account: &str) -> Vec<Value> {
    let reply = browser.get(&format!("/api/v1/accounts/{account}/messages")).await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    reply.body.as_array().unwrap().clone()
}

async fn the_open_case(browser: &Browser<'_>) -> Value {
    let cases = browser.get("/api/v1/cases?scope=all&status=open").await;
    assert_eq!(cases.body.as_array().unwrap().len(), 1, "{}", cases.body);
    let id = cases.body[0]["id"].as_str().unwrap();
    browser.get(&format!("/api/v1/cases/{id}")).await.body
}

async fn survey_opens(app: &TestApp, token: &str) -> bool {
    app.browser().get(&format!("/api/v1/survey/{token}")).await.status == 200
}

#[tokio::test]
async fn an_admin_finds_and_exports_everything_about_a_person_across_accounts() {
    let app = TestApp::new().await;
    let person = maija(&app).await;

    let held = lookup(&person.admin, "  Maija@Globex.FI ").await;
    assert_eq!(held["email"], MAIJA);
    assert_eq!(held["accounts"], json!(["Globex", "Initech"]));
    assert_eq!(held["contacts"], 2);
    assert_eq!(held["survey_links"], 2);
    assert_eq!(held["answered"], 1);
    assert_eq!(held["messages"], 1);
    assert_eq!(held["emails"], json!(outbox_to(&app, MAIJA).await.len()));
    assert!(held["emails"].as_u64().unwrap() >= 2, "{held}");

    let reply = person
        .admin
        .post("/api/v1/privacy/exports", json!({"email": MAIJA}))
        .await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    let export = reply.body;
    assert_eq!(export["organisation"], "Acme");
    let contacts = export["contacts"].as_array().unwrap();
    assert_eq!(contacts.len(), 2);
    assert!(
        contacts
            .iter()
            .all(|c| c["name"] == "Maija Virtanen" && c["email"] == MAIJA)
    );
    let answered = export["surveys"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["answered_at"].is_string())
        .unwrap();
    assert_eq!(answered["account"], "Globex");
    // The questions as she was asked them (in Finnish), with what she answered.
    let said = answered["answers"].as_array().unwrap();
    let nps = said.iter().find(|a| a["score"] == 3).unwrap();
    assert!(nps["question"].as_str().unwrap().contains("suosittel"), "{nps}");
    assert!(said.iter().any(|a| a["text"] == COMPLAINT), "{said:?}");
    assert_eq!(export["messages"][0]["body"], NOTE);
    assert!(!export["emails"].as_array().unwrap().is_empty());

    // The export is in the audit log, counted, without who it was.
    let logged = audit(&person.admin, "person_exported").await;
    assert_eq!(logged.len(), 1);
    assert!(
        !logged[0]["detail"].as_str().unwrap().to_lowercase().contains("maija"),
        "{}",
        logged[0]
    );
}

#[tokio::test]
async fn erasing_a_person_keeps_their_answers_anonymised_and_removes_who_they_were() {
    let app = TestApp::new().await;
    let person = maija(&app).await;
    let before = lookup(&person.admin, MAIJA).await;
    assert!(survey_opens(&app, &person.open.1).await);

    let erased = erase(&person.admin, MAIJA, "anonymise").await;
    assert_eq!(erased, before, "the erasure says what it erased");

    // Nothing is held about her any more …
    let after = lookup(&person.admin, MAIJA).await;
    assert_eq!(after["contacts"], 0, "{after}");
    assert_eq!(after["survey_links"], 0, "{after}");
    assert_eq!(after["messages"], 0, "{after}");
    assert_eq!(after["emails"], 0, "{after}");
    assert!(outbox_to(&app, MAIJA).await.is_empty());
    let globex_contacts = person
        .admin
        .get(&format!("/api/v1/accounts/{}/contacts", person.globex))
        .await;
    let names: Vec<&str> = globex_contacts
        .body
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["John Smith"]);
    // … her open link opens nothing, John's still does …
    assert!(!survey_opens(&app, &person.open.1).await);
    assert!(survey_opens(&app, &person.john.1).await);
    // … and what she said still counts, without her name.
    let globex = responses(&person.admin, &person.globex).await;
    let hers = globex
        .iter()
        .find(|r| r["link_id"] == person.answered.0.as_str())
        .unwrap();
    assert_eq!(hers["contact_name"], "");
    assert!(
        hers["answers"]
            .as_array()
            .unwrap()
            .iter()
            .any(|a| a["text"] == COMPLAINT)
    );
    let case = the_open_case(&person.admin).await;
    assert_eq!(case["customer_words"][0]["text"], COMPLAINT);
    assert_eq!(case["customer_words"][0]["contact_name"], "");
    let messages = account_messages(&person.admin, &person.globex).await;
    assert_eq!(messages.len(), 1);
    assert_eq!(messages[0]["body"], NOTE);
    assert_eq!(messages[0]["sender_email"], "");
    assert_eq!(messages[0]["sender_name"], "");
    assert!(responses(&person.admin, &person.initech).await.is_empty());

    let logged = audit(&person.admin, "person_erased").await;
    assert_eq!(logged.len(), 1);
    let detail = logged[0]["detail"].as_str().unwrap();
    assert!(
        detail.starts_with("2 contacts, 2 survey links (1 answered)"),
        "{detail}"
    );
    assert!(detail.ends_with("answers anonymised"), "{detail}");
    assert!(
        !detail.to_lowercase().contains("maija") && !detail.contains("Globex"),
        "{detail}"
    );

    // Erasing again finds nothing and records nothing.
    let again = erase(&person.admin, MAIJA, "anonymise").await;
    assert_eq!(again["contacts"], 0);
    assert_eq!(audit(&person.admin, "person_erased").await.len(), 1);
}

#[tokio::test]
async fn erasing_with_answers_deleted_removes_their_words_from_responses_cases_and_messages() {
    let app = TestApp::new().await;
    let person = maija(&app).await;
    assert_eq!(
        the_open_case(&person.admin).await["customer_words"][0]["text"],
        COMPLAINT
    );

    erase(&person.admin, MAIJA, "delete").await;

    let globex = responses(&person.admin, &person.globex).await;
    assert!(
        globex.iter().all(|r| r["link_id"] != person.answered.0.as_str()),
        "{globex:?}"
    );
    assert!(account_messages(&person.admin, &person.globex).await.is_empty());
    let case = the_open_case(&person.admin).await;
    let text = case.to_string();
    assert!(!text.contains(COMPLAINT) && !text.contains("Maija"), "{case}");
    assert!(survey_opens(&app, &person.john.1).await);
    let logged = audit(&person.admin, "person_erased").await;
    assert!(logged[0]["detail"].as_str().unwrap().ends_with("answers deleted"));
}

#[tokio::test]
async fn only_the_organisations_admins_reach_a_person_and_bad_emails_are_refused() {
    let app = TestApp::new().await;
    let person = maija(&app).await;
    let leader = app.join(&person.admin, "lee@acme.fi", "leader").await;
    for path in ["/api/v1/privacy/lookups", "/api/v1/privacy/exports"] {
        assert_eq!(leader.post(path, json!({"email": MAIJA})).await.status, 403, "{path}");
    }
    let refused = leader
        .post("/api/v1/privacy/erasures", json!({"email": MAIJA, "answers": "delete"}))
        .await;
    assert_eq!(refused.status, 403);

    // Another organisation's admin finds nothing of Acme's, and erases nothing of it.
    let other = app.signup("Other", "olga@other.fi").await;
    let theirs = lookup(&other, MAIJA).await;
    assert_eq!(theirs["contacts"], 0);
    assert_eq!(theirs["survey_links"], 0);
    let export = other.post("/api/v1/privacy/exports", json!({"email": MAIJA})).await;
    assert_eq!(export.body["contacts"], json!([]));
    assert_eq!(export.body["surveys"], json!([]));
    erase(&other, MAIJA, "delete").await;
    assert_eq!(lookup(&person.admin, MAIJA).await["contacts"], 2);

    let bad = person
        .admin
        .post("/api/v1/privacy/lookups", json!({"email": "maija"}))
        .await;
    assert_eq!(bad.status, 400, "{}", bad.body);
    assert_eq!(bad.code(), "validation");
    assert_eq!(bad.body["error"]["field"], "email");
    let bad_fate = person
        .admin
        .post("/api/v1/privacy/erasures", json!({"email": MAIJA, "answers": "forget"}))
        .await;
    assert_eq!(bad_fate.status, 400, "{}", bad_fate.body);
    assert_eq!(
        lookup(&person.admin, MAIJA).await["contacts"],
        2,
        "nothing was half-erased"
    );
}

async fn set_retention(browser: &Browser<'_>, retention: Value) -> Reply {
    browser.put("/api/v1/settings/retention", retention).await
}

#[tokio::test]
async fn what_customers_said_is_anonymised_then_deleted_once_past_the_organisations_retention() {
    let app = TestApp::new().await;
    let person = maija(&app).await;
    let leader = app.join(&person.admin, "lee@acme.fi", "leader").await;
    // Until an admin sets one, everything is kept.
    let unset = leader.get("/api/v1/settings/retention").await;
    assert_eq!(
        unset.body,
        json!({"answers_months": null, "messages_months": null, "fate": "anonymise"})
    );
    let keep = json!({"answers_months": 6, "messages_months": 12, "fate": "anonymise"});
    assert_eq!(set_retention(&leader, keep.clone()).await.status, 403);
    let bad = set_retention(
        &person.admin,
        json!({"answers_months": 0, "messages_months": 12, "fate": "anonymise"}),
    )
    .await;
    assert_eq!(bad.status, 400, "{}", bad.body);
    assert_eq!(bad.body["error"]["field"], "answers_months");
    let saved = set_retention(&person.admin, keep.clone()).await;
    assert_eq!(saved.status, 200, "{}", saved.body);
    assert_eq!(leader.get("/api/v1/settings/retention").await.body, keep);

    // Nothing is past its time yet.
    app.scheduler_pass().await;
    let admin = app.signed_in("anna@acme.fi").await;
    assert!(audit(&admin, "retention_applied").await.is_empty());

    // Seven months on, John answers a new round; the old answers lose who gave them.
    app.clock.advance(Duration::days(213));
    let admin = app.signed_in("anna@acme.fi").await;
    let contacts = admin.get(&format!("/api/v1/accounts/{}/contacts", person.globex)).await;
    let john = contacts
        .body
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["name"] == "John Smith")
        .unwrap()["id"]
        .as_str()
        .unwrap()
        .to_string();
    let fresh = send_round(&admin, &person.globex, &[&john]).await.remove(0);
    assert_eq!(submit(&app.browser(), &fresh.1, detractor_answers(8)).await.status, 200);
    app.scheduler_pass().await;

    let globex = responses(&admin, &person.globex).await;
    let old = globex
        .iter()
        .find(|r| r["link_id"] == person.answered.0.as_str())
        .unwrap();
    assert_eq!(old["contact_name"], "");
    assert!(
        old["answers"]
            .as_array()
            .unwrap()
            .iter()
            .any(|a| a["text"] == COMPLAINT)
    );
    let new = globex.iter().find(|r| r["link_id"] == fresh.0.as_str()).unwrap();
    assert_eq!(new["contact_name"], "John Smith");
    assert!(
        !survey_opens(&app, &person.open.1).await,
        "the unanswered old link is closed"
    );
    // Retention forgets who answered, not who the contacts are; the message is younger
    // than its twelve months.
    assert_eq!(lookup(&admin, MAIJA).await["contacts"], 2);
    assert_eq!(account_messages(&admin, &person.globex).await[0]["sender_email"], MAIJA);
    let applied = audit(&admin, "retention_applied").await;
    assert_eq!(applied.len(), 1);
    let detail = applied[0]["detail"].as_str().unwrap();
    assert!(
        detail.starts_with("0 contacts, 3 survey links (1 answered)"),
        "{detail}"
    );
    assert!(detail.ends_with("answers anonymised"), "{detail}");
    // A pass with nothing new past its time does nothing and records nothing.
    app.scheduler_pass().await;
    assert_eq!(audit(&admin, "retention_applied").await.len(), 1);

    // Deleting instead: the old answers and the message go, the new answer stays.
    let delete = json!({"answers_months": 6, "messages_months": 6, "fate": "delete"});
    assert_eq!(set_retention(&admin, delete).await.status, 200);
    app.scheduler_pass().await;
    let globex = responses(&admin, &person.globex).await;
    let left: Vec<&str> = globex.iter().map(|r| r["link_id"].as_str().unwrap()).collect();
    assert_eq!(left, [fresh.0.as_str()]);
    assert!(account_messages(&admin, &person.globex).await.is_empty());
    let changed = audit(&admin, "retention_changed").await;
    assert_eq!(changed.len(), 2);
    assert_eq!(
        changed[0]["detail"],
        "answers: 6 months, messages: 6 months, then delete"
    );
}
