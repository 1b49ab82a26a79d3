//! The sweeps against scikit-learn on the same folds: every fold's training and
//! validation score of the C × γ heatmap (`GridSearchCV`), the validation curves
//! (`validation_curve`) and the learning curve (`learning_curve`). Reference values
//! written by scripts/sklearn_sweeps.py into tests/fixtures/sweep_reference.json.

use hyperplane_core::csv_data::{read_classification_csv, read_regression_csv};
use hyperplane_core::kernel::{Gamma, KernelKind};
use hyperplane_core::linear_model::LogisticParams;
use hyperplane_core::model::ModelParams;
use hyperplane_core::model_selection::{
    cross_validate, kfold, learning_sizes, log_space, FoldScores, Validation,
};
use hyperplane_core::neighbors::{KnnParams, KnnWeights};
use hyperplane_core::svm::{SvcParams, SvmParams};
use hyperplane_core::tree::TreeParams;
use hyperplane_core::Dataset;
use serde_json::Value;

fn reference() -> Value {
    serde_json::from_str(include_str!("fixtures/sweep_reference.json")).unwrap()
}

fn fixture(name: &str) -> String {
    std::fs::read_to_string(format!(
        "{}/tests/fixtures/{name}.csv",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
}

fn moons() -> Dataset {
    read_classification_csv(&fixture("moons"), "label").unwrap()
}

fn svc(c: f64, gamma: Gamma) -> ModelParams {
    ModelParams::Svc(SvcParams {
        svm: SvmParams {
            kernel: KernelKind::Rbf,
            c,
            gamma,
            ..SvmParams::default()
        },
        class_weight: None,
    })
}

/// Each fold's scores equal scikit-learn's (they are ratios of counts, or R²). Where
/// scikit-learn's own answer depends on its seed (a tree's tied splits) the reference
/// lists every answer it gave, and the engine's must be one of them.
fn assert_folds(got: &FoldScores, want: &Value, label: &str) {
    for part in ["train", "test"] {
        let want: Vec<Value> = serde_json::from_value(want[part].clone()).unwrap();
        let got = if part == "train" {
            &got.train
        } else {
            &got.test
        };
        assert_eq!(got.len(), want.len(), "{label} {part}");
        for (k, (g, w)) in got.iter().zip(&want).enumerate() {
            let any: Vec<f64> = match w {
                Value::Array(_) => serde_json::from_value(w.clone()).unwrap(),
                w => vec![w.as_f64().unwrap()],
            };
            assert!(
                any.iter().any(|w| (g - w).abs() < 1e-9),
                "{label}: fold {k} {part} {g} vs {any:?}"
            );
        }
    }
}

fn run(data: &Dataset, params: &ModelParams, size: Option<usize>) -> FoldScores {
    let folds = kfold(data.n_samples(), 5).unwrap();
    cross_validate(data, Validation::Folds(&folds), size, |d| params.fit(d)).unwrap()
}

#[test]
fn svm_heatmap_matches_grid_search_cv() {
    let r = reference();
    let d = moons();
    let (cs, gammas) = (log_space(0.01, 1000.0, 11), log_space(0.001, 100.0, 11));
    let points = r["heatmap"]["points"].as_array().unwrap();
    assert_eq!(points.len(), 121);
    let mut best = (f64::NEG_INFINITY, 0.0, 0.0);
    for (i, want) in points.iter().enumerate() {
        // GridSearchCV walks the grid with gamma fastest.
        let (c, g) = (cs[i / 11], gammas[i % 11]);
        assert!((c - want["C"].as_f64().unwrap()).abs() < 1e-12 * c);
        assert!((g - want["gamma"].as_f64().unwrap()).abs() < 1e-12 * g);
        let got = run(&d, &svc(c, Gamma::Value(g)), None);
        assert_folds(&got, want, &format!("C {c} gamma {g}"));
        // The best is the first highest mean, as GridSearchCV ranks ties.
        if got.mean_test() > best.0 + 1e-12 {
            best = (got.mean_test(), c, g);
        }
    }
    let b = &r["heatmap"]["best"];
    assert!((best.1 - b["C"].as_f64().unwrap()).abs() < 1e-12 * best.1);
    assert!((best.2 - b["gamma"].as_f64().unwrap()).abs() < 1e-12 * best.2);
}

#[test]
fn validation_curves_match_sklearn() {
    let r = reference();
    let d = moons();
    let reg = read_regression_csv(&fixture("reg_plane"), "y").unwrap();
    let curves = r["curves"].as_array().unwrap();
    assert_eq!(curves.len(), 5);
    for c in curves {
        let name = c["name"].as_str().unwrap();
        let values: Vec<f64> = serde_json::from_value(c["values"].clone()).unwrap();
        for (v, want) in values.iter().zip(c["points"].as_array().unwrap()) {
            let (data, params) = match name {
                "knn_uniform" => (&d, ModelParams::Knn(KnnParams::default().k(*v as usize))),
                "knn_distance" => (
                    &d,
                    ModelParams::Knn(
                        KnnParams::default()
                            .k(*v as usize)
                            .weights(KnnWeights::Distance),
                    ),
                ),
                "tree_depth" => (
                    &d,
                    ModelParams::Tree(TreeParams::default().max_depth(Some(*v as usize))),
                ),
                "logistic_c" => (&d, ModelParams::Logistic(LogisticParams::default().c(*v))),
                "knn_regressor" => (&reg, ModelParams::Knn(KnnParams::default().k(*v as usize))),
                other => panic!("unknown curve {other}"),
            };
            assert_folds(&run(data, &params, None), want, &format!("{name} at {v}"));
        }
    }
}

#[test]
fn learning_curve_matches_sklearn() {
    let r = reference();
    let d = moons();
    let l = &r["learning"];
    let fractions: Vec<f64> = serde_json::from_value(l["fractions"].clone()).unwrap();
    // learning_curve's largest training part is the first fold's (the smallest).
    let n_max = kfold(d.n_samples(), 5).unwrap()[0].train.len();
    let sizes = learning_sizes(&fractions, n_max);
    let want: Vec<usize> = serde_json::from_value(l["sizes"].clone()).unwrap();
    assert_eq!(sizes, want);
    for (s, want) in sizes.iter().zip(l["points"].as_array().unwrap()) {
        let got = run(&d, &svc(1.0, Gamma::Scale), Some(*s));
        assert_folds(&got, want, &format!("{s} rows"));
    }
}

#[test]
fn a_held_out_part_scores_once() {
    let d = moons();
    let train = d.select(&(0..150).collect::<Vec<_>>()).unwrap();
    let test = d.select(&(150..200).collect::<Vec<_>>()).unwrap();
    let p = svc(1.0, Gamma::Scale);
    let got = cross_validate(&train, Validation::Holdout(&test), None, |x| p.fit(x)).unwrap();
    let m = p.fit(&train).unwrap();
    assert_eq!(
        got.test,
        vec![hyperplane_core::model_selection::score(&m, &test).unwrap()]
    );
    assert_eq!(got.train.len(), 1);
    let empty = d.select(&[]).unwrap();
    assert!(cross_validate(&train, Validation::Holdout(&empty), None, |x| p.fit(x)).is_err());
}
