use kaiku_core::api::SignupRequest;
use kaiku_core::validate;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos_router::components::A;

use crate::api;
use crate::components::field::{LanguageField, NewPasswordField, SubmitButton, TextField};
use crate::components::form::{FormErrors, field_error, form_failure, session_action, submit_if_valid};
use crate::components::notice::ErrorBanner;
use crate::i18n::{Msg, t};
use crate::state::{page_title, use_app};

const FIELDS: &[&str] = &["organisation_name", "name", "email", "password"];

/// `/signup`: a new organisation and its first admin.
#[component]
pub fn SignupPage() -> impl IntoView {
    page_title(Msg::SignupTitle);
    let app = use_app();
    let organisation = RwSignal::new(String::new());
    let name = RwSignal::new(String::new());
    let email = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let errors = RwSignal::new(FormErrors::default());

    let submit = session_action(
        errors,
        FIELDS,
        |req: SignupRequest| async move { api::signup(&req).await },
    );

    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
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
        submit_if_valid(submit, errors, checks, req);
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
                <NewPasswordField id="password" label=Msg::FieldPassword value=password error=field_error(errors, "password") />
                <LanguageField id="language" value=app.lang />
                <SubmitButton label=Msg::SignupSubmit pending=submit.pending() />
            </form>
            <p class="form-footer">
                {t(Msg::SignupHaveAccount)} " " <A href="/login">{t(Msg::NavLogIn)}</A>
            </p>
        </section>
    }
}
