//! Outgoing webhooks' subscriptions and deliveries. Deliveries are created by the
//! schema's events (migration 31), in the transaction of the write they tell of.

use chrono::{DateTime, Utc};
use kaiku_core::webhook::WebhookEvent;
use surrealdb::types::{RecordId, SurrealValue};

use super::{Store, run};

#[derive(Debug, Clone, SurrealValue)]
pub struct WebhookRow {
    pub id: RecordId,
    pub org: RecordId,
    pub url: String,
    pub events: Vec<String>,
    pub secret: String,
    pub created_by: RecordId,
    pub created_at: DateTime<Utc>,
}

#[derive(Debug, Clone, SurrealValue)]
pub struct DeliveryRow {
    pub id: RecordId,
    pub org: RecordId,
    pub webhook: RecordId,
    pub event: String,
    pub subject: RecordId,
    pub occurred_at: DateTime<Utc>,
    pub attempts: i64,
    pub next_attempt_at: Option<DateTime<Utc>>,
    pub delivered_at: Option<DateTime<Utc>>,
    pub failed_at: Option<DateTime<Utc>>,
    pub response_status: Option<i64>,
    pub error: Option<String>,
}

/// How one attempt ended.
pub struct Attempted {
    pub response_status: Option<i64>,
    pub error: Option<String>,
    pub at: DateTime<Utc>,
    /// When to try again; `None` with an error: given up.
    pub retry_at: Option<DateTime<Utc>>,
}

const DELIVERY_FIELDS: &str = "id, org, webhook, event, subject, occurred_at, attempts, next_attempt_at, \
     delivered_at, failed_at, response_status, error";

impl Store {
    pub async fn create_webhook(&self, row: WebhookRow) -> Result<(), surrealdb::Error> {
        run(self.db().query("INSERT INTO webhook $row").bind(("row", row))).await?;
        Ok(())
    }

    /// The organisation's subscriptions, newest first.
    pub async fn webhooks(&self, org: &RecordId) -> Result<Vec<WebhookRow>, surrealdb::Error> {
        self.db()
            .query("SELECT * FROM webhook WHERE org = $org ORDER BY created_at DESC")
            .bind(("org", org.clone()))
            .rows()
            .await
    }

    pub async fn webhook(&self, org: &RecordId, id: &RecordId) -> Result<Option<WebhookRow>, surrealdb::Error> {
        self.one_in_org("SELECT * FROM webhook", org, id).await
    }

    /// Deletes the subscription and its deliveries together; the subscription as it
    /// was, or `None` when the organisation has no such subscription.
    pub async fn delete_webhook(&self, org: &RecordId, id: &RecordId) -> Result<Option<WebhookRow>, surrealdb::Error> {
        let Some(row) = self.webhook(org, id).await? else {
            return Ok(None);
        };
        run(self
            .db()
            .query(
                "BEGIN TRANSACTION;
                 DELETE webhook_delivery WHERE webhook = $id AND org = $org;
                 DELETE $id WHERE org = $org;
                 COMMIT TRANSACTION;",
            )
            .bind(("id", id.clone()))
            .bind(("org", org.clone())))
        .await?;
        Ok(Some(row))
    }

    /// The organisation's latest deliveries, newest first.
    pub async fn webhook_deliveries(&self, org: &RecordId, limit: u32) -> Result<Vec<DeliveryRow>, surrealdb::Error> {
        self.db()
            .query(format!(
                "SELECT {DELIVERY_FIELDS} FROM webhook_delivery WHERE org = $org ORDER BY occurred_at DESC LIMIT $limit"
            ))
            .bind(("org", org.clone()))
            .bind(("limit", limit))
            .rows()
            .await
    }

    /// Deliveries due an attempt, oldest first, each taken for one attempt until
    /// `until` (so two instances never send the same one at once).
    pub async fn claim_due_deliveries(
        &self,
        now: DateTime<Utc>,
        until: DateTime<Utc>,
        limit: u32,
    ) -> Result<Vec<DeliveryRow>, surrealdb::Error> {
        run(self
            .db()
            .query(format!(
                "LET $due = (SELECT VALUE id FROM webhook_delivery
                     WHERE delivered_at = NONE AND failed_at = NONE AND (next_attempt_at = NONE OR next_attempt_at <= $now)
                     ORDER BY occurred_at LIMIT $limit);
                 UPDATE $due SET attempts += 1, next_attempt_at = $until
                     WHERE delivered_at = NONE AND failed_at = NONE AND (next_attempt_at = NONE OR next_attempt_at <= $now)
                     RETURN {DELIVERY_FIELDS};"
            ))
            .bind(("now", now))
            .bind(("until", until))
            .bind(("limit", limit)))
        .await?
        .take(1)
    }

    /// Records how an attempt ended.
    pub async fn record_attempt(&self, id: &RecordId, attempted: Attempted) -> Result<(), surrealdb::Error> {
        let delivered = attempted.error.is_none();
        run(self
            .db()
            .query(
                "UPDATE $id SET response_status = $status, error = $error,
                     delivered_at = IF $delivered { $at } ELSE { NONE },
                     failed_at = IF !$delivered AND $retry = NONE { $at } ELSE { NONE },
                     next_attempt_at = IF $delivered { NONE } ELSE { $retry }",
            )
            .bind(("id", id.clone()))
            .bind(("status", attempted.response_status))
            .bind(("error", attempted.error))
            .bind(("delivered", delivered))
            .bind(("at", attempted.at))
            .bind(("retry", attempted.retry_at)))
        .await?;
        Ok(())
    }

    /// Makes a delivered or failed delivery due again ("send again"); `None` when the
    /// organisation has no such delivery.
    pub async fn resend_delivery(
        &self,
        org: &RecordId,
        id: &RecordId,
    ) -> Result<Option<DeliveryRow>, surrealdb::Error> {
        self.db()
            .query(format!(
                "UPDATE $id SET delivered_at = NONE, failed_at = NONE, next_attempt_at = NONE, attempts = 0
                 WHERE org = $org RETURN {DELIVERY_FIELDS}"
            ))
            .bind(("id", id.clone()))
            .bind(("org", org.clone()))
            .first()
            .await
    }

    /// Forgets up to `limit` deliveries that ended (delivered or given up) before `before`;
    /// one still waiting has neither time, and NONE would sort before any.
    pub async fn forget_ended_deliveries(&self, before: DateTime<Utc>, limit: u32) -> Result<u32, surrealdb::Error> {
        self.delete_up_to(
            "webhook_delivery",
            "(delivered_at ?? failed_at ?? $at) < $at",
            before,
            limit,
        )
        .await
    }

    /// What a delivery's body tells of its subject, as JSON; `None` once the subject
    /// is gone (deleted or erased before the delivery was sent).
    pub async fn webhook_subject(
        &self,
        org: &RecordId,
        event: WebhookEvent,
        subject: &RecordId,
    ) -> Result<Option<serde_json::Value>, surrealdb::Error> {
        let fields = match event {
            WebhookEvent::AnswerReceived => {
                "contact_name AS contact, contact_title, language, answered_at, answers_json"
            }
            WebhookEvent::MessageReceived => {
                "source, received_at, sender_name, sender_email, subject, body, language, external_id"
            }
            WebhookEvent::CounterFeedbackSubmitted => {
                "author.name AS author, health, churn_risk, churn_causes, behind_the_scenes, changes, further_needs, notes, created_at"
            }
            WebhookEvent::CaseOpened | WebhookEvent::CaseClosed => {
                "status, severity, revenue_at_risk_eur, owner.name AS owner, opened_at, closed_at, resolution"
            }
        };
        self.db()
            .query(format!(
                "SELECT record::id(id) AS id,
                     IF account = NONE {{ NONE }} ELSE {{ {{ id: record::id(account), name: account.name }} }} AS account,
                     {fields}
                 FROM $subject WHERE org = $org"
            ))
            .bind(("subject", subject.clone()))
            .bind(("org", org.clone()))
            .first()
            .await
    }
}
