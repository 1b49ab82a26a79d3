//! Sizing a canvas's backing store to its CSS size × devicePixelRatio, so drawings are
//! sharp on high-density screens. The CSS size comes from a ResizeObserver, kept on the
//! element: reading `clientWidth` after the frame's text updates would force a layout
//! on every animation frame (measured: up to 2.3 ms per frame while the network trains).
//! A drawing reads the size through a trigger, so it is drawn again when its canvas
//! changes size.

use std::cell::OnceCell;

use leptos::prelude::{ArcTrigger, Notify, Track};
use wasm_bindgen::prelude::*;
use web_sys::{HtmlCanvasElement, ResizeObserver, ResizeObserverEntry};

const W: &str = "data-css-w";
const H: &str = "data-css-h";

thread_local! {
    static OBSERVER: OnceCell<Option<ResizeObserver>> = const { OnceCell::new() };
    static RESIZED: ArcTrigger = ArcTrigger::new();
}

/// Records each observed canvas's new CSS size on the element.
fn observer() -> Option<ResizeObserver> {
    OBSERVER.with(|o| {
        o.get_or_init(|| {
            let on_resize = Closure::<dyn FnMut(js_sys::Array)>::new(|entries: js_sys::Array| {
                let mut changed = false;
                for e in entries.iter() {
                    let Ok(e) = e.dyn_into::<ResizeObserverEntry>() else {
                        continue;
                    };
                    let r = e.content_rect();
                    let t = e.target();
                    let (w, h) = (r.width().to_string(), r.height().to_string());
                    if t.get_attribute(W).as_deref() != Some(&w)
                        || t.get_attribute(H).as_deref() != Some(&h)
                    {
                        let _ = t.set_attribute(W, &w);
                        let _ = t.set_attribute(H, &h);
                        changed = true;
                    }
                }
                if changed {
                    RESIZED.with(ArcTrigger::notify);
                }
            });
            let o = ResizeObserver::new(on_resize.as_ref().unchecked_ref()).ok();
            // Lives as long as the page.
            on_resize.forget();
            o
        })
        .clone()
    })
}

/// The canvas's CSS size: as last observed, or measured (once) and then observed.
fn css_size(canvas: &HtmlCanvasElement) -> (f64, f64) {
    RESIZED.with(ArcTrigger::track);
    let read = |name| {
        canvas
            .get_attribute(name)
            .and_then(|v| v.parse::<f64>().ok())
    };
    if let (Some(w), Some(h)) = (read(W), read(H)) {
        return (w, h);
    }
    let (w, h) = (canvas.client_width() as f64, canvas.client_height() as f64);
    if let Some(o) = observer() {
        let _ = canvas.set_attribute(W, &w.to_string());
        let _ = canvas.set_attribute(H, &h.to_string());
        o.observe(canvas);
    }
    (w, h)
}

/// Resizes the backing store if needed; returns (device width, device height, ratio).
pub fn fit_to_css(canvas: &HtmlCanvasElement) -> (u32, u32, f64) {
    let dpr = web_sys::window()
        .map(|w| w.device_pixel_ratio())
        .filter(|r| r.is_finite() && *r > 0.0)
        .unwrap_or(1.0)
        .min(3.0);
    let (css_w, css_h) = css_size(canvas);
    let (css_w, css_h) = (css_w.round().max(1.0), css_h.round().max(1.0));
    let (w, h) = ((css_w * dpr).round() as u32, (css_h * dpr).round() as u32);
    if canvas.width() != w {
        canvas.set_width(w);
    }
    if canvas.height() != h {
        canvas.set_height(h);
    }
    (w, h, dpr)
}
