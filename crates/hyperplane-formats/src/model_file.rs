//! The model file: a fitted model plus everything needed to use it on raw data (feature
//! names, class names, the standardization it was trained behind), as versioned JSON.
//! The command line's `--save` and `predict --model` read and write this; the format is
//! documented in docs/model-format.md.

use ndarray::{Array2, ArrayView2};
use serde::{Deserialize, Serialize};

use hyperplane_core::error::{Error, Result};
pub use hyperplane_core::model::FittedModel;
use hyperplane_core::nn::Target;
use hyperplane_core::preprocess::Standardizer;
use hyperplane_core::table::{Encoder, RawTable};

pub const FORMAT: &str = "hyperplane-model";
pub const VERSION: u32 = 1;

/// A saved model and how to feed it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ModelFile {
    pub format: String,
    pub version: u32,
    /// Input column names, in the order the model expects them.
    pub feature_names: Vec<String>,
    /// Class names by class index (empty for regression).
    pub class_names: Vec<String>,
    /// Applied to raw features before the model, if it was trained on standardized data.
    pub standardizer: Option<Standardizer>,
    pub model: FittedModel,
    /// How raw rows of an imported file become `feature_names` (gaps filled, categories
    /// encoded); absent when the features are read as numbers by name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub encoder: Option<Encoder>,
}

/// What a model says about some rows.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Predictions {
    /// Predicted class names (classification); exactly one of `labels` and `values`
    /// is set.
    pub labels: Option<Vec<String>>,
    pub values: Option<Vec<f64>>,
    /// scikit-learn's `decision_function` (one-vs-one layout), classification only.
    pub decision_values: Option<Vec<Vec<f64>>>,
}

impl ModelFile {
    pub fn new(
        model: FittedModel,
        feature_names: Vec<String>,
        class_names: Vec<String>,
        standardizer: Option<Standardizer>,
    ) -> Result<Self> {
        let file = Self {
            format: FORMAT.into(),
            version: VERSION,
            feature_names,
            class_names,
            standardizer,
            model,
            encoder: None,
        };
        file.validate()?;
        Ok(file)
    }

    /// Raw rows of the imported file's shape as the model's features, through the
    /// encoder (the model may read only some of the encoded features).
    pub fn encode(&self, raw: &RawTable) -> Result<Array2<f64>> {
        let Some(e) = &self.encoder else {
            return Err(Error::Format("this model file has no encoder".into()));
        };
        let all = e.transform(raw, None)?;
        let names = e.feature_names();
        let index: Vec<usize> = self
            .feature_names
            .iter()
            .filter_map(|f| names.iter().position(|n| n == f))
            .collect();
        Ok(all.select(ndarray::Axis(1), &index))
    }

    /// The same file reading raw rows through `encoder`, which must produce its features.
    pub fn with_encoder(self, encoder: Option<Encoder>) -> Result<Self> {
        let file = Self { encoder, ..self };
        file.validate()?;
        Ok(file)
    }

    /// Checks that the parts agree: format and version, feature count, class names for
    /// every class the model predicts, a finite standardizer of the right size.
    pub fn validate(&self) -> Result<()> {
        if self.format != FORMAT {
            return Err(Error::Format(format!(
                "not a Hyperplane model file (format is {:?}, expected {FORMAT:?})",
                self.format
            )));
        }
        if self.version != VERSION {
            return Err(Error::Format(format!(
                "model file version {} is not supported (this build reads version {VERSION})",
                self.version
            )));
        }
        let d = self.model.n_features();
        if self.feature_names.len() != d {
            return Err(Error::ShapeMismatch {
                what: "number of feature names",
                expected: d,
                got: self.feature_names.len(),
            });
        }
        let names = match &self.model {
            FittedModel::Svc(m) => Some(m.class_names()),
            FittedModel::LinearSvm(m) => {
                m.validate()?;
                Some(m.class_names.as_slice())
            }
            FittedModel::Logistic(m) => {
                m.validate()?;
                Some(m.class_names.as_slice())
            }
            FittedModel::Knn(m) => Some(m.class_names()),
            FittedModel::Tree(m) => {
                m.validate()?;
                Some(m.class_names.as_slice())
            }
            FittedModel::Mlp(m) => {
                m.validate()?;
                match &m.target {
                    Target::Classes { names } => Some(names.as_slice()),
                    Target::Values { .. } => None,
                }
            }
            FittedModel::TreeRegressor(m) => {
                m.validate()?;
                None
            }
            FittedModel::Svr(_) | FittedModel::KnnRegressor(_) => None,
        };
        if names.is_some_and(|n| n != self.class_names.as_slice()) {
            return Err(Error::Format(
                "class names differ between the file and its model".into(),
            ));
        }
        if let Some(e) = &self.encoder {
            e.validate()?;
            let encoded = e.feature_names();
            if let Some(f) = self.feature_names.iter().find(|f| !encoded.contains(f)) {
                return Err(Error::Format(format!(
                    "feature {f:?} is not among the encoder's features"
                )));
            }
        }
        if let Some(s) = &self.standardizer {
            if s.mean.len() != d || s.scale.len() != d {
                return Err(Error::ShapeMismatch {
                    what: "standardizer length",
                    expected: d,
                    got: s.mean.len(),
                });
            }
            if s.mean.iter().chain(&s.scale).any(|v| !v.is_finite())
                || s.scale.iter().any(|&v| v <= 0.0)
            {
                return Err(Error::Format(
                    "the standardizer has a non-finite mean or a non-positive scale".into(),
                ));
            }
        }
        Ok(())
    }

    pub fn to_json(&self) -> Result<String> {
        serde_json::to_string_pretty(self).map_err(|e| Error::Format(e.to_string()))
    }

    /// Parses and validates; any problem is an error that says what is wrong.
    pub fn from_json(text: &str) -> Result<Self> {
        let file: Self = serde_json::from_str(text)
            .map_err(|e| Error::Format(format!("invalid model file: {e}")))?;
        file.validate()?;
        Ok(file)
    }

    /// Predictions for raw feature rows (columns in `feature_names` order).
    pub fn predict(&self, raw: ArrayView2<'_, f64>) -> Result<Predictions> {
        let x: Array2<f64> = match &self.standardizer {
            Some(s) => s.transform(raw)?,
            None => {
                hyperplane_core::dataset::check_query(raw, self.model.n_features())?;
                raw.to_owned()
            }
        };
        Ok(match &self.model {
            FittedModel::Svc(_)
            | FittedModel::LinearSvm(_)
            | FittedModel::Logistic(_)
            | FittedModel::Knn(_)
            | FittedModel::Tree(_) => {
                let pred = self.model.predict_classes(x.view())?;
                let dec = self.model.decision_function(x.view())?;
                Predictions {
                    labels: Some(
                        pred.iter()
                            .map(|&c| self.class_names.get(c).cloned().unwrap_or_default())
                            .collect(),
                    ),
                    values: None,
                    decision_values: Some(dec.rows().into_iter().map(|r| r.to_vec()).collect()),
                }
            }
            FittedModel::Svr(_) | FittedModel::KnnRegressor(_) | FittedModel::TreeRegressor(_) => {
                Predictions {
                    labels: None,
                    values: Some(self.model.predict_values(x.view())?),
                    decision_values: None,
                }
            }
            FittedModel::Mlp(m) => match &m.target {
                Target::Values { .. } => Predictions {
                    labels: None,
                    values: Some(m.predict_values(x.view())?),
                    decision_values: None,
                },
                Target::Classes { names } => Predictions {
                    labels: Some(
                        m.predict(x.view())?
                            .iter()
                            .map(|&c| names.get(c).cloned().unwrap_or_default())
                            .collect(),
                    ),
                    values: None,
                    decision_values: Some(
                        m.predict_proba(x.view())?
                            .rows()
                            .into_iter()
                            .map(|r| r.to_vec())
                            .collect(),
                    ),
                },
            },
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use hyperplane_core::datasets::iris;
    use hyperplane_core::preprocess::split_and_standardize;
    use hyperplane_core::svm::SvcParams;

    fn saved() -> (ModelFile, hyperplane_core::Dataset) {
        let all = iris().unwrap();
        let p = split_and_standardize(&all, 0.8, 1).unwrap();
        let model = SvcParams::default().check().unwrap().fit(&p.train).unwrap();
        let file = ModelFile::new(
            FittedModel::Svc(model),
            all.feature_names().to_vec(),
            all.class_names().to_vec(),
            Some(p.scaler),
        )
        .unwrap();
        (file, all)
    }

    #[test]
    fn round_trips_and_predicts_raw_rows_identically() {
        let (file, all) = saved();
        let back = ModelFile::from_json(&file.to_json().unwrap()).unwrap();
        assert_eq!(back, file);
        assert_eq!(
            back.predict(all.x()).unwrap(),
            file.predict(all.x()).unwrap()
        );
        let labels = file.predict(all.x()).unwrap().labels.unwrap();
        assert_eq!(labels[0], "setosa");
    }

    #[test]
    fn rejects_every_kind_of_tampering() {
        let (file, _) = saved();
        let json: serde_json::Value = serde_json::from_str(&file.to_json().unwrap()).unwrap();
        let tamper = |f: &dyn Fn(&mut serde_json::Value)| {
            let mut v = json.clone();
            f(&mut v);
            ModelFile::from_json(&v.to_string())
        };
        assert!(tamper(&|v| v["format"] = "other".into()).is_err());
        assert!(tamper(&|v| v["version"] = 99.into()).is_err());
        assert!(tamper(&|v| v["feature_names"] = serde_json::json!(["a"])).is_err());
        assert!(tamper(&|v| v["class_names"] = serde_json::json!(["a", "b", "c"])).is_err());
        assert!(tamper(&|v| v["standardizer"]["scale"]["data"][0] = 0.0.into()).is_err());
        assert!(tamper(&|v| v["model"]["kind"] = "tree".into()).is_err());
        assert!(tamper(&|v| v["model"]["rho"] = serde_json::json!([1.0])).is_err());
        assert!(tamper(&|v| v["model"]["dual_coef"]["data"][0] = "x".into()).is_err());
        assert!(ModelFile::from_json("not json").is_err());
        assert!(ModelFile::from_json("").is_err());
    }
}
