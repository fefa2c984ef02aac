//! The one initiative form (leaders and admins): a new initiative on `/initiatives`,
//! an edit of one on its page. Title, description, owner (the organisation's active
//! people), topics (themes and churn causes), accounts and the check window; an edit
//! sends the evidence links it was made with (answers, counter-feedback, cases,
//! development points) back as they are, and a done initiative's window stays fixed.

use kaiku_core::ChurnCause;
use kaiku_core::account::AccountView;
use kaiku_core::analysis::{ThemeDef, theme_name};
use kaiku_core::api::UserView;
use kaiku_core::initiative::{
    CHECK_DEFAULT_DAYS, CHECK_MAX_DAYS, CHECK_MIN_DAYS, InitiativeInput, InitiativeView, Topic,
};
use kaiku_core::validate::FieldError;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;

use crate::api::{self, ApiFailure};
use crate::components::field::{FieldError as FieldErrorLine, SubmitButton, TextField, described_by};
use crate::components::form::{FormErrors, Problem, field_error, form_failure, submit_if_valid, whole_number};
use crate::components::load::{Load, load, show};
use crate::components::notice::ErrorBanner;
use crate::i18n::fill;
use crate::i18n::{Msg, t, use_lang};

/// The request fields the form shows; a server error about one is shown beside it.
const FIELDS: &[&str] = &["title", "description", "owner", "topics", "accounts", "check_days"];

/// A new initiative: no links, the default check window.
pub fn blank() -> InitiativeInput {
    InitiativeInput {
        title: String::new(),
        description: String::new(),
        owner: None,
        topics: Vec::new(),
        accounts: Vec::new(),
        answers: Vec::new(),
        counter_feedback: Vec::new(),
        cases: Vec::new(),
        points: Vec::new(),
        check_days: CHECK_DEFAULT_DAYS,
    }
}

/// What the form chooses from.
#[derive(Debug, Clone)]
struct Choices {
    people: Vec<UserView>,
    /// Built-in and the organisation's own.
    themes: Vec<ThemeDef>,
    accounts: Vec<AccountView>,
}

async fn choices() -> Result<Choices, ApiFailure> {
    let themes = api::themes().await?;
    let people = api::users().await?;
    let accounts = api::accounts(true).await?;
    Ok(Choices {
        people,
        themes: themes.built_in.into_iter().chain(themes.custom).collect(),
        accounts,
    })
}

/// Loads the people, themes and accounts, then shows the form filled with `initial`.
#[component]
pub fn InitiativeForm(
    /// The initiative being edited, or none for a new one.
    #[prop(optional)]
    editing: Option<String>,
    initial: InitiativeInput,
    /// The initiative is done: its check window may no longer change.
    #[prop(optional)]
    window_fixed: bool,
    on_saved: Callback<InitiativeView>,
    on_cancel: Callback<()>,
) -> impl IntoView {
    let data = RwSignal::new(Load::<Choices>::Loading);
    let fetch = move || load(data, choices());
    fetch();
    let editing = StoredValue::new(editing);
    let initial = StoredValue::new(initial);
    move || {
        show(data.get(), fetch, move |choices| {
            view! {
                <Fields
                    choices
                    editing=editing.get_value()
                    initial=initial.get_value()
                    window_fixed
                    on_saved
                    on_cancel
                />
            }
            .into_any()
        })
    }
}

/// The message beside a field the server refused.
fn server_problem(field: &str, window_fixed: bool) -> Msg {
    match field {
        "owner" => Msg::InitiativeOwnerInactive,
        "topics" | "accounts" => Msg::InitiativeChoiceGone,
        "check_days" if window_fixed => Msg::InitiativeWindowFixed,
        _ => Msg::InvalidRejected,
    }
}

#[component]
fn Fields(
    choices: Choices,
    editing: Option<String>,
    initial: InitiativeInput,
    window_fixed: bool,
    on_saved: Callback<InitiativeView>,
    on_cancel: Callback<()>,
) -> impl IntoView {
    let lang = use_lang();
    let is_edit = editing.is_some();
    let title = RwSignal::new(initial.title.clone());
    let description = RwSignal::new(initial.description.clone());
    let owner = RwSignal::new(initial.owner.clone().unwrap_or_default());
    let topics = RwSignal::new(initial.topics.iter().map(Topic::code).collect::<Vec<_>>());
    let accounts = RwSignal::new(initial.accounts.clone());
    let check_days = RwSignal::new(initial.check_days.to_string());
    let errors = RwSignal::new(FormErrors::default());
    let theme_keys: Vec<String> = choices.themes.iter().map(|t| t.key.clone()).collect();

    // Active people, and a deactivated owner still shown as the one chosen.
    let chosen_owner = initial.owner.clone().unwrap_or_default();
    let people: Vec<(String, String)> = choices
        .people
        .iter()
        .filter(|p| p.active || p.id == chosen_owner)
        .map(|p| (p.id.clone(), p.name.clone()))
        .collect();
    // Accounts in use, and archived ones only when already linked.
    let mut account_choices: Vec<(String, String)> = choices
        .accounts
        .iter()
        .filter(|a| !a.archived || initial.accounts.contains(&a.id))
        .map(|a| (a.id.clone(), a.name.clone()))
        .collect();
    account_choices.sort_by_key(|(_, name)| name.to_lowercase());
    let save = Action::new_local(move |input: &InitiativeInput| {
        let input = input.clone();
        let editing = editing.clone();
        async move {
            let result = match &editing {
                Some(id) => api::update_initiative(id, &input).await,
                None => api::create_initiative(&input).await,
            };
            match result {
                Ok(view) => on_saved.run(view),
                Err(failure) => errors.set(FormErrors::from_failure_saying(failure, FIELDS, |field| {
                    server_problem(field, window_fixed)
                })),
            }
        }
    });

    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let mut checks = FormErrors::default();
        let days = if window_fixed {
            Some(initial.check_days)
        } else {
            whole_number(
                &check_days.get_untracked(),
                "check_days",
                CHECK_MIN_DAYS,
                CHECK_MAX_DAYS,
                &mut checks,
            )
        };
        let input = InitiativeInput {
            title: title.get_untracked(),
            description: description.get_untracked(),
            owner: Some(owner.get_untracked()),
            topics: topics
                .get_untracked()
                .iter()
                .filter_map(|c| Topic::from_code(c))
                .collect(),
            accounts: accounts.get_untracked(),
            check_days: days.unwrap_or(initial.check_days),
            ..initial.clone()
        }
        .normalised();
        if checks.is_empty()
            && let Err(FieldError { field, problem }) = input.check(&theme_keys)
        {
            checks.add(field, Problem::Rule(problem));
        }
        submit_if_valid(save, errors, checks, input);
    };

    let themes = StoredValue::new(choices.themes);
    let no_accounts = account_choices.is_empty();
    let days_hint = Signal::derive(move || {
        let lang = lang.get();
        if window_fixed {
            Msg::InitiativeCheckDaysFixed.text(lang).to_string()
        } else {
            fill(
                lang,
                Msg::InitiativeCheckDaysHint,
                &[
                    ("min", &CHECK_MIN_DAYS.to_string()),
                    ("max", &CHECK_MAX_DAYS.to_string()),
                    ("default", &CHECK_DEFAULT_DAYS.to_string()),
                ],
            )
        }
    });
    let description_error = field_error(errors, "description");
    let owner_error = field_error(errors, "owner");
    view! {
        <form class="form" novalidate on:submit=on_submit data-testid="initiative-form">
            <ErrorBanner failure=form_failure(errors) />
            {is_edit.then(|| view! { <p class="field-hint">{t(Msg::InitiativeKeepsEvidence)}</p> })}
            <TextField
                id="initiative-title-field"
                label=Msg::InitiativeFieldTitle
                value=title
                error=field_error(errors, "title")
            />
            <div class="field" class:field-invalid=move || description_error.with(Option::is_some)>
                <label for="initiative-description">{t(Msg::InitiativeFieldDescription)}</label>
                <textarea
                    id="initiative-description"
                    rows="4"
                    bind:value=description
                    aria-invalid=move || description_error.with(Option::is_some).then_some("true")
                    aria-describedby=described_by(None, "initiative-description-error".into(), description_error)
                ></textarea>
                <FieldErrorLine id="initiative-description-error".to_string() error=description_error />
            </div>
            <div class="field" class:field-invalid=move || owner_error.with(Option::is_some)>
                <label for="initiative-owner">{t(Msg::InitiativeOwner)}</label>
                <select
                    id="initiative-owner"
                    on:change=move |ev| owner.set(event_target_value(&ev))
                    aria-invalid=move || owner_error.with(Option::is_some).then_some("true")
                    aria-describedby=described_by(None, "initiative-owner-error".into(), owner_error)
                >
                    <option value="" prop:selected=move || owner.get().is_empty()>{t(Msg::InitiativeNoOwner)}</option>
                    {people
                        .into_iter()
                        .map(|(id, name)| {
                            let value = id.clone();
                            view! { <option value=value prop:selected=move || owner.get() == id>{name}</option> }
                        })
                        .collect_view()}
                </select>
                <FieldErrorLine id="initiative-owner-error".to_string() error=owner_error />
            </div>
            <fieldset class="field" data-testid="initiative-topics">
                <legend>{t(Msg::InitiativeFieldTopics)}</legend>
                <FieldErrorLine id="initiative-topics-error".to_string() error=field_error(errors, "topics") />
                <fieldset class="field">
                    <legend>{t(Msg::InitiativeFieldThemes)}</legend>
                    <div class="check-grid">
                    {themes
                        .get_value()
                        .into_iter()
                        .map(|theme| {
                            let key = theme.key.clone();
                            view! {
                                <Choice value=Topic::theme(&theme.key).code() chosen=topics>
                                    {move || themes.with_value(|all| theme_name(&key, all, lang.get()))}
                                </Choice>
                            }
                        })
                        .collect_view()}
                    </div>
                </fieldset>
                <fieldset class="field">
                    <legend>{t(Msg::InitiativeFieldCauses)}</legend>
                    <div class="check-grid">
                    {ChurnCause::ALL
                        .into_iter()
                        .map(|cause| view! {
                            <Choice value=Topic::cause(cause).code() chosen=topics>
                                {move || cause.label(lang.get())}
                            </Choice>
                        })
                        .collect_view()}
                    </div>
                </fieldset>
            </fieldset>
            <fieldset class="field" data-testid="initiative-accounts">
                <legend>{t(Msg::InitiativeFieldAccounts)}</legend>
                <FieldErrorLine id="initiative-accounts-error".to_string() error=field_error(errors, "accounts") />
                {no_accounts.then(|| view! { <p class="empty">{t(Msg::InitiativeNoAccounts)}</p> })}
                <div class="check-grid">
                    {account_choices
                        .into_iter()
                        .map(|(id, name)| view! { <Choice value=id chosen=accounts>{name}</Choice> })
                        .collect_view()}
                </div>
            </fieldset>
            <TextField
                id="initiative-check-days"
                label=Msg::InitiativeFieldCheckDays
                kind="number"
                value=check_days
                hint=days_hint
                disabled=window_fixed
                error=field_error(errors, "check_days")
            />
            <div class="form-actions">
                <SubmitButton label=if is_edit { Msg::Save } else { Msg::InitiativeCreate } pending=save.pending() />
                <button type="button" class="button" on:click=move |_| on_cancel.run(())>
                    {t(Msg::Cancel)}
                </button>
            </div>
        </form>
    }
}

/// One checkbox of a multiple choice, its label wrapping it.
#[component]
fn Choice(value: String, chosen: RwSignal<Vec<String>>, children: Children) -> impl IntoView {
    let checked = chosen.with_untracked(|c| c.contains(&value));
    view! {
        <label class="check">
            <input
                type="checkbox"
                value=value.clone()
                prop:checked=checked
                on:change=move |ev| {
                    let on = event_target_checked(&ev);
                    chosen.update(|c| {
                        c.retain(|x| *x != value);
                        if on {
                            c.push(value.clone());
                        }
                    });
                }
            />
            {children()}
        </label>
    }
}
