//! Two tabs, one store: every committed write says so on a BroadcastChannel, and every
//! other tab of the page reads the versions again, so saving, renaming and deleting in
//! one shows in the others and none works from a stale list (a stale list would number a
//! new version as one another tab already saved).

use std::cell::OnceCell;

use wasm_bindgen::prelude::*;
use web_sys::BroadcastChannel;

const CHANNEL: &str = "hyperplane-versions";

thread_local! {
    static CHANNEL_HANDLE: OnceCell<Option<BroadcastChannel>> = const { OnceCell::new() };
}

fn channel() -> Option<BroadcastChannel> {
    CHANNEL_HANDLE.with(|c| {
        c.get_or_init(|| BroadcastChannel::new(CHANNEL).ok())
            .clone()
    })
}

/// Tells the other tabs that the stored versions changed (a channel never hears its
/// own messages).
pub fn announce() {
    if let Some(c) = channel() {
        let _ = c.post_message(&JsValue::from_str("changed"));
    }
}

/// Calls `on_change` whenever another tab changed the stored versions.
pub fn listen(on_change: impl Fn() + 'static) {
    let Some(c) = channel() else {
        return;
    };
    let handler = Closure::<dyn FnMut(JsValue)>::new(move |_: JsValue| on_change());
    c.set_onmessage(Some(handler.as_ref().unchecked_ref()));
    // Listens as long as the page.
    handler.forget();
}
