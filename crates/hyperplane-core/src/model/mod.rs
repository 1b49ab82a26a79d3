//! The one list of models. [`ModelParams`] (what a user sets) and [`FittedModel`] (what
//! fitting gives) are the only two places that name every model; everything else — the
//! studio, saved versions, the command line — goes through them and the [`Model`] trait.
//!
//! Adding a model: its `…Params` and fitted struct, one arm in each enum here, an
//! `impl Model` in `fitted.rs`, and a controls component in the app (docs/architecture.md).

mod fitted;
mod params;

pub use fitted::FittedModel;
pub use params::ModelParams;

use ndarray::ArrayView2;

use crate::error::Result;
use crate::grid::GridModel;

/// What a model predicts for a set of rows: classes or values, as its data had.
#[derive(Debug, Clone, PartialEq)]
pub enum Prediction {
    /// Class indices into the training data's class names.
    Classes(Vec<usize>),
    Values(Vec<f64>),
}

/// How big a fitted model is, in the terms its own kind is measured by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Size {
    SupportVectors(usize),
    Tree { leaves: usize, depth: usize },
}

/// What every fitted model answers: its predictions, its surface over a grid (from
/// [`GridModel`]) and what it is.
pub trait Model: GridModel {
    /// Predictions for each row of `x` (already in the model's feature space).
    fn predict_target(&self, x: ArrayView2<'_, f64>) -> Result<Prediction>;
    /// Whether it predicts values rather than classes.
    fn is_regressor(&self) -> bool;
    /// Its size, for the models that have one worth telling.
    fn size(&self) -> Option<Size> {
        None
    }
    /// Training rows the model keeps as support vectors (to ring on the plane).
    fn support_indices(&self) -> &[usize] {
        &[]
    }
}
