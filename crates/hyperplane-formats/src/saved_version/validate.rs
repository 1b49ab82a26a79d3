//! Every check a saved version passes before it is stored, restored or exported: each
//! field in range, and the parts agreeing with each other. Errors name the field.

use super::*;
use hyperplane_core::tree::Criterion;

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
        if let Some(e) = &self.edits {
            if e.added.len() > MAX_POINTS || e.removed.len() > MAX_POINTS {
                return Err(bad("data.edits", format!("more than {MAX_POINTS} points")));
            }
            if e.added
                .iter()
                .any(|p| !p.x.is_finite() || !p.y.is_finite() || p.class >= 1_000)
            {
                return Err(bad(
                    "data.edits.added",
                    "a point is not finite or its class too large",
                ));
            }
            if e.x_feature == e.y_feature || e.removed.windows(2).any(|w| w[0] >= w[1]) {
                return Err(bad(
                    "data.edits",
                    "two different features and removed rows in order are needed",
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
        if self.generation == 0 || self.generation > super::DATA_GENERATION {
            return Err(bad(
                "data.generation",
                format!(
                    "{} is not a generation of the data code this Hyperplane has (1 to {}); \
                     a newer Hyperplane made it",
                    self.generation,
                    super::DATA_GENERATION
                ),
            ));
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
}

impl VersionsFile {
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
                super::check_schema(item.get())
                    .map_err(|e| Error::Format(format!("versions[{i}]: {e}")))?;
                let v: SavedVersion = serde_json::from_str(item.get())
                    .map_err(|e| bad(&format!("versions[{i}]"), e))?;
                v.validate()
                    .map_err(|e| Error::Format(format!("versions[{i}].{e}")))?;
                Ok(v)
            })
            .collect::<Result<Vec<_>>>()?;
        Ok(Self::new(versions))
    }
}
