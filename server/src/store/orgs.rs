use chrono::{DateTime, Duration, NaiveDate, NaiveDateTime, NaiveTime, TimeZone, Utc};
use chrono_tz::Tz;
use kaiku_core::analysis::ThemeDef;
use kaiku_core::api::OrganisationView;
use kaiku_core::counterfeedback::FollowUpSettings;
use kaiku_core::cycle::{CycleDefault, ScheduleSettings};
use kaiku_core::health::{BandProbabilities, Weights};
use kaiku_core::privacy::Retention;
use surrealdb::types::{RecordId, SurrealValue};

use super::decode::{self, Unreadable};
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
    /// Raised by every change to its themes or analysis corrections (migration 8).
    pub analysis_version: Option<i64>,
    /// Calibrated from its outcomes (migration 17); none for the defaults.
    pub band_probabilities_json: Option<String>,
    /// Set by an admin (migration 23); none keeps everything until erased.
    pub retention_json: Option<String>,
    /// When an admin asked for the organisation to be deleted: then (migration 24).
    pub delete_after: Option<DateTime<Utc>>,
    /// `#rrggbb`, checked when set (migration 27); none: Kaiku's own colours.
    pub accent: Option<String>,
    /// The current logo (migration 27).
    pub logo: Option<RecordId>,
    /// Admins must sign in with a second factor (migration 29); none: not required.
    pub admins_two_factor: Option<bool>,
}

/// The settings below are defaults until an admin first saves them (the field is
/// unset); a saved value that does not decode is an error, never the default.
impl OrgRow {
    pub fn admins_two_factor(&self) -> bool {
        self.admins_two_factor.unwrap_or(false)
    }

    /// The organisation's follow-up days.
    pub fn follow_up(&self) -> Result<FollowUpSettings, Unreadable> {
        let default = FollowUpSettings::default();
        let days = |field, value: Option<i64>, default: u32| {
            value.map_or(Ok(default), |value| decode::count(&self.id, field, value))
        };
        Ok(FollowUpSettings {
            remind_after_days: days("remind_after_days", self.remind_after_days, default.remind_after_days)?,
            escalate_after_days: days(
                "escalate_after_days",
                self.escalate_after_days,
                default.escalate_after_days,
            )?,
        })
    }

    /// How long what customers said is kept with who said it.
    pub fn retention(&self) -> Result<Retention, Unreadable> {
        Ok(decode::optional_json(&self.id, "retention_json", self.retention_json.as_deref())?.unwrap_or_default())
    }

    /// The themes the admin added to the built-in ones.
    pub fn themes(&self) -> Result<Vec<ThemeDef>, Unreadable> {
        Ok(decode::optional_json(&self.id, "themes_json", self.themes_json.as_deref())?.unwrap_or_default())
    }

    /// Time zone, working hours, throttling and reminder days.
    pub fn schedule(&self) -> Result<Schedule, Unreadable> {
        let settings: ScheduleSettings =
            decode::optional_json(&self.id, "schedule_json", self.schedule_json.as_deref())?.unwrap_or_default();
        // Checked when saved; a time zone this build does not know is not replaced by UTC.
        let time_zone = settings
            .timezone
            .parse()
            .map_err(|_| Unreadable::new(&self.id, "schedule_json", "unknown time zone"))?;
        Ok(Schedule { settings, time_zone })
    }

    /// What revenue at risk is priced with: calibrated from the organisation's outcomes
    /// once they have been, the defaults before.
    pub fn band_probabilities(&self) -> Result<BandProbabilities, Unreadable> {
        Ok(decode::optional_json(
            &self.id,
            "band_probabilities_json",
            self.band_probabilities_json.as_deref(),
        )?
        .unwrap_or_else(|| BandProbabilities::defaults(0)))
    }

    /// The cycle rules accounts follow unless they have their own.
    pub fn cycle_defaults(&self) -> Result<Vec<CycleDefault>, Unreadable> {
        Ok(
            decode::optional_json(&self.id, "cycle_defaults_json", self.cycle_defaults_json.as_deref())?
                .unwrap_or_default(),
        )
    }

    /// The weights of the health factors.
    pub fn health_weights(&self) -> Result<Weights, Unreadable> {
        Ok(
            decode::optional_json(&self.id, "health_weights_json", self.health_weights_json.as_deref())?
                .unwrap_or_default(),
        )
    }

    pub fn view(&self) -> OrganisationView {
        OrganisationView {
            id: key_of(&self.id),
            name: self.name.clone(),
            deletion: self.delete_after,
            admins_two_factor: self.admins_two_factor(),
        }
    }
}

/// The organisation's schedule settings, its time zone read.
#[derive(Debug, Clone)]
pub struct Schedule {
    pub settings: ScheduleSettings,
    pub time_zone: Tz,
}

impl Schedule {
    /// The organisation's wall-clock time at `at`.
    pub fn local(&self, at: DateTime<Utc>) -> NaiveDateTime {
        at.with_timezone(&self.time_zone).naive_local()
    }

    /// The organisation's date at `at`.
    pub fn date(&self, at: DateTime<Utc>) -> NaiveDate {
        self.local(at).date()
    }

    /// The moment the organisation's `day` begins: its midnight, or where a clock
    /// change skips midnight, the first hour after it.
    pub fn starts(&self, day: NaiveDate) -> DateTime<Utc> {
        let midnight = day.and_time(NaiveTime::MIN);
        (0..=2)
            .find_map(|hours| {
                self.time_zone
                    .from_local_datetime(&(midnight + Duration::hours(hours)))
                    .earliest()
            })
            .map_or_else(|| midnight.and_utc(), |start| start.with_timezone(&Utc))
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

impl CreateOrgError {
    /// A failed creation: the admin's email taken by someone else, or another error.
    pub(super) fn from_db(e: surrealdb::Error) -> CreateOrgError {
        if is_unique_violation(&e) {
            CreateOrgError::EmailTaken
        } else {
            CreateOrgError::Db(e)
        }
    }
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
        run(query).await.map_err(CreateOrgError::from_db)?;
        Ok((org_id, user_id))
    }

    pub async fn org(&self, id: &RecordId) -> Result<Option<OrgRow>, surrealdb::Error> {
        run(self.db().query("SELECT * FROM ONLY $id").bind(("id", id.clone())))
            .await?
            .take(0)
    }

    /// Every organisation, for the scheduler.
    pub async fn all_orgs(&self) -> Result<Vec<OrgRow>, surrealdb::Error> {
        self.db().query("SELECT * FROM org ORDER BY created_at").rows().await
    }

    pub async fn org_by_name(&self, name: &str) -> Result<Option<OrgRow>, surrealdb::Error> {
        self.db()
            .query("SELECT * FROM org WHERE name = $name LIMIT 1")
            .bind(("name", name.to_string()))
            .first()
            .await
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

    pub async fn set_retention(&self, org: &RecordId, retention: &Retention) -> Result<(), surrealdb::Error> {
        run(self
            .db()
            .query("UPDATE $org SET retention_json = $json")
            .bind(("org", org.clone()))
            .bind(("json", to_json(retention)?)))
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

    pub async fn set_band_probabilities(
        &self,
        org: &RecordId,
        probabilities: &BandProbabilities,
    ) -> Result<(), surrealdb::Error> {
        run(self
            .db()
            .query("UPDATE $org SET band_probabilities_json = $json")
            .bind(("org", org.clone()))
            .bind(("json", to_json(probabilities)?)))
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

#[cfg(test)]
mod tests {
    use super::*;

    fn schedule(zone: &str) -> Schedule {
        Schedule {
            settings: ScheduleSettings::default(),
            time_zone: zone.parse().unwrap(),
        }
    }

    #[test]
    fn a_day_starts_at_the_organisations_midnight_or_the_first_hour_after_a_skipped_one() {
        let utc = |text: &str| text.parse::<DateTime<Utc>>().unwrap();
        let day = |text: &str| text.parse::<NaiveDate>().unwrap();
        let helsinki = schedule("Europe/Helsinki");
        assert_eq!(helsinki.starts(day("2026-01-05")), utc("2026-01-04T22:00:00Z"));
        assert_eq!(helsinki.starts(day("2026-06-01")), utc("2026-05-31T21:00:00Z"));
        assert_eq!(helsinki.date(helsinki.starts(day("2026-06-01"))), day("2026-06-01"));
        // Beirut moves its clocks from midnight to one at the end of March.
        let beirut = schedule("Asia/Beirut");
        assert_eq!(beirut.starts(day("2026-03-29")), utc("2026-03-28T22:00:00Z"));
        assert_eq!(beirut.date(beirut.starts(day("2026-03-29"))), day("2026-03-29"));
    }
}
