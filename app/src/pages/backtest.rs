//! `/backtest` (admins and leaders): how well Kaiku's warnings and the team's calls
//! predicted the outcomes of a period — AUC with its interval, the worst fifth, Brier,
//! calibration per band — the probabilities revenue at risk uses, suggested weights
//! (admins apply them) and leadership's figures per quarter with the churned accounts
//! flagged in time and those missed.

use kaiku_core::backtest::{
    ApplyWeightsRequest, BacktestView, ChurnCall, HORIZONS_DAYS, HorizonResult, ProbabilitySource, QuarterFigures,
    Warning, WarningResult,
};
use kaiku_core::health::{Factor, RiskBand};
use leptos::prelude::*;
use leptos_router::components::A;

use crate::api;
use crate::components::chart::{BarPair, PairedBarChart, Scale};
use crate::components::load::{Load, load, show};
use crate::i18n::{self, Msg, t, use_lang};
use crate::pages::outcome_import::OutcomeImport;
use crate::state::{page_title, use_app};

#[component]
pub fn BacktestPage() -> impl IntoView {
    page_title(Msg::BacktestTitle);
    let from = RwSignal::new(String::new());
    let to = RwSignal::new(String::new());
    let backtest = RwSignal::new(Load::<BacktestView>::Loading);
    let fetch = move || {
        load(backtest, async move {
            api::backtest(&from.get_untracked(), &to.get_untracked()).await
        })
    };
    fetch();
    view! {
        <h1 class="page-title">{t(Msg::BacktestTitle)}</h1>
        <p class="muted">{t(Msg::BacktestIntro)}</p>
        <form
            class="card filters"
            on:submit=move |ev| {
                ev.prevent_default();
                fetch();
            }
        >
            <label>
                {t(Msg::BacktestFrom)}
                <input type="date" prop:value=move || from.get() on:change=move |ev| from.set(event_target_value(&ev)) />
            </label>
            <label>
                {t(Msg::BacktestTo)}
                <input type="date" prop:value=move || to.get() on:change=move |ev| to.set(event_target_value(&ev)) />
            </label>
            <button type="submit" class="button">{t(Msg::BacktestShow)}</button>
        </form>
        {move || show(backtest.get(), fetch, move |view| view! { <Figures view backtest /> }.into_any())}
        <OutcomeImport imported=Callback::new(move |_| fetch()) />
    }
}

#[component]
fn Figures(view: BacktestView, backtest: RwSignal<Load<BacktestView>>) -> impl IntoView {
    let lang = use_lang();
    let outcomes = view.outcomes;
    let reliable = view.reliable;
    let probabilities = view.probabilities.clone();
    let own = probabilities.source == ProbabilitySource::OwnOutcomes;
    let calibrated_from = probabilities.outcomes;
    let (in_use, defaults) = (view.revenue_at_risk_eur, view.revenue_at_risk_default_eur);
    let (horizons, quarters, demo) = (view.horizons.clone(), view.quarters.clone(), view.demo);
    view! {
        {demo.then(|| view! { <p class="notice" data-testid="backtest-demo">{t(Msg::BacktestDemo)}</p> })}
        {(outcomes == 0).then(|| view! { <p class="card empty" data-testid="backtest-empty">{t(Msg::BacktestEmpty)}</p> })}
        {(!reliable && outcomes > 0)
            .then(|| {
                view! {
                    <p class="notice notice-warning" role="note" data-testid="backtest-unreliable">
                        {move || i18n::backtest_unreliable(lang.get(), outcomes)}
                    </p>
                }
            })}
        {horizons.into_iter().map(|horizon| view! { <Horizon horizon /> }).collect_view()}
        <section class="card" data-testid="backtest-probabilities">
            <h2>{t(Msg::BacktestProbabilities)}</h2>
            <p>{move || i18n::probabilities_in_use(lang.get(), own, calibrated_from)}</p>
            <ul class="list">
                {RiskBand::ALL
                    .into_iter()
                    .map(|band| {
                        let p = probabilities.of(band);
                        view! {
                            <li>
                                {t(i18n::risk_band_name(band))}
                                ": "
                                {move || i18n::share_percent(lang.get(), Some(p))}
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
            <p>{move || i18n::revenue_at_risk_compared(lang.get(), in_use, defaults)}</p>
        </section>
        <Weights view backtest />
        <section class="card" data-testid="backtest-quarters">
            <h2>{t(Msg::BacktestQuarters)}</h2>
            {quarters.into_iter().rev().map(|quarter| view! { <Quarter quarter /> }).collect_view()}
        </section>
    }
}

fn warning_name(warning: Warning) -> Msg {
    match warning {
        Warning::Health => Msg::WarningHealth,
        Warning::TeamRisk => Msg::WarningTeamRisk,
        Warning::GapFlag => Msg::WarningGapFlag,
    }
}

/// Two decimals with the language's decimal mark; `—` for none.
fn decimal(lang: kaiku_core::Lang, value: Option<f64>) -> String {
    value.map_or_else(|| "—".to_string(), |v| i18n::decimal(lang, v, 2))
}

fn auc_text(lang: kaiku_core::Lang, result: &WarningResult) -> String {
    match (result.auc, result.auc_low, result.auc_high) {
        (Some(auc), Some(low), Some(high)) => format!(
            "{} ({}–{})",
            i18n::decimal(lang, auc, 2),
            i18n::decimal(lang, low, 2),
            i18n::decimal(lang, high, 2)
        ),
        (auc, _, _) => decimal(lang, auc),
    }
}

#[component]
fn WarningRow(result: WarningResult) -> impl IntoView {
    let lang = use_lang();
    let (capture, lift, brier) = (result.capture_rate, result.lift, result.brier);
    view! {
        <tr data-testid="backtest-warning">
            <th scope="row">{t(warning_name(result.warning))}</th>
            <td>{result.accounts}</td>
            <td>{result.churned}</td>
            <td>{move || auc_text(lang.get(), &result)}</td>
            <td>{move || decimal(lang.get(), lift)}</td>
            <td>{move || i18n::share_percent(lang.get(), capture)}</td>
            <td>{move || decimal(lang.get(), brier)}</td>
        </tr>
    }
}

#[component]
fn Horizon(horizon: HorizonResult) -> impl IntoView {
    let lang = use_lang();
    let days = horizon.days;
    let chart_id: &'static str = if days == 90 { "calibration-90" } else { "calibration-60" };
    let warnings = horizon.warnings;
    let calibration = horizon.calibration;
    let pairs = move |lang: kaiku_core::Lang| {
        calibration
            .iter()
            .map(|band| BarPair {
                label: t(i18n::risk_band_name(band.band))().to_string(),
                first: Some(band.predicted * 100.0),
                first_text: i18n::share_percent(lang, Some(band.predicted)),
                second: band.observed.map(|o| o * 100.0),
                second_text: i18n::share_percent(lang, band.observed),
                difference: format!("{} ({})", band.accounts, band.churned),
            })
            .collect::<Vec<_>>()
    };
    view! {
        <section class="card" data-testid="backtest-horizon">
            <h2>{move || i18n::backtest_days_before(lang.get(), days)}</h2>
            <div class="table-scroll">
                <table class="data-table">
                    <thead>
                        <tr>
                            <th scope="col">{t(Msg::BacktestWarning)}</th>
                            <th scope="col">{t(Msg::BacktestAccounts)}</th>
                            <th scope="col">{t(Msg::BacktestChurned)}</th>
                            <th scope="col">{t(Msg::BacktestAuc)}</th>
                            <th scope="col">{t(Msg::BacktestLift)}</th>
                            <th scope="col">{t(Msg::BacktestCapture)}</th>
                            <th scope="col">{t(Msg::BacktestBrier)}</th>
                        </tr>
                    </thead>
                    <tbody>{warnings.into_iter().map(|result| view! { <WarningRow result /> }).collect_view()}</tbody>
                </table>
            </div>
            {move || {
                let lang = lang.get();
                view! {
                    <PairedBarChart
                        id=chart_id
                        title=t(Msg::BacktestCalibration)().to_string()
                        desc=i18n::backtest_days_before(lang, days)
                        label_heading=t(Msg::BacktestBand)().to_string()
                        first_name=t(Msg::BacktestPredicted)().to_string()
                        second_name=t(Msg::BacktestObserved)().to_string()
                        difference_heading=t(Msg::BacktestDifference)().to_string()
                        pairs=pairs(lang)
                        scale=Scale {
                            min: 0.0,
                            max: 100.0,
                            ticks: vec![(0.0, "0".into()), (50.0, "50".into()), (100.0, "100".into())],
                        }
                    />
                }
            }}
        </section>
    }
}

#[component]
fn Weights(view: BacktestView, backtest: RwSignal<Load<BacktestView>>) -> impl IntoView {
    let lang = use_lang();
    let is_admin = use_app().is_admin();
    let (from, to) = (view.from, view.to);
    let current = view.current.clone();
    let proposed = view.proposed.clone();
    let apply = proposed.clone().map(|proposed| {
        move |_: leptos::ev::MouseEvent| {
            let request = ApplyWeightsRequest {
                from,
                to,
                weights: proposed.weights.clone(),
            };
            load(backtest, async move { api::apply_weights(&request).await });
        }
    });
    view! {
        <section class="card" data-testid="backtest-weights">
            <h2>{t(Msg::BacktestWeights)}</h2>
            {match proposed.clone() {
                None => view! { <p class="muted">{t(Msg::BacktestNoProposal)}</p> }.into_any(),
                Some(proposed) => {
                    view! {
                        <div class="table-scroll">
                            <table class="data-table">
                                <thead>
                                    <tr>
                                        <th scope="col">{t(Msg::BacktestFactor)}</th>
                                        <th scope="col">{t(Msg::BacktestCurrent)}</th>
                                        <th scope="col">{t(Msg::BacktestProposed)}</th>
                                    </tr>
                                </thead>
                                <tbody>
                                    {Factor::ALL
                                        .into_iter()
                                        .map(|factor| {
                                            let (now, next) = (current.weights.of(factor), proposed.weights.of(factor));
                                            view! {
                                                <tr>
                                                    <th scope="row">{t(i18n::factor_name(factor))}</th>
                                                    <td>{move || i18n::decimal(lang.get(), now, 1)}</td>
                                                    <td>{move || i18n::decimal(lang.get(), next, 1)}</td>
                                                </tr>
                                            }
                                        })
                                        .collect_view()}
                                    {HORIZONS_DAYS
                                        .into_iter()
                                        .zip(current.by_horizon.clone().into_iter().zip(proposed.by_horizon))
                                        .map(|(days, (now, then))| {
                                            view! {
                                                <tr data-testid="weights-auc">
                                                    <th scope="row">
                                                        {t(Msg::BacktestAuc)}
                                                        ", "
                                                        {move || i18n::backtest_days_before(lang.get(), days)}
                                                    </th>
                                                    <td>{move || auc_text(lang.get(), &now)}</td>
                                                    <td>{move || auc_text(lang.get(), &then)}</td>
                                                </tr>
                                            }
                                        })
                                        .collect_view()}
                                </tbody>
                            </table>
                        </div>
                    }
                        .into_any()
                }
            }}
            {apply
                .filter(|_| is_admin)
                .map(|apply| {
                    view! {
                        <button type="button" class="button" on:click=apply data-testid="apply-weights">
                            {t(Msg::BacktestApply)}
                        </button>
                    }
                })}
            <ul class="list">
                {view
                    .applied
                    .into_iter()
                    .map(|applied| {
                        view! {
                            <li>{move || i18n::weights_applied(lang.get(), &applied.by.name, &applied.at, applied.outcomes)}</li>
                        }
                    })
                    .collect_view()}
            </ul>
        </section>
    }
}

#[component]
fn Quarter(quarter: QuarterFigures) -> impl IntoView {
    let lang = use_lang();
    let figures = [
        (Msg::BacktestLogoChurn, quarter.logo_churn),
        (Msg::BacktestGrossRetention, quarter.gross_retention),
        (Msg::BacktestNetRetention, quarter.net_retention),
    ];
    let losses = quarter.lost_by_cause.clone();
    view! {
        <article class="quarter" data-testid="backtest-quarter">
            <h3>{quarter.quarter.clone()}</h3>
            <dl class="facts">
                <dt>{t(Msg::BacktestAccounts)}</dt>
                <dd>{quarter.accounts}</dd>
                <dt>{t(Msg::BacktestChurned)}</dt>
                <dd>{quarter.churned}</dd>
                {figures
                    .into_iter()
                    .map(|(label, share)| {
                        view! {
                            <dt>{t(label)}</dt>
                            <dd>{move || i18n::share_percent(lang.get(), share)}</dd>
                        }
                    })
                    .collect_view()}
            </dl>
            <h4>{t(Msg::BacktestLostByCause)}</h4>
            <ul class="list">
                {losses
                    .into_iter()
                    .map(|loss| {
                        let (cause, lost) = (loss.cause, loss.revenue_lost_eur);
                        view! {
                            <li>
                                {move || match cause {
                                    Some(cause) => cause.label(lang.get()).to_string(),
                                    None => t(Msg::TotalsNoCause)().to_string(),
                                }}
                                ": "
                                {move || i18n::euros(lang.get(), lost)}
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
            <Calls title=Msg::BacktestFlagged calls=quarter.flagged testid="backtest-flagged" />
            <Calls title=Msg::BacktestMissed calls=quarter.missed testid="backtest-missed" />
        </article>
    }
}

#[component]
fn Calls(title: Msg, calls: Vec<ChurnCall>, testid: &'static str) -> impl IntoView {
    let lang = use_lang();
    view! {
        <h4>{t(title)}</h4>
        <ul class="list" data-testid=testid>
            {calls.is_empty().then(|| view! { <li class="muted">{t(Msg::BacktestNone)}</li> })}
            {calls
                .into_iter()
                .map(|call| {
                    let reasons = call.reasons.clone();
                    view! {
                        <li>
                            <A href=format!("/accounts/{}", call.account)>{call.name.clone()}</A>
                            " · "
                            {call.date.to_string()}
                            " · "
                            {move || i18n::euros(lang.get(), call.revenue_lost_eur)}
                            " · "
                            {move || {
                                reasons.iter().map(|r| r.label(lang.get())).collect::<Vec<_>>().join(", ")
                            }}
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
}
