//! The heatmap's view in its address (`/heatmap?mode=time&signal=nps&band=high`): the
//! mode, the time mode's signal and period, the filters, the sort and the first row in
//! view. Back from an account returns to the same view, and a link shares it. Defaults
//! are left out.

use kaiku_core::Stage;
use kaiku_core::health::RiskBand;
use kaiku_core::heatmap::{Filter, OpenCaseFilter, Signal, SortKey};

use super::model::{DEFAULT_ORDER, Granularity, Mode, Order};
use crate::address::query;

#[derive(Debug, Clone, PartialEq)]
pub struct HeatmapAddress {
    pub mode: Mode,
    pub signal: Signal,
    pub granularity: Granularity,
    pub filter: Filter,
    /// The order and whether it is descending.
    pub sort: (Order, bool),
    /// The first row in view (0 at the top): Back from an account scrolls to it again.
    pub row: usize,
}

impl Default for HeatmapAddress {
    fn default() -> Self {
        HeatmapAddress {
            mode: Mode::Signals,
            signal: Signal::Health,
            granularity: Granularity::Months,
            filter: Filter::default(),
            sort: DEFAULT_ORDER,
            row: 0,
        }
    }
}

/// The open-case filter as the address (and the filter's select) spells it.
pub fn open_case_code(filter: OpenCaseFilter) -> &'static str {
    match filter {
        OpenCaseFilter::Open => "open",
        OpenCaseFilter::Overdue => "overdue",
        OpenCaseFilter::None => "none",
    }
}

pub fn open_case_filter(value: &str) -> Option<OpenCaseFilter> {
    [OpenCaseFilter::Open, OpenCaseFilter::Overdue, OpenCaseFilter::None]
        .into_iter()
        .find(|f| open_case_code(*f) == value)
}

fn order_code(order: Order) -> String {
    match order {
        Order::Key(SortKey::Name) => "name".into(),
        Order::Key(SortKey::OpenCase) => "open_case".into(),
        Order::Key(SortKey::Signal(signal)) => signal.code().into(),
        Order::Period(col) => format!("period-{col}"),
    }
}

fn order_from_code(code: &str) -> Option<Order> {
    match code {
        "name" => Some(Order::Key(SortKey::Name)),
        "open_case" => Some(Order::Key(SortKey::OpenCase)),
        _ => match code.strip_prefix("period-") {
            Some(col) => col.parse().ok().map(Order::Period),
            None => Signal::from_code(code).map(|s| Order::Key(SortKey::Signal(s))),
        },
    }
}

impl HeatmapAddress {
    /// The view an address's query names; what it leaves out (or names wrongly) is
    /// as by default.
    pub fn from_query(get: impl Fn(&str) -> Option<String>) -> HeatmapAddress {
        let text = |key: &str| get(key).map(|v| v.trim().to_string()).filter(|v| !v.is_empty());
        let default = HeatmapAddress::default();
        let order = text("sort").and_then(|code| order_from_code(&code));
        let descending = match text("dir").as_deref() {
            Some("asc") => false,
            Some("desc") => true,
            _ => default.sort.1,
        };
        HeatmapAddress {
            mode: if text("mode").as_deref() == Some("time") {
                Mode::Time
            } else {
                Mode::Signals
            },
            signal: text("signal")
                .and_then(|s| Signal::from_code(&s))
                .unwrap_or(default.signal),
            granularity: if text("period").as_deref() == Some("quarters") {
                Granularity::Quarters
            } else {
                Granularity::Months
            },
            filter: Filter {
                search: get("q").unwrap_or_default(),
                segment: text("segment"),
                stage: text("stage").and_then(|s| Stage::from_code(&s)),
                lead: text("lead"),
                band: text("band").and_then(|b| RiskBand::from_code(&b)),
                open_case: text("case").and_then(|c| open_case_filter(&c)),
            },
            sort: (order.unwrap_or(default.sort.0), descending),
            row: text("row").and_then(|r| r.parse().ok()).unwrap_or(default.row),
        }
    }

    /// The view a query string (`?…`, as `to_query` writes it) names.
    pub fn parse(query: &str) -> HeatmapAddress {
        let pairs = crate::address::parse_pairs(query);
        HeatmapAddress::from_query(|key| pairs.iter().find(|(k, _)| k == key).map(|(_, v)| v.clone()))
    }

    /// `?…` naming what differs from the default view; empty for the default.
    pub fn to_query(&self) -> String {
        let default = HeatmapAddress::default();
        let mut pairs: Vec<(&str, String)> = Vec::new();
        if self.mode == Mode::Time {
            pairs.push(("mode", "time".into()));
            pairs.push(("signal", self.signal.code().into()));
            if self.granularity == Granularity::Quarters {
                pairs.push(("period", "quarters".into()));
            }
        }
        let f = &self.filter;
        if !f.search.is_empty() {
            pairs.push(("q", f.search.clone()));
        }
        pairs.extend(f.segment.clone().map(|s| ("segment", s)));
        pairs.extend(f.stage.map(|s| ("stage", s.code().to_string())));
        pairs.extend(f.lead.clone().map(|l| ("lead", l)));
        pairs.extend(f.band.map(|b| ("band", b.code().to_string())));
        pairs.extend(f.open_case.map(|c| ("case", open_case_code(c).to_string())));
        if self.sort != default.sort {
            pairs.push(("sort", order_code(self.sort.0)));
            pairs.push(("dir", if self.sort.1 { "desc" } else { "asc" }.into()));
        }
        if self.row != default.row {
            pairs.push(("row", self.row.to_string()));
        }
        query(&pairs)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(query: &str) -> HeatmapAddress {
        HeatmapAddress::parse(query)
    }

    #[test]
    fn the_opening_view_has_a_bare_address() {
        assert_eq!(HeatmapAddress::default().to_query(), "");
        assert_eq!(parse(""), HeatmapAddress::default());
    }

    #[test]
    fn every_choice_survives_the_address_bar() {
        let view = HeatmapAddress {
            mode: Mode::Time,
            signal: Signal::Nps,
            granularity: Granularity::Quarters,
            filter: Filter {
                search: "Ääkkönen & co".into(),
                segment: Some("growth marketing".into()),
                stage: Some(Stage::Delivery),
                lead: Some("user:abc".into()),
                band: Some(RiskBand::High),
                open_case: Some(OpenCaseFilter::Overdue),
            },
            sort: (Order::Period(3), false),
            row: 37,
        };
        let address = view.to_query();
        assert!(
            address.starts_with("?mode=time&signal=nps&period=quarters&q="),
            "{address}"
        );
        assert!(address.ends_with("&row=37"), "{address}");
        assert_eq!(parse(&address), view);

        let by_name = HeatmapAddress {
            sort: (Order::Key(SortKey::Name), false),
            ..HeatmapAddress::default()
        };
        assert_eq!(by_name.to_query(), "?sort=name&dir=asc");
        assert_eq!(parse(&by_name.to_query()), by_name);
    }

    #[test]
    fn nonsense_in_the_address_falls_back_to_the_defaults() {
        assert_eq!(
            parse("?mode=x&signal=y&sort=z&band=w&case=v&row=-3"),
            HeatmapAddress::default()
        );
    }
}
