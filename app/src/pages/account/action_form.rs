//! A new action: what is to be done, who owns it, by when — made of a customer's
//! development point (prefilled with it, and remembering where it came from) or on its
//! own. It goes through the sync outbox like every change, so it works offline.

use chrono::{Local, NaiveDate};
use kaiku_core::account::PersonRef;
use kaiku_core::counterfeedback::{ActionSource, NewAction};
use kaiku_core::sync::Mutation;
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::components::field::{FieldError, described_by};
use crate::components::form::{FormErrors, Problem, field_error};
use crate::i18n::{Msg, t};
use crate::offline::sync::{new_client_id, use_sync};

/// The form's fields as typed; kept by the section, so a redraw keeps what was typed.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ActionDraft {
    pub text: String,
    /// A user id, or empty for nobody yet.
    pub owner: String,
    /// `2026-06-30` from the date input, or empty.
    pub due: String,
    pub source: Option<ActionSource>,
}

impl ActionDraft {
    /// An action made of a development point: its text to start from, and its source.
    pub fn of_point(link_id: &str, point: &str) -> ActionDraft {
        ActionDraft {
            text: point.to_string(),
            source: Some(ActionSource {
                link_id: link_id.to_string(),
                point: point.to_string(),
            }),
            ..ActionDraft::default()
        }
    }
}

/// A due date typed into a date input: none when empty, else the day — or the field's
/// problem: not a date, or (when `today` is given) a day already past.
pub fn due_date(text: &str, today: Option<NaiveDate>, errors: &mut FormErrors) -> Option<NaiveDate> {
    let text = text.trim();
    if text.is_empty() {
        return None;
    }
    match text.parse::<NaiveDate>() {
        Ok(day) if today.is_some_and(|today| day < today) => {
            errors.add("due", Problem::Message(Msg::ActionDueInPast));
            None
        }
        Ok(day) => Some(day),
        Err(_) => {
            errors.add("due", Problem::Message(Msg::ActionDueInvalid));
            None
        }
    }
}

/// Today on this device's calendar.
pub fn today() -> NaiveDate {
    Local::now().date_naive()
}

/// The action to queue, or what to fix, by field.
fn checked(draft: &ActionDraft, account: &str) -> Result<NewAction, FormErrors> {
    let mut errors = FormErrors::default();
    let due = due_date(&draft.due, Some(today()), &mut errors);
    let action = NewAction {
        account: account.to_string(),
        text: draft.text.clone(),
        owner: Some(draft.owner.clone()),
        due,
        source: draft.source.clone(),
    }
    .normalised();
    let mut rules = FormErrors::check([action.validate()]);
    rules.extend(errors);
    if rules.is_empty() { Ok(action) } else { Err(rules) }
}

/// The owner picker: nobody yet, or one of the account's lead and team.
/// Whether the new-action form is open for `source`.
pub fn is_open_for(open: RwSignal<Option<ActionSource>>, source: ActionSource) -> Memo<bool> {
    Memo::new(move |_| open.with(|o| o.as_ref() == Some(&source)))
}

/// "Create action" for a development point: opens the form prefilled with the point,
/// or closes it again.
#[component]
pub fn CreateFromPoint(
    source: ActionSource,
    open: RwSignal<Option<ActionSource>>,
    draft: RwSignal<ActionDraft>,
    test_id: &'static str,
) -> impl IntoView {
    let is_open = is_open_for(open, source.clone());
    view! {
        <button
            type="button"
            class="button"
            aria-expanded=move || is_open.get().to_string()
            data-testid=test_id
            on:click=move |_| {
                if is_open.get_untracked() {
                    open.set(None);
                } else {
                    draft.set(ActionDraft::of_point(&source.link_id, &source.point));
                    open.set(Some(source.clone()));
                }
            }
        >
            {t(Msg::ActionCreate)}
        </button>
    }
}

#[component]
pub fn OwnerSelect(id: String, people: Vec<PersonRef>, value: Signal<String>, set: Callback<String>) -> impl IntoView {
    view! {
        <select id=id on:change=move |ev| set.run(event_target_value(&ev))>
            <option value="">{t(Msg::CfNobodyYet)}</option>
            {people
                .into_iter()
                .map(|p| {
                    let person = p.id.clone();
                    view! { <option value=p.id prop:selected=move || value.get() == person>{p.name}</option> }
                })
                .collect_view()}
        </select>
    }
}

#[component]
pub fn ActionForm(
    /// Makes the fields' ids unique on the page.
    id: String,
    account_id: String,
    people: Vec<PersonRef>,
    draft: RwSignal<ActionDraft>,
    /// Runs once the action is safely queued.
    done: Callback<()>,
    cancel: Callback<()>,
) -> impl IntoView {
    let sync = use_sync();
    let errors = RwSignal::new(FormErrors::default());
    let not_queued = RwSignal::new(false);
    let sending = RwSignal::new(false);
    let (text_id, owner_id, due_id) = (format!("{id}-text"), format!("{id}-owner"), format!("{id}-due"));
    let (text_error_id, due_error_id) = (format!("{id}-text-error"), format!("{id}-due-error"));
    let text_error = field_error(errors, "text");
    let due_error = field_error(errors, "due");
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if sending.get_untracked() {
            return;
        }
        let action = match checked(&draft.get_untracked(), &account_id) {
            Ok(action) => action,
            Err(problems) => {
                errors.set(problems);
                return;
            }
        };
        errors.set(FormErrors::default());
        not_queued.set(false);
        sending.set(true);
        spawn_local(async move {
            let queued = sync.enqueue(Mutation::create_action(new_client_id(), action)).await;
            sending.set(false);
            match queued {
                Ok(()) => {
                    draft.set(ActionDraft::default());
                    done.run(());
                }
                Err(_) => not_queued.set(true),
            }
        });
    };
    view! {
        <form class="action-form" on:submit=submit novalidate data-testid="action-form">
            <div class="field" class:field-invalid=move || text_error.with(Option::is_some)>
                <label for=text_id.clone()>{t(Msg::ActionText)}</label>
                <textarea
                    id=text_id
                    rows="2"
                    prop:value=move || draft.with(|d| d.text.clone())
                    on:input=move |ev| {
                        let value = event_target_value(&ev);
                        draft.update(|d| d.text = value);
                    }
                    aria-invalid=move || text_error.with(Option::is_some).then_some("true")
                    aria-describedby=described_by(None, text_error_id.clone(), text_error)
                ></textarea>
                <FieldError id=text_error_id error=text_error />
            </div>
            <div class="field-pair">
                <div class="field">
                    <label for=owner_id.clone()>{t(Msg::CfChangeOwner)}</label>
                    <OwnerSelect
                        id=owner_id
                        people
                        value=Signal::derive(move || draft.with(|d| d.owner.clone()))
                        set=Callback::new(move |owner| draft.update(|d| d.owner = owner))
                    />
                </div>
                <div class="field" class:field-invalid=move || due_error.with(Option::is_some)>
                    <label for=due_id.clone()>{t(Msg::CfChangeDue)}</label>
                    <input
                        id=due_id
                        type="date"
                        prop:value=move || draft.with(|d| d.due.clone())
                        on:change=move |ev| {
                            let value = event_target_value(&ev);
                            draft.update(|d| d.due = value);
                        }
                        aria-invalid=move || due_error.with(Option::is_some).then_some("true")
                        aria-describedby=described_by(None, due_error_id.clone(), due_error)
                    />
                    <FieldError id=due_error_id error=due_error />
                </div>
            </div>
            {move || not_queued.get().then(|| view! { <p class="field-error" role="alert">{t(Msg::ActionNotQueued)}</p> })}
            <div class="form-actions">
                <button type="submit" class="button button-primary" disabled=move || sending.get()>
                    {t(Msg::ActionSave)}
                </button>
                <button type="button" class="button" on:click=move |_| cancel.run(())>{t(Msg::Cancel)}</button>
            </div>
        </form>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn due_dates_are_optional_but_not_past_or_garbled() {
        let today = NaiveDate::from_ymd_opt(2026, 5, 12);
        let mut errors = FormErrors::default();
        assert_eq!(due_date("", today, &mut errors), None);
        assert_eq!(due_date("2026-05-12", today, &mut errors), today);
        assert!(errors.is_empty());
        assert_eq!(due_date("2026-05-11", today, &mut errors), None);
        assert_eq!(errors.problem("due"), Some(Problem::Message(Msg::ActionDueInPast)));
        let mut errors = FormErrors::default();
        assert_eq!(due_date("12.5.2026", today, &mut errors), None);
        assert_eq!(errors.problem("due"), Some(Problem::Message(Msg::ActionDueInvalid)));
        // An existing action may keep a due date already past.
        assert_eq!(
            due_date("2020-01-01", None, &mut FormErrors::default()),
            NaiveDate::from_ymd_opt(2020, 1, 1)
        );
    }

    #[test]
    fn a_point_prefills_the_text_and_remembers_its_source() {
        let draft = ActionDraft::of_point("link-1", "Send the weekly report on Mondays.");
        assert_eq!(draft.text, "Send the weekly report on Mondays.");
        let source = draft.source.unwrap();
        assert_eq!(source.link_id, "link-1");
        assert_eq!(source.point, "Send the weekly report on Mondays.");
    }
}
