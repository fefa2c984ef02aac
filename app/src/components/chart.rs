//! Charts drawn as SVG: a line over months (NPS, health), or two to compare (the
//! customer's view and the team's), and paired bars (expected
//! against fulfilled per aspect). Each is an image with a title and a description for
//! screen readers, a `<title>` on every point or bar with its value, words rather than
//! colour alone to tell the series apart, and its numbers as a table below. Months
//! without a value break the line; nothing is drawn for them.
//!
//! No inline styles (the CSP forbids them): the look is in `style/account.css`, the
//! geometry in SVG attributes.

use leptos::prelude::*;

use crate::i18n::{Msg, t};

/// The drawing's own units; the SVG scales to the width of its card.
const WIDTH: f64 = 720.0;
const HEIGHT: f64 = 260.0;
const LEFT: f64 = 52.0;
const RIGHT: f64 = 20.0;
const TOP: f64 = 28.0;
const BOTTOM: f64 = 40.0;
const PLOT_WIDTH: f64 = WIDTH - LEFT - RIGHT;
const PLOT_HEIGHT: f64 = HEIGHT - TOP - BOTTOM;
const VIEW_BOX: &str = "0 0 720 260";

/// The value axis: its range and the values marked on it, with their labels.
#[derive(Debug, Clone, PartialEq)]
pub struct Scale {
    pub min: f64,
    pub max: f64,
    pub ticks: Vec<(f64, String)>,
}

impl Scale {
    fn y(&self, value: f64) -> f64 {
        let span = (self.max - self.min).max(f64::EPSILON);
        TOP + (self.max - value.clamp(self.min, self.max)) / span * PLOT_HEIGHT
    }
}

/// One month of a line chart.
#[derive(Debug, Clone, PartialEq)]
pub struct LinePoint {
    /// `2026-05`: compared with the period the page marks.
    pub key: String,
    /// The month in words for the table and the point's title: "May 2026".
    pub label: String,
    /// Written under the axis; empty for the months left unlabelled.
    pub axis: String,
    pub value: Option<f64>,
    /// The value as the table writes it, e.g. "+20".
    pub text: String,
    /// How many answers the value rests on, written beside its point; `None` for a
    /// value that is not a count of answers.
    pub count: Option<u32>,
}

fn x_at(index: usize, count: usize) -> f64 {
    if count <= 1 {
        LEFT + PLOT_WIDTH / 2.0
    } else {
        LEFT + index as f64 * PLOT_WIDTH / (count - 1) as f64
    }
}

/// Consecutive months with a value, as `x,y` pairs: a month without one ends a run.
fn runs(points: &[LinePoint], scale: &Scale) -> Vec<Vec<(f64, f64)>> {
    let mut runs: Vec<Vec<(f64, f64)>> = vec![];
    let mut current: Vec<(f64, f64)> = vec![];
    for (i, point) in points.iter().enumerate() {
        match point.value {
            Some(value) => current.push((x_at(i, points.len()), scale.y(value))),
            None if !current.is_empty() => runs.push(std::mem::take(&mut current)),
            None => {}
        }
    }
    if !current.is_empty() {
        runs.push(current);
    }
    runs
}

fn coordinates(run: &[(f64, f64)]) -> String {
    run.iter()
        .map(|(x, y)| format!("{x:.1},{y:.1}"))
        .collect::<Vec<_>>()
        .join(" ")
}

/// An SVG `<title>`. Built directly: `view!` cannot tell an SVG `<title>` from an HTML
/// one when it has siblings, and an HTML one names nothing inside a drawing.
fn svg_title(id: Option<String>, text: String) -> impl IntoView {
    leptos::tachys::svg::title().id(id).child(text)
}

/// The horizontal grid with the value labels at the left.
fn grid(scale: &Scale) -> impl IntoView + use<> {
    scale
        .ticks
        .iter()
        .map(|(value, label)| {
            let y = scale.y(*value);
            view! {
                <g class="chart-tick">
                    <line class="chart-gridline" x1=LEFT x2={WIDTH - RIGHT} y1=y y2=y />
                    <text class="chart-tick-label" x={LEFT - 8.0} y={y + 4.0} text-anchor="end">{label.clone()}</text>
                </g>
            }
        })
        .collect_view()
}

/// A second line over the same months as the first: dashed, with square points, and
/// named in a key above the drawing and in its own column of the table.
#[derive(Debug, Clone, PartialEq)]
pub struct Series {
    pub name: String,
    pub points: Vec<LinePoint>,
}

/// The line through a series' months with a value, and a point on each: circles for
/// the first series, squares for the second.
fn series_lines(points: &[LinePoint], scale: &Scale, second: bool) -> impl IntoView + use<> {
    let class = if second {
        "chart-series is-second"
    } else {
        "chart-series"
    };
    runs(points, scale)
        .into_iter()
        .filter(|run| run.len() > 1)
        .map(|run| view! { <polyline class=class fill="none" points=coordinates(&run) /> })
        .collect_view()
}

/// A value per month as a line, or two (`second`); `marked` (a month key) gets a
/// vertical marker.
#[component]
pub fn LineChart(
    /// Unique on the page: the ids of the title and description come from it.
    id: &'static str,
    title: String,
    desc: String,
    /// The table's heading for the values.
    value_heading: String,
    points: Vec<LinePoint>,
    scale: Scale,
    /// The month to mark (a point's key), if any.
    marked: Option<String>,
    /// A value drawn as a stronger line (0 for NPS).
    #[prop(optional)]
    baseline: Option<f64>,
    /// The table's heading for the points' counts, when they have them.
    #[prop(optional)]
    count_heading: Option<String>,
    /// A second line to compare with; `value_heading` then names the first in the key.
    #[prop(optional)]
    second: Option<Series>,
) -> impl IntoView {
    let count = points.len();
    let title_id = format!("{id}-title");
    let desc_id = format!("{id}-desc");
    let labelled_by = format!("{title_id} {desc_id}");
    let marked_index = marked
        .as_ref()
        .and_then(|key| points.iter().position(|p| &p.key == key));
    let lines = series_lines(&points, &scale, false);
    let second_lines = second.as_ref().map(|series| series_lines(&series.points, &scale, true));
    let second_dots = second.as_ref().map(|series| {
        series
            .points
            .iter()
            .enumerate()
            .filter_map(|(i, point)| {
                let (x, y) = (x_at(i, series.points.len()), scale.y(point.value?));
                let title = format!("{}: {} {}", point.label, series.name, point.text);
                Some(view! {
                    <rect class="chart-point is-second" x={x - 4.5} y={y - 4.5} width=9 height=9>
                        {svg_title(None, title)}
                    </rect>
                })
            })
            .collect_view()
    });
    let key = second.as_ref().map(|series| {
        view! {
            <p class="chart-key" aria-hidden="true">
                <span class="chart-key-item">
                    <svg class="chart-key-swatch" viewBox="0 0 28 10">
                        <line class="chart-series" x1=2 x2=26 y1=5 y2=5 />
                    </svg>
                    {value_heading.clone()}
                </span>
                <span class="chart-key-item">
                    <svg class="chart-key-swatch" viewBox="0 0 28 10">
                        <line class="chart-series is-second" x1=2 x2=26 y1=5 y2=5 />
                    </svg>
                    {series.name.clone()}
                </span>
            </p>
        }
    });
    let dots = points
        .iter()
        .enumerate()
        .filter_map(|(i, point)| {
            let value = point.value?;
            let is_period = Some(i) == marked_index;
            let class = if is_period {
                "chart-point is-period"
            } else {
                "chart-point"
            };
            let (x, y) = (x_at(i, count), scale.y(value));
            // Above the point, or below it where the top of the drawing leaves no room.
            let count_y = if y < TOP + 16.0 { y + 18.0 } else { y - 9.0 };
            let answers = point.count.map(|n| {
                view! { <text class="chart-count" x=x y=count_y text-anchor="middle" aria-hidden="true">{n}</text> }
            });
            let title = match (&point.count, &count_heading) {
                (Some(n), Some(heading)) => format!("{}: {} ({heading} {n})", point.label, point.text),
                _ => format!("{}: {}", point.label, point.text),
            };
            Some(view! {
                <circle class=class cx=x cy=y r={if is_period { 6 } else { 4 }}>
                    {svg_title(None, title)}
                </circle>
                {answers}
            })
        })
        .collect_view();
    let axis = points
        .iter()
        .enumerate()
        .filter(|(_, point)| !point.axis.is_empty())
        .map(|(i, point)| {
            view! {
                <text class="chart-axis-label" x=x_at(i, count) y={HEIGHT - BOTTOM + 22.0} text-anchor="middle">
                    {point.axis.clone()}
                </text>
            }
        })
        .collect_view();
    let marker = marked_index.map(|i| {
        let x = x_at(i, count);
        // The label stays inside the drawing at either end.
        let label_x = x.clamp(LEFT + 48.0, WIDTH - RIGHT - 48.0);
        view! {
            <g class="chart-marker">
                <line class="chart-marker-line" x1=x x2=x y1={TOP - 6.0} y2={HEIGHT - BOTTOM} />
                <text class="chart-marker-label" x=label_x y={TOP - 12.0} text-anchor="middle">{points[i].label.clone()}</text>
            </g>
        }
    });
    let base = baseline.map(|value| {
        let y = scale.y(value);
        view! { <line class="chart-baseline" x1=LEFT x2={WIDTH - RIGHT} y1=y y2=y /> }
    });
    let cell = |point: Option<&LinePoint>| match point {
        Some(point) if point.value.is_some() => point.text.clone(),
        _ => "—".to_string(),
    };
    let rows = points
        .iter()
        .enumerate()
        .map(|(i, point)| {
            let is_period = Some(i) == marked_index;
            view! {
                <tr class:is-period=is_period aria-current=is_period.then_some("date")>
                    <th scope="row">{point.label.clone()}</th>
                    <td>{cell(Some(point))}</td>
                    {second.as_ref().map(|series| view! { <td>{cell(series.points.get(i))}</td> })}
                    {count_heading.is_some().then(|| view! { <td>{point.count.unwrap_or(0)}</td> })}
                </tr>
            }
        })
        .collect_view();
    view! {
        <figure class="chart">
            {key}
            <svg
                class="chart-svg"
                viewBox=VIEW_BOX
                role="img"
                aria-labelledby=labelled_by
                focusable="false"
            >
                {svg_title(Some(title_id), title.clone())}
                <desc id=desc_id>{desc}</desc>
                {grid(&scale)}
                {base}
                {marker}
                {lines}
                {second_lines}
                {dots}
                {second_dots}
                {axis}
            </svg>
            <details class="chart-numbers">
                <summary>{t(Msg::ChartShowNumbers)}</summary>
                <div class="table-scroll">
                    <table class="data-table">
                        <caption class="visually-hidden">{title}</caption>
                        <thead>
                            <tr>
                                <th scope="col">{t(Msg::ChartMonth)}</th>
                                <th scope="col">{value_heading.clone()}</th>
                                {second.as_ref().map(|series| view! { <th scope="col">{series.name.clone()}</th> })}
                                {count_heading.clone().map(|heading| view! { <th scope="col">{heading}</th> })}
                            </tr>
                        </thead>
                        <tbody>{rows}</tbody>
                    </table>
                </div>
            </details>
        </figure>
    }
}

/// Two values side by side per label (an aspect's expectation and its fulfilment).
#[derive(Debug, Clone, PartialEq)]
pub struct BarPair {
    pub label: String,
    pub first: Option<f64>,
    pub first_text: String,
    pub second: Option<f64>,
    pub second_text: String,
    /// The table's last column (e.g. the shortfall).
    pub difference: String,
}

/// One bar of a pair, or a dash at the axis when the value is missing.
fn bar(x: f64, width: f64, value: (Option<f64>, &str), class: &'static str, title: String, scale: &Scale) -> AnyView {
    let (value, text) = value;
    let text = text.to_string();
    let bottom = HEIGHT - BOTTOM;
    match value {
        Some(value) => {
            let top = scale.y(value);
            view! {
                <g class=class>
                    <rect class="chart-bar" x=x y=top width=width height={(bottom - top).max(1.0)}>
                        {svg_title(None, title)}
                    </rect>
                    <text class="chart-bar-value" x={x + width / 2.0} y={top - 6.0} text-anchor="middle">
                        {text}
                    </text>
                </g>
            }
            .into_any()
        }
        None => view! {
            <text class="chart-bar-value" x={x + width / 2.0} y={bottom - 6.0} text-anchor="middle">
                "—"
                {svg_title(None, title)}
            </text>
        }
        .into_any(),
    }
}

/// Paired bars per label: `first` drawn outlined, `second` filled, both named in the
/// legend, each with its value written above it.
#[component]
pub fn PairedBarChart(
    id: &'static str,
    title: String,
    desc: String,
    /// The table's heading for the labels (e.g. "Aspect").
    label_heading: String,
    first_name: String,
    second_name: String,
    difference_heading: String,
    pairs: Vec<BarPair>,
    scale: Scale,
) -> impl IntoView {
    let title_id = format!("{id}-title");
    let desc_id = format!("{id}-desc");
    let labelled_by = format!("{title_id} {desc_id}");
    let count = pairs.len().max(1);
    let group = PLOT_WIDTH / count as f64;
    let width = (group * 0.3).min(44.0);
    let bars = pairs
        .iter()
        .enumerate()
        .map(|(i, pair)| {
            let centre = LEFT + group * (i as f64 + 0.5);
            let first_title = format!("{} — {}: {}", pair.label, first_name, pair.first_text);
            let second_title = format!("{} — {}: {}", pair.label, second_name, pair.second_text);
            view! {
                <g class="chart-pair">
                    {bar(centre - width - 3.0, width, (pair.first, &pair.first_text), "chart-bar-first", first_title, &scale)}
                    {bar(centre + 3.0, width, (pair.second, &pair.second_text), "chart-bar-second", second_title, &scale)}
                    <text class="chart-axis-label" x=centre y={HEIGHT - BOTTOM + 22.0} text-anchor="middle">
                        {pair.label.clone()}
                    </text>
                </g>
            }
        })
        .collect_view();
    let rows = pairs
        .iter()
        .map(|pair| {
            view! {
                <tr>
                    <th scope="row">{pair.label.clone()}</th>
                    <td>{pair.first_text.clone()}</td>
                    <td>{pair.second_text.clone()}</td>
                    <td>{pair.difference.clone()}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <figure class="chart">
            <svg
                class="chart-svg"
                viewBox=VIEW_BOX
                role="img"
                aria-labelledby=labelled_by
                focusable="false"
            >
                {svg_title(Some(title_id), title.clone())}
                <desc id=desc_id>{desc}</desc>
                {grid(&scale)}
                <g class="chart-legend">
                    <g class="chart-bar-first">
                        <rect class="chart-bar" x=LEFT y=4 width=14 height=14 />
                        <text class="chart-legend-label" x={LEFT + 20.0} y=16>{first_name.clone()}</text>
                    </g>
                    <g class="chart-bar-second">
                        <rect class="chart-bar" x={LEFT + 200.0} y=4 width=14 height=14 />
                        <text class="chart-legend-label" x={LEFT + 220.0} y=16>{second_name.clone()}</text>
                    </g>
                </g>
                {bars}
            </svg>
            <details class="chart-numbers">
                <summary>{t(Msg::ChartShowNumbers)}</summary>
                <div class="table-scroll">
                    <table class="data-table">
                        <caption class="visually-hidden">{title}</caption>
                        <thead>
                            <tr>
                                <th scope="col">{label_heading}</th>
                                <th scope="col">{first_name}</th>
                                <th scope="col">{second_name}</th>
                                <th scope="col">{difference_heading}</th>
                            </tr>
                        </thead>
                        <tbody>{rows}</tbody>
                    </table>
                </div>
            </details>
        </figure>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn point(value: Option<f64>) -> LinePoint {
        LinePoint {
            key: String::new(),
            label: String::new(),
            axis: String::new(),
            value,
            text: String::new(),
            count: None,
        }
    }

    #[test]
    fn a_month_without_a_value_breaks_the_line() {
        let scale = Scale {
            min: 0.0,
            max: 100.0,
            ticks: vec![],
        };
        let points = [
            Some(10.0),
            Some(20.0),
            None,
            Some(30.0),
            None,
            None,
            Some(40.0),
            Some(50.0),
        ]
        .map(point);
        let lengths: Vec<usize> = runs(&points, &scale).iter().map(Vec::len).collect();
        assert_eq!(lengths, vec![2, 1, 2]);
    }

    #[test]
    fn values_map_into_the_plot_and_clamp() {
        let scale = Scale {
            min: -100.0,
            max: 100.0,
            ticks: vec![],
        };
        assert_eq!(scale.y(100.0), TOP);
        assert_eq!(scale.y(-100.0), TOP + PLOT_HEIGHT);
        assert_eq!(scale.y(-500.0), TOP + PLOT_HEIGHT);
        assert_eq!(x_at(0, 24), LEFT);
        assert_eq!(x_at(23, 24), LEFT + PLOT_WIDTH);
    }
}
