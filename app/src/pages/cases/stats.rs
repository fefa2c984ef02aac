//! The leadership panel on the cases page (leaders and admins): time to acknowledge,
//! to first contact and to close (median and 90th percentile), the share of cases kept
//! within the service levels and the recovery rate — overall and per owner, this
//! quarter against the last.

use kaiku_core::Lang;
use kaiku_core::case_stats::{CaseStats, CaseStatsRow, DurationStats, QuarterCaseStats, ShareStats};
use leptos::prelude::*;

use crate::api;
use crate::components::load::{Load, load, show};
use crate::i18n::fill;
use crate::i18n::{self, Msg, t, use_lang};

/// Past this many hours a duration reads better in days.
const HOURS_SHOWN_UP_TO: f64 = 48.0;

/// "5 h", "3.5 d" ("3,5 pv"); "—" when nothing got that far.
pub fn duration_text(lang: Lang, hours: Option<f64>) -> String {
    match hours {
        None => "—".to_string(),
        Some(h) if h < HOURS_SHOWN_UP_TO => fill(lang, Msg::StatsHours, &[("n", &i18n::decimal(lang, h, 0))]),
        Some(h) => fill(lang, Msg::StatsDays, &[("n", &i18n::decimal(lang, h / 24.0, 1))]),
    }
}

/// "75 % (3/4)"; "—" without a sample.
pub fn share_text(lang: Lang, share: &ShareStats) -> String {
    match share.share {
        None => "—".to_string(),
        Some(s) => format!("{} % ({}/{})", i18n::decimal(lang, s * 100.0, 0), share.hits, share.of),
    }
}

fn median_and_p90(lang: Lang, stats: &DurationStats) -> String {
    format!(
        "{} / {}",
        duration_text(lang, stats.median_hours),
        duration_text(lang, stats.p90_hours)
    )
}

#[component]
pub fn LeadershipPanel() -> impl IntoView {
    let stats = RwSignal::new(Load::<CaseStats>::Loading);
    let fetch = move || load(stats, api::case_stats(None));
    fetch();
    view! {
        <details class="card leadership-panel" data-testid="case-stats">
            <summary>
                <h2>{t(Msg::StatsTitle)}</h2>
            </summary>
            <p class="muted">{t(Msg::StatsIntro)}</p>
            {move || show(stats.get(), fetch, |stats| view! {
                <QuarterTable quarter=stats.current />
                <QuarterTable quarter=stats.previous />
            }.into_any())}
        </details>
    }
}

#[component]
fn QuarterTable(quarter: QuarterCaseStats) -> impl IntoView {
    let lang = use_lang();
    let label = quarter.quarter.clone();
    let rows: Vec<CaseStatsRow> = std::iter::once(quarter.overall).chain(quarter.by_owner).collect();
    view! {
        <table class="data-table">
            <caption>{move || i18n::quarter(lang.get(), &label)}</caption>
            <thead>
                <tr>
                    <th scope="col">{t(Msg::CasesOwner)}</th>
                    <th scope="col">{t(Msg::StatsCases)}</th>
                    <th scope="col">{t(Msg::StatsAcknowledge)}</th>
                    <th scope="col">{t(Msg::StatsFirstContact)}</th>
                    <th scope="col">{t(Msg::StatsClose)}</th>
                    <th scope="col">{t(Msg::StatsWithinLevels)}</th>
                    <th scope="col">{t(Msg::StatsRecovery)}</th>
                </tr>
            </thead>
            <tbody>
                {rows
                    .into_iter()
                    .map(|row| {
                        let overall = row.owner.is_none();
                        let name = row.owner.map(|o| o.name);
                        view! {
                            <tr class:stats-overall=overall>
                                <th scope="row">{move || name.clone().unwrap_or_else(|| Msg::StatsOverall.text(lang.get()).to_string())}</th>
                                <td>{row.cases}</td>
                                <td>{move || median_and_p90(lang.get(), &row.acknowledge)}</td>
                                <td>{move || median_and_p90(lang.get(), &row.first_contact)}</td>
                                <td>{move || median_and_p90(lang.get(), &row.close)}</td>
                                <td>{move || share_text(lang.get(), &row.within_service_level)}</td>
                                <td>{move || share_text(lang.get(), &row.recovery)}</td>
                            </tr>
                        }
                    })
                    .collect_view()}
            </tbody>
        </table>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_durations_read_in_hours_long_ones_in_days() {
        assert_eq!(duration_text(Lang::En, None), "—");
        assert_eq!(duration_text(Lang::En, Some(5.2)), "5 h");
        assert_eq!(duration_text(Lang::En, Some(47.0)), "47 h");
        assert_eq!(duration_text(Lang::En, Some(84.0)), "3.5 d");
        assert_eq!(duration_text(Lang::Fi, Some(84.0)), "3,5 pv");
    }

    #[test]
    fn a_share_shows_its_sample() {
        let share = ShareStats {
            hits: 3,
            of: 4,
            share: Some(0.75),
        };
        assert_eq!(share_text(Lang::En, &share), "75 % (3/4)");
        let none = ShareStats {
            hits: 0,
            of: 0,
            share: None,
        };
        assert_eq!(share_text(Lang::Fi, &none), "—");
    }
}
