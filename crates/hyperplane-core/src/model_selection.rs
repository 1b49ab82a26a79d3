//! Cross-validation, validation curves and learning curves, computed as scikit-learn's
//! `model_selection` computes them, so the studio's sweeps can be checked against
//! `GridSearchCV`, `validation_curve` and `learning_curve` on the same folds: folds are
//! `KFold(n_splits=k)` without shuffling (the studio's training part is already in a
//! seeded random order), a score is `estimator.score` (accuracy on classes, R² on
//! values), and a learning curve's subset is the first rows of each training fold.

use serde::{Deserialize, Serialize};

use crate::dataset::{Dataset, Target};
use crate::error::{Error, Result};
use crate::metrics::{accuracy, r2_score};
use crate::model::FittedModel;
use crate::preprocess::Split;

/// The most folds a cross-validation may use.
pub const MAX_FOLDS: usize = 20;

/// scikit-learn's `KFold(n_splits=k)` without shuffling: consecutive validation blocks,
/// the first `n % k` one row longer; each training part in ascending row order.
pub fn kfold(n: usize, k: usize) -> Result<Vec<Split>> {
    if !(2..=MAX_FOLDS).contains(&k) {
        return Err(Error::InvalidParam {
            name: "folds",
            value: k as f64,
            reason: "must be between 2 and 20",
        });
    }
    if k > n {
        return Err(Error::InvalidParam {
            name: "folds",
            value: k as f64,
            reason: "cannot exceed the number of training samples",
        });
    }
    let mut start = 0;
    Ok((0..k)
        .map(|i| {
            let end = start + n / k + usize::from(i < n % k);
            let split = Split {
                train: (0..start).chain(end..n).collect(),
                test: (start..end).collect(),
            };
            start = end;
            split
        })
        .collect())
}

/// scikit-learn's `score`: accuracy on classes, the coefficient of determination R² on
/// values.
pub fn score(model: &FittedModel, data: &Dataset) -> Result<f64> {
    match data.target() {
        Target::Classes { labels, .. } => accuracy(labels, &model.predict_classes(data.x())?),
        Target::Values { values, .. } => r2_score(values, &model.predict_values(data.x())?),
    }
}

/// Training and validation scores, one pair per fold (one in all on a held-out part).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FoldScores {
    pub train: Vec<f64>,
    pub test: Vec<f64>,
}

impl FoldScores {
    pub fn mean_train(&self) -> f64 {
        mean(&self.train)
    }

    pub fn mean_test(&self) -> f64 {
        mean(&self.test)
    }

    /// The spread over folds, as scikit-learn's `std_test_score` (population standard
    /// deviation).
    pub fn std_test(&self) -> f64 {
        std(&self.test)
    }

    pub fn std_train(&self) -> f64 {
        std(&self.train)
    }
}

fn mean(v: &[f64]) -> f64 {
    v.iter().sum::<f64>() / v.len().max(1) as f64
}

fn std(v: &[f64]) -> f64 {
    let m = mean(v);
    (v.iter().map(|x| (x - m) * (x - m)).sum::<f64>() / v.len().max(1) as f64).sqrt()
}

/// Where validation scores come from.
#[derive(Debug, Clone, Copy)]
pub enum Validation<'a> {
    /// k folds of the training data (from [`kfold`]).
    Folds(&'a [Split]),
    /// A held-out test part.
    Holdout(&'a Dataset),
}

/// Fits with `fit` on each training part (only its first `size` rows if given, as
/// `learning_curve` does) and scores the model on the rows it was fitted on and on the
/// validation rows.
pub fn cross_validate(
    data: &Dataset,
    validation: Validation<'_>,
    size: Option<usize>,
    fit: impl Fn(&Dataset) -> Result<FittedModel>,
) -> Result<FoldScores> {
    let head = |d: Dataset| -> Result<Dataset> {
        match size {
            Some(0) => Err(Error::EmptyData),
            Some(m) if m < d.n_samples() => d.select(&(0..m).collect::<Vec<_>>()),
            _ => Ok(d),
        }
    };
    let mut out = FoldScores {
        train: Vec::new(),
        test: Vec::new(),
    };
    let mut run = |train: Dataset, test: &Dataset| -> Result<()> {
        let train = head(train)?;
        let model = fit(&train)?;
        out.train.push(score(&model, &train)?);
        out.test.push(score(&model, test)?);
        Ok(())
    };
    match validation {
        Validation::Holdout(test) => {
            if test.n_samples() == 0 {
                return Err(Error::InvalidParam {
                    name: "test part",
                    value: 0.0,
                    reason: "is empty: hold some data out or use folds",
                });
            }
            run(data.clone(), test)?
        }
        Validation::Folds(folds) => {
            for f in folds {
                if f.train
                    .iter()
                    .chain(&f.test)
                    .any(|&i| i >= data.n_samples())
                {
                    return Err(Error::InvalidParam {
                        name: "folds",
                        value: folds.len() as f64,
                        reason: "name rows the data does not have",
                    });
                }
                run(data.select(&f.train)?, &data.select(&f.test)?)?;
            }
        }
    }
    Ok(out)
}

/// `learning_curve`'s training sizes for `fractions` of `n_max` rows (the smallest
/// training part): each `floor(fraction × n_max)`, clipped to `1..=n_max`, without
/// repeats, ascending.
pub fn learning_sizes(fractions: &[f64], n_max: usize) -> Vec<usize> {
    let mut sizes: Vec<usize> = fractions
        .iter()
        .filter(|f| f.is_finite())
        .map(|f| ((f * n_max as f64).floor().max(0.0) as usize).clamp(1, n_max.max(1)))
        .collect();
    sizes.sort_unstable();
    sizes.dedup();
    sizes
}

/// `n` values spread evenly on a log scale from `lo` to `hi` (numpy's `logspace`).
pub fn log_space(lo: f64, hi: f64, n: usize) -> Vec<f64> {
    let (a, b) = (lo.log10(), hi.log10());
    (0..n)
        .map(|i| {
            let t = if n > 1 {
                i as f64 / (n - 1) as f64
            } else {
                0.0
            };
            10f64.powf(a + (b - a) * t)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kfold_is_sklearns_unshuffled_kfold() {
        let folds = kfold(11, 3).unwrap();
        let tests: Vec<Vec<usize>> = folds.iter().map(|f| f.test.clone()).collect();
        assert_eq!(
            tests,
            vec![vec![0, 1, 2, 3], vec![4, 5, 6, 7], vec![8, 9, 10]]
        );
        assert_eq!(folds[1].train, vec![0, 1, 2, 3, 8, 9, 10]);
        assert!(kfold(5, 1).is_err());
        assert!(kfold(3, 5).is_err());
        assert!(kfold(100, 21).is_err());
    }

    #[test]
    fn learning_sizes_follow_sklearn() {
        // learning_curve(train_sizes=np.linspace(0.1, 1.0, 5)) on 37 rows
        let f = [0.1, 0.325, 0.55, 0.775, 1.0];
        assert_eq!(learning_sizes(&f, 37), vec![3, 12, 20, 28, 37]);
        assert_eq!(learning_sizes(&[0.01, 0.02], 10), vec![1]);
        assert_eq!(learning_sizes(&[f64::NAN, 2.0], 10), vec![10]);
    }

    #[test]
    fn log_space_matches_numpy() {
        let v = log_space(0.01, 1000.0, 11);
        assert_eq!(v.len(), 11);
        assert!((v[0] - 0.01).abs() < 1e-15 && (v[10] - 1000.0).abs() < 1e-9);
        assert!((v[1] - 0.031_622_776_601_683_79).abs() < 1e-15);
    }
}
