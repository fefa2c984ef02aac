use chrono::{DateTime, NaiveDate, Utc};
use kaiku_core::Stage;
use kaiku_core::account::AccountInput;
use kaiku_core::role::AccountPeople;
use surrealdb::types::{RecordId, SurrealValue};

use super::decode::{self, Unreadable};
use super::{Store, changed_any, id_from_key, new_id, run};

#[derive(Debug, Clone, SurrealValue)]
pub struct AccountRow {
    pub id: RecordId,
    pub org: RecordId,
    pub name: String,
    pub segments: Vec<String>,
    pub stage: String,
    pub annual_value_eur: i64,
    pub lead: Option<RecordId>,
    pub team: Vec<RecordId>,
    pub start_date: String,
    pub end_date: Option<String>,
    pub notes: String,
    pub archived: bool,
    pub created_at: DateTime<Utc>,
    /// When an admin asked for it to be deleted: then (migration 24).
    pub delete_after: Option<DateTime<Utc>>,
}

impl AccountRow {
    pub fn stage(&self) -> Result<Stage, Unreadable> {
        decode::code(&self.id, "stage", &self.stage, Stage::from_code)
    }

    pub fn start_date(&self) -> Result<NaiveDate, Unreadable> {
        decode::date(&self.id, "start_date", &self.start_date)
    }

    pub fn end_date(&self) -> Result<Option<NaiveDate>, Unreadable> {
        self.end_date
            .as_deref()
            .map(|date| decode::date(&self.id, "end_date", date))
            .transpose()
    }

    /// The lead and the team: the people who see a member-visible account.
    pub fn is_on_team(&self, user: &RecordId) -> bool {
        self.people().includes(user)
    }

    pub fn people(&self) -> AccountPeople<'_, RecordId> {
        AccountPeople {
            lead: self.lead.as_ref(),
            team: &self.team,
        }
    }
}

/// A new account's record, from `$f` (its [`AccountFields`]), `$org` and `$now`.
pub(super) const ACCOUNT_CONTENT: &str = "{
    org: $org, archived: false, created_at: $now,
    name: $f.name, segments: $f.segments, stage: $f.stage, annual_value_eur: $f.annual_value_eur,
    lead: $f.lead, team: $f.team, start_date: $f.start_date, end_date: $f.end_date, notes: $f.notes
}";

#[derive(SurrealValue)]
pub(super) struct AccountFields {
    name: String,
    segments: Vec<String>,
    stage: String,
    annual_value_eur: i64,
    lead: Option<RecordId>,
    team: Vec<RecordId>,
    start_date: String,
    end_date: Option<String>,
    notes: String,
}

impl From<AccountInput> for AccountFields {
    fn from(input: AccountInput) -> AccountFields {
        AccountFields {
            name: input.name,
            segments: input.segments,
            stage: input.stage.code().to_string(),
            annual_value_eur: input.annual_value_eur,
            lead: input.lead_id.map(|key| id_from_key("user", &key)),
            team: input.team_ids.iter().map(|key| id_from_key("user", key)).collect(),
            start_date: input.start_date.format("%Y-%m-%d").to_string(),
            end_date: input.end_date.map(|d| d.format("%Y-%m-%d").to_string()),
            notes: input.notes,
        }
    }
}

/// Whose accounts a listing shows.
pub enum Visibility<'a> {
    All,
    /// Only accounts where the user is the lead or on the team.
    TeamOf(&'a RecordId),
}

impl Store {
    pub async fn accounts(
        &self,
        org: &RecordId,
        visibility: Visibility<'_>,
        include_archived: bool,
    ) -> Result<Vec<AccountRow>, surrealdb::Error> {
        let (all, me) = match visibility {
            Visibility::All => (true, None),
            Visibility::TeamOf(user) => (false, Some(user.clone())),
        };
        self.db()
            .query(
                "SELECT * FROM account WHERE org = $org
                   AND ($all OR lead = $me OR team CONTAINS $me)
                   AND ($include_archived OR archived = false)
                 ORDER BY name",
            )
            .bind(("org", org.clone()))
            .bind(("all", all))
            .bind(("me", me))
            .bind(("include_archived", include_archived))
            .rows()
            .await
    }

    pub async fn account(&self, org: &RecordId, id: &RecordId) -> Result<Option<AccountRow>, surrealdb::Error> {
        self.one_in_org("SELECT * FROM account", org, id).await
    }

    pub async fn create_account(
        &self,
        org: &RecordId,
        input: AccountInput,
        now: DateTime<Utc>,
    ) -> Result<RecordId, surrealdb::Error> {
        let id = new_id("account");
        run(self
            .db()
            .query(format!("CREATE $id CONTENT {ACCOUNT_CONTENT}"))
            .bind(("id", id.clone()))
            .bind(("f", AccountFields::from(input)))
            .bind(("org", org.clone()))
            .bind(("now", now)))
        .await?;
        Ok(id)
    }

    /// Replaces the editable fields; `false` when no such account is in `org`.
    pub async fn update_account(
        &self,
        org: &RecordId,
        id: &RecordId,
        input: AccountInput,
    ) -> Result<bool, surrealdb::Error> {
        changed_any(
            run(self
                .db()
                .query("UPDATE $id MERGE $fields WHERE org = $org RETURN VALUE id")
                .bind(("id", id.clone()))
                .bind(("fields", AccountFields::from(input)))
                .bind(("org", org.clone())))
            .await?,
        )
    }

    pub async fn set_account_archived(
        &self,
        org: &RecordId,
        id: &RecordId,
        archived: bool,
    ) -> Result<bool, surrealdb::Error> {
        changed_any(
            run(self
                .db()
                // Restoring an account takes back a deletion asked for it.
                .query(
                    "UPDATE $id SET archived = $archived, delete_after = IF $archived THEN delete_after END
                     WHERE org = $org RETURN VALUE id",
                )
                .bind(("id", id.clone()))
                .bind(("archived", archived))
                .bind(("org", org.clone())))
            .await?,
        )
    }
}
