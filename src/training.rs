//! Turns state into a fitted model and its scores by calling the engine. No maths here:
//! only which data goes in and what is reported.

use hyperplane_core::datasets::iris;
use hyperplane_core::grid::GridSpec;
use hyperplane_core::metrics::accuracy;
use hyperplane_core::preprocess::{split_and_standardize, Prepared};
use hyperplane_core::svm::{Svc, SvcParams};
use hyperplane_core::{Dataset, Error};

/// The default split: 80 % training, seeded so every visitor sees the same numbers.
pub const TRAIN_RATIO: f64 = 0.8;
pub const SPLIT_SEED: u64 = 42;

/// Iris, split and standardized with training statistics.
pub fn default_data() -> Result<Prepared, Error> {
    split_and_standardize(&iris()?, TRAIN_RATIO, SPLIT_SEED)
}

/// A fitted model with what the page shows about it.
#[derive(Debug, Clone, PartialEq)]
pub struct Trained {
    pub model: Svc,
    /// Indices (into the dataset's features) the model was trained on.
    pub features: Vec<usize>,
    pub train_accuracy: f64,
    pub test_accuracy: Option<f64>,
    pub fit_ms: f64,
}

/// Fits `params` on the training part restricted to `features` and scores it.
/// `now` is a millisecond clock (the browser's `performance.now()`).
pub fn train(
    data: &Prepared,
    params: &SvcParams,
    features: &[usize],
    now: impl Fn() -> f64,
) -> Result<Trained, Error> {
    let checked = params.check()?;
    let train_set = restrict(&data.train, features)?;
    let start = now();
    let model = checked.fit(&train_set)?;
    let fit_ms = now() - start;
    let train_accuracy = accuracy(train_set.y(), &model.predict(train_set.x())?)?;
    let test_accuracy = if data.test.n_samples() > 0 {
        let test_set = restrict(&data.test, features)?;
        Some(accuracy(test_set.y(), &model.predict(test_set.x())?)?)
    } else {
        None
    };
    Ok(Trained {
        model,
        features: features.to_vec(),
        train_accuracy,
        test_accuracy,
        fit_ms,
    })
}

fn restrict(d: &Dataset, features: &[usize]) -> Result<Dataset, Error> {
    if features.len() == d.n_features() && features.iter().enumerate().all(|(i, &f)| i == f) {
        Ok(d.clone())
    } else {
        d.select_features(features)
    }
}

/// The features a model should be trained on for the plane (`x`, `y`).
pub fn model_features(n_features: usize, x: usize, y: usize, shown_only: bool) -> Vec<usize> {
    if shown_only {
        vec![x, y]
    } else {
        (0..n_features).collect()
    }
}

/// The plane's extent in standardized units: every point (train and test) plus a margin.
pub fn plane_extent(data: &Prepared, feature: usize) -> (f64, f64) {
    let values = data
        .train
        .x()
        .column(feature)
        .iter()
        .chain(data.test.x().column(feature).iter())
        .copied()
        .collect::<Vec<_>>();
    let lo = values.iter().copied().fold(f64::INFINITY, f64::min);
    let hi = values.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    if lo.is_finite() && hi.is_finite() && hi > lo {
        let pad = 0.08 * (hi - lo);
        (lo - pad, hi + pad)
    } else {
        (-3.0, 3.0)
    }
}

/// The grid for the shown plane, in the model's own feature space. Features the model
/// uses but the plane does not show are held at 0, their training mean after
/// standardization.
pub fn surface_spec(
    data: &Prepared,
    trained: &Trained,
    x: usize,
    y: usize,
    width: usize,
    height: usize,
) -> Option<GridSpec> {
    let x_feature = trained.features.iter().position(|&f| f == x)?;
    let y_feature = trained.features.iter().position(|&f| f == y)?;
    Some(GridSpec {
        width,
        height,
        x_feature,
        y_feature,
        x_range: plane_extent(data, x),
        y_range: plane_extent(data, y),
        base: vec![0.0; trained.features.len()],
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use hyperplane_core::kernel::KernelKind;

    #[test]
    fn default_linear_svc_scores_like_sklearn() {
        let data = default_data().unwrap();
        let t = train(
            &data,
            &SvcParams::default().kernel(KernelKind::Linear),
            &[0, 1, 2, 3],
            || 0.0,
        )
        .unwrap();
        // scikit-learn's SVC(kernel="linear", C=1) on the same split: 93.3 %, 23 SVs.
        assert_eq!(crate::format::percent(t.test_accuracy.unwrap()), "93.3%");
        assert_eq!(t.model.n_support(), &[2, 12, 9]);
    }

    #[test]
    fn bad_params_are_an_error_not_a_panic() {
        let data = default_data().unwrap();
        let err = train(&data, &SvcParams::default().c(-1.0), &[0, 1], || 0.0).unwrap_err();
        assert!(err.to_string().contains("C"));
    }
}
