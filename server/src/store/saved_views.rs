//! Saved heatmap views (migration 26): each person's own, by name.

use chrono::{DateTime, Utc};
use surrealdb::types::{RecordId, SurrealValue};

use super::{Store, run};

#[derive(Debug, Clone, SurrealValue)]
pub struct SavedViewRow {
    pub id: RecordId,
    pub org: RecordId,
    pub user: RecordId,
    pub name: String,
    pub query: String,
    pub created_at: DateTime<Utc>,
}

impl Store {
    /// The person's views, by name.
    pub async fn saved_views(&self, org: &RecordId, user: &RecordId) -> Result<Vec<SavedViewRow>, surrealdb::Error> {
        self.db()
            .query("SELECT * FROM saved_view WHERE org = $org AND user = $user ORDER BY name")
            .bind(("org", org.clone()))
            .bind(("user", user.clone()))
            .rows()
            .await
    }

    /// Keeps the view, in place of the person's view of the same name if there is one.
    pub async fn save_view(&self, view: SavedViewRow) -> Result<(), surrealdb::Error> {
        run(self
            .db()
            .query(
                "BEGIN TRANSACTION;
                 DELETE saved_view WHERE org = $view.org AND user = $view.user AND name = $view.name;
                 CREATE saved_view CONTENT $view;
                 COMMIT TRANSACTION;",
            )
            .bind(("view", view)))
        .await?;
        Ok(())
    }
}
