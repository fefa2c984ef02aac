//! Sign-ups waiting for their address to be confirmed (see `service::signup`): each
//! row is one request, its email sent at most once at a time and its link opening
//! the new organisation once.

use chrono::{DateTime, Utc};
use kaiku_core::{Lang, Role};
use surrealdb::types::{RecordId, SurrealValue};

use super::decode::{self, Unreadable};
use super::orgs::CreateOrgError;
use super::users::NewUser;
use super::{Store, new_id, run};

#[derive(Debug, Clone, SurrealValue)]
pub struct SignupRequestRow {
    pub id: RecordId,
    pub email: String,
    pub organisation_name: String,
    pub name: String,
    pub password_hash: String,
    pub language: String,
    pub taken: bool,
    pub created_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
    pub attempts: i64,
}

impl SignupRequestRow {
    pub fn lang(&self) -> Result<Lang, Unreadable> {
        decode::code(&self.id, "signup_request.language", &self.language, Lang::from_tag)
    }

    /// The organisation's first admin, as the request described them.
    pub fn admin(&self) -> Result<NewUser, Unreadable> {
        Ok(NewUser {
            name: self.name.clone(),
            email: self.email.clone(),
            password_hash: self.password_hash.clone(),
            role: Role::Admin,
            language: self.lang()?,
        })
    }
}

/// What a request keeps of the sign-up form.
pub struct NewSignupRequest {
    pub email: String,
    pub organisation_name: String,
    pub name: String,
    pub password_hash: String,
    pub language: Lang,
    pub taken: bool,
    pub expires_at: DateTime<Utc>,
}

#[derive(SurrealValue)]
struct SignupRequestContent {
    email: String,
    organisation_name: String,
    name: String,
    password_hash: String,
    language: String,
    taken: bool,
    created_at: DateTime<Utc>,
    expires_at: DateTime<Utc>,
    attempts: i64,
}

const FIELDS: &str =
    "id, email, organisation_name, name, password_hash, language, taken, created_at, expires_at, attempts";

/// Thrown inside the confirming transaction when the link's request is gone.
const USED: &str = "kaiku:signup-used";

#[derive(Debug, thiserror::Error)]
pub enum ConfirmError {
    #[error("the link was used already or has expired")]
    Used,
    #[error("the email is already in use")]
    EmailTaken,
    #[error(transparent)]
    Db(#[from] surrealdb::Error),
}

impl Store {
    pub async fn create_signup_request(
        &self,
        new: NewSignupRequest,
        now: DateTime<Utc>,
    ) -> Result<RecordId, surrealdb::Error> {
        let id = new_id("signup_request");
        let content = SignupRequestContent {
            email: new.email,
            organisation_name: new.organisation_name.trim().to_string(),
            name: new.name.trim().to_string(),
            password_hash: new.password_hash,
            language: new.language.code().to_string(),
            taken: new.taken,
            created_at: now,
            expires_at: new.expires_at,
            attempts: 0,
        };
        run(self
            .db()
            .query("CREATE $id CONTENT $content")
            .bind(("id", id.clone()))
            .bind(("content", content)))
        .await?;
        Ok(id)
    }

    /// Takes the request's email for one attempt until `until`, unless it was sent, is
    /// being sent, or expired. A request that can be confirmed gets `token_hash` as its
    /// link's (an earlier link whose email may never have arrived stops working).
    pub async fn claim_signup_mail(
        &self,
        id: &RecordId,
        token_hash: &str,
        now: DateTime<Utc>,
        until: DateTime<Utc>,
    ) -> Result<Option<SignupRequestRow>, surrealdb::Error> {
        self.db()
            .query(format!(
                "UPDATE $id SET attempts += 1, next_attempt_at = $until,
                     token_hash = IF taken {{ NONE }} ELSE {{ $hash }}
                 WHERE sent_at = NONE AND expires_at > $now AND (next_attempt_at = NONE OR next_attempt_at <= $now)
                 RETURN {FIELDS}"
            ))
            .bind(("id", id.clone()))
            .bind(("hash", token_hash.to_string()))
            .bind(("now", now))
            .bind(("until", until))
            .first()
            .await
    }

    /// The email went out.
    pub async fn signup_mail_sent(&self, id: &RecordId, now: DateTime<Utc>) -> Result<(), surrealdb::Error> {
        run(self
            .db()
            .query("UPDATE $id SET sent_at = $now, next_attempt_at = NONE")
            .bind(("id", id.clone()))
            .bind(("now", now)))
        .await?;
        Ok(())
    }

    /// The attempt failed: tried again at `retry`, or never when `None`.
    pub async fn signup_mail_failed(
        &self,
        id: &RecordId,
        retry: Option<DateTime<Utc>>,
    ) -> Result<(), surrealdb::Error> {
        run(self
            .db()
            .query("UPDATE $id SET next_attempt_at = $retry ?? expires_at")
            .bind(("id", id.clone()))
            .bind(("retry", retry)))
        .await?;
        Ok(())
    }

    /// Requests whose email is due: never sent, not expired, not held by an attempt.
    pub async fn due_signup_mails(&self, now: DateTime<Utc>, limit: u32) -> Result<Vec<RecordId>, surrealdb::Error> {
        self.db()
            .query(
                "SELECT VALUE id FROM signup_request
                 WHERE sent_at = NONE AND expires_at > $now AND (next_attempt_at = NONE OR next_attempt_at <= $now)
                 LIMIT $limit",
            )
            .bind(("now", now))
            .bind(("limit", limit))
            .rows()
            .await
    }

    /// The request a link opens, while it may still be confirmed.
    pub async fn signup_request_by_token(
        &self,
        token_hash: &str,
        now: DateTime<Utc>,
    ) -> Result<Option<SignupRequestRow>, surrealdb::Error> {
        self.db()
            .query(format!(
                "SELECT {FIELDS} FROM signup_request
                 WHERE token_hash = $hash AND taken = false AND expires_at > $now LIMIT 1"
            ))
            .bind(("hash", token_hash.to_string()))
            .bind(("now", now))
            .first()
            .await
    }

    /// The requests waiting for `email`, newest first: what support sees of someone
    /// who says their link never came.
    pub async fn signup_requests_for(&self, email: &str) -> Result<Vec<SignupRequestRow>, surrealdb::Error> {
        self.db()
            .query(format!(
                "SELECT {FIELDS} FROM signup_request WHERE email = $email ORDER BY created_at DESC"
            ))
            .bind(("email", email.to_string()))
            .rows()
            .await
    }

    /// Creates the request's organisation with `admin` (`request.admin()`) and forgets
    /// every request for the same address, all together; a second confirmation of the
    /// same link finds the request gone.
    pub async fn confirm_signup(
        &self,
        request: &SignupRequestRow,
        admin: NewUser,
        now: DateTime<Utc>,
    ) -> Result<(RecordId, RecordId), ConfirmError> {
        let org_id = new_id("org");
        let user_id = new_id("user");
        let query = self
            .db()
            .query(format!(
                "BEGIN TRANSACTION;
                 IF (SELECT VALUE id FROM ONLY $request) = NONE {{ THROW '{USED}'; }};
                 DELETE signup_request WHERE email = $email;
                 CREATE $org_id CONTENT {{ name: $name, created_at: $now }};
                 CREATE $user_id CONTENT $user;
                 COMMIT TRANSACTION;"
            ))
            .bind(("request", request.id.clone()))
            .bind(("email", request.email.clone()))
            .bind(("org_id", org_id.clone()))
            .bind(("user_id", user_id.clone()))
            .bind(("name", request.organisation_name.clone()))
            .bind(("now", now))
            .bind(("user", admin.into_content(org_id.clone(), now)));
        match run(query).await {
            Ok(_) => Ok((org_id, user_id)),
            Err(e) if e.to_string().contains(USED) => Err(ConfirmError::Used),
            Err(e) => match CreateOrgError::from_db(e) {
                CreateOrgError::EmailTaken => Err(ConfirmError::EmailTaken),
                CreateOrgError::Db(e) => Err(ConfirmError::Db(e)),
            },
        }
    }

    /// Forgets up to `limit` requests whose link expired. Returns how many.
    pub async fn expire_signup_requests(&self, now: DateTime<Utc>, limit: u32) -> Result<u32, surrealdb::Error> {
        self.delete_expired("signup_request", now, limit).await
    }
}
