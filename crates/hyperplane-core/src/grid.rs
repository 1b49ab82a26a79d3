//! Evaluating a model over a W×H grid on the plane of two chosen features: what every
//! frame of the decision surface costs. Buffers live in [`GridOutput`] and are reused,
//! so a steady stream of frames allocates nothing.

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};

/// The plane to evaluate: two features spanning `x_range` × `y_range`, every other
/// feature held at `base` (for example the training mean, 0 after standardization).
/// Cell `(col, row)` is sampled at its centre; row 0 is the top (largest y).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GridSpec {
    pub width: usize,
    pub height: usize,
    pub x_feature: usize,
    pub y_feature: usize,
    pub x_range: (f64, f64),
    pub y_range: (f64, f64),
    pub base: Vec<f64>,
}

impl GridSpec {
    pub fn check(&self, n_features: usize) -> Result<()> {
        if self.width == 0 || self.height == 0 {
            return Err(Error::EmptyData);
        }
        if self.base.len() != n_features {
            return Err(Error::ShapeMismatch {
                what: "grid base point length",
                expected: n_features,
                got: self.base.len(),
            });
        }
        for f in [self.x_feature, self.y_feature] {
            if f >= n_features {
                return Err(Error::FeatureOutOfRange {
                    index: f,
                    n_features,
                });
            }
        }
        let finite = [
            self.x_range.0,
            self.x_range.1,
            self.y_range.0,
            self.y_range.1,
        ]
        .iter()
        .chain(&self.base)
        .all(|v| v.is_finite());
        if !finite {
            return Err(Error::NonFinite {
                what: "grid",
                row: 0,
                column: 0,
            });
        }
        Ok(())
    }

    /// x coordinate of column `col`'s centre.
    pub fn x_at(&self, col: usize) -> f64 {
        let (a, b) = self.x_range;
        a + (col as f64 + 0.5) * (b - a) / self.width as f64
    }

    /// y coordinate of row `row`'s centre (row 0 at the top).
    pub fn y_at(&self, row: usize) -> f64 {
        let (a, b) = self.y_range;
        b - (row as f64 + 0.5) * (b - a) / self.height as f64
    }

    pub fn len(&self) -> usize {
        self.width * self.height
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// Per cell, row-major: the predicted class (the dataset's class index) and a signed
/// margin. For a binary model the margin is the decision value for the second class
/// (positive → class 1), so its ±1 contours are an SVM's margins; for more classes it
/// is how far the winner's score leads the runner-up's (≥ 0).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct GridOutput {
    pub label: Vec<u32>,
    pub margin: Vec<f32>,
    /// For one-vs-one models, each pair's decision value (pair-major: pair p, cell c at
    /// `p·W·H + c`; positive → the pair's first class), so the boundary between two
    /// regions can be traced smoothly. Empty for other models.
    pub pair_values: Vec<f32>,
    /// Scratch space owned by whichever model last filled this output.
    pub(crate) scratch: Vec<f64>,
}

impl GridOutput {
    pub fn new() -> Self {
        Self::default()
    }

    /// An output computed elsewhere (another thread), with no pair values.
    pub fn from_parts(label: Vec<u32>, margin: Vec<f32>) -> Self {
        Self {
            label,
            margin,
            ..Self::default()
        }
    }

    /// Sizes the buffers for `spec`, reallocating only when the size grows.
    pub(crate) fn prepare(&mut self, spec: &GridSpec) {
        let n = spec.len();
        self.label.resize(n, 0);
        self.margin.resize(n, 0.0);
    }
}

/// A fitted model that can paint a decision surface.
pub trait GridModel {
    fn n_features(&self) -> usize;
    fn evaluate_grid(&self, spec: &GridSpec, out: &mut GridOutput) -> Result<()>;
}
