//! Two-factor sign-in: setting an authenticator app up (on the profile, or as the one
//! thing an admin may do where the organisation requires it), turning it off, and the
//! organisation's rule for its admins.

use kaiku_core::ErrorCode;
use kaiku_core::api::{SecuritySettings, TwoFactorConfirm, TwoFactorOff, TwoFactorSetup};
use kaiku_core::validate::Invalid;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;

use crate::api::{self, ApiFailure};
use crate::components::field::{SubmitButton, TextField};
use crate::components::form::{FormErrors, Problem, field_error, form_failure};
use crate::components::load::{Load, load, show};
use crate::components::notice::{ErrorBanner, Success};
use crate::i18n::{Msg, t, use_lang};
use crate::state::{page_title, use_app};

/// What an admin sees instead of any page while their organisation requires a second
/// factor they have not set up: why, and the set-up itself.
#[component]
pub fn TwoFactorRequiredPage() -> impl IntoView {
    page_title(Msg::TwoFactorSetupRequiredTitle);
    let app = use_app();
    view! {
        <section class="card narrow" data-testid="two-factor-required">
            <h1>{t(Msg::TwoFactorSetupRequiredTitle)}</h1>
            <p>{t(Msg::TwoFactorSetupRequiredText)}</p>
            <Enrolment on_done=Callback::new(move |()| app.refresh_session()) />
        </section>
    }
}

/// The profile's card: whether it is on, and setting it up or turning it off.
#[component]
pub fn TwoFactorCard() -> impl IntoView {
    let app = use_app();
    let lang = use_lang();
    let is_on = move || app.session.with(|s| s.as_ref().is_some_and(|s| s.user.two_factor));
    let setting_up = RwSignal::new(false);
    let notice = RwSignal::new(None::<Msg>);
    let refresh_session = move |msg: Msg| {
        setting_up.set(false);
        notice.set(Some(msg));
        app.refresh_session();
    };
    view! {
        <section class="card" aria-labelledby="two-factor-heading" data-testid="two-factor">
            <h2 id="two-factor-heading">{t(Msg::TwoFactorTitle)}</h2>
            <p class="muted">{t(Msg::TwoFactorIntro)}</p>
            <Success message=Signal::derive(move || notice.get().map(|m| m.text(lang.get()).to_owned())) />
            {move || {
                if is_on() {
                    view! {
                        <p data-testid="two-factor-status">{t(Msg::TwoFactorIsOn)}</p>
                        <TurnOff on_done=Callback::new(move |()| refresh_session(Msg::TwoFactorTurnedOff)) />
                    }
                    .into_any()
                } else if setting_up.get() {
                    view! { <Enrolment on_done=Callback::new(move |()| refresh_session(Msg::TwoFactorTurnedOn)) /> }
                        .into_any()
                } else {
                    view! {
                        <p data-testid="two-factor-status">{t(Msg::TwoFactorIsOff)}</p>
                        <button
                            type="button"
                            class="button primary"
                            on:click=move |_| {
                                notice.set(None);
                                setting_up.set(true);
                            }
                        >
                            {t(Msg::TwoFactorStart)}
                        </button>
                    }
                    .into_any()
                }
            }}
        </section>
    }
}

/// A new secret to scan or type, and the code that proves the app has it.
#[component]
fn Enrolment(on_done: Callback<()>) -> impl IntoView {
    let setup = RwSignal::new(Load::Loading);
    let fetch = move || load(setup, api::two_factor_setup());
    fetch();
    view! {
        {move || show(setup.get(), fetch, move |setup: TwoFactorSetup| {
            view! { <ConfirmCode setup on_done /> }.into_any()
        })}
    }
}

#[component]
fn ConfirmCode(setup: TwoFactorSetup, on_done: Callback<()>) -> impl IntoView {
    let lang = use_lang();
    let code = RwSignal::new(String::new());
    let errors = RwSignal::new(FormErrors::default());
    let submit = Action::new_local(move |req: &TwoFactorConfirm| {
        let req = req.clone();
        async move {
            match api::two_factor_confirm(&req).await {
                Ok(()) => on_done.run(()),
                Err(failure) => errors.set(code_problem(failure)),
            }
        }
    });
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        if submit.pending().get_untracked() {
            return;
        }
        let typed = code.get_untracked();
        let mut checks = FormErrors::default();
        if typed.trim().is_empty() {
            checks.add("code", Problem::Rule(Invalid::Required));
        }
        let ok = checks.is_empty();
        errors.set(checks);
        if ok {
            submit.dispatch(TwoFactorConfirm { code: typed });
        }
    };
    view! {
        <p>{t(Msg::TwoFactorScan)}</p>
        <img class="qr-code" src=setup.qr_svg alt=move || Msg::TwoFactorQrAlt.text(lang.get()) width="200" height="200" />
        <p>
            {t(Msg::TwoFactorKey)} ": " <code class="secret" data-testid="two-factor-secret">{setup.secret}</code>
            <br />
            <span class="muted">{t(Msg::TwoFactorKeyOnce)}</span>
        </p>
        <ErrorBanner failure=form_failure(errors) />
        <form class="form" novalidate on:submit=on_submit>
            <TextField id="code" label=Msg::FieldCode autocomplete="one-time-code" value=code error=field_error(errors, "code") />
            <SubmitButton label=Msg::TwoFactorConfirm pending=submit.pending() />
        </form>
    }
}

/// Whether the server refused the authenticator code typed (wrong or spent).
pub fn is_wrong_code(failure: &ApiFailure) -> bool {
    matches!(failure, ApiFailure::Api(detail)
        if detail.code == ErrorCode::InvalidCredentials && detail.field.as_deref() == Some("code"))
}

/// A wrong or spent code said at its field; anything else as the form's failure.
pub fn code_problem(failure: ApiFailure) -> FormErrors {
    if is_wrong_code(&failure) {
        let mut errors = FormErrors::default();
        errors.add("code", Problem::Message(Msg::CodeWrong));
        return errors;
    }
    FormErrors::from_failure(failure, &["code"])
}

/// Turning it off, with the password; not offered where the organisation requires it
/// of this admin.
#[component]
fn TurnOff(on_done: Callback<()>) -> impl IntoView {
    let app = use_app();
    let lang = use_lang();
    let required = move || {
        app.is_admin()
            && app
                .session
                .with(|s| s.as_ref().is_some_and(|s| s.organisation.admins_two_factor))
    };
    let password = RwSignal::new(String::new());
    let errors = RwSignal::new(FormErrors::default());
    let submit = Action::new_local(move |req: &TwoFactorOff| {
        let req = req.clone();
        async move {
            match api::two_factor_off(&req).await {
                Ok(()) => on_done.run(()),
                Err(failure) if failure.code() == Some(ErrorCode::InvalidCredentials) => {
                    let mut e = FormErrors::default();
                    e.add("off_password", Problem::Message(Msg::ErrCurrentPassword));
                    errors.set(e);
                }
                Err(failure) => errors.set(FormErrors::from_failure(failure, &[])),
            }
        }
    });
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        if submit.pending().get_untracked() {
            return;
        }
        if password.with_untracked(String::is_empty) {
            let mut checks = FormErrors::default();
            checks.add("off_password", Problem::Rule(Invalid::Required));
            errors.set(checks);
            return;
        }
        errors.set(FormErrors::default());
        submit.dispatch(TwoFactorOff {
            password: password.get_untracked(),
        });
    };
    move || {
        if required() {
            view! { <p class="muted">{t(Msg::TwoFactorRequiredForAdmins)}</p> }.into_any()
        } else {
            view! {
                <ErrorBanner failure=form_failure(errors) />
                <form class="form" novalidate on:submit=on_submit>
                    <TextField
                        id="off_password"
                        label=Msg::FieldPassword
                        kind="password"
                        autocomplete="current-password"
                        value=password
                        error=field_error(errors, "off_password")
                        hint=Signal::derive(move || Msg::TwoFactorOffConfirm.text(lang.get()).to_owned())
                    />
                    <SubmitButton label=Msg::TwoFactorTurnOff pending=submit.pending() />
                </form>
            }
            .into_any()
        }
    }
}

/// The organisation's rule for its admins (admins): on the security log's page.
#[component]
pub fn AdminsTwoFactorCard() -> impl IntoView {
    let app = use_app();
    let lang = use_lang();
    let settings = RwSignal::new(Load::Loading);
    let fetch = move || load(settings, api::security_settings());
    fetch();
    let failure = RwSignal::new(None::<ApiFailure>);
    let saved = RwSignal::new(false);
    let save = Action::new_local(move |wanted: &bool| {
        let wanted = SecuritySettings {
            admins_two_factor: *wanted,
        };
        async move {
            match api::save_security_settings(&wanted).await {
                Ok(now) => {
                    failure.set(None);
                    saved.set(true);
                    settings.set(Load::Ready(now));
                    app.refresh_session();
                }
                Err(e) => failure.set(Some(e)),
            }
        }
    });
    let has_own = move || app.session.with(|s| s.as_ref().is_some_and(|s| s.user.two_factor));
    view! {
        <section class="card" aria-labelledby="sign-in-rules-heading">
            <h2 id="sign-in-rules-heading">{t(Msg::SecuritySettingsTitle)}</h2>
            <Success message=Signal::derive(move || saved.get().then(|| Msg::Saved.text(lang.get()).to_owned())) />
            <ErrorBanner failure=Signal::derive(move || failure.get()) />
            {move || show(settings.get(), fetch, move |current: SecuritySettings| {
                let required = current.admins_two_factor;
                view! {
                    <div class="field checkbox">
                        <label>
                            <input
                                type="checkbox"
                                data-testid="admins-two-factor"
                                prop:checked=required
                                disabled=move || save.pending().get() || (!required && !has_own())
                                on:change=move |ev| {
                                    saved.set(false);
                                    save.dispatch(event_target_checked(&ev));
                                }
                            />
                            " " {t(Msg::AdminsTwoFactor)}
                        </label>
                        <p class="field-hint">{t(Msg::AdminsTwoFactorHint)}</p>
                        {move || (!required && !has_own()).then(|| view! {
                            <p class="field-hint">{t(Msg::AdminsTwoFactorFirst)}</p>
                        })}
                    </div>
                }
                .into_any()
            })}
        </section>
    }
}
