//! `/settings/audit`: the organisation's sign-in rules and security log for admins —
//! the log newest first, filtered by kind, older entries page by page.

use chrono::{DateTime, Utc};
use kaiku_core::audit::{AuditEntry, AuditKind};
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::api::{self, ApiFailure};
use crate::components::notice::ErrorBanner;
use crate::i18n::{self, Msg, t, use_lang};
use crate::pages::two_factor::AdminsTwoFactorCard;
use crate::state::{page_title, use_app};

#[component]
pub fn AuditLogPage() -> impl IntoView {
    page_title(Msg::AuditTitle);
    let app = use_app();
    let lang = use_lang();
    let kind = RwSignal::new(None::<AuditKind>);
    let entries = RwSignal::new(Vec::<AuditEntry>::new());
    let more = RwSignal::new(false);
    let failure = RwSignal::new(None::<ApiFailure>);
    // `before`: None starts over with the newest; Some appends the next older page.
    let fetch = move |before: Option<DateTime<Utc>>| {
        spawn_local(async move {
            match api::audit_log(kind.get_untracked(), before).await {
                Ok(page) => {
                    failure.set(None);
                    more.set(page.len() >= 200);
                    if before.is_some() {
                        entries.update(|list| list.extend(page));
                    } else {
                        entries.set(page);
                    }
                }
                Err(e) => failure.set(Some(e)),
            }
        });
    };
    Effect::new(move |_| {
        kind.track();
        if app.is_admin() {
            fetch(None);
        }
    });
    view! {
        <h1 class="page-title">{t(Msg::AuditTitle)}</h1>
        <AdminsTwoFactorCard />
        <section class="card">
            <p class="muted">{t(Msg::AuditIntro)}</p>
            <ErrorBanner failure=Signal::derive(move || failure.get()) />
            <div class="field">
                <label for="audit-kind">{t(Msg::AuditKindFilter)}</label>
                <select id="audit-kind" on:change=move |ev| kind.set(AuditKind::from_code(&event_target_value(&ev)))>
                    <option value="">{t(Msg::AuditEverything)}</option>
                    {AuditKind::ALL
                        .into_iter()
                        .map(|k| view! { <option value=k.code()>{t(kind_name(k))}</option> })
                        .collect_view()}
                </select>
            </div>
            <table class="table">
                <thead>
                    <tr>
                        <th scope="col">{t(Msg::AuditWhen)}</th>
                        <th scope="col">{t(Msg::AuditWhat)}</th>
                        <th scope="col">{t(Msg::AuditWho)}</th>
                        <th scope="col">{t(Msg::AuditDetail)}</th>
                        <th scope="col">{t(Msg::AuditAddress)}</th>
                    </tr>
                </thead>
                <tbody>
                    {move || {
                        entries
                            .get()
                            .into_iter()
                            .map(|e| {
                                let at = e.at;
                                view! {
                                    <tr data-testid="audit-row">
                                        <td>{move || i18n::date_time(lang.get(), &at)}</td>
                                        <td>{t(kind_name(e.kind))}</td>
                                        <td>{e.actor.unwrap_or_default()}</td>
                                        <td>{e.detail}</td>
                                        <td>{e.address.unwrap_or_default()}</td>
                                    </tr>
                                }
                            })
                            .collect_view()
                    }}
                </tbody>
            </table>
            <Show when=move || more.get()>
                <button
                    type="button"
                    class="button"
                    on:click=move |_| fetch(entries.with_untracked(|list| list.last().map(|e| e.at)))
                >
                    {t(Msg::AuditOlder)}
                </button>
            </Show>
        </section>
    }
}

fn kind_name(kind: AuditKind) -> Msg {
    match kind {
        AuditKind::SignedUp => Msg::AuditSignedUp,
        AuditKind::LoggedIn => Msg::AuditLoggedIn,
        AuditKind::LoginFailed => Msg::AuditLoginFailed,
        AuditKind::LoginThrottled => Msg::AuditLoginThrottled,
        AuditKind::PasswordChanged => Msg::AuditPasswordChanged,
        AuditKind::UserChanged => Msg::AuditUserChanged,
        AuditKind::InvitationCreated => Msg::AuditInvitationCreated,
        AuditKind::InvitationRevoked => Msg::AuditInvitationRevoked,
        AuditKind::InvitationAccepted => Msg::AuditInvitationAccepted,
        AuditKind::SessionEnded => Msg::AuditSessionEnded,
        AuditKind::OtherSessionsEnded => Msg::AuditOtherSessionsEnded,
        AuditKind::PersonExported => Msg::AuditPersonExported,
        AuditKind::PersonErased => Msg::AuditPersonErased,
        AuditKind::RetentionApplied => Msg::AuditRetentionApplied,
        AuditKind::RetentionChanged => Msg::AuditRetentionChanged,
        AuditKind::AccountDeletionAsked => Msg::AuditAccountDeletionAsked,
        AuditKind::AccountDeletionCancelled => Msg::AuditAccountDeletionCancelled,
        AuditKind::AccountDeleted => Msg::AuditAccountDeleted,
        AuditKind::OrganisationDeletionAsked => Msg::AuditOrganisationDeletionAsked,
        AuditKind::OrganisationDeletionCancelled => Msg::AuditOrganisationDeletionCancelled,
        AuditKind::TwoFactorOn => Msg::AuditTwoFactorOn,
        AuditKind::TwoFactorOff => Msg::AuditTwoFactorOff,
        AuditKind::TwoFactorPolicyChanged => Msg::AuditTwoFactorPolicyChanged,
        AuditKind::ApiKeyCreated => Msg::AuditApiKeyCreated,
        AuditKind::ApiKeyRevoked => Msg::AuditApiKeyRevoked,
        AuditKind::WebhookCreated => Msg::AuditWebhookCreated,
        AuditKind::WebhookDeleted => Msg::AuditWebhookDeleted,
        AuditKind::MailboxConnected => Msg::AuditMailboxConnected,
        AuditKind::MailboxDisconnected => Msg::AuditMailboxDisconnected,
        AuditKind::CsrfRefused => Msg::AuditCsrfRefused,
    }
}
