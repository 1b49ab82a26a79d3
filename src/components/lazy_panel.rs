//! A panel whose code arrives the first time it opens.
//!
//! In the split build (`--features split`, scripts/build_app.py) each `#[lazy]` function
//! below is cut out of the first module with everything only it reaches, and fetched
//! as a chunk of its own on its first call: the first picture does not wait for views
//! used only after a click. Without the feature they are plain async functions, so
//! tests and `cargo check` build one module as before.

use leptos::prelude::*;

/// Makes a panel's view; a plain function pointer, so it crosses the chunk boundary as
/// an index into the module's function table.
pub type PanelView = fn(RwSignal<bool>) -> AnyView;

/// Code behind a split point (a `fn` from a `#[lazy]` function), fetched the first time
/// it is asked for and kept.
pub struct Lazy<T: Send + Sync + 'static> {
    loaded: RwSignal<Option<T>>,
    asked: StoredValue<bool>,
}

impl<T: Send + Sync + 'static> Clone for Lazy<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T: Send + Sync + 'static> Copy for Lazy<T> {}

impl<T: Copy + Send + Sync + 'static> Lazy<T> {
    pub fn new() -> Self {
        Self {
            loaded: RwSignal::new(None),
            asked: StoredValue::new(false),
        }
    }

    /// The code, once it has arrived (tracked).
    pub fn loaded(&self) -> Option<T> {
        self.loaded.get()
    }

    /// Whether it has not arrived yet (tracked).
    pub fn missing(&self) -> bool {
        self.loaded.with(Option::is_none)
    }

    /// Fetches it with `load`, the first time only.
    pub fn ask<Fut: std::future::Future<Output = T> + 'static>(&self, load: fn() -> Fut) {
        if !self.asked.get_value() {
            self.asked.set_value(true);
            let loaded = self.loaded;
            leptos::task::spawn_local(async move { loaded.set(Some(load().await)) });
        }
    }
}

impl<T: Copy + Send + Sync + 'static> Default for Lazy<T> {
    fn default() -> Self {
        Self::new()
    }
}

/// Says where a panel will be that its code is on its way.
pub fn loading(what: &'static str) -> AnyView {
    view! { <p class="hint lazy-loading" role="status">"Loading "{what}"…"</p> }.into_any()
}

/// Shows the panel made by `load` once `open` first turns true; until its code has
/// arrived, says so where the panel will be.
#[component]
pub fn LazyPanel<Fut>(
    open: RwSignal<bool>,
    load: fn() -> Fut,
    /// What is loading, for the status line ("the model comparison").
    what: &'static str,
) -> impl IntoView
where
    Fut: std::future::Future<Output = PanelView> + 'static,
{
    let panel = Lazy::new();
    Effect::new(move |_| {
        if open.get() {
            panel.ask(load);
        }
    });
    move || match panel.loaded() {
        Some(view) => view(open),
        None if open.get() => loading(what),
        None => ().into_any(),
    }
}

/// The model comparison (scikit-learn's classifier comparison, live).
#[cfg_attr(feature = "split", leptos::lazy)]
pub async fn model_grid() -> PanelView {
    fn panel(open: RwSignal<bool>) -> AnyView {
        view! { <crate::components::model_grid::ModelGrid open=open/> }.into_any()
    }
    panel as PanelView
}

/// The sweeps: validation heatmap, validation curve, learning curve.
#[cfg_attr(feature = "split", leptos::lazy)]
pub async fn sweeps() -> PanelView {
    fn panel(open: RwSignal<bool>) -> AnyView {
        view! { <crate::components::sweeps_panel::Sweeps open=open/> }.into_any()
    }
    panel as PanelView
}

/// The versions' views and their start (reading this browser's stored versions): with
/// them go the stored versions' JSON, their checks and the comparison's views.
#[derive(Clone, Copy)]
pub struct VersionViews {
    pub start: fn(crate::registry::Registry),
    /// The list, with Save, Compare, Export and Import.
    pub list: fn() -> AnyView,
    /// The comparison of the versions ticked for it (empty while none are).
    pub compare: fn() -> AnyView,
}

#[cfg_attr(feature = "split", leptos::lazy)]
pub async fn versions() -> VersionViews {
    fn list() -> AnyView {
        view! { <crate::components::version_list::VersionList/> }.into_any()
    }
    fn compare() -> AnyView {
        view! { <crate::components::compare_view::CompareView/> }.into_any()
    }
    VersionViews {
        start: crate::registry::Registry::start,
        list,
        compare,
    }
}

/// The network's views in the studio: its neurons, the loss curve and their downloads.
#[cfg_attr(feature = "split", leptos::lazy)]
pub async fn network_panel() -> PanelView {
    fn panel(_: RwSignal<bool>) -> AnyView {
        use crate::components::downloads::PngButton;
        view! {
            {network_view_here()}
            {loss_chart_here()}
            <div class="downloads">
                <span class="hint">"Download:"</span>
                <PngButton canvas="Network" text="Network (PNG)"/>
                <PngButton canvas="Loss curve" text="Loss curve (PNG)"/>
            </div>
        }
        .into_any()
    }
    panel as PanelView
}

/// The network's neurons alone (an embed's panel).
#[cfg_attr(feature = "split", leptos::lazy)]
pub async fn network_view() -> PanelView {
    fn panel(_: RwSignal<bool>) -> AnyView {
        network_view_here()
    }
    panel as PanelView
}

/// The loss curve alone (an embed's panel).
#[cfg_attr(feature = "split", leptos::lazy)]
pub async fn loss_chart() -> PanelView {
    fn panel(_: RwSignal<bool>) -> AnyView {
        loss_chart_here()
    }
    panel as PanelView
}

fn network_view_here() -> AnyView {
    view! { <crate::components::network_view::NetworkView/> }.into_any()
}

fn loss_chart_here() -> AnyView {
    let studio = expect_context::<crate::studio::Studio>();
    let classes = classes(studio);
    view! { <crate::components::loss_chart::LossChart history=studio.run.history classes=classes busy=studio.run.playing/> }
        .into_any()
}

/// The data's classes (0 for values), for what guessing would score.
fn classes(studio: crate::studio::Studio) -> Signal<usize> {
    Signal::derive(move || {
        studio.data.with(|d| {
            d.as_ref()
                .ok()
                .filter(|d| !d.train.is_regression())
                .map_or(0, |d| d.train.n_classes())
        })
    })
}

/// Makes the import preview for a draft, its reader and what "Use this data" does.
pub type PreviewView = fn(
    RwSignal<Option<crate::import_draft::ImportDraft>>,
    crate::import_read::ImportReader,
    Callback<crate::imported::ImportedCsv>,
) -> AnyView;

/// The import preview (dialect, columns, recipe, report): only after a file is chosen.
#[cfg_attr(feature = "split", leptos::lazy)]
pub async fn import_preview() -> PreviewView {
    fn preview(
        draft: RwSignal<Option<crate::import_draft::ImportDraft>>,
        reader: crate::import_read::ImportReader,
        on_use: Callback<crate::imported::ImportedCsv>,
    ) -> AnyView {
        view! { <crate::components::import_preview::ImportPreview draft reader on_use/> }.into_any()
    }
    preview as PreviewView
}
