//! `/settings/mailbox` (admins): the customer mailbox Kaiku reads emails from —
//! connect it (Kaiku tries the settings before keeping them), see when it was last
//! read and why it failed, read it now, disconnect it.

use kaiku_core::error::ErrorCode;
use kaiku_core::mailbox::{self, MailboxInput, MailboxProblem, MailboxSecurity, MailboxSettings, MailboxView};
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::api::{self, ApiFailure};
use crate::browser;
use crate::components::form::{FormErrors, field_error, form_failure, passes};
use crate::components::load::{Load, load, show};
use crate::components::notice::{ErrorBanner, Success};
use crate::i18n::{self, Msg, t, use_lang};
use crate::state::page_title;

const FIELDS: &[&str] = &["host", "port", "security", "user", "password", "folder"];

fn problem_text(problem: MailboxProblem) -> Msg {
    match problem {
        MailboxProblem::Unreachable => Msg::MailboxProblemUnreachable,
        MailboxProblem::Insecure => Msg::MailboxProblemInsecure,
        MailboxProblem::LoginRefused => Msg::MailboxProblemLogin,
        MailboxProblem::NoSuchFolder => Msg::MailboxProblemFolder,
        MailboxProblem::Timeout => Msg::MailboxProblemTimeout,
        MailboxProblem::Unexpected => Msg::MailboxProblemUnexpected,
        MailboxProblem::PasswordUnreadable => Msg::MailboxProblemPassword,
    }
}

/// The problem and the server's details of a `mailbox_unreachable` answer, whose
/// message reads "<problem>: <details>".
fn refusal(failure: &ApiFailure) -> Option<(MailboxProblem, String)> {
    match failure {
        ApiFailure::Api(detail) if detail.code == ErrorCode::MailboxUnreachable => {
            let (code, details) = detail.message.split_once(": ")?;
            Some((MailboxProblem::from_code(code)?, details.to_string()))
        }
        _ => None,
    }
}

#[component]
pub fn MailboxPage() -> impl IntoView {
    page_title(Msg::MailboxTitle);
    let settings = RwSignal::new(Load::<MailboxSettings>::Loading);
    let fetch = move || load(settings, api::mailbox());
    fetch();
    let saved = RwSignal::new(None::<String>);
    let lang = use_lang();
    let changed = Callback::new(move |(mailbox, message): (Option<MailboxView>, Option<Msg>)| {
        saved.set(message.map(|m| m.text(lang.get_untracked()).to_string()));
        settings.set(Load::Ready(MailboxSettings {
            mailbox,
            can_connect: true,
        }));
    });
    view! {
        <h1 class="page-title">{t(Msg::MailboxTitle)}</h1>
        <p class="muted">{t(Msg::MailboxIntro)}</p>
        <Success message=saved />
        {move || show(settings.get(), fetch, move |current| {
            if !current.can_connect {
                return view! { <div class="notice" role="status"><p>{t(Msg::MailboxNoServerKey)}</p></div> }.into_any();
            }
            view! {
                {current.mailbox.clone().map(|mailbox| view! { <Status mailbox changed /> })}
                <section class="card" aria-labelledby="mailbox-form-heading">
                    <h2 id="mailbox-form-heading">{t(Msg::MailboxSettingsHeading)}</h2>
                    <ConnectForm current=current.mailbox changed />
                </section>
            }
            .into_any()
        })}
    }
}

#[component]
fn Status(mailbox: MailboxView, changed: Callback<(Option<MailboxView>, Option<Msg>)>) -> impl IntoView {
    let lang = use_lang();
    let checking = RwSignal::new(false);
    let failure = RwSignal::new(None::<ApiFailure>);
    let check = move |_| {
        checking.set(true);
        failure.set(None);
        spawn_local(async move {
            match api::check_mailbox().await {
                Ok(view) => changed.run((Some(view), None)),
                Err(error) => failure.set(Some(error)),
            }
            checking.set(false);
        });
    };
    let disconnect = move |_| {
        if !browser::confirm(Msg::MailboxDisconnectConfirm.text(lang.get_untracked())) {
            return;
        }
        spawn_local(async move {
            match api::disconnect_mailbox().await {
                Ok(()) => changed.run((None, None)),
                Err(error) => failure.set(Some(error)),
            }
        });
    };
    let security = match mailbox.security {
        MailboxSecurity::Tls => Msg::MailboxSecurityTls,
        MailboxSecurity::StartTls => Msg::MailboxSecurityStartTls,
    };
    let checked = mailbox.last_checked_at;
    let state = match (mailbox.last_problem, mailbox.last_error.clone()) {
        (Some(problem), details) => view! {
            <div class="banner banner-error" role="alert" data-testid="mailbox-problem">
                <p>{t(problem_text(problem))}</p>
                {details.map(|d| view! { <p class="muted">{t(Msg::MailboxDetails)} ": " {d}</p> })}
            </div>
        }
        .into_any(),
        (None, _) if checked.is_some() => {
            view! { <p><span class="tag tag-good" data-testid="mailbox-working">{t(Msg::MailboxWorking)}</span></p> }
                .into_any()
        }
        (None, _) => ().into_any(),
    };
    view! {
        <section class="card" aria-labelledby="mailbox-status-heading" data-testid="mailbox-status">
            <h2 id="mailbox-status-heading">{t(Msg::MailboxConnected)}</h2>
            <dl class="facts">
                <div>
                    <dt>{t(Msg::MailboxUser)}</dt>
                    <dd data-testid="mailbox-account">{format!("{} · {}:{}", mailbox.user, mailbox.host, mailbox.port)}</dd>
                </div>
                <div>
                    <dt>{t(Msg::MailboxSecurity)}</dt>
                    <dd>{t(security)}</dd>
                </div>
                <div>
                    <dt>{t(Msg::MailboxFolder)}</dt>
                    <dd>{mailbox.folder.clone()}</dd>
                </div>
                <div>
                    <dt>{t(Msg::MailboxLastChecked)}</dt>
                    <dd>{move || match &checked {
                        Some(at) => i18n::date_time(lang.get(), at),
                        None => Msg::MailboxNeverChecked.text(lang.get()).to_string(),
                    }}</dd>
                </div>
                <div>
                    <dt>{t(Msg::MailboxMessagesRead)}</dt>
                    <dd data-testid="mailbox-read">{mailbox.messages_read}</dd>
                </div>
                {(mailbox.unreadable > 0).then(|| view! {
                    <div>
                        <dt>{t(Msg::MailboxUnreadable)}</dt>
                        <dd data-testid="mailbox-unreadable">
                            {mailbox.unreadable}
                            {mailbox.last_unreadable.clone().map(|latest| view! { " · " {t(Msg::MailboxLatest)} ": " {latest} })}
                        </dd>
                    </div>
                })}
            </dl>
            {state}
            <ErrorBanner failure=failure />
            <div class="form-actions">
                <button type="button" class="button" on:click=check disabled=move || checking.get()>
                    {move || if checking.get() { t(Msg::MailboxChecking) } else { t(Msg::MailboxCheckNow) }}
                </button>
                <button type="button" class="button" on:click=disconnect>{t(Msg::MailboxDisconnect)}</button>
            </div>
        </section>
    }
}

#[component]
fn ConnectForm(current: Option<MailboxView>, changed: Callback<(Option<MailboxView>, Option<Msg>)>) -> impl IntoView {
    let connected = current.is_some();
    let host = RwSignal::new(current.as_ref().map(|m| m.host.clone()).unwrap_or_default());
    let security = RwSignal::new(current.as_ref().map_or(MailboxSecurity::Tls, |m| m.security));
    let port = RwSignal::new(current.as_ref().map(|m| m.port.to_string()).unwrap_or_default());
    let user = RwSignal::new(current.as_ref().map(|m| m.user.clone()).unwrap_or_default());
    let password = RwSignal::new(String::new());
    let folder = RwSignal::new(
        current
            .as_ref()
            .map_or(mailbox::DEFAULT_FOLDER.to_string(), |m| m.folder.clone()),
    );
    let errors = RwSignal::new(FormErrors::default());
    let details = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        let typed_port = port.get_untracked();
        let input = MailboxInput {
            host: host.get_untracked(),
            port: typed_port.trim().parse().ok(),
            security: security.get_untracked(),
            user: user.get_untracked(),
            password: Some(password.get_untracked()),
            folder: folder.get_untracked(),
        }
        .normalised();
        let port_check = if typed_port.trim().is_empty() || input.port.is_some_and(|p| p > 0) {
            Ok(())
        } else {
            Err(kaiku_core::validate::FieldError {
                field: "port",
                problem: kaiku_core::validate::Invalid::OutOfRange { min: 1, max: 65535 },
            })
        };
        let password_check = if connected || input.password.is_some() {
            Ok(())
        } else {
            Err(kaiku_core::validate::FieldError {
                field: "password",
                problem: kaiku_core::validate::Invalid::Required,
            })
        };
        if !passes(errors, FormErrors::check([input.check(), port_check, password_check])) {
            return;
        }
        busy.set(true);
        details.set(None);
        spawn_local(async move {
            match api::connect_mailbox(&input).await {
                Ok(view) => changed.run((Some(view), Some(Msg::MailboxSaved))),
                Err(failure) => {
                    let problem = refusal(&failure);
                    details.set(problem.as_ref().map(|(_, d)| d.clone()));
                    errors.set(FormErrors::from_failure_saying(failure, FIELDS, move |_| {
                        problem.as_ref().map_or(Msg::InvalidRejected, |(p, _)| problem_text(*p))
                    }));
                }
            }
            busy.set(false);
        });
    };
    let field =
        move |id: &'static str, label: Msg, value: RwSignal<String>, kind: &'static str, autocomplete: &'static str| {
            let error = field_error(errors, id);
            let hint = (id == "password" && connected).then_some(Msg::MailboxPasswordKept);
            view! {
                <div class="field" class:field-invalid=move || error.with(Option::is_some)>
                    <label for=format!("mailbox-{id}")>{t(label)}</label>
                    <input id=format!("mailbox-{id}") type=kind autocomplete=autocomplete
                        aria-describedby=hint.map(|_| format!("mailbox-{id}-hint"))
                        prop:value=move || value.get() on:input=move |ev| value.set(event_target_value(&ev)) />
                    {hint.map(|hint| view! { <p class="field-hint" id=format!("mailbox-{id}-hint")>{t(hint)}</p> })}
                    {move || error.get().map(|e| view! { <p class="field-error" role="alert">{e}</p> })}
                </div>
            }
        };
    let security_error = field_error(errors, "security");
    view! {
        <form on:submit=on_submit novalidate data-testid="mailbox-form">
            {field("host", Msg::MailboxHost, host, "text", "off")}
            <div class="field" class:field-invalid=move || security_error.with(Option::is_some)>
                <label for="mailbox-security">{t(Msg::MailboxSecurity)}</label>
                <select id="mailbox-security" on:change=move |ev| {
                    if let Some(chosen) = MailboxSecurity::from_code(&event_target_value(&ev)) {
                        security.set(chosen);
                    }
                }>
                    <option value="tls" selected=move || security.get() == MailboxSecurity::Tls>{t(Msg::MailboxSecurityTls)}</option>
                    <option value="start_tls" selected=move || security.get() == MailboxSecurity::StartTls>{t(Msg::MailboxSecurityStartTls)}</option>
                </select>
                {move || security_error.get().map(|e| view! { <p class="field-error" role="alert">{e}</p> })}
            </div>
            {field("port", Msg::MailboxPort, port, "text", "off")}
            {field("user", Msg::MailboxUser, user, "text", "off")}
            {field("password", Msg::MailboxPassword, password, "password", "new-password")}
            {field("folder", Msg::MailboxFolder, folder, "text", "off")}
            <ErrorBanner failure=form_failure(errors) />
            {move || details.get().map(|d| view! { <p class="muted" data-testid="mailbox-details">{t(Msg::MailboxDetails)} ": " {d}</p> })}
            <button type="submit" class="button button-primary" disabled=move || busy.get()>
                {move || match (busy.get(), connected) {
                    (true, _) => t(Msg::MailboxChecking),
                    (false, true) => t(Msg::MailboxSave),
                    (false, false) => t(Msg::MailboxConnect),
                }}
            </button>
        </form>
    }
}

#[cfg(test)]
mod tests {
    use kaiku_core::ApiErrorDetail;

    use super::*;

    fn failure(code: ErrorCode, field: &str, message: &str) -> ApiFailure {
        ApiFailure::Api(ApiErrorDetail {
            code,
            message: message.into(),
            field: Some(field.into()),
            retry_after_secs: None,
        })
    }

    #[test]
    fn a_refused_mailbox_names_the_setting_what_went_wrong_and_the_servers_words() {
        let refused = failure(
            ErrorCode::MailboxUnreachable,
            "password",
            "login_refused: the mail server refused the user name or password",
        );
        assert_eq!(refused.field(), Some("password"));
        assert_eq!(
            refusal(&refused),
            Some((
                MailboxProblem::LoginRefused,
                "the mail server refused the user name or password".into()
            ))
        );
        assert_eq!(
            problem_text(MailboxProblem::LoginRefused).text(kaiku_core::Lang::Fi),
            "Postipalvelin ei hyväksynyt käyttäjätunnusta tai salasanaa."
        );
        let other = failure(ErrorCode::Validation, "host", "host must be a server name");
        assert_eq!(refusal(&other), None);
    }
}
