//! One account's row of the grid: its name, then a cell per column with the value
//! printed on its level's colour and pattern.

use std::sync::Arc;

use kaiku_core::Lang;
use kaiku_core::heatmap::{HeatmapRow, Level, OpenCaseSignal, Signal};
use leptos::prelude::*;

use super::grid::{Cell, ROW_PX, tabindex};
use super::model::Columns;
use crate::i18n::{self, Msg};
use crate::pages::cases::severity_name;

/// One account's row, placed at its own offset in the body, its texts in `lang` (the
/// grid renders its rows anew when the language changes). Rows come and go as the grid
/// scrolls, so a row is kept lean: its cells are plain elements with one reactive
/// attribute, the tab stop.
#[component]
pub fn Row(
    rows: Arc<Vec<HeatmapRow>>,
    row: usize,
    pos: usize,
    columns: Columns,
    stop: Memo<Cell>,
    lang: Lang,
) -> impl IntoView {
    let r = pos + 1;
    // Which cell of this row has the tab stop: one comparison per rendered row as it moves.
    let stop_here = Memo::new(move |_| {
        let (stop_r, stop_c) = stop.get();
        (stop_r == r).then_some(stop_c)
    });
    let account = &rows[row];
    let cells = (0..columns.len())
        .map(|col| {
            if columns.is_open_case(col) {
                return open_case_cell(lang, account.open_case.as_ref(), col + 1, stop_here).into_any();
            }
            let (signal, value) = columns.cell(&rows, row, col);
            data_cell(lang, signal, value, col + 1, stop_here).into_any()
        })
        .collect_view();
    view! {
        <tr
            role="row"
            class="hm-row"
            aria-rowindex=pos + 2
            data-testid="heatmap-row"
            data-account=account.account.clone()
            data-r=r
            style:top=format!("{}px", pos as f64 * ROW_PX)
        >
            <th
                role="rowheader"
                class="hm-name"
                title=account.name.clone()
                data-c="0"
                tabindex=move || tabindex(stop_here.get() == Some(0))
            >
                {account.name.clone()}
            </th>
            {cells}
        </tr>
    }
}

fn level_class(level: Option<Level>) -> &'static str {
    match level {
        None => "hm-cell hm-none",
        Some(..=1) => "hm-cell hm-l1",
        Some(2) => "hm-cell hm-l2",
        Some(3) => "hm-cell hm-l3",
        Some(4) => "hm-cell hm-l4",
        Some(_) => "hm-cell hm-l5",
    }
}

/// The account's open case: its severity on the level's colour (overdue one level
/// worse, level 5 marked like any cell's); an account without one is level 1. The cell
/// shows a word that fits its column; the whole phrase is spoken and its title.
fn open_case_cell(
    lang: Lang,
    case: Option<&OpenCaseSignal>,
    c: usize,
    stop_here: Memo<Option<usize>>,
) -> impl IntoView {
    let level = case.map_or(1, OpenCaseSignal::level);
    let (shown, said) = match case {
        None => (
            Msg::HeatmapNoOpenCaseShort.text(lang).to_string(),
            Msg::HeatmapNoOpenCase.text(lang).to_string(),
        ),
        Some(case) => {
            let severity = severity_name(case.severity).text(lang);
            let said = if case.overdue {
                format!("{severity}, {}", Msg::CaseOverdue.text(lang))
            } else {
                severity.to_string()
            };
            (severity.to_string(), said)
        }
    };
    let mark = (level >= 5).then(|| view! { <span class="hm-mark">" ▲"</span> });
    let title = said.clone();
    view! {
        <td
            role="gridcell"
            class=level_class(Some(level))
            data-testid="heatmap-cell"
            data-open-case=case.map(|c| if c.overdue { "overdue" } else { "open" })
            data-c=c
            title=title
            tabindex=move || tabindex(stop_here.get() == Some(c))
        >
            <span class="hm-value" aria-hidden="true">{shown} {mark}</span>
            <span class="visually-hidden">{said}</span>
        </td>
    }
}

/// A value, printed, on its level's colour and pattern; level 5 adds a symbol, and
/// levels 4–5 say their level to screen readers too.
fn data_cell(
    lang: Lang,
    signal: Signal,
    value: Option<f64>,
    c: usize,
    stop_here: Memo<Option<usize>>,
) -> impl IntoView {
    let level = value.map(|v| signal.level(v));
    let mark = (level >= Some(5)).then(|| view! { <span class="hm-mark" aria-hidden="true">" ▲"</span> });
    let spoken = match level {
        Some(4) => Some(Msg::LevelWeakShort),
        Some(5..) => Some(Msg::LevelPoorShort),
        _ => None,
    }
    .map(|msg| view! { <span class="visually-hidden">{format!(", {}", msg.text(lang))}</span> });
    view! {
        <td
            role="gridcell"
            class=level_class(level)
            // Sums of money need the room (see `hm-wide` in heatmap.css).
            class:hm-wide=signal == Signal::RevenueAtRisk
            data-testid="heatmap-cell"
            data-c=c
            tabindex=move || tabindex(stop_here.get() == Some(c))
        >
            <span class="hm-value">{i18n::signal_value(lang, signal, value)} {mark}</span>
            {spoken}
        </td>
    }
}
