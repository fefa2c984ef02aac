//! Feedback cycles: which account is surveyed when (its own rule or the
//! organisation's default for its stage or segment), the decisions the scheduler takes
//! on each planned round — sent, skipped by a person, throttled, nobody to ask — and
//! the customers' reminders. Customer email goes out only in the organisation's
//! working hours, in its time zone.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Duration, NaiveDate, Utc};
use chrono_tz::Tz;
use kaiku_core::cycle::{
    self, AccountCycleInput, AccountCycleView, ContactChoice, CycleDefault, CycleOutcome, CycleRule, OrgUpcomingRound,
    RuleSource, ScheduleSettingsView, SkipRoundRequest, planned_rounds,
};
use kaiku_core::survey::{self, TemplateView};
use kaiku_core::{ErrorCode, Role, Stage};

use super::accounts::{managed_account, visible_account};
use super::auth::CurrentUser;
use super::surveys::{Sender, invitation, org_templates};
use super::{message_links, said_we_did};
use crate::error::{ApiError, ApiResult};
use crate::state::AppState;
use crate::store::accounts::{AccountRow, Visibility};
use crate::store::contacts::ContactRow;
use crate::store::cycles::{AccountCycleRow, CycleEventContent};
use crate::store::decode::Unreadable;
use crate::store::orgs::{OrgRow, Schedule};
use crate::store::surveys::NewRound;
use crate::store::{is_conflict, is_unique_violation, key_of};

/// Planned rounds this far back are still sent (the server may have been down).
const LOOKBACK_DAYS: i64 = 7;
/// How far ahead the calendars look.
const ACCOUNT_HORIZON_DAYS: i64 = 366;
const ORG_HORIZON_DAYS: i64 = 92;

/// Whether customers may be emailed now.
fn in_working_hours(schedule: &Schedule, now: DateTime<Utc>) -> bool {
    let here = schedule.local(now);
    let settings = &schedule.settings;
    cycle::next_working_time(here, settings.workday_start_hour, settings.workday_end_hour) == here
}

fn cycle_row_or_default(row: Option<AccountCycleRow>, account: &AccountRow) -> AccountCycleRow {
    row.unwrap_or_else(|| AccountCycleRow {
        account: account.id.clone(),
        rule_json: None,
        paused: false,
        active_from: account.created_at,
        skipped_dates: Vec::new(),
    })
}

async fn org_row(state: &AppState, current: &CurrentUser) -> ApiResult<OrgRow> {
    state.store.org(current.org()).await?.ok_or_else(ApiError::not_found)
}

/// The account's rule, where it comes from, what is coming and what was decided.
pub async fn account_cycle(state: &AppState, current: &CurrentUser, account_key: &str) -> ApiResult<AccountCycleView> {
    let account = visible_account(state, current, account_key).await?;
    let org = org_row(state, current).await?;
    let own = cycle_row_or_default(state.store.account_cycle(current.org(), &account.id).await?, &account);
    let own_rule = own.rule()?;
    let defaults = org.cycle_defaults()?;
    let effective = cycle::effective_rule(own_rule.as_ref(), &defaults, account.stage()?, &account.segments);
    let schedule = org.schedule()?;
    let today = schedule.date(state.now());
    let upcoming = match effective {
        Some((rule, _)) if !account.archived => {
            let planned = planned_rounds(
                rule,
                account.start_date()?,
                account.end_date()?,
                today,
                today + Duration::days(ACCOUNT_HORIZON_DAYS),
            );
            let last = state.store.last_round_at(current.org(), &account.id).await?;
            cycle::upcoming_rounds(planned, &own.skipped()?, last, schedule.settings.account_gap_days)
        }
        _ => Vec::new(),
    };
    let history = state
        .store
        .cycle_events(current.org(), &account.id)
        .await?
        .iter()
        .map(CycleEventContent::view)
        .collect::<Result<_, _>>()?;
    Ok(AccountCycleView {
        rule: effective.map(|(rule, _)| rule.clone()),
        source: effective.map(|(_, source)| source),
        paused: own.paused,
        upcoming,
        history,
    })
}

/// A rule must name a template the organisation has, and chosen contacts of the account.
async fn check_rule(state: &AppState, current: &CurrentUser, account: &AccountRow, rule: &CycleRule) -> ApiResult<()> {
    rule.check()?;
    if !org_templates(state, current.org())
        .await?
        .iter()
        .any(|t| t.id == rule.template_id)
    {
        return Err(ApiError::validation("template_id", "no such survey template"));
    }
    if rule.contacts == ContactChoice::Chosen {
        let contacts = state.store.contacts(current.org(), &account.id).await?;
        if let Some(unknown) = rule
            .chosen_contacts
            .iter()
            .find(|id| !contacts.iter().any(|c| key_of(&c.id) == **id))
        {
            return Err(ApiError::validation(
                "chosen_contacts",
                format!("the contact {unknown} is not on this account"),
            ));
        }
    }
    Ok(())
}

/// Sets the account's own rule (or back to the default) and pauses or resumes it.
/// Rounds that fell due before this moment are not sent afterwards.
pub async fn set_account_cycle(
    state: &AppState,
    current: &CurrentUser,
    account_key: &str,
    input: AccountCycleInput,
) -> ApiResult<AccountCycleView> {
    let account = managed_account(state, current, account_key).await?;
    if let Some(rule) = &input.rule {
        check_rule(state, current, &account, rule).await?;
    }
    let now = state.now();
    state
        .store
        .set_account_cycle(current.org(), &account.id, input.rule.as_ref(), input.paused, now, now)
        .await?;
    account_cycle(state, current, account_key).await
}

/// Skips one planned round (or takes the skip back).
pub async fn skip_round(
    state: &AppState,
    current: &CurrentUser,
    account_key: &str,
    request: SkipRoundRequest,
) -> ApiResult<AccountCycleView> {
    let account = managed_account(state, current, account_key).await?;
    let today = org_row(state, current).await?.schedule()?.date(state.now());
    if request.date < today {
        return Err(ApiError::validation("date", "that round is in the past"));
    }
    state
        .store
        .set_round_skipped(current.org(), &account.id, request.date, request.skip, state.now())
        .await?;
    account_cycle(state, current, account_key).await
}

/// The coming rounds of every account the caller sees, soonest first.
pub async fn upcoming(state: &AppState, current: &CurrentUser) -> ApiResult<Vec<OrgUpcomingRound>> {
    let org = org_row(state, current).await?;
    let defaults = org.cycle_defaults()?;
    let today = org.schedule()?.date(state.now());
    let visibility = if current.role().sees_all_accounts() {
        Visibility::All
    } else {
        Visibility::TeamOf(&current.user.id)
    };
    let cycles = state.store.account_cycles(current.org()).await?;
    let mut rounds = Vec::new();
    for account in state.store.accounts(current.org(), visibility, false).await? {
        let own = cycle_row_or_default(cycles.get(&key_of(&account.id)).cloned(), &account);
        let own_rule = own.rule()?;
        let Some((rule, _)) = cycle::effective_rule(own_rule.as_ref(), &defaults, account.stage()?, &account.segments)
        else {
            continue;
        };
        let skipped = own.skipped()?;
        for planned in planned_rounds(
            rule,
            account.start_date()?,
            account.end_date()?,
            today,
            today + Duration::days(ORG_HORIZON_DAYS),
        ) {
            rounds.push(OrgUpcomingRound {
                account_id: key_of(&account.id),
                account_name: account.name.clone(),
                date: planned.date,
                reason: planned.reason,
                skipped: skipped.contains(&planned.date),
                paused: own.paused,
            });
        }
    }
    rounds.sort_by(|a, b| a.date.cmp(&b.date).then_with(|| a.account_name.cmp(&b.account_name)));
    Ok(rounds)
}

pub async fn schedule_settings(state: &AppState, current: &CurrentUser) -> ApiResult<ScheduleSettingsView> {
    let org = org_row(state, current).await?;
    Ok(ScheduleSettingsView {
        settings: org.schedule()?.settings,
        defaults: org.cycle_defaults()?,
    })
}

/// Admins set the time zone, working hours, throttling, reminder days and the
/// default rules.
pub async fn set_schedule_settings(
    state: &AppState,
    current: &CurrentUser,
    view: ScheduleSettingsView,
) -> ApiResult<ScheduleSettingsView> {
    current.require_team_manager()?;
    view.settings.check()?;
    if view.settings.timezone.parse::<Tz>().is_err() {
        return Err(ApiError::validation(
            "timezone",
            "unknown time zone; use a name like Europe/Helsinki",
        ));
    }
    let templates = org_templates(state, current.org()).await?;
    for (index, default) in view.defaults.iter().enumerate() {
        let same_target = |other: &CycleDefault| {
            other.stage.is_some() && other.stage == default.stage
                || other.segment.as_deref().map(|s| s.trim().to_lowercase())
                    == default.segment.as_deref().map(|s| s.trim().to_lowercase())
                    && other.segment.is_some()
        };
        if view.defaults[..index].iter().any(same_target) {
            return Err(ApiError::validation(
                "stage",
                "two default rules apply to the same stage or segment; keep one",
            ));
        }
        default.check()?;
        default.rule.check()?;
        if default.rule.contacts == ContactChoice::Chosen {
            return Err(ApiError::validation(
                "contacts",
                "a default rule cannot name contacts; choose all or decision makers",
            ));
        }
        if !templates.iter().any(|t| t.id == default.rule.template_id) {
            return Err(ApiError::validation("template_id", "no such survey template"));
        }
    }
    // Saving over unreadable defaults is how an admin repairs them: that counts as a change.
    let old_defaults = org_row(state, current).await?.cycle_defaults();
    let changed = old_defaults
        .map_or(true, |old| old != view.defaults)
        .then(|| state.now());
    state
        .store
        .set_schedule(current.org(), &view.settings, &view.defaults, changed)
        .await?;
    schedule_settings(state, current).await
}

/// What the scheduler has to go on for one organisation in one pass.
struct OrgPass {
    org: OrgRow,
    schedule: Schedule,
    defaults: Vec<CycleDefault>,
    templates: Vec<TemplateView>,
    admins: Vec<crate::store::users::UserRow>,
    users: Vec<crate::store::users::UserRow>,
}

/// Decides every planned round that is due (up to `budget` of them): starts the
/// round, or records why not. Each planned round is decided once, whatever happens
/// to this process or how many instances run it.
pub async fn run_due_cycles(state: &AppState, budget: u32) -> ApiResult<u32> {
    let now = state.now();
    let mut decided = 0;
    for org in state.store.all_orgs().await? {
        // An organisation whose settings do not read is left alone (the error is
        // logged); guessing would send customers mail on a schedule nobody chose.
        let (Ok(schedule), Ok(defaults)) = (org.schedule(), org.cycle_defaults()) else {
            continue;
        };
        if !in_working_hours(&schedule, now) {
            continue;
        }
        let today = schedule.date(now);
        let since = today - Duration::days(LOOKBACK_DAYS);
        let done: HashSet<String> = state
            .store
            .decided_cycle_keys(&org.id, since)
            .await?
            .into_iter()
            .collect();
        let templates = match org_templates(state, &org.id).await {
            Err(e) if e.code == ErrorCode::StoredDataUnreadable => continue,
            result => result?,
        };
        let cycles = state.store.account_cycles(&org.id).await?;
        let users = state.store.users(&org.id).await?;
        let pass = OrgPass {
            defaults,
            templates,
            admins: users
                .iter()
                .filter(|u| u.active && u.role() == Role::Admin)
                .cloned()
                .collect(),
            users,
            schedule,
            org,
        };
        for account in state.store.accounts(&pass.org.id, Visibility::All, false).await? {
            let own = cycle_row_or_default(cycles.get(&key_of(&account.id)).cloned(), &account);
            if own.paused {
                continue;
            }
            // Likewise an account whose rule, stage or dates do not read (logged).
            let Ok(due) = DueAccount::read(&account, &own) else {
                continue;
            };
            let Some((rule, source)) =
                cycle::effective_rule(due.own_rule.as_ref(), &pass.defaults, due.stage, &account.segments)
            else {
                continue;
            };
            // Rounds planned before the rule applied are not sent late.
            let mut applies_from = own.active_from;
            if source != RuleSource::Account
                && let Some(changed) = pass.org.defaults_changed_at
            {
                applies_from = applies_from.max(changed);
            }
            let from = since.max(pass.schedule.date(applies_from));
            for planned in planned_rounds(rule, due.start, due.end, from, today) {
                let event = CycleEventContent::new(&pass.org.id, &account.id, planned.date, planned.reason, now);
                if done.contains(&event.key) {
                    continue;
                }
                if decided >= budget {
                    return Ok(decided);
                }
                match decide(state, &pass, &account, &due.skipped, rule, event).await {
                    // A contact that does not read leaves this account's round undecided
                    // (logged), not the other accounts'.
                    Err(e) if e.code == ErrorCode::StoredDataUnreadable => break,
                    result => result?,
                }
                decided += 1;
            }
        }
    }
    Ok(decided)
}

/// What the scheduler reads of one account's stored cycle, all of it or nothing.
struct DueAccount {
    own_rule: Option<CycleRule>,
    skipped: Vec<NaiveDate>,
    stage: Stage,
    start: NaiveDate,
    end: Option<NaiveDate>,
}

impl DueAccount {
    fn read(account: &AccountRow, own: &AccountCycleRow) -> Result<DueAccount, Unreadable> {
        Ok(DueAccount {
            own_rule: own.rule()?,
            skipped: own.skipped()?,
            stage: account.stage()?,
            start: account.start_date()?,
            end: account.end_date()?,
        })
    }
}

/// The contacts the rule asks, leaving out those who opted out.
fn chosen_contacts<'a>(rule: &CycleRule, contacts: &'a [ContactRow]) -> Vec<&'a ContactRow> {
    contacts
        .iter()
        .filter(|c| c.opted_out_at.is_none())
        .filter(|c| match rule.contacts {
            ContactChoice::All => true,
            ContactChoice::DecisionMakers => c.decision_maker,
            ContactChoice::Chosen => rule.chosen_contacts.contains(&key_of(&c.id)),
        })
        .collect()
}

async fn decide(
    state: &AppState,
    pass: &OrgPass,
    account: &AccountRow,
    skipped: &[NaiveDate],
    rule: &CycleRule,
    mut event: CycleEventContent,
) -> ApiResult<()> {
    let now = state.now();
    let date: NaiveDate = event.date.parse().map_err(|_| ApiError::internal("planned date"))?;
    if skipped.contains(&date) {
        state
            .store
            .record_cycle_event(event.outcome(CycleOutcome::SkippedByUser))
            .await?;
        return Ok(());
    }
    let day = |at: DateTime<Utc>| pass.schedule.date(at);
    let today = day(now);
    let last = state.store.last_round_at(&pass.org.id, &account.id).await?.map(day);
    if cycle::throttled(last, today, pass.schedule.settings.account_gap_days) {
        event.days_since_last = cycle::days_since(last, today).map(i64::from);
        state
            .store
            .record_cycle_event(event.outcome(CycleOutcome::AccountThrottled))
            .await?;
        return Ok(());
    }
    let contacts = state.store.contacts(&pass.org.id, &account.id).await?;
    let asked = chosen_contacts(rule, &contacts);
    if asked.is_empty() {
        state
            .store
            .record_cycle_event(event.outcome(CycleOutcome::NoContacts))
            .await?;
        return Ok(());
    }
    let last_surveyed = state.store.contacts_last_surveyed(&pass.org.id, &account.id).await?;
    let (to_survey, throttled): (Vec<&ContactRow>, Vec<&ContactRow>) = asked.into_iter().partition(|c| {
        let last = last_surveyed.iter().find(|s| s.contact == c.id).map(|s| day(s.last));
        !cycle::throttled(last, today, pass.schedule.settings.contact_gap_days)
    });
    event.contacts_throttled = throttled.len() as i64;
    if to_survey.is_empty() {
        state
            .store
            .record_cycle_event(event.outcome(CycleOutcome::ContactsThrottled))
            .await?;
        return Ok(());
    }
    let template = pass
        .templates
        .iter()
        .find(|t| t.id == rule.template_id)
        .or_else(|| pass.templates.first())
        .ok_or_else(|| ApiError::internal("the organisation has no survey templates"))?;
    // The round is from the account lead when there is one, else from an admin.
    let lead = account
        .lead
        .as_ref()
        .and_then(|lead| pass.users.iter().find(|u| &u.id == lead && u.active));
    let Some(from) = lead.or_else(|| pass.admins.first()) else {
        return Ok(());
    };
    let sender = Sender {
        organisation: &pass.org.name,
        name: &from.name,
    };
    let expires_at = now + Duration::days(i64::from(rule.deadline_days));
    let we_did = said_we_did::Digest::load(state, account, &contacts).await?;
    let links = to_survey
        .iter()
        .map(|contact| Ok(invitation(&sender, contact, expires_at, &we_did)?.0))
        .collect::<Result<_, Unreadable>>()?;
    event.contacts_sent = to_survey.len() as i64;
    let created = state
        .store
        .create_round(
            NewRound {
                org: &pass.org.id,
                account: &account.id,
                template,
                started_by: &from.id,
                expires_at,
                links,
                cycle: Some(event),
            },
            now,
        )
        .await;
    match created {
        Ok(_) => Ok(()),
        // Another instance decided this round a moment earlier.
        Err(e) if is_unique_violation(&e) || is_conflict(&e) => Ok(()),
        Err(e) => Err(e.into()),
    }
}

/// Sends each customer who has not answered their reminders (day 3 and day 7 by
/// default), at most `budget` in one pass, each reminder once; none after they
/// answered, the link was revoked or expired, or they opted out.
pub async fn remind_customers(state: &AppState, budget: u32) -> ApiResult<u32> {
    let now = state.now();
    let mut orgs: HashMap<String, Option<(String, Schedule)>> = HashMap::new();
    let mut sent = 0;
    for link in state.store.remindable_links(now).await? {
        let org_key = key_of(&link.org);
        if !orgs.contains_key(&org_key) {
            let org = state.store.org(&link.org).await?;
            // Settings that do not read (logged) leave the organisation's reminders unsent.
            let entry = org
                .and_then(|org| Some((org.name.clone(), org.schedule().ok()?)))
                .filter(|(_, schedule)| in_working_hours(schedule, now));
            orgs.insert(org_key.clone(), entry);
        }
        let Some((organisation, schedule)) = &orgs[&org_key] else {
            continue;
        };
        let Ok(reminders_sent) = link.reminders_sent() else {
            continue;
        };
        let Some(reminder) = cycle::due_customer_reminder(link.sent_at, reminders_sent, now, &schedule.settings) else {
            continue;
        };
        let Ok(language) = link.language() else {
            continue;
        };
        let opted_out = state
            .store
            .contact(&link.org, &link.contact)
            .await?
            .is_none_or(|contact| contact.opted_out_at.is_some());
        if opted_out {
            continue;
        }
        if sent >= budget {
            break;
        }
        let email = survey::reminder_email(
            language,
            organisation,
            &link.contact_name,
            message_links::SURVEY_LINK,
            link.expires_at.date_naive(),
        )
        .with_opt_out(language, message_links::OPT_OUT_LINK);
        if state.store.record_reminder(&link, reminder, &email, now).await? {
            sent += 1;
        }
    }
    Ok(sent)
}
