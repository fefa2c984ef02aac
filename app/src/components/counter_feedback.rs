//! One counter-feedback as the team reads it: who gave it and when, the relationship's
//! health, the churn risk and its causes, and the texts.

use kaiku_core::counterfeedback::CounterFeedbackView;
use leptos::prelude::*;

use crate::i18n::{self, Msg, t, use_lang};
use crate::pages::counter_feedback::risk_name;

#[component]
pub fn CounterFeedbackCard(item: CounterFeedbackView) -> impl IntoView {
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
                {(!item.fulfilment.is_empty()).then(|| {
                    let rated = item.fulfilment.clone();
                    view! {
                        <div data-testid="cf-fulfilment">
                            <dt>{t(Msg::CfFulfilment)}</dt>
                            <dd>
                                {move || {
                                    rated
                                        .iter()
                                        .map(|r| format!("{} {} / 5", i18n::aspect_text(lang.get(), &r.aspect), r.score))
                                        .collect::<Vec<_>>()
                                        .join(", ")
                                }}
                            </dd>
                        </div>
                    }
                })}
                {(!item.changes.is_empty()).then(|| view! {
                    <div><dt>{t(Msg::CfChanges)}</dt><dd><ul>{item.changes.iter().map(|c| view! { <li>{c.clone()}</li> }).collect_view()}</ul></dd></div>
                })}
                {text(Msg::CfNeeds, item.further_needs.clone())}
                {text(Msg::CfNotes, item.notes.clone())}
            </dl>
        </article>
    }
}
