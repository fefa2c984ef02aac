//! `/settings/health`: how much each factor counts in an account's health score.
//! Admins change the weights, with a preview of how the least healthy accounts would
//! move before they save; everyone can read them, so a leader can see why a score is
//! what it is.

use std::time::Duration;

use kaiku_core::health::{Factor, WEIGHT_MAX, Weights, WeightsPreview, WeightsPreviewRow};
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::api::{self, ApiFailure};
use crate::browser;
use crate::components::load::{Load, load, show};
use crate::components::notice::{ErrorBanner, Success};
use crate::i18n::{self, Msg, factor_help, factor_name, fill, t, use_lang};
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
        {editable.then(|| view! { <PreviewSection typed /> })}
    }
}

/// How long typing rests before the preview is asked for.
const PREVIEW_REST: Duration = Duration::from_millis(400);

/// How the least healthy accounts would move under the weights as typed (admins),
/// asked for once typing rests; none while the weights cannot be set.
#[component]
fn PreviewSection(typed: Memo<Weights>) -> impl IntoView {
    let preview = RwSignal::new(Load::<WeightsPreview>::Loading);
    let settable = Memo::new(move |_| typed.with(|w| w.check().is_ok()));
    Effect::new(move |_| {
        let weights = typed.get();
        if weights.check().is_err() {
            return;
        }
        set_timeout(
            move || {
                // Typing went on meanwhile (or the page closed): a later rest asks.
                if typed.try_get_untracked().as_ref() == Some(&weights) {
                    load(preview, async move { api::preview_health_weights(&weights).await });
                }
            },
            PREVIEW_REST,
        );
    });
    view! {
        <section class="weights-preview" aria-labelledby="weights-preview-heading" data-testid="weights-preview">
            <h3 id="weights-preview-heading">{t(Msg::HealthWeightsPreview)}</h3>
            <p class="muted">{t(Msg::HealthWeightsPreviewIntro)}</p>
            {move || if settable.get() {
                show(preview.get(), || {}, |preview| view! { <PreviewTable preview /> }.into_any())
            } else {
                view! { <p class="muted">{t(Msg::HealthWeightsPreviewNone)}</p> }.into_any()
            }}
        </section>
    }
}

#[component]
fn PreviewTable(preview: WeightsPreview) -> impl IntoView {
    let lang = use_lang();
    if preview.accounts.is_empty() {
        return view! { <p class="empty">{t(Msg::HealthWeightsPreviewEmpty)}</p> }.into_any();
    }
    let (changed, scored) = (preview.changed_band.to_string(), preview.scored.to_string());
    let summary = move || {
        fill(
            lang.get(),
            Msg::HealthWeightsPreviewBands,
            &[("n", &changed), ("m", &scored)],
        )
    };
    view! {
        <p data-testid="weights-preview-bands">{summary}</p>
        <div class="table-scroll">
            <table class="data-table">
                <thead>
                    <tr>
                        <th scope="col">{t(Msg::HealthWeightsPreviewPlace)}</th>
                        <th scope="col">{t(Msg::TotalsAccounts)}</th>
                        <th scope="col">{t(Msg::HealthWeightsPreviewNow)}</th>
                        <th scope="col">{t(Msg::HealthWeightsPreviewProposed)}</th>
                    </tr>
                </thead>
                <tbody>
                    {preview.accounts.into_iter().map(|row| view! { <PreviewRow row /> }).collect_view()}
                </tbody>
            </table>
        </div>
    }
    .into_any()
}

#[component]
fn PreviewRow(row: WeightsPreviewRow) -> impl IntoView {
    let lang = use_lang();
    let moved = i64::from(row.place_now) - i64::from(row.place_proposed);
    let (now, was) = (row.place_proposed.to_string(), row.place_now.to_string());
    let place = move || {
        let msg = match moved {
            0 => Msg::HealthWeightsPreviewSamePlace,
            m if m > 0 => Msg::HealthWeightsPreviewWorse,
            _ => Msg::HealthWeightsPreviewBetter,
        };
        fill(lang.get(), msg, &[("p", &now), ("was", &was)])
    };
    let score = move |score: f64, band| {
        format!(
            "{} · {}",
            i18n::decimal(lang.get(), score, 0),
            i18n::risk_band_name(band).text(lang.get())
        )
    };
    view! {
        <tr data-testid="weights-preview-row">
            <td>{place}</td>
            <th scope="row">{row.name}</th>
            <td>{move || score(row.score_now, row.band_now)}</td>
            <td>{move || score(row.score_proposed, row.band_proposed)}</td>
        </tr>
    }
}
