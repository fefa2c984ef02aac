use chrono::{DateTime, Utc};
use surrealdb::types::{RecordId, SurrealValue};

use super::{Store, is_conflict, new_id, run};

#[derive(Debug, Clone, SurrealValue)]
pub struct SessionRow {
    pub id: RecordId,
    pub org: RecordId,
    pub user: RecordId,
    pub created_at: DateTime<Utc>,
    pub last_seen_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
    pub device: Option<String>,
    /// Started by an admin who must set up two-factor sign-in first (migration 29).
    pub setup_two_factor: Option<bool>,
}

#[derive(SurrealValue)]
struct SessionContent {
    org: RecordId,
    user: RecordId,
    token_hash: String,
    created_at: DateTime<Utc>,
    last_seen_at: DateTime<Utc>,
    expires_at: DateTime<Utc>,
    device: Option<String>,
    setup_two_factor: Option<bool>,
}

const SESSION_FIELDS: &str = "id, org, user, created_at, last_seen_at, expires_at, device, setup_two_factor";

/// A session about to start; its token is kept only as this hash.
pub struct NewSession {
    pub token_hash: String,
    pub device: Option<String>,
    pub created_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
    pub setup_two_factor: bool,
}

impl Store {
    pub async fn create_session(
        &self,
        org: &RecordId,
        user: &RecordId,
        session: NewSession,
    ) -> Result<(), surrealdb::Error> {
        run(self
            .db()
            .query("CREATE $id CONTENT $content")
            .bind(("id", new_id("session")))
            .bind((
                "content",
                SessionContent {
                    org: org.clone(),
                    user: user.clone(),
                    token_hash: session.token_hash,
                    created_at: session.created_at,
                    last_seen_at: session.created_at,
                    expires_at: session.expires_at,
                    device: session.device,
                    setup_two_factor: session.setup_two_factor.then_some(true),
                },
            )))
        .await?;
        Ok(())
    }

    /// Sessions are found by the hash of their secret token; the token is proof
    /// enough, so there is no organisation to filter by yet.
    pub async fn session_by_token_hash(&self, token_hash: &str) -> Result<Option<SessionRow>, surrealdb::Error> {
        self.db()
            .query(format!(
                "SELECT {SESSION_FIELDS} FROM session WHERE token_hash = $hash LIMIT 1"
            ))
            .bind(("hash", token_hash.to_string()))
            .first()
            .await
    }

    /// Stamps the session as seen. Parallel requests of one session race to stamp
    /// it at the same moment; the loser's stamp is the winner's, so a conflict is
    /// not an error and is not sent again.
    pub async fn touch_session(&self, session: &SessionRow, now: DateTime<Utc>) -> Result<(), surrealdb::Error> {
        let touched = run(self
            .db()
            .query("UPDATE $id SET last_seen_at = $now WHERE org = $org")
            .bind(("id", session.id.clone()))
            .bind(("org", session.org.clone()))
            .bind(("now", now))
            .single_attempt())
        .await;
        match touched {
            Err(e) if !is_conflict(&e) => Err(e),
            _ => Ok(()),
        }
    }

    pub async fn delete_session(&self, session: &SessionRow) -> Result<(), surrealdb::Error> {
        run(self
            .db()
            .query("DELETE $id WHERE org = $org")
            .bind(("id", session.id.clone()))
            .bind(("org", session.org.clone())))
        .await?;
        Ok(())
    }

    /// A person's sessions, most recently seen first.
    pub async fn sessions_of(&self, org: &RecordId, user: &RecordId) -> Result<Vec<SessionRow>, surrealdb::Error> {
        self.db()
            .query(format!(
                "SELECT {SESSION_FIELDS} FROM session WHERE user = $user AND org = $org ORDER BY last_seen_at DESC"
            ))
            .bind(("user", user.clone()))
            .bind(("org", org.clone()))
            .rows()
            .await
    }
    /// Ends every session of a user except `keep` (after a password change).
    pub async fn delete_other_sessions(&self, session: &SessionRow) -> Result<(), surrealdb::Error> {
        run(self
            .db()
            .query("DELETE session WHERE user = $user AND org = $org AND id != $keep")
            .bind(("user", session.user.clone()))
            .bind(("org", session.org.clone()))
            .bind(("keep", session.id.clone())))
        .await?;
        Ok(())
    }
}
