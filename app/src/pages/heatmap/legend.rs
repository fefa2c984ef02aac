//! The legend: what each level's colour and pattern mean.

use leptos::prelude::*;

use crate::i18n::{Msg, level_name, t};

#[component]
pub fn Legend() -> impl IntoView {
    let levels = [("hm-l1", 1), ("hm-l2", 2), ("hm-l3", 3), ("hm-l4", 4), ("hm-l5", 5)]
        .into_iter()
        .map(|(class, level)| {
            view! {
                <li>
                    <span class=format!("hm-swatch {class}") aria-hidden="true">
                        {(level == 5).then_some("▲")}
                    </span>
                    {t(level_name(level))}
                </li>
            }
        })
        .collect_view();
    view! {
        <section class="hm-legend" aria-labelledby="heatmap-legend-title" data-testid="heatmap-legend">
            <h2 id="heatmap-legend-title" class="hm-legend-title">{t(Msg::LegendTitle)}</h2>
            <ul class="hm-legend-levels">
                {levels}
                <li>
                    <span class="hm-swatch hm-none" aria-hidden="true">"—"</span>
                    {t(Msg::LegendNoValue)}
                </li>
            </ul>
            <p class="muted">{t(Msg::LegendNote)}</p>
        </section>
    }
}
