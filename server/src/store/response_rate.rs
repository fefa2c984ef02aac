//! The survey links an organisation sent, as the response rate counts them
//! (`kaiku_core::response_rate`), and whether any of a month's are still open.

use chrono::{DateTime, Utc};
use kaiku_core::evidence::Month;
use kaiku_core::response_rate::SentLink;
use surrealdb::types::{RecordId, SurrealValue};

use super::Store;

/// One sent link: its account and round, and when it was answered or closed.
#[derive(Debug, Clone, SurrealValue)]
pub struct SentLinkRow {
    pub account: RecordId,
    pub round: RecordId,
    pub sent_at: DateTime<Utc>,
    pub answered_at: Option<DateTime<Utc>>,
    pub expires_at: DateTime<Utc>,
    pub revoked_at: Option<DateTime<Utc>>,
}

impl SentLinkRow {
    pub fn fact(&self) -> SentLink {
        SentLink {
            sent_at: self.sent_at,
            answered_at: self.answered_at,
            closed_at: self.revoked_at.map_or(self.expires_at, |r| r.min(self.expires_at)),
        }
    }
}

impl Store {
    /// The links the organisation sent from `since` on.
    pub async fn sent_links_since(
        &self,
        org: &RecordId,
        since: DateTime<Utc>,
    ) -> Result<Vec<SentLinkRow>, surrealdb::Error> {
        self.db()
            .query(
                "SELECT account, round, sent_at, answered_at, expires_at, revoked_at FROM survey_link
                 WHERE org = $org AND sent_at >= $since",
            )
            .bind(("org", org.clone()))
            .bind(("since", since))
            .rows()
            .await
    }

    /// Whether a link sent in `month` can still be answered at `now`.
    pub async fn month_has_open_links(
        &self,
        org: &RecordId,
        month: Month,
        now: DateTime<Utc>,
    ) -> Result<bool, surrealdb::Error> {
        let open: Vec<RecordId> = self
            .db()
            .query(
                "SELECT VALUE id FROM survey_link
                 WHERE org = $org AND sent_at >= $start AND sent_at < $end
                    AND answered_at = NONE AND revoked_at = NONE AND expires_at > $now
                 LIMIT 1",
            )
            .bind(("org", org.clone()))
            .bind(("start", month.start()))
            .bind(("end", month.next().start()))
            .bind(("now", now))
            .rows()
            .await?;
        Ok(!open.is_empty())
    }
}
