//! The studio page: state, the data and fitted model derived from it, and the panels.

use std::sync::Arc;

use hyperplane_core::preprocess::Prepared;
use leptos::prelude::*;

use crate::components::compare_view::CompareView;
use crate::components::downloads::{PngButton, SurfaceDownloads};
use crate::components::regression_metrics::RegressionMetrics;
use crate::components::regression_surface::RegressionSurface;
use crate::components::share_link::ShareLink;
use crate::components::version_list::VersionList;
use crate::components::{
    data_controls::DataControls, decision_surface::DecisionSurface, lessons::Lessons,
    loss_chart::LossChart, metrics_panel::MetricsPanel, model_picker::ModelPicker,
    network_view::NetworkView, objective_box::ObjectiveBox, plane_controls::PlaneControls,
};
use crate::embed::{EmbedConfig, Panel};
use crate::nn_run::NnRun;
use crate::registry::Registry;
use crate::regression::{load_regression, score_regression, train_regression, RegTrained};
use crate::state::{DataState, ModelKind, ModelState, PlaneState};
use crate::training::{load_data, model_features, score, train, Trained};
use hyperplane_core::model::{FittedModel, ModelParams};

/// Everything the panels share, provided by context.
#[derive(Clone, Copy)]
pub struct Studio {
    pub data_state: DataState,
    pub data: Memo<Result<Arc<Prepared>, String>>,
    pub model: ModelState,
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
    /// Regression datasets: the data and the fitted SVR (`None` for classification).
    pub regression: Memo<Option<Result<Arc<Prepared>, String>>>,
    /// The data's feature names, classification or regression (empty if it failed).
    pub feature_names: Memo<Vec<String>>,
    pub reg_trained: Memo<Option<Result<Arc<RegTrained>, String>>>,
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

/// Milliseconds from the browser's monotonic clock (0 where there is none).
pub fn now_ms() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map(|p| p.now())
        .unwrap_or(0.0)
}

impl Studio {
    pub fn new() -> Self {
        let data_state = DataState::new();
        let data = Memo::new(move |_| {
            if data_state.is_regression() {
                return Err("The target is a number: this data is for regressors.".to_string());
            }
            let spec = data_state.spec();
            let drawn = if spec.choice == crate::training::DatasetChoice::Drawn {
                data_state.drawn.get()
            } else {
                Vec::new()
            };
            let imported = if spec.choice == crate::training::DatasetChoice::Imported {
                data_state.imported.get()
            } else {
                None
            };
            load_data(&spec, &drawn, imported.as_deref())
                .map(Arc::new)
                .map_err(|e| {
                    if spec.choice == crate::training::DatasetChoice::Drawn {
                        format!(
                        "Click on the plane to add points of at least two classes ({} so far): {e}",
                        drawn.len()
                    )
                    } else {
                        format!("Could not load the data: {e}")
                    }
                })
        });
        let model = ModelState::new();
        let plane = PlaneState::new();
        let run = NnRun::new();
        let regression = Memo::new(move |_| {
            data_state.is_regression().then(|| {
                let spec = data_state.spec();
                let imported = data_state.imported.get();
                load_regression(&spec, imported.as_deref())
                    .map(Arc::new)
                    .map_err(|e| format!("Could not load the data: {e}"))
            })
        });
        let feature_names = Memo::new(move |_| match regression.get() {
            Some(r) => r
                .map(|d| d.train.feature_names().to_vec())
                .unwrap_or_default(),
            None => data.with(|d| {
                d.as_ref()
                    .map(|d| d.train.feature_names().to_vec())
                    .unwrap_or_default()
            }),
        });
        let features = Memo::new(move |_| {
            let n = feature_names.with(|f| f.len()).max(2);
            let (mut x, mut y) = (plane.x_feature.get(), plane.y_feature.get());
            if x >= n || y >= n || x == y {
                (x, y) = (0, 1.min(n.saturating_sub(1)));
            }
            // A regressor sees the two shown features only.
            let shown_only = plane.shown_only.get() || regression.with(|r| r.is_some());
            model_features(n, x, y, shown_only)
        });
        // Slider drags can fire several input events per frame: the model is refitted with
        // the latest parameters at most once per animation frame.
        let params = move || model.params(data_state.is_regression());
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
        let trained = Memo::new(move |_| {
            let data = data.get()?;
            let features = features.get();
            // Refit when this frame's parameters are committed, with the latest ones
            // (the data's kind may have changed since).
            committed.track();
            match untrack(params) {
                Some(spec) => {
                    let reuse = restored.with(|r| {
                        r.as_ref()
                            .and_then(|r| r.model_for(&data, &features, &spec))
                    });
                    if let Some(model) = reuse {
                        return score(&data, model, &features, 0.0)
                            .map(Arc::new)
                            .map_err(|e| format!("Could not evaluate the model: {e}"));
                    }
                    fits.try_update_untracked(|n| *n += 1);
                    fits.notify();
                    train(&data, &spec, &features, now_ms)
                        .map(Arc::new)
                        .map_err(|e| format!("Could not train the model: {e}"))
                }
                None => {
                    let snapshot = run
                        .snapshot
                        .get()
                        .ok_or_else(|| "The network is not built yet.".to_string())?;
                    score(&data, FittedModel::Mlp((*snapshot).clone()), &features, 0.0)
                        .map(Arc::new)
                        .map_err(|e| format!("Could not evaluate the network: {e}"))
                }
            }
        });
        let reg_trained = Memo::new(move |_| {
            let data = regression.get()?;
            Some(data.and_then(|data| {
                if model.kind.get() == ModelKind::NeuralNetwork {
                    let snapshot = run
                        .snapshot
                        .get()
                        .ok_or_else(|| "The network is not built yet.".to_string())?;
                    let f = features.get();
                    return score_regression(&data, FittedModel::Mlp((*snapshot).clone()), &f, 0.0)
                        .map(Arc::new)
                        .map_err(|e| format!("Could not evaluate the network: {e}"));
                }
                // Refit with the parameters committed for this frame (coalesced as for
                // the classifiers).
                committed.track();
                let Some(spec) = untrack(params) else {
                    return Err(format!(
                        "{} classifies, and this dataset's target is a number: pick SVM (an \
                         epsilon-SVR here), k-NN, Decision tree or Neural network.",
                        model.kind.get().label()
                    ));
                };
                let f = features.get();
                let reuse =
                    restored.with(|r| r.as_ref().and_then(|r| r.model_for(&data, &f, &spec)));
                if let Some(model) = reuse {
                    return score_regression(&data, model, &f, 0.0)
                        .map(Arc::new)
                        .map_err(|e| format!("Could not evaluate the model: {e}"));
                }
                fits.try_update_untracked(|n| *n += 1);
                fits.notify();
                train_regression(&data, &spec, &f, now_ms)
                    .map(Arc::new)
                    .map_err(|e| format!("Could not train the model: {e}"))
            }))
        });
        let studio = Self {
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
            regression,
            feature_names,
            reg_trained,
        };
        studio.keep_plane_valid();
        studio.rebuild_network_when_needed();
        studio
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
            regression,
            ..
        } = *self;
        Effect::new(move |_| {
            if model.kind.get() != ModelKind::NeuralNetwork {
                return;
            }
            let d = match regression.get() {
                Some(Ok(r)) => r,
                Some(Err(_)) => return,
                None => match data.get() {
                    Ok(d) => d,
                    Err(_) => return,
                },
            };
            let f = features.get();
            model.hidden.track();
            model.activation.track();
            model.nn_inputs.track();
            let seed = data_state.seed.get_untracked();
            untrack(|| run.rebuild(d, f, &model, seed));
        });
        Effect::new(move |_| {
            model.learning_rate.track();
            model.regularization.track();
            model.regularization_rate.track();
            model.batch_size.track();
            let seed = data_state.seed.get_untracked();
            untrack(|| run.update_params(&model, seed));
        });
    }
}

impl Default for Studio {
    fn default() -> Self {
        Self::new()
    }
}

#[component]
pub fn App() -> impl IntoView {
    let studio = Studio::new();
    provide_context(studio);
    let link_notice = RwSignal::new(None::<String>);
    let query = web_sys::window()
        .and_then(|w| w.location().search().ok())
        .unwrap_or_default();
    match EmbedConfig::parse(&query) {
        Ok(Some(embed)) => return embedded(studio, embed, link_notice).into_any(),
        Ok(None) => {}
        Err(e) => {
            let fallback = EmbedConfig {
                panels: vec![Panel::Surface],
                controls: Vec::new(),
            };
            let view = embedded(studio, fallback, link_notice);
            link_notice.set(Some(format!(
                "This embed could not be set up as asked ({e}): showing the surface only."
            )));
            return view.into_any();
        }
    }
    let registry = Registry::new();
    provide_context(registry);
    registry.load();
    crate::url_sync::sync_with_url(studio, link_notice, true);
    let is_network = move || studio.model.kind.get() == ModelKind::NeuralNetwork;
    let is_regression = move || studio.data_state.is_regression();
    view! {
        <header class="masthead">
            <h1>"Hyperplane"</h1>
            <p class="tagline">
                "Pick a dataset and a model, move a slider, and watch the model retrain and redraw at once. "
                "Everything runs in your browser."
            </p>
            <ShareLink/>
            <Lessons/>
        </header>
        {move || link_notice.get().map(|n| view! { <p role="alert" class="error link-notice">{n}</p> })}
        <main class="studio">
            <section class="panel controls" aria-labelledby="data-title">
                <h2 id="data-title">"Data"</h2>
                <DataControls/>
                <h2 id="controls-title">"Model"</h2>
                <ModelPicker/>
                // The generated regression sets have exactly the two shown features.
                <Show when=move || !is_regression() || studio.feature_names.with(|f| f.len() > 2)>
                    <h2>"Plane"</h2>
                    <PlaneControls/>
                </Show>
            </section>
            <section class="panel output" aria-labelledby="output-title">
                <h2 id="output-title" class="visually-hidden">"Decision boundary"</h2>
                <Show
                    when=is_regression
                    fallback=|| view! { <DecisionSurface/> <SurfaceDownloads/> }
                >
                    <RegressionSurface/>
                    <SurfaceDownloads/>
                </Show>
                <Show when=is_network>
                    <NetworkView/>
                    <LossChart/>
                    <div class="downloads">
                        <span class="hint">"Download:"</span>
                        <PngButton canvas="Network" text="Network (PNG)"/>
                        <PngButton canvas="Loss curve" text="Loss curve (PNG)"/>
                    </div>
                </Show>
            </section>
            <section class="panel metrics" aria-labelledby="metrics-title">
                <h2 id="metrics-title">"Scores"</h2>
                <Show when=is_regression fallback=|| view! { <MetricsPanel/> }>
                    <RegressionMetrics/>
                </Show>
                <ObjectiveBox/>
                <h2 id="versions-title">"Versions"</h2>
                <VersionList/>
            </section>
        </main>
        <CompareView/>
        <footer class="colophon">
            "Models as in scikit-learn (SVM by SMO with one-vs-one, logistic regression, k-NN, CART) "
            "and a neural network as in TensorFlow Playground; data split with a seed and standardized "
            "with training statistics. Runs entirely in this page: nothing is sent anywhere."
        </footer>
    }
    .into_any()
}

/// Only the chosen panels and controls, filling the frame: for documentation pages.
/// The settings come from the link's fragment; the URL is left alone (an iframe must
/// not add entries to its page's history) and no versions are loaded.
fn embedded(studio: Studio, embed: EmbedConfig, notice: RwSignal<Option<String>>) -> impl IntoView {
    crate::url_sync::sync_with_url(studio, notice, false);
    let is_network = move || studio.model.kind.get() == ModelKind::NeuralNetwork;
    let is_regression = move || studio.data_state.is_regression();
    let controls = (!embed.controls.is_empty()).then(|| {
        let css = embed.controls_css();
        view! {
            <style>{css}</style>
            <section class="embed-controls" aria-label="Controls">
                <DataControls/>
                <ModelPicker/>
                <PlaneControls/>
            </section>
        }
    });
    let full = move || {
        let fragment = crate::url_state::SharedState::track(&studio).to_fragment();
        format!("./#{fragment}")
    };
    let show = move |p: Panel| embed.shows(p);
    view! {
        <main class="embed">
            {move || notice.get().map(|n| view! { <p role="alert" class="error">{n}</p> })}
            {controls}
            {show(Panel::Surface).then(|| view! {
                <div class="embed-panel">
                    <Show when=is_regression fallback=|| view! { <DecisionSurface/> }><RegressionSurface/></Show>
                </div>
            })}
            {show(Panel::Network).then(|| view! { <Show when=is_network><div class="embed-panel"><NetworkView/></div></Show> })}
            {show(Panel::Loss).then(|| view! { <Show when=is_network><div class="embed-panel"><LossChart/></div></Show> })}
            {show(Panel::Metrics).then(|| view! {
                <div class="embed-panel">
                    <Show when=is_regression fallback=|| view! { <MetricsPanel/> }><RegressionMetrics/></Show>
                </div>
            })}
            {show(Panel::Objective).then(|| view! { <div class="embed-panel"><ObjectiveBox/></div> })}
            <a class="embed-credit" href=full target="_blank" rel="noopener">"Open in Hyperplane"</a>
        </main>
    }
}
