//! CSV import: a preview that writes nothing, good rows imported together, bad rows
//! listed with the reason, and the usual walls.

mod common;

use common::TestApp;
use serde_json::{Value, json};

const CSV: &str = "\
account,segments,stage,annual_value_eur,start_date,lead_email,contact_name,contact_email,contact_title,contact_language,decision_maker
Globex Oy,growth marketing;seo,delivery,120000,2026-01-15,anna@acme.fi,Maija Virtanen,maija@globex.fi,CMO,fi,yes
Globex Oy,,,,,,John Smith,john@globex.com,CTO,en,no
Initech,platform rebuild,closed,50000,2026-02-01,,Pekka,pekka@initech.fi,,fi,no
Umbrella,,sales,lots,,,,,,,
Hooli,,renewal,80000,2025-05-01,nobody@acme.fi,,,,,
Globex Oy,,,,,,Maija again,maija@globex.fi,,fi,no
Stark,,support,1000,2026-03-01,,Tony,tony@,,en,no
,,delivery,1,,,,,,,
Wayne,,onboarding,30000,2026-04-01,,Bruce Wayne,bruce@wayne.example,CEO,en,yes
";

fn errors(report: &Value) -> Vec<(u64, String)> {
    report["rows"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| !r["error"].is_null())
        .map(|r| (r["line"].as_u64().unwrap(), r["field"].as_str().unwrap().to_string()))
        .collect()
}

#[tokio::test]
async fn a_preview_lists_bad_rows_and_writes_nothing_then_the_import_writes_the_good_ones() {
    let app = TestApp::new().await;
    let admin = app.signup("Acme", "anna@acme.fi").await;

    let preview = admin
        .post("/api/v1/accounts/import", json!({"csv": CSV, "dry_run": true}))
        .await;
    assert_eq!(preview.status, 200, "{}", preview.body);
    let expected_errors = vec![
        (4, "stage".to_string()),
        (5, "annual_value_eur".to_string()),
        (6, "lead_email".to_string()),
        (7, "contact_email".to_string()),
        (8, "contact_email".to_string()),
        (9, "account".to_string()),
    ];
    assert_eq!(errors(&preview.body), expected_errors);
    assert_eq!(preview.body["accounts_created"], 2);
    assert_eq!(preview.body["contacts_created"], 3);
    assert_eq!(admin.get("/api/v1/accounts").await.body, json!([]));

    let imported = admin
        .post("/api/v1/accounts/import", json!({"csv": CSV, "dry_run": false}))
        .await;
    assert_eq!(imported.status, 200, "{}", imported.body);
    assert_eq!(errors(&imported.body), expected_errors);
    let accounts = admin.get("/api/v1/accounts").await.body;
    let names: Vec<_> = accounts.as_array().unwrap().iter().map(|a| a["name"].clone()).collect();
    assert_eq!(names, vec![json!("Globex Oy"), json!("Wayne")]);
    let globex = &accounts[0];
    assert_eq!(globex["segments"], json!(["growth marketing", "seo"]));
    assert_eq!(globex["annual_value_eur"], 120000);
    assert_eq!(globex["lead"]["name"], "Admin of Acme");
    let contacts = admin
        .get(&format!("/api/v1/accounts/{}/contacts", globex["id"].as_str().unwrap()))
        .await
        .body;
    let emails: Vec<_> = contacts
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["email"].clone())
        .collect();
    assert_eq!(emails, vec![json!("john@globex.com"), json!("maija@globex.fi")]);
    assert_eq!(contacts[1]["decision_maker"], true);

    // Importing the same file again adds nothing twice: the contacts are known now.
    let again = admin
        .post("/api/v1/accounts/import", json!({"csv": CSV, "dry_run": false}))
        .await;
    assert_eq!(again.body["accounts_created"], 0);
    assert_eq!(again.body["contacts_created"], 0);
}

#[tokio::test]
async fn files_that_are_not_an_import_are_refused_whole() {
    let app = TestApp::new().await;
    let admin = app.signup("Acme", "anna@acme.fi").await;
    for csv in ["", "name,email\nGlobex,x@y.fi\n", "account\n"] {
        let reply = admin
            .post("/api/v1/accounts/import", json!({"csv": csv, "dry_run": false}))
            .await;
        assert_eq!(reply.status, 400, "{csv:?}: {}", reply.body);
        assert_eq!(reply.body["error"]["field"], "csv");
    }
}

#[tokio::test]
async fn members_cannot_import_and_other_organisations_stay_apart() {
    let app = TestApp::new().await;
    let acme = app.signup("Acme", "anna@acme.fi").await;
    let member = app.join(&acme, "matti@acme.fi", "member").await;
    let reply = member
        .post("/api/v1/accounts/import", json!({"csv": CSV, "dry_run": true}))
        .await;
    assert_eq!(reply.status, 403);

    // Another organisation's people cannot be named as leads, and its accounts are
    // not matched by name.
    app.account(&acme, "Globex Oy", json!({})).await;
    let other = app.signup("Other", "olli@other.fi").await;
    let csv = "account,lead_email\nGlobex Oy,anna@acme.fi\nGlobex Oy,\n";
    let report = other
        .post("/api/v1/accounts/import", json!({"csv": csv, "dry_run": false}))
        .await;
    assert_eq!(errors(&report.body), vec![(2, "lead_email".to_string())]);
    assert_eq!(report.body["accounts_created"], 1);
    assert_eq!(other.get("/api/v1/accounts").await.body.as_array().unwrap().len(), 1);
    assert_eq!(acme.get("/api/v1/accounts").await.body.as_array().unwrap().len(), 1);
}
