//! The customer mailbox: an admin connects an IMAP mailbox (the settings are tried
//! before they are kept; the password is sealed with the server's key), and the
//! scheduler reads the emails that arrive in it from then on, each stored once as a
//! customer message (by its Message-ID), placed on its sender's account like any
//! other, and analysed. The place reached (UIDVALIDITY and UID) is stored after each
//! batch, so nothing is read twice or missed across restarts.

use std::time::Duration as StdDuration;

use chrono::{DateTime, Duration, Utc};
use kaiku_core::audit::AuditKind;
use kaiku_core::error::ErrorCode;
use kaiku_core::mailbox::{self, MailboxInput, MailboxProblem, MailboxSecurity, MailboxSettings, MailboxView};
use kaiku_core::message::{self, MessageInput, MessageSource};
use kaiku_core::validate;
use mail_parser::{MessageParser, MimeHeaders};
use rustls::pki_types::CertificateDer;
use tokio::task::JoinSet;

use super::accounts::People;
use super::audit;
use super::auth::CurrentUser;
use super::imap::{self, Batch, ReadError, Target};
use super::messages::{self, Directory, Poster};
use super::network::{self, Refused};
use super::secrets::hash_token;
use crate::error::{ApiError, ApiResult};
use crate::state::AppState;
use crate::store::decode;
use crate::store::key_of;
use crate::store::mailboxes::{Checked, MailboxRow, Reached, mailbox_id};

/// Emails read in one go; a pass reads up to [`BATCHES_PER_PASS`] of them.
const BATCH: usize = 50;
const BATCHES_PER_PASS: usize = 4;
/// A mailbox that worked is read again after this long (about each scheduler pass).
const CHECK_EVERY_SECONDS: i64 = 55;
/// One that failed waits 1, 2, 4 … minutes, at most this many.
const MAX_BACKOFF_MINUTES: i64 = 60;
/// How long a check holds the mailbox before another instance may read it.
const CLAIM_MINUTES: i64 = 10;
/// How long one check may take before it is given up (a server that trickles).
const CHECK_TIMEOUT: StdDuration = StdDuration::from_secs(300);
/// Characters of a failure kept for the admins' view.
const ERROR_MAX_CHARS: usize = 300;

fn security(row: &MailboxRow) -> Result<MailboxSecurity, decode::Unreadable> {
    decode::code(&row.id, "mailbox.security", &row.security, MailboxSecurity::from_code)
}

fn view(row: &MailboxRow, people: &People) -> ApiResult<MailboxView> {
    let (problem, error) = match row.last_error.as_deref().map(|e| e.split_once(": ").unwrap_or((e, ""))) {
        Some((code, detail)) => (
            Some(decode::code(
                &row.id,
                "mailbox.last_error",
                code,
                MailboxProblem::from_code,
            )?),
            Some(detail.to_string()).filter(|d| !d.is_empty()),
        ),
        None => (None, None),
    };
    Ok(MailboxView {
        host: row.host.clone(),
        port: u16::try_from(row.port).map_err(|_| decode::Unreadable::new(&row.id, "mailbox.port", "not a port"))?,
        security: security(row)?,
        user: row.user.clone(),
        folder: row.folder.clone(),
        connected_at: row.connected_at,
        connected_by: people.person(&row.connected_by),
        last_checked_at: row.last_checked_at,
        last_problem: problem,
        last_error: error,
        next_check_at: row.next_check_at,
        messages_read: u64::try_from(row.messages_read).unwrap_or(0),
        unreadable: u64::try_from(row.unreadable).unwrap_or(0),
        last_unreadable: row.last_unreadable.clone(),
    })
}

/// The mailbox, if connected, and whether one can be (admins).
pub async fn settings(state: &AppState, current: &CurrentUser) -> ApiResult<MailboxSettings> {
    current.require_team_manager()?;
    let mailbox = match state.store.mailbox(current.org()).await? {
        Some(row) => Some(view(&row, &People::load(state, current).await?)?),
        None => None,
    };
    Ok(MailboxSettings {
        mailbox,
        can_connect: state.server_key.is_some(),
    })
}

/// Connects the mailbox or changes its settings (admins), once Kaiku has logged in
/// with them and opened the folder. Emails that arrive from then on are read; a
/// mailbox whose server, user and folder stay the same keeps its place.
pub async fn connect(state: &AppState, current: &CurrentUser, input: MailboxInput) -> ApiResult<MailboxView> {
    current.require_team_manager()?;
    let key = state.server_key.clone().ok_or_else(|| {
        ApiError::new(
            ErrorCode::NoServerKey,
            "this server has no secret key (KAIKU_SECRET_KEY) to keep a mailbox password with",
        )
    })?;
    let input = input.normalised();
    input.check()?;
    let org = current.org();
    let id = mailbox_id(org);
    let before = state.store.mailbox(org).await?;
    let password = match (&input.password, &before) {
        (Some(password), _) => password.clone(),
        (None, Some(row)) => key
            .open(&row.password_sealed, &key_of(&id))
            .map_err(|_| unreachable_error(MailboxProblem::PasswordUnreadable, "enter the password again"))?,
        (None, None) => return Err(ApiError::validation("password", "password is required")),
    };
    let port = input.port.unwrap_or_else(|| input.security.default_port());
    let addresses = resolve(state, &input.host, port)
        .await
        .map_err(|(p, e)| unreachable_error(p, &e))?;
    let roots = extra_roots(state)?;
    let target = Target {
        host: &input.host,
        addresses: &addresses,
        security: input.security,
        user: &input.user,
        password: &password,
        folder: &input.folder,
        extra_roots: &roots,
    };
    let tried = imap::read_new(&target, None, u32::MAX, 0)
        .await
        .map_err(|e| unreachable_error(problem_of(&e), &e.to_string()))?;
    let now = state.now();
    let same_place = before.as_ref().is_some_and(|row| {
        row.host == input.host
            && row.port == i64::from(port)
            && row.user == input.user
            && row.folder == input.folder
            && row.uid_validity == Some(i64::from(tried.uid_validity))
    });
    let (last_uid, messages_read, unreadable, last_unreadable) = match (&before, same_place) {
        (Some(row), true) => (
            row.last_uid,
            row.messages_read,
            row.unreadable,
            row.last_unreadable.clone(),
        ),
        _ => (i64::from(tried.newest_uid), 0, 0, None),
    };
    let row = MailboxRow {
        id: id.clone(),
        org: org.clone(),
        host: input.host.clone(),
        port: i64::from(port),
        security: input.security.code().to_string(),
        user: input.user.clone(),
        password_sealed: key.seal(&password, &key_of(&id)),
        folder: input.folder.clone(),
        uid_validity: Some(i64::from(tried.uid_validity)),
        last_uid,
        messages_read,
        unreadable,
        last_unreadable,
        next_check_at: now,
        polling_until: None,
        failures: 0,
        last_checked_at: Some(now),
        last_error: None,
        connected_by: current.user.id.clone(),
        connected_at: now,
    };
    state.store.save_mailbox(row.clone()).await?;
    audit::by(
        state,
        current,
        AuditKind::MailboxConnected,
        format!("{}@{}", input.user, input.host),
    )
    .await?;
    view(&row, &People::load(state, current).await?)
}

/// Disconnects the mailbox (admins); the emails read from it stay.
pub async fn disconnect(state: &AppState, current: &CurrentUser) -> ApiResult<()> {
    current.require_team_manager()?;
    let row = state
        .store
        .delete_mailbox(current.org())
        .await?
        .ok_or_else(ApiError::not_found)?;
    audit::by(
        state,
        current,
        AuditKind::MailboxDisconnected,
        format!("{}@{}", row.user, row.host),
    )
    .await
}

/// Reads the mailbox now (admins), rather than at the next pass; how it went is in
/// the answer's `last_problem`.
pub async fn check_now(state: &AppState, current: &CurrentUser) -> ApiResult<MailboxView> {
    current.require_team_manager()?;
    let org = current.org();
    let now = state.now();
    let Some(row) = state
        .store
        .claim_mailbox(org, now, now + Duration::minutes(CLAIM_MINUTES))
        .await?
    else {
        return match state.store.mailbox(org).await? {
            Some(row) => view(&row, &People::load(state, current).await?),
            None => Err(ApiError::not_found()),
        };
    };
    check(state, &row).await?;
    let row = state.store.mailbox(org).await?.ok_or_else(ApiError::not_found)?;
    view(&row, &People::load(state, current).await?)
}

/// The scheduler's pass: the mailboxes due, read at once (one slow server holds up
/// no other). How many emails were stored.
pub async fn read_due(state: &AppState, limit: u32) -> ApiResult<u32> {
    let now = state.now();
    let claimed = state
        .store
        .claim_due_mailboxes(now, now + Duration::minutes(CLAIM_MINUTES), limit)
        .await?;
    let mut reading = JoinSet::new();
    for row in claimed {
        let state = state.clone();
        reading.spawn(async move { check(&state, &row).await });
    }
    let mut stored = 0;
    while let Some(read) = reading.join_next().await {
        stored += read.map_err(ApiError::internal)??;
    }
    Ok(stored)
}

/// One check of one claimed mailbox, recorded: how many emails were stored. A
/// failure to reach the mailbox is the mailbox's state, not the job's error.
async fn check(state: &AppState, row: &MailboxRow) -> ApiResult<u32> {
    let outcome = match tokio::time::timeout(CHECK_TIMEOUT, read(state, row)).await {
        Ok(outcome) => outcome,
        Err(_) => Err(Failure::Mailbox(
            MailboxProblem::Timeout,
            "the check took longer than five minutes".into(),
        )),
    };
    let now = state.now();
    let (stored, error) = match outcome {
        Ok(stored) => (stored, None),
        Err(Failure::Mailbox(problem, detail)) => {
            let detail: String = detail.chars().take(ERROR_MAX_CHARS).collect();
            tracing::warn!(mailbox = %key_of(&row.id), problem = problem.code(), %detail, "reading a mailbox failed");
            (0, Some(format!("{}: {detail}", problem.code())))
        }
        Err(Failure::Kaiku(error)) => {
            let checked = Checked {
                at: now,
                error: Some(format!(
                    "{}: Kaiku could not store an email; it is tried again",
                    MailboxProblem::Unexpected.code()
                )),
                next_check_at: now + Duration::minutes(1),
            };
            state.store.record_mailbox_check(row, checked).await?;
            return Err(error);
        }
    };
    let next_check_at = match &error {
        None => now + Duration::seconds(CHECK_EVERY_SECONDS),
        Some(_) => {
            let minutes = 1_i64
                .checked_shl(u32::try_from(row.failures.clamp(0, 6)).unwrap_or(6))
                .unwrap_or(MAX_BACKOFF_MINUTES);
            now + Duration::minutes(minutes.min(MAX_BACKOFF_MINUTES))
        }
    };
    state
        .store
        .record_mailbox_check(
            row,
            Checked {
                at: now,
                error,
                next_check_at,
            },
        )
        .await?;
    Ok(stored)
}

enum Failure {
    /// The mailbox could not be read: its state, shown to the admins.
    Mailbox(MailboxProblem, String),
    /// Kaiku could not store what it read: the job's error.
    Kaiku(ApiError),
}

impl From<ApiError> for Failure {
    fn from(error: ApiError) -> Failure {
        Failure::Kaiku(error)
    }
}

async fn read(state: &AppState, row: &MailboxRow) -> Result<u32, Failure> {
    let key = state.server_key.clone().ok_or_else(|| {
        Failure::Mailbox(
            MailboxProblem::PasswordUnreadable,
            "this server has no secret key (KAIKU_SECRET_KEY)".into(),
        )
    })?;
    let password = key
        .open(&row.password_sealed, &key_of(&row.id))
        .map_err(|e| Failure::Mailbox(MailboxProblem::PasswordUnreadable, e.to_string()))?;
    let port = u16::try_from(row.port)
        .map_err(|_| ApiError::from(decode::Unreadable::new(&row.id, "mailbox.port", "not a port")))?;
    let addresses = resolve(state, &row.host, port)
        .await
        .map_err(|(problem, detail)| Failure::Mailbox(problem, detail))?;
    let roots = extra_roots(state)?;
    let target = Target {
        host: &row.host,
        addresses: &addresses,
        security: security(row).map_err(ApiError::from)?,
        user: &row.user,
        password: &password,
        folder: &row.folder,
        extra_roots: &roots,
    };
    let poster = Poster::mailbox(row.org.clone());
    let directory = Directory::load(state, &row.org).await?;
    let mut validity = row.uid_validity.and_then(|v| u32::try_from(v).ok());
    let mut after = u32::try_from(row.last_uid).unwrap_or(0);
    let mut stored = 0;
    for _ in 0..BATCHES_PER_PASS {
        let batch: Batch = imap::read_new(&target, validity, after, BATCH)
            .await
            .map_err(|e| Failure::Mailbox(problem_of(&e), e.to_string()))?;
        let mut reached = Reached {
            uid_validity: i64::from(batch.uid_validity),
            last_uid: i64::from(batch.reached),
            read: 0,
            unreadable: 0,
            last_unreadable: None,
        };
        for email in &batch.emails {
            let fallback_id = format!("{}:{}:{}", key_of(&row.id), batch.uid_validity, email.uid);
            let refused = match to_message(&email.raw, &fallback_id) {
                Ok(None) => continue,
                Ok(Some(input)) => match messages::post_with(state, &poster, input, None, &directory).await {
                    Ok((created, _)) => {
                        reached.read += i64::from(created);
                        continue;
                    }
                    // The email broke a message's rules: it is reported, not retried.
                    Err(e) if e.code == ErrorCode::Validation => e.message,
                    Err(e) => return Err(e.into()),
                },
                Err(reason) => reason.to_string(),
            };
            tracing::warn!(mailbox = %key_of(&row.id), uid = email.uid, %refused, "an email could not be read as a message");
            reached.unreadable += 1;
            reached.last_unreadable = Some(format!("UID {}: {refused}", email.uid));
        }
        stored += u32::try_from(reached.read).unwrap_or(0);
        after = batch.reached;
        validity = Some(batch.uid_validity);
        state
            .store
            .advance_mailbox(row, reached)
            .await
            .map_err(ApiError::from)?;
        if !batch.more {
            break;
        }
    }
    Ok(stored)
}

async fn resolve(
    state: &AppState,
    host: &str,
    port: u16,
) -> Result<Vec<std::net::SocketAddr>, (MailboxProblem, String)> {
    network::resolve(host, port, state.config.mailboxes_allow_internal)
        .await
        .map_err(|refused| {
            let detail = match refused {
                Refused::NotFound => "the host could not be found".to_string(),
                Refused::Internal => {
                    "the host is on this machine or a private network, which mailboxes may not reach".to_string()
                }
            };
            (MailboxProblem::Unreachable, detail)
        })
}

fn extra_roots(state: &AppState) -> ApiResult<Vec<CertificateDer<'static>>> {
    match &state.config.mailbox_ca_file {
        Some(path) => imap::read_roots(path).map_err(ApiError::internal),
        None => Ok(Vec::new()),
    }
}

fn problem_of(error: &ReadError) -> MailboxProblem {
    match error {
        ReadError::Connect(_) => MailboxProblem::Unreachable,
        ReadError::Tls(_) => MailboxProblem::Insecure,
        ReadError::Login => MailboxProblem::LoginRefused,
        ReadError::Folder(..) => MailboxProblem::NoSuchFolder,
        ReadError::Timeout => MailboxProblem::Timeout,
        ReadError::Protocol(_) => MailboxProblem::Unexpected,
    }
}

fn unreachable_error(problem: MailboxProblem, detail: &str) -> ApiError {
    ApiError {
        field: Some(problem.field().to_string()),
        ..ApiError::new(ErrorCode::MailboxUnreachable, format!("{}: {detail}", problem.code()))
    }
}

/// An email as a customer message: what its sender wrote (quotes and signature cut),
/// its subject, sender and date, the names of its attachments; its Message-ID
/// (`fallback_id` when it has none) makes it the same message however often it is
/// read. `None` for automatic replies (out of office, delivery reports); why not,
/// for what cannot be read as an email or has nothing to read.
pub fn to_message(raw: &[u8], fallback_id: &str) -> Result<Option<MessageInput>, &'static str> {
    let email = MessageParser::default().parse(raw).ok_or("not an email")?;
    if email.from().is_none() && email.subject().is_none() && email.message_id().is_none() && email.date().is_none() {
        return Err("not an email: it has no sender, subject, id or date");
    }
    if is_automatic(&email) {
        return Ok(None);
    }
    let subject: String = email
        .subject()
        .unwrap_or_default()
        .chars()
        .filter(|c| !validate::is_hidden(*c))
        .take(message::SUBJECT_MAX_CHARS)
        .collect();
    let text = email
        .body_text(0)
        .map(|text| mailbox::own_words(&text))
        .unwrap_or_default();
    let body = if text.trim().is_empty() { subject.clone() } else { text };
    if body.trim().is_empty() {
        return Err("no text or subject to read");
    }
    let body: String = body.chars().take(message::BODY_MAX_CHARS).collect();
    let from = email.from().and_then(|from| from.first());
    let sender_email = from
        .and_then(|addr| addr.address())
        .map(validate::normalise_email)
        .filter(|address| validate::email("sender_email", address).is_ok())
        .unwrap_or_default();
    let sender_name: String = from
        .and_then(|addr| addr.name())
        .unwrap_or_default()
        .chars()
        .filter(|c| !validate::is_hidden(*c))
        .take(validate::NAME_MAX_CHARS)
        .collect();
    let external_id = match email.message_id().map(str::trim).filter(|id| !id.is_empty()) {
        Some(id) if id.chars().count() <= message::EXTERNAL_ID_MAX_CHARS && !id.chars().any(validate::is_hidden) => {
            id.to_string()
        }
        // Too long or odd to keep as it is: its hash is as unique.
        Some(id) => format!("sha256:{}", hash_token(id)),
        None => format!("imap:{fallback_id}"),
    };
    let received_at = email
        .date()
        .and_then(|date| DateTime::<Utc>::from_timestamp(date.to_timestamp(), 0));
    let attachments = email
        .attachments()
        .take(mailbox::ATTACHMENTS_MAX)
        .map(|part| mailbox::attachment_name(part.attachment_name()))
        .collect();
    Ok(Some(
        MessageInput {
            source: MessageSource::Email,
            received_at,
            sender_name: sender_name.trim().to_string(),
            sender_email,
            subject,
            body,
            external_id: Some(external_id),
            account_id: None,
            contact_id: None,
            language: None,
            attachments,
        }
        .normalised(),
    ))
}

/// Out-of-office answers, delivery reports and list mail: RFC 3834's
/// `Auto-Submitted`, the older `Precedence`, and bounce reports.
fn is_automatic(email: &mail_parser::Message<'_>) -> bool {
    let header = |name: &str| email.header_raw(name).map(|value| value.trim().to_ascii_lowercase());
    let auto_submitted = header("Auto-Submitted").is_some_and(|value| value != "no");
    let bulk =
        header("Precedence").is_some_and(|value| matches!(value.as_str(), "bulk" | "junk" | "list" | "auto_reply"));
    let report = email.content_type().is_some_and(|ct| {
        ct.ctype().eq_ignore_ascii_case("multipart") && ct.subtype().is_some_and(|s| s.eq_ignore_ascii_case("report"))
    });
    auto_submitted || bulk || report
}

#[cfg(test)]
mod tests {
    use super::*;

    const REPLY: &str = "Message-ID: <abc@globex.fi>\r\n\
        From: Maija Meikäläinen <Maija@Globex.fi>\r\n\
        To: feedback@agency.fi\r\n\
        Subject: Re: Weekly report\r\n\
        Date: Mon, 7 Dec 2026 10:00:00 +0200\r\n\
        MIME-Version: 1.0\r\n\
        Content-Type: multipart/mixed; boundary=\"b\"\r\n\
        \r\n\
        --b\r\n\
        Content-Type: text/plain; charset=utf-8\r\n\
        \r\n\
        The report is late again and nobody answers our calls.\r\n\
        \r\n\
        On Fri, 4 Dec 2026, Anna <anna@agency.fi> wrote:\r\n\
        > Here is the report.\r\n\
        --b\r\n\
        Content-Type: application/pdf; name=\"invoice.pdf\"\r\n\
        Content-Disposition: attachment; filename=\"invoice.pdf\"\r\n\
        Content-Transfer-Encoding: base64\r\n\
        \r\n\
        JVBERi0xLjQK\r\n\
        --b--\r\n";

    #[test]
    fn an_email_becomes_a_message_of_what_its_sender_wrote() {
        let message = to_message(REPLY.as_bytes(), "m:1:7").unwrap().unwrap();
        assert_eq!(message.source, MessageSource::Email);
        assert_eq!(message.body, "The report is late again and nobody answers our calls.");
        assert_eq!(message.subject, "Re: Weekly report");
        assert_eq!(message.sender_email, "maija@globex.fi");
        assert_eq!(message.sender_name, "Maija Meikäläinen");
        assert_eq!(message.external_id.as_deref(), Some("abc@globex.fi"));
        assert_eq!(message.attachments, ["invoice.pdf"]);
        assert_eq!(message.received_at, Some("2026-12-07T08:00:00Z".parse().unwrap()));
        assert_eq!(message.check(), Ok(()));
    }

    #[test]
    fn html_only_emails_are_read_as_text_and_emails_without_an_id_get_one() {
        let html = "From: bob@initech.com\r\nSubject: Thanks\r\nContent-Type: text/html\r\n\r\n<p>Great <b>work</b> on the launch!</p>";
        let message = to_message(html.as_bytes(), "m:1:8").unwrap().unwrap();
        assert!(message.body.contains("Great work on the launch!"), "{}", message.body);
        assert_eq!(message.external_id.as_deref(), Some("imap:m:1:8"));
        assert_eq!(message.received_at, None);
    }

    #[test]
    fn automatic_replies_and_empty_emails_are_not_messages() {
        let away = "From: bob@initech.com\r\nAuto-Submitted: auto-replied\r\nSubject: Out of office\r\n\r\nI am away.";
        assert_eq!(to_message(away.as_bytes(), "x"), Ok(None));
        let bulk = "From: news@initech.com\r\nPrecedence: bulk\r\nSubject: News\r\n\r\nNews.";
        assert_eq!(to_message(bulk.as_bytes(), "x"), Ok(None));
        let empty = "From: bob@initech.com\r\n\r\n";
        assert!(to_message(empty.as_bytes(), "x").is_err());
        let subject_only = "From: bob@initech.com\r\nSubject: Please call me\r\n\r\n";
        assert_eq!(
            to_message(subject_only.as_bytes(), "x").unwrap().unwrap().body,
            "Please call me"
        );
        for garbage in [&b""[..], b"\x00\x01\x02 not mail", b"\xff\xfe\xfd"] {
            assert!(to_message(garbage, "x").is_err(), "{garbage:?}");
        }
    }

    #[test]
    fn a_hostile_sender_field_leaves_the_sender_out_rather_than_failing() {
        let odd = "From: \"Evil\u{202e}Name\" <not an address>\r\nMessage-ID: <\u{0}bad>\r\n\r\nHello";
        let message = to_message(odd.as_bytes(), "x").unwrap().unwrap();
        assert_eq!(message.sender_email, "");
        assert!(!message.sender_name.contains('\u{202e}'));
        assert!(message.external_id.unwrap().starts_with("sha256:"));
        let long_id = format!("From: a@b.fi\r\nMessage-ID: <{}@x>\r\n\r\nHello", "a".repeat(300));
        let message = to_message(long_id.as_bytes(), "x").unwrap().unwrap();
        assert!(message.external_id.unwrap().starts_with("sha256:"));
    }
}
