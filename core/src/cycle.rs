//! Scheduled feedback cycles: when an account's survey rounds go out, and what keeps
//! them from wearing customers out. Rounds follow the account's own rule or, lacking
//! one, the organisation's default for its stage or segment; a round is skipped when
//! the account or its contacts were surveyed too recently, goes out only in working
//! hours, and is followed by at most two reminders.

use chrono::{DateTime, Datelike, Days, Months, NaiveDate, NaiveDateTime, NaiveTime, Timelike, Utc};
use serde::{Deserialize, Serialize};

use crate::account::Stage;
use crate::validate::{self, FieldError, Invalid};

/// Periods a rule may use; others would not line up with quarters and years.
pub const EVERY_MONTHS_CHOICES: [u32; 4] = [1, 3, 6, 12];
pub const DAYS_AFTER_END_MAX: u32 = 365;
pub const DEADLINE_MAX_DAYS: u32 = 60;
pub const GAP_MAX_DAYS: u32 = 365;
pub const REMINDER_MAX_DAYS: u32 = 30;
pub const TIMEZONE_MAX_CHARS: usize = 64;
/// A customer hears from a round at most this many times after the invitation.
pub const MAX_CUSTOMER_REMINDERS: u32 = 2;

fn field_error(field: &'static str, problem: Invalid) -> Result<(), FieldError> {
    Err(FieldError { field, problem })
}

fn in_range(field: &'static str, value: u32, min: u32, max: u32) -> Result<(), FieldError> {
    if (min..=max).contains(&value) {
        Ok(())
    } else {
        field_error(
            field,
            Invalid::OutOfRange {
                min: min.into(),
                max: max.into(),
            },
        )
    }
}

api_enum! {
    /// Rounds land on one weekday so customers learn when to expect them.
    pub enum Weekday {
        Mon,
        Tue,
        Wed,
        Thu,
        Fri,
        Sat,
        Sun,
    }
}

impl From<Weekday> for chrono::Weekday {
    fn from(day: Weekday) -> Self {
        match day {
            Weekday::Mon => chrono::Weekday::Mon,
            Weekday::Tue => chrono::Weekday::Tue,
            Weekday::Wed => chrono::Weekday::Wed,
            Weekday::Thu => chrono::Weekday::Thu,
            Weekday::Fri => chrono::Weekday::Fri,
            Weekday::Sat => chrono::Weekday::Sat,
            Weekday::Sun => chrono::Weekday::Sun,
        }
    }
}

impl From<chrono::Weekday> for Weekday {
    fn from(day: chrono::Weekday) -> Self {
        match day {
            chrono::Weekday::Mon => Weekday::Mon,
            chrono::Weekday::Tue => Weekday::Tue,
            chrono::Weekday::Wed => Weekday::Wed,
            chrono::Weekday::Thu => Weekday::Thu,
            chrono::Weekday::Fri => Weekday::Fri,
            chrono::Weekday::Sat => Weekday::Sat,
            chrono::Weekday::Sun => Weekday::Sun,
        }
    }
}

api_enum! {
    /// Who of the account's contacts a round is sent to.
    pub enum ContactChoice {
        All,
        DecisionMakers,
        /// Only the contacts listed in the rule.
        Chosen,
    }
}

api_type! {
    /// When an account's survey rounds go out and to whom.
    pub struct CycleRule {
        /// One of [`EVERY_MONTHS_CHOICES`]; none for an account surveyed only around
        /// its project end.
        pub every_months: Option<u32>,
        /// Periodic rounds move forward to this weekday.
        pub weekday: Weekday,
        /// A round on the project's end date.
        #[serde(default)]
        pub at_project_end: bool,
        /// A further round this many days after the project end, once the results
        /// have had time to show.
        pub days_after_end: Option<u32>,
        pub contacts: ContactChoice,
        /// Contact ids, used when `contacts` is `Chosen`.
        #[serde(default)]
        pub chosen_contacts: Vec<String>,
        pub template_id: String,
        /// Days a customer has to answer before the round closes.
        pub deadline_days: u32,
    }
}

impl Default for CycleRule {
    fn default() -> Self {
        CycleRule {
            every_months: Some(3),
            weekday: Weekday::Tue,
            at_project_end: false,
            days_after_end: None,
            contacts: ContactChoice::All,
            chosen_contacts: Vec::new(),
            template_id: "relationship".into(),
            deadline_days: 14,
        }
    }
}

impl CycleRule {
    pub fn check(&self) -> Result<(), FieldError> {
        if let Some(months) = self.every_months
            && !EVERY_MONTHS_CHOICES.contains(&months)
        {
            return field_error("every_months", Invalid::UnknownChoice);
        }
        // A rule that never fires would look like a schedule while surveying nobody.
        if self.every_months.is_none() && !self.at_project_end && self.days_after_end.is_none() {
            return field_error("every_months", Invalid::Required);
        }
        if let Some(days) = self.days_after_end {
            in_range("days_after_end", days, 1, DAYS_AFTER_END_MAX)?;
        }
        in_range("deadline_days", self.deadline_days, 1, DEADLINE_MAX_DAYS)?;
        if self.contacts == ContactChoice::Chosen && self.chosen_contacts.is_empty() {
            return field_error("chosen_contacts", Invalid::Required);
        }
        if self.template_id.trim().is_empty() {
            return field_error("template_id", Invalid::Required);
        }
        Ok(())
    }
}

api_enum! {
    pub enum PlanReason {
        Periodic,
        ProjectEnd,
        AfterProjectEnd,
    }
}

impl PlanReason {
    /// Lower wins when two rounds fall on one date: a project milestone says more
    /// than the calendar.
    fn precedence(self) -> u8 {
        match self {
            PlanReason::ProjectEnd => 0,
            PlanReason::AfterProjectEnd => 1,
            PlanReason::Periodic => 2,
        }
    }
}

api_type! {
    pub struct PlannedRound {
        pub date: NaiveDate,
        pub reason: PlanReason,
    }
}

/// The first `weekday` on or after `date`.
fn on_or_after(date: NaiveDate, weekday: Weekday) -> Option<NaiveDate> {
    let target = chrono::Weekday::from(weekday).num_days_from_monday();
    let ahead = (7 + target - date.weekday().num_days_from_monday()) % 7;
    date.checked_add_days(Days::new(ahead.into()))
}

fn months_between(a: NaiveDate, b: NaiveDate) -> i64 {
    (i64::from(b.year()) - i64::from(a.year())) * 12 + i64::from(b.month()) - i64::from(a.month())
}

/// The rounds a rule plans for a project running from `start` (to `end`, if known)
/// that fall within `from..=until`, one per date.
///
/// Periodic dates count from `start` each time rather than from the previous round,
/// so a start on the 31st clamps to shorter months without drifting.
pub fn planned_rounds(
    rule: &CycleRule,
    start: NaiveDate,
    end: Option<NaiveDate>,
    from: NaiveDate,
    until: NaiveDate,
) -> Vec<PlannedRound> {
    let mut rounds = Vec::new();
    if let Some(every) = rule.every_months.filter(|&n| n > 0) {
        let limit = end.map_or(until, |end| end.min(until));
        // Periods ending two months before `from` cannot reach it even after moving
        // to the weekday, so far ranges start near `from` instead of at `start`.
        let skip = (months_between(start, from) - 1).max(0) / i64::from(every);
        let first = u32::try_from(skip).unwrap_or(u32::MAX).max(1);
        for k in first.. {
            let Some(base) = k
                .checked_mul(every)
                .and_then(|months| start.checked_add_months(Months::new(months)))
            else {
                break;
            };
            // Periods are at least 28 days apart and the weekday at most 6 days on,
            // so once past the limit every later date is too.
            let Some(date) = on_or_after(base, rule.weekday).filter(|&date| date <= limit) else {
                break;
            };
            if date >= from {
                rounds.push(PlannedRound {
                    date,
                    reason: PlanReason::Periodic,
                });
            }
        }
    }
    if let Some(end) = end {
        if rule.at_project_end {
            rounds.push(PlannedRound {
                date: end,
                reason: PlanReason::ProjectEnd,
            });
        }
        if let Some(date) = rule
            .days_after_end
            .and_then(|days| end.checked_add_days(Days::new(days.into())))
        {
            rounds.push(PlannedRound {
                date,
                reason: PlanReason::AfterProjectEnd,
            });
        }
    }
    rounds.retain(|round| (from..=until).contains(&round.date));
    rounds.sort_by_key(|round| (round.date, round.reason.precedence()));
    rounds.dedup_by_key(|round| round.date);
    rounds
}

api_enum! {
    /// Where an account's effective rule comes from, so the app can say whether
    /// editing it changes one account or many.
    pub enum RuleSource {
        Account,
        Stage,
        Segment,
    }
}

api_type! {
    /// The organisation's rule for accounts without their own: keyed by a stage or
    /// by a segment, never both, so which default applies stays predictable.
    pub struct CycleDefault {
        pub stage: Option<Stage>,
        pub segment: Option<String>,
        pub rule: CycleRule,
    }
}

impl CycleDefault {
    fn segment(&self) -> Option<&str> {
        self.segment
            .as_deref()
            .map(str::trim)
            .filter(|segment| !segment.is_empty())
    }

    pub fn check(&self) -> Result<(), FieldError> {
        match (self.stage, self.segment()) {
            (None, None) => return field_error("stage", Invalid::Required),
            (Some(_), Some(_)) => return field_error("stage", Invalid::TooMany { max: 1 }),
            (None, Some(segment)) => validate::too_long("segment", segment, validate::NAME_MAX_CHARS)?,
            (Some(_), None) => {}
        }
        self.rule.check()
    }
}

/// The rule an account follows: its own; else the first default for its stage (the
/// stage says more about what the customer is going through than a segment does);
/// else the first default for one of its segments, ignoring case and spacing.
pub fn effective_rule<'a>(
    own: Option<&'a CycleRule>,
    defaults: &'a [CycleDefault],
    stage: Stage,
    segments: &[String],
) -> Option<(&'a CycleRule, RuleSource)> {
    if let Some(rule) = own {
        return Some((rule, RuleSource::Account));
    }
    if let Some(default) = defaults.iter().find(|default| default.stage == Some(stage)) {
        return Some((&default.rule, RuleSource::Stage));
    }
    let segments: Vec<String> = segments.iter().map(|segment| segment.trim().to_lowercase()).collect();
    defaults
        .iter()
        .find(|default| {
            default
                .segment()
                .is_some_and(|wanted| segments.contains(&wanted.to_lowercase()))
        })
        .map(|default| (&default.rule, RuleSource::Segment))
}

api_type! {
    /// Per organisation: when surveys may go out and how often a customer may be asked.
    /// Stored as JSON: a setting missing from what an older version saved is its default.
    #[serde(default)]
    pub struct ScheduleSettings {
        /// IANA name; the server checks it is one it knows.
        pub timezone: String,
        pub workday_start_hour: u32,
        /// The first hour no longer worked.
        pub workday_end_hour: u32,
        /// Minimum days between two surveys to the same contact.
        pub contact_gap_days: u32,
        /// Minimum days between two rounds to the same account.
        pub account_gap_days: u32,
        /// Days after sending when an unanswered survey is reminded of.
        pub first_reminder_days: u32,
        pub second_reminder_days: u32,
    }
}

impl Default for ScheduleSettings {
    fn default() -> Self {
        ScheduleSettings {
            timezone: "Europe/Helsinki".into(),
            workday_start_hour: 8,
            workday_end_hour: 17,
            contact_gap_days: 60,
            account_gap_days: 30,
            first_reminder_days: 3,
            second_reminder_days: 7,
        }
    }
}

impl ScheduleSettings {
    pub fn check(&self) -> Result<(), FieldError> {
        if self.timezone.trim().is_empty() {
            return field_error("timezone", Invalid::Required);
        }
        validate::too_long("timezone", &self.timezone, TIMEZONE_MAX_CHARS)?;
        in_range("workday_start_hour", self.workday_start_hour, 0, 23)?;
        in_range("workday_end_hour", self.workday_end_hour, 0, 23)?;
        if self.workday_end_hour <= self.workday_start_hour {
            in_range(
                "workday_end_hour",
                self.workday_end_hour,
                self.workday_start_hour + 1,
                23,
            )?;
        }
        in_range("contact_gap_days", self.contact_gap_days, 0, GAP_MAX_DAYS)?;
        in_range("account_gap_days", self.account_gap_days, 0, GAP_MAX_DAYS)?;
        in_range("first_reminder_days", self.first_reminder_days, 1, REMINDER_MAX_DAYS)?;
        in_range("second_reminder_days", self.second_reminder_days, 1, REMINDER_MAX_DAYS)?;
        // A second reminder with (or before) the first would arrive as a pair.
        if self.second_reminder_days <= self.first_reminder_days {
            in_range(
                "second_reminder_days",
                self.second_reminder_days,
                self.first_reminder_days + 1,
                REMINDER_MAX_DAYS,
            )?;
        }
        Ok(())
    }
}

fn is_workday(date: NaiveDate) -> bool {
    date.weekday().num_days_from_monday() < 5
}

/// The earliest moment at or after `local` within working hours (Mon–Fri,
/// `start_hour..end_hour`): surveys that arrive at night or at weekends are buried
/// under the morning's mail.
pub fn next_working_time(local: NaiveDateTime, start_hour: u32, end_hour: u32) -> NaiveDateTime {
    let opening = NaiveTime::from_hms_opt(start_hour.min(23), 0, 0).unwrap_or(NaiveTime::MIN);
    let hour = local.hour();
    if is_workday(local.date()) && (start_hour..end_hour).contains(&hour) {
        return local;
    }
    let mut date = local.date();
    if !(is_workday(date) && hour < start_hour) {
        date = date.succ_opt().unwrap_or(date);
        while !is_workday(date) {
            match date.succ_opt() {
                Some(next) => date = next,
                None => break,
            }
        }
    }
    date.and_time(opening)
}

/// Calendar days from `last` to `day` (both in the organisation's time zone), as the
/// calendar of coming rounds counts them; a `last` after `day` counts as the same day.
/// Counting days rather than hours keeps a round the calendar promised from being
/// throttled because the earlier one went out later in its day.
pub fn days_since(last: Option<NaiveDate>, day: NaiveDate) -> Option<u32> {
    let days = (day - last?).num_days().max(0);
    Some(u32::try_from(days).unwrap_or(u32::MAX))
}

/// Whether a survey less than `gap_days` calendar days before `day` forbids another.
/// A gap of 0 turns throttling off.
pub fn throttled(last: Option<NaiveDate>, day: NaiveDate, gap_days: u32) -> bool {
    gap_days > 0 && days_since(last, day).is_some_and(|days| days < gap_days)
}

/// The reminder (1 or 2) an unanswered survey is due, if any; the caller has already
/// left out surveys that were answered, revoked, expired or opted out of.
///
/// Both reminders count from sending. When both are due (an outage, or both days
/// fell on a weekend), this gives the second alone: two emails a minute apart would
/// nag, and the second is the last call anyway. Never more than
/// [`MAX_CUSTOMER_REMINDERS`].
pub fn due_customer_reminder(
    sent_at: DateTime<Utc>,
    reminders_sent: u32,
    now: DateTime<Utc>,
    settings: &ScheduleSettings,
) -> Option<u32> {
    let is_due = |days: u32| {
        sent_at
            .checked_add_days(Days::new(days.into()))
            .is_some_and(|due| now >= due)
    };
    [(2, settings.second_reminder_days), (1, settings.first_reminder_days)]
        .into_iter()
        .find(|&(number, days)| reminders_sent < number && is_due(days))
        .map(|(number, _)| number)
}

api_enum! {
    /// What happened when a planned round's date came.
    pub enum CycleOutcome {
        Sent,
        SkippedByUser,
        /// The account had a round less than the account gap before.
        AccountThrottled,
        /// Every contact had been surveyed less than the contact gap before.
        ContactsThrottled,
        NoContacts,
    }
}

api_type! {
    pub struct CycleEvent {
        /// The planned date, which the sending time may follow by a weekend.
        pub date: NaiveDate,
        pub reason: PlanReason,
        pub outcome: CycleOutcome,
        pub at: DateTime<Utc>,
        pub round_id: Option<String>,
        pub contacts_sent: u32,
        pub contacts_throttled: u32,
        /// With `AccountThrottled`: how recent the previous round was.
        pub days_since_last: Option<u32>,
    }
}

api_type! {
    pub struct UpcomingRound {
        pub date: NaiveDate,
        pub reason: PlanReason,
        /// A person chose to skip it.
        pub skipped: bool,
        /// It would be skipped because the account will have been surveyed less than
        /// the account gap before.
        pub throttled_account: bool,
    }
}

api_type! {
    pub struct AccountCycleView {
        /// The effective rule: the account's own or the default it follows.
        pub rule: Option<CycleRule>,
        pub source: Option<RuleSource>,
        pub paused: bool,
        pub upcoming: Vec<UpcomingRound>,
        pub history: Vec<CycleEvent>,
    }
}

api_type! {
    pub struct AccountCycleInput {
        /// None follows the organisation's default.
        pub rule: Option<CycleRule>,
        pub paused: bool,
    }
}

api_type! {
    /// Skips (or un-skips) the round planned for `date`.
    pub struct SkipRoundRequest {
        pub date: NaiveDate,
        pub skip: bool,
    }
}

api_type! {
    pub struct OrgUpcomingRound {
        pub account_id: String,
        pub account_name: String,
        pub date: NaiveDate,
        pub reason: PlanReason,
        pub skipped: bool,
        pub paused: bool,
    }
}

api_type! {
    pub struct ScheduleSettingsView {
        pub settings: ScheduleSettings,
        pub defaults: Vec<CycleDefault>,
    }
}

/// Marks the sorted `planned` rounds as skipped or as bound to be throttled, so the
/// team sees in advance which rounds will not go out.
///
/// A round is throttled when it falls less than `account_gap_days` after the last
/// round that actually goes out: `last_round`, then each later round neither skipped
/// nor throttled itself. Counting from throttled rounds too would throttle a monthly
/// rule under a 60-day gap forever. Days are calendar days; the server's check at
/// sending time counts elapsed time and can differ by one near the boundary.
pub fn upcoming_rounds(
    planned: Vec<PlannedRound>,
    skipped_dates: &[NaiveDate],
    last_round: Option<DateTime<Utc>>,
    account_gap_days: u32,
) -> Vec<UpcomingRound> {
    let mut last_sent = last_round.map(|at| at.date_naive());
    planned
        .into_iter()
        .map(|round| {
            let skipped = skipped_dates.contains(&round.date);
            let throttled_account = !skipped
                && account_gap_days > 0
                && last_sent.is_some_and(|last| (round.date - last).num_days() < i64::from(account_gap_days));
            if !skipped && !throttled_account {
                last_sent = Some(round.date);
            }
            UpcomingRound {
                date: round.date,
                reason: round.reason,
                skipped,
                throttled_account,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Duration;
    use proptest::prelude::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn rule(every_months: Option<u32>, weekday: Weekday) -> CycleRule {
        CycleRule {
            every_months,
            weekday,
            ..CycleRule::default()
        }
    }

    fn dates(rounds: &[PlannedRound]) -> Vec<NaiveDate> {
        rounds.iter().map(|round| round.date).collect()
    }

    #[test]
    fn reasons_and_outcomes_are_named_as_on_the_wire() {
        for reason in PlanReason::ALL {
            assert_eq!(serde_json::to_value(reason).unwrap(), reason.code());
            assert_eq!(PlanReason::from_code(reason.code()), Some(reason));
        }
        for outcome in CycleOutcome::ALL {
            assert_eq!(serde_json::to_value(outcome).unwrap(), outcome.code());
            assert_eq!(CycleOutcome::from_code(outcome.code()), Some(outcome));
        }
    }

    #[test]
    fn weekdays_convert_both_ways() {
        for day in Weekday::ALL {
            assert_eq!(Weekday::from(chrono::Weekday::from(day)), day);
        }
        assert_eq!(chrono::Weekday::from(Weekday::Tue), chrono::Weekday::Tue);
    }

    #[test]
    fn quarterly_rounds_fall_on_the_weekday() {
        // 2024-01-15 is a Monday; the rule wants Tuesdays.
        let rounds = planned_rounds(
            &CycleRule::default(),
            d(2024, 1, 15),
            None,
            d(2024, 1, 15),
            d(2025, 1, 31),
        );
        assert_eq!(
            dates(&rounds),
            [d(2024, 4, 16), d(2024, 7, 16), d(2024, 10, 15), d(2025, 1, 21)]
        );
        assert!(
            rounds
                .iter()
                .all(|round| round.reason == PlanReason::Periodic && round.date.weekday() == chrono::Weekday::Tue)
        );
    }

    #[test]
    fn monthly_half_yearly_and_yearly_periods() {
        let monthly = planned_rounds(
            &rule(Some(1), Weekday::Wed),
            d(2024, 1, 10),
            None,
            d(2024, 1, 1),
            d(2024, 4, 30),
        );
        assert_eq!(dates(&monthly), [d(2024, 2, 14), d(2024, 3, 13), d(2024, 4, 10)]);
        let half = planned_rounds(
            &rule(Some(6), Weekday::Fri),
            d(2024, 3, 1),
            None,
            d(2024, 1, 1),
            d(2025, 12, 31),
        );
        assert_eq!(dates(&half), [d(2024, 9, 6), d(2025, 3, 7), d(2025, 9, 5)]);
        let yearly = planned_rounds(
            &rule(Some(12), Weekday::Mon),
            d(2023, 6, 30),
            None,
            d(2023, 1, 1),
            d(2025, 12, 31),
        );
        assert_eq!(dates(&yearly), [d(2024, 7, 1), d(2025, 6, 30)]);
    }

    #[test]
    fn month_ends_clamp_without_drifting() {
        // Feb 29 (Thu), Mar 31 (Sun), Apr 30 (Tue), May 31 (Fri): each counted from
        // Jan 31, so March is the 31st, not the 29th.
        let rounds = planned_rounds(
            &rule(Some(1), Weekday::Tue),
            d(2024, 1, 31),
            None,
            d(2024, 1, 1),
            d(2024, 6, 30),
        );
        assert_eq!(
            dates(&rounds),
            [d(2024, 3, 5), d(2024, 4, 2), d(2024, 4, 30), d(2024, 6, 4)]
        );
    }

    #[test]
    fn project_end_rounds_and_no_periodic_after_the_end() {
        let rule = CycleRule {
            at_project_end: true,
            days_after_end: Some(30),
            ..CycleRule::default()
        };
        let rounds = planned_rounds(
            &rule,
            d(2024, 1, 15),
            Some(d(2024, 8, 1)),
            d(2024, 1, 1),
            d(2025, 12, 31),
        );
        assert_eq!(
            rounds,
            [
                PlannedRound {
                    date: d(2024, 4, 16),
                    reason: PlanReason::Periodic
                },
                PlannedRound {
                    date: d(2024, 7, 16),
                    reason: PlanReason::Periodic
                },
                PlannedRound {
                    date: d(2024, 8, 1),
                    reason: PlanReason::ProjectEnd
                },
                PlannedRound {
                    date: d(2024, 8, 31),
                    reason: PlanReason::AfterProjectEnd
                },
            ]
        );
        // A periodic date moved past the end by the weekday is dropped too.
        let rounds = planned_rounds(
            &CycleRule::default(),
            d(2024, 1, 15),
            Some(d(2024, 7, 15)),
            d(2024, 1, 1),
            d(2025, 12, 31),
        );
        assert_eq!(dates(&rounds), [d(2024, 4, 16)]);
        // Without a known end there are no end rounds.
        let rounds = planned_rounds(&rule, d(2024, 1, 15), None, d(2024, 1, 1), d(2024, 12, 31));
        assert!(rounds.iter().all(|round| round.reason == PlanReason::Periodic));
    }

    #[test]
    fn bounds_are_inclusive() {
        let start = d(2024, 1, 15);
        let rounds = planned_rounds(&CycleRule::default(), start, None, d(2024, 4, 16), d(2024, 7, 16));
        assert_eq!(dates(&rounds), [d(2024, 4, 16), d(2024, 7, 16)]);
        let rounds = planned_rounds(&CycleRule::default(), start, None, d(2024, 4, 17), d(2024, 7, 15));
        assert!(rounds.is_empty());
        let rounds = planned_rounds(&CycleRule::default(), start, None, d(2024, 7, 1), d(2024, 3, 1));
        assert!(rounds.is_empty());
    }

    #[test]
    fn a_project_end_on_a_periodic_date_wins() {
        let rule = CycleRule {
            at_project_end: true,
            ..CycleRule::default()
        };
        let rounds = planned_rounds(
            &rule,
            d(2024, 1, 16),
            Some(d(2024, 4, 16)),
            d(2024, 1, 1),
            d(2024, 12, 31),
        );
        assert_eq!(
            rounds,
            [PlannedRound {
                date: d(2024, 4, 16),
                reason: PlanReason::ProjectEnd
            }]
        );
    }

    #[test]
    fn far_ranges_are_cheap_and_end() {
        let monthly = rule(Some(1), Weekday::Mon);
        let from = d(200_000, 1, 1);
        let rounds = planned_rounds(&monthly, d(2024, 1, 1), None, from, d(200_000, 12, 31));
        assert_eq!(rounds.len(), 12);
        let near_max = NaiveDate::MAX - Duration::days(400);
        let rounds = planned_rounds(&monthly, d(2024, 1, 1), None, near_max, NaiveDate::MAX);
        assert!((11..=14).contains(&rounds.len()), "{}", rounds.len());
        // An unchecked zero period plans nothing rather than spinning.
        assert!(
            planned_rounds(
                &rule(Some(0), Weekday::Mon),
                d(2024, 1, 1),
                None,
                d(2024, 1, 1),
                d(2030, 1, 1)
            )
            .is_empty()
        );
    }

    fn default_for(stage: Option<Stage>, segment: Option<&str>, template: &str) -> CycleDefault {
        CycleDefault {
            stage,
            segment: segment.map(Into::into),
            rule: CycleRule {
                template_id: template.into(),
                ..CycleRule::default()
            },
        }
    }

    #[test]
    fn own_rule_then_stage_then_segment() {
        let defaults = [
            default_for(None, Some(" Public Sector "), "segment"),
            default_for(Some(Stage::Delivery), None, "delivery"),
            default_for(Some(Stage::Delivery), None, "second delivery"),
        ];
        let own = CycleRule {
            template_id: "own".into(),
            ..CycleRule::default()
        };
        let segments = vec!["public sector".to_string()];
        let pick = |own, stage| {
            effective_rule(own, &defaults, stage, &segments).map(|(rule, source)| (rule.template_id.as_str(), source))
        };
        assert_eq!(pick(Some(&own), Stage::Delivery), Some(("own", RuleSource::Account)));
        assert_eq!(pick(None, Stage::Delivery), Some(("delivery", RuleSource::Stage)));
        assert_eq!(pick(None, Stage::Sales), Some(("segment", RuleSource::Segment)));
        assert_eq!(effective_rule(None, &defaults, Stage::Sales, &["retail".into()]), None);
        assert_eq!(effective_rule(None, &[], Stage::Sales, &segments), None);
    }

    #[test]
    fn rule_checks_name_the_field() {
        assert!(CycleRule::default().check().is_ok());
        let field = |rule: CycleRule| rule.check().unwrap_err().field;
        assert_eq!(field(rule(Some(2), Weekday::Tue)), "every_months");
        assert_eq!(
            rule(None, Weekday::Tue).check().unwrap_err(),
            FieldError {
                field: "every_months",
                problem: Invalid::Required
            }
        );
        let end_only = CycleRule {
            every_months: None,
            at_project_end: true,
            ..CycleRule::default()
        };
        assert!(end_only.check().is_ok());
        for days in [0, 366] {
            assert_eq!(
                field(CycleRule {
                    days_after_end: Some(days),
                    ..CycleRule::default()
                }),
                "days_after_end"
            );
        }
        for deadline_days in [0, 61] {
            assert_eq!(
                field(CycleRule {
                    deadline_days,
                    ..CycleRule::default()
                }),
                "deadline_days"
            );
        }
        let chosen = CycleRule {
            contacts: ContactChoice::Chosen,
            ..CycleRule::default()
        };
        assert_eq!(field(chosen.clone()), "chosen_contacts");
        assert!(
            CycleRule {
                chosen_contacts: vec!["c1".into()],
                ..chosen
            }
            .check()
            .is_ok()
        );
        assert_eq!(
            field(CycleRule {
                template_id: " ".into(),
                ..CycleRule::default()
            }),
            "template_id"
        );
    }

    #[test]
    fn a_default_has_a_stage_or_a_segment() {
        assert!(default_for(Some(Stage::Sales), None, "t").check().is_ok());
        assert!(default_for(None, Some("Retail"), "t").check().is_ok());
        assert_eq!(default_for(None, None, "t").check().unwrap_err().field, "stage");
        assert_eq!(default_for(None, Some("  "), "t").check().unwrap_err().field, "stage");
        assert_eq!(
            default_for(Some(Stage::Sales), Some("Retail"), "t")
                .check()
                .unwrap_err()
                .field,
            "stage"
        );
        assert_eq!(
            default_for(Some(Stage::Sales), None, "").check().unwrap_err().field,
            "template_id"
        );
    }

    #[test]
    fn schedule_checks_name_the_field() {
        assert!(ScheduleSettings::default().check().is_ok());
        let field = |settings: ScheduleSettings| settings.check().unwrap_err().field;
        let base = ScheduleSettings::default;
        assert_eq!(
            field(ScheduleSettings {
                timezone: "".into(),
                ..base()
            }),
            "timezone"
        );
        assert_eq!(
            field(ScheduleSettings {
                timezone: "x".repeat(65),
                ..base()
            }),
            "timezone"
        );
        assert_eq!(
            field(ScheduleSettings {
                workday_start_hour: 24,
                ..base()
            }),
            "workday_start_hour"
        );
        assert_eq!(
            field(ScheduleSettings {
                workday_end_hour: 24,
                ..base()
            }),
            "workday_end_hour"
        );
        assert_eq!(
            field(ScheduleSettings {
                workday_end_hour: 8,
                ..base()
            }),
            "workday_end_hour"
        );
        assert_eq!(
            field(ScheduleSettings {
                contact_gap_days: 366,
                ..base()
            }),
            "contact_gap_days"
        );
        assert_eq!(
            field(ScheduleSettings {
                account_gap_days: 366,
                ..base()
            }),
            "account_gap_days"
        );
        assert_eq!(
            field(ScheduleSettings {
                first_reminder_days: 0,
                ..base()
            }),
            "first_reminder_days"
        );
        assert_eq!(
            field(ScheduleSettings {
                second_reminder_days: 31,
                ..base()
            }),
            "second_reminder_days"
        );
        assert_eq!(
            ScheduleSettings {
                second_reminder_days: 3,
                ..base()
            }
            .check()
            .unwrap_err()
            .problem,
            Invalid::OutOfRange { min: 4, max: 30 }
        );
        assert!(
            ScheduleSettings {
                contact_gap_days: 0,
                account_gap_days: 0,
                ..base()
            }
            .check()
            .is_ok()
        );
    }

    fn t(date: NaiveDate, h: u32, m: u32) -> NaiveDateTime {
        date.and_hms_opt(h, m, 0).unwrap()
    }

    #[test]
    fn working_time() {
        // 2024-06-01 is a Saturday.
        let monday = t(d(2024, 6, 3), 8, 0);
        assert_eq!(next_working_time(t(d(2024, 6, 1), 10, 0), 8, 17), monday);
        assert_eq!(next_working_time(t(d(2024, 6, 2), 23, 59), 8, 17), monday);
        assert_eq!(
            next_working_time(t(d(2024, 6, 5), 20, 0), 8, 17),
            t(d(2024, 6, 6), 8, 0)
        );
        assert_eq!(
            next_working_time(t(d(2024, 6, 5), 6, 30), 8, 17),
            t(d(2024, 6, 5), 8, 0)
        );
        let within = d(2024, 6, 5).and_hms_opt(12, 34, 56).unwrap();
        assert_eq!(next_working_time(within, 8, 17), within);
        assert_eq!(next_working_time(t(d(2024, 6, 5), 8, 0), 8, 17), t(d(2024, 6, 5), 8, 0));
        assert_eq!(
            next_working_time(t(d(2024, 6, 5), 17, 0), 8, 17),
            t(d(2024, 6, 6), 8, 0)
        );
        assert_eq!(
            next_working_time(t(d(2024, 6, 7), 17, 30), 8, 17),
            t(d(2024, 6, 10), 8, 0)
        );
    }

    fn at(day: i64) -> DateTime<Utc> {
        DateTime::<Utc>::UNIX_EPOCH + Duration::days(day)
    }

    #[test]
    fn days_and_throttling_boundaries() {
        let day = |n: i64| at(n).date_naive();
        let today = day(100);
        assert_eq!(days_since(None, today), None);
        assert_eq!(days_since(Some(day(41)), today), Some(59));
        assert_eq!(days_since(Some(day(40)), today), Some(60));
        assert_eq!(days_since(Some(day(101)), today), Some(0));
        assert!(throttled(Some(day(41)), today, 60));
        assert!(!throttled(Some(day(40)), today, 60));
        assert!(!throttled(None, today, 60));
        assert!(!throttled(Some(today), today, 0));
        assert!(throttled(Some(today), today, 1));
    }

    #[test]
    fn customer_reminders_come_twice_at_most() {
        let settings = ScheduleSettings::default();
        let sent = at(10);
        let due = |sent_count, now| due_customer_reminder(sent, sent_count, now, &settings);
        assert_eq!(due(0, at(13) - Duration::seconds(1)), None);
        assert_eq!(due(0, at(13)), Some(1));
        assert_eq!(due(1, at(13)), None);
        assert_eq!(due(1, at(17)), Some(2));
        assert_eq!(due(2, at(17)), None);
        // After an outage only the second, once.
        assert_eq!(due(0, at(40)), Some(2));
        assert_eq!(due(2, at(40)), None);
        assert_eq!(due(5, at(40)), None);
    }

    #[test]
    fn upcoming_rounds_mark_skips_and_throttling() {
        let planned = [
            d(2024, 2, 1),
            d(2024, 3, 1),
            d(2024, 4, 1),
            d(2024, 5, 1),
            d(2024, 6, 1),
            d(2024, 8, 1),
        ]
        .into_iter()
        .map(|date| PlannedRound {
            date,
            reason: PlanReason::Periodic,
        })
        .collect::<Vec<_>>();
        let last = d(2024, 1, 1).and_hms_opt(12, 0, 0).unwrap().and_utc();
        let upcoming = upcoming_rounds(planned.clone(), &[d(2024, 5, 1)], Some(last), 60);
        let marks: Vec<(bool, bool)> = upcoming
            .iter()
            .map(|round| (round.skipped, round.throttled_account))
            .collect();
        assert_eq!(
            marks,
            [
                (false, true),  // 31 days after the last round
                (false, false), // 60 days: goes out
                (false, true),  // 31 days after March
                (true, false),  // skipped by a person
                (false, false), // 92 days after March
                (false, false), // 61 days after June
            ]
        );
        let free = upcoming_rounds(planned.clone(), &[], None, 0);
        assert!(free.iter().all(|round| !round.skipped && !round.throttled_account));
        assert!(!upcoming_rounds(planned, &[], None, 60)[0].throttled_account);
    }

    fn weekday() -> impl Strategy<Value = Weekday> {
        proptest::sample::select(vec![
            Weekday::Mon,
            Weekday::Tue,
            Weekday::Wed,
            Weekday::Thu,
            Weekday::Fri,
            Weekday::Sat,
            Weekday::Sun,
        ])
    }

    proptest! {
        #[test]
        fn planned_rounds_are_sorted_unique_bounded_and_on_the_weekday(
            every in proptest::option::of(proptest::sample::select(EVERY_MONTHS_CHOICES.to_vec())),
            weekday in weekday(),
            at_project_end: bool,
            days_after_end in proptest::option::of(1u32..=365),
            start in 0i64..20_000,
            length in proptest::option::of(0i64..3_000),
            from in 0i64..25_000,
            span in 0i64..4_000,
        ) {
            let day = |n: i64| d(1990, 1, 1) + Duration::days(n);
            let rule = CycleRule { every_months: every, weekday, at_project_end, days_after_end, ..CycleRule::default() };
            let (start, end, from, until) = (day(start), length.map(|n| day(start) + Duration::days(n)), day(from), day(from + span));
            let rounds = planned_rounds(&rule, start, end, from, until);
            prop_assert!(rounds.windows(2).all(|pair| pair[0].date < pair[1].date));
            for round in &rounds {
                prop_assert!(from <= round.date && round.date <= until);
                if round.reason == PlanReason::Periodic {
                    prop_assert_eq!(Weekday::from(round.date.weekday()), weekday);
                    prop_assert!(round.date > start && end.is_none_or(|end| round.date <= end));
                }
            }
        }
    }
}
