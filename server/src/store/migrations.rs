//! Versioned schema migrations, applied in order at start. Each runs in one
//! transaction together with the record of its version, so a crash mid-migration
//! leaves the previous version intact.

use surrealdb::Surreal;
use surrealdb::engine::any::Any;
use surrealdb::types::SurrealValue;

use super::StoreError;

struct Migration {
    version: u32,
    name: &'static str,
    surql: &'static str,
}

const MIGRATIONS: &[Migration] = &[
    Migration {
        version: 1,
        name: "organisations, users, sessions, invitations, outbox",
        surql: include_str!("migrations/0001_foundation.surql"),
    },
    Migration {
        version: 2,
        name: "accounts, contacts, survey rounds and links",
        surql: include_str!("migrations/0002_accounts_surveys.surql"),
    },
    Migration {
        version: 3,
        name: "edited survey templates",
        surql: include_str!("migrations/0003_survey_templates.surql"),
    },
    Migration {
        version: 4,
        name: "counter-feedback, requests, actions, sync mutations, analysis corrections",
        surql: include_str!("migrations/0004_counter_feedback.surql"),
    },
    Migration {
        version: 5,
        name: "feedback cycles, scheduler leases and job runs, mail delivery, opt-outs",
        surql: include_str!("migrations/0005_cycles_mail.surql"),
    },
    Migration {
        version: 6,
        name: "account evidence for health over time, action sources, health weights",
        surql: include_str!("migrations/0006_account_evidence.surql"),
    },
    Migration {
        version: 7,
        name: "cases: triggers, LATTE steps, events, service levels",
        surql: include_str!("migrations/0007_cases.surql"),
    },
    Migration {
        version: 8,
        name: "the version of each organisation's analysis model",
        surql: include_str!("migrations/0008_analysis_version.surql"),
    },
    Migration {
        version: 9,
        name: "cases: the re-pulse after closing",
        surql: include_str!("migrations/0009_case_repulse.surql"),
    },
    Migration {
        version: 10,
        name: "outcomes with their history, month-end account snapshots, applied weight proposals",
        surql: include_str!("migrations/0010_outcomes_snapshots.surql"),
    },
    Migration {
        version: 11,
        name: "security: links issued at send time, outbox retention",
        surql: include_str!("migrations/0011_security.surql"),
    },
    Migration {
        version: 12,
        name: "the optional language-model adapter: settings and proposals",
        surql: include_str!("migrations/0012_language_model.surql"),
    },
    Migration {
        version: 13,
        name: "initiatives: their evidence, status history and dismissed suggestions",
        surql: include_str!("migrations/0013_initiatives.surql"),
    },
    Migration {
        version: 14,
        name: "you said, we did: the lead's reviews and every telling",
        surql: include_str!("migrations/0014_said_we_did.surql"),
    },
    Migration {
        version: 15,
        name: "customer messages, taught domains, organisation API keys",
        surql: include_str!("migrations/0015_messages.surql"),
    },
    Migration {
        version: 16,
        name: "the expectation chain: promises and their breaches; topic owners",
        surql: include_str!("migrations/0016_promises.surql"),
    },
    Migration {
        version: 17,
        name: "band probabilities calibrated from the organisation's outcomes",
        surql: include_str!("migrations/0017_band_probabilities.surql"),
    },
    Migration {
        version: 18,
        name: "digests: which periods of which kind were emailed",
        surql: include_str!("migrations/0018_digests.surql"),
    },
    Migration {
        version: 19,
        name: "segments by need: the adopted names",
        surql: include_str!("migrations/0019_need_segments.surql"),
    },
    Migration {
        version: 20,
        name: "topic owners' replies in the account's timeline",
        surql: include_str!("migrations/0020_topic_replies.surql"),
    },
    Migration {
        version: 21,
        name: "the team's fulfilment per aspect, and breaches of promises by it",
        surql: include_str!("migrations/0021_team_fulfilment.surql"),
    },
    Migration {
        version: 22,
        name: "a broken promise's contact name can be erased",
        surql: include_str!("migrations/0022_erasure.surql"),
    },
    Migration {
        version: 23,
        name: "how long what customers said is kept",
        surql: include_str!("migrations/0023_retention.surql"),
    },
    Migration {
        version: 24,
        name: "deleting an account or the organisation after a grace period",
        surql: include_str!("migrations/0024_deletion.surql"),
    },
    Migration {
        version: 25,
        name: "response rate alerts",
        surql: include_str!("migrations/0025_response_rate.surql"),
    },
    Migration {
        version: 26,
        name: "saved heatmap views",
        surql: include_str!("migrations/0026_saved_views.surql"),
    },
    Migration {
        version: 27,
        name: "the organisation's logo and accent colour",
        surql: include_str!("migrations/0027_brand.surql"),
    },
    Migration {
        version: 28,
        name: "rate limits kept in the database",
        surql: include_str!("migrations/0028_throttle.surql"),
    },
    Migration {
        version: 29,
        name: "two-factor sign-in",
        surql: include_str!("migrations/0029_two_factor.surql"),
    },
    Migration {
        version: 30,
        name: "sign-ups confirmed by email",
        surql: include_str!("migrations/0030_signup_request.surql"),
    },
    Migration {
        version: 31,
        name: "outgoing webhooks",
        surql: include_str!("migrations/0031_webhooks.surql"),
    },
    Migration {
        version: 32,
        name: "the customer mailbox",
        surql: include_str!("migrations/0032_mailbox.surql"),
    },
    Migration {
        version: 33,
        name: "stamps of what each account's topics are heard in",
        surql: include_str!("migrations/0033_topic_stamp.surql"),
    },
    Migration {
        version: 34,
        name: "changes logged a row each instead of one row per account",
        surql: include_str!("migrations/0034_change_logs.surql"),
    },
];

pub const SCHEMA_VERSION: u32 = MIGRATIONS[MIGRATIONS.len() - 1].version;

#[derive(SurrealValue)]
struct Applied {
    version: i64,
}

pub(super) async fn apply(db: &Surreal<Any>) -> Result<(), StoreError> {
    apply_through(db, SCHEMA_VERSION).await
}

/// Applies the migrations not applied yet, up to `last`.
async fn apply_through(db: &Surreal<Any>, last: u32) -> Result<(), StoreError> {
    let fail = |version| move |source| StoreError::Migration { version, source };
    db.query(
        "DEFINE TABLE IF NOT EXISTS schema_migration SCHEMAFULL;
         DEFINE FIELD IF NOT EXISTS version ON schema_migration TYPE int;
         DEFINE FIELD IF NOT EXISTS name ON schema_migration TYPE string;
         DEFINE FIELD IF NOT EXISTS applied_at ON schema_migration TYPE datetime;
         DEFINE INDEX IF NOT EXISTS schema_migration_version ON schema_migration FIELDS version UNIQUE;",
    )
    .await
    .and_then(|r| r.check())
    .map_err(fail(0))?;

    let mut response = db
        .query("SELECT version FROM schema_migration ORDER BY version")
        .await
        .map_err(fail(0))?;
    let applied: Vec<Applied> = response.take(0).map_err(fail(0))?;
    let latest = applied.iter().map(|a| a.version).max().unwrap_or(0);

    for migration in MIGRATIONS
        .iter()
        .filter(|m| i64::from(m.version) > latest && m.version <= last)
    {
        let sql = format!(
            "BEGIN TRANSACTION;\n{}\nCREATE schema_migration CONTENT {{ version: $version, name: $name, applied_at: time::now() }};\nCOMMIT TRANSACTION;",
            migration.surql
        );
        db.query(sql)
            .bind(("version", i64::from(migration.version)))
            .bind(("name", migration.name.to_string()))
            .await
            .and_then(|r| r.check())
            .map_err(fail(migration.version))?;
        tracing::info!(
            version = migration.version,
            name = migration.name,
            "applied schema migration"
        );
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use surrealdb::engine::any;
    use surrealdb::types::RecordId;

    use super::*;

    #[tokio::test]
    async fn evidence_marked_dirty_before_changes_were_logged_is_still_recomputed() {
        let db = any::connect("mem://").await.unwrap();
        db.use_ns("kaiku").use_db("kaiku").await.unwrap();
        apply_through(&db, 33).await.unwrap();
        db.query(
            "CREATE account_evidence:stale SET org = org:acme, account = account:stale, dirty = true,
                 changed_at = time::now();
             CREATE account_evidence:kept SET org = org:acme, account = account:kept, dirty = false,
                 changed_at = time::now(), data_json = '{}';",
        )
        .await
        .and_then(|r| r.check())
        .unwrap();

        apply(&db).await.unwrap();

        let changed: Vec<RecordId> = db
            .query("SELECT VALUE account FROM evidence_change")
            .await
            .unwrap()
            .take(0)
            .unwrap();
        assert_eq!(
            changed,
            vec![RecordId::new("account", "stale")],
            "the dirty one waits for a recompute"
        );
        let dirty: Vec<Option<bool>> = db
            .query("SELECT VALUE dirty FROM account_evidence")
            .await
            .unwrap()
            .take(0)
            .unwrap();
        assert_eq!(dirty, vec![None, None], "no record keeps the old flag");
    }
}
