//! A browser record's imported CSV, stored once: a version trained on a big file keeps a
//! reference (`data.csv.text_ref`) to one shared copy instead of the file's text, so ten
//! versions of a 20 MB file take 20 MB, not 200. Such a record is schema
//! [`STORED_APART`]; [`attach_csv`] turns it back into the schema-1 text every reader
//! takes, so exports, the command line and the checks never see references.

use serde_json::Value;

use super::hash::Fnv1a;
use super::SCHEMA;
use hyperplane_core::error::{Error, Result};

/// The schema of a browser record whose CSV text is stored apart.
pub const STORED_APART: u32 = 2;

/// CSV texts at least this long are stored apart (a small file is cheaper inline).
pub const APART_FROM_BYTES: usize = 4 * 1024;

/// The shared copy's key: the text's 64-bit FNV-1a hash and its length, so equal
/// texts share one copy.
pub fn csv_key(text: &str) -> String {
    let mut h = Fnv1a::new();
    h.eat(text.as_bytes());
    format!("{}-{}", h.hex(), text.len())
}

/// A record as it is kept: the record's text and, if its CSV is stored apart, the
/// shared copy's key and text.
pub struct Detached {
    pub record: String,
    pub csv: Option<(String, String)>,
}

/// Takes a big CSV text out of a schema-1 record (from [`super::SavedVersion::to_json`]).
/// Other records are kept as they are.
pub fn detach_csv(record: &str) -> Result<Detached> {
    let kept = || Detached {
        record: record.to_string(),
        csv: None,
    };
    let mut json: Value =
        serde_json::from_str(record).map_err(|e| Error::Format(format!("not a record: {e}")))?;
    let Some(csv) = json.pointer_mut("/data/csv").and_then(Value::as_object_mut) else {
        return Ok(kept());
    };
    let big = csv
        .get("text")
        .and_then(Value::as_str)
        .is_some_and(|t| t.len() >= APART_FROM_BYTES);
    if !big {
        return Ok(kept());
    }
    let Some(Value::String(text)) = csv.remove("text") else {
        return Ok(kept());
    };
    let key = csv_key(&text);
    csv.insert("text_ref".into(), key.clone().into());
    json["schema"] = STORED_APART.into();
    Ok(Detached {
        record: json.to_string(),
        csv: Some((key, text)),
    })
}

/// The key of the shared copy a stored record refers to, if any.
pub fn csv_ref(record: &str) -> Option<String> {
    // Most records have none: no need to parse them (a delete asks this of every record).
    if !record.contains("\"text_ref\"") {
        return None;
    }
    let json: Value = serde_json::from_str(record).ok()?;
    json.pointer("/data/csv/text_ref")?
        .as_str()
        .map(str::to_string)
}

/// A stored record as every reader takes it: a schema-2 record gets its CSV text back
/// from `file` (looked up by key) and becomes schema 1. Other records, including ones
/// of a newer schema (which [`super::SavedVersion::from_json`] then refuses as they
/// are), come back unchanged.
pub fn attach_csv(record: &str, file: impl Fn(&str) -> Option<String>) -> Result<String> {
    let mut json: Value =
        serde_json::from_str(record).map_err(|e| Error::Format(format!("not a record: {e}")))?;
    if json.get("schema").and_then(Value::as_u64) != Some(STORED_APART.into()) {
        return Ok(record.to_string());
    }
    let csv = json
        .pointer_mut("/data/csv")
        .and_then(Value::as_object_mut)
        .ok_or_else(|| Error::Format("a schema-2 record without data.csv".into()))?;
    let key = match csv.remove("text_ref") {
        Some(Value::String(k)) => k,
        _ => return Err(Error::Format("data.csv.text_ref: missing".into())),
    };
    let text = file(&key).ok_or_else(|| {
        Error::Format(format!(
            "its imported CSV (stored apart as {key}) is missing from this browser's storage"
        ))
    })?;
    if csv_key(&text) != key {
        return Err(Error::Format(format!(
            "its imported CSV (stored apart as {key}) does not match its key"
        )));
    }
    csv.insert("text".into(), text.into());
    json["schema"] = SCHEMA.into();
    Ok(json.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(text: &str) -> String {
        serde_json::json!({"schema": 1, "name": "v1", "data": {"csv": {"file_name": "a.csv", "text": text, "target": "y"}}})
            .to_string()
    }

    #[test]
    fn a_big_csv_is_stored_apart_and_read_back_the_same() {
        let text = "x,y\n".to_string() + &"1,2\n".repeat(APART_FROM_BYTES / 4);
        let original = record(&text);
        let d = detach_csv(&original).unwrap();
        let (key, apart) = d.csv.clone().unwrap();
        assert_eq!(apart, text);
        assert!(d.record.len() < 200, "{}", d.record);
        assert_eq!(csv_ref(&d.record), Some(key.clone()));
        let json: Value = serde_json::from_str(&d.record).unwrap();
        assert_eq!(json["schema"], STORED_APART);
        let back = attach_csv(&d.record, |k| (k == key).then(|| apart.clone())).unwrap();
        let (a, b): (Value, Value) = (
            serde_json::from_str(&back).unwrap(),
            serde_json::from_str(&original).unwrap(),
        );
        assert_eq!(a, b);
    }

    #[test]
    fn small_or_no_csv_stays_inline_and_other_records_pass_unchanged() {
        let small = record("x,y\n1,2\n");
        let d = detach_csv(&small).unwrap();
        assert!(d.csv.is_none());
        assert_eq!(d.record, small);
        let none = r#"{"schema":1,"data":{"csv":null}}"#;
        assert!(detach_csv(none).unwrap().csv.is_none());
        assert_eq!(attach_csv(none, |_| None).unwrap(), none);
        let newer = r#"{"schema":3,"data":{"csv":{"text_ref":"x"}}}"#;
        assert_eq!(attach_csv(newer, |_| None).unwrap(), newer);
    }

    #[test]
    fn a_missing_or_wrong_shared_copy_is_an_error_not_a_panic() {
        let text = "x,y\n".to_string() + &"3,4\n".repeat(APART_FROM_BYTES / 4);
        let d = detach_csv(&record(&text)).unwrap();
        let e = attach_csv(&d.record, |_| None).unwrap_err().to_string();
        assert!(e.contains("is missing from this browser's storage"), "{e}");
        let e = attach_csv(&d.record, |_| Some("x,y\n".into()))
            .unwrap_err()
            .to_string();
        assert!(e.contains("does not match"), "{e}");
        for bad in [
            r#"{"schema":2}"#,
            r#"{"schema":2,"data":{"csv":{}}}"#,
            r#"{"schema":2,"data":{"csv":{"text_ref":5}}}"#,
            "not json",
        ] {
            assert!(attach_csv(bad, |_| None).is_err(), "{bad}");
        }
    }

    #[test]
    fn equal_texts_share_a_key() {
        assert_eq!(csv_key("a,b\n1,2\n"), csv_key("a,b\n1,2\n"));
        assert_ne!(csv_key("a,b\n1,2\n"), csv_key("a,b\n1,3\n"));
    }
}
