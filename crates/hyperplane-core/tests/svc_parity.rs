//! The SVC and SVR against scikit-learn's on identical numbers (reference values written
//! by scripts/sklearn_reference.py, committed in tests/fixtures/).

mod common;

use hyperplane_core::csv_data::{read_classification_csv, read_regression_csv};
use hyperplane_core::datasets::{breast_cancer, iris, wine};
use hyperplane_core::kernel::{Gamma, KernelKind};
use hyperplane_core::preprocess::{split_and_standardize, train_test_split, Standardizer};
use hyperplane_core::svm::{SvcParams, SvrParams};
use hyperplane_core::Dataset;
use serde_json::Value;

fn reference() -> Value {
    serde_json::from_str(include_str!("fixtures/svc_reference.json")).unwrap()
}

/// (train, evaluation) data for a reference dataset name, built the way the script does.
fn data(name: &str) -> (Dataset, Dataset) {
    let all = iris().unwrap();
    match name {
        "iris_full" => (all.clone(), all),
        "iris_split" | "iris_split_2d" => {
            let p = split_and_standardize(&all, 0.8, 42).unwrap();
            if name == "iris_split" {
                (p.train, p.test)
            } else {
                (
                    p.train.select_features(&[0, 1]).unwrap(),
                    p.test.select_features(&[0, 1]).unwrap(),
                )
            }
        }
        "iris_binary_sepal" => {
            let rows: Vec<usize> = (0..150).filter(|&i| all.labels().unwrap()[i] > 0).collect();
            let d = all.select(&rows).unwrap().select_features(&[0, 1]).unwrap();
            (d.clone(), d)
        }
        "wine_std" | "breast_cancer_std" => {
            let d = if name == "wine_std" {
                wine()
            } else {
                breast_cancer()
            }
            .unwrap();
            let scaled = d
                .with_x(Standardizer::fit(d.x()).unwrap().transform(d.x()).unwrap())
                .unwrap();
            let first: Vec<usize> = (0..120).collect();
            (scaled.clone(), scaled.select(&first).unwrap())
        }
        other => {
            let d = read_classification_csv(&fixture(other), "label").unwrap();
            let first: Vec<usize> = (0..120.min(d.n_samples())).collect();
            (d.clone(), d.select(&first).unwrap())
        }
    }
}

fn fixture(name: &str) -> String {
    std::fs::read_to_string(format!(
        "{}/tests/fixtures/{name}.csv",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
}

fn gamma_of(p: &Value) -> Gamma {
    match &p["gamma"] {
        Value::String(s) if s == "auto" => Gamma::Auto,
        Value::Number(n) => Gamma::Value(n.as_f64().unwrap()),
        _ => Gamma::Scale,
    }
}

fn params(p: &Value) -> SvcParams {
    let gamma = gamma_of(p);
    SvcParams::default()
        .kernel(KernelKind::from_name(p["kernel"].as_str().unwrap()).unwrap())
        .c(p["C"].as_f64().unwrap())
        .gamma(gamma)
        .degree(p["degree"].as_u64().unwrap_or(3) as u32)
        .coef0(p["coef0"].as_f64().unwrap_or(0.0))
        .class_weight(
            p["class_weight"]
                .as_array()
                .map(|w| w.iter().map(|v| v.as_f64().unwrap()).collect()),
        )
}

#[test]
fn iris_split_matches_the_fixture_the_reference_script_used() {
    let fixture: Value = serde_json::from_str(include_str!("fixtures/iris_split.json")).unwrap();
    let split = train_test_split(150, 0.8, 42).unwrap();
    let as_vec = |v: &Value| -> Vec<usize> {
        v.as_array()
            .unwrap()
            .iter()
            .map(|i| i.as_u64().unwrap() as usize)
            .collect()
    };
    assert_eq!(
        split.train,
        as_vec(&fixture["train"]),
        "regenerate with `cargo run -p hyperplane-core --example iris_split`"
    );
    assert_eq!(split.test, as_vec(&fixture["test"]));
}

#[test]
fn svc_matches_sklearn_decision_values_support_counts_and_accuracy() {
    let reference = reference();
    let cases = reference["cases"].as_array().unwrap();
    assert!(cases.len() >= 70);
    assert!(
        cases
            .iter()
            .filter(|c| c["params"]["class_weight"].is_array())
            .count()
            >= 4
    );
    let mut sv_mismatch = 0;
    for case in cases {
        let label = format!("{} {}", case["dataset"], case["params"]);
        let (train, eval) = data(case["dataset"].as_str().unwrap());
        let model = params(&case["params"])
            .check()
            .unwrap()
            .fit(&train)
            .unwrap();
        assert!(model.converged(), "{label}: did not converge");

        let n_support: Vec<usize> = case["n_support"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_u64().unwrap() as usize)
            .collect();
        if model.n_support() != &n_support[..] {
            eprintln!(
                "{label}: support vectors per class {:?} vs sklearn {:?}",
                model.n_support(),
                n_support
            );
            sv_mismatch += 1;
        }

        let ours = model.decision_function(eval.x()).unwrap();
        let theirs: Vec<Vec<f64>> = case["decision"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| {
                r.as_array()
                    .unwrap()
                    .iter()
                    .map(|v| v.as_f64().unwrap())
                    .collect()
            })
            .collect();
        let flat: Vec<f64> = theirs.iter().flatten().copied().collect();
        let range = flat.iter().cloned().fold(f64::MIN, f64::max)
            - flat.iter().cloned().fold(f64::MAX, f64::min);
        let tol = 1e-3 * range.max(1e-12);
        for (i, row) in theirs.iter().enumerate() {
            assert_eq!(row.len(), ours.ncols(), "{label}: decision columns");
            for (j, &v) in row.iter().enumerate() {
                let diff = (ours[[i, j]] - v).abs();
                assert!(
                    diff <= tol,
                    "{label}: decision[{i}][{j}] = {} vs sklearn {v} (tol {tol})",
                    ours[[i, j]]
                );
            }
        }

        let pred = model.predict(eval.x()).unwrap();
        let want: Vec<usize> = case["predict"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_u64().unwrap() as usize)
            .collect();
        for (i, (&a, &b)) in pred.iter().zip(&want).enumerate() {
            // A point within the tolerance of a boundary may legitimately fall either way.
            let near_boundary = ours.row(i).iter().any(|v| v.abs() <= tol);
            assert!(
                a == b || near_boundary,
                "{label}: prediction {i}: {a} vs sklearn {b}"
            );
        }
        let acc = hyperplane_core::metrics::accuracy(eval.labels().unwrap(), &pred).unwrap();
        let want_acc = case["eval_accuracy"].as_f64().unwrap();
        assert!(
            (acc - want_acc).abs() <= 1.0 / eval.n_samples() as f64 + 1e-12,
            "{label}: accuracy {acc} vs {want_acc}"
        );
    }
    assert_eq!(sv_mismatch, 0);
}

#[test]
fn generated_fixtures_match_the_generators() {
    for (name, params) in common::parity_sets::parity_sets() {
        let text = common::parity_sets::to_csv(&params.generate().unwrap());
        assert_eq!(
            text,
            fixture(name),
            "{name}.csv is stale: run `cargo run -p hyperplane-core --example export_fixtures` and the reference script"
        );
    }
}

#[test]
fn native_fingerprint_fixture_is_current() {
    assert_eq!(
        common::parity_sets::fingerprint(),
        std::fs::read_to_string(format!(
            "{}/tests/fixtures/fingerprint.txt",
            env!("CARGO_MANIFEST_DIR")
        ))
        .unwrap(),
        "run `cargo run -p hyperplane-core --example export_fixtures`"
    );
}

#[test]
fn svr_matches_sklearn_predictions_and_support_counts() {
    let reference = reference();
    let cases = reference["svr_cases"].as_array().unwrap();
    assert!(cases.len() >= 8);
    for case in cases {
        let label = format!("{} {}", case["dataset"], case["params"]);
        let data = read_regression_csv(&fixture(case["dataset"].as_str().unwrap()), "y").unwrap();
        let p = &case["params"];
        let model = SvrParams::default()
            .kernel(KernelKind::from_name(p["kernel"].as_str().unwrap()).unwrap())
            .c(p["C"].as_f64().unwrap())
            .epsilon(p["epsilon"].as_f64().unwrap())
            .gamma(gamma_of(p))
            .degree(p["degree"].as_u64().unwrap_or(3) as u32)
            .coef0(p["coef0"].as_f64().unwrap_or(0.0))
            .check()
            .unwrap()
            .fit(&data)
            .unwrap();
        assert!(model.converged(), "{label}");
        assert_eq!(
            model.support_vectors().nrows() as u64,
            case["n_support"].as_u64().unwrap(),
            "{label}: support vectors"
        );
        let want: Vec<f64> = case["predict"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_f64().unwrap())
            .collect();
        let first: Vec<usize> = (0..want.len()).collect();
        let ours = model.predict(data.select(&first).unwrap().x()).unwrap();
        let range = want.iter().cloned().fold(f64::MIN, f64::max)
            - want.iter().cloned().fold(f64::MAX, f64::min);
        for (i, (a, b)) in ours.iter().zip(&want).enumerate() {
            assert!(
                (a - b).abs() <= 1e-3 * range,
                "{label}: prediction {i}: {a} vs sklearn {b}"
            );
        }
    }
}
