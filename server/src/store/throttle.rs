//! The rate limits' attempts (`service::throttle`), one row per limited key, changed
//! only when nobody changed it since it was read.

use chrono::{DateTime, Utc};
use surrealdb::types::{RecordId, SurrealValue};

use super::{Store, is_unique_violation, run};

/// A key's recent attempts. `version` counts its changes; `None` for a key with none.
#[derive(Debug, Clone, SurrealValue)]
pub struct ThrottleRow {
    pub id: RecordId,
    pub times: Vec<DateTime<Utc>>,
    pub version: i64,
}

/// One change to a key's row, made only if the row is still as it was read.
#[derive(Debug, Clone)]
pub enum ThrottleChange {
    /// The key's attempts are now `times`; `read` is the version read (`None`: no row).
    Keep {
        id: RecordId,
        times: Vec<DateTime<Utc>>,
        expires_at: DateTime<Utc>,
        read: Option<i64>,
    },
    /// The key has no attempts left.
    Forget { id: RecordId, read: i64 },
}

#[derive(SurrealValue)]
struct Kept {
    id: RecordId,
    times: Vec<DateTime<Utc>>,
    expires_at: DateTime<Utc>,
    version: i64,
}

#[derive(SurrealValue)]
struct Forgotten {
    id: RecordId,
    version: i64,
}

/// Thrown when a row changed between its read and the write.
const RACED: &str = "kaiku:throttle-raced";

impl Store {
    /// The rows of `ids` that exist.
    pub async fn throttle_rows(&self, ids: Vec<RecordId>) -> Result<Vec<ThrottleRow>, surrealdb::Error> {
        self.db()
            .query("SELECT id, times, version FROM $ids")
            .bind(("ids", ids))
            .rows()
            .await
    }

    /// Makes every change or none: `false` when a row was changed by someone else
    /// since it was read (read again and decide again).
    pub async fn change_throttle(&self, changes: Vec<ThrottleChange>) -> Result<bool, surrealdb::Error> {
        let (mut created, mut updated, mut forgotten) = (Vec::new(), Vec::new(), Vec::new());
        for change in changes {
            match change {
                ThrottleChange::Keep {
                    id,
                    times,
                    expires_at,
                    read,
                } => {
                    let kept = Kept {
                        id,
                        times,
                        expires_at,
                        version: read.unwrap_or(0),
                    };
                    if read.is_some() {
                        updated.push(kept)
                    } else {
                        created.push(kept)
                    }
                }
                ThrottleChange::Forget { id, read } => forgotten.push(Forgotten { id, version: read }),
            }
        }
        let written = run(self
            .db()
            .query(format!(
                "BEGIN TRANSACTION;
                 FOR $row IN $updated {{
                     LET $id = $row.id;
                     LET $changed = (UPDATE $id SET times = $row.times, expires_at = $row.expires_at,
                         version = $row.version + 1 WHERE version = $row.version RETURN VALUE id);
                     IF array::len($changed) == 0 {{ THROW '{RACED}'; }};
                 }};
                 FOR $row IN $forgotten {{
                     LET $id = $row.id;
                     LET $gone = (DELETE $id WHERE version = $row.version RETURN BEFORE);
                     IF array::len($gone) == 0 {{ THROW '{RACED}'; }};
                 }};
                 FOR $row IN $created {{
                     CREATE $row.id SET times = $row.times, expires_at = $row.expires_at, version = 1;
                 }};
                 COMMIT TRANSACTION;"
            ))
            .bind(("updated", updated))
            .bind(("forgotten", forgotten))
            .bind(("created", created)))
        .await;
        match written {
            Ok(_) => Ok(true),
            Err(e) if e.to_string().contains(RACED) || is_unique_violation(&e) => Ok(false),
            Err(e) => Err(e),
        }
    }

    /// Forgets up to `limit` keys whose attempts have all left their window.
    pub async fn expire_throttle(&self, now: DateTime<Utc>, limit: u32) -> Result<u32, surrealdb::Error> {
        self.delete_expired("throttle", now, limit).await
    }

    /// How many keys are held (bounds and tests).
    pub async fn throttle_keys(&self) -> Result<u64, surrealdb::Error> {
        let count: Option<i64> = run(self.db().query("RETURN array::len((SELECT VALUE id FROM throttle))"))
            .await?
            .take(0)?;
        Ok(count.and_then(|n| u64::try_from(n).ok()).unwrap_or(0))
    }
}
