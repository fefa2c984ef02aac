//! The database `kaiku-team`: three object stores of JSON strings, keyed by
//! `<user id>/<key>`. A connection is opened per operation and closed after it, so a
//! later schema version in another tab is never blocked by an idle connection here.

use std::cell::RefCell;

use rexie::{ObjectStore, Rexie, TransactionMode};
use serde::Serialize;
use serde::de::DeserializeOwned;
use wasm_bindgen::JsValue;

const DATABASE: &str = "kaiku-team";
const VERSION: u32 = 1;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Store {
    /// Server data, for reading while offline.
    Cache,
    /// Forms being typed.
    Drafts,
    /// The sync queue, one record per user.
    Outbox,
}

impl Store {
    fn name(self) -> &'static str {
        match self {
            Store::Cache => "cache",
            Store::Drafts => "drafts",
            Store::Outbox => "outbox",
        }
    }
}

/// IndexedDB is missing (old private modes), full, or refused the write.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Unavailable;

impl From<rexie::Error> for Unavailable {
    fn from(_: rexie::Error) -> Self {
        Unavailable
    }
}

thread_local! {
    static USER: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// Whose data the cache and drafts read and write from now on; `None` after logging out.
pub fn set_user(user: Option<&str>) {
    USER.with(|u| *u.borrow_mut() = user.map(str::to_owned));
}

/// The key of `key` for the signed-in user; `None` when nobody is signed in.
pub fn scoped(key: &str) -> Option<String> {
    USER.with(|u| u.borrow().as_ref().map(|user| format!("{user}/{key}")))
}

async fn open() -> Result<Rexie, Unavailable> {
    Ok(Rexie::builder(DATABASE)
        .version(VERSION)
        .add_object_store(ObjectStore::new(Store::Cache.name()))
        .add_object_store(ObjectStore::new(Store::Drafts.name()))
        .add_object_store(ObjectStore::new(Store::Outbox.name()))
        .build()
        .await?)
}

/// Waits for the transaction to end; an aborted one is an error (nothing was written).
async fn committed(tx: rexie::Transaction) -> Result<(), rexie::Error> {
    if tx.done().await?.is_committed() {
        Ok(())
    } else {
        Err(rexie::Error::TransactioncommitFailed)
    }
}

fn decode<T: DeserializeOwned>(value: Option<JsValue>) -> Option<T> {
    value
        .and_then(|v| v.as_string())
        .and_then(|json| serde_json::from_str(&json).ok())
}

fn encode<T: Serialize>(value: &T) -> Result<JsValue, Unavailable> {
    serde_json::to_string(value)
        .map(|json| JsValue::from_str(&json))
        .map_err(|_| Unavailable)
}

/// The record under `key`; `Ok(None)` when there is none or it no longer parses.
pub async fn get<T: DeserializeOwned>(store: Store, key: &str) -> Result<Option<T>, Unavailable> {
    let db = open().await?;
    let result = async {
        let tx = db.transaction(&[store.name()], TransactionMode::ReadOnly)?;
        let value = tx.store(store.name())?.get(JsValue::from_str(key)).await?;
        Ok::<_, rexie::Error>(decode(value))
    }
    .await;
    db.close();
    Ok(result?)
}

/// Writes `value` under `key`; returns once the write is committed.
pub async fn put<T: Serialize>(store: Store, key: &str, value: &T) -> Result<(), Unavailable> {
    let value = encode(value)?;
    let db = open().await?;
    let result = async {
        let tx = db.transaction(&[store.name()], TransactionMode::ReadWrite)?;
        tx.store(store.name())?
            .put(&value, Some(&JsValue::from_str(key)))
            .await?;
        committed(tx).await
    }
    .await;
    db.close();
    Ok(result?)
}

pub async fn delete(store: Store, key: &str) -> Result<(), Unavailable> {
    let db = open().await?;
    let result = async {
        let tx = db.transaction(&[store.name()], TransactionMode::ReadWrite)?;
        tx.store(store.name())?.delete(JsValue::from_str(key)).await?;
        committed(tx).await
    }
    .await;
    db.close();
    Ok(result?)
}

pub async fn clear(store: Store) -> Result<(), Unavailable> {
    let db = open().await?;
    let result = async {
        let tx = db.transaction(&[store.name()], TransactionMode::ReadWrite)?;
        tx.store(store.name())?.clear().await?;
        committed(tx).await
    }
    .await;
    db.close();
    Ok(result?)
}

/// Reads the record under `key` (or its default), lets `change` edit it and writes it
/// back, all in one read-write transaction: IndexedDB runs such transactions on a store
/// one after another, so two tabs changing the same record cannot lose each other's
/// change. Returns the record as written and what `change` returned.
pub async fn update<T, R>(store: Store, key: &str, change: impl FnOnce(&mut T) -> R) -> Result<(T, R), Unavailable>
where
    T: Serialize + DeserializeOwned + Default,
{
    let db = open().await?;
    let result: Result<Option<(T, R)>, rexie::Error> = async {
        let tx = db.transaction(&[store.name()], TransactionMode::ReadWrite)?;
        let object_store = tx.store(store.name())?;
        let key = JsValue::from_str(key);
        let stored = object_store.get(key.clone()).await?;
        let exists = stored.is_some();
        let mut record: T = match decode(stored) {
            Some(record) => record,
            None if !exists => T::default(),
            // A record this version can't read (written by a newer one?): never
            // overwrite it, whatever it holds stays for a version that can.
            None => {
                tx.abort().await?;
                return Ok(None);
            }
        };
        let answer = change(&mut record);
        let Ok(value) = encode(&record) else {
            tx.abort().await?;
            return Ok(None);
        };
        object_store.put(&value, Some(&key)).await?;
        committed(tx).await?;
        Ok(Some((record, answer)))
    }
    .await;
    db.close();
    result?.ok_or(Unavailable)
}
