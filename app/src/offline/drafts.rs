//! Forms being typed, kept on the device for the signed-in user: a form saves on every
//! change and loads at start, so a reload, a closed tab or a lost connection loses
//! nothing. Remove the draft once its change is queued or saved.

use serde::Serialize;
use serde::de::DeserializeOwned;

use super::db::{self, Store};

/// Stores `value` under `key`; returns whether it reached the device's storage.
pub async fn save<T: Serialize>(key: &str, value: &T) -> bool {
    let Some(key) = db::scoped(key) else {
        return false;
    };
    db::put(Store::Drafts, &key, value).await.is_ok()
}

/// The draft under `key`; `None` when there is none, it no longer fits `T`, or storage
/// is unavailable.
pub async fn load<T: DeserializeOwned>(key: &str) -> Option<T> {
    let key = db::scoped(key)?;
    db::get(Store::Drafts, &key).await.ok().flatten()
}

pub async fn remove(key: &str) -> bool {
    let Some(key) = db::scoped(key) else {
        return false;
    };
    db::delete(Store::Drafts, &key).await.is_ok()
}
