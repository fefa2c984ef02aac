//! `/messages`: the newest customer messages on the caller's accounts and, for
//! leaders and admins, the Unmatched queue where each is placed on its account
//! (teaching Kaiku the sender's domain if wanted). Opening the page resets the count
//! in the navigation. `MessageCard` is one message as the team reads it, also in the
//! account's timeline.

use kaiku_core::account::{AccountView, ImportRequest};
use kaiku_core::message::{AssignInput, MessageImportReport, MessageImportRequest, MessageSource, MessageView};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;

use crate::api;
use crate::components::analysis::AnalysisLabels;
use crate::components::csv_import::{CsvImport, ImportReportTable, verdict};
use crate::components::form::{FormErrors, form_failure};
use crate::components::load::{Load, load, show};
use crate::components::notice::ErrorBanner;
use crate::i18n::fill;
use crate::i18n::{self, Msg, t, use_lang};
use crate::state::{page_title, use_app};

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
            {message.from_mailbox.then(|| view! { <p class="muted">{t(Msg::MessageFromMailbox)}</p> })}
            {(!message.subject.is_empty()).then(|| view! { <p><strong>{message.subject.clone()}</strong></p> })}
            <blockquote class="message-body">{message.body.clone()}</blockquote>
            {(!message.attachments.is_empty()).then(|| view! {
                <p class="muted" data-testid="message-attachments">{t(Msg::MessageAttachments)} ": " {message.attachments.join(", ")}</p>
            })}
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
    view! {
        <CsvImport
            title=Msg::MessageImportTitle
            help=Msg::MessageImportHelp
            example=i18n::MESSAGE_IMPORT_EXAMPLE
            send=|request: ImportRequest| async move {
                api::import_messages(&MessageImportRequest { csv: request.csv, dry_run: request.dry_run }).await
            }
            importable=importable
            report=report
            imported
            test_id="message-import"
        />
    }
}

/// A preview that found messages to store.
fn importable(r: &MessageImportReport) -> bool {
    r.dry_run && r.created > 0
}

fn report(report: MessageImportReport) -> AnyView {
    view! { <MessageReport report /> }.into_any()
}

#[component]
fn MessageReport(report: MessageImportReport) -> impl IntoView {
    let lang = use_lang().get_untracked();
    let summary = fill(
        lang,
        Msg::MessageImportSummary,
        &[
            ("c", &report.created.to_string()),
            ("d", &report.duplicates.to_string()),
            ("r", &report.refused.to_string()),
        ],
    );
    let headers = vec![Msg::ImportLine, Msg::MessageAccount, Msg::ImportOutcome];
    view! {
        <ImportReportTable summary dry_run=report.dry_run headers test_id="message-import-rows">
            {report
                .rows
                .into_iter()
                .map(|row| {
                    let refused = row.error.is_some();
                    let outcome = match &row.error {
                        Some(message) => i18n::import_problem(lang, row.field.as_deref(), message),
                        None if row.duplicate => Msg::MessageImportDuplicate.text(lang).to_string(),
                        None => Msg::MessageImportNew.text(lang).to_string(),
                    };
                    let account = row.account.unwrap_or_else(|| Msg::MessagesUnmatched.text(lang).to_string());
                    view! {
                        <tr class:row-refused=refused>
                            <td>{row.line}</td>
                            <td>{if refused { String::new() } else { account }}</td>
                            <td>{verdict(refused, outcome)}</td>
                        </tr>
                    }
                })
                .collect_view()}
        </ImportReportTable>
    }
}
