//! The customer's answers on this device, in IndexedDB, one record per survey link.

use kaiku_core::Lang;
use kaiku_core::survey::{Answer, SurveyPage};
use rexie::{ObjectStore, Rexie, TransactionMode};
use serde::{Deserialize, Serialize};
use wasm_bindgen::JsValue;

const DATABASE: &str = "kaiku-survey";
const STORE: &str = "drafts";

/// Everything needed to show the survey again without the server.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Draft {
    /// The survey as the server last sent it.
    pub page: Option<SurveyPage>,
    /// All answers given, including those not yet on the server.
    pub answers: Vec<Answer>,
    /// Question ids answered since the server last confirmed a save.
    pub unsent: Vec<String>,
    /// The customer pressed submit; the server has not confirmed yet.
    pub submitting: bool,
    pub submitted: bool,
    /// The language the customer switched to, if they did.
    pub language: Option<Lang>,
}

async fn open() -> Result<Rexie, rexie::Error> {
    Rexie::builder(DATABASE)
        .version(1)
        .add_object_store(ObjectStore::new(STORE))
        .build()
        .await
}

/// The draft for `token`; an empty one when there is none or storage is unavailable
/// (private browsing): the survey then still works, only without resuming.
pub async fn load(token: &str) -> Draft {
    async fn read(token: &str) -> Result<Option<Draft>, rexie::Error> {
        let db = open().await?;
        let tx = db.transaction(&[STORE], TransactionMode::ReadOnly)?;
        let value = tx.store(STORE)?.get(JsValue::from_str(token)).await?;
        Ok(value
            .and_then(|v| v.as_string())
            .and_then(|json| serde_json::from_str(&json).ok()))
    }
    read(token).await.ok().flatten().unwrap_or_default()
}

/// Writes the draft; returns whether it reached the device's storage.
pub async fn save(token: &str, draft: &Draft) -> bool {
    async fn write(token: &str, draft: &Draft) -> Result<(), rexie::Error> {
        let json = serde_json::to_string(draft).unwrap_or_default();
        let db = open().await?;
        let tx = db.transaction(&[STORE], TransactionMode::ReadWrite)?;
        tx.store(STORE)?
            .put(&JsValue::from_str(&json), Some(&JsValue::from_str(token)))
            .await?;
        tx.done().await?;
        Ok(())
    }
    write(token, draft).await.is_ok()
}
