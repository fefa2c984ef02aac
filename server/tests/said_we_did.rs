//! "You said, we did" over the HTTP API: what was done because of each contact's
//! words (a closed case, a done action made of their development point) is reviewed
//! by the account's lead, and only what they approved reaches that contact — in the
//! next round's invitation and survey page, or at once by email — in their language,
//! once; nothing of another account or organisation, nothing left out.

mod common;

use common::cases::{COMPLAINT, RESOLUTION, close_explained, detractor_answers};
use common::survey::{answer, comment, send_round, submit};
use common::sync::{create_action_mutation, sync};
use common::team::outbox_to;
use common::team::{AccountTeam, account_team};
use common::{Browser, Reply, TestApp, contact_named};
use serde_json::{Value, json};

const JOHN_POINT: &str = "I wish the invoices came at the start of the month.";
const ACTION: &str = "Move Globex's invoicing to the 1st";
const WE_DID_EN: &str = "Your invoices now leave on the 1st of every month.";

fn john_answers(point: &str) -> Value {
    json!({"answers": [
        answer("nps", 8), answer("quality", 4), answer("communication", 4), answer("schedule", 3),
        answer("understanding", 4), answer("value", 4), comment("do_differently", point),
    ]})
}

fn path(account: &str) -> String {
    format!("/api/v1/accounts/{account}/we-did")
}

async fn we_did(browser: &Browser<'_>, account: &str) -> Value {
    let reply = browser.get(&path(account)).await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    reply.body
}

fn item<'a>(view: &'a Value, source: &str) -> &'a Value {
    view["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|item| item["source"] == source)
        .unwrap_or_else(|| panic!("no {source} item in {view}"))
}

async fn review(browser: &Browser<'_>, account: &str, item: &Value, text: Value, status: &str) -> Reply {
    browser
        .put(
            &format!("{}/{}", path(account), item["id"].as_str().unwrap()),
            json!({"text": text, "status": status}),
        )
        .await
}

/// An action made of `point` in the response `link`, then marked done.
async fn done_action(lead: &Browser<'_>, account: &str, link: &str, point: &str, text: &str, n: u32) -> String {
    let created = sync(
        lead,
        vec![create_action_mutation(
            &format!("5a1d0000-0000-4000-8000-0000000000{n:02}"),
            json!({"account": account, "text": text, "owner": null, "due": null,
                "source": {"link_id": link, "point": point}}),
        )],
    )
    .await;
    assert_eq!(created[0]["outcome"], "applied", "{created:?}");
    let action = &created[0]["current"];
    let done = sync(
        lead,
        vec![
            json!({"id": format!("5a1d0000-0000-4000-8000-0000000001{n:02}"), "kind": "edit_action",
                "counter_feedback": null, "action_edit": {
                "action": action["id"], "base_revision": 1, "text": text, "owner": null, "due": null, "status": "done"
            }}),
        ],
    )
    .await;
    assert_eq!(done[0]["outcome"], "applied", "{done:?}");
    action["id"].as_str().unwrap().to_string()
}

/// Maija's (fi) complaint opened a case the lead explained and closed; John (en)
/// asked for invoices at the start of the month, and the action made of it is done.
async fn said_and_done(app: &TestApp, team: &AccountTeam<'_>) {
    assert_eq!(
        submit(&app.browser(), &team.links[0].1, detractor_answers(4))
            .await
            .status,
        200
    );
    assert_eq!(
        submit(&app.browser(), &team.links[1].1, john_answers(JOHN_POINT))
            .await
            .status,
        200
    );
    let cases = team.lead.get("/api/v1/cases?scope=mine").await;
    let case = cases.body[0]["id"].as_str().unwrap().to_string();
    close_explained(&team.lead, &case).await;
    done_action(&team.lead, &team.account, &team.links[1].0, JOHN_POINT, ACTION, 1).await;
}

/// A new relationship round on `account` to `contacts`; each contact's token, in order.
async fn new_round(browser: &Browser<'_>, account: &str, contacts: &[&str]) -> Vec<String> {
    send_round(browser, account, contacts)
        .await
        .into_iter()
        .map(|(_, token)| token)
        .collect()
}

async fn survey_we_did(app: &TestApp, token: &str) -> Value {
    let reply = app.browser().get(&format!("/api/v1/survey/{token}")).await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    reply.body["we_did"].clone()
}

fn channels(item: &Value) -> Vec<(String, String)> {
    item["told"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| {
            (
                t["contact_name"].as_str().unwrap().to_string(),
                t["channel"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

fn bodies_with(messages: &[Value], text: &str) -> Vec<String> {
    messages
        .iter()
        .map(|m| m["body"].as_str().unwrap().to_string())
        .filter(|body| body.contains(text))
        .collect()
}

#[tokio::test]
async fn the_next_round_carries_exactly_the_approved_items_of_the_account_to_their_contact() {
    let app = TestApp::new().await;
    let team = account_team(&app).await;
    said_and_done(&app, &team).await;
    let maija = contact_named(&team.admin, &team.account, "Maija Virtanen").await;
    let john = contact_named(&team.admin, &team.account, "John Smith").await;

    // Another account of Acme, with its own approved "we did" for its contact.
    let initrode = app
        .account(&team.admin, "Initrode", json!({"lead_id": team.lead_id}))
        .await;
    let ines = app
        .contact(&team.admin, &initrode, "Ines Ito", "ines@initrode.com", "en")
        .await;
    let ines_token = new_round(&team.admin, &initrode, &[&ines]).await.remove(0);
    assert_eq!(
        submit(&app.browser(), &ines_token, john_answers("Please send fewer emails."))
            .await
            .status,
        200
    );
    let responses = team.admin.get(&format!("/api/v1/accounts/{initrode}/responses")).await;
    let ines_link = responses.body[0]["link_id"].as_str().unwrap().to_string();
    done_action(
        &team.lead,
        &initrode,
        &ines_link,
        "Please send fewer emails.",
        "One digest a week",
        2,
    )
    .await;
    let other = we_did(&team.lead, &initrode).await;
    let initrode_item = item(&other, "done_action");
    assert_eq!(
        review(
            &team.lead,
            &initrode,
            initrode_item,
            initrode_item["text"].clone(),
            "approved"
        )
        .await
        .status,
        200
    );

    // What Kaiku found on Globex: each item tied to the contact whose words led to it,
    // proposed in their language, nobody told yet.
    let view = we_did(&team.lead, &team.account).await;
    assert_eq!(view["items"].as_array().unwrap().len(), 2, "{view}");
    assert_eq!(view["can_review"], true);
    let case = item(&view, "closed_case");
    assert_eq!(
        (case["contact_id"].as_str(), case["language"].as_str()),
        (Some(maija.as_str()), Some("fi"))
    );
    assert_eq!(case["status"], "proposed");
    assert_eq!(case["text"]["said"], json!({"fi": COMPLAINT, "en": ""}));
    assert_eq!(case["text"]["did"], json!({"fi": RESOLUTION, "en": ""}));
    let action = item(&view, "done_action");
    assert_eq!(
        (action["contact_id"].as_str(), action["language"].as_str()),
        (Some(john.as_str()), Some("en"))
    );
    assert_eq!(action["text"]["said"]["en"], JOHN_POINT);
    assert_eq!(action["text"]["did"]["en"], ACTION);
    assert_eq!(view["share"]["answered"], 0);
    let feedback = view["share"]["feedback"].as_u64().unwrap();
    assert_eq!(feedback, 2, "Maija's case and John's development point: {view}");

    // An approval needs both texts in the reader's language; refused, nothing is saved.
    let half = json!({"said": {"fi": COMPLAINT, "en": ""}, "did": {"fi": " ", "en": "Fixed"}});
    let refused = review(&team.lead, &team.account, case, half, "approved").await;
    assert_eq!(
        (refused.status, refused.body["error"]["field"].as_str()),
        (400, Some("text.did.fi"))
    );
    assert_eq!(
        item(&we_did(&team.lead, &team.account).await, "closed_case")["status"],
        "proposed"
    );

    // The lead approves John's with their own words; Maija's is left out.
    let edited = json!({"said": {"fi": "", "en": JOHN_POINT}, "did": {"fi": "", "en": format!("  {WE_DID_EN} ")}});
    assert_eq!(
        review(&team.lead, &team.account, action, edited, "approved")
            .await
            .status,
        200
    );
    let left_out = review(&team.lead, &team.account, case, case["text"].clone(), "left_out").await;
    assert_eq!(left_out.status, 200, "{}", left_out.body);
    assert_eq!(
        item(&left_out.body, "done_action")["reviewed_by"]["id"],
        team.lead_id.as_str()
    );
    assert_eq!(item(&left_out.body, "done_action")["text"]["did"]["en"], WE_DID_EN);

    // The next round: John's invitation and survey open with it, Maija's carry nothing.
    let tokens = new_round(&team.admin, &team.account, &[&maija, &john]).await;
    let john_mail = outbox_to(&app, "john@globex.com").await;
    let telling = bodies_with(&john_mail, "Last time you told us");
    assert_eq!(telling.len(), 1, "{john_mail:?}");
    assert!(
        telling[0].contains(JOHN_POINT) && telling[0].contains(WE_DID_EN),
        "{}",
        telling[0]
    );
    assert!(!telling[0].contains("fewer emails"), "nothing of another account");
    let maija_mail = outbox_to(&app, "maija@globex.fi").await;
    assert!(bodies_with(&maija_mail, "Viime kerralla").is_empty(), "{maija_mail:?}");
    assert!(bodies_with(&maija_mail, RESOLUTION).is_empty());

    assert_eq!(
        survey_we_did(&app, &tokens[1]).await,
        json!([{"said": JOHN_POINT, "did": WE_DID_EN}])
    );
    assert_eq!(survey_we_did(&app, &tokens[0]).await, json!([]));
    // Opened twice: told on the page once.
    survey_we_did(&app, &tokens[1]).await;
    let view = we_did(&team.member, &team.account).await;
    assert_eq!(view["can_review"], false);
    assert_eq!(
        channels(item(&view, "done_action")),
        [
            ("John Smith".to_string(), "invitation".to_string()),
            ("John Smith".to_string(), "survey".to_string())
        ]
    );
    assert!(channels(item(&view, "closed_case")).is_empty());
    assert_eq!(view["share"], json!({"feedback": 2, "answered": 1}));

    // Leadership's view: the same share per account, the other account's its own.
    let shares = team.admin.get("/api/v1/we-did/shares").await;
    assert_eq!(shares.status, 200, "{}", shares.body);
    let share_of = |id: &str| {
        shares
            .body
            .as_array()
            .unwrap()
            .iter()
            .find(|s| s["account"] == id)
            .map(|s| s["share"].clone())
    };
    assert_eq!(share_of(&team.account), Some(json!({"feedback": 2, "answered": 1})));
    assert_eq!(share_of(&initrode).unwrap()["answered"], 0, "approved, not yet told");
    let outsider = team.outsider.get("/api/v1/we-did/shares").await;
    assert!(
        !outsider.body.to_string().contains(team.account.as_str()),
        "{}",
        outsider.body
    );

    // Told once: the round after that carries nothing more.
    let again = new_round(&team.admin, &team.account, &[&john]).await;
    assert_eq!(survey_we_did(&app, &again[0]).await, json!([]));
    assert_eq!(
        bodies_with(&outbox_to(&app, "john@globex.com").await, "Last time you told us").len(),
        1
    );
}

#[tokio::test]
async fn told_at_once_by_email_in_the_contacts_language_never_to_one_who_opted_out() {
    let app = TestApp::new().await;
    let team = account_team(&app).await;
    said_and_done(&app, &team).await;
    let view = we_did(&team.lead, &team.account).await;
    for source in ["closed_case", "done_action"] {
        let it = item(&view, source);
        assert_eq!(
            review(&team.lead, &team.account, it, it["text"].clone(), "approved")
                .await
                .status,
            200
        );
    }
    let maija = item(&view, "closed_case")["contact_id"].clone();
    let john = item(&view, "done_action")["contact_id"].clone();
    let send = format!("{}/send", path(&team.account));

    // A member of the account's team reads but does not send.
    assert_eq!(team.member.post(&send, json!({"contact_id": maija})).await.status, 403);

    let sent = team.lead.post(&send, json!({"contact_id": maija})).await;
    assert_eq!(sent.status, 200, "{}", sent.body);
    assert_eq!(
        channels(item(&sent.body, "closed_case")),
        [("Maija Virtanen".to_string(), "email".to_string())]
    );
    let mail = outbox_to(&app, "maija@globex.fi").await;
    let told: Vec<&Value> = mail
        .iter()
        .filter(|m| m["subject"] == "Acme: mitä teimme palautteenne perusteella")
        .collect();
    assert_eq!(told.len(), 1, "{mail:?}");
    let body = told[0]["body"].as_str().unwrap();
    assert!(
        body.contains(COMPLAINT) && body.contains(RESOLUTION) && body.contains("Teimme:"),
        "{body}"
    );
    // The stored body holds the opt-out marker, never a token; the token is issued as it leaves.
    assert!(body.contains("/u/…"), "{body}");
    assert!(app.as_sent(told[0]).await.contains("/u/"));

    // Nothing is told twice.
    let again = team.lead.post(&send, json!({"contact_id": maija})).await;
    assert_eq!(
        (again.status, again.body["error"]["field"].as_str()),
        (400, Some("contact_id"))
    );

    // John opts out of our emails: nothing goes to him.
    let invitation = outbox_to(&app, "john@globex.com").await.remove(0);
    let body = &app.as_sent(&invitation).await;
    let opt_out = body[body.find("/u/").unwrap()..].split_whitespace().next().unwrap();
    assert_eq!(app.browser().post(opt_out, json!({})).await.status, 200);
    let refused = team.lead.post(&send, json!({"contact_id": john})).await;
    assert_eq!(
        (refused.status, refused.body["error"]["field"].as_str()),
        (400, Some("contact_id"))
    );
    let john_mail = outbox_to(&app, "john@globex.com").await;
    assert!(
        john_mail
            .iter()
            .all(|m| m["subject"] != "Acme: what we did with your feedback"),
        "{john_mail:?}"
    );
    assert!(channels(item(&we_did(&team.lead, &team.account).await, "done_action")).is_empty());
}

#[tokio::test]
async fn only_the_accounts_managers_review_and_no_one_outside_reaches_it() {
    let app = TestApp::new().await;
    let team = account_team(&app).await;
    said_and_done(&app, &team).await;
    let leader = app.join(&team.admin, "leader@acme.fi", "leader").await;
    let view = we_did(&team.lead, &team.account).await;
    let action = item(&view, "done_action");
    let item_path = format!("{}/{}", path(&team.account), action["id"].as_str().unwrap());
    let body = json!({"text": action["text"], "status": "approved"});
    let send = format!("{}/send", path(&team.account));
    let send_body = json!({"contact_id": action["contact_id"]});

    // On the team but not its lead: reads, may not approve or send.
    assert_eq!(team.member.put(&item_path, body.clone()).await.status, 403);
    assert_eq!(team.member.post(&send, send_body.clone()).await.status, 403);
    // Not on the account: it does not exist for them.
    assert_eq!(team.outsider.get(&path(&team.account)).await.status, 404);
    assert_eq!(team.outsider.put(&item_path, body.clone()).await.status, 404);
    assert_eq!(team.outsider.post(&send, send_body.clone()).await.status, 404);
    assert_eq!(
        item(&we_did(&team.lead, &team.account).await, "done_action")["status"],
        "proposed"
    );

    // Another organisation: 404 for every endpoint, and its own account's ids neither.
    let other = app.signup("Umbrella", "boss@umbrella.com").await;
    assert_eq!(other.get(&path(&team.account)).await.status, 404);
    assert_eq!(other.put(&item_path, body.clone()).await.status, 404);
    assert_eq!(other.post(&send, send_body.clone()).await.status, 404);
    let own = app.account(&other, "Umbrella's client", json!({})).await;
    let foreign_item = format!("{}/{}", path(&own), action["id"].as_str().unwrap());
    assert_eq!(other.put(&foreign_item, body.clone()).await.status, 404);
    assert_eq!(we_did(&other, &own).await["items"], json!([]));
    let shares = other.get("/api/v1/we-did/shares").await;
    assert_eq!(
        shares.body,
        json!([{"account": own, "name": "Umbrella's client", "share": {"feedback": 0, "answered": 0}}])
    );

    // A leader may; an unknown item is not found.
    assert_eq!(leader.put(&item_path, body.clone()).await.status, 200);
    let unknown = format!("{}/done_action_nosuch", path(&team.account));
    assert_eq!(leader.put(&unknown, body).await.status, 404);
    let approved = we_did(&team.admin, &team.account).await;
    assert_eq!(item(&approved, "done_action")["status"], "approved");
    assert_eq!(
        item(&approved, "done_action")["reviewed_by"]["id"],
        app.user_id(&leader).await.as_str()
    );
}
