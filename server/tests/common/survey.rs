//! Survey steps several test files share: send a round, answer it as the customer.

use poem::http::Method;
use serde_json::{Value, json};

use super::{Browser, Reply, TestApp};

pub struct Round {
    pub account: String,
    /// `(link id, token)` per contact, in the order the contacts were given.
    pub links: Vec<(String, String)>,
}

/// An account with a Finnish and an English contact, and a relationship round sent to both.
pub async fn sent_round<'a>(app: &'a TestApp, admin: &Browser<'a>) -> Round {
    let account = app.account(admin, "Globex", json!({})).await;
    round_on(app, admin, account).await
}

/// Two contacts (fi, en) on `account` and a relationship round sent to both.
pub async fn round_on<'a>(app: &'a TestApp, admin: &Browser<'a>, account: String) -> Round {
    let maija = app
        .contact(admin, &account, "Maija Virtanen", "maija@globex.fi", "fi")
        .await;
    let john = app
        .contact(admin, &account, "John Smith", "john@globex.com", "en")
        .await;
    let links = send_round(admin, &account, &[&maija, &john]).await;
    Round { account, links }
}

/// A relationship round on `account` to `contacts`, sent by `browser`: the round as the
/// sender is told of it.
pub async fn round_reply(browser: &Browser<'_>, account: &str, contacts: &[&str]) -> Value {
    let reply = browser
        .post(
            &format!("/api/v1/accounts/{account}/rounds"),
            json!({"template_id": "relationship", "contact_ids": contacts}),
        )
        .await;
    assert_eq!(reply.status, 201, "{}", reply.body);
    reply.body
}

/// A relationship round on `account` to `contacts`: `(link id, token)` per contact, in order.
pub async fn send_round(browser: &Browser<'_>, account: &str, contacts: &[&str]) -> Vec<(String, String)> {
    let round = round_reply(browser, account, contacts).await;
    contacts
        .iter()
        .map(|contact| {
            let link = round["links"]
                .as_array()
                .unwrap()
                .iter()
                .find(|l| l["contact_id"] == *contact)
                .unwrap();
            let token = link["link"].as_str().unwrap().trim_start_matches("/s/").to_string();
            (link["id"].as_str().unwrap().to_string(), token)
        })
        .collect()
}

pub fn answer(id: &str, score: i32) -> Value {
    json!({"question_id": id, "score": score, "choice": null, "text": null})
}

pub fn comment(id: &str, text: &str) -> Value {
    json!({"question_id": id, "score": null, "choice": null, "text": text})
}

pub fn complete_answers() -> Value {
    json!({"answers": [
        answer("nps", 9), answer("quality", 5), answer("communication", 4), answer("schedule", 3),
        answer("understanding", 4), answer("value", 4),
        comment("do_differently", "Shorter status meetings, please."),
    ]})
}

pub async fn submit(customer: &Browser<'_>, token: &str, answers: Value) -> Reply {
    customer
        .send_without_csrf(Method::POST, &format!("/api/v1/survey/{token}/submit"), answers)
        .await
}
