//! Logistic regression, k-nearest neighbours and the decision tree against
//! scikit-learn on identical numbers (reference values written by
//! scripts/sklearn_reference.py into tests/fixtures/engine2_reference.json).

use hyperplane_core::csv_data::read_classification_csv;
use hyperplane_core::datasets::{breast_cancer, iris, wine};
use hyperplane_core::linear_model::{LogisticParams, Penalty};
use hyperplane_core::preprocess::Standardizer;
use hyperplane_core::Dataset;
use serde_json::Value;

fn reference() -> Value {
    serde_json::from_str(include_str!("fixtures/engine2_reference.json")).unwrap()
}

fn fixture(name: &str) -> String {
    std::fs::read_to_string(format!(
        "{}/tests/fixtures/{name}.csv",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
}

/// The datasets as the reference script builds them (trained on everything).
fn data(name: &str) -> Dataset {
    let standardized = |d: Dataset| {
        let s = Standardizer::fit(d.x()).unwrap();
        d.with_x(s.transform(d.x()).unwrap()).unwrap()
    };
    match name {
        "iris_full" => iris().unwrap(),
        "wine_std" => standardized(wine().unwrap()),
        "breast_cancer_std" => standardized(breast_cancer().unwrap()),
        other => read_classification_csv(&fixture(other), "label").unwrap(),
    }
}

fn matrix(v: &Value) -> Vec<Vec<f64>> {
    serde_json::from_value(v.clone()).unwrap()
}

#[test]
fn logistic_regression_coefficients_match_sklearn() {
    let cases = reference()["logistic"].as_array().unwrap().clone();
    assert!(cases.len() >= 12);
    let mut datasets = std::collections::BTreeSet::new();
    for case in cases {
        let name = case["dataset"].as_str().unwrap();
        let label = format!("{name} {}", case["params"]);
        let d = data(name);
        let mut p = LogisticParams::default();
        if case["params"]["penalty"] == "none" {
            p = p.penalty(Penalty::None);
        } else {
            p = p.c(case["params"]["C"].as_f64().unwrap());
        }
        let m = p.check().unwrap().fit(&d).unwrap();
        assert!(m.converged, "{label}");
        let want = matrix(&case["coef"]);
        assert_eq!(want.len(), m.coef.nrows(), "{label}");
        for (o, row) in want.iter().enumerate() {
            for (j, &w) in row.iter().enumerate() {
                let got = m.coef[[o, j]];
                assert!(
                    (got - w).abs() <= 1e-4 * w.abs().max(1.0),
                    "{label}: coef[{o}][{j}] {got} vs {w}"
                );
            }
        }
        let b: Vec<f64> = serde_json::from_value(case["intercept"].clone()).unwrap();
        for (o, &w) in b.iter().enumerate() {
            let got = m.intercept[o];
            assert!(
                (got - w).abs() <= 1e-4 * w.abs().max(1.0),
                "{label}: intercept[{o}] {got} vs {w}"
            );
        }
        datasets.insert(name.to_string());
    }
    assert!(datasets.len() >= 4);
}

#[test]
fn knn_predictions_and_probabilities_match_sklearn() {
    use hyperplane_core::neighbors::{KnnParams, KnnWeights};
    let cases = reference()["knn"].as_array().unwrap().clone();
    assert!(cases.len() >= 24);
    for case in cases {
        let name = case["dataset"].as_str().unwrap();
        let label = format!("{name} {}", case["params"]);
        let d = data(name);
        let k = case["params"]["k"].as_u64().unwrap() as usize;
        let weights = if case["params"]["weights"] == "distance" {
            KnnWeights::Distance
        } else {
            KnnWeights::Uniform
        };
        let m = KnnParams::default()
            .k(k)
            .weights(weights)
            .check()
            .unwrap()
            .fit(&d)
            .unwrap();
        // The script's queries: the first 40 rows, then the same rows shifted by 0.013.
        let first: Vec<usize> = (0..40).collect();
        let base = d.select(&first).unwrap();
        let query = ndarray::concatenate(
            ndarray::Axis(0),
            &[base.x(), base.x().mapv(|v| v + 0.013).view()],
        )
        .unwrap();
        let pred = m.predict(query.view()).unwrap();
        let want: Vec<usize> = serde_json::from_value(case["predict"].clone()).unwrap();
        assert_eq!(pred, want, "{label}");
        // Probabilities agree to 1e-6. The only larger gap would be a query on top of a
        // training point with distance weights: its exact distance is 0, so (by
        // scikit-learn's own documented rule) only that point counts; scikit-learn's
        // brute-force distances come from ‖a‖² − 2a·b + ‖b‖² and are ~1e-8 instead of 0,
        // which leaves the other neighbours a weight of ~1e-7.
        let proba = m.predict_proba(query.view()).unwrap();
        for (i, row) in matrix(&case["proba"]).iter().enumerate() {
            for (c, &p) in row.iter().enumerate() {
                assert!(
                    (proba[[i, c]] - p).abs() < 1e-6,
                    "{label}: proba[{i}][{c}] {} vs {p}",
                    proba[[i, c]]
                );
            }
        }
    }
}

/// Training accuracy and depth equal scikit-learn's. (Leaf counts are checked too; on
/// exact ties between features the two libraries may split on different ones.)
#[test]
fn decision_tree_accuracy_and_depth_match_sklearn() {
    use hyperplane_core::tree::{Criterion, TreeParams};
    let cases = reference()["tree"].as_array().unwrap().clone();
    assert!(cases.len() >= 30);
    let mut leaves_equal = 0;
    for case in &cases {
        let name = case["dataset"].as_str().unwrap();
        let label = format!("{name} {}", case["params"]);
        let d = data(name);
        let p = &case["params"];
        let t = TreeParams::default()
            .criterion(if p["criterion"] == "entropy" {
                Criterion::Entropy
            } else {
                Criterion::Gini
            })
            .max_depth(p["max_depth"].as_u64().map(|v| v as usize))
            .min_samples_split(p["min_samples_split"].as_u64().unwrap() as usize)
            .min_samples_leaf(p["min_samples_leaf"].as_u64().unwrap() as usize)
            .check()
            .unwrap()
            .fit(&d)
            .unwrap();
        let acc =
            hyperplane_core::metrics::accuracy(d.labels().unwrap(), &t.predict(d.x()).unwrap())
                .unwrap();
        assert!(
            (acc - case["train_accuracy"].as_f64().unwrap()).abs() < 1e-12,
            "{label}: accuracy {acc} vs {}",
            case["train_accuracy"]
        );
        assert_eq!(
            t.depth() as u64,
            case["depth"].as_u64().unwrap(),
            "{label}: depth"
        );
        if t.n_leaves() as u64 == case["n_leaves"].as_u64().unwrap() {
            leaves_equal += 1;
        }
    }
    assert!(
        leaves_equal * 10 >= cases.len() * 9,
        "leaf counts equal in only {leaves_equal} of {}",
        cases.len()
    );
}
