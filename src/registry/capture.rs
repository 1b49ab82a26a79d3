//! The studio's current model as a [`SavedVersion`]: parameters, data identity,
//! metrics, training history and the fitted model with its preprocessing.

use hyperplane_core::model::FittedModel;
use hyperplane_core::preprocess::Standardizer;
use hyperplane_formats::model_file::ModelFile;
use hyperplane_formats::saved_version::{
    content_hash, CsvSource, DataEdits, DataSource, DrawnPoint, Metrics, ModelParams, SavedVersion,
    DATA_GENERATION,
};
use leptos::prelude::*;

use crate::data::load_dataset;

use crate::models::{ModelKind, ModelSettingsStoreFields};
use crate::settings::DatasetChoice;
use crate::studio::Studio;
use crate::training::Scores;

/// The parameters as the version records them: the one-call model's for this data, or
/// the network's with its input features. `None` for a classifier on values (it has
/// no fit there to save).
pub fn model_params(studio: &Studio) -> Option<ModelParams> {
    let values = untrack(|| studio.data_state.is_regression());
    let seed = studio.data_state.seed.get_untracked();
    let two = studio.features.get_untracked().len() == 2;
    studio.model.with_untracked(|m| {
        if m.kind != ModelKind::NeuralNetwork {
            return m.params(values);
        }
        Some(ModelParams::Mlp {
            params: m.network.mlp_params(seed),
            inputs: if two {
                m.network.inputs.clone()
            } else {
                Vec::new()
            },
        })
    })
}

/// Which data, as the version records it (with the points or file when they are the
/// user's own).
pub fn data_source(studio: &Studio) -> Result<DataSource, String> {
    let d = studio.data_state;
    let spec = untrack(|| d.spec());
    let imported = d.imported.get_untracked();
    let data = load_dataset(&spec, imported.as_deref()).map_err(|e| e.to_string())?;
    let hash = content_hash(&data);
    Ok(DataSource {
        dataset: spec.choice.key().to_string(),
        seed: spec.seed,
        noise: spec.noise,
        train_ratio: spec.train_ratio,
        n_samples: spec.n_samples,
        n_classes: spec.n_classes,
        x_feature: studio.plane.x_feature.get_untracked(),
        y_feature: studio.plane.y_feature.get_untracked(),
        shown_only: studio.plane.shown_only.get_untracked(),
        // The points are the spec's only for drawn data.
        points: spec
            .drawn
            .iter()
            .map(|&(x, y, class)| DrawnPoint { x, y, class })
            .collect(),
        csv: (spec.choice == DatasetChoice::Imported)
            .then_some(imported)
            .flatten()
            .map(|c| CsvSource {
                file_name: c.file_name.clone(),
                text: c.text.clone(),
                target: c.target.clone(),
                regression: c.regression,
                recipe: c.recipe.clone(),
                encoding: c.recipe.is_some().then_some(c.encoding),
            }),
        edits: spec
            .edits
            .as_ref()
            .filter(|_| spec.choice != DatasetChoice::Drawn)
            .map(|e| DataEdits {
                x_feature: e.features.0,
                y_feature: e.features.1,
                added: e
                    .added
                    .iter()
                    .map(|&(x, y, class)| DrawnPoint { x, y, class })
                    .collect(),
                removed: e.removed.clone(),
            }),
        content_hash: hash,
        generation: DATA_GENERATION,
    })
}

/// The fitted model as a file, the dataset columns it reads and its scores.
type Fit = (ModelFile, Vec<usize>, Metrics);

/// A model file for `model` reading dataset columns `features`, behind the part of the
/// data's standardizer that covers them.
fn model_file(
    model: FittedModel,
    features: &[usize],
    names: &[String],
    class_names: Vec<String>,
    scaler: &Standardizer,
) -> Result<ModelFile, String> {
    let standardizer = Standardizer {
        mean: features.iter().map(|&f| scaler.mean[f]).collect(),
        scale: features.iter().map(|&f| scaler.scale[f]).collect(),
    };
    ModelFile::new(
        model,
        features.iter().map(|&f| names[f].clone()).collect(),
        class_names,
        Some(standardizer),
    )
    .map_err(|e| format!("Could not save the model: {e}"))
}

/// The fitted model as a file, with its scores as a version keeps them.
fn current_fit(studio: &Studio) -> Result<Fit, String> {
    let nothing = |e: String| format!("Nothing to save: {e}");
    let trained = studio.trained.get_untracked().map_err(nothing)?;
    let data = studio.data.get_untracked().map_err(nothing)?;
    let features = trained.features.clone();
    let model = model_file(
        trained.model.clone(),
        &features,
        data.train.feature_names(),
        data.train.class_names().to_vec(),
        &data.scaler,
    )?;
    // A model of an imported file reads its raw rows through the file's recipe.
    let d = studio.data_state;
    let encoder = (d.choice.get_untracked() == DatasetChoice::Imported)
        .then(|| {
            d.imported
                .with_untracked(|i| i.as_ref().and_then(|c| c.encoder.clone()))
        })
        .flatten();
    let model = model
        .with_encoder(encoder)
        .map_err(|e| format!("Could not save the model: {e}"))?;
    let metrics = match &trained.scores {
        Scores::Classes {
            train_accuracy,
            test_accuracy,
            report,
        } => Metrics {
            train_accuracy: Some(*train_accuracy),
            test_accuracy: *test_accuracy,
            macro_f1: report.as_ref().map(|r| r.macro_f1),
            ..Metrics::default()
        },
        Scores::Values { train, test } => Metrics {
            train_r2: Some(train.r2),
            train_mse: Some(train.mse),
            test_r2: test.map(|t| t.r2),
            test_mse: test.map(|t| t.mse),
            ..Metrics::default()
        },
    };
    Ok((model, features, metrics))
}

/// The current trained model as a new version numbered after `existing` versions of the
/// same model name. `now_ms` is the wall-clock time.
pub fn capture(
    studio: &Studio,
    existing: &[SavedVersion],
    now_ms: f64,
) -> Result<SavedVersion, String> {
    let (model, features, mut metrics) = current_fit(studio)?;
    let kind = studio.model.kind().get_untracked();
    let model_name = kind.label().to_string();
    let number = super::numbering::next_number(existing, &model_name)
        .map_err(|e| format!("Could not save the version: {e}"))?;
    let (history, diverged, trainer) = if kind == ModelKind::NeuralNetwork {
        (
            studio.run.history.get_untracked(),
            studio.run.diverged.get_untracked(),
            studio.run.trainer_state(),
        )
    } else {
        (Vec::new(), false, None)
    };
    let last = history.last();
    metrics.train_loss = last.map(|p| p.train);
    metrics.test_loss = last.and_then(|p| p.test);
    let version = SavedVersion {
        model_name,
        number,
        name: format!("v{number}"),
        notes: String::new(),
        tags: Vec::new(),
        alias: None,
        created_ms: now_ms,
        params: model_params(studio)
            .ok_or("Could not save the version: this model does not fit this data")?,
        data: data_source(studio)?,
        features,
        metrics,
        history,
        diverged,
        trainer,
        model,
    };
    version
        .validate()
        .map_err(|e| format!("Could not save the version: {e}"))?;
    Ok(version)
}
