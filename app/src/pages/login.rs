use kaiku_core::ErrorCode;
use kaiku_core::api::LoginRequest;
use kaiku_core::validate::{self, Invalid};
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos_router::components::A;

use crate::api;
use crate::components::field::{SubmitButton, TextField};
use crate::components::form::{FormErrors, Problem, field_error, form_failure, submit_if_valid};
use crate::components::notice::ErrorBanner;
use crate::i18n::{Msg, t, use_lang};
use crate::pages::two_factor::{code_problem, is_wrong_code};
use crate::state::{page_title, use_app};

const FIELDS: &[&str] = &["email", "password"];

/// `/login`. On success the guard around the page moves on to `next` when it is a
/// path of this site (`guard::next_page`), else home. An account with two-factor
/// sign-in is asked for the authenticator's code after its password.
#[component]
pub fn LoginPage() -> impl IntoView {
    page_title(Msg::LoginTitle);
    let app = use_app();
    let email = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let code = RwSignal::new(String::new());
    let needs_code = RwSignal::new(false);
    let errors = RwSignal::new(FormErrors::default());
    let lang = use_lang();

    let submit = Action::new_local(move |req: &LoginRequest| {
        let req = req.clone();
        async move {
            match api::login(&req).await {
                Ok(session) => app.logged_in(session),
                Err(failure) if failure.code() == Some(ErrorCode::TwoFactorRequired) => {
                    needs_code.set(true);
                    errors.set(FormErrors::default());
                }
                Err(failure) if is_wrong_code(&failure) => errors.set(code_problem(failure)),
                Err(failure) => errors.set(FormErrors::from_failure(failure, FIELDS)),
            }
        }
    });

    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let mut checks = FormErrors::check([validate::email("email", &email.get_untracked())]);
        if password.with_untracked(String::is_empty) {
            checks.add("password", Problem::Rule(Invalid::Required));
        }
        let with_code = needs_code.get_untracked();
        if with_code && code.with_untracked(|c| c.trim().is_empty()) {
            checks.add("code", Problem::Rule(Invalid::Required));
        }
        let req = LoginRequest {
            email: email.get_untracked().trim().to_owned(),
            password: password.get_untracked(),
            code: with_code.then(|| code.get_untracked()),
        };
        submit_if_valid(submit, errors, checks, req);
    };

    view! {
        <section class="card narrow">
            <h1>{t(Msg::LoginTitle)}</h1>
            <Show when=move || app.session_ended.get()>
                <p class="banner banner-info" role="alert" data-testid="session-ended">
                    {t(Msg::SessionEnded)}
                </p>
            </Show>
            <ErrorBanner failure=form_failure(errors) />
            <form class="form" novalidate on:submit=on_submit>
                <TextField
                    id="email"
                    label=Msg::FieldEmail
                    kind="email"
                    autocomplete="username"
                    value=email
                    error=field_error(errors, "email")
                />
                <TextField
                    id="password"
                    label=Msg::FieldPassword
                    kind="password"
                    autocomplete="current-password"
                    value=password
                    error=field_error(errors, "password")
                />
                <Show when=move || needs_code.get()>
                    <TextField
                        id="code"
                        label=Msg::FieldCode
                        autocomplete="one-time-code"
                        value=code
                        error=field_error(errors, "code")
                        hint=Signal::derive(move || Msg::LoginCodeHint.text(lang.get()).to_owned())
                    />
                </Show>
                <SubmitButton label=Msg::LoginSubmit pending=submit.pending() />
            </form>
            <p class="form-footer">
                {t(Msg::LoginNoAccount)} " " <A href="/signup">{t(Msg::LoginCreateOrg)}</A>
            </p>
        </section>
    }
}
