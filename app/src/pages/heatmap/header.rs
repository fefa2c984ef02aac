//! The grid's header row: the account's name and each signal sort (a button in each
//! `<th>`, with `aria-sort`); the time mode's periods are plain headings.

use kaiku_core::heatmap::{Signal, SortKey};
use leptos::prelude::*;

use super::grid::{Cell, tabindex};
use super::model::Columns;
use crate::i18n::{self, Msg, signal_name, t, use_lang};

#[component]
pub fn Header(columns: Columns, sort: RwSignal<(SortKey, bool)>, stop: Memo<Cell>) -> impl IntoView {
    let lang = use_lang();
    let headings = (0..columns.len())
        .map(|col| {
            let c = col + 1;
            match columns.sort_key(col) {
                Some(key) => {
                    let signal = Signal::ALL[col];
                    view! { <SortHeader key label=signal_name(signal) test_id=signal.code() c sort stop /> }.into_any()
                }
                None => {
                    let period = columns.period(Some(col)).unwrap_or_default().to_string();
                    view! {
                        <th
                            role="columnheader"
                            scope="col"
                            class="hm-period"
                            data-c=c
                            tabindex=move || tabindex(stop.get() == (0, c))
                        >
                            {move || i18n::period_label(lang.get(), &period)}
                        </th>
                    }
                    .into_any()
                }
            }
        })
        .collect_view();
    view! {
        <thead role="rowgroup" class="hm-head">
            <tr role="row" class="hm-row" aria-rowindex="1" data-r="0">
                <SortHeader key=SortKey::Name label=Msg::ColAccount test_id="name" c=0 sort stop />
                {headings}
            </tr>
        </thead>
    }
}

/// A column heading that sorts: the button carries the cell's tab stop.
#[component]
fn SortHeader(
    key: SortKey,
    label: Msg,
    test_id: &'static str,
    c: usize,
    sort: RwSignal<(SortKey, bool)>,
    stop: Memo<Cell>,
) -> impl IntoView {
    let lang = use_lang();
    let state = move || {
        let (by, descending) = sort.get();
        (by == key).then_some(descending)
    };
    // A new column opens with names A–Z and signals highest first.
    let on_click = move |_| {
        sort.update(|(by, descending)| {
            if *by == key {
                *descending = !*descending;
            } else {
                *by = key;
                *descending = key != SortKey::Name;
            }
        })
    };
    view! {
        <th
            role="columnheader"
            scope="col"
            class=if c == 0 { "hm-name" } else { "hm-sortable" }
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
                title=move || i18n::sort_by(lang.get(), label.text(lang.get()))
                tabindex=move || tabindex(stop.get() == (0, c))
                on:click=on_click
            >
                <span>{t(label)}</span>
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
