//! The worker's wasm glue: listens for the page's messages and answers each through
//! [`crate::Worker`]. It runs inside the page's own module (the page starts a worker on
//! `src/compute_worker.js`, which instantiates the module it is sent), so the worker
//! costs no download of its own.
//!
//! A message is JSON text, or an array: `[text, labels, margins]` gives back a surface's
//! arrays to fill again, `[text, [arrays…]]` carries bulk data beside the text (a file's
//! bytes; a table's columns). Arrays are moved between the threads, not copied.

use std::cell::RefCell;

use wasm_bindgen::prelude::*;
use web_sys::{DedicatedWorkerGlobalScope, MessageEvent};

use crate::bulk::js::{bulk_in, bulk_out};
use crate::{FromWorker, Worker};

/// Starts answering the page's messages, then tells the page it listens.
pub fn listen() {
    let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let worker = RefCell::new(Worker::default());
    // A surface's arrays the page sent back: filled again rather than allocated anew.
    let spare = RefCell::new(None::<(js_sys::Uint32Array, js_sys::Float32Array)>);
    let reply_to = scope.clone();
    let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |ev: MessageEvent| {
        let data = ev.data();
        let mut bulk = Vec::new();
        let text = match data.as_string() {
            Some(t) => t,
            None => {
                let Ok(parts) = data.dyn_into::<js_sys::Array>() else {
                    return;
                };
                if let Some(list) = parts.get(1).dyn_ref::<js_sys::Array>() {
                    bulk = bulk_in(list);
                } else {
                    let (labels, margins) = (parts.get(1).dyn_into(), parts.get(2).dyn_into());
                    if let (Ok(l), Ok(m)) = (labels, margins) {
                        *spare.borrow_mut() = Some((l, m));
                    }
                }
                let Some(t) = parts.get(0).as_string() else {
                    return;
                };
                t
            }
        };
        let now = || js_sys::Date::now();
        let progress_to = reply_to.clone();
        let mut progress = |t: String| {
            let _ = progress_to.post_message(&JsValue::from_str(&t));
        };
        let Some(reply) = worker
            .borrow_mut()
            .handle_text(&text, bulk, now, &mut progress)
        else {
            return;
        };
        let text = JsValue::from_str(&reply.text);
        let _ = match reply.grid {
            None if reply.bulk.is_empty() => reply_to.post_message(&text),
            None => {
                let (arrays, buffers) = bulk_out(&reply.bulk);
                reply_to.post_message_with_transfer(&js_sys::Array::of2(&text, &arrays), &buffers)
            }
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
    let ready = serde_json::to_string(&FromWorker::Ready).unwrap_or_default();
    let _ = scope.post_message(&JsValue::from_str(&ready));
}
