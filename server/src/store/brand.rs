//! The organisation's accent colour and logo (migration 27).

use chrono::{DateTime, Utc};
use surrealdb::types::{RecordId, SurrealValue};

use super::{Store, run};

#[derive(Debug, Clone, SurrealValue)]
pub struct LogoRow {
    pub id: RecordId,
    pub org: RecordId,
    /// A `kaiku_core::brand::LogoFormat` code.
    pub format: String,
    pub data_base64: String,
    pub created_at: DateTime<Utc>,
}

impl Store {
    pub async fn set_accent(&self, org: &RecordId, accent: Option<String>) -> Result<(), surrealdb::Error> {
        run(self
            .db()
            .query("UPDATE $org SET accent = $accent")
            .bind(("org", org.clone()))
            .bind(("accent", accent)))
        .await?;
        Ok(())
    }

    /// Makes `logo` the organisation's, in place of the one it had.
    pub async fn replace_logo(&self, logo: LogoRow) -> Result<(), surrealdb::Error> {
        run(self
            .db()
            .query(
                "BEGIN TRANSACTION;
                 DELETE logo WHERE org = $org;
                 CREATE logo CONTENT $logo;
                 UPDATE $org SET logo = $logo.id;
                 COMMIT TRANSACTION;",
            )
            .bind(("org", logo.org.clone()))
            .bind(("logo", logo)))
        .await?;
        Ok(())
    }

    /// The organisation goes back to having no logo.
    pub async fn remove_logo(&self, org: &RecordId) -> Result<(), surrealdb::Error> {
        run(self
            .db()
            .query(
                "BEGIN TRANSACTION;
                 UPDATE $org SET logo = NONE;
                 DELETE logo WHERE org = $org;
                 COMMIT TRANSACTION;",
            )
            .bind(("org", org.clone())))
        .await?;
        Ok(())
    }

    /// A logo by its id, whoever's it is: logos are public, as customers see them.
    pub async fn logo(&self, id: &RecordId) -> Result<Option<LogoRow>, surrealdb::Error> {
        run(self.db().query("SELECT * FROM ONLY $id").bind(("id", id.clone())))
            .await?
            .take(0)
    }
}
