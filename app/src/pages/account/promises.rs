//! What was promised to the customer, aspect by aspect, beside how the customer has
//! rated that aspect since, round by round (a breaking round marked); and the form
//! with which the seller records a promise.

use kaiku_core::Stage;
use kaiku_core::promise::{PromiseInput, PromiseStatus, PromiseView, RoundFulfilment};
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::api::{self, ApiFailure};
use crate::components::load::{Load, load, show};
use crate::components::notice::ErrorBanner;
use crate::i18n::{self, Msg, label, t, use_lang};

/// The aspects of the built-in expectations survey, in its order.
const ASPECTS: [&str; 5] = ["quality", "communication", "schedule", "understanding", "value"];

pub fn status_class(status: PromiseStatus) -> &'static str {
    match status {
        PromiseStatus::Broken => "tag tag-danger",
        PromiseStatus::Kept => "tag tag-ok",
        PromiseStatus::NotYetRated => "tag",
    }
}

#[component]
pub fn Promises(account_id: String, archived: bool) -> impl IntoView {
    let promises = RwSignal::new(Load::<Vec<PromiseView>>::Loading);
    let id = StoredValue::new(account_id);
    let fetch = move || load(promises, async move { api::account_promises(&id.get_value()).await });
    fetch();
    view! {
        <section class="card" aria-labelledby="promises-title" data-testid="account-promises">
            <h2 id="promises-title">{t(Msg::PromisesTitle)}</h2>
            {move || show(promises.get(), fetch, |list| {
                if list.is_empty() {
                    return view! { <p class="empty">{t(Msg::PromisesEmpty)}</p> }.into_any();
                }
                view! { <ul class="list">{list.into_iter().map(|p| view! { <Promise promise=p /> }).collect_view()}</ul> }
                    .into_any()
            })}
            {(!archived).then(|| view! { <PromiseForm account_id=id.get_value() on_saved=fetch /> })}
        </section>
    }
}

#[component]
fn Promise(promise: PromiseView) -> impl IntoView {
    let lang = use_lang();
    let input = promise.input;
    let aspect = input.aspect.clone();
    let by = promise.promised_by.name.clone();
    let at = promise.promised_at;
    let rounds = promise.fulfilment;
    let team = promise.team_fulfilment;
    view! {
        <li class="row" data-testid="promise">
            <strong>{move || i18n::aspect_text(lang.get(), &aspect)}</strong>
            " · "
            <span class=status_class(promise.status)>{t(i18n::promise_status_name(promise.status))}</span>
            <p class="verbatim">{input.what.clone()}</p>
            {input.commitment.clone().map(|c| view! { <p><em>{c}</em></p> })}
            <p class="muted">
                {label(input.phase, Stage::label)}
                " · "
                {t(Msg::PromiseImportance)}
                ": "
                {input.importance}
                {promise.customer_importance.map(|c| view! { " · " {t(Msg::PromiseCustomerImportance)} ": " {format!("{c:.1}")} })}
                " · "
                {move || i18n::promised_by(lang.get(), &by, at)}
            </p>
            <Ratings rounds label=Msg::PromiseFulfilment id="promise-fulfilment" />
            <Ratings rounds=team label=Msg::PromiseTeamFulfilment id="promise-team-fulfilment" />
        </li>
    }
}

/// Ratings of the promised aspect, oldest first, those that broke it marked.
#[component]
fn Ratings(rounds: Vec<RoundFulfilment>, label: Msg, id: &'static str) -> impl IntoView {
    (!rounds.is_empty()).then(|| {
        view! {
            <p data-testid=id>
                {t(label)}
                ": "
                {rounds
                    .into_iter()
                    .map(|r| {
                        let class = if r.breach.is_some() { "tag tag-danger" } else { "tag" };
                        view! { <span class=class>{format!("{:.1}", r.fulfilment)}</span> " " }
                    })
                    .collect_view()}
            </p>
        }
    })
}

#[component]
fn PromiseForm(account_id: String, on_saved: impl Fn() + Copy + Send + Sync + 'static) -> impl IntoView {
    let lang = use_lang();
    let aspect = RwSignal::new(ASPECTS[1].to_string());
    let what = RwSignal::new(String::new());
    let importance = RwSignal::new(5u8);
    let commitment = RwSignal::new(String::new());
    let phase = RwSignal::new(Stage::Sales);
    let failure = RwSignal::new(None::<ApiFailure>);
    let busy = RwSignal::new(false);
    let id = StoredValue::new(account_id);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let commitment_text = commitment.get_untracked();
        let input = PromiseInput {
            aspect: aspect.get_untracked(),
            what: what.get_untracked(),
            importance: importance.get_untracked(),
            commitment: (!commitment_text.trim().is_empty()).then_some(commitment_text),
            phase: phase.get_untracked(),
        };
        busy.set(true);
        failure.set(None);
        spawn_local(async move {
            match api::record_promise(&id.get_value(), &input).await {
                Ok(_) => {
                    what.set(String::new());
                    commitment.set(String::new());
                    on_saved();
                }
                Err(e) => failure.set(Some(e)),
            }
            busy.set(false);
        });
    };
    view! {
        <form class="form" on:submit=submit data-testid="promise-form">
            <label>
                {t(Msg::PromiseAspect)}
                <select name="aspect" on:change=move |ev| aspect.set(event_target_value(&ev))>
                    {ASPECTS
                        .into_iter()
                        .map(|a| view! {
                            <option value=a selected=move || aspect.get() == a>{move || i18n::aspect_text(lang.get(), a)}</option>
                        })
                        .collect_view()}
                </select>
            </label>
            <label>
                {t(Msg::PromiseWhat)}
                <textarea name="what" required prop:value=move || what.get() on:input=move |ev| what.set(event_target_value(&ev))></textarea>
            </label>
            <label>
                {t(Msg::PromiseImportance)}
                <input
                    type="number"
                    name="importance"
                    min="1"
                    max="5"
                    required
                    prop:value=move || importance.get().to_string()
                    on:input=move |ev| importance.set(event_target_value(&ev).parse().unwrap_or(0))
                />
            </label>
            <label>
                {t(Msg::PromiseCommitment)}
                <input type="text" name="commitment" prop:value=move || commitment.get() on:input=move |ev| commitment.set(event_target_value(&ev)) />
            </label>
            <label>
                {t(Msg::PromisePhase)}
                <select
                    name="phase"
                    on:change=move |ev| {
                        if let Some(s) = Stage::from_code(&event_target_value(&ev)) {
                            phase.set(s);
                        }
                    }
                >
                    {Stage::ALL
                        .into_iter()
                        .map(|s| view! { <option value=s.code() selected=move || phase.get() == s>{label(s, Stage::label)}</option> })
                        .collect_view()}
                </select>
            </label>
            <ErrorBanner failure=failure />
            <button type="submit" class="button" disabled=move || busy.get()>{t(Msg::PromiseRecord)}</button>
        </form>
    }
}
