use chrono::{DateTime, Utc};
use kaiku_core::api::OrganisationView;
use surrealdb::types::{RecordId, SurrealValue};

use super::users::NewUser;
use super::{Store, is_unique_violation, key_of, new_id, run};

#[derive(Debug, Clone, SurrealValue)]
pub struct OrgRow {
    pub id: RecordId,
    pub name: String,
    pub created_at: DateTime<Utc>,
}

impl OrgRow {
    pub fn view(&self) -> OrganisationView {
        OrganisationView {
            id: key_of(&self.id),
            name: self.name.clone(),
        }
    }
}

#[derive(SurrealValue)]
struct OrgContent {
    name: String,
    created_at: DateTime<Utc>,
}

#[derive(Debug, thiserror::Error)]
pub enum CreateOrgError {
    #[error("the email is already in use")]
    EmailTaken,
    #[error(transparent)]
    Db(#[from] surrealdb::Error),
}

impl Store {
    /// Creates an organisation and its first admin together: both or neither.
    pub async fn create_org_with_admin(
        &self,
        name: &str,
        admin: NewUser,
        now: DateTime<Utc>,
    ) -> Result<(RecordId, RecordId), CreateOrgError> {
        let org_id = new_id("org");
        let user_id = new_id("user");
        let query = self
            .db()
            .query(
                "BEGIN TRANSACTION;
                 CREATE $org_id CONTENT $org;
                 CREATE $user_id CONTENT $user;
                 COMMIT TRANSACTION;",
            )
            .bind(("org_id", org_id.clone()))
            .bind(("user_id", user_id.clone()))
            .bind((
                "org",
                OrgContent {
                    name: name.trim().to_string(),
                    created_at: now,
                },
            ))
            .bind(("user", admin.into_content(org_id.clone(), now)));
        match run(query).await {
            Ok(_) => Ok((org_id, user_id)),
            Err(e) if is_unique_violation(&e) => Err(CreateOrgError::EmailTaken),
            Err(e) => Err(e.into()),
        }
    }

    pub async fn org(&self, id: &RecordId) -> Result<Option<OrgRow>, surrealdb::Error> {
        let mut response = run(self.db().query("SELECT * FROM ONLY $id").bind(("id", id.clone()))).await?;
        response.take(0)
    }

    pub async fn org_by_name(&self, name: &str) -> Result<Option<OrgRow>, surrealdb::Error> {
        let mut response = run(self
            .db()
            .query("SELECT * FROM org WHERE name = $name LIMIT 1")
            .bind(("name", name.to_string())))
        .await?;
        let rows: Vec<OrgRow> = response.take(0)?;
        Ok(rows.into_iter().next())
    }
}
