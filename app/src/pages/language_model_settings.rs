//! The language-model section of `/settings/feedback`: admins turn the optional
//! adapter on and say how its endpoint is reached; everyone else reads whether it is
//! on. A saved API key is never shown again, only that one is set.

use kaiku_core::language_model::{
    LanguageModelConnection, LanguageModelInput, LanguageModelView, TIMEOUT_MAX_SECS, TIMEOUT_MIN_SECS,
};
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::api;
use crate::components::field::TextField;
use crate::components::form::{FormErrors, field_error, form_failure, whole_number};
use crate::components::load::{Load, load, show};
use crate::components::notice::{ErrorBanner, Success};
use crate::i18n::{Msg, t, use_lang};

const FIELDS: [&str; 4] = ["base_url", "model", "timeout_secs", "api_key"];

#[component]
pub fn LanguageModelSettings(editable: bool) -> impl IntoView {
    let settings = RwSignal::new(Load::<LanguageModelView>::Loading);
    let fetch = move || load(settings, api::language_model_settings());
    fetch();
    view! {
        <section class="card" aria-labelledby="language-model-heading">
            <h2 id="language-model-heading">{t(Msg::LanguageModelTitle)}</h2>
            <p class="muted">{t(Msg::LanguageModelIntro)}</p>
            {move || show(settings.get(), fetch, move |view| {
                match (editable, view.connection) {
                    (true, Some(connection)) => view! { <LanguageModelForm enabled=view.enabled connection /> }.into_any(),
                    _ => view! {
                        <p data-testid="language-model-state">
                            {t(if view.enabled { Msg::LanguageModelOn } else { Msg::LanguageModelOff })}
                        </p>
                    }.into_any(),
                }
            })}
        </section>
    }
}

#[component]
fn LanguageModelForm(enabled: bool, connection: LanguageModelConnection) -> impl IntoView {
    let lang = use_lang();
    let enabled = RwSignal::new(enabled);
    let base_url = RwSignal::new(connection.base_url);
    let model = RwSignal::new(connection.model);
    let timeout = RwSignal::new(connection.timeout_secs.to_string());
    let api_key = RwSignal::new(String::new());
    let key_set = RwSignal::new(connection.api_key_set);
    let clear_key = RwSignal::new(false);
    let errors = RwSignal::new(FormErrors::default());
    let saved = RwSignal::new(false);
    let saved_text = Signal::derive(move || saved.get().then(|| Msg::Saved.text(lang.get()).to_string()));
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        saved.set(false);
        let mut problems = FormErrors::default();
        let Some(timeout_secs) = whole_number(
            &timeout.get_untracked(),
            "timeout_secs",
            TIMEOUT_MIN_SECS,
            TIMEOUT_MAX_SECS,
            &mut problems,
        ) else {
            errors.set(problems);
            return;
        };
        let key = api_key.get_untracked();
        let input = LanguageModelInput {
            enabled: enabled.get_untracked(),
            base_url: base_url.get_untracked(),
            model: model.get_untracked(),
            timeout_secs,
            api_key: (!key.trim().is_empty()).then_some(key),
            clear_api_key: clear_key.get_untracked(),
        };
        let checks = FormErrors::check([input.check()]);
        let ok = checks.is_empty();
        errors.set(checks);
        if !ok {
            return;
        }
        spawn_local(async move {
            match api::set_language_model_settings(&input).await {
                Ok(view) => {
                    saved.set(true);
                    api_key.set(String::new());
                    clear_key.set(false);
                    key_set.set(view.connection.is_some_and(|c| c.api_key_set));
                }
                Err(failure) => errors.set(FormErrors::from_failure(failure, &FIELDS)),
            }
        });
    };
    let url_hint = Signal::derive(move || Msg::LanguageModelBaseUrlHint.text(lang.get()).to_string());
    let key_hint = Signal::derive(move || {
        if key_set.get() {
            Msg::LanguageModelKeySet.text(lang.get()).to_string()
        } else {
            String::new()
        }
    });
    view! {
        <form on:submit=save>
            <label class="choice">
                <input type="checkbox" id="language-model-enabled" prop:checked=move || enabled.get()
                    on:change=move |ev| enabled.set(event_target_checked(&ev)) />
                {t(Msg::LanguageModelEnable)}
            </label>
            <TextField id="base_url" label=Msg::LanguageModelBaseUrl value=base_url kind="url"
                hint=url_hint error=field_error(errors, "base_url") />
            <TextField id="model" label=Msg::LanguageModelModel value=model error=field_error(errors, "model") />
            <TextField id="timeout_secs" label=Msg::LanguageModelTimeout value=timeout kind="number"
                error=field_error(errors, "timeout_secs") />
            <TextField id="api_key" label=Msg::LanguageModelApiKey value=api_key kind="password"
                autocomplete="new-password" hint=key_hint error=field_error(errors, "api_key") />
            {move || key_set.get().then(|| view! {
                <label class="choice">
                    <input type="checkbox" prop:checked=move || clear_key.get()
                        on:change=move |ev| clear_key.set(event_target_checked(&ev)) />
                    {t(Msg::LanguageModelClearKey)}
                </label>
            })}
            <ErrorBanner failure=form_failure(errors) />
            <Success message=saved_text />
            <button type="submit" class="button button-primary">{t(Msg::Save)}</button>
        </form>
    }
}
