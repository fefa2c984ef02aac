use kaiku_core::ErrorCode;
use kaiku_core::api::{ChangePasswordRequest, UpdateProfileRequest};
use kaiku_core::validate::{self, Invalid};
use leptos::ev::SubmitEvent;
use leptos::prelude::*;

use kaiku_core::session::SessionInfo;

use crate::api::{self, ApiFailure};
use crate::components::field::{LanguageField, NewPasswordField, SubmitButton, TextField};
use crate::components::form::{FormErrors, Problem, field_error, form_failure};
use crate::components::load::{Load, load, refresh, show};
use crate::components::notice::{ErrorBanner, Success};
use crate::i18n::{self, Msg, t, use_lang};
use crate::pages::two_factor::TwoFactorCard;
use crate::state::{page_title, use_app};

/// `/profile`: name, language, password, two-factor sign-in and sessions.
#[component]
pub fn ProfilePage() -> impl IntoView {
    page_title(Msg::ProfileTitle);
    view! {
        <h1 class="page-title">{t(Msg::ProfileTitle)}</h1>
        <DetailsForm />
        <PasswordForm />
        <TwoFactorCard />
        <Sessions />
    }
}

/// The person's signed-in sessions: where, last seen, this one marked; sign one out,
/// or every other.
#[component]
fn Sessions() -> impl IntoView {
    let lang = use_lang();
    let sessions = RwSignal::new(Load::Loading);
    let fetch = move || load(sessions, api::my_sessions());
    fetch();
    let failure = RwSignal::new(None::<ApiFailure>);
    let act = move |request: std::pin::Pin<Box<dyn Future<Output = Result<(), ApiFailure>>>>| {
        leptos::task::spawn_local(async move {
            match request.await {
                Ok(()) => {
                    failure.set(None);
                    refresh(sessions, api::my_sessions());
                }
                Err(e) => failure.set(Some(e)),
            }
        });
    };
    let row = move |session: SessionInfo| {
        let id = session.id.clone();
        let device = session
            .device
            .clone()
            .unwrap_or_else(|| Msg::SessionUnknownDevice.text(lang.get_untracked()).to_owned());
        let last_seen = session.last_seen_at;
        view! {
            <li class="row" data-testid="session-row">
                <div>
                    <span class="row-title">{device}</span>
                    {session.current.then(|| view! { " " <span class="status">{t(Msg::SessionThisOne)}</span> })}
                    <div class="muted">
                        {t(Msg::SessionLastSeen)} " " {move || i18n::date_time(lang.get(), &last_seen)}
                    </div>
                </div>
                {(!session.current).then(|| view! {
                    <button type="button" class="button" on:click=move |_| act(Box::pin(api::end_my_session(id.clone())))>
                        {t(Msg::SessionSignOut)}
                    </button>
                })}
            </li>
        }
    };
    view! {
        <section class="card" aria-labelledby="sessions-heading">
            <h2 id="sessions-heading">{t(Msg::SessionsHeading)}</h2>
            <p class="muted">{t(Msg::SessionsIntro)}</p>
            <ErrorBanner failure=Signal::derive(move || failure.get()) />
            {move || show(sessions.get(), fetch, move |list: Vec<SessionInfo>| {
                let others = list.iter().any(|s| !s.current);
                view! {
                    <ul class="plain">{list.into_iter().map(row).collect_view()}</ul>
                    {others.then(|| view! {
                        <button type="button" class="button" on:click=move |_| act(Box::pin(api::end_my_other_sessions()))>
                            {t(Msg::SessionsSignOutOthers)}
                        </button>
                    })}
                }
                .into_any()
            })}
        </section>
    }
}

#[component]
fn DetailsForm() -> impl IntoView {
    let app = use_app();
    let lang = use_lang();
    let (initial_name, initial_lang) = app.session.with_untracked(|s| {
        s.as_ref()
            .map(|s| (s.user.name.clone(), s.user.language))
            .unwrap_or_default()
    });
    let name = RwSignal::new(initial_name);
    let language = RwSignal::new(initial_lang);
    let errors = RwSignal::new(FormErrors::default());
    let saved = RwSignal::new(false);

    let submit = Action::new_local(move |req: &UpdateProfileRequest| {
        let req = req.clone();
        async move {
            match api::update_profile(&req).await {
                Ok(user) => {
                    app.user_updated(user);
                    saved.set(true);
                }
                Err(failure) => errors.set(FormErrors::from_failure(failure, &["name"])),
            }
        }
    });
    // The nav's language switch saves too: keep the form in step with it.
    Effect::new(move |_| language.set(app.lang.get()));

    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        if submit.pending().get_untracked() {
            return;
        }
        saved.set(false);
        let req = UpdateProfileRequest {
            name: Some(name.get_untracked().trim().to_owned()),
            language: Some(language.get_untracked()),
        };
        let checks = FormErrors::check([validate::name("name", req.name.as_deref().unwrap_or(""))]);
        let ok = checks.is_empty();
        errors.set(checks);
        if ok {
            submit.dispatch(req);
        }
    };

    view! {
        <section class="card" aria-labelledby="details-heading">
            <h2 id="details-heading">{t(Msg::ProfileDetails)}</h2>
            <Success message=Signal::derive(move || {
                saved.get().then(|| Msg::ProfileSaved.text(lang.get()).to_owned())
            }) />
            <ErrorBanner failure=form_failure(errors) />
            <form class="form" novalidate on:submit=on_submit>
                <TextField id="name" label=Msg::FieldName autocomplete="name" value=name error=field_error(errors, "name") />
                <LanguageField
                    id="language"
                    value=language
                    hint=Signal::derive(move || Msg::ProfileLanguageHint.text(lang.get()).to_owned())
                />
                <SubmitButton label=Msg::ProfileSave pending=submit.pending() />
            </form>
        </section>
    }
}

#[component]
fn PasswordForm() -> impl IntoView {
    let lang = use_lang();
    let current = RwSignal::new(String::new());
    let new = RwSignal::new(String::new());
    let repeat = RwSignal::new(String::new());
    let errors = RwSignal::new(FormErrors::default());
    let changed = RwSignal::new(false);

    let submit = Action::new_local(move |req: &ChangePasswordRequest| {
        let req = req.clone();
        async move {
            match api::change_password(&req).await {
                Ok(()) => {
                    current.set(String::new());
                    new.set(String::new());
                    repeat.set(String::new());
                    changed.set(true);
                }
                Err(failure) if failure.code() == Some(ErrorCode::InvalidCredentials) => {
                    let mut e = FormErrors::default();
                    e.add("current_password", Problem::Message(Msg::ErrCurrentPassword));
                    errors.set(e);
                }
                Err(failure) => errors.set(FormErrors::from_failure(failure, &["current_password", "new_password"])),
            }
        }
    });

    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        if submit.pending().get_untracked() {
            return;
        }
        changed.set(false);
        let mut checks = FormErrors::check([validate::password("new_password", &new.get_untracked())]);
        if current.with_untracked(String::is_empty) {
            checks.add("current_password", Problem::Rule(Invalid::Required));
        }
        if new.get_untracked() != repeat.get_untracked() {
            checks.add("repeat_password", Problem::Message(Msg::PasswordsDiffer));
        }
        let ok = checks.is_empty();
        errors.set(checks);
        if ok {
            submit.dispatch(ChangePasswordRequest {
                current_password: current.get_untracked(),
                new_password: new.get_untracked(),
            });
        }
    };

    view! {
        <section class="card" aria-labelledby="password-heading">
            <h2 id="password-heading">{t(Msg::PasswordHeading)}</h2>
            <Success message=Signal::derive(move || {
                changed.get().then(|| Msg::PasswordChanged.text(lang.get()).to_owned())
            }) />
            <ErrorBanner failure=form_failure(errors) />
            <form class="form" novalidate on:submit=on_submit>
                <TextField
                    id="current_password"
                    label=Msg::FieldCurrentPassword
                    kind="password"
                    autocomplete="current-password"
                    value=current
                    error=field_error(errors, "current_password")
                />
                <NewPasswordField id="new_password" label=Msg::FieldNewPassword value=new error=field_error(errors, "new_password") />
                <TextField
                    id="repeat_password"
                    label=Msg::FieldRepeatPassword
                    kind="password"
                    autocomplete="new-password"
                    value=repeat
                    error=field_error(errors, "repeat_password")
                />
                <SubmitButton label=Msg::PasswordSubmit pending=submit.pending() />
            </form>
        </section>
    }
}
