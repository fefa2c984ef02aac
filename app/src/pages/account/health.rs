//! The account's health: score, risk band, revenue at risk, the gap between the
//! customer's and the team's view, and each factor's share of the score — the why.

use kaiku_core::health::{AccountHealthView, BandProbabilities, FactorScore, Health};
use leptos::prelude::*;

use crate::components::health_summary::band_class;
use crate::i18n::{self, Msg, factor_name, risk_band_name, t, use_lang};

/// The health card, from the account's overview (the page fetches it once).
#[component]
pub fn AccountHealth(health: Memo<Option<AccountHealthView>>) -> impl IntoView {
    view! {
        <section class="card" aria-labelledby="health-heading" data-testid="account-health">
            <h2 id="health-heading">{t(Msg::HealthTitle)}</h2>
            {move || health.get().map(|loaded| match loaded.health {
                None => view! { <p class="empty">{t(Msg::HealthNoEvidence)}</p> }.into_any(),
                Some(health) => view! {
                    <Scored health gap_flagged=loaded.gap_flagged window=loaded.window_days probabilities=loaded.probabilities />
                }
                .into_any(),
            })}
        </section>
    }
}

#[component]
fn Scored(health: Health, gap_flagged: bool, window: u32, probabilities: BandProbabilities) -> impl IntoView {
    let lang = use_lang();
    let Health {
        score,
        band,
        factors,
        gap,
        revenue_at_risk_eur,
    } = health;
    view! {
        <dl class="facts">
            <div>
                <dt>{t(Msg::HealthScore)}</dt>
                <dd data-testid="health-score">{format!("{score:.0} / 100")}</dd>
            </div>
            <div>
                <dt>{t(Msg::HealthBand)}</dt>
                <dd><span class=band_class(band) data-testid="health-band">{t(risk_band_name(band))}</span></dd>
            </div>
            <div>
                <dt>{t(Msg::HealthRevenueAtRisk)}</dt>
                <dd data-testid="health-revenue">{move || i18n::euros(lang.get(), revenue_at_risk_eur)}</dd>
            </div>
        </dl>
        {gap_flagged.then(|| view! {
            <p class="banner banner-info" role="status" data-testid="health-gap">
                {move || i18n::health_gap(lang.get(), gap.unwrap_or_default())}
            </p>
        })}
        <p class="muted">{move || i18n::health_window(lang.get(), window)}</p>
        <p class="muted" data-testid="health-probabilities">
            {move || i18n::revenue_at_risk_basis(lang.get(), &probabilities)}
        </p>
        <table class="data-table">
            <caption class="visually-hidden">{t(Msg::HealthFactorsCaption)}</caption>
            <thead>
                <tr>
                    <th scope="col">{t(Msg::HealthFactor)}</th>
                    <th scope="col">{t(Msg::HealthFactorScore)}</th>
                    <th scope="col">{t(Msg::HealthWeight)}</th>
                    <th scope="col">{t(Msg::HealthContribution)}</th>
                </tr>
            </thead>
            <tbody>{factors.into_iter().map(|factor| view! { <FactorRow factor /> }).collect_view()}</tbody>
        </table>
    }
}

#[component]
fn FactorRow(factor: FactorScore) -> impl IntoView {
    let lang = use_lang();
    let (weight, contribution) = (factor.weight, factor.contribution);
    view! {
        <tr data-testid="health-factor">
            <th scope="row">{t(factor_name(factor.factor))}</th>
            <td>{format!("{:.0}", factor.score)}</td>
            <td>{move || i18n::decimal(lang.get(), weight, 1)}</td>
            <td>{move || i18n::decimal(lang.get(), contribution, 1)}</td>
        </tr>
    }
}
