//! The organisation most tests start from: Acme, with its account Globex led by
//! `lead@` with `member@` on the account's team, and `outsider@`, a member of the
//! organisation but not of the team; a survey round is out to Globex's two contacts.

use serde_json::{Value, json};

use super::survey::round_on;
use super::{Browser, TestApp};

pub struct AccountTeam<'a> {
    pub admin: Browser<'a>,
    pub lead: Browser<'a>,
    pub member: Browser<'a>,
    pub outsider: Browser<'a>,
    pub lead_id: String,
    pub member_id: String,
    pub outsider_id: String,
    pub account: String,
    /// `(link id, token)` of the Finnish (Maija) and the English (John) contact.
    pub links: Vec<(String, String)>,
}

pub async fn account_team(app: &TestApp) -> AccountTeam<'_> {
    let admin = app.signup("Acme", "anna@acme.fi").await;
    let lead = app.join(&admin, "lead@acme.fi", "member").await;
    let member = app.join(&admin, "member@acme.fi", "member").await;
    let outsider = app.join(&admin, "outsider@acme.fi", "member").await;
    let lead_id = app.user_id(&lead).await;
    let member_id = app.user_id(&member).await;
    let outsider_id = app.user_id(&outsider).await;
    let account = app
        .account(&admin, "Globex", json!({"lead_id": lead_id, "team_ids": [member_id]}))
        .await;
    let round = round_on(app, &admin, account.clone()).await;
    AccountTeam {
        admin,
        lead,
        member,
        outsider,
        lead_id,
        member_id,
        outsider_id,
        account,
        links: round.links,
    }
}

/// Everything in Acme's outbox, read by its admin in a fresh session (tests move the
/// clock past session lifetimes).
pub async fn outbox(app: &TestApp) -> Vec<Value> {
    let admin = app.signed_in("anna@acme.fi").await;
    let outbox = admin.get("/api/v1/outbox").await;
    outbox.body.as_array().unwrap().clone()
}

/// The messages to `email` in Acme's outbox.
pub async fn outbox_to(app: &TestApp, email: &str) -> Vec<Value> {
    outbox(app).await.into_iter().filter(|m| m["to"] == email).collect()
}
