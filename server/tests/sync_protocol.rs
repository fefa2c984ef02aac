//! Property test of the offline sync protocol: a device records counter-feedback and
//! edits an action through `kaiku_core::sync::Outbox` (the code the app runs) while a
//! colleague edits the same action online. The network goes down, duplicates
//! batches, loses responses, delivers stale copies late; the server restarts. At the
//! end every change has reached the server exactly once and the state is the one the
//! device settled on.

mod common;

use std::collections::BTreeMap;

use common::TestApp;
use kaiku_core::counterfeedback::{ActionEdit, ActionStatus, ChangeInput, ChurnRisk, CounterFeedbackInput};
use kaiku_core::sync::{Mutation, MutationResult, Outbox, Outcome, SyncRequest, SyncResponse};
use kaiku_server::store::id_from_key;
use proptest::prelude::*;
use serde_json::json;

#[derive(Debug, Clone)]
enum Step {
    /// The device records a counter-feedback.
    Submit,
    /// The device edits the action's text.
    Edit,
    /// A colleague edits the action online.
    ColleagueEdits,
    Offline,
    Online,
    /// The device sends its next batch; the network may deliver it twice, lose the
    /// answer, or keep a copy to deliver late.
    Flush {
        twice: bool,
        lose_answer: bool,
        keep_stale_copy: bool,
    },
    /// A stale copy of an earlier batch arrives.
    DeliverStale,
    Restart,
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        3 => Just(Step::Submit),
        4 => Just(Step::Edit),
        2 => Just(Step::ColleagueEdits),
        1 => Just(Step::Offline),
        2 => Just(Step::Online),
        5 => (any::<bool>(), any::<bool>(), any::<bool>()).prop_map(|(twice, lose_answer, keep_stale_copy)| Step::Flush {
            twice,
            lose_answer,
            keep_stale_copy,
        }),
        1 => Just(Step::DeliverStale),
        1 => Just(Step::Restart),
    ]
}

/// What the device knows, and what the test knows happened.
struct Device {
    outbox: Outbox,
    cookies: BTreeMap<String, String>,
    online: bool,
    stale: Vec<Vec<Mutation>>,
    known_revision: u32,
    next_id: u32,
    submitted_notes: Vec<String>,
    /// Every mutation id the device made, with the final word the server gave on it.
    finals: BTreeMap<String, Outcome>,
    /// Every action edit the device made, superseded ones and re-sent ones included.
    edit_ids: Vec<String>,
}

impl Device {
    fn new_id(&mut self) -> String {
        self.next_id += 1;
        format!("0000aaaa-0000-4000-8000-{:012}", self.next_id)
    }

    fn take(&mut self, results: &[MutationResult]) {
        for result in results {
            if let Some(current) = &result.current {
                self.known_revision = self.known_revision.max(current.revision);
            }
            let pending = self.outbox.pending.iter().any(|m| m.id == result.id);
            if pending {
                self.finals.insert(result.id.clone(), result.outcome);
            }
        }
        self.outbox.settle(results);
        assert!(
            self.outbox
                .unsettled
                .iter()
                .all(|u| u.result.outcome == Outcome::Conflict),
            "nothing here may be rejected: {:?}",
            self.outbox.unsettled
        );
        // The device's policy in this test: keep its own version of every conflict.
        for id in self
            .outbox
            .unsettled
            .iter()
            .map(|u| u.mutation.id.clone())
            .collect::<Vec<_>>()
        {
            let new_id = self.new_id();
            self.edit_ids.push(new_id.clone());
            assert!(self.outbox.keep_mine(&id, new_id));
        }
    }
}

struct World {
    app: TestApp,
    account: String,
    action: String,
    colleague: BTreeMap<String, String>,
    colleague_edits: usize,
}

async fn send(app: &TestApp, cookies: &mut BTreeMap<String, String>, mutations: Vec<Mutation>) -> SyncResponse {
    let browser = app.browser_with(cookies.clone());
    let reply = browser
        .post("/api/v1/sync", serde_json::to_value(SyncRequest { mutations }).unwrap())
        .await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    *cookies = browser.cookie_jar();
    serde_json::from_value(reply.body).unwrap()
}

fn feedback(account: &str, note: &str) -> CounterFeedbackInput {
    CounterFeedbackInput {
        account: account.to_string(),
        request: None,
        health: 3,
        churn_risk: ChurnRisk::Low,
        churn_causes: vec![],
        behind_the_scenes: String::new(),
        changes: vec![],
        further_needs: String::new(),
        notes: note.to_string(),
        fulfilment: vec![],
    }
}

fn edit(action: &str, base_revision: u32, text: String) -> ActionEdit {
    ActionEdit {
        action: action.to_string(),
        base_revision,
        text,
        owner: None,
        due: None,
        status: ActionStatus::Open,
    }
}

async fn setup() -> (World, Device) {
    let app = TestApp::new().await;
    let (account, device_cookies, colleague) = {
        let admin = app.signup("Acme", "anna@acme.fi").await;
        let colleague = app.join(&admin, "leo@acme.fi", "leader").await;
        let account = app.account(&admin, "Globex", json!({})).await;
        (account, admin.cookie_jar(), colleague.cookie_jar())
    };
    let mut world = World {
        app,
        account: account.clone(),
        action: String::new(),
        colleague,
        colleague_edits: 0,
    };
    // The action both will edit, made online before the test starts.
    let mut first = feedback(&account, "setup");
    first.changes = vec![ChangeInput {
        text: "Weekly status report".into(),
        owner: None,
        due: None,
        source: None,
    }];
    let mut cookies = device_cookies;
    let setup_id = "0000bbbb-0000-4000-8000-000000000001".to_string();
    let response = send(
        &world.app,
        &mut cookies,
        vec![Mutation::submit_counter_feedback(setup_id, first)],
    )
    .await;
    assert_eq!(response.results[0].outcome, Outcome::Applied);
    let actions = world
        .app
        .browser_with(cookies.clone())
        .get(&format!("/api/v1/accounts/{account}/actions"))
        .await;
    world.action = actions.body[0]["id"].as_str().unwrap().to_string();
    let device = Device {
        outbox: Outbox::default(),
        cookies,
        online: true,
        stale: Vec::new(),
        known_revision: 1,
        next_id: 0,
        submitted_notes: Vec::new(),
        finals: BTreeMap::new(),
        edit_ids: Vec::new(),
    };
    (world, device)
}

async fn run(steps: Vec<Step>) {
    let (mut world, mut device) = setup().await;
    let mut edits = 0;
    for step in steps {
        match step {
            Step::Submit => {
                let note = format!("note {}", device.submitted_notes.len());
                let id = device.new_id();
                device
                    .outbox
                    .push(Mutation::submit_counter_feedback(id, feedback(&world.account, &note)));
                device.submitted_notes.push(note);
            }
            Step::Edit => {
                edits += 1;
                let id = device.new_id();
                device.edit_ids.push(id.clone());
                let change = edit(&world.action, device.known_revision, format!("device edit {edits}"));
                device.outbox.push(Mutation::edit_action(id, change));
            }
            Step::ColleagueEdits => {
                let browser = world.app.browser_with(world.colleague.clone());
                let actions = browser
                    .get(&format!("/api/v1/accounts/{}/actions", world.account))
                    .await;
                let revision = actions.body[0]["revision"].as_u64().unwrap() as u32;
                world.colleague_edits += 1;
                let id = format!("0000cccc-0000-4000-8000-{:012}", world.colleague_edits);
                let text = format!("colleague edit {}", world.colleague_edits);
                let response = send(
                    &world.app,
                    &mut world.colleague,
                    vec![Mutation::edit_action(id, edit(&world.action, revision, text))],
                )
                .await;
                assert_eq!(response.results[0].outcome, Outcome::Applied);
            }
            Step::Offline => device.online = false,
            Step::Online => device.online = true,
            Step::Flush {
                twice,
                lose_answer,
                keep_stale_copy,
            } => {
                let batch = device.outbox.next_batch();
                if !device.online || batch.is_empty() {
                    continue;
                }
                if keep_stale_copy {
                    device.stale.push(batch.clone());
                }
                let mut response = send(&world.app, &mut device.cookies, batch.clone()).await;
                if twice {
                    response = send(&world.app, &mut device.cookies, batch).await;
                }
                if !lose_answer {
                    device.take(&response.results);
                }
            }
            Step::DeliverStale => {
                if let Some(batch) = device.stale.pop() {
                    let response = send(&world.app, &mut device.cookies, batch).await;
                    device.take(&response.results);
                }
            }
            Step::Restart => world.app = world.app.restarted(),
        }
    }

    // Back online for good: one last edit, then sync until nothing is left.
    device.online = true;
    let id = device.new_id();
    device.edit_ids.push(id.clone());
    let last_text = "device's final word".to_string();
    device.outbox.push(Mutation::edit_action(
        id,
        edit(&world.action, device.known_revision, last_text.clone()),
    ));
    for _ in 0..100 {
        let batch = device.outbox.next_batch();
        if batch.is_empty() {
            break;
        }
        let response = send(&world.app, &mut device.cookies, batch).await;
        device.take(&response.results);
    }
    assert!(device.outbox.pending.is_empty() && device.outbox.unsettled.is_empty());

    // Each counter-feedback exactly once.
    let browser = world.app.browser_with(device.cookies.clone());
    let given = browser
        .get(&format!("/api/v1/accounts/{}/counter-feedback", world.account))
        .await;
    let mut notes: Vec<String> = given
        .body
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["notes"].as_str().unwrap().to_string())
        .filter(|n| n != "setup")
        .collect();
    notes.sort();
    let mut expected = device.submitted_notes.clone();
    expected.sort();
    assert_eq!(notes, expected);

    // Every final answer the device got matches what the server recorded.
    let org = world
        .app
        .state
        .store
        .user_by_email("anna@acme.fi")
        .await
        .unwrap()
        .unwrap()
        .org;
    for (id, outcome) in &device.finals {
        let recorded = world.app.state.store.applied_mutation(&org, id).await.unwrap();
        match outcome {
            Outcome::Applied | Outcome::AlreadyApplied => assert!(recorded.is_some(), "{id} lost"),
            Outcome::Conflict => assert!(recorded.is_none(), "{id} applied despite a conflict"),
            Outcome::Rejected => panic!("{id} rejected"),
        }
    }
    // Each edit the server applied moved the revision once: none twice, none lost.
    let mut applied_edits = 0;
    for id in &device.edit_ids {
        if world
            .app
            .state
            .store
            .applied_mutation(&org, id)
            .await
            .unwrap()
            .is_some()
        {
            applied_edits += 1;
        }
    }
    let action = world
        .app
        .state
        .store
        .action(&org, &id_from_key("action", &world.action))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(action.revision as usize, 1 + applied_edits + world.colleague_edits);
    assert_eq!(action.text, last_text);
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn every_change_reaches_the_server_exactly_once(steps in proptest::collection::vec(step(), 1..40)) {
        tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap()
            .block_on(run(steps));
    }
}
