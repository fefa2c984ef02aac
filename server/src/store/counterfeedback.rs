//! Counter-feedback requests, counter-feedback, actions and the record of applied sync
//! mutations. Every write that answers a mutation records its id in the same
//! transaction, so a repeated delivery can never apply it twice.

use chrono::{DateTime, NaiveDate, Utc};
use kaiku_core::ChurnCause;
use kaiku_core::counterfeedback::{ActionStatus, AspectRating, ChurnRisk};
use surrealdb::types::{RecordId, SurrealValue};

use super::cases::{CaseOpening, OPEN_OR_ATTACH};
use super::decode::{self, Unreadable};
use super::outbox::OutboxContent;
use super::promises::{NewBreach, RECORD_BREACHES};
use super::surveys::LinkRow;
use super::{Store, new_id, run};

#[derive(Debug, Clone, SurrealValue)]
pub struct RequestRow {
    pub id: RecordId,
    pub org: RecordId,
    pub account: RecordId,
    pub link: RecordId,
    pub recipient: RecordId,
    pub created_at: DateTime<Utc>,
    pub reminded_at: Option<DateTime<Utc>>,
    pub escalated_at: Option<DateTime<Utc>>,
    pub answered_at: Option<DateTime<Utc>>,
}

/// A request about to be created with the response that caused it; its id is made
/// first so the email can link to it.
#[derive(Debug, Clone, SurrealValue)]
pub struct NewRequest {
    pub id: RecordId,
    pub content: RequestContent,
}

#[derive(Debug, Clone, SurrealValue)]
pub struct RequestContent {
    org: RecordId,
    account: RecordId,
    link: RecordId,
    recipient: RecordId,
    created_at: DateTime<Utc>,
}

impl NewRequest {
    pub fn new(link: &LinkRow, recipient: &RecordId, now: DateTime<Utc>) -> Self {
        NewRequest {
            id: new_id("cf_request"),
            content: RequestContent {
                org: link.org.clone(),
                account: link.account.clone(),
                link: link.id.clone(),
                recipient: recipient.clone(),
                created_at: now,
            },
        }
    }
}

/// An email to record with a write; see `OutboxContent`.
pub struct Email {
    pub recipient: String,
    pub subject: String,
    pub body: String,
}

/// A counter-feedback as stored; new ones are written whole, id included.
#[derive(Debug, Clone, SurrealValue)]
pub struct CounterFeedbackRow {
    pub id: RecordId,
    pub org: RecordId,
    pub account: RecordId,
    pub request: Option<RecordId>,
    pub link: Option<RecordId>,
    pub author: RecordId,
    pub health: i64,
    pub churn_risk: String,
    pub churn_causes: Vec<String>,
    pub behind_the_scenes: String,
    pub changes: Vec<String>,
    pub further_needs: String,
    pub notes: String,
    /// The team's view per aspect (JSON `AspectRating`s); none when it rated nothing,
    /// as every counter-feedback before migration 21.
    pub fulfilment_json: Option<String>,
    pub created_at: DateTime<Utc>,
}

impl CounterFeedbackRow {
    pub fn fulfilment(&self) -> Result<Vec<AspectRating>, Unreadable> {
        self.fulfilment_json.as_deref().map_or_else(
            || Ok(Vec::new()),
            |json| decode::json(&self.id, "fulfilment_json", json),
        )
    }

    /// 1–5, as the team member gave it.
    pub fn health(&self) -> Result<u8, Unreadable> {
        decode::count(&self.id, "health", self.health)
    }

    pub fn churn_risk(&self) -> Result<ChurnRisk, Unreadable> {
        decode::code(&self.id, "churn_risk", &self.churn_risk, ChurnRisk::from_code)
    }

    pub fn churn_causes(&self) -> Result<Vec<ChurnCause>, Unreadable> {
        self.churn_causes
            .iter()
            .map(|cause| decode::code(&self.id, "churn_causes", cause, ChurnCause::from_code))
            .collect()
    }
}

/// An action as stored; new ones are written whole, id included.
#[derive(Debug, Clone, SurrealValue)]
pub struct ActionRow {
    pub id: RecordId,
    pub org: RecordId,
    pub account: RecordId,
    pub counter_feedback: Option<RecordId>,
    pub text: String,
    pub owner: Option<RecordId>,
    pub due: Option<String>,
    pub status: String,
    pub revision: i64,
    pub created_by: RecordId,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    /// The response (link) and the development point the action was made of.
    pub source_link: Option<RecordId>,
    pub source_point: Option<String>,
}

impl ActionRow {
    /// Whether it was made of the development point `point` of the response `link`.
    pub fn made_of(&self, link: &RecordId, point: &str) -> bool {
        self.source_link.as_ref() == Some(link) && self.source_point.as_deref() == Some(point)
    }

    pub fn due(&self) -> Result<Option<NaiveDate>, Unreadable> {
        self.due
            .as_deref()
            .map(|date| decode::date(&self.id, "due", date))
            .transpose()
    }

    pub fn status(&self) -> Result<ActionStatus, Unreadable> {
        decode::code(&self.id, "status", &self.status, ActionStatus::from_code)
    }

    pub fn revision(&self) -> Result<u32, Unreadable> {
        decode::count(&self.id, "revision", self.revision)
    }
}

/// The new state of an action (see `ActionEdit`).
#[derive(Debug, Clone, SurrealValue)]
pub struct ActionChange {
    pub text: String,
    pub owner: Option<RecordId>,
    pub due: Option<String>,
    pub status: String,
}

#[derive(Debug, Clone, SurrealValue)]
pub struct AppliedMutation {
    pub org: RecordId,
    pub client_id: String,
    pub user: RecordId,
    pub kind: String,
    pub record: Option<RecordId>,
    pub applied_at: DateTime<Utc>,
}

/// Why an action edit was not applied.
#[derive(Debug, thiserror::Error)]
pub enum EditError {
    /// The action changed since the editor saw it.
    #[error("the action changed meanwhile")]
    Conflict,
    /// The same mutation id was applied meanwhile (a concurrent duplicate).
    #[error("already applied")]
    AlreadyApplied,
    #[error(transparent)]
    Db(#[from] surrealdb::Error),
}

const CONFLICT: &str = "kaiku:revision-changed";
const STEP_TAKEN: &str = "kaiku:follow-up-taken";

fn is_thrown(err: &surrealdb::Error, marker: &str) -> bool {
    err.to_string().contains(marker)
}

/// Unique-index violations on `applied_mutation` mean the id was applied meanwhile.
fn classify(err: surrealdb::Error) -> EditError {
    if is_thrown(&err, CONFLICT) {
        EditError::Conflict
    } else if is_thrown(&err, "applied_mutation_client_id") {
        EditError::AlreadyApplied
    } else {
        EditError::Db(err)
    }
}

pub(super) fn outbox_messages(org: &RecordId, emails: &[Email], now: DateTime<Utc>) -> Vec<OutboxContent> {
    emails
        .iter()
        .map(|email| OutboxContent::new(org, &email.recipient, &email.subject, &email.body, now))
        .collect()
}

impl Store {
    pub async fn applied_mutation(
        &self,
        org: &RecordId,
        client_id: &str,
    ) -> Result<Option<AppliedMutation>, surrealdb::Error> {
        self.db()
            .query("SELECT * OMIT id FROM applied_mutation WHERE org = $org AND client_id = $client_id LIMIT 1")
            .bind(("org", org.clone()))
            .bind(("client_id", client_id.to_string()))
            .first()
            .await
    }

    /// Records a counter-feedback, its actions, the answered request and the mutation,
    /// all or nothing.
    pub async fn record_counter_feedback(
        &self,
        feedback: CounterFeedbackRow,
        actions: Vec<ActionRow>,
        applied: AppliedMutation,
        case: Option<CaseOpening>,
        breaches: Vec<NewBreach>,
    ) -> Result<(), EditError> {
        let request = feedback.request.clone();
        let author = feedback.author.clone();
        let now = feedback.created_at;
        run(self
            .db()
            .query(format!(
                "BEGIN TRANSACTION;
                 INSERT INTO counter_feedback $feedback;
                 FOR $action IN $actions {{ INSERT INTO action $action; }};
                 IF $request != NONE {{
                     UPDATE $request SET answered_at = $now WHERE answered_at = NONE AND recipient = $author;
                 }};
                 CREATE applied_mutation CONTENT $applied;
                 {OPEN_OR_ATTACH}
                 {RECORD_BREACHES}
                 COMMIT TRANSACTION;"
            ))
            .bind(("breaches", breaches))
            .bind(("feedback", feedback))
            .bind(("actions", actions))
            .bind(("request", request))
            .bind(("author", author))
            .bind(("now", now))
            .bind(("applied", applied))
            .bind(("opening", case)))
        .await
        .map_err(classify)?;
        Ok(())
    }

    /// Records an action added on its own and the mutation that added it, together.
    pub async fn create_action(&self, action: ActionRow, applied: AppliedMutation) -> Result<(), EditError> {
        run(self
            .db()
            .query(
                "BEGIN TRANSACTION;
                 INSERT INTO action $action;
                 CREATE applied_mutation CONTENT $applied;
                 COMMIT TRANSACTION;",
            )
            .bind(("action", action))
            .bind(("applied", applied)))
        .await
        .map_err(classify)?;
        Ok(())
    }

    /// Applies an edit made against `base_revision`, or refuses it as a conflict.
    pub async fn edit_action(
        &self,
        id: &RecordId,
        base_revision: i64,
        change: ActionChange,
        applied: AppliedMutation,
    ) -> Result<(), EditError> {
        let now = applied.applied_at;
        run(self
            .db()
            .query(format!(
                "BEGIN TRANSACTION;
                 LET $changed = (UPDATE $id SET text = $change.text, owner = $change.owner, due = $change.due,
                     status = $change.status, revision = revision + 1, updated_at = $now
                     WHERE org = $org AND revision = $base RETURN VALUE id);
                 IF array::len($changed) == 0 {{ THROW '{CONFLICT}'; }};
                 CREATE applied_mutation CONTENT $applied;
                 COMMIT TRANSACTION;"
            ))
            .bind(("id", id.clone()))
            .bind(("org", applied.org.clone()))
            .bind(("base", base_revision))
            .bind(("change", change))
            .bind(("now", now))
            .bind(("applied", applied)))
        .await
        .map_err(classify)?;
        Ok(())
    }

    pub async fn action(&self, org: &RecordId, id: &RecordId) -> Result<Option<ActionRow>, surrealdb::Error> {
        self.one_in_org("SELECT * FROM action", org, id).await
    }

    /// Open actions first, then by due date and age.
    pub async fn account_actions(
        &self,
        org: &RecordId,
        account: &RecordId,
    ) -> Result<Vec<ActionRow>, surrealdb::Error> {
        self.db()
            .query("SELECT * FROM action WHERE org = $org AND account = $account ORDER BY status DESC, due, created_at")
            .bind(("org", org.clone()))
            .bind(("account", account.clone()))
            .rows()
            .await
    }

    /// Newest first.
    pub async fn account_counter_feedback(
        &self,
        org: &RecordId,
        account: &RecordId,
    ) -> Result<Vec<CounterFeedbackRow>, surrealdb::Error> {
        self.db()
            .query("SELECT * FROM counter_feedback WHERE org = $org AND account = $account ORDER BY created_at DESC")
            .bind(("org", org.clone()))
            .bind(("account", account.clone()))
            .rows()
            .await
    }

    pub async fn request(&self, org: &RecordId, id: &RecordId) -> Result<Option<RequestRow>, surrealdb::Error> {
        self.one_in_org("SELECT * FROM cf_request", org, id).await
    }

    /// A user's unanswered requests, newest first.
    pub async fn open_requests_for(
        &self,
        org: &RecordId,
        user: &RecordId,
    ) -> Result<Vec<RequestRow>, surrealdb::Error> {
        self.db()
            .query(
                "SELECT * FROM cf_request WHERE org = $org AND recipient = $user AND answered_at = NONE
                 ORDER BY created_at DESC",
            )
            .bind(("org", org.clone()))
            .bind(("user", user.clone()))
            .rows()
            .await
    }

    /// Every unanswered request of every organisation: the follow-up job's work list.
    /// The organisation's unanswered requests and open actions with a due date.
    pub async fn open_requests_and_due_actions(
        &self,
        org: &RecordId,
    ) -> Result<(Vec<RequestRow>, Vec<ActionRow>), surrealdb::Error> {
        let mut response = run(self
            .db()
            .query(
                "SELECT * FROM cf_request WHERE org = $org AND answered_at = NONE ORDER BY created_at;
                 SELECT * FROM action WHERE org = $org AND status = 'open' AND due != NONE ORDER BY due",
            )
            .bind(("org", org.clone())))
        .await?;
        Ok((response.take(0)?, response.take(1)?))
    }

    pub async fn all_open_requests(&self) -> Result<Vec<RequestRow>, surrealdb::Error> {
        self.db()
            .query("SELECT * FROM cf_request WHERE answered_at = NONE ORDER BY created_at")
            .rows()
            .await
    }

    /// Marks a follow-up step done and records its email, once: `false` when the step
    /// was already taken (or the request answered) meanwhile.
    pub async fn record_follow_up(
        &self,
        request: &RequestRow,
        escalate: bool,
        emails: Vec<Email>,
        now: DateTime<Utc>,
    ) -> Result<bool, surrealdb::Error> {
        let field = if escalate { "escalated_at" } else { "reminded_at" };
        let query = self
            .db()
            .query(format!(
                "BEGIN TRANSACTION;
                 LET $changed = (UPDATE $id SET {field} = $now
                     WHERE answered_at = NONE AND {field} = NONE RETURN VALUE id);
                 IF array::len($changed) == 0 {{ THROW '{STEP_TAKEN}'; }};
                 FOR $message IN $messages {{ CREATE outbox CONTENT $message; }};
                 COMMIT TRANSACTION;"
            ))
            .bind(("id", request.id.clone()))
            .bind(("now", now))
            .bind(("messages", outbox_messages(&request.org, &emails, now)));
        match run(query).await {
            Ok(_) => Ok(true),
            Err(e) if is_thrown(&e, STEP_TAKEN) => Ok(false),
            Err(e) => Err(e),
        }
    }
}
