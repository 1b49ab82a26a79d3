//! The studio page: the panels, or an embed's chosen ones.

use leptos::prelude::*;

use crate::chunk::{arrival, Lazy};
use crate::components::downloads::SurfaceDownloads;
use crate::components::lazy_panel::{self, LazyPanel};
use crate::components::panel_toggle::PanelToggle;
use crate::components::share_link::ShareLink;
use crate::components::undo_redo::UndoRedo;
use crate::components::{
    data_controls::DataControls,
    lessons::Lessons,
    model_picker::{prefetch_controls, ModelPicker},
    objective_box::ObjectiveBox,
    plane_controls::PlaneControls,
    scores_panel::ScoresPanel,
    surface::Surface,
};
use crate::embed::{EmbedConfig, Panel};
use crate::models::{ModelKind, ModelSettingsStoreFields};
use crate::registry::Registry;
use crate::studio::Studio;

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
    // What the first picture did not need arrives after it, in the order a visitor
    // needs it: the other models' controls (picking a model is the commonest first
    // action; on a slow link it would otherwise queue behind the rest), then the compute
    // worker (the page's own module, sent compiled; its code is a chunk) and the versions'
    // chunk.
    let versions = Lazy::<lazy_panel::VersionViews>::new();
    crate::clock::after_next_frame(move || {
        leptos::task::spawn_local(async move {
            prefetch_controls().await;
            studio.start_worker();
            versions.ask(lazy_panel::versions);
        })
    });
    // The stored versions are read once their code has arrived.
    Effect::new(move |started: Option<bool>| {
        if started == Some(true) {
            return true;
        }
        versions.loaded().map(|v| (v.start)(registry)).is_some()
    });
    crate::url_sync::sync_with_url(studio, link_notice, true);
    let is_network = move || studio.model.kind().get() == ModelKind::NeuralNetwork;
    let is_regression = move || studio.data_state.is_regression();
    let comparing_models = RwSignal::new(false);
    let sweeping = RwSignal::new(false);
    view! {
        <header class="masthead">
            <h1>"Hyperplane"</h1>
            <p class="tagline">
                "Pick a dataset and a model, move a slider, and watch the model retrain and redraw at once. "
                "Everything runs in your browser."
            </p>
            <div class="header-actions">
                <ShareLink/>
                <UndoRedo/>
            </div>
            <Lessons/>
        </header>
        {move || link_notice.get().map(|n| view! { <p role="alert" class="error link-notice">{n}</p> })}
        <main class="studio">
            <section class="panel controls" aria-labelledby="data-title">
                <h2 id="data-title">"Data"</h2>
                <DataControls/>
                <h2 id="controls-title">"Model"</h2>
                <ModelPicker/>
                <PanelToggle open=comparing_models label="Compare models"/>
                <PanelToggle open=sweeping label="Sweeps"/>
                // The generated regression sets have exactly the two shown features.
                <Show when=move || !is_regression() || studio.feature_names.with(|f| f.len() > 2)>
                    <h2>"Plane"</h2>
                    <PlaneControls/>
                </Show>
            </section>
            <section class="panel output" aria-labelledby="output-title">
                <h2 id="output-title" class="visually-hidden">"Decision boundary"</h2>
                <Surface/>
                <SurfaceDownloads/>
                <Show when=is_network>
                    <LazyPanel open=RwSignal::new(true) load=lazy_panel::network_panel what="the network's views"/>
                </Show>
            </section>
            <section class="panel metrics" aria-labelledby="metrics-title">
                <h2 id="metrics-title">"Scores"</h2>
                {scores(studio)}
                {objective(studio)}
                <h2 id="versions-title">"Versions"</h2>
                {move || arrival(versions, lazy_panel::versions, "the versions", |v| (v.list)())}
            </section>
        </main>
        {move || versions.loaded().map(|v| (v.compare)())}
        <LazyPanel open=comparing_models load=lazy_panel::model_grid what="the model comparison"/>
        <LazyPanel open=sweeping load=lazy_panel::sweeps what="the sweeps"/>
        <footer class="colophon">
            "Models as in scikit-learn (SVM by SMO with one-vs-one, logistic regression, k-NN, CART) "
            "and a neural network as in TensorFlow Playground; data split with a seed and standardized "
            "with training statistics. Runs entirely in this page: nothing is sent anywhere."
        </footer>
    }
    .into_any()
}

/// What the chosen model minimizes, fed from the studio's settings.
fn objective(studio: Studio) -> impl IntoView {
    let formula = Signal::derive(move || {
        let values = studio.data_state.is_regression();
        studio.model.with(|m| m.objective(values))
    });
    view! { <ObjectiveBox formula=formula/> }
}

/// The scores panel, fed from the studio.
fn scores(studio: Studio) -> impl IntoView {
    let values = Signal::derive(move || studio.data_state.is_regression());
    view! { <ScoresPanel trained=studio.trained data=studio.data values=values/> }
}

/// Adds a style sheet to the document through the CSSOM: the content policy allows no
/// inline <style> element.
fn adopt_style_sheet(css: &str) {
    let (Some(document), Ok(sheet)) = (document_opt(), web_sys::CssStyleSheet::new()) else {
        return;
    };
    if sheet.replace_sync(css).is_ok() {
        let sheets = document.adopted_style_sheets();
        sheets.push(&sheet);
        document.set_adopted_style_sheets(&sheets);
    }
}

fn document_opt() -> Option<web_sys::Document> {
    web_sys::window()?.document()
}

/// Only the chosen panels and controls, filling the frame: for documentation pages.
/// The settings come from the link's fragment; the URL is left alone (an iframe must
/// not add entries to its page's history) and no versions are loaded.
fn embedded(studio: Studio, embed: EmbedConfig, notice: RwSignal<Option<String>>) -> impl IntoView {
    crate::url_sync::sync_with_url(studio, notice, false);
    crate::clock::after_next_frame(move || studio.start_worker());
    let is_network = move || studio.model.kind().get() == ModelKind::NeuralNetwork;
    let controls = (!embed.controls.is_empty()).then(|| {
        adopt_style_sheet(&embed.controls_css());
        view! {
            <section class="embed-controls" aria-label="Controls">
                <DataControls/>
                <ModelPicker/>
                <PlaneControls/>
            </section>
        }
    });
    let full = move || {
        let fragment = studio.track_link().to_fragment();
        format!("./#{fragment}")
    };
    let show = move |p: Panel| embed.shows(p);
    view! {
        <main class="embed">
            {move || notice.get().map(|n| view! { <p role="alert" class="error">{n}</p> })}
            {controls}
            {show(Panel::Surface).then(|| view! {
                <div class="embed-panel">
                    <Surface/>
                </div>
            })}
            {show(Panel::Network).then(|| view! {
                <Show when=is_network><div class="embed-panel"><LazyPanel open=RwSignal::new(true) load=lazy_panel::network_view what="the network"/></div></Show>
            })}
            {show(Panel::Loss).then(|| view! {
                <Show when=is_network><div class="embed-panel"><LazyPanel open=RwSignal::new(true) load=lazy_panel::loss_chart what="the loss curve"/></div></Show>
            })}
            {show(Panel::Metrics).then(|| view! { <div class="embed-panel">{scores(studio)}</div> })}
            {show(Panel::Objective).then(|| view! { <div class="embed-panel">{objective(studio)}</div> })}
            <a class="embed-credit" href=full target="_blank" rel="noopener">"Open in Hyperplane"</a>
        </main>
    }
}
