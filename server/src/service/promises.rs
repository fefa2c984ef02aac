//! The expectation chain: promises recorded on accounts (whoever sees the account),
//! their fulfilment from the customers' later ratings, the breaches an answer brings
//! (found here, written in the submit's transaction with their alerts and case), the
//! caller's alerts and the chain review. The rules are `kaiku_core::promise`'s.

use std::collections::HashMap;

use chrono::{DateTime, Duration, Utc};
use kaiku_core::case::{Trigger, TriggerKind, TriggerScore};
use kaiku_core::evidence::{IMPORTANCE_PREFIX, Scores};
use kaiku_core::health::HEALTH_WINDOW_DAYS;
use kaiku_core::promise::{
    self, BreachReason, ChainFact, ChainFilter, ChainReview, PromiseAlert, PromiseInput, PromiseView, RatedAnswer,
    RoundFulfilment, TeamRating,
};
use kaiku_core::survey::{Answer, EXPECTATIONS_TEMPLATE_ID, Question};
use kaiku_core::{Lang, Role};
use surrealdb::types::RecordId;

use super::accounts::{People, can_see, visible_account};
use super::auth::CurrentUser;
use super::evidence::AccountData;
use super::mail::{self, BrokenPromiseContext};
use super::surveys::org_templates;
use crate::error::{ApiError, ApiResult};
use crate::state::AppState;
use crate::store::accounts::AccountRow;
use crate::store::counterfeedback::CounterFeedbackRow;
use crate::store::counterfeedback::Email;
use crate::store::key_of;
use crate::store::promises::{BreachPlan, BreachRow, BrokenBy, NewBreach, PromiseRow, breach_key};
use crate::store::surveys::LinkRow;
use crate::store::users::UserRow;

/// The aspects the organisation's expectations survey asks about: what a promise can
/// be on, and what the team rates in counter-feedback.
pub(super) async fn aspects(state: &AppState, org: &RecordId) -> ApiResult<Vec<String>> {
    Ok(org_templates(state, org)
        .await?
        .into_iter()
        .find(|t| t.id == EXPECTATIONS_TEMPLATE_ID)
        .map(|t| {
            t.questions
                .iter()
                .filter_map(|q| q.id.strip_prefix(IMPORTANCE_PREFIX).map(String::from))
                .collect()
        })
        .unwrap_or_default())
}

/// Each answered survey of the account with its ratings; `extra` is an answer being
/// submitted, not stored yet.
fn rated_answers(data: &AccountData, extra: Option<RatedAnswer>) -> ApiResult<Vec<RatedAnswer>> {
    let mut answers = Vec::new();
    for link in data.links.iter().filter(|l| l.answered_at.is_some()) {
        let Some(round) = data.rounds.iter().find(|r| r.id == link.round) else {
            continue;
        };
        let questions = round.template()?.questions;
        answers.push(RatedAnswer {
            round: key_of(&round.id),
            at: link.answered_at.unwrap_or(link.sent_at),
            ratings: Scores::of(&questions, &link.answers()?).ratings,
        });
    }
    answers.extend(extra);
    Ok(answers)
}

fn judged(input: &PromiseInput, answers: &[RatedAnswer]) -> Vec<RoundFulfilment> {
    promise::judged(input.importance, promise::fulfilment_by_round(&input.aspect, answers))
}

/// Each counter-feedback of the account that rated aspects, in the order given;
/// `extra` is one being submitted, not stored yet: the last.
fn team_ratings(data: &AccountData, extra: Option<TeamRating>) -> ApiResult<Vec<TeamRating>> {
    let mut ratings = Vec::new();
    for row in data.feedback.iter().rev() {
        let rated = row.fulfilment()?;
        if !rated.is_empty() {
            ratings.push(TeamRating {
                counter_feedback: key_of(&row.id),
                at: row.created_at,
                ratings: rated,
            });
        }
    }
    ratings.extend(extra);
    Ok(ratings)
}

fn team_judged(input: &PromiseInput, ratings: &[TeamRating]) -> Vec<RoundFulfilment> {
    promise::judged(input.importance, promise::team_fulfilment(&input.aspect, ratings))
}

/// The customer's rounds and the team's ratings together: broken when either broke it.
fn status(
    fulfilment: &[RoundFulfilment],
    team: &[RoundFulfilment],
    promised_at: DateTime<Utc>,
) -> promise::PromiseStatus {
    promise::status(&[fulfilment, team].concat(), promised_at)
}

struct Rated {
    answers: Vec<RatedAnswer>,
    team: Vec<TeamRating>,
}

fn view(
    row: &PromiseRow,
    data: &AccountData,
    rated: &Rated,
    people: &People,
    now: DateTime<Utc>,
) -> ApiResult<PromiseView> {
    let input = row.input()?;
    let fulfilment = judged(&input, &rated.answers);
    let team_fulfilment = team_judged(&input, &rated.team);
    let customer_importance = data
        .evidence()?
        .expectations_at(now, Duration::days(i64::from(HEALTH_WINDOW_DAYS)))
        .into_iter()
        .find(|a| a.aspect == input.aspect)
        .and_then(|a| a.expected);
    Ok(PromiseView {
        id: key_of(&row.id),
        account: kaiku_core::account::PersonRef {
            id: key_of(&data.account.id),
            name: data.account.name.clone(),
        },
        status: status(&fulfilment, &team_fulfilment, row.promised_at),
        input,
        promised_by: people.person(&row.promised_by),
        promised_at: row.promised_at,
        customer_importance,
        fulfilment,
        team_fulfilment,
    })
}

async fn views(
    state: &AppState,
    current: &CurrentUser,
    data: &AccountData,
    rows: &[PromiseRow],
) -> ApiResult<Vec<PromiseView>> {
    let people = People::load(state, current).await?;
    let rated = Rated {
        answers: rated_answers(data, None)?,
        team: team_ratings(data, None)?,
    };
    rows.iter()
        .map(|row| view(row, data, &rated, &people, state.now()))
        .collect()
}

/// Records a promise on an account; whoever sees the account may (the seller is on it).
pub async fn record(
    state: &AppState,
    current: &CurrentUser,
    account_key: &str,
    input: PromiseInput,
) -> ApiResult<PromiseView> {
    let account = visible_account(state, current, account_key).await?;
    let input = input.normalised();
    input.check(&aspects(state, current.org()).await?)?;
    let id = state
        .store
        .create_promise(current.org(), &account.id, &input, &current.user.id, state.now())
        .await?;
    let data = AccountData::load(state, account).await?;
    let rows = state.store.account_promises(current.org(), &data.account.id).await?;
    views(state, current, &data, &rows)
        .await?
        .into_iter()
        .find(|v| v.id == key_of(&id))
        .ok_or_else(ApiError::not_found)
}

/// The account's promises, oldest first, each with its fulfilment round by round.
pub async fn account_promises(
    state: &AppState,
    current: &CurrentUser,
    account_key: &str,
) -> ApiResult<Vec<PromiseView>> {
    let account = visible_account(state, current, account_key).await?;
    let rows = state.store.account_promises(current.org(), &account.id).await?;
    let data = AccountData::load(state, account).await?;
    views(state, current, &data, &rows).await
}

/// What broke a promise, as its alert and breach record tell it.
struct Breaking<'a> {
    account: &'a AccountRow,
    by: BrokenBy<'a>,
    /// The customer's contact, or the team member.
    said_by: &'a str,
    reason: BreachReason,
    fulfilment: f64,
    previous: Option<f64>,
    words: &'a [String],
    at: DateTime<Utc>,
}

/// Whether the latest rating in `rounds` — the one keyed `this` — starts a breach: why,
/// with that rating and the one before it.
fn starts_breaking(rounds: &[RoundFulfilment], this: &str) -> Option<(BreachReason, f64, Option<f64>)> {
    let latest = rounds.last().filter(|r| r.round == this)?;
    let reason = promise::starts_breach(rounds)?;
    let previous = rounds.len().checked_sub(2).map(|i| rounds[i].fulfilment);
    Some((reason, latest.fulfilment, previous))
}

/// The breach of `row`, with the emails that tell the account's lead and the seller
/// who made the promise (the promise quoted beside the words that broke it), and its
/// case trigger with the promise as its note.
fn breach(
    state: &AppState,
    row: &PromiseRow,
    input: &PromiseInput,
    users: &[UserRow],
    breaking: Breaking<'_>,
) -> ApiResult<(NewBreach, (Trigger, String))> {
    let seller_name = users
        .iter()
        .find(|u| u.id == row.promised_by)
        .map_or("—", |u| u.name.as_str());
    let quote = promise::quote(input, seller_name, row.promised_at);
    let mut recipients: Vec<RecordId> = breaking.account.lead.iter().cloned().collect();
    if !recipients.contains(&row.promised_by) {
        recipients.push(row.promised_by.clone());
    }
    let link = format!("{}/promises", state.config.public_url);
    let by_team = matches!(breaking.by, BrokenBy::Team { .. });
    let emails = users
        .iter()
        .filter(|u| u.active && recipients.contains(&u.id))
        .map(|u| {
            let message = mail::promise_broken(
                Lang::from_tag(&u.language).unwrap_or_default(),
                &BrokenPromiseContext {
                    account: &breaking.account.name,
                    contact: breaking.said_by,
                    promise: &quote,
                    fulfilment: breaking.fulfilment,
                    previous: breaking.previous,
                    words: breaking.words,
                    link: &link,
                    by_team,
                },
            );
            Email {
                recipient: u.email.clone(),
                subject: message.subject,
                body: message.body,
            }
        })
        .collect();
    let trigger = Trigger {
        kind: TriggerKind::PromiseBroken,
        words: breaking.words.to_vec(),
        scores: vec![TriggerScore {
            label: input.aspect.clone(),
            value: breaking.fulfilment,
            previous: breaking.previous,
        }],
        churn_causes: Vec::new(),
    };
    let breach = NewBreach::new(BreachPlan {
        promise: row,
        by: breaking.by,
        reason: breaking.reason,
        fulfilment: breaking.fulfilment,
        previous: breaking.previous,
        contact_name: breaking.said_by,
        words: breaking.words,
        recipients,
        emails,
        at: breaking.at,
    })?;
    Ok((breach, (trigger, quote)))
}

/// The breaches an answer being submitted brings, each once: the breach records with
/// their alert emails, and the case triggers (the promise quoted in each one's note).
pub async fn breaches_for_response(
    state: &AppState,
    link: &LinkRow,
    questions: &[Question],
    answers: &[Answer],
    words: &[String],
) -> ApiResult<(Vec<NewBreach>, Vec<(Trigger, String)>)> {
    let promises = state.store.account_promises(&link.org, &link.account).await?;
    if promises.is_empty() {
        return Ok((Vec::new(), Vec::new()));
    }
    let Some(account) = state.store.account(&link.org, &link.account).await? else {
        return Ok((Vec::new(), Vec::new()));
    };
    let now = state.now();
    let data = AccountData::load(state, account).await?;
    let this = RatedAnswer {
        round: key_of(&link.round),
        at: now,
        ratings: Scores::of(questions, answers).ratings,
    };
    let rated = rated_answers(&data, Some(this))?;
    let recorded: Vec<String> = state
        .store
        .breaches(&link.org, Some(&link.account))
        .await?
        .into_iter()
        .map(|b| b.breach_key)
        .collect();
    let users = state.store.users(&link.org).await?;
    let mut breaches = Vec::new();
    let mut triggers = Vec::new();
    for row in &promises {
        let input = row.input()?;
        let rounds = judged(&input, &rated);
        // Only this answer's round can start a breach now.
        let Some((reason, fulfilment, previous)) = starts_breaking(&rounds, &key_of(&link.round)) else {
            continue;
        };
        if recorded.contains(&breach_key(&row.id, &link.round)) {
            continue;
        }
        let (breach, trigger) = breach(
            state,
            row,
            &input,
            &users,
            Breaking {
                account: &data.account,
                by: BrokenBy::Answer {
                    link: &link.id,
                    round: &link.round,
                },
                said_by: &link.contact_name,
                reason,
                fulfilment,
                previous,
                words,
                at: now,
            },
        )?;
        breaches.push(breach);
        triggers.push(trigger);
    }
    Ok((breaches, triggers))
}

/// The breaches the team's ratings in a counter-feedback being recorded bring, each
/// once, with their alerts and case triggers: fulfilment measured by the team, by the
/// same rule.
pub async fn breaches_for_counter_feedback(
    state: &AppState,
    account: AccountRow,
    feedback: &CounterFeedbackRow,
    author: &str,
) -> ApiResult<(Vec<NewBreach>, Vec<(Trigger, String)>)> {
    let ratings = feedback.fulfilment()?;
    if ratings.is_empty() {
        return Ok((Vec::new(), Vec::new()));
    }
    let promises = state.store.account_promises(&feedback.org, &feedback.account).await?;
    if promises.is_empty() {
        return Ok((Vec::new(), Vec::new()));
    }
    let data = AccountData::load(state, account).await?;
    let this = key_of(&feedback.id);
    let team = team_ratings(
        &data,
        Some(TeamRating {
            counter_feedback: this.clone(),
            at: feedback.created_at,
            ratings,
        }),
    )?;
    let words: Vec<String> = [&feedback.behind_the_scenes, &feedback.notes]
        .into_iter()
        .filter(|t| !t.is_empty())
        .cloned()
        .collect();
    let users = state.store.users(&feedback.org).await?;
    let mut breaches = Vec::new();
    let mut triggers = Vec::new();
    for row in &promises {
        let input = row.input()?;
        let rounds = team_judged(&input, &team);
        let Some((reason, fulfilment, previous)) = starts_breaking(&rounds, &this) else {
            continue;
        };
        let (breach, trigger) = breach(
            state,
            row,
            &input,
            &users,
            Breaking {
                account: &data.account,
                by: BrokenBy::Team {
                    counter_feedback: &feedback.id,
                },
                said_by: author,
                reason,
                fulfilment,
                previous,
                words: &words,
                at: feedback.created_at,
            },
        )?;
        breaches.push(breach);
        triggers.push(trigger);
    }
    Ok((breaches, triggers))
}

fn alert(
    breach: &BreachRow,
    promise: &PromiseRow,
    account_name: &str,
    people: &People,
    cases: &HashMap<String, RecordId>,
) -> ApiResult<PromiseAlert> {
    let input = promise.input()?;
    Ok(PromiseAlert {
        id: key_of(&breach.id),
        account: kaiku_core::account::PersonRef {
            id: key_of(&breach.account),
            name: account_name.to_string(),
        },
        promise: key_of(&promise.id),
        aspect: input.aspect,
        what: input.what,
        commitment: input.commitment,
        importance: input.importance,
        promised_by: people.person(&promise.promised_by),
        promised_at: promise.promised_at,
        reason: breach.reason()?,
        fulfilment: breach.fulfilment,
        previous: breach.previous,
        contact_name: breach.contact_name.clone(),
        customer_words: breach.words()?,
        at: breach.at,
        case: breach
            .link
            .as_ref()
            .or(breach.counter_feedback.as_ref())
            .and_then(|source| cases.get(&key_of(source)))
            .map(key_of),
        by_team: breach.counter_feedback.is_some(),
    })
}

/// The broken promises alerted to the caller (as the account's lead or the seller
/// who made them), newest first, on accounts the caller still sees.
pub async fn my_alerts(state: &AppState, current: &CurrentUser) -> ApiResult<Vec<PromiseAlert>> {
    let org = current.org();
    let breaches = state.store.breaches_for(org, &current.user.id).await?;
    if breaches.is_empty() {
        return Ok(Vec::new());
    }
    let promises: HashMap<String, PromiseRow> = state
        .store
        .promises(org)
        .await?
        .into_iter()
        .map(|p| (key_of(&p.id), p))
        .collect();
    // Each breach's case, by the answer or the counter-feedback that broke it.
    let mut behind = state.store.case_trigger_links(org).await?;
    behind.extend(state.store.case_trigger_counter_feedback(org).await?);
    let cases: HashMap<String, RecordId> = behind
        .into_iter()
        .map(|(case, source)| (key_of(&source), case))
        .collect();
    let people = People::load(state, current).await?;
    let mut alerts = Vec::new();
    for breach in &breaches {
        let (Some(promise), Some(account)) = (
            promises.get(&key_of(&breach.promise)),
            state.store.account(org, &breach.account).await?,
        ) else {
            continue;
        };
        if can_see(current, &account) || promise.promised_by == current.user.id {
            alerts.push(alert(breach, promise, &account.name, &people, &cases)?);
        }
    }
    Ok(alerts)
}

/// Leaders and admins review every promise; a seller (someone who recorded promises)
/// reviews their own.
pub async fn chain_review(state: &AppState, current: &CurrentUser, filter: ChainFilter) -> ApiResult<ChainReview> {
    let org = current.org();
    let mut rows = state.store.promises(org).await?;
    if current.role() == Role::Member {
        rows.retain(|p| p.promised_by == current.user.id);
        if rows.is_empty() {
            return Err(ApiError::forbidden());
        }
    }
    let facts = chain_facts(state, org, rows).await?;
    Ok(promise::chain_review(&facts, &filter))
}

/// Each seller's own chain review (their promises as they stand now), for their
/// quarterly summary.
pub(super) async fn seller_reviews(state: &AppState, org: &RecordId) -> ApiResult<Vec<(RecordId, ChainReview)>> {
    let rows = state.store.promises(org).await?;
    let mut sellers: Vec<RecordId> = rows.iter().map(|p| p.promised_by.clone()).collect();
    sellers.sort_by_key(key_of);
    sellers.dedup();
    let facts = chain_facts(state, org, rows).await?;
    Ok(sellers
        .into_iter()
        .map(|seller| {
            let filter = ChainFilter {
                seller: Some(key_of(&seller)),
                segment: None,
            };
            let review = promise::chain_review(&facts, &filter);
            (seller, review)
        })
        .collect())
}

/// The promises with their fulfilment, their accounts' segments and the customers'
/// words from the rounds that broke them.
async fn chain_facts(state: &AppState, org: &RecordId, rows: Vec<PromiseRow>) -> ApiResult<Vec<ChainFact>> {
    let people = People::of_org(state, org).await?;
    let breaches = state.store.breaches(org, None).await?;
    let mut by_account: HashMap<String, (RecordId, Vec<PromiseRow>)> = HashMap::new();
    for row in rows {
        by_account
            .entry(key_of(&row.account))
            .or_insert_with(|| (row.account.clone(), Vec::new()))
            .1
            .push(row);
    }
    let mut facts = Vec::new();
    for (account_id, promises) in by_account.into_values() {
        let Some(account) = state.store.account(org, &account_id).await? else {
            continue;
        };
        let segments = account.segments.clone();
        let data = AccountData::load(state, account).await?;
        let rated = Rated {
            answers: rated_answers(&data, None)?,
            team: team_ratings(&data, None)?,
        };
        for row in &promises {
            let quotes = breaches
                .iter()
                .filter(|b| b.promise == row.id)
                .map(BreachRow::words)
                .collect::<Result<Vec<_>, _>>()?
                .into_iter()
                .flatten()
                .collect();
            facts.push(ChainFact {
                promise: view(row, &data, &rated, &people, state.now())?,
                segments: segments.clone(),
                quotes,
            });
        }
    }
    Ok(facts)
}
