//! The grid's header row: the account's name, each signal and each period of the time
//! mode sort the rows (a button in each `<th>`, with `aria-sort`); a first click puts
//! the worst first.

use kaiku_core::heatmap::{Signal, SortKey};
use leptos::prelude::*;

use super::grid::{Cell, tabindex};
use super::model::{Columns, Order};
use crate::i18n::{self, Msg, signal_name, use_lang};

/// A heading's text in the current language (`Signal` is the heatmap's column here).
type Text = leptos::prelude::Signal<String>;

#[component]
pub fn Header(columns: Columns, sort: RwSignal<(Order, bool)>, stop: Memo<Cell>) -> impl IntoView {
    let lang = use_lang();
    let headings = (0..columns.len())
        .map(|col| {
            let c = col + 1;
            let order = columns.order(col);
            let worst_first = columns.worst_first(order);
            match columns.period(Some(col)).map(str::to_string) {
                None if columns.is_open_case(col) => {
                    let label = Text::derive(move || Msg::HeatmapOpenCase.text(lang.get()).to_string());
                    view! { <SortHeader order worst_first label test_id="open_case".to_string() class="hm-sortable" c sort stop /> }
                }
                None => {
                    let signal = Signal::ALL[col];
                    let label = Text::derive(move || signal_name(signal).text(lang.get()).to_string());
                    let class = if signal == Signal::RevenueAtRisk { "hm-sortable hm-wide" } else { "hm-sortable" };
                    view! { <SortHeader order worst_first label test_id=signal.code().to_string() class c sort stop /> }
                }
                Some(period) => {
                    let test_id = format!("period-{period}");
                    let label = Text::derive(move || i18n::period_label(lang.get(), &period));
                    view! { <SortHeader order worst_first label test_id class="hm-sortable hm-period" c sort stop /> }
                }
            }
        })
        .collect_view();
    let name = Text::derive(move || Msg::ColAccount.text(lang.get()).to_string());
    view! {
        <thead role="rowgroup" class="hm-head">
            <tr role="row" class="hm-row" aria-rowindex="1" data-r="0">
                <SortHeader
                    order=Order::Key(SortKey::Name)
                    worst_first=false
                    label=name
                    test_id="name".to_string()
                    class="hm-name"
                    c=0
                    sort
                    stop
                />
                {headings}
            </tr>
        </thead>
    }
}

/// A column heading that sorts: the button carries the cell's tab stop.
#[component]
fn SortHeader(
    order: Order,
    /// A first click sorts descending: the worst first for a signal, names A–Z.
    worst_first: bool,
    label: Text,
    test_id: String,
    class: &'static str,
    c: usize,
    sort: RwSignal<(Order, bool)>,
    stop: Memo<Cell>,
) -> impl IntoView {
    let lang = use_lang();
    let state = move || {
        let (by, descending) = sort.get();
        (by == order).then_some(descending)
    };
    // A new column opens with names A–Z and values worst first.
    let on_click = move |_| {
        sort.update(|(by, descending)| {
            if *by == order {
                *descending = !*descending;
            } else {
                *by = order;
                *descending = worst_first;
            }
        })
    };
    view! {
        <th
            role="columnheader"
            scope="col"
            class=class
            aria-sort=move || match state() {
                Some(true) => "descending",
                Some(false) => "ascending",
                None => "none",
            }
        >
            <button
                type="button"
                class="hm-sort"
                data-testid=format!("heatmap-sort-{test_id}")
                data-c=c
                title=move || i18n::sort_by(lang.get(), &label.get())
                tabindex=move || tabindex(stop.get() == (0, c))
                on:click=on_click
            >
                <span>{move || label.get()}</span>
                <span class="hm-sort-mark" aria-hidden="true">
                    {move || match state() {
                        Some(true) => "▼",
                        Some(false) => "▲",
                        None => "",
                    }}
                </span>
            </button>
        </th>
    }
}
