use chrono::{DateTime, Utc};
use kaiku_core::analysis::ThemeDef;
use kaiku_core::api::OrganisationView;
use kaiku_core::counterfeedback::FollowUpSettings;
use kaiku_core::cycle::{CycleDefault, ScheduleSettings};
use kaiku_core::health::Weights;
use surrealdb::types::{RecordId, SurrealValue};

use super::users::NewUser;
use super::{Store, is_unique_violation, key_of, new_id, run, to_json};

#[derive(Debug, Clone, SurrealValue)]
pub struct OrgRow {
    pub id: RecordId,
    pub name: String,
    pub created_at: DateTime<Utc>,
    pub remind_after_days: Option<i64>,
    pub escalate_after_days: Option<i64>,
    pub themes_json: Option<String>,
    pub schedule_json: Option<String>,
    pub cycle_defaults_json: Option<String>,
    pub defaults_changed_at: Option<DateTime<Utc>>,
    pub health_weights_json: Option<String>,
    /// Raised by every change to its themes or analysis corrections (migration 9).
    pub analysis_version: Option<i64>,
}

impl OrgRow {
    /// The organisation's follow-up days, or the defaults.
    pub fn follow_up(&self) -> FollowUpSettings {
        let default = FollowUpSettings::default();
        let days = |value: Option<i64>, default: u32| value.and_then(|v| u32::try_from(v).ok()).unwrap_or(default);
        FollowUpSettings {
            remind_after_days: days(self.remind_after_days, default.remind_after_days),
            escalate_after_days: days(self.escalate_after_days, default.escalate_after_days),
        }
    }

    /// The themes the admin added to the built-in ones.
    pub fn themes(&self) -> Vec<ThemeDef> {
        self.themes_json
            .as_deref()
            .and_then(|json| serde_json::from_str(json).ok())
            .unwrap_or_default()
    }

    /// Time zone, working hours, throttling and reminder days, or the defaults.
    pub fn schedule(&self) -> ScheduleSettings {
        self.schedule_json
            .as_deref()
            .and_then(|json| serde_json::from_str(json).ok())
            .unwrap_or_default()
    }

    /// The cycle rules accounts follow unless they have their own.
    pub fn cycle_defaults(&self) -> Vec<CycleDefault> {
        self.cycle_defaults_json
            .as_deref()
            .and_then(|json| serde_json::from_str(json).ok())
            .unwrap_or_default()
    }

    /// The weights of the health factors, or the documented defaults.
    pub fn health_weights(&self) -> Weights {
        self.health_weights_json
            .as_deref()
            .and_then(|json| serde_json::from_str(json).ok())
            .unwrap_or_default()
    }

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

    /// Every organisation, for the scheduler.
    pub async fn all_orgs(&self) -> Result<Vec<OrgRow>, surrealdb::Error> {
        let mut response = run(self.db().query("SELECT * FROM org ORDER BY created_at")).await?;
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

    pub async fn set_follow_up(&self, org: &RecordId, settings: &FollowUpSettings) -> Result<(), surrealdb::Error> {
        run(self
            .db()
            .query("UPDATE $org SET remind_after_days = $remind, escalate_after_days = $escalate")
            .bind(("org", org.clone()))
            .bind(("remind", i64::from(settings.remind_after_days)))
            .bind(("escalate", i64::from(settings.escalate_after_days))))
        .await?;
        Ok(())
    }

    pub async fn set_themes(&self, org: &RecordId, themes: &[ThemeDef]) -> Result<(), surrealdb::Error> {
        let json = serde_json::to_string(themes)
            .map_err(|e| surrealdb::Error::internal(format!("themes do not serialise: {e}")))?;
        run(self
            .db()
            .query("UPDATE $org SET themes_json = $json, analysis_version = (analysis_version ?? 0) + 1")
            .bind(("org", org.clone()))
            .bind(("json", json)))
        .await?;
        Ok(())
    }

    /// Stores the organisation's weights; none goes back to the defaults.
    pub async fn set_health_weights(&self, org: &RecordId, weights: Option<&Weights>) -> Result<(), surrealdb::Error> {
        let json = weights.map(to_json).transpose()?;
        run(self
            .db()
            .query("UPDATE $org SET health_weights_json = $json")
            .bind(("org", org.clone()))
            .bind(("json", json)))
        .await?;
        Ok(())
    }

    pub async fn set_schedule(
        &self,
        org: &RecordId,
        settings: &ScheduleSettings,
        defaults: &[CycleDefault],
        defaults_changed_at: Option<DateTime<Utc>>,
    ) -> Result<(), surrealdb::Error> {
        run(self
            .db()
            .query(
                "UPDATE $org SET schedule_json = $schedule, cycle_defaults_json = $defaults,
                     defaults_changed_at = $changed ?? defaults_changed_at",
            )
            .bind(("org", org.clone()))
            .bind(("changed", defaults_changed_at))
            .bind(("schedule", to_json(settings)?))
            .bind(("defaults", to_json(defaults)?)))
        .await?;
        Ok(())
    }
}
