//! The Web Worker's entry: listens for the page's messages and answers each through
//! [`hyperplane_worker::Worker`].

#[cfg(target_arch = "wasm32")]
fn main() {
    use std::cell::RefCell;
    use wasm_bindgen::prelude::*;
    use web_sys::{DedicatedWorkerGlobalScope, MessageEvent};

    let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let worker = RefCell::new(hyperplane_worker::Worker::default());
    let reply_to = scope.clone();
    let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |ev: MessageEvent| {
        let Some(text) = ev.data().as_string() else {
            return;
        };
        let now = || js_sys::Date::now();
        let Some((reply, grid)) = worker.borrow_mut().handle_text(&text, now) else {
            return;
        };
        let text = JsValue::from_str(&reply);
        let _ = match grid {
            None => reply_to.post_message(&text),
            // [text, labels, margins], the arrays' buffers moved, not copied.
            Some(g) => {
                let labels = js_sys::Uint32Array::from(&g.label[..]);
                let margins = js_sys::Float32Array::from(&g.margin[..]);
                let message = js_sys::Array::of3(&text, &labels, &margins);
                let moved = js_sys::Array::of2(&labels.buffer(), &margins.buffer());
                reply_to.post_message_with_transfer(&message, &moved)
            }
        };
    });
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    // The worker lives as long as the page: its handler is never dropped.
    on_message.forget();
    let ready = serde_json::to_string(&hyperplane_worker::FromWorker::Ready).unwrap_or_default();
    let _ = scope.post_message(&JsValue::from_str(&ready));
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("hyperplane-worker runs in a browser's Web Worker; build it with Trunk.");
}
