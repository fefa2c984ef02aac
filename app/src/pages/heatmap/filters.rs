//! The heatmap's filters: name, segment, stage, account lead, open case and risk band, as a
//! `kaiku_core::heatmap::Filter`.

use std::sync::Arc;

use kaiku_core::Stage;
use kaiku_core::health::RiskBand;
use kaiku_core::heatmap::{Filter, HeatmapRow, OpenCaseFilter};
use leptos::prelude::*;

use super::address::{open_case_code, open_case_filter};
use crate::i18n::{Msg, label, risk_band_name, t};

#[component]
pub fn Filters(rows: Arc<Vec<HeatmapRow>>, filter: RwSignal<Filter>) -> impl IntoView {
    let mut segments: Vec<String> = rows.iter().flat_map(|r| r.segments.iter().cloned()).collect();
    segments.sort_by_key(|s| s.to_lowercase());
    segments.dedup();
    let mut leads: Vec<(String, String)> = rows
        .iter()
        .filter_map(|r| r.lead.as_ref().map(|l| (l.id.clone(), l.name.clone())))
        .collect();
    leads.sort_by(|a, b| a.1.to_lowercase().cmp(&b.1.to_lowercase()).then(a.0.cmp(&b.0)));
    leads.dedup();
    let chosen = |value: String| (!value.is_empty()).then_some(value);
    let set = move |apply: fn(&mut Filter, String)| move |ev| filter.update(|f| apply(f, event_target_value(&ev)));

    view! {
        <div class="filters hm-filters">
            <div class="field">
                <label for="heatmap-search">{t(Msg::AccountsSearch)}</label>
                <input id="heatmap-search" type="search" data-testid="heatmap-search"
                    prop:value=move || filter.with(|f| f.search.clone()) on:input=set(|f, v| f.search = v) />
            </div>
            <div class="field">
                <label for="heatmap-segment">{t(Msg::HeatmapSegment)}</label>
                <select
                    id="heatmap-segment"
                    data-testid="heatmap-filter-segment"
                    on:change=move |ev| filter.update(|f| f.segment = chosen(event_target_value(&ev)))
                >
                    <option value="">{t(Msg::FilterAny)}</option>
                    {segments
                        .into_iter()
                        .map(|s| {
                            let chosen = s.clone();
                            view! { <option value=s.clone() selected=move || filter.with(|f| f.segment.as_ref() == Some(&chosen))>{s.clone()}</option> }
                        })
                        .collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="heatmap-stage">{t(Msg::FieldStage)}</label>
                <select
                    id="heatmap-stage"
                    data-testid="heatmap-filter-stage"
                    on:change=set(|f, v| f.stage = Stage::from_code(&v))
                >
                    <option value="">{t(Msg::FilterAny)}</option>
                    {Stage::ALL
                        .into_iter()
                        .map(|s| view! { <option value=s.code() selected=move || filter.with(|f| f.stage == Some(s))>{label(s, Stage::label)}</option> })
                        .collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="heatmap-lead">{t(Msg::FieldLead)}</label>
                <select
                    id="heatmap-lead"
                    data-testid="heatmap-filter-lead"
                    on:change=move |ev| filter.update(|f| f.lead = chosen(event_target_value(&ev)))
                >
                    <option value="">{t(Msg::FilterAny)}</option>
                    {leads
                        .into_iter()
                        .map(|(id, name)| {
                            let chosen = id.clone();
                            view! { <option value=id selected=move || filter.with(|f| f.lead.as_ref() == Some(&chosen))>{name}</option> }
                        })
                        .collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="heatmap-open-case">{t(Msg::HeatmapOpenCase)}</label>
                <select
                    id="heatmap-open-case"
                    data-testid="heatmap-filter-open-case"
                    on:change=set(|f, v| f.open_case = open_case_filter(&v))
                >
                    <option value="">{t(Msg::FilterAny)}</option>
                    {[
                        (OpenCaseFilter::Open, Msg::HeatmapWithOpenCase),
                        (OpenCaseFilter::Overdue, Msg::HeatmapOverdueCase),
                        (OpenCaseFilter::None, Msg::HeatmapNoOpenCase),
                    ]
                        .into_iter()
                        .map(|(case, label)| view! {
                            <option value=open_case_code(case) selected=move || filter.with(|f| f.open_case == Some(case))>{t(label)}</option>
                        })
                        .collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="heatmap-band">{t(Msg::HealthBand)}</label>
                <select
                    id="heatmap-band"
                    data-testid="heatmap-filter-band"
                    on:change=set(|f, v| f.band = RiskBand::from_code(&v))
                >
                    <option value="">{t(Msg::FilterAny)}</option>
                    {RiskBand::ALL
                        .into_iter()
                        .map(|b| view! { <option value=b.code() selected=move || filter.with(|f| f.band == Some(b))>{t(risk_band_name(b))}</option> })
                        .collect_view()}
                </select>
            </div>
        </div>
    }
}
