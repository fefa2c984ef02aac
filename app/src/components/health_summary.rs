//! An account's churn risk band and health score in a line of a list (the home page's
//! accounts at risk, the accounts list), as the heatmap has them.

use kaiku_core::health::RiskBand;
use leptos::prelude::*;

use crate::i18n::{self, Msg, t, use_lang};

/// A risk band's tag: the higher, the louder.
pub fn band_class(band: RiskBand) -> &'static str {
    match band {
        RiskBand::Low => "tag tag-good",
        RiskBand::Medium => "tag",
        RiskBand::High | RiskBand::Critical => "tag tag-warning",
    }
}

#[component]
pub fn HealthSummary(health: Option<f64>, band: Option<RiskBand>) -> impl IntoView {
    let lang = use_lang();
    view! {
        {band.map(|band| {
            view! { <span class=band_class(band) data-testid="risk-band">{move || i18n::churn_risk_band(lang.get(), band)}</span> }
        })}
        {health.map(|h| view! {
            <span class="muted" data-testid="health-score">{t(Msg::HealthScore)} " " {format!("{h:.0}/100")}</span>
        })}
    }
}
