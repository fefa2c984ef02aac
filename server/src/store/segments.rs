//! Segments by need (migration 19): which segment names an admin adopted. Members are
//! the accounts whose `segments` hold the name, as with any segment.

use chrono::{DateTime, Utc};
use surrealdb::types::{RecordId, SurrealValue};

use super::{Store, run};

#[derive(Debug, Clone, SurrealValue)]
pub struct NeedSegmentRow {
    pub name: String,
    pub adopted_by: RecordId,
    pub adopted_at: DateTime<Utc>,
}

/// One adopted segment: its name and the accounts put in it.
#[derive(Debug, Clone, SurrealValue)]
pub struct AdoptedNeedSegment {
    pub name: String,
    pub accounts: Vec<RecordId>,
}

impl Store {
    /// The organisation's need segments, by name.
    pub async fn need_segments(&self, org: &RecordId) -> Result<Vec<NeedSegmentRow>, surrealdb::Error> {
        self.db()
            .query("SELECT name, adopted_by, adopted_at FROM need_segment WHERE org = $org ORDER BY name")
            .bind(("org", org.clone()))
            .rows()
            .await
    }

    /// Replaces the organisation's need segments with `segments`, in one transaction:
    /// the names adopted before leave every account that holds them, and each new name
    /// joins its accounts (of this organisation only).
    pub async fn adopt_need_segments(
        &self,
        org: &RecordId,
        segments: Vec<AdoptedNeedSegment>,
        by: &RecordId,
        now: DateTime<Utc>,
    ) -> Result<(), surrealdb::Error> {
        let query = self
            .db()
            .query(
                "BEGIN TRANSACTION;
                 LET $old = SELECT VALUE name FROM need_segment WHERE org = $org;
                 UPDATE account SET segments = array::complement(segments, $old)
                     WHERE org = $org AND segments CONTAINSANY $old;
                 DELETE need_segment WHERE org = $org;
                 FOR $segment IN $segments {
                     UPDATE account SET segments = array::append(segments, $segment.name)
                         WHERE org = $org AND id IN $segment.accounts AND segments CONTAINSNOT $segment.name;
                     CREATE need_segment CONTENT {
                         org: $org, name: $segment.name, adopted_by: $by, adopted_at: $now
                     };
                 };
                 COMMIT TRANSACTION;",
            )
            .bind(("org", org.clone()))
            .bind(("segments", segments))
            .bind(("by", by.clone()))
            .bind(("now", now));
        run(query).await.map(|_| ())
    }
}
