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
                assert!((got - w).abs() <= 1e-4 * w.abs().max(1.0), "{label}: coef[{o}][{j}] {got} vs {w}");
            }
        }
        let b: Vec<f64> = serde_json::from_value(case["intercept"].clone()).unwrap();
        for (o, &w) in b.iter().enumerate() {
            let got = m.intercept[o];
            assert!((got - w).abs() <= 1e-4 * w.abs().max(1.0), "{label}: intercept[{o}] {got} vs {w}");
        }
        datasets.insert(name.to_string());
    }
    assert!(datasets.len() >= 4);
}
