use chrono::{DateTime, Utc};
use kaiku_core::api::OutboxMessage;
use surrealdb::types::{RecordId, SurrealValue};

use super::{Store, key_of, new_id, run};

#[derive(Debug, Clone, SurrealValue)]
pub struct OutboxRow {
    pub id: RecordId,
    pub recipient: String,
    pub subject: String,
    pub body: String,
    pub created_at: DateTime<Utc>,
}

impl OutboxRow {
    pub fn view(&self) -> OutboxMessage {
        OutboxMessage {
            id: key_of(&self.id),
            to: self.recipient.clone(),
            subject: self.subject.clone(),
            body: self.body.clone(),
            created_at: self.created_at,
        }
    }
}

#[derive(SurrealValue)]
pub(super) struct OutboxContent {
    org: RecordId,
    recipient: String,
    subject: String,
    body: String,
    created_at: DateTime<Utc>,
}

impl OutboxContent {
    pub(super) fn new(org: &RecordId, recipient: &str, subject: &str, body: &str, now: DateTime<Utc>) -> OutboxContent {
        OutboxContent {
            org: org.clone(),
            recipient: recipient.to_string(),
            subject: subject.to_string(),
            body: body.to_string(),
            created_at: now,
        }
    }
}

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
        let mut response = run(
            self.db()
                .query("SELECT id, recipient, subject, body, created_at FROM outbox WHERE org = $org ORDER BY created_at DESC LIMIT 500")
                .bind(("org", org.clone())),
        )
        .await?;
        response.take(0)
    }
}
