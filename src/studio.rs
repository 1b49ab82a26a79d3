//! The studio's shared state: the settings, the data and fitted model derived from
//! them, and the network's run, provided to every panel by context.

use std::sync::Arc;

use hyperplane_core::model::{FittedModel, ModelParams};
use hyperplane_core::preprocess::Prepared;
use leptos::prelude::*;

use crate::clock::now_ms;
use crate::data::load_data;
use crate::models::network::NetworkSettingsStoreFields;
use crate::models::{ModelKind, ModelSettings, ModelSettingsStoreFields};
use crate::nn_run::NnRun;
use crate::plane::PlaneAt;
use crate::remote_fit::RemoteFit;
use crate::settings::example_link::ExampleLink;
use crate::settings::fragment::Link;
use crate::settings::DatasetChoice;
use crate::settings::{DataSettingsStoreFields, Settings, SettingsStoreFields};
use crate::state::{DataState, PlaneState};
use crate::training::{model_features, score, train, Trained};
use reactive_stores::{Field, Patch, Store};

/// Everything the panels share, provided by context.
#[derive(Clone, Copy)]
pub struct Studio {
    /// Everything the user can set; the `…State` views below are its fields.
    pub settings: Store<Settings>,
    pub data_state: DataState,
    /// The data, split and standardized: classes or values.
    pub data: Memo<Result<Arc<Prepared>, String>>,
    /// The chosen model and every model's settings.
    pub model: Field<ModelSettings>,
    pub plane: PlaneState,
    pub run: NnRun,
    /// The dataset features the model is trained on.
    pub features: Memo<Vec<usize>>,
    /// The fitted model: refitted whenever a parameter, the data or the plane changes;
    /// for the network, the latest snapshot of its training.
    pub trained: Memo<Result<Arc<Trained>, String>>,
    /// How many times a one-call model has been fitted (shown with the timings).
    pub fits: RwSignal<u64>,
    /// The one-call model's parameters as last applied (at most once per frame).
    pub committed: RwSignal<Option<ModelParams>>,
    /// A restored version's fitted model: shown instead of refitting while the data,
    /// features and parameters are the ones it was restored with.
    pub restored: RwSignal<Option<Arc<RestoredFit>>>,
    /// The data's feature names (empty if it failed to load).
    pub feature_names: Memo<Vec<String>>,
    /// Fits on a big training part, in the worker pool.
    pub remote: RemoteFit,
}

/// A fitted model put back from a saved version, and what it is valid for.
#[derive(Debug)]
pub struct RestoredFit {
    pub data: Arc<Prepared>,
    pub features: Vec<usize>,
    pub params: ModelParams,
    pub model: FittedModel,
}

impl RestoredFit {
    /// The restored model, if it was fitted with exactly these data, features and
    /// parameters.
    fn model_for(
        &self,
        data: &Arc<Prepared>,
        features: &[usize],
        params: &ModelParams,
    ) -> Option<FittedModel> {
        (Arc::ptr_eq(&self.data, data) && self.features == features && &self.params == params)
            .then(|| self.model.clone())
    }
}

impl Studio {
    pub fn new() -> Self {
        let settings = Store::new(Settings::default());
        let data_state = DataState::new(settings);
        let data = Memo::new(move |_| {
            let spec = data_state.spec();
            let imported = if spec.choice == DatasetChoice::Imported {
                data_state.imported.get()
            } else {
                None
            };
            load_data(&spec, imported.as_deref())
                .map(Arc::new)
                .map_err(|e| {
                    if spec.choice == DatasetChoice::Drawn {
                        format!(
                        "Click on the plane to add points of at least two classes ({} so far): {e}",
                        spec.drawn.len()
                    )
                    } else {
                        format!("Could not load the data: {e}")
                    }
                })
        });
        let model: Field<ModelSettings> = settings.model().into();
        let plane = PlaneState::new(settings);
        let run = NnRun::new();
        let feature_names = Memo::new(move |_| {
            data.with(|d| {
                d.as_ref()
                    .map(|d| d.train.feature_names().to_vec())
                    .unwrap_or_default()
            })
        });
        let features = Memo::new(move |_| {
            let n = feature_names.with(|f| f.len()).max(2);
            let (mut x, mut y) = (plane.x_feature.get(), plane.y_feature.get());
            if x >= n || y >= n || x == y {
                (x, y) = (0, 1.min(n.saturating_sub(1)));
            }
            // A regressor sees the two shown features only.
            let shown_only = plane.shown_only.get() || data_state.is_regression();
            model_features(n, x, y, shown_only)
        });
        // Slider drags can fire several input events per frame: the model is refitted with
        // the latest parameters at most once per animation frame.
        let params = move || {
            let values = data_state.is_regression();
            model.with(|m| m.params(values))
        };
        let committed = RwSignal::new(untrack(params));
        let pending = StoredValue::new(false);
        Effect::new(move |_| {
            if params() == committed.get_untracked() || pending.get_value() {
                return;
            }
            pending.set_value(true);
            request_animation_frame(move || {
                pending.set_value(false);
                let _ = committed.try_set(untrack(params));
            });
        });
        let fits = RwSignal::new(0u64);
        let restored = RwSignal::new(None::<Arc<RestoredFit>>);
        let remote = RemoteFit::new();
        let trained = Memo::new(move |_| {
            let data = data.get()?;
            let features = features.get();
            // Refit when this frame's parameters are committed, with the latest ones
            // (the data's kind may have changed since).
            committed.track();
            let Some(spec) = untrack(params) else {
                // The network, or a classifier on values: either may be picked without
                // the (absent) parameters changing.
                let kind = model.kind().get();
                if kind != ModelKind::NeuralNetwork {
                    return Err(format!(
                        "{} classifies, and this dataset's target is a number: pick SVM (an \
                         epsilon-SVR here), k-NN, Decision tree or Neural network.",
                        kind.label()
                    ));
                }
                let snapshot = run
                    .snapshot
                    .get()
                    .ok_or_else(|| "The network is not built yet.".to_string())?;
                return score(&data, FittedModel::Mlp((*snapshot).clone()), &features, 0.0)
                    .map(|mut t| {
                        t.surface = run.surface.get_value();
                        Arc::new(t)
                    })
                    .map_err(|e| format!("Could not evaluate the network: {e}"));
            };
            let reuse = restored.with(|r| {
                r.as_ref()
                    .and_then(|r| r.model_for(&data, &features, &spec))
            });
            if let Some(model) = reuse {
                return score(&data, model, &features, 0.0)
                    .map(Arc::new)
                    .map_err(|e| format!("Could not evaluate the model: {e}"));
            }
            if RemoteFit::wanted(&data, &spec) {
                // The plane the surface will be drawn on.
                let plane_at = PlaneAt::shown(
                    data.train.is_regression(),
                    &features,
                    (plane.x_feature.get(), plane.y_feature.get()),
                    data_state.choice.get().fixed_extent(),
                );
                return remote
                    .get(&data, &features, &spec, plane_at)
                    .map_err(|e| format!("Could not train the model: {e}"));
            }
            fits.try_update_untracked(|n| *n += 1);
            fits.notify();
            train(&data, &spec, &features, now_ms)
                .map(Arc::new)
                .map_err(|e| format!("Could not train the model: {e}"))
        });
        let studio = Self {
            settings,
            data_state,
            data,
            model,
            plane,
            run,
            features,
            trained,
            fits,
            committed,
            restored,
            feature_names,
            remote,
        };
        studio.keep_plane_valid();
        studio.rebuild_network_when_needed();
        studio
    }

    /// The settings now, as a link carries them (untracked; no epoch to replay).
    pub fn link(&self) -> Link {
        untrack(|| self.track_link())
    }

    /// [`link`](Self::link), tracked: an effect reruns when any setting changes.
    pub fn track_link(&self) -> Link {
        let settings = self.settings.get();
        // Data read from an example file travels as the file's name and its recipe.
        let example = (settings.data.choice == DatasetChoice::Imported)
            .then(|| {
                self.data_state.imported.with(|i| {
                    let csv = i.as_ref().filter(|c| c.example)?;
                    Some(ExampleLink {
                        file: csv.file_name.clone(),
                        recipe: csv.recipe.clone()?,
                    })
                })
            })
            .flatten();
        Link {
            settings,
            epoch: 0,
            example,
        }
    }

    /// Starts the compute worker, unless the studio was taken down meanwhile: the page
    /// calls it once the first picture is drawn (its module is 269 KB the picture does
    /// not need).
    pub fn start_worker(&self) {
        if self.run.playing.try_get_untracked().is_some() {
            self.run.start_worker();
        }
    }

    /// Puts `settings` into the studio in one step, notifying only what changed. The
    /// network pauses; the user's drawing is replaced only by other drawn data.
    pub fn apply(&self, mut settings: Settings) {
        self.run.playing.set(false);
        if settings.data.choice != DatasetChoice::Drawn {
            settings.data.drawn = self.settings.data().drawn().get_untracked();
        }
        self.settings.patch(settings);
    }

    /// A new dataset may have fewer features: fall back to the first two.
    fn keep_plane_valid(&self) {
        let (names, plane) = (self.feature_names, self.plane);
        Effect::new(move |_| {
            let n = names.with(|f| f.len()).max(2);
            let (x, y) = (
                plane.x_feature.get_untracked(),
                plane.y_feature.get_untracked(),
            );
            if x >= n || y >= n {
                plane.x_feature.set(0);
                plane.y_feature.set(1.min(n.saturating_sub(1)));
            }
        });
    }

    /// The network restarts (same seed) when its data or architecture changes, and
    /// takes a new learning rate, regularization or batch size without restarting.
    fn rebuild_network_when_needed(&self) {
        let Self {
            data,
            features,
            model,
            run,
            data_state,
            ..
        } = *self;
        let network = model.network();
        Effect::new(move |_| {
            if model.kind().get() != ModelKind::NeuralNetwork {
                return;
            }
            let Ok(d) = data.get() else { return };
            let f = features.get();
            network.hidden().track();
            network.activation().track();
            network.inputs().track();
            let seed = data_state.seed.get_untracked();
            untrack(|| run.rebuild(d, f, &network.get(), seed));
        });
        Effect::new(move |_| {
            network.learning_rate().track();
            network.regularization().track();
            network.regularization_rate().track();
            network.batch_size().track();
            let seed = data_state.seed.get_untracked();
            untrack(|| run.update_params(&network.get(), seed));
        });
    }
}

impl Default for Studio {
    fn default() -> Self {
        Self::new()
    }
}
