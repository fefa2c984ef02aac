use kaiku_core::api::{
    DeliveryStatus, InvitationView, InviteRequest, MailStatus, OutboxMessage, UpdateUserRequest, UserView,
};
use kaiku_core::validate;
use kaiku_core::{Lang, Role};
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::api::{self, ApiFailure};
use crate::browser;
use crate::components::copy_link::CopyLink;
use crate::components::field::{RoleField, RoleOptions, SubmitButton, TextField};
use crate::components::form::{FormErrors, field_error, form_failure};
use crate::components::load::{Load, load};
use crate::components::notice::{ErrorBanner, Loading};
use crate::i18n::{self, Msg, label, role_description, t, use_lang};
use crate::state::{page_title, use_app};

/// `/settings/team`: people, roles and invitations (admins); others learn why not.
#[component]
pub fn TeamPage() -> impl IntoView {
    page_title(Msg::TeamTitle);
    let app = use_app();
    let is_admin = Memo::new(move |_| app.is_admin());
    view! {
        <h1 class="page-title">{t(Msg::TeamTitle)}</h1>
        <Show when=move || is_admin.get() fallback=NoAccess>
            <TeamAdmin />
        </Show>
    }
}

#[component]
fn NoAccess() -> impl IntoView {
    let app = use_app();
    let role = Memo::new(move |_| app.session.with(|s| s.as_ref().map(|s| s.user.role)));
    view! {
        <section class="card">
            <p class="banner banner-info" role="alert">
                {t(Msg::TeamNoAccess)}
            </p>
            <p>{t(Msg::TeamNoAccessWhy)}</p>
            {move || {
                role.get()
                    .map(|role| {
                        view! {
                            <p>
                                {t(Msg::TeamYourRole)} ": " <strong>{label(role, Role::label)}</strong> " — "
                                {t(role_description(role))}
                            </p>
                        }
                    })
            }}
        </section>
    }
}

/// The outcome of the last change on the page, shown above the lists.
#[derive(Debug, Clone, PartialEq)]
enum Notice {
    RoleChanged(String, Role),
    Deactivated(String),
    Reactivated(String),
    Revoked(String),
    Failed(ApiFailure),
}

impl Notice {
    fn text(&self, lang: Lang) -> String {
        match self {
            Notice::RoleChanged(name, role) => i18n::role_changed(lang, name, *role),
            Notice::Deactivated(name) => i18n::user_deactivated(lang, name),
            Notice::Reactivated(name) => i18n::user_reactivated(lang, name),
            Notice::Revoked(email) => i18n::invitation_revoked(lang, email),
            Notice::Failed(failure) => i18n::failure(lang, failure),
        }
    }
}

#[component]
fn NoticeLine(notice: RwSignal<Option<Notice>>) -> impl IntoView {
    let lang = use_lang();
    move || {
        notice.get().map(|n| {
            let failed = matches!(n, Notice::Failed(_));
            let text = move || n.text(lang.get());
            if failed {
                view! { <p class="banner banner-error" role="alert">{text}</p> }.into_any()
            } else {
                view! { <p class="banner banner-success" role="status">{text}</p> }.into_any()
            }
        })
    }
}

#[component]
fn TeamAdmin() -> impl IntoView {
    let users = RwSignal::new(Load::<Vec<UserView>>::Loading);
    let invitations = RwSignal::new(Load::<Vec<InvitationView>>::Loading);
    let notice = RwSignal::new(None::<Notice>);
    let outbox = RwSignal::new(Load::<Vec<OutboxMessage>>::Loading);
    load(users, api::users());
    load(invitations, api::invitations());
    load(outbox, api::outbox());
    // A new invitation sends an email: show it. The first load of the invitations is not a
    // new one; reloading then made the outbox blink back to "loading" as the page opened.
    Effect::new(move |previous: Option<Option<usize>>| {
        let count = invitations.with(|l| match l {
            Load::Ready(list) => Some(list.len()),
            _ => None,
        });
        if let (Some(Some(before)), Some(now)) = (previous, count)
            && before < now
        {
            load(outbox, api::outbox());
        }
        count
    });

    view! {
        <NoticeLine notice />
        <People users notice />
        <InviteForm invitations />
        <PendingInvitations invitations notice />
        <Outbox outbox />
        <p>
            <a href="/settings/audit">{t(Msg::AuditTitle)}</a>
        </p>
    }
}

#[component]
fn People(users: RwSignal<Load<Vec<UserView>>>, notice: RwSignal<Option<Notice>>) -> impl IntoView {
    let app = use_app();
    let my_id = Memo::new(move |_| app.session.with(|s| s.as_ref().map(|s| s.user.id.clone())));
    let changed = Callback::new(move |user: UserView| {
        if my_id.get_untracked().as_deref() == Some(user.id.as_str()) {
            app.user_updated(user.clone());
        }
        users.update(|load| {
            if let Load::Ready(list) = load
                && let Some(slot) = list.iter_mut().find(|u| u.id == user.id)
            {
                *slot = user;
            }
        });
    });

    view! {
        <section class="card" aria-labelledby="people-heading">
            <h2 id="people-heading">{t(Msg::TeamPeople)}</h2>
            {move || match users.get() {
                Load::Loading => view! { <Loading /> }.into_any(),
                Load::Failed(failure) => {
                    view! {
                        <ErrorBanner failure=Signal::derive(move || Some(failure.clone())) />
                        <button type="button" class="button" on:click=move |_| load(users, api::users())>
                            {t(Msg::TryAgain)}
                        </button>
                    }
                        .into_any()
                }
                Load::Ready(list) if list.is_empty() => view! { <p class="muted">{t(Msg::TeamEmpty)}</p> }.into_any(),
                Load::Ready(list) => {
                    view! {
                        <ul class="rows">
                            <For
                                each=move || list.clone()
                                key=|u| (u.id.clone(), u.name.clone(), u.role, u.active)
                                let:user
                            >
                                <UserRow
                                    is_me=my_id.get_untracked().as_deref() == Some(user.id.as_str())
                                    user
                                    changed
                                    notice
                                />
                            </For>
                        </ul>
                    }
                        .into_any()
                }
            }}
        </section>
    }
}

#[component]
fn UserRow(
    user: UserView,
    is_me: bool,
    changed: Callback<UserView>,
    notice: RwSignal<Option<Notice>>,
) -> impl IntoView {
    let lang = use_lang();
    let busy = RwSignal::new(false);
    // The select only proposes a role (arrow keys walk through the options); the
    // change is made by its own button, after a confirmation.
    let original_role = user.role;
    let role = RwSignal::new(user.role);
    let select_id = format!("role-{}", user.id);
    let name = user.name.clone();

    let update = {
        let id = user.id.clone();
        let name = name.clone();
        move |req: UpdateUserRequest| {
            let id = id.clone();
            let name = name.clone();
            busy.set(true);
            spawn_local(async move {
                let result = api::update_user(&id, &req).await;
                busy.set(false);
                match result {
                    Ok(user) => {
                        notice.set(Some(match (req.role, req.active) {
                            (Some(r), _) => Notice::RoleChanged(name, r),
                            (_, Some(false)) => Notice::Deactivated(name),
                            _ => Notice::Reactivated(name),
                        }));
                        changed.run(user);
                    }
                    Err(failure) => {
                        // Puts the select back on the role the server still has.
                        role.set(original_role);
                        notice.set(Some(Notice::Failed(failure)));
                    }
                }
            });
        }
    };

    let on_role = move |ev: leptos::ev::Event| {
        if let Some(new_role) = Role::from_code(&event_target_value(&ev)) {
            role.set(new_role);
        }
    };
    let apply_role = {
        let update = update.clone();
        let name = name.clone();
        move |_| {
            let new_role = role.get_untracked();
            if new_role == original_role
                || !browser::confirm(&i18n::confirm_role_change(lang.get_untracked(), &name, new_role))
            {
                return;
            }
            update(UpdateUserRequest {
                role: Some(new_role),
                active: None,
            });
        }
    };
    let role_changed = move || role.get() != original_role;

    let active = user.active;
    let on_toggle = {
        let name = name.clone();
        move |_| {
            if active && !browser::confirm(&i18n::confirm_deactivate(lang.get_untracked(), &name)) {
                return;
            }
            update(UpdateUserRequest {
                role: None,
                active: Some(!active),
            });
        }
    };

    let label_name = name.clone();
    view! {
        <li class="row" class:row-inactive=!active data-testid="user-row">
            <div class="row-main">
                <span class="row-title">
                    {name.clone()} {is_me.then(|| view! { " " <span class="muted">{t(Msg::You)}</span> })}
                </span>
                <span class="row-sub">{user.email.clone()}</span>
                <span class="row-sub">
                    {t(Msg::ColJoined)} " " {move || i18n::date(lang.get(), &user.created_at)}
                </span>
            </div>
            <div class="row-status">
                <span class="status" class:status-active=active class:status-inactive=!active>
                    {if active { t(Msg::StatusActive) } else { t(Msg::StatusDeactivated) }}
                </span>
            </div>
            <div class="row-actions">
                <label class="visually-hidden" for=select_id.clone()>
                    {move || i18n::role_for(lang.get(), &label_name)}
                </label>
                <select id=select_id on:change=on_role disabled=move || busy.get()>
                    <RoleOptions value=role.into() />
                </select>
                <Show when=role_changed>
                    <button type="button" class="button button-primary" disabled=move || busy.get() on:click=apply_role.clone()>
                        {t(Msg::RoleChangeApply)}
                    </button>
                    <button type="button" class="button" on:click=move |_| role.set(original_role)>
                        {t(Msg::Cancel)}
                    </button>
                </Show>
                {(!is_me)
                    .then(|| {
                        view! {
                            <button
                                type="button"
                                class="button"
                                class:button-danger=active
                                disabled=move || busy.get()
                                on:click=on_toggle
                            >
                                {if active { t(Msg::Deactivate) } else { t(Msg::Reactivate) }}
                            </button>
                        }
                    })}
            </div>
        </li>
    }
}

#[component]
fn InviteForm(invitations: RwSignal<Load<Vec<InvitationView>>>) -> impl IntoView {
    let lang = use_lang();
    let email = RwSignal::new(String::new());
    let role = RwSignal::new(Role::Member);
    let errors = RwSignal::new(FormErrors::default());
    let created = RwSignal::new(None::<InvitationView>);

    let submit = Action::new_local(move |req: &InviteRequest| {
        let req = req.clone();
        async move {
            match api::invite(&req).await {
                Ok(invitation) => {
                    email.set(String::new());
                    invitations.update(|load| {
                        if let Load::Ready(list) = load {
                            list.retain(|i| i.email != invitation.email);
                            list.push(invitation.clone());
                        }
                    });
                    created.set(Some(invitation));
                }
                Err(failure) => errors.set(FormErrors::from_failure(failure, &["email"])),
            }
        }
    });

    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        if submit.pending().get_untracked() {
            return;
        }
        let req = InviteRequest {
            email: email.get_untracked().trim().to_owned(),
            role: role.get_untracked(),
        };
        let checks = FormErrors::check([validate::email("email", &req.email)]);
        let ok = checks.is_empty();
        errors.set(checks);
        if ok {
            created.set(None);
            submit.dispatch(req);
        }
    };

    view! {
        <section class="card" aria-labelledby="invite-heading">
            <h2 id="invite-heading">{t(Msg::InviteHeading)}</h2>
            <p class="muted">{t(Msg::InviteIntro)}</p>
            <ErrorBanner failure=form_failure(errors) />
            <form class="form form-inline" novalidate on:submit=on_submit>
                <TextField
                    id="email"
                    label=Msg::FieldEmail
                    kind="email"
                    autocomplete="off"
                    value=email
                    error=field_error(errors, "email")
                />
                <RoleField id="invite_role" value=role />
                <SubmitButton label=Msg::InviteSubmit pending=submit.pending() />
            </form>
            {move || {
                created
                    .get()
                    .map(|invitation| {
                        let url = format!("{}{}", browser::origin(), invitation.link.clone().unwrap_or_default());
                        let expires = invitation.expires_at;
                        let email = invitation.email.clone();
                        view! {
                            <div class="created" role="status">
                                <p>{move || i18n::invitation_created(lang.get(), &email, &i18n::date(lang.get(), &expires))}</p>
                                <CopyLink
                                    url
                                    id="invite-link".to_string()
                                    label=Signal::derive(move || t(Msg::InviteLinkLabel)().to_string())
                                    test_id="invite-link"
                                />
                            </div>
                        }
                    })
            }}
        </section>
    }
}

#[component]
fn PendingInvitations(
    invitations: RwSignal<Load<Vec<InvitationView>>>,
    notice: RwSignal<Option<Notice>>,
) -> impl IntoView {
    let lang = use_lang();
    let revoke = move |invitation: InvitationView| {
        if !browser::confirm(&i18n::confirm_revoke(lang.get_untracked(), &invitation.email)) {
            return;
        }
        spawn_local(async move {
            match api::revoke_invitation(&invitation.id).await {
                Ok(()) => {
                    invitations.update(|load| {
                        if let Load::Ready(list) = load {
                            list.retain(|i| i.id != invitation.id);
                        }
                    });
                    notice.set(Some(Notice::Revoked(invitation.email)));
                }
                Err(failure) => notice.set(Some(Notice::Failed(failure))),
            }
        });
    };

    view! {
        <section class="card" aria-labelledby="pending-heading">
            <h2 id="pending-heading">{t(Msg::PendingHeading)}</h2>
            {move || match invitations.get() {
                Load::Loading => view! { <Loading /> }.into_any(),
                Load::Failed(failure) => {
                    view! {
                        <ErrorBanner failure=Signal::derive(move || Some(failure.clone())) />
                        <button type="button" class="button" on:click=move |_| load(invitations, api::invitations())>
                            {t(Msg::TryAgain)}
                        </button>
                    }
                        .into_any()
                }
                Load::Ready(list) if list.is_empty() => view! { <p class="muted">{t(Msg::PendingEmpty)}</p> }.into_any(),
                Load::Ready(list) => {
                    view! {
                        <ul class="rows">
                            {list
                                .into_iter()
                                .map(|invitation| {
                                    let expires = invitation.expires_at;
                                    let role = invitation.role;
                                    let to_revoke = invitation.clone();
                                    view! {
                                        <li class="row" data-testid="invitation-row">
                                            <div class="row-main">
                                                <span class="row-title">{invitation.email.clone()}</span>
                                                <span class="row-sub">
                                                    {label(role, Role::label)} " · " {t(Msg::ColExpires)} " "
                                                    {move || i18n::date(lang.get(), &expires)}
                                                </span>
                                            </div>
                                            <div class="row-actions">
                                                <button
                                                    type="button"
                                                    class="button button-danger"
                                                    on:click=move |_| revoke(to_revoke.clone())
                                                >
                                                    {t(Msg::Revoke)}
                                                </button>
                                            </div>
                                        </li>
                                    }
                                })
                                .collect_view()}
                        </ul>
                    }
                        .into_any()
                }
            }}
        </section>
    }
}

/// Whether a message mentions every word of `search` (any case) in its recipient,
/// subject or body.
fn outbox_matches(message: &OutboxMessage, search: &str) -> bool {
    let text = format!("{} {} {}", message.to, message.subject, message.body).to_lowercase();
    search.to_lowercase().split_whitespace().all(|word| text.contains(word))
}

#[component]
fn Outbox(outbox: RwSignal<Load<Vec<OutboxMessage>>>) -> impl IntoView {
    let search = RwSignal::new(String::new());
    view! {
        <section class="card" aria-labelledby="outbox-heading">
            <h2 id="outbox-heading">{t(Msg::OutboxHeading)}</h2>
            <p class="muted">{t(Msg::OutboxIntro)}</p>
            <MailStatusNotice />
            <div class="field">
                <label for="outbox-search">{t(Msg::OutboxSearch)}</label>
                <input id="outbox-search" type="search" prop:value=move || search.get()
                    on:input=move |ev| search.set(event_target_value(&ev)) />
            </div>
            {move || match outbox.get() {
                Load::Loading => view! { <Loading /> }.into_any(),
                Load::Failed(failure) => {
                    view! {
                        <ErrorBanner failure=Signal::derive(move || Some(failure.clone())) />
                        <button type="button" class="button" on:click=move |_| load(outbox, api::outbox())>
                            {t(Msg::TryAgain)}
                        </button>
                    }
                        .into_any()
                }
                Load::Ready(list) if list.is_empty() => view! { <p class="muted">{t(Msg::OutboxEmpty)}</p> }.into_any(),
                Load::Ready(mut list) => {
                    // Newest first, whatever order the server sent.
                    list.sort_by_key(|message| std::cmp::Reverse(message.created_at));
                    let wanted = search.get();
                    list.retain(|message| outbox_matches(message, &wanted));
                    if list.is_empty() {
                        return view! { <p class="muted">{t(Msg::OutboxNoMatch)}</p> }.into_any();
                    }
                    view! {
                        <ul class="rows">
                            {list.into_iter().map(|message| view! { <OutboxRow message outbox /> }).collect_view()}
                        </ul>
                    }
                        .into_any()
                }
            }}
        </section>
    }
}

/// Whether the messages leave at all: without a mail server they only wait here.
#[component]
fn MailStatusNotice() -> impl IntoView {
    let lang = use_lang();
    let status = RwSignal::new(Load::<MailStatus>::Loading);
    load(status, api::mail_status());
    move || {
        status.get().ready().map(|status| {
            if status.delivering {
                let sender = status.sender.clone();
                view! {
                    <p class="mail-status" data-testid="mail-status">
                        {move || i18n::sent_from(lang.get(), &sender)}
                    </p>
                }
                .into_any()
            } else {
                view! {
                    <p class="banner banner-info" role="status" data-testid="mail-status">
                        {t(Msg::OutboxNoMailServer)}
                    </p>
                }
                .into_any()
            }
        })
    }
}

#[component]
fn OutboxRow(message: OutboxMessage, outbox: RwSignal<Load<Vec<OutboxMessage>>>) -> impl IntoView {
    let lang = use_lang();
    let failure = RwSignal::new(None::<ApiFailure>);
    let busy = RwSignal::new(false);
    let retryable = matches!(message.status, DeliveryStatus::Failed | DeliveryStatus::GaveUp);
    let retry = {
        let id = message.id.clone();
        move |_| {
            let id = id.clone();
            busy.set(true);
            failure.set(None);
            spawn_local(async move {
                match api::retry_message(&id).await {
                    Ok(updated) => outbox.update(|load| {
                        if let Load::Ready(list) = load
                            && let Some(slot) = list.iter_mut().find(|m| m.id == updated.id)
                        {
                            *slot = updated;
                        }
                    }),
                    Err(f) => failure.set(Some(f)),
                }
                busy.set(false);
            });
        }
    };
    let at = message.created_at;
    let status = message.status;
    let attempts = message.attempts;
    let next_attempt = message.next_attempt_at.filter(|_| status != DeliveryStatus::Sent);
    let sent_at = message.sent_at;
    let subject = message.subject.clone();
    view! {
        <li class="row row-message" data-testid="outbox-row">
            <details>
                <summary>
                    <span class="row-title">{message.subject.clone()}</span>
                    <span class="expander" aria-hidden="true">{t(Msg::OutboxShowMessage)}</span>
                    <span class="row-sub">
                        {t(Msg::OutboxTo)} ": " {message.to.clone()} " · "
                        {move || i18n::date(lang.get(), &at)}
                    </span>
                </summary>
                <pre class="message-body">{message.body.clone()}</pre>
            </details>
            <div class="delivery">
                <span class=format!("status status-{}", i18n::delivery_status_class(status)) data-testid="outbox-status">
                    {t(i18n::delivery_status(status))}
                </span>
                {(attempts > 0).then(|| view! { <span class="meta">{move || i18n::attempts(lang.get(), attempts)}</span> })}
                {sent_at.map(|sent| view! {
                    <span class="meta">{t(Msg::OutboxSentAt)} " " {move || i18n::date_time(lang.get(), &sent)}</span>
                })}
                {next_attempt.map(|next| view! {
                    <span class="meta">{t(Msg::OutboxNextAttempt)} " " {move || i18n::date_time(lang.get(), &next)}</span>
                })}
                {retryable.then(|| view! {
                    <button type="button" class="button button-quiet" data-testid="outbox-retry"
                        aria-label=move || format!("{}: {}", Msg::TryAgain.text(lang.get()), subject)
                        disabled=move || busy.get() on:click=retry>
                        {t(Msg::TryAgain)}
                    </button>
                })}
            </div>
            {message.last_error.clone().filter(|_| status != DeliveryStatus::Sent).map(|error| view! {
                <p class="delivery-error" data-testid="outbox-error">{t(Msg::OutboxLastError)} ": " {error}</p>
            })}
            <ErrorBanner failure />
        </li>
    }
}
