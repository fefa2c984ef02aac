//! Labelled form controls. Hints and errors are tied to the control with
//! `aria-describedby`; errors are announced with `role="alert"`.

use kaiku_core::{Lang, Role};
use leptos::prelude::*;

use crate::i18n::{Msg, label, t};

/// The `aria-describedby` of a control: its hint, and its error while there is one.
pub fn described_by(
    hint: Option<String>,
    error_id: String,
    error: Signal<Option<String>>,
) -> impl Fn() -> Option<String> + Send + Sync + 'static {
    move || {
        let ids: Vec<&str> = hint
            .as_deref()
            .into_iter()
            .chain(error.with(Option::is_some).then_some(error_id.as_str()))
            .collect();
        (!ids.is_empty()).then(|| ids.join(" "))
    }
}

/// A `<p role="alert">` under a field, present only while the field is wrong.
#[component]
pub fn FieldError(id: String, error: Signal<Option<String>>) -> impl IntoView {
    move || {
        error.get().map(|text| {
            view! {
                <p class="field-error" id=id.clone() role="alert">
                    {text}
                </p>
            }
        })
    }
}

#[component]
pub fn TextField(
    /// The element id; also the request field it fills, so server errors find it.
    id: &'static str,
    label: Msg,
    value: RwSignal<String>,
    #[prop(default = "text")] kind: &'static str,
    #[prop(default = "off")] autocomplete: &'static str,
    #[prop(optional, into)] error: Signal<Option<String>>,
    #[prop(optional, into)] hint: Option<Signal<String>>,
    #[prop(optional, into)] disabled: Signal<bool>,
) -> impl IntoView {
    let hint_id = format!("{id}-hint");
    let error_id = format!("{id}-error");
    let describedby = described_by(hint.is_some().then(|| hint_id.clone()), error_id.clone(), error);
    view! {
        <div class="field" class:field-invalid=move || error.with(Option::is_some)>
            <label for=id>{t(label)}</label>
            {hint.map(|hint| view! { <p class="field-hint" id=hint_id>{hint}</p> })}
            <input
                id=id
                name=id
                type=kind
                autocomplete=autocomplete
                bind:value=value
                disabled=move || disabled.get()
                aria-invalid=move || error.with(Option::is_some).then_some("true")
                aria-describedby=describedby
            />
            <FieldError id=error_id error=error />
        </div>
    }
}

/// A password being chosen: masked, offered to password managers as new, with the
/// minimum length as its hint.
#[component]
pub fn NewPasswordField(
    id: &'static str,
    label: Msg,
    value: RwSignal<String>,
    #[prop(optional, into)] error: Signal<Option<String>>,
) -> impl IntoView {
    let lang = crate::i18n::use_lang();
    let hint = Signal::derive(move || crate::i18n::password_hint(lang.get(), kaiku_core::validate::PASSWORD_MIN_CHARS));
    view! {
        <TextField
            id=id
            label=label
            kind="password"
            autocomplete="new-password"
            value=value
            error=error
            hint=hint
        />
    }
}

#[component]
pub fn LanguageField(
    id: &'static str,
    value: RwSignal<Lang>,
    #[prop(optional, into)] hint: Option<Signal<String>>,
) -> impl IntoView {
    let hint_id = format!("{id}-hint");
    view! {
        <div class="field">
            <label for=id>{t(Msg::Language)}</label>
            {hint.is_some().then(|| view! { <p class="field-hint" id=hint_id.clone()>{hint}</p> })}
            <select
                id=id
                name=id
                aria-describedby=hint.is_some().then_some(hint_id)
                on:change=move |ev| {
                    if let Some(lang) = Lang::from_tag(&event_target_value(&ev)) {
                        value.set(lang);
                    }
                }
            >
                {Lang::ALL
                    .map(|lang| {
                        view! {
                            <option value=lang.code() lang=lang.code() prop:selected=move || value.get() == lang>
                                {lang.native_name()}
                            </option>
                        }
                    })}
            </select>
        </div>
    }
}

/// The options of a role picker, in the current language.
#[component]
pub fn RoleOptions(value: Signal<Role>) -> impl IntoView {
    Role::ALL.map(|role| {
        view! {
            <option value=role.code() prop:selected=move || value.get() == role>
                {label(role, Role::label)}
            </option>
        }
    })
}

#[component]
pub fn RoleField(id: &'static str, value: RwSignal<Role>) -> impl IntoView {
    view! {
        <div class="field">
            <label for=id>{t(Msg::FieldRole)}</label>
            <select
                id=id
                name=id
                on:change=move |ev| {
                    if let Some(role) = Role::from_code(&event_target_value(&ev)) {
                        value.set(role);
                    }
                }
            >
                <RoleOptions value=value.into() />
            </select>
        </div>
    }
}

/// The form's submit button: disabled with "Saving…" while the request runs.
#[component]
pub fn SubmitButton(
    label: Msg,
    #[prop(into)] pending: Signal<bool>,
    #[prop(default = Msg::Saving)] busy: Msg,
) -> impl IntoView {
    let label = t(label);
    let busy = t(busy);
    view! {
        <button
            type="submit"
            class="button button-primary"
            disabled=move || pending.get()
            aria-busy=move || pending.get().then_some("true")
        >
            {move || if pending.get() { busy() } else { label() }}
        </button>
    }
}
