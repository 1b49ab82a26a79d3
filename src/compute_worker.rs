//! The compute worker's side of the page's module. `src/compute_worker.js` runs this
//! module in a Web Worker, where `main` finds no window and calls [`start`] instead of
//! mounting the page. The worker's code (every job's answer, serde's JSON for the
//! messages) is a chunk: the first picture never needs it.

use wasm_bindgen::prelude::*;

crate::split_point! {
    /// The worker's message loop (`hyperplane_worker::listen`).
    fn worker_code() -> fn() {
        hyperplane_worker::listen as fn()
    }
}

/// Fetches the worker's code and listens; if it cannot be fetched the worker fails with
/// an error event, and the page runs the jobs itself.
pub fn start() {
    wasm_bindgen_futures::spawn_local(async {
        match worker_code().await {
            Ok(listen) => listen(),
            Err(e) => fail(format!(
                "the compute worker's code could not be loaded: {e}"
            )),
        }
    });
}

/// Throws `message` from a timer: an exception no promise catches, so the page's
/// `Worker` gets an error event.
fn fail(message: String) {
    let throw = Closure::once_into_js(move || -> () { wasm_bindgen::throw_str(&message) });
    let scope: web_sys::WorkerGlobalScope = js_sys::global().unchecked_into();
    let _ = scope.set_timeout_with_callback(throw.unchecked_ref());
}
