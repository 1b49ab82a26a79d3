//! The page's side of the compute worker (`crates/hyperplane-worker`, run by the page's
//! own module in a Web Worker, `src/compute_worker.rs`): starts it, holds messages until
//! it says it listens, and hands its answers to one listener. Without a worker (it
//! failed to load, or the page runs where there is none, as in the wasm tests) nothing
//! is sent and the caller computes on the page's thread instead.
//!
//! The messages' JSON (serde's code for every message, fitted model and table) is a
//! chunk of its own in the split build, fetched while the worker starts: the first
//! picture never needs it.

use std::cell::RefCell;
use std::rc::Rc;

use hyperplane_core::grid::GridOutput;
use hyperplane_worker::bulk::js::{bulk_in, bulk_out};
use hyperplane_worker::{FromWorker, ToWorker};
use wasm_bindgen::prelude::*;
use web_sys::{MessageEvent, Worker};

/// The worker's script (a module wasm-bindgen copies beside the page's module, in the
/// folder named by the build's hash, so old and new files never mix).
#[cfg(target_arch = "wasm32")]
fn script() -> String {
    wasm_bindgen::link_to!(module = "/src/compute_worker.js")
}
#[cfg(not(target_arch = "wasm32"))]
fn script() -> String {
    String::new()
}

/// A surface's typed arrays, sent back with the next message for the worker to fill
/// again: a frame's 432 KB would otherwise be new garbage 60 times a second (measured:
/// three major collections a second while the network trained).
type Spare = (js_sys::Uint32Array, js_sys::Float32Array);

/// How messages are written and read.
#[derive(Clone, Copy)]
struct Codec {
    encode: fn(&ToWorker) -> Option<String>,
    decode: fn(&str) -> Option<FromWorker>,
}

crate::split_point! {
    /// serde's JSON, with exact float round trips (a lazily fetched chunk when split).
    fn json_codec() -> Codec {
        Codec {
            encode: |m| serde_json::to_string(m).ok(),
            decode: |t| serde_json::from_str(t).ok(),
        }
    }
}

type OnReply = Rc<dyn Fn(FromWorker, Option<GridOutput>)>;

struct State {
    worker: Worker,
    ready: bool,
    broken: bool,
    /// Messages sent before the worker listens.
    queue: Vec<ToWorker>,
    spare: Option<Spare>,
    /// `None` until the codec's chunk has arrived; messages received before wait in `inbox`.
    codec: Option<Codec>,
    inbox: Vec<JsValue>,
}

/// A started worker; clones share it.
#[derive(Clone)]
pub struct WorkerLink {
    state: Rc<RefCell<State>>,
}

impl WorkerLink {
    /// Starts the worker; `on_reply` gets each of its answers (with a frame's surface,
    /// if it sent one), and `on_broken` the messages it never sent if the worker fails
    /// before it listens (so they can be run elsewhere). `None` if no worker can be
    /// started here.
    pub fn start(
        on_reply: impl Fn(FromWorker, Option<GridOutput>) + 'static,
        on_broken: impl Fn(Vec<ToWorker>) + 'static,
    ) -> Option<Self> {
        // Natively (the app's unit tests) there are no workers, and no JS to ask.
        if cfg!(not(target_arch = "wasm32")) {
            return None;
        }
        let options = web_sys::WorkerOptions::new();
        options.set_type(web_sys::WorkerType::Module);
        let worker = Worker::new_with_options(&script(), &options).ok()?;
        // The worker runs this very module, sent compiled: no second download or compile.
        if worker.post_message(&wasm_bindgen::module()).is_err() {
            worker.terminate();
            return None;
        }
        let state = Rc::new(RefCell::new(State {
            worker: worker.clone(),
            ready: false,
            broken: false,
            queue: Vec::new(),
            spare: None,
            codec: None,
            inbox: Vec::new(),
        }));
        let on_reply: OnReply = Rc::new(on_reply);
        let on_broken: Rc<dyn Fn(Vec<ToWorker>)> = Rc::new(on_broken);
        let (s, r, b) = (state.clone(), on_reply.clone(), on_broken.clone());
        leptos::task::spawn_local(async move {
            let Ok(codec) = json_codec().await else {
                // Without the codec's chunk the worker cannot be spoken to.
                break_link(&s, &*b);
                return;
            };
            let inbox = {
                let mut s = s.borrow_mut();
                s.codec = Some(codec);
                std::mem::take(&mut s.inbox)
            };
            for data in inbox {
                receive(&s, &r, data);
            }
        });
        let s = state.clone();
        let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |ev: MessageEvent| {
            receive(&s, &on_reply, ev.data());
        });
        let s = state.clone();
        // Handled here (the page runs the worker's jobs itself), so not reported as the
        // page's uncaught error.
        let on_error = Closure::<dyn FnMut(web_sys::Event)>::new(move |ev: web_sys::Event| {
            ev.prevent_default();
            break_link(&s, &*on_broken);
        });
        worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        // The worker lives as long as the page.
        on_message.forget();
        on_error.forget();
        Some(Self { state })
    }

    /// Whether the worker has started and listens.
    pub fn ready(&self) -> bool {
        let s = self.state.borrow();
        s.ready && !s.broken
    }

    /// Whether the worker failed (its script or module could not load, or it threw).
    pub fn broken(&self) -> bool {
        self.state.borrow().broken
    }

    /// Sends `msg` (held until the worker listens).
    pub fn send(&self, msg: ToWorker) {
        let mut s = self.state.borrow_mut();
        if s.broken {
            return;
        }
        if s.ready {
            post(&mut s, msg);
        } else {
            s.queue.push(msg);
        }
    }
}

/// Marks the worker broken and hands what it never sent to `on_broken`.
fn break_link(state: &Rc<RefCell<State>>, on_broken: &dyn Fn(Vec<ToWorker>)) {
    let unsent = {
        let mut s = state.borrow_mut();
        s.broken = true;
        std::mem::take(&mut s.queue)
    };
    if !unsent.is_empty() {
        on_broken(unsent);
    }
}

/// Hands one message from the worker to `on_reply` (or keeps it until the codec is here).
fn receive(state: &Rc<RefCell<State>>, on_reply: &OnReply, data: JsValue) {
    let Some(codec) = state.borrow().codec else {
        state.borrow_mut().inbox.push(data);
        return;
    };
    let Some((reply, grid, spare)) = read(codec, data) else {
        return;
    };
    if spare.is_some() {
        state.borrow_mut().spare = spare;
    }
    if reply == FromWorker::Ready {
        let mut s = state.borrow_mut();
        s.ready = true;
        for m in std::mem::take(&mut s.queue) {
            post(&mut s, m);
        }
    }
    on_reply(reply, grid);
}

/// Posts `msg` as JSON text; its bulk data travel beside it as typed arrays, and a
/// surface's spare arrays go back to be filled again, both moved rather than copied.
fn post(s: &mut State, mut msg: ToWorker) {
    let bulk = msg.take_bulk();
    // The worker is ready only once its first message was read, so the codec is here.
    let Some(text) = s.codec.and_then(|c| (c.encode)(&msg)) else {
        return;
    };
    let text = JsValue::from_str(&text);
    let _ = if !bulk.is_empty() {
        let (arrays, buffers) = bulk_out(&bulk);
        s.worker
            .post_message_with_transfer(&js_sys::Array::of2(&text, &arrays), &buffers)
    } else if let Some((labels, margins)) = s.spare.take() {
        let message = js_sys::Array::of3(&text, &labels, &margins);
        let moved = js_sys::Array::of2(&labels.buffer(), &margins.buffer());
        s.worker.post_message_with_transfer(&message, &moved)
    } else {
        s.worker.post_message(&text)
    };
}

/// A message from the worker: JSON text, `[text, labels, margins]` with a surface (its
/// arrays come back too, to be reused), or `[text, [arrays…]]` with bulk data.
fn read(codec: Codec, data: JsValue) -> Option<(FromWorker, Option<GridOutput>, Option<Spare>)> {
    let parse = |t: JsValue| (codec.decode)(&t.as_string()?);
    if data.is_string() {
        return Some((parse(data)?, None, None));
    }
    let parts: js_sys::Array = data.dyn_into().ok()?;
    if let Some(list) = parts.get(1).dyn_ref::<js_sys::Array>() {
        let mut message = parse(parts.get(0))?;
        message.attach_bulk(bulk_in(list));
        return Some((message, None, None));
    }
    let labels: js_sys::Uint32Array = parts.get(1).dyn_into().ok()?;
    let margins: js_sys::Float32Array = parts.get(2).dyn_into().ok()?;
    let grid = GridOutput::from_parts(labels.to_vec(), margins.to_vec());
    Some((parse(parts.get(0))?, Some(grid), Some((labels, margins))))
}
