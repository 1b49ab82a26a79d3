//! The studio's own fit, in a worker when the training part is big: the model fitted as
//! everywhere ([`crate::fit_model`]), scored on both parts and drawn over the page's grid.
//! Fitting and scoring 80,000 rows takes the page's thread 0.2–0.4 s; here it never
//! freezes the page.

use hyperplane_core::grid::{GridOutput, GridSpec};
use hyperplane_core::metrics::{
    accuracy, classification_report, regression_report, ClassificationReport, RegressionReport,
};
use hyperplane_core::model::{FittedModel, ModelParams};
use hyperplane_core::neighbors::KnnWeights;
use hyperplane_core::{Dataset, Target};
use serde::{Deserialize, Serialize};

use crate::{FromWorker, Reply};

/// How well a model does on the training part and the test part (absent when the
/// split left none), in its kind's terms.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Scores {
    /// Accuracies, and per-class scores and the confusion matrix on the test part (the
    /// training part when there is no test part).
    Classes {
        train_accuracy: f64,
        test_accuracy: Option<f64>,
        report: Option<ClassificationReport>,
    },
    /// R², mean squared and absolute error.
    Values {
        train: RegressionReport,
        test: Option<RegressionReport>,
    },
}

/// Scores `model` on the training part and, if there is one, the test part (both
/// restricted to the model's features).
pub fn scores(
    model: &FittedModel,
    train: &Dataset,
    test: Option<&Dataset>,
) -> hyperplane_core::Result<Scores> {
    Ok(match train.target() {
        Target::Classes { labels, .. } => {
            let n = train.n_classes();
            let train_pred = model.predict_classes(train.x())?;
            let train_accuracy = accuracy(labels, &train_pred)?;
            // Per-class scores on the test part, or on the training part when there is none.
            let (report, test_accuracy) = match test {
                Some(t) => {
                    let (y, pred) = (t.labels()?, model.predict_classes(t.x())?);
                    (
                        classification_report(y, &pred, n).ok(),
                        Some(accuracy(y, &pred)?),
                    )
                }
                None => (classification_report(labels, &train_pred, n).ok(), None),
            };
            Scores::Classes {
                train_accuracy,
                test_accuracy,
                report,
            }
        }
        Target::Values { values, .. } => {
            let part = |d: &Dataset| regression_report(d.values()?, &model.predict_values(d.x())?);
            Scores::Values {
                train: regression_report(values, &model.predict_values(train.x())?)?,
                test: test.map(part).transpose()?,
            }
        }
    })
}

/// CSS pixels per grid cell of the studio's surface. k-NN costs more per cell near
/// class boundaries (a classifier: most with distance weights and many neighbours; a
/// regressor everywhere, having no single-class regions to settle at once), so it is
/// drawn coarser, the more so the more neighbours, to stay within a frame
/// (BENCHMARKS.md, k-NN decision surface); over more than 20,000 points twice as
/// coarse again (100,000 points took 0.3 s at the usual size).
pub fn cell_px(model: &FittedModel) -> f64 {
    let many = |n: usize| if n > 20_000 { 2.0 } else { 1.0 };
    match model {
        FittedModel::Knn(m) => many(m.n_samples()) * knn_cell_px(model),
        FittedModel::KnnRegressor(m) => many(m.n_samples()) * knn_cell_px(model),
        _ => 2.0,
    }
}

fn knn_cell_px(model: &FittedModel) -> f64 {
    match model {
        FittedModel::Knn(m) => {
            let p = m.params();
            match (p.weights, p.k) {
                (KnnWeights::Uniform, k) if k <= 10 => 2.0,
                (_, k) if k <= 25 => 3.0,
                _ => 4.0,
            }
        }
        FittedModel::KnnRegressor(m) => match m.params().k {
            k if k <= 10 => 4.0,
            k if k <= 25 => 5.0,
            _ => 6.0,
        },
        _ => 2.0,
    }
}

/// A dataset as it travels: its target and names in the message, its features beside it
/// as a typed array (80,000 × 45 numbers written out as JSON took the page ~40 ms).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Table {
    pub target: Target,
    pub names: Vec<String>,
    pub rows: usize,
    #[serde(skip)]
    pub x: Vec<f64>,
}

impl Table {
    pub fn new(d: &Dataset) -> Self {
        let all: Vec<usize> = (0..d.n_features()).collect();
        Self {
            target: d.target().clone(),
            names: d.feature_names().to_vec(),
            rows: d.n_samples(),
            x: gather(d, &all),
        }
    }

    /// `d`'s columns `features`, in that order, copied once (a big file's training part
    /// is tens of megabytes: no restricted dataset in between).
    pub fn of(d: &Dataset, features: &[usize]) -> hyperplane_core::Result<Self> {
        let names = features
            .iter()
            .map(|&f| d.feature_names().get(f).cloned())
            .collect::<Option<Vec<_>>>()
            .ok_or_else(|| {
                hyperplane_core::Error::Format(format!("no feature among {features:?}"))
            })?;
        Ok(Self {
            target: d.target().clone(),
            names,
            rows: d.n_samples(),
            x: gather(d, features),
        })
    }

    /// The dataset again, checked as any dataset is (a damaged message is an error).
    pub fn dataset(self) -> hyperplane_core::Result<Dataset> {
        let x = ndarray::Array2::from_shape_vec((self.rows, self.names.len()), self.x).map_err(
            |e| hyperplane_core::Error::Format(format!("features arrived damaged: {e}")),
        )?;
        Dataset::from_parts(x, self.target, self.names)
    }
}

/// `d`'s values of the (existing) `features`, row by row.
fn gather(d: &Dataset, features: &[usize]) -> Vec<f64> {
    let x = d.x();
    match x.as_slice() {
        Some(flat) if features.iter().copied().eq(0..d.n_features()) => flat.to_vec(),
        _ => {
            let mut out = Vec::with_capacity(d.n_samples() * features.len());
            for row in x.rows() {
                out.extend(features.iter().map(|&f| row[f]));
            }
            out
        }
    }
}

/// A one-call model to fit on the studio's data, restricted to its features.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct StudioJob {
    pub job: u64,
    pub train: Table,
    pub test: Option<Table>,
    pub params: ModelParams,
    /// The grid the page drew last and its plot's size in CSS pixels: the surface comes
    /// back over that grid, with as many cells as the page will draw for this model.
    pub grid: Option<(GridSpec, (f64, f64))>,
}

/// The fitted model, its scores and how long the fit took.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StudioFitted {
    pub job: u64,
    pub result: Result<(FittedModel, Scores, f64), String>,
    /// The grid the surface beside this answer covers.
    pub grid: Option<GridSpec>,
}

/// Answers a studio job.
pub fn studio_job(job: StudioJob, now: impl Fn() -> f64) -> Reply {
    let start = now();
    let data = job
        .test
        .map(Table::dataset)
        .transpose()
        .and_then(|test| Ok((job.train.dataset()?, test)));
    let result = data.and_then(|(train, test)| {
        let model = crate::fit_model(&job.params, &train, 0)?;
        let fit_ms = now() - start;
        let s = scores(&model, &train, test.as_ref())?;
        Ok((model, s, fit_ms))
    });
    let mut out = GridOutput::new();
    let grid = match (&result, &job.grid) {
        (Ok((model, ..)), Some((drawn, (w, h)))) => {
            // The page's rule: one cell per `cell_px` CSS pixels, 16 to 240 a side.
            let cells = |len: f64| ((len / cell_px(model)).round() as usize).clamp(16, 240);
            let spec = GridSpec {
                width: cells(*w),
                height: cells(*h),
                ..drawn.clone()
            };
            model.evaluate_grid(&spec, &mut out).is_ok().then_some(spec)
        }
        _ => None,
    };
    Reply {
        grid: grid.is_some().then_some(out),
        message: FromWorker::StudioFitted(Box::new(StudioFitted {
            job: job.job,
            result: result.map_err(|e| e.to_string()),
            grid,
        })),
    }
}
