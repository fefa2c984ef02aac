//! What happened to an account in the end, as the firm records it, and the month-end
//! snapshots of how each account stood, which the backtest compares it with.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::ChurnCause;
use crate::account::{ANNUAL_VALUE_MAX_EUR, PersonRef};
use crate::counterfeedback::ChurnRisk;
use crate::evidence::{Evidence, Month};
use crate::health::{self, Health, Weights};
use crate::validate::{self, FieldError, Invalid};

pub const OUTCOME_NOTE_MAX_CHARS: usize = 2000;

api_enum! {
    /// How a contract or engagement ended up.
    pub enum OutcomeKind {
        Renewed,
        Expanded,
        Contracted,
        Churned,
        Paused,
        /// A project that ended when it was planned to: not a loss.
        ProjectEnded,
    }
}

impl OutcomeKind {
    /// Whether the outcome counts in the backtest, and as a churn or a stay. A pause and
    /// a project ending as planned are neither, so no warning could have been right or
    /// wrong about them.
    pub fn churned(self) -> Option<bool> {
        match self {
            OutcomeKind::Churned => Some(true),
            OutcomeKind::Renewed | OutcomeKind::Expanded | OutcomeKind::Contracted => Some(false),
            OutcomeKind::Paused | OutcomeKind::ProjectEnded => None,
        }
    }

    /// Whether a reason to leave can explain it: a renewal or an expansion has none.
    fn has_reasons(self) -> bool {
        !matches!(self, OutcomeKind::Renewed | OutcomeKind::Expanded)
    }
}

api_type! {
    /// `POST /accounts/{id}/outcomes` and `PUT /outcomes/{id}`.
    pub struct OutcomeInput {
        pub kind: OutcomeKind,
        pub date: NaiveDate,
        /// Annual revenue before the outcome, euros.
        pub revenue_before_eur: i64,
        /// Annual revenue after it: 0 when churned, more when expanded, less when contracted.
        pub revenue_after_eur: i64,
        /// Why the customer left or cut back: the six churn causes, several allowed.
        pub reasons: Vec<ChurnCause>,
        pub note: String,
    }
}

impl OutcomeInput {
    pub fn normalise(&mut self) {
        self.note = self.note.trim().to_string();
    }

    /// The outcome's rules; `today` bounds the date (an outcome has happened).
    pub fn check(&self, today: NaiveDate) -> Result<(), FieldError> {
        let fail = |field, problem| Err(FieldError { field, problem });
        let revenue = 0..=ANNUAL_VALUE_MAX_EUR;
        if self.date > today {
            return fail("date", Invalid::OutOfRange { min: 0, max: 0 });
        }
        for (field, value) in [
            ("revenue_before_eur", self.revenue_before_eur),
            ("revenue_after_eur", self.revenue_after_eur),
        ] {
            if !revenue.contains(&value) {
                return fail(
                    field,
                    Invalid::OutOfRange {
                        min: 0,
                        max: ANNUAL_VALUE_MAX_EUR,
                    },
                );
            }
        }
        let (before, after) = (self.revenue_before_eur, self.revenue_after_eur);
        let revenue_fits = match self.kind {
            OutcomeKind::Churned => after == 0,
            OutcomeKind::Expanded => after > before,
            OutcomeKind::Contracted => after < before,
            OutcomeKind::Renewed | OutcomeKind::Paused | OutcomeKind::ProjectEnded => true,
        };
        if !revenue_fits {
            return fail("revenue_after_eur", Invalid::UnknownChoice);
        }
        if !self.kind.has_reasons() && !self.reasons.is_empty() {
            return fail("reasons", Invalid::TooMany { max: 0 });
        }
        for (i, reason) in self.reasons.iter().enumerate() {
            if self.reasons[..i].contains(reason) {
                return fail("reasons", Invalid::Repeated);
            }
        }
        validate::too_long("note", &self.note, OUTCOME_NOTE_MAX_CHARS)?;
        if self
            .note
            .chars()
            .any(|c| c.is_control() && c != '\n' && c != '\t' && c != '\r')
        {
            return fail("note", Invalid::HiddenCharacters);
        }
        Ok(())
    }

    /// The message an invalid outcome is refused with, for forms and CSV rows alike.
    pub fn problem_text(error: &FieldError) -> String {
        match (error.field, error.problem) {
            ("date", Invalid::OutOfRange { .. }) => "date must not be in the future".into(),
            ("revenue_after_eur", Invalid::UnknownChoice) => {
                "revenue after must be 0 when churned, higher when expanded and lower when contracted".into()
            }
            ("reasons", Invalid::TooMany { .. }) => "a renewal or expansion has no reasons to leave".into(),
            _ => error.message(),
        }
    }
}

api_type! {
    /// An earlier version of an edited outcome.
    pub struct OutcomeRevision {
        pub input: OutcomeInput,
        pub recorded_by: PersonRef,
        pub recorded_at: DateTime<Utc>,
    }
}

api_type! {
    /// An account's outcome as it stands, with the versions it replaced (newest first).
    pub struct OutcomeView {
        pub id: String,
        pub account: String,
        pub account_name: String,
        pub input: OutcomeInput,
        pub recorded_by: PersonRef,
        pub recorded_at: DateTime<Utc>,
        pub history: Vec<OutcomeRevision>,
        /// Made up for the demo organisation.
        pub demo: bool,
    }
}

api_type! {
    /// One data row of an outcome import and what became of it.
    pub struct OutcomeImportRow {
        /// The line in the file (the header is line 1).
        pub line: u32,
        pub account: String,
        pub kind: Option<OutcomeKind>,
        pub date: Option<NaiveDate>,
        pub reasons: Vec<ChurnCause>,
        /// Why the row is refused; refused rows are not imported.
        pub error: Option<String>,
        pub field: Option<String>,
    }
}

api_type! {
    /// `POST /outcomes/import`: each row checked; the good ones written together
    /// unless `dry_run`.
    pub struct OutcomeImportReport {
        pub dry_run: bool,
        pub created: u32,
        pub rows: Vec<OutcomeImportRow>,
    }
}

/// Reasons as a file gives them: churn cause codes separated by `;`, `|` or `,`.
pub fn parse_reasons(text: &str) -> Result<Vec<ChurnCause>, String> {
    text.split([';', '|', ','])
        .map(str::trim)
        .filter(|code| !code.is_empty())
        .map(|code| {
            ChurnCause::from_code(&code.to_lowercase())
                .ok_or_else(|| format!("reasons: `{code}` is not a churn cause code"))
        })
        .collect()
}

api_type! {
    /// How an account stood at a month's end, stored then and never changed: what the
    /// backtest reads, so it never sees later data.
    pub struct AccountSnapshot {
        pub account: String,
        /// `2026-05`.
        pub month: String,
        /// None: nothing to judge by that month.
        pub health: Option<Health>,
        pub team_risk: Option<ChurnRisk>,
        pub gap_flagged: bool,
        pub annual_value_eur: i64,
    }
}

impl AccountSnapshot {
    /// The account as it stood at the end of `month`: only evidence dated by then, so
    /// a snapshot taken late says what one taken on time would have.
    pub fn at(
        account: String,
        month: Month,
        evidence: &Evidence,
        weights: &Weights,
        annual_value_eur: i64,
    ) -> AccountSnapshot {
        let (inputs, health) = evidence.health_at(month.end(), weights, annual_value_eur);
        AccountSnapshot {
            account,
            month: month.label(),
            gap_flagged: health::gap_flagged(health.as_ref().and_then(|h| h.gap)),
            health,
            team_risk: inputs.team_risk,
            annual_value_eur,
        }
    }
}

/// When the account's evidence starts: its first survey sent, team view or action.
pub fn first_evidence(evidence: &Evidence) -> Option<DateTime<Utc>> {
    let links = evidence.links.iter().map(|l| l.sent_at);
    let team = evidence.team.iter().map(|t| t.at);
    let actions = evidence.actions.iter().map(|a| a.created_at);
    links.chain(team).chain(actions).min()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn churn() -> OutcomeInput {
        OutcomeInput {
            kind: OutcomeKind::Churned,
            date: date(2026, 3, 31),
            revenue_before_eur: 50_000,
            revenue_after_eur: 0,
            reasons: vec![ChurnCause::VoiceLost, ChurnCause::CompetitorsAhead],
            note: "  Moved to a bigger agency.  ".into(),
        }
    }

    #[test]
    fn a_churn_with_several_reasons_is_valid() {
        let mut input = churn();
        input.normalise();
        assert_eq!(input.note, "Moved to a bigger agency.");
        assert_eq!(input.check(date(2026, 4, 1)), Ok(()));
    }

    #[test]
    fn broken_rules_name_their_field() {
        let field = |input: OutcomeInput| input.check(date(2026, 4, 1)).unwrap_err().field;
        assert_eq!(
            field(OutcomeInput {
                date: date(2026, 4, 2),
                ..churn()
            }),
            "date"
        );
        assert_eq!(
            field(OutcomeInput {
                revenue_after_eur: 10,
                ..churn()
            }),
            "revenue_after_eur"
        );
        assert_eq!(
            field(OutcomeInput {
                revenue_before_eur: -1,
                ..churn()
            }),
            "revenue_before_eur"
        );
        assert_eq!(
            field(OutcomeInput {
                kind: OutcomeKind::Expanded,
                revenue_after_eur: 40_000,
                reasons: vec![],
                ..churn()
            }),
            "revenue_after_eur"
        );
        assert_eq!(
            field(OutcomeInput {
                kind: OutcomeKind::Renewed,
                revenue_after_eur: 50_000,
                ..churn()
            }),
            "reasons"
        );
        assert_eq!(
            field(OutcomeInput {
                reasons: vec![ChurnCause::VoiceLost, ChurnCause::VoiceLost],
                ..churn()
            }),
            "reasons"
        );
        assert_eq!(
            field(OutcomeInput {
                note: "a\u{0}b".into(),
                ..churn()
            }),
            "note"
        );
        assert_eq!(
            field(OutcomeInput {
                note: "x".repeat(OUTCOME_NOTE_MAX_CHARS + 1),
                ..churn()
            }),
            "note"
        );
    }

    #[test]
    fn reasons_read_from_a_file() {
        assert_eq!(
            parse_reasons("voice_lost; Competitors_Ahead"),
            Ok(vec![ChurnCause::VoiceLost, ChurnCause::CompetitorsAhead])
        );
        assert_eq!(parse_reasons(""), Ok(vec![]));
        assert!(parse_reasons("price").unwrap_err().contains("price"));
    }

    #[test]
    fn only_decided_outcomes_count_in_the_backtest() {
        assert_eq!(OutcomeKind::Churned.churned(), Some(true));
        assert_eq!(OutcomeKind::Contracted.churned(), Some(false));
        assert_eq!(OutcomeKind::ProjectEnded.churned(), None);
        assert_eq!(OutcomeKind::Paused.churned(), None);
    }
}
