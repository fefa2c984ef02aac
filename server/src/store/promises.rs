//! Promises recorded on accounts and their breaches. A breach is written by the survey
//! submit's transaction ([`RECORD_BREACHES`]) together with its alert emails, and only
//! when its key is new: the same breach is never alerted twice.

use chrono::{DateTime, Utc};
use kaiku_core::promise::{BreachReason, PromiseInput};
use surrealdb::types::{RecordId, SurrealValue};

use super::counterfeedback::{Email, outbox_messages};
use super::decode::{self, Unreadable};
use super::outbox::OutboxContent;
use super::{Store, key_of, new_id, run, to_json};

/// Records each of `$breaches` ([`NewBreach`]) whose key is not yet recorded, with its
/// emails. Part of the transaction of the answer that broke the promise.
pub(super) const RECORD_BREACHES: &str = "
    FOR $breach IN $breaches {
        IF array::len(SELECT VALUE id FROM promise_breach
                WHERE org = $breach.content.org AND breach_key = $breach.content.breach_key) == 0 {
            CREATE promise_breach CONTENT $breach.content;
            FOR $message IN $breach.messages { CREATE outbox CONTENT $message; };
        };
    };";

#[derive(Debug, Clone, SurrealValue)]
pub struct PromiseRow {
    pub id: RecordId,
    pub org: RecordId,
    pub account: RecordId,
    pub aspect: String,
    pub input_json: String,
    pub promised_by: RecordId,
    pub promised_at: DateTime<Utc>,
}

impl PromiseRow {
    pub fn input(&self) -> Result<PromiseInput, Unreadable> {
        decode::json(&self.id, "input_json", &self.input_json)
    }
}

#[derive(SurrealValue)]
struct PromiseContent {
    org: RecordId,
    account: RecordId,
    aspect: String,
    input_json: String,
    promised_by: RecordId,
    promised_at: DateTime<Utc>,
}

#[derive(Debug, Clone, SurrealValue)]
pub struct BreachRow {
    pub id: RecordId,
    pub org: RecordId,
    pub account: RecordId,
    pub promise: RecordId,
    pub breach_key: String,
    /// The answer and round that broke it; none when the team's rating did.
    pub link: Option<RecordId>,
    pub round: Option<RecordId>,
    /// The counter-feedback whose rating broke it.
    pub counter_feedback: Option<RecordId>,
    pub reason: String,
    pub fulfilment: f64,
    pub previous: Option<f64>,
    pub contact_name: String,
    pub words_json: String,
    pub recipients: Vec<RecordId>,
    pub at: DateTime<Utc>,
}

impl BreachRow {
    pub fn reason(&self) -> Result<BreachReason, Unreadable> {
        decode::code(&self.id, "reason", &self.reason, BreachReason::from_code)
    }

    pub fn words(&self) -> Result<Vec<String>, Unreadable> {
        decode::json(&self.id, "words_json", &self.words_json)
    }
}

#[derive(Debug, Clone, SurrealValue)]
struct BreachContent {
    org: RecordId,
    account: RecordId,
    promise: RecordId,
    breach_key: String,
    link: Option<RecordId>,
    round: Option<RecordId>,
    counter_feedback: Option<RecordId>,
    reason: String,
    fulfilment: f64,
    previous: Option<f64>,
    contact_name: String,
    words_json: String,
    recipients: Vec<RecordId>,
    at: DateTime<Utc>,
}

/// A breach found as an answer is submitted, with the emails that tell of it.
#[derive(SurrealValue)]
pub struct NewBreach {
    content: BreachContent,
    messages: Vec<OutboxContent>,
}

/// What broke a promise: a customer's answer in a round, or the team's rating in a
/// counter-feedback.
pub enum BrokenBy<'a> {
    Answer { link: &'a RecordId, round: &'a RecordId },
    Team { counter_feedback: &'a RecordId },
}

/// What the service decides about one breach.
pub struct BreachPlan<'a> {
    pub promise: &'a PromiseRow,
    pub by: BrokenBy<'a>,
    pub reason: BreachReason,
    pub fulfilment: f64,
    pub previous: Option<f64>,
    pub contact_name: &'a str,
    pub words: &'a [String],
    pub recipients: Vec<RecordId>,
    pub emails: Vec<Email>,
    pub at: DateTime<Utc>,
}

/// A breach is one per promise and the round (or counter-feedback) that started it.
pub fn breach_key(promise: &RecordId, started_by: &RecordId) -> String {
    format!("{}:{}", key_of(promise), key_of(started_by))
}

impl NewBreach {
    pub fn new(plan: BreachPlan<'_>) -> Result<NewBreach, surrealdb::Error> {
        let org = &plan.promise.org;
        let (link, round, counter_feedback, started_by) = match plan.by {
            BrokenBy::Answer { link, round } => (Some(link.clone()), Some(round.clone()), None, round),
            BrokenBy::Team { counter_feedback } => (None, None, Some(counter_feedback.clone()), counter_feedback),
        };
        Ok(NewBreach {
            messages: outbox_messages(org, &plan.emails, plan.at),
            content: BreachContent {
                org: org.clone(),
                account: plan.promise.account.clone(),
                promise: plan.promise.id.clone(),
                breach_key: breach_key(&plan.promise.id, started_by),
                link,
                round,
                counter_feedback,
                reason: plan.reason.code().to_string(),
                fulfilment: plan.fulfilment,
                previous: plan.previous,
                contact_name: plan.contact_name.to_string(),
                words_json: to_json(plan.words)?,
                recipients: plan.recipients,
                at: plan.at,
            },
        })
    }
}

impl Store {
    pub async fn create_promise(
        &self,
        org: &RecordId,
        account: &RecordId,
        input: &PromiseInput,
        by: &RecordId,
        at: DateTime<Utc>,
    ) -> Result<RecordId, surrealdb::Error> {
        let id = new_id("promise");
        let content = PromiseContent {
            org: org.clone(),
            account: account.clone(),
            aspect: input.aspect.clone(),
            input_json: to_json(input)?,
            promised_by: by.clone(),
            promised_at: at,
        };
        run(self
            .db()
            .query("CREATE $id CONTENT $content")
            .bind(("id", id.clone()))
            .bind(("content", content)))
        .await?;
        Ok(id)
    }

    /// The account's promises, oldest first.
    pub async fn account_promises(
        &self,
        org: &RecordId,
        account: &RecordId,
    ) -> Result<Vec<PromiseRow>, surrealdb::Error> {
        self.db()
            .query("SELECT * FROM promise WHERE org = $org AND account = $account ORDER BY promised_at")
            .bind(("org", org.clone()))
            .bind(("account", account.clone()))
            .rows()
            .await
    }

    /// Every promise of the organisation, oldest first (the chain review).
    pub async fn promises(&self, org: &RecordId) -> Result<Vec<PromiseRow>, surrealdb::Error> {
        self.db()
            .query("SELECT * FROM promise WHERE org = $org ORDER BY promised_at")
            .bind(("org", org.clone()))
            .rows()
            .await
    }

    /// The breaches of the organisation, newest first; only an account's when given.
    pub async fn breaches(
        &self,
        org: &RecordId,
        account: Option<&RecordId>,
    ) -> Result<Vec<BreachRow>, surrealdb::Error> {
        self
            .db()
            .query("SELECT * FROM promise_breach WHERE org = $org AND ($account = NONE OR account = $account) ORDER BY at DESC")
            .bind(("org", org.clone()))
            .bind(("account", account.cloned()))
            .rows()
            .await
    }

    /// The breaches alerted to `user`, newest first.
    pub async fn breaches_for(&self, org: &RecordId, user: &RecordId) -> Result<Vec<BreachRow>, surrealdb::Error> {
        self.db()
            .query("SELECT * FROM promise_breach WHERE org = $org AND recipients CONTAINS $user ORDER BY at DESC")
            .bind(("org", org.clone()))
            .bind(("user", user.clone()))
            .rows()
            .await
    }
}
