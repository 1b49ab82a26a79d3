//! A saved version back in the studio: its data, parameters and fitted model exactly,
//! without retraining. Everything is checked before anything changes, so a version
//! that cannot be restored leaves the studio as it was.

use std::sync::Arc;

use hyperplane_core::preprocess::Prepared;
use hyperplane_core::saved_version::{content_hash, DataSource, ModelParams, SavedVersion};
use leptos::prelude::*;

use crate::app::{RestoredFit, Studio};
use crate::state::{ModelKind, ModelState};
use crate::training::{
    load_data, load_dataset, model_features, score, DataSpec, DatasetChoice, DrawnPoint, Fitted,
    ImportedCsv, Trained,
};

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
                let mut csv = ImportedCsv::parse(&c.file_name, c.text.clone())
                    .map_err(|e| format!("its CSV file: {e}"))?;
                csv.target = c.target.clone();
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

    /// Loads the data and checks it is the data the version was trained on.
    pub fn load(&self, expected_hash: &str) -> Result<Prepared, String> {
        let all = load_dataset(&self.spec, &self.drawn, self.imported.as_deref())
            .map_err(|e| format!("its data: {e}"))?;
        if content_hash(&all) != expected_hash {
            return Err(
                "its data comes out different from when it was saved (saved by another version of Hyperplane?)"
                    .into(),
            );
        }
        load_data(&self.spec, &self.drawn, self.imported.as_deref())
            .map_err(|e| format!("its data: {e}"))
    }
}

/// A version's data and its fitted model, scored as the studio scores models: what the
/// comparison draws, without touching the studio.
pub fn materialize(v: &SavedVersion) -> Result<(Arc<Prepared>, Trained), String> {
    let data = Arc::new(VersionData::from_source(&v.data)?.load(&v.data.content_hash)?);
    let model = Fitted::try_from(v.model.model.clone()).map_err(|e| e.to_string())?;
    let trained = score(&data, model, &v.features, 0.0).map_err(|e| e.to_string())?;
    Ok((data, trained))
}

/// Sets the model controls to the version's parameters; returns the model kind.
fn apply_params(m: &ModelState, p: &ModelParams) -> ModelKind {
    match p {
        ModelParams::Svc(p) => {
            m.kernel.set(p.kernel);
            m.c.set(p.c);
            m.gamma.set(p.gamma);
            m.degree.set(p.degree);
            m.coef0.set(p.coef0);
            ModelKind::Svm
        }
        ModelParams::LinearSvm { params, epochs } => {
            m.c.set(params.c);
            m.gd_learning_rate.set(params.learning_rate);
            m.gd_epochs.set(*epochs);
            ModelKind::LinearSvmGd
        }
        ModelParams::Logistic(p) => {
            m.logistic_c.set(p.c);
            ModelKind::Logistic
        }
        ModelParams::Knn(p) => {
            m.k.set(p.k);
            m.knn_weights.set(p.weights);
            ModelKind::Knn
        }
        ModelParams::Tree(p) => {
            m.max_depth.set(p.max_depth.unwrap_or(20));
            m.min_leaf.set(p.min_samples_leaf);
            m.criterion.set(p.criterion);
            ModelKind::Tree
        }
        ModelParams::Mlp { params, inputs } => {
            m.hidden.set(params.hidden.clone());
            m.activation.set(params.activation);
            m.learning_rate.set(params.learning_rate);
            m.regularization.set(params.regularization);
            m.regularization_rate.set(params.regularization_rate);
            m.batch_size.set(params.batch_size);
            if !inputs.is_empty() {
                m.nn_inputs.set(inputs.clone());
            }
            ModelKind::NeuralNetwork
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
    let prepared = source.load(&v.data.content_hash).map_err(fail)?;
    let model = Fitted::try_from(v.model.model.clone()).map_err(|e| fail(e.to_string()))?;
    let n = prepared.train.n_features();
    let (x, y) = (v.data.x_feature, v.data.y_feature);
    if x >= n || y >= n || model_features(n, x, y, v.data.shown_only) != v.features {
        return Err(fail("its features do not match its data".into()));
    }
    // Everything checked: now change the studio.
    let d = studio.data_state;
    studio.run.playing.set(false);
    d.drawn.set(source.drawn);
    if source.imported.is_some() {
        d.imported.set(source.imported);
    }
    d.noise.set(source.spec.noise);
    d.train_ratio.set(source.spec.train_ratio);
    d.seed.set(source.spec.seed);
    d.n_samples.set(source.spec.n_samples);
    d.n_classes.set(source.spec.n_classes);
    d.choice.set(source.spec.choice);
    studio.plane.x_feature.set(x);
    studio.plane.y_feature.set(y);
    studio.plane.shown_only.set(v.data.shown_only);
    let kind = apply_params(&studio.model, &v.params);
    studio.model.kind.set(kind);

    let data = studio.data.get_untracked().map_err(fail)?;
    let features = studio.features.get_untracked();
    match model {
        Fitted::Mlp(mlp) => {
            studio.restored.set(None);
            studio.committed.set(None);
            let history = v.history.clone();
            let seed = d.seed.get_untracked();
            studio
                .run
                .restore(data, features, &studio.model, seed, &mlp, history)
                .map_err(|e| format!("{} could not be restored: {e}", v.label()))?;
            studio.run.diverged.set(v.diverged);
        }
        model => {
            let spec = studio.model.spec_untracked();
            studio.restored.set(spec.clone().map(|spec| {
                Arc::new(RestoredFit {
                    data,
                    features,
                    spec,
                    model,
                })
            }));
            studio.committed.set(spec);
        }
    }
    Ok(())
}
