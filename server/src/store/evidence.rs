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

/// When an evidence record last changed, without its data.
#[derive(Debug, Clone, SurrealValue)]
pub struct EvidenceStamp {
    pub id: RecordId,
    pub account: RecordId,
    pub changed_at: DateTime<Utc>,
}

impl Store {
    /// Which of the organisation's evidence records changed at or after `since`.
    pub async fn evidence_stamps_since(
        &self,
        org: &RecordId,
        since: DateTime<Utc>,
    ) -> Result<Vec<EvidenceStamp>, surrealdb::Error> {
        self.db()
            .query("SELECT id, account, changed_at FROM account_evidence WHERE org = $org AND changed_at >= $since")
            .bind(("org", org.clone()))
            .bind(("since", since))
            .rows()
            .await
    }

    /// The organisation's evidence records with these ids, read by key.
    pub async fn evidence_records(
        &self,
        org: &RecordId,
        ids: Vec<RecordId>,
    ) -> Result<Vec<EvidenceRow>, surrealdb::Error> {
        self.db()
            .query("SELECT * FROM $ids WHERE org = $org")
            .bind(("org", org.clone()))
            .bind(("ids", ids))
            .rows()
            .await
    }

    /// Every evidence record of the organisation.
    pub async fn all_evidence(&self, org: &RecordId) -> Result<Vec<EvidenceRow>, surrealdb::Error> {
        self.db()
            .query("SELECT * FROM account_evidence WHERE org = $org")
            .bind(("org", org.clone()))
            .rows()
            .await
    }

    /// One account's evidence record.
    pub async fn account_evidence(
        &self,
        org: &RecordId,
        account: &RecordId,
    ) -> Result<Option<EvidenceRow>, surrealdb::Error> {
        self.db()
            .query("SELECT * FROM account_evidence WHERE org = $org AND account = $account")
            .bind(("org", org.clone()))
            .bind(("account", account.clone()))
            .first()
            .await
    }

    /// Dirty records of every organisation, at most `limit`: the scheduler's work list.
    pub async fn dirty_evidence(&self, limit: u32) -> Result<Vec<EvidenceRow>, surrealdb::Error> {
        self.db()
            .query("SELECT * FROM account_evidence WHERE dirty = true LIMIT $limit")
            .bind(("limit", i64::from(limit)))
            .rows()
            .await
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
