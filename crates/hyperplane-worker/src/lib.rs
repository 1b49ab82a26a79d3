//! The messages between the page and its compute worker, and the worker's side of them:
//! a training session that advances the network for a time budget per frame the page
//! asks for. Plain Rust, so it is tested natively; `listen` is only the wasm glue.
//!
//! Messages are JSON text (serde_json with exact float round trips): the weights the
//! page draws are bit for bit the ones the worker trained.

use hyperplane_core::features::FeatureTransform;
use hyperplane_core::grid::{GridModel, GridOutput, GridSpec};
use hyperplane_core::model::{FittedModel, ModelParams};
use hyperplane_core::nn::{Mlp, MlpParams, MlpTrainer, TrainerState};
use hyperplane_core::{Dataset, Target};
use serde::{Deserialize, Serialize};

mod apply_job;
pub mod bulk;
#[cfg(target_arch = "wasm32")]
mod listen;
mod score;
mod studio_fit;
mod table_job;

pub use apply_job::{apply_file, Applied, AppliedData, ApplyJob};
pub use bulk::Bulk;
#[cfg(target_arch = "wasm32")]
pub use listen::listen;
pub use score::{score_job, ScoreJob, ScorePoint, Scored};
pub use studio_fit::{cell_px, scores, studio_job, Scores, StudioFitted, StudioJob, Table};
pub use table_job::{read_file, ColumnShape, ReadJob, ReadTable, TableRead};

/// A network to train from where the page's trainer stands.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct TrainJob {
    /// Numbers the session; answers to an older session are stale.
    pub session: u64,
    /// The training and test parts, restricted to the model's features.
    pub train: Dataset,
    pub test: Dataset,
    pub params: MlpParams,
    pub inputs: Vec<FeatureTransform>,
    /// The network and trainer state to continue from, at `epoch`.
    pub model: Mlp,
    pub state: TrainerState,
    pub epoch: u64,
}

/// A model to fit on a training set and draw over a grid (one cell of the page's model
/// comparison).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct FitJob {
    pub job: u64,
    pub train: Dataset,
    /// A one-call model, or the network (trained for `epochs`).
    pub params: ModelParams,
    pub epochs: u64,
    pub grid: GridSpec,
}

/// A fitted model (its surface over the job's grid travels beside it).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Fitted {
    pub job: u64,
    pub model: FittedModel,
    pub fit_ms: f64,
}

/// From the page.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub enum ToWorker {
    /// Fits a model and answers with [`FromWorker::Fitted`] and its surface.
    Fit(Box<FitJob>),
    /// Scores points of a sweep and answers with [`FromWorker::Scored`].
    Score(Box<ScoreJob>),
    /// Fits and scores the studio's model and answers with [`FromWorker::StudioFitted`].
    Studio(Box<StudioJob>),
    /// Applies a recipe to a file and answers with [`FromWorker::Applied`].
    Apply(Box<ApplyJob>),
    /// Reads a file and answers with [`FromWorker::TableRead`], after
    /// [`FromWorker::Progress`] now and then.
    Read(Box<ReadJob>),
    /// Starts a session, replacing any other.
    Train(Box<TrainJob>),
    /// Trains the session for up to `budget_ms` (at least one epoch, at most
    /// `max_epochs`) and answers with a [`FromWorker::Frame`], with the network's
    /// surface over `grid` if given (so the page need not evaluate it).
    Frame {
        session: u64,
        budget_ms: f64,
        max_epochs: u64,
        grid: Option<GridSpec>,
    },
    /// New learning rate, regularization or batch size, from the next step on.
    SetParams { session: u64, params: MlpParams },
    /// Ends the session.
    Stop,
}

/// Where the network stands after a frame of training.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Frame {
    pub session: u64,
    pub model: Mlp,
    pub state: TrainerState,
    pub epoch: u64,
    /// The last epoch's training loss, and the test loss of the weights now.
    pub train_loss: f64,
    pub test_loss: Option<f64>,
    /// How long the worker trained for this frame (ms).
    pub train_ms: f64,
    /// The grid the surface was evaluated over (its values travel beside the text).
    pub grid: Option<GridSpec>,
}

/// An answer, and the surface values that go with a frame (sent as typed arrays, not
/// text: a 240×225 surface is 54,000 cells).
#[derive(Debug, Clone)]
pub struct Reply {
    pub message: FromWorker,
    pub grid: Option<GridOutput>,
}

/// To the page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum FromWorker {
    /// The worker listens (messages sent before this are lost, so the page waits).
    Ready,
    Frame(Box<Frame>),
    /// The session could not start: the network could not be put back.
    Failed {
        session: u64,
        message: String,
    },
    /// Training stopped: the loss or the weights became infinite or NaN.
    Diverged {
        session: u64,
        message: String,
    },
    Fitted(Box<Fitted>),
    /// The job's model could not be fitted (the reason says why).
    FitFailed {
        job: u64,
        message: String,
    },
    Scored(Box<Scored>),
    TableRead(Box<TableRead>),
    StudioFitted(Box<StudioFitted>),
    Applied(Box<Applied>),
    /// How much of a job is done (0 to 1), while it runs.
    Progress {
        job: u64,
        done: f64,
    },
}

impl ToWorker {
    /// The pool's job number of a fit or a sweep job.
    pub fn job(&self) -> Option<u64> {
        match self {
            ToWorker::Fit(j) => Some(j.job),
            ToWorker::Score(j) => Some(j.job),
            ToWorker::Read(j) => Some(j.job),
            ToWorker::Studio(j) => Some(j.job),
            ToWorker::Apply(j) => Some(j.read.job),
            _ => None,
        }
    }
}

impl FromWorker {
    /// The job a fit or sweep answer belongs to.
    pub fn job(&self) -> Option<u64> {
        match self {
            FromWorker::Fitted(f) => Some(f.job),
            FromWorker::FitFailed { job, .. } => Some(*job),
            FromWorker::Scored(s) => Some(s.job),
            FromWorker::TableRead(t) => Some(t.job),
            FromWorker::StudioFitted(f) => Some(f.job),
            FromWorker::Applied(a) => Some(a.job),
            _ => None,
        }
    }
}

/// The most training points a kernel SVM is fitted on in the page. SMO's time grows
/// with about the square of the points: 5,000 noisy points take 0.25 s in the page,
/// 80,000 took 55 s, a frozen tab.
pub const MAX_SVM_POINTS: usize = 5_000;

/// The most training points the gradient-descent SVM is fitted on (its epochs each pass
/// over all of them: 80,000 took 0.9 s).
pub const MAX_GD_POINTS: usize = 10_000;

/// How many of `n` training points `params` is fitted on: the first ones, which are a
/// random sample of the shuffled training part.
pub fn fitted_points(params: &ModelParams, n: usize) -> usize {
    match params {
        ModelParams::Svc(_) | ModelParams::Svr(_) => n.min(MAX_SVM_POINTS),
        ModelParams::LinearSvm { .. } => n.min(MAX_GD_POINTS),
        _ => n,
    }
}

/// Fits `params` on `train`, as the studio does everywhere: k-NN's k never exceeds the
/// training points (the slider's top means "all of them"); the network trains `epochs`
/// epochs; the SVMs see at most [`MAX_SVM_POINTS`] or [`MAX_GD_POINTS`] of them.
pub fn fit_model(
    params: &ModelParams,
    train: &Dataset,
    epochs: u64,
) -> hyperplane_core::Result<FittedModel> {
    let n = fitted_points(params, train.n_samples());
    if n < train.n_samples() {
        let first: Vec<usize> = (0..n).collect();
        return fit_model(params, &train.select(&first)?, epochs);
    }
    match params {
        ModelParams::Knn(p) if p.k > train.n_samples() => {
            ModelParams::Knn(p.clone().k(train.n_samples())).fit(train)
        }
        ModelParams::Mlp { .. } => params.trainer(train).and_then(|mut t| {
            t.step(epochs)?;
            Ok(FittedModel::Mlp(t.model()))
        }),
        p => p.fit(train),
    }
}

/// [`fit_model`], its error as text.
pub fn fit(params: &ModelParams, train: &Dataset, epochs: u64) -> Result<FittedModel, String> {
    fit_model(params, train, epochs).map_err(|e| e.to_string())
}

/// Answers a fit job: the model and its surface.
pub fn fit_job(job: &FitJob, now: impl Fn() -> f64) -> Reply {
    let start = now();
    let result = fit(&job.params, &job.train, job.epochs).and_then(|model| {
        let mut out = GridOutput::new();
        model
            .evaluate_grid(&job.grid, &mut out)
            .map_err(|e| e.to_string())?;
        Ok((model, out))
    });
    match result {
        Ok((model, out)) => Reply {
            message: FromWorker::Fitted(Box::new(Fitted {
                job: job.job,
                model,
                fit_ms: now() - start,
            })),
            grid: Some(out),
        },
        Err(message) => Reply {
            message: FromWorker::FitFailed {
                job: job.job,
                message,
            },
            grid: None,
        },
    }
}

/// A network being trained.
pub struct Session {
    id: u64,
    trainer: MlpTrainer,
    test: Dataset,
}

impl Session {
    /// The trainer of `job`, put back at its weights, state and epoch.
    pub fn start(job: TrainJob) -> Result<Self, String> {
        let p = ModelParams::Mlp {
            params: job.params,
            inputs: job.inputs,
        };
        let mut trainer = p.trainer(&job.train).map_err(|e| e.to_string())?;
        trainer
            .restore(&job.model, job.epoch, Vec::new())
            .and_then(|()| trainer.restore_state(&job.state))
            .map_err(|e| e.to_string())?;
        Ok(Self {
            id: job.session,
            trainer,
            test: job.test,
        })
    }

    /// Trains until `budget_ms` has passed on `now` (at least one epoch, at most
    /// `max_epochs`).
    pub fn advance(
        &mut self,
        budget_ms: f64,
        max_epochs: u64,
        now: impl Fn() -> f64,
    ) -> Result<Frame, String> {
        let start = now();
        let mut done = 0;
        loop {
            self.trainer.step(1).map_err(|e| e.to_string())?;
            done += 1;
            if done >= max_epochs || now() - start >= budget_ms {
                break;
            }
        }
        let model = self.trainer.model();
        Ok(Frame {
            session: self.id,
            test_loss: test_loss(&self.test, &model),
            model,
            state: self.trainer.state(),
            epoch: self.trainer.epoch(),
            train_loss: self
                .trainer
                .loss_history()
                .last()
                .copied()
                .unwrap_or(f64::NAN),
            train_ms: now() - start,
            grid: None,
        })
    }
}

/// The loss of `model` on the test part (for the loss curve).
pub fn test_loss(test: &Dataset, model: &Mlp) -> Option<f64> {
    match test.target() {
        Target::Classes { labels, .. } => {
            let y: Vec<f64> = labels.iter().map(|&c| c as f64).collect();
            model.loss(test.x(), &y).ok()
        }
        Target::Values { values, .. } => model.loss(test.x(), values).ok(),
    }
}

/// The worker's state: at most one session.
#[derive(Default)]
pub struct Worker {
    session: Option<Session>,
}

impl Worker {
    /// Answers one message from the page (`None`: nothing to say).
    pub fn handle(&mut self, msg: ToWorker, now: impl Fn() -> f64) -> Option<Reply> {
        self.handle_with_progress(msg, now, &mut |_| {})
    }

    /// [`handle`](Self::handle), telling `progress` how a long job goes (a
    /// [`FromWorker::Progress`] at most every 50 ms).
    pub fn handle_with_progress(
        &mut self,
        msg: ToWorker,
        now: impl Fn() -> f64,
        progress: &mut dyn FnMut(FromWorker),
    ) -> Option<Reply> {
        let say = |message| {
            Some(Reply {
                message,
                grid: None,
            })
        };
        match msg {
            ToWorker::Fit(job) => Some(fit_job(&job, now)),
            ToWorker::Score(job) => Some(score_job(&job, now)),
            ToWorker::Studio(job) => Some(studio_job(*job, now)),
            ToWorker::Apply(job) => say(FromWorker::Applied(Box::new(apply_file(&job)))),
            ToWorker::Read(job) => {
                let mut last = now();
                let read = read_file(&job, &mut |done| {
                    let t = now();
                    if t - last >= 50.0 {
                        last = t;
                        progress(FromWorker::Progress { job: job.job, done });
                    }
                });
                say(FromWorker::TableRead(Box::new(TableRead::new(
                    job.job, read,
                ))))
            }
            ToWorker::Train(job) => {
                let id = job.session;
                self.session = None;
                match Session::start(*job) {
                    Ok(s) => {
                        self.session = Some(s);
                        None
                    }
                    Err(message) => say(FromWorker::Failed {
                        session: id,
                        message,
                    }),
                }
            }
            ToWorker::Frame {
                session,
                budget_ms,
                max_epochs,
                grid,
            } => {
                let s = self.session.as_mut().filter(|s| s.id == session)?;
                let mut frame = match s.advance(budget_ms, max_epochs, now) {
                    Ok(frame) => frame,
                    Err(message) => {
                        self.session = None;
                        return say(FromWorker::Diverged { session, message });
                    }
                };
                let mut out = GridOutput::new();
                let surface = grid.filter(|spec| frame.model.evaluate_grid(spec, &mut out).is_ok());
                let values = surface.is_some().then_some(out);
                frame.grid = surface;
                Some(Reply {
                    message: FromWorker::Frame(Box::new(frame)),
                    grid: values,
                })
            }
            ToWorker::SetParams { session, params } => {
                let s = self.session.as_mut().filter(|s| s.id == session)?;
                match s.trainer.set_params(&params) {
                    Ok(()) => None,
                    Err(e) => say(FromWorker::Failed {
                        session,
                        message: e.to_string(),
                    }),
                }
            }
            ToWorker::Stop => {
                self.session = None;
                None
            }
        }
    }

    /// [`handle`](Self::handle) on JSON text and the arrays beside it, answering JSON
    /// text (and a surface, or other arrays); progress goes to `progress` as JSON text.
    pub fn handle_text(
        &mut self,
        text: &str,
        bulk: Vec<Bulk>,
        now: impl Fn() -> f64,
        progress: &mut dyn FnMut(String),
    ) -> Option<TextReply> {
        let mut tell = |m: FromWorker| {
            if let Ok(t) = serde_json::to_string(&m) {
                progress(t);
            }
        };
        let reply = match serde_json::from_str::<ToWorker>(text) {
            Ok(mut msg) => {
                msg.attach_bulk(bulk);
                self.handle_with_progress(msg, now, &mut tell)?
            }
            Err(e) => Reply {
                message: FromWorker::Failed {
                    session: 0,
                    message: format!("the worker could not read a message: {e}"),
                },
                grid: None,
            },
        };
        let mut message = reply.message;
        let bulk = message.take_bulk();
        Some(TextReply {
            text: serde_json::to_string(&message).ok()?,
            grid: reply.grid,
            bulk,
        })
    }
}

/// An answer as the worker posts it.
pub struct TextReply {
    pub text: String,
    pub grid: Option<GridOutput>,
    pub bulk: Vec<Bulk>,
}

#[cfg(test)]
mod tests;
