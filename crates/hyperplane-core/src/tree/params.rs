//! The tree's hyperparameters, shared by the classification and the regression tree.

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Criterion {
    #[default]
    Gini,
    Entropy,
    /// Regression trees' (the variance of the values), as scikit-learn's.
    SquaredError,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct TreeParams {
    pub criterion: Criterion,
    /// `None`: grow until leaves are pure or too small.
    pub max_depth: Option<usize>,
    pub min_samples_split: usize,
    pub min_samples_leaf: usize,
    /// Shuffles the order features are tried in (which matters only for exact ties).
    pub seed: u64,
}

impl Default for TreeParams {
    fn default() -> Self {
        Self {
            criterion: Criterion::Gini,
            max_depth: None,
            min_samples_split: 2,
            min_samples_leaf: 1,
            seed: 0,
        }
    }
}

impl TreeParams {
    pub fn criterion(mut self, c: Criterion) -> Self {
        self.criterion = c;
        self
    }
    pub fn max_depth(mut self, d: Option<usize>) -> Self {
        self.max_depth = d;
        self
    }
    pub fn min_samples_split(mut self, n: usize) -> Self {
        self.min_samples_split = n;
        self
    }
    pub fn min_samples_leaf(mut self, n: usize) -> Self {
        self.min_samples_leaf = n;
        self
    }
    pub fn seed(mut self, s: u64) -> Self {
        self.seed = s;
        self
    }

    pub fn check(&self) -> Result<TreeValidParams> {
        if self.min_samples_split < 2 {
            return Err(Error::InvalidParam {
                name: "min_samples_split",
                value: self.min_samples_split as f64,
                reason: "must be at least 2",
            });
        }
        if self.min_samples_leaf < 1 {
            return Err(Error::InvalidParam {
                name: "min_samples_leaf",
                value: 0.0,
                reason: "must be at least 1",
            });
        }
        if self.max_depth == Some(0) {
            return Err(Error::InvalidParam {
                name: "max_depth",
                value: 0.0,
                reason: "must be at least 1 (or unlimited)",
            });
        }
        Ok(TreeValidParams(self.clone()))
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TreeValidParams(TreeParams);

impl TreeValidParams {
    pub fn params(&self) -> &TreeParams {
        &self.0
    }
}
