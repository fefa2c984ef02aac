//! Initiatives across accounts: suggestions made of what recurs, the initiatives
//! taken up with their evidence and status history, and the "did it work?" check.
//! The rules are `kaiku_core::initiative`'s; this gathers the facts they read.
//! Leaders and admins manage initiatives and see the suggestions; members read
//! initiatives, with the evidence of the accounts they are on.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Duration, Utc};
use kaiku_core::Role;
use kaiku_core::analysis::{ThemeDef, builtin_themes};
use kaiku_core::case::CaseStatus;
use kaiku_core::evidence::Scores;
use kaiku_core::initiative::{
    self, AccountFact, AffectedAccount, CHECK_DEFAULT_DAYS, CommentFact, DoneInitiative, InitiativeInput,
    InitiativeStatus, InitiativeSummary, InitiativeView, LinkedAnswer, LinkedCase, LinkedNote, PointRef, ResponseFact,
    SUGGESTION_WINDOW_DAYS, StatusChange, StatusInput, Suggestion, TeamNoteFact, Topic,
};
use kaiku_core::survey::Question;
use surrealdb::types::RecordId;

use super::accounts::People;
use super::auth::CurrentUser;
use super::evidence;
use super::health::org_weights;
use super::outcomes;
use crate::error::{ApiError, ApiResult};
use crate::state::AppState;
use crate::store::accounts::Visibility;
use crate::store::cases::CaseRow;
use crate::store::counterfeedback::CounterFeedbackRow;
use crate::store::decode::Unreadable;
use crate::store::initiatives::{InitiativeEventRow, InitiativeFields, InitiativeRow, StatusChangeError};
use crate::store::surveys::LinkRow;
use crate::store::{id_from_key, key_of, new_id, to_json};

/// Leaders and admins manage initiatives and read the suggestions.
pub(super) fn require_manager(current: &CurrentUser) -> ApiResult<()> {
    if current.role().sees_all_accounts() {
        Ok(())
    } else {
        Err(ApiError::forbidden())
    }
}

/// Every account of the organisation with what it is worth now, and which of them
/// count for suggestions (neither archived nor churned).
struct Portfolio {
    accounts: HashMap<String, AccountFact>,
    active: HashSet<String>,
}

impl Portfolio {
    async fn load(state: &AppState, org: &RecordId) -> ApiResult<Portfolio> {
        let weights = org_weights(state, org).await?;
        let churned = outcomes::churned(state, org).await?;
        let mut portfolio = Portfolio {
            accounts: HashMap::new(),
            active: HashSet::new(),
        };
        for scored in evidence::scored(state, org, &weights).await?.accounts {
            let id = key_of(&scored.account);
            let record = &scored.record;
            if !record.archived && !churned.contains_key(&id) {
                portfolio.active.insert(id.clone());
            }
            let revenue_at_risk_eur = scored
                .signals
                .current
                .band
                .map_or(0, |band| band.revenue_at_risk(record.annual_value_eur));
            portfolio.accounts.insert(
                id.clone(),
                AccountFact {
                    id,
                    name: record.name.clone(),
                    annual_value_eur: record.annual_value_eur,
                    revenue_at_risk_eur,
                },
            );
        }
        Ok(portfolio)
    }

    fn active(&self) -> Vec<AccountFact> {
        let mut active: Vec<AccountFact> = self
            .accounts
            .values()
            .filter(|a| self.active.contains(&a.id))
            .cloned()
            .collect();
        active.sort_by(|a, b| a.id.cmp(&b.id));
        active
    }

    fn name(&self, account: &RecordId) -> String {
        self.accounts
            .get(&key_of(account))
            .map_or_else(|| "—".to_string(), |a| a.name.clone())
    }
}

/// The responses of `links` (answered ones) as the rules read them: the NPS by the
/// questions of the round it was asked in, each open answer with its analysis.
pub(super) async fn response_facts(
    state: &AppState,
    org: &RecordId,
    links: &[LinkRow],
) -> ApiResult<Vec<ResponseFact>> {
    let mut round_ids: Vec<RecordId> = links.iter().map(|l| l.round.clone()).collect();
    round_ids.sort_by_key(key_of);
    round_ids.dedup();
    let mut questions: HashMap<String, Vec<Question>> = HashMap::new();
    for round in state.store.rounds_in_org(org, round_ids).await? {
        questions.insert(key_of(&round.id), round.template()?.questions);
    }
    let mut facts = Vec::with_capacity(links.len());
    for link in links {
        let (Some(at), Some(asked)) = (link.answered_at, questions.get(&key_of(&link.round))) else {
            continue;
        };
        let answers = link.answers()?;
        let comments = link
            .analysis()?
            .into_iter()
            .map(|found| CommentFact {
                text: answers
                    .iter()
                    .find(|a| a.question_id == found.question_id)
                    .and_then(|a| a.text.clone())
                    .unwrap_or_default(),
                themes: found.analysis.themes.iter().map(|t| t.key.clone()).collect(),
                causes: found.analysis.churn_causes.iter().map(|c| c.cause).collect(),
                sentiment: found.analysis.sentiment.score,
            })
            .collect();
        facts.push(ResponseFact {
            link_id: key_of(&link.id),
            account_id: key_of(&link.account),
            contact_name: link.contact_name.clone(),
            at,
            nps: Scores::of(asked, &answers).nps,
            comments,
        });
    }
    Ok(facts)
}

fn team_facts(rows: &[CounterFeedbackRow], people: &People) -> Result<Vec<TeamNoteFact>, Unreadable> {
    rows.iter()
        .map(|row| {
            Ok(TeamNoteFact {
                id: key_of(&row.id),
                account_id: key_of(&row.account),
                author_name: people.person(&row.author).name,
                at: row.created_at,
                causes: row.churn_causes()?,
                text: row.behind_the_scenes.clone(),
            })
        })
        .collect()
}

/// The organisation's own themes, and the keys of every theme its analysis knows.
pub(super) async fn themes(state: &AppState, org: &RecordId) -> ApiResult<(Vec<ThemeDef>, Vec<String>)> {
    let organisation = state.store.org(org).await?.ok_or_else(ApiError::not_found)?;
    let custom = organisation.themes()?;
    let keys = builtin_themes()
        .into_iter()
        .chain(custom.clone())
        .map(|t| t.key)
        .collect();
    Ok((custom, keys))
}

/// Topics no longer suggested: dismissed ones, and those an initiative covers.
async fn handled_topics(state: &AppState, org: &RecordId) -> ApiResult<Vec<Topic>> {
    let mut handled: Vec<Topic> = state
        .store
        .dismissed_topics(org)
        .await?
        .iter()
        .filter_map(|code| Topic::from_code(code))
        .collect();
    for row in state.store.initiatives(org).await? {
        handled.extend(row.topics()?);
    }
    Ok(handled)
}

/// The organisation's suggestions now (the demo seeds its initiatives from them).
pub async fn current_suggestions(state: &AppState, org: &RecordId) -> ApiResult<Vec<Suggestion>> {
    Ok(suggestions_at(state, org, state.now()).await?.0)
}

/// The suggestions as they stood at `at`, with the responses of the window before it
/// (and any since) they were made of.
pub(super) async fn suggestions_at(
    state: &AppState,
    org: &RecordId,
    at: DateTime<Utc>,
) -> ApiResult<(Vec<Suggestion>, Vec<ResponseFact>)> {
    let since = at - Duration::days(SUGGESTION_WINDOW_DAYS);
    let portfolio = Portfolio::load(state, org).await?;
    let links = state.store.answered_links_since(org, since).await?;
    let responses = response_facts(state, org, &links).await?;
    let people = People::of_org(state, org).await?;
    let notes = team_facts(&state.store.counter_feedback_since(org, since).await?, &people)?;
    let handled = handled_topics(state, org).await?;
    let suggestions = initiative::suggestions(at, &responses, &notes, &portfolio.active(), &handled);
    Ok((suggestions, responses))
}

/// What recurs across accounts and no initiative covers yet (leaders and admins).
pub async fn suggestions(state: &AppState, current: &CurrentUser) -> ApiResult<Vec<Suggestion>> {
    require_manager(current)?;
    current_suggestions(state, current.org()).await
}

/// Remembers a dismissed suggestion: its topic is not suggested again.
pub async fn dismiss(state: &AppState, current: &CurrentUser, topic: Topic) -> ApiResult<()> {
    require_manager(current)?;
    let (_, keys) = themes(state, current.org()).await?;
    topic.check("topic", &keys)?;
    state
        .store
        .dismiss_topic(current.org(), topic.code(), &current.user.id, state.now())
        .await?;
    Ok(())
}

/// Turns a current suggestion into a proposed initiative owned by the caller, named
/// after its topic and linked to its accounts, answers and counter-feedback.
pub async fn take_up(state: &AppState, current: &CurrentUser, topic: Topic) -> ApiResult<InitiativeView> {
    require_manager(current)?;
    let suggestion = current_suggestions(state, current.org())
        .await?
        .into_iter()
        .find(|s| s.topic == topic)
        .ok_or_else(ApiError::not_found)?;
    let (custom, _) = themes(state, current.org()).await?;
    let lang = current.user.language();
    let title = topic.name(&custom, lang);
    let input = InitiativeInput {
        title,
        description: String::new(),
        owner: Some(key_of(&current.user.id)),
        accounts: suggestion.accounts.iter().map(|a| a.id.clone()).collect(),
        answers: suggestion.answers,
        counter_feedback: suggestion.counter_feedback,
        cases: Vec::new(),
        points: Vec::new(),
        check_days: CHECK_DEFAULT_DAYS,
        topics: vec![topic],
    };
    create(state, current, input).await
}

fn keys_to_ids(table: &str, keys: &[String]) -> Vec<RecordId> {
    keys.iter().map(|key| id_from_key(table, key)).collect()
}

fn unknown(field: &str) -> ApiError {
    ApiError::validation(
        field,
        format!("{field} names something that is not in the organisation"),
    )
}

/// The input checked by its rules and against the organisation: the owner an active
/// person, every account, answer (answered), counter-feedback and case its own.
async fn checked_fields(
    state: &AppState,
    current: &CurrentUser,
    input: InitiativeInput,
) -> ApiResult<InitiativeFields> {
    let org = current.org();
    let input = input.normalised();
    let (_, keys) = themes(state, org).await?;
    input.check(&keys)?;
    let owner = match &input.owner {
        None => None,
        Some(key) => {
            let id = id_from_key("user", key);
            let users = state.store.users(org).await?;
            if !users.iter().any(|u| u.id == id && u.active) {
                return Err(ApiError::validation(
                    "owner",
                    "owner names no active person of the organisation",
                ));
            }
            Some(id)
        }
    };
    let accounts = keys_to_ids("account", &input.accounts);
    let known: HashSet<String> = state
        .store
        .accounts(org, Visibility::All, true)
        .await?
        .iter()
        .map(|a| key_of(&a.id))
        .collect();
    if input.accounts.iter().any(|a| !known.contains(a)) {
        return Err(unknown("accounts"));
    }
    let answered = |ids: Vec<RecordId>| async move {
        let found = state.store.links_in_org(org, ids.clone()).await?;
        let answered: HashSet<String> = found
            .iter()
            .filter(|l| l.answered_at.is_some())
            .map(|l| key_of(&l.id))
            .collect();
        ApiResult::Ok(ids.iter().all(|id| answered.contains(&key_of(id))))
    };
    let answers = keys_to_ids("survey_link", &input.answers);
    if !answered(answers.clone()).await? {
        return Err(unknown("answers"));
    }
    let point_links: Vec<RecordId> = input
        .points
        .iter()
        .map(|p| id_from_key("survey_link", &p.link_id))
        .collect();
    if !answered(point_links).await? {
        return Err(unknown("points"));
    }
    let counter_feedback = keys_to_ids("counter_feedback", &input.counter_feedback);
    if state
        .store
        .counter_feedback_in_org(org, counter_feedback.clone())
        .await?
        .len()
        != counter_feedback.len()
    {
        return Err(unknown("counter_feedback"));
    }
    let cases = keys_to_ids("customer_case", &input.cases);
    if state.store.cases_in_org(org, cases.clone()).await?.len() != cases.len() {
        return Err(unknown("cases"));
    }
    Ok(InitiativeFields {
        title: input.title,
        description: input.description,
        owner,
        topics: input.topics.iter().map(Topic::code).collect(),
        accounts,
        answers,
        counter_feedback,
        cases,
        points_json: to_json(&input.points)?,
        check_days: input.check_days.into(),
    })
}

pub async fn create(state: &AppState, current: &CurrentUser, input: InitiativeInput) -> ApiResult<InitiativeView> {
    require_manager(current)?;
    propose(state, current, input).await
}

/// A proposed initiative owned as `input` says, checked against the organisation; who
/// may propose is the caller's to decide (leaders and admins anything, a topic owner
/// from their feed).
pub(super) async fn propose(
    state: &AppState,
    current: &CurrentUser,
    input: InitiativeInput,
) -> ApiResult<InitiativeView> {
    let fields = checked_fields(state, current, input).await?;
    let id = new_id("initiative");
    let created = InitiativeEventRow {
        org: current.org().clone(),
        initiative: id.clone(),
        status: InitiativeStatus::Proposed.code().to_string(),
        happened_at: state.now(),
        actor: current.user.id.clone(),
        note: String::new(),
    };
    state.store.create_initiative(&id, fields, created).await?;
    get(state, current, &key_of(&id)).await
}

async fn find(state: &AppState, current: &CurrentUser, key: &str) -> ApiResult<InitiativeRow> {
    state
        .store
        .initiative(current.org(), &id_from_key("initiative", key))
        .await?
        .ok_or_else(ApiError::not_found)
}

/// Edits an initiative; its check window is fixed once it is done.
pub async fn update(
    state: &AppState,
    current: &CurrentUser,
    key: &str,
    input: InitiativeInput,
) -> ApiResult<InitiativeView> {
    let row = find(state, current, key).await?;
    require_manager(current)?;
    let fields = checked_fields(state, current, input).await?;
    if row.status()? == InitiativeStatus::Done && fields.check_days != row.check_days {
        return Err(ApiError::validation(
            "check_days",
            "the check window is fixed once the initiative is done",
        ));
    }
    if !state
        .store
        .update_initiative(current.org(), &row.id, fields, state.now())
        .await?
    {
        return Err(ApiError::not_found());
    }
    get(state, current, key).await
}

/// Moves an initiative one step on (or drops it), dated, with who did it.
pub async fn change_status(
    state: &AppState,
    current: &CurrentUser,
    key: &str,
    input: StatusInput,
) -> ApiResult<InitiativeView> {
    let row = find(state, current, key).await?;
    require_manager(current)?;
    input.check()?;
    let status = row.status()?;
    if !status.can_become(input.status) {
        return Err(ApiError::validation(
            "status",
            format!("an initiative {} cannot become {}", status.code(), input.status.code()),
        ));
    }
    let now = state.now();
    let done_at = if input.status == InitiativeStatus::Done {
        Some(now)
    } else {
        row.done_at
    };
    let event = InitiativeEventRow {
        org: current.org().clone(),
        initiative: row.id.clone(),
        status: input.status.code().to_string(),
        happened_at: now,
        actor: current.user.id.clone(),
        note: input.note.trim().to_string(),
    };
    state
        .store
        .change_initiative_status(&row, event, done_at)
        .await
        .map_err(|err| match err {
            StatusChangeError::ChangedMeanwhile => {
                ApiError::validation("status", "the initiative's status changed meanwhile; reload it")
            }
            StatusChangeError::Db(e) => e.into(),
        })?;
    get(state, current, key).await
}

/// The evidence initiatives link, read once for all of them.
struct Linked {
    links: HashMap<String, LinkRow>,
    notes: HashMap<String, CounterFeedbackRow>,
    cases: HashMap<String, CaseRow>,
}

impl Linked {
    async fn load(state: &AppState, org: &RecordId, rows: &[InitiativeRow]) -> ApiResult<Linked> {
        let mut link_ids = Vec::new();
        for row in rows {
            link_ids.extend(row.answers.iter().cloned());
            link_ids.extend(row.points()?.iter().map(|p| id_from_key("survey_link", &p.link_id)));
        }
        let note_ids = rows.iter().flat_map(|r| r.counter_feedback.iter().cloned()).collect();
        let case_ids = rows.iter().flat_map(|r| r.cases.iter().cloned()).collect();
        let dedup = |mut ids: Vec<RecordId>| {
            ids.sort_by_key(key_of);
            ids.dedup();
            ids
        };
        Ok(Linked {
            links: by_key(state.store.links_in_org(org, dedup(link_ids)).await?, |l| &l.id),
            notes: by_key(state.store.counter_feedback_in_org(org, dedup(note_ids)).await?, |n| {
                &n.id
            }),
            cases: by_key(state.store.cases_in_org(org, dedup(case_ids)).await?, |c| &c.id),
        })
    }

    /// The accounts an initiative touches: linked, or through its evidence.
    fn touched(&self, row: &InitiativeRow) -> Result<Vec<RecordId>, Unreadable> {
        let mut accounts: Vec<RecordId> = row.accounts.clone();
        let point_links: Vec<RecordId> = row
            .points()?
            .iter()
            .map(|p| id_from_key("survey_link", &p.link_id))
            .collect();
        accounts.extend(
            row.answers
                .iter()
                .chain(&point_links)
                .filter_map(|id| self.links.get(&key_of(id)))
                .map(|l| l.account.clone()),
        );
        accounts.extend(
            row.counter_feedback
                .iter()
                .filter_map(|id| self.notes.get(&key_of(id)))
                .map(|n| n.account.clone()),
        );
        accounts.extend(
            row.cases
                .iter()
                .filter_map(|id| self.cases.get(&key_of(id)))
                .map(|c| c.account.clone()),
        );
        let mut seen = HashSet::new();
        accounts.retain(|a| seen.insert(key_of(a)));
        Ok(accounts)
    }
}

/// Rows by their record key.
fn by_key<T>(rows: Vec<T>, id: impl Fn(&T) -> &RecordId) -> HashMap<String, T> {
    rows.into_iter().map(|row| (key_of(id(&row)), row)).collect()
}

fn affected(portfolio: &Portfolio, touched: &[RecordId]) -> Vec<AffectedAccount> {
    let mut accounts: Vec<AffectedAccount> = touched
        .iter()
        .filter_map(|id| portfolio.accounts.get(&key_of(id)))
        .map(|a| AffectedAccount {
            id: a.id.clone(),
            name: a.name.clone(),
            annual_value_eur: a.annual_value_eur,
            revenue_at_risk_eur: a.revenue_at_risk_eur,
            mentions: 0,
        })
        .collect();
    accounts.sort_by(|a, b| {
        b.revenue_at_risk_eur
            .cmp(&a.revenue_at_risk_eur)
            .then_with(|| a.name.cmp(&b.name))
    });
    accounts
}

fn summary(
    row: &InitiativeRow,
    accounts: &[AffectedAccount],
    people: &People,
) -> Result<InitiativeSummary, Unreadable> {
    Ok(InitiativeSummary {
        id: key_of(&row.id),
        title: row.title.clone(),
        status: row.status()?,
        owner: row.owner.as_ref().map(|o| people.person(o)),
        topics: row.topics()?,
        accounts: u32::try_from(accounts.len()).unwrap_or(u32::MAX),
        annual_value_eur: accounts.iter().map(|a| a.annual_value_eur).sum(),
        revenue_at_risk_eur: accounts.iter().map(|a| a.revenue_at_risk_eur).sum(),
        updated_at: row.updated_at,
        done_at: row.done_at,
    })
}

/// Every initiative, highest revenue at risk of the accounts it touches first.
pub async fn list(state: &AppState, current: &CurrentUser) -> ApiResult<Vec<InitiativeSummary>> {
    let org = current.org();
    let rows = state.store.initiatives(org).await?;
    let linked = Linked::load(state, org, &rows).await?;
    let portfolio = Portfolio::load(state, org).await?;
    let people = People::load(state, current).await?;
    let mut summaries = rows
        .iter()
        .map(|row| summary(row, &affected(&portfolio, &linked.touched(row)?), &people))
        .collect::<Result<Vec<_>, Unreadable>>()?;
    initiative::rank(&mut summaries);
    Ok(summaries)
}

/// The keys of the accounts the caller sees: all for leaders and admins.
async fn visible_accounts(state: &AppState, current: &CurrentUser) -> ApiResult<Option<HashSet<String>>> {
    accounts_seen_by(state, current.org(), &current.user.id, current.role()).await
}

/// The keys of the accounts a person of `org` sees: none for all (leaders and admins).
pub(super) async fn accounts_seen_by(
    state: &AppState,
    org: &RecordId,
    user: &RecordId,
    role: Role,
) -> ApiResult<Option<HashSet<String>>> {
    if role.sees_all_accounts() {
        return Ok(None);
    }
    let mine = state.store.accounts(org, Visibility::TeamOf(user), true).await?;
    Ok(Some(mine.iter().map(|a| key_of(&a.id)).collect()))
}

/// One initiative with its evidence (for members, that of the accounts they are
/// on), its history and, once done, whether it worked.
pub async fn get(state: &AppState, current: &CurrentUser, key: &str) -> ApiResult<InitiativeView> {
    let org = current.org();
    let row = find(state, current, key).await?;
    let linked = Linked::load(state, org, std::slice::from_ref(&row)).await?;
    let portfolio = Portfolio::load(state, org).await?;
    let people = People::load(state, current).await?;
    let touched = linked.touched(&row)?;
    let accounts = affected(&portfolio, &touched);
    let summary = summary(&row, &accounts, &people)?;
    let visible = visible_accounts(state, current).await?;
    let sees = |account: &RecordId| visible.as_ref().is_none_or(|keys| keys.contains(&key_of(account)));
    let topics = row.topics()?;
    let check = match (summary.status, row.done_at) {
        (InitiativeStatus::Done, Some(done_at)) => {
            let links = state.store.answered_links_of(org, touched.clone()).await?;
            let responses = response_facts(state, org, &links).await?;
            Some(initiative::check(
                done_at,
                row.check_days()?,
                state.now(),
                &responses,
                &topics,
            ))
        }
        _ => None,
    };
    let answer_links: Vec<LinkRow> = row
        .answers
        .iter()
        .filter_map(|id| linked.links.get(&key_of(id)))
        .filter(|l| sees(&l.account))
        .cloned()
        .collect();
    let nps: HashMap<String, Option<u8>> = response_facts(state, org, &answer_links)
        .await?
        .into_iter()
        .map(|f| (f.link_id, f.nps))
        .collect();
    let mut answers = Vec::with_capacity(answer_links.len());
    for link in &answer_links {
        let Some(at) = link.answered_at else {
            continue;
        };
        answers.push(LinkedAnswer {
            link_id: key_of(&link.id),
            account_id: key_of(&link.account),
            account_name: portfolio.name(&link.account),
            contact_name: link.contact_name.clone(),
            at,
            nps: nps.get(&key_of(&link.id)).copied().flatten(),
            comments: link
                .answers()?
                .into_iter()
                .filter_map(|a| a.text)
                .filter(|t| !t.trim().is_empty())
                .collect(),
        });
    }
    let counter_feedback = row
        .counter_feedback
        .iter()
        .filter_map(|id| linked.notes.get(&key_of(id)))
        .filter(|n| sees(&n.account))
        .map(|n| {
            Ok(LinkedNote {
                id: key_of(&n.id),
                account_id: key_of(&n.account),
                account_name: portfolio.name(&n.account),
                author: people.person(&n.author),
                at: n.created_at,
                causes: n.churn_causes()?,
                text: n.behind_the_scenes.clone(),
            })
        })
        .collect::<Result<Vec<_>, Unreadable>>()?;
    let cases = row
        .cases
        .iter()
        .filter_map(|id| linked.cases.get(&key_of(id)))
        .filter(|c| sees(&c.account))
        .map(|c| LinkedCase {
            id: key_of(&c.id),
            account_id: key_of(&c.account),
            account_name: portfolio.name(&c.account),
            status: if c.is_open() {
                CaseStatus::Open
            } else {
                CaseStatus::Closed
            },
            opened_at: c.opened_at,
        })
        .collect();
    let points: Vec<PointRef> = row
        .points()?
        .into_iter()
        .filter(|p| linked.links.get(&p.link_id).is_some_and(|l| sees(&l.account)))
        .collect();
    let mut history = state
        .store
        .initiative_events(org, &row.id)
        .await?
        .iter()
        .map(|e| {
            Ok(StatusChange {
                status: e.status()?,
                at: e.happened_at,
                by: people.person(&e.actor),
                note: e.note.clone(),
            })
        })
        .collect::<Result<Vec<StatusChange>, Unreadable>>()?;
    // Statuses only move forward: changes in the same instant keep their order.
    let step = |status: InitiativeStatus| InitiativeStatus::ALL.iter().position(|&s| s == status);
    history.sort_by_key(|change| (change.at, step(change.status)));
    let input = InitiativeInput {
        title: row.title.clone(),
        description: row.description.clone(),
        owner: row.owner.as_ref().map(key_of),
        topics,
        accounts: row.accounts.iter().map(key_of).collect(),
        answers: row.answers.iter().map(key_of).collect(),
        counter_feedback: row.counter_feedback.iter().map(key_of).collect(),
        cases: row.cases.iter().map(key_of).collect(),
        points: row.points()?,
        check_days: row.check_days()?,
    };
    Ok(InitiativeView {
        summary,
        description: row.description.clone(),
        check_days: row.check_days()?,
        accounts: accounts
            .into_iter()
            .filter(|a| visible.as_ref().is_none_or(|keys| keys.contains(&a.id)))
            .collect(),
        answers,
        counter_feedback,
        cases,
        points,
        history,
        check,
        can_manage: current.role().sees_all_accounts(),
        input,
    })
}

/// The done initiatives that touch `account`, each with the account's own answers it
/// links and their contacts: what the account's customers can be told was done.
pub async fn done_for_account(state: &AppState, org: &RecordId, account: &RecordId) -> ApiResult<Vec<DoneInitiative>> {
    let mut rows = state.store.initiatives(org).await?;
    rows.retain(|row| row.status == InitiativeStatus::Done.code());
    let linked = Linked::load(state, org, &rows).await?;
    let mut done = Vec::new();
    for row in &rows {
        let Some(done_at) = row.done_at else {
            continue;
        };
        if !linked.touched(row)?.contains(account) {
            continue;
        }
        let point_links = row
            .points()?
            .into_iter()
            .map(|p| id_from_key("survey_link", &p.link_id));
        let mut links: Vec<&LinkRow> = row
            .answers
            .iter()
            .cloned()
            .chain(point_links)
            .filter_map(|id| linked.links.get(&key_of(&id)))
            .filter(|l| &l.account == account)
            .collect();
        links.sort_by_key(|l| l.answered_at);
        links.dedup_by_key(|l| l.id.clone());
        let mut contacts: Vec<String> = links.iter().map(|l| key_of(&l.contact)).collect();
        contacts.sort();
        contacts.dedup();
        done.push(DoneInitiative {
            id: key_of(&row.id),
            title: row.title.clone(),
            description: row.description.clone(),
            done_at,
            answers: links.iter().map(|l| key_of(&l.id)).collect(),
            contacts,
        });
    }
    done.sort_by_key(|d| d.done_at);
    Ok(done)
}
