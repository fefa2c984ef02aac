//! The language-model adapter's settings and the proposals it stored (migration 12).

use chrono::{DateTime, Utc};
use kaiku_core::language_model::{AnswerProposal, LanguageModelInput};
use surrealdb::types::{RecordId, SurrealValue};

use super::decode::{self, Unreadable};
use super::surveys::LinkRow;
use super::{Store, key_of, run, to_json};

/// An organisation's settings as stored; `api_key` never leaves the server except
/// in the `Authorization` header of a call to the endpoint.
#[derive(Clone, SurrealValue)]
pub struct LanguageModelRow {
    pub org: RecordId,
    pub enabled: bool,
    pub base_url: String,
    pub model: String,
    pub timeout_secs: i64,
    pub api_key: Option<String>,
    pub enabled_at: Option<DateTime<Utc>>,
}

impl std::fmt::Debug for LanguageModelRow {
    /// Without the key, should a row ever be logged.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LanguageModelRow")
            .field("org", &self.org)
            .field("enabled", &self.enabled)
            .field("base_url", &self.base_url)
            .field("model", &self.model)
            .field("timeout_secs", &self.timeout_secs)
            .field("api_key_set", &self.api_key.is_some())
            .finish()
    }
}

#[derive(SurrealValue)]
pub struct ProposalRow {
    pub link: RecordId,
    proposals_json: String,
}

impl ProposalRow {
    pub fn proposals(&self) -> Result<Vec<AnswerProposal>, Unreadable> {
        decode::json(&self.link, "proposals_json", &self.proposals_json)
    }
}

#[derive(SurrealValue)]
struct ProposalContent {
    org: RecordId,
    link: RecordId,
    account: RecordId,
    proposals_json: String,
    created_at: DateTime<Utc>,
}

impl Store {
    pub async fn language_model(&self, org: &RecordId) -> Result<Option<LanguageModelRow>, surrealdb::Error> {
        self
            .db()
            .query("SELECT org, enabled, base_url, model, timeout_secs, api_key, enabled_at FROM language_model WHERE org = $org")
            .bind(("org", org.clone()))
            .first()
            .await
    }

    /// Saves checked settings. The key is replaced only when a new one is given and
    /// removed only when asked; `enabled_at` moves only when it is turned on.
    pub async fn set_language_model(
        &self,
        org: &RecordId,
        input: &LanguageModelInput,
        now: DateTime<Utc>,
    ) -> Result<(), surrealdb::Error> {
        run(self
            .db()
            .query(
                "BEGIN TRANSACTION;
                 LET $old = (SELECT enabled, enabled_at, api_key FROM language_model WHERE org = $org)[0];
                 UPSERT $id SET org = $org, enabled = $enabled, base_url = $base_url, model = $model,
                     timeout_secs = $timeout_secs,
                     api_key = IF $clear_key { NONE } ELSE { $api_key ?? $old.api_key },
                     enabled_at = IF $enabled AND !($old.enabled ?? false) { $now } ELSE { $old.enabled_at },
                     updated_at = $now;
                 COMMIT TRANSACTION;",
            )
            .bind(("id", RecordId::new("language_model", key_of(org))))
            .bind(("org", org.clone()))
            .bind(("enabled", input.enabled))
            .bind(("base_url", input.base_url.trim().to_string()))
            .bind(("model", input.model.trim().to_string()))
            .bind(("timeout_secs", i64::from(input.timeout_secs)))
            .bind(("api_key", input.api_key.clone()))
            .bind(("clear_key", input.clear_api_key))
            .bind(("now", now)))
        .await?;
        Ok(())
    }

    /// Every organisation that turned the adapter on, for the scheduler.
    pub async fn enabled_language_models(&self) -> Result<Vec<LanguageModelRow>, surrealdb::Error> {
        self.db()
            .query(
                "SELECT org, enabled, base_url, model, timeout_secs, api_key, enabled_at FROM language_model
             WHERE enabled = true ORDER BY enabled_at",
            )
            .rows()
            .await
    }

    /// The organisation's responses that arrived since `since` and have not been put
    /// to the model yet, oldest first.
    pub async fn links_awaiting_proposals(
        &self,
        org: &RecordId,
        since: DateTime<Utc>,
        limit: usize,
    ) -> Result<Vec<LinkRow>, surrealdb::Error> {
        self
            .db()
            .query(format!(
                "SELECT {} FROM survey_link
                 WHERE org = $org AND answered_at != NONE AND answered_at >= $since AND analysis_json != NONE
                     AND array::len((SELECT VALUE id FROM language_model_proposal WHERE org = $org AND link = $parent.id)) = 0
                 ORDER BY answered_at LIMIT $limit",
                super::surveys::LINK_FIELDS
            ))
            .bind(("org", org.clone()))
            .bind(("since", since))
            .bind(("limit", i64::try_from(limit).unwrap_or(i64::MAX)))
            .rows()
            .await
    }

    /// Records what the model proposed for a response (once: a second record for
    /// the same link fails the unique index).
    pub async fn save_proposals(
        &self,
        link: &LinkRow,
        proposals: &[AnswerProposal],
        now: DateTime<Utc>,
    ) -> Result<(), surrealdb::Error> {
        run(self.db().query("CREATE language_model_proposal CONTENT $c").bind((
            "c",
            ProposalContent {
                org: link.org.clone(),
                link: link.id.clone(),
                account: link.account.clone(),
                proposals_json: to_json(proposals)?,
                created_at: now,
            },
        )))
        .await?;
        Ok(())
    }

    /// Replaces a response's proposals (a label accepted or dismissed).
    pub async fn update_proposals(
        &self,
        org: &RecordId,
        link: &RecordId,
        proposals: &[AnswerProposal],
    ) -> Result<(), surrealdb::Error> {
        run(self
            .db()
            .query("UPDATE language_model_proposal SET proposals_json = $json WHERE org = $org AND link = $link")
            .bind(("org", org.clone()))
            .bind(("link", link.clone()))
            .bind(("json", to_json(proposals)?)))
        .await?;
        Ok(())
    }

    /// The proposals for one response, if any were made.
    pub async fn proposals(&self, org: &RecordId, link: &RecordId) -> Result<Option<ProposalRow>, surrealdb::Error> {
        self.db()
            .query("SELECT link, proposals_json FROM language_model_proposal WHERE org = $org AND link = $link")
            .bind(("org", org.clone()))
            .bind(("link", link.clone()))
            .first()
            .await
    }

    /// The proposals for an account's responses.
    pub async fn account_proposals(
        &self,
        org: &RecordId,
        account: &RecordId,
    ) -> Result<Vec<ProposalRow>, surrealdb::Error> {
        self.db()
            .query("SELECT link, proposals_json FROM language_model_proposal WHERE org = $org AND account = $account")
            .bind(("org", org.clone()))
            .bind(("account", account.clone()))
            .rows()
            .await
    }
}
