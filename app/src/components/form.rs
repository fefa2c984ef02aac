//! Form state: which field is wrong and why, plus the request's own failure.

use kaiku_core::ErrorCode;
use kaiku_core::validate::{FieldError, Invalid};
use leptos::prelude::*;

use crate::api::ApiFailure;
use crate::i18n::{self, Msg, use_lang};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Problem {
    /// A rule of `kaiku_core::validate`.
    Rule(Invalid),
    /// A sentence of its own, e.g. "the passwords don't match".
    Message(Msg),
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct FormErrors {
    fields: Vec<(&'static str, Problem)>,
    pub failure: Option<ApiFailure>,
}

impl FormErrors {
    /// The broken rules among `checks`.
    pub fn check(checks: impl IntoIterator<Item = Result<(), FieldError>>) -> Self {
        let fields = checks
            .into_iter()
            .filter_map(Result::err)
            .map(|e| (e.field, Problem::Rule(e.problem)))
            .collect();
        Self { fields, failure: None }
    }

    pub fn add(&mut self, field: &'static str, problem: Problem) {
        self.fields.push((field, problem));
    }

    /// Adds the problems of another check of the same form.
    pub fn extend(&mut self, other: FormErrors) {
        self.fields.extend(other.fields);
        if self.failure.is_none() {
            self.failure = other.failure;
        }
    }

    pub fn is_empty(&self) -> bool {
        self.fields.is_empty() && self.failure.is_none()
    }

    /// A failed request; an error about one of `fields` marks that field.
    pub fn from_failure(failure: ApiFailure, fields: &[&'static str]) -> Self {
        Self::from_failure_saying(failure, fields, |_| Msg::InvalidRejected)
    }

    /// [`from_failure`](Self::from_failure), with what `say` gives for the marked
    /// field in place of the general "check this field".
    pub fn from_failure_saying(failure: ApiFailure, fields: &[&'static str], say: impl Fn(&str) -> Msg) -> Self {
        let mut errors = Self::default();
        if let Some(field) = failure.field().and_then(|f| fields.iter().find(|k| **k == f)) {
            let problem = match &failure {
                ApiFailure::Api(detail) if detail.code == ErrorCode::PasswordTooCommon => Msg::PasswordTooCommon,
                _ => say(field),
            };
            errors.add(field, Problem::Message(problem));
        }
        errors.failure = Some(failure);
        errors
    }

    pub fn problem(&self, field: &str) -> Option<Problem> {
        self.fields.iter().find(|(f, _)| *f == field).map(|(_, p)| *p)
    }
}

/// A whole number typed into `field`, or its problem noted in `errors`: required when
/// empty, else out of `min..=max` (the range itself is the server's and core's to check).
pub fn whole_number(text: &str, field: &'static str, min: u32, max: u32, errors: &mut FormErrors) -> Option<u32> {
    let text = text.trim();
    match text.parse::<u32>() {
        Ok(n) => Some(n),
        Err(_) => {
            let problem = if text.is_empty() {
                Invalid::Required
            } else {
                Invalid::OutOfRange {
                    min: min.into(),
                    max: max.into(),
                }
            };
            errors.add(field, Problem::Rule(problem));
            None
        }
    }
}

/// The sentence for `field`'s problem, in the current language.
pub fn field_error(errors: RwSignal<FormErrors>, field: &'static str) -> Signal<Option<String>> {
    let lang = use_lang();
    Signal::derive(move || {
        let lang = lang.get();
        errors.with(|e| e.problem(field)).map(|problem| match problem {
            Problem::Rule(invalid) => i18n::invalid(lang, invalid),
            Problem::Message(msg) => msg.text(lang).to_owned(),
        })
    })
}

/// The request failure of a form, for an [`ErrorBanner`](super::notice::ErrorBanner).
pub fn form_failure(errors: RwSignal<FormErrors>) -> Signal<Option<ApiFailure>> {
    Signal::derive(move || errors.with(|e| e.failure.clone()))
}

/// The submit action of a form that starts a session (sign-up, login, accepting an
/// invitation): on success the app is logged in, otherwise the form shows why.
pub fn session_action<R, F, Fut>(
    errors: RwSignal<FormErrors>,
    fields: &'static [&'static str],
    call: F,
) -> Action<R, ()>
where
    R: Clone + 'static,
    F: Fn(R) -> Fut + 'static,
    Fut: std::future::Future<Output = Result<kaiku_core::api::SessionView, ApiFailure>> + 'static,
{
    let app = crate::state::use_app();
    Action::new_local(move |req: &R| {
        let pending = call(req.clone());
        async move {
            match pending.await {
                Ok(session) => app.logged_in(session),
                Err(failure) => errors.set(FormErrors::from_failure(failure, fields)),
            }
        }
    })
}

/// Shows the client-side problems, and sends the request only when there are none
/// and no earlier submission is still running.
pub fn submit_if_valid<R: 'static>(action: Action<R, ()>, errors: RwSignal<FormErrors>, checks: FormErrors, req: R) {
    if action.pending().get_untracked() {
        return;
    }
    let ok = checks.is_empty();
    errors.set(checks);
    if ok {
        action.dispatch_local(req);
    }
}

/// Shows the client-side problems `checks` found on the form (clearing earlier ones);
/// whether there were none, so the request may go.
pub fn passes(errors: RwSignal<FormErrors>, checks: FormErrors) -> bool {
    let ok = checks.is_empty();
    errors.set(checks);
    ok
}
