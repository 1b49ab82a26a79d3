//! A saved version back in the studio: its data, parameters and fitted model exactly,
//! without retraining. Everything is checked before anything changes, so a version
//! that cannot be restored leaves the studio as it was.

use std::sync::Arc;

use hyperplane_core::model::{FittedModel, ModelParams};
use hyperplane_core::preprocess::{split_and_standardize, Prepared};
use hyperplane_core::saved_version::{content_hash, DataSource, SavedVersion};
use hyperplane_core::tree::Criterion;
use hyperplane_core::Dataset;
use leptos::prelude::*;

use crate::app::{RestoredFit, Studio};
use crate::nn_run::SavedRun;
use crate::regression::{score_regression, RegTrained};
use crate::state::ModelKind;
use crate::training::{
    load_dataset, model_features, score, DataSpec, DatasetChoice, DrawnPoint, ImportedCsv, Trained,
};
use crate::url_state::SharedState;

/// The data a version describes, ready to load.
pub struct VersionData {
    pub spec: DataSpec,
    pub drawn: Vec<DrawnPoint>,
    pub imported: Option<Arc<ImportedCsv>>,
}

impl VersionData {
    pub fn from_source(d: &DataSource) -> Result<Self, String> {
        let choice = DatasetChoice::from_key(&d.dataset)
            .ok_or_else(|| format!("unknown dataset {:?}", d.dataset))?;
        let imported = match &d.csv {
            Some(c) => {
                let csv = ImportedCsv::parse(&c.file_name, c.text.clone())
                    .and_then(|csv| csv.with_mode(&c.target, c.regression))
                    .map_err(|e| format!("its CSV file: {e}"))?;
                Some(Arc::new(csv))
            }
            None => None,
        };
        Ok(Self {
            spec: DataSpec {
                choice,
                noise: d.noise,
                train_ratio: d.train_ratio,
                seed: d.seed,
                n_samples: d.n_samples,
                n_classes: d.n_classes,
            },
            drawn: d.points.iter().map(|p| (p.x, p.y, p.class)).collect(),
            imported,
        })
    }

    /// Whether the target is a number: a regression set, or a file read that way.
    pub fn is_regression(&self) -> bool {
        self.spec.choice.is_regression() || self.imported.as_ref().is_some_and(|c| c.regression)
    }

    /// Loads the data (once), checks it is the data the version was trained on, and
    /// splits it as the studio does.
    pub fn load(&self, expected_hash: &str) -> Result<Prepared, String> {
        let all = load_dataset(&self.spec, &self.drawn, self.imported.as_deref())
            .map_err(|e| format!("its data: {e}"))?;
        check_hash(&all, expected_hash)?;
        split_and_standardize(&all, self.spec.train_ratio, self.spec.seed)
            .map_err(|e| format!("its data: {e}"))
    }
}

fn check_hash(all: &Dataset, expected: &str) -> Result<(), String> {
    if content_hash(all) != expected {
        return Err(
            "its data comes out different from when it was saved (saved by another version of Hyperplane?)"
                .into(),
        );
    }
    Ok(())
}

/// A version's data and fitted model, scored as the studio scores them.
#[derive(Debug, Clone)]
pub enum Materialized {
    Classes(Arc<Prepared>, Arc<Trained>),
    Values(Arc<Prepared>, Arc<RegTrained>),
}

/// The version's data and fitted model: what the comparison draws, without touching
/// the studio.
pub fn materialize(v: &SavedVersion) -> Result<Materialized, String> {
    let source = VersionData::from_source(&v.data)?;
    let data = Arc::new(source.load(&v.data.content_hash)?);
    let model = v.model.model.clone();
    if model.is_regressor() != data.train.is_regression() {
        return Err(kind_mismatch(&model));
    }
    if model.is_regressor() {
        let trained =
            score_regression(&data, model, &v.features, 0.0).map_err(|e| e.to_string())?;
        return Ok(Materialized::Values(data, Arc::new(trained)));
    }
    let trained = score(&data, model, &v.features, 0.0).map_err(|e| e.to_string())?;
    Ok(Materialized::Classes(data, Arc::new(trained)))
}

/// The version's model and parameters over the studio's current settings.
fn set_params(s: &mut SharedState, p: &ModelParams) {
    match p {
        ModelParams::Svc(p) => {
            s.model = ModelKind::Svm;
            s.kernel = p.kernel;
            s.c = p.c;
            s.gamma = p.gamma;
            s.degree = p.degree;
            s.coef0 = p.coef0;
        }
        ModelParams::Svr(p) => {
            s.model = ModelKind::Svm;
            s.kernel = p.kernel;
            s.c = p.c;
            s.epsilon = p.epsilon;
            s.gamma = p.gamma;
            s.degree = p.degree;
            s.coef0 = p.coef0;
        }
        ModelParams::LinearSvm { params, epochs } => {
            s.model = ModelKind::LinearSvmGd;
            s.c = params.c;
            s.gd_lr = params.learning_rate;
            s.gd_epochs = *epochs;
        }
        ModelParams::Logistic(p) => {
            s.model = ModelKind::Logistic;
            s.logistic_c = p.c;
        }
        ModelParams::Knn(p) => {
            s.model = ModelKind::Knn;
            s.k = p.k;
            s.weights = p.weights;
        }
        ModelParams::Tree(p) => {
            s.model = ModelKind::Tree;
            s.depth = p.max_depth.unwrap_or(20);
            s.leaf = p.min_samples_leaf;
            // A regression tree's squared_error is implied by its data; the picker keeps
            // the classification criterion.
            if p.criterion != Criterion::SquaredError {
                s.criterion = p.criterion;
            }
        }
        ModelParams::Mlp { params, inputs } => {
            s.model = ModelKind::NeuralNetwork;
            s.hidden = params.hidden.clone();
            s.activation = params.activation;
            s.lr = params.learning_rate;
            s.reg = params.regularization;
            s.reg_rate = params.regularization_rate;
            s.batch = params.batch_size;
            if !inputs.is_empty() {
                s.inputs = inputs.clone();
            }
        }
    }
}

/// Puts the version's data, parameters and fitted model into the studio.
pub fn restore(studio: &Studio, v: &SavedVersion) -> Result<(), String> {
    let fail = |e: String| {
        format!(
            "{} could not be restored: {e}. Nothing was changed.",
            v.label()
        )
    };
    let source = VersionData::from_source(&v.data).map_err(fail)?;
    let model = v.model.model.clone();
    let regression = model.is_regressor();
    if regression != source.is_regression() {
        return Err(fail(kind_mismatch(&model)));
    }
    // Load the data first: any failure leaves the studio alone.
    let n = source
        .load(&v.data.content_hash)
        .map_err(fail)?
        .train
        .n_features();
    let (x, y) = (v.data.x_feature, v.data.y_feature);
    let shown_only = v.data.shown_only || regression;
    if x >= n || y >= n || model_features(n, x, y, shown_only) != v.features {
        return Err(fail("its features do not match its data".into()));
    }
    // Everything checked: now change the studio, through the same settings a link sets.
    // Drawn points are replaced only by a drawn version's own (the settings do that);
    // restoring another dataset keeps the user's drawing.
    let d = studio.data_state;
    if source.imported.is_some() {
        d.imported.set(source.imported);
    }
    let mut settings = SharedState::read(studio);
    settings.dataset = source.spec.choice;
    settings.noise = source.spec.noise;
    settings.ratio = source.spec.train_ratio;
    settings.seed = source.spec.seed;
    settings.n = source.spec.n_samples;
    settings.classes = source.spec.n_classes;
    settings.points = source.drawn;
    (settings.x, settings.y, settings.shown_only) = (x, y, v.data.shown_only);
    set_params(&mut settings, &v.params);
    settings.apply(studio);

    let seed = d.seed.get_untracked();
    let data = if regression {
        studio
            .regression
            .get_untracked()
            .unwrap_or_else(|| Err("the studio is not showing regression data".into()))
    } else {
        studio.data.get_untracked()
    }
    .map_err(fail)?;
    if let FittedModel::Mlp(mlp) = &model {
        studio.restored.set(None);
        studio.committed.set(None);
        let saved = SavedRun {
            model: mlp,
            history: v.history.clone(),
            state: v.trainer.as_ref(),
        };
        studio
            .run
            .restore(data, v.features.clone(), &studio.model, seed, saved)
            .map_err(|e| format!("{} could not be restored: {e}", v.label()))?;
        studio.run.diverged.set(v.diverged);
        return Ok(());
    }
    let params = studio
        .model
        .params_untracked(regression)
        .ok_or_else(|| fail("its model does not fit this data".into()))?;
    studio.restored.set(Some(Arc::new(RestoredFit {
        data,
        features: v.features.clone(),
        params: params.clone(),
        model,
    })));
    studio.committed.set(Some(params));
    Ok(())
}

/// Why a version's model cannot go with its data.
fn kind_mismatch(model: &FittedModel) -> String {
    if model.is_regressor() {
        "it is a regressor saved with classification data".into()
    } else {
        "it is a classifier saved with regression data".into()
    }
}
