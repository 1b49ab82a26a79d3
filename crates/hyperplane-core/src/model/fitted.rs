//! Every fitted model in one enum, and what each answers through the [`Model`] trait.

use ndarray::{Array2, ArrayView2};
use serde::{Deserialize, Serialize};

use super::{Model, Prediction, Size};
use crate::error::{Error, Result};
use crate::grid::{GridModel, GridOutput, GridSpec};
use crate::linear_model::LogisticRegression;
use crate::neighbors::{KNeighbors, KNeighborsRegressor};
use crate::nn::{Mlp, Target};
use crate::svm::{LinearSvm, Svc, Svr};
use crate::tree::{DecisionTree, RegressionTree};

/// Any fitted model the engine has (serialized with a `kind` tag, as in model files).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum FittedModel {
    Svc(Svc),
    Svr(Svr),
    /// The linear SVM trained by gradient descent.
    LinearSvm(LinearSvm),
    Logistic(LogisticRegression),
    Knn(KNeighbors),
    /// k-nearest-neighbour regression.
    KnnRegressor(KNeighborsRegressor),
    Tree(DecisionTree),
    /// A regression tree.
    TreeRegressor(RegressionTree),
    /// A neural network, classifier or regressor.
    Mlp(Mlp),
}

impl FittedModel {
    /// The model behind the enum: every question below goes through this one match.
    pub fn as_model(&self) -> &dyn Model {
        match self {
            FittedModel::Svc(m) => m,
            FittedModel::Svr(m) => m,
            FittedModel::LinearSvm(m) => m,
            FittedModel::Logistic(m) => m,
            FittedModel::Knn(m) => m,
            FittedModel::KnnRegressor(m) => m,
            FittedModel::Tree(m) => m,
            FittedModel::TreeRegressor(m) => m,
            FittedModel::Mlp(m) => m,
        }
    }

    /// The [`ModelParams`](super::ModelParams) `kind` this model is fitted from (k-NN
    /// and trees take the same parameters for classes and values).
    pub fn params_kind(&self) -> &'static str {
        match self {
            FittedModel::Svc(_) => "svc",
            FittedModel::Svr(_) => "svr",
            FittedModel::LinearSvm(_) => "linear_svm",
            FittedModel::Logistic(_) => "logistic",
            FittedModel::Knn(_) | FittedModel::KnnRegressor(_) => "knn",
            FittedModel::Tree(_) | FittedModel::TreeRegressor(_) => "tree",
            FittedModel::Mlp(_) => "mlp",
        }
    }

    pub fn n_features(&self) -> usize {
        self.as_model().n_features()
    }

    /// Whether the model predicts values (the SVR, a network with a value output, …).
    pub fn is_regressor(&self) -> bool {
        self.as_model().is_regressor()
    }

    pub fn predict_target(&self, x: ArrayView2<'_, f64>) -> Result<Prediction> {
        self.as_model().predict_target(x)
    }

    /// Predicted values, for regressors.
    pub fn predict_values(&self, x: ArrayView2<'_, f64>) -> Result<Vec<f64>> {
        match self.predict_target(x)? {
            Prediction::Values(v) => Ok(v),
            Prediction::Classes(_) => Err(Error::Format(
                "a classifier predicts classes, not values".into(),
            )),
        }
    }

    /// Class indices, for classifiers.
    pub fn predict_classes(&self, x: ArrayView2<'_, f64>) -> Result<Vec<usize>> {
        match self.predict_target(x)? {
            Prediction::Classes(c) => Ok(c),
            Prediction::Values(_) => Err(Error::Format(
                "a regressor predicts values, not classes".into(),
            )),
        }
    }

    /// The surface over a grid (see [`GridModel`]).
    pub fn evaluate_grid(&self, spec: &GridSpec, out: &mut GridOutput) -> Result<()> {
        self.as_model().evaluate_grid(spec, out)
    }

    pub fn size(&self) -> Option<Size> {
        self.as_model().size()
    }

    pub fn support_indices(&self) -> &[usize] {
        self.as_model().support_indices()
    }

    /// scikit-learn's `decision_function` for classifiers that have one (SVMs: one-vs-one
    /// columns; logistic regression: scores); k-NN, trees and networks give class
    /// probabilities.
    pub fn decision_function(&self, x: ArrayView2<'_, f64>) -> Result<Array2<f64>> {
        match self {
            FittedModel::Svc(m) => m.decision_function(x),
            FittedModel::LinearSvm(m) => m.decision_function(x),
            FittedModel::Logistic(m) => m.decision_function(x),
            FittedModel::Knn(m) => m.predict_proba(x),
            FittedModel::Tree(m) => m.predict_proba(x),
            FittedModel::Mlp(m) if !m.is_regressor() => m.predict_proba(x),
            _ => Err(Error::Format("a regressor has no decision function".into())),
        }
    }
}

impl GridModel for FittedModel {
    fn n_features(&self) -> usize {
        self.as_model().n_features()
    }
    fn evaluate_grid(&self, spec: &GridSpec, out: &mut GridOutput) -> Result<()> {
        self.as_model().evaluate_grid(spec, out)
    }
}

impl Model for Svc {
    fn predict_target(&self, x: ArrayView2<'_, f64>) -> Result<Prediction> {
        self.predict(x).map(Prediction::Classes)
    }
    fn is_regressor(&self) -> bool {
        false
    }
    fn size(&self) -> Option<Size> {
        Some(Size::SupportVectors(Svc::support_indices(self).len()))
    }
    fn support_indices(&self) -> &[usize] {
        Svc::support_indices(self)
    }
}

impl Model for Svr {
    fn predict_target(&self, x: ArrayView2<'_, f64>) -> Result<Prediction> {
        self.predict(x).map(Prediction::Values)
    }
    fn is_regressor(&self) -> bool {
        true
    }
    fn size(&self) -> Option<Size> {
        Some(Size::SupportVectors(Svr::support_indices(self).len()))
    }
    fn support_indices(&self) -> &[usize] {
        Svr::support_indices(self)
    }
}

impl Model for LinearSvm {
    fn predict_target(&self, x: ArrayView2<'_, f64>) -> Result<Prediction> {
        self.predict(x).map(Prediction::Classes)
    }
    fn is_regressor(&self) -> bool {
        false
    }
}

impl Model for LogisticRegression {
    fn predict_target(&self, x: ArrayView2<'_, f64>) -> Result<Prediction> {
        self.predict(x).map(Prediction::Classes)
    }
    fn is_regressor(&self) -> bool {
        false
    }
}

impl Model for KNeighbors {
    fn predict_target(&self, x: ArrayView2<'_, f64>) -> Result<Prediction> {
        self.predict(x).map(Prediction::Classes)
    }
    fn is_regressor(&self) -> bool {
        false
    }
}

impl Model for KNeighborsRegressor {
    fn predict_target(&self, x: ArrayView2<'_, f64>) -> Result<Prediction> {
        self.predict(x).map(Prediction::Values)
    }
    fn is_regressor(&self) -> bool {
        true
    }
}

impl Model for DecisionTree {
    fn predict_target(&self, x: ArrayView2<'_, f64>) -> Result<Prediction> {
        self.predict(x).map(Prediction::Classes)
    }
    fn is_regressor(&self) -> bool {
        false
    }
    fn size(&self) -> Option<Size> {
        Some(Size::Tree {
            leaves: self.n_leaves(),
            depth: self.depth(),
        })
    }
}

impl Model for RegressionTree {
    fn predict_target(&self, x: ArrayView2<'_, f64>) -> Result<Prediction> {
        self.predict(x).map(Prediction::Values)
    }
    fn is_regressor(&self) -> bool {
        true
    }
    fn size(&self) -> Option<Size> {
        Some(Size::Tree {
            leaves: self.n_leaves(),
            depth: self.depth(),
        })
    }
}

impl Model for Mlp {
    fn predict_target(&self, x: ArrayView2<'_, f64>) -> Result<Prediction> {
        match self.target {
            Target::Classes { .. } => self.predict(x).map(Prediction::Classes),
            Target::Values { .. } => self.predict_values(x).map(Prediction::Values),
        }
    }
    fn is_regressor(&self) -> bool {
        matches!(self.target, Target::Values { .. })
    }
}
