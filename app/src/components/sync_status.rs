//! Where the user sees the offline layer: the sync status in the nav bar, the panel of
//! changes that need a decision, and the "offline" banner.

use kaiku_core::api::UserView;
use kaiku_core::counterfeedback::{ActionEdit, ActionStatus, ActionView};
use kaiku_core::sync::{MutationKind, Outcome, Unsettled};
use kaiku_core::{ApiErrorDetail, ErrorCode, Lang};
use leptos::html;
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::api::ApiFailure;
use crate::browser;
use crate::i18n::{self, Msg, t, use_lang};
use crate::offline::{self, sync::use_sync};
use crate::state::use_app;

/// A count in a sentence: the `one` message for 1, else `many` with `{n}` filled in.
fn counted(lang: Lang, n: usize, one: Msg, many: Msg) -> String {
    if n == 1 {
        one.text(lang).to_owned()
    } else {
        many.text(lang).replace("{n}", &n.to_string())
    }
}

/// "Offline" / "2 changes waiting to sync" / "Syncing…" / "All changes synced · 10:42",
/// and a button opening the changes that need a decision.
#[component]
pub fn SyncStatus() -> impl IntoView {
    let sync = use_sync();
    let lang = use_lang();
    let (online, syncing, pending, last_synced, failure) = (
        sync.online(),
        sync.syncing(),
        sync.pending(),
        sync.last_synced(),
        sync.failure(),
    );
    let unsettled = sync.unsettled();
    let open = RwSignal::new(false);
    let heading = NodeRef::<html::H2>::new();

    let status = move || {
        let lang = lang.get();
        let pending = pending.get();
        let waiting = || counted(lang, pending, Msg::SyncPendingOne, Msg::SyncPendingMany);
        if !online.get() {
            let offline = Msg::SyncOffline.text(lang);
            return if pending > 0 {
                format!("{offline} · {}", waiting())
            } else {
                offline.to_owned()
            };
        }
        if syncing.get() {
            return Msg::Syncing.text(lang).to_owned();
        }
        if pending > 0 {
            return waiting();
        }
        // Not "all synced" while a change waits for a decision; the button says so.
        if unsettled.with(|u| !u.is_empty()) {
            return String::new();
        }
        let synced = Msg::SyncAllSynced.text(lang);
        match last_synced.get() {
            Some(at) => format!("{synced} · {}", offline::clock(lang, &at)),
            None => synced.to_owned(),
        }
    };
    // Why the last attempt failed, when it was not simply the network.
    let hint = move || {
        failure
            .get()
            .filter(|_| pending.get() > 0)
            .map(|failure| i18n::failure(lang.get(), &failure))
    };
    let decisions = Memo::new(move |_| unsettled.with(Vec::len));
    Effect::new(move |_| {
        if decisions.get() == 0 {
            open.set(false);
        }
    });
    // Move focus into the panel when it opens, so keyboard and screen-reader users land there.
    Effect::new(move |_| {
        if open.get()
            && let Some(heading) = heading.get()
        {
            let _ = heading.focus();
        }
    });

    view! {
        <div class="sync">
            <span
                class="sync-status"
                class:sync-offline=move || !online.get()
                role="status"
                data-testid="sync-status"
                title=hint
            >
                {status}
            </span>
            <Show when=move || { decisions.get() > 0 }>
                <button
                    type="button"
                    class="button button-quiet sync-decide"
                    aria-expanded=move || open.get().to_string()
                    aria-controls="sync-panel"
                    on:click=move |_| open.update(|o| *o = !*o)
                >
                    {move || counted(lang.get(), decisions.get(), Msg::SyncDecisionOne, Msg::SyncDecisionMany)}
                </button>
            </Show>
            <Show when=move || open.get()>
                <section id="sync-panel" class="sync-panel" aria-labelledby="sync-panel-title">
                    <div class="sync-panel-head">
                        <h2 id="sync-panel-title" tabindex="-1" node_ref=heading>
                            {t(Msg::SyncPanelTitle)}
                        </h2>
                        <button type="button" class="button button-quiet" on:click=move |_| open.set(false)>
                            {t(Msg::SyncClose)}
                        </button>
                    </div>
                    <p class="muted">{t(Msg::SyncPanelIntro)}</p>
                    <ul class="sync-items">
                        <For
                            each=move || unsettled.get()
                            key=|item| item.mutation.id.clone()
                            children=|item| view! { <UnsettledItem item /> }
                        />
                    </ul>
                </section>
            </Show>
        </div>
    }
}

/// One change the server would not apply: both versions of a conflicting action edit
/// with "Keep mine" / "Keep theirs", or the reason for a refusal with "Discard".
#[component]
fn UnsettledItem(item: Unsettled) -> impl IntoView {
    let sync = use_sync();
    let lang = use_lang();
    let me = use_app().session.with_untracked(|s| s.as_ref().map(|s| s.user.clone()));
    let busy = RwSignal::new(false);
    let not_queued = RwSignal::new(false);
    let id = item.mutation.id.clone();

    let kind = match item.mutation.kind {
        MutationKind::SubmitCounterFeedback => Msg::SyncKindCounterFeedback,
        MutationKind::EditAction => Msg::SyncKindActionEdit,
        MutationKind::CreateAction => Msg::SyncKindActionCreate,
        MutationKind::CaseStep => Msg::SyncKindCaseStep,
        MutationKind::PostMessage => Msg::SyncKindMessage,
    };
    let summary = summary(&item);
    let conflict = match (&item.result.outcome, &item.mutation.action_edit, &item.result.current) {
        (Outcome::Conflict, Some(mine), Some(theirs)) => Some((mine.clone(), theirs.clone())),
        _ => None,
    };

    let decide = move |keep_mine: bool, id: String| {
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        spawn_local(async move {
            let done = if keep_mine {
                sync.keep_mine(id).await.map(|_| ())
            } else {
                sync.discard(id).await.map(|_| ())
            };
            not_queued.set(done.is_err());
            busy.set(false);
        });
    };

    let body = match conflict {
        Some((mine, theirs)) => {
            let (keep, drop) = (id.clone(), id);
            view! {
                <p>{t(Msg::SyncConflict)}</p>
                <Comparison mine theirs me />
                <div class="sync-actions">
                    <button
                        type="button"
                        class="button button-primary"
                        disabled=move || busy.get()
                        on:click=move |_| decide(true, keep.clone())
                    >
                        {t(Msg::SyncKeepMine)}
                    </button>
                    <button
                        type="button"
                        class="button"
                        disabled=move || busy.get()
                        on:click=move |_| decide(false, drop.clone())
                    >
                        {t(Msg::SyncKeepTheirs)}
                    </button>
                </div>
            }
            .into_any()
        }
        None => {
            let outcome = item.result.outcome;
            let error = item.result.error.clone();
            let reason = move || {
                let lang = lang.get();
                match outcome {
                    Outcome::Conflict => Msg::SyncConflictOther.text(lang).to_owned(),
                    _ => format!("{} {}", Msg::SyncRejected.text(lang), rejection(lang, error.as_ref())),
                }
            };
            let on_discard = move |_| {
                if browser::confirm(Msg::SyncDiscardConfirm.text(lang.get_untracked())) {
                    decide(false, id.clone());
                }
            };
            view! {
                <p class="sync-reason">{reason}</p>
                <div class="sync-actions">
                    <button
                        type="button"
                        class="button button-danger"
                        disabled=move || busy.get()
                        on:click=on_discard
                    >
                        {t(Msg::SyncDiscard)}
                    </button>
                </div>
            }
            .into_any()
        }
    };

    view! {
        <li class="sync-item" data-testid="sync-item">
            <h3 class="sync-item-title">{t(kind)}</h3>
            {summary.map(|text| view! { <p class="sync-summary">{text}</p> })}
            {body}
            <Show when=move || not_queued.get()>
                <p class="field-error" role="alert">
                    {t(Msg::SyncNotQueued)}
                </p>
            </Show>
        </li>
    }
}

/// Yours and the server's version of an action, field by field; rows that differ are
/// marked in words as well as colour.
#[component]
fn Comparison(mine: ActionEdit, theirs: ActionView, me: Option<UserView>) -> impl IntoView {
    let lang = use_lang();
    let my_owner = owner_name(mine.owner.as_deref(), &theirs, me.as_ref());
    let their_owner = theirs
        .owner
        .as_ref()
        .map_or(Owner::Nobody, |o| Owner::Named(o.name.clone()));
    let rows = move || {
        let lang = lang.get();
        let due = |due: Option<chrono::NaiveDate>| {
            due.map(|d| i18n::day(lang, d))
                .unwrap_or_else(|| Msg::SyncNoDue.text(lang).into())
        };
        let status = |s: ActionStatus| match s {
            ActionStatus::Open => Msg::ActionOpen.text(lang).to_owned(),
            ActionStatus::Done => Msg::ActionDone.text(lang).to_owned(),
        };
        let same_owner = mine.owner.as_deref() == theirs.owner.as_ref().map(|o| o.id.as_str());
        [
            (
                Msg::SyncFieldText,
                mine.text.clone(),
                theirs.text.clone(),
                mine.text == theirs.text,
            ),
            (
                Msg::SyncFieldOwner,
                my_owner.text(lang),
                their_owner.text(lang),
                same_owner,
            ),
            (
                Msg::SyncFieldDue,
                due(mine.due),
                due(theirs.due),
                mine.due == theirs.due,
            ),
            (
                Msg::SyncFieldStatus,
                status(mine.status),
                status(theirs.status),
                mine.status == theirs.status,
            ),
        ]
        .into_iter()
        .map(|(field, yours, current, same)| {
            let field = field.text(lang);
            view! {
                <tr class:sync-differs=!same>
                    <th scope="row">{if same { field.to_owned() } else { format!("{field} ≠") }}</th>
                    <td>{yours}</td>
                    <td>{current}</td>
                </tr>
            }
        })
        .collect_view()
    };
    view! {
        <table class="sync-compare">
            <thead>
                <tr>
                    <td></td>
                    <th scope="col">{t(Msg::SyncYours)}</th>
                    <th scope="col">{t(Msg::SyncTheirs)}</th>
                </tr>
            </thead>
            <tbody>{rows}</tbody>
        </table>
    }
}

/// An owner as the comparison shows it.
#[derive(Clone)]
enum Owner {
    Nobody,
    Named(String),
    /// The edit carries only the owner's id; their name is not known on the device.
    Other,
}

impl Owner {
    fn text(&self, lang: Lang) -> String {
        match self {
            Owner::Nobody => Msg::SyncNoOwner.text(lang).to_owned(),
            Owner::Named(name) => name.clone(),
            Owner::Other => Msg::SyncOwnerOther.text(lang).to_owned(),
        }
    }
}

/// The name of the edit's owner, when it is the server's owner, the action's creator, or
/// the user themself.
fn owner_name(owner: Option<&str>, theirs: &ActionView, me: Option<&UserView>) -> Owner {
    let Some(owner) = owner else {
        return Owner::Nobody;
    };
    let known = theirs
        .owner
        .iter()
        .chain(std::iter::once(&theirs.created_by))
        .find(|p| p.id == owner)
        .map(|p| p.name.clone());
    known
        .or_else(|| me.filter(|u| u.id == owner).map(|u| u.name.clone()))
        .map_or(Owner::Other, Owner::Named)
}

/// What the change was about, in a line.
fn summary(item: &Unsettled) -> Option<String> {
    const MAX_CHARS: usize = 140;
    let mutation = &item.mutation;
    let text = match (&mutation.action_edit, &mutation.new_action, &mutation.counter_feedback) {
        (Some(edit), ..) => edit.text.clone(),
        (None, Some(action), _) => action.text.clone(),
        (None, None, Some(feedback)) => [&feedback.behind_the_scenes, &feedback.further_needs, &feedback.notes]
            .into_iter()
            .find(|t| !t.trim().is_empty())
            .cloned()
            .unwrap_or_default(),
        (None, None, None) => match (&mutation.case_step, &mutation.message) {
            (Some(step), _) => step.step.note.clone(),
            (None, Some(posted)) => posted.message.body.clone(),
            (None, None) => String::new(),
        },
    };
    let text = text.trim();
    if text.is_empty() {
        return None;
    }
    let mut short: String = text.chars().take(MAX_CHARS).collect();
    if text.chars().count() > MAX_CHARS {
        short.push('…');
    }
    Some(short)
}

/// Why the server refused a change, in the user's language.
fn rejection(lang: Lang, error: Option<&ApiErrorDetail>) -> String {
    match error {
        // The form's field marks are gone by now: say it in a sentence of its own.
        Some(detail) if detail.code == ErrorCode::Validation => Msg::SyncRejectedInvalid.text(lang).to_owned(),
        Some(detail) => i18n::failure(lang, &ApiFailure::Api(detail.clone())),
        None => Msg::ErrUnexpected.text(lang).to_owned(),
    }
}

/// Shown while signed in without the server: offline, or started from the remembered
/// session and not confirmed yet.
#[component]
pub fn OfflineBanner() -> impl IntoView {
    let app = use_app();
    let online = use_sync().online();
    let shown = move || app.session.with(Option::is_some) && (!online.get() || app.unverified.get());
    view! {
        <Show when=shown>
            <p class="banner banner-info offline-banner" role="status" data-testid="offline-banner">
                {t(Msg::OfflineBanner)}
            </p>
        </Show>
    }
}
