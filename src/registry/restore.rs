//! A saved version back in the studio: its data, parameters and fitted model exactly,
//! without retraining. Everything is checked before anything changes, so a version
//! that cannot be restored leaves the studio as it was.

use std::sync::Arc;

use hyperplane_core::model::FittedModel;
use hyperplane_core::preprocess::{split_and_standardize, Prepared};
use hyperplane_core::Dataset;
use hyperplane_formats::saved_version::{content_hash, DataSource, SavedVersion};
use leptos::prelude::*;

use crate::data::{load_dataset, ImportedCsv};
use hyperplane_core::table::Encoding;

use crate::models::ModelSettingsStoreFields;
use crate::nn_run::SavedRun;
use crate::settings::PlaneSettings;
use crate::settings::{DataSettings, DatasetChoice, Edits};
use crate::studio::{RestoredFit, Studio};
use crate::training::{model_features, score, Trained};

/// The data a version describes, ready to load.
pub struct VersionData {
    pub spec: DataSettings,
    pub imported: Option<Arc<ImportedCsv>>,
}

impl VersionData {
    pub fn from_source(d: &DataSource) -> Result<Self, String> {
        Self::with_csv(d, None)
    }

    /// As [`from_source`](Self::from_source), with its imported file already read (in
    /// the worker, `restore_csv`) if `read` has it.
    pub fn with_csv(
        d: &DataSource,
        read: Option<Result<ImportedCsv, String>>,
    ) -> Result<Self, String> {
        let choice = DatasetChoice::from_key(&d.dataset)
            .ok_or_else(|| format!("unknown dataset {:?}", d.dataset))?;
        let imported = match (&d.csv, read) {
            (Some(_), Some(read)) => {
                Some(Arc::new(read.map_err(|e| format!("its CSV file: {e}"))?))
            }
            (Some(c), None) => {
                let csv = match &c.recipe {
                    Some(recipe) => ImportedCsv::from_recipe(
                        &c.file_name,
                        c.text.clone(),
                        c.encoding.unwrap_or(Encoding::Utf8),
                        recipe.clone(),
                    ),
                    None => {
                        ImportedCsv::legacy(&c.file_name, c.text.clone(), &c.target, c.regression)
                    }
                }
                .map_err(|e| format!("its CSV file: {e}"))?;
                Some(Arc::new(csv))
            }
            (None, _) => None,
        };
        Ok(Self {
            spec: DataSettings {
                choice,
                noise: d.noise,
                train_ratio: d.train_ratio,
                seed: d.seed,
                n_samples: d.n_samples,
                n_classes: d.n_classes,
                drawn: d.points.iter().map(|p| (p.x, p.y, p.class)).collect(),
                edits: d.edits.as_ref().map(|e| Edits {
                    features: (e.x_feature, e.y_feature),
                    added: e.added.iter().map(|p| (p.x, p.y, p.class)).collect(),
                    removed: e.removed.clone(),
                }),
            },
            imported,
        })
    }

    /// Loads the data (once), checks it is the data the version was trained on, and
    /// splits it as the studio does. Versions are checked to be of a generation of the
    /// data code this build has (`DataSource::validate`); today that is only the first.
    pub fn load(&self, expected_hash: &str) -> Result<Prepared, String> {
        let all = self.dataset(expected_hash)?;
        split_and_standardize(&all, self.spec.train_ratio, self.spec.seed)
            .map_err(|e| format!("its data: {e}"))
    }

    /// The whole dataset, checked to be the one the version was trained on.
    pub fn dataset(&self, expected_hash: &str) -> Result<Arc<Dataset>, String> {
        // A later generation adds an arm here with the earlier generation's code kept.
        let all = load_dataset(&self.spec, self.imported.as_deref())
            .map_err(|e| format!("its data: {e}"))?;
        check_hash(&all, expected_hash)?;
        Ok(all)
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
pub struct Materialized {
    pub data: Arc<Prepared>,
    pub trained: Arc<Trained>,
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
    let trained = score(&data, model, &v.features, 0.0).map_err(|e| e.to_string())?;
    Ok(Materialized {
        data,
        trained: Arc::new(trained),
    })
}

/// Puts the version's data, parameters and fitted model into the studio; `read` is its
/// imported file if it was read elsewhere (`restore_csv`), else it is read here.
pub fn restore(
    studio: &Studio,
    v: &SavedVersion,
    read: Option<Result<ImportedCsv, String>>,
) -> Result<(), String> {
    let fail = |e: String| {
        format!(
            "{} could not be restored: {e}. Nothing was changed.",
            v.label()
        )
    };
    let source = VersionData::with_csv(&v.data, read).map_err(fail)?;
    // Load the data first: any failure leaves the studio alone. The studio splits it
    // once the settings are in.
    let loaded = source.dataset(&v.data.content_hash).map_err(fail)?;
    let model = v.model.model.clone();
    let regression = model.is_regressor();
    if regression != loaded.is_regression() {
        return Err(fail(kind_mismatch(&model)));
    }
    let n = loaded.n_features();
    let (x, y) = (v.data.x_feature, v.data.y_feature);
    let shown_only = v.data.shown_only || regression;
    if x >= n || y >= n || model_features(n, x, y, shown_only) != v.features {
        return Err(fail("its features do not match its data".into()));
    }
    // The version's settings over the studio's, through the same struct a link sets.
    // Drawn points are replaced only by a drawn version's own (`apply` does that);
    // restoring another dataset keeps the user's drawing.
    let d = studio.data_state;
    let mut settings = studio.settings.get_untracked();
    let data = &mut settings.data;
    (data.choice, data.noise, data.train_ratio) = (
        source.spec.choice,
        source.spec.noise,
        source.spec.train_ratio,
    );
    (data.seed, data.n_samples, data.n_classes) = (
        source.spec.seed,
        source.spec.n_samples,
        source.spec.n_classes,
    );
    data.drawn = source.spec.drawn;
    data.edits = source.spec.edits;
    settings.plane = PlaneSettings {
        x_feature: x,
        y_feature: y,
        shown_only: v.data.shown_only,
    };
    settings.model.set_params(&v.params);
    // What the controls could not have set is refused, as a link's would be.
    settings.check().map_err(fail)?;
    // Everything checked: now change the studio.
    if source.imported.is_some() {
        d.imported.set(source.imported);
    }
    studio.apply(settings);

    let seed = d.seed.get_untracked();
    let data = studio.data.get_untracked().map_err(fail)?;
    if let FittedModel::Mlp(mlp) = &model {
        studio.restored.set(None);
        studio.committed.set(None);
        let saved = SavedRun {
            model: mlp,
            history: v.history.clone(),
            state: v.trainer.as_ref(),
        };
        let network = studio.model.network().get_untracked();
        studio
            .run
            .restore(data, v.features.clone(), &network, seed, saved)
            .map_err(|e| format!("{} could not be restored: {e}", v.label()))?;
        studio.run.diverged.set(v.diverged);
        return Ok(());
    }
    let params = studio
        .model
        .with_untracked(|m| m.params(regression))
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

#[cfg(test)]
mod legacy_tests {
    use super::*;
    use crate::training::{fit, restrict};
    use hyperplane_core::model::ModelParams;
    use hyperplane_formats::saved_version::VersionsFile;

    /// A file exported by the build before the "one structure" change (made by
    /// e2e/make_legacy_fixture.js): every version reads, its data hashes as it did, its
    /// model scores what it was saved with (accuracies exactly, R² and MSE within
    /// 1e-12), and a one-call model fitted again
    /// from its parameters predicts what the saved model predicts (the same classes;
    /// values within 1e-9). It was the saved model bit for bit until the standardizer's
    /// two-pass fit (2026-11-30) moved the standardized points by an ulp or so.
    #[test]
    fn a_file_exported_before_the_refactor_scores_and_refits_exactly() {
        let text = include_str!("../../e2e/fixtures/legacy-versions-v1.json");
        let file = VersionsFile::from_json(text).unwrap();
        assert_eq!(file.versions.len(), 13);
        for v in &file.versions {
            let label = v.label();
            let m = &v.metrics;
            let Materialized { data, trained: t } = materialize(v).unwrap();
            match (t.accuracy(), t.errors()) {
                (Some((train, test, _)), _) => {
                    assert_eq!(Some(train), m.train_accuracy, "{label}");
                    assert_eq!(test, m.test_accuracy, "{label}");
                }
                (_, Some((train, test))) => {
                    let close = |a: f64, b: Option<f64>| {
                        b.is_some_and(|b| (a - b).abs() <= 1e-12 * (1.0 + b.abs()))
                    };
                    assert!(close(train.r2, m.train_r2), "{label}");
                    assert!(close(train.mse, m.train_mse), "{label}");
                    let test = test.as_ref().expect("a test part");
                    assert!(close(test.r2, m.test_r2), "{label}");
                    assert!(close(test.mse, m.test_mse), "{label}");
                }
                _ => unreachable!("scores are of one kind or the other"),
            }
            if !matches!(v.params, ModelParams::Mlp { .. }) {
                let train = restrict(&data.train, &v.features).unwrap();
                let refit = fit(&v.params, &train).unwrap();
                let x = train.x();
                match (refit.predict_classes(x), v.model.model.predict_classes(x)) {
                    (Ok(a), Ok(b)) => assert_eq!(a, b, "{label}"),
                    _ => {
                        let (a, b) = (
                            refit.predict_values(x).unwrap(),
                            v.model.model.predict_values(x).unwrap(),
                        );
                        for (a, b) in a.iter().zip(&b) {
                            assert!((a - b).abs() <= 1e-9 * (1.0 + b.abs()), "{label}: {a} {b}");
                        }
                    }
                }
            }
        }
    }
}
