//! "You said, we did": telling each customer what changed because of their words.
//!
//! The server gathers [`Candidate`]s — a closed case, a done action made of a
//! development point — each tied to the contact whose words led to it. The account's
//! lead reviews them (text per language, leave one out, approve); an approved item is
//! told once to its contact: it opens their next survey and rides in its invitation,
//! or goes at once as a short email. What was told, to whom, when and how is kept.

use std::collections::HashSet;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::Lang;
use crate::account::PersonRef;
use crate::survey::{Localized, SurveyEmail};
use crate::validate::{self, FieldError, Invalid};

/// The most a "you said" or "we did" text may hold: a sentence or two, not a letter.
pub const TEXT_MAX_CHARS: usize = 600;

api_enum! {
    /// What was done about a customer's words.
    pub enum WeDidSource {
        /// A case their answer opened, closed with a resolution.
        ClosedCase,
        /// An action the team made of a development point in their answer, done.
        DoneAction,
        /// An improvement initiative across accounts that links their answer, done.
        DoneInitiative,
    }
}

api_enum! {
    /// Where an item stands in the lead's review.
    pub enum WeDidStatus {
        /// Not yet reviewed (or edited since): nobody is told.
        Proposed,
        Approved,
        /// Left out on purpose: never told.
        LeftOut,
    }
}

api_enum! {
    /// How a customer was told, in the order one round tells (its invitation, then
    /// its page).
    pub enum ToldChannel {
        /// In the invitation email of a round.
        Invitation,
        /// On top of the survey page, before the first question (recorded when opened).
        Survey,
        /// In a short email sent at once.
        Email,
    }
}

/// Something done because of one contact's words, as the server found it.
#[derive(Debug, Clone, PartialEq)]
pub struct Candidate {
    pub source: WeDidSource,
    /// The case's or the action's id.
    pub source_id: String,
    /// The response (survey link) holding the words.
    pub response: String,
    pub contact_id: String,
    pub contact_name: String,
    /// The contact's language now.
    pub language: Lang,
    /// The customer's words, verbatim.
    pub said: String,
    /// What the team did: the case's resolution, or the action.
    pub did: String,
    pub done_at: DateTime<Utc>,
}

/// An item's id: its source and the source's id, e.g. `closed_case_x1y2`.
pub fn item_id(source: WeDidSource, source_id: &str) -> String {
    format!("{}_{source_id}", source.code())
}

/// A done initiative is told to each contact whose answer it links: one item per
/// initiative and response (record keys hold no `-`).
pub fn initiative_source_id(initiative: &str, response: &str) -> String {
    format!("{initiative}-{response}")
}

/// The response behind a done initiative's item.
pub fn initiative_response(source_id: &str) -> Option<&str> {
    source_id
        .split_once('-')
        .map(|(_, response)| response)
        .filter(|r| !r.is_empty())
}

/// The source an item id names, if it names one.
pub fn parse_item_id(id: &str) -> Option<(WeDidSource, &str)> {
    WeDidSource::ALL.into_iter().find_map(|source| {
        id.strip_prefix(source.code())
            .and_then(|rest| rest.strip_prefix('_'))
            .filter(|key| !key.is_empty())
            .map(|key| (source, key))
    })
}

api_type! {
    /// An item's words in both languages: what the customer said, what the team did.
    pub struct WeDidText {
        pub said: Localized,
        pub did: Localized,
    }
}

impl WeDidText {
    /// What Kaiku proposes before anyone edits: the customer's words and the team's
    /// own summary, in the contact's language; the other language left to the lead.
    pub fn proposed(candidate: &Candidate) -> WeDidText {
        let in_language = |text: &str| match candidate.language {
            Lang::Fi => Localized::new(text.trim(), ""),
            Lang::En => Localized::new("", text.trim()),
        };
        WeDidText {
            said: in_language(&candidate.said),
            did: in_language(&candidate.did),
        }
    }

    pub fn normalised(self) -> WeDidText {
        let trim = |text: Localized| Localized::new(text.fi.trim(), text.en.trim());
        WeDidText {
            said: trim(self.said),
            did: trim(self.did),
        }
    }

    /// Each text within its length; any may be empty while under review.
    pub fn check(&self) -> Result<(), FieldError> {
        for (field, text) in [
            ("text.said.fi", &self.said.fi),
            ("text.said.en", &self.said.en),
            ("text.did.fi", &self.did.fi),
            ("text.did.en", &self.did.en),
        ] {
            validate::too_long(field, text, TEXT_MAX_CHARS)?;
        }
        Ok(())
    }

    /// Whether both texts are there in `lang`: only then can a contact of that
    /// language be told.
    pub fn complete_in(&self, lang: Lang) -> bool {
        !self.said.get(lang).trim().is_empty() && !self.did.get(lang).trim().is_empty()
    }

    /// An approval needs both texts in the language of the contact who will read them.
    pub fn check_approvable(&self, lang: Lang) -> Result<(), FieldError> {
        let missing = |said, did| {
            let field = if self.said.get(lang).trim().is_empty() {
                said
            } else {
                did
            };
            Err(FieldError {
                field,
                problem: Invalid::Required,
            })
        };
        match (self.complete_in(lang), lang) {
            (true, _) => Ok(()),
            (false, Lang::Fi) => missing("text.said.fi", "text.did.fi"),
            (false, Lang::En) => missing("text.said.en", "text.did.en"),
        }
    }

    /// The entry a customer reads, in their language.
    pub fn entry(&self, lang: Lang) -> WeDidEntry {
        WeDidEntry {
            said: self.said.get(lang).to_string(),
            did: self.did.get(lang).to_string(),
        }
    }
}

api_type! {
    /// One "you said — we did" as the customer reads it, in their language.
    pub struct WeDidEntry {
        pub said: String,
        pub did: String,
    }
}

api_type! {
    /// The lead's review of an item, as stored: none means "proposed, as found".
    pub struct Review {
        pub status: WeDidStatus,
        pub text: WeDidText,
        pub reviewed_by: PersonRef,
        pub reviewed_at: DateTime<Utc>,
    }
}

api_type! {
    /// One telling: to whom, when, how, and the words as they were told.
    pub struct Told {
        pub contact_id: String,
        pub contact_name: String,
        pub channel: ToldChannel,
        pub told_at: DateTime<Utc>,
        pub language: Lang,
        pub said: String,
        pub did: String,
    }
}

api_type! {
    /// An item in the account's "you said, we did" review.
    pub struct WeDidItem {
        pub id: String,
        pub source: WeDidSource,
        pub source_id: String,
        pub response: String,
        pub contact_id: String,
        pub contact_name: String,
        pub language: Lang,
        pub done_at: DateTime<Utc>,
        pub status: WeDidStatus,
        pub text: WeDidText,
        pub reviewed_by: Option<PersonRef>,
        pub reviewed_at: Option<DateTime<Utc>>,
        /// Every time it was told, oldest first.
        pub told: Vec<Told>,
    }
}

impl WeDidItem {
    /// Whether its contact is still to be told it: approved, not told them yet, and
    /// written in the language they read now.
    pub fn due_for(&self, contact_id: &str, lang: Lang) -> bool {
        self.status == WeDidStatus::Approved
            && self.contact_id == contact_id
            && !self.told.iter().any(|told| told.contact_id == contact_id)
            && self.text.complete_in(lang)
    }
}

/// The review: each candidate with its review (or as proposed) and its tellings, the
/// latest done first. `reviews` and `told` are keyed by item id.
pub fn assemble(candidates: Vec<Candidate>, reviews: &[(String, Review)], told: &[(String, Told)]) -> Vec<WeDidItem> {
    let mut items: Vec<WeDidItem> = candidates
        .into_iter()
        .map(|candidate| {
            let id = item_id(candidate.source, &candidate.source_id);
            let review = reviews.iter().find(|(of, _)| *of == id).map(|(_, review)| review);
            let mut tellings: Vec<Told> = told
                .iter()
                .filter(|(of, _)| *of == id)
                .map(|(_, told)| told.clone())
                .collect();
            // A round's page is opened after its invitation, even within the same second.
            tellings.sort_by_key(|told| (told.told_at, ToldChannel::ALL.iter().position(|c| *c == told.channel)));
            WeDidItem {
                status: review.map_or(WeDidStatus::Proposed, |r| r.status),
                text: review.map_or_else(|| WeDidText::proposed(&candidate), |r| r.text.clone()),
                reviewed_by: review.map(|r| r.reviewed_by.clone()),
                reviewed_at: review.map(|r| r.reviewed_at),
                told: tellings,
                id,
                source: candidate.source,
                source_id: candidate.source_id,
                response: candidate.response,
                contact_id: candidate.contact_id,
                contact_name: candidate.contact_name,
                language: candidate.language,
                done_at: candidate.done_at,
            }
        })
        .collect();
    items.sort_by(|a, b| b.done_at.cmp(&a.done_at).then_with(|| a.id.cmp(&b.id)));
    items
}

/// What a contact is to be told next, in `lang`, with each entry's item id.
pub fn digest_for(items: &[WeDidItem], contact_id: &str, lang: Lang) -> Vec<(String, WeDidEntry)> {
    items
        .iter()
        .filter(|item| item.due_for(contact_id, lang))
        .map(|item| (item.id.clone(), item.text.entry(lang)))
        .collect()
}

api_type! {
    /// How much of an account's feedback was answered with a "we did": of its
    /// responses that asked for something (a development point, or a case they
    /// opened), how many have an item told to the customer. Not a percentage until
    /// there is feedback to answer.
    pub struct WeDidShare {
        pub feedback: u32,
        pub answered: u32,
    }
}

impl WeDidShare {
    /// Whole per cent, none without feedback.
    pub fn percent(&self) -> Option<u32> {
        (self.feedback > 0).then(|| (self.answered * 100 + self.feedback / 2) / self.feedback)
    }
}

/// The responses answered with a "we did": those behind an item told at least once.
pub fn answered_responses(items: &[WeDidItem]) -> Vec<String> {
    items
        .iter()
        .filter(|item| !item.told.is_empty())
        .map(|item| item.response.clone())
        .collect()
}

/// The share, from the responses (ids) that asked for something and those answered
/// with a told item; an answered response counts only if it asked.
pub fn share(feedback: &[String], answered: &[String]) -> WeDidShare {
    let asked: HashSet<&str> = feedback.iter().map(String::as_str).collect();
    let answered: HashSet<&str> = answered
        .iter()
        .map(String::as_str)
        .filter(|response| asked.contains(response))
        .collect();
    WeDidShare {
        feedback: asked.len() as u32,
        answered: answered.len() as u32,
    }
}

api_type! {
    /// One account's share, for leadership (`GET /we-did/shares`).
    pub struct AccountShare {
        pub account: String,
        pub name: String,
        pub share: WeDidShare,
    }
}

api_type! {
    /// `GET /accounts/{id}/we-did`.
    pub struct AccountWeDid {
        pub items: Vec<WeDidItem>,
        pub share: WeDidShare,
        /// Whether the caller may review and send (admins, leaders, the account's lead).
        pub can_review: bool,
    }
}

api_type! {
    /// `PUT /accounts/{id}/we-did/{item}`: the lead's texts and decision, together.
    pub struct ReviewInput {
        pub text: WeDidText,
        pub status: WeDidStatus,
    }
}

api_type! {
    /// `POST /accounts/{id}/we-did/send`: tell one contact now, by email.
    pub struct SendNowInput {
        pub contact_id: String,
    }
}

/// The section that opens an invitation carrying "you said, we did".
pub fn invitation_section(lang: Lang, entries: &[WeDidEntry]) -> String {
    if entries.is_empty() {
        return String::new();
    }
    let (heading, said, did) = labels(lang);
    let mut section = format!("{heading}\n");
    for entry in entries {
        section.push_str(&format!("\n- {said} \"{}\"\n  {did} {}\n", entry.said, entry.did));
    }
    section.push('\n');
    section
}

/// The words that frame the entries, in each language.
fn labels(lang: Lang) -> (&'static str, &'static str, &'static str) {
    match lang {
        Lang::Fi => (
            "Viime kerralla kerroitte meille – tässä mitä teimme:",
            "Sanoitte:",
            "Teimme:",
        ),
        Lang::En => ("Last time you told us – here is what we did:", "You said:", "We did:"),
    }
}

/// The short email that tells a contact at once, in their language (the opt-out
/// line is added by the caller, as with every email to a customer).
pub fn we_did_email(
    lang: Lang,
    organisation: &str,
    contact_name: &str,
    sender_name: &str,
    entries: &[WeDidEntry],
) -> SurveyEmail {
    let first_name = contact_name.split_whitespace().next().unwrap_or(contact_name);
    let section = invitation_section(lang, entries);
    match lang {
        Lang::Fi => SurveyEmail {
            subject: format!("{organisation}: mitä teimme palautteenne perusteella"),
            body: format!(
                "Hei {first_name},\n\nkiitos palautteestanne. {section}Terveisin\n{sender_name}, {organisation}\n"
            ),
        },
        Lang::En => SurveyEmail {
            subject: format!("{organisation}: what we did with your feedback"),
            body: format!(
                "Hi {first_name},\n\nthank you for your feedback. {section}Best regards,\n{sender_name}, {organisation}\n"
            ),
        },
    }
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;

    use super::*;

    fn at(day: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 5, day, 12, 0, 0).unwrap()
    }

    fn candidate(source: WeDidSource, id: &str, contact: &str, language: Lang, day: u32) -> Candidate {
        Candidate {
            source,
            source_id: id.into(),
            response: format!("link-{id}"),
            contact_id: contact.into(),
            contact_name: format!("Contact {contact}"),
            language,
            said: "  Invoices arrive late ".into(),
            did: " We moved invoicing to the 1st ".into(),
            done_at: at(day),
        }
    }

    fn lead() -> PersonRef {
        PersonRef {
            id: "lead".into(),
            name: "Lea Lead".into(),
        }
    }

    fn review(status: WeDidStatus, text: WeDidText) -> Review {
        Review {
            status,
            text,
            reviewed_by: lead(),
            reviewed_at: at(20),
        }
    }

    fn told(contact: &str, channel: ToldChannel) -> Told {
        Told {
            contact_id: contact.into(),
            contact_name: format!("Contact {contact}"),
            channel,
            told_at: at(21),
            language: Lang::En,
            said: "s".into(),
            did: "d".into(),
        }
    }

    #[test]
    fn item_ids_name_their_source_and_read_back() {
        let id = item_id(WeDidSource::DoneAction, "abc123");
        assert_eq!(id, "done_action_abc123");
        assert_eq!(parse_item_id(&id), Some((WeDidSource::DoneAction, "abc123")));
        assert_eq!(parse_item_id("closed_case_x"), Some((WeDidSource::ClosedCase, "x")));
        let initiative = item_id(WeDidSource::DoneInitiative, &initiative_source_id("i9", "l4"));
        let (source, key) = parse_item_id(&initiative).unwrap();
        assert_eq!(
            (source, initiative_response(key)),
            (WeDidSource::DoneInitiative, Some("l4"))
        );
        assert_eq!(parse_item_id("closed_case_"), None);
        assert_eq!(parse_item_id("initiative_x"), None);
    }

    #[test]
    fn proposed_text_is_in_the_contacts_language_only_and_trimmed() {
        let text = WeDidText::proposed(&candidate(WeDidSource::ClosedCase, "c", "a", Lang::Fi, 1));
        assert_eq!(text.said.fi, "Invoices arrive late");
        assert_eq!(text.did.fi, "We moved invoicing to the 1st");
        assert!(text.said.en.is_empty() && text.did.en.is_empty());
        assert!(text.complete_in(Lang::Fi));
        assert!(!text.complete_in(Lang::En));
    }

    #[test]
    fn approval_needs_both_texts_in_the_readers_language() {
        let mut text = WeDidText::proposed(&candidate(WeDidSource::ClosedCase, "c", "a", Lang::En, 1));
        assert!(text.check_approvable(Lang::En).is_ok());
        assert_eq!(text.check_approvable(Lang::Fi).unwrap_err().field, "text.said.fi");
        text.said.fi = "Laskut myöhässä".into();
        assert_eq!(text.check_approvable(Lang::Fi).unwrap_err().field, "text.did.fi");
        text.did.en = "x".repeat(TEXT_MAX_CHARS + 1);
        assert_eq!(text.check().unwrap_err().field, "text.did.en");
    }

    #[test]
    fn unreviewed_candidates_are_proposed_and_reviews_replace_the_text() {
        let candidates = vec![
            candidate(WeDidSource::ClosedCase, "old", "a", Lang::En, 1),
            candidate(WeDidSource::DoneAction, "new", "a", Lang::En, 9),
        ];
        let edited = WeDidText {
            said: Localized::new("Laskut", "Invoices"),
            did: Localized::new("Korjattu", "Fixed"),
        };
        let reviews = vec![(
            "closed_case_old".to_string(),
            review(WeDidStatus::Approved, edited.clone()),
        )];
        let items = assemble(candidates, &reviews, &[]);
        assert_eq!(items[0].id, "done_action_new", "latest done first");
        assert_eq!(items[0].status, WeDidStatus::Proposed);
        assert_eq!(items[0].reviewed_by, None);
        assert_eq!(items[1].status, WeDidStatus::Approved);
        assert_eq!(items[1].text, edited);
        assert_eq!(items[1].reviewed_by, Some(lead()));
    }

    #[test]
    fn a_contact_is_told_only_approved_untold_items_of_their_own_in_their_language() {
        let fi_text = WeDidText {
            said: Localized::new("Laskut myöhässä", ""),
            did: Localized::new("Laskutus siirtyi", ""),
        };
        let candidates = vec![
            candidate(WeDidSource::ClosedCase, "approved", "a", Lang::En, 1),
            candidate(WeDidSource::ClosedCase, "proposed", "a", Lang::En, 2),
            candidate(WeDidSource::DoneAction, "left", "a", Lang::En, 3),
            candidate(WeDidSource::DoneAction, "told", "a", Lang::En, 4),
            candidate(WeDidSource::DoneAction, "other", "b", Lang::En, 5),
            candidate(WeDidSource::DoneAction, "finnish", "a", Lang::En, 6),
        ];
        let approved = |c: &Candidate| review(WeDidStatus::Approved, WeDidText::proposed(c));
        let reviews = vec![
            ("closed_case_approved".into(), approved(&candidates[0])),
            (
                "done_action_left".into(),
                review(WeDidStatus::LeftOut, WeDidText::proposed(&candidates[2])),
            ),
            ("done_action_told".into(), approved(&candidates[3])),
            ("done_action_other".into(), approved(&candidates[4])),
            ("done_action_finnish".into(), review(WeDidStatus::Approved, fi_text)),
        ];
        let told = vec![("done_action_told".to_string(), told("a", ToldChannel::Email))];
        let items = assemble(candidates, &reviews, &told);

        let digest = digest_for(&items, "a", Lang::En);
        let ids: Vec<&str> = digest.iter().map(|(id, _)| id.as_str()).collect();
        assert_eq!(ids, ["closed_case_approved"]);
        assert_eq!(digest[0].1.said, "Invoices arrive late");
        assert_eq!(digest[0].1.did, "We moved invoicing to the 1st");

        let in_finnish: Vec<String> = digest_for(&items, "a", Lang::Fi)
            .into_iter()
            .map(|(id, _)| id)
            .collect();
        assert_eq!(
            in_finnish,
            ["done_action_finnish"],
            "a contact now reading Finnish gets the Finnish text only"
        );
        assert_eq!(digest_for(&items, "b", Lang::En).len(), 1);
        assert!(digest_for(&items, "nobody", Lang::En).is_empty());
    }

    fn share_of(feedback: &[&str], answered: &[&str]) -> WeDidShare {
        let owned = |ids: &[&str]| ids.iter().map(|id| id.to_string()).collect::<Vec<_>>();
        share(&owned(feedback), &owned(answered))
    }

    #[test]
    fn share_counts_responses_answered_with_a_told_item() {
        let candidates = vec![
            candidate(WeDidSource::ClosedCase, "one", "a", Lang::En, 1),
            candidate(WeDidSource::DoneAction, "two", "a", Lang::En, 2),
        ];
        let told = vec![("closed_case_one".to_string(), told("a", ToldChannel::Survey))];
        let items = assemble(candidates, &[], &told);
        let feedback: Vec<String> = ["link-one", "link-two", "link-three", "link-one"]
            .map(String::from)
            .to_vec();
        let share = share(&feedback, &answered_responses(&items));
        assert_eq!(
            share,
            WeDidShare {
                feedback: 3,
                answered: 1
            }
        );
        let told_elsewhere = share_of(&["link-two"], &["link-one", "link-two"]);
        assert_eq!(
            told_elsewhere,
            WeDidShare {
                feedback: 1,
                answered: 1
            },
            "answered counts only what asked"
        );
        assert_eq!(share.percent(), Some(33));
        assert_eq!(
            WeDidShare {
                feedback: 0,
                answered: 0
            }
            .percent(),
            None
        );
        assert_eq!(
            WeDidShare {
                feedback: 2,
                answered: 2
            }
            .percent(),
            Some(100)
        );
    }

    #[test]
    fn the_email_and_the_invitation_section_quote_each_entry_in_the_contacts_language() {
        let entries = vec![WeDidEntry {
            said: "Laskut tulevat myöhässä".into(),
            did: "Laskutus siirtyi kuun alkuun".into(),
        }];
        let email = we_did_email(Lang::Fi, "Acme", "Maija Meikäläinen", "Lea", &entries);
        assert_eq!(email.subject, "Acme: mitä teimme palautteenne perusteella");
        assert!(email.body.starts_with("Hei Maija,"));
        assert!(email.body.contains("Viime kerralla kerroitte meille"));
        assert!(email.body.contains("Sanoitte: \"Laskut tulevat myöhässä\""));
        assert!(email.body.contains("Teimme: Laskutus siirtyi kuun alkuun"));
        assert!(invitation_section(Lang::En, &[]).is_empty());
        assert!(invitation_section(Lang::En, &entries).starts_with("Last time you told us"));
    }
}
