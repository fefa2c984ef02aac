//! Themes and churn causes quarter by quarter: what the customers talk about, and which
//! churn causes their words show against the ones the team names.

use kaiku_core::ChurnCause;
use kaiku_core::analysis::{ThemeDef, theme_name};
use kaiku_core::overview::PeriodLabels;
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::api;
use crate::i18n::{self, Msg, t, use_lang};
use crate::offline::cache::fresh_or_cached_value;

/// The labels in the order of their first appearance, oldest quarter first.
fn columns<T: PartialEq + Clone>(labels: &[PeriodLabels], of: impl Fn(&PeriodLabels) -> Vec<T>) -> Vec<T> {
    let mut seen: Vec<T> = vec![];
    for period in labels {
        for label in of(period) {
            if !seen.contains(&label) {
                seen.push(label);
            }
        }
    }
    seen
}

#[component]
pub fn LabelsOverTime(labels: Memo<Vec<PeriodLabels>>) -> impl IntoView {
    let lang = use_lang();
    // The organisation's own theme names; the built-in ones are known without asking.
    let custom = RwSignal::new(Vec::<ThemeDef>::new());
    spawn_local(async move {
        if let Ok(themes) = fresh_or_cached_value("themes", api::themes()).await {
            custom.set(themes.custom);
        }
    });
    let tables = move || {
        let lang = lang.get();
        let labels = labels.get();
        let themes = columns(&labels, |p| p.themes.iter().map(|t| t.key.clone()).collect());
        let causes: Vec<ChurnCause> = columns(&labels, |p| p.causes.iter().map(|c| c.cause).collect());
        if themes.is_empty() && causes.is_empty() {
            return view! { <p class="empty">{t(Msg::LabelsEmpty)}</p> }.into_any();
        }
        let names = custom.get();
        let theme_table = (!themes.is_empty()).then(|| {
            let head = themes
                .iter()
                .map(|key| view! { <th scope="col">{theme_name(key, &names, lang)}</th> })
                .collect_view();
            let rows = labels
                .iter()
                .map(|period| {
                    let cells = themes
                        .iter()
                        .map(|key| {
                            let count = period.themes.iter().find(|t| &t.key == key).map_or(0, |t| t.count);
                            view! { <td class="count" class:zero={count == 0}>{count}</td> }
                        })
                        .collect_view();
                    view! { <tr><th scope="row">{i18n::quarter(lang, &period.period)}</th>{cells}</tr> }
                })
                .collect_view();
            view! {
                <div class="table-scroll">
                    <table class="data-table labels-table" data-testid="labels-themes">
                        <caption>{Msg::LabelsThemes.text(lang)}</caption>
                        <thead><tr><th scope="col">{Msg::LabelsQuarter.text(lang)}</th>{head}</tr></thead>
                        <tbody>{rows}</tbody>
                    </table>
                </div>
            }
        });
        let cause_table = (!causes.is_empty()).then(|| {
            let head = causes
                .iter()
                .map(|cause| view! { <th scope="col">{cause.label(lang)}</th> })
                .collect_view();
            let rows = labels
                .iter()
                .map(|period| {
                    let cells = causes
                        .iter()
                        .map(|cause| {
                            let (customer, team) = period
                                .causes
                                .iter()
                                .find(|c| c.cause == *cause)
                                .map_or((0, 0), |c| (c.customer, c.team));
                            view! {
                                <td class="count" class:zero={customer + team == 0}>
                                    <span aria-hidden="true">{format!("{customer} / {team}")}</span>
                                    <span class="visually-hidden">{i18n::cause_counts(lang, customer, team)}</span>
                                </td>
                            }
                        })
                        .collect_view();
                    view! { <tr><th scope="row">{i18n::quarter(lang, &period.period)}</th>{cells}</tr> }
                })
                .collect_view();
            view! {
                <div class="table-scroll">
                    <table class="data-table labels-table" data-testid="labels-causes">
                        <caption>{Msg::LabelsCauses.text(lang)}</caption>
                        <thead><tr><th scope="col">{Msg::LabelsQuarter.text(lang)}</th>{head}</tr></thead>
                        <tbody>{rows}</tbody>
                    </table>
                </div>
            }
        });
        view! { {theme_table} {cause_table} }.into_any()
    };
    view! {
        <section class="card" aria-labelledby="labels-heading" data-testid="labels-over-time">
            <h2 id="labels-heading">{t(Msg::LabelsTitle)}</h2>
            {tables}
        </section>
    }
}
