//! The Web Worker's entry: listens for the page's messages and answers each through
//! [`hyperplane_worker::Worker`].

#[cfg(target_arch = "wasm32")]
fn main() {
    use std::cell::RefCell;
    use wasm_bindgen::prelude::*;
    use web_sys::{DedicatedWorkerGlobalScope, MessageEvent};

    let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let worker = RefCell::new(hyperplane_worker::Worker::default());
    // A surface's arrays the page sent back: filled again rather than allocated anew.
    let spare = RefCell::new(None::<(js_sys::Uint32Array, js_sys::Float32Array)>);
    let reply_to = scope.clone();
    let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |ev: MessageEvent| {
        let data = ev.data();
        let text = match data.as_string() {
            Some(t) => t,
            None => {
                // [text, labels, margins]
                let Ok(parts) = data.dyn_into::<js_sys::Array>() else {
                    return;
                };
                let (labels, margins) = (parts.get(1).dyn_into(), parts.get(2).dyn_into());
                if let (Ok(l), Ok(m)) = (labels, margins) {
                    *spare.borrow_mut() = Some((l, m));
                }
                let Some(t) = parts.get(0).as_string() else {
                    return;
                };
                t
            }
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
                let reused = spare.borrow_mut().take().filter(|(l, m)| {
                    l.length() as usize == g.label.len() && m.length() as usize == g.margin.len()
                });
                let (labels, margins) = match reused {
                    Some((l, m)) => {
                        l.copy_from(&g.label);
                        m.copy_from(&g.margin);
                        (l, m)
                    }
                    None => (
                        js_sys::Uint32Array::from(&g.label[..]),
                        js_sys::Float32Array::from(&g.margin[..]),
                    ),
                };
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
