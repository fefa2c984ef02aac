//! Organisation API keys: stored by the hash of their secret, never the secret.

use chrono::{DateTime, Utc};
use surrealdb::types::{RecordId, SurrealValue};

use super::{Store, run};

#[derive(Debug, Clone, SurrealValue)]
pub struct ApiKeyRow {
    pub id: RecordId,
    pub org: RecordId,
    pub name: String,
    pub scopes: Vec<String>,
    pub token_hash: String,
    pub prefix: String,
    pub created_by: RecordId,
    pub created_at: DateTime<Utc>,
    pub last_used_at: Option<DateTime<Utc>>,
    pub revoked_at: Option<DateTime<Utc>>,
    pub revoked_by: Option<RecordId>,
}

impl Store {
    pub async fn create_api_key(&self, row: ApiKeyRow) -> Result<(), surrealdb::Error> {
        run(self.db().query("INSERT INTO api_key $row").bind(("row", row))).await?;
        Ok(())
    }

    /// The organisation's keys, newest first, revoked ones too.
    pub async fn api_keys(&self, org: &RecordId) -> Result<Vec<ApiKeyRow>, surrealdb::Error> {
        self.db()
            .query("SELECT * FROM api_key WHERE org = $org ORDER BY created_at DESC")
            .bind(("org", org.clone()))
            .rows()
            .await
    }

    /// The key whose secret hashes to `token_hash`, whichever organisation's: the
    /// secret is the capability.
    pub async fn api_key_by_hash(&self, token_hash: &str) -> Result<Option<ApiKeyRow>, surrealdb::Error> {
        self.db()
            .query("SELECT * FROM api_key WHERE token_hash = $hash LIMIT 1")
            .bind(("hash", token_hash.to_string()))
            .first()
            .await
    }

    /// Notes the key's use; a write lost to a parallel request's is the same news.
    pub async fn touch_api_key(
        &self,
        org: &RecordId,
        id: &RecordId,
        now: DateTime<Utc>,
    ) -> Result<(), surrealdb::Error> {
        run(self
            .db()
            .query("UPDATE $id SET last_used_at = $now WHERE org = $org")
            .bind(("id", id.clone()))
            .bind(("org", org.clone()))
            .bind(("now", now))
            .single_attempt())
        .await?;
        Ok(())
    }

    /// `false` when the organisation has no such key still in force.
    pub async fn revoke_api_key(
        &self,
        org: &RecordId,
        id: &RecordId,
        by: &RecordId,
        now: DateTime<Utc>,
    ) -> Result<Option<ApiKeyRow>, surrealdb::Error> {
        self.db()
            .query(
                "UPDATE $id SET revoked_at = $now, revoked_by = $by
                 WHERE org = $org AND revoked_at = NONE RETURN AFTER",
            )
            .bind(("id", id.clone()))
            .bind(("org", org.clone()))
            .bind(("by", by.clone()))
            .bind(("now", now))
            .first()
            .await
    }
}
