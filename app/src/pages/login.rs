use kaiku_core::api::LoginRequest;
use kaiku_core::validate::{self, Invalid};
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos_router::components::A;

use crate::api;
use crate::components::field::{SubmitButton, TextField};
use crate::components::form::{FormErrors, Problem, field_error, form_failure, session_action, submit_if_valid};
use crate::components::notice::ErrorBanner;
use crate::i18n::{Msg, t};
use crate::state::{page_title, use_app};

const FIELDS: &[&str] = &["email", "password"];

/// `/login`. On success the guard around the page moves on to `next` when it is a
/// path of this site (`guard::next_page`), else home.
#[component]
pub fn LoginPage() -> impl IntoView {
    page_title(Msg::LoginTitle);
    let app = use_app();
    let email = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let errors = RwSignal::new(FormErrors::default());

    let submit = session_action(
        errors,
        FIELDS,
        |req: LoginRequest| async move { api::login(&req).await },
    );

    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let mut checks = FormErrors::check([validate::email("email", &email.get_untracked())]);
        if password.with_untracked(String::is_empty) {
            checks.add("password", Problem::Rule(Invalid::Required));
        }
        let req = LoginRequest {
            email: email.get_untracked().trim().to_owned(),
            password: password.get_untracked(),
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
                <SubmitButton label=Msg::LoginSubmit pending=submit.pending() />
            </form>
            <p class="form-footer">
                {t(Msg::LoginNoAccount)} " " <A href="/signup">{t(Msg::LoginCreateOrg)}</A>
            </p>
        </section>
    }
}
