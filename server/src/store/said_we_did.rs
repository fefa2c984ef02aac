//! "You said, we did": the lead's reviews (`we_did_review`) and every telling of an
//! item to a customer (`we_did_told`, each once by its `key`). Tellings are written
//! in the transaction of what tells: the round that sends the invitation, the email
//! sent at once; the survey page's are recorded when the customer opens it.

use chrono::{DateTime, Utc};
use kaiku_core::Lang;
use kaiku_core::said_we_did::{Told, ToldChannel, WeDidEntry, WeDidStatus, WeDidText};
use kaiku_core::survey::{AnswerAnalysis, Localized};
use surrealdb::types::{RecordId, SurrealValue};

use super::counterfeedback::Email;
use super::decode::{self, Unreadable};
use super::outbox::OutboxContent;
use super::{Store, key_of, new_id, run};

#[derive(Debug, Clone, SurrealValue)]
pub struct ReviewRow {
    pub id: RecordId,
    pub item: String,
    pub status: String,
    pub said_fi: String,
    pub said_en: String,
    pub did_fi: String,
    pub did_en: String,
    pub reviewed_by: RecordId,
    pub reviewed_at: DateTime<Utc>,
}

impl ReviewRow {
    pub fn status(&self) -> Result<WeDidStatus, Unreadable> {
        decode::code(&self.id, "status", &self.status, WeDidStatus::from_code)
    }

    pub fn text(&self) -> WeDidText {
        WeDidText {
            said: Localized::new(&self.said_fi, &self.said_en),
            did: Localized::new(&self.did_fi, &self.did_en),
        }
    }
}

/// A review about to be saved: it replaces the item's earlier one.
#[derive(SurrealValue)]
pub struct ReviewContent {
    pub org: RecordId,
    pub account: RecordId,
    pub item: String,
    pub status: String,
    pub said_fi: String,
    pub said_en: String,
    pub did_fi: String,
    pub did_en: String,
    pub reviewed_by: RecordId,
    pub reviewed_at: DateTime<Utc>,
}

impl ReviewContent {
    pub fn new(
        org: &RecordId,
        account: &RecordId,
        item: &str,
        status: WeDidStatus,
        text: WeDidText,
        by: &RecordId,
        now: DateTime<Utc>,
    ) -> ReviewContent {
        ReviewContent {
            org: org.clone(),
            account: account.clone(),
            item: item.to_string(),
            status: status.code().to_string(),
            said_fi: text.said.fi,
            said_en: text.said.en,
            did_fi: text.did.fi,
            did_en: text.did.en,
            reviewed_by: by.clone(),
            reviewed_at: now,
        }
    }
}

#[derive(Debug, Clone, SurrealValue)]
pub struct ToldRow {
    pub id: RecordId,
    pub item: String,
    pub contact: RecordId,
    pub contact_name: String,
    pub channel: String,
    pub language: String,
    pub said: String,
    pub did: String,
    pub told_at: DateTime<Utc>,
}

impl ToldRow {
    pub fn view(&self) -> Result<Told, Unreadable> {
        Ok(Told {
            contact_id: key_of(&self.contact),
            contact_name: self.contact_name.clone(),
            channel: decode::code(&self.id, "channel", &self.channel, ToldChannel::from_code)?,
            told_at: self.told_at,
            language: decode::code(&self.id, "language", &self.language, Lang::from_tag)?,
            said: self.said.clone(),
            did: self.did.clone(),
        })
    }

    pub fn entry(&self) -> WeDidEntry {
        WeDidEntry {
            said: self.said.clone(),
            did: self.did.clone(),
        }
    }
}

/// One telling about to be recorded.
#[derive(Debug, Clone, SurrealValue)]
pub struct ToldContent {
    org: RecordId,
    account: RecordId,
    item: String,
    contact: RecordId,
    contact_name: String,
    channel: String,
    language: String,
    said: String,
    did: String,
    told_at: DateTime<Utc>,
    link: Option<RecordId>,
    outbox: Option<RecordId>,
    key: String,
}

/// Who is told, as a telling records them.
pub struct Listener<'a> {
    pub org: &'a RecordId,
    pub account: &'a RecordId,
    pub contact: &'a RecordId,
    pub contact_name: &'a str,
    pub language: Lang,
}

impl ToldContent {
    fn new(
        to: &Listener<'_>,
        item: &str,
        entry: &WeDidEntry,
        channel: ToldChannel,
        now: DateTime<Utc>,
        via: &RecordId,
    ) -> ToldContent {
        ToldContent {
            org: to.org.clone(),
            account: to.account.clone(),
            item: item.to_string(),
            contact: to.contact.clone(),
            contact_name: to.contact_name.to_string(),
            channel: channel.code().to_string(),
            language: to.language.code().to_string(),
            said: entry.said.clone(),
            did: entry.did.clone(),
            told_at: now,
            link: None,
            outbox: None,
            key: format!("{}:{}:{item}", channel.code(), key_of(via)),
        }
    }

    /// Told on a round's survey link: in its invitation, or on its page.
    pub fn on_link(
        to: &Listener<'_>,
        item: &str,
        entry: &WeDidEntry,
        channel: ToldChannel,
        link: &RecordId,
        now: DateTime<Utc>,
    ) -> ToldContent {
        ToldContent {
            link: Some(link.clone()),
            ..ToldContent::new(to, item, entry, channel, now, link)
        }
    }

    /// Told in an email sent at once.
    pub fn by_email(
        to: &Listener<'_>,
        item: &str,
        entry: &WeDidEntry,
        message: &RecordId,
        now: DateTime<Utc>,
    ) -> ToldContent {
        ToldContent {
            outbox: Some(message.clone()),
            ..ToldContent::new(to, item, entry, ToldChannel::Email, now, message)
        }
    }
}

/// An answered response with its analysis, for the organisation's shares.
#[derive(Debug, Clone, SurrealValue)]
pub struct AnsweredLink {
    pub id: RecordId,
    pub account: RecordId,
    pub analysis_json: Option<String>,
}

impl AnsweredLink {
    pub fn analysis(&self) -> Result<Vec<AnswerAnalysis>, Unreadable> {
        Ok(decode::optional_json(&self.id, "analysis_json", self.analysis_json.as_deref())?.unwrap_or_default())
    }
}

/// An action made of a development point, and the response it came from.
#[derive(Debug, Clone, SurrealValue)]
pub struct ActionSourceRow {
    pub id: RecordId,
    pub source_link: RecordId,
}

/// Which item was told on which account.
#[derive(Debug, Clone, SurrealValue)]
pub struct ToldItemRow {
    pub account: RecordId,
    pub item: String,
}

const TOLD_FIELDS: &str = "id, item, contact, contact_name, channel, language, said, did, told_at";

impl Store {
    pub async fn we_did_reviews(&self, org: &RecordId, account: &RecordId) -> Result<Vec<ReviewRow>, surrealdb::Error> {
        self.db()
            .query(
                "SELECT id, item, status, said_fi, said_en, did_fi, did_en, reviewed_by, reviewed_at
                 FROM we_did_review WHERE org = $org AND account = $account",
            )
            .bind(("org", org.clone()))
            .bind(("account", account.clone()))
            .rows()
            .await
    }

    /// Every telling of the account's items, oldest first.
    pub async fn we_did_told(&self, org: &RecordId, account: &RecordId) -> Result<Vec<ToldRow>, surrealdb::Error> {
        self.db()
            .query(format!(
                "SELECT {TOLD_FIELDS} FROM we_did_told WHERE org = $org AND account = $account ORDER BY told_at"
            ))
            .bind(("org", org.clone()))
            .bind(("account", account.clone()))
            .rows()
            .await
    }

    /// What a round's link told in its invitation (and so opens its survey page with).
    pub async fn we_did_told_on_link(
        &self,
        org: &RecordId,
        link: &RecordId,
        channel: ToldChannel,
    ) -> Result<Vec<ToldRow>, surrealdb::Error> {
        self
            .db()
            .query(format!(
                "SELECT {TOLD_FIELDS} FROM we_did_told WHERE org = $org AND link = $link AND channel = $channel ORDER BY told_at, item"
            ))
            .bind(("org", org.clone()))
            .bind(("link", link.clone()))
            .bind(("channel", channel.code().to_string()))
            .rows()
            .await
    }

    /// What `query` (which compares `org` with `$org`) selects of the organisation.
    async fn org_wide<T: SurrealValue>(&self, query: &'static str, org: &RecordId) -> Result<Vec<T>, surrealdb::Error> {
        let mut response = run(self.db().query(query).bind(("org", org.clone()))).await?;
        let rows: Vec<T> = response.take(0)?;
        Ok(rows)
    }

    /// The organisation's answered responses with their analyses.
    pub async fn answered_link_analyses(&self, org: &RecordId) -> Result<Vec<AnsweredLink>, surrealdb::Error> {
        self.org_wide(
            "SELECT id, account, analysis_json FROM survey_link WHERE org = $org AND answered_at != NONE",
            org,
        )
        .await
    }

    /// The organisation's actions made of a development point.
    pub async fn action_sources(&self, org: &RecordId) -> Result<Vec<ActionSourceRow>, surrealdb::Error> {
        self.org_wide(
            "SELECT id, source_link FROM action WHERE org = $org AND source_link != NONE",
            org,
        )
        .await
    }

    /// Every item told in the organisation, by account (repeats included).
    pub async fn we_did_told_items(&self, org: &RecordId) -> Result<Vec<ToldItemRow>, surrealdb::Error> {
        self.org_wide("SELECT account, item FROM we_did_told WHERE org = $org", org)
            .await
    }

    /// Saves the item's review, replacing an earlier one.
    pub async fn save_we_did_review(&self, review: ReviewContent) -> Result<(), surrealdb::Error> {
        run(self
            .db()
            .query(
                "BEGIN TRANSACTION;
                 LET $found = (SELECT VALUE id FROM we_did_review WHERE org = $review.org AND item = $review.item)[0];
                 IF $found = NONE { CREATE we_did_review CONTENT $review; }
                 ELSE { UPDATE $found CONTENT $review WHERE org = $review.org; };
                 COMMIT TRANSACTION;",
            )
            .bind(("review", review)))
        .await?;
        Ok(())
    }

    /// Records tellings; one already recorded (same key) is left as it was.
    pub async fn record_we_did_told(&self, told: Vec<ToldContent>) -> Result<(), surrealdb::Error> {
        if told.is_empty() {
            return Ok(());
        }
        run(self
            .db()
            .query("INSERT IGNORE INTO we_did_told $told")
            .bind(("told", told)))
        .await?;
        Ok(())
    }

    /// Sends the email that tells at once (with the contact's opt-out, its body with
    /// `message_links::OPT_OUT_LINK`) and records its tellings, together.
    pub async fn send_we_did_email(
        &self,
        to: &Listener<'_>,
        message_id: RecordId,
        email: Email,
        told: Vec<ToldContent>,
        now: DateTime<Utc>,
    ) -> Result<(), surrealdb::Error> {
        let message =
            OutboxContent::new(to.org, &email.recipient, &email.subject, &email.body, now).with_opt_out(to.contact);
        run(self
            .db()
            .query(
                "BEGIN TRANSACTION;
                 CREATE $message_id CONTENT $message;
                 FOR $told IN $tellings { CREATE we_did_told CONTENT $told; };
                 COMMIT TRANSACTION;",
            )
            .bind(("message_id", message_id))
            .bind(("message", message))
            .bind(("tellings", told)))
        .await?;
        Ok(())
    }
}

/// A fresh id for an outbox message whose tellings point at it.
pub fn new_message_id() -> RecordId {
    new_id("outbox")
}
