//! `/settings/health`: how much each factor counts in an account's health score.
//! Admins change the weights; everyone can read them, so a leader can see why a
//! score is what it is.

use kaiku_core::health::{Factor, WEIGHT_MAX, Weights};
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::api::{self, ApiFailure};
use crate::browser;
use crate::components::load::{Load, load, show};
use crate::components::notice::{ErrorBanner, Success};
use crate::i18n::{self, Msg, factor_help, factor_name, t, use_lang};
use crate::state::{page_title, use_app};

#[component]
pub fn HealthSettingsPage() -> impl IntoView {
    page_title(Msg::HealthWeightsTitle);
    let editable = use_app().is_admin();
    let weights = RwSignal::new(Load::<Weights>::Loading);
    let fetch = move || load(weights, api::health_weights());
    fetch();
    view! {
        <h1 class="page-title">{t(Msg::HealthWeightsTitle)}</h1>
        <section class="card" aria-labelledby="weights-heading">
            <h2 id="weights-heading">{t(Msg::HealthWeightsHeading)}</h2>
            <p class="muted">{t(Msg::HealthWeightsIntro)}</p>
            {move || show(weights.get(), fetch, move |loaded| view! { <WeightsForm loaded editable /> }.into_any())}
        </section>
    }
}

/// The weights as typed: a text per factor, so a half-typed number is not lost.
fn texts(weights: &Weights) -> Vec<(Factor, RwSignal<String>)> {
    Factor::ALL
        .into_iter()
        .map(|factor| (factor, RwSignal::new(format!("{}", weights.of(factor)))))
        .collect()
}

#[component]
fn WeightsForm(loaded: Weights, editable: bool) -> impl IntoView {
    let lang = use_lang();
    let fields = StoredValue::new(texts(&loaded));
    let failure = RwSignal::new(None::<ApiFailure>);
    let problem = RwSignal::new(None::<(Factor, String)>);
    let saved = RwSignal::new(false);
    let busy = RwSignal::new(false);
    // The weights as typed so far (what cannot be read counts as 0), for the shares.
    let typed = Memo::new(move |_| {
        let mut weights = Weights::default();
        for (factor, text) in fields.get_value() {
            *weights.of_mut(factor) = text.with(|t| t.trim().replace(',', ".").parse::<f64>().unwrap_or(0.0).max(0.0));
        }
        weights
    });
    let saved_text = Signal::derive(move || {
        saved
            .get()
            .then(|| Msg::HealthWeightsSaved.text(lang.get()).to_string())
    });

    let send = move |weights: Weights| {
        busy.set(true);
        saved.set(false);
        failure.set(None);
        spawn_local(async move {
            match api::set_health_weights(&weights).await {
                Ok(stored) => {
                    fields.with_value(|fields| {
                        for (factor, text) in fields {
                            text.set(format!("{}", stored.of(*factor)));
                        }
                    });
                    saved.set(true);
                }
                Err(f) => {
                    let field = f.field().and_then(Factor::from_code);
                    match field {
                        Some(factor) => problem.set(Some((factor, i18n::weight_range(lang.get_untracked())))),
                        None => failure.set(Some(f)),
                    }
                }
            }
            busy.set(false);
        });
    };
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let mut weights = Weights::default();
        for (factor, text) in fields.get_value() {
            match text.get_untracked().trim().replace(',', ".").parse::<f64>() {
                Ok(value) if (0.0..=WEIGHT_MAX).contains(&value) => *weights.of_mut(factor) = value,
                _ => {
                    problem.set(Some((factor, i18n::weight_range(lang.get_untracked()))));
                    return;
                }
            }
        }
        if weights.check().is_err() {
            failure.set(None);
            problem.set(None);
            saved.set(false);
            return failure.set(Some(ApiFailure::Api(kaiku_core::ApiErrorDetail {
                code: kaiku_core::ErrorCode::Validation,
                message: Msg::HealthWeightsAllZero.text(lang.get_untracked()).to_string(),
                field: Some("weights".into()),
                retry_after_secs: None,
            })));
        }
        problem.set(None);
        send(weights);
    };
    let restore = move |_| {
        if browser::confirm(Msg::HealthWeightsConfirmRestore.text(lang.get_untracked())) {
            problem.set(None);
            send(Weights::default());
        }
    };
    let rows = fields
        .get_value()
        .into_iter()
        .map(|(factor, text)| {
            let id = format!("weight-{}", factor.code());
            let error_id = format!("{id}-error");
            let error = move || problem.get().filter(|(f, _)| *f == factor).map(|(_, message)| message);
            view! {
                <div class="field weight-field" data-testid="weight-field">
                    <label for=id.clone()>
                        {t(factor_name(factor))}
                        " "
                        <span class="weight-share" data-testid="weight-share">
                            {move || i18n::weight_share(lang.get(), typed.with(|w| w.share(factor)))}
                        </span>
                    </label>
                    <p class="hint" id=format!("{id}-hint")>{t(factor_help(factor))}</p>
                    <input
                        id=id.clone()
                        type="number"
                        min="0"
                        max=WEIGHT_MAX.to_string()
                        step="0.5"
                        inputmode="decimal"
                        disabled=!editable
                        aria-describedby=format!("{id}-hint {error_id}")
                        aria-invalid=move || error().is_some().to_string()
                        prop:value=move || text.get()
                        on:input=move |ev| text.set(event_target_value(&ev))
                    />
                    <p class="field-error" id=error_id role="alert">{error}</p>
                </div>
            }
        })
        .collect_view();
    view! {
        <form on:submit=save class="weights-form">
            {rows}
            <ErrorBanner failure />
            <Success message=saved_text />
            {editable.then(|| view! {
                <div class="form-actions">
                    <button type="submit" class="button button-primary" disabled=move || busy.get()>
                        {move || if busy.get() { t(Msg::Saving)() } else { t(Msg::Save)() }}
                    </button>
                    <button type="button" class="button" disabled=move || busy.get() on:click=restore>
                        {t(Msg::HealthWeightsRestore)}
                    </button>
                </div>
            })}
            {(!editable).then(|| view! { <p class="muted">{t(Msg::HealthWeightsAdminsOnly)}</p> })}
        </form>
    }
}
