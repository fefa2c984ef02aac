//! Survey templates an organisation has edited.

use chrono::{DateTime, Utc};
use kaiku_core::survey::TemplateView;
use surrealdb::types::{RecordId, SurrealValue};

use super::decode::{self, Unreadable};
use super::{Store, run};

#[derive(Debug, Clone, SurrealValue)]
pub struct TemplateRow {
    pub id: RecordId,
    pub template_id: String,
    pub template_json: String,
    pub version: i64,
}

impl TemplateRow {
    pub fn template(&self) -> Result<TemplateView, Unreadable> {
        decode::json(&self.id, "template_json", &self.template_json)
    }
}

impl Store {
    pub async fn edited_templates(&self, org: &RecordId) -> Result<Vec<TemplateRow>, surrealdb::Error> {
        self.db()
            .query("SELECT id, template_id, template_json, version FROM survey_template WHERE org = $org")
            .bind(("org", org.clone()))
            .rows()
            .await
    }

    /// Saves a new version of the organisation's template.
    pub async fn save_template(
        &self,
        org: &RecordId,
        template: &TemplateView,
        by: &RecordId,
        now: DateTime<Utc>,
    ) -> Result<(), surrealdb::Error> {
        let json = serde_json::to_string(template)
            .map_err(|e| surrealdb::Error::internal(format!("template does not serialise: {e}")))?;
        run(self
            .db()
            .query(
                "BEGIN TRANSACTION;
                 LET $existing = (SELECT VALUE id FROM survey_template WHERE org = $org AND template_id = $template_id);
                 IF array::len($existing) > 0 {
                     UPDATE $existing[0] SET template_json = $json, version += 1, updated_by = $by, updated_at = $now;
                 } ELSE {
                     CREATE survey_template CONTENT {
                         org: $org, template_id: $template_id, template_json: $json, version: 1,
                         updated_by: $by, updated_at: $now
                     };
                 };
                 COMMIT TRANSACTION;",
            )
            .bind(("org", org.clone()))
            .bind(("template_id", template.id.clone()))
            .bind(("json", json))
            .bind(("by", by.clone()))
            .bind(("now", now)))
        .await?;
        Ok(())
    }

    /// Goes back to the built-in template.
    pub async fn reset_template(&self, org: &RecordId, template_id: &str) -> Result<(), surrealdb::Error> {
        run(self
            .db()
            .query("DELETE survey_template WHERE org = $org AND template_id = $template_id")
            .bind(("org", org.clone()))
            .bind(("template_id", template_id.to_string())))
        .await?;
        Ok(())
    }
}
