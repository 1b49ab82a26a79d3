//! The k-NN and tree regressors against scikit-learn's `KNeighborsRegressor` and
//! `DecisionTreeRegressor` on TensorFlow Playground's regression sets (reference values
//! written by scripts/sklearn_reference.py into tests/fixtures/regressors_reference.json).

use hyperplane_core::csv_data::read_regression_csv;
use hyperplane_core::neighbors::{KnnParams, KnnWeights};
use hyperplane_core::tree::{Criterion, TreeParams};
use hyperplane_core::Dataset;
use ndarray::Array2;
use serde_json::Value;

fn reference() -> Value {
    serde_json::from_str(include_str!("fixtures/regressors_reference.json")).unwrap()
}

fn data(name: &str) -> Dataset {
    let text = std::fs::read_to_string(format!(
        "{}/tests/fixtures/{name}.csv",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap();
    read_regression_csv(&text, "y").unwrap()
}

fn query(case: &Value) -> Array2<f64> {
    let rows: Vec<Vec<f64>> = serde_json::from_value(case["query"].clone()).unwrap();
    Array2::from_shape_fn((rows.len(), rows[0].len()), |(i, j)| rows[i][j])
}

fn want(case: &Value) -> Vec<f64> {
    serde_json::from_value(case["predict"].clone()).unwrap()
}

#[test]
fn knn_regression_matches_sklearn() {
    let cases = reference()["knn"].as_array().unwrap().clone();
    assert_eq!(cases.len(), 12);
    for case in &cases {
        let d = data(case["dataset"].as_str().unwrap());
        let p = &case["params"];
        let m = KnnParams::default()
            .k(p["k"].as_u64().unwrap() as usize)
            .weights(if p["weights"] == "distance" {
                KnnWeights::Distance
            } else {
                KnnWeights::Uniform
            })
            .check()
            .unwrap()
            .fit_regressor(&d)
            .unwrap();
        // On a training point our distance is exactly 0, so that point takes all the
        // weight (scikit-learn's rule); scikit-learn's brute-force distance there is
        // about 1e-8, leaving its other neighbours a tiny weight.
        let tol = if p["weights"] == "distance" {
            1e-6
        } else {
            1e-12
        };
        let got = m.predict(query(case).view()).unwrap();
        for (i, (g, w)) in got.iter().zip(want(case)).enumerate() {
            assert!(
                (g - w).abs() <= tol * w.abs().max(1.0),
                "{} {p}: row {i}: {g} vs {w}",
                case["dataset"]
            );
        }
    }
}

#[test]
fn tree_regression_matches_sklearn() {
    let cases = reference()["tree"].as_array().unwrap().clone();
    assert_eq!(cases.len(), 12);
    for case in &cases {
        let d = data(case["dataset"].as_str().unwrap());
        let p = &case["params"];
        let label = format!("{} {p}", case["dataset"]);
        let t = TreeParams::default()
            .criterion(Criterion::SquaredError)
            .max_depth(p["max_depth"].as_u64().map(|v| v as usize))
            .min_samples_split(p["min_samples_split"].as_u64().unwrap() as usize)
            .min_samples_leaf(p["min_samples_leaf"].as_u64().unwrap() as usize)
            .check()
            .unwrap()
            .fit_regressor(&d)
            .unwrap();
        assert_eq!(
            t.depth() as u64,
            case["depth"].as_u64().unwrap(),
            "{label}: depth"
        );
        assert_eq!(
            t.n_leaves() as u64,
            case["n_leaves"].as_u64().unwrap(),
            "{label}: leaves"
        );
        let fit = t.predict(d.x()).unwrap();
        let r2 = hyperplane_core::metrics::r2_score(d.values().unwrap(), &fit).unwrap();
        let want_r2 = case["train_r2"].as_f64().unwrap();
        assert!(
            (r2 - want_r2).abs() < 1e-12,
            "{label}: R² {r2} vs {want_r2}"
        );
        // scikit-learn's trees compare float32 copies of the features with their
        // thresholds, so a query just beside a threshold (rows 40..80 are training
        // points moved by 0.013) may fall the other way; training points and the two
        // far points do not.
        for (i, (g, w)) in t
            .predict(query(case).view())
            .unwrap()
            .iter()
            .zip(want(case))
            .enumerate()
            .filter(|(i, _)| !(40..80).contains(i))
        {
            assert!(
                (g - w).abs() <= 1e-12 * w.abs().max(1.0),
                "{label}: row {i}: {g} vs {w}"
            );
        }
    }
}
