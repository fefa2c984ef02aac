//! The suggestions on `/initiatives` (leaders and admins): each recurring topic with
//! its accounts, their value and revenue at risk, the NPS impact and the most telling
//! quotes; taking one up opens the initiative made of it, dismissing it is for good.

use kaiku_core::Lang;
use kaiku_core::initiative::{Suggestion, Topic};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_navigate;

use super::topic_text;
use crate::api::{self, ApiFailure};
use crate::browser;
use crate::components::load::{Load, load, show};
use crate::components::notice::ErrorBanner;
use crate::i18n::fill;
use crate::i18n::{self, Msg, t, use_lang};

fn nps_text(lang: Lang, nps: Option<f64>) -> String {
    nps.map_or_else(|| "—".to_string(), |n| i18n::decimal(lang, n, 0))
}

#[component]
pub fn Suggestions() -> impl IntoView {
    let list = RwSignal::new(Load::<Vec<Suggestion>>::Loading);
    let fetch = move || load(list, api::initiative_suggestions());
    fetch();
    let failure = RwSignal::new(None::<ApiFailure>);
    view! {
        <section class="card" aria-labelledby="suggestions" data-testid="suggestions">
            <h2 id="suggestions">{t(Msg::SuggestionsTitle)}</h2>
            <p class="muted">{t(Msg::SuggestionsIntro)}</p>
            <ErrorBanner failure=Signal::derive(move || failure.get()) />
            {move || show(list.get(), fetch, move |suggestions| {
                if suggestions.is_empty() {
                    return view! { <p class="empty" data-testid="suggestions-empty">{t(Msg::SuggestionsEmpty)}</p> }.into_any();
                }
                view! {
                    <ul class="rows">
                        {suggestions
                            .into_iter()
                            .map(|suggestion| view! { <SuggestionRow suggestion failure dismissed=Callback::new(move |()| fetch()) /> })
                            .collect_view()}
                    </ul>
                }
                .into_any()
            })}
        </section>
    }
}

#[component]
fn SuggestionRow(
    suggestion: Suggestion,
    failure: RwSignal<Option<ApiFailure>>,
    dismissed: Callback<()>,
) -> impl IntoView {
    let lang = use_lang();
    let busy = RwSignal::new(false);
    let navigate = use_navigate();
    let topic = suggestion.topic.clone();
    let heading = topic.clone();
    let take_up = {
        let topic = topic.clone();
        move |_| {
            if busy.get_untracked() {
                return;
            }
            busy.set(true);
            let topic = topic.clone();
            let navigate = navigate.clone();
            spawn_local(async move {
                match api::take_up_suggestion(&topic).await {
                    Ok(view) => navigate(&format!("/initiatives/{}", view.summary.id), Default::default()),
                    Err(error) => failure.set(Some(error)),
                }
                busy.set(false);
            });
        }
    };
    let dismiss = move |_| {
        if busy.get_untracked() || !browser::confirm(Msg::SuggestionDismissConfirm.text(lang.get_untracked())) {
            return;
        }
        busy.set(true);
        let topic: Topic = topic.clone();
        spawn_local(async move {
            match api::dismiss_suggestion(&topic).await {
                Ok(()) => dismissed.run(()),
                Err(error) => failure.set(Some(error)),
            }
            busy.set(false);
        });
    };
    let s = suggestion.clone();
    let mentions = move || {
        fill(
            lang.get(),
            Msg::SuggestionMentions,
            &[
                ("customers", &s.customer_mentions.to_string()),
                ("team", &s.team_mentions.to_string()),
                ("n", &s.accounts.len().to_string()),
            ],
        )
    };
    let (value, risk) = (suggestion.annual_value_eur, suggestion.revenue_at_risk_eur);
    let (all, without, impact) = (suggestion.nps_all, suggestion.nps_without, suggestion.nps_impact);
    let accounts = suggestion
        .accounts
        .iter()
        .map(|a| a.name.clone())
        .collect::<Vec<_>>()
        .join(", ");
    view! {
        <li class="row" data-testid="suggestion">
            <div class="row-main">
                <span class="row-title">{move || topic_text(lang.get(), &heading)}</span>
                <span class="row-sub">{mentions}</span>
                <span class="row-sub">{accounts}</span>
                <span class="row-sub">
                    {move || fill(lang.get(), Msg::SuggestionValue, &[
                        ("value", &i18n::euros(lang.get(), value)),
                        ("risk", &i18n::euros(lang.get(), risk)),
                    ])}
                </span>
                <span class="row-sub">
                    {move || fill(lang.get(), Msg::SuggestionNpsImpact, &[
                        ("impact", &nps_text(lang.get(), impact)),
                        ("all", &nps_text(lang.get(), all)),
                        ("without", &nps_text(lang.get(), without)),
                    ])}
                </span>
                <ul class="list">
                    {suggestion
                        .quotes
                        .into_iter()
                        .map(|quote| view! {
                            <li>
                                <blockquote>{quote.text}</blockquote>
                                <span class="muted">"— " {quote.by} ", " {move || i18n::date(lang.get(), &quote.at)}</span>
                            </li>
                        })
                        .collect_view()}
                </ul>
            </div>
            <div class="row-actions">
                <button type="button" class="button button-primary" data-testid="suggestion-take-up" disabled=move || busy.get() on:click=take_up>
                    {t(Msg::SuggestionTakeUp)}
                </button>
                <button type="button" class="button button-quiet" data-testid="suggestion-dismiss" disabled=move || busy.get() on:click=dismiss>
                    {t(Msg::SuggestionDismiss)}
                </button>
            </div>
        </li>
    }
}
