//! The versions' home in the browser: an IndexedDB object store of JSON strings under
//! auto-incremented keys, and one of imported CSV texts under their content key, each
//! kept once however many versions use it (`saved_version::stored`). Records are kept as
//! text so that one damaged record can be read, reported and deleted on its own without
//! hiding the others. A record and its CSV are written in one transaction.

use std::collections::HashMap;

use hyperplane_formats::saved_version::stored::{attach_csv, csv_ref, detach_csv};
use idb::{Database, DatabaseEvent, Factory, ObjectStoreParams, TransactionMode};
use wasm_bindgen::JsValue;

const DB_NAME: &str = "hyperplane";
/// 2: the shared CSV texts' store was added (version 1 had the versions only).
const DB_VERSION: u32 = 2;
const STORE: &str = "versions";
const FILES: &str = "files";

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
            // Failures here surface as the open request's error.
            let names = db.store_names();
            if !names.iter().any(|s| s == STORE) {
                let mut params = ObjectStoreParams::new();
                params.auto_increment(true);
                let _ = db.create_object_store(STORE, params);
            }
            if !names.iter().any(|s| s == FILES) {
                let _ = db.create_object_store(FILES, ObjectStoreParams::new());
            }
        }
    });
    request
        .await
        .map_err(|e| explain("Could not open the saved versions", e))
}

/// Every key and value of one store.
async fn everything(store: &idb::ObjectStore) -> Result<Vec<(JsValue, JsValue)>, idb::Error> {
    let keys = store.get_all_keys(None, None)?.await?;
    let values = store.get_all(None, None)?.await?;
    Ok(keys.into_iter().zip(values).collect())
}

/// Every record, in key order, with its CSV text put back if it is stored apart.
pub async fn load_all() -> Result<Vec<Record>, String> {
    let db = open().await?;
    let fail = |e| explain("Could not read the saved versions", e);
    let tx = db
        .transaction(&[STORE, FILES], TransactionMode::ReadOnly)
        .map_err(fail)?;
    let records = everything(&tx.object_store(STORE).map_err(fail)?)
        .await
        .map_err(fail)?;
    let files: HashMap<String, String> = everything(&tx.object_store(FILES).map_err(fail)?)
        .await
        .map_err(fail)?
        .into_iter()
        .filter_map(|(k, v)| Some((k.as_string()?, v.as_string()?)))
        .collect();
    db.close();
    Ok(records
        .into_iter()
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
                .ok_or_else(|| "the record is not text".to_string())
                .and_then(|t| {
                    attach_csv(&t, |key| files.get(key).cloned()).map_err(|e| e.to_string())
                }),
        })
        .collect())
}

/// Runs `op` in a read-write transaction and waits until the browser has committed it.
async fn write<T, Fut>(
    what: &str,
    op: impl FnOnce((idb::ObjectStore, idb::ObjectStore)) -> Fut,
) -> Result<T, String>
where
    Fut: std::future::Future<Output = Result<T, idb::Error>>,
{
    let db = open().await?;
    let fail = |e| explain(what, e);
    let tx = db
        .transaction(&[STORE, FILES], TransactionMode::ReadWrite)
        .map_err(fail)?;
    // A handle kept to read why the transaction was aborted (a full store aborts it).
    let raw: web_sys::IdbTransaction = tx.into();
    let tx = idb::Transaction::from(raw.clone());
    let stores = (
        tx.object_store(STORE).map_err(fail)?,
        tx.object_store(FILES).map_err(fail)?,
    );
    let value = match op(stores).await {
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

/// A record as kept, and its CSV stored apart if it is big (written in the same
/// transaction, under its content key: versions of one file share it).
fn detach(what: &str, text: &str) -> Result<(JsValue, Option<(JsValue, JsValue)>), String> {
    let d = detach_csv(text).map_err(|e| format!("{what}: {e}"))?;
    let csv = d
        .csv
        .map(|(key, text)| (JsValue::from_str(&key), JsValue::from_str(&text)));
    Ok((JsValue::from_str(&d.record), csv))
}

/// Stores a CSV text under its key unless it is there already: an import of ten
/// versions of one file writes it once.
async fn keep_file(
    files: &idb::ObjectStore,
    key: JsValue,
    text: JsValue,
) -> Result<(), idb::Error> {
    if files.get_key(key.clone())?.await?.is_none() {
        files.put(&text, Some(&key))?.await?;
    }
    Ok(())
}

/// Adds a record; returns its key.
pub async fn add(text: &str) -> Result<u32, String> {
    let what = "Could not save the version";
    let (record, csv) = detach(what, text)?;
    let key = write(what, |(s, files)| async move {
        if let Some((key, text)) = csv {
            keep_file(&files, key, text).await?;
        }
        s.add(&record, None)?.await
    })
    .await?;
    key.as_f64()
        .map(|k| k as u32)
        .ok_or_else(|| format!("{what}: no key came back"))
}

/// Replaces the record under `key`.
pub async fn put(key: u32, text: &str) -> Result<(), String> {
    let what = "Could not update the version";
    let (record, csv) = detach(what, text)?;
    write(what, |(s, files)| async move {
        if let Some((key, text)) = csv {
            keep_file(&files, key, text).await?;
        }
        s.put(&record, Some(&JsValue::from(key)))?.await.map(drop)
    })
    .await
}

/// Deletes the record under `key`, and any CSV no other record uses.
pub async fn delete(key: u32) -> Result<(), String> {
    write("Could not delete the version", |(s, files)| async move {
        s.delete(JsValue::from(key))?.await?;
        let used: Vec<String> = everything(&s)
            .await?
            .into_iter()
            .filter_map(|(_, v)| csv_ref(&v.as_string()?))
            .collect();
        for k in files.get_all_keys(None, None)?.await? {
            if k.as_string().is_none_or(|k| !used.contains(&k)) {
                files.delete(k)?.await?;
            }
        }
        Ok(())
    })
    .await
}
