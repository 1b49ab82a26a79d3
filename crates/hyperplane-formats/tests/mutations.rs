//! Structured no-panic properties: a valid versions file (the 13-version fixture the
//! end-to-end tests restore), each of its model files, and generated CSV tables, each
//! with one field made hostile (see `common/mutate.rs`). Every case is refused with an
//! error or read into something usable (predictions are asked of every model that
//! passes), within a time bound. The same cases run in the browser (tests/browser.rs of
//! the app), where `usize` is 32 bits.
#![cfg(not(target_arch = "wasm32"))]

#[path = "common/mutate.rs"]
mod mutate;

use std::time::{Duration, Instant};

use hyperplane_core::table;
use hyperplane_formats::model_file::ModelFile;
use hyperplane_formats::saved_version::VersionsFile;
use mutate::{base, model_case, table_case, versions_case, Rng};
use proptest::prelude::*;

/// No case may take longer (a hang is a failure, not a slow test).
const BOUND: Duration = Duration::from_secs(5);

fn cases() -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(3000)
}

fn timed(case: impl FnOnce(u64), seed: u64) -> Duration {
    let start = Instant::now();
    case(seed);
    start.elapsed()
}

proptest! {
    // 3,000 cases in CI; PROPTEST_CASES=N for a long run (RELIABILITY.md).
    #![proptest_config(ProptestConfig { cases: cases(), .. ProptestConfig::default() })]

    #[test]
    fn a_versions_file_with_one_field_changed_never_panics(seed in any::<u64>()) {
        prop_assert!(timed(versions_case, seed) < BOUND);
    }

    #[test]
    fn a_model_file_with_one_field_changed_never_panics(seed in any::<u64>()) {
        prop_assert!(timed(model_case, seed) < BOUND);
    }

    #[test]
    fn a_table_with_one_cell_or_row_changed_never_panics(seed in any::<u64>()) {
        prop_assert!(timed(table_case, seed) < BOUND);
    }

    #[test]
    fn any_text_read_as_a_model_or_versions_file_never_panics(text in ".{0,200}") {
        prop_assert!(ModelFile::from_json(&text).is_err());
        prop_assert!(VersionsFile::from_json(&text).is_err());
    }
}

/// The mutations do reach past the parsers: some mutated files are still valid, some
/// are refused by the validators (not only by JSON), so the properties test both sides.
#[test]
fn mutations_reach_the_validators() {
    let (mut kept, mut refused_by_validation) = (0, 0);
    for seed in 0..400 {
        let mut v = base().clone();
        mutate::mutate_json(&mut v, &mut Rng::new(seed));
        match VersionsFile::from_json(&v.to_string()) {
            Ok(_) => kept += 1,
            Err(e) if !e.to_string().contains("not a JSON file") => refused_by_validation += 1,
            Err(_) => {}
        }
    }
    assert!(kept > 20, "{kept} kept");
    assert!(
        refused_by_validation > 50,
        "{refused_by_validation} refused"
    );
    let mut read = 0;
    for seed in 0..400 {
        let mut rng = Rng::new(seed);
        let (text, sep) = mutate::table(&mut rng);
        let text = mutate::mutate_table(&text, &sep, &mut rng);
        read += usize::from(table::open(text.as_bytes()).is_ok());
    }
    assert!((50..400).contains(&read), "{read} of 400 tables read");
}
