//! Saved versions: a trained model with everything needed to restore it exactly (its
//! hyperparameters, the data it was trained on, its metrics and training history) and
//! to deploy it (a complete [`ModelFile`]). The studio keeps these in the browser and
//! exports them as a `hyperplane-versions` JSON file, which the command line's
//! `predict --model` also reads. The format is documented in docs/versions-format.md.

use serde::{Deserialize, Serialize};

use crate::dataset::{Dataset, Target};
use crate::error::{Error, Result};
use crate::model::FittedModel;
pub use crate::model::ModelParams;
use crate::model_file::ModelFile;
use crate::nn::TrainerState;
use crate::tree::Criterion;

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

/// An imported CSV file, kept whole so the version restores without it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CsvSource {
    pub file_name: String,
    pub text: String,
    pub target: String,
    /// The target read as numbers (a regression dataset) rather than classes.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub regression: bool,
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
    /// [`content_hash`] of the whole dataset, to tell whether regenerated data is the same.
    pub content_hash: String,
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

fn bad(field: &str, message: impl std::fmt::Display) -> Error {
    Error::Format(format!("{field}: {message}"))
}

fn check_text(field: &str, s: &str, allow_empty: bool) -> Result<()> {
    if !allow_empty && s.trim().is_empty() {
        return Err(bad(field, "must not be empty"));
    }
    if s.chars().count() > MAX_TEXT {
        return Err(bad(field, format!("longer than {MAX_TEXT} characters")));
    }
    Ok(())
}

fn check_proportion(field: &str, v: f64) -> Result<()> {
    if !(0.0..=1.0).contains(&v) {
        return Err(bad(
            field,
            format!("{v} is not a proportion between 0 and 1"),
        ));
    }
    Ok(())
}

fn check_loss(field: &str, v: f64) -> Result<()> {
    if !v.is_finite() || v < 0.0 {
        return Err(bad(field, format!("{v} is not a finite loss ≥ 0")));
    }
    Ok(())
}

impl DataSource {
    pub fn validate(&self) -> Result<()> {
        check_text("data.dataset", &self.dataset, false)?;
        if !self.noise.is_finite() || !(0.0..=1.0).contains(&self.noise) {
            return Err(bad(
                "data.noise",
                format!("{} is not between 0 and 1", self.noise),
            ));
        }
        if !(self.train_ratio > 0.0 && self.train_ratio <= 1.0) {
            return Err(bad(
                "data.train_ratio",
                format!("{} is not in (0, 1]", self.train_ratio),
            ));
        }
        if self.n_samples > 1_000_000 {
            return Err(bad("data.n_samples", "more than 1 000 000 points"));
        }
        if self.n_classes > 1_000 {
            return Err(bad("data.n_classes", "more than 1 000 classes"));
        }
        if self.x_feature == self.y_feature {
            return Err(bad(
                "data.y_feature",
                "the plane needs two different features",
            ));
        }
        if self.points.len() > MAX_POINTS {
            return Err(bad("data.points", format!("more than {MAX_POINTS} points")));
        }
        for (i, p) in self.points.iter().enumerate() {
            if !p.x.is_finite() || !p.y.is_finite() {
                return Err(bad(&format!("data.points[{i}]"), "non-finite coordinate"));
            }
            if p.class >= 1_000 {
                return Err(bad(
                    &format!("data.points[{i}].class"),
                    "class index too large",
                ));
            }
        }
        if self.dataset == "drawn" && self.points.is_empty() {
            return Err(bad("data.points", "a drawn dataset needs its points"));
        }
        match (&self.csv, self.dataset == "imported") {
            (None, true) => return Err(bad("data.csv", "an imported dataset needs its file")),
            (Some(_), false) => {
                return Err(bad("data.csv", "only an imported dataset has a file"));
            }
            (Some(c), true) => {
                if c.text.len() > MAX_CSV_BYTES {
                    return Err(bad("data.csv.text", "larger than 20 MB"));
                }
                check_text("data.csv.target", &c.target, false)?;
                check_text("data.csv.file_name", &c.file_name, true)?;
            }
            (None, false) => {}
        }
        let hash_ok = self.content_hash.len() == 16
            && self.content_hash.bytes().all(|b| b.is_ascii_hexdigit());
        if !hash_ok {
            return Err(bad("data.content_hash", "not 16 hexadecimal digits"));
        }
        Ok(())
    }
}

fn check_r2(field: &str, v: f64) -> Result<()> {
    // R² is at most 1 and unbounded below (a model worse than the mean).
    if !v.is_finite() || v > 1.0 + 1e-12 {
        return Err(bad(field, format!("{v} is not an R² (finite, at most 1)")));
    }
    Ok(())
}

fn check_mse(field: &str, v: f64) -> Result<()> {
    if !v.is_finite() || v < 0.0 {
        return Err(bad(field, format!("{v} is not a finite squared error ≥ 0")));
    }
    Ok(())
}

impl Metrics {
    /// Checks the scores a classifier (`regression` false) or a regressor has, and that
    /// it has none of the other kind's.
    pub fn validate(&self, regression: bool) -> Result<()> {
        let classifier = [
            ("metrics.train_accuracy", self.train_accuracy),
            ("metrics.test_accuracy", self.test_accuracy),
            ("metrics.macro_f1", self.macro_f1),
        ];
        let regressor = [
            ("metrics.train_r2", self.train_r2),
            ("metrics.train_mse", self.train_mse),
            ("metrics.test_r2", self.test_r2),
            ("metrics.test_mse", self.test_mse),
        ];
        // The training part always has a score; the test part may be empty.
        let (required, foreign, whose): (&[_], &[_], _) = if regression {
            (&regressor[..2], &classifier, "classifiers")
        } else {
            (&classifier[..1], &regressor, "regressors")
        };
        if let Some((field, _)) = foreign.iter().find(|(_, v)| v.is_some()) {
            return Err(bad(field, format!("only {whose} have this score")));
        }
        if let Some((field, _)) = required.iter().find(|(_, v)| v.is_none()) {
            return Err(bad(field, "missing"));
        }
        for (field, v) in classifier {
            if let Some(v) = v {
                check_proportion(field, v)?;
            }
        }
        for (field, v) in regressor {
            match v {
                Some(v) if field.ends_with("r2") => check_r2(field, v)?,
                Some(v) => check_mse(field, v)?,
                None => {}
            }
        }
        if self.test_r2.is_some() != self.test_mse.is_some() {
            return Err(bad(
                "metrics.test_mse",
                "test R² and test MSE come together (both or neither)",
            ));
        }
        if let Some(v) = self.train_loss {
            check_loss("metrics.train_loss", v)?;
        }
        if let Some(v) = self.test_loss {
            check_loss("metrics.test_loss", v)?;
        }
        Ok(())
    }
}

impl SavedVersion {
    /// Checks every part and that they agree with each other.
    pub fn validate(&self) -> Result<()> {
        check_text("model_name", &self.model_name, false)?;
        if self.number == 0 {
            return Err(bad("number", "versions are numbered from 1"));
        }
        check_text("name", &self.name, false)?;
        check_text("notes", &self.notes, true)?;
        if self.tags.len() > MAX_TAGS {
            return Err(bad("tags", format!("more than {MAX_TAGS} tags")));
        }
        for (i, t) in self.tags.iter().enumerate() {
            check_text(&format!("tags[{i}]"), t, false)?;
        }
        if let Some(a) = &self.alias {
            check_text("alias", a, false)?;
        }
        if !self.created_ms.is_finite() || self.created_ms < 0.0 {
            return Err(bad(
                "created_ms",
                format!("{} is not a time", self.created_ms),
            ));
        }
        self.params.check().map_err(|e| bad("params", e))?;
        self.data.validate()?;
        let regression = self.model.model.is_regressor();
        self.metrics.validate(regression)?;
        if regression && !self.model.class_names.is_empty() {
            return Err(bad("model.class_names", "a regressor has no classes"));
        }
        if self.history.len() > MAX_HISTORY {
            return Err(bad("history", format!("more than {MAX_HISTORY} points")));
        }
        let mut last = None;
        for (i, h) in self.history.iter().enumerate() {
            let field = format!("history[{i}]");
            if last.is_some_and(|e| h.epoch <= e) {
                return Err(bad(&field, "epochs must increase"));
            }
            last = Some(h.epoch);
            check_loss(&format!("{field}.train"), h.train)?;
            if let Some(t) = h.test {
                check_loss(&format!("{field}.test"), t)?;
            }
        }
        self.model.validate().map_err(|e| bad("model", e))?;
        let fitted = self.model.model.params_kind();
        if fitted != self.params.kind() {
            return Err(bad(
                "model.model.kind",
                format!(
                    "a {fitted} model cannot come from {} parameters",
                    self.params.kind()
                ),
            ));
        }
        if self.features.len() != self.model.model.n_features() {
            return Err(bad(
                "features",
                format!(
                    "{} features listed, the model reads {}",
                    self.features.len(),
                    self.model.model.n_features()
                ),
            ));
        }
        let mut seen = self.features.clone();
        seen.sort_unstable();
        seen.dedup();
        if seen.len() != self.features.len() {
            return Err(bad("features", "a feature is listed twice"));
        }
        if !self.features.contains(&self.data.x_feature)
            || !self.features.contains(&self.data.y_feature)
        {
            return Err(bad(
                "features",
                "the model must read the plane's two features",
            ));
        }
        match (&self.trainer, &self.model.model) {
            (None, _) => {}
            (Some(state), FittedModel::Mlp(m)) => {
                if state.order.len() > MAX_POINTS {
                    return Err(bad(
                        "trainer.order",
                        format!("more than {MAX_POINTS} samples"),
                    ));
                }
                state.check(&m.network).map_err(|e| bad("trainer", e))?;
            }
            (Some(_), _) => return Err(bad("trainer", "only a network has a trainer state")),
        }
        if let ModelParams::Tree(p) = &self.params {
            if (p.criterion == Criterion::SquaredError) != regression {
                return Err(bad(
                    "params.criterion",
                    "squared_error is for regression trees, gini and entropy for classification",
                ));
            }
        }
        if let (ModelParams::Mlp { inputs, .. }, FittedModel::Mlp(m)) =
            (&self.params, &self.model.model)
        {
            if *inputs != m.input_transforms {
                return Err(bad(
                    "params.inputs",
                    "differ from the network's input transforms",
                ));
            }
        }
        Ok(())
    }

    pub fn to_json(&self) -> Result<String> {
        serde_json::to_string(self).map_err(|e| Error::Format(e.to_string()))
    }

    /// One stored record: parsed and validated.
    pub fn from_json(text: &str) -> Result<Self> {
        let v: Self = serde_json::from_str(text)
            .map_err(|e| Error::Format(format!("not a saved version: {e}")))?;
        v.validate()?;
        Ok(v)
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

    /// Parses and validates the whole file; the first problem found is the error, with
    /// the path of the field (`versions[2].metrics.test_accuracy: …`).
    pub fn from_json(text: &str) -> Result<Self> {
        // Each version is kept as raw text and parsed on its own, so an error names the
        // version it is in, and only one deserializer (from text) is compiled in.
        #[derive(Deserialize)]
        struct Head<'a> {
            #[serde(default)]
            format: Option<serde_json::Value>,
            #[serde(default)]
            version: Option<serde_json::Value>,
            #[serde(default, borrow)]
            versions: Option<&'a serde_json::value::RawValue>,
        }
        let head: Head<'_> = serde_json::from_str(text)
            .map_err(|e| Error::Format(format!("not a JSON file: {e}")))?;
        let format = head.format.as_ref().and_then(|f| f.as_str()).unwrap_or("");
        if format != FORMAT {
            return Err(bad(
                "format",
                format!("{format:?} is not {FORMAT:?}: not a Hyperplane versions file"),
            ));
        }
        if head.version.as_ref().and_then(|v| v.as_u64()) != Some(VERSION as u64) {
            return Err(bad(
                "version",
                format!(
                    "{} is not supported (this build reads version {VERSION})",
                    head.version.map(|v| v.to_string()).unwrap_or_default()
                ),
            ));
        }
        let items: Vec<&serde_json::value::RawValue> = head
            .versions
            .and_then(|raw| serde_json::from_str(raw.get()).ok())
            .ok_or_else(|| bad("versions", "missing or not a list"))?;
        if items.is_empty() {
            return Err(bad("versions", "the file holds no versions"));
        }
        if items.len() > MAX_VERSIONS {
            return Err(bad("versions", format!("more than {MAX_VERSIONS}")));
        }
        let versions = items
            .iter()
            .enumerate()
            .map(|(i, item)| {
                let v: SavedVersion = serde_json::from_str(item.get())
                    .map_err(|e| bad(&format!("versions[{i}]"), e))?;
                v.validate()
                    .map_err(|e| Error::Format(format!("versions[{i}].{e}")))?;
                Ok(v)
            })
            .collect::<Result<Vec<_>>>()?;
        Ok(Self::new(versions))
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

/// A 64-bit FNV-1a hash of a dataset's values, targets and names, as 16 hex digits:
/// the same data always gives the same hash, on every platform. Features come first,
/// then the targets, then the names (and, for values, a mark that they are values, so
/// no classification data hashes the same).
pub fn content_hash(data: &Dataset) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let mut eat = |bytes: &[u8]| {
        for &b in bytes {
            h ^= b as u64;
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
    };
    for v in data.x().iter() {
        eat(&v.to_bits().to_le_bytes());
    }
    match data.target() {
        Target::Classes { labels, names } => {
            for &c in labels {
                eat(&(c as u64).to_le_bytes());
            }
            for name in data.feature_names().iter().chain(names) {
                eat(name.as_bytes());
                eat(&[0]);
            }
        }
        Target::Values { values, name } => {
            for v in values {
                eat(&v.to_bits().to_le_bytes());
            }
            for name in data.feature_names() {
                eat(name.as_bytes());
                eat(&[0]);
            }
            eat(b"\x01target:");
            eat(name.as_bytes());
        }
    }
    format!("{h:016x}")
}

/// Whether a run overfits: on loss curves smoothed over a tenth of the run (at least
/// three points), the test loss has risen 10 % or more above its lowest point, over at
/// least five points and a tenth of the run, while the training loss kept falling
/// (by 2 % or more) over the same stretch. Smoothing keeps minibatch noise from
/// raising the flag.
pub fn overfitting(history: &[HistoryPoint]) -> bool {
    let (train, test): (Vec<f64>, Vec<f64>) = history
        .iter()
        .filter_map(|h| h.test.map(|t| (h.train, t)))
        .unzip();
    let n = test.len();
    let w = (n / 10).max(3);
    if n < w + 5 {
        return false;
    }
    let smooth = |v: &[f64]| -> Vec<f64> {
        v.windows(w)
            .map(|s| s.iter().sum::<f64>() / w as f64)
            .collect()
    };
    let (train, test) = (smooth(&train), smooth(&test));
    let Some((best, &lowest)) = test.iter().enumerate().min_by(|a, b| a.1.total_cmp(b.1)) else {
        return false;
    };
    let last = test.len() - 1;
    last - best >= (n / 10).max(5)
        && test[last] >= lowest * 1.1 + 1e-9
        && train[last] <= train[best] * 0.98
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(points: &[(f64, f64)]) -> Vec<HistoryPoint> {
        points
            .iter()
            .enumerate()
            .map(|(i, &(train, test))| HistoryPoint {
                epoch: i as u64 + 1,
                train,
                test: Some(test),
            })
            .collect()
    }

    #[test]
    fn rising_test_loss_with_falling_train_loss_is_overfitting() {
        let mut pts: Vec<(f64, f64)> = (0..10)
            .map(|i| (1.0 - 0.05 * i as f64, 1.0 - 0.05 * i as f64))
            .collect();
        assert!(!overfitting(&run(&pts)), "both falling");
        pts.extend((0..6).map(|i| (0.5 - 0.05 * i as f64, 0.6 + 0.05 * i as f64)));
        assert!(overfitting(&run(&pts)));
        // the same rise with a rising training loss is not overfitting but trouble of
        // another kind
        let flat: Vec<(f64, f64)> = pts.iter().map(|&(_, t)| (t, t)).collect();
        assert!(!overfitting(&run(&flat)));
        assert!(!overfitting(&[]));
    }
}
