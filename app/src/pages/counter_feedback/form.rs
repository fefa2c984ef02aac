//! The counter-feedback form. Every change is saved as a draft on this device at once;
//! sending puts the counter-feedback in the sync outbox, so it works offline and
//! reaches the server exactly once.

use kaiku_core::ChurnCause;
use kaiku_core::account::PersonRef;
use kaiku_core::counterfeedback::{
    ActionSource, AspectRating, ChurnRisk, CounterFeedbackInput, HEALTH_MAX, HEALTH_MIN,
};
use kaiku_core::survey::builtin_aspects;
use kaiku_core::sync::Mutation;
use leptos::prelude::*;
use leptos::task::spawn_local;

use super::changes::Changes;
use crate::i18n::{self, Msg, t, use_lang};
use crate::offline::{drafts, sync};

fn empty(account: &str, request: Option<String>) -> CounterFeedbackInput {
    CounterFeedbackInput {
        account: account.to_string(),
        request,
        health: 0,
        churn_risk: ChurnRisk::None,
        churn_causes: vec![],
        behind_the_scenes: String::new(),
        changes: vec![],
        further_needs: String::new(),
        notes: String::new(),
        fulfilment: vec![],
    }
}

/// What each point of the team's 1–5 health scale means, shown on its button.
fn health_meaning(score: u8) -> Msg {
    match score {
        1 => Msg::HealthMeaning1,
        2 => Msg::HealthMeaning2,
        3 => Msg::HealthMeaning3,
        4 => Msg::HealthMeaning4,
        _ => Msg::HealthMeaning5,
    }
}

pub fn risk_name(risk: ChurnRisk) -> Msg {
    match risk {
        ChurnRisk::None => Msg::RiskNone,
        ChurnRisk::Low => Msg::RiskLow,
        ChurnRisk::Medium => Msg::RiskMedium,
        ChurnRisk::High => Msg::RiskHigh,
    }
}

/// The form; `sent` runs once the counter-feedback is safely queued.
#[component]
pub fn CounterFeedbackForm(
    account_id: String,
    request: Option<String>,
    /// The account's lead and team: who can own a change.
    people: Vec<PersonRef>,
    /// The account's development points no action answers yet: a change can answer one.
    points: Vec<ActionSource>,
    sent: Callback<()>,
) -> impl IntoView {
    let lang = use_lang();
    let sync = sync::use_sync();
    let draft_key = format!(
        "counter-feedback:{}",
        request.clone().unwrap_or_else(|| format!("account:{account_id}"))
    );
    let form = RwSignal::new(empty(&account_id, request.clone()));
    // Nothing is saved until the stored draft is back, or it would be overwritten.
    let restored = RwSignal::new(false);
    let draft_saved = RwSignal::new(false);
    let problem = RwSignal::new(None::<String>);
    let sending = RwSignal::new(false);
    // "No risk" is an answer too: nothing is chosen until the person chooses (a
    // restored draft with a risk counts as chosen).
    let risk_chosen = RwSignal::new(false);
    {
        let key = draft_key.clone();
        spawn_local(async move {
            if let Some(draft) = drafts::load::<CounterFeedbackInput>(&key).await {
                risk_chosen.set(draft.churn_risk != ChurnRisk::None);
                form.set(draft);
            }
            restored.set(true);
        });
    }
    {
        let key = draft_key.clone();
        let untouched = empty(&account_id, request.clone());
        Effect::new(move |_| {
            let draft = form.get();
            // An untouched form is no draft worth keeping (or announcing).
            if !restored.get_untracked() || draft == untouched {
                return;
            }
            let key = key.clone();
            spawn_local(async move {
                draft_saved.set(drafts::save(&key, &draft).await);
            });
        });
    }

    let submit = {
        let key = draft_key.clone();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            let input = form.get_untracked().normalised();
            let lang = lang.get_untracked();
            if !risk_chosen.get_untracked() {
                problem.set(Some(Msg::CfRiskRequired.text(lang).to_string()));
                return;
            }
            if let Err(err) = input.validate() {
                problem.set(Some(format!(
                    "{}: {}",
                    field_name(err.field).text(lang),
                    i18n::invalid(lang, err.problem)
                )));
                return;
            }
            problem.set(None);
            sending.set(true);
            let key = key.clone();
            spawn_local(async move {
                let mutation = Mutation::submit_counter_feedback(sync::new_client_id(), input);
                match sync.enqueue(mutation).await {
                    Ok(()) => {
                        drafts::remove(&key).await;
                        sending.set(false);
                        sent.run(());
                    }
                    Err(_) => {
                        sending.set(false);
                        problem.set(Some(Msg::CfNotQueued.text(lang).to_string()));
                    }
                }
            });
        }
    };

    let health_options = (HEALTH_MIN..=HEALTH_MAX)
        .map(|score| {
            view! {
                <label class="scale-option">
                    <input
                        type="radio"
                        name="health"
                        value=score.to_string()
                        prop:checked=move || form.with(|f| f.health == score)
                        on:change=move |_| form.update(|f| f.health = score)
                    />
                    <span>
                        {score} " " <small class="scale-meaning">{t(health_meaning(score))}</small>
                    </span>
                </label>
            }
        })
        .collect_view();
    let risk_options = ChurnRisk::ALL
        .into_iter()
        .map(|risk| {
            view! {
                <label class="choice">
                    <input
                        type="radio"
                        name="churn_risk"
                        prop:checked=move || risk_chosen.get() && form.with(|f| f.churn_risk == risk)
                        on:change=move |_| {
                            risk_chosen.set(true);
                            form.update(|f| f.churn_risk = risk)
                        }
                    />
                    {t(risk_name(risk))}
                </label>
            }
        })
        .collect_view();
    // Built each time the causes show: a built view cannot be cloned once Leptos erases
    // component types (release builds).
    let cause_options = move || {
        ChurnCause::ALL
            .into_iter()
            .map(move |cause| {
                view! {
                    <label class="choice">
                        <input
                            type="checkbox"
                            prop:checked=move || form.with(|f| f.churn_causes.contains(&cause))
                            on:change=move |ev| {
                                let on = event_target_checked(&ev);
                                form.update(|f| {
                                    f.churn_causes.retain(|c| *c != cause);
                                    if on {
                                        f.churn_causes.push(cause);
                                    }
                                })
                            }
                        />
                        {move || cause.label(lang.get())}
                    </label>
                }
            })
            .collect_view()
    };

    view! {
        <form class="counter-feedback-form" on:submit=submit novalidate>
            <fieldset>
                <legend>{t(Msg::CfHealth)}</legend>
                <p class="field-hint">{t(Msg::CfHealthHelp)}</p>
                <div class="scale" role="radiogroup">{health_options}</div>
            </fieldset>
            <fieldset>
                <legend>{t(Msg::CfRisk)}</legend>
                <p class="field-hint">{t(Msg::CfRiskHelp)}</p>
                <div class="choices">{risk_options}</div>
                <Show when=move || form.with(|f| f.churn_risk != ChurnRisk::None)>
                    <p class="label">{t(Msg::CfCauses)}</p>
                    <div class="choices">{cause_options}</div>
                </Show>
            </fieldset>
            <TextArea id="cf-behind" label=Msg::CfBehind help=Msg::CfBehindHelp form
                get=|f| f.behind_the_scenes.clone() set=|f, v| f.behind_the_scenes = v />
            <Fulfilment form />
            <Changes form people points />
            <TextArea id="cf-needs" label=Msg::CfNeeds help=Msg::CfNeedsHelp form
                get=|f| f.further_needs.clone() set=|f, v| f.further_needs = v />
            <TextArea id="cf-notes" label=Msg::CfNotes help=Msg::CfNotesHelp form
                get=|f| f.notes.clone() set=|f, v| f.notes = v />
            {move || problem.get().map(|p| view! { <p class="field-error" role="alert">{p}</p> })}
            <p class="field-hint" role="status">
                {move || draft_saved.get().then(|| t(Msg::CfDraftSaved)())}
            </p>
            <button type="submit" class="button button-primary" disabled=move || sending.get()>
                {move || if sync.online().get() { t(Msg::CfSend)() } else { t(Msg::CfSendLater)() }}
            </button>
        </form>
    }
}

fn field_name(field: &str) -> Msg {
    match field {
        "health" => Msg::CfHealth,
        "churn_causes" => Msg::CfCauses,
        "behind_the_scenes" => Msg::CfBehind,
        "changes" => Msg::CfChanges,
        "further_needs" => Msg::CfNeeds,
        "fulfilment" => Msg::CfFulfilment,
        _ => Msg::CfNotes,
    }
}

#[component]
fn TextArea(
    id: &'static str,
    label: Msg,
    help: Msg,
    form: RwSignal<CounterFeedbackInput>,
    get: fn(&CounterFeedbackInput) -> String,
    set: fn(&mut CounterFeedbackInput, String),
) -> impl IntoView {
    let help_id = format!("{id}-help");
    view! {
        <div class="field">
            <label for=id>{t(label)}</label>
            <p class="field-hint" id=help_id.clone()>{t(help)}</p>
            <textarea
                id=id
                rows="3"
                aria-describedby=help_id
                prop:value=move || form.with(get)
                on:input=move |ev| {
                    let value = event_target_value(&ev);
                    form.update(|f| set(f, value));
                }
            ></textarea>
        </div>
    }
}

/// The team's view of how well the firm delivers on each aspect the customer's
/// expectations name: optional, 1–5, the customer's scale; it measures promises too.
#[component]
fn Fulfilment(form: RwSignal<CounterFeedbackInput>) -> impl IntoView {
    let lang = use_lang();
    let rows = builtin_aspects()
        .map(|aspect| {
            let id = format!("cf-fulfilment-{aspect}");
            let score = move || {
                form.with(|f| {
                    f.fulfilment
                        .iter()
                        .find(|r| r.aspect == aspect)
                        .map_or_else(String::new, |r| r.score.to_string())
                })
            };
            let set = move |ev| {
                let chosen = event_target_value(&ev).parse::<u8>().ok();
                form.update(|f| {
                    f.fulfilment.retain(|r| r.aspect != aspect);
                    if let Some(score) = chosen {
                        f.fulfilment.push(AspectRating {
                            aspect: aspect.to_string(),
                            score,
                        });
                    }
                });
            };
            view! {
                <div class="field field-inline">
                    <label for=id.clone()>{move || i18n::aspect_text(lang.get(), aspect)}</label>
                    <select id=id prop:value=score on:change=set>
                        <option value="">{t(Msg::CfFulfilmentNone)}</option>
                        {(HEALTH_MIN..=HEALTH_MAX)
                            .map(|n| view! { <option value=n.to_string()>{n}</option> })
                            .collect_view()}
                    </select>
                </div>
            }
        })
        .collect_view();
    view! {
        <fieldset>
            <legend>{t(Msg::CfFulfilment)}</legend>
            <p class="field-hint">{t(Msg::CfFulfilmentHelp)}</p>
            {rows}
        </fieldset>
    }
}
