//! Data-subject requests (GDPR): what the organisation holds about one person, found
//! by their email across every account; that data exported as one JSON document; and
//! its erasure. The person is the customer's contact (and the sender of messages);
//! the team's own words about the account are the organisation's, not the person's.
//!
//! Erasure always removes the person's identity: contacts, names, titles and emails on
//! answers, re-pulses, messages and "we told you" records, the emails sent to them and
//! every token of theirs. What they said stays as anonymised data (so the account's
//! figures do not change) or is deleted with the rest, as the admin chooses.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::Lang;
use crate::survey::{Answer, Question};
use crate::validate::{self, FieldError};

api_enum! {
    /// What happens to what an erased person said.
    pub enum AnswerFate {
        /// Kept without name, title or email: scores and words still count for the account.
        Anonymise,
        /// Removed too: survey answers, re-pulse answers, messages, and their words quoted
        /// in cases and broken promises.
        Delete,
    }
}

impl Default for AnswerFate {
    /// Keeping the words without the name is what loses no figure.
    fn default() -> AnswerFate {
        AnswerFate::Anonymise
    }
}

/// Days between an admin asking to delete an account or the whole organisation and
/// its deletion: time for another admin to notice and cancel.
pub const DELETION_GRACE_DAYS: i64 = 30;

/// When something whose deletion is asked for `now` is deleted.
pub fn deletion_date(now: DateTime<Utc>) -> DateTime<Utc> {
    now + chrono::Duration::days(DELETION_GRACE_DAYS)
}

/// The email every admin gets when one of them asks for the organisation to be
/// deleted: what goes, when, who asked, and where to take it back.
pub fn organisation_deletion_email(
    lang: Lang,
    organisation: &str,
    asked_by: &str,
    on: chrono::NaiveDate,
    app_url: &str,
) -> crate::survey::SurveyEmail {
    let date = on.format("%-d.%-m.%Y");
    let (subject, body) = match lang {
        Lang::Fi => (
            format!("{organisation} poistetaan Kaikusta {date}"),
            format!(
                "{asked_by} pyysi poistamaan organisaation {organisation} ja kaikki sen tiedot Kaikusta: \
                 asiakkaat, vastaukset, vastapalautteet, tapaukset ja käyttäjät. Poisto tehdään {date}.\n\n\
                 Jos poisto ei ole tarkoituksellinen, kuka tahansa pääkäyttäjä voi perua sen ennen sitä: \
                 {app_url}/settings/privacy"
            ),
        ),
        Lang::En => (
            format!("{organisation} will be deleted from Kaiku on {date}"),
            format!(
                "{asked_by} asked for {organisation} and all its data to be deleted from Kaiku: \
                 accounts, answers, counter-feedback, cases and users. It will be deleted on {date}.\n\n\
                 If this is not intended, any admin can take it back before then: {app_url}/settings/privacy"
            ),
        ),
    };
    crate::survey::SurveyEmail { subject, body }
}

api_type! {
    /// `POST /organisation/deletion`: the organisation's name typed again.
    pub struct OrganisationDeletionRequest {
        pub confirm_name: String,
    }
}

impl OrganisationDeletionRequest {
    /// 400 on `confirm_name` unless it is the organisation's name (spaces around aside).
    pub fn check(&self, name: &str) -> Result<(), FieldError> {
        if self.confirm_name.trim() == name.trim() {
            Ok(())
        } else {
            Err(FieldError {
                field: "confirm_name",
                problem: validate::Invalid::Mismatch,
            })
        }
    }
}

/// The shortest and longest retention an admin can set, in months.
pub const RETENTION_MONTHS: std::ops::RangeInclusive<u32> = 1..=120;

api_type! {
    /// `GET`/`PUT /settings/retention`, stored on the organisation: how long what
    /// customers said is kept with who said it. Older survey answers (and re-pulses) and
    /// messages are anonymised or deleted, as `fate` says, by the scheduler; `None`
    /// keeps them until someone is erased.
    #[derive(Default)]
    #[serde(default)]
    pub struct Retention {
        pub answers_months: Option<u32>,
        pub messages_months: Option<u32>,
        pub fate: AnswerFate,
    }
}

impl Retention {
    pub fn check(&self) -> Result<(), FieldError> {
        for (field, months) in [
            ("answers_months", self.answers_months),
            ("messages_months", self.messages_months),
        ] {
            if months.is_some_and(|m| !RETENTION_MONTHS.contains(&m)) {
                return Err(FieldError {
                    field,
                    problem: validate::Invalid::OutOfRange {
                        min: i64::from(*RETENTION_MONTHS.start()),
                        max: i64::from(*RETENTION_MONTHS.end()),
                    },
                });
            }
        }
        Ok(())
    }

    /// The audit log's words for a change.
    pub fn audit_words(&self) -> String {
        let months = |m: Option<u32>| m.map_or_else(|| "kept".to_string(), |m| format!("{m} months"));
        format!(
            "answers: {}, messages: {}, then {}",
            months(self.answers_months),
            months(self.messages_months),
            self.fate.code()
        )
    }

    /// What was received before this is past its time: `months` calendar months
    /// before `now` (the month's last day when it is shorter).
    pub fn cutoff(months: u32, now: DateTime<Utc>) -> DateTime<Utc> {
        now.checked_sub_months(chrono::Months::new(months))
            .unwrap_or(DateTime::<Utc>::MIN_UTC)
    }
}

api_type! {
    /// `POST /privacy/lookups` and `/privacy/exports`: the person, by email.
    pub struct PersonQuery {
        pub email: String,
    }
}

api_type! {
    /// `POST /privacy/erasures`.
    pub struct ErasureRequest {
        pub email: String,
        pub answers: AnswerFate,
    }
}

/// The email as it is stored and compared, and 422 when it is not an address.
fn checked_email(email: &str) -> Result<String, FieldError> {
    let email = validate::normalise_email(email);
    validate::email("email", &email)?;
    Ok(email)
}

impl PersonQuery {
    pub fn checked(&self) -> Result<String, FieldError> {
        checked_email(&self.email)
    }
}

impl ErasureRequest {
    pub fn checked(&self) -> Result<String, FieldError> {
        checked_email(&self.email)
    }
}

api_type! {
    /// What the organisation holds about one person, counted: what an erasure touches.
    /// After an erasure: what it touched.
    #[derive(Default)]
    pub struct PersonHoldings {
        pub email: String,
        /// The person as a contact of these accounts (names, for the admin to recognise).
        pub accounts: Vec<String>,
        pub contacts: u32,
        /// Survey links sent to them, answered or not.
        pub survey_links: u32,
        pub answered: u32,
        pub re_pulses: u32,
        pub messages: u32,
        /// Emails to them still in the outbox's history.
        pub emails: u32,
    }
}

impl PersonHoldings {
    /// Whether Kaiku holds nothing about the person.
    pub fn is_empty(&self) -> bool {
        self.contacts + self.survey_links + self.re_pulses + self.messages + self.emails == 0
    }

    /// The audit log's words for an export: counts only, never who it was.
    pub fn audit_counts(&self) -> String {
        format!(
            "{} contacts, {} survey links ({} answered), {} re-pulses, {} messages, {} emails",
            self.contacts, self.survey_links, self.answered, self.re_pulses, self.messages, self.emails,
        )
    }

    /// The audit log's words for an erasure.
    pub fn audit_detail(&self, fate: AnswerFate) -> String {
        let answers = match fate {
            AnswerFate::Anonymise => "anonymised",
            AnswerFate::Delete => "deleted",
        };
        format!("{}; answers {answers}", self.audit_counts())
    }
}

api_type! {
    /// The person as a contact of one account.
    pub struct ExportedContact {
        pub account: String,
        pub name: String,
        pub title: String,
        pub email: String,
        pub language: Lang,
        pub decision_maker: bool,
        pub opted_out_at: Option<DateTime<Utc>>,
        pub created_at: DateTime<Utc>,
    }
}

api_type! {
    /// One question as it was asked and what the person answered.
    pub struct ExportedAnswer {
        pub question: String,
        pub score: Option<i32>,
        /// The option chosen, in the words it was offered.
        pub choice: Option<String>,
        pub text: Option<String>,
    }
}

api_type! {
    /// One survey sent to the person.
    pub struct ExportedSurvey {
        pub account: String,
        pub name: String,
        pub title: String,
        pub sent_at: DateTime<Utc>,
        pub opened_at: Option<DateTime<Utc>>,
        pub answered_at: Option<DateTime<Utc>>,
        pub answers: Vec<ExportedAnswer>,
    }
}

api_type! {
    /// One "is it resolved for you?" question after a case closed.
    pub struct ExportedRepulse {
        pub sent_at: DateTime<Utc>,
        pub answered_at: Option<DateTime<Utc>>,
        pub resolved: Option<String>,
        pub comment: String,
    }
}

api_type! {
    /// One message from the person (an email, a note of a call, …).
    pub struct ExportedMessage {
        pub account: Option<String>,
        pub source: String,
        pub received_at: DateTime<Utc>,
        pub sender_name: String,
        pub subject: String,
        pub body: String,
    }
}

api_type! {
    /// One email Kaiku sent or was to send them; the body is gone once purged.
    pub struct ExportedEmail {
        pub subject: String,
        pub created_at: DateTime<Utc>,
        pub sent_at: Option<DateTime<Utc>>,
        pub status: String,
        pub body: Option<String>,
    }
}

api_type! {
    /// `POST /privacy/exports`: everything about one person, for a data-subject request.
    pub struct PersonExport {
        pub email: String,
        pub organisation: String,
        pub exported_at: DateTime<Utc>,
        pub contacts: Vec<ExportedContact>,
        pub surveys: Vec<ExportedSurvey>,
        pub re_pulses: Vec<ExportedRepulse>,
        pub messages: Vec<ExportedMessage>,
        pub emails: Vec<ExportedEmail>,
    }
}

/// The answers of one survey paired with its questions, in the language the person
/// was asked in; answers to questions no longer in the template keep their id.
pub fn exported_answers(questions: &[Question], answers: &[Answer], lang: Lang) -> Vec<ExportedAnswer> {
    answers
        .iter()
        .filter(|answer| answer.is_given())
        .map(|answer| {
            let question = questions.iter().find(|q| q.id == answer.question_id);
            let choice = answer.choice.map(|index| {
                question
                    .and_then(|q| q.options.get(index as usize))
                    .map_or_else(|| index.to_string(), |option| option.get(lang).to_string())
            });
            ExportedAnswer {
                question: question.map_or_else(|| answer.question_id.clone(), |q| q.text.get(lang).to_string()),
                score: answer.score,
                choice,
                text: answer.text.clone(),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::survey::{Localized, QuestionKind};

    fn question(id: &str, kind: QuestionKind, options: Vec<Localized>) -> Question {
        Question {
            id: id.into(),
            kind,
            required: false,
            text: Localized::new(&format!("{id} fi"), &format!("{id} en")),
            options,
            scale_ends: None,
        }
    }

    fn answer(id: &str, score: Option<i32>, choice: Option<u32>, text: Option<&str>) -> Answer {
        Answer {
            question_id: id.into(),
            score,
            choice,
            text: text.map(String::from),
        }
    }

    #[test]
    fn answers_are_exported_with_their_questions_in_the_persons_language() {
        let questions = [
            question("nps", QuestionKind::Nps, vec![]),
            question(
                "pick",
                QuestionKind::Choice,
                vec![Localized::new("Yksi", "One"), Localized::new("Kaksi", "Two")],
            ),
            question("why", QuestionKind::Text, vec![]),
        ];
        let answers = [
            answer("nps", Some(9), None, None),
            answer("pick", None, Some(1), None),
            answer("why", None, None, Some("  ")),
            answer("gone", None, None, Some("old question")),
        ];
        let exported = exported_answers(&questions, &answers, Lang::Fi);
        type Line<'a> = (&'a str, Option<i32>, Option<&'a str>, Option<&'a str>);
        let lines: Vec<Line<'_>> = exported
            .iter()
            .map(|a| (a.question.as_str(), a.score, a.choice.as_deref(), a.text.as_deref()))
            .collect();
        assert_eq!(
            lines,
            [
                ("nps fi", Some(9), None, None),
                ("pick fi", None, Some("Kaksi"), None),
                ("gone", None, None, Some("old question")),
            ]
        );
    }

    #[test]
    fn the_email_is_compared_as_stored_and_refused_when_not_an_address() {
        let query = PersonQuery {
            email: "  Maija@Asiakas.FI ".into(),
        };
        assert_eq!(query.checked().unwrap(), "maija@asiakas.fi");
        let bad = PersonQuery { email: "maija".into() };
        assert_eq!(bad.checked().unwrap_err().field, "email");
    }

    #[test]
    fn retention_is_counted_in_calendar_months_and_refused_out_of_range() {
        let now = "2026-03-31T12:00:00Z".parse::<DateTime<Utc>>().unwrap();
        assert_eq!(
            Retention::cutoff(1, now),
            "2026-02-28T12:00:00Z".parse::<DateTime<Utc>>().unwrap()
        );
        assert_eq!(
            Retention::cutoff(12, now),
            "2025-03-31T12:00:00Z".parse::<DateTime<Utc>>().unwrap()
        );
        assert_eq!(Retention::default().check(), Ok(()));
        let too_long = Retention {
            messages_months: Some(121),
            ..Retention::default()
        };
        assert_eq!(too_long.check().unwrap_err().field, "messages_months");
        let none = Retention {
            answers_months: Some(0),
            ..Retention::default()
        };
        assert_eq!(none.check().unwrap_err().field, "answers_months");
    }

    #[test]
    fn the_audit_detail_counts_and_never_names_the_person() {
        let holdings = PersonHoldings {
            email: "maija@asiakas.fi".into(),
            accounts: vec!["Asiakas Oy".into()],
            contacts: 1,
            survey_links: 2,
            answered: 1,
            ..PersonHoldings::default()
        };
        let detail = holdings.audit_detail(AnswerFate::Delete);
        assert!(!detail.contains("maija") && !detail.contains("Asiakas"), "{detail}");
        assert!(
            detail.starts_with("1 contacts, 2 survey links (1 answered)"),
            "{detail}"
        );
        assert!(detail.ends_with("answers deleted"), "{detail}");
    }
}
