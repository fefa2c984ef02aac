//! Digests sent by email: which period of which kind of an organisation went out
//! (`digest_sent`, once per organisation, kind and period), written with its emails.

use chrono::{DateTime, Utc};
use surrealdb::types::{RecordId, SurrealValue};

use super::counterfeedback::{Email, outbox_messages};
use super::{Store, is_unique_violation, run};

/// The kinds of digest; the schema names each.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DigestKind {
    /// The team's month (`kaiku_core::digest`), to everyone.
    TeamMonth,
    /// A week of what was said about each owner's topics, to the topic owners.
    TopicWeek,
    /// A quarter of each seller's promises, kept and broken, to the sellers.
    SellerQuarter,
    /// The month's falls in the response rate, to the leaders and admins.
    ResponseRateFall,
}

impl DigestKind {
    fn code(self) -> &'static str {
        match self {
            DigestKind::TeamMonth => "team_month",
            DigestKind::TopicWeek => "topic_week",
            DigestKind::SellerQuarter => "seller_quarter",
            DigestKind::ResponseRateFall => "response_rate_fall",
        }
    }
}

#[derive(Debug, Clone, SurrealValue)]
struct DigestSentContent {
    org: RecordId,
    kind: String,
    period: String,
    recipients: i64,
    sent_at: DateTime<Utc>,
}

#[derive(Debug, Clone, SurrealValue)]
struct AnsweredAt {
    answered_at: DateTime<Utc>,
}

impl Store {
    /// When the organisation's first survey was answered (its history may begin
    /// before the organisation did, when brought in).
    pub async fn first_answer_at(&self, org: &RecordId) -> Result<Option<DateTime<Utc>>, surrealdb::Error> {
        let first: Option<AnsweredAt> = self
            .db()
            .query(
                "SELECT answered_at FROM survey_link WHERE org = $org AND answered_at != NONE
                 ORDER BY answered_at LIMIT 1",
            )
            .bind(("org", org.clone()))
            .first()
            .await?;
        Ok(first.map(|f| f.answered_at))
    }

    /// Whether the organisation's digest of this kind and period (`2026-11`, `2026-W49`, `2026-Q4`) went out.
    pub async fn digest_sent(&self, org: &RecordId, kind: DigestKind, period: &str) -> Result<bool, surrealdb::Error> {
        let sent: Vec<RecordId> = self
            .db()
            .query("SELECT VALUE id FROM digest_sent WHERE org = $org AND kind = $kind AND period = $period")
            .bind(("org", org.clone()))
            .bind(("kind", kind.code().to_string()))
            .bind(("period", period.to_string()))
            .rows()
            .await?;
        Ok(!sent.is_empty())
    }

    /// Records a digest with its emails, once: `false` when it was recorded before (by
    /// another instance's pass, or earlier).
    pub async fn record_digest(
        &self,
        org: &RecordId,
        kind: DigestKind,
        period: &str,
        emails: Vec<Email>,
        now: DateTime<Utc>,
    ) -> Result<bool, surrealdb::Error> {
        let content = DigestSentContent {
            org: org.clone(),
            kind: kind.code().to_string(),
            period: period.to_string(),
            recipients: i64::try_from(emails.len()).unwrap_or(i64::MAX),
            sent_at: now,
        };
        let query = self
            .db()
            .query(
                "BEGIN TRANSACTION;
                 CREATE digest_sent CONTENT $digest;
                 FOR $message IN $messages { CREATE outbox CONTENT $message; };
                 COMMIT TRANSACTION;",
            )
            .bind(("digest", content))
            .bind(("messages", outbox_messages(org, &emails, now)));
        match run(query).await {
            Ok(_) => Ok(true),
            Err(e) if is_unique_violation(&e) || e.to_string().contains("digest_sent_once") => Ok(false),
            Err(e) => Err(e),
        }
    }
}
