//! Customer messages beyond surveys: emails, chats, helpdesk tickets, complaints,
//! praise, ideas, meeting notes and calls. What a message is and its field rules,
//! which account a sender belongs to (`match_sender`), when a message is worth
//! telling the account lead about at once, and the organisation API keys that post
//! them.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::Lang;
use crate::account::PersonRef;
use crate::analysis::{CommentAnalysis, CorrectionKind};
use crate::validate::{self, FieldError, Invalid};

pub const SUBJECT_MAX_CHARS: usize = 300;
pub const BODY_MAX_CHARS: usize = 20_000;
pub const EXTERNAL_ID_MAX_CHARS: usize = 200;
/// At most this many messages in one `POST /integrations/messages/batch`.
pub const BATCH_MAX: usize = 100;
pub const KEY_NAME_MAX_CHARS: usize = 80;

api_enum! {
    /// Where a message came from.
    pub enum MessageSource {
        Email,
        Chat,
        HelpdeskTicket,
        Complaint,
        Praise,
        Idea,
        MeetingNote,
        PhoneCall,
    }
}

api_type! {
    /// A message as it comes in: typed in the app, posted with an API key, or a row
    /// of a CSV import. `external_id` is the id the source gave it (an email's
    /// Message-ID, a ticket number): the same one from the same source is stored
    /// once. `account_id` places it directly (the app's form); otherwise the sender
    /// decides (see [`match_sender`]).
    pub struct MessageInput {
        pub source: MessageSource,
        /// When the customer sent it (or the meeting took place); now when left out.
        pub received_at: Option<DateTime<Utc>>,
        #[serde(default)]
        #[cfg_attr(feature = "openapi", oai(default))]
        pub sender_name: String,
        #[serde(default)]
        #[cfg_attr(feature = "openapi", oai(default))]
        pub sender_email: String,
        #[serde(default)]
        #[cfg_attr(feature = "openapi", oai(default))]
        pub subject: String,
        pub body: String,
        pub external_id: Option<String>,
        pub account_id: Option<String>,
        pub contact_id: Option<String>,
        /// The language it is written in; recognised from the text when left out.
        pub language: Option<Lang>,
        /// The names of files that came with it (listed, never stored).
        #[serde(default)]
        #[cfg_attr(feature = "openapi", oai(default))]
        pub attachments: Vec<String>,
    }
}

impl MessageInput {
    /// Trimmed, the sender's email lower-cased, an empty external id as none.
    pub fn normalised(mut self) -> MessageInput {
        self.sender_name = self.sender_name.trim().to_string();
        self.sender_email = validate::normalise_email(&self.sender_email);
        self.subject = self.subject.trim().to_string();
        self.body = self.body.trim().to_string();
        self.external_id = self
            .external_id
            .map(|id| id.trim().to_string())
            .filter(|id| !id.is_empty());
        self.account_id = self.account_id.filter(|id| !id.trim().is_empty());
        self.contact_id = self.contact_id.filter(|id| !id.trim().is_empty());
        self.attachments = self
            .attachments
            .iter()
            .map(|name| crate::mailbox::attachment_name(Some(name)))
            .collect();
        self
    }

    /// The rules of a normalised message: a body, and a sender's email that is one
    /// when given; nothing hidden in the names, nothing too long.
    pub fn check(&self) -> Result<(), FieldError> {
        if self.body.is_empty() {
            return Err(FieldError {
                field: "body",
                problem: Invalid::Required,
            });
        }
        validate::too_long("body", &self.body, BODY_MAX_CHARS)?;
        validate::too_long("subject", &self.subject, SUBJECT_MAX_CHARS)?;
        if !self.sender_name.is_empty() {
            validate::name("sender_name", &self.sender_name)?;
        }
        if !self.sender_email.is_empty() {
            validate::email("sender_email", &self.sender_email)?;
        }
        if self.attachments.len() > crate::mailbox::ATTACHMENTS_MAX {
            return Err(FieldError {
                field: "attachments",
                problem: Invalid::TooMany {
                    max: crate::mailbox::ATTACHMENTS_MAX,
                },
            });
        }
        if let Some(id) = &self.external_id {
            validate::too_long("external_id", id, EXTERNAL_ID_MAX_CHARS)?;
            if id.chars().any(validate::is_hidden) {
                return Err(FieldError {
                    field: "external_id",
                    problem: Invalid::HiddenCharacters,
                });
            }
        }
        Ok(())
    }

    /// What makes two deliveries the same message: the source's own id, per source
    /// (an email's Message-ID is its external id). None when the source gave none.
    pub fn dedupe_key(&self) -> Option<String> {
        self.external_id
            .as_ref()
            .map(|id| format!("{}:{id}", self.source.code()))
    }
}

/// Mail services anyone can sign up to: their domain says nothing about the
/// customer, so a sender there is matched by their own address only.
pub const FREE_MAIL_DOMAINS: &[&str] = &[
    "gmail.com",
    "googlemail.com",
    "outlook.com",
    "hotmail.com",
    "hotmail.fi",
    "live.com",
    "live.fi",
    "msn.com",
    "yahoo.com",
    "yahoo.co.uk",
    "ymail.com",
    "icloud.com",
    "me.com",
    "mac.com",
    "aol.com",
    "proton.me",
    "protonmail.com",
    "gmx.com",
    "gmx.net",
    "mail.com",
    "zoho.com",
    "yandex.com",
    // Finnish ones.
    "luukku.com",
    "suomi24.fi",
    "elisanet.fi",
    "kolumbus.fi",
    "saunalahti.fi",
    "welho.com",
    "dnainternet.net",
    "pp.inet.fi",
    "netti.fi",
    "mbnet.fi",
];

/// The domain of an email, lower-cased; none when there is no `@`.
pub fn domain_of(email: &str) -> Option<String> {
    let (_, domain) = email.trim().rsplit_once('@')?;
    let domain = domain.trim().trim_end_matches('.').to_lowercase();
    (!domain.is_empty()).then_some(domain)
}

pub fn is_free_mail(domain: &str) -> bool {
    let domain = domain.to_lowercase();
    FREE_MAIL_DOMAINS.contains(&domain.as_str())
}

/// A contact as matching reads it: its account and email (any case).
pub struct KnownContact<'a, Id> {
    pub account: &'a Id,
    pub contact: &'a Id,
    pub email: &'a str,
}

/// A domain a person said belongs to an account.
pub struct TaughtDomain<'a, Id> {
    pub domain: &'a str,
    pub account: &'a Id,
}

api_enum! {
    /// How a message found its account.
    pub enum MatchedBy {
        /// The sender is one of the account's contacts.
        ContactEmail,
        /// A person taught Kaiku the sender's domain belongs to the account.
        TaughtDomain,
        /// The sender's domain is that of exactly one account's contacts.
        Domain,
        /// Placed on the account where it was written (the app's form), or named by
        /// whoever posted it.
        Given,
        /// A person assigned it from the Unmatched queue.
        Assigned,
        /// Not yet: it waits in the Unmatched queue.
        Unmatched,
    }
}

/// Which account a sender's message belongs to, and through what.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SenderMatch<Id> {
    pub account: Option<Id>,
    pub contact: Option<Id>,
    pub by: MatchedBy,
}

/// Finds the account of a sender: one of its contacts' email first (a contact on
/// two accounts is ambiguous and matches neither); then a domain a person taught;
/// then the sender's domain when it belongs to exactly one account's contacts. A
/// free-mail domain never matches by domain. Anything else is unmatched.
pub fn match_sender<Id: Clone + PartialEq>(
    sender_email: &str,
    contacts: &[KnownContact<'_, Id>],
    taught: &[TaughtDomain<'_, Id>],
) -> SenderMatch<Id> {
    let unmatched = SenderMatch {
        account: None,
        contact: None,
        by: MatchedBy::Unmatched,
    };
    let sender = validate::normalise_email(sender_email);
    let Some(domain) = domain_of(&sender) else {
        return unmatched;
    };
    let same_person: Vec<&KnownContact<'_, Id>> = contacts
        .iter()
        .filter(|c| validate::normalise_email(c.email) == sender)
        .collect();
    if let Some(first) = same_person.first()
        && same_person.iter().all(|c| c.account == first.account)
    {
        return SenderMatch {
            account: Some(first.account.clone()),
            contact: Some(first.contact.clone()),
            by: MatchedBy::ContactEmail,
        };
    }
    if is_free_mail(&domain) {
        return unmatched;
    }
    if let Some(taught) = taught.iter().find(|t| t.domain.eq_ignore_ascii_case(&domain)) {
        return SenderMatch {
            account: Some(taught.account.clone()),
            contact: None,
            by: MatchedBy::TaughtDomain,
        };
    }
    let mut accounts: Vec<&Id> = Vec::new();
    for contact in contacts {
        if domain_of(contact.email).as_deref() == Some(domain.as_str()) && !accounts.contains(&contact.account) {
            accounts.push(contact.account);
        }
    }
    match accounts.as_slice() {
        [only] => SenderMatch {
            account: Some((*only).clone()),
            contact: None,
            by: MatchedBy::Domain,
        },
        _ => unmatched,
    }
}

/// A domain a person may teach: a real one, not a free-mail service.
pub fn check_teachable(domain: &str) -> Result<(), FieldError> {
    if domain.is_empty() || !domain.contains('.') {
        return Err(FieldError {
            field: "teach_domain",
            problem: Invalid::Required,
        });
    }
    if is_free_mail(domain) {
        return Err(FieldError {
            field: "teach_domain",
            problem: Invalid::UnknownChoice,
        });
    }
    Ok(())
}

/// A message the account lead hears about at once: negative, with a churn cause
/// (what opens a case, see [`crate::case::negative_with_cause`]).
pub fn is_urgent(analysis: &CommentAnalysis) -> bool {
    crate::case::negative_with_cause(analysis).is_some()
}

api_type! {
    /// A message as the team reads it, with its analysis and where it belongs.
    pub struct MessageView {
        pub id: String,
        pub source: MessageSource,
        pub received_at: DateTime<Utc>,
        pub sender_name: String,
        pub sender_email: String,
        pub subject: String,
        pub body: String,
        pub external_id: Option<String>,
        pub account: Option<PersonRef>,
        pub contact: Option<PersonRef>,
        pub language: Lang,
        pub matched_by: MatchedBy,
        pub analysis: CommentAnalysis,
        /// Negative with a churn cause: the lead was told.
        pub urgent: bool,
        /// Who typed it in the app; none when it came through an API key or an import.
        pub created_by: Option<PersonRef>,
        /// The API key it came through.
        pub api_key: Option<String>,
        /// Read from the organisation's mailbox.
        #[serde(default)]
        pub from_mailbox: bool,
        /// The names of files that came with it.
        #[serde(default)]
        pub attachments: Vec<String>,
        pub created_at: DateTime<Utc>,
    }
}

api_type! {
    /// The answer to posting a message: `created` false when the same message
    /// (same source and external id) was stored before, which is returned.
    pub struct MessagePosted {
        pub created: bool,
        pub message: MessageView,
    }
}

api_type! {
    /// `POST /integrations/messages/batch`.
    pub struct MessageBatch {
        pub messages: Vec<MessageInput>,
    }
}

api_type! {
    /// One message of a batch: stored (or found stored) or refused with the reason.
    pub struct BatchItemResult {
        pub index: u32,
        pub created: bool,
        pub id: Option<String>,
        pub error: Option<crate::ApiErrorDetail>,
    }
}

api_type! {
    pub struct BatchResult {
        pub results: Vec<BatchItemResult>,
    }
}

api_type! {
    /// `POST /messages/{id}/assign`: a person places an unmatched (or wrongly
    /// matched) message on an account; `teach_domain` makes the sender's domain
    /// match this account from now on.
    pub struct AssignInput {
        pub account_id: String,
        pub contact_id: Option<String>,
        #[serde(default)]
        #[cfg_attr(feature = "openapi", oai(default))]
        pub teach_domain: bool,
    }
}

api_type! {
    /// `POST /messages/{id}/corrections`: a label of the message's analysis is
    /// right or wrong; the organisation's model learns it like an answer's.
    pub struct MessageCorrection {
        pub kind: CorrectionKind,
        pub label: String,
        pub present: bool,
    }
}

api_type! {
    /// The number beside "Messages" in the navigation: messages on the caller's
    /// accounts since they last looked, and how many of them are urgent; the
    /// unmatched ones waiting (for those who assign them).
    pub struct MessageCounts {
        pub new: u32,
        pub urgent: u32,
        pub unmatched: u32,
    }
}

api_enum! {
    /// What an organisation API key may do.
    pub enum ApiKeyScope {
        /// Post messages.
        #[serde(rename = "messages:write")]
        #[strum(serialize = "messages:write")]
        #[cfg_attr(feature = "openapi", oai(rename = "messages:write"))]
        MessagesWrite,
        /// Read messages.
        Read,
    }
}

api_type! {
    /// `POST /settings/api-keys`.
    pub struct ApiKeyInput {
        pub name: String,
        pub scopes: Vec<ApiKeyScope>,
    }
}

impl ApiKeyInput {
    pub fn normalised(mut self) -> ApiKeyInput {
        self.name = self.name.trim().to_string();
        let mut scopes = Vec::new();
        for scope in self.scopes {
            if !scopes.contains(&scope) {
                scopes.push(scope);
            }
        }
        self.scopes = scopes;
        self
    }

    pub fn check(&self) -> Result<(), FieldError> {
        validate::name("name", &self.name)?;
        validate::too_long("name", &self.name, KEY_NAME_MAX_CHARS)?;
        if self.scopes.is_empty() {
            return Err(FieldError {
                field: "scopes",
                problem: Invalid::Required,
            });
        }
        Ok(())
    }
}

api_type! {
    /// An API key as admins see it: never its secret.
    pub struct ApiKeyView {
        pub id: String,
        pub name: String,
        pub scopes: Vec<ApiKeyScope>,
        /// The first characters of the secret, to tell keys apart.
        pub prefix: String,
        pub created_at: DateTime<Utc>,
        pub created_by: PersonRef,
        pub last_used_at: Option<DateTime<Utc>>,
        pub revoked_at: Option<DateTime<Utc>>,
    }
}

api_type! {
    /// A key just created: `secret` is shown this once and stored only hashed.
    pub struct ApiKeyCreated {
        pub key: ApiKeyView,
        pub secret: String,
    }
}

api_type! {
    /// `POST /messages/import`: a CSV file of messages, one per row, columns by
    /// header name: `source` and `body` (required), `received_at` (2026-05-31 or an
    /// RFC 3339 time), `sender_name`, `sender_email`, `subject`, `external_id`,
    /// `account` (an account's name; else the sender decides), `language` (fi, en).
    pub struct MessageImportRequest {
        pub csv: String,
        /// Check and report only; store nothing.
        pub dry_run: bool,
    }
}

api_type! {
    /// One data row of a message import and what became (or would become) of it.
    pub struct MessageImportRow {
        /// The line in the file (the header is line 1).
        pub line: u32,
        /// Stored now (or, in a preview, would be).
        pub created: bool,
        /// The same message (source and external id) is stored already.
        pub duplicate: bool,
        pub account: Option<String>,
        pub matched_by: Option<MatchedBy>,
        /// Why the row is refused; refused rows are not imported.
        pub error: Option<String>,
        pub field: Option<String>,
    }
}

api_type! {
    pub struct MessageImportReport {
        pub dry_run: bool,
        pub created: u32,
        pub duplicates: u32,
        pub refused: u32,
        pub rows: Vec<MessageImportRow>,
    }
}

/// The prefix every key's secret starts with, so a leaked one is recognisable.
pub const KEY_PREFIX: &str = "kaiku_";

#[cfg(test)]
mod tests {
    use super::*;

    fn contact<'a>(
        account: &'a &'static str,
        contact: &'a &'static str,
        email: &'a str,
    ) -> KnownContact<'a, &'static str> {
        KnownContact {
            account,
            contact,
            email,
        }
    }

    #[test]
    fn a_contacts_email_matches_first_in_any_case() {
        let contacts = [
            contact(&"globex", &"maija", "Maija@Globex.fi"),
            contact(&"initech", &"bob", "bob@globex.fi"),
        ];
        let found = match_sender(" MAIJA@globex.fi ", &contacts, &[]);
        assert_eq!(found.account, Some("globex"));
        assert_eq!(found.contact, Some("maija"));
        assert_eq!(found.by, MatchedBy::ContactEmail);
    }

    #[test]
    fn a_domain_of_exactly_one_accounts_contacts_matches() {
        let contacts = [
            contact(&"globex", &"maija", "maija@globex.fi"),
            contact(&"globex", &"john", "john@globex.fi"),
        ];
        let found = match_sender("ceo@globex.fi", &contacts, &[]);
        assert_eq!(
            (found.account, found.contact, found.by),
            (Some("globex"), None, MatchedBy::Domain)
        );
    }

    #[test]
    fn a_domain_shared_by_two_accounts_is_unmatched() {
        let contacts = [
            contact(&"globex", &"maija", "maija@group.fi"),
            contact(&"initech", &"bob", "bob@group.fi"),
        ];
        let found = match_sender("ceo@group.fi", &contacts, &[]);
        assert_eq!((found.account, found.by), (None, MatchedBy::Unmatched));
    }

    #[test]
    fn free_mail_never_matches_by_domain_nor_by_teaching() {
        let contacts = [contact(&"globex", &"maija", "maija@gmail.com")];
        let taught = [TaughtDomain {
            domain: "gmail.com",
            account: &"globex",
        }];
        for domain in [
            "gmail.com",
            "outlook.com",
            "hotmail.com",
            "yahoo.com",
            "icloud.com",
            "luukku.com",
            "suomi24.fi",
        ] {
            let found = match_sender(&format!("someone@{domain}"), &contacts, &taught);
            assert_eq!(found.by, MatchedBy::Unmatched, "{domain}");
            assert!(check_teachable(domain).is_err(), "{domain}");
        }
        // The contact's own free-mail address still matches.
        assert_eq!(
            match_sender("maija@gmail.com", &contacts, &[]).by,
            MatchedBy::ContactEmail
        );
    }

    #[test]
    fn a_taught_domain_matches_before_contacts_domains() {
        let contacts = [
            contact(&"initech", &"bob", "bob@group.fi"),
            contact(&"globex", &"maija", "maija@group.fi"),
        ];
        let taught = [TaughtDomain {
            domain: "GROUP.fi",
            account: &"globex",
        }];
        let found = match_sender("ceo@group.fi", &contacts, &taught);
        assert_eq!((found.account, found.by), (Some("globex"), MatchedBy::TaughtDomain));
    }

    #[test]
    fn a_contact_on_two_accounts_is_ambiguous_and_no_sender_is_unmatched() {
        let contacts = [
            contact(&"globex", &"m1", "maija@gmail.com"),
            contact(&"initech", &"m2", "maija@gmail.com"),
        ];
        assert_eq!(match_sender("maija@gmail.com", &contacts, &[]).by, MatchedBy::Unmatched);
        assert_eq!(match_sender("", &contacts, &[]).by, MatchedBy::Unmatched);
    }

    #[test]
    fn the_same_external_id_is_the_same_message_per_source() {
        let input = |source, id: &str| {
            MessageInput {
                source,
                received_at: None,
                sender_name: String::new(),
                sender_email: String::new(),
                subject: String::new(),
                body: "Hello".into(),
                external_id: Some(format!(" {id} ")),
                account_id: None,
                contact_id: None,
                language: None,
                attachments: Vec::new(),
            }
            .normalised()
        };
        assert_eq!(
            input(MessageSource::Email, "<a@b>").dedupe_key(),
            input(MessageSource::Email, "<a@b>").dedupe_key()
        );
        assert_ne!(
            input(MessageSource::Email, "7").dedupe_key(),
            input(MessageSource::Chat, "7").dedupe_key()
        );
        assert_eq!(input(MessageSource::Chat, " ").dedupe_key(), None);
    }

    #[test]
    fn a_message_needs_a_body_and_a_real_sender_email() {
        let mut input = MessageInput {
            source: MessageSource::Complaint,
            received_at: None,
            sender_name: "Maija".into(),
            sender_email: "not an email".into(),
            subject: String::new(),
            body: "  ".into(),
            external_id: None,
            account_id: None,
            contact_id: None,
            language: None,
            attachments: Vec::new(),
        }
        .normalised();
        assert_eq!(input.check().unwrap_err().field, "body");
        input.body = "Slow reports".into();
        assert_eq!(input.check().unwrap_err().field, "sender_email");
        input.sender_email = "maija@globex.fi".into();
        assert_eq!(input.check(), Ok(()));
    }

    #[test]
    fn scopes_are_written_as_the_api_documents_them() {
        assert_eq!(
            serde_json::to_string(&ApiKeyScope::MessagesWrite).unwrap(),
            "\"messages:write\""
        );
        assert_eq!(
            ApiKeyScope::from_code("messages:write"),
            Some(ApiKeyScope::MessagesWrite)
        );
        assert_eq!(ApiKeyScope::from_code("read"), Some(ApiKeyScope::Read));
    }
}
