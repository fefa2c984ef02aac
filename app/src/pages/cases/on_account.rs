//! Cases on the account page: its open case on top, and each closed case in the
//! timeline at its closing, with how it ended and what the customer said to the re-pulse.

use kaiku_core::case::{CaseSummary, PastCase, RepulseView, Resolved};
use leptos::prelude::*;
use leptos_router::components::A;

use super::{DeadlineLine, fill, severity_class, severity_name, trigger_name};
use crate::i18n::{self, Msg, t, use_lang};

/// The account's open case, if it has one: severity, owner, signals, next deadline.
#[component]
pub fn OpenCaseCard(case: Memo<Option<CaseSummary>>) -> impl IntoView {
    let lang = use_lang();
    move || {
        case.get().map(|case| {
            let owner = case.owner.name.clone();
            let owned = move || fill(lang.get(), Msg::CaseOwnedBy, &[("name", &owner)]);
            view! {
                <section class="card card-accent open-case-card" aria-labelledby="open-case-heading" data-testid="account-open-case">
                    <div class="page-head">
                        <h2 id="open-case-heading">{t(Msg::CaseOpenOnAccount)}</h2>
                        <A href=format!("/cases/{}", case.id) {..} class="button button-primary">
                            {t(Msg::CaseSee)}
                        </A>
                    </div>
                    <p class="tags">
                        <span class=severity_class(case.severity)>{t(severity_name(case.severity))}</span>
                        {case.overdue.then(|| view! { <span class="tag tag-danger">{t(Msg::CaseOverdue)}</span> })}
                        {case.trigger_kinds.iter().map(|k| view! { <span class="tag">{t(trigger_name(*k))}</span> }).collect_view()}
                    </p>
                    <p class="row-sub">{owned}</p>
                    {case.next_deadline.map(|deadline| view! { <p><DeadlineLine deadline /></p> })}
                </section>
            }
        })
    }
}

pub fn resolved_name(resolved: Resolved) -> Msg {
    match resolved {
        Resolved::Yes => Msg::RepulseYes,
        Resolved::Partly => Msg::RepulsePartly,
        Resolved::No => Msg::RepulseNo,
    }
}

/// The re-pulse of a closed case: sent to whom and when, and the answer once given.
#[component]
pub fn Repulse(repulse: RepulseView) -> impl IntoView {
    let lang = use_lang();
    let sent = repulse.sent_at;
    let name = repulse.contact_name.clone();
    let line = move || {
        fill(
            lang.get(),
            Msg::RepulseSent,
            &[("name", &name), ("when", &i18n::date(lang.get(), &sent))],
        )
    };
    view! {
        <div class="repulse" data-testid="case-repulse">
            <p class="row-sub">{line}</p>
            {match repulse.reply {
                Some(reply) => view! {
                    <p>
                        <strong>{t(Msg::RepulseAnswer)} ": "</strong>
                        <span class="tag" class:tag-good=reply.resolved == Resolved::Yes class:tag-danger=reply.resolved.reopens()>
                            {t(resolved_name(reply.resolved))}
                        </span>
                    </p>
                    {(!reply.comment.is_empty()).then(|| view! { <blockquote class="verbatim">{reply.comment.clone()}</blockquote> })}
                }
                .into_any(),
                None => view! { <p class="muted">{t(Msg::RepulseNoAnswer)}</p> }.into_any(),
            }}
        </div>
    }
}

/// A closed case in the account's timeline.
#[component]
pub fn PastCaseCard(case: PastCase) -> impl IntoView {
    let lang = use_lang();
    let cause = case.root_cause.clone().and_then(|r| r.churn_cause);
    let theme = case.root_cause.and_then(|r| r.theme);
    view! {
        <div class="past-case" data-testid="timeline-case">
            <p>
                <strong>{t(Msg::CasePast)}</strong> " "
                <A href=format!("/cases/{}", case.summary.id)>{t(Msg::CaseSee)}</A>
                " · " <span class=severity_class(case.summary.severity)>{t(severity_name(case.summary.severity))}</span>
            </p>
            {match (cause, theme) {
                (Some(cause), _) => Some(view! { <p>{t(Msg::CaseRootCause)} ": " {move || cause.label(lang.get())}</p> }.into_any()),
                (None, Some(theme)) => Some(view! { <p>{t(Msg::CaseRootCause)} ": " {theme}</p> }.into_any()),
                _ => None,
            }}
            {(!case.resolution.is_empty()).then(|| view! { <p class="verbatim">{case.resolution.clone()}</p> })}
            {case.repulse.map(|repulse| view! { <Repulse repulse /> })}
        </div>
    }
}
