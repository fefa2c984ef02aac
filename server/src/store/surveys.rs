//! Survey rounds and the personal links in them, with the answers given through each.

use chrono::{DateTime, Utc};
use kaiku_core::Lang;
use kaiku_core::survey::{Answer, AnswerAnalysis, LinkStatus, SurveyEmail, SurveyLinkView, TemplateView};
use surrealdb::types::{RecordId, SurrealValue};

use super::cases::{CaseOpening, OPEN_OR_ATTACH};
use super::contacts::ContactRow;
use super::counterfeedback::{Email, NewRequest, outbox_messages};
use super::cycles::CycleEventContent;
use super::decode::{self, Unreadable};
use super::outbox::OutboxContent;
use super::promises::{NewBreach, RECORD_BREACHES};
use super::said_we_did::ToldContent;
use super::{Store, changed_any, is_conflict, key_of, new_id, run, to_json};

#[derive(Debug, Clone, SurrealValue)]
pub struct RoundRow {
    pub id: RecordId,
    pub org: RecordId,
    pub account: RecordId,
    pub template_id: String,
    pub template_json: String,
    pub started_by: RecordId,
    pub created_at: DateTime<Utc>,
}

impl RoundRow {
    /// The template as it was when the round was sent.
    pub fn template(&self) -> Result<TemplateView, Unreadable> {
        decode::json(&self.id, "template_json", &self.template_json)
    }
}

#[derive(Debug, Clone, SurrealValue)]
pub struct LinkRow {
    pub id: RecordId,
    pub org: RecordId,
    pub account: RecordId,
    pub round: RecordId,
    pub contact: RecordId,
    pub contact_name: String,
    pub contact_title: String,
    pub email: String,
    pub language: String,
    pub sent_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
    pub opened_at: Option<DateTime<Utc>>,
    pub started_at: Option<DateTime<Utc>>,
    pub answered_at: Option<DateTime<Utc>>,
    pub revoked_at: Option<DateTime<Utc>>,
    pub answers_json: String,
    pub analysis_json: Option<String>,
    pub reminders_sent: Option<i64>,
}

impl LinkRow {
    pub fn language(&self) -> Result<Lang, Unreadable> {
        decode::code(&self.id, "language", &self.language, Lang::from_tag)
    }

    /// Reminders sent so far (none before the field existed).
    pub fn reminders_sent(&self) -> Result<u32, Unreadable> {
        decode::count(&self.id, "reminders_sent", self.reminders_sent.unwrap_or(0))
    }

    pub fn answers(&self) -> Result<Vec<Answer>, Unreadable> {
        decode::json(&self.id, "answers_json", &self.answers_json)
    }

    /// What the analysis found when the response arrived (empty before).
    pub fn analysis(&self) -> Result<Vec<AnswerAnalysis>, Unreadable> {
        Ok(decode::optional_json(&self.id, "analysis_json", self.analysis_json.as_deref())?.unwrap_or_default())
    }

    pub fn status(&self, now: DateTime<Utc>) -> LinkStatus {
        if self.answered_at.is_some() {
            LinkStatus::Answered
        } else if self.revoked_at.is_some() {
            LinkStatus::Revoked
        } else if self.expires_at <= now {
            LinkStatus::Expired
        } else if self.started_at.is_some() {
            LinkStatus::Started
        } else if self.opened_at.is_some() {
            LinkStatus::Opened
        } else {
            LinkStatus::Sent
        }
    }

    /// An email to the link's contact carrying the link, with their opt-out.
    fn customer_message(&self, email: &SurveyEmail, now: DateTime<Utc>) -> OutboxContent {
        OutboxContent::new(&self.org, &self.email, &email.subject, &email.body, now)
            .with_survey_link(&self.id)
            .with_opt_out(&self.contact)
    }

    /// Whether the customer can still answer through this link.
    pub fn is_open(&self, now: DateTime<Utc>) -> bool {
        self.revoked_at.is_none() && self.expires_at > now
    }

    pub fn view(&self, now: DateTime<Utc>, link: Option<String>) -> Result<SurveyLinkView, Unreadable> {
        Ok(SurveyLinkView {
            id: key_of(&self.id),
            contact_id: key_of(&self.contact),
            contact_name: self.contact_name.clone(),
            email: self.email.clone(),
            language: self.language()?,
            status: self.status(now),
            sent_at: self.sent_at,
            opened_at: self.opened_at,
            answered_at: self.answered_at,
            expires_at: self.expires_at,
            link,
        })
    }
}

#[derive(SurrealValue)]
struct RoundContent {
    org: RecordId,
    account: RecordId,
    template_id: String,
    template_json: String,
    started_by: RecordId,
    created_at: DateTime<Utc>,
    cycle_key: Option<String>,
}

#[derive(SurrealValue)]
struct LinkContent {
    id: RecordId,
    org: RecordId,
    account: RecordId,
    round: RecordId,
    contact: RecordId,
    contact_name: String,
    contact_title: String,
    email: String,
    language: String,
    token_hash: String,
    sent_at: DateTime<Utc>,
    expires_at: DateTime<Utc>,
    answers_json: String,
}

/// A link about to be created, with the email that carries it (its body with
/// `message_links::SURVEY_LINK` where the link goes).
pub struct NewLink {
    pub id: RecordId,
    pub contact: RecordId,
    pub contact_name: String,
    pub contact_title: String,
    pub email: String,
    pub language: Lang,
    pub token_hash: String,
    pub subject: String,
    pub body: String,
    /// The email also carries the contact's opt-out (`message_links::OPT_OUT_LINK`).
    pub opt_out: bool,
    /// "You said, we did" its invitation tells (and its survey page opens with).
    pub told: Vec<ToldContent>,
}

impl NewLink {
    /// A link for `contact`, carried by `email`.
    pub fn for_contact(contact: &ContactRow, token_hash: String, email: SurveyEmail) -> Result<NewLink, Unreadable> {
        Ok(NewLink {
            id: new_id("survey_link"),
            contact: contact.id.clone(),
            contact_name: contact.name.clone(),
            contact_title: contact.title.clone(),
            email: contact.email.clone(),
            language: contact.language()?,
            token_hash,
            subject: email.subject,
            body: email.body,
            opt_out: false,
            told: Vec::new(),
        })
    }

    /// The email also carries the contact's opt-out link.
    pub fn with_opt_out(mut self) -> NewLink {
        self.opt_out = true;
        self
    }
}

pub struct NewRound<'a> {
    pub org: &'a RecordId,
    pub account: &'a RecordId,
    pub template: &'a TemplateView,
    pub started_by: &'a RecordId,
    pub expires_at: DateTime<Utc>,
    pub links: Vec<NewLink>,
    /// Set when a feedback cycle started the round: recorded with it, once.
    pub cycle: Option<CycleEventContent>,
}

/// A customer's final answers and what follows from them.
pub struct Submission<'a> {
    pub link: &'a LinkRow,
    pub answers: &'a [Answer],
    pub analysis_json: String,
    pub requests: Vec<NewRequest>,
    pub emails: Vec<Email>,
    /// The case the answer opens (or adds to), if it is an unhappy one.
    pub case: Option<CaseOpening>,
    /// The promises the answer broke, each alerted once.
    pub breaches: Vec<NewBreach>,
}

pub(crate) const LINK_FIELDS: &str = "id, org, account, round, contact, contact_name, contact_title, email, language, \
     sent_at, expires_at, opened_at, started_at, answered_at, revoked_at, answers_json, analysis_json, reminders_sent";

impl Store {
    /// Creates the round, its links, their emails and opt-out tokens (and a cycle's
    /// record of it) in one transaction: either every contact got a link and a
    /// message, or nothing was written. A cycle round whose record exists already
    /// fails as a unique violation, so it is started once.
    pub async fn create_round(&self, new: NewRound<'_>, now: DateTime<Utc>) -> Result<RecordId, surrealdb::Error> {
        let round_id = new_id("survey_round");
        let template_json = to_json(new.template)?;
        let mut links = Vec::new();
        let mut messages = Vec::new();
        let mut tellings = Vec::new();
        let cycle_key = new.cycle.as_ref().map(|event| event.key.clone());
        let mut cycle = new.cycle;
        if let Some(event) = &mut cycle {
            event.round = Some(round_id.clone());
        }
        for mut link in new.links {
            tellings.append(&mut link.told);
            let message =
                OutboxContent::new(new.org, &link.email, &link.subject, &link.body, now).with_survey_link(&link.id);
            messages.push(if link.opt_out {
                message.with_opt_out(&link.contact)
            } else {
                message
            });
            links.push(LinkContent {
                id: link.id,
                org: new.org.clone(),
                account: new.account.clone(),
                round: round_id.clone(),
                contact: link.contact,
                contact_name: link.contact_name,
                contact_title: link.contact_title,
                email: link.email,
                language: link.language.code().to_string(),
                token_hash: link.token_hash,
                sent_at: now,
                expires_at: new.expires_at,
                answers_json: "[]".into(),
            });
        }
        run(self
            .db()
            .query(
                "BEGIN TRANSACTION;
                 CREATE $round_id CONTENT $round;
                 FOR $link IN $links { CREATE survey_link CONTENT $link; };
                 FOR $message IN $messages { CREATE outbox CONTENT $message; };
                 FOR $told IN $tellings { CREATE we_did_told CONTENT $told; };
                 IF $cycle != NONE { CREATE cycle_event CONTENT $cycle; };
                 COMMIT TRANSACTION;",
            )
            .bind(("round_id", round_id.clone()))
            .bind((
                "round",
                RoundContent {
                    org: new.org.clone(),
                    account: new.account.clone(),
                    template_id: new.template.id.clone(),
                    template_json,
                    started_by: new.started_by.clone(),
                    created_at: now,
                    cycle_key,
                },
            ))
            .bind(("links", links))
            .bind(("messages", messages))
            .bind(("tellings", tellings))
            .bind(("cycle", cycle)))
        .await?;
        Ok(round_id)
    }

    /// Newest first.
    pub async fn rounds(&self, org: &RecordId, account: &RecordId) -> Result<Vec<RoundRow>, surrealdb::Error> {
        self.db()
            .query("SELECT * FROM survey_round WHERE org = $org AND account = $account ORDER BY created_at DESC")
            .bind(("org", org.clone()))
            .bind(("account", account.clone()))
            .rows()
            .await
    }

    /// A page of the account's rounds, newest first: at most `limit` sent before the
    /// round `before` (by time, then id), or the newest.
    pub async fn rounds_page(
        &self,
        org: &RecordId,
        account: &RecordId,
        before: Option<&RoundRow>,
        limit: usize,
    ) -> Result<Vec<RoundRow>, surrealdb::Error> {
        self.db()
            .query(
                "SELECT * FROM survey_round WHERE org = $org AND account = $account
                     AND ($at = NONE OR created_at < $at OR (created_at = $at AND id < $id))
                 ORDER BY created_at DESC, id DESC LIMIT $limit",
            )
            .bind(("org", org.clone()))
            .bind(("account", account.clone()))
            .bind(("at", before.map(|round| round.created_at)))
            .bind(("id", before.map(|round| round.id.clone())))
            .bind(("limit", i64::try_from(limit).unwrap_or(i64::MAX)))
            .rows()
            .await
    }

    /// The organisation's rounds with these ids.
    pub async fn rounds_by_id(&self, org: &RecordId, ids: Vec<RecordId>) -> Result<Vec<RoundRow>, surrealdb::Error> {
        self.by_ids(org, ids).await
    }

    /// The links of these rounds, by contact name.
    pub async fn links_of_rounds(
        &self,
        org: &RecordId,
        rounds: Vec<RecordId>,
    ) -> Result<Vec<LinkRow>, surrealdb::Error> {
        self.db()
            .query(format!(
                "SELECT {LINK_FIELDS} FROM survey_link WHERE org = $org AND round IN $rounds ORDER BY contact_name"
            ))
            .bind(("org", org.clone()))
            .bind(("rounds", rounds))
            .rows()
            .await
    }

    /// A page of the account's answered links, newest answer first: at most `limit`
    /// answered before the link `before` (by time, then id), or the newest.
    pub async fn answered_page(
        &self,
        org: &RecordId,
        account: &RecordId,
        before: Option<&LinkRow>,
        limit: usize,
    ) -> Result<Vec<LinkRow>, surrealdb::Error> {
        self.db()
            .query(format!(
                "SELECT {LINK_FIELDS} FROM survey_link WHERE org = $org AND account = $account AND answered_at != NONE
                     AND ($at = NONE OR answered_at < $at OR (answered_at = $at AND id < $id))
                 ORDER BY answered_at DESC, id DESC LIMIT $limit"
            ))
            .bind(("org", org.clone()))
            .bind(("account", account.clone()))
            .bind(("at", before.and_then(|link| link.answered_at)))
            .bind(("id", before.map(|link| link.id.clone())))
            .bind(("limit", i64::try_from(limit).unwrap_or(i64::MAX)))
            .rows()
            .await
    }

    pub async fn round(&self, org: &RecordId, id: &RecordId) -> Result<Option<RoundRow>, surrealdb::Error> {
        self.one_in_org("SELECT * FROM survey_round", org, id).await
    }

    pub async fn account_links(&self, org: &RecordId, account: &RecordId) -> Result<Vec<LinkRow>, surrealdb::Error> {
        self.db()
            .query(format!(
                "SELECT {LINK_FIELDS} FROM survey_link WHERE org = $org AND account = $account ORDER BY contact_name"
            ))
            .bind(("org", org.clone()))
            .bind(("account", account.clone()))
            .rows()
            .await
    }

    pub async fn link(&self, org: &RecordId, id: &RecordId) -> Result<Option<LinkRow>, surrealdb::Error> {
        self.one_in_org(&format!("SELECT {LINK_FIELDS} FROM survey_link"), org, id)
            .await
    }

    /// The token is the secret; it identifies the link, and through it the round.
    /// Reminders carry further tokens of the same link (`link_token`).
    pub async fn link_by_token_hash(&self, hash: &str) -> Result<Option<LinkRow>, surrealdb::Error> {
        let mut response = run(self
            .db()
            .query(format!(
                "SELECT {LINK_FIELDS} FROM survey_link WHERE token_hash = $hash LIMIT 1;
                 SELECT {LINK_FIELDS} FROM (SELECT VALUE link FROM link_token WHERE token_hash = $hash LIMIT 1)"
            ))
            .bind(("hash", hash.to_string())))
        .await?;
        let direct: Vec<LinkRow> = response.take(0)?;
        let reminded: Vec<LinkRow> = response.take(1)?;
        Ok(direct.into_iter().chain(reminded).next())
    }

    pub async fn mark_link_opened(&self, id: &RecordId, now: DateTime<Utc>) -> Result<(), surrealdb::Error> {
        run(self
            .db()
            .query("UPDATE $id SET opened_at = opened_at ?? $now")
            .bind(("id", id.clone()))
            .bind(("now", now)))
        .await?;
        Ok(())
    }

    /// Saves answers given so far; `false` when the link is no longer open for them
    /// (answered, revoked or expired in the meantime).
    pub async fn save_link_answers(
        &self,
        id: &RecordId,
        answers: &[Answer],
        now: DateTime<Utc>,
    ) -> Result<bool, surrealdb::Error> {
        let json = to_json(answers)?;
        changed_any(
            run(self
                .db()
                .query(
                    "UPDATE $id SET answers_json = $json, started_at = started_at ?? $now
                     WHERE answered_at = NONE AND revoked_at = NONE AND expires_at > $now
                     RETURN VALUE id",
                )
                .bind(("id", id.clone()))
                .bind(("json", json))
                .bind(("now", now)))
            .await?,
        )
    }

    /// Records the final answers and their analysis, asks the account team for
    /// counter-feedback and records their emails: all of it or, when the link was
    /// not open for the answers any more, nothing (`false`).
    pub async fn submit_response(
        &self,
        submission: Submission<'_>,
        now: DateTime<Utc>,
    ) -> Result<bool, surrealdb::Error> {
        let messages = outbox_messages(&submission.link.org, &submission.emails, now);
        let query = self
            .db()
            .query(format!(
                "BEGIN TRANSACTION;
                 LET $answered = (UPDATE $id SET answers_json = $json, analysis_json = $analysis,
                         started_at = started_at ?? $now, answered_at = $now
                     WHERE answered_at = NONE AND revoked_at = NONE AND expires_at > $now
                     RETURN VALUE id);
                 IF array::len($answered) == 0 {{ THROW 'kaiku:link-closed'; }};
                 FOR $request IN $requests {{ CREATE $request.id CONTENT $request.content; }};
                 FOR $message IN $messages {{ CREATE outbox CONTENT $message; }};
                 {OPEN_OR_ATTACH}
                 {RECORD_BREACHES}
                 COMMIT TRANSACTION;"
            ))
            .bind(("id", submission.link.id.clone()))
            .bind(("json", to_json(submission.answers)?))
            .bind(("analysis", submission.analysis_json))
            .bind(("now", now))
            .bind(("requests", submission.requests))
            .bind(("messages", messages))
            .bind(("opening", submission.case))
            .bind(("breaches", submission.breaches));
        match run(query).await {
            Ok(_) => Ok(true),
            Err(e) if e.to_string().contains("kaiku:link-closed") => Ok(false),
            Err(e) => Err(e),
        }
    }

    /// `false` when there is no unanswered, unrevoked link with this id in `org`.
    pub async fn revoke_link(
        &self,
        org: &RecordId,
        id: &RecordId,
        now: DateTime<Utc>,
    ) -> Result<bool, surrealdb::Error> {
        changed_any(
            run(self
                .db()
                .query(
                    "UPDATE $id SET revoked_at = $now WHERE org = $org AND answered_at = NONE AND revoked_at = NONE
                 RETURN VALUE id",
                )
                .bind(("id", id.clone()))
                .bind(("org", org.clone()))
                .bind(("now", now)))
            .await?,
        )
    }

    /// Gives an unanswered link a new token and deadline and records the new email,
    /// together. The old token stops working. Answers saved so far are kept.
    pub async fn reissue_link(
        &self,
        link: &LinkRow,
        token_hash: String,
        expires_at: DateTime<Utc>,
        email: &SurveyEmail,
        now: DateTime<Utc>,
    ) -> Result<bool, surrealdb::Error> {
        let query = self
            .db()
            .query(
                "BEGIN TRANSACTION;
                 LET $reissued = (UPDATE $id SET token_hash = $hash, expires_at = $expires_at, sent_at = $now,
                         revoked_at = NONE, reminders_sent = 0, last_reminded_at = NONE
                     WHERE org = $org AND answered_at = NONE RETURN VALUE id);
                 IF array::len($reissued) == 0 { THROW 'link_answered'; };
                 DELETE link_token WHERE link = $id;
                 CREATE outbox CONTENT $message;
                 COMMIT TRANSACTION;",
            )
            .bind(("id", link.id.clone()))
            .bind(("org", link.org.clone()))
            .bind(("hash", token_hash))
            .bind(("expires_at", expires_at))
            .bind(("now", now))
            .bind(("message", link.customer_message(email, now)));
        match run(query).await {
            Ok(_) => Ok(true),
            Err(e) if e.to_string().contains("link_answered") => Ok(false),
            Err(e) => Err(e),
        }
    }

    /// The organisation's links whose customer has not answered and still can.
    pub async fn unanswered_links(&self, org: &RecordId, now: DateTime<Utc>) -> Result<Vec<LinkRow>, surrealdb::Error> {
        self.db()
            .query(format!(
                "SELECT {LINK_FIELDS} FROM survey_link
                 WHERE org = $org AND answered_at = NONE AND revoked_at = NONE AND expires_at > $now
                 ORDER BY sent_at"
            ))
            .bind(("org", org.clone()))
            .bind(("now", now))
            .rows()
            .await
    }

    /// Links of every organisation whose customer has not answered and still can:
    /// not revoked, not expired, fewer than two reminders.
    pub async fn remindable_links(&self, now: DateTime<Utc>) -> Result<Vec<LinkRow>, surrealdb::Error> {
        self.db()
            .query(format!(
                "SELECT {LINK_FIELDS} FROM survey_link
                 WHERE answered_at = NONE AND revoked_at = NONE AND expires_at > $now AND (reminders_sent ?? 0) < 2
                 ORDER BY sent_at"
            ))
            .bind(("now", now))
            .rows()
            .await
    }

    /// Records reminder number `reminder` of the link and its email (which gets a new
    /// token for the same link as it is sent), together. `false` when that reminder (or
    /// a later one) was sent already, or the customer answered meanwhile, so it goes out once.
    pub async fn record_reminder(
        &self,
        link: &LinkRow,
        reminder: u32,
        email: &SurveyEmail,
        now: DateTime<Utc>,
    ) -> Result<bool, surrealdb::Error> {
        let query = self
            .db()
            .query(
                "BEGIN TRANSACTION;
                 LET $done = (UPDATE $id SET reminders_sent = $reminder, last_reminded_at = $now
                     WHERE (reminders_sent ?? 0) < $reminder AND answered_at = NONE AND revoked_at = NONE
                     RETURN VALUE id);
                 IF array::len($done) == 0 { THROW 'reminded_already'; };
                 CREATE outbox CONTENT $message;
                 COMMIT TRANSACTION;",
            )
            .bind(("id", link.id.clone()))
            .bind(("reminder", i64::from(reminder)))
            .bind(("message", link.customer_message(email, now)))
            .bind(("now", now));
        match run(query).await {
            Ok(_) => Ok(true),
            Err(e) if e.to_string().contains("reminded_already") || is_conflict(&e) => Ok(false),
            Err(e) => Err(e),
        }
    }
}
