//! The data code is pinned: every built-in set (at two settings each), drawn points, an
//! edited copy and the train/test split hash as they did when versions of the current
//! data generation (`saved_version::DATA_GENERATION`) were saved. A change that moves
//! one of them would make those versions' data come out different on restore; such a
//! change must keep the old code under the old generation and raise the number.

use hyperplane_core::preprocess::train_test_split;
use hyperplane_formats::saved_version::{content_hash, DATA_GENERATION};

use crate::data::load_dataset;
use crate::settings::{DataSettings, DatasetChoice, Edits};

/// Each case's name, the whole dataset's hash and its training and test parts' hashes.
fn fingerprint() -> String {
    let mut cases: Vec<(String, DataSettings)> = Vec::new();
    for choice in DatasetChoice::ALL {
        if matches!(choice, DatasetChoice::Drawn | DatasetChoice::Imported) {
            continue;
        }
        let base = DataSettings {
            choice,
            ..DataSettings::default()
        };
        let other = DataSettings {
            noise: 0.25,
            seed: 7,
            n_samples: 300,
            n_classes: 4,
            train_ratio: 0.6,
            ..base.clone()
        };
        cases.push((format!("{} default", choice.key()), base));
        cases.push((format!("{} other", choice.key()), other));
    }
    cases.push((
        "drawn".into(),
        DataSettings {
            choice: DatasetChoice::Drawn,
            drawn: vec![(0.1, 0.2, 0), (-0.5, 0.3, 1), (0.7, -0.4, 0), (0.0, 0.9, 1)],
            train_ratio: 0.5,
            ..DataSettings::default()
        },
    ));
    cases.push((
        "moons edited".into(),
        DataSettings {
            choice: DatasetChoice::from_key("moons").unwrap(),
            edits: Some(Edits {
                features: (0, 1),
                added: vec![(0.25, 0.5, 1)],
                removed: vec![0, 3, 10],
            }),
            ..DataSettings::default()
        },
    ));
    cases
        .into_iter()
        .map(|(name, spec)| {
            let data = load_dataset(&spec, None).unwrap();
            let split = train_test_split(data.n_samples(), spec.train_ratio, spec.seed).unwrap();
            let part = |rows: &[usize]| content_hash(&data.select(rows).unwrap());
            format!(
                "{name}: {} train {} test {}\n",
                content_hash(&data),
                part(&split.train),
                part(&split.test)
            )
        })
        .collect()
}

#[test]
fn data_generation_is_pinned() {
    let now = fingerprint();
    if std::env::var_os("HYPERPLANE_PRINT_DATA_GENERATION").is_some() {
        print!("{now}");
        return;
    }
    let pinned = include_str!("../tests/fixtures/data-generation-1.txt");
    assert_eq!(
        DATA_GENERATION, 1,
        "pin the new generation's fingerprint too"
    );
    assert!(
        now == pinned,
        "the data code makes different points than versions of generation 1 were saved \
         with: keep the old code as generation 1, raise DATA_GENERATION and pin the new \
         fingerprint.\nnow:\n{now}"
    );
}
