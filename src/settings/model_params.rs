//! The model settings as the engine's parameters, and back: what a fit is given, and
//! what restoring a saved version puts into the controls.

use hyperplane_core::linear_model::LogisticParams;
use hyperplane_core::model::ModelParams;
use hyperplane_core::neighbors::KnnParams;
use hyperplane_core::nn::MlpParams;
use hyperplane_core::svm::{LinearSvmParams, SvcParams, SvmParams, SvrParams};
use hyperplane_core::tree::{Criterion, TreeParams};

use super::{ModelKind, ModelSettings};

/// Kernel rows the studio's SVMs cache (MB): its datasets are small.
const CACHE_MB: f64 = 32.0;

impl ModelSettings {
    /// The one-call model chosen, for classes or for values: `None` for the network
    /// (trained step by step) and for a classifier on values.
    pub fn params(&self, regression: bool) -> Option<ModelParams> {
        let svm = SvmParams {
            kernel: self.kernel,
            c: self.c,
            gamma: self.gamma,
            degree: self.degree,
            coef0: self.coef0,
            cache_mb: CACHE_MB,
            ..SvmParams::default()
        };
        Some(match (self.kind, regression) {
            (ModelKind::Svm, false) => ModelParams::Svc(SvcParams {
                svm,
                class_weight: None,
            }),
            (ModelKind::Svm, true) => ModelParams::Svr(SvrParams {
                svm,
                epsilon: self.epsilon,
            }),
            (ModelKind::Logistic, false) => {
                ModelParams::Logistic(LogisticParams::default().c(self.logistic_c))
            }
            (ModelKind::Knn, _) => {
                ModelParams::Knn(KnnParams::default().k(self.k).weights(self.knn_weights))
            }
            (ModelKind::Tree, regression) => ModelParams::Tree(
                TreeParams::default()
                    .max_depth(Some(self.max_depth))
                    .min_samples_leaf(self.min_leaf)
                    .criterion(if regression {
                        Criterion::SquaredError
                    } else {
                        self.criterion
                    }),
            ),
            (ModelKind::LinearSvmGd, false) => ModelParams::LinearSvm {
                params: LinearSvmParams::default()
                    .c(self.c)
                    .learning_rate(self.gd_learning_rate),
                epochs: self.gd_epochs,
            },
            _ => return None,
        })
    }

    /// The network's parameters. The studio uses the default semantics (softmax output,
    /// any number of classes).
    pub fn mlp_params(&self, seed: u64) -> MlpParams {
        MlpParams::default()
            .hidden(self.hidden.clone())
            .activation(self.activation)
            .learning_rate(self.learning_rate)
            .regularization(self.regularization, self.regularization_rate)
            .batch_size(self.batch_size)
            .seed(seed)
    }

    /// Chooses the model `p` describes and sets its controls to `p`; the other models'
    /// settings stay as they are.
    pub fn set_params(&mut self, p: &ModelParams) {
        match p {
            ModelParams::Svc(p) => self.set_svm(&p.svm),
            ModelParams::Svr(p) => {
                self.set_svm(&p.svm);
                self.epsilon = p.epsilon;
            }
            ModelParams::LinearSvm { params, epochs } => {
                self.kind = ModelKind::LinearSvmGd;
                (self.c, self.gd_learning_rate) = (params.c, params.learning_rate);
                self.gd_epochs = *epochs;
            }
            ModelParams::Logistic(p) => {
                self.kind = ModelKind::Logistic;
                self.logistic_c = p.c;
            }
            ModelParams::Knn(p) => {
                self.kind = ModelKind::Knn;
                (self.k, self.knn_weights) = (p.k, p.weights);
            }
            ModelParams::Tree(p) => {
                self.kind = ModelKind::Tree;
                self.max_depth = p.max_depth.unwrap_or(20);
                self.min_leaf = p.min_samples_leaf;
                // A regression tree's squared_error is implied by its data; the picker
                // keeps the classification criterion.
                if p.criterion != Criterion::SquaredError {
                    self.criterion = p.criterion;
                }
            }
            ModelParams::Mlp { params, inputs } => {
                self.kind = ModelKind::NeuralNetwork;
                (self.hidden, self.activation) = (params.hidden.clone(), params.activation);
                self.learning_rate = params.learning_rate;
                (self.regularization, self.regularization_rate) =
                    (params.regularization, params.regularization_rate);
                self.batch_size = params.batch_size;
                if !inputs.is_empty() {
                    self.nn_inputs = inputs.clone();
                }
            }
        }
    }
}

impl ModelSettings {
    /// The SVM's controls, from the classifier's or the regressor's parameters.
    fn set_svm(&mut self, p: &SvmParams) {
        self.kind = ModelKind::Svm;
        (self.kernel, self.c, self.gamma) = (p.kernel, p.c, p.gamma);
        (self.degree, self.coef0) = (p.degree, p.coef0);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use hyperplane_core::kernel::KernelKind;

    #[test]
    fn restored_parameters_give_back_the_same_parameters() {
        let mut m = ModelSettings::default();
        let svr = ModelParams::Svr(
            SvrParams::default()
                .kernel(KernelKind::Poly)
                .c(3.0)
                .epsilon(0.25)
                .cache_mb(CACHE_MB),
        );
        m.set_params(&svr);
        assert_eq!(m.params(true), Some(svr));
        let tree = ModelSettings::default().params(false).map(|_| ());
        assert_eq!(tree, Some(()));
        m.kind = ModelKind::Logistic;
        assert_eq!(m.params(true), None, "logistic regression only classifies");
    }
}
