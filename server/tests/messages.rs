//! Customer messages over the HTTP API: posted with organisation API keys (bearer,
//! scopes, revoked and unknown keys, the per-key limit) and by hand on an account,
//! stored once per source and external id, placed by their sender (contact email,
//! a domain of one account, a taught domain; free mail and shared domains wait in
//! the Unmatched queue), analysed and corrected like answers, and a negative one
//! with a churn cause routed to the account's case and lead; nobody outside the
//! account or the organisation reaches any of it.

mod common;

use common::sync::sync;
use common::team::{AccountTeam, account_team, outbox_to};
use common::{Browser, Reply, TestApp};
use kaiku_server::config::Config;
use poem::http::Method;
use serde_json::{Value, json};

const COMPLAINT: &str = "Reklamaatioihin ei vastata, ja raportit myöhästyvät joka viikko.";

/// A key's secret, created by `admin` with `scopes`.
async fn key(admin: &Browser<'_>, name: &str, scopes: &[&str]) -> String {
    let reply = admin
        .post("/api/v1/settings/api-keys", json!({"name": name, "scopes": scopes}))
        .await;
    assert_eq!(reply.status, 201, "{}", reply.body);
    reply.body["secret"].as_str().unwrap().to_string()
}

/// A request as another system sends it: the key as a bearer token, no cookies,
/// no CSRF token.
async fn call(app: &TestApp, method: Method, path: &str, key: Option<&str>, body: Option<Value>) -> Reply {
    let mut request = app.client.request(method, path.to_string());
    if let Some(key) = key {
        request = request.header("Authorization", format!("Bearer {key}"));
    }
    if let Some(body) = body {
        request = request.body_json(&body);
    }
    let response = request.send().await.0;
    let status = response.status().as_u16();
    let headers = response.headers().clone();
    let text = response.into_body().into_string().await.unwrap_or_default();
    let body = serde_json::from_str(&text).unwrap_or(Value::String(text));
    Reply { status, body, headers }
}

async fn post_message(app: &TestApp, key: &str, body: Value) -> Reply {
    call(
        app,
        Method::POST,
        "/api/v1/integrations/messages",
        Some(key),
        Some(body),
    )
    .await
}

fn email_from(sender: &str, external_id: &str, body: &str) -> Value {
    json!({
        "source": "email", "sender_name": "Someone", "sender_email": sender,
        "subject": "Hello", "body": body, "external_id": external_id,
        "received_at": "2026-11-20T08:00:00Z"
    })
}

async fn account_messages(browser: &Browser<'_>, account: &str) -> Vec<Value> {
    let reply = browser.get(&format!("/api/v1/accounts/{account}/messages")).await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    reply.body.as_array().unwrap().clone()
}

async fn unmatched(browser: &Browser<'_>) -> Vec<Value> {
    let reply = browser.get("/api/v1/messages/unmatched").await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    reply.body.as_array().unwrap().clone()
}

async fn writer(app: &TestApp, team: &AccountTeam<'_>) -> String {
    let _ = app;
    key(&team.admin, "Helpdesk", &["messages:write"]).await
}

#[tokio::test]
async fn the_same_message_is_stored_once_per_source_and_external_id() {
    let app = TestApp::new().await;
    let team = account_team(&app).await;
    let key = writer(&app, &team).await;
    let message = email_from("maija@globex.fi", "<abc@globex.fi>", "Kiitos hyvästä palaverista.");

    let first = post_message(&app, &key, message.clone()).await;
    assert_eq!(first.status, 201, "{}", first.body);
    assert_eq!(first.body["created"], true);
    let again = post_message(&app, &key, message.clone()).await;
    assert_eq!(again.status, 200, "{}", again.body);
    assert_eq!(again.body["created"], false);
    assert_eq!(again.body["message"]["id"], first.body["message"]["id"]);

    // Many deliveries at the same moment: the unique index keeps one.
    let parallel = email_from("maija@globex.fi", "<race@globex.fi>", "Sama viesti monta kertaa.");
    let replies = futures::future::join_all((0..6).map(|_| post_message(&app, &key, parallel.clone()))).await;
    assert!(
        replies.iter().all(|r| r.status == 200 || r.status == 201),
        "{replies:?}"
    );
    assert_eq!(replies.iter().filter(|r| r.status == 201).count(), 1);

    // The same id from another source is another message.
    let mut chat = message.clone();
    chat["source"] = json!("chat");
    assert_eq!(post_message(&app, &key, chat).await.status, 201);

    // The batch endpoint holds to the same rule.
    let batch = call(
        &app,
        Method::POST,
        "/api/v1/integrations/messages/batch",
        Some(&key),
        Some(json!({"messages": [message, email_from("john@globex.com", "<new@globex.com>", "Fine.")]})),
    )
    .await;
    assert_eq!(batch.status, 200, "{}", batch.body);
    assert_eq!(batch.body["results"][0]["created"], false);
    assert_eq!(batch.body["results"][0]["id"], first.body["message"]["id"]);
    assert_eq!(batch.body["results"][1]["created"], true);

    assert_eq!(account_messages(&team.lead, &team.account).await.len(), 4);
}

#[tokio::test]
async fn bad_messages_are_refused_with_their_reasons_and_nothing_is_stored() {
    let app = TestApp::new().await;
    let team = account_team(&app).await;
    let key = writer(&app, &team).await;

    let empty = post_message(&app, &key, email_from("maija@globex.fi", "1", "   ")).await;
    assert_eq!((empty.status, empty.code()), (400, "validation"), "{}", empty.body);
    assert_eq!(empty.body["error"]["field"], "body");
    let bad_sender = post_message(&app, &key, email_from("maija at globex", "2", "Hei")).await;
    assert_eq!(bad_sender.body["error"]["field"], "sender_email");
    let unknown_source = post_message(&app, &key, json!({"source": "fax", "body": "Hei", "external_id": "3"})).await;
    assert_eq!(unknown_source.status, 400, "{}", unknown_source.body);
    assert!(unknown_source.body["error"]["message"].is_string());
    let unknown_account = post_message(
        &app,
        &key,
        json!({"source": "chat", "body": "Hei", "account_id": "nope"}),
    )
    .await;
    assert_eq!(unknown_account.status, 404);

    let batch = call(
        &app,
        Method::POST,
        "/api/v1/integrations/messages/batch",
        Some(&key),
        Some(json!({"messages": [
            email_from("maija@globex.fi", "ok-1", "Hyvä palvelu."),
            email_from("maija@globex.fi", "bad-1", ""),
            email_from("", "ok-2", "Nimetön palaute."),
        ]})),
    )
    .await;
    assert_eq!(batch.status, 200, "{}", batch.body);
    let results = batch.body["results"].as_array().unwrap();
    assert_eq!(results[0]["created"], true);
    assert_eq!(results[1]["created"], false);
    assert_eq!(results[1]["index"], 1);
    assert_eq!(results[1]["error"]["field"], "body");
    assert_eq!(results[2]["created"], true);

    let too_many: Vec<Value> = (0..101)
        .map(|i| email_from("maija@globex.fi", &format!("many-{i}"), "Hei"))
        .collect();
    let refused = call(
        &app,
        Method::POST,
        "/api/v1/integrations/messages/batch",
        Some(&key),
        Some(json!({ "messages": too_many })),
    )
    .await;
    assert_eq!(refused.body["error"]["field"], "messages");

    assert_eq!(account_messages(&team.lead, &team.account).await.len(), 1);
    assert_eq!(unmatched(&team.admin).await.len(), 1, "the one without a sender waits");
}

#[tokio::test]
async fn keys_are_shown_once_scoped_revocable_and_only_bearer_calls_use_them() {
    let app = TestApp::new().await;
    let team = account_team(&app).await;
    let writer_key = key(&team.admin, "Helpdesk", &["messages:write"]).await;
    let reader_key = key(&team.admin, "BI", &["read"]).await;
    assert!(writer_key.starts_with("kaiku_"));
    let message = email_from("maija@globex.fi", "k-1", "Hei");

    let missing = call(
        &app,
        Method::POST,
        "/api/v1/integrations/messages",
        None,
        Some(message.clone()),
    )
    .await;
    assert_eq!(
        (missing.status, missing.code()),
        (401, "unauthenticated"),
        "{}",
        missing.body
    );
    let wrong = post_message(&app, "kaiku_not-a-real-key", message.clone()).await;
    assert_eq!((wrong.status, wrong.code()), (401, "unauthenticated"));
    // A signed-in browser's session does not stand in for a key.
    let cookies = team.admin.post("/api/v1/integrations/messages", message.clone()).await;
    assert_eq!(cookies.status, 401);

    let read_only = post_message(&app, &reader_key, message.clone()).await;
    assert_eq!((read_only.status, read_only.code()), (403, "forbidden"));
    let write_only = call(
        &app,
        Method::GET,
        "/api/v1/integrations/messages",
        Some(&writer_key),
        None,
    )
    .await;
    assert_eq!(write_only.status, 403);

    assert_eq!(post_message(&app, &writer_key, message.clone()).await.status, 201);
    let read = call(
        &app,
        Method::GET,
        "/api/v1/integrations/messages",
        Some(&reader_key),
        None,
    )
    .await;
    assert_eq!(read.status, 200, "{}", read.body);
    assert_eq!(read.body.as_array().unwrap().len(), 1);

    let keys = team.admin.get("/api/v1/settings/api-keys").await;
    assert_eq!(keys.status, 200);
    let text = keys.body.to_string();
    assert!(
        !text.contains(&writer_key) && !text.contains(&reader_key),
        "secrets never listed"
    );
    let helpdesk = keys
        .body
        .as_array()
        .unwrap()
        .iter()
        .find(|k| k["name"] == "Helpdesk")
        .unwrap()
        .clone();
    assert_eq!(helpdesk["scopes"], json!(["messages:write"]));
    assert!(helpdesk["last_used_at"].is_string(), "last use shown: {helpdesk}");
    assert!(writer_key.starts_with(helpdesk["prefix"].as_str().unwrap()));

    let id = helpdesk["id"].as_str().unwrap();
    let revoke = team
        .admin
        .post(&format!("/api/v1/settings/api-keys/{id}/revoke"), json!({}))
        .await;
    assert_eq!(revoke.status, 204, "{}", revoke.body);
    let revoked = post_message(&app, &writer_key, email_from("maija@globex.fi", "k-2", "Hei")).await;
    assert_eq!((revoked.status, revoked.code()), (401, "unauthenticated"));

    // Only admins manage keys.
    for browser in [&team.lead, &team.member] {
        assert_eq!(browser.get("/api/v1/settings/api-keys").await.status, 403);
        let create = browser
            .post("/api/v1/settings/api-keys", json!({"name": "Mine", "scopes": ["read"]}))
            .await;
        assert_eq!(create.status, 403);
    }
    let no_scope = team
        .admin
        .post("/api/v1/settings/api-keys", json!({"name": "Nothing", "scopes": []}))
        .await;
    assert_eq!(no_scope.body["error"]["field"], "scopes");
}

#[tokio::test]
async fn each_key_is_limited_on_its_own() {
    let mut config = Config::for_tests();
    config.api_key_requests = 3;
    let app = TestApp::with_config(config).await;
    let admin = app.signup("Acme", "anna@acme.fi").await;
    let busy = key(&admin, "Busy", &["read"]).await;
    let calm = key(&admin, "Calm", &["read"]).await;
    for _ in 0..3 {
        let reply = call(&app, Method::GET, "/api/v1/integrations/messages", Some(&busy), None).await;
        assert_eq!(reply.status, 200);
    }
    let limited = call(&app, Method::GET, "/api/v1/integrations/messages", Some(&busy), None).await;
    assert_eq!((limited.status, limited.code()), (429, "rate_limited"));
    assert!(limited.body["error"]["retry_after_secs"].as_u64().unwrap() > 0);
    let other = call(&app, Method::GET, "/api/v1/integrations/messages", Some(&calm), None).await;
    assert_eq!(other.status, 200);
}

#[tokio::test]
async fn senders_are_matched_by_contact_email_then_a_domain_of_one_account() {
    let app = TestApp::new().await;
    let team = account_team(&app).await;
    let key = writer(&app, &team).await;
    // Two accounts whose contacts share a group domain; one with a free-mail contact.
    let initech = app.account(&team.admin, "Initech", json!({})).await;
    let umbrella = app.account(&team.admin, "Umbrella", json!({})).await;
    app.contact(&team.admin, &initech, "Bob", "bob@group.fi", "en").await;
    app.contact(&team.admin, &umbrella, "Ann", "ann@group.fi", "en").await;
    app.contact(&team.admin, &umbrella, "Pete", "pete@gmail.com", "fi")
        .await;

    let by_contact = post_message(&app, &key, email_from("MAIJA@globex.fi", "m-1", "Hei")).await;
    let message = &by_contact.body["message"];
    assert_eq!(message["account"]["id"], team.account.as_str());
    assert_eq!(message["contact"]["name"], "Maija Virtanen");
    assert_eq!(message["matched_by"], "contact_email");

    let by_domain = post_message(&app, &key, email_from("ceo@globex.fi", "m-2", "Hei")).await;
    assert_eq!(by_domain.body["message"]["account"]["id"], team.account.as_str());
    assert_eq!(by_domain.body["message"]["contact"], Value::Null);
    assert_eq!(by_domain.body["message"]["matched_by"], "domain");

    let shared = post_message(&app, &key, email_from("ceo@group.fi", "m-3", "Hei")).await;
    assert_eq!(shared.body["message"]["matched_by"], "unmatched");
    assert_eq!(shared.body["message"]["account"], Value::Null);

    let free_mail = post_message(&app, &key, email_from("someone@gmail.com", "m-4", "Hei")).await;
    assert_eq!(free_mail.body["message"]["matched_by"], "unmatched");
    let contact_on_free_mail = post_message(&app, &key, email_from("pete@gmail.com", "m-5", "Hei")).await;
    assert_eq!(contact_on_free_mail.body["message"]["account"]["id"], umbrella.as_str());

    let queue = unmatched(&team.admin).await;
    assert_eq!(queue.len(), 2);

    // A free-mail domain cannot be taught.
    let free_id = free_mail.body["message"]["id"].as_str().unwrap();
    let refused = team
        .admin
        .post(
            &format!("/api/v1/messages/{free_id}/assign"),
            json!({"account_id": umbrella, "teach_domain": true}),
        )
        .await;
    assert_eq!(
        (refused.status, refused.body["error"]["field"].as_str()),
        (400, Some("teach_domain"))
    );

    // Assigning the shared-domain one teaches Kaiku that group.fi is Initech's.
    let shared_id = shared.body["message"]["id"].as_str().unwrap();
    let assigned = team
        .admin
        .post(
            &format!("/api/v1/messages/{shared_id}/assign"),
            json!({"account_id": initech, "teach_domain": true}),
        )
        .await;
    assert_eq!(assigned.status, 200, "{}", assigned.body);
    assert_eq!(assigned.body["account"]["id"], initech.as_str());
    assert_eq!(assigned.body["matched_by"], "assigned");
    let taught = post_message(&app, &key, email_from("cfo@group.fi", "m-6", "Hei")).await;
    assert_eq!(taught.body["message"]["account"]["id"], initech.as_str());
    assert_eq!(taught.body["message"]["matched_by"], "taught_domain");
    // Ann, Umbrella's contact at the same domain, is still Umbrella's.
    let ann = post_message(&app, &key, email_from("ann@group.fi", "m-7", "Hei")).await;
    assert_eq!(ann.body["message"]["account"]["id"], umbrella.as_str());

    assert_eq!(unmatched(&team.admin).await.len(), 1);
}

async fn open_cases(browser: &Browser<'_>) -> Vec<Value> {
    let reply = browser.get("/api/v1/cases?scope=all&status=open").await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    reply.body.as_array().unwrap().clone()
}

/// The urgent-message emails to `email`.
async fn alerts_to(app: &TestApp, email: &str) -> Vec<Value> {
    outbox_to(app, email)
        .await
        .into_iter()
        .filter(|m| {
            let subject = m["subject"].as_str().unwrap_or_default();
            subject.starts_with("Urgent customer message") || subject.starts_with("Kiireellinen asiakasviesti")
        })
        .collect()
}

#[tokio::test]
async fn a_negative_message_with_a_churn_cause_opens_the_case_and_tells_the_lead() {
    let app = TestApp::new().await;
    let team = account_team(&app).await;
    let key = writer(&app, &team).await;

    let calm = post_message(
        &app,
        &key,
        email_from("maija@globex.fi", "c-0", "Kiitos, kaikki hyvin."),
    )
    .await;
    assert_eq!(calm.body["message"]["urgent"], false);
    assert!(open_cases(&team.admin).await.is_empty());
    assert!(alerts_to(&app, "lead@acme.fi").await.is_empty());

    let complaint = post_message(&app, &key, email_from("maija@globex.fi", "c-1", COMPLAINT)).await;
    assert_eq!(complaint.status, 201, "{}", complaint.body);
    let message = &complaint.body["message"];
    assert_eq!(message["urgent"], true);
    assert_eq!(message["analysis"]["sentiment"]["polarity"], "negative");
    assert!(!message["analysis"]["churn_causes"].as_array().unwrap().is_empty());
    let cases = open_cases(&team.admin).await;
    assert_eq!(cases.len(), 1);
    assert_eq!(cases[0]["account"]["id"], team.account.as_str());
    assert_eq!(cases[0]["owner"]["id"], team.lead_id.as_str());
    let case_id = cases[0]["id"].as_str().unwrap();
    let case = team.lead.get(&format!("/api/v1/cases/{case_id}")).await.body;
    assert_eq!(case["triggers"][0]["message"], message["id"]);
    assert_eq!(case["triggers"][0]["trigger"]["kind"], "negative_with_cause");
    let mails = alerts_to(&app, "lead@acme.fi").await;
    assert_eq!(mails.len(), 1, "{mails:?}");
    assert!(mails[0]["subject"].as_str().unwrap().contains("Globex"));

    // A second one attaches to the open case; its repeat changes nothing.
    let second = email_from("john@globex.com", "c-2", COMPLAINT);
    assert_eq!(post_message(&app, &key, second.clone()).await.status, 201);
    assert_eq!(post_message(&app, &key, second).await.status, 200);
    let cases = open_cases(&team.admin).await;
    assert_eq!(cases.len(), 1);
    let case = team.lead.get(&format!("/api/v1/cases/{case_id}")).await.body;
    assert_eq!(case["triggers"].as_array().unwrap().len(), 2);
    assert_eq!(alerts_to(&app, "lead@acme.fi").await.len(), 2);

    // In the app: the lead's count, until they look.
    let counts = team.lead.get("/api/v1/messages/counts").await.body;
    assert_eq!((counts["new"].as_u64(), counts["urgent"].as_u64()), (Some(3), Some(2)));
    assert_eq!(team.outsider.get("/api/v1/messages/counts").await.body["new"], 0);
    assert_eq!(
        team.member.get("/api/v1/messages").await.body.as_array().unwrap().len(),
        3
    );
    assert!(
        team.outsider
            .get("/api/v1/messages")
            .await
            .body
            .as_array()
            .unwrap()
            .is_empty()
    );
    assert_eq!(team.lead.post("/api/v1/messages/seen", json!({})).await.status, 204);
    assert_eq!(team.lead.get("/api/v1/messages/counts").await.body["new"], 0);
    app.clock.advance(chrono::Duration::minutes(5));
    post_message(&app, &key, email_from("john@globex.com", "c-3", "Kiitos.")).await;
    assert_eq!(team.lead.get("/api/v1/messages/counts").await.body["new"], 1);

    // And beside answers in the account's timeline.
    let overview = team
        .lead
        .get(&format!("/api/v1/accounts/{}/overview", team.account))
        .await;
    let in_timeline = overview.body["timeline"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["message"].is_object())
        .count();
    assert_eq!(in_timeline, 4);
}

#[tokio::test]
async fn an_unmatched_complaint_is_routed_when_a_person_places_it() {
    let app = TestApp::new().await;
    let team = account_team(&app).await;
    let key = writer(&app, &team).await;
    let posted = post_message(&app, &key, email_from("angry@hotmail.com", "u-1", COMPLAINT)).await;
    assert_eq!(posted.body["message"]["urgent"], true);
    assert!(open_cases(&team.admin).await.is_empty(), "no account, no case yet");
    let id = posted.body["message"]["id"].as_str().unwrap();
    let assigned = team
        .admin
        .post(
            &format!("/api/v1/messages/{id}/assign"),
            json!({"account_id": team.account}),
        )
        .await;
    assert_eq!(assigned.status, 200, "{}", assigned.body);
    assert_eq!(open_cases(&team.admin).await.len(), 1);
    assert_eq!(alerts_to(&app, "lead@acme.fi").await.len(), 1);
}

#[tokio::test]
async fn a_team_member_writes_a_meeting_note_on_the_account_and_corrections_teach_the_model() {
    let app = TestApp::new().await;
    let team = account_team(&app).await;
    let note = json!({"source": "meeting_note", "body": "Asiakas mainitsi kahviautomaatin.", "language": "fi"});
    let written = team
        .member
        .post(&format!("/api/v1/accounts/{}/messages", team.account), note.clone())
        .await;
    assert_eq!(written.status, 201, "{}", written.body);
    let message = &written.body["message"];
    assert_eq!(message["matched_by"], "given");
    assert_eq!(message["created_by"]["id"], team.member_id.as_str());
    assert_eq!(message["analysis"]["sentiment"]["polarity"], "neutral");

    let id = message["id"].as_str().unwrap();
    let corrected = team
        .member
        .post(
            &format!("/api/v1/messages/{id}/corrections"),
            json!({"kind": "sentiment", "label": "negative", "present": true}),
        )
        .await;
    assert_eq!(corrected.status, 200, "{}", corrected.body);
    assert_eq!(corrected.body["analysis"]["sentiment"]["polarity"], "negative");
    let unknown = team
        .member
        .post(
            &format!("/api/v1/messages/{id}/corrections"),
            json!({"kind": "theme", "label": "no_such_theme", "present": true}),
        )
        .await;
    assert_eq!(unknown.body["error"]["field"], "label");

    // The organisation's model learned it: the same words later read as negative.
    let again = team
        .lead
        .post(&format!("/api/v1/accounts/{}/messages", team.account), note)
        .await;
    assert_eq!(again.status, 201, "no external id: a second note is a new one");
    assert_eq!(again.body["message"]["analysis"]["sentiment"]["polarity"], "negative");
    assert_eq!(again.body["message"]["analysis"]["sentiment"]["learned"], true);
}

/// A meeting note as the app's sync outbox carries it from a device.
fn note_mutation(id: &str, account: &str, body: &str) -> Value {
    json!({
        "id": id,
        "kind": "post_message",
        "message": {"account_id": account, "message": {"source": "meeting_note", "body": body, "language": "fi"}},
    })
}

#[tokio::test]
async fn a_note_written_offline_arrives_once_however_often_the_device_sends_it() {
    let app = TestApp::new().await;
    let team = account_team(&app).await;
    let note = note_mutation("device-note-1", &team.account, COMPLAINT);
    let first = sync(&team.member, vec![note.clone()]).await;
    assert_eq!(first[0]["outcome"], "applied", "{first:?}");
    // The answer was lost on the way: the device sends it again, twice over even.
    let again = sync(&team.member, vec![note.clone(), note.clone()]).await;
    let outcomes: Vec<&str> = again.iter().map(|r| r["outcome"].as_str().unwrap()).collect();
    assert_eq!(outcomes, ["already_applied", "already_applied"]);
    let notes: Vec<Value> = account_messages(&team.lead, &team.account)
        .await
        .into_iter()
        .filter(|m| m["body"] == COMPLAINT)
        .collect();
    assert_eq!(notes.len(), 1, "{notes:?}");
    assert_eq!(notes[0]["created_by"]["id"], team.member_id.as_str());
    assert_eq!(notes[0]["matched_by"], "given");
    assert_eq!(notes[0]["analysis"]["sentiment"]["polarity"], "negative");
    let stored = account_messages(&team.lead, &team.account).await.len();

    // An empty note is refused on its own, with its reason.
    let empty = sync(&team.member, vec![note_mutation("device-note-2", &team.account, "  ")]).await;
    assert_eq!(
        (empty[0]["outcome"].as_str(), empty[0]["error"]["field"].as_str()),
        (Some("rejected"), Some("body"))
    );
    // Someone not on the account, or of another organisation, writes nothing on it.
    let outsider = sync(
        &team.outsider,
        vec![note_mutation("device-note-3", &team.account, "Hei")],
    )
    .await;
    assert_eq!(
        (outsider[0]["outcome"].as_str(), outsider[0]["error"]["code"].as_str()),
        (Some("rejected"), Some("not_found"))
    );
    let globex = app.signup("Globex", "gus@globex.fi").await;
    let other = sync(&globex, vec![note_mutation("device-note-1", &team.account, "Hei")]).await;
    assert_eq!(
        (other[0]["outcome"].as_str(), other[0]["error"]["code"].as_str()),
        (Some("rejected"), Some("not_found"))
    );
    assert_eq!(account_messages(&team.lead, &team.account).await.len(), stored);
}

#[tokio::test]
async fn roles_decide_who_reads_places_and_writes_messages() {
    let app = TestApp::new().await;
    let team = account_team(&app).await;
    let leader = app.join(&team.admin, "leader@acme.fi", "leader").await;
    let key = writer(&app, &team).await;
    let on_account = post_message(&app, &key, email_from("maija@globex.fi", "r-1", "Hei")).await;
    let on_account = on_account.body["message"]["id"].as_str().unwrap().to_string();
    let waiting = post_message(&app, &key, email_from("x@gmail.com", "r-2", "Hei")).await;
    let waiting = waiting.body["message"]["id"].as_str().unwrap().to_string();
    let note = json!({"source": "phone_call", "body": "Soitto."});

    // The outsider (a member, not on the account's team) reaches nothing of it.
    let outsider = &team.outsider;
    assert_eq!(
        outsider
            .get(&format!("/api/v1/accounts/{}/messages", team.account))
            .await
            .status,
        404
    );
    assert_eq!(
        outsider
            .post(&format!("/api/v1/accounts/{}/messages", team.account), note.clone())
            .await
            .status,
        404
    );
    assert_eq!(
        outsider.get(&format!("/api/v1/messages/{on_account}")).await.status,
        404
    );
    let correction = json!({"kind": "sentiment", "label": "negative", "present": true});
    assert_eq!(
        outsider
            .post(
                &format!("/api/v1/messages/{on_account}/corrections"),
                correction.clone()
            )
            .await
            .status,
        404
    );

    // Members read their accounts' messages but neither the queue nor placing.
    assert_eq!(
        team.member.get(&format!("/api/v1/messages/{on_account}")).await.status,
        200
    );
    assert_eq!(team.member.get("/api/v1/messages/unmatched").await.status, 403);
    assert_eq!(
        team.member.get(&format!("/api/v1/messages/{waiting}")).await.status,
        404
    );
    let place = json!({"account_id": team.account});
    assert_eq!(
        team.lead
            .post(&format!("/api/v1/messages/{waiting}/assign"), place.clone())
            .await
            .status,
        403
    );
    assert_eq!(team.lead.get("/api/v1/messages/counts").await.body["unmatched"], 0);

    // Leaders see and place them.
    assert_eq!(leader.get("/api/v1/messages/counts").await.body["unmatched"], 1);
    assert_eq!(unmatched(&leader).await.len(), 1);
    assert_eq!(
        leader
            .post(&format!("/api/v1/messages/{waiting}/assign"), place)
            .await
            .status,
        200
    );
    assert_eq!(
        leader
            .post(&format!("/api/v1/accounts/{}/messages", team.account), note)
            .await
            .status,
        201
    );
}

#[tokio::test]
async fn another_organisation_reaches_none_of_it() {
    let app = TestApp::new().await;
    let team = account_team(&app).await;
    let key = writer(&app, &team).await;
    let posted = post_message(&app, &key, email_from("maija@globex.fi", "o-1", "Hei")).await;
    let message = posted.body["message"]["id"].as_str().unwrap().to_string();
    let keys = team.admin.get("/api/v1/settings/api-keys").await;
    let key_id = keys.body[0]["id"].as_str().unwrap().to_string();

    let other = app.signup("Other", "olga@other.fi").await;
    let other_key = self::key(&other, "Theirs", &["messages:write", "read"]).await;
    let account = &team.account;
    for path in [
        format!("/api/v1/accounts/{account}/messages"),
        format!("/api/v1/messages/{message}"),
    ] {
        assert_eq!(other.get(&path).await.status, 404, "GET {path}");
    }
    for (path, body) in [
        (
            format!("/api/v1/accounts/{account}/messages"),
            json!({"source": "chat", "body": "Hei"}),
        ),
        (
            format!("/api/v1/messages/{message}/assign"),
            json!({"account_id": account}),
        ),
        (
            format!("/api/v1/messages/{message}/corrections"),
            json!({"kind": "sentiment", "label": "negative", "present": true}),
        ),
        (format!("/api/v1/settings/api-keys/{key_id}/revoke"), json!({})),
    ] {
        assert_eq!(other.post(&path, body).await.status, 404, "POST {path}");
    }
    assert!(unmatched(&other).await.is_empty());
    assert!(
        other
            .get("/api/v1/settings/api-keys")
            .await
            .body
            .as_array()
            .unwrap()
            .len()
            == 1
    );

    // Their key cannot place a message on Acme's account nor read Acme's messages.
    let placed = post_message(
        &app,
        &other_key,
        json!({"source": "chat", "body": "Hei", "account_id": account}),
    )
    .await;
    assert_eq!(placed.status, 404);
    let matched = post_message(&app, &other_key, email_from("maija@globex.fi", "o-1", "Hei")).await;
    assert_eq!(matched.status, 201, "their own message, not Acme's duplicate");
    assert_eq!(
        matched.body["message"]["matched_by"], "unmatched",
        "Acme's contacts are not theirs"
    );
    let read = call(
        &app,
        Method::GET,
        "/api/v1/integrations/messages",
        Some(&other_key),
        None,
    )
    .await;
    assert_eq!(read.body.as_array().unwrap().len(), 1);
    // Acme's key still works: revoking it from the other organisation did nothing.
    assert_eq!(
        post_message(&app, &key, email_from("maija@globex.fi", "o-2", "Hei"))
            .await
            .status,
        201
    );
}

#[tokio::test]
async fn the_openapi_document_describes_the_bearer_key() {
    let app = TestApp::new().await;
    let spec = app.browser().get("/api/v1/openapi.json").await.body;
    let scheme = &spec["components"]["securitySchemes"]["ApiKey"];
    assert_eq!(scheme["type"], "http");
    assert_eq!(scheme["scheme"], "bearer");
    let post = &spec["paths"]["/integrations/messages"]["post"];
    assert_eq!(post["security"][0]["ApiKey"], json!([]));
}

#[tokio::test]
async fn a_csv_import_previews_refuses_bad_rows_with_reasons_and_stores_each_once() {
    let app = TestApp::new().await;
    let team = account_team(&app).await;
    let csv = "source,received_at,sender_name,sender_email,subject,body,external_id,account\n\
               email,2026-11-02,Maija,maija@globex.fi,Raportit,Raportit myöhästyvät.,<1@globex.fi>,\n\
               meeting_note,2026-11-03T10:00:00Z,,,Kvartaali,Hyvä palaveri.,note-1,Globex\n\
               fax,2026-11-03,,,,Hei,f-1,\n\
               chat,yesterday,,,,Hei,c-1,\n\
               chat,,,,,,c-2,\n\
               chat,,,,,Hei,c-3,Nobody Oy\n\
               chat,,Someone,someone@gmail.com,,Kiitos.,c-4,\n";
    let preview = team
        .admin
        .post("/api/v1/messages/import", json!({"csv": csv, "dry_run": true}))
        .await;
    assert_eq!(preview.status, 200, "{}", preview.body);
    assert_eq!(
        (preview.body["created"].as_u64(), preview.body["refused"].as_u64()),
        (Some(3), Some(4))
    );
    let rows = preview.body["rows"].as_array().unwrap();
    assert_eq!(rows[0]["account"], "Globex");
    assert_eq!(rows[0]["matched_by"], "contact_email");
    assert_eq!(rows[1]["matched_by"], "given");
    let refused: Vec<(u64, &str)> = rows
        .iter()
        .filter(|r| r["error"].is_string())
        .map(|r| (r["line"].as_u64().unwrap(), r["field"].as_str().unwrap()))
        .collect();
    assert_eq!(
        refused,
        vec![(4, "source"), (5, "received_at"), (6, "body"), (7, "account")]
    );
    assert_eq!(rows[6]["matched_by"], "unmatched");
    assert!(
        account_messages(&team.lead, &team.account).await.is_empty(),
        "a preview stores nothing"
    );

    let imported = team
        .admin
        .post("/api/v1/messages/import", json!({"csv": csv, "dry_run": false}))
        .await;
    assert_eq!(imported.status, 200, "{}", imported.body);
    assert_eq!(imported.body["created"], 3);
    assert_eq!(account_messages(&team.lead, &team.account).await.len(), 2);
    assert_eq!(unmatched(&team.admin).await.len(), 1);

    let again = team
        .admin
        .post("/api/v1/messages/import", json!({"csv": csv, "dry_run": false}))
        .await;
    assert_eq!(
        (again.body["created"].as_u64(), again.body["duplicates"].as_u64()),
        (Some(0), Some(3))
    );
    assert_eq!(account_messages(&team.lead, &team.account).await.len(), 2);

    let no_body = team
        .admin
        .post(
            "/api/v1/messages/import",
            json!({"csv": "source,text\nchat,Hei\n", "dry_run": true}),
        )
        .await;
    assert_eq!(
        (no_body.status, no_body.body["error"]["field"].as_str()),
        (400, Some("csv"))
    );
    // Members do not import; another organisation's import sees none of Acme's accounts.
    let member = team
        .member
        .post("/api/v1/messages/import", json!({"csv": csv, "dry_run": true}))
        .await;
    assert_eq!(member.status, 403);
    let other = app.signup("Other", "olga@other.fi").await;
    let theirs = other
        .post("/api/v1/messages/import", json!({"csv": csv, "dry_run": true}))
        .await;
    assert_eq!(theirs.body["rows"][0]["matched_by"], "unmatched");
    assert_eq!(theirs.body["rows"][1]["field"], "account");
}
