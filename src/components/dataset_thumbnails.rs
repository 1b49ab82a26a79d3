//! A small picture of each generated dataset, as TensorFlow Playground shows them: one
//! click picks it (the `Dataset` combobox stays the accessible way to choose).

use hyperplane_core::datasets::{Generated, GeneratorParams};
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::CanvasRenderingContext2d;

use crate::app::Studio;
use crate::palette::class_css;
use crate::training::DatasetChoice;

const SIZE: f64 = 44.0;

/// Draws the dataset's points (noise 0, seed 0) into a canvas of SIZE CSS pixels.
fn paint(canvas: &web_sys::HtmlCanvasElement, choice: DatasetChoice) {
    let DatasetChoice::Generated(kind) = choice else {
        return;
    };
    let Ok(Generated::Classification(d)) = GeneratorParams::new(kind).n_samples(160).generate()
    else {
        return;
    };
    let dpr = web_sys::window()
        .map(|w| w.device_pixel_ratio())
        .unwrap_or(1.0)
        .clamp(1.0, 3.0);
    canvas.set_width((SIZE * dpr) as u32);
    canvas.set_height((SIZE * dpr) as u32);
    let Ok(Some(ctx)) = canvas.get_context("2d") else {
        return;
    };
    let Ok(ctx) = ctx.dyn_into::<CanvasRenderingContext2d>() else {
        return;
    };
    let _ = ctx.set_transform(dpr, 0.0, 0.0, dpr, 0.0, 0.0);
    ctx.set_fill_style_str("#fff");
    ctx.fill_rect(0.0, 0.0, SIZE, SIZE);
    let x = d.x();
    let (mut lo, mut hi) = (f64::INFINITY, f64::NEG_INFINITY);
    for v in x.iter() {
        lo = lo.min(*v);
        hi = hi.max(*v);
    }
    let span = (hi - lo).max(1e-9);
    for i in 0..d.n_samples() {
        let px = 3.0 + (x[[i, 0]] - lo) / span * (SIZE - 6.0);
        let py = SIZE - 3.0 - (x[[i, 1]] - lo) / span * (SIZE - 6.0);
        ctx.set_fill_style_str(&class_css(d.y()[i]));
        ctx.fill_rect(px - 1.2, py - 1.2, 2.4, 2.4);
    }
}

#[component]
pub fn DatasetThumbnails() -> impl IntoView {
    let studio = expect_context::<Studio>();
    let d = studio.data_state;
    DatasetChoice::ALL
        .into_iter()
        .filter(|c| matches!(c, DatasetChoice::Generated(_)) && !c.is_regression())
        .map(|c| {
            let canvas_ref = NodeRef::<leptos::html::Canvas>::new();
            Effect::new(move |_| {
                if let Some(canvas) = canvas_ref.get() {
                    paint(&canvas, c);
                }
            });
            view! {
                <button
                    type="button"
                    class="thumb"
                    title=c.label()
                    aria-label=format!("Pick the {} dataset", c.label())
                    aria-pressed=move || (d.choice.get() == c).to_string()
                    on:click=move |_| {
                        d.choice.set(c);
                        if d.train_ratio.get_untracked() == 0.8 {
                            d.train_ratio.set(0.5);
                        }
                    }
                >
                    <canvas node_ref=canvas_ref aria-hidden="true"></canvas>
                </button>
            }
        })
        .collect_view()
}
