//! `/`: the signed-in person's own desk — what waits for them, nearest first.

use chrono::Utc;
use kaiku_core::Role;
use kaiku_core::case::CaseSummary;
use kaiku_core::counterfeedback::CounterFeedbackRequestView;
use kaiku_core::health::RiskBand;
use kaiku_core::heatmap::HeatmapRow;
use kaiku_core::overdue::OverdueAction;
use leptos::prelude::*;
use leptos_router::components::A;

use crate::api::{self, ApiFailure};
use crate::components::due::Due;
use crate::components::health_summary::HealthSummary;
use crate::components::load::{Load, load, show};
use crate::i18n::{self, Msg, label, t, use_lang};
use crate::pages::cases::{severity_class, severity_name};
use crate::state::{page_title, use_app};

/// How many accounts at risk the home page lists; the heatmap has the rest.
const AT_RISK_SHOWN: usize = 5;

/// `/`: my open requests (with due dates), my overdue actions, my accounts at risk
/// and my open cases.
#[component]
pub fn HomePage() -> impl IntoView {
    page_title(Msg::NavHome);
    let app = use_app();
    let lang = use_lang();
    let session = move || app.session.get();
    view! {
        {move || {
            session()
                .map(|s| {
                    let role = s.user.role;
                    let name = s.user.name.clone();
                    view! {
                        <h1>{move || i18n::welcome(lang.get(), &name)}</h1>
                        <p class="muted home-who">
                            {s.organisation.name.clone()} " · " {label(role, Role::label)}
                        </p>
                        <div class="home-grid">
                            <MyRequests />
                            <MyOverdueActions me=s.user.id.clone() />
                            <AccountsAtRisk role />
                            <MyCases />
                            <TeamMonth />
                        </div>
                    }
                })
        }}
    }
}

/// One box of the home page: a heading, then the list or what to say when it is empty.
#[component]
fn HomeSection(title: Msg, id: &'static str, children: Children) -> impl IntoView {
    view! {
        <section class="card home-section" aria-labelledby=id data-testid=id>
            <h2 id=id>{t(title)}</h2>
            {children()}
        </section>
    }
}

fn empty(text: Msg) -> AnyView {
    view! { <p class="muted">{t(text)}</p> }.into_any()
}

/// An open request and when its answer is due.
type DueRequest = (CounterFeedbackRequestView, chrono::DateTime<Utc>);

#[component]
fn MyRequests() -> impl IntoView {
    let requests: RwSignal<Load<Vec<DueRequest>>> = RwSignal::new(Load::Loading);
    let fetch = move || {
        load(requests, async {
            let list = api::counter_feedback_requests().await?;
            let settings = api::follow_up_settings().await?;
            let mut open: Vec<_> = list
                .open
                .into_iter()
                .map(|r| {
                    let due = settings.answer_due(r.created_at);
                    (r, due)
                })
                .collect();
            open.sort_by_key(|(_, due)| *due);
            Ok::<_, ApiFailure>(open)
        })
    };
    fetch();
    view! {
        <HomeSection title=Msg::HomeMyRequests id="home-requests">
            {move || show(requests.get(), fetch, move |open| {
                if open.is_empty() {
                    return empty(Msg::HomeNoRequests);
                }
                let now = Utc::now();
                view! {
                    <ul class="home-list">
                        {open.into_iter().map(|(request, due)| {
                            let late = due < now;
                            view! {
                                <li>
                                    <A href=format!("/requests/{}", request.id)>
                                        {request.account.name.clone()} " — " {request.response.contact_name.clone()}
                                    </A>
                                    <Due at=due late />
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                }.into_any()
            })}
        </HomeSection>
    }
}

#[component]
fn MyOverdueActions(me: String) -> impl IntoView {
    let actions: RwSignal<Load<Vec<(String, String, OverdueAction)>>> = RwSignal::new(Load::Loading);
    let fetch = move || {
        let me = me.clone();
        load(actions, async move {
            let accounts = api::overdue().await?;
            let mut mine: Vec<_> = accounts
                .into_iter()
                .flat_map(|a| {
                    let (id, name) = (a.account.id, a.account.name);
                    a.actions
                        .into_iter()
                        .map(move |action| (id.clone(), name.clone(), action))
                })
                .filter(|(_, _, action)| action.owner.as_ref().is_some_and(|o| o.id == me))
                .collect();
            mine.sort_by_key(|(_, _, action)| action.due);
            Ok::<_, ApiFailure>(mine)
        })
    };
    let retry = fetch.clone();
    fetch();
    view! {
        <HomeSection title=Msg::HomeMyOverdueActions id="home-actions">
            {move || show(actions.get(), retry.clone(), move |mine| {
                if mine.is_empty() {
                    return empty(Msg::HomeNoOverdueActions);
                }
                view! {
                    <ul class="home-list">
                        {mine.into_iter().map(|(account, name, action)| view! {
                            <li>
                                <span>{action.text.clone()}</span>
                                " · "
                                <A href=format!("/accounts/{account}")>{name}</A>
                                <Due at=action.due.and_time(chrono::NaiveTime::MIN).and_utc() late=true />
                            </li>
                        }).collect_view()}
                    </ul>
                }.into_any()
            })}
        </HomeSection>
    }
}

/// High and critical risk first, the least healthy first within a band.
fn at_risk(mut rows: Vec<HeatmapRow>) -> Vec<HeatmapRow> {
    rows.retain(|r| matches!(r.current.band, Some(RiskBand::High | RiskBand::Critical)));
    let rank = |row: &HeatmapRow| row.current.band.map_or(0, |band| band as u8);
    rows.sort_by(|a, b| {
        rank(b).cmp(&rank(a)).then(
            a.current
                .health
                .unwrap_or(0.0)
                .total_cmp(&b.current.health.unwrap_or(0.0)),
        )
    });
    rows
}

#[component]
fn AccountsAtRisk(role: Role) -> impl IntoView {
    let lang = use_lang();
    let rows: RwSignal<Load<Vec<HeatmapRow>>> = RwSignal::new(Load::Loading);
    let fetch = move || load(rows, async { Ok::<_, ApiFailure>(at_risk(api::heatmap().await?.rows)) });
    fetch();
    // Members see only their own accounts; leadership sees the whole portfolio.
    let title = if role.sees_all_accounts() {
        Msg::HomeAccountsAtRisk
    } else {
        Msg::HomeMyAccountsAtRisk
    };
    view! {
        <HomeSection title id="home-at-risk">
            {move || show(rows.get(), fetch, move |rows| {
                if rows.is_empty() {
                    return empty(Msg::HomeNoAccountsAtRisk);
                }
                let more = rows.len().saturating_sub(AT_RISK_SHOWN);
                view! {
                    <ul class="home-list">
                        {rows.into_iter().take(AT_RISK_SHOWN).map(|row| {
                            let (health, band) = (row.current.health, row.current.band);
                            view! {
                                <li>
                                    <A href=format!("/accounts/{}", row.account)>{row.name.clone()}</A>
                                    <HealthSummary health band />
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                    {(more > 0).then(|| view! {
                        <p><A href="/heatmap">{move || i18n::more_at_risk(lang.get(), more)}</A></p>
                    })}
                }.into_any()
            })}
        </HomeSection>
    }
}

#[component]
fn MyCases() -> impl IntoView {
    let cases: RwSignal<Load<Vec<CaseSummary>>> = RwSignal::new(Load::Loading);
    let fetch = move || load(cases, api::cases("?scope=mine&status=open"));
    fetch();
    view! {
        <HomeSection title=Msg::HomeMyCases id="home-cases">
            {move || show(cases.get(), fetch, move |cases| {
                if cases.is_empty() {
                    return empty(Msg::HomeNoCases);
                }
                view! {
                    <ul class="home-list">
                        {cases.into_iter().map(|case| {
                            let deadline = case.next_deadline.as_ref().map(|d| (d.due_at, d.overdue));
                            view! {
                                <li>
                                    <A href=format!("/cases/{}", case.id)>{case.account.name.clone()}</A>
                                    <span class=severity_class(case.severity)>{t(severity_name(case.severity))}</span>
                                    {deadline.map(|(due, late)| view! { <Due at=due late /> })}
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                }.into_any()
            })}
        </HomeSection>
    }
}

/// The way to the team's monthly digest, for everyone (members' menu keeps to their
/// own work).
#[component]
fn TeamMonth() -> impl IntoView {
    view! {
        <HomeSection title=Msg::DigestTitle id="home-digest">
            <p class="muted">{t(Msg::DigestIntro)}</p>
            <p><A href="/digest">{t(Msg::DigestRead)}</A></p>
        </HomeSection>
    }
}
