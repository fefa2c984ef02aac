//! Heatmap views a person keeps under a name: the filters, sort and mode of the
//! heatmap's address (`?band=high&sort=gap&dir=desc`), opened again with one choice.
//! Each person's own; the address is kept as given and read like any other address,
//! so a view naming what no longer exists opens as the defaults for that part.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::validate::{self, FieldError, Invalid};

/// How many views one person keeps: a list to choose from, not an archive.
pub const SAVED_VIEWS_MAX: usize = 30;
/// The longest name, in characters.
pub const SAVED_VIEW_NAME_MAX: usize = 60;
/// The longest address query, in characters (the search text is the only free part).
pub const SAVED_VIEW_QUERY_MAX: usize = 1000;

api_type! {
    /// `GET /heatmap/views`: one of the caller's saved views.
    pub struct SavedView {
        pub id: String,
        pub name: String,
        /// The heatmap address's query, `?…`, or empty for the default view.
        pub query: String,
        pub created_at: DateTime<Utc>,
    }
}

api_type! {
    /// `POST /heatmap/views`: a view to keep. A name the person already uses is
    /// replaced, so saving again under the same name updates it.
    pub struct SavedViewInput {
        pub name: String,
        pub query: String,
    }
}

impl SavedViewInput {
    pub fn check(&self) -> Result<(), FieldError> {
        validate::name("name", &self.name)?;
        validate::too_long("name", self.name.trim(), SAVED_VIEW_NAME_MAX)?;
        validate::too_long("query", &self.query, SAVED_VIEW_QUERY_MAX)?;
        let is_query = self.query.is_empty() || (self.query.starts_with('?') && !self.query.contains('#'));
        if !is_query || self.query.chars().any(validate::is_hidden) {
            return Err(FieldError {
                field: "query",
                problem: Invalid::UnknownChoice,
            });
        }
        Ok(())
    }

    /// The name as stored and compared: without the spaces around it.
    pub fn trimmed_name(&self) -> &str {
        self.name.trim()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input(name: &str, query: &str) -> SavedViewInput {
        SavedViewInput {
            name: name.into(),
            query: query.into(),
        }
    }

    #[test]
    fn a_view_has_a_name_and_a_heatmap_query() {
        assert_eq!(
            input(" High risk, by gap ", "?band=high&sort=gap&dir=desc").check(),
            Ok(())
        );
        assert_eq!(input("Everything", "").check(), Ok(()));
        let problem = |name: &str, query: &str| input(name, query).check().unwrap_err();
        assert_eq!(problem("  ", "").problem, Invalid::Required);
        assert_eq!(problem(&"x".repeat(61), "").problem, Invalid::TooLong { max: 60 });
        assert_eq!(problem("Mine", "band=high").field, "query");
        assert_eq!(problem("Mine", "?q=a#frag").field, "query");
        assert_eq!(problem("Mine", "?q=\u{202e}").field, "query");
        assert_eq!(problem("Mine", &format!("?q={}", "a".repeat(1000))).field, "query");
        assert_eq!(problem("Mi\u{0}ne", "").problem, Invalid::HiddenCharacters);
    }
}
