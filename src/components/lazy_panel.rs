//! A panel whose code arrives the first time it opens.
//!
//! In the split build (`--features split`, scripts/build_app.py) each `split_point!`
//! below is cut out of the first module with everything only it reaches, and fetched
//! as a chunk of its own on its first call (`crate::chunk`): the first picture does not
//! wait for views used only after a click.

use leptos::prelude::*;

use crate::chunk::{arrival, ChunkError, Lazy};
use crate::split_point;

/// Makes a panel's view; a plain function pointer, so it crosses the chunk boundary as
/// an index into the module's function table.
pub type PanelView = fn(RwSignal<bool>) -> AnyView;

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
    Fut: std::future::Future<Output = Result<PanelView, ChunkError>> + 'static,
{
    let panel = Lazy::new();
    Effect::new(move |_| {
        if open.get() {
            panel.ask(load);
        }
    });
    move || {
        if open.get() || panel.loaded().is_some() {
            arrival(panel, load, what, |view| view(open))
        } else {
            ().into_any()
        }
    }
}

split_point! {
    /// The model comparison (scikit-learn's classifier comparison, live).
    pub fn model_grid() -> PanelView {
        fn panel(open: RwSignal<bool>) -> AnyView {
            view! { <crate::components::model_grid::ModelGrid open=open/> }.into_any()
        }
        panel as PanelView
    }
}

split_point! {
    /// The sweeps: validation heatmap, validation curve, learning curve.
    pub fn sweeps() -> PanelView {
        fn panel(open: RwSignal<bool>) -> AnyView {
            view! { <crate::components::sweeps_panel::Sweeps open=open/> }.into_any()
        }
        panel as PanelView
    }
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

split_point! {
    pub fn versions() -> VersionViews {
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
}

split_point! {
    /// The network's views in the studio: its neurons, the loss curve and their downloads.
    pub fn network_panel() -> PanelView {
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
}

split_point! {
    /// The network's neurons alone (an embed's panel).
    pub fn network_view() -> PanelView {
        fn panel(_: RwSignal<bool>) -> AnyView {
            network_view_here()
        }
        panel as PanelView
    }
}

split_point! {
    /// The loss curve alone (an embed's panel).
    pub fn loss_chart() -> PanelView {
        fn panel(_: RwSignal<bool>) -> AnyView {
            loss_chart_here()
        }
        panel as PanelView
    }
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

split_point! {
    /// The import preview (dialect, columns, recipe, report): only after a file is chosen.
    pub fn import_preview() -> PreviewView {
        fn preview(
            draft: RwSignal<Option<crate::import_draft::ImportDraft>>,
            reader: crate::import_read::ImportReader,
            on_use: Callback<crate::imported::ImportedCsv>,
        ) -> AnyView {
            view! { <crate::components::import_preview::ImportPreview draft reader on_use/> }.into_any()
        }
        preview as PreviewView
    }
}
