//! Views of the settings store, one `Copy` struct per concern, with the derived
//! questions each answers (which dataset is regression, which parameters the model
//! has). Every field is the store's own field: writing one writes the settings.

use std::sync::Arc;

use hyperplane_core::features::FeatureTransform;
use hyperplane_core::kernel::{Gamma, KernelKind};
use hyperplane_core::model::ModelParams;
use hyperplane_core::neighbors::KnnWeights;
use hyperplane_core::nn::{Activation, MlpParams, Regularization};
use hyperplane_core::tree::Criterion;
use leptos::prelude::*;
use reactive_stores::{Field, Store};

use crate::data::ImportedCsv;

use crate::settings::ModelKind;
use crate::settings::{DataSettings, DatasetChoice, DrawnPoint};
use crate::settings::{
    DataSettingsStoreFields, ModelSettings, ModelSettingsStoreFields, PlaneSettingsStoreFields,
    Settings, SettingsStoreFields,
};

/// Which data, how noisy, how it is split.
#[derive(Clone, Copy)]
pub struct DataState {
    pub choice: Field<DatasetChoice>,
    pub noise: Field<f64>,
    pub train_ratio: Field<f64>,
    pub seed: Field<u64>,
    pub n_samples: Field<usize>,
    pub n_classes: Field<usize>,
    /// The user's own points (for the "Draw your own" dataset).
    pub drawn: Field<Vec<DrawnPoint>>,
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

    /// The data settings of `store`, with no imported file and the first class as
    /// the brush.
    pub fn new(store: Store<Settings>) -> Self {
        let d = store.data();
        Self {
            choice: d.choice().into(),
            noise: d.noise().into(),
            train_ratio: d.train_ratio().into(),
            seed: d.seed().into(),
            n_samples: d.n_samples().into(),
            n_classes: d.n_classes().into(),
            drawn: d.drawn().into(),
            brush: RwSignal::new(Some(0)),
            imported: RwSignal::new(None),
        }
    }

    /// The data settings (tracked); the drawn points only for drawn data, so other data
    /// does not depend on them.
    pub fn spec(&self) -> DataSettings {
        let choice = self.choice.get();
        DataSettings {
            choice,
            noise: self.noise.get(),
            train_ratio: self.train_ratio.get(),
            seed: self.seed.get(),
            n_samples: self.n_samples.get(),
            n_classes: self.n_classes.get(),
            drawn: if choice == DatasetChoice::Drawn {
                self.drawn.get()
            } else {
                Vec::new()
            },
        }
    }
}

/// Every model's hyperparameters, as the controls set them.
#[derive(Clone, Copy)]
pub struct ModelState {
    /// All of them at once (what the parameters are derived from).
    pub all: Field<ModelSettings>,
    pub kind: Field<ModelKind>,
    pub kernel: Field<KernelKind>,
    pub c: Field<f64>,
    pub gamma: Field<Gamma>,
    pub degree: Field<u32>,
    pub coef0: Field<f64>,
    pub logistic_c: Field<f64>,
    pub k: Field<usize>,
    pub knn_weights: Field<KnnWeights>,
    pub max_depth: Field<usize>,
    pub min_leaf: Field<usize>,
    pub criterion: Field<Criterion>,
    pub hidden: Field<Vec<usize>>,
    pub activation: Field<Activation>,
    pub learning_rate: Field<f64>,
    pub regularization: Field<Regularization>,
    pub regularization_rate: Field<f64>,
    pub batch_size: Field<usize>,
    /// The network's inputs, as TensorFlow Playground's feature toggles (x₁, x₂, x₁², …).
    pub nn_inputs: Field<Vec<FeatureTransform>>,
    pub gd_learning_rate: Field<f64>,
    pub gd_epochs: Field<u64>,
    /// The SVR's ε (regression datasets).
    pub epsilon: Field<f64>,
}

impl ModelState {
    /// The model settings of `store`.
    pub fn new(store: Store<Settings>) -> Self {
        let m = store.model();
        Self {
            all: m.into(),
            kind: m.kind().into(),
            kernel: m.kernel().into(),
            c: m.c().into(),
            gamma: m.gamma().into(),
            degree: m.degree().into(),
            coef0: m.coef0().into(),
            logistic_c: m.logistic_c().into(),
            k: m.k().into(),
            knn_weights: m.knn_weights().into(),
            max_depth: m.max_depth().into(),
            min_leaf: m.min_leaf().into(),
            criterion: m.criterion().into(),
            hidden: m.hidden().into(),
            activation: m.activation().into(),
            learning_rate: m.learning_rate().into(),
            regularization: m.regularization().into(),
            regularization_rate: m.regularization_rate().into(),
            batch_size: m.batch_size().into(),
            nn_inputs: m.nn_inputs().into(),
            gd_learning_rate: m.gd_learning_rate().into(),
            gd_epochs: m.gd_epochs().into(),
            epsilon: m.epsilon().into(),
        }
    }

    /// [`params`](Self::params) without tracking.
    pub fn params_untracked(&self, regression: bool) -> Option<ModelParams> {
        untrack(|| self.params(regression))
    }

    /// The one-call model chosen, for classes or for values (tracked): `None` for the
    /// network (trained step by step) and for a classifier on values.
    pub fn params(&self, regression: bool) -> Option<ModelParams> {
        self.all.with(|m| m.params(regression))
    }

    /// The network's parameters (tracked).
    pub fn mlp_params(&self, seed: u64) -> MlpParams {
        self.all.with(|m| m.mlp_params(seed))
    }
}

/// Which two features the plane shows, and whether the model sees only those.
#[derive(Clone, Copy)]
pub struct PlaneState {
    pub x_feature: Field<usize>,
    pub y_feature: Field<usize>,
    /// true (the default, so the picture is the whole model): train on the two shown
    /// features only; false: train on all features, and the surface is a slice with
    /// the others at their training mean.
    pub shown_only: Field<bool>,
}

impl PlaneState {
    /// The plane settings of `store`.
    pub fn new(store: Store<Settings>) -> Self {
        let p = store.plane();
        Self {
            x_feature: p.x_feature().into(),
            y_feature: p.y_feature().into(),
            shown_only: p.shown_only().into(),
        }
    }
}
