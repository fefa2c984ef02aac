//! "What to do next": the few open items that matter most (ranked by the server: a
//! broken promise, a worried customer nobody answered, deadlines, the rest, older ones
//! rising), each with the one thing to do about it right here.

use chrono::Utc;
use kaiku_core::account::PersonRef;
use kaiku_core::counterfeedback::{ActionSource, ActionView};
use kaiku_core::overview::{NextStep, NextStepKind};
use leptos::prelude::*;

use super::action_form::{ActionDraft, ActionForm, CreateFromPoint, is_open_for};
use super::actions::{edit_waiting, point_waiting, toggle_done};
use super::not_a_point::NotAPoint;
use crate::components::load::Load;
use crate::i18n::{self, Msg, t, use_lang};
use crate::offline::sync::use_sync;

fn kind_name(kind: NextStepKind) -> Msg {
    match kind {
        NextStepKind::OverdueAction => Msg::StepOverdueAction,
        NextStepKind::ActionDueSoon => Msg::StepActionDueSoon,
        NextStepKind::OpenAction => Msg::StepOpenAction,
        NextStepKind::RiskyPoint => Msg::StepRiskyPoint,
        NextStepKind::OpenPoint => Msg::StepOpenPoint,
    }
}

fn kind_class(kind: NextStepKind) -> &'static str {
    match kind {
        NextStepKind::OverdueAction | NextStepKind::RiskyPoint => "tag tag-warning",
        NextStepKind::ActionDueSoon | NextStepKind::OpenAction | NextStepKind::OpenPoint => "tag",
    }
}

#[component]
pub fn NextSteps(
    account_id: String,
    people: Vec<PersonRef>,
    steps: Memo<Vec<NextStep>>,
    actions: RwSignal<Load<Vec<ActionView>>>,
    /// Bumped when a point is dismissed, so the overview is fetched again.
    changed: RwSignal<u32>,
) -> impl IntoView {
    // The point whose "Create action" form is open, and what was typed in it.
    let open = RwSignal::new(None::<ActionSource>);
    let draft = RwSignal::new(ActionDraft::default());
    let account = StoredValue::new(account_id);
    let people = StoredValue::new(people);
    view! {
        <section class="card" aria-labelledby="next-heading" data-testid="next-steps">
            <h2 id="next-heading">{t(Msg::NextStepsTitle)}</h2>
            {move || {
                let list = steps.get();
                if list.is_empty() {
                    return view! { <p class="empty">{t(Msg::NextStepsEmpty)}</p> }.into_any();
                }
                view! {
                    <ol class="next-steps">
                        {list
                            .into_iter()
                            .enumerate()
                            .map(|(index, step)| view! {
                                <Step
                                    index
                                    step
                                    account_id=account.get_value()
                                    people=people.get_value()
                                    open
                                    draft
                                    actions
                                    changed
                                />
                            })
                            .collect_view()}
                    </ol>
                }
                .into_any()
            }}
        </section>
    }
}

#[component]
fn Step(
    index: usize,
    step: NextStep,
    account_id: String,
    people: Vec<PersonRef>,
    open: RwSignal<Option<ActionSource>>,
    draft: RwSignal<ActionDraft>,
    actions: RwSignal<Load<Vec<ActionView>>>,
    changed: RwSignal<u32>,
) -> impl IntoView {
    let lang = use_lang();
    let sync = use_sync();
    let NextStep {
        kind,
        text,
        since,
        due,
        owner,
        action,
        link_id,
        ..
    } = step;
    let days = (Utc::now() - since).num_days();
    let owner = owner.map(|o| o.name);
    let facts = move || {
        let lang = lang.get();
        let mut parts = vec![i18n::ago(lang, days)];
        if let Some(due) = due {
            parts.push(i18n::due_on(lang, due));
        }
        parts.push(match &owner {
            Some(name) => format!("{}: {name}", Msg::CfChangeOwner.text(lang)),
            None => Msg::StepNoOwner.text(lang).to_string(),
        });
        parts.join(" · ")
    };
    let todo = match (action, link_id) {
        (Some(id), _) => {
            let waiting = edit_waiting(sync, id.clone());
            let current = Memo::new(move |_| {
                actions.with(|a| a.ready().and_then(|list| list.iter().find(|x| x.id == id).cloned()))
            });
            view! {
                <div class="next-step-do">
                    <button
                        type="button"
                        class="button"
                        data-testid="next-step-done"
                        disabled=move || current.with(Option::is_none) || waiting.get()
                        on:click=move |_| {
                            if let Some(action) = current.get_untracked() {
                                toggle_done(sync, &action);
                            }
                        }
                    >
                        {t(Msg::ActionMarkDone)}
                    </button>
                    {move || waiting.get().then(|| view! { <em class="meta">{t(Msg::ActionWaiting)}</em> })}
                </div>
            }
            .into_any()
        }
        (None, Some(link_id)) => {
            let source = ActionSource {
                link_id,
                point: text.clone(),
            };
            let waiting = point_waiting(sync, source.clone());
            let is_open = is_open_for(open, source.clone());
            let people = StoredValue::new(people);
            let account = StoredValue::new(account_id);
            view! {
                <div class="next-step-do">
                    {move || if waiting.get() {
                        view! { <em class="meta">{t(Msg::PointWaiting)}</em> }.into_any()
                    } else {
                        view! {
                            <CreateFromPoint source=source.clone() open draft test_id="next-step-create" />
                            <NotAPoint source=source.clone() changed />
                        }
                        .into_any()
                    }}
                </div>
                {move || is_open.get().then(|| view! {
                    <ActionForm
                        id=format!("step-{index}")
                        account_id=account.get_value()
                        people=people.get_value()
                        draft
                        done=Callback::new(move |_| open.set(None))
                        cancel=Callback::new(move |_| open.set(None))
                    />
                })}
            }
            .into_any()
        }
        (None, None) => ().into_any(),
    };
    view! {
        <li class="next-step" data-testid="next-step">
            <p class="next-step-kind"><span class=kind_class(kind)>{t(kind_name(kind))}</span></p>
            <p class="next-step-text">{text.clone()}</p>
            <p class="meta">{facts}</p>
            {todo}
        </li>
    }
}
