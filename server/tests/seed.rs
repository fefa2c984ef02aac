//! The demo organisation `cargo xtask run` starts with: people, accounts, and a
//! customer answer waiting for the team's counter-feedback.

mod common;

use common::TestApp;
use kaiku_server::seed::{self, DEMO_PASSWORD};

#[tokio::test]
async fn the_demo_starts_with_an_answer_waiting_for_counter_feedback_once() {
    let app = TestApp::new().await;
    seed::demo(&app.state).await.unwrap();
    // Started again on the same data: nothing is seeded twice.
    seed::demo(&app.state).await.unwrap();

    let matti = app.browser();
    assert_eq!(matti.login("matti@demo.kaiku.test", DEMO_PASSWORD).await.status, 200);
    let accounts = matti.get("/api/v1/accounts").await;
    assert_eq!(accounts.body.as_array().unwrap().len(), 3);
    let requests = matti.get("/api/v1/counter-feedback/requests").await;
    let open = requests.body["open"].as_array().unwrap();
    assert_eq!(open.len(), 1);
    assert_eq!(open[0]["account"]["name"], "Nordic Retail Oy");
    assert_eq!(
        open[0]["development_points"],
        serde_json::json!(["Toivoisin viikoittaisen tilannekatsauksen."])
    );
    assert_eq!(
        open[0]["response"]["analysis"][0]["analysis"]["sentiment"]["polarity"],
        "negative"
    );
}
