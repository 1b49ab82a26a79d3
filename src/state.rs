//! The studio's state: one `Copy` struct of signals per concern, provided by context.
//! Gestures write these; everything else derives from them.

use hyperplane_core::features::FeatureTransform;
use hyperplane_core::kernel::{Gamma, KernelKind};
use hyperplane_core::linear_model::LogisticParams;
use hyperplane_core::neighbors::{KnnParams, KnnWeights};
use hyperplane_core::nn::{Activation, MlpParams, Regularization};
use hyperplane_core::svm::{LinearSvmParams, SvcParams, SvrParams};
use hyperplane_core::tree::{Criterion, TreeParams};
use leptos::prelude::*;

use std::sync::Arc;

use hyperplane_core::model::ModelParams;

use crate::training::{DataSpec, DatasetChoice, DrawnPoint, ImportedCsv, SPLIT_SEED};

/// Which data, how noisy, how it is split.
#[derive(Clone, Copy)]
pub struct DataState {
    pub choice: RwSignal<DatasetChoice>,
    pub noise: RwSignal<f64>,
    pub train_ratio: RwSignal<f64>,
    pub seed: RwSignal<u64>,
    pub n_samples: RwSignal<usize>,
    pub n_classes: RwSignal<usize>,
    /// The user's own points (for the "Draw your own" dataset).
    pub drawn: RwSignal<Vec<DrawnPoint>>,
    /// The class a click adds, or `None` to erase.
    pub brush: RwSignal<Option<usize>>,
    /// The last CSV file imported (kept until another one imports cleanly).
    pub imported: RwSignal<Option<Arc<ImportedCsv>>>,
}

impl DataState {
    /// Picks a dataset, from the picker or a thumbnail: the Playground's sets (and the
    /// other bundled ones) are split half and half, the seed article's Iris 80/20.
    pub fn pick(&self, c: DatasetChoice) {
        self.choice.set(c);
        if c != DatasetChoice::Iris && self.train_ratio.get_untracked() == 0.8 {
            self.train_ratio.set(0.5);
        }
    }

    /// Whether the data's target is a number (tracked): a regression set, or an imported
    /// file whose target is read as numbers.
    pub fn is_regression(&self) -> bool {
        let choice = self.choice.get();
        choice.is_regression()
            || (choice == DatasetChoice::Imported
                && self
                    .imported
                    .with(|i| i.as_ref().is_some_and(|c| c.regression)))
    }

    /// Iris, 80 % training, seed 42: the seed article's example.
    pub fn new() -> Self {
        Self {
            choice: RwSignal::new(DatasetChoice::Iris),
            noise: RwSignal::new(0.0),
            train_ratio: RwSignal::new(0.8),
            seed: RwSignal::new(SPLIT_SEED),
            n_samples: RwSignal::new(500),
            n_classes: RwSignal::new(3),
            drawn: RwSignal::new(Vec::new()),
            brush: RwSignal::new(Some(0)),
            imported: RwSignal::new(None),
        }
    }

    pub fn spec(&self) -> DataSpec {
        DataSpec {
            choice: self.choice.get(),
            noise: self.noise.get(),
            train_ratio: self.train_ratio.get(),
            seed: self.seed.get(),
            n_samples: self.n_samples.get(),
            n_classes: self.n_classes.get(),
        }
    }
}

impl Default for DataState {
    fn default() -> Self {
        Self::new()
    }
}

/// The model picker's choices.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ModelKind {
    Svm,
    LinearSvmGd,
    Logistic,
    Knn,
    Tree,
    NeuralNetwork,
}

impl ModelKind {
    pub const ALL: [ModelKind; 6] = [
        Self::Svm,
        Self::LinearSvmGd,
        Self::Logistic,
        Self::NeuralNetwork,
        Self::Knn,
        Self::Tree,
    ];

    /// The option's accessible name (as in the UI contract).
    pub fn label(self) -> &'static str {
        match self {
            Self::Svm => "SVM",
            Self::LinearSvmGd => "Linear SVM (gradient descent)",
            Self::Logistic => "Logistic regression",
            Self::Knn => "k-NN",
            Self::Tree => "Decision tree",
            Self::NeuralNetwork => "Neural network",
        }
    }

    pub fn key(self) -> &'static str {
        match self {
            Self::Svm => "svm",
            Self::LinearSvmGd => "linear-svm-gd",
            Self::Logistic => "logistic",
            Self::Knn => "knn",
            Self::Tree => "tree",
            Self::NeuralNetwork => "mlp",
        }
    }

    pub fn from_key(key: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|m| m.key() == key)
    }
}

/// Every model's hyperparameters, as the controls set them.
#[derive(Clone, Copy)]
pub struct ModelState {
    pub kind: RwSignal<ModelKind>,
    pub kernel: RwSignal<KernelKind>,
    pub c: RwSignal<f64>,
    pub gamma: RwSignal<Gamma>,
    pub degree: RwSignal<u32>,
    pub coef0: RwSignal<f64>,
    pub logistic_c: RwSignal<f64>,
    pub k: RwSignal<usize>,
    pub knn_weights: RwSignal<KnnWeights>,
    pub max_depth: RwSignal<usize>,
    pub min_leaf: RwSignal<usize>,
    pub criterion: RwSignal<Criterion>,
    pub hidden: RwSignal<Vec<usize>>,
    pub activation: RwSignal<Activation>,
    pub learning_rate: RwSignal<f64>,
    pub regularization: RwSignal<Regularization>,
    pub regularization_rate: RwSignal<f64>,
    pub batch_size: RwSignal<usize>,
    /// The network's inputs, as TensorFlow Playground's feature toggles (x₁, x₂, x₁², …).
    pub nn_inputs: RwSignal<Vec<FeatureTransform>>,
    pub gd_learning_rate: RwSignal<f64>,
    pub gd_epochs: RwSignal<u64>,
    /// The SVR's ε (regression datasets).
    pub epsilon: RwSignal<f64>,
}

impl ModelState {
    /// The seed article's example: a linear SVC with C = 1; the network starts at
    /// TensorFlow Playground's defaults.
    pub fn new() -> Self {
        Self {
            kind: RwSignal::new(ModelKind::Svm),
            kernel: RwSignal::new(KernelKind::Linear),
            c: RwSignal::new(1.0),
            gamma: RwSignal::new(Gamma::Scale),
            degree: RwSignal::new(3),
            coef0: RwSignal::new(0.0),
            logistic_c: RwSignal::new(1.0),
            k: RwSignal::new(5),
            knn_weights: RwSignal::new(KnnWeights::Uniform),
            max_depth: RwSignal::new(5),
            min_leaf: RwSignal::new(1),
            criterion: RwSignal::new(Criterion::Gini),
            hidden: RwSignal::new(vec![4, 2]),
            activation: RwSignal::new(Activation::Tanh),
            learning_rate: RwSignal::new(0.03),
            regularization: RwSignal::new(Regularization::None),
            regularization_rate: RwSignal::new(0.001),
            batch_size: RwSignal::new(10),
            nn_inputs: RwSignal::new(vec![FeatureTransform::X1, FeatureTransform::X2]),
            gd_learning_rate: RwSignal::new(0.01),
            gd_epochs: RwSignal::new(500),
            epsilon: RwSignal::new(0.1),
        }
    }

    /// The SVM's kernel settings (tracked), shared by the classifier and the SVR.
    fn kernel_settings(&self) -> (KernelKind, f64, Gamma, u32, f64) {
        (
            self.kernel.get(),
            self.c.get(),
            self.gamma.get(),
            self.degree.get(),
            self.coef0.get(),
        )
    }

    /// [`params`](Self::params) without tracking.
    pub fn params_untracked(&self, regression: bool) -> Option<ModelParams> {
        untrack(|| self.params(regression))
    }

    /// The one-call model chosen, for classes or for values (tracked): `None` for the
    /// network (trained step by step) and for a classifier on values.
    pub fn params(&self, regression: bool) -> Option<ModelParams> {
        let (kernel, c, gamma, degree, coef0) = self.kernel_settings();
        Some(match (self.kind.get(), regression) {
            (ModelKind::Svm, false) => ModelParams::Svc(
                SvcParams::default()
                    .kernel(kernel)
                    .c(c)
                    .gamma(gamma)
                    .degree(degree)
                    .coef0(coef0)
                    .cache_mb(32.0),
            ),
            (ModelKind::Svm, true) => ModelParams::Svr(
                SvrParams::default()
                    .kernel(kernel)
                    .c(c)
                    .epsilon(self.epsilon.get())
                    .gamma(gamma)
                    .degree(degree)
                    .coef0(coef0)
                    .cache_mb(32.0),
            ),
            (ModelKind::Logistic, false) => {
                ModelParams::Logistic(LogisticParams::default().c(self.logistic_c.get()))
            }
            (ModelKind::Knn, _) => ModelParams::Knn(
                KnnParams::default()
                    .k(self.k.get())
                    .weights(self.knn_weights.get()),
            ),
            (ModelKind::Tree, regression) => ModelParams::Tree(
                TreeParams::default()
                    .max_depth(Some(self.max_depth.get()))
                    .min_samples_leaf(self.min_leaf.get())
                    .criterion(if regression {
                        Criterion::SquaredError
                    } else {
                        self.criterion.get()
                    }),
            ),
            (ModelKind::LinearSvmGd, false) => ModelParams::LinearSvm {
                params: LinearSvmParams::default()
                    .c(c)
                    .learning_rate(self.gd_learning_rate.get()),
                epochs: self.gd_epochs.get(),
            },
            _ => return None,
        })
    }

    /// The network's parameters (tracked). The studio uses the default semantics
    /// (softmax output, any number of classes).
    pub fn mlp_params(&self, seed: u64) -> MlpParams {
        MlpParams::default()
            .hidden(self.hidden.get())
            .activation(self.activation.get())
            .learning_rate(self.learning_rate.get())
            .regularization(self.regularization.get(), self.regularization_rate.get())
            .batch_size(self.batch_size.get())
            .seed(seed)
    }
}

impl Default for ModelState {
    fn default() -> Self {
        Self::new()
    }
}

/// Which two features the plane shows, and whether the model sees only those.
#[derive(Clone, Copy)]
pub struct PlaneState {
    pub x_feature: RwSignal<usize>,
    pub y_feature: RwSignal<usize>,
    /// true (the default, so the picture is the whole model): train on the two shown
    /// features only; false: train on all features, and the surface is a slice with
    /// the others at their training mean.
    pub shown_only: RwSignal<bool>,
}

impl PlaneState {
    pub fn new() -> Self {
        Self {
            x_feature: RwSignal::new(0),
            y_feature: RwSignal::new(1),
            shown_only: RwSignal::new(true),
        }
    }
}

impl Default for PlaneState {
    fn default() -> Self {
        Self::new()
    }
}
