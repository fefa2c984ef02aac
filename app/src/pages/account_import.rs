//! Accounts and contacts from CSV on the accounts page (`components::csv_import`), one
//! contact per row.

use kaiku_core::account::ImportReport;
use leptos::prelude::*;

use crate::api;
use crate::components::csv_import::CsvImport;
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
    let lang = use_lang();
    let summary = i18n::import_summary(lang.get_untracked(), &report);
    view! {
        <p class="banner" class:banner-success=!report.dry_run class:banner-info=report.dry_run role="status">
            {summary}
        </p>
        <table class="import-rows" data-testid="import-rows">
            <thead>
                <tr>
                    <th scope="col">{t(Msg::ImportLine)}</th>
                    <th scope="col">{t(Msg::AccountsTitle)}</th>
                    <th scope="col">{t(Msg::ContactsTitle)}</th>
                    <th scope="col">{t(Msg::ImportOutcome)}</th>
                </tr>
            </thead>
            <tbody>
                {report
                    .rows
                    .into_iter()
                    .map(|row| {
                        let refused = row.error.is_some();
                        let outcome = match &row.error {
                            Some(message) => i18n::import_problem(lang.get_untracked(), row.field.as_deref(), message),
                            None => t(if row.new_account { Msg::ImportNewAccount } else { Msg::ImportAddsContact })()
                                .to_string(),
                        };
                        view! {
                            <tr class:row-refused=refused>
                                <td>{row.line}</td>
                                <td>{row.account}</td>
                                <td>{row.contact.unwrap_or_default()}</td>
                                <td>{if refused { "✗ " } else { "✓ " }} {outcome}</td>
                            </tr>
                        }
                    })
                    .collect_view()}
            </tbody>
        </table>
    }
}
