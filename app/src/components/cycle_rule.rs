//! The fields of a feedback cycle rule, written once for the account's cycle form and
//! the organisation's default cycles (which cannot name contacts), and the rule in
//! words.

use kaiku_core::Lang;
use kaiku_core::account::ContactView;
use kaiku_core::cycle::{
    ContactChoice, CycleRule, DAYS_AFTER_END_MAX, DEADLINE_MAX_DAYS, EVERY_MONTHS_CHOICES, Weekday,
};
use kaiku_core::survey::TemplateView;
use kaiku_core::validate::Invalid;
use leptos::prelude::*;

use crate::components::field::{FieldError, described_by};
use crate::components::form::{FormErrors, Problem, field_error, whole_number};
use crate::i18n::{self, Msg, t, use_lang, weekday_name};

/// The request fields of a rule, so a server error marks its field.
pub const RULE_FIELDS: &[&str] = &[
    "every_months",
    "weekday",
    "days_after_end",
    "contacts",
    "chosen_contacts",
    "template_id",
    "deadline_days",
];

fn weekday_code(day: Weekday) -> &'static str {
    match day {
        Weekday::Mon => "mon",
        Weekday::Tue => "tue",
        Weekday::Wed => "wed",
        Weekday::Thu => "thu",
        Weekday::Fri => "fri",
        Weekday::Sat => "sat",
        Weekday::Sun => "sun",
    }
}

fn weekday_from_code(code: &str) -> Option<Weekday> {
    Weekday::ALL.into_iter().find(|day| weekday_code(*day) == code)
}

/// The template's name in `lang`, or its id when the organisation has no such template.
pub fn template_name(templates: &[TemplateView], id: &str, lang: Lang) -> String {
    templates
        .iter()
        .find(|template| template.id == id)
        .map_or_else(|| id.to_string(), |template| template.name.get(lang).to_string())
}

/// A rule as the form holds it: numbers as typed.
#[derive(Debug, Clone, PartialEq)]
pub struct RuleDraft {
    pub every_months: Option<u32>,
    pub weekday: Weekday,
    pub at_project_end: bool,
    pub days_after_end: String,
    pub contacts: ContactChoice,
    pub chosen_contacts: Vec<String>,
    pub template_id: String,
    pub deadline_days: String,
}

impl From<&CycleRule> for RuleDraft {
    fn from(rule: &CycleRule) -> Self {
        RuleDraft {
            every_months: rule.every_months,
            weekday: rule.weekday,
            at_project_end: rule.at_project_end,
            days_after_end: rule.days_after_end.map(|days| days.to_string()).unwrap_or_default(),
            contacts: rule.contacts,
            chosen_contacts: rule.chosen_contacts.clone(),
            template_id: rule.template_id.clone(),
            deadline_days: rule.deadline_days.to_string(),
        }
    }
}

impl RuleDraft {
    /// The rule, or the fields that need fixing: numbers that are not numbers, then
    /// the rules of [`CycleRule::check`].
    pub fn rule(&self) -> Result<CycleRule, FormErrors> {
        let mut errors = FormErrors::default();
        let days_after_end = if self.days_after_end.trim().is_empty() {
            None
        } else {
            whole_number(
                &self.days_after_end,
                "days_after_end",
                1,
                DAYS_AFTER_END_MAX,
                &mut errors,
            )
        };
        let deadline_days = whole_number(&self.deadline_days, "deadline_days", 1, DEADLINE_MAX_DAYS, &mut errors);
        let rule = CycleRule {
            every_months: self.every_months,
            weekday: self.weekday,
            at_project_end: self.at_project_end,
            days_after_end,
            contacts: self.contacts,
            chosen_contacts: if self.contacts == ContactChoice::Chosen {
                self.chosen_contacts.clone()
            } else {
                Vec::new()
            },
            template_id: self.template_id.clone(),
            deadline_days: deadline_days.unwrap_or_default(),
        };
        if errors.is_empty()
            && let Err(error) = rule.check()
        {
            let problem = match (error.field, error.problem) {
                ("every_months", Invalid::Required) => Problem::Message(Msg::RuleNeedsRounds),
                ("chosen_contacts", Invalid::Required) => Problem::Message(Msg::RoundChooseContacts),
                (_, problem) => Problem::Rule(problem),
            };
            errors.add(error.field, problem);
        }
        if errors.is_empty() { Ok(rule) } else { Err(errors) }
    }
}

/// The fields of one rule. Without `contacts` (a default cycle) "chosen contacts" is
/// not offered.
#[component]
pub fn RuleFields(
    /// Makes the element ids unique on the page, e.g. "cycle" or "default-2".
    prefix: String,
    draft: RwSignal<RuleDraft>,
    errors: RwSignal<FormErrors>,
    templates: Vec<TemplateView>,
    /// The account's contacts to choose from.
    #[prop(optional)]
    contacts: Option<Signal<Vec<ContactView>>>,
) -> impl IntoView {
    let lang = use_lang();
    let id = |name: &str| format!("{prefix}-{name}");
    let end_hint = id("end-hint");
    let chosen = contacts.map(|contacts| {
        let prefix = prefix.clone();
        view! {
            <Show when=move || draft.with(|d| d.contacts == ContactChoice::Chosen)>
                <ChosenContacts prefix=prefix.clone() draft errors contacts />
            </Show>
        }
    });
    let mut choices = vec![
        (ContactChoice::All, Msg::RuleContactsAll, "all"),
        (
            ContactChoice::DecisionMakers,
            Msg::RuleContactsDecisionMakers,
            "decision_makers",
        ),
    ];
    if contacts.is_some() {
        choices.push((ContactChoice::Chosen, Msg::RuleContactsChosen, "chosen"));
    }
    let radio_name = id("contacts");
    let contacts_error = field_error(errors, "contacts");
    let contacts_error_id = id("contacts-error");
    let contacts_described = described_by(None, contacts_error_id.clone(), contacts_error);
    view! {
        <div class="rule-fields">
            <Select id=id("every-months") field="every_months" label=Msg::RuleEvery errors
                on_change=move |value: String| draft.update(|d| d.every_months = value.parse().ok())>
                <option value="" prop:selected=move || draft.with(|d| d.every_months.is_none())>
                    {t(Msg::RuleEveryNone)}
                </option>
                {EVERY_MONTHS_CHOICES.map(|months| view! {
                    <option value=months.to_string() prop:selected=move || draft.with(|d| d.every_months == Some(months))>
                        {move || i18n::every_months(lang.get(), months)}
                    </option>
                })}
            </Select>
            <Select id=id("weekday") field="weekday" label=Msg::RuleWeekday errors hint=Msg::RuleWeekdayHint
                disabled=Signal::derive(move || draft.with(|d| d.every_months.is_none()))
                on_change=move |value: String| {
                    if let Some(day) = weekday_from_code(&value) {
                        draft.update(|d| d.weekday = day);
                    }
                }>
                {Weekday::ALL.map(|day| view! {
                    <option value=weekday_code(day) prop:selected=move || draft.with(|d| d.weekday == day)>
                        {t(weekday_name(day))}
                    </option>
                })}
            </Select>
            <label class="check">
                <input
                    type="checkbox"
                    id=id("at-project-end")
                    aria-describedby=end_hint.clone()
                    prop:checked=move || draft.with(|d| d.at_project_end)
                    on:change=move |ev| {
                        let on = event_target_checked(&ev);
                        draft.update(|d| d.at_project_end = on);
                    }
                />
                {t(Msg::RuleAtEnd)}
            </label>
            <NumberField id=id("days-after-end") field="days_after_end" label=Msg::RuleDaysAfterEnd errors
                min=1 max=DAYS_AFTER_END_MAX hint_id=end_hint.clone()
                value=Signal::derive(move || draft.with(|d| d.days_after_end.clone()))
                on_input=move |value: String| draft.update(|d| d.days_after_end = value) />
            <p class="field-hint" id=end_hint>{t(Msg::RuleEndHint)}</p>
            <fieldset class="field choice-group"
                aria-describedby=contacts_described>
                <legend>{t(Msg::RuleContacts)}</legend>
                {choices
                    .into_iter()
                    .map(|(choice, label, code)| view! {
                        <label class="check">
                            <input
                                type="radio"
                                name=radio_name.clone()
                                value=code
                                prop:checked=move || draft.with(|d| d.contacts == choice)
                                on:change=move |_| draft.update(|d| d.contacts = choice)
                            />
                            {t(label)}
                        </label>
                    })
                    .collect_view()}
                <FieldError id=contacts_error_id error=contacts_error />
            </fieldset>
            {chosen}
            <Select id=id("template") field="template_id" label=Msg::RoundTemplate errors
                on_change=move |value: String| draft.update(|d| d.template_id = value)>
                {templates
                    .into_iter()
                    .map(|template| {
                        let value = template.id.clone();
                        let selected = template.id.clone();
                        view! {
                            <option value=value prop:selected=move || draft.with(|d| d.template_id == selected)>
                                {move || template.name.get(lang.get()).to_string()}
                            </option>
                        }
                    })
                    .collect_view()}
            </Select>
            <NumberField id=id("deadline-days") field="deadline_days" label=Msg::RuleDeadlineDays errors
                min=1 max=DEADLINE_MAX_DAYS
                value=Signal::derive(move || draft.with(|d| d.deadline_days.clone()))
                on_input=move |value: String| draft.update(|d| d.deadline_days = value) />
        </div>
    }
}

/// A labelled select whose error comes from `errors[field]`.
#[component]
fn Select(
    id: String,
    field: &'static str,
    label: Msg,
    errors: RwSignal<FormErrors>,
    #[prop(optional)] hint: Option<Msg>,
    #[prop(optional, into)] disabled: Signal<bool>,
    on_change: impl Fn(String) + 'static,
    children: Children,
) -> impl IntoView {
    let error = field_error(errors, field);
    let error_id = format!("{id}-error");
    let hint_id = hint.map(|_| format!("{id}-hint"));
    view! {
        <div class="field" class:field-invalid=move || error.with(Option::is_some)>
            <label for=id.clone()>{t(label)}</label>
            {hint.map(|hint| view! { <p class="field-hint" id=hint_id.clone()>{t(hint)}</p> })}
            <select
                id=id
                disabled=move || disabled.get()
                aria-invalid=move || error.with(Option::is_some).then_some("true")
                aria-describedby=described_by(hint_id.clone(), error_id.clone(), error)
                on:change=move |ev| on_change(event_target_value(&ev))
            >
                {children()}
            </select>
            <FieldError id=error_id error />
        </div>
    }
}

/// A labelled whole-number input whose error comes from `errors[field]`.
#[component]
fn NumberField(
    id: String,
    field: &'static str,
    label: Msg,
    errors: RwSignal<FormErrors>,
    min: u32,
    max: u32,
    #[prop(into)] value: Signal<String>,
    on_input: impl Fn(String) + 'static,
    /// A hint written elsewhere that describes this input too.
    #[prop(optional)]
    hint_id: Option<String>,
) -> impl IntoView {
    let error = field_error(errors, field);
    let error_id = format!("{id}-error");
    view! {
        <div class="field" class:field-invalid=move || error.with(Option::is_some)>
            <label for=id.clone()>{t(label)}</label>
            <input
                id=id
                type="number"
                inputmode="numeric"
                min=min
                max=max
                prop:value=move || value.get()
                aria-invalid=move || error.with(Option::is_some).then_some("true")
                aria-describedby=described_by(hint_id, error_id.clone(), error)
                on:input=move |ev| on_input(event_target_value(&ev))
            />
            <FieldError id=error_id error />
        </div>
    }
}

/// The account's contacts to tick when the rule asks chosen ones. Contacts who opted
/// out of surveys cannot be added (the server would leave them out anyway).
#[component]
fn ChosenContacts(
    prefix: String,
    draft: RwSignal<RuleDraft>,
    errors: RwSignal<FormErrors>,
    contacts: Signal<Vec<ContactView>>,
) -> impl IntoView {
    let error = field_error(errors, "chosen_contacts");
    let error_id = format!("{prefix}-chosen-error");
    let described = described_by(None, error_id.clone(), error);
    view! {
        <fieldset class="field choice-group" aria-describedby=described>
            <legend>{t(Msg::RuleChosenLegend)}</legend>
            {move || {
                let list = contacts.get();
                if list.is_empty() {
                    return view! { <p class="muted">{t(Msg::RoundNoContacts)}</p> }.into_any();
                }
                list.into_iter().map(|contact| view! { <ContactCheck contact draft /> }).collect_view().into_any()
            }}
            <FieldError id=error_id error />
        </fieldset>
    }
}

#[component]
fn ContactCheck(contact: ContactView, draft: RwSignal<RuleDraft>) -> impl IntoView {
    let id = contact.id.clone();
    let checked = {
        let id = id.clone();
        move || draft.with(|d| d.chosen_contacts.contains(&id))
    };
    let opted_out = contact.opted_out_at.is_some();
    // One already chosen stays removable.
    let disabled = {
        let checked = checked.clone();
        move || opted_out && !checked()
    };
    view! {
        <label class="check">
            <input
                type="checkbox"
                prop:checked=checked
                disabled=disabled
                on:change=move |ev| {
                    let on = event_target_checked(&ev);
                    let id = id.clone();
                    draft.update(|d| {
                        d.chosen_contacts.retain(|x| *x != id);
                        if on {
                            d.chosen_contacts.push(id);
                        }
                    });
                }
            />
            {format!("{} ({})", contact.name, contact.email)}
            {opted_out.then(|| view! { <span class="tag tag-warning">{t(Msg::OptedOut)}</span> })}
        </label>
    }
}
