//! What the grid shows in each mode, apart from how it looks: the columns, each cell's
//! signal and value, where a cell leads and which month its evidence is from. The rules
//! themselves (levels, quarters, sorting) are `kaiku_core::heatmap`'s.

use std::collections::HashMap;
use std::sync::Arc;

use kaiku_core::evidence::Month;
use kaiku_core::heatmap::{self, HeatmapHistory, HeatmapRow, Signal, SortKey};

/// Accounts × signals now, or accounts × time for one signal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Signals,
    Time,
}

/// The columns of the time mode.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Granularity {
    Months,
    Quarters,
}

/// One signal over time, lined up with the heatmap's rows.
#[derive(Debug, Clone, PartialEq)]
pub struct TimeTable {
    pub signal: Signal,
    /// The column labels, oldest first: `2026-05`, or `2026-Q2` for quarters.
    pub periods: Vec<String>,
    /// Per column, the month it opens and shows the evidence of: the month itself, or
    /// a quarter's last month.
    pub months: Vec<String>,
    /// Per heatmap row (same index), one value per column.
    pub values: Vec<Vec<Option<f64>>>,
}

impl TimeTable {
    pub fn new(rows: &[HeatmapRow], history: &HeatmapHistory, granularity: Granularity) -> TimeTable {
        let months = &history.months;
        let by_account: HashMap<&str, &[Option<f64>]> = history
            .rows
            .iter()
            .map(|r| (r.account.as_str(), r.values.as_slice()))
            .collect();
        // An account the history does not mention (new since) has no values yet.
        let line = |row: &HeatmapRow| -> Vec<Option<f64>> {
            let values = by_account.get(row.account.as_str()).copied().unwrap_or_default();
            (0..months.len()).map(|i| values.get(i).copied().flatten()).collect()
        };
        match granularity {
            Granularity::Months => TimeTable {
                signal: history.signal,
                periods: months.clone(),
                months: months.clone(),
                values: rows.iter().map(line).collect(),
            },
            Granularity::Quarters => {
                let periods: Vec<String> = heatmap::quarters(months, &vec![None; months.len()])
                    .into_iter()
                    .map(|(quarter, _)| quarter)
                    .collect();
                let last_month = |quarter: &String| {
                    months
                        .iter()
                        .rev()
                        .find(|m| Month::parse(m).is_some_and(|m| m.quarter_label() == *quarter))
                        .cloned()
                        .unwrap_or_default()
                };
                TimeTable {
                    signal: history.signal,
                    months: periods.iter().map(last_month).collect(),
                    periods,
                    values: rows
                        .iter()
                        .map(|row| {
                            heatmap::quarters(months, &line(row))
                                .into_iter()
                                .map(|(_, value)| value)
                                .collect()
                        })
                        .collect(),
                }
            }
        }
    }
}

/// The data columns of the grid (the account's name comes before them).
#[derive(Debug, Clone, PartialEq)]
pub enum Columns {
    /// [`Signal::ALL`], now, then the "open case" signal.
    Signals,
    Periods(Arc<TimeTable>),
}

impl Columns {
    pub fn len(&self) -> usize {
        match self {
            Columns::Signals => Signal::ALL.len() + 1,
            Columns::Periods(table) => table.periods.len(),
        }
    }

    /// Whether data column `col` is the "open case" signal (the last one now).
    pub fn is_open_case(&self, col: usize) -> bool {
        matches!(self, Columns::Signals) && col == Signal::ALL.len()
    }

    /// The signal and value of data column `col` of `rows[row]` (not the open case's).
    pub fn cell(&self, rows: &[HeatmapRow], row: usize, col: usize) -> (Signal, Option<f64>) {
        match self {
            Columns::Signals => {
                let signal = Signal::ALL[col.min(Signal::ALL.len() - 1)];
                (signal, rows[row].value(signal))
            }
            Columns::Periods(table) => (
                table.signal,
                table.values.get(row).and_then(|v| v.get(col)).copied().flatten(),
            ),
        }
    }

    /// The period label of data column `col` in the time mode; `None` means now.
    pub fn period(&self, col: Option<usize>) -> Option<&str> {
        match (self, col) {
            (Columns::Periods(table), Some(col)) => table.periods.get(col).map(String::as_str),
            _ => None,
        }
    }

    /// The month whose evidence data column `col` shows; `None` means now.
    pub fn month(&self, col: Option<usize>) -> Option<&str> {
        match (self, col) {
            (Columns::Periods(table), Some(col)) => table.months.get(col).map(String::as_str),
            _ => None,
        }
    }

    /// What opening a cell of `row` shows: the account, at the cell's month in the time mode.
    /// The open-case cell opens the case.
    pub fn href(&self, row: &HeatmapRow, col: Option<usize>) -> String {
        if let (Some(col), Some(case)) = (col, &row.open_case)
            && self.is_open_case(col)
        {
            return format!("/cases/{}", case.case_id);
        }
        match self.month(col) {
            Some(month) => format!("/accounts/{}?period={month}", row.account),
            None => format!("/accounts/{}", row.account),
        }
    }

    /// What sorting by data column `col` orders the rows by.
    pub fn order(&self, col: usize) -> Order {
        match self {
            Columns::Signals if self.is_open_case(col) => Order::Key(SortKey::OpenCase),
            Columns::Signals => Order::Key(SortKey::Signal(Signal::ALL[col])),
            Columns::Periods(_) => Order::Period(col),
        }
    }

    /// Whether sorting by `order` starts descending, so the worst comes first
    /// ([`SortKey::worst_first`]; a period by its time signal).
    pub fn worst_first(&self, order: Order) -> bool {
        match (order, self) {
            (Order::Key(key), _) => key.worst_first(),
            (Order::Period(_), Columns::Periods(table)) => SortKey::Signal(table.signal).worst_first(),
            (Order::Period(_), Columns::Signals) => DEFAULT_ORDER.1,
        }
    }

    /// The rows' indexes in `order`; a period of another view (the columns changed
    /// since) sorts by revenue at risk.
    pub fn sorted(&self, rows: &[HeatmapRow], (order, descending): (Order, bool)) -> Vec<usize> {
        let mut indexes: Vec<usize> = (0..rows.len()).collect();
        let name = |&i: &usize| rows[i].name.as_str();
        match (order, self) {
            (Order::Key(SortKey::Name), _) => {
                indexes.sort_by_cached_key(|&i| rows[i].name.to_lowercase());
                if descending {
                    indexes.reverse();
                }
            }
            (Order::Key(SortKey::Signal(signal)), _) => {
                heatmap::sort_by_value(&mut indexes, name, |&i| rows[i].value(signal), descending)
            }
            (Order::Key(SortKey::OpenCase), _) => {
                heatmap::sort_by_value(&mut indexes, name, |&i| rows[i].open_case_value(), descending)
            }
            (Order::Period(col), Columns::Periods(table)) if col < table.periods.len() => {
                let value = |&i: &usize| table.values.get(i).and_then(|v| v.get(col)).copied().flatten();
                heatmap::sort_by_value(&mut indexes, name, value, descending)
            }
            (Order::Period(_), _) => return self.sorted(rows, DEFAULT_ORDER),
        }
        indexes
    }
}

/// What the rows are ordered by: the name or a signal now, or one period of the time mode.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Order {
    Key(SortKey),
    /// The data column of [`Columns::Periods`].
    Period(usize),
}

/// The heatmap opens with the most euros at risk first.
pub const DEFAULT_ORDER: (Order, bool) = (Order::Key(heatmap::DEFAULT_SORT.0), heatmap::DEFAULT_SORT.1);

/// The cell the evidence panel is about: a row of the heatmap (its index in the rows,
/// whatever the order shown) and a data column, or the account's name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Active {
    pub row: usize,
    pub col: Option<usize>,
}

#[cfg(test)]
mod tests {
    use kaiku_core::Stage;
    use kaiku_core::evidence::SignalValues;
    use kaiku_core::heatmap::HistoryRow;

    use super::*;

    fn row(account: &str, health: Option<f64>) -> HeatmapRow {
        HeatmapRow {
            account: account.into(),
            name: account.to_uppercase(),
            segments: vec![],
            stage: Stage::Delivery,
            lead: None,
            annual_value_eur: 0,
            revenue_at_risk_eur: 0,
            current: SignalValues {
                health,
                band: None,
                nps: None,
                team_health: None,
                team_risk: None,
                gap: None,
                trend: None,
                response_rate: None,
                expectation_gap: None,
            },
            nps_counts: vec![0, 0, 0],
            causes: vec![],
            open_case: None,
        }
    }

    #[test]
    fn the_open_case_is_the_last_column_now_sorts_and_opens_the_case() {
        use kaiku_core::case::Severity;
        use kaiku_core::heatmap::OpenCaseSignal;
        let mut rows = [row("a", None), row("b", None), row("c", None)];
        rows[0].open_case = Some(OpenCaseSignal {
            case_id: "case-a".into(),
            severity: Severity::High,
            overdue: false,
        });
        rows[2].open_case = Some(OpenCaseSignal {
            case_id: "case-c".into(),
            severity: Severity::Medium,
            overdue: true,
        });
        let signals = Columns::Signals;
        let last = signals.len() - 1;
        assert_eq!(last, Signal::ALL.len());
        assert!(signals.is_open_case(last) && !signals.is_open_case(0));
        assert_eq!(signals.order(last), Order::Key(SortKey::OpenCase));
        // The worse case first; an account without one last, either way.
        assert_eq!(signals.sorted(&rows, (signals.order(last), true)), [0, 2, 1]);
        assert_eq!(signals.sorted(&rows, (signals.order(last), false)), [2, 0, 1]);
        assert_eq!(signals.href(&rows[2], Some(last)), "/cases/case-c");
        assert_eq!(signals.href(&rows[1], Some(last)), "/accounts/b");
        assert_eq!(signals.href(&rows[2], Some(0)), "/accounts/c");
        // Over time there is no open-case column.
        let periods = Columns::Periods(Arc::new(TimeTable {
            signal: Signal::Nps,
            periods: vec!["2026-05".into()],
            months: vec!["2026-05".into()],
            values: vec![vec![None]; 3],
        }));
        assert!(!periods.is_open_case(0) && !periods.is_open_case(Signal::ALL.len()));
    }

    #[test]
    fn rows_sort_by_a_signal_a_name_or_a_period() {
        let rows = [row("b", Some(40.0)), row("a", None), row("c", Some(90.0))];
        let signals = Columns::Signals;
        let by = |order, descending| signals.sorted(&rows, (order, descending));
        assert_eq!(by(Order::Key(SortKey::Signal(Signal::Health)), true), [2, 0, 1]);
        assert_eq!(by(Order::Key(SortKey::Name), false), [1, 0, 2]);
        assert_eq!(by(Order::Key(SortKey::Name), true), [2, 0, 1]);
        let table = TimeTable {
            signal: Signal::Nps,
            periods: vec!["2026-04".into(), "2026-05".into()],
            months: vec!["2026-04".into(), "2026-05".into()],
            values: vec![
                vec![Some(10.0), None],
                vec![Some(-20.0), Some(5.0)],
                vec![None, Some(50.0)],
            ],
        };
        let periods = Columns::Periods(Arc::new(table));
        assert_eq!(periods.order(1), Order::Period(1));
        assert_eq!(periods.sorted(&rows, (Order::Period(0), false)), [1, 0, 2]);
        assert_eq!(periods.sorted(&rows, (Order::Period(1), true)), [2, 1, 0]);
        // A period left over from the time mode: the default order.
        assert_eq!(
            signals.sorted(&rows, (Order::Period(1), true)),
            signals.sorted(&rows, DEFAULT_ORDER)
        );
    }

    #[test]
    fn a_first_click_puts_the_worst_first() {
        let rows = [row("b", Some(40.0)), row("a", None), row("c", Some(90.0))];
        let signals = Columns::Signals;
        let first_click = |order| signals.sorted(&rows, (order, signals.worst_first(order)));
        // Health: the lowest score first, an account without one last.
        assert_eq!(first_click(Order::Key(SortKey::Signal(Signal::Health))), [0, 2, 1]);
        assert_eq!(first_click(Order::Key(SortKey::Name)), [1, 0, 2]);
        assert!(signals.worst_first(Order::Key(SortKey::Signal(Signal::RevenueAtRisk))));
        assert!(signals.worst_first(Order::Key(SortKey::OpenCase)));
        // Over time, a period sorts by its signal's direction.
        let over_time = |signal| {
            Columns::Periods(Arc::new(TimeTable {
                signal,
                periods: vec!["2026-05".into()],
                months: vec!["2026-05".into()],
                values: vec![vec![Some(10.0)], vec![Some(-20.0)], vec![None]],
            }))
        };
        let nps = over_time(Signal::Nps);
        assert_eq!(
            nps.sorted(&rows, (Order::Period(0), nps.worst_first(Order::Period(0)))),
            [1, 0, 2]
        );
        let gap = over_time(Signal::Gap);
        assert_eq!(
            gap.sorted(&rows, (Order::Period(0), gap.worst_first(Order::Period(0)))),
            [0, 1, 2]
        );
    }

    #[test]
    fn quarters_open_their_last_month_and_unknown_accounts_are_empty() {
        let rows = [row("a", None), row("new", None)];
        let history = HeatmapHistory {
            signal: Signal::Nps,
            months: ["2026-02", "2026-03", "2026-04"].map(String::from).to_vec(),
            rows: vec![HistoryRow {
                account: "a".into(),
                values: vec![Some(10.0), None, Some(30.0)],
            }],
        };
        let months = TimeTable::new(&rows, &history, Granularity::Months);
        assert_eq!(months.values[0], [Some(10.0), None, Some(30.0)]);
        assert_eq!(months.values[1], [None, None, None]);
        let quarters = TimeTable::new(&rows, &history, Granularity::Quarters);
        assert_eq!(quarters.periods, ["2026-Q1", "2026-Q2"]);
        assert_eq!(quarters.months, ["2026-03", "2026-04"]);
        assert_eq!(quarters.values[0], [Some(10.0), Some(30.0)]);
        let columns = Columns::Periods(Arc::new(quarters));
        assert_eq!(columns.href(&rows[0], Some(0)), "/accounts/a?period=2026-03");
        assert_eq!(columns.href(&rows[0], None), "/accounts/a");
        assert_eq!(Columns::Signals.href(&rows[0], Some(3)), "/accounts/a");
    }
}
