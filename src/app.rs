//! The studio page: state, the fitted model derived from it, and the panels.

use std::sync::Arc;

use hyperplane_core::preprocess::Prepared;
use leptos::prelude::*;

use crate::components::{
    decision_surface::DecisionSurface, metrics_panel::MetricsPanel, model_controls::ModelControls,
    plane_controls::PlaneControls,
};
use crate::state::{ModelState, PlaneState};
use crate::training::{default_data, model_features, train, Trained};

/// Everything the panels share, provided by context.
#[derive(Clone, Copy)]
pub struct Studio {
    pub data: Memo<Result<Arc<Prepared>, String>>,
    pub model: ModelState,
    pub plane: PlaneState,
    /// The fitted model; refits whenever a parameter or the plane's features change.
    pub trained: Memo<Result<Arc<Trained>, String>>,
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
        let data = Memo::new(|_| {
            default_data()
                .map(Arc::new)
                .map_err(|e| format!("Could not load the iris data: {e}"))
        });
        let model = ModelState::new();
        let plane = PlaneState::new();
        let trained = Memo::new(move |_| {
            let data = data.get()?;
            let params = model.params();
            let features = model_features(
                data.train.n_features(),
                plane.x_feature.get(),
                plane.y_feature.get(),
                plane.shown_only.get(),
            );
            train(&data, &params, &features, now_ms)
                .map(Arc::new)
                .map_err(|e| format!("Could not train the model: {e}"))
        });
        Self {
            data,
            model,
            plane,
            trained,
        }
    }
}

impl Default for Studio {
    fn default() -> Self {
        Self::new()
    }
}

#[component]
pub fn App() -> impl IntoView {
    provide_context(Studio::new());
    view! {
        <header class="masthead">
            <h1>"Hyperplane"</h1>
            <p class="tagline">
                "A support vector machine on Fisher's iris data, trained live in your browser. "
                "Move a slider and the model retrains and redraws at once."
            </p>
        </header>
        <main class="studio">
            <section class="panel controls" aria-labelledby="controls-title">
                <h2 id="controls-title">"Model"</h2>
                <ModelControls/>
                <h2>"Plane"</h2>
                <PlaneControls/>
            </section>
            <section class="panel output" aria-labelledby="output-title">
                <h2 id="output-title" class="visually-hidden">"Decision boundary"</h2>
                <DecisionSurface/>
            </section>
            <section class="panel metrics" aria-labelledby="metrics-title">
                <h2 id="metrics-title">"Scores"</h2>
                <MetricsPanel/>
            </section>
        </main>
        <footer class="colophon">
            "SVC as in LIBSVM and scikit-learn (SMO, one-vs-one); data split 80/20 with seed 42, "
            "standardized with training statistics. Runs entirely in this page: nothing is sent anywhere."
        </footer>
    }
}
