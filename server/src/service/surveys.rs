//! Survey rounds from the team's side: templates, sending, link status, revoking and
//! re-sending, and the answers that came back.

use std::collections::HashMap;

use chrono::{DateTime, Duration, Utc};
use kaiku_core::said_we_did::WeDidEntry;
use kaiku_core::survey::{
    self, DEFAULT_DEADLINE_DAYS, MAX_DEADLINE_DAYS, RESPONSES_PAGE, ROUNDS_PAGE, ResponseView, RoundView,
    StartRoundRequest, SurveyLinkView, TemplateView,
};

use super::accounts::{People, visible_account};
use super::auth::CurrentUser;
use super::page::{Page, page_of};
use super::secrets::{hash_token, new_token};
use super::{message_links, said_we_did};
use crate::error::{ApiError, ApiResult};
use crate::state::AppState;
use crate::store::contacts::ContactRow;
use crate::store::decode::Unreadable;
use crate::store::surveys::{LinkRow, NewLink, NewRound, RoundRow};
use crate::store::{id_from_key, key_of};
use surrealdb::types::RecordId;

pub(crate) async fn organisation_name(state: &AppState, org: &RecordId) -> ApiResult<String> {
    Ok(state.store.org(org).await?.ok_or_else(ApiError::not_found)?.name)
}

pub async fn templates(state: &AppState, current: &CurrentUser) -> ApiResult<Vec<TemplateView>> {
    org_templates(state, current.org()).await
}

/// The organisation's templates: the built-in ones, each replaced by the
/// organisation's edited version where there is one.
pub(crate) async fn org_templates(state: &AppState, org: &RecordId) -> ApiResult<Vec<TemplateView>> {
    let edited = state.store.edited_templates(org).await?;
    survey::built_in_templates(&organisation_name(state, org).await?)
        .into_iter()
        .map(|built_in| match edited.iter().find(|e| e.template_id == built_in.id) {
            Some(row) => Ok(row.template()?.with_scale_ends()),
            None => Ok(built_in),
        })
        .collect()
}

async fn template(state: &AppState, current: &CurrentUser, id: &str, field: &str) -> ApiResult<TemplateView> {
    templates(state, current)
        .await?
        .into_iter()
        .find(|t| t.id == id)
        .ok_or_else(|| ApiError::validation(field, "no such survey template"))
}

/// Saves an admin's edit as the template's new version. Rounds already sent keep
/// the version they were sent with.
pub async fn update_template(
    state: &AppState,
    current: &CurrentUser,
    id: &str,
    mut edited: TemplateView,
) -> ApiResult<TemplateView> {
    current.require_team_manager()?;
    let current_version = template(state, current, id, "id")
        .await
        .map_err(|_| ApiError::not_found())?;
    // The id and purpose belong to the template, not to the edit.
    edited.id = current_version.id;
    edited.purpose = current_version.purpose;
    edited
        .check()
        .map_err(|e| ApiError::validation(&e.field, e.message()))?;
    state
        .store
        .save_template(current.org(), &edited, &current.user.id, state.now())
        .await?;
    template(state, current, id, "id").await
}

pub async fn reset_template(state: &AppState, current: &CurrentUser, id: &str) -> ApiResult<TemplateView> {
    current.require_team_manager()?;
    template(state, current, id, "id")
        .await
        .map_err(|_| ApiError::not_found())?;
    state.store.reset_template(current.org(), id).await?;
    template(state, current, id, "id").await
}

fn survey_path(token: &str) -> String {
    format!("/s/{token}")
}

/// Who a round is from, as the customer reads it.
pub(crate) struct Sender<'a> {
    pub organisation: &'a str,
    pub name: &'a str,
}

/// A contact's link in a new round and the invitation carrying it (with their
/// opt-out, both issued as the email is sent); the team's own copy of the link's token
/// is returned, since only its hash is kept.
pub(crate) fn invitation(
    sender: &Sender<'_>,
    contact: &ContactRow,
    expires_at: DateTime<Utc>,
    we_did: &said_we_did::Digest,
) -> Result<(NewLink, String), Unreadable> {
    let language = contact.language()?;
    let token = new_token();
    let told = we_did.told_to(contact)?;
    let entries: Vec<WeDidEntry> = told.iter().map(|(_, entry)| entry.clone()).collect();
    let email = survey::survey_email_with_we_did(
        language,
        sender.organisation,
        &contact.name,
        sender.name,
        message_links::SURVEY_LINK,
        expires_at.date_naive(),
        &entries,
    )
    .with_opt_out(language, message_links::OPT_OUT_LINK);
    let mut link = NewLink::for_contact(contact, hash_token(&token), email)?.with_opt_out();
    link.told = we_did.told_in_invitation(contact, &link.id, &told, language);
    Ok((link, token))
}

pub async fn start_round(
    state: &AppState,
    current: &CurrentUser,
    account_key: &str,
    req: StartRoundRequest,
) -> ApiResult<RoundView> {
    let account = visible_account(state, current, account_key).await?;
    if account.archived {
        return Err(ApiError::validation(
            "account",
            "the account is archived; restore it first",
        ));
    }
    let organisation = organisation_name(state, current.org()).await?;
    let template = template(state, current, &req.template_id, "template_id").await?;
    let days = req.deadline_days.unwrap_or(DEFAULT_DEADLINE_DAYS);
    if !(1..=MAX_DEADLINE_DAYS).contains(&days) {
        return Err(ApiError::validation(
            "deadline_days",
            format!("deadline days must be between 1 and {MAX_DEADLINE_DAYS}"),
        ));
    }
    if req.contact_ids.is_empty() {
        return Err(ApiError::validation("contact_ids", "choose at least one contact"));
    }
    let contacts = state.store.contacts(current.org(), &account.id).await?;
    let we_did = said_we_did::Digest::load(state, &account, &contacts).await?;
    let now = state.now();
    let expires_at = now + Duration::days(i64::from(days));
    // By key, once: a round of thousands of contacts looks each one up in constant time.
    let by_key: HashMap<String, &ContactRow> = contacts.iter().map(|c| (key_of(&c.id), c)).collect();
    let mut links = Vec::new();
    let mut tokens: HashMap<String, String> = HashMap::new();
    for key in &req.contact_ids {
        let contact = by_key
            .get(key)
            .ok_or_else(|| ApiError::validation("contact_ids", "a chosen contact is not on this account"))?;
        if tokens.contains_key(key) {
            continue;
        }
        if contact.opted_out_at.is_some() {
            return Err(opted_out(&contact.name));
        }
        let sender = Sender {
            organisation: &organisation,
            name: &current.user.name,
        };
        let (link, token) = invitation(&sender, contact, expires_at, &we_did)?;
        links.push(link);
        tokens.insert(key.clone(), token);
    }
    let round_id = state
        .store
        .create_round(
            NewRound {
                org: current.org(),
                account: &account.id,
                template: &template,
                started_by: &current.user.id,
                expires_at,
                links,
                cycle: None,
            },
            now,
        )
        .await?;
    // The newest: on the first page.
    let mut round = rounds(state, current, account_key, None)
        .await?
        .items
        .into_iter()
        .find(|r| r.id == key_of(&round_id))
        .ok_or_else(|| ApiError::internal("round vanished after create"))?;
    // The tokens are shown this once, so the sender can copy a link by hand.
    for link in &mut round.links {
        link.link = tokens.get(&link.contact_id).map(|token| survey_path(token));
    }
    Ok(round)
}

/// A page of the account's rounds, newest first, each with its links' status: the
/// newest, or those sent before the round `before`.
pub async fn rounds(
    state: &AppState,
    current: &CurrentUser,
    account_key: &str,
    before: Option<&str>,
) -> ApiResult<Page<RoundView>> {
    let org = current.org();
    let account = visible_account(state, current, account_key).await?;
    let before = match before {
        None => None,
        Some(key) => Some(
            state
                .store
                .round(org, &id_from_key("survey_round", key))
                .await?
                .filter(|round| round.account == account.id)
                .ok_or_else(ApiError::not_found)?,
        ),
    };
    let rows = state
        .store
        .rounds_page(org, &account.id, before.as_ref(), ROUNDS_PAGE + 1)
        .await?;
    let (rounds, more) = page_of(rows, ROUNDS_PAGE);
    let ids = rounds.iter().map(|round| round.id.clone()).collect();
    let links = state.store.links_of_rounds(org, ids).await?;
    let people = People::load(state, current).await?;
    let now = state.now();
    let mut by_round: HashMap<String, Vec<&LinkRow>> = HashMap::new();
    for link in &links {
        by_round.entry(key_of(&link.round)).or_default().push(link);
    }
    let items = rounds
        .iter()
        .map(|round| {
            let template = round.template()?;
            Ok(RoundView {
                id: key_of(&round.id),
                template_name: template.name,
                started_by: people.person(&round.started_by),
                created_at: round.created_at,
                links: by_round
                    .get(&key_of(&round.id))
                    .map_or(&[][..], Vec::as_slice)
                    .iter()
                    .map(|l| l.view(now, None))
                    .collect::<Result<_, _>>()?,
                delivers_email: state.mailer.is_delivering(),
            })
        })
        .collect::<ApiResult<Vec<_>>>()?;
    let next = more.then(|| rounds.last().map(|round| key_of(&round.id))).flatten();
    Ok(Page { items, next })
}

/// A submitted survey as the team sees it: the questions as asked, the answers
/// verbatim, what the analysis found.
pub fn response_view(link: &LinkRow, round: &RoundRow) -> ApiResult<ResponseView> {
    let template = round.template()?;
    Ok(ResponseView {
        link_id: key_of(&link.id),
        round_id: key_of(&round.id),
        contact_name: link.contact_name.clone(),
        contact_title: link.contact_title.clone(),
        language: link.language()?,
        answered_at: link.answered_at.unwrap_or(link.sent_at),
        questions: template.questions,
        answers: link.answers()?,
        analysis: link.analysis()?,
        proposals: Vec::new(),
    })
}

/// A page of the answered surveys, newest first, with the questions as they were
/// asked: the newest, or those answered before the link `before`.
pub async fn responses(
    state: &AppState,
    current: &CurrentUser,
    account_key: &str,
    before: Option<&str>,
) -> ApiResult<Page<ResponseView>> {
    let org = current.org();
    let account = visible_account(state, current, account_key).await?;
    let before = match before {
        None => None,
        Some(key) => Some(
            state
                .store
                .link(org, &id_from_key("survey_link", key))
                .await?
                .filter(|link| link.account == account.id && link.answered_at.is_some())
                .ok_or_else(ApiError::not_found)?,
        ),
    };
    let rows = state
        .store
        .answered_page(org, &account.id, before.as_ref(), RESPONSES_PAGE + 1)
        .await?;
    let (links, more) = page_of(rows, RESPONSES_PAGE);
    let mut round_ids: Vec<RecordId> = links.iter().map(|link| link.round.clone()).collect();
    round_ids.sort_by_key(key_of);
    round_ids.dedup();
    let rounds = state.store.rounds_by_id(org, round_ids).await?;
    let mut items = answered(&links, &rounds)?;
    super::language_model::attach(state, org, &account.id, &mut items).await?;
    let next = more.then(|| links.last().map(|link| key_of(&link.id))).flatten();
    Ok(Page { items, next })
}

/// The answered links as responses, newest first.
pub fn answered(links: &[LinkRow], rounds: &[RoundRow]) -> ApiResult<Vec<ResponseView>> {
    let mut answered: Vec<&LinkRow> = links.iter().filter(|l| l.answered_at.is_some()).collect();
    answered.sort_by_key(|l| std::cmp::Reverse(l.answered_at));
    answered
        .into_iter()
        .filter_map(|link| {
            let round = rounds.iter().find(|r| r.id == link.round)?;
            Some((link, round))
        })
        .map(|(link, round)| response_view(link, round))
        .collect()
}

pub(crate) async fn team_link(state: &AppState, current: &CurrentUser, key: &str) -> ApiResult<LinkRow> {
    let link = state
        .store
        .link(current.org(), &id_from_key("survey_link", key))
        .await?
        .ok_or_else(ApiError::not_found)?;
    visible_account(state, current, &key_of(&link.account)).await?;
    Ok(link)
}

fn opted_out(name: &str) -> ApiError {
    ApiError::validation("contact_ids", format!("{name} asked not to get surveys any more"))
}

fn already_answered() -> ApiError {
    ApiError::validation("link", "the contact has already answered; the link is closed")
}

pub async fn revoke_link(state: &AppState, current: &CurrentUser, key: &str) -> ApiResult<SurveyLinkView> {
    let link = team_link(state, current, key).await?;
    if link.answered_at.is_some() {
        return Err(already_answered());
    }
    let now = state.now();
    state.store.revoke_link(current.org(), &link.id, now).await?;
    Ok(team_link(state, current, key).await?.view(now, None)?)
}

/// Sends a fresh link with a new deadline; the old link stops working.
pub async fn resend_link(state: &AppState, current: &CurrentUser, key: &str) -> ApiResult<SurveyLinkView> {
    let link = team_link(state, current, key).await?;
    if link.answered_at.is_some() {
        return Err(already_answered());
    }
    let contact = state.store.contact(current.org(), &link.contact).await?;
    if contact.is_some_and(|c| c.opted_out_at.is_some()) {
        return Err(opted_out(&link.contact_name));
    }
    let organisation = organisation_name(state, current.org()).await?;
    let now = state.now();
    let expires_at = now + Duration::days(i64::from(DEFAULT_DEADLINE_DAYS));
    let language = link.language()?;
    let token = new_token();
    let email = survey::survey_email(
        language,
        &organisation,
        &link.contact_name,
        &current.user.name,
        message_links::SURVEY_LINK,
        expires_at.date_naive(),
    )
    .with_opt_out(language, message_links::OPT_OUT_LINK);
    if !state
        .store
        .reissue_link(&link, hash_token(&token), expires_at, &email, now)
        .await?
    {
        return Err(already_answered());
    }
    Ok(team_link(state, current, key)
        .await?
        .view(now, Some(survey_path(&token)))?)
}
