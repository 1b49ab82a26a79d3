//! Stored versions carry a schema: today's records say `"schema": 1`, records from
//! before (the legacy fixture, saved by the studio before the schema existed) read as
//! schema 1, and a record of a newer schema is refused as it is, saying so, instead of
//! being read with its unknown fields dropped.

use hyperplane_core::saved_version::{SavedVersion, VersionsFile, SCHEMA};
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
    json["schema"] = (SCHEMA + 1).into();
    json["a_field_from_the_future"] = "kept".into();
    let e = SavedVersion::from_json(&json.to_string())
        .unwrap_err()
        .to_string();
    assert!(e.contains("saved by a newer Hyperplane (schema 2"), "{e}");
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
