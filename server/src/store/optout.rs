use chrono::{DateTime, Utc};
use surrealdb::types::{RecordId, SurrealValue};

use super::{Store, run};

/// The customer an opt-out token belongs to, and whether they opted out already.
#[derive(Debug, Clone, SurrealValue)]
pub struct OptOutTarget {
    pub contact: RecordId,
    pub org_name: String,
    pub contact_name: String,
    pub language: String,
    pub opted_out_at: Option<DateTime<Utc>>,
}

impl Store {
    /// The token is the credential, as with survey links.
    pub async fn opt_out_target(&self, token_hash: &str) -> Result<Option<OptOutTarget>, surrealdb::Error> {
        self.db()
            .query(
                "SELECT contact, org.name AS org_name, contact.name AS contact_name,
                        contact.language AS language, contact.opted_out_at AS opted_out_at
                 FROM optout_token WHERE token_hash = $hash AND contact.id != NONE LIMIT 1",
            )
            .bind(("hash", token_hash.to_string()))
            .first()
            .await
    }

    /// Marks the person opted out — every contact of the organisation with their
    /// email, since they asked the firm, not one account, to stop (the first time counts).
    pub async fn opt_out(&self, contact: &RecordId, now: DateTime<Utc>) -> Result<(), surrealdb::Error> {
        run(self
            .db()
            .query(
                "LET $who = (SELECT org, email FROM ONLY $id);
                 UPDATE contact SET opted_out_at = opted_out_at ?? $now WHERE org = $who.org AND email = $who.email",
            )
            .bind(("id", contact.clone()))
            .bind(("now", now)))
        .await?;
        Ok(())
    }
}
