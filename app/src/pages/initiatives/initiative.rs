//! `/initiatives/:id`: one initiative — its topics, owner and accounts, the next
//! status (leaders and admins) with the dated history of who moved it, the evidence it
//! rests on, and once done whether it worked, with the numbers and sample sizes.

use kaiku_core::Lang;
use kaiku_core::initiative::{CheckSide, EffectCheck, InitiativeStatus, InitiativeView, StatusInput, Verdict};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;

use super::form::InitiativeForm;
use super::{status_name, topic_text, verdict_name};
use crate::api::{self, ApiFailure};
use crate::components::load::{Load, load, show};
use crate::components::notice::ErrorBanner;
use crate::i18n::fill;
use crate::i18n::{self, Msg, t, use_lang};
use crate::state::page_title;

#[component]
pub fn InitiativePage() -> impl IntoView {
    page_title(Msg::InitiativeTitle);
    let params = use_params_map();
    let id = Memo::new(move |_| params.with(|p| p.get("id").unwrap_or_default()));
    let initiative = RwSignal::new(Load::<InitiativeView>::Loading);
    let fetch = move || {
        let id = id.get_untracked();
        load(initiative, async move { api::initiative(&id).await });
    };
    Effect::new(move |_| {
        id.track();
        fetch();
    });
    view! {
        <p>
            <A href="/initiatives">"← " {t(Msg::InitiativeBack)}</A>
        </p>
        {move || show(initiative.get(), fetch, move |view| view! { <Details view initiative /> }.into_any())}
    }
}

#[component]
fn Details(view: InitiativeView, initiative: RwSignal<Load<InitiativeView>>) -> impl IntoView {
    let summary = view.summary.clone();
    let editing = RwSignal::new(false);
    let about = StoredValue::new(view.clone());
    view! {
        <h1 class="page-title" data-testid="initiative-title">{summary.title.clone()}</h1>
        {move || {
            if editing.get() {
                view! { <Edit view=about.get_value() initiative editing /> }.into_any()
            } else {
                view! { <About view=about.get_value() editing /> }.into_any()
            }
        }}
        {view.check.clone().map(|check| view! { <Check check /> })}
        {view.can_manage.then(|| view! { <StatusChange id=summary.id.clone() status=summary.status initiative /> })}
        <History view=view.clone() />
        <Evidence view />
    }
}

/// Status, topics, owner, accounts and description; "Edit" for leaders and admins.
#[component]
fn About(view: InitiativeView, editing: RwSignal<bool>) -> impl IntoView {
    let lang = use_lang();
    let summary = view.summary;
    let risk = summary.revenue_at_risk_eur;
    let accounts = summary.accounts.to_string();
    let owner = summary.owner.map(|o| o.name);
    view! {
        <p class="tags">
            <span class="tag" data-testid="initiative-status">{t(status_name(summary.status))}</span>
            {summary.topics.into_iter().map(|topic| view! { <span class="tag">{move || topic_text(lang.get(), &topic)}</span> }).collect_view()}
        </p>
        <p class="muted" data-testid="initiative-owner">
            {t(Msg::InitiativeOwner)} ": "
            {move || owner.clone().unwrap_or_else(|| Msg::InitiativeNoOwner.text(lang.get()).to_string())} " · "
            {move || fill(lang.get(), Msg::InitiativeAccounts, &[("n", &accounts)])} " · "
            {move || fill(lang.get(), Msg::InitiativeAtRisk, &[("eur", &i18n::euros(lang.get(), risk))])}
        </p>
        {(!view.description.is_empty()).then(|| view! { <p class="prose" data-testid="initiative-description">{view.description.clone()}</p> })}
        {view.can_manage.then(|| view! {
            <p>
                <button type="button" class="button" data-testid="initiative-edit" on:click=move |_| editing.set(true)>
                    {t(Msg::InitiativeEdit)}
                </button>
            </p>
        })}
    }
}

/// The initiative form filled with its current values; saved, the page shows the
/// initiative as the server now has it.
#[component]
fn Edit(view: InitiativeView, initiative: RwSignal<Load<InitiativeView>>, editing: RwSignal<bool>) -> impl IntoView {
    let saved = Callback::new(move |view: InitiativeView| initiative.set(Load::Ready(view)));
    let closed = Callback::new(move |()| editing.set(false));
    view! {
        <section class="card" aria-labelledby="initiative-edit">
            <h2 id="initiative-edit">{t(Msg::InitiativeEdit)}</h2>
            <InitiativeForm
                editing=view.summary.id.clone()
                initial=view.input
                window_fixed=view.summary.status == InitiativeStatus::Done
                on_saved=saved
                on_cancel=closed
            />
        </section>
    }
}

#[component]
fn StatusChange(id: String, status: InitiativeStatus, initiative: RwSignal<Load<InitiativeView>>) -> impl IntoView {
    let lang = use_lang();
    let note = RwSignal::new(String::new());
    let busy = RwSignal::new(false);
    let failure = RwSignal::new(None::<ApiFailure>);
    let next: Vec<InitiativeStatus> = InitiativeStatus::ALL
        .into_iter()
        .filter(|s| status.can_become(*s))
        .collect();
    if next.is_empty() {
        return ().into_any();
    }
    let change = move |to: InitiativeStatus| {
        let id = id.clone();
        move |_| {
            if busy.get_untracked() {
                return;
            }
            busy.set(true);
            let input = StatusInput {
                status: to,
                note: note.get_untracked(),
            };
            let id = id.clone();
            spawn_local(async move {
                match api::set_initiative_status(&id, &input).await {
                    Ok(view) => initiative.set(Load::Ready(view)),
                    Err(error) => failure.set(Some(error)),
                }
                busy.set(false);
            });
        }
    };
    view! {
        <section class="card" aria-labelledby="initiative-status-change">
            <h2 id="initiative-status-change" class="visually-hidden">{t(Msg::InitiativeHistory)}</h2>
            <ErrorBanner failure=Signal::derive(move || failure.get()) />
            <div class="field">
                <label for="initiative-note">{t(Msg::InitiativeNote)}</label>
                <input id="initiative-note" type="text" prop:value=move || note.get() on:input=move |ev| note.set(event_target_value(&ev)) />
            </div>
            <div class="row-actions">
                {next
                    .into_iter()
                    .map(|to| {
                        let (class, label) = if to == InitiativeStatus::Dropped {
                            ("button button-quiet", None)
                        } else {
                            ("button button-primary", Some(to))
                        };
                        view! {
                            <button
                                type="button"
                                class=class
                                data-testid=format!("initiative-to-{}", to.code())
                                disabled=move || busy.get()
                                on:click=change(to)
                            >
                                {move || match label {
                                    Some(to) => fill(lang.get(), Msg::InitiativeMoveTo, &[("status", status_name(to).text(lang.get()))]),
                                    None => Msg::InitiativeDrop.text(lang.get()).to_string(),
                                }}
                            </button>
                        }
                    })
                    .collect_view()}
            </div>
        </section>
    }
    .into_any()
}

#[component]
fn History(view: InitiativeView) -> impl IntoView {
    let lang = use_lang();
    view! {
        <section class="card" aria-labelledby="initiative-history">
            <h2 id="initiative-history">{t(Msg::InitiativeHistory)}</h2>
            <ol class="list" data-testid="initiative-history">
                {view
                    .history
                    .into_iter()
                    .map(|change| {
                        let note = change.note.clone();
                        view! {
                            <li>
                                {move || fill(lang.get(), Msg::InitiativeHistoryEntry, &[
                                    ("status", status_name(change.status).text(lang.get())),
                                    ("by", &change.by.name),
                                    ("at", &i18n::date_time(lang.get(), &change.at)),
                                ])}
                                {(!note.is_empty()).then(|| view! { <span class="muted">" — " {note}</span> })}
                            </li>
                        }
                    })
                    .collect_view()}
            </ol>
        </section>
    }
}

#[component]
fn Evidence(view: InitiativeView) -> impl IntoView {
    let lang = use_lang();
    let nothing = view.accounts.is_empty()
        && view.answers.is_empty()
        && view.counter_feedback.is_empty()
        && view.cases.is_empty()
        && view.points.is_empty();
    view! {
        <section class="card" aria-labelledby="initiative-evidence">
            <h2 id="initiative-evidence">{t(Msg::InitiativeEvidence)}</h2>
            {nothing.then(|| view! { <p class="empty">{t(Msg::InitiativeNoEvidence)}</p> })}
            {(!view.accounts.is_empty()).then(|| view! {
                <h3>{t(Msg::InitiativeEvidenceAccounts)}</h3>
                <ul class="list">
                    {view.accounts.iter().cloned().map(|a| view! {
                        <li>
                            <A href=format!("/accounts/{}", a.id)>{a.name.clone()}</A> " · "
                            {move || fill(lang.get(), Msg::InitiativeAtRisk, &[("eur", &i18n::euros(lang.get(), a.revenue_at_risk_eur))])}
                        </li>
                    }).collect_view()}
                </ul>
            })}
            {(!view.answers.is_empty()).then(|| view! {
                <h3>{t(Msg::InitiativeEvidenceAnswers)}</h3>
                <ul class="list">
                    {view.answers.iter().cloned().map(|a| view! {
                        <li>
                            <strong>{a.account_name.clone()}</strong> " — " {a.contact_name.clone()} ", "
                            {move || i18n::date(lang.get(), &a.at)}
                            {a.nps.map(|n| format!(" · NPS {n}"))}
                            {a.comments.iter().cloned().map(|c| view! { <blockquote>{c}</blockquote> }).collect_view()}
                        </li>
                    }).collect_view()}
                </ul>
            })}
            {(!view.counter_feedback.is_empty()).then(|| view! {
                <h3>{t(Msg::InitiativeEvidenceTeam)}</h3>
                <ul class="list">
                    {view.counter_feedback.iter().cloned().map(|n| view! {
                        <li>
                            <strong>{n.account_name.clone()}</strong> " — " {n.author.name.clone()} ", "
                            {move || i18n::date(lang.get(), &n.at)}
                            {(!n.text.is_empty()).then(|| view! { <blockquote>{n.text.clone()}</blockquote> })}
                        </li>
                    }).collect_view()}
                </ul>
            })}
            {(!view.cases.is_empty()).then(|| view! {
                <h3>{t(Msg::InitiativeEvidenceCases)}</h3>
                <ul class="list">
                    {view.cases.iter().cloned().map(|c| view! {
                        <li>
                            <A href=format!("/cases/{}", c.id)>{c.account_name.clone()}</A> ", "
                            {move || i18n::date(lang.get(), &c.opened_at)}
                        </li>
                    }).collect_view()}
                </ul>
            })}
            {(!view.points.is_empty()).then(|| view! {
                <h3>{t(Msg::InitiativeEvidencePoints)}</h3>
                <ul class="list">
                    {view.points.iter().cloned().map(|p| view! { <li><blockquote>{p.text}</blockquote></li> }).collect_view()}
                </ul>
            })}
        </section>
    }
}

fn share_text(lang: Lang, side: &CheckSide) -> String {
    match side.share {
        Some(share) => format!(
            "{} % ({}/{})",
            i18n::decimal(lang, share, 0),
            side.mentioning,
            side.answers
        ),
        None => format!("— ({}/{})", side.mentioning, side.answers),
    }
}

fn nps_text(lang: Lang, side: &CheckSide) -> String {
    let nps = side.nps.map_or_else(|| "—".to_string(), |n| i18n::decimal(lang, n, 0));
    format!("{nps} ({})", side.nps_answers)
}

#[component]
fn Check(check: EffectCheck) -> impl IntoView {
    let lang = use_lang();
    let days = check.window_days.to_string();
    let min = check.min_answers.to_string();
    let ends = check.after.to;
    let verdict = check.verdict;
    let verdict_text = move || {
        let lang = lang.get();
        fill(lang, verdict_name(verdict), &[("at", &i18n::date(lang, &ends))])
    };
    let (before, after) = (check.before.clone(), check.after.clone());
    let (before2, after2) = (check.before, check.after);
    view! {
        <section class="card" aria-labelledby="initiative-check" data-testid="initiative-check">
            <h2 id="initiative-check">{t(Msg::CheckTitle)}</h2>
            <p class:tag-warning=verdict == Verdict::TooLittleData>
                <strong data-testid="initiative-verdict">{verdict_text}</strong>
            </p>
            <p class="muted">{move || fill(lang.get(), Msg::CheckWindow, &[("days", &days)])}</p>
            <table class="data-table">
                <thead>
                    <tr>
                        <th scope="col"></th>
                        <th scope="col">{t(Msg::CheckBefore)}</th>
                        <th scope="col">{t(Msg::CheckAfter)}</th>
                    </tr>
                </thead>
                <tbody>
                    <tr>
                        <th scope="row">{t(Msg::CheckAnswers)}</th>
                        <td>{before.answers}</td>
                        <td>{after.answers}</td>
                    </tr>
                    <tr>
                        <th scope="row">{t(Msg::CheckShare)}</th>
                        <td>{move || share_text(lang.get(), &before)}</td>
                        <td>{move || share_text(lang.get(), &after)}</td>
                    </tr>
                    <tr>
                        <th scope="row">{t(Msg::CheckNps)}</th>
                        <td>{move || nps_text(lang.get(), &before2)}</td>
                        <td>{move || nps_text(lang.get(), &after2)}</td>
                    </tr>
                </tbody>
            </table>
            <p class="muted">{move || fill(lang.get(), Msg::CheckRule, &[("n", &min)])}</p>
        </section>
    }
}
