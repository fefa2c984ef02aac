//! The grid: an ARIA grid with one tab stop (roving tabindex) that renders only the
//! rows in view.
//!
//! Rows have a fixed height, so the body is as tall as all rows together and each
//! rendered row is placed at its own offset; scrolling changes which rows exist in the
//! DOM, never their layout. The row holding the tab stop is always rendered, wherever
//! the view is, so Tab always finds the grid. Should the keyed list move that row in the
//! DOM as it re-renders (which blurs it), the cell is focused again at once.
//!
//! Keyboard: the arrow keys move a cell (the header row included, whose buttons sort),
//! Home/End to the row's first/last cell, Ctrl+Home/End to the grid's, PageUp/PageDown
//! a screen of rows; Enter (or a click) opens the account. A move first scrolls the
//! cell's row into view, then focuses the cell once it is rendered. On touch, with no
//! hover to show the evidence, a first tap on a cell shows it and a second opens.

use std::sync::Arc;
use std::time::Duration;

use kaiku_core::heatmap::HeatmapRow;
use leptos::ev;
use leptos::html;
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use wasm_bindgen::JsCast;

use super::header::Header;
use super::model::{Active, Columns, Order};
use super::row::Row;
use crate::i18n::{Msg, t, use_lang};

/// The height of a body row and of the header row in CSS pixels; heatmap.css sets the same.
pub const ROW_PX: f64 = 40.0;
const HEAD_PX: f64 = 64.0;
/// Rows rendered beyond the visible ones on each side, so a fast scroll shows no gaps.
const MARGIN_ROWS: usize = 8;

/// A cell of the grid: row 0 is the header, row `n` the `n`-th row shown; column 0 is
/// the account's name, column `n` the `n`-th data column.
pub type Cell = (usize, usize);

/// The roving tab stop: `0` on the one cell Tab reaches, `-1` on the others.
pub fn tabindex(stop: bool) -> &'static str {
    if stop { "0" } else { "-1" }
}

fn window_height() -> f64 {
    web_sys::window()
        .and_then(|w| w.inner_height().ok())
        .and_then(|h| h.as_f64())
        .unwrap_or(800.0)
}

/// The cell an event happened in: its column from the cell's `data-c`, its row from the
/// row's `data-r`.
fn cell_of(event: &web_sys::Event) -> Option<Cell> {
    let target = event.target()?.dyn_into::<web_sys::Element>().ok()?;
    let cell = target.closest("[data-c]").ok()??;
    let row = cell.closest("[data-r]").ok()??;
    let number = |element: &web_sys::Element, name: &str| element.get_attribute(name)?.parse::<usize>().ok();
    Some((number(&row, "data-r")?, number(&cell, "data-c")?))
}

/// Focuses a rendered cell; `in_place` leaves the scroll position as it is.
fn focus_cell(grid: NodeRef<html::Table>, (r, c): Cell, in_place: bool) {
    // A frame later the page may be gone.
    let Some(grid) = grid.try_get_untracked().flatten() else {
        return;
    };
    let found = grid.query_selector(&format!("[data-r=\"{r}\"] [data-c=\"{c}\"]"));
    if let Ok(Some(element)) = found
        && let Ok(element) = element.dyn_into::<web_sys::HtmlElement>()
    {
        let options = web_sys::FocusOptions::new();
        options.set_prevent_scroll(in_place);
        let _ = element.focus_with_options(&options);
    }
}

/// Where a key moves the tab stop from `(r, c)` in a grid whose last cell is `last`,
/// `page` rows making a screen; `None` for keys that do not move it.
fn key_target(key: &str, ctrl: bool, (r, c): Cell, last: Cell, page: usize) -> Option<Cell> {
    let (last_row, last_col) = last;
    Some(match key {
        "ArrowUp" => (r.saturating_sub(1), c),
        "ArrowDown" => ((r + 1).min(last_row), c),
        "ArrowLeft" => (r, c.saturating_sub(1)),
        "ArrowRight" => (r, (c + 1).min(last_col)),
        "Home" if ctrl => (0, 0),
        "Home" => (r, 0),
        "End" if ctrl => last,
        "End" => (r, last_col),
        // Paging stays among the accounts; the header is a step up from the first.
        "PageUp" if r > 0 => (r.saturating_sub(page).max(1), c),
        "PageDown" => ((r + page).min(last_row), c),
        _ => return None,
    })
}

/// The body row nearest the top at a scroll offset: what the address keeps.
fn row_at_offset(scroll_top: f64) -> usize {
    (scroll_top / ROW_PX).round() as usize
}

/// The scroll offset that shows body row `pos` whole below the sticky header, or `None`
/// when it already is.
fn scroll_to_show(pos: usize, scroll_top: f64, height: f64) -> Option<f64> {
    let top = pos as f64 * ROW_PX;
    if top < scroll_top {
        Some(top)
    } else if HEAD_PX + top + ROW_PX > scroll_top + height {
        Some(HEAD_PX + top + ROW_PX - height)
    } else {
        None
    }
}

#[component]
pub fn Grid(
    rows: Arc<Vec<HeatmapRow>>,
    /// Indexes into `rows`, in the order shown.
    shown: Memo<Vec<usize>>,
    columns: Columns,
    sort: RwSignal<(Order, bool)>,
    active: RwSignal<Option<Active>>,
    label: Msg,
    /// The first row in view, as the address keeps it: where the grid opens, and
    /// where it has come to rest after scrolling.
    top_row: RwSignal<usize>,
) -> impl IntoView {
    let last_col = columns.len();
    let over_time = matches!(columns, Columns::Periods(_));
    let scroller = NodeRef::<html::Div>::new();
    let grid = NodeRef::<html::Table>::new();
    let opening_top = top_row.get_untracked() as f64 * ROW_PX;
    let scroll_top = RwSignal::new(opening_top);
    // The grid goes to the address's row when it opens and when a saved view is opened;
    // its own scrolling, once in the address, is already there.
    Effect::new(move |_| {
        let row = top_row.get();
        let Some(element) = scroller.get() else {
            return;
        };
        if row_at_offset(f64::from(element.scroll_top())) != row {
            let at = row as f64 * ROW_PX;
            element.set_scroll_top(at as i32);
            scroll_top.set(at);
        }
    });
    // Into the address once scrolling rests: a replaced entry per pause, not per frame.
    Effect::new(move |pending: Option<Option<TimeoutHandle>>| {
        let row = row_at_offset(scroll_top.get());
        if let Some(Some(handle)) = pending {
            handle.clear();
        }
        set_timeout_with_handle(
            move || {
                if top_row.try_get_untracked().is_some_and(|shown| shown != row) {
                    top_row.set(row);
                }
            },
            Duration::from_millis(300),
        )
        .ok()
    });
    let viewport = RwSignal::new(window_height());
    let resize = window_event_listener(ev::resize, move |_| viewport.set(window_height()));
    on_cleanup(move || resize.remove());

    let cursor = RwSignal::new((1, 1));
    // The tab stop stays inside the grid when filters leave fewer rows.
    let stop = Memo::new(move |_| {
        let (r, c) = cursor.get();
        (r.min(shown.with(Vec::len)), c.min(last_col))
    });
    // The rows in view and a margin around them, and the tab stop's row wherever it is:
    // (position shown, index into `rows`).
    let rendered = Memo::new(move |_| {
        let count = shown.with(Vec::len);
        let visible = (viewport.get() / ROW_PX).ceil() as usize + 1;
        // After filtering, the old offset may lie past the end until the browser catches up.
        let first = ((scroll_top.get() / ROW_PX) as usize).min(count.saturating_sub(visible));
        let start = first.saturating_sub(MARGIN_ROWS).min(count);
        let end = (first + visible + MARGIN_ROWS).min(count);
        let mut positions: Vec<usize> = (start..end).collect();
        // In order: moving the tab stop within the view then changes nothing here.
        match stop.get().0.checked_sub(1) {
            Some(pos) if pos < start => positions.insert(0, pos),
            Some(pos) if pos >= end => positions.push(pos),
            _ => {}
        }
        shown.with(|shown| positions.into_iter().map(|pos| (pos, shown[pos])).collect::<Vec<_>>())
    });

    let row_at = move |r: usize| {
        r.checked_sub(1)
            .and_then(|pos| shown.with_untracked(|s| s.get(pos).copied()))
    };
    let open = {
        let (rows, columns, navigate) = (rows.clone(), columns.clone(), use_navigate());
        move |(r, c): Cell| {
            if let Some(row) = row_at(r) {
                navigate(&columns.href(&rows[row], c.checked_sub(1)), Default::default());
            }
        }
    };
    let active_at = move |(r, c): Cell| {
        row_at(r).map(|row| Active {
            row,
            col: c.checked_sub(1),
        })
    };
    let show_evidence = move |cell: Cell| {
        if let Some(cell) = active_at(cell)
            && active.get_untracked() != Some(cell)
        {
            active.set(Some(cell));
        }
    };
    let move_to = move |to: Cell| {
        cursor.set(to);
        if let (Some(element), Some(pos)) = (scroller.get_untracked(), to.0.checked_sub(1)) {
            let height = f64::from(element.client_height());
            if let Some(top) = scroll_to_show(pos, f64::from(element.scroll_top()), height) {
                element.set_scroll_top(top as i32);
                // Render the row now rather than at the scroll event.
                scroll_top.set(top);
            }
        }
        // The row is in the DOM once the render effects ran, by the next frame; by then
        // further keys may have moved on.
        request_animation_frame(move || {
            if let Some(cell) = stop.try_get_untracked() {
                focus_cell(grid, cell, false);
            }
        });
    };
    let on_key = {
        let open = open.clone();
        move |event: ev::KeyboardEvent| {
            let (r, c) = stop.get_untracked();
            let last_row = shown.with_untracked(Vec::len);
            let page = scroller.get_untracked().map_or(10, |element| {
                ((f64::from(element.client_height()) - HEAD_PX) / ROW_PX)
                    .floor()
                    .max(1.0) as usize
            });
            let ctrl = event.ctrl_key() || event.meta_key();
            let key = event.key();
            // On the header the sort button takes Enter itself.
            if key == "Enter" && r > 0 {
                event.prevent_default();
                open((r, c));
                return;
            }
            let Some(to) = key_target(&key, ctrl, (r, c), (last_row, last_col), page) else {
                return;
            };
            event.prevent_default();
            if to.0 == 0 && ctrl {
                // Ctrl+Home: the top of the grid, not only its header.
                scroll_top.set(0.0);
                if let Some(element) = scroller.get_untracked() {
                    element.set_scroll_top(0);
                }
            }
            move_to(to);
        }
    };
    let on_focus = move |event: ev::FocusEvent| {
        if let Some(cell) = cell_of(&event) {
            cursor.set(cell);
            show_evidence(cell);
        }
    };
    // Set while the rows re-render: a blur then is the keyed list moving the focused row
    // (a jump far away), not the user leaving, and the focus goes back where it was.
    let rerendering = StoredValue::new(false);
    let each = move || {
        let rows = rendered.get();
        rerendering.set_value(true);
        queue_microtask(move || {
            rerendering.try_set_value(false);
        });
        rows
    };
    let on_blur = move |_: ev::FocusEvent| {
        if rerendering.try_get_value() == Some(true) {
            queue_microtask(move || {
                if let Some(cell) = stop.try_get_untracked() {
                    focus_cell(grid, cell, true);
                }
            });
        }
    };
    let on_hover = move |event: ev::MouseEvent| {
        if let Some(cell) = cell_of(&event) {
            show_evidence(cell);
        }
    };
    // Touch has no hover: the first tap on a cell shows its evidence, a second tap on
    // the same cell opens the account. Whether the cell was already the one shown is
    // read as the finger goes down, before the tap's own focus and mouse events show it.
    let tap_on_shown = StoredValue::new(None::<bool>);
    let on_pointer_down = move |event: ev::PointerEvent| {
        let touch = event.pointer_type() != "mouse";
        let shown = touch.then(|| {
            cell_of(&event)
                .and_then(active_at)
                .is_some_and(|cell| active.get_untracked() == Some(cell))
        });
        tap_on_shown.set_value(shown);
    };
    let on_click = move |event: ev::MouseEvent| {
        if let Some(cell @ (1.., _)) = cell_of(&event) {
            if tap_on_shown.get_value() == Some(false) {
                show_evidence(cell);
                tap_on_shown.set_value(Some(true));
                return;
            }
            open(cell);
        }
    };
    // Over time, the latest months matter most: they open in view.
    if over_time {
        Effect::new(move |_| {
            if let Some(element) = scroller.get() {
                element.set_scroll_left(element.scroll_width());
            }
        });
    }
    let on_scroll = move |_| {
        if let Some(element) = scroller.get_untracked() {
            scroll_top.set(f64::from(element.scroll_top()));
        }
    };

    let lang = use_lang();
    view! {
        <div class="hm-scroll" data-testid="heatmap-scroll" node_ref=scroller on:scroll=on_scroll>
            <table
                role="grid"
                class="hm-grid"
                class:hm-grid-time=over_time
                node_ref=grid
                aria-label=t(label)
                aria-describedby="heatmap-keys"
                aria-rowcount=move || shown.with(Vec::len) + 1
                aria-colcount=last_col + 1
                data-testid="heatmap-grid"
                on:keydown=on_key
                on:focusin=on_focus
                on:focusout=on_blur
                on:mouseover=on_hover
                on:pointerdown=on_pointer_down
                on:click=on_click
            >
                <Header columns=columns.clone() sort stop />
                <tbody
                    role="rowgroup"
                    class="hm-body"
                    style:height=move || format!("{}px", shown.with(Vec::len) as f64 * ROW_PX)
                >
                    {move || {
                        let lang = lang.get();
                        let (rows, columns) = (rows.clone(), columns.clone());
                        view! {
                            <For
                                each=each
                                key=|cell| *cell
                                children=move |(pos, row)| {
                                    view! { <Row rows=rows.clone() row pos columns=columns.clone() stop lang /> }
                                }
                            />
                        }
                    }}
                </tbody>
            </table>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_move_within_the_grid() {
        let last = (100, 9);
        let to = |key, ctrl, from| key_target(key, ctrl, from, last, 14);
        assert_eq!(to("ArrowUp", false, (1, 3)), Some((0, 3)));
        assert_eq!(to("ArrowUp", false, (0, 3)), Some((0, 3)));
        assert_eq!(to("ArrowDown", false, (100, 3)), Some((100, 3)));
        assert_eq!(to("ArrowRight", false, (5, 9)), Some((5, 9)));
        assert_eq!(to("Home", false, (5, 4)), Some((5, 0)));
        assert_eq!(to("End", false, (5, 4)), Some((5, 9)));
        assert_eq!(to("Home", true, (50, 4)), Some((0, 0)));
        assert_eq!(to("End", true, (5, 4)), Some((100, 9)));
        assert_eq!(to("PageDown", false, (0, 2)), Some((14, 2)));
        assert_eq!(to("PageDown", false, (95, 2)), Some((100, 2)));
        assert_eq!(to("PageUp", false, (10, 2)), Some((1, 2)));
        assert_eq!(to("PageUp", false, (0, 2)), None);
        assert_eq!(to("a", false, (3, 3)), None);
    }

    #[test]
    fn rows_scroll_into_view_below_the_header() {
        // 400 px tall: the header and 8.4 rows.
        assert_eq!(scroll_to_show(3, 0.0, 400.0), None);
        assert_eq!(scroll_to_show(20, 0.0, 400.0), Some(HEAD_PX + 21.0 * ROW_PX - 400.0));
        assert_eq!(scroll_to_show(2, 400.0, 400.0), Some(80.0));
    }
}
