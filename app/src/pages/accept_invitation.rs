use kaiku_core::api::{AcceptInvitationRequest, InvitationPreview};
use kaiku_core::validate;
use kaiku_core::{ErrorCode, Role};
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_params_map};

use crate::api;
use crate::components::field::{LanguageField, NewPasswordField, SubmitButton, TextField};
use crate::components::form::{FormErrors, field_error, form_failure, session_action, submit_if_valid};
use crate::components::notice::{ErrorBanner, Loading};
use crate::i18n::{self, Msg, label, role_description, t, use_lang};
use crate::state::{page_title, use_app};

const FIELDS: &[&str] = &["name", "password"];

/// `/invite/:token`: see the invitation, then join with a name and password.
#[component]
pub fn AcceptInvitationPage() -> impl IntoView {
    page_title(Msg::AcceptTitle);
    let params = use_params_map();
    let token = Memo::new(move |_| params.with(|p| p.get("token").unwrap_or_default()));
    let preview = LocalResource::new(move || {
        let token = token.get();
        async move { api::invitation_preview(&token).await }
    });

    move || match preview.get() {
        None => view! { <Loading /> }.into_any(),
        Some(Ok(preview)) => view! { <AcceptForm token=token.get_untracked() preview /> }.into_any(),
        Some(Err(failure)) if matches!(failure.code(), Some(ErrorCode::InvitationInvalid | ErrorCode::NotFound)) => {
            view! { <InvalidInvitation /> }.into_any()
        }
        Some(Err(failure)) => view! {
            <section class="card narrow">
                <h1>{t(Msg::AcceptTitle)}</h1>
                <ErrorBanner failure=Signal::derive(move || Some(failure.clone())) />
                <button type="button" class="button" on:click=move |_| preview.refetch()>
                    {t(Msg::TryAgain)}
                </button>
            </section>
        }
        .into_any(),
    }
}

#[component]
fn InvalidInvitation() -> impl IntoView {
    view! {
        <section class="card narrow">
            <h1>{t(Msg::AcceptInvalidTitle)}</h1>
            <p>{t(Msg::AcceptInvalidText)}</p>
            <p>
                <A href="/login">{t(Msg::GoToLogin)}</A>
            </p>
        </section>
    }
}

#[component]
fn AcceptForm(token: String, preview: InvitationPreview) -> impl IntoView {
    let app = use_app();
    let lang = use_lang();
    let navigate = use_navigate();
    let name = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let errors = RwSignal::new(FormErrors::default());

    let submit = session_action(errors, FIELDS, |req: AcceptInvitationRequest| async move {
        api::accept_invitation(&req).await
    });
    // Unlike sign-up and login, this page is open to logged-in people too, so no
    // guard moves the new member on: go home once the session has started.
    Effect::new(move |_| {
        if submit.value().with(Option::is_some) && app.session.with(Option::is_some) {
            navigate("/", Default::default());
        }
    });

    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let req = AcceptInvitationRequest {
            token: token.clone(),
            name: name.get_untracked().trim().to_owned(),
            password: password.get_untracked(),
            language: app.lang.get_untracked(),
        };
        let checks = FormErrors::check([
            validate::name("name", &req.name),
            validate::password("password", &req.password),
        ]);
        submit_if_valid(submit, errors, checks, req);
    };

    let organisation = preview.organisation_name.clone();
    let expires = preview.expires_at;
    view! {
        <section class="card narrow">
            <h1>{t(Msg::AcceptTitle)}</h1>
            <p class="lead">{move || i18n::invited_to(lang.get(), &organisation)}</p>
            <dl class="facts">
                <div>
                    <dt>{t(Msg::FieldOrganisation)}</dt>
                    <dd>{preview.organisation_name.clone()}</dd>
                </div>
                <div>
                    <dt>{t(Msg::FieldEmail)}</dt>
                    <dd>{preview.email.clone()}</dd>
                </div>
                <div>
                    <dt>{t(Msg::FieldRole)}</dt>
                    <dd>
                        {label(preview.role, Role::label)} <span class="muted">" — " {t(role_description(preview.role))}</span>
                    </dd>
                </div>
                <div>
                    <dt>{t(Msg::AcceptValidUntil)}</dt>
                    <dd>{move || i18n::date(lang.get(), &expires)}</dd>
                </div>
            </dl>
            <ErrorBanner failure=form_failure(errors) />
            <form class="form" novalidate on:submit=on_submit>
                <TextField
                    id="name"
                    label=Msg::FieldYourName
                    autocomplete="name"
                    value=name
                    error=field_error(errors, "name")
                />
                <NewPasswordField id="password" label=Msg::FieldPassword value=password error=field_error(errors, "password") />
                <LanguageField id="language" value=app.lang />
                <SubmitButton label=Msg::AcceptSubmit pending=submit.pending() />
            </form>
        </section>
    }
}
