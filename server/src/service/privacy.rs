//! Data-subject requests (admins): what the organisation holds about a person, by
//! email; everything of theirs as one JSON document; their erasure. Exports and
//! erasures go into the audit log, counted, never naming the person.

use std::collections::BTreeSet;

use kaiku_core::audit::AuditKind;
use kaiku_core::case::{Trigger, text_answers};
use kaiku_core::privacy::{
    AnswerFate, ErasureRequest, ExportedContact, ExportedEmail, ExportedMessage, ExportedRepulse, ExportedSurvey,
    PersonExport, PersonHoldings, PersonQuery, Retention, exported_answers,
};
use surrealdb::types::RecordId;

use super::audit;
use super::auth::CurrentUser;
use crate::error::{ApiError, ApiResult};
use crate::state::AppState;
use crate::store::decode::{self, Unreadable};
use crate::store::messages::MessageRow;
use crate::store::privacy::{Forgetting, PersonRecords, TriggerText};
use crate::store::repulse::RepulseRow;
use crate::store::surveys::LinkRow;

/// What is held about the person, counted (admins).
pub async fn lookup(state: &AppState, current: &CurrentUser, query: PersonQuery) -> ApiResult<PersonHoldings> {
    current.require_team_manager()?;
    let email = query.checked()?;
    let records = state.store.person_records(current.org(), &email).await?;
    Ok(holdings(email, &records))
}

/// Everything held about the person (admins); recorded in the audit log.
pub async fn export(state: &AppState, current: &CurrentUser, query: PersonQuery) -> ApiResult<PersonExport> {
    current.require_team_manager()?;
    let email = query.checked()?;
    let records = state.store.person_records(current.org(), &email).await?;
    let organisation = state.store.org(current.org()).await?.ok_or_else(ApiError::not_found)?;
    let export = person_export(email, organisation.name, state.now(), &records)?;
    let counted = holdings(String::new(), &records);
    audit::by(state, current, AuditKind::PersonExported, counted.audit_counts()).await?;
    Ok(export)
}

/// Erases the person (admins) and says what was erased; nothing held is a no-op.
pub async fn erase(state: &AppState, current: &CurrentUser, request: ErasureRequest) -> ApiResult<PersonHoldings> {
    current.require_team_manager()?;
    let email = request.checked()?;
    let records = state.store.person_records(current.org(), &email).await?;
    let erased = holdings(email.clone(), &records);
    if erased.is_empty() {
        return Ok(erased);
    }
    let forgetting = forgetting(
        state,
        current.org(),
        request.answers,
        &records.links,
        &records.messages,
        said(&records.links, &records.repulses, &records.messages)?,
    )
    .await?;
    state
        .store
        .erase_person(current.org(), &email, forgetting, state.now())
        .await?;
    audit::by(
        state,
        current,
        AuditKind::PersonErased,
        erased.audit_detail(request.answers),
    )
    .await?;
    Ok(erased)
}

fn holdings(email: String, records: &PersonRecords) -> PersonHoldings {
    let count = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
    let accounts: BTreeSet<String> = records
        .contacts
        .iter()
        .map(|c| &c.account)
        .chain(records.links.iter().map(|l| &l.account))
        .chain(records.messages.iter().filter_map(|m| m.account.as_ref()))
        .filter_map(|id| account_name(records, id))
        .collect();
    PersonHoldings {
        email,
        accounts: accounts.into_iter().collect(),
        contacts: count(records.contacts.len()),
        survey_links: count(records.links.len()),
        answered: count(records.links.iter().filter(|l| l.answered_at.is_some()).count()),
        re_pulses: count(records.repulses.len()),
        messages: count(records.messages.len()),
        emails: count(records.emails.len()),
    }
}

fn account_name(records: &PersonRecords, id: &RecordId) -> Option<String> {
    records.accounts.iter().find(|a| &a.id == id).map(|a| a.name.clone())
}

/// The case triggers with the person's words taken out.
fn unquoted(triggers: Vec<TriggerText>) -> Result<Vec<TriggerText>, Unreadable> {
    triggers
        .into_iter()
        .map(|row| {
            let mut trigger: Trigger = decode::json(&row.id, "case_trigger.trigger_json", &row.trigger_json)?;
            trigger.words.clear();
            let trigger_json = serde_json::to_string(&trigger)
                .map_err(|e| Unreadable::new(&row.id, "case_trigger.trigger_json", e.to_string()))?;
            Ok(TriggerText {
                id: row.id,
                trigger_json,
            })
        })
        .collect()
}

/// How the words of `links` and `messages` go: untouched when they are kept; deleted
/// with their quotes in case triggers and the corrections made on `texts`.
async fn forgetting(
    state: &AppState,
    org: &RecordId,
    fate: AnswerFate,
    links: &[LinkRow],
    messages: &[MessageRow],
    texts: Vec<String>,
) -> ApiResult<Forgetting> {
    if fate == AnswerFate::Anonymise {
        return Ok(Forgetting {
            fate,
            triggers: Vec::new(),
            texts: Vec::new(),
        });
    }
    let quoting = state
        .store
        .triggers_quoting(
            org,
            links.iter().map(|l| l.id.clone()).collect(),
            messages.iter().map(|m| m.id.clone()).collect(),
        )
        .await?;
    Ok(Forgetting {
        fate,
        triggers: unquoted(quoting)?,
        texts,
    })
}

/// Everything written in these answers, re-pulses and messages, as the analysis
/// corrections quote it.
pub(super) fn said(
    links: &[LinkRow],
    repulses: &[RepulseRow],
    messages: &[MessageRow],
) -> Result<Vec<String>, Unreadable> {
    let mut texts = Vec::new();
    for link in links {
        texts.extend(text_answers(&link.answers()?));
    }
    for repulse in repulses {
        texts.extend(text_answers(&repulse.answers()?));
        texts.push(repulse.comment.trim().to_string());
    }
    texts.extend(messages.iter().map(|m| m.body.trim().to_string()));
    texts.retain(|t| !t.is_empty());
    Ok(texts)
}

/// The scheduler's pass: in every organisation with a retention, up to `limit` records
/// of each kind past it are anonymised or deleted, and the audit log says how many.
/// Returns how many records were done.
pub async fn apply_retention(state: &AppState, limit: u32) -> ApiResult<u32> {
    let now = state.now();
    let mut done = 0;
    for org in state.store.all_orgs().await? {
        let retention = org.retention()?;
        let before = |months: Option<u32>| months.map(|m| Retention::cutoff(m, now));
        let (answers_before, messages_before) = (before(retention.answers_months), before(retention.messages_months));
        if answers_before.is_none() && messages_before.is_none() {
            continue;
        }
        let delete = retention.fate == AnswerFate::Delete;
        let past = state
            .store
            .past_retention(&org.id, answers_before, messages_before, delete, limit)
            .await?;
        if past.is_empty() {
            continue;
        }
        let texts = said(&past.links, &past.repulses, &past.messages)?;
        let forgetting = forgetting(state, &org.id, retention.fate, &past.links, &past.messages, texts).await?;
        state
            .store
            .forget_past_retention(&org.id, &past, forgetting, now)
            .await?;
        let count = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
        let counted = PersonHoldings {
            survey_links: count(past.links.len()),
            answered: count(past.links.iter().filter(|l| l.answered_at.is_some()).count()),
            re_pulses: count(past.repulses.len()),
            messages: count(past.messages.len()),
            ..PersonHoldings::default()
        };
        audit::record(
            state,
            audit::Event {
                org: &org.id,
                kind: AuditKind::RetentionApplied,
                actor: None,
                detail: counted.audit_detail(retention.fate),
                address: None,
            },
        )
        .await?;
        done += counted.survey_links + counted.re_pulses + counted.messages;
    }
    Ok(done)
}

/// The organisation's retention (any signed-in person may read it).
pub async fn retention(state: &AppState, current: &CurrentUser) -> ApiResult<Retention> {
    let org = state.store.org(current.org()).await?.ok_or_else(ApiError::not_found)?;
    Ok(org.retention()?)
}

/// Sets the organisation's retention (admins); the next scheduler pass applies it.
pub async fn set_retention(state: &AppState, current: &CurrentUser, retention: Retention) -> ApiResult<Retention> {
    current.require_team_manager()?;
    retention.check()?;
    state.store.set_retention(current.org(), &retention).await?;
    audit::by(state, current, AuditKind::RetentionChanged, retention.audit_words()).await?;
    Ok(retention)
}

fn person_export(
    email: String,
    organisation: String,
    now: chrono::DateTime<chrono::Utc>,
    records: &PersonRecords,
) -> Result<PersonExport, Unreadable> {
    let name_of = |id: &RecordId| account_name(records, id).unwrap_or_default();
    let contacts = records
        .contacts
        .iter()
        .map(|c| {
            Ok(ExportedContact {
                account: name_of(&c.account),
                name: c.name.clone(),
                title: c.title.clone(),
                email: c.email.clone(),
                language: c.language()?,
                decision_maker: c.decision_maker,
                opted_out_at: c.opted_out_at,
                created_at: c.created_at,
            })
        })
        .collect::<Result<_, Unreadable>>()?;
    let surveys = records
        .links
        .iter()
        .map(|link| {
            let questions = match records.rounds.iter().find(|r| r.id == link.round) {
                Some(round) => round.template()?.questions,
                None => Vec::new(),
            };
            Ok(ExportedSurvey {
                account: name_of(&link.account),
                name: link.contact_name.clone(),
                title: link.contact_title.clone(),
                sent_at: link.sent_at,
                opened_at: link.opened_at,
                answered_at: link.answered_at,
                answers: exported_answers(&questions, &link.answers()?, link.language()?),
            })
        })
        .collect::<Result<_, Unreadable>>()?;
    let re_pulses = records
        .repulses
        .iter()
        .map(|r| ExportedRepulse {
            sent_at: r.sent_at,
            answered_at: r.answered_at,
            resolved: r.resolved.clone(),
            comment: r.comment.clone(),
        })
        .collect();
    let messages = records
        .messages
        .iter()
        .map(|m| ExportedMessage {
            account: m.account.as_ref().map(name_of),
            source: m.source.clone(),
            received_at: m.received_at,
            sender_name: m.sender_name.clone(),
            subject: m.subject.clone(),
            body: m.body.clone(),
        })
        .collect();
    let emails = records
        .emails
        .iter()
        .map(|e| ExportedEmail {
            subject: e.subject.clone(),
            created_at: e.created_at,
            sent_at: e.sent_at,
            status: e.status.clone(),
            body: Some(e.body.clone()).filter(|b| !b.is_empty()),
        })
        .collect();
    Ok(PersonExport {
        email,
        organisation,
        exported_at: now,
        contacts,
        surveys,
        re_pulses,
        messages,
        emails,
    })
}
