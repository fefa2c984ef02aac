//! Case steps several test files share: an unhappy answer, closing a case with its
//! explanation, and reading what went out.

use serde_json::{Value, json};

use super::Browser;
use super::survey::{answer, comment};

pub const COMPLAINT: &str = "Reklamaatioihin ei vastata, ja raportit myöhästyvät joka viikko.";

/// A detractor's answers with `COMPLAINT` as the comment.
pub fn detractor_answers(nps: i32) -> Value {
    json!({"answers": [
        answer("nps", nps), answer("quality", 3), answer("communication", 2), answer("schedule", 2),
        answer("understanding", 3), answer("value", 3), comment("do_differently", COMPLAINT),
    ]})
}

/// The resolution `close_explained` closes a case with.
pub const RESOLUTION: &str = "Weekly reports every Friday.";

/// Explains to the customer by a logged call, then closes the case with `RESOLUTION`.
pub async fn close_explained(browser: &Browser<'_>, id: &str) {
    let explain = json!({"step": "explain", "channel": "call", "note": "Called Maija: reports go out on Fridays now."});
    let reply = browser.post(&format!("/api/v1/cases/{id}/steps"), explain).await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    let close = json!({"root_cause": {"churn_cause": "complaint_handling"}, "resolution": RESOLUTION});
    let reply = browser.post(&format!("/api/v1/cases/{id}/close"), close).await;
    assert_eq!(reply.status, 200, "{}", reply.body);
}
