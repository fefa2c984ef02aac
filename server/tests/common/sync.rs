//! Offline sync steps several test files share: mutations as the app sends them.

use serde_json::{Value, json};

use super::Browser;

pub fn submit_mutation(id: &str, input: Value) -> Value {
    json!({"id": id, "kind": "submit_counter_feedback", "counter_feedback": input, "action_edit": null})
}

pub fn create_action_mutation(id: &str, input: Value) -> Value {
    json!({"id": id, "kind": "create_action", "new_action": input})
}

/// Sends `mutations` in one request; the results in order.
pub async fn sync(browser: &Browser<'_>, mutations: Vec<Value>) -> Vec<Value> {
    let reply = browser.post("/api/v1/sync", json!({"mutations": mutations})).await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    reply.body["results"].as_array().unwrap().clone()
}
