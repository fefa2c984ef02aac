//! What happened to the account in the end: its recorded outcomes with the versions
//! each correction replaced, and for admins and leaders the form to record one — kind,
//! date, revenue before and after, the churn causes behind it and a note — or correct
//! one. A churn takes the account off the heatmap; its history stays here.

use chrono::Utc;
use kaiku_core::ChurnCause;
use kaiku_core::outcome::{OutcomeInput, OutcomeKind, OutcomeView};
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::api::{self, ApiFailure};
use crate::components::load::{Load, load, show};
use crate::components::notice::ErrorBanner;
use crate::i18n::{self, Msg, t, use_lang};
use crate::state::use_app;

#[component]
pub fn Outcomes(account_id: String) -> impl IntoView {
    let app = use_app();
    let may_record = app
        .session
        .with_untracked(|s| s.as_ref().is_some_and(|s| s.user.role.sees_all_accounts()));
    let outcomes = RwSignal::new(Load::<Vec<OutcomeView>>::Loading);
    let id = StoredValue::new(account_id);
    let fetch = move || load(outcomes, async move { api::account_outcomes(&id.get_value()).await });
    fetch();
    view! {
        <section class="card" aria-labelledby="outcomes-title" data-testid="account-outcomes">
            <h2 id="outcomes-title">{t(Msg::OutcomesTitle)}</h2>
            {move || show(outcomes.get(), fetch, |list| {
                if list.is_empty() {
                    return view! { <p class="empty">{t(Msg::OutcomesEmpty)}</p> }.into_any();
                }
                view! {
                    <ul class="list">
                        {list.into_iter().map(|o| view! { <Outcome outcome=o may_record on_saved=fetch /> }).collect_view()}
                    </ul>
                }
                    .into_any()
            })}
            {may_record.then(|| view! { <OutcomeForm target=Target::Account(id.get_value()) on_saved=fetch /> })}
        </section>
    }
}

#[component]
fn Outcome(
    outcome: OutcomeView,
    may_record: bool,
    on_saved: impl Fn() + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let editing = RwSignal::new(false);
    let earlier = outcome.history.clone();
    let edits = earlier.len();
    let (id, input, demo) = (outcome.id.clone(), outcome.input.clone(), outcome.demo);
    view! {
        <li class="row" data-testid="outcome">
            <OutcomeSummary input=input.clone() />
            {(edits > 0).then(|| view! { " " <span class="tag">{move || i18n::outcome_edited(use_lang().get(), edits)}</span> })}
            {demo.then(|| view! { " " <span class="tag">{t(Msg::OutcomeDemo)}</span> })}
            {(edits > 0).then(|| view! {
                <details data-testid="outcome-earlier">
                    <summary>{t(Msg::OutcomeEarlier)}</summary>
                    <ul class="list">
                        {earlier
                            .into_iter()
                            .map(|version| view! {
                                <li>
                                    <OutcomeSummary input=version.input />
                                    <p class="muted">{version.recorded_by.name} " · " {version.recorded_at.date_naive().to_string()}</p>
                                </li>
                            })
                            .collect_view()}
                    </ul>
                </details>
            })}
            {may_record.then(|| view! {
                <Show
                    when=move || editing.get()
                    fallback=move || view! {
                        <button type="button" class="button button-small" on:click=move |_| editing.set(true) data-testid="outcome-correct">
                            {t(Msg::OutcomeEdit)}
                        </button>
                    }
                >
                    <OutcomeForm
                        target=Target::Outcome(id.clone(), input.clone())
                        on_saved=move || {
                            editing.set(false);
                            on_saved();
                        }
                    />
                    <button type="button" class="button button-small" on:click=move |_| editing.set(false)>{t(Msg::OutcomeCancelEdit)}</button>
                </Show>
            })}
        </li>
    }
}

/// One version of an outcome in a line: what, when, revenue before and after, why.
#[component]
fn OutcomeSummary(input: OutcomeInput) -> impl IntoView {
    let lang = use_lang();
    let reasons = input.reasons.clone();
    view! {
        <strong>{t(i18n::outcome_kind_name(input.kind))}</strong>
        " · "
        {input.date.to_string()}
        " · "
        {move || format!("{} → {}", i18n::euros(lang.get(), input.revenue_before_eur), i18n::euros(lang.get(), input.revenue_after_eur))}
        {(!reasons.is_empty()).then(|| {
            let reasons = reasons.clone();
            view! { " · " {move || reasons.iter().map(|r| r.label(lang.get())).collect::<Vec<_>>().join(", ")} }
        })}
        {(!input.note.is_empty()).then(|| view! { <p class="muted">{input.note.clone()}</p> })}
    }
}

/// What the form writes: a new outcome of the account, or a correction of one.
#[derive(Clone)]
enum Target {
    Account(String),
    Outcome(String, OutcomeInput),
}

#[component]
fn OutcomeForm(target: Target, on_saved: impl Fn() + Copy + Send + Sync + 'static) -> impl IntoView {
    let lang = use_lang();
    let existing = match &target {
        Target::Account(_) => None,
        Target::Outcome(_, input) => Some(input.clone()),
    };
    let correcting = existing.is_some();
    let kind = RwSignal::new(existing.as_ref().map_or(OutcomeKind::Renewed, |e| e.kind));
    let date = RwSignal::new(
        existing
            .as_ref()
            .map_or(Utc::now().date_naive(), |e| e.date)
            .to_string(),
    );
    let before = RwSignal::new(
        existing
            .as_ref()
            .map(|e| e.revenue_before_eur.to_string())
            .unwrap_or_default(),
    );
    let after = RwSignal::new(
        existing
            .as_ref()
            .map(|e| e.revenue_after_eur.to_string())
            .unwrap_or_default(),
    );
    let reasons = RwSignal::new(existing.as_ref().map(|e| e.reasons.clone()).unwrap_or_default());
    let note = RwSignal::new(existing.map(|e| e.note).unwrap_or_default());
    let failure = RwSignal::new(None::<ApiFailure>);
    let busy = RwSignal::new(false);
    let target = StoredValue::new(target);
    let euros = |text: String| text.replace([' ', '\u{a0}'], "").parse::<i64>().unwrap_or(-1);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Ok(date) = date.get_untracked().parse::<chrono::NaiveDate>() else {
            return;
        };
        let input = OutcomeInput {
            kind: kind.get_untracked(),
            date,
            revenue_before_eur: euros(before.get_untracked()),
            revenue_after_eur: euros(after.get_untracked()),
            reasons: reasons.get_untracked(),
            note: note.get_untracked(),
        };
        busy.set(true);
        failure.set(None);
        spawn_local(async move {
            let saved = match target.get_value() {
                Target::Account(account) => api::record_outcome(&account, &input).await,
                Target::Outcome(outcome, _) => api::edit_outcome(&outcome, &input).await,
            };
            match saved {
                Ok(_) => {
                    reasons.set(Vec::new());
                    note.set(String::new());
                    on_saved();
                }
                Err(e) => failure.set(Some(e)),
            }
            busy.set(false);
        });
    };
    view! {
        <form class="form outcome-form" on:submit=submit data-testid="outcome-form">
            <label>
                {t(Msg::OutcomeKindLabel)}
                <select
                    name="kind"
                    on:change=move |ev| {
                        if let Some(k) = OutcomeKind::from_code(&event_target_value(&ev)) {
                            kind.set(k);
                        }
                    }
                >
                    {OutcomeKind::ALL
                        .into_iter()
                        .map(|k| view! { <option value=k.code() selected=move || kind.get() == k>{t(i18n::outcome_kind_name(k))}</option> })
                        .collect_view()}
                </select>
            </label>
            <label>
                {t(Msg::OutcomeDate)}
                <input type="date" name="date" required prop:value=move || date.get() on:input=move |ev| date.set(event_target_value(&ev)) />
            </label>
            <label>
                {t(Msg::OutcomeRevenueBefore)}
                <input type="number" name="revenue_before_eur" min="0" required prop:value=move || before.get() on:input=move |ev| before.set(event_target_value(&ev)) />
            </label>
            <label>
                {t(Msg::OutcomeRevenueAfter)}
                <input type="number" name="revenue_after_eur" min="0" required prop:value=move || after.get() on:input=move |ev| after.set(event_target_value(&ev)) />
            </label>
            <fieldset>
                <legend>{t(Msg::OutcomeReasons)}</legend>
                {ChurnCause::ALL
                    .into_iter()
                    .map(|cause| {
                        view! {
                            <label class="checkbox">
                                <input
                                    type="checkbox"
                                    name="reasons"
                                    value=cause.code()
                                    prop:checked=move || reasons.with(|r| r.contains(&cause))
                                    on:change=move |ev| {
                                        let on = event_target_checked(&ev);
                                        reasons.update(|r| {
                                            r.retain(|c| *c != cause);
                                            if on {
                                                r.push(cause);
                                            }
                                        });
                                    }
                                />
                                {move || cause.label(lang.get())}
                            </label>
                        }
                    })
                    .collect_view()}
            </fieldset>
            <label>
                {t(Msg::OutcomeNote)}
                <textarea name="note" prop:value=move || note.get() on:input=move |ev| note.set(event_target_value(&ev))></textarea>
            </label>
            <ErrorBanner failure=failure />
            <button type="submit" class="button" disabled=move || busy.get()>
                {t(if correcting { Msg::OutcomeSaveEdit } else { Msg::OutcomeRecord })}
            </button>
        </form>
    }
}
