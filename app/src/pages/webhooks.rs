//! `/settings/webhooks` (admins): addresses told of the organisation's events — add
//! one (its signing secret shown once), remove one — and the latest deliveries, each
//! with its last attempt and a way to send it again.

use kaiku_core::webhook::{DeliveryState, WebhookDeliveryView, WebhookEvent, WebhookInput, WebhookView};
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::api;
use crate::browser;
use crate::components::form::{FormErrors, field_error, form_failure, passes};
use crate::components::load::{Load, load, show};
use crate::components::notice::ErrorBanner;
use crate::i18n::{self, Msg, t, use_lang};
use crate::state::page_title;

const FIELDS: &[&str] = &["url", "events"];

fn event_name(event: WebhookEvent) -> Msg {
    match event {
        WebhookEvent::AnswerReceived => Msg::WebhookEventAnswer,
        WebhookEvent::MessageReceived => Msg::WebhookEventMessage,
        WebhookEvent::CounterFeedbackSubmitted => Msg::WebhookEventCounterFeedback,
        WebhookEvent::CaseOpened => Msg::WebhookEventCaseOpened,
        WebhookEvent::CaseClosed => Msg::WebhookEventCaseClosed,
    }
}

fn state_name(state: DeliveryState) -> Msg {
    match state {
        DeliveryState::Waiting => Msg::WebhookStateWaiting,
        DeliveryState::Delivered => Msg::WebhookStateDelivered,
        DeliveryState::Failed => Msg::WebhookStateFailed,
    }
}

#[component]
pub fn WebhooksPage() -> impl IntoView {
    page_title(Msg::WebhooksTitle);
    let hooks = RwSignal::new(Load::<Vec<WebhookView>>::Loading);
    let deliveries = RwSignal::new(Load::<Vec<WebhookDeliveryView>>::Loading);
    let fetch_hooks = move || load(hooks, api::webhooks());
    let fetch_deliveries = move || load(deliveries, api::webhook_deliveries());
    fetch_hooks();
    fetch_deliveries();
    let changed = Callback::new(move |()| {
        fetch_hooks();
        fetch_deliveries();
    });
    view! {
        <h1 class="page-title">{t(Msg::WebhooksTitle)}</h1>
        <section class="card" aria-labelledby="new-webhook-heading">
            <h2 id="new-webhook-heading">{t(Msg::WebhookAdd)}</h2>
            <p class="muted">{t(Msg::WebhooksIntro)}</p>
            <NewWebhook created=changed />
        </section>
        <section class="card" aria-labelledby="webhooks-heading">
            <h2 id="webhooks-heading">{t(Msg::WebhooksTitle)}</h2>
            {move || show(hooks.get(), fetch_hooks, move |list| view! { <WebhookList list changed /> }.into_any())}
        </section>
        <section class="card" aria-labelledby="deliveries-heading">
            <h2 id="deliveries-heading">{t(Msg::WebhookDeliveries)}</h2>
            <p>
                <button type="button" class="button" on:click=move |_| fetch_deliveries()>{t(Msg::WebhookRefresh)}</button>
            </p>
            {move || show(
                deliveries.get(),
                fetch_deliveries,
                move |list| view! { <DeliveryList list changed=Callback::new(move |()| fetch_deliveries()) /> }.into_any(),
            )}
        </section>
    }
}

#[component]
fn NewWebhook(created: Callback<()>) -> impl IntoView {
    let url = RwSignal::new(String::new());
    let chosen = RwSignal::new(vec![WebhookEvent::AnswerReceived]);
    let secret = RwSignal::new(None::<String>);
    let errors = RwSignal::new(FormErrors::default());
    let busy = RwSignal::new(false);
    let url_error = field_error(errors, "url");
    let events_error = field_error(errors, "events");
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        let input = WebhookInput {
            url: url.get_untracked(),
            events: chosen.get_untracked(),
        }
        .normalised();
        if !passes(errors, FormErrors::check([input.check()])) {
            return;
        }
        busy.set(true);
        spawn_local(async move {
            match api::create_webhook(&input).await {
                Ok(made) => {
                    secret.set(Some(made.secret));
                    url.set(String::new());
                    created.run(());
                }
                Err(failure) => errors.set(FormErrors::from_failure(failure, FIELDS)),
            }
            busy.set(false);
        });
    };
    view! {
        <form on:submit=on_submit novalidate data-testid="new-webhook">
            <div class="field" class:field-invalid=move || url_error.with(Option::is_some)>
                <label for="webhook-url">{t(Msg::WebhookUrl)}</label>
                <input id="webhook-url" type="url" inputmode="url" autocomplete="off"
                    prop:value=move || url.get() on:input=move |ev| url.set(event_target_value(&ev)) />
                {move || url_error.get().map(|e| view! { <p class="field-error" role="alert">{e}</p> })}
            </div>
            <fieldset class="field">
                <legend>{t(Msg::WebhookEvents)}</legend>
                {WebhookEvent::ALL.into_iter().map(|event| {
                    let id = format!("event-{}", event.code());
                    view! {
                        <div class="field-check">
                            <input id=id.clone() type="checkbox"
                                prop:checked=move || chosen.with(|c| c.contains(&event))
                                on:change=move |ev| {
                                    let on = event_target_checked(&ev);
                                    chosen.update(|c| {
                                        c.retain(|e| *e != event);
                                        if on {
                                            c.push(event);
                                        }
                                    });
                                } />
                            <label for=id>{t(event_name(event))}</label>
                        </div>
                    }
                }).collect_view()}
                {move || events_error.get().map(|e| view! { <p class="field-error" role="alert">{e}</p> })}
            </fieldset>
            <ErrorBanner failure=form_failure(errors) />
            <button type="submit" class="button button-primary" disabled=move || busy.get()>{t(Msg::WebhookAdd)}</button>
        </form>
        {move || secret.get().map(|secret| view! {
            <div class="notice" role="status">
                <p><strong>{t(Msg::WebhookSecretOnce)}</strong></p>
                <p><code data-testid="webhook-secret">{secret}</code></p>
            </div>
        })}
    }
}

#[component]
fn WebhookList(list: Vec<WebhookView>, changed: Callback<()>) -> impl IntoView {
    let lang = use_lang();
    if list.is_empty() {
        return view! { <p class="empty">{t(Msg::WebhooksEmpty)}</p> }.into_any();
    }
    view! {
        <div class="table-scroll">
        <table class="table" data-testid="webhooks">
            <thead>
                <tr>
                    <th scope="col">{t(Msg::WebhookUrl)}</th>
                    <th scope="col">{t(Msg::WebhookEvents)}</th>
                    <th scope="col">{t(Msg::ApiKeyCreatedBy)}</th>
                    <th scope="col"></th>
                </tr>
            </thead>
            <tbody>
                {list.into_iter().map(|hook| {
                    let events = hook.events.clone();
                    let id = hook.id.clone();
                    let remove = move |_| {
                        if !browser::confirm(Msg::WebhookRemoveConfirm.text(lang.get_untracked())) {
                            return;
                        }
                        let id = id.clone();
                        spawn_local(async move {
                            if api::delete_webhook(&id).await.is_ok() {
                                changed.run(());
                            }
                        });
                    };
                    view! {
                        <tr data-testid="webhook-row">
                            <td class="cell-wrap"><code>{hook.url.clone()}</code></td>
                            <td>{move || events.iter().map(|e| event_name(*e).text(lang.get())).collect::<Vec<_>>().join(", ")}</td>
                            <td>{hook.created_by.name.clone()}</td>
                            <td><button type="button" class="button" on:click=remove>{t(Msg::WebhookRemove)}</button></td>
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </table>
        </div>
    }
    .into_any()
}

#[component]
fn DeliveryList(list: Vec<WebhookDeliveryView>, changed: Callback<()>) -> impl IntoView {
    let lang = use_lang();
    if list.is_empty() {
        return view! { <p class="empty">{t(Msg::WebhookDeliveriesEmpty)}</p> }.into_any();
    }
    view! {
        <div class="table-scroll">
        <table class="table" data-testid="webhook-deliveries">
            <thead>
                <tr>
                    <th scope="col">{t(Msg::WebhookEvent)}</th>
                    <th scope="col">{t(Msg::WebhookHappened)}</th>
                    <th scope="col">{t(Msg::WebhookState)}</th>
                    <th scope="col">{t(Msg::WebhookLastAttempt)}</th>
                    <th scope="col"></th>
                </tr>
            </thead>
            <tbody>
                {list.into_iter().map(|delivery| {
                    let id = delivery.id.clone();
                    let state = delivery.state;
                    let last = match (delivery.response_status, delivery.error.clone()) {
                        (_, Some(error)) => error,
                        (Some(status), None) => format!("HTTP {status}"),
                        (None, None) => String::new(),
                    };
                    let at = delivery.occurred_at;
                    let send_again = move |_| {
                        let id = id.clone();
                        spawn_local(async move {
                            if api::resend_webhook_delivery(&id).await.is_ok() {
                                changed.run(());
                            }
                        });
                    };
                    view! {
                        <tr data-testid="delivery-row">
                            <td>{t(event_name(delivery.event))}</td>
                            <td>{move || i18n::date_time(lang.get(), &at)}</td>
                            <td data-testid="delivery-state">{t(state_name(state))}</td>
                            <td class="cell-wrap">{last}</td>
                            <td>
                                {(state != DeliveryState::Waiting).then(|| view! {
                                    <button type="button" class="button" on:click=send_again>{t(Msg::WebhookSendAgain)}</button>
                                })}
                            </td>
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </table>
        </div>
    }
    .into_any()
}
