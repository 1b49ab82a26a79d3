//! The versions' home in the browser: one IndexedDB object store of JSON strings under
//! auto-incremented keys. Records are kept as text so that one damaged record can be
//! read, reported and deleted on its own without hiding the others.

use idb::{Database, DatabaseEvent, Factory, ObjectStoreParams, TransactionMode};
use wasm_bindgen::JsValue;

const DB_NAME: &str = "hyperplane";
const DB_VERSION: u32 = 1;
const STORE: &str = "versions";

/// One stored record: its key and its text (or why it is not text).
pub struct Record {
    pub key: u32,
    pub text: Result<String, String>,
}

/// Turns IndexedDB's errors into something a user can act on.
fn explain(what: &str, e: idb::Error) -> String {
    let detail = e.to_string();
    if detail.contains("Quota") {
        format!("{what}: the browser's storage for this page is full. Delete or export some versions, or free space in the browser's site settings.")
    } else {
        format!("{what}: {detail}")
    }
}

async fn open() -> Result<Database, String> {
    let factory = Factory::new().map_err(|e| {
        explain(
            "Saved versions are unavailable (IndexedDB is off in this browser or window)",
            e,
        )
    })?;
    let mut request = factory
        .open(DB_NAME, Some(DB_VERSION))
        .map_err(|e| explain("Could not open the saved versions", e))?;
    request.on_upgrade_needed(|event| {
        if let Ok(db) = event.database() {
            if !db.store_names().iter().any(|s| s == STORE) {
                let mut params = ObjectStoreParams::new();
                params.auto_increment(true);
                // A failure here surfaces as the open request's error.
                let _ = db.create_object_store(STORE, params);
            }
        }
    });
    request
        .await
        .map_err(|e| explain("Could not open the saved versions", e))
}

/// Every record, in key order.
pub async fn load_all() -> Result<Vec<Record>, String> {
    let db = open().await?;
    let fail = |e| explain("Could not read the saved versions", e);
    let tx = db
        .transaction(&[STORE], TransactionMode::ReadOnly)
        .map_err(fail)?;
    let store = tx.object_store(STORE).map_err(fail)?;
    let keys = store
        .get_all_keys(None, None)
        .map_err(fail)?
        .await
        .map_err(fail)?;
    let values = store
        .get_all(None, None)
        .map_err(fail)?
        .await
        .map_err(fail)?;
    db.close();
    Ok(keys
        .into_iter()
        .zip(values)
        .map(|(k, v)| Record {
            key: k.as_f64().map_or(0, |k| k as u32),
            text: v
                .as_string()
                .ok_or_else(|| "the record is not text".to_string()),
        })
        .collect())
}

/// Runs `op` in a read-write transaction and waits until the browser has committed it.
async fn write<T, Fut>(what: &str, op: impl FnOnce(idb::ObjectStore) -> Fut) -> Result<T, String>
where
    Fut: std::future::Future<Output = Result<T, idb::Error>>,
{
    let db = open().await?;
    let fail = |e| explain(what, e);
    let tx = db
        .transaction(&[STORE], TransactionMode::ReadWrite)
        .map_err(fail)?;
    let store = tx.object_store(STORE).map_err(fail)?;
    let value = op(store).await.map_err(fail)?;
    let done = tx.await.map_err(fail)?;
    db.close();
    if done.is_committed() {
        Ok(value)
    } else {
        Err(format!("{what}: the browser did not store it"))
    }
}

/// Adds a record; returns its key.
pub async fn add(text: &str) -> Result<u32, String> {
    let text = JsValue::from_str(text);
    let key = write("Could not save the version", |s| async move {
        s.add(&text, None)?.await
    })
    .await?;
    key.as_f64()
        .map(|k| k as u32)
        .ok_or_else(|| "Could not save the version: no key came back".into())
}

/// Replaces the record under `key`.
pub async fn put(key: u32, text: &str) -> Result<(), String> {
    let text = JsValue::from_str(text);
    write("Could not update the version", |s| async move {
        s.put(&text, Some(&JsValue::from(key)))?.await.map(drop)
    })
    .await
}

pub async fn delete(key: u32) -> Result<(), String> {
    write("Could not delete the version", |s| async move {
        s.delete(JsValue::from(key))?.await.map(drop)
    })
    .await
}
