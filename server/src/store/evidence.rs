//! Account evidence records (migration 6): the compact facts each account's health is
//! computed from. Events in the schema mark a record dirty with every write that
//! changes what it holds; the server recomputes dirty ones and saves them unless they
//! were marked again meanwhile.

use chrono::{DateTime, Utc};
use surrealdb::types::{RecordId, SurrealValue};

use super::{Store, changed_any, run};

#[derive(Debug, Clone, SurrealValue)]
pub struct EvidenceRow {
    pub id: RecordId,
    pub org: RecordId,
    pub account: RecordId,
    pub dirty: bool,
    /// The database's clock at the last change.
    pub changed_at: DateTime<Utc>,
    pub data_json: Option<String>,
}

impl Store {
    /// The organisation's evidence records changed at or after `since`; all of them
    /// without.
    pub async fn evidence_changed_since(
        &self,
        org: &RecordId,
        since: Option<DateTime<Utc>>,
    ) -> Result<Vec<EvidenceRow>, surrealdb::Error> {
        let query = match since {
            None => self
                .db()
                .query("SELECT * FROM account_evidence WHERE org = $org")
                .bind(("org", org.clone())),
            Some(since) => self
                .db()
                .query("SELECT * FROM account_evidence WHERE org = $org AND changed_at >= $since")
                .bind(("org", org.clone()))
                .bind(("since", since)),
        };
        run(query).await?.take(0)
    }

    /// One account's evidence record.
    pub async fn account_evidence(
        &self,
        org: &RecordId,
        account: &RecordId,
    ) -> Result<Option<EvidenceRow>, surrealdb::Error> {
        let mut response = run(self
            .db()
            .query("SELECT * FROM account_evidence WHERE org = $org AND account = $account")
            .bind(("org", org.clone()))
            .bind(("account", account.clone())))
        .await?;
        let rows: Vec<EvidenceRow> = response.take(0)?;
        Ok(rows.into_iter().next())
    }

    /// Dirty records of every organisation, at most `limit`: the scheduler's work list.
    pub async fn dirty_evidence(&self, limit: u32) -> Result<Vec<EvidenceRow>, surrealdb::Error> {
        run(self
            .db()
            .query("SELECT * FROM account_evidence WHERE dirty = true LIMIT $limit")
            .bind(("limit", i64::from(limit))))
        .await?
        .take(0)
    }

    /// Saves recomputed data for a record as it was when read (`seen`); `false` when it
    /// was marked dirty again meanwhile, so the newer change is not lost.
    pub async fn save_evidence(&self, seen: &EvidenceRow, data_json: String) -> Result<bool, surrealdb::Error> {
        let response = run(self
            .db()
            .query(
                "UPDATE $id SET data_json = $data, dirty = false, changed_at = time::now()
                 WHERE org = $org AND changed_at = $seen RETURN VALUE id",
            )
            .bind(("id", seen.id.clone()))
            .bind(("org", seen.org.clone()))
            .bind(("seen", seen.changed_at))
            .bind(("data", data_json)))
        .await?;
        changed_any(response)
    }
}
