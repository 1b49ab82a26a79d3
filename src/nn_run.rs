//! Training the neural network as an animation, with play/pause/step/reset, and
//! learning-rate or regularization changes applied between steps without a reset.
//! While playing, the compute worker trains continuously and the page shows its latest
//! frame at each animation frame; the page's own trainer follows every frame it shows,
//! so pausing, saving, stepping and editing work on exactly what is on screen. Without
//! a worker, the page trains a few milliseconds per animation frame itself.

use std::sync::Arc;

use hyperplane_core::features::FeatureTransform;
use hyperplane_core::grid::{GridOutput, GridSpec};
use hyperplane_core::model::ModelParams;
use hyperplane_core::nn::{Activation, Mlp, MlpTrainer, TrainerState};
use hyperplane_core::preprocess::Prepared;
use hyperplane_worker::{Frame, FromWorker, ToWorker, TrainJob};
use leptos::prelude::*;

use crate::clock::{next_frame, now_ms};
use crate::models::network::NetworkSettings;
use crate::training::{restrict, Surface};
use crate::worker_link::WorkerLink;

/// Train and test loss after an epoch: the saved versions' own type, so the history
/// is saved, restored and checked for overfitting as it is.
pub type LossPoint = hyperplane_formats::saved_version::HistoryPoint;

/// Most points kept for the loss curve; older ones are thinned out.
const MAX_POINTS: usize = 1500;
/// Milliseconds of training per animation frame on the page's thread (leaves room to
/// draw).
const FRAME_BUDGET_MS: f64 = 10.0;
/// Milliseconds the worker trains per frame it sends (about a display frame: the page
/// asks for the next one as soon as one arrives).
const WORKER_BUDGET_MS: f64 = 14.0;

/// The data a network trains on (classes, or a number to predict).
pub type RunData = Arc<Prepared>;

/// The loss of `model` on the test part (for the loss curve).
fn test_loss(data: &Prepared, model: &Mlp, features: &[usize]) -> Option<f64> {
    hyperplane_worker::test_loss(&restrict(&data.test, features).ok()?, model)
}

/// A saved network to put back: its weights, loss history and trainer state.
pub struct SavedRun<'a> {
    pub model: &'a Mlp,
    pub history: Vec<LossPoint>,
    pub state: Option<&'a TrainerState>,
}

/// What a network was built from: the same again needs no rebuild.
#[derive(Debug, Clone, PartialEq)]
struct BuiltFrom {
    data: usize,
    features: Vec<usize>,
    hidden: Vec<usize>,
    activation: Activation,
    inputs: Vec<FeatureTransform>,
    seed: u64,
}

#[derive(Clone, Copy)]
pub struct NnRun {
    trainer: StoredValue<Option<MlpTrainer>>,
    built: StoredValue<Option<BuiltFrom>>,
    /// Training stopped because the loss or weights became infinite or NaN.
    pub diverged: RwSignal<bool>,
    /// The data the trainer uses (for the test loss).
    data: StoredValue<Option<(RunData, Vec<usize>)>>,
    pub playing: RwSignal<bool>,
    pub epoch: RwSignal<u64>,
    pub snapshot: RwSignal<Option<Arc<Mlp>>>,
    pub history: RwSignal<Vec<LossPoint>>,
    pub error: RwSignal<Option<String>>,
    /// The compute worker, if one started.
    worker: StoredValue<Option<WorkerLink>, LocalStorage>,
    /// The worker's current session (0: none); its older sessions' frames are stale.
    session: StoredValue<u64>,
    /// The worker's latest frame, shown at the next animation frame.
    pending: StoredValue<Option<(Box<Frame>, Option<GridOutput>)>>,
    /// The grid the surface is drawn over, which the worker evaluates each frame on.
    pub grid: StoredValue<Option<GridSpec>>,
    /// The snapshot's surface as the worker sent it.
    pub surface: StoredValue<Option<Arc<Surface>>>,
}

impl NnRun {
    pub fn new() -> Self {
        Self {
            trainer: StoredValue::new(None),
            built: StoredValue::new(None),
            diverged: RwSignal::new(false),
            data: StoredValue::new(None),
            playing: RwSignal::new(false),
            epoch: RwSignal::new(0),
            snapshot: RwSignal::new(None),
            history: RwSignal::new(Vec::new()),
            error: RwSignal::new(None),
            worker: StoredValue::new_local(None),
            session: StoredValue::new(0),
            pending: StoredValue::new(None),
            grid: StoredValue::new(None),
            surface: StoredValue::new(None),
        }
    }

    /// Starts the compute worker (in the browser only), which trains while playing.
    pub fn start_worker(self) {
        // Without a listening worker the page trains itself: nothing to hand back.
        self.worker.set_value(WorkerLink::start(
            move |reply, grid| self.on_reply(reply, grid),
            |_| {},
        ));
    }

    /// Builds a fresh network unless the current one was built from the same data,
    /// features, architecture and seed (e.g. it was just restored).
    pub fn rebuild(&self, data: RunData, features: Vec<usize>, model: &NetworkSettings, seed: u64) {
        let key = Self::built_from(&data, &features, model, seed);
        if self.built.with_value(|b| b.as_ref() == Some(&key)) {
            return;
        }
        self.reset(data, features, model, seed);
    }

    fn built_from(
        data: &RunData,
        features: &[usize],
        model: &NetworkSettings,
        seed: u64,
    ) -> BuiltFrom {
        BuiltFrom {
            data: Arc::as_ptr(data) as usize,
            features: features.to_vec(),
            hidden: model.hidden.clone(),
            activation: model.activation,
            inputs: model.inputs.clone(),
            seed,
        }
    }

    /// Puts a saved network back: its weights at the last epoch of its loss history and,
    /// if saved, its trainer state (then training on continues the saved run exactly).
    pub fn restore(
        &self,
        data: RunData,
        features: Vec<usize>,
        model: &NetworkSettings,
        seed: u64,
        saved: SavedRun<'_>,
    ) -> Result<(), String> {
        let epoch = saved.history.last().map_or(0, |p| p.epoch);
        self.playing.set(false);
        self.reset(data, features, model, seed);
        let mut result = Err("the network could not be built".to_string());
        self.trainer.update_value(|t| {
            if let Some(t) = t {
                result = t
                    .restore(saved.model, epoch, Vec::new())
                    .and_then(|()| saved.state.map_or(Ok(()), |s| t.restore_state(s)))
                    .map(|()| t.model())
                    .map_err(|e| e.to_string());
            }
        });
        let model = result?;
        self.surface.set_value(None);
        self.snapshot.set(Some(Arc::new(model)));
        self.epoch.set(epoch);
        self.history.set(saved.history);
        Ok(())
    }

    /// The trainer's state besides its weights, for saving.
    pub fn trainer_state(&self) -> Option<TrainerState> {
        self.trainer.with_value(|t| t.as_ref().map(|t| t.state()))
    }

    /// A fresh network with the current settings (same seed, so the same start), on
    /// classes or values.
    pub fn reset(&self, data: RunData, features: Vec<usize>, model: &NetworkSettings, seed: u64) {
        self.built
            .set_value(Some(Self::built_from(&data, &features, model, seed)));
        self.diverged.set(false);
        let params = model.mlp_params(seed);
        // On the plane of two features the inputs are the chosen functions of them.
        let transforms = if features.len() == 2 {
            model.inputs.clone()
        } else {
            Vec::new()
        };
        let result = restrict(&data.train, &features).and_then(|train| {
            ModelParams::Mlp {
                params,
                inputs: transforms,
            }
            .trainer(&train)
        });
        match result {
            Ok(t) => {
                self.surface.set_value(None);
                self.snapshot.set(Some(Arc::new(t.model())));
                self.trainer.set_value(Some(t));
                self.data.set_value(Some((data, features)));
                self.error.set(None);
            }
            Err(e) => {
                self.trainer.set_value(None);
                self.surface.set_value(None);
                self.snapshot.set(None);
                self.error
                    .set(Some(format!("Could not build the network: {e}")));
                self.playing.set(false);
            }
        }
        self.epoch.set(0);
        self.history.set(Vec::new());
        self.resync();
    }

    /// Applies new learning rate, regularization or batch size without a reset.
    pub fn update_params(&self, model: &NetworkSettings, seed: u64) {
        let params = model.mlp_params(seed);
        let mut failed = None;
        self.trainer.update_value(|t| {
            if let Some(t) = t {
                if let Err(e) = t.set_params(&params) {
                    failed = Some(e.to_string());
                }
            }
        });
        if let Some(e) = failed {
            self.error
                .set(Some(format!("Could not apply the setting: {e}")));
        }
        if let Some(link) = self.remote() {
            let session = self.session.get_value();
            link.send(ToWorker::SetParams { session, params });
        }
    }

    /// Trains for up to `max_ms` milliseconds (at least one epoch, at most `max_epochs`),
    /// then publishes the new model and losses.
    pub fn advance(&self, max_ms: f64, max_epochs: u64) {
        let start = now_ms();
        let mut outcome: Option<Result<(Mlp, u64, f64), String>> = None;
        self.trainer.update_value(|t| {
            let Some(t) = t else { return };
            let mut done = 0;
            loop {
                if let Err(e) = t.step(1) {
                    outcome = Some(Err(e.to_string()));
                    return;
                }
                done += 1;
                if done >= max_epochs || now_ms() - start >= max_ms {
                    break;
                }
            }
            let train = t.loss_history().last().copied().unwrap_or(f64::NAN);
            outcome = Some(Ok((t.model(), t.epoch(), train)));
        });
        match outcome {
            Some(Ok((model, epoch, train))) => {
                let test = self.data.with_value(|d| {
                    d.as_ref()
                        .and_then(|(data, features)| test_loss(data, &model, features))
                });
                self.publish(model, epoch, train, test, None);
            }
            Some(Err(e)) => self.diverge(&e),
            None => {}
        }
    }

    /// Shows a new state of the network: its weights, epoch and a loss point.
    fn publish(
        &self,
        model: Mlp,
        epoch: u64,
        train: f64,
        test: Option<f64>,
        surface: Option<Surface>,
    ) {
        self.surface.set_value(surface.map(Arc::new));
        self.epoch.set(epoch);
        self.snapshot.set(Some(Arc::new(model)));
        self.history.update(|h| {
            h.push(LossPoint { epoch, train, test });
            if h.len() > MAX_POINTS {
                // keep the first point and every other one after it
                let kept: Vec<LossPoint> = h
                    .iter()
                    .enumerate()
                    .filter(|(i, _)| i % 2 == 0)
                    .map(|(_, p)| *p)
                    .collect();
                *h = kept;
            }
        });
    }

    fn diverge(&self, e: &str) {
        self.playing.set(false);
        self.diverged.set(true);
        // The network stays as last shown (the epoch on the counter); the advice to lower
        // the learning rate is the error's own.
        let kept = self.epoch.get_untracked();
        self.error.set(Some(format!(
            "Training was stopped: {e}. The network is kept as it was after epoch {kept}; press Reset to start again."
        )));
    }

    /// Sets one weight of the network (the user typed it) and redraws with it.
    pub fn set_weight(
        &self,
        layer: usize,
        output: usize,
        input: usize,
        value: f64,
    ) -> Result<(), String> {
        let mut result = Err("the network is not built yet".to_string());
        self.trainer.update_value(|t| {
            if let Some(t) = t {
                result = t
                    .set_weight(layer, output, input, value)
                    .map(|()| t.model())
                    .map_err(|e| e.to_string());
            }
        });
        let model = result?;
        self.surface.set_value(None);
        self.snapshot.set(Some(Arc::new(model)));
        self.resync();
        Ok(())
    }

    /// Starts training: in the worker if it listens, else on the page's thread (it
    /// stops itself when `playing` turns false).
    pub fn play(self) {
        if self.playing.get_untracked() {
            return;
        }
        self.playing.set(true);
        if !self.start_remote() {
            self.schedule();
        }
    }

    fn schedule(self) {
        next_frame(move || {
            // The run's signals are gone when the studio is unmounted: stop then.
            if !self.playing.try_get_untracked().unwrap_or(false) {
                return;
            }
            // The worker came up meanwhile: it takes over.
            if self.start_remote() {
                return;
            }
            self.advance(FRAME_BUDGET_MS, 100_000);
            self.schedule();
        });
    }

    /// The worker, if it listens.
    fn remote(&self) -> Option<WorkerLink> {
        self.worker
            .try_with_value(|w| w.clone().filter(WorkerLink::ready))
            .flatten()
    }

    /// Hands the page's trainer to the worker as a new session and asks for its first
    /// frame; `false` if there is no worker or nothing to train.
    fn start_remote(&self) -> bool {
        let Some(link) = self.remote() else {
            return false;
        };
        let Some(mut job) = self.job() else {
            return false;
        };
        self.session.update_value(|s| *s += 1);
        job.session = self.session.get_value();
        self.pending.set_value(None);
        link.send(ToWorker::Train(Box::new(job)));
        self.request_frame(&link);
        true
    }

    fn request_frame(&self, link: &WorkerLink) {
        link.send(ToWorker::Frame {
            session: self.session.get_value(),
            budget_ms: WORKER_BUDGET_MS,
            max_epochs: 100_000,
            grid: self.grid.get_value(),
        });
    }

    /// After the page's trainer changed while playing in the worker: the worker
    /// continues from it.
    fn resync(&self) {
        if self.playing.get_untracked() && self.session.get_value() > 0 {
            self.start_remote();
        }
    }

    /// The page's trainer as a job for the worker.
    fn job(&self) -> Option<TrainJob> {
        let (data, features) = self.data.with_value(|d| d.clone())?;
        let train = restrict(&data.train, &features).ok()?;
        let test = restrict(&data.test, &features).ok()?;
        self.trainer.with_value(|t| {
            let t = t.as_ref()?;
            let model = t.model();
            Some(TrainJob {
                session: 0,
                train,
                test,
                params: t.params().clone(),
                inputs: model.input_transforms.clone(),
                state: t.state(),
                epoch: t.epoch(),
                model,
            })
        })
    }

    /// An answer from the worker: a frame is shown at the next animation frame (the
    /// next one is asked for at once, so the worker trains while the page draws).
    fn on_reply(self, reply: FromWorker, grid: Option<GridOutput>) {
        let current = self.session.try_get_value().unwrap_or(0);
        let playing = self.playing.try_get_untracked().unwrap_or(false);
        match reply {
            FromWorker::Ready | FromWorker::Frame(_) if !playing => {}
            FromWorker::Ready => {
                // The page's thread is training: the worker takes over at its next frame.
            }
            FromWorker::Frame(f) if f.session == current => {
                if let Some(link) = self.remote() {
                    self.request_frame(&link);
                }
                let first = self.pending.with_value(Option::is_none);
                self.pending.set_value(Some((f, grid)));
                if first {
                    next_frame(move || self.show_pending());
                }
            }
            FromWorker::Frame(_) => {}
            FromWorker::Failed { session, message } if session == current => {
                self.session.set_value(0);
                self.playing.set(false);
                self.error
                    .set(Some(format!("Could not train the network: {message}")));
            }
            FromWorker::Diverged { session, message } if session == current => {
                self.session.set_value(0);
                self.diverge(&message);
            }
            FromWorker::Failed { .. } | FromWorker::Diverged { .. } => {}
            // Fit, sweep and reading jobs go to the pool's workers, not this one.
            _ => {}
        }
    }

    /// Puts the worker's latest frame into the page's trainer and on screen.
    fn show_pending(self) {
        let Some(Some((f, values))) = self.pending.try_update_value(Option::take) else {
            return;
        };
        let current = self.session.get_value();
        if f.session != current || !self.playing.get_untracked() {
            return;
        }
        let f = *f;
        let mut result = Ok(());
        self.trainer.update_value(|t| {
            if let Some(t) = t {
                result = t
                    .restore(&f.model, f.epoch, Vec::new())
                    .and_then(|()| t.restore_state(&f.state));
            }
        });
        if let Err(e) = result {
            self.session.set_value(0);
            self.playing.set(false);
            self.error
                .set(Some(format!("Could not take the worker's network: {e}")));
            return;
        }
        let surface = f.grid.zip(values);
        self.publish(f.model, f.epoch, f.train_loss, f.test_loss, surface);
    }
}

impl Default for NnRun {
    fn default() -> Self {
        Self::new()
    }
}
