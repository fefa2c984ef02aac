use kaiku_core::counterfeedback::{ActionEdit, ActionStatus, ActionView};
use kaiku_core::sync::{Mutation, MutationKind};
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::api;
use crate::components::load::{Load, load, show};
use crate::i18n::{self, Msg, t, use_lang};
use crate::offline::sync::{new_client_id, use_sync};

/// What the team decided to do, open ones first. Changes go through the sync outbox,
/// so they work offline and a colleague's simultaneous edit shows up as a conflict.
#[component]
pub fn Actions(account_id: String) -> impl IntoView {
    let sync = use_sync();
    let actions = RwSignal::new(Load::<Vec<ActionView>>::Loading);
    let fetch = {
        let id = account_id.clone();
        move || {
            let id = id.clone();
            load(actions, async move { api::account_actions(&id).await });
        }
    };
    let refetch = fetch.clone();
    Effect::new(move |_| {
        sync.synced().track();
        refetch();
    });
    view! {
        <section class="card" aria-labelledby="actions-heading">
            <h2 id="actions-heading">{t(Msg::ActionsTitle)}</h2>
            {move || show(actions.get(), fetch.clone(), |list| {
                if list.is_empty() {
                    return view! { <p class="empty">{t(Msg::ActionsEmpty)}</p> }.into_any();
                }
                view! {
                    <ul class="actions">{list.into_iter().map(|action| view! { <ActionItem action /> }).collect_view()}</ul>
                }
                .into_any()
            })}
        </section>
    }
}

#[component]
fn ActionItem(action: ActionView) -> impl IntoView {
    let lang = use_lang();
    let sync = use_sync();
    let id = action.id.clone();
    let waiting = {
        let id = id.clone();
        move || {
            sync.pending_mutations()
                .get()
                .iter()
                .any(|m| m.kind == MutationKind::EditAction && m.action_edit.as_ref().is_some_and(|e| e.action == id))
        }
    };
    let done = action.status == ActionStatus::Done;
    let toggle = {
        let action = action.clone();
        move |_| {
            let edit = ActionEdit {
                action: action.id.clone(),
                base_revision: action.revision,
                text: action.text.clone(),
                owner: action.owner.as_ref().map(|o| o.id.clone()),
                due: action.due,
                status: if done { ActionStatus::Open } else { ActionStatus::Done },
            };
            spawn_local(async move {
                // A failure to store is shown by the sync status; nothing else to do here.
                let _ = sync.enqueue(Mutation::edit_action(new_client_id(), edit)).await;
            });
        }
    };
    let due = action.due;
    view! {
        <li class="action" class:done=done data-testid="action">
            <span class="action-text">{action.text.clone()}</span>
            <span class="meta">
                {action.owner.as_ref().map(|o| o.name.clone()).unwrap_or_else(|| "—".into())}
                {move || due.map(|d| format!(" · {}", i18n::day(lang.get(), d)))}
                " · "
                {if done { t(Msg::ActionDone) } else { t(Msg::ActionOpen) }}
                {move || waiting().then(|| view! { " · " <em>{t(Msg::ActionWaiting)}</em> })}
            </span>
            <button type="button" class="button" on:click=toggle>
                {if done { t(Msg::ActionReopen) } else { t(Msg::ActionMarkDone) }}
            </button>
        </li>
    }
}
