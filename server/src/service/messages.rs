//! Customer messages: stored once however often they arrive, placed on the account
//! of their sender (`kaiku_core::message::match_sender`) or left for a person in the
//! Unmatched queue, analysed like answers with the organisation's model, and — when
//! negative with a churn cause — routed to the account's case and lead in the same
//! transaction.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use kaiku_core::Lang;
use kaiku_core::account::PersonRef;
use kaiku_core::analysis::Correction;
use kaiku_core::message::{
    self, AssignInput, BatchItemResult, KnownContact, MatchedBy, MessageCorrection, MessageCounts, MessageInput,
    MessagePosted, MessageSource, MessageView, SenderMatch, TaughtDomain, domain_of,
};
use surrealdb::types::RecordId;

use super::accounts::{People, can_see, visible_account};
use super::analysis::{self, CORRECTION_TEXT_MAX_CHARS};
use super::api_keys::ApiKeyCaller;
use super::auth::CurrentUser;
use super::cases;
use super::mail::{self, UrgentMessageContext};
use crate::error::{ApiError, ApiResult};
use crate::state::AppState;
use crate::store::accounts::{AccountRow, Visibility};
use crate::store::cases::CaseOpening;
use crate::store::counterfeedback::Email;
use crate::store::decode::Unreadable;
use crate::store::messages::{Assignment, ContactEmail, InsertError, MessageRow, NewMessage, Teaching};
use crate::store::{id_from_key, key_of, new_id};

/// At most this many messages in one read through the API.
pub const READ_LIMIT: i64 = 500;

/// Who brings a message in: a person in the app, or an API key.
pub struct Poster {
    pub org: RecordId,
    pub person: Option<RecordId>,
    pub api_key: Option<RecordId>,
    /// The sync mutation that carried it from a device: the message is stored once
    /// per mutation, however often the device sends it.
    pub mutation: Option<String>,
    /// Read from the organisation's mailbox.
    pub mailbox: bool,
}

impl Poster {
    pub fn person(current: &CurrentUser) -> Poster {
        Poster {
            org: current.org().clone(),
            person: Some(current.user.id.clone()),
            api_key: None,
            mutation: None,
            mailbox: false,
        }
    }

    pub fn mailbox(org: RecordId) -> Poster {
        Poster {
            org,
            person: None,
            api_key: None,
            mutation: None,
            mailbox: true,
        }
    }

    pub fn key(caller: &ApiKeyCaller) -> Poster {
        Poster {
            org: caller.org().clone(),
            person: None,
            api_key: Some(caller.key.id.clone()),
            mutation: None,
            mailbox: false,
        }
    }

    pub fn device(current: &CurrentUser, mutation: &str) -> Poster {
        Poster {
            mutation: Some(mutation.to_string()),
            ..Poster::person(current)
        }
    }
}

/// Names for the views: people, accounts and contacts of the organisation.
pub struct Names {
    people: People,
    /// Names by record key.
    accounts: HashMap<String, String>,
    contacts: HashMap<String, String>,
}

impl Names {
    pub async fn load(state: &AppState, org: &RecordId) -> ApiResult<Names> {
        let accounts = state.store.accounts(org, Visibility::All, true).await?;
        let contacts = state.store.contacts_for_matching(org).await?;
        Ok(Names {
            people: People::of_org(state, org).await?,
            accounts: accounts.into_iter().map(|a| (key_of(&a.id), a.name)).collect(),
            contacts: contacts.into_iter().map(|c| (key_of(&c.id), c.name)).collect(),
        })
    }

    /// The names one message's view needs: its account's and contact's only, so
    /// posting one message does not read every account of the organisation.
    pub async fn of_message(state: &AppState, row: &MessageRow) -> ApiResult<Names> {
        let account = match &row.account {
            Some(id) => state.store.account(&row.org, id).await?.map(|a| (key_of(id), a.name)),
            None => None,
        };
        let contact = match &row.contact {
            Some(id) => state.store.contact(&row.org, id).await?.map(|c| (key_of(id), c.name)),
            None => None,
        };
        Ok(Names {
            people: People::of_org(state, &row.org).await?,
            accounts: account.into_iter().collect(),
            contacts: contact.into_iter().collect(),
        })
    }

    fn named(names: &HashMap<String, String>, id: &RecordId) -> PersonRef {
        let key = key_of(id);
        PersonRef {
            name: names.get(&key).cloned().unwrap_or_else(|| "—".to_string()),
            id: key,
        }
    }
}

pub fn view(row: &MessageRow, names: &Names) -> Result<MessageView, Unreadable> {
    Ok(MessageView {
        id: key_of(&row.id),
        source: row.source()?,
        received_at: row.received_at,
        sender_name: row.sender_name.clone(),
        sender_email: row.sender_email.clone(),
        subject: row.subject.clone(),
        body: row.body.clone(),
        external_id: row.external_id.clone(),
        account: row.account.as_ref().map(|id| Names::named(&names.accounts, id)),
        contact: row.contact.as_ref().map(|id| Names::named(&names.contacts, id)),
        language: kaiku_core::Lang::from_tag(&row.language).unwrap_or_default(),
        matched_by: row.matched_by()?,
        analysis: row.analysis()?,
        urgent: row.urgent,
        created_by: row.created_by.as_ref().map(|id| names.people.person(id)),
        api_key: row.api_key.as_ref().map(key_of),
        from_mailbox: row.from_mailbox,
        attachments: row.attachments.clone(),
        created_at: row.created_at,
    })
}

fn views(rows: &[MessageRow], names: &Names) -> ApiResult<Vec<MessageView>> {
    Ok(rows.iter().map(|row| view(row, names)).collect::<Result<_, _>>()?)
}

/// The contact of `account` named by `contact_id`, or else the one whose email is
/// the sender's.
fn contact_on(
    contacts: &[ContactEmail],
    account: &RecordId,
    contact_id: Option<&str>,
    sender_email: &str,
) -> ApiResult<Option<RecordId>> {
    let on_account = || contacts.iter().filter(|c| &c.account == account);
    if let Some(key) = contact_id {
        let id = id_from_key("contact", key);
        return on_account()
            .find(|c| c.id == id)
            .map(|c| Some(c.id.clone()))
            .ok_or_else(|| ApiError::validation("contact_id", "contact_id names no contact of the account"));
    }
    Ok(on_account()
        .find(|c| !sender_email.is_empty() && c.email.eq_ignore_ascii_case(sender_email))
        .map(|c| c.id.clone()))
}

/// What matching reads: the organisation's contacts and the domains people taught.
pub struct Directory {
    contacts: Vec<ContactEmail>,
    taught: Vec<(String, RecordId)>,
}

impl Directory {
    pub async fn load(state: &AppState, org: &RecordId) -> ApiResult<Directory> {
        Ok(Directory {
            contacts: state.store.contacts_for_matching(org).await?,
            taught: state.store.taught_domains(org).await?,
        })
    }

    /// Where a message belongs: the account it was given (with its contact), or the
    /// one its sender matches.
    pub fn place(&self, input: &MessageInput, given: Option<&AccountRow>) -> ApiResult<SenderMatch<RecordId>> {
        if let Some(account) = given {
            return Ok(SenderMatch {
                account: Some(account.id.clone()),
                contact: contact_on(
                    &self.contacts,
                    &account.id,
                    input.contact_id.as_deref(),
                    &input.sender_email,
                )?,
                by: MatchedBy::Given,
            });
        }
        let known: Vec<KnownContact<'_, RecordId>> = self
            .contacts
            .iter()
            .map(|c| KnownContact {
                account: &c.account,
                contact: &c.id,
                email: &c.email,
            })
            .collect();
        let taught: Vec<TaughtDomain<'_, RecordId>> = self
            .taught
            .iter()
            .map(|(domain, account)| TaughtDomain { domain, account })
            .collect();
        Ok(message::match_sender(&input.sender_email, &known, &taught))
    }
}

fn source_name(source: MessageSource, lang: Lang) -> &'static str {
    match (source, lang) {
        (MessageSource::Email, Lang::Fi) => "sähköposti",
        (MessageSource::Chat, Lang::Fi) => "chat",
        (MessageSource::HelpdeskTicket, Lang::Fi) => "tukipyyntö",
        (MessageSource::Complaint, Lang::Fi) => "reklamaatio",
        (MessageSource::Praise, Lang::Fi) => "kiitos",
        (MessageSource::Idea, Lang::Fi) => "idea",
        (MessageSource::MeetingNote, Lang::Fi) => "palaverimuistiinpano",
        (MessageSource::PhoneCall, Lang::Fi) => "puhelu",
        (MessageSource::Email, Lang::En) => "email",
        (MessageSource::Chat, Lang::En) => "chat",
        (MessageSource::HelpdeskTicket, Lang::En) => "helpdesk ticket",
        (MessageSource::Complaint, Lang::En) => "complaint",
        (MessageSource::Praise, Lang::En) => "praise",
        (MessageSource::Idea, Lang::En) => "idea",
        (MessageSource::MeetingNote, Lang::En) => "meeting note",
        (MessageSource::PhoneCall, Lang::En) => "phone call",
    }
}

/// What an urgent message on `account` sets in motion: its case opened or added to,
/// and an email to the account's active lead.
async fn routing(
    state: &AppState,
    account: &AccountRow,
    row: &MessageRow,
    analysis: &kaiku_core::analysis::CommentAnalysis,
) -> ApiResult<(Option<CaseOpening>, Vec<Email>)> {
    let Some(trigger) = kaiku_core::case::negative_with_cause(analysis) else {
        return Ok((None, Vec::new()));
    };
    let case = cases::opening_for_message(state, account, &row.id, analysis).await?;
    let users = state.store.users(&account.org).await?;
    let lead = account
        .lead
        .as_ref()
        .and_then(|lead| users.iter().find(|u| &u.id == lead && u.active));
    let emails = lead
        .map(|lead| {
            let lang = lead.language();
            let sender = if row.sender_name.is_empty() {
                row.sender_email.clone()
            } else {
                row.sender_name.clone()
            };
            let link = format!("{}/accounts/{}", state.config.public_url, key_of(&account.id));
            let message = mail::urgent_message(
                lang,
                &UrgentMessageContext {
                    account: &account.name,
                    sender: &sender,
                    source: source_name(row.source().unwrap_or(MessageSource::Email), lang),
                    words: &trigger.words,
                    link: &link,
                },
            );
            Email {
                recipient: lead.email.clone(),
                subject: message.subject,
                body: message.body,
            }
        })
        .into_iter()
        .collect();
    Ok((case, emails))
}

/// Stores a message once: `created` is false when the same one (same source and
/// external id) was stored before, which is returned unchanged. `given`: the
/// account it was written on (checked by the caller).
pub async fn post(
    state: &AppState,
    poster: &Poster,
    input: MessageInput,
    given: Option<AccountRow>,
) -> ApiResult<(bool, MessageRow)> {
    let directory = Directory::load(state, &poster.org).await?;
    post_with(state, poster, input, given, &directory).await
}

/// [`post`] with the matching directory read once for many messages (an import).
pub async fn post_with(
    state: &AppState,
    poster: &Poster,
    input: MessageInput,
    given: Option<AccountRow>,
    directory: &Directory,
) -> ApiResult<(bool, MessageRow)> {
    let input = input.normalised();
    input.check()?;
    let org = &poster.org;
    let given = match (given, input.account_id.as_deref()) {
        (Some(account), _) => Some(account),
        (None, Some(key)) => Some(
            state
                .store
                .account(org, &id_from_key("account", key))
                .await?
                .ok_or_else(ApiError::not_found)?,
        ),
        (None, None) => None,
    };
    let placed = directory.place(&input, given.as_ref())?;
    let account = match (&placed.account, given) {
        (_, Some(account)) => Some(account),
        (Some(id), None) => state.store.account(org, id).await?,
        (None, None) => None,
    };
    let model = analysis::model(state, org).await?;
    let contact_lang = match &placed.contact {
        Some(contact) => state.store.contact(org, contact).await?.and_then(|c| c.language().ok()),
        None => None,
    };
    let analysed = model.analyse_in(
        &input.body,
        input
            .language
            .or(contact_lang)
            .unwrap_or(kaiku_core::analysis::DEFAULT_LANG),
    );
    let id = new_id("message");
    let now = state.now();
    let row = MessageRow {
        dedupe_key: input
            .dedupe_key()
            .or_else(|| poster.mutation.as_ref().map(|m| format!("device:{m}")))
            .unwrap_or_else(|| format!("own:{}", key_of(&id))),
        id,
        org: org.clone(),
        source: input.source.code().to_string(),
        received_at: input.received_at.unwrap_or(now),
        sender_name: input.sender_name,
        sender_email: input.sender_email,
        subject: input.subject,
        body: input.body,
        external_id: input.external_id,
        account: placed.account,
        contact: placed.contact,
        language: input.language.unwrap_or(analysed.lang).code().to_string(),
        matched_by: placed.by.code().to_string(),
        analysis_json: crate::store::to_json(&analysed)?,
        urgent: message::is_urgent(&analysed),
        created_by: poster.person.clone(),
        api_key: poster.api_key.clone(),
        from_mailbox: poster.mailbox,
        attachments: input.attachments,
        created_at: now,
    };
    let (case, emails) = match &account {
        Some(account) => routing(state, account, &row, &analysed).await?,
        None => (None, Vec::new()),
    };
    let dedupe_key = row.dedupe_key.clone();
    match state
        .store
        .insert_message(NewMessage {
            row: row.clone(),
            case,
            emails,
        })
        .await
    {
        Ok(()) => Ok((true, row)),
        Err(InsertError::Duplicate) => {
            let stored = state
                .store
                .message_by_dedupe_key(org, &dedupe_key)
                .await?
                .ok_or_else(|| ApiError::internal("a duplicate message is not found"))?;
            Ok((false, stored))
        }
        Err(InsertError::Db(e)) => Err(e.into()),
    }
}

/// Posts a message and answers with its view.
pub async fn posted(
    state: &AppState,
    poster: &Poster,
    input: MessageInput,
    given: Option<AccountRow>,
) -> ApiResult<MessagePosted> {
    let (created, row) = post(state, poster, input, given).await?;
    let names = Names::of_message(state, &row).await?;
    Ok(MessagePosted {
        created,
        message: view(&row, &names)?,
    })
}

/// A person writes a message on an account they see (a meeting note, a call).
pub async fn post_on_account(
    state: &AppState,
    current: &CurrentUser,
    account_key: &str,
    input: MessageInput,
) -> ApiResult<MessagePosted> {
    let account = visible_account(state, current, account_key).await?;
    posted(state, &Poster::person(current), input, Some(account)).await
}

/// A message logged on an account on a device and carried by the sync outbox:
/// `true` when stored now, `false` when this mutation stored it before.
pub async fn post_from_device(
    state: &AppState,
    current: &CurrentUser,
    account_key: &str,
    input: MessageInput,
    mutation: &str,
) -> ApiResult<bool> {
    let account = visible_account(state, current, account_key).await?;
    let (created, _) = post(state, &Poster::device(current, mutation), input, Some(account)).await?;
    Ok(created)
}

/// Messages posted with an API key, one by one: each stored, found stored, or
/// refused with its reason; a failure of the server stops the batch.
pub async fn post_batch(
    state: &AppState,
    caller: &ApiKeyCaller,
    inputs: Vec<MessageInput>,
) -> ApiResult<Vec<BatchItemResult>> {
    if inputs.len() > message::BATCH_MAX {
        return Err(ApiError::validation(
            "messages",
            format!("at most {} messages per batch", message::BATCH_MAX),
        ));
    }
    let poster = Poster::key(caller);
    // Read once for the batch, not once for each of its messages.
    let directory = Directory::load(state, &poster.org).await?;
    let mut results = Vec::with_capacity(inputs.len());
    for (index, input) in inputs.into_iter().enumerate() {
        let index = u32::try_from(index).unwrap_or(u32::MAX);
        results.push(match post_with(state, &poster, input, None, &directory).await {
            Ok((created, row)) => BatchItemResult {
                index,
                created,
                id: Some(key_of(&row.id)),
                error: None,
            },
            Err(err) if err.status().is_server_error() => return Err(err),
            Err(err) => BatchItemResult {
                index,
                created: false,
                id: None,
                error: Some(err.body().error),
            },
        });
    }
    Ok(results)
}

/// The organisation's messages stored after `since` (oldest first), through a key.
pub async fn read(
    state: &AppState,
    caller: &ApiKeyCaller,
    since: Option<DateTime<Utc>>,
) -> ApiResult<Vec<MessageView>> {
    let since = since.unwrap_or(DateTime::<Utc>::MIN_UTC);
    let rows = state.store.messages_since(caller.org(), since, READ_LIMIT).await?;
    views(&rows, &Names::load(state, caller.org()).await?)
}

/// The account's messages, newest first, for those who see the account.
pub async fn on_account(state: &AppState, current: &CurrentUser, account: &AccountRow) -> ApiResult<Vec<MessageView>> {
    let rows = state.store.account_messages(current.org(), &account.id).await?;
    views(&rows, &Names::load(state, current.org()).await?)
}

pub async fn account_messages(
    state: &AppState,
    current: &CurrentUser,
    account_key: &str,
) -> ApiResult<Vec<MessageView>> {
    let account = visible_account(state, current, account_key).await?;
    on_account(state, current, &account).await
}

/// The newest messages on the accounts the caller is the lead or on the team of.
pub async fn mine(state: &AppState, current: &CurrentUser) -> ApiResult<Vec<MessageView>> {
    let accounts = state
        .store
        .accounts(current.org(), Visibility::TeamOf(&current.user.id), true)
        .await?
        .into_iter()
        .map(|a| a.id)
        .collect();
    let rows = state
        .store
        .messages_on_accounts(current.org(), accounts, READ_LIMIT)
        .await?;
    views(&rows, &Names::load(state, current.org()).await?)
}

/// Placing messages is for those who see every account: leaders and admins.
pub fn require_placer(current: &CurrentUser) -> ApiResult<()> {
    if current.role().sees_all_accounts() {
        Ok(())
    } else {
        Err(ApiError::forbidden())
    }
}

/// The Unmatched queue, newest first.
pub async fn unmatched(state: &AppState, current: &CurrentUser) -> ApiResult<Vec<MessageView>> {
    require_placer(current)?;
    let rows = state.store.unmatched_messages(current.org()).await?;
    views(&rows, &Names::load(state, current.org()).await?)
}

/// A message the caller may read: on an account they see, or unmatched for those
/// who place messages; 404 otherwise.
async fn readable(state: &AppState, current: &CurrentUser, key: &str) -> ApiResult<MessageRow> {
    let row = state
        .store
        .message(current.org(), &id_from_key("message", key))
        .await?
        .ok_or_else(ApiError::not_found)?;
    match &row.account {
        Some(account) => {
            visible_account(state, current, &key_of(account)).await?;
        }
        None if current.role().sees_all_accounts() => {}
        None => return Err(ApiError::not_found()),
    }
    Ok(row)
}

pub async fn one(state: &AppState, current: &CurrentUser, key: &str) -> ApiResult<MessageView> {
    let row = readable(state, current, key).await?;
    Ok(view(&row, &Names::load(state, current.org()).await?)?)
}

/// A leader or admin places a message on an account, perhaps teaching Kaiku the
/// sender's domain. A message leaving the queue is routed as if it had matched.
pub async fn assign(state: &AppState, current: &CurrentUser, key: &str, input: AssignInput) -> ApiResult<MessageView> {
    require_placer(current)?;
    let row = readable(state, current, key).await?;
    let account = state
        .store
        .account(current.org(), &id_from_key("account", &input.account_id))
        .await?
        .ok_or_else(|| ApiError::validation("account_id", "account_id names no account of the organisation"))?;
    let directory = Directory::load(state, current.org()).await?;
    let contact = contact_on(
        &directory.contacts,
        &account.id,
        input.contact_id.as_deref(),
        &row.sender_email,
    )?;
    let teach = if input.teach_domain {
        let domain = domain_of(&row.sender_email)
            .ok_or_else(|| ApiError::validation("teach_domain", "the message has no sender's email"))?;
        message::check_teachable(&domain).map_err(|_| {
            ApiError::validation(
                "teach_domain",
                format!("{domain} is a free-mail domain: anyone can have an address there"),
            )
        })?;
        Some(Teaching {
            domain,
            by: current.user.id.clone(),
        })
    } else {
        None
    };
    let (case, emails) = if row.account.is_none() {
        routing(state, &account, &row, &row.analysis()?).await?
    } else {
        (None, Vec::new())
    };
    let assignment = Assignment {
        account: account.id.clone(),
        contact,
        teach,
        case,
        emails,
        at: state.now(),
    };
    if !state.store.assign_message(current.org(), &row.id, assignment).await? {
        return Err(ApiError::not_found());
    }
    one(state, current, key).await
}

/// A team member corrects a label of a message's analysis; the organisation's
/// model learns from it as from an answer's correction.
pub async fn correct(
    state: &AppState,
    current: &CurrentUser,
    key: &str,
    input: MessageCorrection,
) -> ApiResult<MessageView> {
    let row = readable(state, current, key).await?;
    correct_row(state, current, &row, input).await?;
    one(state, current, key).await
}

/// Corrects a label of the message's analysis, for a caller who may (who reads it, or
/// owns the topic it is labelled with).
pub(super) async fn correct_row(
    state: &AppState,
    current: &CurrentUser,
    row: &MessageRow,
    input: MessageCorrection,
) -> ApiResult<()> {
    let correction = Correction {
        text: row.body.chars().take(CORRECTION_TEXT_MAX_CHARS).collect(),
        kind: input.kind,
        label: input.label,
        present: input.present,
    };
    if !analysis::model(state, current.org()).await?.knows(&correction) {
        return Err(ApiError::validation(
            "label",
            "label is not known for this kind of correction",
        ));
    }
    let mut analysed = row.analysis()?;
    analysed.apply(&correction);
    state
        .store
        .correct_message(
            current.org(),
            &row.id,
            &analysed,
            &current.user.id,
            correction,
            state.now(),
        )
        .await?;
    Ok(())
}

/// The count beside "Messages": new ones on the accounts the caller is the lead
/// or on the team of, since they last looked (all of them before they ever did);
/// the Unmatched queue for placers.
pub async fn counts(state: &AppState, current: &CurrentUser) -> ApiResult<MessageCounts> {
    let since = state.store.messages_seen_at(current.org(), &current.user.id).await?;
    let accounts: HashMap<String, AccountRow> = state
        .store
        .accounts(current.org(), Visibility::TeamOf(&current.user.id), true)
        .await?
        .into_iter()
        .map(|a| (key_of(&a.id), a))
        .collect();
    let mine: Vec<_> = state
        .store
        .new_messages(current.org(), since)
        .await?
        .into_iter()
        .filter(|m| {
            m.account
                .as_ref()
                .and_then(|a| accounts.get(&key_of(a)))
                .is_some_and(|a| can_see(current, a))
        })
        .collect();
    let unmatched = if current.role().sees_all_accounts() {
        state.store.unmatched_messages(current.org()).await?.len()
    } else {
        0
    };
    let count = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
    Ok(MessageCounts {
        new: count(mine.len()),
        urgent: count(mine.iter().filter(|m| m.urgent).count()),
        unmatched: count(unmatched),
    })
}

/// The caller has looked at their messages: the count starts again from now.
pub async fn mark_seen(state: &AppState, current: &CurrentUser) -> ApiResult<()> {
    state
        .store
        .mark_messages_seen(current.org(), &current.user.id, state.now())
        .await?;
    Ok(())
}
