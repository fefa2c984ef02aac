//! `/settings/api-keys` (admins): the organisation's API keys — name, scopes, when
//! each was last used, revoke — and a new key, whose secret is shown once.

use kaiku_core::message::{ApiKeyInput, ApiKeyScope, ApiKeyView};
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::api;
use crate::browser;
use crate::components::form::{FormErrors, field_error, form_failure, passes};
use crate::components::load::{Load, load, show};
use crate::components::notice::ErrorBanner;
use crate::i18n::{self, Msg, t, use_lang};
use crate::state::page_title;

const FIELDS: &[&str] = &["name", "scopes"];

fn scope_name(scope: ApiKeyScope) -> Msg {
    match scope {
        ApiKeyScope::MessagesWrite => Msg::ApiKeyScopeWrite,
        ApiKeyScope::Read => Msg::ApiKeyScopeRead,
    }
}

#[component]
pub fn ApiKeysPage() -> impl IntoView {
    page_title(Msg::ApiKeysTitle);
    let keys = RwSignal::new(Load::<Vec<ApiKeyView>>::Loading);
    let fetch = move || load(keys, api::api_keys());
    fetch();
    view! {
        <h1 class="page-title">{t(Msg::ApiKeysTitle)}</h1>
        <section class="card" aria-labelledby="new-key-heading">
            <h2 id="new-key-heading">{t(Msg::ApiKeyCreate)}</h2>
            <p class="muted">{t(Msg::ApiKeysIntro)}</p>
            <NewKey created=Callback::new(move |()| fetch()) />
        </section>
        <section class="card" aria-labelledby="keys-heading">
            <h2 id="keys-heading">{t(Msg::ApiKeysTitle)}</h2>
            {move || show(keys.get(), fetch, move |list| view! { <KeyList list changed=Callback::new(move |()| fetch()) /> }.into_any())}
        </section>
    }
}

#[component]
fn NewKey(created: Callback<()>) -> impl IntoView {
    let name = RwSignal::new(String::new());
    let write = RwSignal::new(true);
    let read = RwSignal::new(false);
    let secret = RwSignal::new(None::<String>);
    let errors = RwSignal::new(FormErrors::default());
    let busy = RwSignal::new(false);
    let name_error = field_error(errors, "name");
    let scopes_error = field_error(errors, "scopes");
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        let mut scopes = Vec::new();
        if write.get_untracked() {
            scopes.push(ApiKeyScope::MessagesWrite);
        }
        if read.get_untracked() {
            scopes.push(ApiKeyScope::Read);
        }
        let input = ApiKeyInput {
            name: name.get_untracked(),
            scopes,
        }
        .normalised();
        if !passes(errors, FormErrors::check([input.check()])) {
            return;
        }
        busy.set(true);
        spawn_local(async move {
            match api::create_api_key(&input).await {
                Ok(made) => {
                    secret.set(Some(made.secret));
                    name.set(String::new());
                    created.run(());
                }
                Err(failure) => errors.set(FormErrors::from_failure(failure, FIELDS)),
            }
            busy.set(false);
        });
    };
    view! {
        <form on:submit=on_submit novalidate data-testid="new-key">
            <div class="field" class:field-invalid=move || name_error.with(Option::is_some)>
                <label for="name">{t(Msg::ApiKeyName)}</label>
                <input id="name" type="text" prop:value=move || name.get() on:input=move |ev| name.set(event_target_value(&ev)) />
                {move || name_error.get().map(|e| view! { <p class="field-error" role="alert">{e}</p> })}
            </div>
            <fieldset class="field">
                <legend>{t(Msg::ApiKeyScopes)}</legend>
                <div class="field-check">
                    <input id="scope-write" type="checkbox" prop:checked=move || write.get()
                        on:change=move |ev| write.set(event_target_checked(&ev)) />
                    <label for="scope-write">{t(Msg::ApiKeyScopeWrite)}</label>
                </div>
                <div class="field-check">
                    <input id="scope-read" type="checkbox" prop:checked=move || read.get()
                        on:change=move |ev| read.set(event_target_checked(&ev)) />
                    <label for="scope-read">{t(Msg::ApiKeyScopeRead)}</label>
                </div>
                {move || scopes_error.get().map(|e| view! { <p class="field-error" role="alert">{e}</p> })}
            </fieldset>
            <ErrorBanner failure=form_failure(errors) />
            <button type="submit" class="button button-primary" disabled=move || busy.get()>{t(Msg::ApiKeyCreate)}</button>
        </form>
        {move || secret.get().map(|secret| view! {
            <div class="notice" role="status">
                <p><strong>{t(Msg::ApiKeySecretOnce)}</strong></p>
                <p><code data-testid="api-key-secret">{secret}</code></p>
            </div>
        })}
    }
}

#[component]
fn KeyList(list: Vec<ApiKeyView>, changed: Callback<()>) -> impl IntoView {
    let lang = use_lang();
    if list.is_empty() {
        return view! { <p class="empty">{t(Msg::ApiKeysEmpty)}</p> }.into_any();
    }
    view! {
        <table class="table" data-testid="api-keys">
            <thead>
                <tr>
                    <th scope="col">{t(Msg::ApiKeyName)}</th>
                    <th scope="col">{t(Msg::ApiKeyScopes)}</th>
                    <th scope="col">{t(Msg::ApiKeyCreatedBy)}</th>
                    <th scope="col">{t(Msg::ApiKeyLastUsed)}</th>
                    <th scope="col"></th>
                </tr>
            </thead>
            <tbody>
                {list.into_iter().map(|key| {
                    let scopes = key.scopes.clone();
                    let last = key.last_used_at;
                    let revoked = key.revoked_at.is_some();
                    let id = key.id.clone();
                    let revoke = move |_| {
                        if !browser::confirm(Msg::ApiKeyRevokeConfirm.text(lang.get_untracked())) {
                            return;
                        }
                        let id = id.clone();
                        spawn_local(async move {
                            if api::revoke_api_key(&id).await.is_ok() {
                                changed.run(());
                            }
                        });
                    };
                    view! {
                        <tr>
                            <td>{key.name.clone()} " " <code>{key.prefix.clone()} "…"</code></td>
                            <td>{move || scopes.iter().map(|s| scope_name(*s).text(lang.get())).collect::<Vec<_>>().join(", ")}</td>
                            <td>{key.created_by.name.clone()}</td>
                            <td>{move || last.map_or_else(|| Msg::ApiKeyNeverUsed.text(lang.get()).to_string(), |at| i18n::date(lang.get(), &at))}</td>
                            <td>
                                {if revoked {
                                    view! { <span class="muted">{t(Msg::ApiKeyRevoked)}</span> }.into_any()
                                } else {
                                    view! { <button type="button" class="button" on:click=revoke>{t(Msg::ApiKeyRevoke)}</button> }.into_any()
                                }}
                            </td>
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </table>
    }
    .into_any()
}
