//! One sweep running in the worker pool: its points go out in jobs of a few points,
//! their fold scores fill in as jobs finish, and a new sweep (or Cancel) drops the
//! jobs not yet started.

use hyperplane_core::grid::GridOutput;
use hyperplane_core::model_selection::FoldScores;
use hyperplane_core::Dataset;
use hyperplane_worker::{FromWorker, ScoreJob, ScorePoint, ToWorker};
use leptos::prelude::*;

use crate::clock::now_ms;
use crate::pool::PoolClient;

/// What to score: the points, on the training part by `folds`-fold cross-validation
/// (or on the test part when `folds` is 0).
#[derive(Debug, Clone, PartialEq)]
pub struct SweepSpec {
    pub train: Dataset,
    pub test: Dataset,
    pub folds: usize,
    pub points: Vec<ScorePoint>,
    /// Points per job: fewer for slow models, so Cancel and a new sweep act sooner.
    pub per_job: usize,
}

pub type PointScores = Option<Result<FoldScores, String>>;

/// A job number: the sweep's number, then its first point.
const POINTS_BITS: u32 = 16;

/// A sweep's state; copies share it.
#[derive(Clone, Copy)]
pub struct SweepRun {
    /// Each point's scores, `None` until its job is back.
    pub scores: RwSignal<Vec<PointScores>>,
    /// Cancelled before the end.
    pub cancelled: RwSignal<bool>,
    /// How long the whole sweep took (ms), once done.
    pub took: RwSignal<Option<f64>>,
    batch: StoredValue<(u64, f64)>,
    client: StoredValue<Option<PoolClient>, LocalStorage>,
}

impl Default for SweepRun {
    fn default() -> Self {
        Self::new()
    }
}

impl SweepRun {
    pub fn new() -> Self {
        Self {
            scores: RwSignal::new(Vec::new()),
            cancelled: RwSignal::new(false),
            took: RwSignal::new(None),
            batch: StoredValue::new((0, 0.0)),
            client: StoredValue::new_local(None),
        }
    }

    /// Points back so far.
    pub fn done(&self) -> usize {
        self.scores
            .with(|v| v.iter().filter(|s| s.is_some()).count())
    }

    /// Starts `spec`, replacing any sweep this one was running.
    pub fn start(&self, spec: &SweepSpec) {
        let (id, _) = self.batch.get_value();
        let id = id + 1;
        self.batch.set_value((id, now_ms()));
        self.cancelled.set(false);
        self.took.set(None);
        self.scores.set(vec![None; spec.points.len()]);
        let per_job = spec.per_job.max(1);
        let jobs = spec
            .points
            .chunks(per_job)
            .enumerate()
            .map(|(i, points)| {
                ToWorker::Score(Box::new(ScoreJob {
                    job: (id << POINTS_BITS) | (i * per_job) as u64,
                    train: spec.train.clone(),
                    test: spec.test.clone(),
                    folds: spec.folds,
                    points: points.to_vec(),
                }))
            })
            .collect();
        self.client().run(jobs);
    }

    /// Drops the jobs not yet started; the points already scored stay shown.
    pub fn cancel(&self) {
        self.client().cancel();
        // Answers still in flight are ignored from now on.
        self.batch.update_value(|b| b.0 += 1);
        self.cancelled.set(true);
    }

    fn client(&self) -> PoolClient {
        if let Some(c) = self.client.get_value() {
            return c;
        }
        let run = *self;
        let c = PoolClient::new(move |reply, _: Option<GridOutput>| run.on_reply(reply));
        self.client.set_value(Some(c.clone()));
        c
    }

    fn on_reply(&self, reply: FromWorker) {
        let (current, started) = self.batch.get_value();
        match reply {
            FromWorker::Scored(s) if s.job >> POINTS_BITS == current => {
                let first = (s.job & ((1 << POINTS_BITS) - 1)) as usize;
                self.scores.update(|v| {
                    for (i, score) in s.scores.into_iter().enumerate() {
                        if let Some(slot) = v.get_mut(first + i) {
                            *slot = Some(score);
                        }
                    }
                });
            }
            // A job could not run at all (no worker, nor its code on the page): the
            // points still waiting say why (a later job that runs fills its own).
            FromWorker::FitFailed { job, message } if job >> POINTS_BITS == current => {
                self.scores.update(|v| {
                    for slot in v.iter_mut().filter(|s| s.is_none()) {
                        *slot = Some(Err(message.clone()));
                    }
                });
            }
            _ => return,
        }
        if self
            .scores
            .with_untracked(|v| v.iter().all(Option::is_some))
        {
            self.took.set(Some(now_ms() - started));
        }
    }
}
