//! Data-subject requests (admins): what the organisation holds about a person, by
//! email; everything of theirs as one JSON document; their erasure. Exports and
//! erasures go into the audit log, counted, never naming the person.

use std::collections::BTreeSet;

use kaiku_core::audit::AuditKind;
use kaiku_core::case::{Trigger, text_answers};
use kaiku_core::privacy::{
    AnswerFate, ErasureRequest, ExportedContact, ExportedEmail, ExportedMessage, ExportedRepulse, ExportedSurvey,
    PersonExport, PersonHoldings, PersonQuery, exported_answers,
};
use surrealdb::types::RecordId;

use super::audit;
use super::auth::CurrentUser;
use crate::error::{ApiError, ApiResult};
use crate::state::AppState;
use crate::store::decode::{self, Unreadable};
use crate::store::privacy::{PersonRecords, Rewrites, TriggerText};

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
    let rewrites = match request.answers {
        AnswerFate::Anonymise => Rewrites {
            triggers: Vec::new(),
            texts: Vec::new(),
        },
        AnswerFate::Delete => Rewrites {
            triggers: unquoted(state.store.person_triggers(current.org(), &email).await?)?,
            texts: said(&records)?,
        },
    };
    state
        .store
        .erase_person(current.org(), &email, request.answers, rewrites, state.now())
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

/// Everything the person wrote, as the analysis corrections would quote it.
fn said(records: &PersonRecords) -> Result<Vec<String>, Unreadable> {
    let mut texts = Vec::new();
    for link in &records.links {
        texts.extend(text_answers(&link.answers()?));
    }
    for repulse in &records.repulses {
        texts.extend(text_answers(&repulse.answers()?));
        texts.push(repulse.comment.trim().to_string());
    }
    texts.extend(records.messages.iter().map(|m| m.body.trim().to_string()));
    texts.retain(|t| !t.is_empty());
    Ok(texts)
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
