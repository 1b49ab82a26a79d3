//! The network's hyperparameters (the optimizer, regularization, layers) and what it
//! learns to output; `init_classifier`/`init_regressor` start a trainer.

use serde::{Deserialize, Serialize};

use super::activation::Activation;

use crate::error::{Error, Result};

#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum Optimizer {
    /// Plain SGD when `momentum` is 0.
    Sgd { momentum: f64 },
    Adam {
        beta1: f64,
        beta2: f64,
        epsilon: f64,
    },
}

impl Optimizer {
    pub fn adam() -> Self {
        Optimizer::Adam {
            beta1: 0.9,
            beta2: 0.999,
            epsilon: 1e-8,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Regularization {
    #[default]
    None,
    L1,
    L2,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct MlpParams {
    /// Neurons per hidden layer (may be empty: no hidden layer).
    pub hidden: Vec<usize>,
    pub activation: Activation,
    pub optimizer: Optimizer,
    pub learning_rate: f64,
    pub batch_size: usize,
    pub regularization: Regularization,
    /// λ, the regularization rate.
    pub regularization_rate: f64,
    /// TensorFlow Playground's semantics (see the module documentation).
    pub playground: bool,
    pub seed: u64,
}

impl Default for MlpParams {
    /// TensorFlow Playground's defaults: hidden layers 4 and 2, tanh, η = 0.03, batch 10.
    fn default() -> Self {
        Self {
            hidden: vec![4, 2],
            activation: Activation::Tanh,
            optimizer: Optimizer::Sgd { momentum: 0.0 },
            learning_rate: 0.03,
            batch_size: 10,
            regularization: Regularization::None,
            regularization_rate: 0.0,
            playground: false,
            seed: 0,
        }
    }
}

impl MlpParams {
    pub fn hidden(mut self, h: Vec<usize>) -> Self {
        self.hidden = h;
        self
    }
    pub fn activation(mut self, a: Activation) -> Self {
        self.activation = a;
        self
    }
    pub fn optimizer(mut self, o: Optimizer) -> Self {
        self.optimizer = o;
        self
    }
    pub fn learning_rate(mut self, lr: f64) -> Self {
        self.learning_rate = lr;
        self
    }
    pub fn batch_size(mut self, b: usize) -> Self {
        self.batch_size = b;
        self
    }
    pub fn regularization(mut self, r: Regularization, rate: f64) -> Self {
        self.regularization = r;
        self.regularization_rate = rate;
        self
    }
    pub fn playground(mut self, on: bool) -> Self {
        self.playground = on;
        self
    }
    pub fn seed(mut self, s: u64) -> Self {
        self.seed = s;
        self
    }

    pub fn check(&self) -> Result<MlpValidParams> {
        let bad = |name, value: f64, reason| {
            Err(Error::InvalidParam {
                name,
                value,
                reason,
            })
        };
        if self.hidden.len() > 16 {
            return bad(
                "hidden layers",
                self.hidden.len() as f64,
                "at most 16 hidden layers",
            );
        }
        if let Some(&n) = self.hidden.iter().find(|&&n| n == 0 || n > 1024) {
            return bad(
                "neurons",
                n as f64,
                "each hidden layer needs 1 to 1024 neurons",
            );
        }
        if !(self.learning_rate.is_finite() && self.learning_rate > 0.0) {
            return bad(
                "learning_rate",
                self.learning_rate,
                "must be a positive finite number",
            );
        }
        if self.batch_size == 0 {
            return bad("batch_size", 0.0, "must be at least 1");
        }
        if !(self.regularization_rate.is_finite() && self.regularization_rate >= 0.0) {
            return bad(
                "regularization_rate",
                self.regularization_rate,
                "must be a finite number ≥ 0",
            );
        }
        match self.optimizer {
            Optimizer::Sgd { momentum } if !(0.0..1.0).contains(&momentum) => {
                return bad("momentum", momentum, "must be in [0, 1)");
            }
            Optimizer::Adam {
                beta1,
                beta2,
                epsilon,
            } if !((0.0..1.0).contains(&beta1)
                && (0.0..1.0).contains(&beta2)
                && epsilon.is_finite()
                && epsilon > 0.0) =>
            {
                return bad(
                    "adam",
                    beta1,
                    "beta1 and beta2 must be in [0, 1), epsilon positive",
                );
            }
            _ => {}
        }
        if self.playground && matches!(self.optimizer, Optimizer::Adam { .. }) {
            return bad(
                "optimizer",
                0.0,
                "TensorFlow Playground semantics use plain SGD",
            );
        }
        Ok(MlpValidParams(self.clone()))
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MlpValidParams(MlpParams);

/// What the network learns to output.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum Target {
    Classes { names: Vec<String> },
    Values { name: String },
}

impl MlpValidParams {
    pub fn params(&self) -> &MlpParams {
        &self.0
    }
}
