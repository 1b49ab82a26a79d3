//! Turns data and parameters into a fitted model and what the page reports about it,
//! by calling the engine: for classes or for values alike. No maths here.

use std::sync::Arc;

use hyperplane_core::grid::{GridOutput, GridSpec};
use hyperplane_core::metrics::{ClassificationReport, RegressionReport};
use hyperplane_core::model::{FittedModel, ModelParams, Size};
use hyperplane_core::preprocess::Prepared;
use hyperplane_core::{Dataset, Error};

/// How to read a grid's margin, and so which lines to draw.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SurfaceKind {
    /// Two-class SVM: signed decision value; boundary at 0, margins at ±1.
    SvmBinary,
    /// Multi-class SVM: boundaries from the one-vs-one pair values.
    SvmPairs,
    /// Two classes with a signed score (log-odds, P(1) − P(0), tanh): boundary at 0.
    SignedBinary,
    /// A probability lead ≥ 0: boundaries where the predicted class changes.
    Regions,
}

pub use hyperplane_worker::cell_px;

/// How to read a classifier's grid: which lines its margins draw.
pub fn surface_kind(model: &FittedModel, n_classes: usize) -> SurfaceKind {
    match model {
        FittedModel::Svc(m) if m.pairs().len() == 1 => SurfaceKind::SvmBinary,
        FittedModel::Svc(_) => SurfaceKind::SvmPairs,
        FittedModel::LinearSvm(m) if m.pairs.len() == 1 => SurfaceKind::SvmBinary,
        FittedModel::Logistic(_) | FittedModel::Mlp(_) if n_classes == 2 => {
            SurfaceKind::SignedBinary
        }
        _ => SurfaceKind::Regions,
    }
}

pub use hyperplane_worker::Scores;

/// A fitted model with what the page shows about it.
#[derive(Debug, Clone, PartialEq)]
pub struct Trained {
    pub model: FittedModel,
    /// Indices (into the dataset's features) the model was trained on.
    pub features: Vec<usize>,
    pub scores: Scores,
    pub fit_ms: f64,
    /// Fitted (and scored) in a worker, which the timing line says.
    pub in_worker: bool,
    /// The model's surface, already evaluated elsewhere (the worker training the
    /// network sends it with each frame): drawn as it is when the grid matches.
    pub surface: Option<Arc<Surface>>,
}

/// A grid and the model's values over it.
pub type Surface = (GridSpec, GridOutput);

/// Evaluates `trained`'s model over `spec` into `out`, or copies the surface it came
/// with if that is over the same grid.
pub fn evaluate_surface(
    trained: &Trained,
    spec: &GridSpec,
    out: &mut GridOutput,
) -> Result<(), String> {
    match trained.surface.as_deref() {
        Some((s, values)) if s == spec => {
            out.clone_from(values);
            Ok(())
        }
        _ => trained
            .model
            .evaluate_grid(spec, out)
            .map_err(|e| e.to_string()),
    }
}

impl Trained {
    /// The classifier's scores: training and test accuracy and the per-class report.
    pub fn accuracy(&self) -> Option<(f64, Option<f64>, Option<&ClassificationReport>)> {
        match &self.scores {
            Scores::Classes {
                train_accuracy,
                test_accuracy,
                report,
            } => Some((*train_accuracy, *test_accuracy, report.as_ref())),
            Scores::Values { .. } => None,
        }
    }

    /// The regressor's scores on the training and the test part.
    pub fn errors(&self) -> Option<(RegressionReport, Option<RegressionReport>)> {
        match self.scores {
            Scores::Values { train, test } => Some((train, test)),
            Scores::Classes { .. } => None,
        }
    }
}

/// Fits a one-call model on the training part restricted to `features` and scores it.
/// `now` is a millisecond clock (the browser's `performance.now()`).
pub fn train(
    data: &Prepared,
    params: &ModelParams,
    features: &[usize],
    now: impl Fn() -> f64,
) -> Result<Trained, Error> {
    let train_set = restrict(&data.train, features)?;
    let start = now();
    let model = fit(params, &train_set)?;
    let fit_ms = now() - start;
    score(data, model, features, fit_ms)
}

/// Fits a one-call model on `train` as every fit of the studio does (the worker's rule;
/// a network is an error here: it trains step by step).
pub fn fit(params: &ModelParams, train: &Dataset) -> Result<FittedModel, Error> {
    match params {
        ModelParams::Mlp { .. } => params.fit(train),
        p => hyperplane_worker::fit_model(p, train, 0),
    }
}

/// Scores a fitted model (one just fitted, a restored one or a snapshot of a network in
/// training) on both parts of `data`, restricted to `features`.
pub fn score(
    data: &Prepared,
    model: FittedModel,
    features: &[usize],
    fit_ms: f64,
) -> Result<Trained, Error> {
    let train_set = restrict(&data.train, features)?;
    let test_set = if data.test.n_samples() > 0 {
        Some(restrict(&data.test, features)?)
    } else {
        None
    };
    let scores = hyperplane_worker::scores(&model, &train_set, test_set.as_ref())?;
    Ok(Trained {
        model,
        features: features.to_vec(),
        scores,
        fit_ms,
        in_worker: false,
        surface: None,
    })
}

pub fn restrict(d: &Dataset, features: &[usize]) -> Result<Dataset, Error> {
    if features.len() == d.n_features() && features.iter().enumerate().all(|(i, &f)| i == f) {
        Ok(d.clone())
    } else {
        d.select_features(features)
    }
}

/// The features a model should be trained on for the plane (`x`, `y`).
pub fn model_features(n_features: usize, x: usize, y: usize, shown_only: bool) -> Vec<usize> {
    if shown_only || n_features <= 2 {
        vec![x, y]
    } else {
        (0..n_features).collect()
    }
}

/// What to say about a fitted regressor's size: support vectors, or leaves and depth.
pub fn size_text(model: &FittedModel) -> Option<(&'static str, String)> {
    Some(match model.size()? {
        Size::SupportVectors(n) => ("Support vectors", n.to_string()),
        Size::Tree { leaves, depth } => ("Leaves · depth", format!("{leaves} · {depth}")),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::{default_data, generated, load_data, load_regression};
    use crate::plane::{grid_spec, plane_ranges};
    use crate::settings::{DataSettings, DatasetChoice};
    use hyperplane_core::datasets::GeneratorKind;
    use hyperplane_core::kernel::KernelKind;
    use hyperplane_core::linear_model::LogisticParams;
    use hyperplane_core::neighbors::KnnParams;
    use hyperplane_core::svm::{SvcParams, SvrParams};
    use hyperplane_core::tree::{Criterion, TreeParams};

    #[test]
    fn default_linear_svc_scores_like_sklearn() {
        let data = default_data().unwrap();
        let t = train(
            &data,
            &ModelParams::Svc(SvcParams::default().kernel(KernelKind::Linear)),
            &[0, 1, 2, 3],
            || 0.0,
        )
        .unwrap();
        // scikit-learn's SVC(kernel="linear", C=1) on the same split: 93.3 %, 23 SVs.
        assert_eq!(
            crate::format::percent(t.accuracy().unwrap().1.unwrap()),
            "93.3%"
        );
        match &t.model {
            FittedModel::Svc(m) => assert_eq!(m.n_support(), &[2, 12, 9]),
            _ => panic!("an SVM"),
        }
    }

    #[test]
    fn every_dataset_and_model_fits() {
        for choice in DatasetChoice::ALL {
            if matches!(choice, DatasetChoice::Drawn | DatasetChoice::Imported)
                || choice.is_regression()
            {
                continue;
            }
            let data = load_data(
                &DataSettings {
                    choice,
                    noise: 0.1,
                    train_ratio: 0.5,
                    seed: 3,
                    n_samples: 200,
                    n_classes: 3,
                    ..DataSettings::default()
                },
                None,
            )
            .unwrap();
            for spec in [
                ModelParams::Svc(SvcParams::default()),
                ModelParams::Logistic(LogisticParams::default()),
                ModelParams::Knn(KnnParams::default()),
                ModelParams::Tree(TreeParams::default().max_depth(Some(5))),
            ] {
                let t = train(&data, &spec, &[0, 1], || 0.0).unwrap();
                assert!(t.accuracy().unwrap().0 > 0.4, "{choice:?} {spec:?}");
            }
        }
    }

    #[test]
    fn bad_params_are_an_error_not_a_panic() {
        let data = default_data().unwrap();
        let err = train(
            &data,
            &ModelParams::Svc(SvcParams::default().c(-1.0)),
            &[0, 1],
            || 0.0,
        )
        .unwrap_err();
        assert!(err.to_string().contains("C"));
    }

    /// The test part's R² of a regressor.
    fn test_r2(t: &Trained) -> f64 {
        t.errors().and_then(|(_, test)| test).unwrap().r2
    }

    #[test]
    fn svr_fits_the_playground_regression_sets() {
        let plane = load_regression(&generated(GeneratorKind::RegPlane, 0.0), None).unwrap();
        assert_eq!(plane.train.n_samples() + plane.test.n_samples(), 300);
        let linear = ModelParams::Svr(
            SvrParams::default()
                .kernel(KernelKind::Linear)
                .epsilon(0.01),
        );
        let t = train(&plane, &linear, &[0, 1], || 0.0).unwrap();
        assert!(test_r2(&t) > 0.99, "{:?}", t.scores);
        let gauss = load_regression(&generated(GeneratorKind::RegGauss, 0.0), None).unwrap();
        let rbf = ModelParams::Svr(
            SvrParams::default()
                .kernel(KernelKind::Rbf)
                .c(10.0)
                .epsilon(0.05),
        );
        let t = train(&gauss, &rbf, &[0, 1], || 0.0).unwrap();
        assert!(test_r2(&t) > 0.8, "{:?}", t.scores);
        // A linear model cannot fit the Gaussian bumps.
        let t = train(&gauss, &linear, &[0, 1], || 0.0).unwrap();
        assert!(test_r2(&t) < 0.5);
        let ranges = plane_ranges(&gauss, 0, 1, None);
        assert!(grid_spec(&t, 0, 1, ranges, 10, 8).is_some());
        // A rectangle in the data's units maps back to itself.
        let units = [
            (
                gauss.scaler.inverse_feature(0, ranges[0].0),
                gauss.scaler.inverse_feature(0, ranges[0].1),
            ),
            (
                gauss.scaler.inverse_feature(1, ranges[1].0),
                gauss.scaler.inverse_feature(1, ranges[1].1),
            ),
        ];
        let back = plane_ranges(&gauss, 0, 1, Some(units));
        for (a, b) in back.iter().zip(&ranges) {
            assert!((a.0 - b.0).abs() < 1e-12 && (a.1 - b.1).abs() < 1e-12);
        }
        assert!(train(&gauss, &linear, &[0, 7], || 0.0).is_err());
        // k-NN and a tree follow the bumps too; a stump cannot.
        let knn = ModelParams::Knn(KnnParams::default().k(5));
        let t = train(&gauss, &knn, &[0, 1], || 0.0).unwrap();
        assert!(test_r2(&t) > 0.8, "{:?}", t.scores);
        let tree = |depth| {
            ModelParams::Tree(
                TreeParams::default()
                    .criterion(Criterion::SquaredError)
                    .max_depth(Some(depth)),
            )
        };
        // A staircase follows the plane; on the bumps, with 150 points, deeper trees fit
        // the training part better and generalize badly (as scikit-learn's do).
        let t = train(&plane, &tree(8), &[0, 1], || 0.0).unwrap();
        assert!(test_r2(&t) > 0.9, "{:?}", t.scores);
        assert!(matches!(
            t.model.size(),
            Some(hyperplane_core::model::Size::Tree { .. })
        ));
        let deep = train(&gauss, &tree(8), &[0, 1], || 0.0).unwrap();
        let stump = train(&gauss, &tree(1), &[0, 1], || 0.0).unwrap();
        assert!(
            stump.errors().unwrap().0.r2 < 0.1 && deep.errors().unwrap().0.r2 > 0.8,
            "{stump:?} {deep:?}"
        );
    }
}
