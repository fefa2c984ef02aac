//! `/cases/:id`: one case — the customer's words verbatim, what opened it with its
//! evidence, the deadlines (overdue marked), the account's history, the LATTE steps
//! with who took each and when, what happened to it, and closing, reopening or
//! reassigning it. Readable offline from the device's copy.

use kaiku_core::account::ContactView;
use kaiku_core::case::{CaseEventView, CaseStatus, CaseView, CustomerWords, TriggerView};
use kaiku_core::counterfeedback::ActionView;
use kaiku_core::overview::AccountOverview;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;

use super::history::AccountHistory;
use super::latte::LatteSteps;
use super::manage::ManageCase;
use super::on_account::Repulse;
use super::{DeadlineLine, event_name, fill, severity_class, severity_name, trigger_name};
use crate::api;
use crate::components::load::{Load, load, refresh, show};
use crate::i18n::{self, Msg, t, use_lang};
use crate::offline::cache::fresh_or_cached_value;
use crate::offline::sync::use_sync;
use crate::state::page_title;

fn fetch_case(case: RwSignal<Load<CaseView>>, id: String, keep_shown: bool) {
    let fetch = async move { fresh_or_cached_value(&format!("case:{id}"), api::case(&id)).await };
    if keep_shown {
        refresh(case, fetch)
    } else {
        load(case, fetch)
    }
}

#[component]
pub fn CasePage() -> impl IntoView {
    page_title(Msg::CaseTitle);
    let params = use_params_map();
    let id = Memo::new(move |_| params.with(|p| p.get("id").unwrap_or_default()));
    let case = RwSignal::new(Load::<CaseView>::Loading);
    let sync = use_sync();
    Effect::new(move |_| fetch_case(case, id.get(), false));
    // Steps written offline reach the server in a sync: show the case as it then is.
    Effect::new(move |first: Option<()>| {
        sync.synced().track();
        if first.is_some() {
            fetch_case(case, id.get_untracked(), true);
        }
    });
    // The account's parts are read once per account, not again on every change to the case.
    let account_id = Memo::new(move |_| case.with(|c| c.ready().map(|c| c.summary.account.id.clone())));
    // Loading, ready or failed — not the data, so the details are built once.
    let state = Memo::new(move |_| {
        case.with(|c| match c {
            Load::Loading => Load::Loading,
            Load::Ready(_) => Load::Ready(()),
            Load::Failed(failure) => Load::Failed(failure.clone()),
        })
    });
    view! {
        <p>
            <A href="/cases">"← " {t(Msg::CaseBack)}</A>
        </p>
        {move || show(state.get(), move || fetch_case(case, id.get_untracked(), false), move |_| view! { <CaseDetails case account_id /> }.into_any())}
    }
}

#[component]
fn CaseDetails(case: RwSignal<Load<CaseView>>, account_id: Memo<Option<String>>) -> impl IntoView {
    let contacts = RwSignal::new(Load::<Vec<ContactView>>::Loading);
    let actions = RwSignal::new(Load::<Vec<ActionView>>::Loading);
    let overview = RwSignal::new(Load::<AccountOverview>::Loading);
    let fetch_account = move || {
        let Some(id) = account_id.get_untracked() else { return };
        let (a, b, c) = (id.clone(), id.clone(), id);
        load(contacts, async move {
            fresh_or_cached_value(&format!("contacts:{a}"), api::contacts(&a)).await
        });
        refresh(actions, async move {
            fresh_or_cached_value(&format!("actions:{b}"), api::account_actions(&b)).await
        });
        refresh(overview, async move {
            fresh_or_cached_value(&format!("overview:{c}"), api::account_overview(&c)).await
        });
    };
    Effect::new(move |_| {
        account_id.track();
        fetch_account();
    });
    let saved = Callback::new(move |view: CaseView| case.set(Load::Ready(view)));
    let current = Memo::new(move |_| case.with(|c| c.ready().cloned()));
    move || {
        current.get().map(|view| {
            let account = view.summary.account.id.clone();
            view! {
                <CaseHeader case=view.clone() />
                <CustomerWordsCard words=view.customer_words.clone() />
                <Triggers triggers=view.triggers.clone() />
                <section class="card" aria-labelledby="case-deadlines">
                    <h2 id="case-deadlines">{t(Msg::CaseDeadlines)}</h2>
                    <ul class="list">
                        {view.deadlines.iter().cloned().map(|deadline| view! { <li><DeadlineLine deadline /></li> }).collect_view()}
                    </ul>
                </section>
                <AccountHistory account_id=account overview actions retry=Callback::new(move |()| fetch_account()) />
                <section aria-labelledby="case-latte" class="latte">
                    <h2 id="case-latte">{t(Msg::CaseLatte)}</h2>
                    <LatteSteps case=view.clone() contacts actions saved />
                </section>
                {view.repulse.clone().map(|repulse| view! {
                    <section class="card" aria-labelledby="case-repulse">
                        <h2 id="case-repulse">{t(Msg::RepulseTitle)}</h2>
                        <Repulse repulse />
                    </section>
                })}
                <ManageCase case=view.clone() saved />
                <Events events=view.events.clone() />
            }
        })
    }
}

#[component]
fn CaseHeader(case: CaseView) -> impl IntoView {
    let lang = use_lang();
    let summary = case.summary;
    let opened = summary.opened_at;
    let closed = summary.closed_at;
    let revenue = summary.revenue_at_risk_eur;
    let account = summary.account.name.clone();
    let title = move || fill(lang.get(), Msg::CaseOf, &[("account", &account)]);
    view! {
        <section class="card account-header" aria-labelledby="case-title" data-testid="case-header">
            <div class="page-head">
                <h1 class="page-title" id="case-title">{title}</h1>
                <span class="tags">
                    <span class=severity_class(summary.severity) data-testid="case-severity">{t(severity_name(summary.severity))}</span>
                    <span class="tag" class:tag-muted=summary.status == CaseStatus::Closed data-testid="case-status">
                        {t(if summary.status == CaseStatus::Open { Msg::CasesStatusOpen } else { Msg::CasesStatusClosed })}
                    </span>
                    {summary.overdue.then(|| view! { <span class="tag tag-danger">{t(Msg::CaseOverdue)}</span> })}
                </span>
            </div>
            <dl class="facts">
                <div>
                    <dt>{t(Msg::CasesAccount)}</dt>
                    <dd><A href=format!("/accounts/{}", summary.account.id)>{summary.account.name.clone()}</A></dd>
                </div>
                <div>
                    <dt>{t(Msg::CasesOwner)}</dt>
                    <dd data-testid="case-owner">{summary.owner.name.clone()}</dd>
                </div>
                <div>
                    <dt>{t(Msg::CaseOpenedAt)}</dt>
                    <dd>{move || i18n::date_time(lang.get(), &opened)}</dd>
                </div>
                {closed.map(|at| view! {
                    <div>
                        <dt>{t(Msg::CaseClosedAt)}</dt>
                        <dd>{move || i18n::date_time(lang.get(), &at)}</dd>
                    </div>
                })}
                <div>
                    <dt>{t(Msg::CaseRevenueAtRisk)}</dt>
                    <dd>{move || i18n::euros(lang.get(), revenue)}</dd>
                </div>
            </dl>
        </section>
    }
}

/// The customer's words exactly as written, with who wrote them, when and to what.
#[component]
fn CustomerWordsCard(words: Vec<CustomerWords>) -> impl IntoView {
    let lang = use_lang();
    view! {
        <section class="card card-accent" aria-labelledby="case-words" data-testid="case-words">
            <h2 id="case-words">{t(Msg::CaseWords)}</h2>
            {if words.is_empty() {
                view! { <p class="empty">{t(Msg::CaseWordsNone)}</p> }.into_any()
            } else {
                words
                    .into_iter()
                    .map(|w| {
                        let at = w.answered_at;
                        let name = w.contact_name.clone();
                        let by = move || fill(lang.get(), Msg::CaseWordsBy, &[("name", &name), ("when", &i18n::date(lang.get(), &at))]);
                        view! {
                            <figure class="customer-words">
                                <figcaption class="muted">{w.question.clone()}</figcaption>
                                <blockquote class="verbatim">{w.text.clone()}</blockquote>
                                <figcaption class="row-sub">"— " {by}</figcaption>
                            </figure>
                        }
                    })
                    .collect_view()
                    .into_any()
            }}
        </section>
    }
}

/// Each signal that opened the case or was added to it, with its evidence.
#[component]
fn Triggers(triggers: Vec<TriggerView>) -> impl IntoView {
    let lang = use_lang();
    view! {
        <section class="card" aria-labelledby="case-triggers" data-testid="case-triggers">
            <h2 id="case-triggers">{t(Msg::CaseTriggers)}</h2>
            <ul class="list">
                {triggers
                    .into_iter()
                    .map(|trigger| {
                        let at = trigger.at;
                        let by = trigger.by.map(|p| p.name);
                        let scores = trigger.trigger.scores.clone();
                        let causes = trigger.trigger.churn_causes.clone();
                        view! {
                            <li class="trigger" data-testid="case-trigger">
                                <p>
                                    <strong>{t(trigger_name(trigger.trigger.kind))}</strong>
                                    " · " {move || i18n::date(lang.get(), &at)}
                                    {by.map(|name| view! { " · " {move || fill(lang.get(), Msg::CaseTriggerBy, &[("name", &name)])} })}
                                </p>
                                <ul class="tags">
                                    {scores.into_iter().map(|score| {
                                        let text = move || {
                                            let lang = lang.get();
                                            let value = i18n::decimal(lang, score.value, 0);
                                            match score.previous {
                                                Some(previous) => format!("{}: {}", score.label, fill(lang, Msg::CaseScorePrevious, &[("value", &value), ("previous", &i18n::decimal(lang, previous, 0))])),
                                                None => format!("{}: {value}", score.label),
                                            }
                                        };
                                        view! { <li class="tag">{text}</li> }
                                    }).collect_view()}
                                    {causes.into_iter().map(|c| view! { <li class="tag tag-warning">{move || c.label(lang.get())}</li> }).collect_view()}
                                </ul>
                                {trigger.trigger.words.into_iter().map(|w| view! { <blockquote class="verbatim">{w}</blockquote> }).collect_view()}
                                {(!trigger.note.is_empty()).then(|| view! { <p class="verbatim">{trigger.note.clone()}</p> })}
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        </section>
    }
}

#[component]
fn Events(events: Vec<CaseEventView>) -> impl IntoView {
    let lang = use_lang();
    (!events.is_empty()).then(|| {
        view! {
            <section class="card" aria-labelledby="case-events" data-testid="case-events">
                <h2 id="case-events">{t(Msg::CaseEvents)}</h2>
                <ul class="list">
                    {events
                        .into_iter()
                        .map(|event| {
                            let at = event.at;
                            let by = event.by.map(|p| p.name);
                            let to = event.to.map(|p| p.name);
                            let deadline = event.deadline;
                            let line = move || {
                                let lang = lang.get();
                                let mut parts = vec![event_name(event.kind).text(lang).to_string()];
                                if let Some(to) = &to {
                                    parts.push(fill(lang, Msg::EventTo, &[("name", to)]));
                                }
                                if let Some(deadline) = deadline {
                                    parts.push(format!("({})", super::deadline_name(deadline).text(lang)));
                                }
                                parts.push(format!("· {}", i18n::date_time(lang, &at)));
                                if let Some(by) = &by {
                                    parts.push(format!("· {by}"));
                                }
                                parts.join(" ")
                            };
                            view! {
                                <li data-testid="case-event">
                                    {line}
                                    {(!event.reason.is_empty()).then(|| view! { <p class="verbatim">{event.reason.clone()}</p> })}
                                </li>
                            }
                        })
                        .collect_view()}
                </ul>
            </section>
        }
    })
}
