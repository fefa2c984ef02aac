//! Reading what the store keeps as text — JSON of core types, enum codes, dates — and
//! numbers that must fit a smaller type. A value that does not decode is an
//! [`Unreadable`] error naming the record and field, never a default: a default would
//! be acted on (settings reset, a default cycle mailing customers, answers dropped from
//! health scores).

use chrono::NaiveDate;
use serde::de::DeserializeOwned;
use surrealdb::types::RecordId;

/// A stored value that does not decode: damaged, or written by a newer version.
#[derive(Debug, Clone, thiserror::Error)]
#[error("stored data unreadable: `{field}` of {record}: {reason}")]
pub struct Unreadable {
    pub record: String,
    pub field: &'static str,
    /// What is wrong, without the value itself (it may be a customer's words).
    pub reason: String,
}

impl Unreadable {
    /// The error, logged once with the record and field where it is found.
    pub fn new(record: &RecordId, field: &'static str, reason: impl Into<String>) -> Unreadable {
        let error = Unreadable {
            record: format!("{}:{}", record.table, super::key_of(record)),
            field,
            reason: reason.into(),
        };
        tracing::error!(record = %error.record, field, reason = %error.reason, "stored data unreadable");
        error
    }
}

/// serde_json's account of a failure, cut before any quoted value.
fn json_reason(err: &serde_json::Error) -> String {
    let text = err.to_string();
    let kind = text.split(": ").next().unwrap_or_default();
    let kind = kind.split(" at line ").next().unwrap_or(kind);
    format!("{kind} (line {}, column {})", err.line(), err.column())
}

/// JSON text of a core type.
pub fn json<T: DeserializeOwned>(record: &RecordId, field: &'static str, text: &str) -> Result<T, Unreadable> {
    serde_json::from_str(text).map_err(|e| Unreadable::new(record, field, json_reason(&e)))
}

/// JSON text that may never have been set.
pub fn optional_json<T: DeserializeOwned>(
    record: &RecordId,
    field: &'static str,
    text: Option<&str>,
) -> Result<Option<T>, Unreadable> {
    text.map(|text| json(record, field, text)).transpose()
}

/// An enum's stored code, read by the enum's own parser.
pub fn code<T>(
    record: &RecordId,
    field: &'static str,
    text: &str,
    parse: impl FnOnce(&str) -> Option<T>,
) -> Result<T, Unreadable> {
    parse(text).ok_or_else(|| Unreadable::new(record, field, "not a known code"))
}

/// A date stored as `YYYY-MM-DD`.
pub fn date(record: &RecordId, field: &'static str, text: &str) -> Result<NaiveDate, Unreadable> {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").map_err(|_| Unreadable::new(record, field, "not a YYYY-MM-DD date"))
}

/// A count or number of days, stored as SurrealDB's integer.
pub fn count<T: TryFrom<i64>>(record: &RecordId, field: &'static str, value: i64) -> Result<T, Unreadable> {
    T::try_from(value).map_err(|_| Unreadable::new(record, field, "out of range"))
}

impl super::Store {
    /// Overwrites one stored text field as is, bypassing every check: for tests that
    /// prove a damaged value is reported rather than replaced by a default.
    #[doc(hidden)]
    pub async fn overwrite_stored_text(
        &self,
        record: &RecordId,
        field: &str,
        text: &str,
    ) -> Result<(), surrealdb::Error> {
        let patch = std::collections::BTreeMap::from([(field.to_string(), text.to_string())]);
        super::run(
            self.db()
                .query("UPDATE $record MERGE $patch")
                .bind(("record", record.clone()))
                .bind(("patch", patch)),
        )
        .await?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record() -> RecordId {
        RecordId::new("org", "abc")
    }

    #[test]
    fn a_bad_value_names_its_record_and_field_but_not_its_content() {
        let err = json::<Vec<u32>>(&record(), "themes_json", r#"["the customer's secret words"]"#).unwrap_err();
        assert_eq!(err.record, "org:abc");
        assert_eq!(err.field, "themes_json");
        assert!(err.reason.starts_with("invalid type"), "{}", err.reason);
        assert!(!err.to_string().contains("secret"), "{err}");
    }

    #[test]
    fn codes_dates_and_counts_refuse_what_they_do_not_know() {
        assert!(code(&record(), "stage", "delivered", kaiku_core::Stage::from_code).is_err());
        assert_eq!(
            code(&record(), "stage", "delivery", kaiku_core::Stage::from_code).unwrap(),
            kaiku_core::Stage::Delivery
        );
        assert!(date(&record(), "start_date", "").is_err());
        assert!(date(&record(), "start_date", "2026-02-30").is_err());
        assert_eq!(
            date(&record(), "start_date", "2026-02-28").unwrap(),
            NaiveDate::from_ymd_opt(2026, 2, 28).unwrap()
        );
        assert!(count::<u32>(&record(), "attempts", -1).is_err());
        assert_eq!(count::<u8>(&record(), "health", 4).unwrap(), 4);
    }

    #[test]
    fn a_value_never_set_is_none_not_an_error() {
        assert_eq!(optional_json::<Vec<u32>>(&record(), "x", None).unwrap(), None);
        assert_eq!(
            optional_json::<Vec<u32>>(&record(), "x", Some("[1]")).unwrap(),
            Some(vec![1])
        );
        assert!(optional_json::<Vec<u32>>(&record(), "x", Some("")).is_err());
    }
}
