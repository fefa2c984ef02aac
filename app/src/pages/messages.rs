//! `/messages`: the newest customer messages on the caller's accounts and, for
//! leaders and admins, the Unmatched queue where each is placed on its account
//! (teaching Kaiku the sender's domain if wanted). Opening the page resets the count
//! in the navigation. `MessageCard` is one message as the team reads it, also in the
//! account's timeline.

use kaiku_core::account::AccountView;
use kaiku_core::message::{AssignInput, MessageImportReport, MessageImportRequest, MessageSource, MessageView};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use wasm_bindgen::JsCast;

use crate::api::{self, ApiFailure};
use crate::app::{page_title, use_app};
use crate::components::analysis::AnalysisLabels;
use crate::components::form::{FormErrors, form_failure};
use crate::components::load::{Load, load, show};
use crate::components::notice::ErrorBanner;
use crate::i18n::{self, Msg, t, use_lang};
use crate::pages::account_import::read_file;
use crate::pages::cases::fill;

pub fn source_name(source: MessageSource) -> Msg {
    match source {
        MessageSource::Email => Msg::SourceEmail,
        MessageSource::Chat => Msg::SourceChat,
        MessageSource::HelpdeskTicket => Msg::SourceHelpdeskTicket,
        MessageSource::Complaint => Msg::SourceComplaint,
        MessageSource::Praise => Msg::SourcePraise,
        MessageSource::Idea => Msg::SourceIdea,
        MessageSource::MeetingNote => Msg::SourceMeetingNote,
        MessageSource::PhoneCall => Msg::SourcePhoneCall,
    }
}

fn sender(message: &MessageView) -> String {
    match (message.sender_name.is_empty(), message.sender_email.is_empty()) {
        (false, false) => format!("{} <{}>", message.sender_name, message.sender_email),
        (false, true) => message.sender_name.clone(),
        (true, _) => message.sender_email.clone(),
    }
}

/// One message: kind, when, from whom, the account (when asked), the words and the
/// analysis labels with the words behind them.
#[component]
pub fn MessageCard(message: MessageView, #[prop(optional)] with_account: bool) -> impl IntoView {
    let lang = use_lang();
    let at = message.received_at;
    let from = sender(&message);
    let by = message.created_by.as_ref().map(|p| p.name.clone());
    let via_key = message.api_key.is_some();
    let account = with_account
        .then(|| message.account.clone())
        .flatten()
        .map(|a| view! { " · " <A href=format!("/accounts/{}", a.id)>{a.name}</A> });
    view! {
        <article class="message-card" data-testid="message-card" data-urgent=message.urgent.then_some("true")>
            <p class="message-meta">
                <strong>{t(source_name(message.source))}</strong>
                " · "
                {move || i18n::date(lang.get(), &at)}
                {account}
            </p>
            {message.urgent.then(|| view! { <p class="badge badge-danger" data-testid="message-urgent">{t(Msg::MessageUrgent)}</p> })}
            {(!from.is_empty()).then(|| view! { <p class="muted">{t(Msg::MessageFrom)} ": " {from}</p> })}
            {by.map(|name| view! { <p class="muted">{t(Msg::MessageWrittenBy)} ": " {name}</p> })}
            {via_key.then(|| view! { <p class="muted">{t(Msg::MessageVia)}</p> })}
            {(!message.subject.is_empty()).then(|| view! { <p><strong>{message.subject.clone()}</strong></p> })}
            <blockquote class="message-body">{message.body.clone()}</blockquote>
            <AnalysisLabels analysis=message.analysis.clone() />
        </article>
    }
}

#[component]
pub fn MessagesPage() -> impl IntoView {
    page_title(Msg::MessagesTitle);
    let sees_all = use_app()
        .session
        .with_untracked(|s| s.as_ref().is_some_and(|s| s.user.role.sees_all_accounts()));
    let mine = RwSignal::new(Load::<Vec<MessageView>>::Loading);
    let fetch = move || load(mine, api::my_messages());
    fetch();
    // Looking at the page is what the count in the navigation waits for.
    spawn_local(async move {
        let _ = api::messages_seen().await;
    });
    view! {
        <h1 class="page-title">{t(Msg::MessagesTitle)}</h1>
        {sees_all.then(|| view! { <Unmatched /> <MessageImport imported=Callback::new(move |()| fetch()) /> })}
        <section class="card" aria-labelledby="mine-heading">
            <h2 id="mine-heading">{t(Msg::MessagesMine)}</h2>
            {move || show(mine.get(), fetch, |messages| {
                if messages.is_empty() {
                    return view! { <p class="empty">{t(Msg::MessagesMineEmpty)}</p> }.into_any();
                }
                view! {
                    <ul class="message-list">
                        {messages.into_iter().map(|message| view! {
                            <li><MessageCard message with_account=true /></li>
                        }).collect_view()}
                    </ul>
                }
                .into_any()
            })}
        </section>
    }
}

#[component]
fn Unmatched() -> impl IntoView {
    let queue = RwSignal::new(Load::<Vec<MessageView>>::Loading);
    let accounts = RwSignal::new(Vec::<AccountView>::new());
    let fetch = move || load(queue, api::unmatched_messages());
    fetch();
    spawn_local(async move {
        if let Ok(all) = api::accounts(false).await {
            accounts.set(all);
        }
    });
    view! {
        <section class="card" aria-labelledby="unmatched-heading" data-testid="unmatched">
            <h2 id="unmatched-heading">{t(Msg::MessagesUnmatched)}</h2>
            <p class="muted">{t(Msg::MessagesUnmatchedIntro)}</p>
            {move || show(queue.get(), fetch, move |messages| {
                if messages.is_empty() {
                    return view! { <p class="empty">{t(Msg::MessagesUnmatchedEmpty)}</p> }.into_any();
                }
                view! {
                    <ul class="message-list">
                        {messages.into_iter().map(|message| {
                            let id = message.id.clone();
                            view! {
                                <li>
                                    <MessageCard message />
                                    <AssignForm id accounts placed=Callback::new(move |()| fetch()) />
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                }
                .into_any()
            })}
        </section>
    }
}

#[component]
fn AssignForm(id: String, accounts: RwSignal<Vec<AccountView>>, placed: Callback<()>) -> impl IntoView {
    let account = RwSignal::new(String::new());
    let teach = RwSignal::new(false);
    let busy = RwSignal::new(false);
    let errors = RwSignal::new(FormErrors::default());
    let select_id = format!("assign-{id}");
    let teach_id = format!("teach-{id}");
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let account_id = account.get_untracked();
        if busy.get_untracked() || account_id.is_empty() {
            return;
        }
        busy.set(true);
        let id = id.clone();
        let input = AssignInput {
            account_id,
            contact_id: None,
            teach_domain: teach.get_untracked(),
        };
        spawn_local(async move {
            match api::assign_message(&id, &input).await {
                Ok(_) => placed.run(()),
                Err(failure) => errors.set(FormErrors::from_failure(failure, &["account_id", "teach_domain"])),
            }
            busy.set(false);
        });
    };
    view! {
        <form class="assign-form" on:submit=on_submit novalidate data-testid="assign-form">
            <div class="field">
                <label for=select_id.clone()>{t(Msg::MessageAccount)}</label>
                <select id=select_id on:change=move |ev| account.set(event_target_value(&ev))>
                    <option value="">{t(Msg::MessageChooseAccount)}</option>
                    {move || accounts.get().into_iter().map(|a| view! { <option value=a.id>{a.name}</option> }).collect_view()}
                </select>
            </div>
            <div class="field field-check">
                <input id=teach_id.clone() type="checkbox" on:change=move |ev| teach.set(event_target_checked(&ev)) />
                <label for=teach_id>{t(Msg::MessageTeachDomain)}</label>
            </div>
            <ErrorBanner failure=form_failure(errors) />
            <button type="submit" class="button" disabled=move || busy.get() || account.with(String::is_empty)>
                {t(Msg::MessageAssign)}
            </button>
        </form>
    }
}

/// CSV import of messages (leaders and admins): choose or paste a file, preview what
/// each row would become, then import the good rows.
#[component]
fn MessageImport(imported: Callback<()>) -> impl IntoView {
    let lang = use_lang();
    let csv = RwSignal::new(String::new());
    let report = RwSignal::new(None::<MessageImportReport>);
    let failure = RwSignal::new(None::<ApiFailure>);
    let busy = RwSignal::new(false);
    let run = move |dry_run: bool| {
        let req = MessageImportRequest {
            csv: csv.get_untracked(),
            dry_run,
        };
        busy.set(true);
        failure.set(None);
        spawn_local(async move {
            match api::import_messages(&req).await {
                Ok(result) => {
                    if !dry_run {
                        imported.run(());
                    }
                    report.set(Some(result));
                }
                Err(f) => failure.set(Some(f)),
            }
            busy.set(false);
        });
    };
    let on_file = move |ev: leptos::ev::Event| {
        let Some(input) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) else {
            return;
        };
        spawn_local(async move {
            if let Some(text) = read_file(input).await {
                csv.set(text);
                report.set(None);
            }
        });
    };
    let can_import = move || report.with(|r| r.as_ref().is_some_and(|r| r.dry_run && r.created > 0));
    view! {
        <details class="card import" data-testid="message-import">
            <summary>{t(Msg::MessageImportTitle)}</summary>
            <p class="muted">{t(Msg::MessageImportHelp)}</p>
            <div class="field">
                <label for="message-import-file">{t(Msg::ImportFile)}</label>
                <input id="message-import-file" type="file" accept=".csv,text/csv" on:change=on_file />
            </div>
            <div class="field">
                <label for="message-import-csv">{t(Msg::ImportPaste)}</label>
                <textarea id="message-import-csv" rows="6" bind:value=csv on:input=move |_| report.set(None)></textarea>
            </div>
            <ErrorBanner failure=failure />
            <div class="form-actions">
                <button type="button" class="button" disabled=move || busy.get() on:click=move |_| run(true)>
                    {t(Msg::ImportPreview)}
                </button>
                <button type="button" class="button button-primary" disabled=move || busy.get() || !can_import()
                    on:click=move |_| run(false)>
                    {t(Msg::ImportRun)}
                </button>
            </div>
            {move || report.get().map(|r| {
                let summary = fill(
                    lang.get(),
                    Msg::MessageImportSummary,
                    &[("c", &r.created.to_string()), ("d", &r.duplicates.to_string()), ("r", &r.refused.to_string())],
                );
                view! {
                    <p class="banner" class:banner-success=!r.dry_run class:banner-info=r.dry_run role="status">{summary}</p>
                    <table class="import-rows" data-testid="message-import-rows">
                        <thead>
                            <tr>
                                <th scope="col">{t(Msg::ImportLine)}</th>
                                <th scope="col">{t(Msg::MessageAccount)}</th>
                                <th scope="col">{t(Msg::ImportOutcome)}</th>
                            </tr>
                        </thead>
                        <tbody>
                            {r.rows.into_iter().map(|row| {
                                let refused = row.error.is_some();
                                let outcome = match &row.error {
                                    Some(message) => i18n::import_problem(lang.get(), row.field.as_deref(), message),
                                    None if row.duplicate => Msg::MessageImportDuplicate.text(lang.get()).to_string(),
                                    None => Msg::MessageImportNew.text(lang.get()).to_string(),
                                };
                                let account = row.account.unwrap_or_else(|| Msg::MessagesUnmatched.text(lang.get()).to_string());
                                view! {
                                    <tr class:row-refused=refused>
                                        <td>{row.line}</td>
                                        <td>{if refused { String::new() } else { account }}</td>
                                        <td>{if refused { "✗ " } else { "✓ " }} {outcome}</td>
                                    </tr>
                                }
                            }).collect_view()}
                        </tbody>
                    </table>
                }
            })}
        </details>
    }
}
