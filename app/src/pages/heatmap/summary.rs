//! The portfolio above the grid (`kaiku_core::heatmap::portfolio`): the accounts shown,
//! their annual revenue, the revenue at risk and the accounts at risk, each of the
//! last two with its change since the end of last month once the revenue-at-risk
//! history (shared with the time mode, kept on the device) has come.

use std::sync::Arc;

use kaiku_core::Lang;
use kaiku_core::heatmap::{self, HeatmapHistory, HeatmapRow, Signal};
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::i18n::{self, Msg, fill, t, use_lang};

#[component]
pub fn PortfolioSummary(rows: Arc<Vec<HeatmapRow>>, shown: Memo<Vec<usize>>) -> impl IntoView {
    let lang = use_lang();
    let history = RwSignal::new(None::<HeatmapHistory>);
    spawn_local(async move {
        // Without it the change is left out; the rest of the summary stands.
        if let Ok(loaded) = super::history_of(Signal::RevenueAtRisk).await {
            history.try_set(Some(loaded));
        }
    });
    let now = Memo::new({
        let rows = rows.clone();
        move |_| shown.with(|shown| heatmap::portfolio(&shown.iter().map(|&i| &rows[i]).collect::<Vec<_>>()))
    });
    let before = Memo::new(move |_| {
        history.with(|history| {
            let history = history.as_ref()?;
            shown.with(|shown| {
                let accounts: Vec<&str> = shown.iter().map(|&i| rows[i].account.as_str()).collect();
                heatmap::revenue_at_risk_last_month(history, &accounts)
            })
        })
    });
    let risk_change = move || {
        before.get().map(|(euros, _)| {
            change(lang.get(), now.get().revenue_at_risk_eur - euros, |d| {
                i18n::euros(lang.get(), d)
            })
        })
    };
    let accounts_change = move || {
        before.get().map(|(_, accounts)| {
            let delta = i64::from(now.get().accounts_at_risk) - i64::from(accounts);
            change(lang.get(), delta, |d| d.to_string())
        })
    };
    view! {
        <section class="hm-summary" aria-labelledby="hm-summary-title" data-testid="portfolio">
            <h2 id="hm-summary-title" class="visually-hidden">{t(Msg::PortfolioTitle)}</h2>
            <dl>
                <div>
                    <dt>{t(Msg::TotalsAccounts)}</dt>
                    <dd data-testid="portfolio-accounts">{move || now.get().accounts}</dd>
                </div>
                <div>
                    <dt>{t(Msg::PortfolioRevenue)}</dt>
                    <dd data-testid="portfolio-revenue">{move || i18n::euros(lang.get(), now.get().revenue_eur)}</dd>
                </div>
                <div>
                    <dt>{t(Msg::SignalRevenueAtRisk)}</dt>
                    <dd data-testid="portfolio-at-risk">{move || i18n::euros(lang.get(), now.get().revenue_at_risk_eur)}</dd>
                    <dd class="muted" data-testid="portfolio-at-risk-change">{risk_change}</dd>
                </div>
                <div>
                    <dt>{t(Msg::PortfolioAccountsAtRisk)}</dt>
                    <dd data-testid="portfolio-accounts-at-risk">{move || now.get().accounts_at_risk}</dd>
                    <dd class="muted" data-testid="portfolio-accounts-at-risk-change">{accounts_change}</dd>
                </div>
            </dl>
        </section>
    }
}

/// "+€4,000 since the end of last month", "no change since the end of last month".
fn change(lang: Lang, delta: i64, amount: impl Fn(i64) -> String) -> String {
    if delta == 0 {
        return Msg::PortfolioNoChange.text(lang).to_string();
    }
    // A real minus sign: the hyphen of a negative amount reads as a dash.
    let signed = if delta > 0 {
        format!("+{}", amount(delta))
    } else {
        format!("\u{2212}{}", amount(-delta))
    };
    fill(lang, Msg::PortfolioChange, &[("d", &signed)])
}
