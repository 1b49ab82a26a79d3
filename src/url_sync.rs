//! Keeps the page URL's fragment in step with the studio: a link opens with its
//! settings, each settled change becomes a history entry (so back and forward walk
//! through earlier states), and a link that cannot be read leaves the defaults with a
//! notice saying why.

use leptos::prelude::*;

use crate::clock::{next_frame, reduced_motion};
use crate::history::{replace_fragment, UndoHistory};
use crate::imported::ImportedCsv;
use crate::models::{ModelKind, ModelSettingsStoreFields};
use crate::settings::fragment::Link;
use crate::settings::Settings;
use crate::studio::Studio;

fn current_fragment() -> String {
    web_sys::window()
        .and_then(|w| w.location().hash().ok())
        .map(|h| h.trim_start_matches('#').to_string())
        .unwrap_or_default()
}

/// Applies the URL's fragment; `applied` runs once its settings are in (at once, or when
/// an example file the link names has arrived).
fn apply_fragment(studio: &Studio, notice: RwSignal<Option<String>>, applied: impl Fn() + 'static) {
    let fragment = current_fragment();
    if fragment.is_empty() {
        return;
    }
    let state = match Link::parse(&fragment) {
        Ok(state) => state,
        Err(e) => {
            notice.set(Some(format!(
                "This link's settings could not be used ({e}), so the studio shows its defaults."
            )));
            studio.apply(Settings::default());
            return applied();
        }
    };
    let studio = *studio;
    let finish = move |state: Link| {
        notice.set(None);
        let network = state.settings.model.kind == ModelKind::NeuralNetwork;
        studio.apply(state.settings);
        if network && state.epoch > 0 {
            replay(studio, state.epoch, None);
        }
        applied();
    };
    let Some(example) = state.example.clone() else {
        return finish(state);
    };
    // An example file: fetched (from the service worker's cache offline), then read
    // with the link's recipe; the studio changes only once it is in.
    leptos::task::spawn_local(async move {
        let bytes = crate::fetch::fetch_bytes(&format!("./examples/{}", example.file)).await;
        let read = match crate::imported::reread().await {
            Ok(r) => bytes.and_then(|b| (r.example)(&example.file, &b, example.recipe)),
            Err(e) => Err(e.to_string()),
        };
        match read {
            Ok(csv) => {
                studio
                    .data_state
                    .imported
                    .set(Some(std::sync::Arc::new(ImportedCsv {
                        example: true,
                        ..csv
                    })));
                finish(state);
            }
            Err(e) => notice.set(Some(format!(
                "This link's example file could not be read ({e}); nothing was changed."
            ))),
        }
    });
}

/// Trains the (just rebuilt) network up to `target` epochs, a frame's budget at a time:
/// the same seed and settings give the same weights as when the link was made. The user
/// takes over at any time: Play, Pause, Step or Reset (the epoch is no longer the one the
/// replay left) or another model stops it.
fn replay(studio: Studio, target: u64, left_at: Option<u64>) {
    // With reduced motion, a few longer steps a second instead of one per frame.
    let budget = if reduced_motion() { 40.0 } else { 25.0 };
    next_frame(move || {
        let Some(epoch) = studio.run.epoch.try_get_untracked() else {
            return;
        };
        let taken_over = left_at.is_some_and(|e| e != epoch)
            || studio.run.playing.get_untracked()
            || studio.model.kind().get_untracked() != ModelKind::NeuralNetwork;
        if taken_over || epoch >= target || studio.run.error.get_untracked().is_some() {
            return;
        }
        studio.run.advance(budget, target - epoch);
        replay(studio, target, Some(studio.run.epoch.get_untracked()));
    });
}

/// Applies the link's settings now and, if `follow`, keeps the URL in step from here on.
pub fn sync_with_url(studio: Studio, notice: RwSignal<Option<String>>, follow: bool) {
    // The settings last written to (or read from) the URL: a change from these becomes a
    // history entry once it settles.
    let last = StoredValue::new(String::new());
    let read = move || last.set_value(studio.link().to_fragment());
    apply_fragment(&studio, notice, read);
    if !follow {
        return;
    }
    // The page's first state is in the URL at once, so going back returns to it (a
    // link's own fragment stays as it was, with its epoch to replay).
    let first = studio.link();
    if first.linkable().is_ok() && current_fragment().is_empty() {
        replace_fragment(&first.to_fragment());
    }
    // Undo and Redo walk these entries (the buttons and Ctrl+Z find them in context).
    let history = UndoHistory::new();
    provide_context(history);
    if last.with_value(String::is_empty) {
        last.set_value(first.to_fragment());
    }
    Effect::new(move |_| {
        let state = studio.track_link();
        if state.linkable().is_err() {
            return;
        }
        let fragment = state.to_fragment();
        if last.try_with_value(|l| *l == fragment).unwrap_or(true) {
            return;
        }
        history.schedule(fragment, move |f| last.set_value(f.to_string()));
    });
    let handle = window_event_listener(leptos::ev::popstate, move |ev| {
        history.arrived(ev.state());
        apply_fragment(&studio, notice, read);
        read();
    });
    on_cleanup(move || handle.remove());
}
