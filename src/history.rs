//! Undo and Redo are the browser's Back and Forward over the page's own history entries:
//! each settled change of data or settings is an entry (the URL's fragment holds it), so
//! Ctrl+Z, the Undo button and Back all walk the same list. Entries carry their place in
//! the list, so Undo stops at the page's first state instead of leaving the page.

use std::time::Duration;

use leptos::prelude::*;
use wasm_bindgen::JsValue;

/// How long settings must stay unchanged before they become an entry (a slider drag is
/// one entry, not fifty).
pub const SETTLE: Duration = Duration::from_millis(400);

#[derive(Clone, Copy)]
pub struct UndoHistory {
    /// The current entry's place among the page's entries (0: the page as it opened).
    pub index: RwSignal<u32>,
    /// The last entry's place: Redo is possible below it.
    pub top: RwSignal<u32>,
    /// A change that will become an entry once it settles.
    pending: RwSignal<Option<String>>,
    generation: StoredValue<u64>,
}

fn history() -> Option<web_sys::History> {
    web_sys::window().and_then(|w| w.history().ok())
}

/// Replaces the current entry's fragment, keeping its place.
pub fn replace_fragment(fragment: &str) {
    let Some(h) = history() else { return };
    let state = h.state().unwrap_or(JsValue::NULL);
    let _ = h.replace_state_with_url(&state, "", Some(&format!("#{fragment}")));
}

impl UndoHistory {
    pub fn new() -> Self {
        // A reload keeps the entries and their places.
        let index = history()
            .and_then(|h| h.state().ok())
            .and_then(|s| s.as_f64())
            .map_or(0, |i| i as u32);
        if let Some(h) = history() {
            let _ = h.replace_state(&JsValue::from(index), "");
        }
        Self {
            index: RwSignal::new(index),
            top: RwSignal::new(index),
            pending: RwSignal::new(None),
            generation: StoredValue::new(0),
        }
    }

    /// Makes `fragment` a new entry after the current one (forward entries are dropped,
    /// as the browser does).
    fn push(&self, fragment: &str) {
        let next = self.index.get_untracked() + 1;
        if let Some(h) = history() {
            let _ = h.push_state_with_url(&JsValue::from(next), "", Some(&format!("#{fragment}")));
        }
        self.index.set(next);
        self.top.set(next);
    }

    /// `fragment` becomes an entry once no other change follows within [`SETTLE`].
    pub fn schedule(&self, fragment: String, on_pushed: impl Fn(&str) + 'static) {
        self.generation.update_value(|g| *g += 1);
        let mine = self.generation.get_value();
        self.pending.set(Some(fragment));
        let this = *self;
        set_timeout(
            move || {
                if this.generation.try_get_value() == Some(mine) {
                    if let Some(f) = this.pending.try_get_untracked().flatten() {
                        this.pending.set(None);
                        this.push(&f);
                        on_pushed(&f);
                    }
                }
            },
            SETTLE,
        );
    }

    /// A change still settling becomes an entry now (Undo undoes it, not the one before).
    fn flush(&self) {
        self.generation.update_value(|g| *g += 1);
        if let Some(f) = self.pending.get_untracked() {
            self.pending.set(None);
            self.push(&f);
        }
    }

    pub fn can_undo(&self) -> bool {
        self.index.get() > 0 || self.pending.with(Option::is_some)
    }

    pub fn can_redo(&self) -> bool {
        self.index.get() < self.top.get() && self.pending.with(Option::is_none)
    }

    pub fn undo(&self) {
        self.flush();
        if self.index.get_untracked() > 0 {
            if let Some(h) = history() {
                let _ = h.back();
            }
        }
    }

    pub fn redo(&self) {
        if self.can_redo_untracked() {
            if let Some(h) = history() {
                let _ = h.forward();
            }
        }
    }

    fn can_redo_untracked(&self) -> bool {
        self.index.get_untracked() < self.top.get_untracked()
            && self.pending.with_untracked(Option::is_none)
    }

    /// Back or Forward arrived at an entry: its place, and no change is pending.
    pub fn arrived(&self, state: JsValue) {
        self.generation.update_value(|g| *g += 1);
        self.pending.set(None);
        self.index.set(state.as_f64().map_or(0, |i| i as u32));
    }
}

impl Default for UndoHistory {
    fn default() -> Self {
        Self::new()
    }
}
