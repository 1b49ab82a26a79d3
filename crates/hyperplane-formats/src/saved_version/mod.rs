//! Saved versions: a trained model with everything needed to restore it exactly (its
//! hyperparameters, the data it was trained on, its metrics and training history) and
//! to deploy it (a complete [`ModelFile`]). The studio keeps these in the browser and
//! exports them as a `hyperplane-versions` JSON file, which the command line's
//! `predict --model` also reads. The format is documented in docs/versions-format.md.

use serde::{Deserialize, Serialize};

use crate::model_file::ModelFile;
use hyperplane_core::error::{Error, Result};
use hyperplane_core::model::FittedModel;
pub use hyperplane_core::model::ModelParams;
use hyperplane_core::nn::TrainerState;
use hyperplane_core::table::{Encoding, Recipe};

mod hash;
mod monitor;
pub mod stored;
mod validate;

pub use hash::content_hash;
pub use monitor::{not_learning, overfitting};

pub const FORMAT: &str = "hyperplane-versions";
pub const VERSION: u32 = 1;

/// Limits that keep a hostile file from exhausting the page.
pub const MAX_VERSIONS: usize = 10_000;
pub const MAX_TEXT: usize = 10_000;
pub const MAX_TAGS: usize = 50;
pub const MAX_HISTORY: usize = 100_000;
pub const MAX_POINTS: usize = 100_000;
pub const MAX_CSV_BYTES: usize = 20_000_000;

/// One point drawn by the user: position in the plane's units and class index.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct DrawnPoint {
    pub x: f64,
    pub y: f64,
    pub class: usize,
}

/// An edited copy of a dataset: its two features, the rows removed (ascending) and the
/// points added.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DataEdits {
    pub x_feature: usize,
    pub y_feature: usize,
    #[serde(default)]
    pub added: Vec<DrawnPoint>,
    #[serde(default)]
    pub removed: Vec<usize>,
}

/// An imported CSV file, kept whole so the version restores without it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CsvSource {
    pub file_name: String,
    pub text: String,
    pub target: String,
    /// The target read as numbers (a regression dataset) rather than classes.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub regression: bool,
    /// How the file becomes data (dialect, features, gaps, categories). Absent in
    /// versions saved before recipes: numeric features, every other column but `target`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub recipe: Option<Recipe>,
    /// How the file's bytes were decoded (for the scikit-learn snippet).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub encoding: Option<Encoding>,
}

/// Which data a version was trained on, and how it was split and shown.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DataSource {
    /// The dataset's key: `iris`, a generator name (`circle`, `moons`, …), `drawn` or
    /// `imported`.
    pub dataset: String,
    pub seed: u64,
    pub noise: f64,
    pub train_ratio: f64,
    pub n_samples: usize,
    pub n_classes: usize,
    /// The plane's two features (dataset column indices).
    pub x_feature: usize,
    pub y_feature: usize,
    /// Whether the model was trained on the two shown features only.
    pub shown_only: bool,
    /// The user's points (`drawn` only).
    #[serde(default)]
    pub points: Vec<DrawnPoint>,
    /// The imported file (`imported` only).
    #[serde(default)]
    pub csv: Option<CsvSource>,
    /// Points the user added to or removed from the dataset (an edited copy on two of
    /// its features).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub edits: Option<DataEdits>,
    /// [`content_hash`] of the whole dataset, to tell whether regenerated data is the same.
    pub content_hash: String,
    /// Which generation of the data code (the generators, the split and their random
    /// numbers) made the points: see [`DATA_GENERATION`]. Versions saved before the
    /// field are generation 1.
    #[serde(default = "first_generation")]
    pub generation: u32,
}

/// The generation of the data code this build has. Whatever changes a generated set,
/// a bundled set or the train/test split for the same settings (the app's
/// `data_generation_is_pinned` test fails then) must keep the old code under the old
/// number and raise this one, so versions saved before still restore to the same points.
pub const DATA_GENERATION: u32 = 1;

fn first_generation() -> u32 {
    1
}

/// What the version scored: accuracies for a classifier, R² and mean squared error
/// for a regressor. A part with no data (no test split) has no score.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
pub struct Metrics {
    /// Required for classifiers, absent for regressors.
    #[serde(default)]
    pub train_accuracy: Option<f64>,
    #[serde(default)]
    pub test_accuracy: Option<f64>,
    /// Mean F1 over classes on the test part (the training part if there is none).
    #[serde(default)]
    pub macro_f1: Option<f64>,
    /// Required for regressors, absent for classifiers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub train_r2: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub test_r2: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub train_mse: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub test_mse: Option<f64>,
    #[serde(default)]
    pub train_loss: Option<f64>,
    #[serde(default)]
    pub test_loss: Option<f64>,
}

/// Loss after an epoch of an iterative model.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct HistoryPoint {
    pub epoch: u64,
    pub train: f64,
    pub test: Option<f64>,
}

/// One saved version.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SavedVersion {
    /// The registered model this is a version of (e.g. `SVM`); versions are numbered per
    /// model name.
    pub model_name: String,
    pub number: u32,
    /// Shown in the list; `v{number}` unless renamed.
    pub name: String,
    #[serde(default)]
    pub notes: String,
    #[serde(default)]
    pub tags: Vec<String>,
    /// A name such as `best` or `baseline` that points to this version (one version per
    /// alias and model name).
    #[serde(default)]
    pub alias: Option<String>,
    /// Milliseconds since 1970 (UTC) when it was saved.
    pub created_ms: f64,
    pub params: ModelParams,
    pub data: DataSource,
    /// Dataset columns the model reads, in order.
    pub features: Vec<usize>,
    pub metrics: Metrics,
    #[serde(default)]
    pub history: Vec<HistoryPoint>,
    /// Training stopped because the loss or weights became infinite or NaN.
    #[serde(default)]
    pub diverged: bool,
    /// A network's optimizer and shuffling state, so training on after restoring is the
    /// exact continuation of the saved run (versions saved without it continue afresh).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub trainer: Option<TrainerState>,
    /// The fitted model, ready for `hyperplane predict --model`.
    pub model: ModelFile,
}

/// The export file: one or more versions.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct VersionsFile {
    pub format: String,
    pub version: u32,
    pub versions: Vec<SavedVersion>,
}

/// The schema of one version as written (a browser's record, a file's entry). Records
/// from before it carry none and are schema 1. Schema 2 is a browser record whose CSV is
/// stored apart ([`stored`]); it is read back as schema 1. A later schema gets a
/// migration from each earlier one, with a fixture per schema.
pub const SCHEMA: u32 = 1;

/// Refuses a stored version of a newer schema (or one that is not a number).
pub(crate) fn check_schema(text: &str) -> Result<()> {
    #[derive(Deserialize)]
    struct Schema {
        #[serde(default)]
        schema: Option<serde_json::Value>,
    }
    let Ok(Schema { schema: Some(s) }) = serde_json::from_str::<Schema>(text) else {
        return Ok(());
    };
    match s.as_u64() {
        Some(n) if n <= SCHEMA as u64 => Ok(()),
        // Only the browser's store writes these, and reads them through `stored`.
        Some(n) if n == stored::STORED_APART as u64 => Err(Error::Format(
            "a browser record whose imported CSV is stored apart, read without it".into(),
        )),
        Some(n) => Err(Error::Format(format!(
            "saved by a newer Hyperplane (schema {n}, which this one does not know): open it \
             there or reload this page for the newer version; it is kept as it is"
        ))),
        None => Err(Error::Format(format!("schema {s} is not a number"))),
    }
}

impl SavedVersion {
    /// The version as stored, with its schema.
    pub fn to_json(&self) -> Result<String> {
        #[derive(Serialize)]
        struct Stored<'a> {
            schema: u32,
            #[serde(flatten)]
            version: &'a SavedVersion,
        }
        serde_json::to_string(&Stored {
            schema: SCHEMA,
            version: self,
        })
        .map_err(|e| Error::Format(e.to_string()))
    }

    /// One stored record: parsed and validated. A record of a newer schema is refused
    /// as it is (a build that read it would drop what it does not know when writing it
    /// back).
    pub fn from_json(text: &str) -> Result<Self> {
        check_schema(text)?;
        let v: Self = serde_json::from_str(text)
            .map_err(|e| Error::Format(format!("not a saved version: {e}")))?;
        v.validate()?;
        Ok(v)
    }

    /// Whether its run was a classifier's that never learned (see [`not_learning`]).
    pub fn not_learning(&self) -> bool {
        let classes = if self.model.model.is_regressor() {
            0
        } else {
            self.model.class_names.len()
        };
        not_learning(&self.history, classes).is_some()
    }

    /// Names the version for the command line and the list: `SVM v3`.
    pub fn label(&self) -> String {
        format!("{} {}", self.model_name, self.name)
    }
}

impl VersionsFile {
    pub fn new(versions: Vec<SavedVersion>) -> Self {
        Self {
            format: FORMAT.into(),
            version: VERSION,
            versions,
        }
    }

    /// The file as JSON, one version per line (readable and diffable without compiling
    /// a second, pretty-printing serializer into the page).
    pub fn to_json(&self) -> Result<String> {
        let versions = self
            .versions
            .iter()
            .map(|v| v.to_json())
            .collect::<Result<Vec<_>>>()?;
        Ok(format!(
            "{{\n  \"format\": {},\n  \"version\": {},\n  \"versions\": [\n    {}\n  ]\n}}\n",
            serde_json::to_string(&self.format).map_err(|e| Error::Format(e.to_string()))?,
            self.version,
            versions.join(",\n    ")
        ))
    }

    /// The version a name picks: `v2`, `SVM v2`, an alias, or the only one.
    pub fn select(&self, name: Option<&str>) -> Result<&SavedVersion> {
        match name {
            None if self.versions.len() == 1 => Ok(&self.versions[0]),
            None => Err(Error::Format(format!(
                "the file holds {} versions; choose one with --version ({})",
                self.versions.len(),
                self.versions
                    .iter()
                    .map(|v| v.label())
                    .collect::<Vec<_>>()
                    .join(", ")
            ))),
            Some(n) => {
                let hits: Vec<&SavedVersion> = self
                    .versions
                    .iter()
                    .filter(|v| v.name == n || v.label() == n || v.alias.as_deref() == Some(n))
                    .collect();
                match hits.as_slice() {
                    [one] => Ok(one),
                    [] => Err(Error::Format(format!("no version named {n:?} in the file"))),
                    _ => Err(Error::Format(format!(
                        "{n:?} names {} versions; use the model name too (e.g. \"{}\")",
                        hits.len(),
                        hits[0].label()
                    ))),
                }
            }
        }
    }
}
