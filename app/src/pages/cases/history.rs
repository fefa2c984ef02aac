//! Listen first: the account's history on the case page — the customer's earlier
//! answers beside the team's counter-feedback (the account view's own timeline and
//! cards), and the actions still open.

use kaiku_core::counterfeedback::{ActionStatus, ActionView};
use kaiku_core::overview::{AccountOverview, TimelineEntry};
use leptos::prelude::*;
use leptos_router::components::A;

use super::latte::ActionLine;
use crate::components::counter_feedback::CounterFeedbackCard;
use crate::components::load::{Load, show};
use crate::components::response::ResponseCard;
use crate::i18n::{Msg, t};

/// How many of the newest timeline entries the case page shows; the account page has all.
const ENTRIES_SHOWN: usize = 4;

#[component]
pub fn AccountHistory(
    account_id: String,
    overview: RwSignal<Load<AccountOverview>>,
    actions: RwSignal<Load<Vec<ActionView>>>,
    retry: Callback<()>,
) -> impl IntoView {
    let href = format!("/accounts/{account_id}");
    let open_actions = move || {
        actions.with(|a| {
            a.ready()
                .map(|list| {
                    list.iter()
                        .filter(|a| a.status == ActionStatus::Open)
                        .cloned()
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        })
    };
    view! {
        <section class="card" aria-labelledby="case-history" data-testid="case-history">
            <div class="page-head">
                <h2 id="case-history">{t(Msg::CaseHistory)}</h2>
                <A href=href>{t(Msg::CaseHistoryAll)}</A>
            </div>
            <p class="muted">{t(Msg::CaseHistoryIntro)}</p>
            {move || show(overview.get(), move || retry.run(()), |overview| {
                let entries: Vec<TimelineEntry> = overview.timeline.into_iter().take(ENTRIES_SHOWN).collect();
                if entries.is_empty() {
                    return view! { <p class="empty">{t(Msg::CaseHistoryEmpty)}</p> }.into_any();
                }
                view! {
                    <ol class="timeline">
                        {entries.into_iter().map(|entry| view! {
                            <li class="timeline-entry">
                                {entry.response.map(|response| view! { <ResponseCard response highlight=Vec::new() /> })}
                                {entry.counter_feedback.into_iter().map(|item| view! { <CounterFeedbackCard item /> }).collect_view()}
                            </li>
                        }).collect_view()}
                    </ol>
                }
                .into_any()
            })}
            <h3>{t(Msg::CaseOpenActions)}</h3>
            {move || {
                let list = open_actions();
                if list.is_empty() {
                    view! { <p class="empty">{t(Msg::CaseNoOpenActions)}</p> }.into_any()
                } else {
                    view! {
                        <ul class="list">
                            {list.into_iter().map(|action| view! { <li><ActionLine action /></li> }).collect_view()}
                        </ul>
                    }
                    .into_any()
                }
            }}
        </section>
    }
}
