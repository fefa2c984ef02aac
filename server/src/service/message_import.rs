//! CSV import of customer messages (leaders and admins): the rows are read one at a
//! time from the file, each checked, placed and stored like a message posted through
//! the API (so a repeated import stores nothing twice), refused rows reported with
//! the column and reason; a dry run reports what would happen and stores nothing.

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, Utc};
use kaiku_core::Lang;
use kaiku_core::message::{MessageImportReport, MessageImportRequest, MessageImportRow, MessageInput, MessageSource};

use super::auth::CurrentUser;
use super::import::{Row, RowError, csv_reader, header_columns, row_error};
use super::messages::{self, Directory, Poster};
use crate::error::{ApiError, ApiResult};
use crate::state::AppState;
use crate::store::accounts::{AccountRow, Visibility};
use crate::store::key_of;

fn received_at(text: &str) -> Result<Option<DateTime<Utc>>, RowError> {
    if text.is_empty() {
        return Ok(None);
    }
    if let Ok(at) = DateTime::parse_from_rfc3339(text) {
        return Ok(Some(at.with_timezone(&Utc)));
    }
    NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .ok()
        .and_then(|d| d.and_hms_opt(12, 0, 0))
        .map(|at| Some(at.and_utc()))
        .ok_or_else(|| {
            row_error(
                "received_at",
                "received_at must be a date like 2026-01-31 or a time like 2026-01-31T09:30:00Z",
            )
        })
}

/// The row as a message and the account it names, or why it is refused.
fn row_input(
    columns: &HashMap<String, usize>,
    record: &csv::StringRecord,
    accounts: &HashMap<String, AccountRow>,
) -> Result<(MessageInput, Option<AccountRow>), RowError> {
    let row = Row::new(columns, record);
    let get = |column: &str| row.get(column);
    let source = MessageSource::from_code(&get("source").to_lowercase()).ok_or_else(|| {
        row_error(
            "source",
            "source must be one of email, chat, helpdesk_ticket, complaint, praise, idea, meeting_note, phone_call",
        )
    })?;
    let language = match get("language") {
        "" => None,
        tag => Some(Lang::from_tag(tag).ok_or_else(|| row_error("language", "language must be fi or en"))?),
    };
    let account = match get("account") {
        "" => None,
        name => Some(
            accounts
                .get(&name.to_lowercase())
                .cloned()
                .ok_or_else(|| row_error("account", format!("no account is named {name}")))?,
        ),
    };
    let input = MessageInput {
        source,
        received_at: received_at(get("received_at"))?,
        sender_name: get("sender_name").to_string(),
        sender_email: get("sender_email").to_string(),
        subject: get("subject").to_string(),
        body: get("body").to_string(),
        external_id: Some(get("external_id").to_string()),
        account_id: None,
        contact_id: None,
        language,
        attachments: Vec::new(),
    }
    .normalised();
    input.check().map_err(|e| row_error(e.field, e.message()))?;
    Ok((input, account))
}

fn refused(line: u32, error: RowError) -> MessageImportRow {
    MessageImportRow {
        line,
        created: false,
        duplicate: false,
        account: None,
        matched_by: None,
        error: Some(error.message),
        field: Some(error.field),
    }
}

pub async fn import(
    state: &AppState,
    current: &CurrentUser,
    request: MessageImportRequest,
) -> ApiResult<MessageImportReport> {
    messages::require_placer(current)?;
    let org = current.org();
    let mut reader = csv_reader(&request.csv);
    let columns = header_columns(&mut reader, &["source", "body"])?;
    let all_accounts = state.store.accounts(org, Visibility::All, false).await?;
    let names: HashMap<String, String> = all_accounts.iter().map(|a| (key_of(&a.id), a.name.clone())).collect();
    let accounts: HashMap<String, AccountRow> = all_accounts.into_iter().map(|a| (a.name.to_lowercase(), a)).collect();
    let directory = Directory::load(state, org).await?;
    let poster = Poster::person(current);
    let mut report = MessageImportReport {
        dry_run: request.dry_run,
        created: 0,
        duplicates: 0,
        refused: 0,
        rows: Vec::new(),
    };
    // One record at a time: the file is never held as rows.
    for (index, record) in reader.records().enumerate() {
        let line = u32::try_from(index + 2).unwrap_or(u32::MAX);
        let parsed = record
            .map_err(|e| row_error("csv", format!("the row is not readable CSV: {e}")))
            .and_then(|record| row_input(&columns, &record, &accounts));
        let (input, account) = match parsed {
            Ok(parsed) => parsed,
            Err(error) => {
                report.refused += 1;
                report.rows.push(refused(line, error));
                continue;
            }
        };
        let row = if request.dry_run {
            let placed = directory.place(&input, account.as_ref())?;
            let duplicate = match input.dedupe_key() {
                Some(key) => state.store.message_by_dedupe_key(org, &key).await?.is_some(),
                None => false,
            };
            MessageImportRow {
                line,
                created: !duplicate,
                duplicate,
                account: placed.account.as_ref().and_then(|id| names.get(&key_of(id)).cloned()),
                matched_by: Some(placed.by),
                error: None,
                field: None,
            }
        } else {
            match messages::post_with(state, &poster, input, account, &directory).await {
                Ok((created, stored)) => MessageImportRow {
                    line,
                    created,
                    duplicate: !created,
                    account: stored.account.as_ref().and_then(|id| names.get(&key_of(id)).cloned()),
                    matched_by: Some(stored.matched_by()?),
                    error: None,
                    field: None,
                },
                Err(err) if err.status().is_server_error() => return Err(err),
                Err(err) => refused(line, row_error(err.field.as_deref().unwrap_or("csv"), err.message)),
            }
        };
        if row.error.is_some() {
            report.refused += 1;
        } else if row.duplicate {
            report.duplicates += 1;
        } else {
            report.created += 1;
        }
        report.rows.push(row);
    }
    if report.rows.is_empty() {
        return Err(ApiError::validation("csv", "the file has no rows under the header"));
    }
    Ok(report)
}
