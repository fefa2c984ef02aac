//! `/segments`: segments by need (`kaiku_core::segments`) — the adopted ones side by
//! side with every account, and the grouping proposed from what matters to each
//! account and what it talks about, which admins name, adjust and adopt (leaders read).

use kaiku_core::Lang;
use kaiku_core::churn::ChurnCause;
use kaiku_core::segments::{
    AdoptSegmentsRequest, AdoptedSegment, MIN_PROFILES, NeedSegmentsView, NeedTrait, NeedTraitKind, SegmentFigures,
    SegmentInput, SegmentMember, SegmentProposal,
};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;

use crate::api;
use crate::browser;
use crate::components::field::FieldError;
use crate::components::form::{FormErrors, field_error, form_failure};
use crate::components::load::{Load, load, show};
use crate::components::notice::ErrorBanner;
use crate::i18n::fill;
use crate::i18n::{self, Msg, t, use_lang};
use crate::state::{page_title, use_app};

#[component]
pub fn SegmentsPage() -> impl IntoView {
    page_title(Msg::SegmentsTitle);
    let segments = RwSignal::new(Load::<NeedSegmentsView>::Loading);
    // Outlives the re-render that the adopted segments' answer causes.
    let just_adopted = RwSignal::new(false);
    let fetch = move || load(segments, api::need_segments());
    fetch();
    view! {
        <h1 class="page-title">{t(Msg::SegmentsTitle)}</h1>
        <p class="muted">{t(Msg::SegmentsIntro)}</p>
        <div aria-live="polite">
            {move || show(segments.get(), fetch, move |view| view! { <Segments view segments just_adopted /> }.into_any())}
        </div>
    }
}

#[component]
fn Segments(
    view: NeedSegmentsView,
    segments: RwSignal<Load<NeedSegmentsView>>,
    just_adopted: RwSignal<bool>,
) -> impl IntoView {
    let NeedSegmentsView {
        adopted,
        all,
        profiled,
        proposal,
        accounts,
        ..
    } = view;
    let in_use = !adopted.is_empty();
    view! {
        <Compare adopted all />
        <Proposal proposal profiled accounts in_use segments just_adopted />
    }
}

/// The adopted segments' figures side by side, every account first.
#[component]
fn Compare(adopted: Vec<AdoptedSegment>, all: SegmentFigures) -> impl IntoView {
    let lang = use_lang();
    let title = "segments-in-use-title";
    if adopted.is_empty() {
        return view! {
            <section class="card" aria-labelledby=title data-testid="segments-in-use">
                <h2 id=title>{t(Msg::SegmentsInUse)}</h2>
                <p class="empty">{t(Msg::SegmentsNoneInUse)}</p>
            </section>
        }
        .into_any();
    }
    let figures: Vec<SegmentFigures> = std::iter::once(all)
        .chain(adopted.iter().map(|s| s.figures.clone()))
        .collect();
    let row = move |label: Msg, cell: fn(Lang, &SegmentFigures) -> String| {
        let cells = figures.clone();
        view! {
            <tr>
                <th scope="row">{t(label)}</th>
                {cells
                    .into_iter()
                    .map(|figures| view! { <td class="numeric">{move || cell(lang.get(), &figures)}</td> })
                    .collect_view()}
            </tr>
        }
    };
    let headers = adopted
        .iter()
        .map(|segment| segment.name.clone())
        .collect::<Vec<_>>()
        .into_iter()
        .map(|name| {
            let href = format!("/heatmap?segment={}", js_sys::encode_uri_component(&name));
            view! { <th scope="col"><A href=href>{name}</A></th> }
        })
        .collect_view();
    // Every account is the baseline: nothing sets it apart.
    let apart = adopted
        .into_iter()
        .map(|segment| {
            let members = segment
                .accounts
                .iter()
                .map(|m| m.name.clone())
                .collect::<Vec<_>>()
                .join(", ");
            view! {
                <td>
                    <Traits traits=segment.traits />
                    <p class="muted">{members}</p>
                </td>
            }
        })
        .collect_view();
    view! {
        <section class="card" aria-labelledby=title data-testid="segments-in-use">
            <h2 id=title>{t(Msg::SegmentsInUse)}</h2>
            <div class="table-scroll">
                <table class="data-table segment-compare">
                    <thead>
                        <tr>
                            <td></td>
                            <th scope="col">{t(Msg::SegmentsAllAccounts)}</th>
                            {headers}
                        </tr>
                    </thead>
                    <tbody>
                        {row(Msg::TotalsAccounts, |_, f| f.accounts.to_string())}
                        {row(Msg::SignalNps, nps_text)}
                        {row(Msg::SignalHealth, |_, f| f.health.map_or_else(dash, |h| format!("{h:.0}")))}
                        {row(Msg::SignalExpectationGap, |_, f| f.expectation_gap.map_or_else(dash, |g| format!("{g:+.1}")))}
                        {row(Msg::SignalRevenueAtRisk, |lang, f| i18n::euros(lang, f.revenue_at_risk_eur))}
                        {row(Msg::SegmentsCauses, causes_text)}
                        {row(Msg::SegmentsThemes, themes_text)}
                        <tr>
                            <th scope="row">{t(Msg::SegmentsSetApart)}</th>
                            <td></td>
                            {apart}
                        </tr>
                    </tbody>
                </table>
            </div>
        </section>
    }
    .into_any()
}

fn dash() -> String {
    "—".to_string()
}

/// "+20 (12)": the NPS and how many answered.
fn nps_text(_: Lang, figures: &SegmentFigures) -> String {
    figures
        .nps
        .map_or_else(dash, |nps| format!("{nps:+.0} ({})", figures.respondents))
}

fn causes_text(lang: Lang, figures: &SegmentFigures) -> String {
    let names: Vec<&str> = figures.causes.iter().map(|c: &ChurnCause| c.label(lang)).collect();
    if names.is_empty() { dash() } else { names.join(", ") }
}

fn themes_text(lang: Lang, figures: &SegmentFigures) -> String {
    let names: Vec<String> = figures
        .themes
        .iter()
        .map(|key| kaiku_core::analysis::theme_name(key, &[], lang))
        .collect();
    if names.is_empty() { dash() } else { names.join(", ") }
}

/// What sets a group apart, in words: "quality of work matters more: 4.8 against 3.2".
#[component]
fn Traits(traits: Vec<NeedTrait>) -> impl IntoView {
    let lang = use_lang();
    (!traits.is_empty()).then(|| {
        view! {
            <ul class="segment-traits">
                {traits
                    .into_iter()
                    .map(|trait_| view! { <li>{move || trait_text(lang.get(), &trait_)}</li> })
                    .collect_view()}
            </ul>
        }
    })
}

fn trait_text(lang: Lang, trait_: &NeedTrait) -> String {
    let more = trait_.group_value > trait_.overall_value;
    let (msg, group, overall) = match (trait_.kind, more) {
        (NeedTraitKind::Aspect, true) => (
            Msg::SegmentsMattersMore,
            format!("{:.1}", trait_.group_value),
            format!("{:.1}", trait_.overall_value),
        ),
        (NeedTraitKind::Aspect, false) => (
            Msg::SegmentsMattersLess,
            format!("{:.1}", trait_.group_value),
            format!("{:.1}", trait_.overall_value),
        ),
        (NeedTraitKind::Theme, true) => (
            Msg::SegmentsTalksMore,
            percent(trait_.group_value),
            percent(trait_.overall_value),
        ),
        (NeedTraitKind::Theme, false) => (
            Msg::SegmentsTalksLess,
            percent(trait_.group_value),
            percent(trait_.overall_value),
        ),
    };
    fill(
        lang,
        msg,
        &[("what", &trait_.label), ("group", &group), ("all", &overall)],
    )
}

fn percent(share: f64) -> String {
    format!("{:.0} %", share * 100.0)
}

/// The proposed grouping: admins name each group, move accounts between them and adopt.
#[component]
fn Proposal(
    proposal: Option<SegmentProposal>,
    profiled: u32,
    accounts: Vec<SegmentMember>,
    in_use: bool,
    segments: RwSignal<Load<NeedSegmentsView>>,
    just_adopted: RwSignal<bool>,
) -> impl IntoView {
    let lang = use_lang();
    let title = "segment-proposal-title";
    let Some(proposal) = proposal else {
        let (min, now) = (MIN_PROFILES.to_string(), profiled.to_string());
        return view! {
            <section class="card" aria-labelledby=title data-testid="segment-proposal">
                <h2 id=title>{t(Msg::SegmentsProposal)}</h2>
                <p class="empty">{move || fill(lang.get(), Msg::SegmentsTooFew, &[("min", &min), ("n", &now)])}</p>
            </section>
        }
        .into_any();
    };
    let admin = use_app().is_admin();
    let names: Vec<RwSignal<String>> = proposal
        .groups
        .iter()
        .map(|g| RwSignal::new(g.suggested_name.clone()))
        .collect();
    // Which group each account is in now: the proposal's, until the admin moves it.
    let placed = RwSignal::new(
        proposal
            .groups
            .iter()
            .enumerate()
            .flat_map(|(group, g)| g.accounts.iter().map(move |a| (a.clone(), group)))
            .collect::<Vec<(String, usize)>>(),
    );
    let name_of = StoredValue::new(accounts);
    let account_name = move |id: &str| {
        name_of.with_value(|all| {
            all.iter()
                .find(|a| a.id == id)
                .map_or_else(|| id.to_string(), |a| a.name.clone())
        })
    };
    let errors = RwSignal::new(FormErrors::default());
    let pending = RwSignal::new(false);
    let request = {
        let names = names.clone();
        move || {
            AdoptSegmentsRequest {
                segments: names
                    .iter()
                    .enumerate()
                    .map(|(group, name)| SegmentInput {
                        name: name.get_untracked(),
                        accounts: placed.with_untracked(|p| {
                            p.iter().filter(|(_, g)| *g == group).map(|(a, _)| a.clone()).collect()
                        }),
                    })
                    .filter(|s| !s.accounts.is_empty())
                    .collect(),
            }
            .normalised()
        }
    };
    let known = StoredValue::new(name_of.with_value(|all| all.iter().map(|a| a.id.clone()).collect::<Vec<_>>()));
    let send = move |request: AdoptSegmentsRequest, question: String| {
        just_adopted.set(false);
        if let Err(problem) = known.with_value(|known| request.check(known, &[])) {
            errors.set(FormErrors::check([Err(problem)]));
            return;
        }
        if !browser::confirm(&question) {
            return;
        }
        pending.set(true);
        errors.set(FormErrors::default());
        spawn_local(async move {
            match api::adopt_need_segments(&request).await {
                Ok(view) => {
                    just_adopted.set(true);
                    segments.set(Load::Ready(view));
                }
                Err(failure) => errors.set(FormErrors::from_failure_saying(
                    failure,
                    &["name", "accounts"],
                    |field| {
                        if field == "name" {
                            Msg::SegmentsNameRejected
                        } else {
                            Msg::SegmentsAccountsRejected
                        }
                    },
                )),
            }
            pending.set(false);
        });
    };
    let adopt = move |_| {
        let request = request();
        let n = request.segments.len().to_string();
        send(
            request,
            fill(lang.get_untracked(), Msg::SegmentsConfirmAdopt, &[("n", &n)]),
        );
    };
    let remove = move |_| {
        send(
            AdoptSegmentsRequest { segments: Vec::new() },
            Msg::SegmentsConfirmRemove.text(lang.get_untracked()).to_string(),
        )
    };
    let silhouette = proposal.silhouette;
    let separation = move || {
        let how = match silhouette {
            s if s >= 0.5 => Msg::SegmentsClear,
            s if s >= 0.25 => Msg::SegmentsFair,
            _ => Msg::SegmentsWeak,
        };
        fill(
            lang.get(),
            Msg::SegmentsSeparation,
            &[("how", how.text(lang.get())), ("s", &format!("{silhouette:.2}"))],
        )
    };
    let group_count = proposal.groups.len();
    let group_names = names.clone();
    let unprofiled: Vec<String> = proposal.unprofiled.iter().map(|id| account_name(id)).collect();
    view! {
        <section class="card" aria-labelledby=title data-testid="segment-proposal">
            <h2 id=title>{t(Msg::SegmentsProposal)}</h2>
            <p class="muted">{separation}</p>
            <div class="home-grid">
                {proposal
                    .groups
                    .into_iter()
                    .enumerate()
                    .map(|(group, proposed)| {
                        let name = names[group];
                        let heading = format!("proposed-segment-{group}");
                        let members = move || {
                            placed.with(|p| p.iter().filter(|(_, g)| *g == group).map(|(a, _)| a.clone()).collect::<Vec<_>>())
                        };
                        let group_names = group_names.clone();
                        view! {
                            <article class="card" aria-labelledby=heading.clone() data-testid="proposed-segment">
                                <h3 id=heading.clone()>{move || fill(lang.get(), Msg::SegmentsGroup, &[("n", &(group + 1).to_string())])}</h3>
                                {if admin {
                                    let input = format!("segment-name-{group}");
                                    view! {
                                        <label for=input.clone()>{t(Msg::SegmentsName)}</label>
                                        <input id=input type="text" prop:value=move || name.get() on:input=move |ev| name.set(event_target_value(&ev)) />
                                    }
                                    .into_any()
                                } else {
                                    view! { <p><strong>{move || name.get()}</strong></p> }.into_any()
                                }}
                                <Traits traits=proposed.traits />
                                <ul class="rows" data-testid="segment-accounts">
                                    {move || {
                                        let group_names = group_names.clone();
                                        members()
                                            .into_iter()
                                            .map(|id| {
                                                let shown = account_name(&id);
                                                let link = (format!("/accounts/{id}"), shown.clone());
                                                view! {
                                                    <li class="row">
                                                        <A href=link.0>{link.1}</A>
                                                        {admin.then(|| view! { <MoveTo id shown group count=group_count names=group_names.clone() placed /> })}
                                                    </li>
                                                }
                                            })
                                            .collect_view()
                                    }}
                                </ul>
                            </article>
                        }
                    })
                    .collect_view()}
            </div>
            {(!unprofiled.is_empty()).then(|| view! {
                <p class="muted" data-testid="segments-unprofiled">{t(Msg::SegmentsUnprofiled)} " " {unprofiled.join(", ")}</p>
            })}
            {admin.then(|| view! {
                <FieldError id="segments-name-error".to_string() error=field_error(errors, "name") />
                <FieldError id="segments-accounts-error".to_string() error=field_error(errors, "accounts") />
                <ErrorBanner failure=form_failure(errors) />
                {move || just_adopted.get().then(|| view! { <p role="status">{t(Msg::SegmentsAdopted)}</p> })}
                <div class="actions">
                    <button type="button" class="button primary" disabled=move || pending.get() on:click=adopt>
                        {t(Msg::SegmentsAdopt)}
                    </button>
                    {in_use.then(|| view! {
                        <button type="button" class="button" disabled=move || pending.get() on:click=remove>
                            {t(Msg::SegmentsRemove)}
                        </button>
                    })}
                </div>
            })}
        </section>
    }
    .into_any()
}

/// Moves one account to another proposed group.
#[component]
fn MoveTo(
    id: String,
    shown: String,
    group: usize,
    count: usize,
    names: Vec<RwSignal<String>>,
    placed: RwSignal<Vec<(String, usize)>>,
) -> impl IntoView {
    let lang = use_lang();
    let label = move || fill(lang.get(), Msg::SegmentsMove, &[("account", &shown)]);
    let on_change = move |ev| {
        if let Ok(to) = event_target_value(&ev).parse::<usize>() {
            placed.update(|p| {
                if let Some(entry) = p.iter_mut().find(|(a, _)| *a == id) {
                    entry.1 = to;
                }
            });
        }
    };
    view! {
        <select aria-label=label on:change=on_change>
            {(0..count)
                .map(|to| {
                    let name = names[to];
                    let option = move || {
                        let name = name.get();
                        let n = (to + 1).to_string();
                        if name.trim().is_empty() { fill(lang.get(), Msg::SegmentsGroup, &[("n", &n)]) } else { format!("{n}. {name}") }
                    };
                    view! { <option value=to.to_string() selected=to == group>{option}</option> }
                })
                .collect_view()}
        </select>
    }
}
