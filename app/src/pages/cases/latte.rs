//! The LATTE steps of a case, each a visible part of the page with who took it and
//! when: Listen (what was heard, the hypothesis), Acknowledge, Thank and Explain (an
//! email drafted in the contact's language and edited before sending, or a logged call
//! or meeting), Take action (the account's actions linked).

use kaiku_core::account::ContactView;
use kaiku_core::case::{CaseView, Channel, Step, StepInput, StepView};
use kaiku_core::counterfeedback::{ActionStatus, ActionView};
use kaiku_core::sync::Mutation;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;

use super::{Sending, channel_name, fill, step_name};
use crate::api;
use crate::browser;
use crate::components::field::{FieldError, described_by};
use crate::components::form::{FormErrors, Problem, field_error, form_failure, passes};
use crate::components::load::Load;
use crate::components::notice::ErrorBanner;
use crate::i18n::{self, Msg, t, use_lang};
use crate::offline::sync::{NotQueued, SyncState, new_client_id, use_sync};

/// The request fields a step's server error can name.
const STEP_FIELDS: &[&str] = &[
    "note",
    "hypothesis",
    "channel",
    "contact_id",
    "email_subject",
    "email_body",
    "action_ids",
];

fn step_help(step: Step) -> Msg {
    match step {
        Step::Listen => Msg::StepListenHelp,
        Step::Acknowledge => Msg::StepAcknowledgeHelp,
        Step::TakeAction => Msg::StepTakeActionHelp,
        Step::Thank => Msg::StepThankHelp,
        Step::Explain => Msg::StepExplainHelp,
    }
}

/// An empty step of `step`, for a form to fill in.
pub fn blank(step: Step) -> StepInput {
    StepInput {
        step,
        note: String::new(),
        hypothesis: String::new(),
        channel: None,
        contact_id: None,
        email_subject: String::new(),
        email_body: String::new(),
        action_ids: Vec::new(),
    }
}

/// A labelled multi-line field; `id` is unique on the page, `field` the request field.
#[component]
pub fn TextArea(
    id: String,
    label: Msg,
    value: RwSignal<String>,
    #[prop(optional, into)] error: Signal<Option<String>>,
    #[prop(optional)] hint: Option<Msg>,
    #[prop(default = 4)] rows: u32,
) -> impl IntoView {
    let hint_id = format!("{id}-hint");
    let error_id = format!("{id}-error");
    let describedby = described_by(hint.map(|_| hint_id.clone()), error_id.clone(), error);
    view! {
        <div class="field" class:field-invalid=move || error.with(Option::is_some)>
            <label for=id.clone()>{t(label)}</label>
            {hint.map(|hint| view! { <p class="field-hint" id=hint_id>{t(hint)}</p> })}
            <textarea
                id=id.clone()
                rows=rows
                aria-invalid=move || error.with(Option::is_some).to_string()
                aria-describedby=describedby
                prop:value=move || value.get()
                on:input=move |ev| value.set(event_target_value(&ev))
            ></textarea>
            <FieldError id=error_id error />
        </div>
    }
}

/// Where a case's forms send its steps.
#[derive(Clone, Copy)]
struct Submit {
    case_id: StoredValue<String>,
    saved: Callback<CaseView>,
    sync: SyncState,
}

impl Submit {
    /// Sends a step after the same checks the server makes, and calls `sent` once it is
    /// on its way. An email goes at once (it needs the connection anyway, and the
    /// case as it then stands goes to `saved`); every other step — a Listen note, a
    /// logged call or meeting, linked actions — goes through the sync outbox, so it
    /// can be written offline.
    fn step(self, input: StepInput, sending: Sending, sent: impl Fn() + Send + Sync + 'static) {
        let input = input.normalised();
        if !passes(sending.errors, FormErrors::check([input.check()])) || sending.busy.get_untracked() {
            return;
        }
        let case_id = self.case_id.get_value();
        if input.channel == Some(Channel::Email) {
            let saved = self.saved;
            let after = Callback::new(move |view: CaseView| {
                sent();
                saved.run(view);
            });
            return sending.send(
                async move { api::case_step(&case_id, &input).await },
                STEP_FIELDS,
                after,
            );
        }
        sending.busy.set(true);
        let sync = self.sync;
        spawn_local(async move {
            match sync.enqueue(Mutation::case_step(new_client_id(), case_id, input)).await {
                Ok(()) => sent(),
                Err(NotQueued) => sending
                    .errors
                    .update(|e| e.add(NOT_QUEUED, Problem::Message(Msg::StepNotQueued))),
            }
            sending.busy.set(false);
        });
    }
}

/// The form's problem when the device could not store a step.
const NOT_QUEUED: &str = "queue";

/// What stopped a step: the server's refusal, or the device not storing it.
#[component]
fn StepProblems(errors: RwSignal<FormErrors>) -> impl IntoView {
    let not_queued = field_error(errors, NOT_QUEUED);
    view! {
        <ErrorBanner failure=form_failure(errors) />
        {move || not_queued.get().map(|text| view! { <p class="field-error" role="alert">{text}</p> })}
    }
}

/// The five steps in order, each with what was done and, for those who work the
/// case while it is open, the form to do it.
#[component]
pub fn LatteSteps(
    case: CaseView,
    contacts: RwSignal<Load<Vec<ContactView>>>,
    actions: RwSignal<Load<Vec<ActionView>>>,
    saved: Callback<CaseView>,
) -> impl IntoView {
    let workable = case.can_work && case.summary.status == kaiku_core::case::CaseStatus::Open;
    let sync = use_sync();
    let submit = Submit {
        case_id: StoredValue::new(case.summary.id.clone()),
        saved,
        sync,
    };
    let case_id = case.summary.id.clone();
    let account_id = case.summary.account.id.clone();
    let linked: Vec<String> = case.actions.iter().map(|a| a.id.clone()).collect();
    Step::ALL
        .into_iter()
        .map(|step| {
            let taken: Vec<StepView> = case.steps.iter().filter(|s| s.step == step).cloned().collect();
            let done = !taken.is_empty();
            let heading = format!("step-{}", step.code());
            let labelled_by = heading.clone();
            let form = workable.then(|| match step {
                Step::Listen => view! { <ListenForm submit /> }.into_any(),
                Step::TakeAction => view! {
                    <ActionsForm submit account_id=account_id.clone() actions linked=linked.clone() />
                }
                .into_any(),
                _ => view! { <ConversationForm submit step contacts /> }.into_any(),
            });
            let waiting = waiting_steps(sync, case_id.clone(), step);
            let linked_actions = (step == Step::TakeAction).then(|| case.actions.clone());
            view! {
                <section
                    class="card latte-step"
                    class:latte-done=done
                    aria-labelledby=labelled_by
                    data-testid=format!("latte-{}", step.code())
                >
                    <h3 id=heading>
                        {t(step_name(step))}
                        {done.then(|| view! { " " <span class="tag tag-good">"✓"</span> })}
                    </h3>
                    <p class="muted">{t(step_help(step))}</p>
                    {if done {
                        view! { <ul class="list">{taken.into_iter().map(|s| view! { <TakenStep step=s /> }).collect_view()}</ul> }
                            .into_any()
                    } else {
                        view! { <p class="empty">{t(Msg::StepNotTaken)}</p> }.into_any()
                    }}
                    <ul class="list">
                        {move || waiting.get().into_iter().map(|input| view! { <WaitingStep input /> }).collect_view()}
                    </ul>
                    {linked_actions.map(|list| view! { <LinkedActions list /> })}
                    {form}
                </section>
            }
        })
        .collect_view()
}

/// The steps of `step` on this case still in the device's outbox, oldest first.
fn waiting_steps(sync: SyncState, case_id: String, step: Step) -> Signal<Vec<StepInput>> {
    let pending = sync.pending_mutations();
    Signal::derive(move || {
        pending.with(|list| {
            list.iter()
                .filter_map(|m| m.case_step.as_ref())
                .filter(|c| c.case_id == case_id && c.step.step == step)
                .map(|c| c.step.clone())
                .collect()
        })
    })
}

/// A step written on this device that has not reached the server yet.
#[component]
fn WaitingStep(input: StepInput) -> impl IntoView {
    let text = |label: Msg, value: String| {
        (!value.is_empty()).then(|| view! { <div><dt>{t(label)}</dt><dd class="verbatim">{value}</dd></div> })
    };
    let heard = if input.step == Step::Listen {
        Msg::StepHeard
    } else {
        Msg::StepNote
    };
    view! {
        <li class="taken-step" data-testid="waiting-step">
            <p class="row-sub">
                <span class="tag tag-warning">{t(Msg::StepWaiting)}</span>
                {input.channel.map(|c| view! { " · " {t(channel_name(c))} })}
            </p>
            <dl class="answers">
                {text(heard, input.note.clone())}
                {text(Msg::StepHypothesis, input.hypothesis.clone())}
            </dl>
        </li>
    }
}

/// One step as it was taken: who and when, and what it said.
#[component]
fn TakenStep(step: StepView) -> impl IntoView {
    let lang = use_lang();
    let at = step.at;
    let by = step.by.name.clone();
    let line = move || {
        fill(
            lang.get(),
            Msg::StepBy,
            &[("name", &by), ("when", &i18n::date_time(lang.get(), &at))],
        )
    };
    let text = |label: Msg, value: String| {
        (!value.is_empty()).then(|| view! { <div><dt>{t(label)}</dt><dd class="verbatim">{value}</dd></div> })
    };
    let (heard, hypothesis) = if step.step == Step::Listen {
        (Msg::StepHeard, Msg::StepHypothesis)
    } else {
        (Msg::StepNote, Msg::StepHypothesis)
    };
    let email_to = step.email_to.clone();
    view! {
        <li class="taken-step" data-testid="taken-step">
            <p class="row-sub">
                {line}
                {step.channel.map(|c| view! { " · " {t(channel_name(c))} })}
            </p>
            <dl class="answers">
                {text(heard, step.note.clone())}
                {text(hypothesis, step.hypothesis.clone())}
                {email_to.map(|to| {
                    let label = move || fill(lang.get(), Msg::StepEmailTo, &[("to", &to)]);
                    view! {
                        <div>
                            <dt>{label}</dt>
                            <dd>
                                <strong>{step.email_subject.clone()}</strong>
                                <pre class="verbatim email-body">{step.email_body.clone()}</pre>
                            </dd>
                        </div>
                    }
                })}
            </dl>
        </li>
    }
}

/// The actions the case is handled by, with their owners and dates.
#[component]
fn LinkedActions(list: Vec<ActionView>) -> impl IntoView {
    (!list.is_empty()).then(|| {
        view! {
            <ul class="list" data-testid="case-actions">
                {list.into_iter().map(|action| view! { <li><ActionLine action /></li> }).collect_view()}
            </ul>
        }
    })
}

/// "Call the customer — Maija, due 3.12.2026", done ones marked.
#[component]
pub fn ActionLine(action: ActionView) -> impl IntoView {
    let lang = use_lang();
    let owner = action.owner.map(|o| o.name);
    let due = action.due;
    let details = move || {
        let lang = lang.get();
        let owner = owner
            .clone()
            .unwrap_or_else(|| Msg::StepActionNoOwner.text(lang).to_string());
        match due {
            Some(day) => format!(
                "{owner}, {}",
                fill(lang, Msg::StepActionDue, &[("day", &i18n::day(lang, day))])
            ),
            None => owner,
        }
    };
    view! {
        <span class:action-line-done=action.status == ActionStatus::Done>{action.text.clone()}</span>
        " — "
        <span class="muted">{details}</span>
    }
}

#[component]
fn ListenForm(submit: Submit) -> impl IntoView {
    let note = RwSignal::new(String::new());
    let hypothesis = RwSignal::new(String::new());
    let sending = Sending::new();
    let Sending { busy, errors } = sending;
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let input = StepInput {
            note: note.get_untracked(),
            hypothesis: hypothesis.get_untracked(),
            ..blank(Step::Listen)
        };
        submit.step(input, sending, move || {
            note.set(String::new());
            hypothesis.set(String::new());
        });
    };
    view! {
        <form class="step-form" on:submit=on_submit novalidate>
            <TextArea id="listen-note".into() label=Msg::StepHeard value=note error=field_error(errors, "note") />
            <TextArea
                id="listen-hypothesis".into()
                label=Msg::StepHypothesis
                value=hypothesis
                error=field_error(errors, "hypothesis")
            />
            <StepProblems errors />
            <div class="form-actions">
                <button type="submit" class="button button-primary" disabled=move || busy.get()>
                    {move || t(if busy.get() { Msg::Saving } else { Msg::StepLog })()}
                </button>
            </div>
        </form>
    }
}

/// Acknowledge, Thank or Explain: an email (drafted by the server in the contact's
/// language, edited here, confirmed before it goes) or a logged call or meeting.
#[component]
fn ConversationForm(submit: Submit, step: Step, contacts: RwSignal<Load<Vec<ContactView>>>) -> impl IntoView {
    let lang = use_lang();
    let code = step.code();
    let channel = RwSignal::new(Channel::Email);
    let contact = RwSignal::new(String::new());
    let subject = RwSignal::new(String::new());
    let body = RwSignal::new(String::new());
    let note = RwSignal::new(String::new());
    let drafted = RwSignal::new(false);
    let sending = Sending::new();
    let Sending { busy, errors } = sending;
    let reachable = move || {
        contacts.with(|c| {
            c.ready()
                .map(|list| {
                    list.iter()
                        .map(|c| (c.id.clone(), c.name.clone(), c.email.clone()))
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        })
    };
    // The first contact until one is chosen.
    Effect::new(move |_| {
        if contact.with_untracked(String::is_empty)
            && let Some((id, _, _)) = reachable().into_iter().next()
        {
            contact.set(id);
        }
    });
    let draft = {
        move |_| {
            let (case_id, chosen) = (submit.case_id.get_value(), contact.get_untracked());
            busy.set(true);
            spawn_local(async move {
                let chosen = (!chosen.is_empty()).then_some(chosen);
                match api::case_email_draft(&case_id, step, chosen.as_deref()).await {
                    Ok(d) => {
                        contact.set(d.contact_id);
                        subject.set(d.subject);
                        body.set(d.body);
                        drafted.set(true);
                        errors.set(FormErrors::default());
                    }
                    Err(failure) => errors.set(FormErrors::from_failure(failure, STEP_FIELDS)),
                }
                busy.set(false);
            });
        }
    };
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let chosen = channel.get_untracked();
        let input = match chosen {
            Channel::Email => StepInput {
                channel: Some(Channel::Email),
                contact_id: Some(contact.get_untracked()),
                email_subject: subject.get_untracked(),
                email_body: body.get_untracked(),
                ..blank(step)
            },
            other => StepInput {
                channel: Some(other),
                note: note.get_untracked(),
                ..blank(step)
            },
        };
        if chosen == Channel::Email && input.clone().normalised().check().is_ok() {
            let to = reachable()
                .into_iter()
                .find(|(id, _, _)| Some(id) == input.contact_id.as_ref())
                .map(|(_, _, email)| email)
                .unwrap_or_default();
            if !browser::confirm(&fill(lang.get_untracked(), Msg::StepConfirmSend, &[("to", &to)])) {
                return;
            }
        }
        submit.step(input, sending, move || {
            note.set(String::new());
            subject.set(String::new());
            body.set(String::new());
            drafted.set(false);
        });
    };
    let channel_choice = [Channel::Email, Channel::Call, Channel::Meeting]
        .into_iter()
        .map(|c| {
            view! {
                <label class="check">
                    <input
                        type="radio"
                        name=format!("{code}-channel")
                        value=c.code()
                        prop:checked=move || channel.get() == c
                        on:change=move |_| channel.set(c)
                    />
                    {t(channel_name(c))}
                </label>
            }
        })
        .collect_view();
    let contact_id = format!("{code}-contact");
    let email_part = move || {
        let contact_id = contact_id.clone();
        let list = reachable();
        if list.is_empty() {
            return view! { <p class="muted">{t(Msg::StepNoContacts)}</p> }.into_any();
        }
        let contact_error = field_error(errors, "contact_id");
        view! {
            <div class="field">
                <label for=contact_id.clone()>{t(Msg::StepContact)}</label>
                <select
                    id=contact_id
                    prop:value=move || contact.get()
                    on:change=move |ev| {
                        contact.set(event_target_value(&ev));
                        drafted.set(false);
                    }
                >
                    {list.into_iter().map(|(id, name, email)| view! { <option value=id>{format!("{name} <{email}>")}</option> }).collect_view()}
                </select>
                <FieldError id=format!("{code}-contact-error") error=contact_error />
            </div>
            <div class="form-actions">
                <button type="button" class="button" data-testid="write-draft" disabled=move || busy.get() on:click=draft>
                    {t(Msg::StepWriteDraft)}
                </button>
            </div>
            <Show when=move || drafted.get() || !subject.with(String::is_empty)>
                <p class="hint">{t(Msg::StepDraftLanguage)}</p>
                <div class="field" class:field-invalid=move || field_error(errors, "email_subject").with(Option::is_some)>
                    <label for=format!("{code}-subject")>{t(Msg::StepSubject)}</label>
                    <input
                        id=format!("{code}-subject")
                        type="text"
                        prop:value=move || subject.get()
                        on:input=move |ev| subject.set(event_target_value(&ev))
                    />
                    <FieldError id=format!("{code}-subject-error") error=field_error(errors, "email_subject") />
                </div>
                <TextArea
                    id=format!("{code}-body")
                    label=Msg::StepBody
                    value=body
                    rows=10
                    error=field_error(errors, "email_body")
                />
            </Show>
        }
        .into_any()
    };
    let note_id = format!("{code}-note");
    view! {
        <form class="step-form" on:submit=on_submit novalidate>
            <fieldset class="field">
                <legend>{t(Msg::StepChannel)}</legend>
                <div class="choices">{channel_choice}</div>
            </fieldset>
            {move || match channel.get() {
                Channel::Email => email_part().into_any(),
                _ => view! {
                    <TextArea id=note_id.clone() label=Msg::StepCallNote value=note error=field_error(errors, "note") />
                }
                .into_any(),
            }}
            <StepProblems errors />
            <div class="form-actions">
                <button
                    type="submit"
                    class="button button-primary"
                    data-testid=format!("{code}-submit")
                    disabled=move || busy.get() || (channel.get() == Channel::Email && subject.with(String::is_empty))
                >
                    {move || t(if channel.get() == Channel::Email { Msg::StepSend } else { Msg::StepLog })()}
                </button>
            </div>
        </form>
    }
}

/// Take action: the account's open actions not linked yet, to tick.
#[component]
fn ActionsForm(
    submit: Submit,
    account_id: String,
    actions: RwSignal<Load<Vec<ActionView>>>,
    linked: Vec<String>,
) -> impl IntoView {
    let picked = RwSignal::new(Vec::<String>::new());
    let sending = Sending::new();
    let Sending { busy, errors } = sending;
    let linked = StoredValue::new(linked);
    let open = move || {
        actions.with(|a| {
            a.ready()
                .map(|list| {
                    list.iter()
                        .filter(|a| a.status != ActionStatus::Done && !linked.with_value(|l| l.contains(&a.id)))
                        .cloned()
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        })
    };
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let input = StepInput {
            action_ids: picked.get_untracked(),
            ..blank(Step::TakeAction)
        };
        submit.step(input, sending, move || picked.set(Vec::new()));
    };
    let account_href = format!("/accounts/{account_id}");
    view! {
        <form class="step-form" on:submit=on_submit novalidate>
            {move || {
                let list = open();
                if list.is_empty() {
                    return view! {
                        <p class="muted">{t(Msg::StepNoActions)} " " <A href=account_href.clone()>{t(Msg::CaseHistoryAll)}</A></p>
                    }
                    .into_any();
                }
                view! {
                    <fieldset class="field">
                        <legend>{t(Msg::StepPickActions)}</legend>
                        {list
                            .into_iter()
                            .map(|action| {
                                let id = action.id.clone();
                                let toggle = id.clone();
                                view! {
                                    <label class="check">
                                        <input
                                            type="checkbox"
                                            prop:checked=move || picked.with(|p| p.contains(&id))
                                            on:change=move |ev| {
                                                let on = event_target_checked(&ev);
                                                picked.update(|p| {
                                                    p.retain(|x| x != &toggle);
                                                    if on {
                                                        p.push(toggle.clone());
                                                    }
                                                });
                                            }
                                        />
                                        <ActionLine action />
                                    </label>
                                }
                            })
                            .collect_view()}
                        <FieldError id="take-action-error".into() error=field_error(errors, "action_ids") />
                    </fieldset>
                    <StepProblems errors />
                    <div class="form-actions">
                        <button type="submit" class="button button-primary" disabled=move || busy.get()>
                            {t(Msg::StepLinkActions)}
                        </button>
                    </div>
                }
                .into_any()
            }}
        </form>
    }
}
