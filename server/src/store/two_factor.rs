//! Two-factor sign-in's stored state: a person's authenticator secret, the one being
//! set up, the last code's time step, and the organisation's rule for its admins.

use surrealdb::types::RecordId;

use super::{Store, changed_any, run};

impl Store {
    /// Keeps `secret` as the one being set up (replacing an earlier unconfirmed one).
    pub async fn set_pending_totp(
        &self,
        org: &RecordId,
        user: &RecordId,
        secret: &str,
    ) -> Result<(), surrealdb::Error> {
        run(self
            .db()
            .query("UPDATE $user SET totp_pending = $secret WHERE org = $org")
            .bind(("user", user.clone()))
            .bind(("org", org.clone()))
            .bind(("secret", secret.to_string())))
        .await?;
        Ok(())
    }

    /// Makes the secret being set up the person's own, if it is still `secret`, with
    /// `step` as its first code used; their sessions waiting for it may go on.
    pub async fn confirm_totp(
        &self,
        org: &RecordId,
        user: &RecordId,
        secret: &str,
        step: i64,
    ) -> Result<bool, surrealdb::Error> {
        let confirmed = changed_any(
            run(self
                .db()
                .query(
                    "UPDATE $user SET totp_secret = $secret, totp_pending = NONE, totp_last_step = $step
                     WHERE org = $org AND totp_pending = $secret RETURN VALUE id",
                )
                .bind(("user", user.clone()))
                .bind(("org", org.clone()))
                .bind(("secret", secret.to_string()))
                .bind(("step", step)))
            .await?,
        )?;
        if confirmed {
            run(self
                .db()
                .query("UPDATE session SET setup_two_factor = NONE WHERE org = $org AND user = $user")
                .bind(("user", user.clone()))
                .bind(("org", org.clone())))
            .await?;
        }
        Ok(confirmed)
    }

    /// Takes a code's time step as used, if no code of the same or a later step was:
    /// `false` means it was used already.
    pub async fn use_totp_step(&self, org: &RecordId, user: &RecordId, step: i64) -> Result<bool, surrealdb::Error> {
        changed_any(
            run(self
                .db()
                .query(
                    "UPDATE $user SET totp_last_step = $step
                     WHERE org = $org AND totp_secret != NONE AND (totp_last_step = NONE OR totp_last_step < $step)
                     RETURN VALUE id",
                )
                .bind(("user", user.clone()))
                .bind(("org", org.clone()))
                .bind(("step", step)))
            .await?,
        )
    }

    /// Forgets the person's second factor.
    pub async fn remove_totp(&self, org: &RecordId, user: &RecordId) -> Result<(), surrealdb::Error> {
        run(self
            .db()
            .query("UPDATE $user SET totp_secret = NONE, totp_pending = NONE, totp_last_step = NONE WHERE org = $org")
            .bind(("user", user.clone()))
            .bind(("org", org.clone())))
        .await?;
        Ok(())
    }

    /// Sets whether admins must sign in with a second factor. Turning it on holds the
    /// sessions of admins without one to setting it up, at once; turning it off lets
    /// them go.
    pub async fn set_admins_two_factor(&self, org: &RecordId, required: bool) -> Result<(), surrealdb::Error> {
        run(self
            .db()
            .query(
                "BEGIN TRANSACTION;
                 UPDATE $org SET admins_two_factor = $required;
                 IF $required {
                     LET $without = (SELECT VALUE id FROM user
                         WHERE org = $org AND role = 'admin' AND totp_secret = NONE);
                     UPDATE session SET setup_two_factor = true WHERE org = $org AND user IN $without;
                 } ELSE {
                     UPDATE session SET setup_two_factor = NONE WHERE org = $org AND setup_two_factor = true;
                 };
                 COMMIT TRANSACTION;",
            )
            .bind(("org", org.clone()))
            .bind(("required", required)))
        .await?;
        Ok(())
    }

    /// Holds `user`'s sessions to setting up a second factor (made an admin where
    /// admins must have one).
    pub async fn hold_for_two_factor(&self, org: &RecordId, user: &RecordId) -> Result<(), surrealdb::Error> {
        run(self
            .db()
            .query("UPDATE session SET setup_two_factor = true WHERE org = $org AND user = $user")
            .bind(("org", org.clone()))
            .bind(("user", user.clone())))
        .await?;
        Ok(())
    }
}
