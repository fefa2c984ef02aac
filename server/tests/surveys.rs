//! Survey rounds end to end over the HTTP API: sending, the customer's page, saving as
//! they go, submitting once, expiry, revoking, re-sending and organisation walls.

mod common;

use chrono::Duration;
use common::survey::{Round, answer, comment, complete_answers, sent_round, submit};
use common::{Browser, PASSWORD, TestApp};
use kaiku_core::survey::ROUNDS_PAGE;
use kaiku_server::service::secrets::hash_token;
use poem::http::Method;
use serde_json::{Value, json};

async fn save(customer: &Browser<'_>, token: &str, answers: Value) -> common::Reply {
    customer
        .send_without_csrf(Method::PUT, &format!("/api/v1/survey/{token}/answers"), answers)
        .await
}

async fn link_status(admin: &Browser<'_>, round: &Round, link: usize) -> Value {
    let rounds = admin.get(&format!("/api/v1/accounts/{}/rounds", round.account)).await;
    rounds.body[0]["links"]
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["id"] == round.links[link].0.as_str())
        .unwrap()["status"]
        .clone()
}

#[tokio::test]
async fn a_round_emails_each_contact_a_personal_link_in_their_language() {
    let app = TestApp::new().await;
    let admin = app.signup("Acme", "anna@acme.fi").await;
    let round = sent_round(&app, &admin).await;

    let outbox = admin.get("/api/v1/outbox").await;
    let to_maija = outbox
        .body
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["to"] == "maija@globex.fi")
        .unwrap();
    assert!(to_maija["body"].as_str().unwrap().starts_with("Hei Maija,"));
    assert!(to_maija["body"].as_str().unwrap().contains("/s/…"), "the link, hidden");
    let sent = app.as_sent(to_maija).await;
    assert!(sent.starts_with("Hei Maija,") && sent.contains("/s/") && !sent.contains("/s/…"));
    let to_john = outbox
        .body
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["to"] == "john@globex.com")
        .unwrap();
    assert!(to_john["subject"].as_str().unwrap().contains("how are we doing"));

    // Tokens carry at least 128 bits, are stored only hashed, and are never shown again.
    let token = &round.links[0].1;
    assert!(token.len() >= 22);
    assert!(app.state.store.link_by_token_hash(token).await.unwrap().is_none());
    assert!(
        app.state
            .store
            .link_by_token_hash(&hash_token(token))
            .await
            .unwrap()
            .is_some()
    );
    let rounds = admin.get(&format!("/api/v1/accounts/{}/rounds", round.account)).await;
    assert_eq!(rounds.body[0]["links"][0]["link"], Value::Null);
    assert_eq!(rounds.body[0]["links"][0]["status"], "sent");
    assert_eq!(rounds.body[0]["started_by"]["name"], "Admin of Acme");
}

#[tokio::test]
async fn the_customer_answers_in_parts_resumes_and_submits_once() {
    let app = TestApp::new().await;
    let admin = app.signup("Acme", "anna@acme.fi").await;
    let round = sent_round(&app, &admin).await;
    let token = &round.links[0].1;
    let customer = app.browser();

    let page = customer.get(&format!("/api/v1/survey/{token}")).await;
    assert_eq!(page.status, 200, "{}", page.body);
    assert_eq!(page.body["organisation_name"], "Acme");
    assert_eq!(page.body["language"], "fi");
    assert_eq!(page.body["questions"][0]["kind"], "nps");
    assert!(page.body["intro"]["fi"].as_str().unwrap().contains("Acme"));
    assert_eq!(link_status(&admin, &round, 0).await, "opened");

    // Half the answers, then a changed mind on NPS: the later answer wins.
    assert_eq!(
        save(
            &customer,
            token,
            json!({"answers": [answer("nps", 6), answer("quality", 4)]})
        )
        .await
        .status,
        204
    );
    assert_eq!(
        save(&customer, token, json!({"answers": [answer("nps", 8)]}))
            .await
            .status,
        204
    );
    assert_eq!(link_status(&admin, &round, 0).await, "started");

    // A new tab (or the same phone after a lost connection) resumes where it stopped.
    let resumed = app.browser().get(&format!("/api/v1/survey/{token}")).await;
    let saved: Vec<_> = resumed.body["answers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| (a["question_id"].as_str().unwrap().to_string(), a["score"].clone()))
        .collect();
    assert_eq!(saved, vec![("quality".into(), json!(4)), ("nps".into(), json!(8))]);
    assert_eq!(resumed.body["submitted"], false);

    let first = submit(&customer, token, complete_answers()).await;
    assert_eq!(first.status, 200, "{}", first.body);
    assert_eq!(first.body["submitted"], true);
    // A double tap: the same answer, nothing recorded twice, nothing changed.
    let second = submit(&customer, token, json!({"answers": [answer("nps", 0)]})).await;
    assert_eq!(second.status, 200);
    let late_save = save(&customer, token, json!({"answers": [answer("nps", 1)]})).await;
    assert_eq!(late_save.status, 204);

    let responses = admin
        .get(&format!("/api/v1/accounts/{}/responses", round.account))
        .await;
    let responses = responses.body.as_array().unwrap();
    assert_eq!(responses.len(), 1);
    assert_eq!(responses[0]["contact_name"], "Maija Virtanen");
    assert_eq!(responses[0]["contact_title"], "CMO");
    let nps = responses[0]["answers"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["question_id"] == "nps")
        .unwrap();
    assert_eq!(nps["score"], 9);
    assert!(
        responses[0]["answers"]
            .as_array()
            .unwrap()
            .iter()
            .any(|a| a["text"] == "Shorter status meetings, please.")
    );
    assert_eq!(link_status(&admin, &round, 0).await, "answered");
    // Reopening after submitting shows the thanks, not an empty survey.
    let reopened = customer.get(&format!("/api/v1/survey/{token}")).await;
    assert_eq!(reopened.body["submitted"], true);
}

#[tokio::test]
async fn invalid_answers_are_refused_with_the_question_named_and_nothing_saved() {
    let app = TestApp::new().await;
    let admin = app.signup("Acme", "anna@acme.fi").await;
    let round = sent_round(&app, &admin).await;
    let token = &round.links[0].1;
    let customer = app.browser();

    let cases = [
        (json!({"answers": [answer("nps", 11)]}), "answers.nps"),
        (json!({"answers": [answer("quality", 0)]}), "answers.quality"),
        (
            json!({"answers": [answer("favourite_colour", 3)]}),
            "answers.favourite_colour",
        ),
        (
            json!({"answers": [comment("went_well", &"x".repeat(4001))]}),
            "answers.went_well",
        ),
        (json!({"answers": [answer("nps", 5), answer("nps", 6)]}), "answers.nps"),
    ];
    for (body, field) in cases {
        let reply = save(&customer, token, body).await;
        assert_eq!(reply.status, 400, "{field}: {}", reply.body);
        assert_eq!(reply.code(), "validation");
        assert_eq!(reply.body["error"]["field"], field);
    }
    let malformed = save(
        &customer,
        token,
        json!({"answers": [{"question_id": "nps", "score": "ten"}]}),
    )
    .await;
    assert_eq!(malformed.status, 400);

    // Submitting without the required ratings names the first one missing.
    let incomplete = submit(&customer, token, json!({"answers": [answer("nps", 10)]})).await;
    assert_eq!(incomplete.status, 400);
    assert_eq!(incomplete.body["error"]["field"], "answers.quality");

    let page = customer.get(&format!("/api/v1/survey/{token}")).await;
    assert_eq!(page.body["answers"], json!([]));
    assert_eq!(page.body["submitted"], false);
}

#[tokio::test]
async fn expired_revoked_and_unknown_links_are_refused_alike() {
    let app = TestApp::new().await;
    let admin = app.signup("Acme", "anna@acme.fi").await;
    let round = sent_round(&app, &admin).await;
    let customer = app.browser();

    let revoked = admin
        .post(&format!("/api/v1/survey-links/{}/revoke", round.links[1].0), json!({}))
        .await;
    assert_eq!(revoked.body["status"], "revoked");
    let reply = customer.get(&format!("/api/v1/survey/{}", round.links[1].1)).await;
    assert_eq!(reply.status, 410);
    assert_eq!(reply.code(), "survey_link_invalid");
    let unknown = customer.get("/api/v1/survey/not-a-real-token").await;
    assert_eq!((unknown.status, unknown.code()), (410, "survey_link_invalid"));
    // Nothing about the organisation leaks through a refused link.
    assert!(!unknown.body.to_string().contains("Acme"));

    app.clock.advance(Duration::days(14) + Duration::minutes(1));
    admin.login("anna@acme.fi", PASSWORD).await;
    let expired = customer.get(&format!("/api/v1/survey/{}", round.links[0].1)).await;
    assert_eq!(expired.status, 410);
    assert_eq!(
        save(&customer, &round.links[0].1, json!({"answers": []})).await.status,
        410
    );
    assert_eq!(link_status(&admin, &round, 0).await, "expired");
}

#[tokio::test]
async fn a_resent_link_replaces_the_old_one_and_keeps_saved_answers() {
    let app = TestApp::new().await;
    let admin = app.signup("Acme", "anna@acme.fi").await;
    let round = sent_round(&app, &admin).await;
    let (link_id, old_token) = &round.links[0];
    let customer = app.browser();
    save(&customer, old_token, json!({"answers": [answer("nps", 7)]})).await;

    app.clock.advance(Duration::days(20));
    admin.login("anna@acme.fi", PASSWORD).await;
    let resent = admin
        .post(&format!("/api/v1/survey-links/{link_id}/resend"), json!({}))
        .await;
    assert_eq!(resent.status, 200, "{}", resent.body);
    assert_eq!(resent.body["status"], "started");
    let new_token = resent.body["link"]
        .as_str()
        .unwrap()
        .trim_start_matches("/s/")
        .to_string();
    assert_ne!(&new_token, old_token);

    assert_eq!(customer.get(&format!("/api/v1/survey/{old_token}")).await.status, 410);
    let page = customer.get(&format!("/api/v1/survey/{new_token}")).await;
    assert_eq!(page.status, 200);
    assert_eq!(page.body["answers"][0]["score"], 7);
    let outbox = admin.get("/api/v1/outbox").await;
    assert!(outbox.body[0]["body"].as_str().unwrap().contains("/s/…"));

    submit(&customer, &new_token, complete_answers()).await;
    let again = admin
        .post(&format!("/api/v1/survey-links/{link_id}/resend"), json!({}))
        .await;
    assert_eq!(again.status, 400, "an answered link is closed");
}

#[tokio::test]
async fn guessing_tokens_is_rate_limited_per_address() {
    let app = TestApp::new().await;
    let admin = app.signup("Acme", "anna@acme.fi").await;
    let round = sent_round(&app, &admin).await;
    let guesser = app.browser();
    for i in 0..20 {
        let reply = guesser.get(&format!("/api/v1/survey/guess-{i}")).await;
        assert_eq!(reply.status, 410);
    }
    let limited = guesser.get("/api/v1/survey/guess-21").await;
    assert_eq!(limited.status, 429);
    assert_eq!(limited.code(), "rate_limited");
    // A customer behind the same office address still opens their own link.
    let customer = app.browser();
    assert_eq!(
        customer
            .get(&format!("/api/v1/survey/{}", round.links[0].1))
            .await
            .status,
        200
    );
    app.clock.advance(Duration::minutes(16));
    assert_eq!(guesser.get("/api/v1/survey/guess-22").await.status, 410);
}

#[tokio::test]
async fn rounds_need_a_known_template_own_contacts_and_a_sane_deadline() {
    let app = TestApp::new().await;
    let admin = app.signup("Acme", "anna@acme.fi").await;
    let account = app.account(&admin, "Globex", json!({})).await;
    let other_account = app.account(&admin, "Initech", json!({})).await;
    let contact = app.contact(&admin, &account, "Maija", "maija@globex.fi", "fi").await;
    let stranger = app
        .contact(&admin, &other_account, "Pekka", "pekka@initech.fi", "fi")
        .await;
    let path = format!("/api/v1/accounts/{account}/rounds");
    let cases = [
        (json!({"template_id": "nope", "contact_ids": [contact]}), "template_id"),
        (json!({"template_id": "relationship", "contact_ids": []}), "contact_ids"),
        (
            json!({"template_id": "relationship", "contact_ids": [stranger]}),
            "contact_ids",
        ),
        (
            json!({"template_id": "relationship", "contact_ids": [contact], "deadline_days": 0}),
            "deadline_days",
        ),
    ];
    for (body, field) in cases {
        let reply = admin.post(&path, body).await;
        assert_eq!(reply.status, 400, "{field}: {}", reply.body);
        assert_eq!(reply.body["error"]["field"], field);
    }
    assert_eq!(admin.get(&path).await.body, json!([]));
    assert_eq!(admin.get("/api/v1/outbox").await.body, json!([]));

    let templates = admin.get("/api/v1/survey-templates").await;
    let ids: Vec<_> = templates
        .body
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["id"].clone())
        .collect();
    assert_eq!(ids, vec![json!("relationship"), json!("expectations")]);
}

#[tokio::test]
async fn another_organisation_reaches_no_round_link_or_response() {
    let app = TestApp::new().await;
    let acme = app.signup("Acme", "anna@acme.fi").await;
    let other = app.signup("Other", "olli@other.fi").await;
    let round = sent_round(&app, &acme).await;
    let link = &round.links[0].0;
    let account = &round.account;
    let attempts = [
        other.get(&format!("/api/v1/accounts/{account}/rounds")).await,
        other.get(&format!("/api/v1/accounts/{account}/responses")).await,
        other
            .post(
                &format!("/api/v1/accounts/{account}/rounds"),
                json!({"template_id": "relationship", "contact_ids": []}),
            )
            .await,
        other
            .post(&format!("/api/v1/survey-links/{link}/revoke"), json!({}))
            .await,
        other
            .post(&format!("/api/v1/survey-links/{link}/resend"), json!({}))
            .await,
    ];
    for reply in attempts {
        assert_eq!(reply.status, 404, "{}", reply.body);
    }
    assert_eq!(link_status(&acme, &round, 0).await, "sent");
    // A member not on the account cannot reach it either.
    let member = app.join(&acme, "matti@acme.fi", "member").await;
    assert_eq!(
        member.get(&format!("/api/v1/accounts/{account}/rounds")).await.status,
        404
    );
}

#[tokio::test]
async fn an_edited_template_is_used_by_new_rounds_while_sent_ones_keep_what_they_asked() {
    let app = TestApp::new().await;
    let admin = app.signup("Acme", "anna@acme.fi").await;
    let old_round = sent_round(&app, &admin).await;

    let mut template = admin.get("/api/v1/survey-templates").await.body[0].clone();
    template["intro"]["en"] = json!("Two quick questions, then we act on them.");
    template["questions"] = json!([
        {"id": "nps", "kind": "nps", "required": true, "options": [],
         "text": {"fi": "Suosittelisitko meitä?", "en": "Would you recommend us?"}},
        {"id": "channel", "kind": "choice", "required": false,
         "text": {"fi": "Miten haluat kuulla meistä?", "en": "How should we keep in touch?"},
         "options": [{"fi": "Sähköposti", "en": "Email"}, {"fi": "Puhelin", "en": "Phone"}]}
    ]);
    let saved = admin
        .put("/api/v1/survey-templates/relationship", template.clone())
        .await;
    assert_eq!(saved.status, 200, "{}", saved.body);
    assert_eq!(saved.body["questions"].as_array().unwrap().len(), 2);

    // The customer of the earlier round still gets the questions they were sent.
    let customer = app.browser();
    let old_page = customer.get(&format!("/api/v1/survey/{}", old_round.links[0].1)).await;
    assert_eq!(old_page.body["questions"].as_array().unwrap().len(), 9);

    // A new round asks the edited questions, and a choice is answered by index.
    let contact = app
        .contact(&admin, &old_round.account, "Liisa", "liisa@globex.fi", "en")
        .await;
    let round = admin
        .post(
            &format!("/api/v1/accounts/{}/rounds", old_round.account),
            json!({"template_id": "relationship", "contact_ids": [contact]}),
        )
        .await;
    let token = round.body["links"][0]["link"]
        .as_str()
        .unwrap()
        .trim_start_matches("/s/")
        .to_string();
    let page = customer.get(&format!("/api/v1/survey/{token}")).await;
    assert_eq!(page.body["intro"]["en"], "Two quick questions, then we act on them.");
    let choice = json!({"question_id": "channel", "score": null, "choice": 5, "text": null});
    let refused = submit(&customer, &token, json!({"answers": [answer("nps", 8), choice]})).await;
    assert_eq!(refused.body["error"]["field"], "answers.channel");
    let choice = json!({"question_id": "channel", "score": null, "choice": 1, "text": null});
    assert_eq!(
        submit(&customer, &token, json!({"answers": [answer("nps", 8), choice]}))
            .await
            .status,
        200
    );

    // Resetting brings the built-in template back.
    let reset = admin.delete("/api/v1/survey-templates/relationship").await;
    assert_eq!(reset.body["questions"].as_array().unwrap().len(), 9);
}

#[tokio::test]
async fn template_edits_are_checked_and_only_admins_of_the_organisation_make_them() {
    let app = TestApp::new().await;
    let admin = app.signup("Acme", "anna@acme.fi").await;
    let mut template = admin.get("/api/v1/survey-templates").await.body[0].clone();
    template["questions"][2]["text"]["en"] = json!("");
    let refused = admin
        .put("/api/v1/survey-templates/relationship", template.clone())
        .await;
    assert_eq!(refused.status, 400);
    assert_eq!(refused.body["error"]["field"], "questions.2");
    template["questions"][2]["text"]["en"] = json!("How is our communication?");

    let leader = app.join(&admin, "leena@acme.fi", "leader").await;
    assert_eq!(
        leader
            .put("/api/v1/survey-templates/relationship", template.clone())
            .await
            .status,
        403
    );
    assert_eq!(
        admin
            .put("/api/v1/survey-templates/unknown", template.clone())
            .await
            .status,
        404
    );
    assert_eq!(
        admin
            .put("/api/v1/survey-templates/relationship", template)
            .await
            .status,
        200
    );

    let other = app.signup("Other", "olli@other.fi").await;
    let theirs = other.get("/api/v1/survey-templates").await;
    assert_eq!(
        theirs.body[0]["questions"][2]["text"]["en"],
        "How are we doing on communication?"
    );
    assert_eq!(
        admin.get("/api/v1/survey-templates").await.body[0]["questions"][2]["text"]["en"],
        "How is our communication?"
    );
}

#[tokio::test]
async fn each_scale_says_what_its_ends_mean_and_the_customer_page_is_named() {
    let app = TestApp::new().await;
    let admin = app.signup("Acme", "anna@acme.fi").await;
    let round = sent_round(&app, &admin).await;
    let templates = admin.get("/api/v1/survey-templates").await.body;
    let mut expectations = templates
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["purpose"] == "expectations")
        .unwrap()
        .clone();
    // An expectations survey asks how important, not how good.
    assert_eq!(
        expectations["questions"][0]["scale_ends"]["high"]["en"],
        "Very important"
    );
    assert_eq!(
        expectations["questions"][0]["scale_ends"]["low"]["fi"],
        "Ei lainkaan tärkeää"
    );

    // Ends belong to scales only: on an open question they are refused, by question.
    let ends = expectations["questions"][0]["scale_ends"].clone();
    let open = expectations["questions"]
        .as_array()
        .unwrap()
        .iter()
        .position(|q| q["kind"] == "text")
        .unwrap();
    let mut wrong = expectations.clone();
    wrong["questions"][open]["scale_ends"] = ends;
    let refused = admin.put("/api/v1/survey-templates/expectations", wrong).await;
    assert_eq!(refused.status, 400, "{}", refused.body);
    assert_eq!(refused.body["error"]["field"], format!("questions.{open}"));

    // The admin rewords one end; a round of the template carries it to the customer.
    expectations["questions"][0]["scale_ends"]["high"]["en"] = json!("Essential");
    let saved = admin.put("/api/v1/survey-templates/expectations", expectations).await;
    assert_eq!(saved.status, 200, "{}", saved.body);
    let contact = app
        .contact(&admin, &round.account, "Liisa", "liisa@globex.fi", "en")
        .await;
    let sent = admin
        .post(
            &format!("/api/v1/accounts/{}/rounds", round.account),
            json!({"template_id": "expectations", "contact_ids": [contact]}),
        )
        .await;
    let token = sent.body["links"][0]["link"]
        .as_str()
        .unwrap()
        .trim_start_matches("/s/")
        .to_string();
    let page = app.browser().get(&format!("/api/v1/survey/{token}")).await;
    assert_eq!(page.body["name"]["fi"], "Odotuskysely");
    assert_eq!(page.body["questions"][0]["scale_ends"]["high"]["en"], "Essential");
    assert_eq!(
        page.body["questions"][1]["scale_ends"]["low"]["en"],
        "Not important at all"
    );

    // The relationship round sent before asks how well, with the NPS's own ends.
    let old = app.browser().get(&format!("/api/v1/survey/{}", round.links[0].1)).await;
    assert_eq!(old.body["name"]["en"], "Relationship survey");
    assert_eq!(old.body["questions"][0]["scale_ends"]["low"]["en"], "Not at all likely");
    assert_eq!(old.body["questions"][1]["scale_ends"]["high"]["en"], "Excellent");
}

/// The page `reply` links to next, as a path, if any.
fn next_page(reply: &common::Reply) -> Option<String> {
    let link = reply.headers.get("link")?.to_str().unwrap();
    let path = link.strip_prefix('<')?.split_once(">; rel=\"next\"")?.0;
    Some(path.to_string())
}

#[tokio::test]
async fn an_accounts_rounds_and_answers_come_a_page_at_a_time_newest_first() {
    let app = TestApp::new().await;
    let admin = app.signup("Acme", "anna@acme.fi").await;
    let account = app.account(&admin, "Globex", json!({})).await;
    let contact = app
        .contact(&admin, &account, "Maija Virtanen", "maija@globex.fi", "fi")
        .await;
    let mut sent = Vec::new();
    for _ in 0..ROUNDS_PAGE + 2 {
        let links = common::survey::send_round(&admin, &account, &[&contact]).await;
        assert_eq!(
            submit(&app.browser(), &links[0].1, complete_answers()).await.status,
            200
        );
        sent.push(links[0].0.clone());
        app.clock.advance(Duration::minutes(1));
    }
    let newest_first: Vec<String> = sent.iter().rev().cloned().collect();

    let first = admin.get(&format!("/api/v1/accounts/{account}/rounds")).await;
    assert_eq!(first.status, 200, "{}", first.body);
    let links_of = |reply: &common::Reply| -> Vec<String> {
        let rounds = reply.body.as_array().unwrap();
        rounds
            .iter()
            .map(|r| r["links"][0]["id"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(
        links_of(&first),
        newest_first[..ROUNDS_PAGE],
        "a page of the newest rounds"
    );
    let next = next_page(&first).expect("older rounds are named");
    let older = admin.get(&next).await;
    assert_eq!(older.status, 200, "{}", older.body);
    assert_eq!(links_of(&older), newest_first[ROUNDS_PAGE..], "then the two oldest");
    assert_eq!(next_page(&older), None, "nothing older");

    // Answers likewise (a page is a hundred; two pages of one here by asking from the middle).
    let responses = admin.get(&format!("/api/v1/accounts/{account}/responses")).await;
    let answered = |reply: &common::Reply| -> Vec<String> {
        let responses = reply.body.as_array().unwrap();
        responses
            .iter()
            .map(|r| r["link_id"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(answered(&responses), newest_first);
    assert_eq!(next_page(&responses), None);
    let after_third = admin
        .get(&format!(
            "/api/v1/accounts/{account}/responses?before={}",
            newest_first[2]
        ))
        .await;
    assert_eq!(answered(&after_third), newest_first[3..]);

    // Another organisation's page marks lead nowhere, nor its own marks into another's account.
    let other = app.signup("Other", "olli@other.fi").await;
    let theirs = app.account(&other, "Initech", json!({})).await;
    for path in [
        format!("/api/v1/accounts/{account}/rounds"),
        format!(
            "/api/v1/accounts/{theirs}/rounds?before={}",
            first.body[0]["id"].as_str().unwrap()
        ),
        format!("/api/v1/accounts/{theirs}/responses?before={}", newest_first[0]),
        format!("/api/v1/accounts/{account}/responses?before={}", newest_first[0]),
    ] {
        assert_eq!(other.get(&path).await.status, 404, "{path}");
    }
}
