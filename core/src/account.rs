//! Accounts (the firm's customers) and their contacts: the API types and the rules
//! for their fields.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::Lang;
use crate::validate::{self, FieldError, Invalid};

pub const NOTES_MAX_CHARS: usize = 5000;
pub const SEGMENT_MAX_CHARS: usize = 60;
pub const SEGMENTS_MAX: usize = 10;
pub const TITLE_MAX_CHARS: usize = 120;
/// Annual values above a billion euros are typing mistakes, not customers.
pub const ANNUAL_VALUE_MAX_EUR: i64 = 1_000_000_000;

api_enum! {
    /// Where the relationship is; decides which survey fits.
    pub enum Stage {
        Sales,
        Onboarding,
        Delivery,
        Support,
        Renewal,
    }
}

impl Stage {
    /// The stage's name, as the app and the emails say it.
    pub fn label(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Stage::Sales, Lang::En) => "Sales",
            (Stage::Sales, Lang::Fi) => "Myynti",
            (Stage::Onboarding, Lang::En) => "Onboarding",
            (Stage::Onboarding, Lang::Fi) => "Käynnistys",
            (Stage::Delivery, Lang::En) => "Delivery",
            (Stage::Delivery, Lang::Fi) => "Toimitus",
            (Stage::Support, Lang::En) => "Support",
            (Stage::Support, Lang::Fi) => "Tuki",
            (Stage::Renewal, Lang::En) => "Renewal",
            (Stage::Renewal, Lang::Fi) => "Jatkosopimus",
        }
    }

    /// Before the work starts, customers are asked what matters to them rather than
    /// how we did.
    pub fn asks_expectations(self) -> bool {
        matches!(self, Stage::Sales | Stage::Onboarding)
    }
}

api_type! {
    /// `POST /accounts` and `PUT /accounts/{id}`: the whole editable account.
    pub struct AccountInput {
        pub name: String,
        /// Free tags by need, e.g. "growth marketing"; the organisation's list is the
        /// union of what its accounts use.
        pub segments: Vec<String>,
        pub stage: Stage,
        pub annual_value_eur: i64,
        /// The account lead's user id.
        pub lead_id: Option<String>,
        /// User ids of the account team (the lead need not be repeated).
        pub team_ids: Vec<String>,
        pub start_date: NaiveDate,
        pub end_date: Option<NaiveDate>,
        pub notes: String,
    }
}

api_type! {
    /// A person on an account, as lists show them.
    pub struct PersonRef {
        pub id: String,
        pub name: String,
    }
}

api_type! {
    pub struct AccountView {
        pub id: String,
        pub name: String,
        pub segments: Vec<String>,
        pub stage: Stage,
        pub annual_value_eur: i64,
        pub lead: Option<PersonRef>,
        pub team: Vec<PersonRef>,
        pub start_date: NaiveDate,
        pub end_date: Option<NaiveDate>,
        pub notes: String,
        pub archived: bool,
        pub created_at: DateTime<Utc>,
        /// Whether the caller may edit or archive the account.
        pub can_manage: bool,
        /// When the account and everything about it will be deleted, if an admin asked
        /// for it (it is archived meanwhile); absent from views cached before.
        #[serde(default)]
        #[cfg_attr(feature = "openapi", oai(default))]
        pub deletion: Option<DateTime<Utc>>,
    }
}

api_type! {
    /// `POST /accounts/{id}/contacts` and `PUT /contacts/{id}`.
    pub struct ContactInput {
        pub name: String,
        pub email: String,
        pub title: String,
        pub language: Lang,
        pub decision_maker: bool,
    }
}

api_type! {
    pub struct ContactView {
        pub id: String,
        pub account_id: String,
        pub name: String,
        pub email: String,
        pub title: String,
        pub language: Lang,
        pub decision_maker: bool,
        /// When the customer opted out of surveys (from the link in our emails).
        pub opted_out_at: Option<DateTime<Utc>>,
    }
}

api_type! {
    /// `POST /accounts/import`: accounts and contacts from CSV, one contact per row.
    /// Columns (header row, any order): `account` (required), `segments` (separated
    /// by `;`), `stage`, `annual_value_eur`, `start_date`, `end_date`, `lead_email`,
    /// `notes`, `contact_name`, `contact_email`, `contact_title`, `contact_language`,
    /// `decision_maker` (yes/no). Rows naming an existing account add contacts to it.
    pub struct ImportRequest {
        pub csv: String,
        /// Check and report only; write nothing.
        pub dry_run: bool,
    }
}

api_type! {
    /// One data row of an import and what became of it.
    pub struct ImportRowResult {
        /// The line in the file (the header is line 1).
        pub line: u32,
        pub account: String,
        pub contact: Option<String>,
        /// Whether the row creates the account (rather than adding to an existing one).
        pub new_account: bool,
        /// Why the row is refused; refused rows are not imported.
        pub error: Option<String>,
        pub field: Option<String>,
    }
}

api_type! {
    pub struct ImportReport {
        pub dry_run: bool,
        pub accounts_created: u32,
        pub contacts_created: u32,
        pub rows: Vec<ImportRowResult>,
    }
}

impl AccountInput {
    /// Trims what people type and drops empty and repeated segments.
    pub fn normalised(mut self) -> AccountInput {
        self.name = self.name.trim().to_string();
        self.notes = self.notes.trim().to_string();
        let mut segments: Vec<String> = Vec::new();
        for segment in self.segments.iter().map(|s| s.trim()).filter(|s| !s.is_empty()) {
            if !segments.iter().any(|known| known.eq_ignore_ascii_case(segment)) {
                segments.push(segment.to_string());
            }
        }
        self.segments = segments;
        self.team_ids.sort();
        self.team_ids.dedup();
        self
    }

    pub fn validate(&self) -> Result<(), FieldError> {
        validate::name("name", &self.name)?;
        if self.segments.len() > SEGMENTS_MAX {
            return Err(FieldError {
                field: "segments",
                problem: Invalid::TooMany { max: SEGMENTS_MAX },
            });
        }
        for segment in &self.segments {
            validate::too_long("segments", segment, SEGMENT_MAX_CHARS)?;
        }
        if !(0..=ANNUAL_VALUE_MAX_EUR).contains(&self.annual_value_eur) {
            return Err(FieldError {
                field: "annual_value_eur",
                problem: Invalid::OutOfRange {
                    min: 0,
                    max: ANNUAL_VALUE_MAX_EUR,
                },
            });
        }
        if self.end_date.is_some_and(|end| end < self.start_date) {
            return Err(FieldError {
                field: "end_date",
                problem: Invalid::BeforeStart,
            });
        }
        validate::too_long("notes", &self.notes, NOTES_MAX_CHARS)
    }
}

impl ContactInput {
    pub fn normalised(mut self) -> ContactInput {
        self.name = self.name.trim().to_string();
        self.email = validate::normalise_email(&self.email);
        self.title = self.title.trim().to_string();
        self
    }

    pub fn validate(&self) -> Result<(), FieldError> {
        validate::name("name", &self.name)?;
        validate::email("email", &self.email)?;
        validate::too_long("title", &self.title, TITLE_MAX_CHARS)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input() -> AccountInput {
        AccountInput {
            name: " Acme Oy ".into(),
            segments: vec!["Growth marketing".into(), " growth marketing ".into(), "".into()],
            stage: Stage::Delivery,
            annual_value_eur: 120_000,
            lead_id: None,
            team_ids: vec!["b".into(), "a".into(), "b".into()],
            start_date: NaiveDate::from_ymd_opt(2026, 1, 1).unwrap(),
            end_date: None,
            notes: String::new(),
        }
    }

    #[test]
    fn normalising_trims_and_deduplicates() {
        let account = input().normalised();
        assert_eq!(account.name, "Acme Oy");
        assert_eq!(account.segments, vec!["Growth marketing".to_string()]);
        assert_eq!(account.team_ids, vec!["a".to_string(), "b".to_string()]);
        assert!(account.validate().is_ok());
    }

    #[test]
    fn an_end_before_the_start_is_refused() {
        let mut account = input();
        account.end_date = NaiveDate::from_ymd_opt(2025, 12, 31);
        assert_eq!(account.validate().unwrap_err().field, "end_date");
    }

    #[test]
    fn negative_values_are_refused() {
        let mut account = input();
        account.annual_value_eur = -1;
        assert_eq!(account.validate().unwrap_err().field, "annual_value_eur");
    }

    #[test]
    fn stages_round_trip_through_their_names() {
        for stage in Stage::ALL {
            assert_eq!(Stage::from_code(stage.code()), Some(stage));
            assert_eq!(serde_json::to_string(&stage).unwrap(), format!("\"{}\"", stage.code()));
        }
        assert!(Stage::Sales.asks_expectations());
        assert!(!Stage::Renewal.asks_expectations());
    }
}
