//! `/accounts/:id`: one account — what the customer says beside how the team reads it,
//! where the two disagree, how it developed and what to do next (all from one
//! overview), then its contacts, feedback cycle and survey rounds. `?period=2026-05`
//! (from the heatmap) marks one month throughout.

mod action_form;
mod actions;
mod contacts;
mod cycle;
mod health;
mod labels;
mod messages;
mod next_steps;
mod not_a_point;
mod outcomes;
pub mod promises;
mod rounds;
mod timeline;
mod trends;
mod we_did;

use kaiku_core::Stage;
use kaiku_core::account::{AccountView, ContactView};
use kaiku_core::case::CaseSummary;
use kaiku_core::counterfeedback::ActionView;
use kaiku_core::evidence::Month;
use kaiku_core::health::{AccountHealthView, attention_reason};
use kaiku_core::overview::{
    AccountOverview, DevelopmentPoint, ExpectationPoint, MonthPoint, NextStep, PeriodLabels, TimelineEntry,
};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::api::{self, ApiFailure};
use crate::browser;
use crate::components::attention::Attention;
use crate::components::health_summary::band_class;
use crate::components::load::{Load, load, refresh, show};
use crate::components::notice::ErrorBanner;
use crate::i18n::{self, Msg, fill, label, risk_band_name, t, use_lang};
use crate::offline::cache::fresh_or_cached_value;
use crate::offline::sync::use_sync;
use crate::pages::cases::on_account::OpenCaseCard;
use crate::pages::cases::open::OpenCaseButton;
use crate::pages::counter_feedback::team_of;
use crate::state::{Title, page_title, use_app};

#[component]
pub fn AccountPage() -> impl IntoView {
    let params = use_params_map();
    let id = Memo::new(move |_| params.with(|p| p.get("id").unwrap_or_default()));
    let account = RwSignal::new(Load::<AccountView>::Loading);
    // The tab says which account, once it is loaded.
    let name = Signal::derive(move || account.with(|a| a.ready().map(|a| a.name.clone())));
    page_title(Title::Loaded(name, Msg::AccountsTitle));
    Effect::new(move |_| {
        let id = id.get();
        load(account, async move {
            fresh_or_cached_value(&format!("account:{id}"), api::account(&id)).await
        });
    });
    view! {
        {move || show(
            account.get(),
            move || {
                let id = id.get_untracked();
                load(account, async move { fresh_or_cached_value(&format!("account:{id}"), api::account(&id)).await })
            },
            move |loaded| view! { <AccountDetails loaded account /> }.into_any(),
        )}
    }
}

/// The parts of the overview, each its own memo: a section redraws only when its own
/// part changed, so a sync that touched the actions leaves the timeline (and an open
/// form) alone.
#[derive(Clone, Copy)]
pub(crate) struct Overview {
    pub health: Memo<Option<AccountHealthView>>,
    pub months: Memo<Vec<MonthPoint>>,
    pub timeline: Memo<Vec<TimelineEntry>>,
    pub timeline_more: Memo<bool>,
    pub labels: Memo<Vec<PeriodLabels>>,
    pub expectations: Memo<Vec<ExpectationPoint>>,
    pub points: Memo<Vec<DevelopmentPoint>>,
    pub next_steps: Memo<Vec<NextStep>>,
    pub open_case: Memo<Option<CaseSummary>>,
}

impl Overview {
    fn of(overview: RwSignal<Load<AccountOverview>>) -> Overview {
        fn part<T: Clone + PartialEq + Default + Send + Sync + 'static>(
            overview: RwSignal<Load<AccountOverview>>,
            get: fn(&AccountOverview) -> &T,
        ) -> Memo<T> {
            Memo::new(move |_| overview.with(|o| o.ready().map(|o| get(o).clone()).unwrap_or_default()))
        }
        Overview {
            health: Memo::new(move |_| overview.with(|o| o.ready().map(|o| o.health.clone()))),
            months: part(overview, |o| &o.months),
            timeline: part(overview, |o| &o.timeline),
            timeline_more: part(overview, |o| &o.timeline_more),
            labels: part(overview, |o| &o.labels_over_time),
            expectations: part(overview, |o| &o.expectations),
            points: part(overview, |o| &o.development_points),
            next_steps: part(overview, |o| &o.next_steps),
            open_case: part(overview, |o| &o.open_case),
        }
    }
}

/// The month the page marks: `?period=2026-05`, when it names a month.
fn use_period() -> Memo<Option<String>> {
    let query = use_query_map();
    Memo::new(move |_| {
        query
            .with(|q| q.get("period"))
            .and_then(|p| Month::parse(&p))
            .map(Month::label)
    })
}

#[component]
fn AccountDetails(loaded: AccountView, account: RwSignal<Load<AccountView>>) -> impl IntoView {
    let sync = use_sync();
    let id = loaded.id.clone();
    let contacts = RwSignal::new(Load::<Vec<ContactView>>::Loading);
    // Bumped by whatever changes the account on the server from here.
    let changed = RwSignal::new(0u32);
    {
        let id = id.clone();
        load(contacts, async move { api::contacts(&id).await });
    }
    let overview = RwSignal::new(Load::<AccountOverview>::Loading);
    let actions = RwSignal::new(Load::<Vec<ActionView>>::Loading);
    let fetch = {
        let id = id.clone();
        move || {
            let (first, second) = (id.clone(), id.clone());
            refresh(overview, async move {
                fresh_or_cached_value(&format!("overview:{first}"), api::account_overview(&first)).await
            });
            refresh(actions, async move {
                fresh_or_cached_value(&format!("actions:{second}"), api::account_actions(&second)).await
            });
        }
    };
    let refetch = fetch.clone();
    // Once at start, and again whenever changes reached the server or were made here.
    Effect::new(move |_| {
        sync.synced().track();
        changed.track();
        refetch();
    });
    // Loading, ready or failed — not the data, so the sections are built once.
    let state = Memo::new(move |_| {
        overview.with(|o| match o {
            Load::Loading => Load::Loading,
            Load::Ready(_) => Load::Ready(()),
            Load::Failed(failure) => Load::Failed(failure.clone()),
        })
    });
    let parts = Overview::of(overview);
    let period = use_period();
    let people = team_of(&loaded);
    let archived = loaded.archived;
    let sections = {
        let id = id.clone();
        move || {
            let (id, people) = (id.clone(), people.clone());
            show(state.get(), fetch.clone(), move |()| {
                view! {
                    <OpenCaseCard case=parts.open_case />
                    <next_steps::NextSteps account_id=id.clone() people=people.clone() steps=parts.next_steps actions changed />
                    <health::AccountHealth health=parts.health />
                    <trends::Trends months=parts.months period />
                    <trends::Expectations expectations=parts.expectations />
                    {(!archived).then(|| view! { <messages::MessageForm account_id=id.clone() /> })}
                    <timeline::Timeline account_id=id.clone() archived entries=parts.timeline more=parts.timeline_more points=parts.points period />
                    <labels::LabelsOverTime labels=parts.labels />
                    <actions::PointsAndActions account_id=id.clone() people points=parts.points actions changed />
                }
                .into_any()
            })
        }
    };
    view! {
        <Header loaded=loaded.clone() account health=parts.health months=parts.months period />
        {sections}
        <contacts::Contacts account_id=id.clone() contacts />
        <cycle::Cycle
            account_id=id.clone()
            account_name=loaded.name.clone()
            can_edit=loaded.can_manage && !loaded.archived
            archived=loaded.archived
            contacts
            rounds_changed=changed
        />
        <rounds::Rounds account_id=id.clone() stage=loaded.stage archived=loaded.archived contacts rounds_changed=changed />
        <we_did::WeDid account_id=id.clone() />
        <promises::Promises account_id=id.clone() archived=loaded.archived />
        <outcomes::Outcomes account_id=id.clone() />
    }
}

/// Who the customer is and how the account stands: name, health, risk, revenue at
/// risk, stage, segments, lead and team; with a period, that month's figures.
#[component]
fn Header(
    loaded: AccountView,
    account: RwSignal<Load<AccountView>>,
    health: Memo<Option<AccountHealthView>>,
    months: Memo<Vec<MonthPoint>>,
    period: Memo<Option<String>>,
) -> impl IntoView {
    let lang = use_lang();
    let value = loaded.annual_value_eur;
    let start = loaded.start_date;
    let end = loaded.end_date;
    let team: Vec<String> = loaded.team.iter().map(|p| p.name.clone()).collect();
    let scored = move || health.with(|h| h.as_ref().map(|h| h.health.clone()));
    let figure = move |show: fn(&kaiku_core::health::Health, kaiku_core::Lang) -> AnyView| {
        move || match scored() {
            // Still loading.
            None => "…".into_any(),
            Some(None) => view! { <span class="muted">{t(Msg::AccountNotScored)}</span> }.into_any(),
            Some(Some(health)) => show(&health, lang.get()),
        }
    };
    let href = format!("/accounts/{}", loaded.id);
    view! {
        <section class="card account-header" aria-labelledby="account-name" data-testid="account-header">
            <div class="page-head">
                <h1 class="page-title" id="account-name">{loaded.name.clone()}</h1>
                {loaded.archived.then(|| view! { <span class="tag tag-muted">{t(Msg::Archived)}</span> })}
            </div>
            {move || {
                scored()
                    .flatten()
                    .and_then(|h| attention_reason(&h))
                    .map(|reason| view! { <Attention reason /> })
            }}
            <dl class="header-figures">
                <div>
                    <dt>{t(Msg::HealthScore)}</dt>
                    <dd data-testid="header-score">{figure(|h, _| format!("{:.0} / 100", h.score).into_any())}</dd>
                </div>
                <div>
                    <dt>{t(Msg::HealthBand)}</dt>
                    <dd data-testid="header-band">
                        {figure(|h, lang| view! {
                            <span class=band_class(h.band)>{risk_band_name(h.band).text(lang)}</span>
                        }.into_any())}
                    </dd>
                </div>
                <div>
                    <dt>{t(Msg::HealthRevenueAtRisk)}</dt>
                    <dd data-testid="header-revenue">{figure(|h, lang| i18n::euros(lang, h.revenue_at_risk_eur).into_any())}</dd>
                </div>
            </dl>
            <dl class="facts">
                <div>
                    <dt>{t(Msg::FieldStage)}</dt>
                    <dd>{label(loaded.stage, Stage::label)}</dd>
                </div>
                <div>
                    <dt>{t(Msg::FieldSegments)}</dt>
                    <dd>{if loaded.segments.is_empty() { "—".to_string() } else { loaded.segments.join(", ") }}</dd>
                </div>
                <div>
                    <dt>{t(Msg::FieldLead)}</dt>
                    <dd>{loaded.lead.as_ref().map_or_else(|| "—".to_string(), |l| l.name.clone())}</dd>
                </div>
                <div>
                    <dt>{t(Msg::FieldTeam)}</dt>
                    <dd>{if team.is_empty() { "—".to_string() } else { team.join(", ") }}</dd>
                </div>
                <div>
                    <dt>{t(Msg::FieldAnnualValue)}</dt>
                    <dd>{move || i18n::euros(lang.get(), value)}</dd>
                </div>
                <div>
                    <dt>{t(Msg::AccountPeriod)}</dt>
                    <dd>
                        {move || i18n::day(lang.get(), start)} " – "
                        {move || end.map(|e| i18n::day(lang.get(), e)).unwrap_or_default()}
                    </dd>
                </div>
            </dl>
            {move || period.get().and_then(|label| Month::parse(&label)).map(|month| {
                let href = href.clone();
                let summary = move || {
                    months.with(|m| {
                        let point = m.iter().find(|p| p.month == month.label());
                        i18n::period_summary(lang.get(), month, point)
                    })
                };
                view! {
                    <p class="banner banner-info period-summary" role="status" data-testid="period-summary">
                        <span>{summary}</span>
                        " "
                        <A href={href} {..} data-testid="period-show-all">{t(Msg::PeriodShowAll)}</A>
                    </p>
                }
            })}
            {loaded.deletion.map(|on| view! {
                <p class="banner banner-error" role="status" data-testid="account-deletion-pending">
                    {move || fill(lang.get(), Msg::AccountDeletionPending, &[("d", &i18n::date(lang.get(), &on))])}
                </p>
            })}
            {(!loaded.notes.is_empty()).then(|| view! { <p class="notes">{loaded.notes.clone()}</p> })}
            {loaded.can_manage.then(|| view! { <ManageAccount loaded=loaded.clone() account /> })}
            {(!loaded.archived).then(|| view! { <OpenCaseButton account_id=loaded.id.clone() /> })}
        </section>
    }
}

/// Edit and archive/restore, for those who may manage the account.
#[component]
fn ManageAccount(loaded: AccountView, account: RwSignal<Load<AccountView>>) -> impl IntoView {
    let lang = use_lang();
    let failure = RwSignal::new(None::<ApiFailure>);
    let busy = RwSignal::new(false);
    let archived = loaded.archived;
    let id = loaded.id.clone();
    let name = loaded.name.clone();
    let toggle = move |_| {
        if !archived && !browser::confirm(&i18n::confirm_archive(lang.get_untracked(), &name)) {
            return;
        }
        let id = id.clone();
        busy.set(true);
        spawn_local(async move {
            match api::set_account_archived(&id, !archived).await {
                Ok(updated) => account.set(Load::Ready(updated)),
                Err(f) => failure.set(Some(f)),
            }
            busy.set(false);
        });
    };
    view! {
        <ErrorBanner failure=failure />
        <div class="form-actions">
            <A href=format!("/accounts/{}/edit", loaded.id) {..} class="button">
                {t(Msg::AccountEdit)}
            </A>
            <button type="button" class="button" class:button-danger=!archived disabled=move || busy.get() on:click=toggle>
                {t(if archived { Msg::Restore } else { Msg::Archive })}
            </button>
            {(archived && use_app().is_admin()).then(|| view! { <AccountDeletion loaded=loaded.clone() account failure /> })}
        </div>
    }
}

/// Deleting an archived account after the grace period (admins), and taking it back.
#[component]
fn AccountDeletion(
    loaded: AccountView,
    account: RwSignal<Load<AccountView>>,
    failure: RwSignal<Option<ApiFailure>>,
) -> impl IntoView {
    let lang = use_lang();
    let busy = RwSignal::new(false);
    let pending = loaded.deletion.is_some();
    let act = move |_| {
        let question = fill(
            lang.get_untracked(),
            Msg::AccountDeletionConfirm,
            &[("n", &loaded.name)],
        );
        if !pending && !browser::confirm(&question) {
            return;
        }
        let id = loaded.id.clone();
        busy.set(true);
        spawn_local(async move {
            let result = if pending {
                api::cancel_account_deletion(&id).await
            } else {
                api::ask_account_deletion(&id).await
            };
            match result {
                Ok(updated) => account.set(Load::Ready(updated)),
                Err(f) => failure.set(Some(f)),
            }
            busy.set(false);
        });
    };
    view! {
        <button type="button" class="button" class:button-danger=!pending disabled=move || busy.get() on:click=act
            data-testid="account-deletion">
            {t(if pending { Msg::OrganisationDeletionTakeBack } else { Msg::AccountDeletionAsk })}
        </button>
    }
}
