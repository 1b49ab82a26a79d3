//! Downloads of what the studio shows: the data with the model's predictions as CSV,
//! and any canvas as a PNG picture.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::data::load_dataset;
use crate::download::{download_canvas, download_text};
use crate::export_csv::predictions_csv;
use crate::studio::Studio;

/// A file-name-safe form of a label.
fn slug(s: &str) -> String {
    s.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect::<String>()
        .trim_matches('-')
        .to_string()
}

/// A button that saves the canvas named `canvas` (its accessible name) as a PNG file.
#[component]
pub fn PngButton(
    #[prop(into)] canvas: String,
    /// The button's text (default "PNG").
    #[prop(optional)]
    text: Option<&'static str>,
) -> impl IntoView {
    let error = RwSignal::new(None::<String>);
    let label = format!("Download the {} as PNG", canvas.to_lowercase());
    let save = move |_| {
        let selector = format!("canvas[aria-label=\"{canvas}\"]");
        let found = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.query_selector(&selector).ok().flatten())
            .and_then(|e| e.dyn_into::<web_sys::HtmlCanvasElement>().ok());
        let result = match found {
            Some(c) => download_canvas(&c, &format!("hyperplane-{}.png", slug(&canvas))),
            None => Err("the picture is not on the page".into()),
        };
        error.set(result.err());
    };
    view! {
        <button type="button" class="small" aria-label=label on:click=save>
            {text.unwrap_or("PNG")}
        </button>
        {move || error.get().map(|e| view! { <span role="alert" class="error">{e}</span> })}
    }
}

/// `Download data (CSV)` and the surface as PNG.
#[component]
pub fn SurfaceDownloads() -> impl IntoView {
    let studio = expect_context::<Studio>();
    let error = RwSignal::new(None::<String>);
    let save_csv = move |_| {
        let result = (|| -> Result<(), String> {
            let d = studio.data_state;
            let spec = untrack(|| d.spec());
            let imported = d.imported.get_untracked();
            let raw = load_dataset(&spec, imported.as_deref()).map_err(|e| e.to_string())?;
            let data = studio.data.get_untracked()?;
            let trained = studio.trained.get_untracked()?;
            let csv = predictions_csv(&raw, &data, &trained.model, &trained.features)
                .map_err(|e| e.to_string())?;
            download_text(
                &format!("hyperplane-{}-predictions.csv", spec.choice.key()),
                "text/csv",
                &csv,
            )
        })();
        error.set(result.err().map(|e| format!("No CSV: {e}")));
    };
    view! {
        <div class="downloads">
            <span class="hint">"Download:"</span>
            <button type="button" class="small" on:click=save_csv>"Data and predictions (CSV)"</button>
            <PngButton canvas="Decision boundary"/>
            {move || error.get().map(|e| view! { <span role="alert" class="error">{e}</span> })}
        </div>
    }
}
