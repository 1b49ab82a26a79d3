//! Every model's hyperparameters in one enum, and the one `fit` that dispatches on it.

use serde::{Deserialize, Serialize};

use super::FittedModel;
use crate::dataset::Dataset;
use crate::error::{Error, Result};
use crate::features::{expand, FeatureTransform};
use crate::linear_model::LogisticParams;
use crate::neighbors::KnnParams;
use crate::nn::{MlpParams, MlpTrainer};
use crate::svm::{LinearSvmParams, SvcParams, SvrParams};
use crate::tree::TreeParams;

/// The hyperparameters of any model (serialized with a `kind` tag, as in saved versions).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ModelParams {
    Svc(SvcParams),
    /// The epsilon-SVR, for regression data.
    Svr(SvrParams),
    /// The linear SVM by gradient descent, run for `epochs`.
    LinearSvm {
        params: LinearSvmParams,
        epochs: u64,
    },
    Logistic(LogisticParams),
    /// k-NN: a classifier on classes, a regressor on values.
    Knn(KnnParams),
    /// CART: a classification tree on classes, a regression tree on values.
    Tree(TreeParams),
    /// The network, with the input features it is fed (empty: the raw columns).
    Mlp {
        params: MlpParams,
        #[serde(default)]
        inputs: Vec<FeatureTransform>,
    },
}

/// The most epochs a one-call gradient-descent fit may run.
pub const MAX_GD_EPOCHS: u64 = 10_000_000;

/// The gradient-descent SVM's epochs: at least one, at most [`MAX_GD_EPOCHS`].
fn check_epochs(epochs: u64) -> Result<()> {
    if epochs == 0 || epochs > MAX_GD_EPOCHS {
        return Err(Error::InvalidParam {
            name: "epochs",
            value: epochs as f64,
            reason: "must be between 1 and 10 000 000",
        });
    }
    Ok(())
}

impl ModelParams {
    /// The `kind` tag.
    pub fn kind(&self) -> &'static str {
        match self {
            ModelParams::Svc(_) => "svc",
            ModelParams::Svr(_) => "svr",
            ModelParams::LinearSvm { .. } => "linear_svm",
            ModelParams::Logistic(_) => "logistic",
            ModelParams::Knn(_) => "knn",
            ModelParams::Tree(_) => "tree",
            ModelParams::Mlp { .. } => "mlp",
        }
    }

    /// Checks every parameter as fitting would.
    pub fn check(&self) -> Result<()> {
        match self {
            ModelParams::Svc(p) => p.check().map(drop),
            ModelParams::Svr(p) => p.check().map(drop),
            ModelParams::LinearSvm { params, epochs } => {
                check_epochs(*epochs)?;
                params.check().map(drop)
            }
            ModelParams::Logistic(p) => p.check().map(drop),
            ModelParams::Knn(p) => p.check().map(drop),
            ModelParams::Tree(p) => p.check().map(drop),
            ModelParams::Mlp { params, .. } => params.check().map(drop),
        }
    }

    /// Fits the model on `data` in one call. A classifier given values (or the SVR given
    /// classes) is an error saying so; the network trains step by step from
    /// [`trainer`](Self::trainer) instead.
    pub fn fit(&self, data: &Dataset) -> Result<FittedModel> {
        // Each arm checks its own parameters (`check()` would check them twice).
        Ok(match self {
            ModelParams::Svc(p) => FittedModel::Svc(p.check()?.fit(data)?),
            ModelParams::Svr(p) => FittedModel::Svr(p.check()?.fit(data)?),
            ModelParams::LinearSvm { params, epochs } => {
                check_epochs(*epochs)?;
                FittedModel::LinearSvm(params.check()?.train(data, *epochs)?.model())
            }
            ModelParams::Logistic(p) => FittedModel::Logistic(p.check()?.fit(data)?),
            ModelParams::Knn(p) if data.is_regression() => {
                FittedModel::KnnRegressor(p.check()?.fit_regressor(data)?)
            }
            ModelParams::Knn(p) => FittedModel::Knn(p.check()?.fit(data)?),
            ModelParams::Tree(p) if data.is_regression() => {
                FittedModel::TreeRegressor(p.check()?.fit_regressor(data)?)
            }
            ModelParams::Tree(p) => FittedModel::Tree(p.check()?.fit(data)?),
            ModelParams::Mlp { .. } => {
                return Err(Error::InvalidChoice {
                    name: "model",
                    reason: "a network trains step by step: start it with ModelParams::trainer",
                })
            }
        })
    }

    /// A network's trainer at epoch 0 on `data` (a classifier on classes, a regressor on
    /// values), its rows expanded into the chosen input features of two raw columns.
    pub fn trainer(&self, data: &Dataset) -> Result<MlpTrainer> {
        let ModelParams::Mlp { params, inputs } = self else {
            return Err(Error::InvalidChoice {
                name: "model",
                reason: "only the network trains step by step",
            });
        };
        let valid = params.check()?;
        let expanded;
        let train = if inputs.is_empty() {
            data
        } else {
            expanded = Dataset::from_parts(
                expand(data.x(), inputs)?,
                data.target().clone(),
                inputs.iter().map(|t| t.label().to_string()).collect(),
            )?;
            &expanded
        };
        let mut t = if data.is_regression() {
            valid.init_regressor(train)?
        } else {
            valid.init_classifier(train)?
        };
        t.set_input_transforms(inputs.clone())?;
        Ok(t)
    }
}
