//! The response rate on `/trends` (`#response-rate`, where the leaders' email links):
//! each month of the last year for all accounts and each segment, a fall flagged with
//! its size, and the rounds of the month that fell; the test is stated under it.

use chrono::NaiveDate;
use kaiku_core::evidence::Month;
use kaiku_core::response_rate::{MonthRate, RateGroup, ResponseRateView, RoundRate};
use leptos::prelude::*;
use leptos_router::components::A;

use crate::api;
use crate::components::load::{Load, load, show};
use crate::i18n::{self, Msg, fill, t, use_lang};

/// Where the leaders' email links to.
const ANCHOR: &str = "response-rate";

/// Scrolls to the response rate when the address names it. The page arrives in parts
/// after the browser has looked for the anchor, and the topics above can push the
/// section down, so each part calls this as it comes.
pub fn scroll_if_linked() {
    let Some(window) = web_sys::window() else {
        return;
    };
    if window.location().hash().ok().as_deref() != Some(&format!("#{ANCHOR}")) {
        return;
    }
    if let Some(section) = window.document().and_then(|d| d.get_element_by_id(ANCHOR)) {
        section.scroll_into_view();
    }
}

#[component]
pub fn ResponseRates() -> impl IntoView {
    let data = RwSignal::new(Load::<ResponseRateView>::Loading);
    let fetch = move || load(data, api::response_rates());
    fetch();
    view! {
        <section class="card" id=ANCHOR aria-labelledby="response-rate-heading">
            <h2 id="response-rate-heading">{t(Msg::ResponseRateTitle)}</h2>
            <p class="muted">{t(Msg::ResponseRateIntro)}</p>
            {move || show(data.get(), fetch, |view| view! { <RateTable view /> }.into_any())}
            <p class="muted" data-testid="response-rate-method">{t(Msg::ResponseRateMethod)}</p>
        </section>
    }
}

fn percent(value: Option<f64>) -> String {
    value.map_or_else(|| "–".to_string(), |v| format!("{v:.0} %"))
}

/// `11/26`: short enough for twelve columns on a laptop.
fn short_month(label: &str) -> String {
    Month::parse(label).map_or_else(|| label.to_string(), |m| format!("{}/{:02}", m.month, m.year % 100))
}

fn first_day(label: &str) -> Option<NaiveDate> {
    Month::parse(label).and_then(|m| NaiveDate::from_ymd_opt(m.year, m.month, 1))
}

#[component]
fn RateTable(view: ResponseRateView) -> impl IntoView {
    if view.groups.iter().all(|g| g.months.iter().all(|m| m.sent == 0)) {
        return view! { <p class="empty">{t(Msg::ResponseRateEmpty)}</p> }.into_any();
    }
    let months = view.months.clone();
    let falls: Vec<RateGroup> = view.groups.iter().filter(|g| g.test.fell).cloned().collect();
    let node = NodeRef::<leptos::html::Div>::new();
    node.on_load(|_| scroll_if_linked());
    view! {
        <div class="table-scroll" node_ref=node>
            <table class="data-table rate-table" data-testid="response-rates">
                <thead>
                    <tr>
                        <th scope="col">{t(Msg::ResponseRateGroup)}</th>
                        {months.iter().map(|m| view! { <th scope="col">{short_month(m)}</th> }).collect_view()}
                    </tr>
                </thead>
                <tbody>
                    {view.groups.into_iter().map(|group| view! { <GroupRow group /> }).collect_view()}
                </tbody>
            </table>
        </div>
        {falls.into_iter().map(|group| view! { <Fall group /> }).collect_view()}
    }
    .into_any()
}

fn group_name(group: &RateGroup) -> Signal<String> {
    let lang = use_lang();
    let segment = group.segment.clone();
    Signal::derive(move || {
        segment
            .clone()
            .unwrap_or_else(|| Msg::TopicTrendsAllSegments.text(lang.get()).to_string())
    })
}

#[component]
fn GroupRow(group: RateGroup) -> impl IntoView {
    let lang = use_lang();
    let name = group_name(&group);
    let fell = group.test.fell;
    view! {
        <tr data-testid="rate-group">
            <th scope="row">
                {name}
                {fell.then(|| view! { " " <span class="badge badge-danger">{t(Msg::ResponseRateFell)}</span> })}
            </th>
            {group.months.into_iter().map(|month: MonthRate| {
                let (a, s, o) = (month.answered.to_string(), month.sent.to_string(), month.open.to_string());
                let title = move || fill(lang.get(), Msg::ResponseRateCell, &[("a", &a), ("s", &s), ("o", &o)]);
                let shown = if month.sent == 0 { String::new() } else { percent(month.percent()) };
                let open = month.open > 0;
                view! { <td title=title class:muted=open>{shown}</td> }
            }).collect_view()}
        </tr>
    }
}

#[component]
fn Fall(group: RateGroup) -> impl IntoView {
    let lang = use_lang();
    let name = group_name(&group);
    let test = group.test.clone();
    let size = move || {
        let month = test.month.as_deref().unwrap_or_default();
        let month = first_day(month).map_or_else(|| month.to_string(), |d| i18n::month_year(lang.get(), d));
        let p = test.adjusted_p.map_or_else(String::new, |p| format!("{p:.3}"));
        fill(
            lang.get(),
            Msg::ResponseRateFellBy,
            &[
                ("m", &month),
                ("r", &percent(test.rate)),
                ("b", &percent(test.baseline_rate)),
                ("p", &p),
            ],
        )
    };
    view! {
        <div class="rate-fall" data-testid="rate-fall">
            <h3>{name} " " <span class="badge badge-danger">{t(Msg::ResponseRateFell)}</span></h3>
            <p>{size}</p>
            <details>
                <summary>{t(Msg::ResponseRateRounds)}</summary>
                <ul class="rows">
                    {group.rounds.into_iter().map(|round| view! { <RoundLine round /> }).collect_view()}
                </ul>
            </details>
        </div>
    }
}

#[component]
fn RoundLine(round: RoundRate) -> impl IntoView {
    let lang = use_lang();
    let (a, s) = (round.answered.to_string(), round.sent.to_string());
    let sent_on = round.sent_on;
    let line = move || {
        fill(
            lang.get(),
            Msg::ResponseRateRound,
            &[("d", &i18n::day(lang.get(), sent_on)), ("a", &a), ("s", &s)],
        )
    };
    view! {
        <li class="row" data-testid="rate-round">
            <A href=format!("/accounts/{}", round.account_id)>{round.account}</A>
            " — "
            <span>{line}</span>
        </li>
    }
}
