//! CSV import of accounts and contacts: every row is checked, refused rows are
//! listed with the reason, and the good rows are written together (or, in a dry run,
//! only reported).

use std::collections::HashMap;

use chrono::NaiveDate;
use kaiku_core::account::{AccountInput, ContactInput, ImportReport, ImportRequest, ImportRowResult};
use kaiku_core::{Lang, Stage, validate};
use surrealdb::types::RecordId;

use super::auth::CurrentUser;
use crate::error::{ApiError, ApiResult};
use crate::state::AppState;
use crate::store::contacts::ContactError;
use crate::store::key_of;

/// More rows than this is a data migration, not an import.
pub const MAX_ROWS: usize = 2000;

/// One refused row: the column it is about, and why.
pub(crate) struct RowError {
    pub field: String,
    pub message: String,
}

pub(crate) fn row_error(field: &str, message: impl Into<String>) -> RowError {
    RowError {
        field: field.to_string(),
        message: message.into(),
    }
}

/// A row as read from the file, by column name.
pub(crate) struct Row<'a> {
    columns: &'a HashMap<String, usize>,
    record: &'a csv::StringRecord,
}

impl Row<'_> {
    pub(crate) fn get(&self, column: &str) -> &str {
        self.columns
            .get(column)
            .and_then(|&index| self.record.get(index))
            .map(str::trim)
            .unwrap_or("")
    }
}

/// A reader of CSV text: rows of any length, cells trimmed.
pub(crate) fn csv_reader(csv: &str) -> csv::Reader<&[u8]> {
    csv::ReaderBuilder::new()
        .flexible(true)
        .trim(csv::Trim::All)
        .from_reader(csv.as_bytes())
}

/// The header row's columns by lower-cased name; refused when it is not CSV or
/// lacks one of the `required` columns.
pub(crate) fn header_columns(reader: &mut csv::Reader<&[u8]>, required: &[&str]) -> ApiResult<HashMap<String, usize>> {
    let headers = reader
        .headers()
        .map_err(|_| ApiError::validation("csv", "the file is not readable CSV"))?;
    let columns: HashMap<String, usize> = headers
        .iter()
        .enumerate()
        .map(|(index, name)| (name.trim().trim_start_matches('\u{feff}').to_lowercase(), index))
        .collect();
    if let Some(missing) = required.iter().find(|column| !columns.contains_key(**column)) {
        return Err(ApiError::validation(
            "csv",
            format!("the header row must name the `{missing}` column"),
        ));
    }
    Ok(columns)
}

impl<'a> Row<'a> {
    pub(crate) fn new(columns: &'a HashMap<String, usize>, record: &'a csv::StringRecord) -> Row<'a> {
        Row { columns, record }
    }
}

/// A CSV file's rows under its header, columns by lower-cased name.
pub(crate) struct Table {
    pub columns: HashMap<String, usize>,
    pub records: Vec<csv::StringRecord>,
}

impl Table {
    /// Reads the file; refuses one that is not CSV, lacks the `required` column, has
    /// no rows or more than [`MAX_ROWS`].
    pub(crate) fn read(csv: &str, required: &str) -> ApiResult<Table> {
        let mut reader = csv_reader(csv);
        let columns = header_columns(&mut reader, &[required])?;
        let records: Vec<csv::StringRecord> = reader
            .records()
            .collect::<Result<_, _>>()
            .map_err(|e| ApiError::validation("csv", format!("the file is not readable CSV: {e}")))?;
        if records.is_empty() {
            return Err(ApiError::validation("csv", "the file has no rows under the header"));
        }
        if records.len() > MAX_ROWS {
            return Err(ApiError::validation(
                "csv",
                format!("import at most {MAX_ROWS} rows at a time"),
            ));
        }
        Ok(Table { columns, records })
    }

    pub(crate) fn rows(&self) -> impl Iterator<Item = Row<'_>> {
        self.records.iter().map(|record| Row {
            columns: &self.columns,
            record,
        })
    }
}

pub(crate) fn date(row: &Row, column: &str) -> Result<Option<NaiveDate>, RowError> {
    match row.get(column) {
        "" => Ok(None),
        text => NaiveDate::parse_from_str(text, "%Y-%m-%d")
            .map(Some)
            .map_err(|_| row_error(column, format!("{column} must be a date like 2026-01-31"))),
    }
}

struct Known {
    /// Active people of the organisation by email, for `lead_email`.
    people: HashMap<String, RecordId>,
    /// Accounts by lower-cased name: existing ones and those created by earlier rows.
    accounts: HashMap<String, RecordId>,
    /// (account, contact email) pairs that exist or are being added.
    contacts: Vec<(RecordId, String)>,
}

fn account_input(row: &Row, known: &Known, today: NaiveDate) -> Result<AccountInput, RowError> {
    let stage = match row.get("stage") {
        "" => Stage::Delivery,
        text => Stage::from_code(&text.to_lowercase())
            .ok_or_else(|| row_error("stage", "stage must be sales, onboarding, delivery, support or renewal"))?,
    };
    let annual_value_eur = match row.get("annual_value_eur").replace([' ', '\u{a0}'], "") {
        text if text.is_empty() => 0,
        text => text
            .parse::<i64>()
            .map_err(|_| row_error("annual_value_eur", "annual value must be whole euros, e.g. 120000"))?,
    };
    let lead_id = match row.get("lead_email") {
        "" => None,
        email => Some(
            known
                .people
                .get(&validate::normalise_email(email))
                .map(key_of)
                .ok_or_else(|| row_error("lead_email", "lead email names no active person of the organisation"))?,
        ),
    };
    let input = AccountInput {
        name: row.get("account").to_string(),
        segments: row.get("segments").split(';').map(str::to_string).collect(),
        stage,
        annual_value_eur,
        lead_id,
        team_ids: Vec::new(),
        start_date: date(row, "start_date")?.unwrap_or(today),
        end_date: date(row, "end_date")?,
        notes: row.get("notes").to_string(),
    }
    .normalised();
    input.validate().map_err(|e| {
        // The file calls the account's name `account`.
        let field = if e.field == "name" { "account" } else { e.field };
        row_error(field, e.message().replacen("name", "account", 1))
    })?;
    Ok(input)
}

fn contact_input(row: &Row) -> Result<Option<ContactInput>, RowError> {
    if row.get("contact_name").is_empty() && row.get("contact_email").is_empty() {
        return Ok(None);
    }
    let language = match row.get("contact_language") {
        "" => Lang::Fi,
        tag => Lang::from_tag(tag).ok_or_else(|| row_error("contact_language", "contact language must be fi or en"))?,
    };
    let decision_maker = match row.get("decision_maker").to_lowercase().as_str() {
        "" | "no" | "false" | "0" | "ei" => false,
        "yes" | "true" | "1" | "kyllä" => true,
        _ => return Err(row_error("decision_maker", "decision maker must be yes or no")),
    };
    let input = ContactInput {
        name: row.get("contact_name").to_string(),
        email: row.get("contact_email").to_string(),
        title: row.get("contact_title").to_string(),
        language,
        decision_maker,
    }
    .normalised();
    input.validate().map_err(|e| RowError {
        field: format!("contact_{}", e.field),
        message: format!("contact {}", e.message()),
    })?;
    Ok(Some(input))
}

pub async fn import(state: &AppState, current: &CurrentUser, req: ImportRequest) -> ApiResult<ImportReport> {
    if !current.role().sees_all_accounts() {
        return Err(ApiError::forbidden());
    }
    let table = Table::read(&req.csv, "account")?;

    let org = current.org();
    let people = state.store.users(org).await?;
    let accounts = state
        .store
        .accounts(org, crate::store::accounts::Visibility::All, true)
        .await?;
    let mut known = Known {
        people: people
            .iter()
            .filter(|u| u.active)
            .map(|u| (u.email.clone(), u.id.clone()))
            .collect(),
        accounts: accounts.iter().map(|a| (a.name.to_lowercase(), a.id.clone())).collect(),
        contacts: state.store.contact_emails(org).await?,
    };

    let today = state.now().date_naive();
    let mut new_accounts: Vec<(RecordId, AccountInput)> = Vec::new();
    let mut new_contacts: Vec<(RecordId, ContactInput)> = Vec::new();
    let mut rows = Vec::new();
    for (index, row) in table.rows().enumerate() {
        let mut result = ImportRowResult {
            line: index as u32 + 2,
            account: row.get("account").to_string(),
            contact: None,
            new_account: false,
            error: None,
            field: None,
        };
        let checked = account_input(&row, &known, today).and_then(|account| Ok((account, contact_input(&row)?)));
        match checked {
            Err(err) => {
                result.error = Some(err.message);
                result.field = Some(err.field);
            }
            Ok((account, contact)) => {
                let existing = known.accounts.get(&account.name.to_lowercase()).cloned();
                let duplicate = match (&existing, &contact) {
                    (Some(id), Some(c)) => known.contacts.iter().any(|(a, e)| a == id && *e == c.email),
                    _ => false,
                };
                if duplicate {
                    result.error = Some("the account already has a contact with this email".into());
                    result.field = Some("contact_email".into());
                } else {
                    let account_id = existing.unwrap_or_else(|| {
                        let id = state.store.new_account_id();
                        known.accounts.insert(account.name.to_lowercase(), id.clone());
                        result.new_account = true;
                        new_accounts.push((id.clone(), account));
                        id
                    });
                    if let Some(contact) = contact {
                        result.contact = Some(contact.name.clone());
                        known.contacts.push((account_id.clone(), contact.email.clone()));
                        new_contacts.push((account_id, contact));
                    }
                }
            }
        }
        rows.push(result);
    }

    let report = ImportReport {
        dry_run: req.dry_run,
        accounts_created: new_accounts.len() as u32,
        contacts_created: new_contacts.len() as u32,
        rows,
    };
    let nothing_new = new_accounts.is_empty() && new_contacts.is_empty();
    if !req.dry_run && !nothing_new {
        state
            .store
            .import(org, new_accounts, new_contacts, state.now())
            .await
            .map_err(|e| match e {
                ContactError::EmailTaken => ApiError::validation(
                    "csv",
                    "a contact was added meanwhile with an email this file also adds; preview again",
                ),
                ContactError::Db(e) => e.into(),
            })?;
    }
    Ok(report)
}
