//! The versions' home in the browser: one IndexedDB object store of JSON strings under
//! auto-incremented keys. Records are kept as text so that one damaged record can be
//! read, reported and deleted on its own without hiding the others.

use idb::{Database, DatabaseEvent, Factory, ObjectStoreParams, TransactionMode};
use wasm_bindgen::JsValue;

const DB_NAME: &str = "hyperplane";
const DB_VERSION: u32 = 1;
const STORE: &str = "versions";

/// One stored record: its key and its text (or why it is not text), and the record as
/// it is stored, for saving a damaged one before it is deleted.
pub struct Record {
    pub key: u32,
    pub text: Result<String, String>,
    pub raw: String,
}

/// The name of the DOM exception behind an IndexedDB error (`QuotaExceededError`, …).
fn error_name(e: &idb::Error) -> Option<String> {
    use idb::Error as E;
    let value = match e {
        E::DomException(d) => return Some(d.name()),
        E::AddFailed(v)
        | E::UpdateFailed(v)
        | E::DeleteFailed(v)
        | E::TransactionAbortError(v)
        | E::TransactionCommitError(v)
        | E::IndexedDbOpenFailed(v) => v,
        _ => return None,
    };
    js_sys::Reflect::get(value, &JsValue::from_str("name"))
        .ok()?
        .as_string()
}

/// Turns IndexedDB's errors into something a user can act on (a full store is told by
/// the error's name, and says how much is used).
async fn explain_full(what: &str, e: idb::Error) -> String {
    if error_name(&e).as_deref() != Some("QuotaExceededError") {
        return explain(what, e);
    }
    let used = usage().await.map_or(String::new(), |(used, quota)| {
        format!(
            " ({:.1} MB of the {:.1} MB it may use)",
            used / 1e6,
            quota / 1e6
        )
    });
    format!("{what}: the browser's storage for this page is full{used}. Delete or export some versions, or free space in the browser's site settings.")
}

fn explain(what: &str, e: idb::Error) -> String {
    format!("{what}: {e}")
}

/// How much this page stores and may store (bytes), as the browser estimates it.
async fn usage() -> Option<(f64, f64)> {
    let storage = web_sys::window()?.navigator().storage();
    let estimate = wasm_bindgen_futures::JsFuture::from(storage.estimate().ok()?)
        .await
        .ok()?;
    let get = |k: &str| {
        js_sys::Reflect::get(&estimate, &JsValue::from_str(k))
            .ok()?
            .as_f64()
    };
    Some((get("usage")?, get("quota")?))
}

/// Asks the browser to keep the saved versions when it runs short of space (it may
/// decline; nothing changes then).
pub async fn ask_to_persist() {
    let Some(storage) = web_sys::window().map(|w| w.navigator().storage()) else {
        return;
    };
    if let Ok(p) = storage.persist() {
        let _ = wasm_bindgen_futures::JsFuture::from(p).await;
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
            raw: v.as_string().unwrap_or_else(|| {
                js_sys::JSON::stringify(&v)
                    .ok()
                    .and_then(|s| s.as_string())
                    .unwrap_or_default()
            }),
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
    // A handle kept to read why the transaction was aborted (a full store aborts it).
    let raw: web_sys::IdbTransaction = tx.into();
    let tx = idb::Transaction::from(raw.clone());
    let store = tx.object_store(STORE).map_err(fail)?;
    let value = match op(store).await {
        Ok(v) => v,
        Err(e) => return Err(explain_full(what, e).await),
    };
    let done = match tx.await {
        Ok(done) => done,
        Err(e) => return Err(explain_full(what, e).await),
    };
    db.close();
    if done.is_committed() {
        super::sync::announce();
        return Ok(value);
    }
    match raw.error() {
        Some(e) => Err(explain_full(what, idb::Error::DomException(e)).await),
        None => Err(format!("{what}: the browser did not store it")),
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
