//! The cases list's filter, kept in the address (`/cases?scope=all&overdue=true`) so a
//! filtered list can be bookmarked, shared and returned to; and the same filter as the
//! query of `GET /cases`.

use kaiku_core::case::{CaseScope, CaseStatus, Severity};

use crate::address::query;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseFilter {
    pub scope: CaseScope,
    /// `None`: open and closed.
    pub status: Option<CaseStatus>,
    pub overdue: bool,
    pub severity: Option<Severity>,
    /// A user id.
    pub owner: Option<String>,
    /// An account id.
    pub account: Option<String>,
}

/// The address says `status=any` for open and closed alike: no `status` means the
/// list's usual view, the open cases.
const ANY_STATUS: &str = "any";

impl Default for CaseFilter {
    fn default() -> Self {
        CaseFilter {
            scope: CaseScope::Mine,
            status: Some(CaseStatus::Open),
            overdue: false,
            severity: None,
            owner: None,
            account: None,
        }
    }
}

impl CaseFilter {
    /// The filter an address's query names; what it does not name (or names wrongly)
    /// stays as by default.
    pub fn from_query(get: impl Fn(&str) -> Option<String>) -> CaseFilter {
        let text = |key: &str| get(key).map(|v| v.trim().to_string()).filter(|v| !v.is_empty());
        let default = CaseFilter::default();
        CaseFilter {
            scope: text("scope")
                .and_then(|s| CaseScope::from_code(&s))
                .unwrap_or(default.scope),
            status: match text("status") {
                Some(s) if s == ANY_STATUS => None,
                Some(s) => CaseStatus::from_code(&s).or(default.status),
                None => default.status,
            },
            overdue: text("overdue").is_some_and(|v| v == "true"),
            severity: text("severity").and_then(|s| Severity::from_code(&s)),
            owner: text("owner"),
            account: text("account"),
        }
    }

    /// The pairs of the query, in a fixed order; `for_address` leaves defaults out.
    fn pairs(&self, for_address: bool) -> Vec<(&'static str, String)> {
        let default = CaseFilter::default();
        let mut pairs = Vec::new();
        if !for_address || self.scope != default.scope {
            pairs.push(("scope", self.scope.code().to_string()));
        }
        match (self.status, for_address) {
            (Some(status), false) => pairs.push(("status", status.code().to_string())),
            (None, true) => pairs.push(("status", ANY_STATUS.to_string())),
            (Some(status), true) if Some(status) != default.status => pairs.push(("status", status.code().to_string())),
            _ => {}
        }
        if self.overdue {
            pairs.push(("overdue", "true".to_string()));
        }
        if let Some(severity) = self.severity {
            pairs.push(("severity", severity.code().to_string()));
        }
        if let Some(owner) = &self.owner {
            pairs.push(("owner", owner.clone()));
        }
        if let Some(account) = &self.account {
            pairs.push(("account", account.clone()));
        }
        pairs
    }

    /// `?scope=all&status=any`: what differs from the usual view, for the address bar.
    pub fn to_address_query(&self) -> String {
        query(&self.pairs(true))
    }

    /// The query of `GET /cases`, every chosen filter spelled out.
    pub fn to_api_query(&self) -> String {
        query(&self.pairs(false))
    }

    /// Whether anything besides the scope narrows the list.
    pub fn narrowed(&self) -> bool {
        let default = CaseFilter::default();
        CaseFilter {
            scope: default.scope,
            ..self.clone()
        } != default
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(query: &str) -> CaseFilter {
        let pairs = crate::address::parse_pairs(query);
        CaseFilter::from_query(|key| pairs.iter().find(|(k, _)| k == key).map(|(_, v)| v.clone()))
    }

    #[test]
    fn the_usual_view_is_my_open_cases_with_a_bare_address() {
        let filter = parse("");
        assert_eq!(filter, CaseFilter::default());
        assert_eq!(filter.scope, CaseScope::Mine);
        assert_eq!(filter.status, Some(CaseStatus::Open));
        assert_eq!(filter.to_address_query(), "");
        assert!(!filter.narrowed());
        // The server is told exactly what is shown, not left to its own defaults.
        assert_eq!(filter.to_api_query(), "?scope=mine&status=open");
    }

    #[test]
    fn every_filter_survives_the_address_bar() {
        let filter = CaseFilter {
            scope: CaseScope::All,
            status: None,
            overdue: true,
            severity: Some(Severity::Critical),
            owner: Some("user:abc".into()),
            account: Some("account:x y".into()),
        };
        let address = filter.to_address_query();
        assert_eq!(
            address,
            "?scope=all&status=any&overdue=true&severity=critical&owner=user%3Aabc&account=account%3Ax%20y"
        );
        assert_eq!(parse(&address), filter);
        assert!(filter.narrowed());
        // Open and closed alike: the server gets no status at all.
        assert!(!filter.to_api_query().contains("status"));
        let finnish = CaseFilter {
            account: Some("Ääkkönen & co".into()),
            ..CaseFilter::default()
        };
        assert_eq!(parse(&finnish.to_address_query()), finnish);
    }

    #[test]
    fn closed_cases_are_named_in_the_address() {
        let filter = CaseFilter {
            status: Some(CaseStatus::Closed),
            ..CaseFilter::default()
        };
        assert_eq!(filter.to_address_query(), "?status=closed");
        assert_eq!(parse("?status=closed"), filter);
    }

    #[test]
    fn a_mangled_address_falls_back_to_the_usual_view_per_filter() {
        let filter = parse("?scope=everyone&status=maybe&overdue=yes&severity=huge&owner=&account=%20");
        assert_eq!(filter, CaseFilter::default());
        let filter = parse("?scope=my_accounts&severity=high");
        assert_eq!(filter.scope, CaseScope::MyAccounts);
        assert_eq!(filter.severity, Some(Severity::High));
        assert_eq!(filter.status, Some(CaseStatus::Open));
        assert!(filter.narrowed());
    }
}
