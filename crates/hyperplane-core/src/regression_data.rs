//! A dataset with a real-valued target, checked once so models can rely on it.

use ndarray::{Array2, ArrayView2, Axis};
use serde::{Deserialize, Serialize};

use crate::dataset::{check_finite, check_row_indices};
use crate::error::{Error, Result};

/// Features (`n_samples × n_features`, all finite) and a finite target per sample.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RegressionData {
    x: Array2<f64>,
    y: Vec<f64>,
    feature_names: Vec<String>,
    target_name: String,
}

impl RegressionData {
    pub fn new(
        x: Array2<f64>,
        y: Vec<f64>,
        feature_names: Vec<String>,
        target_name: String,
    ) -> Result<Self> {
        if x.nrows() == 0 || x.ncols() == 0 {
            return Err(Error::EmptyData);
        }
        if y.len() != x.nrows() {
            return Err(Error::ShapeMismatch {
                what: "number of targets",
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
        if let Some(row) = y.iter().position(|v| !v.is_finite()) {
            return Err(Error::NonFinite {
                what: "target",
                row,
                column: 0,
            });
        }
        Ok(Self {
            x,
            y,
            feature_names,
            target_name,
        })
    }

    pub fn x(&self) -> ArrayView2<'_, f64> {
        self.x.view()
    }
    pub fn y(&self) -> &[f64] {
        &self.y
    }
    pub fn feature_names(&self) -> &[String] {
        &self.feature_names
    }
    pub fn target_name(&self) -> &str {
        &self.target_name
    }
    pub fn n_samples(&self) -> usize {
        self.x.nrows()
    }
    pub fn n_features(&self) -> usize {
        self.x.ncols()
    }

    /// The rows at `indices`, in that order.
    pub fn select(&self, indices: &[usize]) -> Result<Self> {
        check_row_indices(indices, self.n_samples())?;
        Ok(Self {
            x: self.x.select(Axis(0), indices),
            y: indices.iter().map(|&i| self.y[i]).collect(),
            feature_names: self.feature_names.clone(),
            target_name: self.target_name.clone(),
        })
    }

    /// Keeps only the given feature columns, in that order.
    pub fn select_features(&self, features: &[usize]) -> Result<Self> {
        crate::dataset::check_feature_indices(features, self.n_features())?;
        Ok(Self {
            x: self.x.select(Axis(1), features),
            y: self.y.clone(),
            feature_names: features
                .iter()
                .map(|&f| self.feature_names[f].clone())
                .collect(),
            target_name: self.target_name.clone(),
        })
    }

    /// Replaces the features (same rows), e.g. after standardization.
    pub fn with_x(&self, x: Array2<f64>) -> Result<Self> {
        Self::new(
            x,
            self.y.clone(),
            self.feature_names.clone(),
            self.target_name.clone(),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ndarray::array;

    #[test]
    fn rejects_bad_shapes_and_values() {
        let names = vec!["a".to_string()];
        assert!(
            RegressionData::new(array![[1.0]], vec![1.0, 2.0], names.clone(), "t".into()).is_err()
        );
        assert_eq!(
            RegressionData::new(
                array![[1.0], [2.0]],
                vec![1.0, f64::NAN],
                names.clone(),
                "t".into()
            ),
            Err(Error::NonFinite {
                what: "target",
                row: 1,
                column: 0
            })
        );
        assert_eq!(
            RegressionData::new(Array2::zeros((0, 1)), vec![], names, "t".into()),
            Err(Error::EmptyData)
        );
    }
}
