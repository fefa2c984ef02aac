use kaiku_core::api::{SignupPending, SignupRequest};
use kaiku_core::validate;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos_router::components::A;

use crate::api::{self, SignupOutcome};
use crate::components::field::{LanguageField, NewPasswordField, SubmitButton, TextField};
use crate::components::form::{FormErrors, field_error, form_failure, submit_if_valid};
use crate::components::notice::ErrorBanner;
use crate::i18n::{self, Msg, t, use_lang};
use crate::state::{page_title, use_app};

const FIELDS: &[&str] = &["organisation_name", "name", "email", "password"];

/// `/signup`: a new organisation and its first admin. On a server that sends mail the
/// organisation is created from the link emailed to its admin (`signup_confirm.rs`).
#[component]
pub fn SignupPage() -> impl IntoView {
    page_title(Msg::SignupTitle);
    let app = use_app();
    let organisation = RwSignal::new(String::new());
    let name = RwSignal::new(String::new());
    let email = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let errors = RwSignal::new(FormErrors::default());
    let pending = RwSignal::new(None::<SignupPending>);

    let submit = Action::new_local(move |req: &SignupRequest| {
        let req = req.clone();
        async move {
            match api::signup(&req).await {
                Ok(SignupOutcome::SignedIn(session)) => app.logged_in(session),
                Ok(SignupOutcome::CheckInbox(sent)) => pending.set(Some(sent)),
                Err(failure) => errors.set(FormErrors::from_failure(failure, FIELDS)),
            }
        }
    });

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

    move || {
        if let Some(sent) = pending.get() {
            return view! { <CheckInbox sent pending /> }.into_any();
        }
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
        .into_any()
    }
}

/// After asking: where the link went. "Sign up again" brings the form back as it was
/// filled, for a mistyped address.
#[component]
fn CheckInbox(sent: SignupPending, pending: RwSignal<Option<SignupPending>>) -> impl IntoView {
    let lang = use_lang();
    let SignupPending { email, valid_hours } = sent;
    view! {
        <section class="card narrow" data-testid="signup-check-inbox">
            <h1>{t(Msg::SignupCheckInboxTitle)}</h1>
            <p class="lead" role="status">{move || i18n::signup_link_sent(lang.get(), &email, valid_hours)}</p>
            <p class="muted">{t(Msg::SignupCheckInboxHint)}</p>
            <button type="button" class="button" on:click=move |_| pending.set(None)>
                {t(Msg::SignupTryAgain)}
            </button>
        </section>
    }
}
