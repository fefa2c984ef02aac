//! `/settings/cases`: the organisation's service levels for cases — acknowledge and
//! first contact within so many working hours, resolve within so many working days.
//! Admins change them; everyone can read them, so an owner knows their deadlines.

use kaiku_core::case::{LEVEL_MAX_DAYS, LEVEL_MAX_HOURS, ServiceLevels};
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::api;
use crate::components::field::{FieldError, described_by};
use crate::components::form::{FormErrors, field_error, form_failure, passes, whole_number};
use crate::components::load::{Load, load, show};
use crate::components::notice::{ErrorBanner, Success};
use crate::i18n::{Msg, t, use_lang};
use crate::state::{page_title, use_app};

const FIELDS: &[&str] = &["acknowledge_hours", "first_contact_hours", "resolve_days"];

#[component]
pub fn CaseSettingsPage() -> impl IntoView {
    page_title(Msg::CaseSettingsTitle);
    let editable = use_app().is_admin();
    let levels = RwSignal::new(Load::<ServiceLevels>::Loading);
    let fetch = move || load(levels, api::case_service_levels());
    fetch();
    view! {
        <h1 class="page-title">{t(Msg::CaseSettingsTitle)}</h1>
        <section class="card" aria-labelledby="levels-heading">
            <h2 id="levels-heading" class="visually-hidden">{t(Msg::CaseSettingsTitle)}</h2>
            <p class="muted">{t(Msg::CaseSettingsIntro)}</p>
            {move || show(levels.get(), fetch, move |loaded| view! { <LevelsForm loaded editable /> }.into_any())}
        </section>
    }
}

#[component]
fn NumberField(
    field: &'static str,
    label: Msg,
    max: u32,
    value: RwSignal<String>,
    errors: RwSignal<FormErrors>,
    editable: bool,
) -> impl IntoView {
    let error = field_error(errors, field);
    let error_id = format!("{field}-error");
    view! {
        <div class="field" class:field-invalid=move || error.with(Option::is_some)>
            <label for=field>{t(label)}</label>
            <input
                id=field
                type="number"
                min="1"
                max=max.to_string()
                inputmode="numeric"
                disabled=!editable
                aria-invalid=move || error.with(Option::is_some).to_string()
                aria-describedby=described_by(None, error_id.clone(), error)
                prop:value=move || value.get()
                on:input=move |ev| value.set(event_target_value(&ev))
            />
            <FieldError id=error_id error />
        </div>
    }
}

#[component]
fn LevelsForm(loaded: ServiceLevels, editable: bool) -> impl IntoView {
    let lang = use_lang();
    let acknowledge = RwSignal::new(loaded.acknowledge_hours.to_string());
    let first_contact = RwSignal::new(loaded.first_contact_hours.to_string());
    let resolve = RwSignal::new(loaded.resolve_days.to_string());
    let errors = RwSignal::new(FormErrors::default());
    let busy = RwSignal::new(false);
    let saved = RwSignal::new(false);
    let saved_text = Signal::derive(move || saved.get().then(|| Msg::CaseSettingsSaved.text(lang.get()).to_string()));
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        saved.set(false);
        let mut checks = FormErrors::default();
        let typed = (
            whole_number(
                &acknowledge.get_untracked(),
                "acknowledge_hours",
                1,
                LEVEL_MAX_HOURS,
                &mut checks,
            ),
            whole_number(
                &first_contact.get_untracked(),
                "first_contact_hours",
                1,
                LEVEL_MAX_HOURS,
                &mut checks,
            ),
            whole_number(&resolve.get_untracked(), "resolve_days", 1, LEVEL_MAX_DAYS, &mut checks),
        );
        let (Some(acknowledge_hours), Some(first_contact_hours), Some(resolve_days)) = typed else {
            return errors.set(checks);
        };
        let levels = ServiceLevels {
            acknowledge_hours,
            first_contact_hours,
            resolve_days,
        };
        let checks = FormErrors::check([levels.check()]);
        if !passes(errors, checks) {
            return;
        }
        busy.set(true);
        spawn_local(async move {
            match api::set_case_service_levels(&levels).await {
                Ok(stored) => {
                    acknowledge.set(stored.acknowledge_hours.to_string());
                    first_contact.set(stored.first_contact_hours.to_string());
                    resolve.set(stored.resolve_days.to_string());
                    saved.set(true);
                }
                Err(failure) => errors.set(FormErrors::from_failure(failure, FIELDS)),
            }
            busy.set(false);
        });
    };
    view! {
        <form on:submit=on_submit novalidate data-testid="case-levels">
            <NumberField field="acknowledge_hours" label=Msg::CaseSettingsAcknowledge max=LEVEL_MAX_HOURS value=acknowledge errors editable />
            <NumberField field="first_contact_hours" label=Msg::CaseSettingsFirstContact max=LEVEL_MAX_HOURS value=first_contact errors editable />
            <NumberField field="resolve_days" label=Msg::CaseSettingsResolve max=LEVEL_MAX_DAYS value=resolve errors editable />
            <ErrorBanner failure=form_failure(errors) />
            <Success message=saved_text />
            {editable.then(|| view! {
                <div class="form-actions">
                    <button type="submit" class="button button-primary" disabled=move || busy.get()>
                        {move || if busy.get() { t(Msg::Saving)() } else { t(Msg::Save)() }}
                    </button>
                </div>
            })}
            {(!editable).then(|| view! { <p class="muted">{t(Msg::CaseSettingsAdminsOnly)}</p> })}
        </form>
    }
}
