//! Account evidence records (migration 6): the compact facts each account's health is
//! computed from, one record per account, written only by a recompute. The schema's
//! events log every write that changes what a record holds as a row of its own
//! (`evidence_change`, migration 34); a recompute deletes the changes it took in, in the
//! same transaction as its save, so what is left is the work list.

use chrono::{DateTime, Utc};
use surrealdb::types::{RecordId, SurrealValue};

use super::{Store, is_unique_violation, key_of, run};

#[derive(Debug, Clone, SurrealValue)]
pub struct EvidenceRow {
    pub id: RecordId,
    pub org: RecordId,
    pub account: RecordId,
    /// The database's clock when it was last saved.
    pub changed_at: DateTime<Utc>,
    pub data_json: Option<String>,
}

/// When an evidence record was last saved, without its data.
#[derive(Debug, Clone, SurrealValue)]
pub struct EvidenceStamp {
    pub id: RecordId,
    pub account: RecordId,
    pub changed_at: DateTime<Utc>,
}

/// An account whose record has changes not yet taken in.
#[derive(Debug, Clone, PartialEq, SurrealValue)]
pub struct ChangedAccount {
    pub org: RecordId,
    pub account: RecordId,
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
        self.by_ids(org, ids).await
    }

    /// Every evidence record of the organisation.
    pub async fn all_evidence(&self, org: &RecordId) -> Result<Vec<EvidenceRow>, surrealdb::Error> {
        self.db()
            .query("SELECT * FROM account_evidence WHERE org = $org")
            .bind(("org", org.clone()))
            .rows()
            .await
    }

    /// When the account's evidence record was last saved; `None` before its first save.
    pub async fn evidence_saved_at(
        &self,
        org: &RecordId,
        account: &RecordId,
    ) -> Result<Option<DateTime<Utc>>, surrealdb::Error> {
        self.db()
            // By its key (the account's): a scan of the organisation's records would
            // decode every one of them; and without its data, which is not needed.
            .query(
                "SELECT VALUE changed_at FROM type::record('account_evidence', record::id($account)) WHERE org = $org",
            )
            .bind(("org", org.clone()))
            .bind(("account", account.clone()))
            .first()
            .await
    }

    /// The organisation's accounts with changes not yet taken into their records,
    /// logged at or after `since` (all of them when `None`).
    pub async fn changed_accounts(
        &self,
        org: &RecordId,
        since: Option<DateTime<Utc>>,
    ) -> Result<Vec<RecordId>, surrealdb::Error> {
        self.db()
            .query(
                "SELECT VALUE account FROM evidence_change WHERE org = $org AND ($since = NONE OR at >= $since)
                 GROUP BY account",
            )
            .bind(("org", org.clone()))
            .bind(("since", since))
            .rows()
            .await
    }

    /// Accounts of any organisation with changes not yet taken in, from at most `limit`
    /// changes: the scheduler's work list.
    pub async fn accounts_with_changes(&self, limit: u32) -> Result<Vec<ChangedAccount>, surrealdb::Error> {
        let mut accounts: Vec<ChangedAccount> = self
            .db()
            .query("SELECT org, account FROM evidence_change LIMIT $limit")
            .bind(("limit", i64::from(limit)))
            .rows()
            .await?;
        accounts.sort_by_key(|changed| (key_of(&changed.org), key_of(&changed.account)));
        accounts.dedup();
        Ok(accounts)
    }

    /// The changes to one account's record not yet taken in.
    pub async fn account_changes(&self, org: &RecordId, account: &RecordId) -> Result<Vec<RecordId>, surrealdb::Error> {
        self.db()
            .query("SELECT VALUE id FROM evidence_change WHERE org = $org AND account = $account")
            .bind(("org", org.clone()))
            .bind(("account", account.clone()))
            .rows()
            .await
    }

    /// Saves an account's recomputed record and deletes the changes it took in
    /// (`taken`, read before the data it was computed from), together. `seen` is when
    /// the record was saved before the recompute read it (`None`: there was none); when
    /// another recompute saved it since, nothing is written and the answer is `false`:
    /// the changes that one did not take in stay for the next.
    pub async fn save_evidence(
        &self,
        org: &RecordId,
        account: &RecordId,
        seen: Option<DateTime<Utc>>,
        taken: Vec<RecordId>,
        data_json: String,
    ) -> Result<bool, surrealdb::Error> {
        let saved = run(self
            .db()
            .query(
                "BEGIN TRANSACTION;
                 LET $id = type::record('account_evidence', record::id($account));
                 LET $saved = IF $seen = NONE {
                     (CREATE $id SET org = $org, account = $account, data_json = $data, changed_at = time::now()
                         RETURN VALUE id)
                 } ELSE {
                     (UPDATE $id SET data_json = $data, changed_at = time::now()
                         WHERE org = $org AND changed_at = $seen RETURN VALUE id)
                 };
                 IF array::len($saved) == 0 { THROW 'kaiku:evidence-saved-meanwhile'; };
                 DELETE evidence_change WHERE org = $org AND account = $account AND id IN $taken;
                 COMMIT TRANSACTION;",
            )
            .bind(("org", org.clone()))
            .bind(("account", account.clone()))
            .bind(("seen", seen))
            .bind(("taken", taken))
            .bind(("data", data_json)))
        .await;
        match saved {
            Ok(_) => Ok(true),
            Err(e) if e.to_string().contains("kaiku:evidence-saved-meanwhile") || is_unique_violation(&e) => Ok(false),
            Err(e) => Err(e),
        }
    }

    /// Deletes the changes logged for an account that is gone.
    pub async fn forget_changes(&self, org: &RecordId, account: &RecordId) -> Result<(), surrealdb::Error> {
        run(self
            .db()
            .query("DELETE evidence_change WHERE org = $org AND account = $account")
            .bind(("org", org.clone()))
            .bind(("account", account.clone())))
        .await
        .map(|_| ())
    }
}
