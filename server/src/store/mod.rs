//! Storage: the only module that writes SurrealQL.
//!
//! Every record carries its organisation (`org`), and every query that reads or
//! changes organisation data filters on it. Values are always bound as parameters.

pub mod accounts;
pub mod analysis;
pub mod api_keys;
pub mod audit;
pub mod brand;
pub mod cases;
pub mod contacts;
pub mod counterfeedback;
pub mod cycles;
pub mod decode;
pub mod deletion;
pub mod digest;
pub mod evidence;
pub mod history;
pub mod import;
pub mod initiatives;
pub mod invitations;
pub mod language_model;
pub mod mailboxes;
pub mod messages;
mod migrations;
pub mod optout;
pub mod orgs;
pub mod outbox;
pub mod outcomes;
pub mod privacy;
pub mod promises;
pub mod repulse;
pub mod response_rate;
pub mod said_we_did;
pub mod saved_views;
pub mod scheduler;
pub mod segments;
pub mod sessions;
pub mod signups;
pub mod snapshots;
pub mod surveys;
pub mod templates;
pub mod throttle;
pub mod topics;
pub mod two_factor;
pub mod users;
pub mod webhooks;

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use chrono::{DateTime, Utc};
use surrealdb::Surreal;
use surrealdb::engine::any::{self, Any};
use surrealdb::opt::auth::Root;
use surrealdb::types::{Object, QueryError, RecordId, RecordIdKey, SurrealValue};

pub use migrations::SCHEMA_VERSION;

/// A handle to the database; cheap to clone.
#[derive(Clone)]
pub struct Store {
    db: Surreal<Any>,
    /// Queries sent again because their transaction lost a race (see [`run`]).
    conflicts_retried: Arc<AtomicU64>,
}

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("cannot open the database at {endpoint}: {source}")]
    Connect { endpoint: String, source: surrealdb::Error },
    #[error("schema migration {version} failed: {source}")]
    Migration { version: u32, source: surrealdb::Error },
}

impl Store {
    /// Opens `mem://`, `rocksdb://PATH` or `ws://HOST:PORT` and brings the schema up
    /// to date. Embedded RocksDB syncs every commit to disk before it returns.
    pub async fn open(endpoint: &str, root: Option<(&str, &str)>) -> Result<Store, StoreError> {
        let url = if endpoint.starts_with("rocksdb://") && !endpoint.contains("sync=") {
            format!("{endpoint}?sync=every")
        } else {
            endpoint.to_string()
        };
        let connect_error = |source| StoreError::Connect {
            endpoint: endpoint.to_string(),
            source,
        };
        let db = any::connect(url).await.map_err(connect_error)?;
        if let Some((username, password)) = root {
            db.signin(Root {
                username: username.to_string(),
                password: password.to_string(),
            })
            .await
            .map_err(connect_error)?;
        }
        db.use_ns("kaiku").use_db("kaiku").await.map_err(connect_error)?;
        let store = Store {
            db,
            conflicts_retried: Arc::default(),
        };
        migrations::apply(&store.db).await?;
        Ok(store)
    }

    pub(crate) fn db(&self) -> Db<'_> {
        Db {
            db: &self.db,
            conflicts_retried: &self.conflicts_retried,
        }
    }

    /// How many queries were sent again since start because their transaction lost a
    /// race for the same records: writes that contend (one hot record) show here.
    pub fn conflicts_retried(&self) -> u64 {
        self.conflicts_retried.load(Ordering::Relaxed)
    }

    /// One record of `org` by id; `select` is the `SELECT … FROM table` part. A
    /// record of another organisation is simply not found.
    /// Deletes up to `limit` rows of `table` whose `expires_at` has passed. Returns how many.
    pub(crate) async fn delete_expired(
        &self,
        table: &str,
        now: DateTime<Utc>,
        limit: u32,
    ) -> Result<u32, surrealdb::Error> {
        self.delete_up_to(table, "expires_at <= $at", now, limit).await
    }

    /// Deletes up to `limit` rows of `table` matching `condition`, which may use `$at`.
    /// Both are ours, never a client's. Returns how many.
    pub(crate) async fn delete_up_to(
        &self,
        table: &str,
        condition: &str,
        at: DateTime<Utc>,
        limit: u32,
    ) -> Result<u32, surrealdb::Error> {
        let gone: Option<i64> = run(self
            .db()
            .query(format!(
                "LET $gone = (SELECT VALUE id FROM {table} WHERE {condition} LIMIT $limit);
                 DELETE $gone;
                 RETURN array::len($gone);"
            ))
            .bind(("at", at))
            .bind(("limit", limit)))
        .await?
        .take(2)?;
        Ok(gone.and_then(|n| u32::try_from(n).ok()).unwrap_or(0))
    }

    pub(crate) async fn one_in_org<T: SurrealValue>(
        &self,
        select: &str,
        org: &RecordId,
        id: &RecordId,
    ) -> Result<Option<T>, surrealdb::Error> {
        self.db()
            .query(format!("{select} WHERE id = $id AND org = $org"))
            .bind(("id", id.clone()))
            .bind(("org", org.clone()))
            .first()
            .await
    }

    /// Deletes a record that `user` of `org` owns (a session, a saved view); `false`
    /// when they own no such record, which is all another person or organisation sees.
    pub async fn delete_owned(&self, org: &RecordId, user: &RecordId, id: &RecordId) -> Result<bool, surrealdb::Error> {
        let mut response = run(self
            .db()
            .query(
                "SELECT VALUE id FROM $id WHERE org = $org AND user = $user;
                 DELETE $id WHERE org = $org AND user = $user;",
            )
            .bind(("id", id.clone()))
            .bind(("org", org.clone()))
            .bind(("user", user.clone())))
        .await?;
        let found: Vec<RecordId> = response.take(0)?;
        Ok(!found.is_empty())
    }

    /// Whether the database answers; used by `/healthz`.
    pub async fn is_healthy(&self) -> bool {
        self.db.health().await.is_ok()
    }

    /// The records of `org` with these ids (of one table), read by key; others' are
    /// not found.
    pub(crate) async fn by_ids<T: SurrealValue>(
        &self,
        org: &RecordId,
        ids: Vec<RecordId>,
    ) -> Result<Vec<T>, surrealdb::Error> {
        self.db()
            .query("SELECT * FROM $ids WHERE org = $org")
            .bind(("org", org.clone()))
            .bind(("ids", ids))
            .rows()
            .await
    }

    /// The database's clock, which stamps changes (`changed_at = time::now()`): where a
    /// reader of stamps stands (`service::last_look`), whatever the process's clock says.
    pub async fn clock(&self) -> Result<DateTime<Utc>, surrealdb::Error> {
        let now: Option<DateTime<Utc>> = run(self.db().query("RETURN time::now()")).await?.take(0)?;
        now.ok_or_else(|| surrealdb::Error::internal("the database did not give its time".to_string()))
    }
}

/// A new record id with a random key.
pub(crate) fn new_id(table: &str) -> RecordId {
    RecordId::new(table, uuid::Uuid::new_v4().simple().to_string())
}

/// The record id for a key that came from a client. Keys are opaque strings; an
/// unknown key simply finds nothing.
pub fn id_from_key(table: &str, key: &str) -> RecordId {
    RecordId::new(table, key.to_string())
}

/// The key part of a record id, as the API shows it.
pub(crate) fn key_of(id: &RecordId) -> String {
    match &id.key {
        RecordIdKey::String(key) => key.clone(),
        RecordIdKey::Number(n) => n.to_string(),
        RecordIdKey::Uuid(u) => u.to_string(),
        other => format!("{other:?}"),
    }
}

/// JSON for a field that stores a core type as text.
pub(crate) fn to_json<T: serde::Serialize + ?Sized>(value: &T) -> Result<String, surrealdb::Error> {
    serde_json::to_string(value).map_err(|e| surrealdb::Error::internal(format!("does not serialise: {e}")))
}

/// Whether a `… RETURN VALUE id` statement changed any record.
pub(crate) fn changed_any(mut response: surrealdb::IndexedResults) -> Result<bool, surrealdb::Error> {
    let ids: Vec<RecordId> = response.take(0)?;
    Ok(!ids.is_empty())
}

/// Whether a database error is a unique-index violation (or a record id that
/// exists). SurrealDB 3.3 gives a duplicate index entry no kind of its own: its
/// `IndexExists` arrives as an internal error, known only by its message.
pub(crate) fn is_unique_violation(err: &surrealdb::Error) -> bool {
    err.is_already_exists() || err.is_internal() && err.message().contains("` already contains ")
}

/// Whether the storage engine refused a transaction because it raced another one
/// (the SDK's `TransactionConflict` kind: nothing of it was applied, so sending it
/// again is safe). A commit whose outcome is unknown carries no kind and is not one.
pub(crate) fn is_conflict(err: &surrealdb::Error) -> bool {
    // The embedded engine's commit error does not always keep its kind; its message
    // does say so.
    err.query_details() == Some(&QueryError::TransactionConflict)
        || err.to_string().contains("This transaction can be retried")
}

/// A query's text and bound values, kept so that the whole query can be sent again
/// when its transaction loses a race (see [`run`]). Built by `Store::db().query(…)`.
pub(crate) struct Statement<'a> {
    db: &'a Surreal<Any>,
    conflicts_retried: &'a AtomicU64,
    text: String,
    vars: Object,
    attempts: u32,
}

impl Statement<'_> {
    pub(crate) fn bind(mut self, (name, value): (impl Into<String>, impl SurrealValue)) -> Self {
        self.vars.insert(name, value);
        self
    }

    /// Sent once even when it loses a race: for writes whose purpose the winner
    /// served already (two requests stamping the same session).
    pub(crate) fn single_attempt(mut self) -> Self {
        self.attempts = 1;
        self
    }

    /// Runs the query (see [`run`]); the rows of its first statement.
    pub(crate) async fn rows<T: SurrealValue>(self) -> Result<Vec<T>, surrealdb::Error> {
        run(self).await?.take(0)
    }

    /// Runs the query (see [`run`]); the first row of its first statement, if any.
    pub(crate) async fn first<T: SurrealValue>(self) -> Result<Option<T>, surrealdb::Error> {
        Ok(self.rows::<T>().await?.into_iter().next())
    }

    fn send(&self) -> surrealdb::method::Query<'_, Any> {
        self.db.query(self.text.as_str()).bind(self.vars.clone())
    }
}

/// The database for building statements; `query` starts one.
#[derive(Clone, Copy)]
pub(crate) struct Db<'a> {
    db: &'a Surreal<Any>,
    conflicts_retried: &'a AtomicU64,
}

impl<'a> Db<'a> {
    pub(crate) fn query(self, text: impl Into<String>) -> Statement<'a> {
        Statement {
            db: self.db,
            conflicts_retried: self.conflicts_retried,
            text: text.into(),
            vars: Object::new(),
            attempts: CONFLICT_ATTEMPTS,
        }
    }
}

/// How often a query whose transaction lost a race is sent again, and the longest
/// pause before one attempt. Concurrent writes to one account (50 customers
/// submitting at once, a team syncing twice over on a busy 2-core machine) settle
/// within these; a conflict after the last attempt is returned as the error it is.
const CONFLICT_ATTEMPTS: u32 = 50;
const CONFLICT_MAX_PAUSE: Duration = Duration::from_millis(400);

/// A random pause before attempt `attempt` (1 = the first retry): up to 2 ms doubled
/// per attempt and capped, so racing writers spread out instead of meeting again.
fn conflict_pause(attempt: u32) -> Duration {
    let ceiling = Duration::from_millis(2u64 << attempt.min(16)).min(CONFLICT_MAX_PAUSE);
    ceiling.mul_f64(rand::random::<f64>())
}

/// Runs a query and fails if any of its statements failed. In a failed
/// transaction every statement reports an error; the one that caused it is
/// returned rather than the generic "not executed" of the others.
///
/// When the storage engine refused the query's transaction because another one
/// won a race for the same records, the whole query is sent again after a short
/// random pause, a bounded number of times. Only a query of which nothing was
/// applied is sent again: every statement failed (a `BEGIN … COMMIT` block fails as
/// a whole; a lone statement is its own transaction).
pub(crate) async fn run(statement: Statement<'_>) -> Result<surrealdb::IndexedResults, surrealdb::Error> {
    let mut attempt = 1;
    loop {
        let mut response = match statement.send().await {
            Ok(response) => response,
            // The query as a whole was refused (its transaction lost the race at
            // commit): nothing of it was applied.
            Err(error) if is_conflict(&error) && attempt < statement.attempts => {
                statement.conflicts_retried.fetch_add(1, Ordering::Relaxed);
                tokio::time::sleep(conflict_pause(attempt)).await;
                attempt += 1;
                continue;
            }
            Err(error) => return Err(error),
        };
        let statements = response.num_statements();
        let mut errors: Vec<(usize, surrealdb::Error)> = response.take_errors().into_iter().collect();
        if errors.is_empty() {
            return Ok(response);
        }
        errors.sort_by_key(|(index, _)| *index);
        let cause = errors
            .iter()
            .position(|(_, e)| !e.to_string().contains("failed transaction"))
            .unwrap_or(0);
        let error = errors.swap_remove(cause).1;
        let nothing_applied = errors.len() + 1 >= statements || statement.text.contains("COMMIT TRANSACTION");
        if !(is_conflict(&error) && nothing_applied && attempt < statement.attempts) {
            return Err(error);
        }
        statement.conflicts_retried.fetch_add(1, Ordering::Relaxed);
        tokio::time::sleep(conflict_pause(attempt)).await;
        attempt += 1;
    }
}
