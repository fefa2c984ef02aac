//! `/cycles`: the survey rounds planned for the next three months in the accounts the
//! user sees, month by month.

use chrono::Datelike;
use kaiku_core::cycle::OrgUpcomingRound;
use leptos::prelude::*;
use leptos_router::components::A;

use crate::api;
use crate::components::load::{Load, load, show};
use crate::i18n::{self, Msg, plan_reason, t, use_lang};
use crate::state::page_title;

#[component]
pub fn CyclesPage() -> impl IntoView {
    page_title(Msg::CyclesTitle);
    let rounds = RwSignal::new(Load::<Vec<OrgUpcomingRound>>::Loading);
    let fetch = move || load(rounds, api::upcoming_rounds());
    fetch();
    view! {
        <h1 class="page-title">{t(Msg::CyclesTitle)}</h1>
        <p class="muted">{t(Msg::CyclesIntro)}</p>
        {move || show(rounds.get(), fetch, |list| {
            if list.is_empty() {
                return view! { <NoRounds /> }.into_any();
            }
            months(list)
                .into_iter()
                .map(|rounds| view! { <Month rounds /> })
                .collect_view()
                .into_any()
        })}
    }
}

/// The rounds split by calendar month, in the server's order (soonest first).
fn months(list: Vec<OrgUpcomingRound>) -> Vec<Vec<OrgUpcomingRound>> {
    let mut months: Vec<Vec<OrgUpcomingRound>> = Vec::new();
    for round in list {
        let month = (round.date.year(), round.date.month());
        match months.last_mut() {
            Some(current)
                if current
                    .first()
                    .is_some_and(|r| (r.date.year(), r.date.month()) == month) =>
            {
                current.push(round);
            }
            _ => months.push(vec![round]),
        }
    }
    months
}

#[component]
fn NoRounds() -> impl IntoView {
    view! {
        <section class="card" data-testid="cycles-empty">
            <p class="empty">{t(Msg::CyclesEmpty)}</p>
            <A href="/settings/schedule" {..} class="button">
                {t(Msg::CyclesToSettings)}
            </A>
        </section>
    }
}

#[component]
fn Month(rounds: Vec<OrgUpcomingRound>) -> impl IntoView {
    let lang = use_lang();
    let first = rounds.first().map(|r| r.date).unwrap_or_default();
    let heading_id = format!("month-{}-{:02}", first.year(), first.month());
    let labelled_by = heading_id.clone();
    view! {
        <section class="card" aria-labelledby=labelled_by data-testid="cycles-month">
            <h2 id=heading_id>{move || i18n::month_year(lang.get(), first)}</h2>
            <div class="table-scroll">
                <table class="data-table">
                    <thead>
                        <tr>
                            <th scope="col">{t(Msg::ColDate)}</th>
                            <th scope="col">{t(Msg::ColAccount)}</th>
                            <th scope="col">{t(Msg::ColReason)}</th>
                            <th scope="col">{t(Msg::ColStatus)}</th>
                        </tr>
                    </thead>
                    <tbody>{rounds.into_iter().map(|round| view! { <RoundRow round /> }).collect_view()}</tbody>
                </table>
            </div>
        </section>
    }
}

#[component]
fn RoundRow(round: OrgUpcomingRound) -> impl IntoView {
    let lang = use_lang();
    let date = round.date;
    let planned = !round.skipped && !round.paused;
    view! {
        <tr data-testid="cycles-row" class:row-inactive=!planned>
            <td>{move || i18n::day(lang.get(), date)}</td>
            <td>
                <A href=format!("/accounts/{}", round.account_id)>{round.account_name.clone()}</A>
            </td>
            <td>{t(plan_reason(round.reason))}</td>
            <td>
                <span class="tags">
                {round.skipped.then(|| view! {
                    <span class="tag tag-muted" data-testid="cycles-skipped">{t(Msg::CycleSkipped)}</span>
                })}
                {round.paused.then(|| view! {
                    <span class="tag tag-warning" data-testid="cycles-paused">{t(Msg::CyclePaused)}</span>
                })}
                {planned.then(|| view! { <span class="tag">{t(Msg::CyclePlanned)}</span> })}
                </span>
            </td>
        </tr>
    }
}
