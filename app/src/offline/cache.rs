//! Server data kept on the device: network first, the stored copy when the server
//! can't be reached.

use chrono::{DateTime, Utc};
use kaiku_core::Lang;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use super::db::{self, Store};
use crate::api::ApiFailure;
use crate::i18n::Msg;

/// A value from the server, or the device's copy of it.
#[derive(Debug, Clone, PartialEq)]
pub struct Cached<T> {
    pub value: T,
    /// `None`: fresh from the server. `Some(at)`: the server could not be reached; this
    /// is the copy stored at `at`.
    pub as_of: Option<DateTime<Utc>>,
}

#[derive(Serialize, Deserialize)]
struct Entry<T> {
    stored_at: DateTime<Utc>,
    value: T,
}

/// Runs `fetch`; on success stores the value under `key` (for the signed-in user) and
/// returns it. When the server can't be reached, returns the stored copy with the time
/// it was stored, or the network failure when there is none. Any other failure (401,
/// 403, 404…) is returned as it is: the server has spoken, a stale copy would mislead.
pub async fn fresh_or_cached<T>(
    key: &str,
    fetch: impl Future<Output = Result<T, ApiFailure>>,
) -> Result<Cached<T>, ApiFailure>
where
    T: Serialize + DeserializeOwned,
{
    let key = db::scoped(key);
    match fetch.await {
        Ok(value) => {
            if let Some(key) = &key {
                let entry = Entry {
                    stored_at: Utc::now(),
                    value,
                };
                // A full or missing store only costs the offline copy.
                let _ = db::put(Store::Cache, key, &entry).await;
                return Ok(Cached {
                    value: entry.value,
                    as_of: None,
                });
            }
            Ok(Cached { value, as_of: None })
        }
        Err(ApiFailure::Network) => {
            let Some(key) = key else {
                return Err(ApiFailure::Network);
            };
            match db::get::<Entry<T>>(Store::Cache, &key).await {
                Ok(Some(entry)) => Ok(Cached {
                    value: entry.value,
                    as_of: Some(entry.stored_at),
                }),
                _ => Err(ApiFailure::Network),
            }
        }
        Err(failure) => Err(failure),
    }
}

/// [`fresh_or_cached`] for pages that show the value alone (the offline banner says
/// the app is offline).
pub async fn fresh_or_cached_value<T>(
    key: &str,
    fetch: impl Future<Output = Result<T, ApiFailure>>,
) -> Result<T, ApiFailure>
where
    T: Serialize + DeserializeOwned,
{
    fresh_or_cached(key, fetch).await.map(|cached| cached.value)
}

/// Forgets every stored copy (on logout: nothing of the organisation's data stays).
pub async fn clear() {
    let _ = db::clear(Store::Cache).await;
}

/// "Saved copy from 10:42 …", for a page showing a [`Cached`] value that is not fresh.
pub fn as_of_text(lang: Lang, at: &DateTime<Utc>) -> String {
    Msg::OfflineAsOf.text(lang).replace("{time}", &super::clock(lang, at))
}
