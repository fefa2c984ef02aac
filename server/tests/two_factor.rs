//! Two-factor sign-in, as people use it: set up with an authenticator app, codes at
//! sign-in (each good once), turned off with the password, and an organisation that
//! requires it of its admins.

mod common;

use chrono::Duration;
use common::{Browser, PASSWORD, TestApp, audit};
use kaiku_server::clock::Clock;
use serde_json::json;
use totp_rs::{Algorithm, Secret, TOTP};

/// The code an authenticator app shows for `secret` at the test clock's time.
fn code_now(app: &TestApp, secret: &str) -> String {
    let bytes = Secret::Encoded(secret.to_string()).to_bytes().unwrap();
    let totp = TOTP::new(Algorithm::SHA1, 6, 1, 30, bytes, None, String::new()).unwrap();
    totp.generate(app.clock.now().timestamp() as u64)
}

/// Sets two-factor sign-in up for the signed-in `browser`; returns the secret.
async fn turn_on(app: &TestApp, browser: &Browser<'_>) -> String {
    let setup = browser.post("/api/v1/me/two-factor/setup", json!({})).await;
    assert_eq!(setup.status, 200, "{}", setup.body);
    let secret = setup.body["secret"].as_str().unwrap().to_string();
    let confirmed = browser
        .post("/api/v1/me/two-factor/confirm", json!({"code": code_now(app, &secret)}))
        .await;
    assert_eq!(confirmed.status, 204, "{}", confirmed.body);
    secret
}

async fn login_with_code(browser: &Browser<'_>, email: &str, code: &str) -> common::Reply {
    browser
        .post(
            "/api/v1/auth/login",
            json!({"email": email, "password": PASSWORD, "code": code}),
        )
        .await
}

#[tokio::test]
async fn a_person_sets_it_up_and_then_signs_in_with_a_code_that_is_good_once() {
    let app = TestApp::new().await;
    let anna = app.signup("Acme", "anna@acme.fi").await;

    let setup = anna.post("/api/v1/me/two-factor/setup", json!({})).await;
    assert_eq!(setup.status, 200, "{}", setup.body);
    let secret = setup.body["secret"].as_str().unwrap().to_string();
    assert_eq!(secret.len(), 32, "160 bits in base32: {secret}");
    let uri = setup.body["uri"].as_str().unwrap();
    assert!(uri.starts_with("otpauth://totp/Kaiku:anna%40acme.fi?secret="), "{uri}");
    assert!(
        setup.body["qr_svg"]
            .as_str()
            .unwrap()
            .starts_with("data:image/svg+xml;base64,")
    );
    // Not on until a code from the app is confirmed; a wrong one is refused at its field.
    assert_eq!(anna.get("/api/v1/auth/me").await.body["user"]["two_factor"], false);
    let wrong = anna
        .post("/api/v1/me/two-factor/confirm", json!({"code": "000000"}))
        .await;
    assert_eq!((wrong.status, wrong.code()), (401, "invalid_credentials"));
    assert_eq!(wrong.body["error"]["field"], "code");
    let confirmed = anna
        .post(
            "/api/v1/me/two-factor/confirm",
            json!({"code": code_now(&app, &secret)}),
        )
        .await;
    assert_eq!(confirmed.status, 204, "{}", confirmed.body);
    let me = anna.get("/api/v1/auth/me").await;
    assert_eq!(me.body["user"]["two_factor"], true);
    assert!(!me.body.to_string().contains(&secret), "the secret is shown only once");
    assert_eq!(audit(&anna, "two_factor_on").await.len(), 1);

    // The password alone no longer signs in: no session is started.
    let phone = app.browser();
    let asked = phone.login("anna@acme.fi", PASSWORD).await;
    assert_eq!((asked.status, asked.code()), (401, "two_factor_required"));
    assert_eq!(phone.get("/api/v1/auth/me").await.status, 401);
    let wrong = login_with_code(&phone, "anna@acme.fi", "123456").await;
    assert_eq!((wrong.status, wrong.code()), (401, "invalid_credentials"));
    assert_eq!(wrong.body["error"]["field"], "code");

    // A minute on (the set-up's code is spent), the app's code signs in, once.
    app.clock.advance(Duration::seconds(60));
    let code = code_now(&app, &secret);
    let signed_in = login_with_code(&phone, "anna@acme.fi", &code).await;
    assert_eq!(signed_in.status, 200, "{}", signed_in.body);
    assert_eq!(phone.get("/api/v1/accounts").await.status, 200);
    let replayed = login_with_code(&app.browser(), "anna@acme.fi", &code).await;
    assert_eq!(replayed.code(), "invalid_credentials", "a code is good once");
    // The next code works again.
    app.clock.advance(Duration::seconds(30));
    let next = login_with_code(&app.browser(), "anna@acme.fi", &code_now(&app, &secret)).await;
    assert_eq!(next.status, 200, "{}", next.body);
}

#[tokio::test]
async fn wrong_codes_at_sign_in_are_limited_like_wrong_passwords() {
    let app = TestApp::new().await;
    let anna = app.signup("Acme", "anna@acme.fi").await;
    turn_on(&app, &anna).await;
    let guesser = app.browser();
    let mut statuses = Vec::new();
    for guess in 0..8 {
        let reply = login_with_code(&guesser, "anna@acme.fi", &format!("{guess:06}")).await;
        statuses.push(reply.code().to_string());
    }
    assert!(
        statuses.iter().filter(|c| *c == "invalid_credentials").count() <= 5,
        "{statuses:?}"
    );
    assert_eq!(
        statuses.last().map(String::as_str),
        Some("rate_limited"),
        "{statuses:?}"
    );
}

#[tokio::test]
async fn turning_it_off_takes_the_password() {
    let app = TestApp::new().await;
    let anna = app.signup("Acme", "anna@acme.fi").await;
    turn_on(&app, &anna).await;
    let wrong = anna
        .post("/api/v1/me/two-factor/off", json!({"password": "not the password"}))
        .await;
    assert_eq!(
        (wrong.status, wrong.body["error"]["field"].as_str()),
        (401, Some("password"))
    );
    assert_eq!(anna.get("/api/v1/auth/me").await.body["user"]["two_factor"], true);
    let off = anna
        .post("/api/v1/me/two-factor/off", json!({"password": PASSWORD}))
        .await;
    assert_eq!(off.status, 204, "{}", off.body);
    assert_eq!(app.browser().login("anna@acme.fi", PASSWORD).await.status, 200);
    assert_eq!(audit(&anna, "two_factor_off").await.len(), 1);
}

#[tokio::test]
async fn an_organisation_requires_it_of_its_admins() {
    let app = TestApp::new().await;
    let anna = app.signup("Acme", "anna@acme.fi").await;
    let bob = app.join(&anna, "bob@acme.fi", "admin").await;
    let mia = app.join(&anna, "mia@acme.fi", "member").await;
    let leo = app.join(&anna, "leo@acme.fi", "member").await;

    // Only an admin who has it may require it.
    let refused = anna
        .put("/api/v1/settings/security", json!({"admins_two_factor": true}))
        .await;
    assert_eq!(
        (refused.status, refused.body["error"]["field"].as_str()),
        (400, Some("admins_two_factor"))
    );
    turn_on(&app, &anna).await;
    let required = anna
        .put("/api/v1/settings/security", json!({"admins_two_factor": true}))
        .await;
    assert_eq!(required.status, 200, "{}", required.body);
    assert_eq!(
        anna.get("/api/v1/settings/security").await.body["admins_two_factor"],
        true
    );
    assert_eq!(
        anna.get("/api/v1/auth/me").await.body["organisation"]["admins_two_factor"],
        true
    );
    assert_eq!(audit(&anna, "two_factor_policy_changed").await.len(), 1);

    // Bob, an admin without it, may from now on only set it up, in this session and
    // when he signs in again.
    let held = bob.get("/api/v1/accounts").await;
    assert_eq!((held.status, held.code()), (403, "two_factor_setup_required"));
    assert_eq!(bob.get("/api/v1/auth/me").await.body["two_factor_setup_required"], true);
    let again = app.browser();
    let session = again.login("bob@acme.fi", PASSWORD).await;
    assert_eq!(session.status, 200, "{}", session.body);
    assert_eq!(session.body["two_factor_setup_required"], true);
    assert_eq!(again.get("/api/v1/users").await.code(), "two_factor_setup_required");
    turn_on(&app, &bob).await;
    assert_eq!(bob.get("/api/v1/accounts").await.status, 200);
    assert_eq!(
        again.get("/api/v1/accounts").await.status,
        200,
        "every session of his goes on"
    );
    assert_eq!(
        bob.get("/api/v1/auth/me").await.body["two_factor_setup_required"],
        false
    );
    // Made an admin while it is required, Mia's sessions are held too; as a member she
    // was not.
    assert_eq!(mia.get("/api/v1/accounts").await.status, 200);
    let mia_id = app.user_id(&mia).await;
    let promoted = anna
        .patch(&format!("/api/v1/users/{mia_id}"), json!({"role": "admin"}))
        .await;
    assert_eq!(promoted.status, 200, "{}", promoted.body);
    assert_eq!(mia.get("/api/v1/accounts").await.code(), "two_factor_setup_required");

    // Members are not asked, and cannot change the rule.
    assert_eq!(leo.get("/api/v1/accounts").await.status, 200);
    let leo_again = app.browser().login("leo@acme.fi", PASSWORD).await;
    assert_eq!(
        (leo_again.status, &leo_again.body["two_factor_setup_required"]),
        (200, &json!(false))
    );
    assert_eq!(leo.get("/api/v1/settings/security").await.status, 403);
    let forbidden = leo
        .put("/api/v1/settings/security", json!({"admins_two_factor": false}))
        .await;
    assert_eq!(forbidden.status, 403);

    // While it is required, an admin cannot turn their own off.
    let kept = anna
        .post("/api/v1/me/two-factor/off", json!({"password": PASSWORD}))
        .await;
    assert_eq!(kept.status, 403);
    assert_eq!(anna.get("/api/v1/auth/me").await.body["user"]["two_factor"], true);

    // No longer required: Mia, held since her promotion, goes on without it.
    let relaxed = anna
        .put("/api/v1/settings/security", json!({"admins_two_factor": false}))
        .await;
    assert_eq!(relaxed.status, 200, "{}", relaxed.body);
    assert_eq!(mia.get("/api/v1/accounts").await.status, 200);
    assert_eq!(
        mia.get("/api/v1/auth/me").await.body["two_factor_setup_required"],
        false
    );
}

#[tokio::test]
async fn another_organisations_rule_is_its_own() {
    let app = TestApp::new().await;
    let anna = app.signup("Acme", "anna@acme.fi").await;
    turn_on(&app, &anna).await;
    let globex = app.signup("Globex", "gus@globex.fi").await;
    let theirs = globex
        .put("/api/v1/settings/security", json!({"admins_two_factor": false}))
        .await;
    assert_eq!(theirs.status, 200);
    assert_eq!(
        anna.put("/api/v1/settings/security", json!({"admins_two_factor": true}))
            .await
            .status,
        200
    );
    // Globex's admin is neither signed out nor asked to set anything up.
    assert_eq!(globex.get("/api/v1/accounts").await.status, 200);
    assert_eq!(
        globex.get("/api/v1/settings/security").await.body["admins_two_factor"],
        false
    );
    assert_eq!(
        app.browser().login("gus@globex.fi", PASSWORD).await.body["two_factor_setup_required"],
        false
    );
}
