//! The security log: entries are created and read, never changed — this module has
//! no update or delete, and migration 11's event refuses both in the schema.

use chrono::{DateTime, Utc};
use surrealdb::types::{RecordId, SurrealValue};

use super::{Store, new_id, run};

#[derive(Debug, Clone, SurrealValue)]
pub struct AuditRow {
    pub id: RecordId,
    pub at: DateTime<Utc>,
    pub kind: String,
    /// The actor's email as it is now (none once the person is gone).
    pub actor: Option<String>,
    pub detail: String,
    pub address: Option<String>,
}

/// An entry about to be recorded.
#[derive(SurrealValue)]
pub struct AuditContent {
    pub org: RecordId,
    pub at: DateTime<Utc>,
    pub kind: String,
    pub actor: Option<RecordId>,
    pub detail: String,
    pub address: Option<String>,
}

impl Store {
    pub async fn record_audit(&self, entry: AuditContent) -> Result<(), surrealdb::Error> {
        run(self
            .db()
            .query("CREATE $id CONTENT $entry")
            .bind(("id", new_id("audit_event")))
            .bind(("entry", entry)))
        .await?;
        Ok(())
    }

    /// Up to `limit` entries of the organisation before `before`, newest first, of
    /// `kind` when given.
    pub async fn audit_events(
        &self,
        org: &RecordId,
        kind: Option<&str>,
        before: DateTime<Utc>,
        limit: u32,
    ) -> Result<Vec<AuditRow>, surrealdb::Error> {
        self.db()
            .query(
                "SELECT id, at, kind, actor.email AS actor, detail, address FROM audit_event
                 WHERE org = $org AND at < $before AND ($kind = NONE OR kind = $kind)
                 ORDER BY at DESC LIMIT $limit",
            )
            .bind(("org", org.clone()))
            .bind(("kind", kind.map(str::to_string)))
            .bind(("before", before))
            .bind(("limit", limit))
            .rows()
            .await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn the_schema_refuses_changing_or_deleting_an_entry() {
        let store = Store::open("mem://", None).await.unwrap();
        let org = new_id("org");
        let raw = |text: &'static str| run(store.db().query(text).bind(("org", org.clone())));
        raw("CREATE $org CONTENT { name: 'Acme', created_at: time::now() }")
            .await
            .unwrap();
        let entry = AuditContent {
            org: org.clone(),
            at: Utc::now(),
            kind: "logged_in".into(),
            actor: None,
            detail: "anna@acme.fi".into(),
            address: None,
        };
        store.record_audit(entry).await.unwrap();
        assert!(raw("UPDATE audit_event SET detail = 'forged'").await.is_err());
        assert!(raw("DELETE audit_event").await.is_err());
        let kept = store
            .audit_events(&org, None, Utc::now() + chrono::Duration::days(1), 10)
            .await
            .unwrap();
        assert_eq!(kept.len(), 1);
        assert_eq!(kept[0].detail, "anna@acme.fi");
    }
}
