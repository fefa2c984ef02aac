//! The customers' development points and what the team decided to do. Points without
//! an action come first, each can become one; actions can be created on their own,
//! assigned (owner, due date), marked done and reopened. Every change goes through the
//! sync outbox, so it works offline and a colleague's simultaneous edit shows up as a
//! conflict; what still waits to be sent says so.

use kaiku_core::account::PersonRef;
use kaiku_core::counterfeedback::{ActionEdit, ActionSource, ActionStatus, ActionView, NewAction};
use kaiku_core::overview::DevelopmentPoint;
use kaiku_core::sync::{Mutation, MutationKind};
use leptos::prelude::*;
use leptos::task::spawn_local;

use super::action_form::{ActionDraft, ActionForm, CreateFromPoint, OwnerSelect, due_date, is_open_for, today};
use super::not_a_point::NotAPoint;
use crate::api;
use crate::components::field::{FieldError, described_by};
use crate::components::form::{FormErrors, field_error};
use crate::components::load::{Load, refresh, show};
use crate::i18n::{self, Msg, t, use_lang};
use crate::offline::cache::fresh_or_cached_value;
use crate::offline::sync::{SyncState, new_client_id, use_sync};

/// The edit that leaves `action` as it is: change one part of it and queue it.
pub(super) fn edit_of(action: &ActionView) -> ActionEdit {
    ActionEdit {
        action: action.id.clone(),
        base_revision: action.revision,
        text: action.text.clone(),
        owner: action.owner.as_ref().map(|o| o.id.clone()),
        due: action.due,
        status: action.status,
    }
}

/// Queues an action edit. A failure to store it is shown by the sync status.
pub(super) fn send_edit(sync: SyncState, edit: ActionEdit) {
    spawn_local(async move {
        let _ = sync.enqueue(Mutation::edit_action(new_client_id(), edit)).await;
    });
}

/// Marks the action done, or open again.
pub(super) fn toggle_done(sync: SyncState, action: &ActionView) {
    let status = match action.status {
        ActionStatus::Open => ActionStatus::Done,
        ActionStatus::Done => ActionStatus::Open,
    };
    send_edit(
        sync,
        ActionEdit {
            status,
            ..edit_of(action)
        },
    );
}

/// Whether an edit of the action waits in the outbox.
pub(super) fn edit_waiting(sync: SyncState, action: String) -> Signal<bool> {
    let pending = sync.pending_mutations();
    Signal::derive(move || {
        pending.with(|list| {
            list.iter().any(|m| {
                m.kind == MutationKind::EditAction && m.action_edit.as_ref().is_some_and(|e| e.action == action)
            })
        })
    })
}

/// The account's new actions still in the outbox, oldest first.
fn created_waiting(sync: SyncState, account: String) -> Signal<Vec<NewAction>> {
    let pending = sync.pending_mutations();
    Signal::derive(move || {
        pending.with(|list| {
            list.iter()
                .filter_map(|m| m.new_action.as_ref())
                .filter(|a| a.account == account)
                .cloned()
                .collect()
        })
    })
}

/// Whether an action made of this development point waits in the outbox.
pub(super) fn point_waiting(sync: SyncState, source: ActionSource) -> Signal<bool> {
    let pending = sync.pending_mutations();
    Signal::derive(move || {
        pending.with(|list| {
            list.iter()
                .filter_map(|m| m.new_action.as_ref())
                .any(|a| a.source.as_ref() == Some(&source))
        })
    })
}

fn person_name(people: &[PersonRef], id: Option<&str>) -> Option<String> {
    let id = id?;
    people.iter().find(|p| p.id == id).map(|p| p.name.clone())
}

#[component]
pub fn PointsAndActions(
    account_id: String,
    /// The account's lead and team: who can own an action.
    people: Vec<PersonRef>,
    points: Memo<Vec<DevelopmentPoint>>,
    actions: RwSignal<Load<Vec<ActionView>>>,
    /// Bumped when a point is dismissed, so the overview is fetched again.
    changed: RwSignal<u32>,
) -> impl IntoView {
    let sync = use_sync();
    let account = StoredValue::new(account_id);
    let people = StoredValue::new(people);
    // The forms' state lives here, so a list redrawn after a sync keeps what was typed.
    let open_point = RwSignal::new(None::<ActionSource>);
    let point_draft = RwSignal::new(ActionDraft::default());
    let new_open = RwSignal::new(false);
    let new_draft = RwSignal::new(ActionDraft::default());
    let assigning = RwSignal::new(None::<String>);
    let waiting = created_waiting(sync, account.get_value());
    let retry = move || {
        let id = account.get_value();
        refresh(actions, async move {
            fresh_or_cached_value(&format!("actions:{id}"), api::account_actions(&id)).await
        });
    };
    let point_list = move || {
        let mut list = points.get();
        if list.is_empty() {
            return view! { <p class="empty">{t(Msg::PointsEmpty)}</p> }.into_any();
        }
        // Points nobody acted on first; within each group newest first, as they come.
        list.sort_by_key(|p| p.action.is_some());
        view! {
            <ul class="points">
                {list
                    .into_iter()
                    .enumerate()
                    .map(|(index, point)| {
                        view! {
                            <PointItem
                                index
                                point
                                account_id=account.get_value()
                                people=people.get_value()
                                open=open_point
                                draft=point_draft
                                actions
                                changed
                            />
                        }
                    })
                    .collect_view()}
            </ul>
        }
        .into_any()
    };
    let waiting_list = move || {
        let list = waiting.get();
        let people = people.get_value();
        (!list.is_empty()).then(|| {
            view! {
                <ul class="actions">
                    {list
                        .into_iter()
                        .map(|action| {
                            let owner = person_name(&people, action.owner.as_deref());
                            view! { <PendingAction action owner /> }
                        })
                        .collect_view()}
                </ul>
            }
        })
    };
    let action_list = move || {
        show(actions.get(), retry, move |mut list| {
            if list.is_empty() {
                return (waiting.with(Vec::is_empty))
                    .then(|| view! { <p class="empty">{t(Msg::ActionsEmpty)}</p> })
                    .into_any();
            }
            // Open ones first.
            list.sort_by_key(|a| a.status == ActionStatus::Done);
            view! {
                <ul class="actions">
                    {list
                        .into_iter()
                        .map(|action| view! { <ActionItem action people=people.get_value() assigning /> })
                        .collect_view()}
                </ul>
            }
            .into_any()
        })
    };
    view! {
        <section class="card" aria-labelledby="points-heading" data-testid="points-and-actions">
            <h2 id="points-heading">{t(Msg::PointsTitle)}</h2>
            <h3>{t(Msg::PointsHeading)}</h3>
            {point_list}
            <div class="section-head">
                <h3 id="actions-heading">{t(Msg::ActionsTitle)}</h3>
                <button
                    type="button"
                    class="button"
                    aria-expanded=move || new_open.get().to_string()
                    data-testid="new-action"
                    on:click=move |_| new_open.update(|open| *open = !*open)
                >
                    {t(Msg::ActionNew)}
                </button>
            </div>
            <Show when=move || new_open.get()>
                <ActionForm
                    id="new-action".to_string()
                    account_id=account.get_value()
                    people=people.get_value()
                    draft=new_draft
                    done=Callback::new(move |_| new_open.set(false))
                    cancel=Callback::new(move |_| new_open.set(false))
                />
            </Show>
            {waiting_list}
            {action_list}
        </section>
    }
}

/// One development point: verbatim, who raised it and when, and its action — made,
/// waiting to sync, or a way to make one.
#[component]
fn PointItem(
    index: usize,
    point: DevelopmentPoint,
    account_id: String,
    people: Vec<PersonRef>,
    open: RwSignal<Option<ActionSource>>,
    draft: RwSignal<ActionDraft>,
    actions: RwSignal<Load<Vec<ActionView>>>,
    changed: RwSignal<u32>,
) -> impl IntoView {
    let lang = use_lang();
    let sync = use_sync();
    let source = ActionSource {
        link_id: point.link_id.clone(),
        point: point.text.clone(),
    };
    let waiting = point_waiting(sync, source.clone());
    let is_open = is_open_for(open, source.clone());
    let at = point.at;
    let contact = point.contact_name.clone();
    let action_id = point.action.clone();
    let status = move || {
        if let Some(id) = &action_id {
            let made = actions.with(|a| a.ready().and_then(|list| list.iter().find(|x| &x.id == id).cloned()));
            return view! {
                <p class="point-action" data-testid="point-action">
                    {t(Msg::PointActionMade)}
                    {made.map(|action| {
                        let state = if action.status == ActionStatus::Done { Msg::ActionDone } else { Msg::ActionOpen };
                        view! { " " <strong>{action.text}</strong> " · " {t(state)} }
                    })}
                </p>
            }
            .into_any();
        }
        if waiting.get() {
            return view! { <p class="point-action"><em>{t(Msg::PointWaiting)}</em></p> }.into_any();
        }
        view! {
            <div class="point-do">
                <CreateFromPoint source=source.clone() open draft test_id="point-create-action" />
                <NotAPoint source=source.clone() changed />
            </div>
        }
        .into_any()
    };
    let people = StoredValue::new(people);
    let account = StoredValue::new(account_id);
    view! {
        <li class="point" class:point-open=point.action.is_none() data-testid="development-point">
            <blockquote class="point-text">{point.text.clone()}</blockquote>
            <p class="meta">
                {move || format!("{}, {}", contact, i18n::date(lang.get(), &at))}
                {point.risky.then(|| view! { " " <span class="tag tag-warning">{t(Msg::PointRisky)}</span> })}
            </p>
            {status}
            {move || is_open.get().then(|| view! {
                <ActionForm
                    id=format!("point-{index}")
                    account_id=account.get_value()
                    people=people.get_value()
                    draft
                    done=Callback::new(move |_| open.set(None))
                    cancel=Callback::new(move |_| open.set(None))
                />
            })}
        </li>
    }
}

/// A new action on this device, not yet on the server.
#[component]
fn PendingAction(action: NewAction, owner: Option<String>) -> impl IntoView {
    let lang = use_lang();
    let due = action.due;
    view! {
        <li class="action" data-testid="action-pending">
            <span class="action-text">{action.text.clone()}</span>
            <span class="meta">
                {owner.unwrap_or_else(|| "—".into())}
                {move || due.map(|d| format!(" · {}", i18n::day(lang.get(), d)))}
                " · " <em>{t(Msg::ActionWaiting)}</em>
            </span>
        </li>
    }
}

#[component]
fn ActionItem(action: ActionView, people: Vec<PersonRef>, assigning: RwSignal<Option<String>>) -> impl IntoView {
    let lang = use_lang();
    let sync = use_sync();
    let waiting = edit_waiting(sync, action.id.clone());
    let done = action.status == ActionStatus::Done;
    let is_assigning = {
        let id = action.id.clone();
        Memo::new(move |_| assigning.with(|a| a.as_ref() == Some(&id)))
    };
    let toggle = {
        let action = action.clone();
        move |_| toggle_done(sync, &action)
    };
    let assign = {
        let id = action.id.clone();
        move |_| assigning.set((!is_assigning.get_untracked()).then(|| id.clone()))
    };
    let due = action.due;
    let form_action = StoredValue::new(action.clone());
    let people = StoredValue::new(people);
    view! {
        <li class="action" class:done=done data-testid="action">
            <span class="action-text">{action.text.clone()}</span>
            {action.source.is_some().then(|| view! { <span class="tag">{t(Msg::ActionFromPoint)}</span> })}
            <span class="meta">
                {action.owner.as_ref().map(|o| o.name.clone()).unwrap_or_else(|| "—".into())}
                {move || due.map(|d| format!(" · {}", i18n::day(lang.get(), d)))}
                " · "
                {if done { t(Msg::ActionDone) } else { t(Msg::ActionOpen) }}
                {move || waiting.get().then(|| view! { " · " <em>{t(Msg::ActionWaiting)}</em> })}
            </span>
            <span class="action-buttons">
                <button
                    type="button"
                    class="button"
                    aria-expanded=move || is_assigning.get().to_string()
                    data-testid="action-assign"
                    on:click=assign
                >
                    {t(Msg::ActionAssign)}
                </button>
                <button type="button" class="button" data-testid="action-toggle" on:click=toggle>
                    {if done { t(Msg::ActionReopen) } else { t(Msg::ActionMarkDone) }}
                </button>
            </span>
            {move || is_assigning.get().then(|| view! {
                <AssignForm
                    action=form_action.get_value()
                    people=people.get_value()
                    close=Callback::new(move |_| assigning.set(None))
                />
            })}
        </li>
    }
}

/// Who owns the action and by when.
#[component]
fn AssignForm(action: ActionView, people: Vec<PersonRef>, close: Callback<()>) -> impl IntoView {
    let sync = use_sync();
    let owner = RwSignal::new(action.owner.as_ref().map(|o| o.id.clone()).unwrap_or_default());
    let due = RwSignal::new(action.due.map(|d| d.to_string()).unwrap_or_default());
    let errors = RwSignal::new(FormErrors::default());
    let due_error = field_error(errors, "due");
    let base = format!("assign-{}", action.id);
    let (owner_id, due_id, due_error_id) = (
        format!("{base}-owner"),
        format!("{base}-due"),
        format!("{base}-due-error"),
    );
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let typed = due.get_untracked();
        // A due date already past may stay; a new one may not be.
        let unchanged = action.due.map(|d| d.to_string()).as_deref() == Some(typed.trim());
        let mut problems = FormErrors::default();
        let day = due_date(&typed, (!unchanged).then(today), &mut problems);
        if !problems.is_empty() {
            errors.set(problems);
            return;
        }
        let edit = ActionEdit {
            owner: Some(owner.get_untracked()),
            due: day,
            ..edit_of(&action)
        }
        .normalised();
        errors.set(FormErrors::default());
        send_edit(sync, edit);
        close.run(());
    };
    view! {
        <form class="assign-form" on:submit=submit novalidate data-testid="assign-form">
            <div class="field-pair">
                <div class="field">
                    <label for=owner_id.clone()>{t(Msg::CfChangeOwner)}</label>
                    <OwnerSelect id=owner_id people value=owner.into() set=Callback::new(move |v| owner.set(v)) />
                </div>
                <div class="field" class:field-invalid=move || due_error.with(Option::is_some)>
                    <label for=due_id.clone()>{t(Msg::CfChangeDue)}</label>
                    <input
                        id=due_id
                        type="date"
                        prop:value=move || due.get()
                        on:change=move |ev| due.set(event_target_value(&ev))
                        aria-invalid=move || due_error.with(Option::is_some).then_some("true")
                        aria-describedby=described_by(None, due_error_id.clone(), due_error)
                    />
                    <FieldError id=due_error_id error=due_error />
                </div>
            </div>
            <div class="form-actions">
                <button type="submit" class="button button-primary">{t(Msg::Save)}</button>
                <button type="button" class="button" on:click=move |_| close.run(())>{t(Msg::Cancel)}</button>
            </div>
        </form>
    }
}
