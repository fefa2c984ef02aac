use chrono::{DateTime, Utc};
use kaiku_core::Lang;
use kaiku_core::account::{ContactInput, ContactView};
use surrealdb::types::{RecordId, SurrealValue};

use super::decode::{self, Unreadable};
use super::{Store, changed_any, is_unique_violation, key_of, new_id, run};

#[derive(Debug, Clone, SurrealValue)]
pub struct ContactRow {
    pub id: RecordId,
    pub org: RecordId,
    pub account: RecordId,
    pub name: String,
    pub email: String,
    pub title: String,
    pub language: String,
    pub decision_maker: bool,
    pub created_at: DateTime<Utc>,
    /// The customer asked for no more surveys.
    pub opted_out_at: Option<DateTime<Utc>>,
}

impl ContactRow {
    pub fn language(&self) -> Result<Lang, Unreadable> {
        decode::code(&self.id, "language", &self.language, Lang::from_tag)
    }

    pub fn view(&self) -> Result<ContactView, Unreadable> {
        Ok(ContactView {
            id: key_of(&self.id),
            account_id: key_of(&self.account),
            name: self.name.clone(),
            email: self.email.clone(),
            title: self.title.clone(),
            language: self.language()?,
            decision_maker: self.decision_maker,
            opted_out_at: self.opted_out_at,
        })
    }
}

/// A new contact's record, from `$f` (its [`ContactFields`]), `$org`, `$account` and `$now`.
pub(super) const CONTACT_CONTENT: &str = "{
    org: $org, account: $account, created_at: $now,
    name: $f.name, email: $f.email, title: $f.title, language: $f.language, decision_maker: $f.decision_maker
}";

#[derive(SurrealValue)]
pub(super) struct ContactFields {
    name: String,
    email: String,
    title: String,
    language: String,
    decision_maker: bool,
}

impl From<ContactInput> for ContactFields {
    fn from(input: ContactInput) -> ContactFields {
        ContactFields {
            name: input.name,
            email: input.email,
            title: input.title,
            language: input.language.code().to_string(),
            decision_maker: input.decision_maker,
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ContactError {
    #[error("the account already has a contact with this email")]
    EmailTaken,
    #[error(transparent)]
    Db(#[from] surrealdb::Error),
}

pub(super) fn classify(err: surrealdb::Error) -> ContactError {
    if is_unique_violation(&err) {
        ContactError::EmailTaken
    } else {
        ContactError::Db(err)
    }
}

impl Store {
    pub async fn contacts(&self, org: &RecordId, account: &RecordId) -> Result<Vec<ContactRow>, surrealdb::Error> {
        self.db()
            .query("SELECT * FROM contact WHERE org = $org AND account = $account ORDER BY name")
            .bind(("org", org.clone()))
            .bind(("account", account.clone()))
            .rows()
            .await
    }

    pub async fn contact(&self, org: &RecordId, id: &RecordId) -> Result<Option<ContactRow>, surrealdb::Error> {
        self.one_in_org("SELECT * FROM contact", org, id).await
    }

    pub async fn create_contact(
        &self,
        org: &RecordId,
        account: &RecordId,
        input: ContactInput,
        now: DateTime<Utc>,
    ) -> Result<RecordId, ContactError> {
        let id = new_id("contact");
        run(self
            .db()
            .query(format!("CREATE $id CONTENT {CONTACT_CONTENT}"))
            .bind(("id", id.clone()))
            .bind(("f", ContactFields::from(input)))
            .bind(("org", org.clone()))
            .bind(("account", account.clone()))
            .bind(("now", now)))
        .await
        .map_err(classify)?;
        Ok(id)
    }

    pub async fn update_contact(
        &self,
        org: &RecordId,
        id: &RecordId,
        input: ContactInput,
    ) -> Result<bool, ContactError> {
        changed_any(
            run(self
                .db()
                .query("UPDATE $id MERGE $fields WHERE org = $org RETURN VALUE id")
                .bind(("id", id.clone()))
                .bind(("fields", ContactFields::from(input)))
                .bind(("org", org.clone())))
            .await
            .map_err(classify)?,
        )
        .map_err(ContactError::from)
    }

    /// `(account, email)` of every contact of the organisation, for the import's
    /// duplicate check.
    pub async fn contact_emails(&self, org: &RecordId) -> Result<Vec<(RecordId, String)>, surrealdb::Error> {
        #[derive(SurrealValue)]
        struct AccountEmail {
            account: RecordId,
            email: String,
        }
        let mut response = run(self
            .db()
            .query("SELECT account, email FROM contact WHERE org = $org")
            .bind(("org", org.clone())))
        .await?;
        let rows: Vec<AccountEmail> = response.take(0)?;
        Ok(rows.into_iter().map(|r| (r.account, r.email)).collect())
    }

    /// Survey links keep a copy of the contact's name, so answers stay readable.
    pub async fn delete_contact(&self, org: &RecordId, id: &RecordId) -> Result<bool, surrealdb::Error> {
        let mut response = run(self
            .db()
            .query("DELETE $id WHERE org = $org RETURN BEFORE")
            .bind(("id", id.clone()))
            .bind(("org", org.clone())))
        .await?;
        let rows: Vec<ContactRow> = response.take(0)?;
        Ok(!rows.is_empty())
    }
}
