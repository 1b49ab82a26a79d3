//! Keeps the page URL's fragment in step with the studio: a link opens with its
//! settings, each settled change becomes a history entry (so back and forward walk
//! through earlier states), and a link that cannot be read leaves the defaults with a
//! notice saying why.

use std::time::Duration;

use leptos::prelude::*;

use crate::app::Studio;
use crate::url_state::SharedState;

/// How long settings must stay unchanged before they become a history entry (a slider
/// drag is one entry, not fifty).
const SETTLE: Duration = Duration::from_millis(400);

fn current_fragment() -> String {
    web_sys::window()
        .and_then(|w| w.location().hash().ok())
        .map(|h| h.trim_start_matches('#').to_string())
        .unwrap_or_default()
}

/// Replaces (or pushes) the fragment without reloading.
pub fn set_fragment(fragment: &str, push: bool) {
    let Some(w) = web_sys::window() else { return };
    let Ok(history) = w.history() else { return };
    let url = format!("#{fragment}");
    let _ = if push {
        history.push_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url))
    } else {
        history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url))
    };
}

fn apply_fragment(studio: &Studio, notice: RwSignal<Option<String>>) {
    let fragment = current_fragment();
    if fragment.is_empty() {
        return;
    }
    match SharedState::parse(&fragment) {
        Ok(state) => {
            notice.set(None);
            state.apply(studio);
        }
        Err(e) => {
            notice.set(Some(format!(
                "This link's settings could not be used ({e}), so the studio shows its defaults."
            )));
            SharedState::default().apply(studio);
        }
    }
}

/// Applies the link's settings now and, if `follow`, keeps the URL in step from here on.
pub fn sync_with_url(studio: Studio, notice: RwSignal<Option<String>>, follow: bool) {
    apply_fragment(&studio, notice);
    if !follow {
        return;
    }
    // The page's first state is in the URL at once, so going back returns to it.
    let first = SharedState::read(&studio);
    if first.linkable().is_ok() {
        set_fragment(&first.to_fragment(), false);
    }
    let generation = StoredValue::new(0u64);
    Effect::new(move |_| {
        let state = SharedState::track(&studio);
        if state.linkable().is_err() {
            return;
        }
        let fragment = state.to_fragment();
        generation.update_value(|g| *g += 1);
        let mine = generation.get_value();
        set_timeout(
            move || {
                if generation.try_get_value() != Some(mine) {
                    return;
                }
                let now = current_fragment();
                if now != fragment {
                    // The first state of a page gets no entry of its own.
                    set_fragment(&fragment, !now.is_empty());
                }
            },
            SETTLE,
        );
    });
    let handle = window_event_listener(leptos::ev::popstate, move |_| {
        apply_fragment(&studio, notice);
    });
    on_cleanup(move || handle.remove());
}
