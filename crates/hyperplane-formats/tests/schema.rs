//! Stored versions carry a schema: today's records say `"schema": 1`, records from
//! before (the legacy fixture, saved by the studio before the schema existed) read as
//! schema 1, and a record of a newer schema is refused as it is, saying so, instead of
//! being read with its unknown fields dropped.

use hyperplane_formats::saved_version::{stored, SavedVersion, VersionsFile, SCHEMA};
use serde_json::Value;

const LEGACY: &str = include_str!("../../../e2e/fixtures/legacy-versions-v1.json");

fn legacy() -> VersionsFile {
    VersionsFile::from_json(LEGACY).unwrap()
}

#[test]
fn records_from_before_the_schema_read_as_schema_one_and_are_written_with_it() {
    let file = legacy();
    assert_eq!(file.versions.len(), 13);
    for v in &file.versions {
        let text = v.to_json().unwrap();
        let json: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(json["schema"], SCHEMA);
        assert_eq!(&SavedVersion::from_json(&text).unwrap(), v, "{}", v.label());
    }
    assert!(
        !LEGACY.contains("\"schema\""),
        "the fixture predates the schema"
    );
}

#[test]
fn a_newer_schema_is_refused_as_it_is() {
    let v = &legacy().versions[0];
    let mut json: Value = serde_json::from_str(&v.to_json().unwrap()).unwrap();
    json["schema"] = (stored::STORED_APART + 1).into();
    json["a_field_from_the_future"] = "kept".into();
    let e = SavedVersion::from_json(&json.to_string())
        .unwrap_err()
        .to_string();
    assert!(e.contains("saved by a newer Hyperplane (schema 3"), "{e}");
    json["schema"] = "one".into();
    assert!(SavedVersion::from_json(&json.to_string()).is_err());
    // And in a file: the version that is newer is named.
    let mut file: Value =
        serde_json::from_str(&VersionsFile::new(vec![v.clone()]).to_json().unwrap()).unwrap();
    file["versions"][0]["schema"] = 7.into();
    let e = VersionsFile::from_json(&file.to_string())
        .unwrap_err()
        .to_string();
    assert!(e.contains("newer Hyperplane (schema 7"), "{e}");
}

/// A schema-2 record as the browser stores it (taken from the store by e2e/versions.spec.js,
/// "an imported file is stored once…"): a penguins SVM whose CSV is kept apart.
#[test]
fn a_schema_two_record_reads_back_with_its_shared_csv_as_schema_one() {
    let fixture: Value =
        serde_json::from_str(include_str!("fixtures/stored-schema2.json")).unwrap();
    let record = fixture["record"].as_str().unwrap();
    let (key, file) = (
        fixture["file_key"].as_str().unwrap(),
        fixture["file"].as_str().unwrap(),
    );
    assert_eq!(stored::csv_ref(record).as_deref(), Some(key));
    // Read without its CSV, it says so.
    let e = SavedVersion::from_json(record).unwrap_err().to_string();
    assert!(e.contains("stored apart"), "{e}");
    // Read through the store, it is a whole version (validated: the CSV's content
    // hash matches the data the model was trained on).
    let text = stored::attach_csv(record, |k| (k == key).then(|| file.to_string())).unwrap();
    let v = SavedVersion::from_json(&text).unwrap();
    assert_eq!(v.label(), "SVM v1");
    assert_eq!(v.data.csv.as_ref().unwrap().text, file);
    // Written again, it is stored apart the same way.
    let again = stored::detach_csv(&v.to_json().unwrap()).unwrap();
    assert_eq!(again.csv, Some((key.to_string(), file.to_string())));
    let (a, mut b): (Value, Value) = (
        serde_json::from_str(&again.record).unwrap(),
        serde_json::from_str(record).unwrap(),
    );
    // The fixture predates `data.generation`: read as the first, written with it.
    assert!(b["data"].get("generation").is_none());
    b["data"]["generation"] = 1.into();
    assert_eq!(a, b);
}

/// A version's data generation: absent (before the field) reads as 1; one this build
/// does not have is refused, naming the field, before anything is restored.
#[test]
fn a_data_generation_this_build_lacks_is_refused() {
    use hyperplane_formats::saved_version::DATA_GENERATION;
    let v = &legacy().versions[0];
    assert_eq!(
        v.data.generation, 1,
        "the legacy fixture predates the field"
    );
    let mut json: Value = serde_json::from_str(&v.to_json().unwrap()).unwrap();
    for bad in [0, DATA_GENERATION + 1] {
        json["data"]["generation"] = bad.into();
        let e = SavedVersion::from_json(&json.to_string())
            .unwrap_err()
            .to_string();
        assert!(e.contains("data.generation"), "{e}");
    }
}
