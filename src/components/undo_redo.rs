//! `Undo` and `Redo` (also Ctrl+Z and Ctrl+Shift+Z or Ctrl+Y): the browser's Back and
//! Forward over the studio's own history entries, one per settled change of data or
//! settings. Typing fields keep their own undo.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::history::UndoHistory;

/// Whether a key press belongs to a text field (which undoes its own typing).
fn in_text_field(ev: &web_sys::KeyboardEvent) -> bool {
    let Some(el) = ev
        .target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
    else {
        return false;
    };
    match el.tag_name().as_str() {
        "TEXTAREA" => true,
        "INPUT" => !matches!(
            el.get_attribute("type").as_deref(),
            Some("range" | "checkbox" | "radio" | "button" | "file")
        ),
        _ => el.has_attribute("contenteditable"),
    }
}

#[component]
pub fn UndoRedo() -> impl IntoView {
    let Some(history) = use_context::<UndoHistory>() else {
        return ().into_any();
    };
    let handle = window_event_listener(leptos::ev::keydown, move |ev| {
        if !(ev.ctrl_key() || ev.meta_key()) || ev.alt_key() || in_text_field(&ev) {
            return;
        }
        match (ev.key().to_lowercase().as_str(), ev.shift_key()) {
            ("z", false) => history.undo(),
            ("z", true) | ("y", false) => history.redo(),
            _ => return,
        }
        ev.prevent_default();
    });
    on_cleanup(move || handle.remove());
    view! {
        <div class="undo-redo" role="group" aria-label="History">
            <button
                type="button"
                aria-keyshortcuts="Control+Z"
                title="Undo (Ctrl+Z)"
                disabled=move || !history.can_undo()
                on:click=move |_| history.undo()
            >
                "Undo"
            </button>
            <button
                type="button"
                aria-keyshortcuts="Control+Shift+Z Control+Y"
                title="Redo (Ctrl+Shift+Z)"
                disabled=move || !history.can_redo()
                on:click=move |_| history.redo()
            >
                "Redo"
            </button>
        </div>
    }
    .into_any()
}
