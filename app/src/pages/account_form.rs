use chrono::NaiveDate;
use kaiku_core::Stage;
use kaiku_core::account::{AccountInput, AccountView};
use kaiku_core::api::UserView;
use kaiku_core::validate::{FieldError, Invalid};
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_params_map};

use crate::api::{self, ApiFailure};
use crate::components::field::{FieldError as FieldErrorLine, SubmitButton, TextField};
use crate::components::form::{FormErrors, Problem, field_error, form_failure, submit_if_valid};
use crate::components::load::{Load, load, show};
use crate::components::notice::ErrorBanner;
use crate::i18n::{Msg, label, t};
use crate::state::page_title;

const FIELDS: &[&str] = &[
    "name",
    "segments",
    "stage",
    "annual_value_eur",
    "lead_id",
    "team_ids",
    "start_date",
    "end_date",
    "notes",
];

/// `/accounts/new` and `/accounts/:id/edit`.
#[component]
pub fn AccountFormPage() -> impl IntoView {
    let params = use_params_map();
    let id = params.with_untracked(|p| p.get("id"));
    page_title(if id.is_some() {
        Msg::AccountEdit
    } else {
        Msg::AccountNew
    });
    // The people to choose the lead and team from, and the account when editing.
    let form = RwSignal::new(Load::<(Vec<UserView>, Option<AccountView>)>::Loading);
    let fetch = {
        let id = id.clone();
        move || {
            let id = id.clone();
            load(form, async move {
                let people = api::users().await?;
                let account = match id {
                    Some(id) => Some(api::account(&id).await?),
                    None => None,
                };
                Ok((people, account))
            })
        }
    };
    fetch();
    view! {
        <h1 class="page-title">{t(if id.is_some() { Msg::AccountEdit } else { Msg::AccountNew })}</h1>
        {move || show(
            form.get(),
            fetch.clone(),
            |(people, account)| view! { <AccountForm people account /> }.into_any(),
        )}
    }
}

fn date_input(value: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(value.trim(), "%Y-%m-%d").ok()
}

#[component]
fn AccountForm(people: Vec<UserView>, account: Option<AccountView>) -> impl IntoView {
    let navigate = use_navigate();
    let editing = account.as_ref().map(|a| a.id.clone());
    let cancel_href = editing
        .as_ref()
        .map_or("/accounts".to_string(), |id| format!("/accounts/{id}"));
    let a = account.as_ref();
    let name = RwSignal::new(a.map(|a| a.name.clone()).unwrap_or_default());
    let segments = RwSignal::new(a.map(|a| a.segments.join(", ")).unwrap_or_default());
    let stage = RwSignal::new(a.map_or(Stage::Sales, |a| a.stage));
    let value = RwSignal::new(a.map_or(String::new(), |a| a.annual_value_eur.to_string()));
    let lead = RwSignal::new(
        a.and_then(|a| a.lead.as_ref().map(|l| l.id.clone()))
            .unwrap_or_default(),
    );
    let team = RwSignal::new(
        a.map(|a| a.team.iter().map(|p| p.id.clone()).collect::<Vec<_>>())
            .unwrap_or_default(),
    );
    let today = chrono::Utc::now().date_naive().format("%Y-%m-%d").to_string();
    let start = RwSignal::new(a.map_or(today, |a| a.start_date.format("%Y-%m-%d").to_string()));
    let end = RwSignal::new(
        a.and_then(|a| a.end_date)
            .map(|d| d.format("%Y-%m-%d").to_string())
            .unwrap_or_default(),
    );
    let notes = RwSignal::new(a.map(|a| a.notes.clone()).unwrap_or_default());
    let errors = RwSignal::new(FormErrors::default());
    let active: Vec<UserView> = people.into_iter().filter(|p| p.active).collect();

    let save = Action::new_local({
        let editing = editing.clone();
        move |input: &AccountInput| {
            let input = input.clone();
            let editing = editing.clone();
            let navigate = navigate.clone();
            async move {
                let result: Result<AccountView, ApiFailure> = match &editing {
                    Some(id) => api::update_account(id, &input).await,
                    None => api::create_account(&input).await,
                };
                match result {
                    Ok(saved) => navigate(&format!("/accounts/{}", saved.id), Default::default()),
                    Err(failure) => errors.set(FormErrors::from_failure(failure, FIELDS)),
                }
            }
        }
    });

    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let mut checks = FormErrors::default();
        let annual_value_eur = value.get_untracked().trim().replace([' ', '\u{a0}'], "").parse::<i64>();
        if annual_value_eur.is_err() {
            checks.add("annual_value_eur", Problem::Rule(Invalid::Required));
        }
        let start_date = date_input(&start.get_untracked());
        if start_date.is_none() {
            checks.add("start_date", Problem::Rule(Invalid::Required));
        }
        let input = AccountInput {
            name: name.get_untracked(),
            segments: segments.get_untracked().split(',').map(str::to_string).collect(),
            stage: stage.get_untracked(),
            annual_value_eur: annual_value_eur.unwrap_or(0),
            lead_id: Some(lead.get_untracked()).filter(|l| !l.is_empty()),
            team_ids: team.get_untracked(),
            start_date: start_date.unwrap_or_default(),
            end_date: date_input(&end.get_untracked()),
            notes: notes.get_untracked(),
        }
        .normalised();
        if checks.is_empty()
            && let Err(FieldError { field, problem }) = input.validate()
        {
            checks.add(field, Problem::Rule(problem));
        }
        submit_if_valid(save, errors, checks, input);
    };

    let team_choices = active.clone();
    view! {
        <section class="card">
            <ErrorBanner failure=form_failure(errors) />
            <form class="form" novalidate on:submit=on_submit>
                <TextField id="name" label=Msg::FieldName value=name error=field_error(errors, "name") />
                <TextField
                    id="segments"
                    label=Msg::FieldSegments
                    value=segments
                    hint=Signal::derive(move || t(Msg::SegmentsHint)().to_owned())
                    error=field_error(errors, "segments")
                />
                <div class="field">
                    <label for="stage">{t(Msg::FieldStage)}</label>
                    <select
                        id="stage"
                        on:change=move |ev| {
                            if let Some(s) = Stage::from_code(&event_target_value(&ev)) {
                                stage.set(s);
                            }
                        }
                    >
                        {Stage::ALL
                            .into_iter()
                            .map(|s| view! { <option value=s.code() selected=move || stage.get() == s>{label(s, Stage::label)}</option> })
                            .collect_view()}
                    </select>
                </div>
                <TextField
                    id="annual_value_eur"
                    label=Msg::FieldAnnualValue
                    kind="number"
                    value=value
                    error=field_error(errors, "annual_value_eur")
                />
                <div class="field">
                    <label for="lead_id">{t(Msg::FieldLead)}</label>
                    <select id="lead_id" on:change=move |ev| lead.set(event_target_value(&ev))>
                        <option value="">{t(Msg::NoLead)}</option>
                        {active
                            .iter()
                            .map(|p| {
                                let id = p.id.clone();
                                let selected = lead.get_untracked() == id;
                                view! { <option value=id selected=selected>{p.name.clone()}</option> }
                            })
                            .collect_view()}
                    </select>
                    <FieldErrorLine id="lead_id-error".to_string() error=field_error(errors, "lead_id") />
                </div>
                <fieldset class="field">
                    <legend>{t(Msg::FieldTeam)}</legend>
                    {team_choices
                        .into_iter()
                        .map(|p| {
                            let id = p.id.clone();
                            let checked = team.get_untracked().contains(&id);
                            view! {
                                <label class="check">
                                    <input
                                        type="checkbox"
                                        checked=checked
                                        on:change=move |ev| {
                                            let on = event_target_checked(&ev);
                                            let id = id.clone();
                                            team.update(|t| {
                                                t.retain(|x| *x != id);
                                                if on {
                                                    t.push(id);
                                                }
                                            });
                                        }
                                    />
                                    {p.name}
                                </label>
                            }
                        })
                        .collect_view()}
                </fieldset>
                <TextField id="start_date" label=Msg::FieldStartDate kind="date" value=start error=field_error(errors, "start_date") />
                <TextField id="end_date" label=Msg::FieldEndDate kind="date" value=end error=field_error(errors, "end_date") />
                <div class="field">
                    <label for="notes">{t(Msg::FieldNotes)}</label>
                    <textarea id="notes" rows="4" bind:value=notes></textarea>
                    <FieldErrorLine id="notes-error".to_string() error=field_error(errors, "notes") />
                </div>
                <div class="form-actions">
                    <SubmitButton label=Msg::Save pending=save.pending() />
                    <A href=cancel_href.clone() {..} class="button">
                        {t(Msg::Cancel)}
                    </A>
                </div>
            </form>
        </section>
    }
}
