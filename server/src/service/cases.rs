//! Cases: opening one from an unhappy answer or the team's worried counter-feedback
//! (inside the transaction of that write), by hand, working it through the LATTE
//! steps, closing, reopening, reassigning, the service-level settings, and the
//! follow-up of deadlines (a scheduler job). The rules are `kaiku_core::case`'s.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Duration, Utc};
use chrono_tz::Tz;
use kaiku_core::ChurnCause;
use kaiku_core::account::PersonRef;
use kaiku_core::analysis::{CommentAnalysis, builtin_themes};
use kaiku_core::case::{
    self, CaseCounts, CaseEmailDraft, CaseEventKind, CaseEventView, CaseScope, CaseStatus, CaseSummary, CaseView,
    CloseInput, CustomerWords, Deadline, DeadlineView, FollowUpStep, OpenCaseInput, PastCase, ReassignInput,
    ReopenInput, RepulseReply, ResponseFacts, ServiceLevels, Severity, Step, StepInput, StepView, TeamFacts,
    TrackedDeadline, Trigger, TriggerKind, TriggerScore, TriggerView,
};
use kaiku_core::case_stats::{CaseFacts, CaseStats, Quarter, case_stats};
use kaiku_core::counterfeedback::ChurnRisk;
use kaiku_core::evidence::Scores;
use kaiku_core::health::HEALTH_WINDOW_DAYS;
use kaiku_core::heatmap::OpenCaseSignal;
use kaiku_core::survey::{Answer, AnswerAnalysis, Question, QuestionKind};
use kaiku_core::{Lang, Role};
use surrealdb::types::RecordId;

use super::accounts::{People, can_manage, can_see, visible_account};
use super::auth::CurrentUser;
use super::counterfeedback::action_view;
use super::evidence::AccountData;
use super::health::{health_now, org_scoring};
use super::mail;
use crate::error::{ApiError, ApiResult};
use crate::state::AppState;
use crate::store::accounts::{AccountRow, Visibility};
use crate::store::cases::{
    CaseChangeError, CaseDeadlines, CaseOpening, CaseRow, Closing, EventRow, NewTrigger, OpeningPlan, StepRow,
    TriggerRow,
};
use crate::store::counterfeedback::{AppliedMutation, CounterFeedbackRow, Email};
use crate::store::decode::{self, Unreadable};
use crate::store::orgs::Schedule;
use crate::store::repulse::{NotResolved, RepulseRow};
use crate::store::surveys::LinkRow;
use crate::store::users::UserRow;
use crate::store::{id_from_key, key_of, to_json};

/// Where a trigger came from.
#[derive(Default)]
struct Source {
    link: Option<RecordId>,
    counter_feedback: Option<RecordId>,
    message: Option<RecordId>,
    by: Option<RecordId>,
    note: String,
}

/// A local time of the organisation as UTC; a time skipped by a daylight-saving
/// change counts from the hour after it.
fn to_utc(tz: Tz, local: chrono::NaiveDateTime) -> DateTime<Utc> {
    use chrono::TimeZone;
    tz.from_local_datetime(&local)
        .earliest()
        .or_else(|| tz.from_local_datetime(&(local + Duration::hours(1))).earliest())
        .map_or_else(|| local.and_utc(), |at| at.with_timezone(&Utc))
}

/// The deadlines of a case opened at `at`, in the organisation's working hours.
fn plan(schedule: &Schedule, levels: &ServiceLevels, at: DateTime<Utc>) -> CaseDeadlines {
    let tz = schedule.time_zone;
    let planned = case::plan_deadlines(
        schedule.local(at),
        levels,
        schedule.settings.workday_start_hour,
        schedule.settings.workday_end_hour,
    );
    let of = |deadline: Deadline| {
        let d = planned.iter().find(|d| d.deadline == deadline).copied();
        d.map(|d| (to_utc(tz, d.remind_at), to_utc(tz, d.due_at)))
            .unwrap_or((at, at))
    };
    let (acknowledge_remind_at, acknowledge_due_at) = of(Deadline::Acknowledge);
    let (first_contact_remind_at, first_contact_due_at) = of(Deadline::FirstContact);
    let (resolve_remind_at, resolve_due_at) = of(Deadline::Resolve);
    CaseDeadlines {
        acknowledge_remind_at,
        acknowledge_due_at,
        first_contact_remind_at,
        first_contact_due_at,
        resolve_remind_at,
        resolve_due_at,
    }
}

/// The account lead, or when it has no active lead, the organisation's first admin.
fn default_owner(account: &AccountRow, users: &[UserRow]) -> Option<RecordId> {
    let active = |id: &RecordId| users.iter().any(|u| &u.id == id && u.active);
    account.lead.clone().filter(active).or_else(|| {
        users
            .iter()
            .filter(|u| u.active && u.role() == Role::Admin)
            .min_by_key(|u| u.created_at)
            .map(|u| u.id.clone())
    })
}

/// What opens a case (or is attached to the account's open one) for `triggers`, or
/// nothing when there are none.
async fn opening(
    state: &AppState,
    data: &AccountData,
    triggers: Vec<(Trigger, Source)>,
    opened_by: Option<&RecordId>,
) -> ApiResult<Option<CaseOpening>> {
    if triggers.is_empty() {
        return Ok(None);
    }
    let account = &data.account;
    let now = state.now();
    let (weights, probabilities) = org_scoring(state, &account.org).await?;
    let health = health_now(
        &data.evidence()?,
        account.annual_value_eur,
        &weights,
        &probabilities,
        now,
    );
    let revenue_at_risk = health.map_or(0, |h| h.revenue_at_risk_eur);
    let kinds: Vec<TriggerKind> = triggers.iter().map(|(t, _)| t.kind).collect();
    let mut attached_kinds = kinds.clone();
    if let Some(open) = state.store.open_case_of(&account.org, &account.id).await? {
        let (existing, _, _) = state.store.case_details(&open).await?;
        attached_kinds.extend(existing.iter().filter_map(|t| TriggerKind::from_code(&t.kind)));
    }
    let users = state.store.users(&account.org).await?;
    let owner = default_owner(account, &users).ok_or_else(|| ApiError::internal("no active admin to own a case"))?;
    let organisation = state.store.org(&account.org).await?.ok_or_else(ApiError::not_found)?;
    let levels = state.store.case_levels(&account.org).await??;
    let mut new_triggers = Vec::with_capacity(triggers.len());
    for (trigger, source) in triggers {
        new_triggers.push(NewTrigger {
            kind: trigger.kind.code().to_string(),
            trigger_json: to_json(&trigger)?,
            link: source.link,
            counter_feedback: source.counter_feedback,
            message: source.message,
            added_by: source.by,
            note: source.note,
        });
    }
    Ok(Some(CaseOpening::new(OpeningPlan {
        org: account.org.clone(),
        account: account.id.clone(),
        owner,
        opened_by: opened_by.cloned(),
        new_severity: case::severity(&kinds, revenue_at_risk).rank(),
        attached_severity: case::severity(&attached_kinds, revenue_at_risk).rank(),
        revenue_at_risk_eur: revenue_at_risk,
        deadlines: plan(&organisation.schedule()?, &levels, now),
        triggers: new_triggers,
        at: now,
    })))
}

/// The questions the link's round asked: none when the round is gone, unreadable
/// when its stored template is.
fn questions_of(data: &AccountData, link: &LinkRow) -> Result<Vec<Question>, Unreadable> {
    data.rounds
        .iter()
        .find(|round| round.id == link.round)
        .map(|round| round.template().map(|template| template.questions))
        .transpose()
        .map(Option::unwrap_or_default)
}

fn team_facts(row: &CounterFeedbackRow) -> (Vec<ChurnCause>, u8, ChurnRisk) {
    (
        row.churn_causes
            .iter()
            .filter_map(|c| ChurnCause::from_code(c))
            .collect(),
        u8::try_from(row.health).unwrap_or_default(),
        ChurnRisk::from_code(&row.churn_risk).unwrap_or(ChurnRisk::None),
    )
}

/// The case a customer's response opens or adds to, if it is an unhappy one or broke
/// a promise (`promise_triggers`, each with the promise quoted as its note): recorded
/// in the same transaction as the response.
pub async fn opening_for_response(
    state: &AppState,
    link: &LinkRow,
    questions: &[Question],
    answers: &[Answer],
    analysis: &[AnswerAnalysis],
    promise_triggers: Vec<(Trigger, String)>,
) -> ApiResult<Option<CaseOpening>> {
    let Some(account) = state.store.account(&link.org, &link.account).await? else {
        return Ok(None);
    };
    let data = AccountData::load(state, account).await?;
    let previous = data
        .links
        .iter()
        .filter(|l| l.contact == link.contact && l.id != link.id && l.answered_at.is_some())
        .max_by_key(|l| l.answered_at)
        .map(LinkRow::answers)
        .transpose()?;
    let facts = ResponseFacts {
        questions,
        answers,
        analysis,
        previous_answers: previous.as_deref(),
    };
    let mut triggers = case::response_triggers(&facts);
    // The team's latest reading of the relationship, if recent, beside the customer's.
    let window_start = state.now() - Duration::days(i64::from(HEALTH_WINDOW_DAYS));
    if let Some(latest) = data.feedback.first().filter(|f| f.created_at >= window_start) {
        let (causes, health, churn_risk) = team_facts(latest);
        let team = TeamFacts {
            health,
            churn_risk,
            churn_causes: &causes,
            texts: vec![latest.behind_the_scenes.as_str()],
        };
        triggers.extend(case::gap_trigger(questions, answers, &team));
    }
    let sourced = triggers
        .into_iter()
        .map(|trigger| (trigger, String::new()))
        .chain(promise_triggers)
        .map(|(trigger, note)| {
            let source = Source {
                link: Some(link.id.clone()),
                note,
                ..Source::default()
            };
            (trigger, source)
        })
        .collect();
    opening(state, &data, sourced, None).await
}

/// The case a counter-feedback opens or adds to: the team rating churn risk high,
/// or a customer answer it is about flagged as "customer happy, team worried".
pub async fn opening_for_counter_feedback(
    state: &AppState,
    account: &AccountRow,
    feedback: &CounterFeedbackRow,
    promise_triggers: Vec<(Trigger, String)>,
) -> ApiResult<Option<CaseOpening>> {
    let (causes, health, churn_risk) = team_facts(feedback);
    if churn_risk != ChurnRisk::High && feedback.link.is_none() && promise_triggers.is_empty() {
        return Ok(None);
    }
    let team = TeamFacts {
        health,
        churn_risk,
        churn_causes: &causes,
        texts: vec![feedback.behind_the_scenes.as_str(), feedback.notes.as_str()],
    };
    let data = AccountData::load(state, account.clone()).await?;
    let mut triggers = case::team_triggers(&team);
    if let Some(link) = feedback
        .link
        .as_ref()
        .and_then(|id| data.links.iter().find(|l| &l.id == id))
    {
        triggers.extend(case::gap_trigger(&questions_of(&data, link)?, &link.answers()?, &team));
    }
    let sourced = triggers
        .into_iter()
        .map(|trigger| (trigger, String::new()))
        .chain(promise_triggers)
        .map(|(trigger, note)| {
            let source = Source {
                counter_feedback: Some(feedback.id.clone()),
                link: feedback.link.clone(),
                note,
                ..Source::default()
            };
            (trigger, source)
        })
        .collect();
    opening(state, &data, sourced, None).await
}

/// The case a customer's negative message with a churn cause opens or adds to:
/// recorded in the same transaction as the message.
pub async fn opening_for_message(
    state: &AppState,
    account: &AccountRow,
    message: &RecordId,
    analysis: &CommentAnalysis,
) -> ApiResult<Option<CaseOpening>> {
    let Some(trigger) = case::negative_with_cause(analysis) else {
        return Ok(None);
    };
    let data = AccountData::load(state, account.clone()).await?;
    let source = Source {
        message: Some(message.clone()),
        ..Source::default()
    };
    opening(state, &data, vec![(trigger, source)], None).await
}

fn not_open() -> ApiError {
    ApiError::validation("status", "the case is closed")
}

fn change_error(err: CaseChangeError) -> ApiError {
    match err {
        CaseChangeError::WrongState => ApiError::validation("status", "the case changed meanwhile; reload it"),
        CaseChangeError::AnotherOpen => ApiError::validation("account", "the account has another open case"),
        CaseChangeError::AlreadyApplied => ApiError::internal("only a synced step records its mutation"),
        CaseChangeError::Db(e) => e.into(),
    }
}

/// The case with its account, if the caller sees the account; 404 otherwise.
async fn visible_case(state: &AppState, current: &CurrentUser, key: &str) -> ApiResult<(CaseRow, AccountRow)> {
    let case = state
        .store
        .case(current.org(), &id_from_key("customer_case", key))
        .await?
        .ok_or_else(ApiError::not_found)?;
    let account = visible_account(state, current, &key_of(&case.account)).await?;
    Ok((case, account))
}

/// Its owner, the account's lead, leaders and admins work a case; others read it.
fn can_work(current: &CurrentUser, case: &CaseRow, account: &AccountRow) -> bool {
    case.owner == current.user.id || can_manage(current, account)
}

async fn workable_case(state: &AppState, current: &CurrentUser, key: &str) -> ApiResult<(CaseRow, AccountRow)> {
    let (case, account) = visible_case(state, current, key).await?;
    if can_work(current, &case, &account) {
        Ok((case, account))
    } else {
        Err(ApiError::forbidden())
    }
}

fn deadline_views(case: &CaseRow, now: DateTime<Utc>) -> Vec<DeadlineView> {
    [
        (Deadline::Acknowledge, case.acknowledge_due_at, case.acknowledged_at),
        (Deadline::FirstContact, case.first_contact_due_at, case.contacted_at),
        (Deadline::Resolve, case.resolve_due_at, case.closed_at),
    ]
    .into_iter()
    .map(|(deadline, due_at, met_at)| DeadlineView {
        deadline,
        due_at,
        met_at,
        overdue: case.is_open() && case::is_overdue(due_at, met_at, now),
    })
    .collect()
}

fn summary(
    case: &CaseRow,
    account: &AccountRow,
    kinds: &[TriggerKind],
    people: &People,
    now: DateTime<Utc>,
) -> CaseSummary {
    let deadlines = deadline_views(case, now);
    let mut trigger_kinds: Vec<TriggerKind> = Vec::new();
    for kind in kinds {
        if !trigger_kinds.contains(kind) {
            trigger_kinds.push(*kind);
        }
    }
    CaseSummary {
        id: key_of(&case.id),
        account: PersonRef {
            id: key_of(&account.id),
            name: account.name.clone(),
        },
        owner: people.person(&case.owner),
        status: if case.is_open() {
            CaseStatus::Open
        } else {
            CaseStatus::Closed
        },
        severity: Severity::from_rank(case.severity),
        revenue_at_risk_eur: case.revenue_at_risk_eur,
        opened_at: case.opened_at,
        closed_at: case.closed_at,
        trigger_kinds,
        overdue: deadlines.iter().any(|d| d.overdue),
        next_deadline: deadlines
            .into_iter()
            .filter(|d| case.is_open() && d.met_at.is_none())
            .min_by_key(|d| d.due_at),
    }
}

/// The filters of `GET /cases`.
pub struct CaseFilter {
    pub scope: CaseScope,
    pub status: Option<CaseStatus>,
    pub overdue: Option<bool>,
    pub severity: Option<Severity>,
    pub owner: Option<String>,
    pub account: Option<String>,
}

/// The cases of the accounts the caller sees, in `scope`, filtered; newest first.
pub async fn list(state: &AppState, current: &CurrentUser, filter: CaseFilter) -> ApiResult<Vec<CaseSummary>> {
    if filter.scope == CaseScope::All && !current.role().sees_all_accounts() {
        return Err(ApiError::forbidden());
    }
    let status = filter.status.map(|s| match s {
        CaseStatus::Open => "open",
        CaseStatus::Closed => "closed",
    });
    let cases = state.store.cases(current.org(), status).await?;
    let accounts: HashMap<String, AccountRow> = state
        .store
        .accounts(current.org(), Visibility::All, true)
        .await?
        .into_iter()
        .map(|a| (key_of(&a.id), a))
        .collect();
    let kinds = state.store.case_trigger_kinds(current.org()).await?;
    let people = People::load(state, current).await?;
    let now = state.now();
    let me = &current.user.id;
    let owner = filter.owner.as_deref().map(|k| id_from_key("user", k));
    let account_filter = filter.account.as_deref().map(|k| id_from_key("account", k));
    Ok(cases
        .iter()
        .filter_map(|case| {
            let account = accounts.get(&key_of(&case.account)).filter(|a| can_see(current, a))?;
            let in_scope = match filter.scope {
                CaseScope::Mine => &case.owner == me,
                CaseScope::MyAccounts => account.is_on_team(me),
                CaseScope::All => true,
            };
            let case_kinds: Vec<TriggerKind> = kinds
                .iter()
                .filter(|(of, _)| of == &case.id)
                .filter_map(|(_, kind)| TriggerKind::from_code(kind))
                .collect();
            let summary = summary(case, account, &case_kinds, &people, now);
            let wanted = in_scope
                && filter.overdue.is_none_or(|o| o == summary.overdue)
                && filter.severity.is_none_or(|s| s == summary.severity)
                && owner.as_ref().is_none_or(|o| o == &case.owner)
                && account_filter.as_ref().is_none_or(|a| a == &case.account);
            wanted.then_some(summary)
        })
        .collect())
}

// Rows of a case are read with their case's id: a part that does not decode makes the
// case unreadable (logged with it), never a case shown without it.
fn trigger_view(case: &RecordId, row: &TriggerRow, people: &People) -> Result<TriggerView, Unreadable> {
    Ok(TriggerView {
        trigger: decode::json(case, "case_trigger.trigger_json", &row.trigger_json)?,
        at: row.created_at,
        response: row.link.as_ref().map(key_of),
        counter_feedback: row.counter_feedback.as_ref().map(key_of),
        message: row.message.as_ref().map(key_of),
        by: row.added_by.as_ref().map(|by| people.person(by)),
        note: row.note.clone(),
    })
}

fn step_view(case: &RecordId, row: &StepRow, people: &People) -> Result<StepView, Unreadable> {
    Ok(StepView {
        step: decode::code(case, "case_step.step", &row.step, Step::from_code)?,
        by: people.person(&row.author),
        at: row.taken_at,
        note: row.note.clone(),
        hypothesis: row.hypothesis.clone(),
        channel: row
            .channel
            .as_deref()
            .map(|c| decode::code(case, "case_step.channel", c, case::Channel::from_code))
            .transpose()?,
        email_to: row.email_to.clone(),
        email_subject: row.email_subject.clone(),
        email_body: row.email_body.clone(),
        action_ids: row.actions.iter().map(key_of).collect(),
    })
}

fn event_view(case: &RecordId, row: &EventRow, people: &People) -> Result<CaseEventView, Unreadable> {
    Ok(CaseEventView {
        kind: decode::code(case, "case_event.kind", &row.kind, CaseEventKind::from_code)?,
        at: row.happened_at,
        by: row.actor.as_ref().map(|by| people.person(by)),
        reason: row.reason.clone(),
        to: row.new_owner.as_ref().map(|to| people.person(to)),
        deadline: row
            .deadline
            .as_deref()
            .map(|d| decode::code(case, "case_event.deadline", d, Deadline::from_code))
            .transpose()?,
    })
}

/// The open answers of the responses behind the triggers, verbatim.
fn customer_words(data: &AccountData, triggers: &[TriggerRow]) -> Result<Vec<CustomerWords>, Unreadable> {
    let mut seen = HashSet::new();
    let mut words = Vec::new();
    for link_id in triggers.iter().filter_map(|t| t.link.as_ref()) {
        let Some(link) = data.links.iter().find(|l| &l.id == link_id) else {
            continue;
        };
        if !seen.insert(key_of(link_id)) {
            continue;
        }
        let questions = questions_of(data, link)?;
        let language = link.language()?;
        for answer in link.answers()? {
            let Some(text) = answer.text.as_deref().filter(|t| !t.trim().is_empty()) else {
                continue;
            };
            let question = questions
                .iter()
                .find(|q| q.id == answer.question_id && q.kind == QuestionKind::Text)
                .map_or_else(|| answer.question_id.clone(), |q| q.text.get(language).to_string());
            words.push(CustomerWords {
                response: key_of(&link.id),
                contact_name: link.contact_name.clone(),
                answered_at: link.answered_at.unwrap_or(link.sent_at),
                question,
                text: text.to_string(),
            });
        }
    }
    Ok(words)
}

async fn view(state: &AppState, current: &CurrentUser, case: &CaseRow, account: &AccountRow) -> ApiResult<CaseView> {
    let (triggers, steps, events) = state.store.case_details(case).await?;
    let repulse = state.store.repulses_of_case(&case.org, &case.id).await?.pop();
    let people = People::load(state, current).await?;
    let data = AccountData::load(state, account.clone()).await?;
    let kinds: Vec<TriggerKind> = triggers
        .iter()
        .filter_map(|t| TriggerKind::from_code(&t.kind))
        .collect();
    let linked: HashSet<String> = steps.iter().flat_map(|s| &s.actions).map(key_of).collect();
    Ok(CaseView {
        summary: summary(case, account, &kinds, &people, state.now()),
        customer_words: customer_words(&data, &triggers)?,
        triggers: triggers
            .iter()
            .map(|t| trigger_view(&case.id, t, &people))
            .collect::<Result<_, _>>()?,
        deadlines: deadline_views(case, state.now()),
        steps: steps
            .iter()
            .map(|s| step_view(&case.id, s, &people))
            .collect::<Result<_, _>>()?,
        actions: data
            .actions
            .iter()
            .filter(|a| linked.contains(&key_of(&a.id)))
            .map(|a| action_view(a, &people))
            .collect::<Result<_, _>>()?,
        events: events
            .iter()
            .map(|e| event_view(&case.id, e, &people))
            .collect::<Result<_, _>>()?,
        root_cause: case.root_cause()?,
        resolution: case.resolution.clone(),
        no_explain_reason: case.no_explain_reason.clone(),
        repulse: repulse.as_ref().map(RepulseRow::view).transpose()?,
        can_work: can_work(current, case, account),
    })
}

pub async fn get(state: &AppState, current: &CurrentUser, key: &str) -> ApiResult<CaseView> {
    let (case, account) = visible_case(state, current, key).await?;
    view(state, current, &case, &account).await
}

/// Whether a manual open started a new case or was added to the open one.
pub enum Opened {
    New(CaseView),
    Attached(CaseView),
}

/// A person opens a case on an account they see, from one of its answers, one of its
/// counter-feedbacks or the account alone.
pub async fn open(state: &AppState, current: &CurrentUser, input: OpenCaseInput) -> ApiResult<Opened> {
    let input = OpenCaseInput {
        note: input.note.trim().to_string(),
        ..input
    };
    input.check()?;
    let account = visible_account(state, current, &input.account).await?;
    let data = AccountData::load(state, account.clone()).await?;
    let mut source = Source {
        by: Some(current.user.id.clone()),
        note: input.note.clone(),
        ..Source::default()
    };
    let (words, scores) = if let Some(key) = &input.response {
        let id = id_from_key("survey_link", key);
        let link = data
            .links
            .iter()
            .find(|l| l.id == id && l.answered_at.is_some())
            .ok_or_else(|| ApiError::validation("response", "response names no answer on this account"))?;
        source.link = Some(link.id.clone());
        let answers = link.answers()?;
        let nps = Scores::of(&questions_of(&data, link)?, &answers).nps;
        let words = answers
            .iter()
            .filter_map(|a| a.text.clone())
            .filter(|t| !t.trim().is_empty());
        (
            words.collect(),
            nps.map(|nps| TriggerScore {
                label: "nps".into(),
                value: f64::from(nps),
                previous: None,
            })
            .into_iter()
            .collect(),
        )
    } else if let Some(key) = &input.counter_feedback {
        let id = id_from_key("counter_feedback", key);
        let feedback =
            data.feedback.iter().find(|f| f.id == id).ok_or_else(|| {
                ApiError::validation("counter_feedback", "counter_feedback names none on this account")
            })?;
        source.counter_feedback = Some(feedback.id.clone());
        source.link = feedback.link.clone();
        let words = [&feedback.behind_the_scenes, &feedback.notes]
            .into_iter()
            .filter(|t| !t.trim().is_empty())
            .cloned()
            .collect();
        let health = TriggerScore {
            label: "team_health".into(),
            value: feedback.health as f64,
            previous: None,
        };
        (words, vec![health])
    } else {
        (Vec::new(), Vec::new())
    };
    let trigger = Trigger {
        kind: TriggerKind::Manual,
        words,
        scores,
        churn_causes: Vec::new(),
    };
    let was_open = state.store.open_case_of(current.org(), &account.id).await?.is_some();
    let opening = opening(state, &data, vec![(trigger, source)], Some(&current.user.id))
        .await?
        .ok_or_else(|| ApiError::internal("a manual trigger opens a case"))?;
    state.store.open_or_attach(opening).await?;
    let case = state
        .store
        .open_case_of(current.org(), &account.id)
        .await?
        .ok_or_else(|| ApiError::internal("the opened case is not found"))?;
    let view = view(state, current, &case, &account).await?;
    Ok(if was_open {
        Opened::Attached(view)
    } else {
        Opened::New(view)
    })
}

/// Records one LATTE step; an email goes to the contact through the outbox (a
/// personal reply, so a survey opt-out does not stop it).
pub async fn record_step(state: &AppState, current: &CurrentUser, key: &str, input: StepInput) -> ApiResult<CaseView> {
    take_step(state, current, key, input, None).await?;
    get(state, current, key).await
}

/// Whether a step synced from a device was taken now or before.
pub enum StepTaken {
    Now,
    Before,
}

/// Takes a LATTE step; one synced from a device (`applied` names its mutation) is
/// taken once however often it arrives.
pub async fn take_step(
    state: &AppState,
    current: &CurrentUser,
    key: &str,
    input: StepInput,
    applied: Option<AppliedMutation>,
) -> ApiResult<StepTaken> {
    let (case, account) = workable_case(state, current, key).await?;
    if !case.is_open() {
        return Err(not_open());
    }
    let input = input.normalised();
    input.check()?;
    let mut actions = Vec::new();
    for action_key in &input.action_ids {
        let action = state
            .store
            .action(current.org(), &id_from_key("action", action_key))
            .await?
            .filter(|a| a.account == account.id)
            .ok_or_else(|| ApiError::validation("action_ids", "action_ids names no action of this account"))?;
        actions.push(action.id);
    }
    let mut contact = None;
    let mut email = None;
    if input.channel == Some(case::Channel::Email) {
        let row = state
            .store
            .contact(
                current.org(),
                &id_from_key("contact", input.contact_id.as_deref().unwrap_or_default()),
            )
            .await?
            .filter(|c| c.account == account.id)
            .ok_or_else(|| ApiError::validation("contact_id", "contact_id names no contact of this account"))?;
        email = Some(Email {
            recipient: row.email.clone(),
            subject: input.email_subject.clone(),
            body: input.email_body.clone(),
        });
        contact = Some(row);
    }
    let row = StepRow {
        org: current.org().clone(),
        customer_case: case.id.clone(),
        step: input.step.code().to_string(),
        author: current.user.id.clone(),
        taken_at: state.now(),
        note: input.note,
        hypothesis: input.hypothesis,
        channel: input.channel.map(|c| c.code().to_string()),
        contact: contact.as_ref().map(|c| c.id.clone()),
        email_to: contact.as_ref().map(|c| c.email.clone()),
        email_subject: input.email_subject,
        email_body: input.email_body,
        actions,
    };
    match state
        .store
        .record_case_step(row, input.step.meets(Deadline::FirstContact), email, applied)
        .await
    {
        Ok(()) => Ok(StepTaken::Now),
        Err(CaseChangeError::AlreadyApplied) => Ok(StepTaken::Before),
        Err(e) => Err(change_error(e)),
    }
}

/// The first draft of the email for a step, in the contact's language: the given
/// contact, or the one whose answer opened the case, or the account's first.
pub async fn email_draft(
    state: &AppState,
    current: &CurrentUser,
    key: &str,
    step: Step,
    contact_key: Option<&str>,
) -> ApiResult<CaseEmailDraft> {
    let (case, account) = workable_case(state, current, key).await?;
    let contacts = state.store.contacts(current.org(), &account.id).await?;
    let (triggers, _, _) = state.store.case_details(&case).await?;
    let answered_by: Vec<RecordId> = {
        let links = state.store.account_links(current.org(), &account.id).await?;
        triggers
            .iter()
            .filter_map(|t| t.link.as_ref())
            .filter_map(|id| links.iter().find(|l| &l.id == id).map(|l| l.contact.clone()))
            .collect()
    };
    let contact = match contact_key {
        Some(key) => contacts
            .iter()
            .find(|c| c.id == id_from_key("contact", key))
            .ok_or_else(|| ApiError::validation("contact", "contact names no contact of this account"))?,
        None => contacts
            .iter()
            .find(|c| answered_by.contains(&c.id))
            .or_else(|| contacts.first())
            .ok_or_else(|| ApiError::validation("contact", "the account has no contacts"))?,
    };
    let organisation = state.store.org(current.org()).await?.ok_or_else(ApiError::not_found)?;
    let lang = contact.language()?;
    let message = case::case_email(step, lang, &organisation.name, &contact.name, &current.user.name);
    Ok(CaseEmailDraft {
        contact_id: key_of(&contact.id),
        to: contact.email.clone(),
        language: lang,
        subject: message.subject,
        body: message.body,
    })
}

/// Closes a case by the closing rules.
pub async fn close(state: &AppState, current: &CurrentUser, key: &str, input: CloseInput) -> ApiResult<CaseView> {
    let (case, _) = workable_case(state, current, key).await?;
    if !case.is_open() {
        return Err(not_open());
    }
    let input = input.normalised();
    let organisation = state.store.org(current.org()).await?.ok_or_else(ApiError::not_found)?;
    let themes: Vec<String> = builtin_themes()
        .into_iter()
        .chain(organisation.themes()?)
        .map(|t| t.key)
        .collect();
    let (_, steps, _) = state.store.case_details(&case).await?;
    let taken: Vec<Step> = steps.iter().filter_map(StepRow::step).collect();
    input.check(&taken, &themes)?;
    let closing = Closing::new(
        &current.user.id,
        &input.root_cause,
        &input.resolution,
        &input.no_explain_reason,
    )?;
    let event = EventRow::new(
        &case,
        CaseEventKind::Closed.code(),
        Some(&current.user.id),
        &input.resolution,
        state.now(),
    );
    state
        .store
        .close_case(&case, closing, event)
        .await
        .map_err(change_error)?;
    get(state, current, key).await
}

/// Opens a closed case again, with a fresh resolve deadline.
pub async fn reopen(state: &AppState, current: &CurrentUser, key: &str, input: ReopenInput) -> ApiResult<CaseView> {
    let (case, _) = workable_case(state, current, key).await?;
    if case.is_open() {
        return Err(ApiError::validation("status", "the case is open"));
    }
    let reason = input.reason.trim();
    case::check_reason(reason)?;
    let organisation = state.store.org(current.org()).await?.ok_or_else(ApiError::not_found)?;
    let levels = state.store.case_levels(current.org()).await??;
    let now = state.now();
    let deadlines = plan(&organisation.schedule()?, &levels, now);
    let event = EventRow::new(
        &case,
        CaseEventKind::Reopened.code(),
        Some(&current.user.id),
        reason,
        now,
    );
    state
        .store
        .reopen_case(&case, deadlines, event)
        .await
        .map_err(change_error)?;
    get(state, current, key).await
}

/// Gives an open case to another person who sees its account, with the reason.
pub async fn reassign(state: &AppState, current: &CurrentUser, key: &str, input: ReassignInput) -> ApiResult<CaseView> {
    let (case, account) = workable_case(state, current, key).await?;
    if !case.is_open() {
        return Err(not_open());
    }
    let reason = input.reason.trim();
    case::check_reason(reason)?;
    let owner = state
        .store
        .user(current.org(), &id_from_key("user", &input.owner))
        .await?
        .filter(|u| u.active)
        .filter(|u| account.people().seen_by(u.role(), &u.id))
        .ok_or_else(|| ApiError::validation("owner", "owner names nobody active who sees this account"))?;
    let mut event = EventRow::new(
        &case,
        CaseEventKind::Reassigned.code(),
        Some(&current.user.id),
        reason,
        state.now(),
    );
    event.new_owner = Some(owner.id);
    state.store.reassign_case(&case, event).await.map_err(change_error)?;
    get(state, current, key).await
}

pub async fn service_levels(state: &AppState, current: &CurrentUser) -> ApiResult<ServiceLevels> {
    Ok(state.store.case_levels(current.org()).await??)
}

/// Admins set the service levels; cases opened from then on follow them.
pub async fn set_service_levels(
    state: &AppState,
    current: &CurrentUser,
    levels: ServiceLevels,
) -> ApiResult<ServiceLevels> {
    current.require_team_manager()?;
    levels.check()?;
    state.store.set_case_levels(current.org(), &levels).await?;
    Ok(levels)
}

fn follow_up_key(round: i64, deadline: Deadline, step: FollowUpStep) -> String {
    format!("{round}:{}:{}", deadline.code(), step.code())
}

fn tracked(case: &CaseRow) -> Vec<TrackedDeadline> {
    vec![
        TrackedDeadline {
            deadline: Deadline::Acknowledge,
            remind_at: case.acknowledge_remind_at,
            due_at: case.acknowledge_due_at,
            met: case.acknowledged_at.is_some(),
        },
        TrackedDeadline {
            deadline: Deadline::FirstContact,
            remind_at: case.first_contact_remind_at,
            due_at: case.first_contact_due_at,
            met: case.contacted_at.is_some(),
        },
        TrackedDeadline {
            deadline: Deadline::Resolve,
            remind_at: case.resolve_remind_at,
            due_at: case.resolve_due_at,
            met: false,
        },
    ]
}

/// Who hears of a passed deadline: the organisation's leaders, or its admins when it
/// has no active leader.
fn escalation_recipients(users: &[UserRow]) -> Vec<&UserRow> {
    let leaders: Vec<&UserRow> = users.iter().filter(|u| u.active && u.role() == Role::Leader).collect();
    if leaders.is_empty() {
        users.iter().filter(|u| u.active && u.role() == Role::Admin).collect()
    } else {
        leaders
    }
}

fn case_url(state: &AppState, case: &CaseRow) -> String {
    format!("{}/cases/{}", state.config.public_url, key_of(&case.id))
}

/// Reminds owners before each deadline and tells the leaders when one passes, each
/// step once per round of the case, at most `budget` steps per pass.
pub async fn follow_up(state: &AppState, budget: u32) -> ApiResult<u32> {
    let now = state.now();
    let mut done = 0;
    let mut orgs: HashMap<String, (Schedule, Vec<UserRow>)> = HashMap::new();
    for case in state.store.all_open_cases().await? {
        if done >= budget {
            break;
        }
        let taken_keys = state.store.case_follow_up_keys(&case).await?;
        let taken: Vec<(Deadline, FollowUpStep)> = Deadline::ALL
            .into_iter()
            .flat_map(|d| [(d, FollowUpStep::Remind), (d, FollowUpStep::Escalate)])
            .filter(|(d, s)| taken_keys.contains(&follow_up_key(case.round, *d, *s)))
            .collect();
        let due = case::due_follow_ups(&tracked(&case), &taken, now);
        if due.is_empty() {
            continue;
        }
        let org_key = key_of(&case.org);
        if !orgs.contains_key(&org_key) {
            let Some(organisation) = state.store.org(&case.org).await? else {
                continue;
            };
            // An unreadable schedule was logged with its record; that organisation waits.
            let Ok(schedule) = organisation.schedule() else {
                continue;
            };
            let users = state.store.users(&case.org).await?;
            orgs.insert(org_key.clone(), (schedule, users));
        }
        let (schedule, users) = &orgs[&org_key];
        let Some(account) = state.store.account(&case.org, &case.account).await? else {
            continue;
        };
        let owner = users.iter().find(|u| u.id == case.owner);
        let url = case_url(state, &case);
        for (deadline, step) in due {
            let tracked_deadline = tracked(&case).into_iter().find(|d| d.deadline == deadline);
            let due_at = tracked_deadline.map_or(now, |d| d.due_at);
            let context = mail::CaseContext {
                account: &account.name,
                owner: owner.map_or("—", |o| o.name.as_str()),
                deadline,
                due_at: schedule.local(due_at).format("%Y-%m-%d %H:%M").to_string(),
                link: &url,
            };
            let (kind, recipients): (CaseEventKind, Vec<&UserRow>) = match step {
                FollowUpStep::Remind => (
                    CaseEventKind::Reminded,
                    owner.filter(|o| o.active).into_iter().collect(),
                ),
                FollowUpStep::Escalate => (CaseEventKind::Escalated, escalation_recipients(users)),
            };
            let emails = recipients
                .into_iter()
                .map(|to| {
                    let lang: Lang = to.language();
                    let message = match step {
                        FollowUpStep::Remind => mail::case_reminder(lang, &context),
                        FollowUpStep::Escalate => mail::case_escalation(lang, &context),
                    };
                    Email {
                        recipient: to.email.clone(),
                        subject: message.subject,
                        body: message.body,
                    }
                })
                .collect();
            let mut event = EventRow::new(&case, kind.code(), None, "", now);
            event.key = follow_up_key(case.round, deadline, step);
            event.deadline = Some(deadline.code().to_string());
            if state.store.record_case_follow_up(event, emails).await? {
                done += 1;
            }
        }
    }
    Ok(done)
}

fn is_overdue_now(case: &CaseRow, now: DateTime<Utc>) -> bool {
    deadline_views(case, now).iter().any(|d| d.overdue)
}

/// The accounts of the organisation the caller sees, by key.
async fn seen_accounts(state: &AppState, current: &CurrentUser) -> ApiResult<HashMap<String, AccountRow>> {
    Ok(state
        .store
        .accounts(current.org(), Visibility::All, true)
        .await?
        .into_iter()
        .filter(|a| can_see(current, a))
        .map(|a| (key_of(&a.id), a))
        .collect())
}

/// The navigation's numbers: the caller's own open cases and the open cases of the
/// accounts they see, each with how many are overdue.
pub async fn counts(state: &AppState, current: &CurrentUser) -> ApiResult<CaseCounts> {
    let accounts = seen_accounts(state, current).await?;
    let now = state.now();
    let mut counts = CaseCounts {
        mine_open: 0,
        mine_overdue: 0,
        open: 0,
        overdue: 0,
    };
    for case in state.store.cases(current.org(), Some("open")).await? {
        if !accounts.contains_key(&key_of(&case.account)) {
            continue;
        }
        let overdue = u32::from(is_overdue_now(&case, now));
        counts.open += 1;
        counts.overdue += overdue;
        if case.owner == current.user.id {
            counts.mine_open += 1;
            counts.mine_overdue += overdue;
        }
    }
    Ok(counts)
}

/// The heatmap's "open case" signal of each account with an open case, by account key.
pub async fn open_case_signals(state: &AppState, org: &RecordId) -> ApiResult<HashMap<String, OpenCaseSignal>> {
    let now = state.now();
    Ok(state
        .store
        .cases(org, Some("open"))
        .await?
        .into_iter()
        .map(|case| {
            let signal = OpenCaseSignal {
                case_id: key_of(&case.id),
                severity: Severity::from_rank(case.severity),
                overdue: is_overdue_now(&case, now),
            };
            (key_of(&case.account), signal)
        })
        .collect())
}

/// The responses behind a case's triggers, oldest first, out of the organisation's
/// `(case, link)` pairs (`Store::case_trigger_links`).
pub(crate) fn links_of<'a>(trigger_links: &'a [(RecordId, RecordId)], case: &RecordId) -> Vec<&'a RecordId> {
    trigger_links
        .iter()
        .filter(|(of, _)| of == case)
        .map(|(_, link)| link)
        .collect()
}

/// The account's open case and its closed ones (newest first), for the account view.
pub async fn account_cases(
    state: &AppState,
    current: &CurrentUser,
    account: &AccountRow,
    people: &People,
) -> ApiResult<(Option<CaseSummary>, Vec<PastCase>)> {
    let rows = state.store.account_cases(current.org(), &account.id).await?;
    let kinds = state.store.case_trigger_kinds(current.org()).await?;
    let repulses = state.store.repulses(current.org()).await?;
    let now = state.now();
    let mut open = None;
    let mut past = Vec::new();
    for case in &rows {
        let case_kinds: Vec<TriggerKind> = kinds
            .iter()
            .filter(|(of, _)| of == &case.id)
            .filter_map(|(_, kind)| TriggerKind::from_code(kind))
            .collect();
        let summary = summary(case, account, &case_kinds, people, now);
        if case.is_open() {
            open = Some(summary);
        } else {
            past.push(PastCase {
                summary,
                root_cause: case.root_cause()?,
                resolution: case.resolution.clone(),
                repulse: latest_repulse(&repulses, case).map(RepulseRow::view).transpose()?,
            });
        }
    }
    Ok((open, past))
}

/// The case's most recent re-pulse (of its latest round asked).
fn latest_repulse<'a>(repulses: &'a [RepulseRow], case: &CaseRow) -> Option<&'a RepulseRow> {
    repulses
        .iter()
        .filter(|r| r.customer_case == case.id)
        .max_by_key(|r| r.round)
}

/// What a re-pulse answered "no" or "partly" does: reopens its case, or — when the
/// account has another open case — joins that one, and tells the owner (the leaders
/// or admins when the owner is no longer active).
pub async fn repulse_not_resolved(
    state: &AppState,
    case: &CaseRow,
    repulse: &RepulseRow,
    reply: &RepulseReply,
) -> ApiResult<NotResolved> {
    let now = state.now();
    let open = state.store.open_case_of(&case.org, &case.account).await?;
    let target = open.as_ref().unwrap_or(case);
    let trigger = reply.trigger();
    let (existing, _, _) = state.store.case_details(target).await?;
    let mut kinds: Vec<TriggerKind> = existing
        .iter()
        .filter_map(|t| TriggerKind::from_code(&t.kind))
        .collect();
    kinds.push(trigger.kind);
    let attached_severity = case::severity(&kinds, target.revenue_at_risk_eur)
        .rank()
        .max(target.severity);
    let organisation = state.store.org(&case.org).await?.ok_or_else(ApiError::not_found)?;
    let levels = state.store.case_levels(&case.org).await??;
    let account = state
        .store
        .account(&case.org, &case.account)
        .await?
        .ok_or_else(ApiError::not_found)?;
    let users = state.store.users(&case.org).await?;
    let owner: Vec<&UserRow> = users.iter().filter(|u| u.id == target.owner && u.active).collect();
    let recipients = if owner.is_empty() {
        escalation_recipients(&users)
    } else {
        owner
    };
    let url = case_url(state, target);
    let context = mail::NotResolvedContext {
        account: &account.name,
        contact: &repulse.contact_name,
        resolved: reply.resolved,
        comment: &reply.comment,
        reopened: open.is_none(),
        link: &url,
    };
    let emails = recipients
        .into_iter()
        .map(|to| {
            let message = mail::case_not_resolved(to.language(), &context);
            Email {
                recipient: to.email.clone(),
                subject: message.subject,
                body: message.body,
            }
        })
        .collect();
    Ok(NotResolved {
        attach_to: open.as_ref().map(|c| c.id.clone()),
        attached_severity,
        deadlines: plan(&organisation.schedule()?, &levels, now),
        event: EventRow::new(case, CaseEventKind::Reopened.code(), None, &reply.comment, now),
        trigger: NewTrigger {
            kind: trigger.kind.code().to_string(),
            trigger_json: to_json(&trigger)?,
            link: None,
            counter_feedback: None,
            message: None,
            added_by: None,
            note: String::new(),
        },
        emails,
    })
}

/// The NPS a response gave, if its round asked for one.
fn nps_of(data: &AccountData, link: &LinkRow) -> ApiResult<Option<u8>> {
    Ok(Scores::of(&questions_of(data, link)?, &link.answers()?).nps)
}

/// Whether the customer of a closed case is better off: the contact whose answer
/// opened it answered again after the closing with a higher NPS. `None` when they
/// have not answered since (or the case had no answer behind it).
fn next_nps_higher(data: &AccountData, case: &CaseRow, trigger_links: &[&RecordId]) -> ApiResult<Option<bool>> {
    let Some(closed_at) = case.closed_at else {
        return Ok(None);
    };
    let Some(first) = trigger_links
        .iter()
        .find_map(|id| data.links.iter().find(|l| &&l.id == id))
    else {
        return Ok(None);
    };
    let Some(before) = nps_of(data, first)? else {
        return Ok(None);
    };
    let next = data
        .links
        .iter()
        .filter(|l| l.contact == first.contact && l.answered_at.is_some_and(|at| at > closed_at))
        .min_by_key(|l| l.answered_at);
    match next {
        Some(link) => Ok(nps_of(data, link)?.map(|after| after > before)),
        None => Ok(None),
    }
}

/// The leadership panel: the cases opened in `quarter` (the organisation's current
/// one when none) and the quarter before, per owner and overall.
pub async fn stats(state: &AppState, current: &CurrentUser, quarter: Option<&str>) -> ApiResult<CaseStats> {
    if !current.role().sees_all_accounts() {
        return Err(ApiError::forbidden());
    }
    let organisation = state.store.org(current.org()).await?.ok_or_else(ApiError::not_found)?;
    let schedule = organisation.schedule()?;
    let now = state.now();
    let quarter = match quarter {
        None => Quarter::of(schedule.date(now)),
        Some(text) => {
            Quarter::parse(text).ok_or_else(|| ApiError::validation("quarter", "quarter is written like 2026-Q4"))?
        }
    };
    let quarter_of = |at: DateTime<Utc>| Quarter::of(schedule.date(at));
    let in_view = |case: &CaseRow| {
        let q = quarter_of(case.opened_at);
        q == quarter || q == quarter.previous()
    };
    let cases: Vec<CaseRow> = state
        .store
        .cases(current.org(), None)
        .await?
        .into_iter()
        .filter(in_view)
        .collect();
    let trigger_links = state.store.case_trigger_links(current.org()).await?;
    let repulses = state.store.repulses(current.org()).await?;
    let people = People::load(state, current).await?;
    let mut loaded: HashMap<String, AccountData> = HashMap::new();
    let mut facts = Vec::with_capacity(cases.len());
    for case in &cases {
        let links = links_of(&trigger_links, &case.id);
        let said_resolved = latest_repulse(&repulses, case)
            .map(RepulseRow::resolved)
            .transpose()?
            .flatten()
            .is_some_and(|resolved| !resolved.reopens());
        let recovered = if case.closed_at.is_some() && said_resolved {
            Some(true)
        } else if links.is_empty() || case.closed_at.is_none() {
            None
        } else {
            let account_key = key_of(&case.account);
            if !loaded.contains_key(&account_key) {
                let Some(account) = state.store.account(current.org(), &case.account).await? else {
                    continue;
                };
                loaded.insert(account_key.clone(), AccountData::load(state, account).await?);
            }
            next_nps_higher(&loaded[&account_key], case, &links)?
        };
        facts.push(CaseFacts {
            owner: people.person(&case.owner),
            opened_at: case.opened_at,
            acknowledged_at: case.acknowledged_at,
            first_contact_at: case.contacted_at,
            closed_at: case.closed_at,
            deadlines: deadline_views(case, now)
                .into_iter()
                .map(|d| (d.due_at, d.met_at))
                .collect(),
            recovered,
        });
    }
    Ok(case_stats(quarter, &facts, quarter_of, now))
}
