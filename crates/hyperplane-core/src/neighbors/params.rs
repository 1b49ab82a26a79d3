//! k-NN's hyperparameters, shared by the classifier and the regressor.

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum KnnWeights {
    #[default]
    Uniform,
    Distance,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct KnnParams {
    pub k: usize,
    pub weights: KnnWeights,
}

impl Default for KnnParams {
    fn default() -> Self {
        Self {
            k: 5,
            weights: KnnWeights::Uniform,
        }
    }
}

impl KnnParams {
    pub fn k(mut self, k: usize) -> Self {
        self.k = k;
        self
    }
    pub fn weights(mut self, w: KnnWeights) -> Self {
        self.weights = w;
        self
    }
    pub fn check(&self) -> Result<KnnValidParams> {
        if self.k == 0 {
            return Err(Error::InvalidParam {
                name: "k",
                value: 0.0,
                reason: "must be at least 1",
            });
        }
        Ok(KnnValidParams(self.clone()))
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct KnnValidParams(KnnParams);

impl KnnValidParams {
    pub fn params(&self) -> &KnnParams {
        &self.0
    }

    /// `k` larger than the training data is an error, as in scikit-learn.
    pub(super) fn check_k(&self, n_samples: usize) -> Result<()> {
        if self.0.k > n_samples {
            return Err(Error::InvalidParam {
                name: "k",
                value: self.0.k as f64,
                reason: "must not exceed the number of training samples",
            });
        }
        Ok(())
    }
}
