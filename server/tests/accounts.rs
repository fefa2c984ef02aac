//! Accounts and contacts: fields, rules, who sees what, and organisation walls.

mod common;

use common::{TestApp, account_body, contact_body};
use serde_json::json;

#[tokio::test]
async fn an_account_is_created_edited_archived_and_restored() {
    let app = TestApp::new().await;
    let admin = app.signup("Acme", "anna@acme.fi").await;
    let lead = app.join(&admin, "liisa@acme.fi", "member").await;
    let lead_id = app.user_id(&lead).await;

    let created = admin
        .post(
            "/api/v1/accounts",
            account_body(
                "  Globex Oy ",
                json!({"segments": ["Platform rebuild", "platform rebuild", " "], "lead_id": lead_id, "end_date": "2027-06-30"}),
            ),
        )
        .await;
    assert_eq!(created.status, 201, "{}", created.body);
    let id = created.body["id"].as_str().unwrap().to_string();
    assert_eq!(created.body["name"], "Globex Oy");
    assert_eq!(created.body["segments"], json!(["Platform rebuild"]));
    assert_eq!(created.body["lead"]["name"], "User liisa@acme.fi");
    assert_eq!(created.body["end_date"], "2027-06-30");

    let edited = admin
        .put(
            &format!("/api/v1/accounts/{id}"),
            account_body(
                "Globex Oy",
                json!({"stage": "renewal", "annual_value_eur": 90000, "notes": "Budget cut in Q3"}),
            ),
        )
        .await;
    assert_eq!(edited.status, 200, "{}", edited.body);
    assert_eq!(edited.body["stage"], "renewal");
    assert_eq!(edited.body["notes"], "Budget cut in Q3");

    let archived = admin.post(&format!("/api/v1/accounts/{id}/archive"), json!({})).await;
    assert_eq!(archived.body["archived"], true);
    assert_eq!(admin.get("/api/v1/accounts").await.body, json!([]));
    let all = admin.get("/api/v1/accounts?include_archived=true").await;
    assert_eq!(all.body[0]["id"], id.as_str());
    // History stays: the archived account still opens.
    assert_eq!(admin.get(&format!("/api/v1/accounts/{id}")).await.status, 200);

    admin.post(&format!("/api/v1/accounts/{id}/restore"), json!({})).await;
    assert_eq!(admin.get("/api/v1/accounts").await.body[0]["archived"], false);
}

#[tokio::test]
async fn bad_account_fields_are_refused_and_nothing_is_written() {
    let app = TestApp::new().await;
    let admin = app.signup("Acme", "anna@acme.fi").await;
    let cases = [
        (json!({"name": "  "}), "name"),
        (json!({"annual_value_eur": -5}), "annual_value_eur"),
        (
            json!({"start_date": "2026-05-01", "end_date": "2026-04-30"}),
            "end_date",
        ),
        (json!({"lead_id": "nobody"}), "lead_id"),
        (json!({"team_ids": ["nobody"]}), "team_ids"),
        (json!({"notes": "x".repeat(5001)}), "notes"),
    ];
    for (extra, field) in cases {
        let reply = admin.post("/api/v1/accounts", account_body("Globex", extra)).await;
        assert_eq!(reply.status, 400, "{field}: {}", reply.body);
        assert_eq!(reply.code(), "validation");
        assert_eq!(reply.body["error"]["field"], field);
    }
    let unknown_stage = admin
        .post("/api/v1/accounts", account_body("Globex", json!({"stage": "closed"})))
        .await;
    assert_eq!(unknown_stage.status, 400);
    assert_eq!(admin.get("/api/v1/accounts").await.body, json!([]));
}

#[tokio::test]
async fn members_see_only_the_accounts_they_are_on_and_cannot_create_or_edit_others() {
    let app = TestApp::new().await;
    let admin = app.signup("Acme", "anna@acme.fi").await;
    let member = app.join(&admin, "matti@acme.fi", "member").await;
    let leader = app.join(&admin, "leena@acme.fi", "leader").await;
    let member_id = app.user_id(&member).await;
    let theirs = app.account(&admin, "Globex", json!({"team_ids": [member_id]})).await;
    let other = app.account(&admin, "Initech", json!({})).await;

    let listed = member.get("/api/v1/accounts").await;
    let names: Vec<_> = listed
        .body
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["name"].clone())
        .collect();
    assert_eq!(names, vec![json!("Globex")]);
    assert_eq!(listed.body[0]["can_manage"], false);
    assert_eq!(member.get(&format!("/api/v1/accounts/{other}")).await.status, 404);
    assert_eq!(
        member.get(&format!("/api/v1/accounts/{other}/contacts")).await.status,
        404
    );
    let edit = member
        .put(
            &format!("/api/v1/accounts/{theirs}"),
            account_body("Mine now", json!({})),
        )
        .await;
    assert_eq!(edit.status, 403);
    assert_eq!(edit.code(), "forbidden");
    assert_eq!(
        member
            .post("/api/v1/accounts", account_body("New", json!({})))
            .await
            .status,
        403
    );
    // Team members work with the contacts of their accounts.
    app.contact(&member, &theirs, "Maija", "maija@globex.fi", "fi").await;

    // Leaders see and create everything.
    assert_eq!(leader.get("/api/v1/accounts").await.body.as_array().unwrap().len(), 2);
    app.account(&leader, "Umbrella", json!({})).await;
}

#[tokio::test]
async fn contacts_are_validated_unique_per_account_editable_and_removable() {
    let app = TestApp::new().await;
    let admin = app.signup("Acme", "anna@acme.fi").await;
    let account = app.account(&admin, "Globex", json!({})).await;
    let path = format!("/api/v1/accounts/{account}/contacts");

    let bad = admin.post(&path, contact_body("Maija", "maija@", "fi")).await;
    assert_eq!((bad.status, bad.body["error"]["field"].clone()), (400, json!("email")));

    let id = app
        .contact(&admin, &account, "Maija Virtanen", " Maija@Globex.fi ", "fi")
        .await;
    let twice = admin.post(&path, contact_body("Maija", "maija@globex.fi", "en")).await;
    assert_eq!(twice.status, 409);
    assert_eq!(twice.code(), "email_taken");

    let edited = admin
        .put(
            &format!("/api/v1/contacts/{id}"),
            contact_body("Maija Virtanen", "maija@globex.fi", "en"),
        )
        .await;
    assert_eq!(edited.status, 200, "{}", edited.body);
    assert_eq!(edited.body["language"], "en");
    let listed = admin.get(&path).await;
    assert_eq!(listed.body[0]["email"], "maija@globex.fi");

    assert_eq!(admin.delete(&format!("/api/v1/contacts/{id}")).await.status, 204);
    assert_eq!(admin.get(&path).await.body, json!([]));
    assert_eq!(admin.delete(&format!("/api/v1/contacts/{id}")).await.status, 404);
}

#[tokio::test]
async fn another_organisation_reaches_no_account_or_contact() {
    let app = TestApp::new().await;
    let acme = app.signup("Acme", "anna@acme.fi").await;
    let other = app.signup("Other", "olli@other.fi").await;
    let account = app.account(&acme, "Globex", json!({})).await;
    let contact = app.contact(&acme, &account, "Maija", "maija@globex.fi", "fi").await;

    assert_eq!(other.get("/api/v1/accounts").await.body, json!([]));
    let attempts = [
        other.get(&format!("/api/v1/accounts/{account}")).await,
        other
            .put(&format!("/api/v1/accounts/{account}"), account_body("Taken", json!({})))
            .await,
        other
            .post(&format!("/api/v1/accounts/{account}/archive"), json!({}))
            .await,
        other.get(&format!("/api/v1/accounts/{account}/contacts")).await,
        other
            .post(
                &format!("/api/v1/accounts/{account}/contacts"),
                contact_body("X", "x@x.fi", "en"),
            )
            .await,
        other
            .put(
                &format!("/api/v1/contacts/{contact}"),
                contact_body("X", "x@x.fi", "en"),
            )
            .await,
        other.delete(&format!("/api/v1/contacts/{contact}")).await,
    ];
    for reply in attempts {
        assert_eq!(reply.status, 404, "{}", reply.body);
        assert_eq!(reply.code(), "not_found");
    }
    assert_eq!(
        acme.get(&format!("/api/v1/accounts/{account}")).await.body["name"],
        "Globex"
    );
    assert_eq!(
        acme.get(&format!("/api/v1/accounts/{account}/contacts")).await.body[0]["name"],
        "Maija"
    );
}
