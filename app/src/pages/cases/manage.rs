//! Closing a case (root cause, resolution, and without an Explain step the reason
//! why), how a closed case was closed, reopening it, and giving it to someone else —
//! each confirmed before it is sent.

use kaiku_core::ChurnCause;
use kaiku_core::analysis::ThemeDef;
use kaiku_core::api::UserView;
use kaiku_core::case::{CaseView, CloseInput, ReassignInput, ReopenInput, RootCause, Step};
use leptos::prelude::*;

use super::latte::TextArea;
use super::{Sending, fill};
use crate::api::{self, ApiFailure};
use crate::browser;
use crate::components::field::FieldError;
use crate::components::form::{FormErrors, field_error, form_failure, passes};
use crate::components::load::Load;
use crate::components::notice::ErrorBanner;
use crate::i18n::{Msg, t, use_lang};

const CLOSE_FIELDS: &[&str] = &["root_cause", "root_cause.theme", "resolution", "no_explain_reason"];

/// A churn cause as the root-cause select spells it.
fn cause_option(cause: ChurnCause) -> String {
    format!("cause:{}", cause.code())
}

/// A theme as the root-cause select spells it.
fn theme_option(key: &str) -> String {
    format!("theme:{key}")
}

/// The select's value back as a root cause; nothing chosen is neither.
pub fn parse_root_cause(value: &str) -> RootCause {
    let (churn_cause, theme) = match value.split_once(':') {
        Some(("cause", code)) => (ChurnCause::from_code(code), None),
        Some(("theme", key)) if !key.is_empty() => (None, Some(key.to_string())),
        _ => (None, None),
    };
    RootCause { churn_cause, theme }
}

/// The root cause in words: the churn cause's label or the theme's name.
pub fn root_cause_text(lang: kaiku_core::Lang, root: &RootCause, themes: &[ThemeDef]) -> String {
    match (&root.churn_cause, &root.theme) {
        (Some(cause), _) => cause.label(lang).to_string(),
        (None, Some(key)) => kaiku_core::analysis::theme_name(key, themes, lang),
        (None, None) => String::new(),
    }
}

async fn all_themes() -> Result<Vec<ThemeDef>, ApiFailure> {
    let view = api::themes().await?;
    Ok(view.built_in.into_iter().chain(view.custom).collect())
}

/// What the case page does with an open or closed case: close or reopen it, reassign it.
#[component]
pub fn ManageCase(case: CaseView, saved: Callback<CaseView>) -> impl IntoView {
    let themes = RwSignal::new(Load::<Vec<ThemeDef>>::Loading);
    crate::components::load::load(themes, all_themes());
    let open = case.summary.status == kaiku_core::case::CaseStatus::Open;
    let id = case.summary.id.clone();
    let explained = case.steps.iter().any(|s| s.step == Step::Explain);
    let closed = (!open).then(|| view! { <ClosedSummary case=case.clone() themes /> });
    let actions = case.can_work.then(|| {
        if open {
            view! {
                <CloseForm id=id.clone() explained themes saved />
                <ReassignForm id=id.clone() owner=case.summary.owner.id.clone() saved />
            }
            .into_any()
        } else {
            view! { <ReopenForm id=id.clone() saved /> }.into_any()
        }
    });
    view! {
        {closed}
        {actions}
        {(!case.can_work).then(|| view! { <p class="muted" data-testid="case-read-only">{t(Msg::CaseReadOnly)}</p> })}
    }
}

#[component]
fn ClosedSummary(case: CaseView, themes: RwSignal<Load<Vec<ThemeDef>>>) -> impl IntoView {
    let lang = use_lang();
    let root = case.root_cause.clone();
    let root_text = move || {
        let known = themes.with(|t| t.ready().cloned().unwrap_or_default());
        root.as_ref()
            .map(|r| root_cause_text(lang.get(), r, &known))
            .unwrap_or_default()
    };
    let text = |label: Msg, value: String| {
        (!value.is_empty()).then(|| view! { <div><dt>{t(label)}</dt><dd class="verbatim">{value}</dd></div> })
    };
    view! {
        <section class="card" aria-labelledby="case-closed" data-testid="case-closed">
            <h2 id="case-closed">{t(Msg::CaseClosedSummary)}</h2>
            <dl class="answers">
                <div>
                    <dt>{t(Msg::CaseRootCause)}</dt>
                    <dd>{root_text}</dd>
                </div>
                {text(Msg::CaseResolution, case.resolution.clone())}
                {text(Msg::CaseNoExplainReason, case.no_explain_reason.clone())}
            </dl>
        </section>
    }
}

#[component]
fn CloseForm(
    id: String,
    explained: bool,
    themes: RwSignal<Load<Vec<ThemeDef>>>,
    saved: Callback<CaseView>,
) -> impl IntoView {
    let lang = use_lang();
    let root = RwSignal::new(String::new());
    let resolution = RwSignal::new(String::new());
    let reason = RwSignal::new(String::new());
    let sending = Sending::new();
    let Sending { busy, errors } = sending;
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let input = CloseInput {
            root_cause: parse_root_cause(&root.get_untracked()),
            resolution: resolution.get_untracked(),
            no_explain_reason: if explained {
                String::new()
            } else {
                reason.get_untracked()
            },
        }
        .normalised();
        let known: Vec<String> = themes.with_untracked(|t| {
            t.ready()
                .map(|l| l.iter().map(|t| t.key.clone()).collect())
                .unwrap_or_default()
        });
        let steps: &[Step] = if explained { &[Step::Explain] } else { &[] };
        let mut checks = FormErrors::check([input.check(steps, &known)]);
        // A theme not known here may still be the server's: let it judge.
        if checks.problem("root_cause.theme").is_some() {
            checks = FormErrors::default();
        }
        if !passes(errors, checks) || !browser::confirm(Msg::CaseConfirmClose.text(lang.get_untracked())) {
            return;
        }
        let id = id.clone();
        sending.send(async move { api::close_case(&id, &input).await }, CLOSE_FIELDS, saved);
    };
    let root_error = Signal::derive(move || {
        field_error(errors, "root_cause")
            .get()
            .or_else(|| field_error(errors, "root_cause.theme").get())
    });
    let theme_options = move || {
        themes.with(|t| {
            t.ready()
                .cloned()
                .unwrap_or_default()
                .into_iter()
                .map(|theme| {
                    let label = theme.name.get(lang.get()).to_string();
                    view! { <option value=theme_option(&theme.key)>{label}</option> }
                })
                .collect_view()
        })
    };
    view! {
        <section class="card" aria-labelledby="case-close">
            <h2 id="case-close">{t(Msg::CaseClose)}</h2>
            <form class="step-form" on:submit=on_submit novalidate data-testid="close-form">
                <div class="field" class:field-invalid=move || root_error.with(Option::is_some)>
                    <label for="close-root-cause">{t(Msg::CaseRootCause)}</label>
                    <select id="close-root-cause" prop:value=move || root.get() on:change=move |ev| root.set(event_target_value(&ev))>
                        <option value="">{t(Msg::CaseRootCausePick)}</option>
                        <optgroup label=t(Msg::CaseChurnCauses)>
                            {ChurnCause::ALL
                                .into_iter()
                                .map(|c| view! { <option value=cause_option(c)>{move || c.label(lang.get())}</option> })
                                .collect_view()}
                        </optgroup>
                        <optgroup label=t(Msg::CaseThemes)>{theme_options}</optgroup>
                    </select>
                    <FieldError id="close-root-cause-error".into() error=root_error />
                </div>
                <TextArea
                    id="close-resolution".into()
                    label=Msg::CaseResolution
                    hint=Msg::CaseResolutionHint
                    value=resolution
                    error=field_error(errors, "resolution")
                />
                {(!explained).then(|| view! {
                    <TextArea
                        id="close-no-explain".into()
                        label=Msg::CaseNoExplainReason
                        hint=Msg::CaseNoExplainHint
                        value=reason
                        error=field_error(errors, "no_explain_reason")
                    />
                })}
                <ErrorBanner failure=form_failure(errors) />
                <div class="form-actions">
                    <button type="submit" class="button button-primary" disabled=move || busy.get()>
                        {t(Msg::CaseClose)}
                    </button>
                </div>
            </form>
        </section>
    }
}

#[component]
fn ReopenForm(id: String, saved: Callback<CaseView>) -> impl IntoView {
    let lang = use_lang();
    let reason = RwSignal::new(String::new());
    let sending = Sending::new();
    let Sending { busy, errors } = sending;
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let input = ReopenInput {
            reason: reason.get_untracked().trim().to_string(),
        };
        let checks = FormErrors::check([kaiku_core::case::check_reason(&input.reason)]);
        if !passes(errors, checks) || !browser::confirm(Msg::CaseConfirmReopen.text(lang.get_untracked())) {
            return;
        }
        let id = id.clone();
        sending.send(async move { api::reopen_case(&id, &input).await }, &["reason"], saved);
    };
    view! {
        <section class="card" aria-labelledby="case-reopen">
            <h2 id="case-reopen">{t(Msg::CaseReopen)}</h2>
            <form class="step-form" on:submit=on_submit novalidate>
                <TextArea id="reopen-reason".into() label=Msg::CaseReopenReason value=reason error=field_error(errors, "reason") rows=2 />
                <ErrorBanner failure=form_failure(errors) />
                <div class="form-actions">
                    <button type="submit" class="button" disabled=move || busy.get()>{t(Msg::CaseReopen)}</button>
                </div>
            </form>
        </section>
    }
}

#[component]
fn ReassignForm(id: String, owner: String, saved: Callback<CaseView>) -> impl IntoView {
    let lang = use_lang();
    let users = RwSignal::new(Load::<Vec<UserView>>::Loading);
    crate::components::load::load(users, api::users());
    let to = RwSignal::new(String::new());
    let reason = RwSignal::new(String::new());
    let sending = Sending::new();
    let Sending { busy, errors } = sending;
    let current = owner.clone();
    let people = move || {
        users.with(|u| {
            u.ready()
                .map(|list| {
                    list.iter()
                        .filter(|u| u.active && u.id != current)
                        .map(|u| (u.id.clone(), u.name.clone()))
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        })
    };
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let input = ReassignInput {
            owner: to.get_untracked(),
            reason: reason.get_untracked().trim().to_string(),
        };
        let mut checks = FormErrors::check([kaiku_core::case::check_reason(&input.reason)]);
        if input.owner.is_empty() {
            checks.add(
                "owner",
                crate::components::form::Problem::Rule(kaiku_core::validate::Invalid::Required),
            );
        }
        if !passes(errors, checks) {
            return;
        }
        let name = users.with_untracked(|u| {
            u.ready()
                .and_then(|l| l.iter().find(|u| u.id == input.owner).map(|u| u.name.clone()))
                .unwrap_or_default()
        });
        if !browser::confirm(&fill(
            lang.get_untracked(),
            Msg::CaseConfirmReassign,
            &[("name", &name)],
        )) {
            return;
        }
        let id = id.clone();
        sending.send(
            async move { api::reassign_case(&id, &input).await },
            &["owner", "reason"],
            saved,
        );
    };
    view! {
        <section class="card" aria-labelledby="case-reassign">
            <h2 id="case-reassign">{t(Msg::CaseReassign)}</h2>
            <form class="step-form" on:submit=on_submit novalidate>
                <div class="field" class:field-invalid=move || field_error(errors, "owner").with(Option::is_some)>
                    <label for="reassign-owner">{t(Msg::CaseNewOwner)}</label>
                    <select id="reassign-owner" prop:value=move || to.get() on:change=move |ev| to.set(event_target_value(&ev))>
                        <option value="">{t(Msg::CaseRootCausePick)}</option>
                        {move || people().into_iter().map(|(id, name)| view! { <option value=id>{name}</option> }).collect_view()}
                    </select>
                    <FieldError id="reassign-owner-error".into() error=field_error(errors, "owner") />
                </div>
                <TextArea id="reassign-reason".into() label=Msg::CaseReason value=reason error=field_error(errors, "reason") rows=2 />
                <ErrorBanner failure=form_failure(errors) />
                <div class="form-actions">
                    <button type="submit" class="button" disabled=move || busy.get()>{t(Msg::CaseReassign)}</button>
                </div>
            </form>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_root_cause_round_trips_through_the_select() {
        for cause in ChurnCause::ALL {
            let root = RootCause {
                churn_cause: Some(cause),
                theme: None,
            };
            assert_eq!(parse_root_cause(&cause_option(cause)), root);
        }
        let theme = RootCause {
            churn_cause: None,
            theme: Some("communication".into()),
        };
        assert_eq!(parse_root_cause(&theme_option("communication")), theme);
    }

    #[test]
    fn nothing_chosen_is_no_root_cause_and_the_close_rule_says_so() {
        let none = RootCause {
            churn_cause: None,
            theme: None,
        };
        for value in ["", "theme:", "cause:no_such_cause", "other:x"] {
            assert_eq!(parse_root_cause(value), none, "{value}");
        }
        let input = CloseInput {
            root_cause: parse_root_cause(""),
            resolution: "Fixed".into(),
            no_explain_reason: "Told by phone".into(),
        };
        assert_eq!(input.check(&[], &[]).unwrap_err().field, "root_cause");
    }
}
