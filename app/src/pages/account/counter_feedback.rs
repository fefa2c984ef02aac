use kaiku_core::counterfeedback::CounterFeedbackView;
use leptos::prelude::*;
use leptos_router::components::A;

use crate::api;
use crate::components::load::{Load, load, show};
use crate::i18n::{self, Msg, t, use_lang};
use crate::offline::sync::use_sync;
use crate::pages::counter_feedback::risk_name;

/// The team's counter-feedback on the account, newest first.
#[component]
pub fn CounterFeedback(account_id: String, archived: bool) -> impl IntoView {
    let sync = use_sync();
    let given = RwSignal::new(Load::<Vec<CounterFeedbackView>>::Loading);
    let fetch = {
        let id = account_id.clone();
        move || {
            let id = id.clone();
            load(given, async move { api::account_counter_feedback(&id).await });
        }
    };
    let refetch = fetch.clone();
    Effect::new(move |_| {
        sync.synced().track();
        refetch();
    });
    view! {
        <section class="card" aria-labelledby="cf-list-heading">
            <h2 id="cf-list-heading">{t(Msg::CfListTitle)}</h2>
            {(!archived).then(|| view! {
                <p><A href=format!("/accounts/{account_id}/counter-feedback")>{t(Msg::CfGiveTitle)}</A></p>
            })}
            {move || show(given.get(), fetch.clone(), |list| {
                if list.is_empty() {
                    return view! { <p class="empty">{t(Msg::CfListEmpty)}</p> }.into_any();
                }
                list.into_iter().map(|item| view! { <Given item /> }).collect_view().into_any()
            })}
        </section>
    }
}

#[component]
fn Given(item: CounterFeedbackView) -> impl IntoView {
    let lang = use_lang();
    let at = item.created_at;
    let causes = item.churn_causes.clone();
    let text = |label: Msg, value: String| {
        (!value.is_empty()).then(|| view! { <div><dt>{t(label)}</dt><dd class="verbatim">{value}</dd></div> })
    };
    view! {
        <article class="counter-feedback" data-testid="counter-feedback">
            <h3>{item.author.name.clone()} " · " {move || i18n::date(lang.get(), &at)}</h3>
            <dl class="answers">
                <div><dt>{t(Msg::CfHealth)}</dt><dd>{format!("{} / 5", item.health)}</dd></div>
                <div>
                    <dt>{t(Msg::CfRisk)}</dt>
                    <dd>
                        {t(risk_name(item.churn_risk))}
                        {move || {
                            let names: Vec<&str> = causes.iter().map(|c| c.label(lang.get())).collect();
                            if names.is_empty() { String::new() } else { format!(" — {}", names.join(", ")) }
                        }}
                    </dd>
                </div>
                {text(Msg::CfBehind, item.behind_the_scenes.clone())}
                {(!item.changes.is_empty()).then(|| view! {
                    <div><dt>{t(Msg::CfChanges)}</dt><dd><ul>{item.changes.iter().map(|c| view! { <li>{c.clone()}</li> }).collect_view()}</ul></dd></div>
                })}
                {text(Msg::CfNeeds, item.further_needs.clone())}
                {text(Msg::CfNotes, item.notes.clone())}
            </dl>
        </article>
    }
}
