//! Month-end account snapshots: written once per account and month, never changed.

use chrono::{DateTime, Utc};
use kaiku_core::outcome::AccountSnapshot;
use surrealdb::types::{RecordId, SurrealValue};

use super::decode::{self, Unreadable};
use super::{Store, run, to_json};

#[derive(Debug, Clone, SurrealValue)]
pub struct SnapshotRow {
    pub id: RecordId,
    pub account: RecordId,
    pub month: String,
    pub snapshot_json: String,
}

impl SnapshotRow {
    pub fn snapshot(&self) -> Result<AccountSnapshot, Unreadable> {
        decode::json(&self.id, "snapshot_json", &self.snapshot_json)
    }
}

#[derive(SurrealValue)]
struct NewSnapshot {
    org: RecordId,
    account: RecordId,
    month: String,
    snapshot_json: String,
    taken_at: DateTime<Utc>,
}

impl Store {
    /// The organisation's snapshots (of the given accounts; all without), by account
    /// and month.
    pub async fn snapshots(
        &self,
        org: &RecordId,
        accounts: Option<Vec<RecordId>>,
    ) -> Result<Vec<SnapshotRow>, surrealdb::Error> {
        self.db()
            .query(
                "SELECT id, account, month, snapshot_json FROM account_snapshot
                 WHERE org = $org AND ($accounts = NONE OR account IN $accounts)
                 ORDER BY account, month",
            )
            .bind(("org", org.clone()))
            .bind(("accounts", accounts))
            .rows()
            .await
    }

    /// The accounts of the organisation with a snapshot of `month`.
    pub async fn snapshotted_accounts(&self, org: &RecordId, month: &str) -> Result<Vec<RecordId>, surrealdb::Error> {
        self.db()
            .query("SELECT VALUE account FROM account_snapshot WHERE org = $org AND month = $month")
            .bind(("org", org.clone()))
            .bind(("month", month.to_string()))
            .rows()
            .await
    }

    /// The months snapshotted of one account.
    pub async fn snapshot_months(&self, org: &RecordId, account: &RecordId) -> Result<Vec<String>, surrealdb::Error> {
        self.db()
            .query("SELECT VALUE month FROM account_snapshot WHERE org = $org AND account = $account")
            .bind(("org", org.clone()))
            .bind(("account", account.clone()))
            .rows()
            .await
    }

    /// Stores snapshots of one account in one transaction; a month already stored is
    /// left as it was (the unique index refuses a second, and `IGNORE` skips it).
    pub async fn add_snapshots(
        &self,
        org: &RecordId,
        account: &RecordId,
        snapshots: &[AccountSnapshot],
        at: DateTime<Utc>,
    ) -> Result<(), surrealdb::Error> {
        let rows = snapshots
            .iter()
            .map(|snapshot| {
                Ok(NewSnapshot {
                    org: org.clone(),
                    account: account.clone(),
                    month: snapshot.month.clone(),
                    snapshot_json: to_json(snapshot)?,
                    taken_at: at,
                })
            })
            .collect::<Result<Vec<_>, surrealdb::Error>>()?;
        if rows.is_empty() {
            return Ok(());
        }
        run(self
            .db()
            .query("INSERT IGNORE INTO account_snapshot $rows")
            .bind(("rows", rows)))
        .await?;
        Ok(())
    }
}
