//! Train/test splitting and standardization. Statistics are always fitted on the
//! training part only, so the test score is honest.

use ndarray::{Array1, Array2, ArrayView2, Axis};
use rand::seq::SliceRandom;
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;
use serde::{Deserialize, Serialize};

use crate::dataset::{check_query, Dataset};
use crate::error::{Error, Result};

/// Row indices of a seeded shuffle split.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Split {
    pub train: Vec<usize>,
    pub test: Vec<usize>,
}

/// Shuffles `0..n` with a seeded ChaCha8 generator and puts the first
/// `round(train_ratio × n)` rows in the training part. Both parts keep at least one
/// row when `n ≥ 2` and `0 < train_ratio < 1`; `train_ratio = 1` puts everything in
/// training.
pub fn train_test_split(n: usize, train_ratio: f64, seed: u64) -> Result<Split> {
    if !(train_ratio > 0.0 && train_ratio <= 1.0) {
        return Err(Error::InvalidParam {
            name: "train_ratio",
            value: train_ratio,
            reason: "must be in (0, 1]",
        });
    }
    if n == 0 {
        return Err(Error::EmptyData);
    }
    let mut order: Vec<usize> = (0..n).collect();
    order.shuffle(&mut ChaCha8Rng::seed_from_u64(seed));
    let mut n_train = (train_ratio * n as f64).round() as usize;
    if train_ratio < 1.0 && n >= 2 {
        n_train = n_train.clamp(1, n - 1);
    }
    let n_train = n_train.clamp(1, n);
    let test = order.split_off(n_train);
    Ok(Split { train: order, test })
}

/// Like [`train_test_split`] but within each class, so both parts keep the class
/// proportions: each class's rows are shuffled and `round(train_ratio × count)` of them
/// (at least one, and at least one left for testing when the class has two or more)
/// go to training. Rows keep the order of the seeded shuffle within each part.
pub fn stratified_split(y: &[usize], train_ratio: f64, seed: u64) -> Result<Split> {
    let all = train_test_split(y.len(), train_ratio, seed)?;
    let order: Vec<usize> = all.train.iter().chain(&all.test).copied().collect();
    let n_classes = y.iter().max().map_or(0, |m| m + 1);
    let mut seen = vec![0usize; n_classes];
    let counts = {
        let mut c = vec![0usize; n_classes];
        for &l in y {
            c[l] += 1;
        }
        c
    };
    let quota: Vec<usize> = counts
        .iter()
        .map(|&c| {
            let q = (train_ratio * c as f64).round() as usize;
            if train_ratio < 1.0 && c >= 2 {
                q.clamp(1, c - 1)
            } else {
                q.clamp(1.min(c), c)
            }
        })
        .collect();
    let (mut train, mut test) = (Vec::new(), Vec::new());
    for i in order {
        let l = y[i];
        if seen[l] < quota[l] {
            train.push(i);
        } else {
            test.push(i);
        }
        seen[l] += 1;
    }
    Ok(Split { train, test })
}

/// Per-feature mean and standard deviation (population, as scikit-learn's
/// `StandardScaler`); constant features get scale 1 so they map to 0, not NaN.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Standardizer {
    pub mean: Array1<f64>,
    pub scale: Array1<f64>,
}

impl Standardizer {
    pub fn fit(x: ArrayView2<'_, f64>) -> Result<Self> {
        if x.nrows() == 0 || x.ncols() == 0 {
            return Err(Error::EmptyData);
        }
        crate::dataset::check_finite(x, "features")?;
        let mean = x.mean_axis(Axis(0)).ok_or(Error::EmptyData)?;
        // Two passes (the mean, then the squared deviations from it), as NumPy's `var`
        // does. ndarray's `std_axis` runs Welford's update with `mul_add`, which wasm has
        // no instruction for: a software fma per value, 80 ms on 128,000 × 30 in the page.
        let mut squares = Array1::<f64>::zeros(x.ncols());
        for row in x.rows() {
            for ((sq, &v), &m) in squares.iter_mut().zip(row).zip(&mean) {
                *sq += (v - m) * (v - m);
            }
        }
        let n = x.nrows() as f64;
        let scale = squares.mapv(|sq| {
            let s = (sq / n).sqrt();
            if s > 0.0 && s.is_finite() {
                s
            } else {
                1.0
            }
        });
        Ok(Self { mean, scale })
    }

    /// Mean 0 and scale 1 for `n` features: `transform` returns its input unchanged.
    pub fn identity(n: usize) -> Self {
        Self {
            mean: Array1::zeros(n),
            scale: Array1::ones(n),
        }
    }

    pub fn transform(&self, x: ArrayView2<'_, f64>) -> Result<Array2<f64>> {
        check_query(x, self.mean.len())?;
        Ok((&x - &self.mean) / &self.scale)
    }

    /// [`transform`](Self::transform) in place, with the same arithmetic (no copy of a
    /// big matrix).
    pub fn transform_in_place(&self, x: &mut Array2<f64>) -> Result<()> {
        check_query(x.view(), self.mean.len())?;
        // Plain loops over each row: ndarray's broadcast `row -= &mean` costs more per
        // row than the arithmetic on rows of a few features.
        for mut row in x.rows_mut() {
            for ((v, &m), &s) in row.iter_mut().zip(&self.mean).zip(&self.scale) {
                *v = (*v - m) / s;
            }
        }
        Ok(())
    }

    /// Maps standardized values back to the original units (for axis labels).
    pub fn inverse_feature(&self, feature: usize, z: f64) -> f64 {
        z * self.scale[feature] + self.mean[feature]
    }

    /// An interval of one feature in original units, standardized as `transform` does.
    pub fn standardize_range(&self, feature: usize, (lo, hi): (f64, f64)) -> (f64, f64) {
        let z = |v: f64| (v - self.mean[feature]) / self.scale[feature];
        (z(lo), z(hi))
    }

    /// An interval of one feature in standardized units, back in original units.
    pub fn inverse_range(&self, feature: usize, (lo, hi): (f64, f64)) -> (f64, f64) {
        (
            self.inverse_feature(feature, lo),
            self.inverse_feature(feature, hi),
        )
    }
}

/// A dataset split into standardized train and test parts, plus what was fitted.
#[derive(Debug, Clone, PartialEq)]
pub struct Prepared {
    pub train: Dataset,
    pub test: Dataset,
    pub split: Split,
    pub scaler: Standardizer,
}

/// Splits, then standardizes both parts with the training part's statistics.
pub fn split_and_standardize(data: &Dataset, train_ratio: f64, seed: u64) -> Result<Prepared> {
    prepare(
        data,
        train_test_split(data.n_samples(), train_ratio, seed)?,
        true,
    )
}

/// Splits `data` as `split` says and, if `standardize`, scales both parts by the
/// training part's statistics (else the scaler is the identity, which changes no bit).
/// An empty test part stays empty.
pub fn prepare(data: &Dataset, split: Split, standardize: bool) -> Result<Prepared> {
    let train_raw = data.select(&split.train)?;
    let test_raw = data.select(&split.test)?;
    let scaler = if standardize {
        Standardizer::fit(train_raw.x())?
    } else {
        Standardizer::identity(data.n_features())
    };
    let scale = |x: &mut ndarray::Array2<f64>| scaler.transform_in_place(x);
    let train = train_raw.map_x(scale)?;
    let test = if split.test.is_empty() {
        test_raw
    } else {
        test_raw.map_x(scale)?
    };
    Ok(Prepared {
        train,
        test,
        split,
        scaler,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use ndarray::array;

    #[test]
    fn split_is_a_seeded_partition() {
        let s = train_test_split(150, 0.8, 7).unwrap();
        assert_eq!(s.train.len(), 120);
        assert_eq!(s.test.len(), 30);
        let mut all: Vec<usize> = s.train.iter().chain(&s.test).copied().collect();
        all.sort_unstable();
        assert_eq!(all, (0..150).collect::<Vec<_>>());
        assert_eq!(s, train_test_split(150, 0.8, 7).unwrap());
        assert_ne!(s, train_test_split(150, 0.8, 8).unwrap());
    }

    #[test]
    fn split_rejects_bad_ratio_and_keeps_both_parts() {
        assert!(train_test_split(10, 0.0, 1).is_err());
        assert!(train_test_split(10, f64::NAN, 1).is_err());
        assert!(train_test_split(10, 1.5, 1).is_err());
        let s = train_test_split(2, 0.01, 1).unwrap();
        assert_eq!((s.train.len(), s.test.len()), (1, 1));
        assert_eq!(train_test_split(5, 1.0, 1).unwrap().test.len(), 0);
    }

    #[test]
    fn stratified_split_keeps_class_proportions() {
        let y: Vec<usize> = (0..100).map(|i| usize::from(i >= 80)).collect();
        let s = stratified_split(&y, 0.75, 3).unwrap();
        let train_ones = s.train.iter().filter(|&&i| y[i] == 1).count();
        let test_ones = s.test.iter().filter(|&&i| y[i] == 1).count();
        assert_eq!((s.train.len(), train_ones, test_ones), (75, 15, 5));
        let mut all: Vec<usize> = s.train.iter().chain(&s.test).copied().collect();
        all.sort_unstable();
        assert_eq!(all, (0..100).collect::<Vec<_>>());
        assert_eq!(s, stratified_split(&y, 0.75, 3).unwrap());
    }

    #[test]
    fn standardizer_uses_population_std_and_survives_constant_columns() {
        let x = array![[1.0, 5.0], [3.0, 5.0]];
        let s = Standardizer::fit(x.view()).unwrap();
        assert_eq!(s.mean, array![2.0, 5.0]);
        assert_eq!(s.scale, array![1.0, 1.0]);
        assert_eq!(
            s.transform(x.view()).unwrap(),
            array![[-1.0, 0.0], [1.0, 0.0]]
        );
        assert!(s.transform(array![[1.0]].view()).is_err());
        let raw = array![[0.1, -3e-300], [f64::MAX, -0.0]];
        let same = Standardizer::identity(2).transform(raw.view()).unwrap();
        assert!(same
            .iter()
            .zip(&raw)
            .all(|(a, b)| a.to_bits() == b.to_bits()));
    }
}
