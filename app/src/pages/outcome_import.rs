//! Outcomes from CSV on the backtest page (`components::csv_import`), accounts by name:
//! the way to bring in what happened before Kaiku was used.

use kaiku_core::outcome::OutcomeImportReport;
use leptos::prelude::*;

use crate::api;
use crate::components::csv_import::{CsvImport, ImportReportTable, verdict};
use crate::i18n::{self, Msg, t, use_lang};

#[component]
pub fn OutcomeImport(imported: Callback<()>) -> impl IntoView {
    view! {
        <CsvImport
            title=Msg::OutcomesImportTitle
            help=Msg::OutcomesImportHelp
            example=i18n::OUTCOMES_IMPORT_EXAMPLE
            send=|request| async move { api::import_outcomes(&request).await }
            importable=importable
            report=report
            imported
            test_id="outcome-import"
        />
    }
}

/// A preview that found rows to import.
fn importable(r: &OutcomeImportReport) -> bool {
    r.dry_run && r.created > 0
}

fn report(report: OutcomeImportReport) -> AnyView {
    view! { <OutcomeReport report /> }.into_any()
}

#[component]
fn OutcomeReport(report: OutcomeImportReport) -> impl IntoView {
    let lang = use_lang().get_untracked();
    let headers = vec![
        Msg::ImportLine,
        Msg::AccountsTitle,
        Msg::OutcomeKindLabel,
        Msg::ImportOutcome,
    ];
    view! {
        <ImportReportTable
            summary=i18n::outcomes_import_summary(lang, &report)
            dry_run=report.dry_run
            headers
            test_id="outcome-import-rows"
        >
            {report
                .rows
                .into_iter()
                .map(|row| {
                    let refused = row.error.is_some();
                    let result = match &row.error {
                        Some(message) => i18n::outcome_import_problem(lang, row.field.as_deref(), message),
                        None => row.date.map(|d| d.to_string()).unwrap_or_default(),
                    };
                    view! {
                        <tr class:row-refused=refused>
                            <td>{row.line}</td>
                            <td>{row.account}</td>
                            <td>{row.kind.map(|k| t(i18n::outcome_kind_name(k)))}</td>
                            <td>{verdict(refused, result)}</td>
                        </tr>
                    }
                })
                .collect_view()}
        </ImportReportTable>
    }
}
