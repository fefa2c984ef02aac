use kaiku_core::api::SignupRequest;
use kaiku_core::validate::{self, PASSWORD_MIN_CHARS};
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos_router::components::A;

use crate::api;
use crate::app::{page_title, use_app};
use crate::components::field::{LanguageField, SubmitButton, TextField};
use crate::components::form::{FormErrors, field_error, form_failure};
use crate::components::notice::ErrorBanner;
use crate::i18n::{self, Msg, t, use_lang};

const FIELDS: &[&str] = &["organisation_name", "name", "email", "password"];

/// `/signup`: a new organisation and its first admin.
#[component]
pub fn SignupPage() -> impl IntoView {
    page_title(Msg::SignupTitle);
    let app = use_app();
    let lang = use_lang();
    let organisation = RwSignal::new(String::new());
    let name = RwSignal::new(String::new());
    let email = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let errors = RwSignal::new(FormErrors::default());

    let submit = Action::new_local(move |req: &SignupRequest| {
        let req = req.clone();
        async move {
            match api::signup(&req).await {
                Ok(session) => app.logged_in(session),
                Err(failure) => errors.set(FormErrors::from_failure(failure, FIELDS)),
            }
        }
    });

    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        if submit.pending().get_untracked() {
            return;
        }
        let req = SignupRequest {
            organisation_name: organisation.get_untracked().trim().to_owned(),
            name: name.get_untracked().trim().to_owned(),
            email: email.get_untracked().trim().to_owned(),
            password: password.get_untracked(),
            // The form's language picker is the interface language itself.
            language: app.lang.get_untracked(),
        };
        let checks = FormErrors::check([
            validate::name("organisation_name", &req.organisation_name),
            validate::name("name", &req.name),
            validate::email("email", &req.email),
            validate::password("password", &req.password),
        ]);
        let ok = checks.is_empty();
        errors.set(checks);
        if ok {
            submit.dispatch(req);
        }
    };

    view! {
        <section class="card narrow">
            <h1>{t(Msg::SignupTitle)}</h1>
            <p class="lead">{t(Msg::SignupIntro)}</p>
            <ErrorBanner failure=form_failure(errors) />
            <form class="form" novalidate on:submit=on_submit>
                <TextField
                    id="organisation_name"
                    label=Msg::FieldOrgName
                    autocomplete="organization"
                    value=organisation
                    error=field_error(errors, "organisation_name")
                />
                <TextField
                    id="name"
                    label=Msg::FieldYourName
                    autocomplete="name"
                    value=name
                    error=field_error(errors, "name")
                />
                <TextField
                    id="email"
                    label=Msg::FieldEmail
                    kind="email"
                    autocomplete="email"
                    value=email
                    error=field_error(errors, "email")
                />
                <TextField
                    id="password"
                    label=Msg::FieldPassword
                    kind="password"
                    autocomplete="new-password"
                    value=password
                    error=field_error(errors, "password")
                    hint=Signal::derive(move || i18n::password_hint(lang.get(), PASSWORD_MIN_CHARS))
                />
                <LanguageField id="language" value=app.lang />
                <SubmitButton label=Msg::SignupSubmit pending=submit.pending() />
            </form>
            <p class="form-footer">
                {t(Msg::SignupHaveAccount)} " " <A href="/login">{t(Msg::NavLogIn)}</A>
            </p>
        </section>
    }
}
