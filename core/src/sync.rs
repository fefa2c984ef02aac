//! The offline sync protocol. Every change a team member makes is a [`Mutation`] with
//! an id made on the device; the device keeps them in an [`Outbox`] and sends them in
//! order when it is online. The server applies each id once and answers a conflict when
//! the record changed since the device saw it. Both sides live here so the protocol's
//! property tests exercise the same code the app runs.

use serde::{Deserialize, Serialize};

use crate::ApiErrorDetail;
use crate::case::StepInput;
use crate::counterfeedback::{ActionEdit, ActionView, CounterFeedbackInput, NewAction};
use crate::message::MessageInput;

/// At most this many mutations travel in one request.
pub const BATCH_MAX: usize = 50;

api_enum! {
    pub enum MutationKind {
        SubmitCounterFeedback,
        EditAction,
        CreateAction,
        /// A LATTE step taken on a case (a Listen note, a logged call, …).
        CaseStep,
        /// A message the team heard (a meeting note, a call), logged on an account.
        PostMessage,
    }
}

api_type! {
    /// One change made on a device. Exactly the field named by `kind` is set.
    pub struct Mutation {
        pub id: String,
        pub kind: MutationKind,
        pub counter_feedback: Option<CounterFeedbackInput>,
        pub action_edit: Option<ActionEdit>,
        pub new_action: Option<NewAction>,
        pub case_step: Option<CaseStepMutation>,
        /// Absent from outboxes stored before messages could be logged offline.
        #[serde(default)]
        pub message: Option<MessageMutation>,
    }
}

api_type! {
    /// A message logged on an account on a device (perhaps offline). Stored once per
    /// mutation id, analysed and routed like one posted on the account.
    pub struct MessageMutation {
        pub account_id: String,
        pub message: MessageInput,
    }
}

api_type! {
    /// A LATTE step on a case, made on a device (perhaps offline). Applied by the
    /// same rules as `POST /cases/{id}/steps`, once per mutation id.
    pub struct CaseStepMutation {
        pub case_id: String,
        pub step: StepInput,
    }
}

impl Mutation {
    /// A mutation of `kind` with none of its fields set yet.
    fn of(id: String, kind: MutationKind) -> Mutation {
        Mutation {
            id,
            kind,
            counter_feedback: None,
            action_edit: None,
            new_action: None,
            case_step: None,
            message: None,
        }
    }

    pub fn submit_counter_feedback(id: String, input: CounterFeedbackInput) -> Mutation {
        Mutation {
            counter_feedback: Some(input),
            ..Mutation::of(id, MutationKind::SubmitCounterFeedback)
        }
    }

    pub fn edit_action(id: String, edit: ActionEdit) -> Mutation {
        Mutation {
            action_edit: Some(edit),
            ..Mutation::of(id, MutationKind::EditAction)
        }
    }

    pub fn case_step(id: String, case_id: String, step: StepInput) -> Mutation {
        Mutation {
            case_step: Some(CaseStepMutation { case_id, step }),
            ..Mutation::of(id, MutationKind::CaseStep)
        }
    }

    pub fn create_action(id: String, action: NewAction) -> Mutation {
        Mutation {
            new_action: Some(action),
            ..Mutation::of(id, MutationKind::CreateAction)
        }
    }

    pub fn post_message(id: String, account_id: String, message: MessageInput) -> Mutation {
        Mutation {
            message: Some(MessageMutation { account_id, message }),
            ..Mutation::of(id, MutationKind::PostMessage)
        }
    }
}

api_type! {
    /// `POST /sync`.
    pub struct SyncRequest {
        pub mutations: Vec<Mutation>,
    }
}

api_enum! {
    pub enum Outcome {
        /// Applied now.
        Applied,
        /// Applied before (a repeated delivery); nothing changed.
        AlreadyApplied,
        /// The record changed since the device saw it; `current` is the server's version.
        Conflict,
        /// Refused for good (no access, invalid); `error` says why.
        Rejected,
    }
}

api_type! {
    pub struct MutationResult {
        pub id: String,
        pub outcome: Outcome,
        /// For action edits: the action as the server now has it.
        pub current: Option<ActionView>,
        pub error: Option<ApiErrorDetail>,
    }
}

api_type! {
    /// One result per mutation, in the order sent.
    pub struct SyncResponse {
        pub results: Vec<MutationResult>,
    }
}

/// A mutation the server would not apply as it was, kept with the server's answer so
/// the user can decide; nothing typed is dropped silently.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Unsettled {
    pub mutation: Mutation,
    pub result: MutationResult,
}

/// The device's queue of changes not yet confirmed by the server.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Outbox {
    pub pending: Vec<Mutation>,
    /// Conflicts and rejections waiting for the user.
    pub unsettled: Vec<Unsettled>,
}

impl Outbox {
    /// Queues a change. An action edit carries the action's whole new state, so it
    /// supersedes the device's earlier edits of the same action still queued or
    /// waiting for a decision: re-applying those later would undo the newer one.
    pub fn push(&mut self, mutation: Mutation) {
        if let Some(action) = mutation.action_edit.as_ref().map(|e| e.action.clone()) {
            let edits_same_action = |m: &Mutation| m.action_edit.as_ref().is_some_and(|e| e.action == action);
            self.pending.retain(|m| !edits_same_action(m));
            self.unsettled.retain(|u| !edits_same_action(&u.mutation));
        }
        self.pending.push(mutation);
    }

    /// The next mutations to send, oldest first.
    pub fn next_batch(&self) -> Vec<Mutation> {
        self.pending.iter().take(BATCH_MAX).cloned().collect()
    }

    /// Takes the server's answers in. Confirmed mutations leave the queue; conflicts
    /// and rejections move to `unsettled`. Answers for ids no longer pending (a late
    /// duplicate response) change nothing. Returns how many were confirmed.
    pub fn settle(&mut self, results: &[MutationResult]) -> usize {
        let mut confirmed = 0;
        for result in results {
            let Some(index) = self.pending.iter().position(|m| m.id == result.id) else {
                continue;
            };
            let mutation = self.pending.remove(index);
            match result.outcome {
                Outcome::Applied | Outcome::AlreadyApplied => confirmed += 1,
                Outcome::Conflict | Outcome::Rejected => self.unsettled.push(Unsettled {
                    mutation,
                    result: result.clone(),
                }),
            }
        }
        confirmed
    }

    /// The user keeps their version of a conflicting edit: it is queued again, as a
    /// new mutation against the revision the server reported. `false` (and nothing
    /// changed) when `id` is no conflicting edit.
    pub fn keep_mine(&mut self, id: &str, new_id: String) -> bool {
        let Some(index) = self
            .unsettled
            .iter()
            .position(|u| u.mutation.id == id && u.mutation.action_edit.is_some() && u.result.current.is_some())
        else {
            return false;
        };
        let unsettled = self.unsettled.remove(index);
        let (Some(mut edit), Some(current)) = (unsettled.mutation.action_edit, unsettled.result.current) else {
            return false;
        };
        edit.base_revision = current.revision;
        self.pending.push(Mutation::edit_action(new_id, edit));
        true
    }

    /// The user accepts the server's version (or gives up a rejected change).
    pub fn discard(&mut self, id: &str) -> Option<Unsettled> {
        let index = self.unsettled.iter().position(|u| u.mutation.id == id)?;
        Some(self.unsettled.remove(index))
    }
}

#[cfg(test)]
mod tests {
    use chrono::{TimeZone, Utc};

    use super::*;
    use crate::account::PersonRef;
    use crate::counterfeedback::ActionStatus;

    fn edit(id: &str, base_revision: u32) -> Mutation {
        edit_of("a1", id, base_revision)
    }

    fn edit_of(action: &str, id: &str, base_revision: u32) -> Mutation {
        Mutation::edit_action(
            id.into(),
            ActionEdit {
                action: action.into(),
                base_revision,
                text: "mine".into(),
                owner: None,
                due: None,
                status: ActionStatus::Open,
            },
        )
    }

    fn answer(id: &str, outcome: Outcome, revision: Option<u32>) -> MutationResult {
        let at = Utc.with_ymd_and_hms(2026, 11, 23, 9, 0, 0).unwrap();
        let person = PersonRef {
            id: "u1".into(),
            name: "Leo".into(),
        };
        MutationResult {
            id: id.into(),
            outcome,
            current: revision.map(|revision| ActionView {
                id: "a1".into(),
                account: "acc".into(),
                text: "theirs".into(),
                owner: None,
                due: None,
                status: ActionStatus::Open,
                revision,
                created_by: person.clone(),
                created_at: at,
                updated_at: at,
                source: None,
            }),
            error: None,
        }
    }

    #[test]
    fn confirmed_mutations_leave_and_late_duplicates_change_nothing() {
        let mut outbox = Outbox::default();
        outbox.push(edit("m1", 1));
        outbox.push(edit_of("a2", "m2", 1));
        assert_eq!(outbox.next_batch().len(), 2);
        assert_eq!(outbox.settle(&[answer("m1", Outcome::Applied, Some(2))]), 1);
        assert_eq!(outbox.pending.len(), 1);
        // The same answer again (a stale response) finds nothing to settle.
        assert_eq!(outbox.settle(&[answer("m1", Outcome::AlreadyApplied, Some(2))]), 0);
        assert_eq!(outbox.pending[0].id, "m2");
    }

    #[test]
    fn a_conflict_waits_for_the_user_and_keep_mine_rebases_it() {
        let mut outbox = Outbox::default();
        outbox.push(edit("m1", 1));
        outbox.settle(&[answer("m1", Outcome::Conflict, Some(3))]);
        assert!(outbox.pending.is_empty());
        assert_eq!(outbox.unsettled.len(), 1);
        assert!(outbox.keep_mine("m1", "m1b".into()));
        assert!(outbox.unsettled.is_empty());
        let again = &outbox.pending[0];
        assert_eq!(again.id, "m1b");
        let edit = again.action_edit.as_ref().unwrap();
        assert_eq!((edit.base_revision, edit.text.as_str()), (3, "mine"));
    }

    #[test]
    fn a_newer_edit_of_the_same_action_supersedes_queued_and_conflicting_ones() {
        let mut outbox = Outbox::default();
        outbox.push(edit("m1", 1));
        outbox.settle(&[answer("m1", Outcome::Conflict, Some(2))]);
        outbox.push(edit("m2", 1));
        outbox.push(edit("m3", 2));
        assert!(outbox.unsettled.is_empty());
        let ids: Vec<&str> = outbox.pending.iter().map(|m| m.id.as_str()).collect();
        assert_eq!(ids, ["m3"]);
        // The answer to a superseded edit, arriving late, changes nothing.
        assert_eq!(outbox.settle(&[answer("m2", Outcome::Applied, Some(2))]), 0);
        assert_eq!(outbox.pending.len(), 1);
    }

    #[test]
    fn keep_mine_refuses_what_is_no_conflicting_edit_and_keeps_it() {
        let mut outbox = Outbox::default();
        outbox.push(edit("m1", 1));
        outbox.settle(&[answer("m1", Outcome::Rejected, None)]);
        assert!(!outbox.keep_mine("m1", "m1b".into()));
        assert_eq!(outbox.unsettled.len(), 1, "the user's change must not vanish");
        assert!(outbox.discard("m1").is_some());
        assert!(outbox.unsettled.is_empty());
    }
}
