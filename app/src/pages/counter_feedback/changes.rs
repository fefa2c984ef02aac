//! The concrete changes of a counter-feedback: each becomes an open action with its
//! owner and due date, and may answer one of the customer's development points.

use kaiku_core::account::PersonRef;
use kaiku_core::counterfeedback::{ActionSource, ChangeInput, CounterFeedbackInput};
use leptos::prelude::*;

use crate::i18n::{Msg, t};

/// How much of a point its option shows: enough to tell the points apart on a phone.
const POINT_CHARS: usize = 80;

fn shortened(point: &str) -> String {
    let mut short: String = point.chars().take(POINT_CHARS).collect();
    if point.chars().count() > POINT_CHARS {
        short.push('…');
    }
    short
}

#[component]
pub fn Changes(
    form: RwSignal<CounterFeedbackInput>,
    people: Vec<PersonRef>,
    /// The account's development points no action answers yet.
    points: Vec<ActionSource>,
) -> impl IntoView {
    let people = StoredValue::new(people);
    // What the points offered are: the open ones, and any a restored draft already
    // chose (it may have got an action since; the server then keeps the change apart).
    let chosen =
        Memo::new(move |_| form.with(|f| f.changes.iter().filter_map(|c| c.source.clone()).collect::<Vec<_>>()));
    let offered = Memo::new(move |_| {
        let mut all = points.clone();
        for source in chosen.get() {
            if !all.contains(&source) {
                all.push(source);
            }
        }
        all
    });
    let add = move |_| {
        form.update(|f| {
            f.changes.push(ChangeInput {
                text: String::new(),
                owner: None,
                due: None,
                source: None,
            })
        })
    };
    // Rows are rebuilt only when one is added or removed, so typing keeps the focus.
    let count = Memo::new(move |_| form.with(|f| f.changes.len()));
    let rows = move || {
        (0..count.get())
            .map(|index| {
                let text_id = format!("cf-change-{index}");
                let owner_id = format!("cf-change-{index}-owner");
                let due_id = format!("cf-change-{index}-due");
                let options = people
                    .get_value()
                    .into_iter()
                    .map(|p| view! { <option value=p.id.clone()>{p.name.clone()}</option> })
                    .collect_view();
                view! {
                    <li class="change">
                        <label for=text_id.clone()>{t(Msg::CfChangeText)}</label>
                        <input
                            id=text_id
                            type="text"
                            prop:value=move || form.with(|f| f.changes.get(index).map(|c| c.text.clone()).unwrap_or_default())
                            on:input=move |ev| {
                                let value = event_target_value(&ev);
                                form.update(|f| if let Some(c) = f.changes.get_mut(index) { c.text = value; });
                            }
                        />
                        {move || (!offered.with(Vec::is_empty)).then(|| view! { <AnswersPoint index form offered /> })}
                        <label for=owner_id.clone()>{t(Msg::CfChangeOwner)}</label>
                        <select
                            id=owner_id
                            prop:value=move || form.with(|f| f.changes.get(index).and_then(|c| c.owner.clone()).unwrap_or_default())
                            on:change=move |ev| {
                                let value = event_target_value(&ev);
                                form.update(|f| if let Some(c) = f.changes.get_mut(index) {
                                    c.owner = (!value.is_empty()).then_some(value);
                                });
                            }
                        >
                            <option value="">{t(Msg::CfNobodyYet)}</option>
                            {options}
                        </select>
                        <label for=due_id.clone()>{t(Msg::CfChangeDue)}</label>
                        <input
                            id=due_id
                            type="date"
                            prop:value=move || form.with(|f| f.changes.get(index).and_then(|c| c.due).map(|d| d.to_string()).unwrap_or_default())
                            on:change=move |ev| {
                                let value = event_target_value(&ev);
                                form.update(|f| if let Some(c) = f.changes.get_mut(index) {
                                    c.due = value.parse().ok();
                                });
                            }
                        />
                        <button type="button" class="button button-quiet" on:click=move |_| form.update(|f| {
                            if index < f.changes.len() {
                                f.changes.remove(index);
                            }
                        })>
                            {t(Msg::CfChangeRemove)}
                        </button>
                    </li>
                }
            })
            .collect_view()
    };
    view! {
        <fieldset>
            <legend>{t(Msg::CfChanges)}</legend>
            <p class="field-hint">{t(Msg::CfChangesHelp)}</p>
            <ol class="changes">{rows}</ol>
            <button type="button" class="button" on:click=add>{t(Msg::CfChangeAdd)}</button>
        </fieldset>
    }
}

/// Which development point change `index` answers, if any; a point another change
/// already answers cannot be chosen twice.
#[component]
fn AnswersPoint(index: usize, form: RwSignal<CounterFeedbackInput>, offered: Memo<Vec<ActionSource>>) -> impl IntoView {
    let point_id = format!("cf-change-{index}-point");
    // Each option says whether it is the one chosen: the options can arrive after the
    // select's own value would have been set.
    let answers = move |point: Option<&ActionSource>| {
        form.with(|f| f.changes.get(index).is_some_and(|c| c.source.as_ref() == point))
    };
    let answered_elsewhere = move |point: &ActionSource| {
        form.with(|f| {
            f.changes
                .iter()
                .enumerate()
                .any(|(other, c)| other != index && c.source.as_ref() == Some(point))
        })
    };
    let options = move || {
        offered
            .get()
            .into_iter()
            .enumerate()
            .map(|(at, point)| {
                let text = shortened(&point.point);
                let mine = point.clone();
                view! {
                    <option
                        value=at.to_string()
                        prop:selected=move || answers(Some(&mine))
                        disabled=move || answered_elsewhere(&point)
                    >
                        {text}
                    </option>
                }
            })
            .collect_view()
    };
    view! {
        <label for=point_id.clone()>{t(Msg::CfChangePoint)}</label>
        <select
            id=point_id
            on:change=move |ev| {
                let chosen = event_target_value(&ev)
                    .parse::<usize>()
                    .ok()
                    .and_then(|at| offered.with_untracked(|all| all.get(at).cloned()));
                form.update(|f| if let Some(c) = f.changes.get_mut(index) { c.source = chosen; });
            }
        >
            <option value="" prop:selected=move || answers(None)>{t(Msg::CfChangeNoPoint)}</option>
            {options}
        </select>
    }
}
