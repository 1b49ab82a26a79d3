//! The comparison table: every parameter and metric of the chosen versions, one row
//! each, with which rows differ and the numbers for deltas against the first version.

use hyperplane_formats::saved_version::{overfitting, SavedVersion};
use serde_json::Value;

use crate::format::percent;

/// One row of the table.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    pub label: String,
    pub values: Vec<String>,
    /// The number behind each value, for deltas (metrics only).
    pub numbers: Vec<Option<f64>>,
    /// Whether the delta is in percentage points (accuracies) or plain.
    pub points: bool,
    pub metric: bool,
}

impl Row {
    pub fn differs(&self) -> bool {
        self.values.windows(2).any(|w| w[0] != w[1])
    }

    /// "+3.3 pts" / "−0.012" against the first version.
    pub fn delta(&self, i: usize) -> Option<String> {
        let (first, this) = (
            self.numbers.first()?.as_ref()?,
            self.numbers.get(i)?.as_ref()?,
        );
        let d = this - first;
        if i == 0 || d == 0.0 {
            return None;
        }
        let sign = if d > 0.0 { "+" } else { "−" };
        Some(if self.points {
            format!("{sign}{:.1} pts", d.abs() * 100.0)
        } else {
            format!("{sign}{:.4}", d.abs())
        })
    }
}

/// A JSON value as a table cell.
fn cell(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        Value::Null => "none".into(),
        Value::Array(items) => items.iter().map(cell).collect::<Vec<_>>().join(", "),
        Value::Object(map) => {
            // `{"kind": "sgd", "momentum": 0.0}` → "sgd (momentum 0)"; `{"value": 0.5}` → "value 0.5".
            let rest: Vec<String> = map
                .iter()
                .filter(|(k, _)| *k != "kind")
                .map(|(k, v)| format!("{k} {}", cell(v)))
                .collect();
            match map.get("kind") {
                Some(kind) if rest.is_empty() => cell(kind),
                Some(kind) => format!("{} ({})", cell(kind), rest.join(", ")),
                None => rest.join(", "),
            }
        }
        Value::Number(n) => match n.as_f64() {
            Some(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{f:.0}"),
            // Six decimals: enough to tell slider steps apart, short enough to read.
            Some(f) if f.abs() >= 1e-4 => {
                let s = format!("{f:.6}");
                s.trim_end_matches('0').trim_end_matches('.').to_string()
            }
            _ => n.to_string(),
        },
        other => other.to_string(),
    }
}

/// Flattens the parameters into (name, cell) pairs: `kernel`, `c`, `hidden`, …; the
/// nested `params` of the network and the gradient-descent SVM are lifted up.
fn params_of(v: &SavedVersion) -> Vec<(String, String)> {
    let mut out = Vec::new();
    // Through text: the page already has both halves, and no Value serializer is needed.
    let value = serde_json::to_string(&v.params).and_then(|t| serde_json::from_str(&t));
    if let Ok(Value::Object(map)) = value {
        for (k, value) in map {
            match (k.as_str(), value) {
                ("kind", _) => {}
                ("params", Value::Object(inner)) => {
                    out.extend(inner.iter().map(|(k2, v2)| (k2.clone(), cell(v2))));
                }
                (_, value) => out.push((k, cell(&value))),
            }
        }
    }
    out
}

fn opt(v: Option<f64>, f: impl Fn(f64) -> String) -> String {
    v.map(f).unwrap_or_else(|| "—".into())
}

/// The table for these versions (in order; the first is the reference).
pub fn rows(versions: &[&SavedVersion]) -> Vec<Row> {
    let text_row = |label: &str, f: &dyn Fn(&SavedVersion) -> String| Row {
        label: label.into(),
        values: versions.iter().map(|v| f(v)).collect(),
        numbers: vec![None; versions.len()],
        points: false,
        metric: false,
    };
    let mut rows = vec![
        text_row("Model", &|v| v.model_name.clone()),
        text_row("Dataset", &|v| v.data.dataset.clone()),
        text_row("Data (content hash)", &|v| v.data.content_hash.clone()),
        text_row("Seed", &|v| v.data.seed.to_string()),
        text_row("Noise", &|v| v.data.noise.to_string()),
        text_row("Training ratio", &|v| v.data.train_ratio.to_string()),
        text_row("Features", &|v| v.model.feature_names.join(", ")),
    ];
    // Every parameter any of them has, in first-seen order.
    let params: Vec<Vec<(String, String)>> = versions.iter().map(|v| params_of(v)).collect();
    let mut names: Vec<String> = Vec::new();
    for p in &params {
        for (k, _) in p {
            if !names.contains(k) {
                names.push(k.clone());
            }
        }
    }
    for name in names {
        // The network's seed is the data's seed in every version the studio saves: one
        // row, unless some version's differs.
        let label = if name == "seed" {
            let same = versions.iter().zip(&params).all(|(v, p)| {
                p.iter()
                    .all(|(k, val)| k != "seed" || *val == v.data.seed.to_string())
            });
            if same {
                continue;
            }
            "Network seed".to_string()
        } else {
            name.clone()
        };
        rows.push(Row {
            label,
            values: params
                .iter()
                .map(|p| {
                    p.iter()
                        .find(|(k, _)| *k == name)
                        .map(|(_, v)| v.clone())
                        .unwrap_or_else(|| "—".into())
                })
                .collect(),
            numbers: vec![None; versions.len()],
            points: false,
            metric: false,
        });
    }
    let metric = |label: &str, points: bool, f: &dyn Fn(&SavedVersion) -> Option<f64>| {
        let numbers: Vec<Option<f64>> = versions.iter().map(|v| f(v)).collect();
        Row {
            label: label.into(),
            values: numbers
                .iter()
                .map(|n| {
                    opt(*n, |x| {
                        if points {
                            percent(x)
                        } else {
                            format!("{x:.4}")
                        }
                    })
                })
                .collect(),
            numbers,
            points,
            metric: true,
        }
    };
    // A score none of them has (accuracy for regressors, R² for classifiers, loss for
    // one-call models) gets no row.
    rows.extend(
        [
            metric("Test accuracy", true, &|v| v.metrics.test_accuracy),
            metric("Train accuracy", true, &|v| v.metrics.train_accuracy),
            metric("Macro F1", false, &|v| v.metrics.macro_f1),
            metric("Test R²", false, &|v| v.metrics.test_r2),
            metric("Train R²", false, &|v| v.metrics.train_r2),
            metric("Test MSE", false, &|v| v.metrics.test_mse),
            metric("Train MSE", false, &|v| v.metrics.train_mse),
            metric("Train loss", false, &|v| v.metrics.train_loss),
            metric("Test loss", false, &|v| v.metrics.test_loss),
        ]
        .into_iter()
        .filter(|r| r.numbers.iter().any(Option::is_some)),
    );
    rows.push(Row {
        metric: true,
        ..text_row("Epochs", &|v| {
            v.history.last().map_or("—".into(), |h| h.epoch.to_string())
        })
    });
    rows.push(Row {
        metric: true,
        ..text_row("Flags", &|v| {
            let mut flags = Vec::new();
            if v.diverged {
                flags.push("diverged");
            }
            if overfitting(&v.history) {
                flags.push("overfitting");
            }
            if v.not_learning() {
                flags.push("not learning");
            }
            if flags.is_empty() {
                "—".into()
            } else {
                flags.join(", ")
            }
        })
    });
    rows
}

#[cfg(test)]
mod tests {
    use super::*;
    use hyperplane_core::svm::SvcParams;
    use hyperplane_formats::saved_version::{DataSource, Metrics, ModelParams};

    fn version(c: f64, test: f64) -> SavedVersion {
        let file = hyperplane_formats::model_file::ModelFile::new(
            hyperplane_formats::model_file::FittedModel::Knn(
                hyperplane_core::neighbors::KnnParams::default()
                    .check()
                    .unwrap()
                    .fit(
                        &crate::data::default_data()
                            .unwrap()
                            .train
                            .select_features(&[0, 1])
                            .unwrap(),
                    )
                    .unwrap(),
            ),
            vec!["a".into(), "b".into()],
            vec!["setosa".into(), "versicolor".into(), "virginica".into()],
            None,
        )
        .unwrap();
        SavedVersion {
            model_name: "SVM".into(),
            number: 1,
            name: "v1".into(),
            notes: String::new(),
            tags: vec![],
            alias: None,
            created_ms: 0.0,
            params: ModelParams::Svc(SvcParams::default().c(c)),
            data: DataSource {
                dataset: "iris".into(),
                seed: 42,
                noise: 0.0,
                train_ratio: 0.8,
                n_samples: 500,
                n_classes: 3,
                x_feature: 0,
                y_feature: 1,
                shown_only: true,
                points: vec![],
                csv: None,
                edits: None,
                content_hash: "0000000000000000".into(),
                generation: 1,
            },
            features: vec![0, 1],
            metrics: Metrics {
                train_accuracy: Some(0.9),
                test_accuracy: Some(test),
                ..Metrics::default()
            },
            history: vec![],
            diverged: false,
            trainer: None,
            model: file,
        }
    }

    #[test]
    fn the_seed_is_listed_once() {
        let mut a = version(1.0, 0.8);
        a.params = ModelParams::Mlp {
            params: hyperplane_core::nn::MlpParams::default().seed(42),
            inputs: vec![],
        };
        let mut b = a.clone();
        let seeds = |r: &[Row]| {
            r.iter()
                .filter(|r| r.label.to_lowercase().contains("seed"))
                .map(|r| r.label.clone())
                .collect::<Vec<_>>()
        };
        assert_eq!(seeds(&rows(&[&a, &b])), vec!["Seed"]);
        b.params = ModelParams::Mlp {
            params: hyperplane_core::nn::MlpParams::default().seed(7),
            inputs: vec![],
        };
        assert_eq!(seeds(&rows(&[&a, &b])), vec!["Seed", "Network seed"]);
    }

    #[test]
    fn rows_show_what_differs_with_deltas_against_the_first() {
        let (a, b) = (version(1.0, 0.8), version(10.0, 0.85));
        let rows = rows(&[&a, &b]);
        let row = |label: &str| rows.iter().find(|r| r.label == label).unwrap().clone();
        assert!(row("c").differs());
        assert_eq!(row("c").values, vec!["1", "10"]);
        assert!(!row("kernel").differs());
        assert!(!row("Dataset").differs());
        let acc = row("Test accuracy");
        assert_eq!(acc.values, vec!["80.0%", "85.0%"]);
        assert_eq!(acc.delta(1).as_deref(), Some("+5.0 pts"));
        assert_eq!(acc.delta(0), None);
        assert_eq!(row("gamma").values, vec!["scale", "scale"]);
        assert!(rows
            .iter()
            .all(|r| r.label != "Test R²" && r.label != "Train loss"));
    }

    #[test]
    fn regressors_are_compared_by_r2_and_mse() {
        let (mut a, mut b) = (version(1.0, 0.8), version(10.0, 0.85));
        for (v, r2) in [(&mut a, 0.5), (&mut b, 0.75)] {
            v.metrics = Metrics {
                train_r2: Some(0.9),
                test_r2: Some(r2),
                train_mse: Some(0.1),
                test_mse: Some(0.2),
                ..Metrics::default()
            };
        }
        let rows = rows(&[&a, &b]);
        let row = |label: &str| rows.iter().find(|r| r.label == label).cloned();
        let r2 = row("Test R²").unwrap();
        assert_eq!(r2.values, vec!["0.5000", "0.7500"]);
        assert_eq!(r2.delta(1).as_deref(), Some("+0.2500"));
        assert!(!row("Train MSE").unwrap().differs());
        assert!(row("Test accuracy").is_none());
        assert!(row("Train accuracy").is_none());
    }
}
