//! Accounts and contacts from CSV on the accounts page (`components::csv_import`), one
//! contact per row.

use kaiku_core::account::ImportReport;
use leptos::prelude::*;

use crate::api;
use crate::components::csv_import::{CsvImport, ImportReportTable, verdict};
use crate::i18n::{self, Msg, t, use_lang};

#[component]
pub fn AccountImport(imported: Callback<()>) -> impl IntoView {
    view! {
        <CsvImport
            title=Msg::ImportTitle
            help=Msg::ImportHelp
            example=i18n::IMPORT_EXAMPLE
            send=|request| async move { api::import_accounts(&request).await }
            importable=importable
            report=report
            imported
            test_id="account-import"
        />
    }
}

/// A preview that found rows to import.
fn importable(r: &ImportReport) -> bool {
    r.dry_run && r.accounts_created + r.contacts_created > 0
}

fn report(report: ImportReport) -> AnyView {
    view! { <AccountReport report /> }.into_any()
}

#[component]
fn AccountReport(report: ImportReport) -> impl IntoView {
    let lang = use_lang().get_untracked();
    let headers = vec![
        Msg::ImportLine,
        Msg::AccountsTitle,
        Msg::ContactsTitle,
        Msg::ImportOutcome,
    ];
    view! {
        <ImportReportTable summary=i18n::import_summary(lang, &report) dry_run=report.dry_run headers test_id="import-rows">
            {report
                .rows
                .into_iter()
                .map(|row| {
                    let refused = row.error.is_some();
                    let outcome = match &row.error {
                        Some(message) => i18n::import_problem(lang, row.field.as_deref(), message),
                        None => t(if row.new_account { Msg::ImportNewAccount } else { Msg::ImportAddsContact })().to_string(),
                    };
                    view! {
                        <tr class:row-refused=refused>
                            <td>{row.line}</td>
                            <td>{row.account}</td>
                            <td>{row.contact.unwrap_or_default()}</td>
                            <td>{verdict(refused, outcome)}</td>
                        </tr>
                    }
                })
                .collect_view()}
        </ImportReportTable>
    }
}
