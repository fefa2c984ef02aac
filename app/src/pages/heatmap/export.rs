//! The CSV download of what the heatmap shows: the rows as filtered and sorted, in the
//! mode on screen (`to_csv` now, `history_csv` over time).

use std::sync::Arc;

use kaiku_core::heatmap::{self, HeatmapRow};
use leptos::prelude::*;

use super::model::Columns;
use crate::browser;
use crate::i18n::{Msg, t};

/// The CSV and its file name: `kaiku-heatmap-2026-12-01.csv`, over time
/// `kaiku-heatmap-nps-2026-12-01.csv`.
fn csv(rows: &[HeatmapRow], shown: &[usize], columns: &Columns) -> (String, String) {
    let today = chrono::Local::now().format("%Y-%m-%d");
    match columns {
        Columns::Signals => {
            let shown: Vec<&HeatmapRow> = shown.iter().map(|&i| &rows[i]).collect();
            (heatmap::to_csv(&shown), format!("kaiku-heatmap-{today}.csv"))
        }
        Columns::Periods(table) => {
            let lines: Vec<(&HeatmapRow, Vec<Option<f64>>)> = shown
                .iter()
                .map(|&i| (&rows[i], table.values.get(i).cloned().unwrap_or_default()))
                .collect();
            (
                heatmap::history_csv(table.signal, &table.periods, &lines),
                format!("kaiku-heatmap-{}-{today}.csv", table.signal.code()),
            )
        }
    }
}

#[component]
pub fn ExportButton(
    rows: Arc<Vec<HeatmapRow>>,
    shown: Memo<Vec<usize>>,
    columns: Memo<Option<Columns>>,
) -> impl IntoView {
    let refused = RwSignal::new(false);
    let on_click = move |_| {
        let Some(columns) = columns.get_untracked() else {
            return;
        };
        let (text, file_name) = shown.with_untracked(|shown| csv(&rows, shown, &columns));
        refused.set(!browser::download(&file_name, "text/csv;charset=utf-8", &text));
    };
    view! {
        <button
            type="button"
            class="button"
            data-testid="heatmap-export"
            disabled=move || columns.with(Option::is_none)
            on:click=on_click
        >
            {t(Msg::HeatmapExport)}
        </button>
        <Show when=move || refused.get()>
            <p class="banner banner-error" role="alert">{t(Msg::HeatmapExportFailed)}</p>
        </Show>
    }
}
