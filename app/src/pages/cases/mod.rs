//! `/cases`: the cases the signed-in person owns, those of their accounts, or all
//! (leaders and admins), filtered by status, overdue, severity, owner and account —
//! the filter kept in the address. `/cases/:id` is [`case::CasePage`].

mod case;
mod filters;
mod history;
mod latte;
mod manage;
pub mod on_account;
pub mod open;
mod stats;

use kaiku_core::account::AccountView;
use kaiku_core::api::UserView;
use kaiku_core::case::{
    CaseEventKind, CaseScope, CaseStatus, CaseSummary, CaseView, Channel, Deadline, DeadlineView, Severity, Step,
    TriggerKind,
};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::NavigateOptions;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_query_map};

use crate::api::{self, ApiFailure};
use crate::components::form::FormErrors;
use crate::components::load::{Load, load, show};
use crate::i18n::{self, Msg, fill, t, use_lang};
use crate::offline::cache::fresh_or_cached_value;
use crate::state::{page_title, use_app};

pub use case::CasePage;
use filters::CaseFilter;

pub fn severity_name(severity: Severity) -> Msg {
    match severity {
        Severity::Low => Msg::SeverityLow,
        Severity::Medium => Msg::SeverityMedium,
        Severity::High => Msg::SeverityHigh,
        Severity::Critical => Msg::SeverityCritical,
    }
}

/// The tag's look: the worse, the louder.
pub fn severity_class(severity: Severity) -> &'static str {
    match severity {
        Severity::Low => "tag",
        Severity::Medium => "tag tag-warning",
        Severity::High | Severity::Critical => "tag tag-danger",
    }
}

pub fn trigger_name(kind: TriggerKind) -> Msg {
    match kind {
        TriggerKind::Detractor => Msg::TriggerDetractor,
        TriggerKind::NegativeWithCause => Msg::TriggerNegativeWithCause,
        TriggerKind::TeamHighRisk => Msg::TriggerTeamHighRisk,
        TriggerKind::GapFlagged => Msg::TriggerGapFlagged,
        TriggerKind::RatingDrop => Msg::TriggerRatingDrop,
        TriggerKind::Manual => Msg::TriggerManual,
        TriggerKind::RepulseNotResolved => Msg::TriggerRepulseNotResolved,
        TriggerKind::PromiseBroken => Msg::TriggerPromiseBroken,
    }
}

pub fn deadline_name(deadline: Deadline) -> Msg {
    match deadline {
        Deadline::Acknowledge => Msg::DeadlineAcknowledge,
        Deadline::FirstContact => Msg::DeadlineFirstContact,
        Deadline::Resolve => Msg::DeadlineResolve,
    }
}

pub fn step_name(step: Step) -> Msg {
    match step {
        Step::Listen => Msg::StepListen,
        Step::Acknowledge => Msg::StepAcknowledge,
        Step::TakeAction => Msg::StepTakeAction,
        Step::Thank => Msg::StepThank,
        Step::Explain => Msg::StepExplain,
    }
}

pub fn channel_name(channel: Channel) -> Msg {
    match channel {
        Channel::Email => Msg::ChannelEmail,
        Channel::Call => Msg::ChannelCall,
        Channel::Meeting => Msg::ChannelMeeting,
    }
}

pub fn event_name(kind: CaseEventKind) -> Msg {
    match kind {
        CaseEventKind::Reassigned => Msg::EventReassigned,
        CaseEventKind::Closed => Msg::EventClosed,
        CaseEventKind::Reopened => Msg::EventReopened,
        CaseEventKind::Reminded => Msg::EventReminded,
        CaseEventKind::Escalated => Msg::EventEscalated,
    }
}

fn scope_name(scope: CaseScope) -> Msg {
    match scope {
        CaseScope::Mine => Msg::CasesScopeMine,
        CaseScope::MyAccounts => Msg::CasesScopeMyAccounts,
        CaseScope::All => Msg::CasesScopeAll,
    }
}

/// How far a form's change to a case has got: whether it is on its way, and what the
/// form shows of a refusal.
#[derive(Clone, Copy)]
pub struct Sending {
    pub busy: RwSignal<bool>,
    pub errors: RwSignal<FormErrors>,
}

impl Sending {
    pub fn new() -> Sending {
        Sending {
            busy: RwSignal::new(false),
            errors: RwSignal::new(FormErrors::default()),
        }
    }

    /// Sends a change to a case once at a time; the case as it then stands goes to
    /// `saved`, a refusal to the form (a `validation` error marks one of `fields`).
    pub fn send(
        self,
        change: impl Future<Output = Result<CaseView, ApiFailure>> + 'static,
        fields: &'static [&'static str],
        saved: Callback<CaseView>,
    ) {
        if self.busy.get_untracked() {
            return;
        }
        self.busy.set(true);
        spawn_local(async move {
            match change.await {
                Ok(view) => saved.run(view),
                Err(failure) => self.errors.set(FormErrors::from_failure(failure, fields)),
            }
            self.busy.set(false);
        });
    }
}

/// "Acknowledge: due 3 Dec 2026, 14:00" with the overdue mark, or when it was met.
#[component]
pub fn DeadlineLine(deadline: DeadlineView) -> impl IntoView {
    let lang = use_lang();
    let text = move || {
        let lang = lang.get();
        let when = match deadline.met_at {
            Some(met) => fill(lang, Msg::CaseDeadlineMet, &[("when", &i18n::date_time(lang, &met))]),
            None => fill(
                lang,
                Msg::CaseDeadlineDue,
                &[("when", &i18n::date_time(lang, &deadline.due_at))],
            ),
        };
        format!("{}: {when}", deadline_name(deadline.deadline).text(lang))
    };
    view! {
        <span class="deadline" class:deadline-overdue=deadline.overdue data-testid="case-deadline">
            {text}
            {deadline.overdue.then(|| view! { " " <span class="tag tag-danger" data-testid="case-overdue">{t(Msg::CaseOverdue)}</span> })}
        </span>
    }
}

#[component]
pub fn CasesPage() -> impl IntoView {
    page_title(Msg::CasesTitle);
    let app = use_app();
    let sees_all = Memo::new(move |_| {
        app.session
            .with(|s| s.as_ref().is_some_and(|s| s.user.role.sees_all_accounts()))
    });
    let query = use_query_map();
    let filter = Memo::new(move |_| query.with(|q| CaseFilter::from_query(|key| q.get(key))));
    let navigate = use_navigate();
    let set_filter = Callback::new(move |next: CaseFilter| {
        navigate(
            &format!("/cases{}", next.to_address_query()),
            NavigateOptions {
                replace: true,
                scroll: false,
                ..Default::default()
            },
        );
    });
    let cases = RwSignal::new(Load::<Vec<CaseSummary>>::Loading);
    let fetch = move || {
        let query = filter.get_untracked().to_api_query();
        load(cases, async move {
            fresh_or_cached_value(&format!("cases:{query}"), api::cases(&query)).await
        });
    };
    Effect::new(move |_| {
        filter.track();
        fetch();
    });
    // For the owner and account filters; the list works without them.
    let users = RwSignal::new(Load::<Vec<UserView>>::Loading);
    load(users, api::users());
    let accounts = RwSignal::new(Load::<Vec<AccountView>>::Loading);
    load(accounts, async {
        fresh_or_cached_value("accounts:false", api::accounts(false)).await
    });

    view! {
        <h1 class="page-title">{t(Msg::CasesTitle)}</h1>
        <p class="muted">{t(Msg::CasesIntro)}</p>
        <Show when=move || sees_all.get()>
            <stats::LeadershipPanel />
        </Show>
        <section class="card" aria-labelledby="cases-filters">
            <h2 id="cases-filters" class="visually-hidden">{t(Msg::CasesFilters)}</h2>
            <ScopeChoice filter set_filter sees_all />
            <Filters filter set_filter users accounts />
        </section>
        <section class="card" aria-live="polite">
            {move || show(cases.get(), fetch, move |list| view! { <CaseList list filter /> }.into_any())}
        </section>
    }
}

#[component]
fn ScopeChoice(filter: Memo<CaseFilter>, set_filter: Callback<CaseFilter>, sees_all: Memo<bool>) -> impl IntoView {
    let scopes = move || {
        CaseScope::ALL
            .into_iter()
            .filter(|scope| *scope != CaseScope::All || sees_all.get())
            .map(|scope| {
                let current = move || filter.with(|f| f.scope == scope);
                view! {
                    <button
                        type="button"
                        class="button"
                        class:button-primary=current
                        aria-pressed=move || current().to_string()
                        data-testid=format!("cases-scope-{}", scope.code())
                        on:click=move |_| set_filter.run(CaseFilter { scope, ..filter.get_untracked() })
                    >
                        {t(scope_name(scope))}
                    </button>
                }
            })
            .collect_view()
    };
    view! {
        <div class="scope-choice" role="group" aria-label=t(Msg::CasesScope)>
            {scopes}
        </div>
    }
}

#[component]
fn Filters(
    filter: Memo<CaseFilter>,
    set_filter: Callback<CaseFilter>,
    users: RwSignal<Load<Vec<UserView>>>,
    accounts: RwSignal<Load<Vec<AccountView>>>,
) -> impl IntoView {
    let change = move |apply: fn(&mut CaseFilter, String)| {
        move |ev| {
            let mut next = filter.get_untracked();
            apply(&mut next, event_target_value(&ev));
            set_filter.run(next);
        }
    };
    let chosen = |value: Option<String>| value.unwrap_or_default();
    let owners = move || {
        users.with(|u| {
            u.ready()
                .map(|list| {
                    list.iter()
                        .filter(|u| u.active)
                        .map(|u| (u.id.clone(), u.name.clone()))
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        })
    };
    let account_names = move || {
        accounts.with(|a| {
            a.ready()
                .map(|list| list.iter().map(|a| (a.id.clone(), a.name.clone())).collect::<Vec<_>>())
                .unwrap_or_default()
        })
    };
    view! {
        <div class="filters">
            <div class="field">
                <label for="case-status">{t(Msg::CasesStatus)}</label>
                <select
                    id="case-status"
                    prop:value=move || filter.with(|f| f.status.map_or("any", |s| s.code()))
                    on:change=change(|f, v| f.status = CaseStatus::from_code(&v))
                >
                    <option value="open">{t(Msg::CasesStatusOpen)}</option>
                    <option value="closed">{t(Msg::CasesStatusClosed)}</option>
                    <option value="any">{t(Msg::CasesStatusAny)}</option>
                </select>
            </div>
            <div class="field">
                <label for="case-severity">{t(Msg::CasesSeverity)}</label>
                <select
                    id="case-severity"
                    prop:value=move || filter.with(|f| f.severity.map_or("", |s| s.code()))
                    on:change=change(|f, v| f.severity = Severity::from_code(&v))
                >
                    <option value="">{t(Msg::CasesAnySeverity)}</option>
                    {Severity::ALL
                        .into_iter()
                        .map(|s| view! { <option value=s.code()>{t(severity_name(s))}</option> })
                        .collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="case-owner">{t(Msg::CasesOwner)}</label>
                <select
                    id="case-owner"
                    prop:value=move || filter.with(|f| chosen(f.owner.clone()))
                    on:change=change(|f, v| f.owner = (!v.is_empty()).then_some(v))
                >
                    <option value="">{t(Msg::CasesAnyOwner)}</option>
                    {move || owners().into_iter().map(|(id, name)| view! { <option value=id>{name}</option> }).collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="case-account">{t(Msg::CasesAccount)}</label>
                <select
                    id="case-account"
                    prop:value=move || filter.with(|f| chosen(f.account.clone()))
                    on:change=change(|f, v| f.account = (!v.is_empty()).then_some(v))
                >
                    <option value="">{t(Msg::CasesAnyAccount)}</option>
                    {move || account_names().into_iter().map(|(id, name)| view! { <option value=id>{name}</option> }).collect_view()}
                </select>
            </div>
            <label class="check">
                <input
                    type="checkbox"
                    data-testid="cases-overdue"
                    prop:checked=move || filter.with(|f| f.overdue)
                    on:change=move |ev| set_filter.run(CaseFilter { overdue: event_target_checked(&ev), ..filter.get_untracked() })
                />
                {t(Msg::CasesOverdueOnly)}
            </label>
            <Show when=move || filter.with(CaseFilter::narrowed)>
                <button
                    type="button"
                    class="button button-quiet"
                    on:click=move |_| set_filter.run(CaseFilter { scope: filter.get_untracked().scope, ..CaseFilter::default() })
                >
                    {t(Msg::CasesClearFilters)}
                </button>
            </Show>
        </div>
    }
}

#[component]
fn CaseList(list: Vec<CaseSummary>, filter: Memo<CaseFilter>) -> impl IntoView {
    let lang = use_lang();
    if list.is_empty() {
        let usual = filter.with_untracked(|f| !f.narrowed() && f.scope == CaseScope::Mine);
        return view! {
            <p class="empty" data-testid="cases-empty">{t(if usual { Msg::CasesEmptyMine } else { Msg::CasesEmpty })}</p>
        }
        .into_any();
    }
    let count = list.len().to_string();
    view! {
        <p class="muted" role="status">{move || fill(lang.get(), Msg::CasesShown, &[("n", &count)])}</p>
        <ul class="rows">
            {list.into_iter().map(|case| view! { <CaseRow case /> }).collect_view()}
        </ul>
    }
    .into_any()
}

#[component]
fn CaseRow(case: CaseSummary) -> impl IntoView {
    let lang = use_lang();
    let opened = case.opened_at;
    let kinds = case.trigger_kinds.clone();
    view! {
        <li class="row" class:row-inactive=case.status == CaseStatus::Closed data-testid="case-row">
            <div class="row-main">
                <A href=format!("/cases/{}", case.id) {..} class="row-title">
                    {case.account.name.clone()}
                </A>
                <span class="row-sub">
                    {t(Msg::CasesOwner)} ": " {case.owner.name.clone()} " · " {t(Msg::CasesOpened)} " "
                    {move || i18n::date(lang.get(), &opened)} " · "
                    {move || i18n::euros(lang.get(), case.revenue_at_risk_eur)}
                </span>
                <span class="tags">
                    <span class=severity_class(case.severity) data-testid="case-severity">{t(severity_name(case.severity))}</span>
                    {(case.status == CaseStatus::Closed).then(|| view! { <span class="tag tag-muted">{t(Msg::CasesStatusClosed)}</span> })}
                    {kinds.into_iter().map(|k| view! { <span class="tag">{t(trigger_name(k))}</span> }).collect_view()}
                </span>
                {case.next_deadline.map(|deadline| view! { <span class="row-sub"><DeadlineLine deadline /></span> })}
            </div>
        </li>
    }
}
