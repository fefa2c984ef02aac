use chrono::{DateTime, Utc};
use kaiku_core::api::{DeliveryStatus, OutboxMessage};
use surrealdb::types::{RecordId, SurrealValue};

use super::decode::{self, Unreadable};
use super::{Store, key_of, new_id, run};

#[derive(Debug, Clone, SurrealValue)]
pub struct OutboxRow {
    pub id: RecordId,
    pub recipient: String,
    pub subject: String,
    pub body: String,
    pub created_at: DateTime<Utc>,
    pub status: String,
    pub attempts: i64,
    pub next_attempt_at: Option<DateTime<Utc>>,
    pub last_error: Option<String>,
    pub sent_at: Option<DateTime<Utc>>,
    pub unsubscribe_url: Option<String>,
}

impl OutboxRow {
    pub fn view(&self) -> Result<OutboxMessage, Unreadable> {
        Ok(OutboxMessage {
            id: key_of(&self.id),
            to: self.recipient.clone(),
            subject: self.subject.clone(),
            body: self.body.clone(),
            created_at: self.created_at,
            status: decode::code(&self.id, "status", &self.status, DeliveryStatus::from_code)?,
            attempts: decode::count(&self.id, "attempts", self.attempts)?,
            last_error: self.last_error.clone(),
            next_attempt_at: self.next_attempt_at,
            sent_at: self.sent_at,
        })
    }
}

/// A message about to be recorded, usually inside the transaction that caused it.
#[derive(SurrealValue)]
pub(super) struct OutboxContent {
    org: RecordId,
    recipient: String,
    subject: String,
    body: String,
    created_at: DateTime<Utc>,
    unsubscribe_url: Option<String>,
}

impl OutboxContent {
    pub(super) fn new(org: &RecordId, recipient: &str, subject: &str, body: &str, now: DateTime<Utc>) -> OutboxContent {
        OutboxContent {
            org: org.clone(),
            recipient: recipient.to_string(),
            subject: subject.to_string(),
            body: body.to_string(),
            created_at: now,
            unsubscribe_url: None,
        }
    }

    /// A message to a customer, with their one-click opt-out.
    pub(super) fn with_unsubscribe(mut self, url: Option<String>) -> OutboxContent {
        self.unsubscribe_url = url;
        self
    }
}

const OUTBOX_FIELDS: &str =
    "id, recipient, subject, body, created_at, status, attempts, next_attempt_at, last_error, sent_at, unsubscribe_url";

/// Messages waiting for delivery: pending, failed and due again, or claimed by an
/// attempt that never finished (its holder died).
const DELIVERABLE: &str = "status IN ['pending', 'failed', 'sending'] \
     AND (next_attempt_at = NONE OR next_attempt_at <= $now) \
     AND (claimed_until = NONE OR claimed_until < $now)";

impl Store {
    pub async fn record_message(
        &self,
        org: &RecordId,
        recipient: &str,
        subject: &str,
        body: &str,
        now: DateTime<Utc>,
    ) -> Result<(), surrealdb::Error> {
        run(self
            .db()
            .query("CREATE $id CONTENT $message")
            .bind(("id", new_id("outbox")))
            .bind(("message", OutboxContent::new(org, recipient, subject, body, now))))
        .await?;
        Ok(())
    }

    /// Newest first.
    pub async fn messages(&self, org: &RecordId) -> Result<Vec<OutboxRow>, surrealdb::Error> {
        let mut response = run(self
            .db()
            .query(format!(
                "SELECT {OUTBOX_FIELDS} FROM outbox WHERE org = $org ORDER BY created_at DESC LIMIT 500"
            ))
            .bind(("org", org.clone())))
        .await?;
        response.take(0)
    }

    /// Up to `limit` messages due for an attempt, oldest first, of every organisation.
    pub async fn deliverable_messages(
        &self,
        now: DateTime<Utc>,
        limit: u32,
    ) -> Result<Vec<OutboxRow>, surrealdb::Error> {
        let mut response = run(self
            .db()
            .query(format!(
                "SELECT {OUTBOX_FIELDS} FROM outbox WHERE {DELIVERABLE} ORDER BY created_at LIMIT $limit"
            ))
            .bind(("now", now))
            .bind(("limit", limit)))
        .await?;
        response.take(0)
    }

    /// Marks the message as being sent until `until`; `false` when another attempt
    /// took it first, so each message has one attempt at a time.
    pub async fn claim_message(
        &self,
        id: &RecordId,
        now: DateTime<Utc>,
        until: DateTime<Utc>,
    ) -> Result<bool, surrealdb::Error> {
        let mut response = run(self
            .db()
            .query(format!(
                "UPDATE $id SET status = 'sending', claimed_until = $until, attempts += 1 \
                 WHERE {DELIVERABLE} RETURN VALUE id"
            ))
            .bind(("id", id.clone()))
            .bind(("now", now))
            .bind(("until", until)))
        .await?;
        let claimed: Vec<RecordId> = response.take(0)?;
        Ok(!claimed.is_empty())
    }

    pub async fn mark_message_sent(&self, id: &RecordId, now: DateTime<Utc>) -> Result<(), surrealdb::Error> {
        run(self
            .db()
            .query(
                "UPDATE $id SET status = 'sent', sent_at = $now, claimed_until = NONE, \
                 next_attempt_at = NONE, last_error = NONE",
            )
            .bind(("id", id.clone()))
            .bind(("now", now)))
        .await?;
        Ok(())
    }

    /// Records a failed attempt: tried again at `retry_at`, or given up when `None`.
    pub async fn mark_message_failed(
        &self,
        id: &RecordId,
        error: &str,
        retry_at: Option<DateTime<Utc>>,
    ) -> Result<(), surrealdb::Error> {
        let status = if retry_at.is_some() { "failed" } else { "gave_up" };
        run(self
            .db()
            .query("UPDATE $id SET status = $status, last_error = $error, next_attempt_at = $retry_at, claimed_until = NONE")
            .bind(("id", id.clone()))
            .bind(("status", status))
            .bind(("error", error.to_string()))
            .bind(("retry_at", retry_at)))
        .await?;
        Ok(())
    }

    /// An admin's "try again": a failed or given-up message goes back in the queue.
    pub async fn retry_message(
        &self,
        org: &RecordId,
        id: &RecordId,
        now: DateTime<Utc>,
    ) -> Result<Option<OutboxRow>, surrealdb::Error> {
        let mut response = run(self
            .db()
            .query(format!(
                "UPDATE $id SET status = 'pending', next_attempt_at = $now, attempts = 0 \
                 WHERE org = $org AND status IN ['failed', 'gave_up'];
                 SELECT {OUTBOX_FIELDS} FROM $id WHERE org = $org"
            ))
            .bind(("id", id.clone()))
            .bind(("org", org.clone()))
            .bind(("now", now)))
        .await?;
        let rows: Vec<OutboxRow> = response.take(1)?;
        Ok(rows.into_iter().next())
    }
}
