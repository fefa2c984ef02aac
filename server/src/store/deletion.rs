//! Deleting an account or a whole organisation for good, once the grace period an
//! admin asked for it with is over (`kaiku_core::privacy::DELETION_GRACE_DAYS`).
//!
//! Every table of the schema is either deleted by organisation (all but
//! [`NOT_OF_AN_ORGANISATION`]) and classified for an account's deletion below; a test
//! fails when a table is added without being classified.

use chrono::{DateTime, Utc};
use surrealdb::types::RecordId;

use super::accounts::AccountRow;
use super::counterfeedback::{Email, outbox_messages};
use super::{Store, changed_any, run};

/// Tables whose rows are not any organisation's: the scheduler's, the schema's, the
/// rate limits' (keyed by hashes of emails and addresses, gone within minutes) and
/// the sign-ups waiting for their address (no organisation yet, gone within a day).
pub const NOT_OF_AN_ORGANISATION: &[&str] = &[
    "org",
    "lease",
    "job_run",
    "schema_migration",
    "throttle",
    "signup_request",
];

/// Tables whose rows of an account carry it in `account`. The evidence record and its
/// changes go last: deleting the rows above logs changes of the account.
const OF_AN_ACCOUNT: &[&str] = &[
    "webhook_delivery",
    "promise_breach",
    "promise",
    "language_model_proposal",
    "we_did_told",
    "we_did_review",
    "topic_reply",
    "taught_domain",
    "message",
    "action",
    "counter_feedback",
    "cf_request",
    "survey_link",
    "survey_round",
    "cycle_event",
    "account_cycle",
    "customer_case",
    "outcome",
    "account_snapshot",
    "contact",
];

/// Tables whose rows of an account are reached through another of its records (the
/// statements of [`purge_account`]), or rewritten rather than deleted (`initiative`,
/// which loses the account from its lists), or kept (`topic_stamp`, which tells every
/// process's topic cache that the account is gone; it holds only the ids).
#[cfg(test)]
const REACHED_FROM_AN_ACCOUNT: &[&str] = &[
    "link_token",
    "optout_token",
    "repulse_token",
    "outbox",
    "case_trigger",
    "case_step",
    "case_event",
    "case_repulse",
    "outcome_revision",
    "analysis_correction",
    "initiative",
    "account_evidence",
    "evidence_change",
    "topic_stamp",
];

/// The organisation's own tables, which no one account's deletion touches.
#[cfg(test)]
const OF_THE_WHOLE_ORGANISATION: &[&str] = &[
    "mailbox",
    "webhook",
    "user",
    "session",
    "invitation",
    "invitation_token",
    "survey_template",
    "applied_mutation",
    "audit_event",
    "language_model",
    "initiative_event",
    "suggestion_dismissal",
    "api_key",
    "message_seen",
    "topic_owner",
    "topic_seen",
    "digest_sent",
    "need_segment",
    "saved_view",
    "logo",
    "weights_change",
];

impl Store {
    /// Asks for (`Some`) or takes back (`None`) the deletion of an archived account;
    /// false when there is no such archived account.
    pub async fn set_account_deletion(
        &self,
        org: &RecordId,
        account: &RecordId,
        at: Option<DateTime<Utc>>,
    ) -> Result<bool, surrealdb::Error> {
        changed_any(
            run(self
                .db()
                .query("UPDATE $account SET delete_after = $at WHERE org = $org AND archived = true RETURN VALUE id")
                .bind(("account", account.clone()))
                .bind(("org", org.clone()))
                .bind(("at", at)))
            .await?,
        )
    }

    /// Up to `limit` accounts whose deletion is due, of every organisation.
    pub async fn accounts_due_for_deletion(
        &self,
        now: DateTime<Utc>,
        limit: u32,
    ) -> Result<Vec<AccountRow>, surrealdb::Error> {
        self.db()
            .query("SELECT * FROM account WHERE delete_after != NONE AND delete_after <= $now LIMIT $limit")
            .bind(("now", now))
            .bind(("limit", limit))
            .rows()
            .await
    }

    /// Deletes the account and everything of it in one transaction: its records, those
    /// reached through them, the analysis corrections made on `texts` (its customers'
    /// words), and its place in initiatives.
    pub async fn purge_account(
        &self,
        org: &RecordId,
        account: &RecordId,
        texts: Vec<String>,
    ) -> Result<(), surrealdb::Error> {
        let owned: String = OF_AN_ACCOUNT
            .iter()
            .map(|table| format!("DELETE {table} WHERE org = $org AND account = $account;\n"))
            .collect();
        let query = self
            .db()
            .query(format!(
                "BEGIN TRANSACTION;
                 LET $links = (SELECT VALUE id FROM survey_link WHERE org = $org AND account = $account);
                 LET $contacts = (SELECT VALUE id FROM contact WHERE org = $org AND account = $account);
                 LET $cases = (SELECT VALUE id FROM customer_case WHERE org = $org AND account = $account);
                 LET $repulses = (SELECT VALUE id FROM case_repulse WHERE org = $org AND customer_case IN $cases);
                 LET $feedback = (SELECT VALUE id FROM counter_feedback WHERE org = $org AND account = $account);
                 LET $outcomes = (SELECT VALUE id FROM outcome WHERE org = $org AND account = $account);
                 DELETE link_token WHERE org = $org AND link IN $links;
                 DELETE optout_token WHERE org = $org AND contact IN $contacts;
                 DELETE repulse_token WHERE org = $org AND repulse IN $repulses;
                 DELETE outbox WHERE org = $org AND ((survey_link != NONE AND survey_link IN $links)
                     OR (opt_out_contact != NONE AND opt_out_contact IN $contacts)
                     OR (repulse != NONE AND repulse IN $repulses));
                 DELETE case_trigger WHERE org = $org AND customer_case IN $cases;
                 DELETE case_step WHERE org = $org AND customer_case IN $cases;
                 DELETE case_event WHERE org = $org AND customer_case IN $cases;
                 DELETE case_repulse WHERE org = $org AND id IN $repulses;
                 DELETE outcome_revision WHERE org = $org AND outcome IN $outcomes;
                 DELETE analysis_correction WHERE org = $org AND text IN $texts;
                 UPDATE initiative SET accounts = array::complement(accounts, [$account]),
                     answers = array::complement(answers, $links),
                     counter_feedback = array::complement(counter_feedback, $feedback),
                     cases = array::complement(cases, $cases)
                     WHERE org = $org AND accounts CONTAINS $account;
                 {owned}
                 DELETE account WHERE org = $org AND id = $account;
                 DELETE account_evidence WHERE org = $org AND account = $account;
                 DELETE evidence_change WHERE org = $org AND account = $account;
                 COMMIT TRANSACTION;"
            ))
            .bind(("org", org.clone()))
            .bind(("account", account.clone()))
            .bind(("texts", texts));
        run(query).await.map(|_| ())
    }

    /// Asks for (`Some`) or takes back (`None`) the deletion of the organisation, with
    /// the `emails` that tell of it.
    pub async fn set_org_deletion(
        &self,
        org: &RecordId,
        at: Option<DateTime<Utc>>,
        emails: &[Email],
        now: DateTime<Utc>,
    ) -> Result<(), surrealdb::Error> {
        run(self
            .db()
            .query(
                "BEGIN TRANSACTION;
                 UPDATE $org SET delete_after = $at;
                 FOR $message IN $messages { CREATE outbox CONTENT $message; };
                 COMMIT TRANSACTION;",
            )
            .bind(("org", org.clone()))
            .bind(("at", at))
            .bind(("messages", outbox_messages(org, emails, now))))
        .await
        .map(|_| ())
    }

    /// The organisations whose deletion is due.
    pub async fn orgs_due_for_deletion(&self, now: DateTime<Utc>) -> Result<Vec<RecordId>, surrealdb::Error> {
        self.db()
            .query("SELECT VALUE id FROM org WHERE delete_after != NONE AND delete_after <= $now")
            .bind(("now", now))
            .rows()
            .await
    }

    /// Deletes the organisation and every row of it, in every table (its security log
    /// too), in one transaction. The tables are read from the schema, so one added
    /// later is not left behind.
    pub async fn purge_org(&self, org: &RecordId) -> Result<(), surrealdb::Error> {
        let query = self
            .db()
            .query(
                "BEGIN TRANSACTION;
                 UPDATE $org SET purging = true;
                 LET $tables = array::complement(object::keys((INFO FOR DB).tables), $global);
                 FOR $table IN $tables {
                     DELETE type::table($table) WHERE org = $org;
                 };
                 DELETE account_evidence WHERE org = $org;
                 DELETE evidence_change WHERE org = $org;
                 DELETE topic_stamp WHERE org = $org;
                 DELETE $org;
                 COMMIT TRANSACTION;",
            )
            .bind(("org", org.clone()))
            .bind(("global", NOT_OF_AN_ORGANISATION.to_vec()));
        run(query).await.map(|_| ())
    }

    /// The schema's tables, for the test that every one is classified above.
    #[cfg(test)]
    async fn tables(&self) -> Vec<String> {
        let mut response = run(self.db().query("RETURN object::keys((INFO FOR DB).tables)"))
            .await
            .unwrap();
        response.take::<Vec<String>>(0).unwrap()
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use super::*;

    #[tokio::test]
    async fn every_table_is_classified_for_deleting_an_account_and_an_organisation() {
        let store = Store::open("mem://", None).await.unwrap();
        let tables: BTreeSet<String> = store.tables().await.into_iter().collect();
        let classified: Vec<&str> = [
            NOT_OF_AN_ORGANISATION,
            OF_AN_ACCOUNT,
            REACHED_FROM_AN_ACCOUNT,
            OF_THE_WHOLE_ORGANISATION,
        ]
        .concat();
        let unique: BTreeSet<String> = classified.iter().map(|t| (*t).to_string()).collect();
        assert_eq!(unique.len(), classified.len(), "a table is classified twice");
        let mut expected = unique;
        expected.insert("account".into());
        let unclassified: Vec<_> = tables.difference(&expected).collect();
        let gone: Vec<_> = expected.difference(&tables).collect();
        assert!(
            unclassified.is_empty(),
            "classify these tables in store/deletion.rs: {unclassified:?}"
        );
        assert!(gone.is_empty(), "these tables are no longer in the schema: {gone:?}");
    }
}
