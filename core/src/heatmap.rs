//! Leadership's heatmap: accounts × signals now, and accounts × time for one signal.
//! The server sends every visible account once; filtering, sorting, the totals and the
//! CSV export happen here so the app answers at once and the export matches the screen.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::Stage;
use crate::account::PersonRef;
use crate::case::Severity;
use crate::churn::ChurnCause;
use crate::counterfeedback::ChurnRisk;
use crate::evidence::{Month, SignalValues};
use crate::health::{self, BandProbabilities, Health, RiskBand};

api_enum! {
    /// A column of the heatmap.
    pub enum Signal {
        Health,
        Nps,
        TeamHealth,
        /// The risk band, 0 (low) to 3 (critical).
        ChurnRisk,
        Gap,
        Trend,
        ResponseRate,
        ExpectationGap,
        RevenueAtRisk,
    }
}

/// How good or bad a value is, 1 (good) to 5 (bad): the colour and the pattern of a cell.
pub type Level = u8;

impl Signal {
    /// The signal's number in `values`; revenue at risk needs the annual value and the
    /// organisation's band probabilities.
    pub fn value(self, values: &SignalValues, annual_value_eur: i64, probabilities: &BandProbabilities) -> Option<f64> {
        match self {
            Signal::Health => values.health,
            Signal::Nps => values.nps,
            Signal::TeamHealth => values.team_health,
            Signal::ChurnRisk => values.band.map(band_index),
            Signal::Gap => values.gap,
            Signal::Trend => values.trend,
            Signal::ResponseRate => values.response_rate,
            Signal::ExpectationGap => values.expectation_gap,
            Signal::RevenueAtRisk => values
                .band
                .map(|b| probabilities.revenue_at_risk(b, annual_value_eur) as f64),
        }
    }

    /// 1 (good) to 5 (bad). Health follows the risk bands (70 / 50 / 30, the medium band
    /// split at 60); the gap is bad in either direction, a customer much happier than
    /// the team being flagged at [`health::GAP_FLAG_POINTS`]; revenue at risk in fixed
    /// euro steps, so a cell means the same whatever else is on screen.
    pub fn level(self, value: f64) -> Level {
        // Thresholds from good to bad: a value at or past the n-th is level n + 1.
        let steps: [f64; 4] = match self {
            Signal::Health => [70.0, 60.0, 50.0, 30.0],
            Signal::Nps => [50.0, 20.0, 0.0, -30.0],
            Signal::TeamHealth => [4.5, 3.5, 2.5, 1.5],
            Signal::ChurnRisk => return [1, 3, 4, 5][(value.clamp(0.0, 3.0)) as usize],
            Signal::Gap => [10.0, 20.0, health::GAP_FLAG_POINTS, 45.0],
            Signal::Trend => [10.0, 0.0, -10.0, -25.0],
            Signal::ResponseRate => [80.0, 60.0, 40.0, 20.0],
            Signal::ExpectationGap => [0.0, 0.25, 0.5, 1.0],
            Signal::RevenueAtRisk => [5_000.0, 20_000.0, 50_000.0, 100_000.0],
        };
        let value = if self == Signal::Gap { value.abs() } else { value };
        let higher_is_better = self.higher_is_better();
        let passed = steps
            .iter()
            .take_while(|&&step| if higher_is_better { value < step } else { value > step })
            .count();
        1 + passed as Level
    }

    /// Which direction is good: health, NPS, the team's health, the trend and the
    /// response rate are better higher; the risk band, the gap, the expectation gap
    /// and revenue at risk are worse higher.
    pub fn higher_is_better(self) -> bool {
        match self {
            Signal::Health | Signal::Nps | Signal::TeamHealth | Signal::Trend | Signal::ResponseRate => true,
            Signal::ChurnRisk | Signal::Gap | Signal::ExpectationGap | Signal::RevenueAtRisk => false,
        }
    }
}

fn band_index(band: RiskBand) -> f64 {
    match band {
        RiskBand::Low => 0.0,
        RiskBand::Medium => 1.0,
        RiskBand::High => 2.0,
        RiskBand::Critical => 3.0,
    }
}

api_type! {
    /// One account's row: who it is and its signals now.
    pub struct HeatmapRow {
        pub account: String,
        pub name: String,
        pub segments: Vec<String>,
        pub stage: Stage,
        pub lead: Option<PersonRef>,
        pub annual_value_eur: i64,
        /// Annual value times the probability of the account's band, under the
        /// organisation's band probabilities; 0 without a band.
        pub revenue_at_risk_eur: i64,
        pub current: SignalValues,
        /// Promoters, passives and detractors among the answers of the window.
        pub nps_counts: Vec<u32>,
        /// The churn causes in play: named by the team or found in the customer's words.
        pub causes: Vec<ChurnCause>,
        /// The "open case" signal: the account's open case, if it has one.
        pub open_case: Option<OpenCaseSignal>,
    }
}

api_type! {
    /// An account's open case as the heatmap shows it: its severity, overdue marked.
    pub struct OpenCaseSignal {
        pub case_id: String,
        pub severity: Severity,
        /// A deadline of the case passed without being met.
        pub overdue: bool,
    }
}

impl OpenCaseSignal {
    /// The signal's sort value: by severity (1–4), an overdue case half a step above
    /// one of the same severity on time.
    pub fn value(&self) -> f64 {
        self.severity.rank() as f64 + if self.overdue { 0.5 } else { 0.0 }
    }

    /// Its colour level like the other signals': low 2, medium 3, high 4, critical 5;
    /// overdue one level worse. No open case is level 1.
    pub fn level(&self) -> Level {
        let base = self.severity.rank() as Level + 1;
        if self.overdue { (base + 1).min(5) } else { base }
    }
}

/// The heatmap's "open case" filter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OpenCaseFilter {
    /// Accounts with an open case.
    Open,
    /// Accounts whose open case is overdue.
    Overdue,
    /// Accounts without an open case.
    None,
}

impl OpenCaseFilter {
    pub fn matches(self, case: Option<&OpenCaseSignal>) -> bool {
        match self {
            OpenCaseFilter::Open => case.is_some(),
            OpenCaseFilter::Overdue => case.is_some_and(|c| c.overdue),
            OpenCaseFilter::None => case.is_none(),
        }
    }
}

impl HeatmapRow {
    pub fn value(&self, signal: Signal) -> Option<f64> {
        match signal {
            // Priced by the server, which knows the organisation's probabilities.
            Signal::RevenueAtRisk => self.current.band.map(|_| self.revenue_at_risk_eur as f64),
            _ => signal.value(&self.current, self.annual_value_eur, &BandProbabilities::defaults(0)),
        }
    }

    /// The "open case" signal's sort value; none without an open case.
    pub fn open_case_value(&self) -> Option<f64> {
        self.open_case.as_ref().map(OpenCaseSignal::value)
    }
}

api_type! {
    /// `GET /heatmap`: every account the caller may see that is not archived.
    pub struct HeatmapView {
        pub as_of: DateTime<Utc>,
        pub window_days: u32,
        pub rows: Vec<HeatmapRow>,
        /// What revenue at risk is priced with: the defaults or the organisation's own
        /// outcomes, and how many.
        pub probabilities: BandProbabilities,
    }
}

api_type! {
    pub struct HistoryRow {
        pub account: String,
        /// One per month of [`HeatmapHistory::months`].
        pub values: Vec<Option<f64>>,
    }
}

api_type! {
    /// `GET /heatmap/history?signal=…`: one signal month by month, each month as it
    /// stood at its end (the window before it).
    pub struct HeatmapHistory {
        pub signal: Signal,
        /// `2026-05`, oldest first.
        pub months: Vec<String>,
        pub rows: Vec<HistoryRow>,
    }
}

api_type! {
    /// A customer's or the team's words, shortened.
    pub struct Quote {
        pub text: String,
        pub by: String,
        pub at: DateTime<Utc>,
    }
}

api_type! {
    /// `GET /accounts/{id}/evidence?month=…`: what a heatmap cell rests on.
    pub struct CellEvidence {
        pub account: String,
        /// The month, or none for now.
        pub month: Option<String>,
        pub health: Option<Health>,
        pub team_risk: Option<ChurnRisk>,
        /// The customer's most telling comment of the window.
        pub quote: Option<Quote>,
        /// What the team said is going on behind the scenes.
        pub team_note: Option<Quote>,
    }
}

/// At most this many characters of a quote; longer ones end at a word with "…".
pub const QUOTE_MAX_CHARS: usize = 220;

/// `text` cut to [`QUOTE_MAX_CHARS`] at a word boundary.
pub fn shorten(text: &str) -> String {
    let text = text.trim();
    if text.chars().count() <= QUOTE_MAX_CHARS {
        return text.to_string();
    }
    let cut: String = text.chars().take(QUOTE_MAX_CHARS).collect();
    let at_word = cut.rfind(char::is_whitespace).unwrap_or(cut.len());
    format!("{}…", cut[..at_word].trim_end_matches([',', '.', ';', ':', ' ']))
}

/// What the heatmap shows: the filters a leader set.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Filter {
    /// Part of the account's name, any case.
    pub search: String,
    pub segment: Option<String>,
    pub stage: Option<Stage>,
    /// The lead's user id.
    pub lead: Option<String>,
    pub band: Option<RiskBand>,
    pub open_case: Option<OpenCaseFilter>,
}

impl Filter {
    pub fn matches(&self, row: &HeatmapRow) -> bool {
        let search = self.search.trim().to_lowercase();
        (search.is_empty() || row.name.to_lowercase().contains(&search))
            && self.segment.as_ref().is_none_or(|s| row.segments.contains(s))
            && self.stage.is_none_or(|s| row.stage == s)
            && self
                .lead
                .as_ref()
                .is_none_or(|lead| row.lead.as_ref().is_some_and(|l| &l.id == lead))
            && self.band.is_none_or(|b| row.current.band == Some(b))
            && self.open_case.is_none_or(|f| f.matches(row.open_case.as_ref()))
    }
}

/// What the rows are ordered by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SortKey {
    Name,
    Signal(Signal),
    /// The "open case" signal ([`OpenCaseSignal::value`]); accounts without one last.
    OpenCase,
}

impl SortKey {
    /// Whether sorting by this key starts descending: the worst first for a signal
    /// (the lowest where [`Signal::higher_is_better`], else the highest) and for the
    /// open case (the most severe), names A–Z.
    pub fn worst_first(self) -> bool {
        match self {
            SortKey::Name => false,
            SortKey::Signal(signal) => !signal.higher_is_better(),
            SortKey::OpenCase => true,
        }
    }
}

/// The heatmap's opening order: most euros at risk first.
pub const DEFAULT_SORT: (SortKey, bool) = (SortKey::Signal(Signal::RevenueAtRisk), true);

/// Sorts `items` by `value`, descending when asked; items without one go last either
/// way, and ties keep the name order. Rows sort by a signal with it, and the time mode
/// by one period's values.
pub fn sort_by_value<'a, T>(
    items: &mut [T],
    name: impl Fn(&T) -> &'a str,
    value: impl Fn(&T) -> Option<f64>,
    descending: bool,
) {
    items.sort_by_cached_key(|item| {
        let value = value(item).filter(|v| !v.is_nan());
        // Missing last; then by value in the asked direction (+ 0.0 makes −0 and 0 one
        // value); then by name.
        let ordered = value.map(|v| (if descending { -v } else { v }) + 0.0);
        (ordered.is_none(), ordered.map(TotalOrder), name(item).to_lowercase())
    });
}

/// `f64` ordered by `total_cmp`, for sort keys.
#[derive(Debug, Clone, Copy, PartialEq)]
struct TotalOrder(f64);

impl Eq for TotalOrder {}

impl PartialOrd for TotalOrder {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for TotalOrder {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.0.total_cmp(&other.0)
    }
}

/// Sorts by `key`, descending when asked; rows without a value go last either way,
/// and ties keep the name order.
pub fn sort(rows: &mut [&HeatmapRow], key: SortKey, descending: bool) {
    match key {
        SortKey::Name => {
            rows.sort_by_cached_key(|row| row.name.to_lowercase());
            if descending {
                rows.reverse();
            }
        }
        SortKey::Signal(signal) => sort_by_value(rows, |row| row.name.as_str(), |row| row.value(signal), descending),
        SortKey::OpenCase => sort_by_value(rows, |row| row.name.as_str(), |row| row.open_case_value(), descending),
    }
}

/// One segment's totals; `segment` none is "all accounts shown".
#[derive(Debug, Clone, PartialEq)]
pub struct SegmentTotal {
    pub segment: Option<String>,
    pub accounts: u32,
    /// Over every answer of the window in the segment's accounts.
    pub nps: Option<f64>,
    pub revenue_at_risk_eur: i64,
    /// Revenue at risk split evenly over each account's causes; `None` for accounts at
    /// risk with no cause named.
    pub by_cause: Vec<(Option<ChurnCause>, i64)>,
}

impl SegmentTotal {
    fn of<'a>(segment: Option<String>, rows: impl Iterator<Item = &'a HeatmapRow>) -> SegmentTotal {
        let mut total = SegmentTotal {
            segment,
            accounts: 0,
            nps: None,
            revenue_at_risk_eur: 0,
            by_cause: Vec::new(),
        };
        let mut counts = [0u32; 3];
        let mut by_cause: Vec<(Option<ChurnCause>, f64)> = Vec::new();
        for row in rows {
            total.accounts += 1;
            for (sum, n) in counts.iter_mut().zip(&row.nps_counts) {
                *sum += n;
            }
            let at_risk = row.revenue_at_risk_eur;
            total.revenue_at_risk_eur += at_risk;
            if at_risk == 0 {
                continue;
            }
            let causes: Vec<Option<ChurnCause>> = if row.causes.is_empty() {
                vec![None]
            } else {
                row.causes.iter().copied().map(Some).collect()
            };
            let share = at_risk as f64 / causes.len() as f64;
            for cause in causes {
                match by_cause.iter_mut().find(|(c, _)| *c == cause) {
                    Some((_, sum)) => *sum += share,
                    None => by_cause.push((cause, share)),
                }
            }
        }
        let answered = counts.iter().sum::<u32>();
        total.nps = (answered > 0).then(|| 100.0 * (f64::from(counts[0]) - f64::from(counts[2])) / f64::from(answered));
        by_cause.sort_by(|a, b| b.1.total_cmp(&a.1));
        total.by_cause = by_cause.into_iter().map(|(c, sum)| (c, sum.round() as i64)).collect();
        total
    }
}

/// Totals of the rows shown: all of them first, then each segment by name (an account
/// in two segments counts in both).
pub fn segment_totals(rows: &[&HeatmapRow]) -> Vec<SegmentTotal> {
    let mut segments: Vec<&String> = rows.iter().flat_map(|r| &r.segments).collect();
    segments.sort_by_key(|s| s.to_lowercase());
    segments.dedup();
    let mut totals = vec![SegmentTotal::of(None, rows.iter().copied())];
    totals.extend(segments.into_iter().map(|segment| {
        SegmentTotal::of(
            Some(segment.clone()),
            rows.iter().copied().filter(|r| r.segments.contains(segment)),
        )
    }));
    totals
}

/// The portfolio of the rows shown, as the summary above the grid tells it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Portfolio {
    pub accounts: u32,
    pub revenue_eur: i64,
    pub revenue_at_risk_eur: i64,
    /// Accounts with any revenue at risk.
    pub accounts_at_risk: u32,
}

pub fn portfolio(rows: &[&HeatmapRow]) -> Portfolio {
    rows.iter().fold(Portfolio::default(), |mut total, row| {
        total.accounts += 1;
        total.revenue_eur += row.annual_value_eur;
        total.revenue_at_risk_eur += row.revenue_at_risk_eur;
        total.accounts_at_risk += u32::from(row.revenue_at_risk_eur > 0);
        total
    })
}

/// Revenue at risk of `accounts` at the end of last month, and how many of them had
/// any, from the revenue-at-risk history (its last month is the current one); `None`
/// for another signal's history or one without a month before this one.
pub fn revenue_at_risk_last_month(history: &HeatmapHistory, accounts: &[&str]) -> Option<(i64, u32)> {
    if history.signal != Signal::RevenueAtRisk || history.months.len() < 2 {
        return None;
    }
    let last_month = history.months.len() - 2;
    let mut total = (0, 0);
    for row in history.rows.iter().filter(|r| accounts.contains(&r.account.as_str())) {
        let euros = row.values.get(last_month).copied().flatten().unwrap_or(0.0).round() as i64;
        total.0 += euros;
        total.1 += u32::from(euros > 0);
    }
    Some(total)
}

/// Months grouped into quarters: each quarter's value is its latest month's that has
/// one (every month already looks back over the whole window).
pub fn quarters(months: &[String], values: &[Option<f64>]) -> Vec<(String, Option<f64>)> {
    let mut quarters: Vec<(String, Option<f64>)> = Vec::new();
    for (label, value) in months.iter().zip(values) {
        let Some(month) = Month::parse(label) else { continue };
        let quarter = month.quarter_label();
        match quarters.last_mut() {
            Some((q, latest)) if *q == quarter => *latest = value.or(*latest),
            _ => quarters.push((quarter, *value)),
        }
    }
    quarters
}

/// One cell of an export. Text comes from people (account, segment and lead names) and
/// is neutralised against formula injection; numbers are ours, formatted here, and stay
/// numbers — a negative gap `-3` must still add up in a spreadsheet.
enum Cell {
    Text(String),
    Number(String),
}

/// RFC 4180 quoting, after neutralising text that a spreadsheet would run as a formula
/// (`=`, `+`, `-`, `@`, and tab or carriage return, which some read past): such text is
/// prefixed with `'`, which spreadsheets show as text and do not evaluate (OWASP's
/// advice for CSV injection).
fn csv_field(cell: &Cell) -> String {
    let text = match cell {
        Cell::Text(text) if text.starts_with(['=', '+', '-', '@', '\t', '\r']) => format!("'{text}"),
        Cell::Text(text) | Cell::Number(text) => text.clone(),
    };
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text
    }
}

fn number(value: Option<f64>) -> Cell {
    Cell::Number(
        value
            .map(|v| format!("{}", (v * 10.0).round() / 10.0))
            .unwrap_or_default(),
    )
}

fn csv_line(cells: impl IntoIterator<Item = Cell>) -> String {
    let mut line = cells.into_iter().map(|c| csv_field(&c)).collect::<Vec<_>>().join(",");
    line.push_str("\r\n");
    line
}

fn header<'a>(names: impl IntoIterator<Item = &'a str>) -> String {
    csv_line(names.into_iter().map(|name| Cell::Text(name.to_string())))
}

/// The "open case" cell of the CSV: its severity, and whether it is overdue.
fn open_case_text(case: &OpenCaseSignal) -> String {
    if case.overdue {
        format!("{}; overdue", case.severity.code())
    } else {
        case.severity.code().to_string()
    }
}

/// The rows as shown, as CSV (RFC 4180): the account, then every signal by its code.
pub fn to_csv(rows: &[&HeatmapRow]) -> String {
    let mut csv = header(
        ["account", "segments", "stage", "lead", "annual_value_eur", "risk_band"]
            .into_iter()
            .chain(Signal::ALL.iter().map(|s| s.code()))
            .chain(["open_case"]),
    );
    for row in rows {
        let cells = [
            Cell::Text(row.name.clone()),
            Cell::Text(row.segments.join("; ")),
            Cell::Text(row.stage.code().to_string()),
            Cell::Text(row.lead.as_ref().map(|l| l.name.clone()).unwrap_or_default()),
            Cell::Number(row.annual_value_eur.to_string()),
            Cell::Text(row.current.band.map(|b| b.code().to_string()).unwrap_or_default()),
        ]
        .into_iter()
        .chain(Signal::ALL.iter().map(|&s| number(row.value(s))))
        .chain([Cell::Text(
            row.open_case.as_ref().map(open_case_text).unwrap_or_default(),
        )]);
        csv.push_str(&csv_line(cells));
    }
    csv
}

/// One signal over time for the rows as shown: the account, then a column per period.
pub fn history_csv(signal: Signal, periods: &[String], rows: &[(&HeatmapRow, Vec<Option<f64>>)]) -> String {
    let mut csv = header(
        ["account", "signal"]
            .into_iter()
            .chain(periods.iter().map(String::as_str)),
    );
    for (row, values) in rows {
        let cells = [Cell::Text(row.name.clone()), Cell::Text(signal.code().to_string())]
            .into_iter()
            .chain(values.iter().map(|v| number(*v)));
        csv.push_str(&csv_line(cells));
    }
    csv
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(name: &str, segment: &str, band: Option<RiskBand>, value: i64) -> HeatmapRow {
        HeatmapRow {
            account: name.to_lowercase(),
            name: name.into(),
            segments: vec![segment.into()],
            stage: Stage::Delivery,
            lead: None,
            annual_value_eur: value,
            revenue_at_risk_eur: band.map_or(0, |b| BandProbabilities::defaults(0).revenue_at_risk(b, value)),
            current: SignalValues {
                health: band.map(|b| match b {
                    RiskBand::Low => 80.0,
                    RiskBand::Medium => 60.0,
                    RiskBand::High => 40.0,
                    RiskBand::Critical => 20.0,
                }),
                band,
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
    fn levels_run_from_good_to_bad() {
        let levels = |signal: Signal, values: &[f64]| values.iter().map(|&v| signal.level(v)).collect::<Vec<_>>();
        assert_eq!(
            levels(Signal::Health, &[100.0, 70.0, 65.0, 50.0, 30.0, 29.9, 0.0]),
            [1, 1, 2, 3, 4, 5, 5]
        );
        assert_eq!(levels(Signal::Nps, &[80.0, 20.0, 0.0, -30.0, -31.0]), [1, 2, 3, 4, 5]);
        assert_eq!(levels(Signal::Gap, &[0.0, -15.0, 30.0, -40.0, 80.0]), [1, 2, 3, 4, 5]);
        assert_eq!(levels(Signal::ChurnRisk, &[0.0, 1.0, 2.0, 3.0]), [1, 3, 4, 5]);
        assert_eq!(
            levels(Signal::ExpectationGap, &[-1.0, 0.2, 0.5, 0.9, 2.0]),
            [1, 2, 3, 4, 5]
        );
        assert_eq!(levels(Signal::RevenueAtRisk, &[0.0, 9_000.0, 160_000.0]), [1, 2, 5]);
    }

    #[test]
    fn the_portfolio_adds_up_the_rows_shown_and_last_months_risk_from_the_history() {
        let rows = [
            row("Acme", "retail", Some(RiskBand::High), 100_000),
            row("Globex", "retail", Some(RiskBand::Low), 50_000),
            row("Initech", "software", None, 20_000),
        ];
        let shown: Vec<&HeatmapRow> = rows.iter().collect();
        let total = portfolio(&shown);
        assert_eq!(total.accounts, 3);
        assert_eq!(total.revenue_eur, 170_000);
        assert_eq!(
            total.revenue_at_risk_eur,
            rows[0].revenue_at_risk_eur + rows[1].revenue_at_risk_eur
        );
        assert_eq!(total.accounts_at_risk, 2);
        assert_eq!(portfolio(&[]), Portfolio::default());

        let history = HeatmapHistory {
            signal: Signal::RevenueAtRisk,
            months: vec!["2026-10".into(), "2026-11".into(), "2026-12".into()],
            rows: vec![
                HistoryRow {
                    account: "acme".into(),
                    values: vec![Some(1.0), Some(30_000.4), Some(45_000.0)],
                },
                HistoryRow {
                    account: "globex".into(),
                    values: vec![None, Some(0.0), Some(2_000.0)],
                },
                HistoryRow {
                    account: "initech".into(),
                    values: vec![Some(9_000.0), Some(9_000.0), Some(0.0)],
                },
            ],
        };
        // November, of the accounts shown (Initech filtered away).
        assert_eq!(
            revenue_at_risk_last_month(&history, &["acme", "globex"]),
            Some((30_000, 1))
        );
        let nps = HeatmapHistory {
            signal: Signal::Nps,
            ..history.clone()
        };
        assert_eq!(revenue_at_risk_last_month(&nps, &["acme"]), None);
        let one_month = HeatmapHistory {
            months: vec!["2026-12".into()],
            ..history
        };
        assert_eq!(revenue_at_risk_last_month(&one_month, &["acme"]), None);
    }

    fn with_case(mut row: HeatmapRow, severity: Severity, overdue: bool) -> HeatmapRow {
        row.open_case = Some(OpenCaseSignal {
            case_id: format!("case-{}", row.name),
            severity,
            overdue,
        });
        row
    }

    #[test]
    fn the_open_case_signal_sorts_by_severity_overdue_first_and_filters() {
        let rows = [
            with_case(row("Beta", "x", None, 0), Severity::High, false),
            row("alpha", "x", None, 0),
            with_case(row("Gamma", "x", None, 0), Severity::Medium, true),
            with_case(row("Delta", "x", None, 0), Severity::High, true),
        ];
        let mut shown: Vec<&HeatmapRow> = rows.iter().collect();
        let names = |rows: &[&HeatmapRow]| rows.iter().map(|r| r.name.clone()).collect::<Vec<_>>();
        sort(&mut shown, SortKey::OpenCase, true);
        assert_eq!(names(&shown), ["Delta", "Beta", "Gamma", "alpha"]);
        sort(&mut shown, SortKey::OpenCase, false);
        assert_eq!(names(&shown), ["Gamma", "Beta", "Delta", "alpha"]);

        let filtered = |open_case| {
            let filter = Filter {
                open_case: Some(open_case),
                ..Filter::default()
            };
            let mut kept: Vec<String> = rows
                .iter()
                .filter(|r| filter.matches(r))
                .map(|r| r.name.clone())
                .collect();
            kept.sort();
            kept
        };
        assert_eq!(filtered(OpenCaseFilter::Open), ["Beta", "Delta", "Gamma"]);
        assert_eq!(filtered(OpenCaseFilter::Overdue), ["Delta", "Gamma"]);
        assert_eq!(filtered(OpenCaseFilter::None), ["alpha"]);

        let level = |r: &HeatmapRow| r.open_case.as_ref().map(OpenCaseSignal::level);
        assert_eq!(
            rows.iter().map(level).collect::<Vec<_>>(),
            [Some(4), None, Some(4), Some(5)]
        );
        let csv = to_csv(&[&rows[3], &rows[1]]);
        let lines: Vec<&str> = csv.lines().collect();
        assert!(lines[0].ends_with(",open_case"), "{}", lines[0]);
        assert!(lines[1].ends_with(",high; overdue"), "{}", lines[1]);
        assert!(lines[2].ends_with(','), "{}", lines[2]);
    }

    #[test]
    fn sorting_puts_missing_values_last_both_ways() {
        let rows = [
            row("Beta", "x", Some(RiskBand::High), 100_000),
            row("alpha", "x", None, 500_000),
            row("Gamma", "x", Some(RiskBand::Low), 2_000_000),
        ];
        let mut shown: Vec<&HeatmapRow> = rows.iter().collect();
        let names = |rows: &[&HeatmapRow]| rows.iter().map(|r| r.name.clone()).collect::<Vec<_>>();
        let (key, descending) = DEFAULT_SORT;
        sort(&mut shown, key, descending);
        assert_eq!(names(&shown), ["Gamma", "Beta", "alpha"]); // 100 000 €, 50 000 €, none last
        sort(&mut shown, SortKey::Signal(Signal::Health), false);
        assert_eq!(names(&shown), ["Beta", "Gamma", "alpha"]);
        sort(&mut shown, SortKey::Signal(Signal::Health), true);
        assert_eq!(names(&shown), ["Gamma", "Beta", "alpha"]);
        sort(&mut shown, SortKey::Name, false);
        assert_eq!(names(&shown), ["alpha", "Beta", "Gamma"]);
        sort(&mut shown, SortKey::Name, true);
        assert_eq!(names(&shown), ["Gamma", "Beta", "alpha"]);
        // By one period's values, as the time mode sorts: -0.0 and 0.0 are one value.
        let mut periods = [("b", Some(0.0)), ("a", Some(-0.0)), ("c", None), ("d", Some(3.0))];
        sort_by_value(&mut periods, |p| p.0, |p| p.1, true);
        assert_eq!(periods.map(|p| p.0), ["d", "a", "b", "c"]);
    }

    #[test]
    fn filters_combine() {
        let mut led = row("Nordic Retail", "retail", Some(RiskBand::High), 1);
        led.lead = Some(PersonRef {
            id: "u1".into(),
            name: "Mia".into(),
        });
        let other = row("Baltic", "logistics", Some(RiskBand::Low), 1);
        let filter = |f: Filter| {
            [&led, &other]
                .iter()
                .filter(|r| f.matches(r))
                .map(|r| r.name.clone())
                .collect::<Vec<_>>()
        };
        assert_eq!(filter(Filter::default()).len(), 2);
        assert_eq!(
            filter(Filter {
                search: " nordic ".into(),
                ..Filter::default()
            }),
            ["Nordic Retail"]
        );
        assert_eq!(
            filter(Filter {
                segment: Some("logistics".into()),
                ..Filter::default()
            }),
            ["Baltic"]
        );
        assert_eq!(
            filter(Filter {
                lead: Some("u1".into()),
                ..Filter::default()
            }),
            ["Nordic Retail"]
        );
        assert_eq!(
            filter(Filter {
                band: Some(RiskBand::Low),
                ..Filter::default()
            }),
            ["Baltic"]
        );
        assert!(
            filter(Filter {
                band: Some(RiskBand::Low),
                search: "nordic".into(),
                ..Filter::default()
            })
            .is_empty()
        );
    }

    #[test]
    fn totals_pool_the_answers_and_split_revenue_over_causes() {
        let mut a = row("A", "retail", Some(RiskBand::High), 100_000); // 50 000 at risk
        a.nps_counts = vec![1, 0, 1];
        a.causes = vec![ChurnCause::VoiceLost, ChurnCause::CompetitorsAhead];
        let mut b = row("B", "retail", Some(RiskBand::Medium), 100_000); // 20 000, no cause
        b.nps_counts = vec![2, 1, 0];
        let mut c = row("C", "logistics", Some(RiskBand::Critical), 10_000); // 8 000
        c.causes = vec![ChurnCause::VoiceLost];
        let totals = segment_totals(&[&a, &b, &c]);
        assert_eq!(totals.len(), 3);
        let all = &totals[0];
        assert_eq!((all.segment.clone(), all.accounts), (None, 3));
        assert_eq!(all.revenue_at_risk_eur, 78_000);
        assert_eq!(all.nps, Some(40.0)); // 3 promoters, 1 detractor of 5
        assert_eq!(
            all.by_cause,
            [
                (Some(ChurnCause::VoiceLost), 33_000),
                (Some(ChurnCause::CompetitorsAhead), 25_000),
                (None, 20_000)
            ]
        );
        assert_eq!(totals[1].segment.as_deref(), Some("logistics"));
        assert_eq!(totals[2].accounts, 2);
        assert_eq!(totals[1].nps, None);
    }

    #[test]
    fn revenue_at_risk_follows_the_organisations_probabilities() {
        let calibrated = BandProbabilities {
            source: health::ProbabilitySource::OwnOutcomes,
            outcomes: 40,
            low: 0.1,
            medium: 0.3,
            high: 0.6,
            critical: 0.9,
        };
        let mut high = row("A", "retail", Some(RiskBand::High), 100_000);
        let value = Signal::RevenueAtRisk.value(&high.current, high.annual_value_eur, &calibrated);
        assert_eq!(value, Some(60_000.0));
        // A row is priced by the server; sorting and totals use that price.
        high.revenue_at_risk_eur = 60_000;
        assert_eq!(high.value(Signal::RevenueAtRisk), Some(60_000.0));
        assert_eq!(segment_totals(&[&high])[0].revenue_at_risk_eur, 60_000);
        let unknown = row("B", "retail", None, 100_000);
        assert_eq!(unknown.value(Signal::RevenueAtRisk), None);
    }

    #[test]
    fn quarters_take_each_quarters_latest_value() {
        let months: Vec<String> = ["2026-01", "2026-02", "2026-03", "2026-04", "2026-05"]
            .map(String::from)
            .to_vec();
        let values = [Some(1.0), None, Some(3.0), Some(4.0), None];
        assert_eq!(
            quarters(&months, &values),
            [("2026-Q1".to_string(), Some(3.0)), ("2026-Q2".to_string(), Some(4.0))]
        );
    }

    #[test]
    fn csv_quotes_what_needs_quoting() {
        let mut r = row("Nordic \"Retail\", Oy", "retail", Some(RiskBand::High), 120_000);
        r.current.nps = Some(33.333);
        let csv = to_csv(&[&r]);
        let mut lines = csv.lines();
        assert_eq!(
            lines.next().unwrap(),
            "account,segments,stage,lead,annual_value_eur,risk_band,health,nps,team_health,churn_risk,gap,trend,\
             response_rate,expectation_gap,revenue_at_risk,open_case"
        );
        assert_eq!(
            lines.next().unwrap(),
            "\"Nordic \"\"Retail\"\", Oy\",retail,delivery,,120000,high,40,33.3,,2,,,,,60000,"
        );
        let history = history_csv(Signal::Nps, &["2026-Q1".into()], &[(&r, vec![None])]);
        assert_eq!(history.lines().nth(1).unwrap(), "\"Nordic \"\"Retail\"\", Oy\",nps,");
    }

    #[test]
    fn text_that_a_spreadsheet_would_run_is_neutralised_and_numbers_stay_numbers() {
        let mut r = row(
            "=HYPERLINK(\"http://evil.test\",\"x\")",
            "+retail",
            Some(RiskBand::High),
            120_000,
        );
        r.segments.push("-cmd".into());
        r.lead = Some(crate::account::PersonRef {
            id: "u1".into(),
            name: "@SUM(A1)".into(),
        });
        r.current.gap = Some(-3.0);
        let csv = to_csv(&[&r]);
        let line = csv.lines().nth(1).unwrap();
        assert!(
            line.starts_with(
                "\"'=HYPERLINK(\"\"http://evil.test\"\",\"\"x\"\")\",'+retail; -cmd,delivery,'@SUM(A1),120000,"
            ),
            "{line}"
        );
        assert!(line.contains(",-3,"), "the negative gap stays a number: {line}");
        for name in ["-2", "\tx", "\r=1"] {
            let r = row(name, "retail", None, 1);
            let csv = history_csv(Signal::Gap, &["2026-01".into()], &[(&r, vec![Some(-1.5)])]);
            let line = csv.lines().nth(1).unwrap();
            assert!(line.starts_with("'") || line.starts_with("\"'"), "{name:?}: {line}");
            assert!(line.ends_with(",gap,-1.5"), "{line}");
        }
    }

    #[test]
    fn quotes_are_shortened_at_a_word() {
        assert_eq!(shorten("  Short enough. "), "Short enough.");
        let long = "word ".repeat(100);
        let short = shorten(&long);
        assert!(short.chars().count() <= QUOTE_MAX_CHARS + 1);
        assert!(short.ends_with("word…"));
    }

    #[test]
    fn the_worst_comes_first_and_agrees_with_the_levels() {
        for signal in Signal::ALL {
            // The worse of two values has the higher level, whichever way is good.
            let (low, high) = match signal {
                Signal::ChurnRisk => (0.0, 3.0),
                Signal::ExpectationGap => (-0.5, 2.0),
                Signal::Gap => (0.0, 60.0),
                _ => (-100.0, 1_000_000.0),
            };
            let worse_high = signal.level(high) > signal.level(low);
            assert_eq!(signal.higher_is_better(), !worse_high, "{signal:?}");
            assert_eq!(SortKey::Signal(signal).worst_first(), worse_high, "{signal:?}");
        }
        assert!(!SortKey::Signal(Signal::Health).worst_first(), "lowest health first");
        assert!(SortKey::Signal(Signal::RevenueAtRisk).worst_first(), "most euros first");
        assert!(!SortKey::Name.worst_first(), "A–Z");
        assert!(SortKey::OpenCase.worst_first());
        assert_eq!(DEFAULT_SORT.1, DEFAULT_SORT.0.worst_first());
    }

    #[test]
    fn codes_round_trip() {
        for signal in Signal::ALL {
            assert_eq!(serde_json::to_value(signal).unwrap().as_str(), Some(signal.code()));
            assert_eq!(Signal::from_code(signal.code()), Some(signal));
        }
    }
}
