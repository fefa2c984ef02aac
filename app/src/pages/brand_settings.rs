//! The organisation's look to its customers, a card on `/settings/surveys`: the logo,
//! checked as an image before it is sent, and the accent colour, checked for contrast
//! with white text as it is chosen, with a sample of a button in it. Admins change
//! them; everyone sees them.

use kaiku_core::brand::{Brand, BrandInput, MIN_CONTRAST, check_logo, contrast_with_white, rgb};
use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use crate::api::{self, ApiFailure};
use crate::browser;
use crate::components::load::{Load, load, show};
use crate::components::notice::{ErrorBanner, Success};
use crate::i18n::{self, Msg, t, use_lang};

/// Kaiku's own accent, what the colour picker starts from when none is set.
const KAIKU_BLUE: &str = "#1f4e79";

/// The card; `current` follows what is saved, for the survey preview.
#[component]
pub fn BrandSettings(editable: bool, current: RwSignal<Brand>) -> impl IntoView {
    let loaded = RwSignal::new(Load::<Brand>::Loading);
    let fetch = move || load(loaded, api::brand());
    fetch();
    Effect::new(move |_| {
        if let Some(brand) = loaded.with(|l| l.ready().cloned()) {
            current.set(brand);
        }
    });
    view! {
        <section class="card" aria-labelledby="brand-heading" data-testid="brand-settings">
            <h2 id="brand-heading">{t(Msg::BrandTitle)}</h2>
            <p class="muted">{t(Msg::BrandIntro)}</p>
            {move || show(loaded.get(), fetch, move |_| {
                view! {
                    <Logo editable current />
                    <Accent editable current />
                }
                .into_any()
            })}
        </section>
    }
}

/// The file's bytes, or none if the browser could not read it.
async fn bytes_of(file: web_sys::File) -> Option<Vec<u8>> {
    let buffer = JsFuture::from(file.array_buffer()).await.ok()?;
    Some(js_sys::Uint8Array::new(&buffer).to_vec())
}

#[component]
fn Logo(editable: bool, current: RwSignal<Brand>) -> impl IntoView {
    let lang = use_lang();
    let busy = RwSignal::new(false);
    let problem = RwSignal::new(None::<String>);
    let failure = RwSignal::new(None::<ApiFailure>);
    let saved = RwSignal::new(None::<Msg>);
    let saved_text = Signal::derive(move || saved.get().map(|m| m.text(lang.get()).to_string()));
    let done = move |result: Result<Brand, ApiFailure>, message: Msg| {
        match result {
            Ok(brand) => {
                current.set(brand);
                saved.set(Some(message));
            }
            Err(f) => failure.set(Some(f)),
        }
        busy.set(false);
    };
    let chosen = move |ev: leptos::ev::Event| {
        let input: Option<web_sys::HtmlInputElement> = ev.target().and_then(|t| t.dyn_into().ok());
        let Some(file) = input.as_ref().and_then(|i| i.files()).and_then(|f| f.get(0)) else {
            return;
        };
        if let Some(input) = &input {
            // The same file chosen again after a failure is a new choice.
            input.set_value("");
        }
        let lang = lang.get_untracked();
        problem.set(None);
        failure.set(None);
        saved.set(None);
        busy.set(true);
        spawn_local(async move {
            let Some(image) = bytes_of(file).await else {
                problem.set(Some(Msg::BrandLogoUnreadable.text(lang).to_string()));
                busy.set(false);
                return;
            };
            if let Err(err) = check_logo(&image) {
                problem.set(Some(i18n::invalid(lang, err.problem)));
                busy.set(false);
                return;
            }
            done(api::set_logo(image).await, Msg::BrandLogoSaved);
        });
    };
    let remove = move |_| {
        if !browser::confirm(Msg::BrandLogoRemoveConfirm.text(lang.get_untracked())) {
            return;
        }
        failure.set(None);
        saved.set(None);
        busy.set(true);
        spawn_local(async move { done(api::remove_logo().await, Msg::BrandLogoRemoved) });
    };
    let logo = move || {
        current.with(|b| b.logo_url.clone()).map_or_else(
            || view! { <p class="muted" data-testid="brand-no-logo">{t(Msg::BrandNoLogo)}</p> }.into_any(),
            |src| {
                view! {
                    <img class="brand-logo" src=src alt=move || Msg::BrandLogoAlt.text(lang.get()) data-testid="brand-logo" />
                }
                .into_any()
            },
        )
    };
    view! {
        <h3>{t(Msg::BrandLogo)}</h3>
        {logo}
        {editable.then(|| view! {
            <div class="field">
                <label for="brand-logo-file">{t(Msg::BrandLogoChoose)}</label>
                <input
                    id="brand-logo-file"
                    type="file"
                    accept="image/png,image/jpeg,image/webp"
                    aria-describedby="brand-logo-help"
                    disabled=move || busy.get()
                    on:change=chosen
                />
                <p class="field-hint" id="brand-logo-help">{t(Msg::BrandLogoHelp)}</p>
            </div>
            <Show when=move || current.with(|b| b.logo_url.is_some())>
                <button type="button" class="button button-danger" disabled=move || busy.get() on:click=remove>
                    {t(Msg::BrandLogoRemove)}
                </button>
            </Show>
        })}
        {move || problem.get().map(|p| view! { <p class="field-error" role="alert">{p}</p> })}
        <ErrorBanner failure />
        <Success message=saved_text />
    }
}

#[component]
fn Accent(editable: bool, current: RwSignal<Brand>) -> impl IntoView {
    let lang = use_lang();
    let typed = RwSignal::new(current.with_untracked(|b| b.accent.clone().unwrap_or_default()));
    let failure = RwSignal::new(None::<ApiFailure>);
    let saved = RwSignal::new(None::<Msg>);
    let saved_text = Signal::derive(move || saved.get().map(|m| m.text(lang.get()).to_string()));
    let busy = RwSignal::new(false);
    let input = move || {
        BrandInput {
            accent: Some(typed.get()),
        }
        .normalised()
    };
    // Checked as it is typed: the colour and its contrast, in the user's language.
    let problem = Memo::new(move |_| input().validate().err().map(|e| e.problem));
    let shown = Memo::new(move |_| {
        input()
            .accent
            .filter(|a| rgb(a).is_some())
            .unwrap_or_else(|| KAIKU_BLUE.to_string())
    });
    let contrast = move || {
        let colour = shown.get();
        rgb(&colour).map(|channels| i18n::contrast(lang.get(), contrast_with_white(channels), MIN_CONTRAST))
    };
    let save = move |accent: Option<String>, message: Msg| {
        failure.set(None);
        saved.set(None);
        busy.set(true);
        spawn_local(async move {
            match api::set_brand(&BrandInput { accent }).await {
                Ok(brand) => {
                    typed.set(brand.accent.clone().unwrap_or_default());
                    current.set(brand);
                    saved.set(Some(message));
                }
                Err(f) => failure.set(Some(f)),
            }
            busy.set(false);
        });
    };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if problem.get_untracked().is_none() {
            save(input().accent, Msg::BrandAccentSaved);
        }
    };
    view! {
        <h3>{t(Msg::BrandAccent)}</h3>
        <form class="brand-accent" on:submit=submit novalidate>
            <div class="field">
                <label for="brand-accent">{t(Msg::BrandAccentLabel)}</label>
                <div class="brand-accent-inputs">
                    <input
                        id="brand-accent-picker"
                        type="color"
                        aria-label=move || Msg::BrandAccentPick.text(lang.get())
                        prop:value=move || shown.get()
                        disabled=!editable
                        on:input=move |ev| typed.set(event_target_value(&ev))
                    />
                    <input
                        id="brand-accent"
                        type="text"
                        placeholder=KAIKU_BLUE
                        aria-describedby="brand-accent-help"
                        aria-invalid=move || problem.with(Option::is_some).to_string()
                        prop:value=move || typed.get()
                        readonly=!editable
                        on:input=move |ev| typed.set(event_target_value(&ev))
                    />
                </div>
                <p class="field-hint" id="brand-accent-help">{t(Msg::BrandAccentHelp)}</p>
                {move || problem.get().map(|p| view! {
                    <p class="field-error" role="alert" data-testid="brand-accent-problem">{i18n::invalid(lang.get(), p)}</p>
                })}
            </div>
            <p class="brand-sample">
                <span class="brand-sample-button" style:background-color=move || shown.get() data-testid="brand-sample">
                    {t(Msg::BrandSample)}
                </span>
                " "
                <span class="muted" data-testid="brand-contrast">{contrast}</span>
            </p>
            {editable.then(|| view! {
                <div class="form-actions">
                    <button
                        type="submit"
                        class="button button-primary"
                        disabled=move || busy.get() || problem.with(Option::is_some)
                    >
                        {t(Msg::BrandAccentSave)}
                    </button>
                    <button
                        type="button"
                        class="button button-quiet"
                        disabled=move || busy.get() || current.with(|b| b.accent.is_none())
                        on:click=move |_| save(None, Msg::BrandAccentReset)
                    >
                        {t(Msg::BrandAccentUseKaiku)}
                    </button>
                </div>
            })}
        </form>
        <ErrorBanner failure />
        <Success message=saved_text />
    }
}
