//! Invitations, roles, deactivation and the walls between organisations.

mod common;

use chrono::Duration;
use common::{PASSWORD, TestApp};
use serde_json::json;

#[tokio::test]
async fn an_invitation_link_works_once_and_logs_the_new_member_in() {
    let app = TestApp::new().await;
    let admin = app.signup("Acme", "anna@acme.fi").await;
    let token = app.invite(&admin, "Matti@Acme.fi", "member").await;
    assert!(token.len() >= 22, "at least 128 bits");

    let visitor = app.browser();
    let preview = visitor.get(&format!("/api/v1/invitations/by-token/{token}")).await;
    assert_eq!(preview.status, 200);
    assert_eq!(preview.body["organisation_name"], "Acme");
    assert_eq!(preview.body["email"], "matti@acme.fi");
    assert_eq!(preview.body["role"], "member");

    let accept = json!({"token": token, "name": "Matti", "password": PASSWORD, "language": "fi"});
    let accepted = visitor.post("/api/v1/invitations/accept", accept.clone()).await;
    assert_eq!(accepted.status, 201, "{}", accepted.body);
    assert_eq!(accepted.body["user"]["role"], "member");
    assert_eq!(visitor.get("/api/v1/auth/me").await.body["user"]["language"], "fi");

    let reused = app.browser().post("/api/v1/invitations/accept", accept).await;
    assert_eq!(reused.status, 410);
    assert_eq!(reused.code(), "invitation_invalid");
    assert_eq!(
        app.browser()
            .get(&format!("/api/v1/invitations/by-token/{token}"))
            .await
            .status,
        410
    );

    // The member can log in with the password they chose.
    let login = app.browser().login("matti@acme.fi", PASSWORD).await;
    assert_eq!(login.status, 200);
}

#[tokio::test]
async fn the_invitation_email_is_recorded_in_the_outbox_and_carries_its_own_link() {
    let app = TestApp::new().await;
    let admin = app.signup("Acme", "anna@acme.fi").await;
    let token = app.invite(&admin, "matti@acme.fi", "leader").await;
    let outbox = admin.get("/api/v1/outbox").await;
    let messages = outbox.body.as_array().unwrap();
    assert_eq!(messages.len(), 1);
    assert_eq!(messages[0]["to"], "matti@acme.fi");
    let listed = messages[0]["body"].as_str().unwrap();
    assert!(listed.contains("/invite/…"), "{listed}");
    assert!(!listed.contains(&token), "the admin's view hides the link");

    // The email as sent opens the invitation; so does the link the inviter was shown.
    let sent = app.as_sent(&messages[0]).await;
    let start = sent.find("/invite/").unwrap() + "/invite/".len();
    let emailed: String = sent[start..]
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
        .collect();
    assert_ne!(emailed, token);
    let visitor = app.browser();
    for token in [&emailed, &token] {
        let preview = visitor.get(&format!("/api/v1/invitations/by-token/{token}")).await;
        assert_eq!(preview.status, 200, "{}", preview.body);
        assert_eq!(preview.body["email"], "matti@acme.fi");
    }
}

#[tokio::test]
async fn expired_revoked_and_unknown_invitations_are_refused() {
    let app = TestApp::new().await;
    let admin = app.signup("Acme", "anna@acme.fi").await;
    let accept = |token: &str| json!({"token": token, "name": "Someone", "password": PASSWORD, "language": "en"});

    let expiring = app.invite(&admin, "late@acme.fi", "member").await;
    app.clock.advance(Duration::days(7));
    let late = app
        .browser()
        .post("/api/v1/invitations/accept", accept(&expiring))
        .await;
    assert_eq!(late.code(), "invitation_invalid");

    // A week on, the admin's session has long ended: log in again.
    let admin = app.browser();
    admin.login("anna@acme.fi", PASSWORD).await;

    let revoked_token = app.invite(&admin, "revoked@acme.fi", "member").await;
    let open = admin.get("/api/v1/invitations").await;
    let listed = open.body.as_array().unwrap();
    assert_eq!(listed.len(), 1, "the expired invitation is no longer listed");
    assert!(listed[0]["link"].is_null(), "links are shown only once");
    let id = listed[0]["id"].as_str().unwrap();
    assert_eq!(admin.delete(&format!("/api/v1/invitations/{id}")).await.status, 204);
    let revoked = app
        .browser()
        .post("/api/v1/invitations/accept", accept(&revoked_token))
        .await;
    assert_eq!(revoked.code(), "invitation_invalid");

    let unknown = app
        .browser()
        .post("/api/v1/invitations/accept", accept("made-up-token"))
        .await;
    assert_eq!(unknown.status, 410);
    assert!(
        app.state
            .store
            .user_by_email("revoked@acme.fi")
            .await
            .unwrap()
            .is_none()
    );
}

#[tokio::test]
async fn inviting_an_existing_user_is_refused() {
    let app = TestApp::new().await;
    let admin = app.signup("Acme", "anna@acme.fi").await;
    let reply = admin
        .post(
            "/api/v1/invitations",
            json!({"email": "anna@acme.fi", "role": "member"}),
        )
        .await;
    assert_eq!(reply.code(), "email_taken");
    let bad = admin
        .post(
            "/api/v1/invitations",
            json!({"email": "not-an-email", "role": "member"}),
        )
        .await;
    assert_eq!(bad.code(), "validation");
    assert_eq!(bad.body["error"]["field"], "email");
    let bad_role = admin
        .post("/api/v1/invitations", json!({"email": "x@acme.fi", "role": "owner"}))
        .await;
    assert_eq!(bad_role.status, 400);
    assert_eq!(bad_role.code(), "bad_request");
}

#[tokio::test]
async fn members_and_leaders_get_403_on_admin_actions() {
    let app = TestApp::new().await;
    let admin = app.signup("Acme", "anna@acme.fi").await;
    let member = app.join(&admin, "matti@acme.fi", "member").await;
    let leader = app.join(&admin, "leena@acme.fi", "leader").await;
    let admin_id = admin.get("/api/v1/auth/me").await.body["user"]["id"]
        .as_str()
        .unwrap()
        .to_string();

    for user in [&member, &leader] {
        assert_eq!(
            user.post("/api/v1/invitations", json!({"email": "x@acme.fi", "role": "admin"}))
                .await
                .code(),
            "forbidden"
        );
        assert_eq!(user.get("/api/v1/invitations").await.status, 403);
        assert_eq!(user.get("/api/v1/outbox").await.status, 403);
        let promote = user
            .patch(&format!("/api/v1/users/{admin_id}"), json!({"active": false}))
            .await;
        assert_eq!(promote.code(), "forbidden");
        // Everyone may see who is in their organisation.
        assert_eq!(user.get("/api/v1/users").await.body.as_array().unwrap().len(), 3);
    }
    assert_eq!(
        admin.get("/api/v1/auth/me").await.status,
        200,
        "the admin was not deactivated"
    );
}

#[tokio::test]
async fn admins_change_roles_and_deactivation_ends_sessions_at_once() {
    let app = TestApp::new().await;
    let admin = app.signup("Acme", "anna@acme.fi").await;
    let member = app.join(&admin, "matti@acme.fi", "member").await;
    let member_id = member.get("/api/v1/auth/me").await.body["user"]["id"]
        .as_str()
        .unwrap()
        .to_string();

    let promoted = admin
        .patch(&format!("/api/v1/users/{member_id}"), json!({"role": "leader"}))
        .await;
    assert_eq!(promoted.status, 200);
    assert_eq!(promoted.body["role"], "leader");
    assert_eq!(member.get("/api/v1/auth/me").await.body["user"]["role"], "leader");

    let deactivated = admin
        .patch(&format!("/api/v1/users/{member_id}"), json!({"active": false}))
        .await;
    assert_eq!(deactivated.body["active"], false);
    assert_eq!(member.get("/api/v1/auth/me").await.code(), "unauthenticated");
    let login = app.browser().login("matti@acme.fi", PASSWORD).await;
    assert_eq!(login.code(), "account_deactivated");

    admin
        .patch(&format!("/api/v1/users/{member_id}"), json!({"active": true}))
        .await;
    let again = app.browser().login("matti@acme.fi", PASSWORD).await;
    assert_eq!(again.status, 200);
}

#[tokio::test]
async fn the_last_active_admin_cannot_be_demoted_or_deactivated() {
    let app = TestApp::new().await;
    let admin = app.signup("Acme", "anna@acme.fi").await;
    let admin_id = admin.get("/api/v1/auth/me").await.body["user"]["id"]
        .as_str()
        .unwrap()
        .to_string();
    let demote = admin
        .patch(&format!("/api/v1/users/{admin_id}"), json!({"role": "member"}))
        .await;
    assert_eq!(demote.status, 409);
    assert_eq!(demote.code(), "last_admin");
    let deactivate = admin
        .patch(&format!("/api/v1/users/{admin_id}"), json!({"active": false}))
        .await;
    assert_eq!(deactivate.code(), "last_admin");

    let second = app.join(&admin, "second@acme.fi", "admin").await;
    assert_eq!(second.get("/api/v1/auth/me").await.body["user"]["role"], "admin");
    let now_ok = admin
        .patch(&format!("/api/v1/users/{admin_id}"), json!({"role": "member"}))
        .await;
    assert_eq!(now_ok.status, 200);
}

#[tokio::test]
async fn another_organisation_sees_404_for_every_record() {
    let app = TestApp::new().await;
    let acme = app.signup("Acme", "anna@acme.fi").await;
    let globex = app.signup("Globex", "gina@globex.fi").await;
    let matti = app.join(&acme, "matti@acme.fi", "member").await;
    let matti_id = matti.get("/api/v1/auth/me").await.body["user"]["id"]
        .as_str()
        .unwrap()
        .to_string();
    app.invite(&acme, "pending@acme.fi", "member").await;
    let invitation_id = acme.get("/api/v1/invitations").await.body[0]["id"]
        .as_str()
        .unwrap()
        .to_string();

    let change = globex
        .patch(&format!("/api/v1/users/{matti_id}"), json!({"role": "admin"}))
        .await;
    assert_eq!(change.status, 404);
    assert_eq!(change.code(), "not_found");
    let deactivate = globex
        .patch(&format!("/api/v1/users/{matti_id}"), json!({"active": false}))
        .await;
    assert_eq!(deactivate.status, 404);
    assert_eq!(
        globex
            .delete(&format!("/api/v1/invitations/{invitation_id}"))
            .await
            .status,
        404
    );

    let globex_users = globex.get("/api/v1/users").await;
    let emails: Vec<&str> = globex_users
        .body
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u["email"].as_str().unwrap())
        .collect();
    assert_eq!(emails, vec!["gina@globex.fi"]);
    assert_eq!(
        globex.get("/api/v1/invitations").await.body.as_array().unwrap().len(),
        0
    );
    assert_eq!(globex.get("/api/v1/outbox").await.body.as_array().unwrap().len(), 0);

    // Nothing changed in Acme.
    let me = matti.get("/api/v1/auth/me").await;
    assert_eq!(me.body["user"]["role"], "member");
    assert_eq!(acme.get("/api/v1/invitations").await.body.as_array().unwrap().len(), 1);
}
