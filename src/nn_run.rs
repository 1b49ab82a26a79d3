//! Training the neural network as an animation: a few milliseconds of epochs per
//! animation frame, so the page keeps painting, with play/pause/step/reset, and
//! learning-rate or regularization changes applied between steps without a reset.

use std::sync::Arc;

use hyperplane_core::features::FeatureTransform;
use hyperplane_core::model::ModelParams;
use hyperplane_core::nn::{Activation, Mlp, MlpTrainer, TrainerState};
use hyperplane_core::preprocess::Prepared;
use hyperplane_core::Target;
use leptos::prelude::*;

use crate::clock::now_ms;
use crate::models::network::NetworkSettings;
use crate::training::restrict;

/// Train and test loss after an epoch: the saved versions' own type, so the history
/// is saved, restored and checked for overfitting as it is.
pub type LossPoint = hyperplane_core::saved_version::HistoryPoint;

/// Most points kept for the loss curve; older ones are thinned out.
const MAX_POINTS: usize = 1500;
/// Milliseconds of training per animation frame (leaves room to draw at 60 fps).
const FRAME_BUDGET_MS: f64 = 10.0;

/// The data a network trains on (classes, or a number to predict).
pub type RunData = Arc<Prepared>;

/// The loss of `model` on the test part (for the loss curve).
fn test_loss(data: &Prepared, model: &Mlp, features: &[usize]) -> Option<f64> {
    let test = restrict(&data.test, features).ok()?;
    match test.target() {
        Target::Classes { labels, .. } => {
            let y: Vec<f64> = labels.iter().map(|&c| c as f64).collect();
            model.loss(test.x(), &y).ok()
        }
        Target::Values { values, .. } => model.loss(test.x(), values).ok(),
    }
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
        }
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
                self.snapshot.set(Some(Arc::new(t.model())));
                self.trainer.set_value(Some(t));
                self.data.set_value(Some((data, features)));
                self.error.set(None);
            }
            Err(e) => {
                self.trainer.set_value(None);
                self.snapshot.set(None);
                self.error
                    .set(Some(format!("Could not build the network: {e}")));
                self.playing.set(false);
            }
        }
        self.epoch.set(0);
        self.history.set(Vec::new());
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
            Some(Err(e)) => {
                self.playing.set(false);
                self.diverged.set(true);
                self.error.set(Some(format!(
                    "Training diverged and was stopped: {e}. Lower the learning rate and press Reset."
                )));
            }
            None => {}
        }
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
        self.snapshot.set(Some(Arc::new(model)));
        Ok(())
    }

    /// Starts the frame loop (it stops itself when `playing` turns false).
    pub fn play(self) {
        if self.playing.get_untracked() {
            return;
        }
        self.playing.set(true);
        self.schedule();
    }

    fn schedule(self) {
        request_animation_frame(move || {
            // The run's signals are gone when the studio is unmounted: stop then.
            if !self.playing.try_get_untracked().unwrap_or(false) {
                return;
            }
            self.advance(FRAME_BUDGET_MS, 100_000);
            self.schedule();
        });
    }
}

impl Default for NnRun {
    fn default() -> Self {
        Self::new()
    }
}
