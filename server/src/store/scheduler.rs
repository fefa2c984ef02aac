use chrono::{DateTime, Utc};
use surrealdb::types::{RecordId, SurrealValue};

use super::{Store, changed_any, is_conflict, new_id, run};

#[derive(Debug, Clone, SurrealValue)]
pub struct JobRunRow {
    pub job: String,
    pub instance: String,
    pub started_at: DateTime<Utc>,
    pub finished_at: DateTime<Utc>,
    pub done: i64,
    pub error: Option<String>,
}

impl Store {
    /// Takes or renews the job's lease until `until`. `false` while another holder's
    /// lease has not expired. The read and the write are one transaction, so of two
    /// instances racing for a free lease one commits and the other fails (and gets
    /// `false`).
    pub async fn acquire_lease(
        &self,
        job: &str,
        holder: &str,
        now: DateTime<Utc>,
        until: DateTime<Utc>,
    ) -> Result<bool, surrealdb::Error> {
        let query = self
            .db()
            .query(
                "BEGIN TRANSACTION;
                 LET $current = (SELECT holder, expires_at FROM ONLY $id);
                 IF $current != NONE AND $current.holder != $holder AND $current.expires_at > $now {
                     THROW 'lease_held';
                 };
                 UPSERT $id SET holder = $holder, expires_at = $until;
                 COMMIT TRANSACTION;",
            )
            .bind(("id", RecordId::new("lease", job.to_string())))
            .bind(("holder", holder.to_string()))
            .bind(("now", now))
            .bind(("until", until));
        match run(query).await {
            Ok(_) => Ok(true),
            Err(e) if e.to_string().contains("lease_held") || is_conflict(&e) => Ok(false),
            Err(e) => Err(e),
        }
    }

    /// Gives the lease up (on shutdown), so another instance takes over at once.
    pub async fn release_lease(&self, job: &str, holder: &str) -> Result<bool, surrealdb::Error> {
        changed_any(
            run(self
                .db()
                .query("DELETE $id WHERE holder = $holder RETURN BEFORE")
                .bind(("id", RecordId::new("lease", job.to_string())))
                .bind(("holder", holder.to_string())))
            .await?,
        )
    }

    pub async fn record_job_run(&self, run_row: JobRunRow) -> Result<(), surrealdb::Error> {
        run(self
            .db()
            .query("CREATE $id CONTENT $row")
            .bind(("id", new_id("job_run")))
            .bind(("row", run_row)))
        .await?;
        Ok(())
    }

    /// Newest first.
    pub async fn job_runs(&self, limit: u32) -> Result<Vec<JobRunRow>, surrealdb::Error> {
        self.db()
            .query(
                "SELECT job, instance, started_at, finished_at, done, error FROM job_run \
                 ORDER BY started_at DESC LIMIT $limit",
            )
            .bind(("limit", limit))
            .rows()
            .await
    }
}
