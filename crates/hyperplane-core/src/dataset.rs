//! A labelled classification dataset whose shape and values have been checked once,
//! so models can rely on it.

use ndarray::{Array2, ArrayView2, Axis};
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};

/// Features (`n_samples × n_features`, all finite) and class labels (`0..n_classes`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Dataset {
    x: Array2<f64>,
    y: Vec<usize>,
    feature_names: Vec<String>,
    class_names: Vec<String>,
}

impl Dataset {
    /// Checks that the parts agree in size, that every value is finite and every label
    /// names a class.
    pub fn new(
        x: Array2<f64>,
        y: Vec<usize>,
        feature_names: Vec<String>,
        class_names: Vec<String>,
    ) -> Result<Self> {
        if x.nrows() == 0 || x.ncols() == 0 {
            return Err(Error::EmptyData);
        }
        if y.len() != x.nrows() {
            return Err(Error::ShapeMismatch {
                what: "number of labels",
                expected: x.nrows(),
                got: y.len(),
            });
        }
        if feature_names.len() != x.ncols() {
            return Err(Error::ShapeMismatch {
                what: "number of feature names",
                expected: x.ncols(),
                got: feature_names.len(),
            });
        }
        check_finite(x.view(), "features")?;
        if let Some((row, &label)) = y.iter().enumerate().find(|(_, &l)| l >= class_names.len()) {
            return Err(Error::BadLabel {
                row,
                label,
                n_classes: class_names.len(),
            });
        }
        Ok(Self {
            x,
            y,
            feature_names,
            class_names,
        })
    }

    pub fn x(&self) -> ArrayView2<'_, f64> {
        self.x.view()
    }
    pub fn y(&self) -> &[usize] {
        &self.y
    }
    pub fn feature_names(&self) -> &[String] {
        &self.feature_names
    }
    pub fn class_names(&self) -> &[String] {
        &self.class_names
    }
    pub fn n_samples(&self) -> usize {
        self.x.nrows()
    }
    pub fn n_features(&self) -> usize {
        self.x.ncols()
    }
    pub fn n_classes(&self) -> usize {
        self.class_names.len()
    }

    /// The rows at `indices`, in that order (used by splits).
    pub fn select(&self, indices: &[usize]) -> Result<Self> {
        check_row_indices(indices, self.n_samples())?;
        Ok(Self {
            x: self.x.select(Axis(0), indices),
            y: indices.iter().map(|&i| self.y[i]).collect(),
            feature_names: self.feature_names.clone(),
            class_names: self.class_names.clone(),
        })
    }

    /// Keeps only the given feature columns, in that order.
    pub fn select_features(&self, features: &[usize]) -> Result<Self> {
        check_feature_indices(features, self.n_features())?;
        Ok(Self {
            x: self.x.select(Axis(1), features),
            y: self.y.clone(),
            feature_names: features
                .iter()
                .map(|&f| self.feature_names[f].clone())
                .collect(),
            class_names: self.class_names.clone(),
        })
    }

    /// Replaces the features (same rows, same columns), e.g. after standardization.
    pub fn with_x(&self, x: Array2<f64>) -> Result<Self> {
        Self::new(
            x,
            self.y.clone(),
            self.feature_names.clone(),
            self.class_names.clone(),
        )
    }

    /// How many samples each class has.
    pub fn class_counts(&self) -> Vec<usize> {
        let mut counts = vec![0; self.n_classes()];
        for &label in &self.y {
            counts[label] += 1;
        }
        counts
    }
}

/// Rejects a row index at or past `n`, before a selection would panic on it.
pub(crate) fn check_row_indices(indices: &[usize], n: usize) -> Result<()> {
    match indices.iter().find(|&&i| i >= n) {
        Some(&bad) => Err(Error::ShapeMismatch {
            what: "row index bound",
            expected: n,
            got: bad,
        }),
        None => Ok(()),
    }
}

/// Rejects NaN and ±inf, naming the first offending cell.
/// Feature columns to keep: at least one, each below `n_features`.
pub(crate) fn check_feature_indices(features: &[usize], n_features: usize) -> Result<()> {
    if features.is_empty() {
        return Err(Error::EmptyData);
    }
    if let Some(&index) = features.iter().find(|&&f| f >= n_features) {
        return Err(Error::FeatureOutOfRange { index, n_features });
    }
    Ok(())
}

pub fn check_finite(x: ArrayView2<'_, f64>, what: &'static str) -> Result<()> {
    for ((row, column), v) in x.indexed_iter() {
        if !v.is_finite() {
            return Err(Error::NonFinite { what, row, column });
        }
    }
    Ok(())
}

/// Checks that a query matrix has the number of columns a model was trained on.
pub fn check_query(x: ArrayView2<'_, f64>, n_features: usize) -> Result<()> {
    if x.ncols() != n_features {
        return Err(Error::ShapeMismatch {
            what: "number of features",
            expected: n_features,
            got: x.ncols(),
        });
    }
    check_finite(x, "query")
}

#[cfg(test)]
mod tests {
    use super::*;
    use ndarray::array;

    fn names(n: usize, p: &str) -> Vec<String> {
        (0..n).map(|i| format!("{p}{i}")).collect()
    }

    #[test]
    fn rejects_mismatched_labels_nan_and_bad_class() {
        let x = array![[0.0, 1.0], [1.0, 0.0]];
        assert!(matches!(
            Dataset::new(x.clone(), vec![0], names(2, "f"), names(2, "c")),
            Err(Error::ShapeMismatch { .. })
        ));
        let mut bad = x.clone();
        bad[[1, 0]] = f64::NAN;
        assert_eq!(
            Dataset::new(bad, vec![0, 1], names(2, "f"), names(2, "c")),
            Err(Error::NonFinite {
                what: "features",
                row: 1,
                column: 0
            })
        );
        assert!(matches!(
            Dataset::new(x, vec![0, 2], names(2, "f"), names(2, "c")),
            Err(Error::BadLabel {
                row: 1,
                label: 2,
                ..
            })
        ));
        assert_eq!(
            Dataset::new(Array2::zeros((0, 2)), vec![], names(2, "f"), names(2, "c")),
            Err(Error::EmptyData)
        );
    }

    #[test]
    fn select_features_rejects_out_of_range() {
        let d = Dataset::new(
            array![[0.0, 1.0], [1.0, 0.0]],
            vec![0, 1],
            names(2, "f"),
            names(2, "c"),
        )
        .unwrap();
        assert_eq!(
            d.select_features(&[2]),
            Err(Error::FeatureOutOfRange {
                index: 2,
                n_features: 2
            })
        );
        assert_eq!(d.select_features(&[1]).unwrap().x()[[0, 0]], 1.0);
    }
}
