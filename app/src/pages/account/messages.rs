//! The account page's form for a message the team heard: a meeting note, a call, an
//! email pasted in. It goes through the sync outbox, so it can be written offline (on
//! the train after the meeting) and reaches the server once; there it is analysed
//! like an answer and joins the timeline. Until then it is listed under the form.

use kaiku_core::message::{MessageInput, MessageSource};
use kaiku_core::sync::{Mutation, MutationKind};
use kaiku_core::validate::FieldError;
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::components::field::{FieldError as FieldErrorText, described_by};
use crate::components::form::{FormErrors, Problem, field_error, form_failure, passes};
use crate::components::notice::{ErrorBanner, Success};
use crate::i18n::{Msg, t, use_lang};
use crate::offline::sync::{NotQueued, new_client_id, use_sync};
use crate::pages::messages::source_name;

/// The form's problem when the device could not store the message.
const NOT_QUEUED: &str = "queue";

#[component]
pub fn MessageForm(account_id: String) -> impl IntoView {
    let lang = use_lang();
    let sync = use_sync();
    let source = RwSignal::new(MessageSource::MeetingNote);
    let subject = RwSignal::new(String::new());
    let body = RwSignal::new(String::new());
    let sender_name = RwSignal::new(String::new());
    let errors = RwSignal::new(FormErrors::default());
    let busy = RwSignal::new(false);
    let done = RwSignal::new(false);
    let done_text = Signal::derive(move || done.get().then(|| Msg::MessageSaved.text(lang.get()).to_string()));
    let body_error = field_error(errors, "body");
    let not_queued = field_error(errors, NOT_QUEUED);
    let waiting = {
        let account_id = account_id.clone();
        Memo::new(move |_| {
            sync.pending_mutations()
                .get()
                .into_iter()
                .filter(|m| m.kind == MutationKind::PostMessage)
                .filter_map(|m| m.message)
                .filter(|posted| posted.account_id == account_id)
                .map(|posted| posted.message)
                .collect::<Vec<_>>()
        })
    };
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        done.set(false);
        let input = MessageInput {
            source: source.get_untracked(),
            received_at: None,
            sender_name: sender_name.get_untracked(),
            sender_email: String::new(),
            subject: subject.get_untracked(),
            body: body.get_untracked(),
            external_id: None,
            account_id: None,
            contact_id: None,
            language: None,
            attachments: Vec::new(),
        }
        .normalised();
        let checks: Vec<Result<(), FieldError>> = vec![input.check()];
        if !passes(errors, FormErrors::check(checks)) {
            return;
        }
        busy.set(true);
        let account_id = account_id.clone();
        spawn_local(async move {
            match sync
                .enqueue(Mutation::post_message(new_client_id(), account_id, input))
                .await
            {
                Ok(()) => {
                    subject.set(String::new());
                    body.set(String::new());
                    sender_name.set(String::new());
                    done.set(true);
                }
                Err(NotQueued) => errors.update(|e| e.add(NOT_QUEUED, Problem::Message(Msg::MessageNotQueued))),
            }
            busy.set(false);
        });
    };
    view! {
        <section class="card" aria-labelledby="message-form-heading">
            <h2 id="message-form-heading">{t(Msg::MessageFormTitle)}</h2>
            <form on:submit=on_submit novalidate data-testid="message-form">
                <div class="field">
                    <label for="source">{t(Msg::MessageSource)}</label>
                    <select
                        id="source"
                        on:change=move |ev| {
                            if let Some(chosen) = MessageSource::from_code(&event_target_value(&ev)) {
                                source.set(chosen);
                            }
                        }
                    >
                        {MessageSource::ALL.into_iter().map(|s| view! {
                            <option value=s.code() selected=move || source.get() == s>{t(source_name(s))}</option>
                        }).collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label for="sender_name">{t(Msg::MessageSenderName)}</label>
                    <input id="sender_name" type="text" prop:value=move || sender_name.get()
                        on:input=move |ev| sender_name.set(event_target_value(&ev)) />
                </div>
                <div class="field">
                    <label for="subject">{t(Msg::MessageSubject)}</label>
                    <input id="subject" type="text" prop:value=move || subject.get()
                        on:input=move |ev| subject.set(event_target_value(&ev)) />
                </div>
                <div class="field" class:field-invalid=move || body_error.with(Option::is_some)>
                    <label for="body">{t(Msg::MessageBody)}</label>
                    <textarea
                        id="body"
                        rows="4"
                        aria-invalid=move || body_error.with(Option::is_some).to_string()
                        aria-describedby=described_by(None, "body-error".to_string(), body_error)
                        prop:value=move || body.get()
                        on:input=move |ev| body.set(event_target_value(&ev))
                    ></textarea>
                    <FieldErrorText id="body-error".to_string() error=body_error />
                </div>
                <ErrorBanner failure=form_failure(errors) />
                <FieldErrorText id="message-queue-error".to_string() error=not_queued />
                <Success message=done_text />
                <button type="submit" class="button button-primary" disabled=move || busy.get()>
                    {move || if busy.get() { t(Msg::Saving)() } else { t(Msg::MessageSave)() }}
                </button>
            </form>
            <Show when=move || waiting.with(|w| !w.is_empty())>
                <h3>{t(Msg::MessagesNotYetSent)}</h3>
                <ul class="plain">
                    {move || waiting.get().into_iter().map(|message| view! {
                        <li class="muted" data-testid="waiting-message">
                            {t(source_name(message.source))} ": " {message.body}
                        </li>
                    }).collect_view()}
                </ul>
            </Show>
        </section>
    }
}
