//! Sweep jobs: points of a validation heatmap, a validation curve or a learning curve,
//! each scored by k-fold cross-validation of the training part or on the test part.

use hyperplane_core::model::{FittedModel, ModelParams};
use hyperplane_core::model_selection::{cross_validate, kfold, FoldScores, Validation};
use hyperplane_core::Dataset;
use serde::{Deserialize, Serialize};

use crate::{fit_model, FromWorker, Reply};

/// One point of a sweep: a model's parameters (the network's epochs) and, on a
/// learning curve, how many rows of each training part it is fitted on.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ScorePoint {
    pub params: ModelParams,
    pub epochs: u64,
    pub size: Option<usize>,
}

/// Points to score on the same data: by `folds`-fold cross-validation of `train`
/// (`folds` ≥ 2), or fitted on `train` and scored on `test` (`folds` = 0).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ScoreJob {
    pub job: u64,
    pub train: Dataset,
    pub test: Dataset,
    pub folds: usize,
    pub points: Vec<ScorePoint>,
}

/// Each point's fold scores, or why it could not be fitted.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Scored {
    pub job: u64,
    pub scores: Vec<Result<FoldScores, String>>,
    pub ms: f64,
}

/// Scores every point of `job`.
pub fn score_job(job: &ScoreJob, now: impl Fn() -> f64) -> Reply {
    let start = now();
    let folds = if job.folds == 0 {
        Ok(Vec::new())
    } else {
        kfold(job.train.n_samples(), job.folds).map_err(|e| e.to_string())
    };
    let scores = job
        .points
        .iter()
        .map(|p| {
            let folds = folds.as_ref().map_err(Clone::clone)?;
            let validation = if job.folds == 0 {
                Validation::Holdout(&job.test)
            } else {
                Validation::Folds(folds)
            };
            let fit = |d: &Dataset| -> hyperplane_core::Result<FittedModel> {
                fit_model(&p.params, d, p.epochs)
            };
            cross_validate(&job.train, validation, p.size, fit).map_err(|e| e.to_string())
        })
        .collect();
    Reply {
        message: FromWorker::Scored(Box::new(Scored {
            job: job.job,
            scores,
            ms: now() - start,
        })),
        grid: None,
    }
}
