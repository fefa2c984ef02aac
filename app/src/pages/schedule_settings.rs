//! `/settings/schedule`: when scheduled surveys go out (time zone, working hours), how
//! often a customer may be asked, the customers' reminders, and the default cycles of
//! accounts without their own. Admins change them; everyone can read them.

use kaiku_core::Stage;
use kaiku_core::cycle::{
    CycleDefault, CycleRule, GAP_MAX_DAYS, REMINDER_MAX_DAYS, ScheduleSettings, ScheduleSettingsView,
};
use kaiku_core::survey::TemplateView;
use kaiku_core::validate::{self, Invalid, NAME_MAX_CHARS};
use leptos::ev::SubmitEvent;
use leptos::prelude::*;

use crate::api;
use crate::browser;
use crate::components::cycle_rule::{RuleDraft, RuleFields, template_name};
use crate::components::field::{FieldError, SubmitButton, TextField, described_by};
use crate::components::form::{FormErrors, Problem, field_error, form_failure, submit_if_valid, whole_number};
use crate::components::load::{Load, load, show};
use crate::components::notice::{ErrorBanner, Success};
use crate::i18n::{self, Msg, t, use_lang};
use crate::state::{page_title, use_app};

/// The request fields of the settings, so a server error marks its field.
const SETTINGS_FIELDS: &[&str] = &[
    "timezone",
    "workday_start_hour",
    "workday_end_hour",
    "contact_gap_days",
    "account_gap_days",
    "first_reminder_days",
    "second_reminder_days",
];

/// The "applies to" choice of a default that is keyed by a segment.
const SEGMENT: &str = "segment";

/// The settings, and the templates a default may name.
type ScheduleData = (ScheduleSettingsView, Vec<TemplateView>);

async fn fetch() -> Result<ScheduleData, api::ApiFailure> {
    let view = api::schedule_settings().await?;
    let templates = api::survey_templates().await?;
    Ok((view, templates))
}

#[component]
pub fn ScheduleSettingsPage() -> impl IntoView {
    page_title(Msg::ScheduleTitle);
    let app = use_app();
    // The server lets those who manage the team save these.
    let editable = app.is_admin();
    let data = RwSignal::new(Load::<ScheduleData>::Loading);
    let reload = move || load(data, fetch());
    reload();
    view! {
        <h1 class="page-title">{t(Msg::ScheduleTitle)}</h1>
        <p class="muted">{t(Msg::ScheduleIntro)}</p>
        {move || show(data.get(), reload, move |(view, templates)| {
            if editable {
                view! { <ScheduleForm view templates /> }.into_any()
            } else {
                view! { <ScheduleSummary view templates /> }.into_any()
            }
        })}
    }
}

/// One default cycle being edited.
#[derive(Debug, Clone, Copy)]
struct DefaultRow {
    key: usize,
    /// A stage's code, or [`SEGMENT`].
    applies: RwSignal<String>,
    segment: RwSignal<String>,
    draft: RwSignal<RuleDraft>,
    errors: RwSignal<FormErrors>,
}

impl DefaultRow {
    fn new(key: usize, default: &CycleDefault) -> Self {
        DefaultRow {
            key,
            applies: RwSignal::new(default.stage.map_or(SEGMENT, Stage::code).to_string()),
            segment: RwSignal::new(default.segment.clone().unwrap_or_default()),
            draft: RwSignal::new(RuleDraft::from(&default.rule)),
            errors: RwSignal::new(FormErrors::default()),
        }
    }

    /// The default as typed, or the fields that need fixing.
    fn default(&self) -> Result<CycleDefault, FormErrors> {
        let stage = Stage::from_code(&self.applies.get_untracked());
        let segment = self.segment.get_untracked().trim().to_string();
        let mut errors = FormErrors::default();
        if stage.is_none() {
            if segment.is_empty() {
                errors.add("segment", Problem::Rule(Invalid::Required));
            } else if let Err(error) = validate::too_long("segment", &segment, NAME_MAX_CHARS) {
                errors.add(error.field, Problem::Rule(error.problem));
            }
        }
        let rule = match self.draft.get_untracked().rule() {
            Ok(rule) => rule,
            Err(rule_errors) => {
                errors.extend(rule_errors);
                return Err(errors);
            }
        };
        let default = CycleDefault {
            stage,
            segment: stage.is_none().then_some(segment),
            rule,
        };
        if errors.is_empty()
            && let Err(error) = default.check()
        {
            errors.add(error.field, Problem::Rule(error.problem));
        }
        if errors.is_empty() { Ok(default) } else { Err(errors) }
    }
}

#[component]
fn ScheduleForm(view: ScheduleSettingsView, templates: Vec<TemplateView>) -> impl IntoView {
    let lang = use_lang();
    let settings = &view.settings;
    let timezone = RwSignal::new(settings.timezone.clone());
    let start_hour = RwSignal::new(settings.workday_start_hour.to_string());
    let end_hour = RwSignal::new(settings.workday_end_hour.to_string());
    let contact_gap = RwSignal::new(settings.contact_gap_days.to_string());
    let account_gap = RwSignal::new(settings.account_gap_days.to_string());
    let first_reminder = RwSignal::new(settings.first_reminder_days.to_string());
    let second_reminder = RwSignal::new(settings.second_reminder_days.to_string());
    let rows = RwSignal::new(
        view.defaults
            .iter()
            .enumerate()
            .map(|(key, default)| DefaultRow::new(key, default))
            .collect::<Vec<_>>(),
    );
    let next_key = StoredValue::new(view.defaults.len());
    let templates = StoredValue::new(templates);
    let errors = RwSignal::new(FormErrors::default());
    let rows_invalid = RwSignal::new(false);
    let saved = RwSignal::new(false);
    let saved_text = Signal::derive(move || saved.get().then(|| Msg::Saved.text(lang.get()).to_string()));
    let hint = move |msg: Msg| Signal::derive(move || msg.text(lang.get()).to_string());

    let save = Action::new_local(move |view: &ScheduleSettingsView| {
        let view = view.clone();
        async move {
            match api::set_schedule_settings(&view).await {
                Ok(_) => saved.set(true),
                Err(failure) => {
                    // The server knows which templates exist: mark the defaults naming another.
                    if failure.field() == Some("template_id") {
                        for row in rows.get_untracked() {
                            let template = row.draft.with_untracked(|d| d.template_id.clone());
                            if templates.with_value(|ts| ts.iter().all(|t| t.id != template)) {
                                row.errors
                                    .update(|e| e.add("template_id", Problem::Message(Msg::InvalidRejected)));
                                rows_invalid.set(true);
                            }
                        }
                    }
                    errors.set(FormErrors::from_failure(failure, SETTINGS_FIELDS));
                }
            }
        }
    });

    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        saved.set(false);
        let mut checks = FormErrors::default();
        let mut number = |value: RwSignal<String>, field: &'static str, min: u32, max: u32| {
            whole_number(&value.get_untracked(), field, min, max, &mut checks).unwrap_or_default()
        };
        let settings = ScheduleSettings {
            timezone: timezone.get_untracked().trim().to_string(),
            workday_start_hour: number(start_hour, "workday_start_hour", 0, 23),
            workday_end_hour: number(end_hour, "workday_end_hour", 1, 23),
            contact_gap_days: number(contact_gap, "contact_gap_days", 0, GAP_MAX_DAYS),
            account_gap_days: number(account_gap, "account_gap_days", 0, GAP_MAX_DAYS),
            first_reminder_days: number(first_reminder, "first_reminder_days", 1, REMINDER_MAX_DAYS),
            second_reminder_days: number(second_reminder, "second_reminder_days", 1, REMINDER_MAX_DAYS),
        };
        if checks.is_empty()
            && let Err(error) = settings.check()
        {
            checks.add(error.field, Problem::Rule(error.problem));
        }
        let mut defaults = Vec::new();
        let mut rows_ok = true;
        for row in rows.get_untracked() {
            match row.default() {
                Ok(default) => {
                    row.errors.set(FormErrors::default());
                    defaults.push(default);
                }
                Err(row_errors) => {
                    row.errors.set(row_errors);
                    rows_ok = false;
                }
            }
        }
        rows_invalid.set(!rows_ok);
        if !rows_ok {
            errors.set(checks);
            return;
        }
        submit_if_valid(save, errors, checks, ScheduleSettingsView { settings, defaults });
    };

    let owner = Owner::current();
    let add = move |_| {
        // The first stage no default covers yet, else a segment.
        let used: Vec<String> = rows.with_untracked(|r| r.iter().map(|row| row.applies.get_untracked()).collect());
        let stage = Stage::ALL
            .into_iter()
            .find(|stage| !used.iter().any(|u| u == stage.code()));
        let default = CycleDefault {
            stage,
            segment: None,
            rule: CycleRule::default(),
        };
        let key = next_key.get_value();
        next_key.set_value(key + 1);
        // The row's signals belong to the form, not to this click.
        let row = match &owner {
            Some(owner) => owner.with(|| DefaultRow::new(key, &default)),
            None => DefaultRow::new(key, &default),
        };
        rows.update(|r| r.push(row));
    };

    view! {
        <form class="form" novalidate on:submit=on_submit data-testid="schedule-form">
            <ErrorBanner failure=form_failure(errors) />
            <section class="card" aria-labelledby="sending-heading">
                <h2 id="sending-heading">{t(Msg::ScheduleSendingTitle)}</h2>
                <div class="form">
                    <TimeZoneField value=timezone error=field_error(errors, "timezone") />
                    <div class="field-pair">
                        <TextField id="workday_start_hour" label=Msg::ScheduleStartHour kind="number" value=start_hour
                            error=field_error(errors, "workday_start_hour") />
                        <TextField id="workday_end_hour" label=Msg::ScheduleEndHour kind="number" value=end_hour
                            hint=hint(Msg::ScheduleHoursHint) error=field_error(errors, "workday_end_hour") />
                    </div>
                    <div class="field-pair">
                        <TextField id="contact_gap_days" label=Msg::ScheduleContactGap kind="number" value=contact_gap
                            hint=hint(Msg::ScheduleGapHint) error=field_error(errors, "contact_gap_days") />
                        <TextField id="account_gap_days" label=Msg::ScheduleAccountGap kind="number" value=account_gap
                            hint=hint(Msg::ScheduleGapHint) error=field_error(errors, "account_gap_days") />
                    </div>
                    <div class="field-pair">
                        <TextField id="first_reminder_days" label=Msg::ScheduleFirstReminder kind="number"
                            value=first_reminder error=field_error(errors, "first_reminder_days") />
                        <TextField id="second_reminder_days" label=Msg::ScheduleSecondReminder kind="number"
                            value=second_reminder hint=hint(Msg::ScheduleRemindersHint)
                            error=field_error(errors, "second_reminder_days") />
                    </div>
                </div>
            </section>
            <section class="card" aria-labelledby="defaults-heading">
                <h2 id="defaults-heading">{t(Msg::ScheduleDefaultsTitle)}</h2>
                <p class="muted">{t(Msg::ScheduleDefaultsIntro)}</p>
                {move || rows_invalid.get().then(|| view! {
                    <p class="banner banner-error" role="alert">{t(Msg::DefaultRowsInvalid)}</p>
                })}
                <Show when=move || rows.with(Vec::is_empty)>
                    <p class="empty" data-testid="defaults-empty">{t(Msg::ScheduleDefaultsEmpty)}</p>
                </Show>
                <ol class="default-rules">
                    <For each=move || rows.get() key=|row| row.key let:row>
                        <DefaultRowEditor row rows templates=templates.get_value() />
                    </For>
                </ol>
                <button type="button" class="button" data-testid="default-add" on:click=add>
                    {t(Msg::DefaultAdd)}
                </button>
            </section>
            <Success message=saved_text />
            <SubmitButton label=Msg::Save pending=save.pending() {..} data-testid="schedule-save" />
        </form>
    }
}

#[component]
fn DefaultRowEditor(row: DefaultRow, rows: RwSignal<Vec<DefaultRow>>, templates: Vec<TemplateView>) -> impl IntoView {
    let lang = use_lang();
    let key = row.key;
    let prefix = format!("default-{key}");
    let number = move || rows.with(|r| r.iter().position(|x| x.key == key).map_or(0, |i| i + 1));
    let applies_id = format!("{prefix}-applies");
    let segment_id = format!("{prefix}-segment");
    let is_segment = move || row.applies.with(|a| a == SEGMENT);
    let segment_error = field_error(row.errors, "segment");
    let remove = move |_| {
        if !browser::confirm(Msg::DefaultRemoveConfirm.text(lang.get_untracked())) {
            return;
        }
        rows.update(|r| r.retain(|x| x.key != key));
    };
    view! {
        <li class="default-rule" data-testid="default-rule">
            <fieldset>
                <legend>{move || i18n::default_number(lang.get(), number())}</legend>
                <div class="field">
                    <label for=applies_id.clone()>{t(Msg::DefaultAppliesTo)}</label>
                    <select id=applies_id on:change=move |ev| row.applies.set(event_target_value(&ev))>
                        {Stage::ALL.map(|stage| view! {
                            <option value=stage.code() prop:selected=move || row.applies.with(|a| a == stage.code())>
                                {move || i18n::default_applies(lang.get(), Some(stage), None)}
                            </option>
                        })}
                        <option value=SEGMENT prop:selected=is_segment>{t(Msg::DefaultSegmentOption)}</option>
                    </select>
                </div>
                <Show when=is_segment>
                    <div class="field" class:field-invalid=move || segment_error.with(Option::is_some)>
                        <label for=segment_id.clone()>{t(Msg::DefaultSegment)}</label>
                        <input
                            id=segment_id.clone()
                            type="text"
                            bind:value=row.segment
                            aria-invalid=move || segment_error.with(Option::is_some).then_some("true")
                            aria-describedby=described_by(None, format!("{segment_id}-error"), segment_error)
                        />
                        <FieldError id=format!("{segment_id}-error") error=segment_error />
                    </div>
                </Show>
                <RuleFields prefix=prefix.clone() draft=row.draft errors=row.errors templates />
                <div class="form-actions">
                    <button
                        type="button"
                        class="button button-danger"
                        data-testid="default-remove"
                        aria-label=move || {
                            let lang = lang.get();
                            format!("{}: {}", Msg::Remove.text(lang), i18n::default_number(lang, number()))
                        }
                        on:click=remove
                    >
                        {t(Msg::Remove)}
                    </button>
                </div>
            </fieldset>
        </li>
    }
}

/// The settings for those who may not change them.
#[component]
fn ScheduleSummary(view: ScheduleSettingsView, templates: Vec<TemplateView>) -> impl IntoView {
    let lang = use_lang();
    let s = view.settings;
    let fact = |label: Msg, value: String| {
        view! {
            <div>
                <dt>{t(label)}</dt>
                <dd>{value}</dd>
            </div>
        }
    };
    let defaults = view.defaults;
    let no_defaults = defaults.is_empty();
    view! {
        <p class="banner banner-info" role="status">{t(Msg::ScheduleReadOnly)}</p>
        <section class="card" aria-labelledby="sending-heading">
            <h2 id="sending-heading">{t(Msg::ScheduleSendingTitle)}</h2>
            <dl class="facts" data-testid="schedule-summary">
                {fact(Msg::ScheduleTimezone, s.timezone.clone())}
                {fact(Msg::ScheduleStartHour, s.workday_start_hour.to_string())}
                {fact(Msg::ScheduleEndHour, s.workday_end_hour.to_string())}
                {fact(Msg::ScheduleContactGap, s.contact_gap_days.to_string())}
                {fact(Msg::ScheduleAccountGap, s.account_gap_days.to_string())}
                {fact(Msg::ScheduleFirstReminder, s.first_reminder_days.to_string())}
                {fact(Msg::ScheduleSecondReminder, s.second_reminder_days.to_string())}
            </dl>
        </section>
        <section class="card" aria-labelledby="defaults-heading">
            <h2 id="defaults-heading">{t(Msg::ScheduleDefaultsTitle)}</h2>
            <p class="muted">{t(Msg::ScheduleDefaultsIntro)}</p>
            {no_defaults.then(|| view! { <p class="empty" data-testid="defaults-empty">{t(Msg::ScheduleDefaultsEmpty)}</p> })}
            <ul class="rows">
                {defaults
                    .into_iter()
                    .map(|CycleDefault { stage, segment, rule }| {
                        let templates = templates.clone();
                        let applies = move || i18n::default_applies(lang.get(), stage, segment.as_deref());
                        let described = move || {
                            let lang = lang.get();
                            i18n::describe_rule(lang, &rule, &template_name(&templates, &rule.template_id, lang))
                        };
                        view! {
                            <li class="row" data-testid="default-rule">
                                <div class="row-main">
                                    <span class="row-title">{applies}</span>
                                    <span class="row-sub">{described}</span>
                                </div>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        </section>
    }
}

/// The organisation's time zone, chosen from the zones the browser knows (typed in
/// where it cannot list them). A stored zone the list lacks stays on offer.
#[component]
fn TimeZoneField(value: RwSignal<String>, #[prop(into)] error: Signal<Option<String>>) -> impl IntoView {
    let zones = browser::time_zones();
    if zones.is_empty() {
        let lang = use_lang();
        let hint = Signal::derive(move || Msg::ScheduleTimezoneHint.text(lang.get()).to_string());
        return view! { <TextField id="timezone" label=Msg::ScheduleTimezone value hint error /> }.into_any();
    }
    let current = value.get_untracked();
    let mut zones = zones;
    if !current.is_empty() && !zones.contains(&current) {
        zones.insert(0, current);
    }
    view! {
        <div class="field" class:field-invalid=move || error.with(Option::is_some)>
            <label for="timezone">{t(Msg::ScheduleTimezone)}</label>
            <select id="timezone" name="timezone" on:change=move |ev| value.set(event_target_value(&ev))
                aria-invalid=move || error.with(Option::is_some).then_some("true")
                aria-describedby=described_by(None, "timezone-error".to_string(), error)>
                {zones
                    .into_iter()
                    .map(|zone| {
                        let selected = {
                            let zone = zone.clone();
                            move || value.with(|v| *v == zone)
                        };
                        view! { <option value=zone.clone() prop:selected=selected>{zone.replace('_', " ")}</option> }
                    })
                    .collect_view()}
            </select>
            <FieldError id="timezone-error".to_string() error=error />
        </div>
    }
    .into_any()
}
