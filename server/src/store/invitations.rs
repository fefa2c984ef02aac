use chrono::{DateTime, Utc};
use kaiku_core::Role;
use kaiku_core::api::InvitationView;
use surrealdb::types::{RecordId, SurrealValue};

use super::outbox::OutboxContent;
use super::users::NewUser;
use super::{Store, changed_any, is_unique_violation, key_of, new_id, run};

#[derive(Debug, Clone, SurrealValue)]
pub struct InvitationRow {
    pub id: RecordId,
    pub org: RecordId,
    pub email: String,
    pub role: String,
    pub created_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
    pub accepted_at: Option<DateTime<Utc>>,
    pub revoked_at: Option<DateTime<Utc>>,
}

impl InvitationRow {
    pub fn role(&self) -> Role {
        Role::from_code(&self.role).unwrap_or(Role::Member)
    }

    pub fn is_open(&self, now: DateTime<Utc>) -> bool {
        self.accepted_at.is_none() && self.revoked_at.is_none() && self.expires_at > now
    }

    pub fn view(&self, link: Option<String>) -> InvitationView {
        InvitationView {
            id: key_of(&self.id),
            email: self.email.clone(),
            role: self.role(),
            created_at: self.created_at,
            expires_at: self.expires_at,
            link,
        }
    }
}

#[derive(SurrealValue)]
struct InvitationContent {
    org: RecordId,
    email: String,
    role: String,
    token_hash: String,
    invited_by: RecordId,
    created_at: DateTime<Utc>,
    expires_at: DateTime<Utc>,
}

pub struct NewInvitation {
    pub email: String,
    pub role: Role,
    pub token_hash: String,
    pub invited_by: RecordId,
    pub expires_at: DateTime<Utc>,
}

#[derive(Debug, thiserror::Error)]
pub enum AcceptError {
    #[error("the invitation is expired, used, revoked or unknown")]
    Invalid,
    #[error("the email is already in use")]
    EmailTaken,
    #[error(transparent)]
    Db(#[from] surrealdb::Error),
}

const FIELDS: &str = "id, org, email, role, created_at, expires_at, accepted_at, revoked_at";

impl Store {
    /// Creates the invitation and records its email (the link issued as it is sent),
    /// together.
    pub async fn create_invitation(
        &self,
        org: &RecordId,
        new: NewInvitation,
        (subject, body): (&str, &str),
        now: DateTime<Utc>,
    ) -> Result<InvitationRow, surrealdb::Error> {
        let id = new_id("invitation");
        let message = OutboxContent::new(org, &new.email, subject, body, now).with_invitation(&id);
        run(self
            .db()
            .query(
                "BEGIN TRANSACTION;
                 CREATE $id CONTENT $invitation;
                 CREATE $message_id CONTENT $message;
                 COMMIT TRANSACTION;",
            )
            .bind(("id", id.clone()))
            .bind(("message_id", new_id("outbox")))
            .bind(("message", message))
            .bind((
                "invitation",
                InvitationContent {
                    org: org.clone(),
                    email: new.email,
                    role: new.role.code().to_string(),
                    token_hash: new.token_hash,
                    invited_by: new.invited_by,
                    created_at: now,
                    expires_at: new.expires_at,
                },
            )))
        .await?;
        let mut response = run(self
            .db()
            .query(format!("SELECT {FIELDS} FROM invitation WHERE id = $id"))
            .bind(("id", id)))
        .await?;
        let rows: Vec<InvitationRow> = response.take(0)?;
        rows.into_iter()
            .next()
            .ok_or_else(|| surrealdb::Error::internal("invitation vanished after create".into()))
    }

    /// The token is the secret; it identifies the invitation and its organisation.
    /// The inviter's link and every emailed one (`invitation_token`) open it.
    pub async fn invitation_by_token_hash(&self, hash: &str) -> Result<Option<InvitationRow>, surrealdb::Error> {
        let mut response = run(self
            .db()
            .query(format!(
                "SELECT {FIELDS} FROM invitation WHERE token_hash = $hash LIMIT 1;
                 SELECT {FIELDS} FROM (SELECT VALUE invitation FROM invitation_token WHERE token_hash = $hash LIMIT 1)"
            ))
            .bind(("hash", hash.to_string())))
        .await?;
        let direct: Vec<InvitationRow> = response.take(0)?;
        let emailed: Vec<InvitationRow> = response.take(1)?;
        Ok(direct.into_iter().chain(emailed).next())
    }

    pub async fn open_invitations(
        &self,
        org: &RecordId,
        now: DateTime<Utc>,
    ) -> Result<Vec<InvitationRow>, surrealdb::Error> {
        self.db()
            .query(format!(
                "SELECT {FIELDS} FROM invitation WHERE org = $org AND accepted_at = NONE AND revoked_at = NONE AND expires_at > $now ORDER BY created_at DESC"
            ))
            .bind(("org", org.clone()))
            .bind(("now", now))
            .rows()
            .await
    }

    /// Returns whether an open invitation was revoked.
    pub async fn revoke_invitation(
        &self,
        org: &RecordId,
        id: &RecordId,
        now: DateTime<Utc>,
    ) -> Result<bool, surrealdb::Error> {
        changed_any(run(
            self.db()
                .query("UPDATE $id SET revoked_at = $now WHERE org = $org AND accepted_at = NONE AND revoked_at = NONE RETURN VALUE id")
                .bind(("id", id.clone()))
                .bind(("org", org.clone()))
                .bind(("now", now)),
        )
        .await?)
    }

    /// Claims the invitation and creates the user in one transaction, so a link
    /// works exactly once even when two people click it at the same moment.
    pub async fn accept_invitation(
        &self,
        invitation: &InvitationRow,
        user: NewUser,
        now: DateTime<Utc>,
    ) -> Result<RecordId, AcceptError> {
        let user_id = new_id("user");
        let query = self
            .db()
            .query(
                "BEGIN TRANSACTION;
                 LET $claimed = (UPDATE $invitation SET accepted_at = $now
                     WHERE org = $org AND accepted_at = NONE AND revoked_at = NONE AND expires_at > $now
                     RETURN VALUE id);
                 IF array::len($claimed) == 0 { THROW 'invitation_invalid'; };
                 CREATE $user_id CONTENT $user;
                 COMMIT TRANSACTION;",
            )
            .bind(("invitation", invitation.id.clone()))
            .bind(("org", invitation.org.clone()))
            .bind(("now", now))
            .bind(("user_id", user_id.clone()))
            .bind(("user", user.into_content(invitation.org.clone(), now)));
        match run(query).await {
            Ok(_) => Ok(user_id),
            Err(e) if e.to_string().contains("invitation_invalid") => Err(AcceptError::Invalid),
            Err(e) if is_unique_violation(&e) => Err(AcceptError::EmailTaken),
            Err(e) => Err(e.into()),
        }
    }
}
