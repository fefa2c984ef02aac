//! `/heatmap`: leadership's view of every account the user may see — accounts × the
//! signals now, or accounts × months or quarters for one signal — with filters,
//! sorting, views saved under a name, the portfolio above the grid, totals per segment, the evidence behind
//! each cell and a CSV export.
//!
//! The page loads the heatmap once (kept on the device for offline use); the time
//! mode fetches a signal's history when chosen. Derived data lives in memos: the sort
//! order is computed once per sort column over all rows, and filtering walks that
//! order, so typing in the search never re-sorts.

mod address;
mod evidence;
mod export;
mod filters;
mod grid;
mod header;
mod legend;
mod model;
mod row;
mod saved_views;
mod summary;
mod totals;
mod we_did;

use std::sync::Arc;

use kaiku_core::heatmap::{self, HeatmapHistory, HeatmapRow, HeatmapView};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::NavigateOptions;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_query_map};

use self::address::HeatmapAddress;
use self::evidence::EvidencePanel;
use self::export::ExportButton;
use self::filters::Filters;
use self::grid::Grid;
use self::legend::Legend;
use self::model::{Active, Columns, Granularity, Mode, Order, TimeTable};
use self::saved_views::SavedViews;
use self::summary::PortfolioSummary;
use self::totals::SegmentTotals;
use self::we_did::WeDidShares;
use crate::api;
use crate::components::load::{Load, load, show};
use crate::components::notice::{ErrorBanner, Loading};
use crate::i18n::{self, Msg, signal_name, t, use_lang};
use crate::offline::cache::fresh_or_cached_value;
use crate::state::page_title;

#[component]
pub fn HeatmapPage() -> impl IntoView {
    page_title(Msg::HeatmapTitle);
    let heatmap = RwSignal::new(Load::<HeatmapView>::Loading);
    // Kept on the device, so the heatmap opens offline.
    let fetch = move || load(heatmap, fresh_or_cached_value("heatmap", api::heatmap()));
    fetch();
    view! {
        <div class="heatmap">
            <h1 class="page-title">{t(Msg::HeatmapTitle)}</h1>
            <p class="muted">{t(Msg::HeatmapIntro)}</p>
            {move || show(heatmap.get(), fetch, |view| {
                if view.rows.is_empty() {
                    view! { <NoAccounts /> }.into_any()
                } else {
                    view! { <Heatmap view /> }.into_any()
                }
            })}
        </div>
    }
}

/// One signal's history, kept on the device so it opens offline; the time mode and
/// the portfolio summary share the copy.
async fn history_of(signal: heatmap::Signal) -> Result<HeatmapHistory, api::ApiFailure> {
    let key = format!("heatmap:history:{}", signal.code());
    fresh_or_cached_value(&key, api::heatmap_history(signal)).await
}

#[component]
fn NoAccounts() -> impl IntoView {
    view! {
        <section class="card" data-testid="heatmap-empty">
            <p class="empty">{t(Msg::HeatmapEmpty)}</p>
            <A href="/accounts" {..} class="button">
                {t(Msg::HeatmapToAccounts)}
            </A>
        </section>
    }
}

#[component]
fn Heatmap(view: HeatmapView) -> impl IntoView {
    let lang = use_lang();
    let HeatmapView {
        as_of,
        window_days,
        rows,
        probabilities,
    } = view;
    let rows: Arc<Vec<HeatmapRow>> = Arc::new(rows);
    let total = rows.len();
    // The view starts as the address says and keeps it up to date (see `address`).
    let opened = use_query_map().with_untracked(|q| HeatmapAddress::from_query(|key| q.get(key)));
    let mode = RwSignal::new(opened.mode);
    let signal = RwSignal::new(opened.signal);
    let granularity = RwSignal::new(opened.granularity);
    let filter = RwSignal::new(opened.filter);
    let sort = RwSignal::new(opened.sort);
    let top_row = RwSignal::new(opened.row);
    let address = Memo::new(move |_| HeatmapAddress {
        mode: mode.get(),
        signal: signal.get(),
        granularity: granularity.get(),
        filter: filter.get(),
        sort: sort.get(),
        row: top_row.get(),
    });
    let navigate = use_navigate();
    Effect::new(move |_| {
        let replace = NavigateOptions {
            replace: true,
            scroll: false,
            ..Default::default()
        };
        navigate(&format!("/heatmap{}", address.with(HeatmapAddress::to_query)), replace);
    });
    // A saved view opens in place: the page keeps its data and only the view changes.
    let open_view = Callback::new(move |view: HeatmapAddress| {
        mode.set(view.mode);
        signal.set(view.signal);
        granularity.set(view.granularity);
        filter.set(view.filter);
        sort.set(view.sort);
        top_row.set(0);
    });
    let active = RwSignal::new(None::<Active>);

    let history = RwSignal::new(Load::<HeatmapHistory>::Loading);
    let fetch_history = move || {
        let wanted = signal.get_untracked();
        history.set(Load::Loading);
        spawn_local(async move {
            let loaded = history_of(wanted).await;
            // A slower answer for a signal no longer chosen (or a page left) is dropped.
            if signal.try_get_untracked() == Some(wanted) && mode.try_get_untracked() == Some(Mode::Time) {
                history.set(match loaded {
                    Ok(history) => Load::Ready(history),
                    Err(failure) => Load::Failed(failure),
                });
            }
        });
    };
    Effect::new(move |_| {
        if mode.get() == Mode::Time {
            signal.track();
            fetch_history();
        }
    });
    let columns = Memo::new({
        let rows = rows.clone();
        move |_| match mode.get() {
            Mode::Signals => Some(Columns::Signals),
            Mode::Time => history.with(|h| {
                h.ready()
                    .map(|h| Columns::Periods(Arc::new(TimeTable::new(&rows, h, granularity.get()))))
            }),
        }
    });
    // A period's order means nothing once the periods change (not on opening: the
    // address may name one).
    Effect::new(move |first: Option<()>| {
        mode.track();
        granularity.track();
        signal.track();
        if first.is_some() && matches!(sort.get_untracked().0, Order::Period(_)) {
            sort.set(model::DEFAULT_ORDER);
        }
    });
    let order = Memo::new({
        let rows = rows.clone();
        move |_| {
            let sort = sort.get();
            columns.with(|columns| columns.as_ref().unwrap_or(&Columns::Signals).sorted(&rows, sort))
        }
    });
    let shown = Memo::new({
        let rows = rows.clone();
        move |_| filter.with(|f| order.with(|order| order.iter().copied().filter(|&i| f.matches(&rows[i])).collect()))
    });
    // The evidence shown belongs to the columns it was pointed at in.
    Effect::new(move |_| {
        columns.track();
        active.set(None);
    });

    let none_shown = Memo::new(move |_| shown.with(Vec::is_empty));
    let grid = {
        let rows = rows.clone();
        move || {
            if none_shown.get() {
                return view! { <p class="empty" data-testid="heatmap-no-match">{t(Msg::HeatmapNoMatch)}</p> }
                    .into_any();
            }
            match (columns.get(), mode.get()) {
                (Some(columns), mode) => {
                    let label = match mode {
                        Mode::Signals => Msg::HeatmapGridSignals,
                        Mode::Time => Msg::HeatmapGridTime,
                    };
                    view! { <Grid rows=rows.clone() shown columns sort active label top_row /> }.into_any()
                }
                (None, _) => history.with(|h| match h {
                    Load::Failed(failure) => {
                        let failure = failure.clone();
                        view! {
                            <ErrorBanner failure=Signal::derive(move || Some(failure.clone())) />
                            <button type="button" class="button" on:click=move |_| fetch_history()>
                                {t(Msg::TryAgain)}
                            </button>
                        }
                        .into_any()
                    }
                    _ => view! { <Loading /> }.into_any(),
                }),
            }
        }
    };

    view! {
        <p class="muted">{move || i18n::heatmap_as_of(lang.get(), &as_of, window_days)}</p>
        <PortfolioSummary rows=rows.clone() shown />
        <div class="hm-toolbar">
            <ModeSwitch mode />
            <Show when=move || mode.get() == Mode::Time>
                <TimeControls signal granularity />
            </Show>
            <ExportButton rows=rows.clone() shown columns />
        </div>
        <Filters rows=rows.clone() filter />
        <SavedViews address open=open_view />
        <p class="muted" role="status" data-testid="heatmap-count">
            {move || i18n::accounts_shown(lang.get(), shown.with(Vec::len), total)}
        </p>
        <Legend />
        <p id="heatmap-keys" class="muted hm-keys">{t(Msg::HeatmapKeys)}</p>
        <div class="hm-layout">
            <div class="hm-main">{grid}</div>
            <EvidencePanel rows=rows.clone() columns active window_days />
        </div>
        <SegmentTotals rows=rows.clone() shown probabilities />
        <WeDidShares rows shown />
    }
}

/// Signals now, or one signal over time: two toggle buttons.
#[component]
fn ModeSwitch(mode: RwSignal<Mode>) -> impl IntoView {
    let button = move |this: Mode, label: Msg, test_id: &'static str| {
        view! {
            <button
                type="button"
                class="button hm-toggle"
                aria-pressed=move || (mode.get() == this).to_string()
                data-testid=test_id
                on:click=move |_| mode.set(this)
            >
                {t(label)}
            </button>
        }
    };
    view! {
        <div class="hm-switch" role="group" aria-label=t(Msg::HeatmapModes)>
            {button(Mode::Signals, Msg::HeatmapModeSignals, "heatmap-mode-signals")}
            {button(Mode::Time, Msg::HeatmapModeTime, "heatmap-mode-time")}
        </div>
    }
}

/// The time mode's signal and whether its columns are months or quarters.
#[component]
fn TimeControls(signal: RwSignal<heatmap::Signal>, granularity: RwSignal<Granularity>) -> impl IntoView {
    let options = heatmap::Signal::ALL
        .into_iter()
        .map(|s| {
            view! {
                <option value=s.code() selected=move || signal.get() == s>
                    {t(signal_name(s))}
                </option>
            }
        })
        .collect_view();
    let period = move |this: Granularity, label: Msg, test_id: &'static str| {
        view! {
            <button
                type="button"
                class="button hm-toggle"
                aria-pressed=move || (granularity.get() == this).to_string()
                data-testid=test_id
                on:click=move |_| granularity.set(this)
            >
                {t(label)}
            </button>
        }
    };
    view! {
        <div class="field hm-signal">
            <label for="heatmap-signal">{t(Msg::HeatmapSignal)}</label>
            <select
                id="heatmap-signal"
                data-testid="heatmap-time-signal"
                on:change=move |ev| {
                    if let Some(chosen) = heatmap::Signal::from_code(&event_target_value(&ev)) {
                        signal.set(chosen);
                    }
                }
            >
                {options}
            </select>
        </div>
        <div class="hm-switch" role="group" aria-label=t(Msg::HeatmapPeriod)>
            {period(Granularity::Months, Msg::HeatmapMonths, "heatmap-period-months")}
            {period(Granularity::Quarters, Msg::HeatmapQuarters, "heatmap-period-quarters")}
        </div>
    }
}
