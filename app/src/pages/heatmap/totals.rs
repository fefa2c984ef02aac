//! Totals per segment of the rows shown (`kaiku_core::heatmap::segment_totals`):
//! accounts, NPS over their answers, revenue at risk and its split by churn cause.

use std::sync::Arc;

use kaiku_core::health::BandProbabilities;
use kaiku_core::heatmap::{self, HeatmapRow, SegmentTotal, Signal};
use leptos::prelude::*;
use leptos_router::components::A;

use crate::i18n::{self, Msg, t, use_lang};

#[component]
pub fn SegmentTotals(
    rows: Arc<Vec<HeatmapRow>>,
    shown: Memo<Vec<usize>>,
    probabilities: BandProbabilities,
) -> impl IntoView {
    let lang = use_lang();
    let totals = Memo::new(move |_| {
        shown.with(|shown| {
            let rows: Vec<&HeatmapRow> = shown.iter().map(|&i| &rows[i]).collect();
            heatmap::segment_totals(&rows)
        })
    });
    view! {
        <section class="card" aria-labelledby="heatmap-totals-title" data-testid="heatmap-totals">
            <h2 id="heatmap-totals-title">{t(Msg::TotalsTitle)}</h2>
            <p class="muted">{t(Msg::TotalsIntro)} " " <A href="/segments">{t(Msg::SegmentsLink)}</A></p>
            <p class="muted" data-testid="heatmap-probabilities">
                {move || i18n::revenue_at_risk_basis(lang.get(), &probabilities)}
            </p>
            <div class="table-scroll">
                <table class="data-table hm-totals">
                    <thead>
                        <tr>
                            <th scope="col">{t(Msg::HeatmapSegment)}</th>
                            <th scope="col" class="numeric">{t(Msg::TotalsAccounts)}</th>
                            <th scope="col" class="numeric">{t(Msg::SignalNps)}</th>
                            <th scope="col" class="numeric">{t(Msg::SignalRevenueAtRisk)}</th>
                            <th scope="col">{t(Msg::TotalsByCause)}</th>
                        </tr>
                    </thead>
                    <tbody>
                        {move || totals.get().into_iter().map(|total| view! { <TotalRow total /> }).collect_view()}
                    </tbody>
                </table>
            </div>
        </section>
    }
}

#[component]
fn TotalRow(total: SegmentTotal) -> impl IntoView {
    let lang = use_lang();
    let SegmentTotal {
        segment,
        accounts,
        nps,
        revenue_at_risk_eur,
        by_cause,
    } = total;
    let all = segment.is_none();
    let causes = by_cause
        .into_iter()
        .map(|(cause, euros)| {
            let name = move || match cause {
                Some(cause) => cause.label(lang.get()),
                None => Msg::TotalsNoCause.text(lang.get()),
            };
            view! { <li>{name} ": " {move || i18n::euros(lang.get(), euros)}</li> }
        })
        .collect_view();
    view! {
        <tr class:hm-total-all=all data-testid="heatmap-total">
            <th scope="row">
                {match segment {
                    Some(segment) => segment.into_any(),
                    None => t(Msg::TotalsAllShown).into_any(),
                }}
            </th>
            <td class="numeric">{accounts}</td>
            <td class="numeric">{move || i18n::signal_value(lang.get(), Signal::Nps, nps)}</td>
            <td class="numeric">{move || i18n::euros(lang.get(), revenue_at_risk_eur)}</td>
            <td>
                <ul class="hm-causes">{causes}</ul>
            </td>
        </tr>
    }
}
