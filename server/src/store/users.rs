use chrono::{DateTime, Utc};
use kaiku_core::api::UserView;
use kaiku_core::{Lang, Role};
use surrealdb::types::{RecordId, SurrealValue};

use super::{Store, key_of, run};

#[derive(Debug, Clone, SurrealValue)]
pub struct UserRow {
    pub id: RecordId,
    pub org: RecordId,
    pub name: String,
    pub email: String,
    pub password_hash: String,
    pub role: String,
    pub language: String,
    pub active: bool,
    pub created_at: DateTime<Utc>,
    /// Their authenticator's secret, once confirmed (migration 29).
    pub totp_secret: Option<String>,
    /// A secret being set up, until a code made from it is confirmed.
    pub totp_pending: Option<String>,
    /// The last time step a code of theirs was accepted for.
    pub totp_last_step: Option<i64>,
}

impl UserRow {
    pub fn role(&self) -> Role {
        // The schema only admits the three role names.
        Role::from_code(&self.role).unwrap_or(Role::Member)
    }

    pub fn language(&self) -> Lang {
        Lang::from_tag(&self.language).unwrap_or_default()
    }

    pub fn view(&self) -> UserView {
        UserView {
            id: key_of(&self.id),
            name: self.name.clone(),
            email: self.email.clone(),
            role: self.role(),
            language: self.language(),
            active: self.active,
            created_at: self.created_at,
            two_factor: self.totp_secret.is_some(),
        }
    }
}

/// A user about to be created; the caller has validated and hashed.
pub struct NewUser {
    pub name: String,
    pub email: String,
    pub password_hash: String,
    pub role: Role,
    pub language: Lang,
}

#[derive(SurrealValue)]
pub(super) struct UserContent {
    org: RecordId,
    name: String,
    email: String,
    password_hash: String,
    role: String,
    language: String,
    active: bool,
    created_at: DateTime<Utc>,
}

impl NewUser {
    pub(super) fn into_content(self, org: RecordId, now: DateTime<Utc>) -> UserContent {
        UserContent {
            org,
            name: self.name.trim().to_string(),
            email: self.email,
            password_hash: self.password_hash,
            role: self.role.code().to_string(),
            language: self.language.code().to_string(),
            active: true,
            created_at: now,
        }
    }
}

impl Store {
    /// Login looks people up by email alone, across organisations.
    pub async fn user_by_email(&self, email: &str) -> Result<Option<UserRow>, surrealdb::Error> {
        self.db()
            .query("SELECT * FROM user WHERE email = $email LIMIT 1")
            .bind(("email", email.to_string()))
            .first()
            .await
    }

    pub async fn user(&self, org: &RecordId, id: &RecordId) -> Result<Option<UserRow>, surrealdb::Error> {
        self.one_in_org("SELECT * FROM user", org, id).await
    }

    pub async fn users(&self, org: &RecordId) -> Result<Vec<UserRow>, surrealdb::Error> {
        self.db()
            .query("SELECT * FROM user WHERE org = $org ORDER BY name")
            .bind(("org", org.clone()))
            .rows()
            .await
    }

    pub async fn count_active_admins(&self, org: &RecordId) -> Result<usize, surrealdb::Error> {
        let mut response = run(self
            .db()
            .query("SELECT VALUE id FROM user WHERE org = $org AND role = 'admin' AND active = true")
            .bind(("org", org.clone())))
        .await?;
        let ids: Vec<RecordId> = response.take(0)?;
        Ok(ids.len())
    }

    /// Changes name and/or language; `None` leaves a field as it is.
    pub async fn update_profile(
        &self,
        org: &RecordId,
        id: &RecordId,
        name: Option<String>,
        language: Option<Lang>,
    ) -> Result<Option<UserRow>, surrealdb::Error> {
        self.db()
            .query(
                "UPDATE $id SET
                        name = $name ?? name,
                        language = $language ?? language
                     WHERE org = $org RETURN AFTER",
            )
            .bind(("id", id.clone()))
            .bind(("org", org.clone()))
            .bind(("name", name.map(|n| n.trim().to_string())))
            .bind(("language", language.map(|l| l.code().to_string())))
            .first()
            .await
    }

    pub async fn set_password_hash(&self, org: &RecordId, id: &RecordId, hash: String) -> Result<(), surrealdb::Error> {
        run(self
            .db()
            .query("UPDATE $id SET password_hash = $hash WHERE org = $org")
            .bind(("id", id.clone()))
            .bind(("org", org.clone()))
            .bind(("hash", hash)))
        .await?;
        Ok(())
    }

    pub async fn set_role(
        &self,
        org: &RecordId,
        id: &RecordId,
        role: Role,
    ) -> Result<Option<UserRow>, surrealdb::Error> {
        self.db()
            .query("UPDATE $id SET role = $role WHERE org = $org RETURN AFTER")
            .bind(("id", id.clone()))
            .bind(("org", org.clone()))
            .bind(("role", role.code().to_string()))
            .first()
            .await
    }

    /// Deactivating also ends every session of the user, in the same transaction.
    pub async fn set_active(
        &self,
        org: &RecordId,
        id: &RecordId,
        active: bool,
    ) -> Result<Option<UserRow>, surrealdb::Error> {
        run(self
            .db()
            .query(
                "BEGIN TRANSACTION;
                 UPDATE $id SET active = $active WHERE org = $org;
                 IF !$active { DELETE session WHERE user = $id AND org = $org; };
                 COMMIT TRANSACTION;",
            )
            .bind(("id", id.clone()))
            .bind(("org", org.clone()))
            .bind(("active", active)))
        .await?;
        self.user(org, id).await
    }
}

impl Store {
    /// Reads a user right after creating it, before any session exists.
    pub async fn user_by_id_unscoped(&self, id: &RecordId) -> Result<Option<UserRow>, surrealdb::Error> {
        self.db()
            .query("SELECT * FROM user WHERE id = $id")
            .bind(("id", id.clone()))
            .first()
            .await
    }
}

impl Store {
    /// Adds a user to an existing organisation (used by the demo seed; people
    /// normally join through invitations).
    pub async fn create_user(
        &self,
        org: &RecordId,
        user: NewUser,
        now: DateTime<Utc>,
    ) -> Result<RecordId, surrealdb::Error> {
        let id = super::new_id("user");
        run(self
            .db()
            .query("CREATE $id CONTENT $user")
            .bind(("id", id.clone()))
            .bind(("user", user.into_content(org.clone(), now))))
        .await?;
        Ok(id)
    }
}
