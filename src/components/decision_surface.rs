//! The decision surface canvas with its legend and a note on what the picture is.

use std::cell::RefCell;
use std::rc::Rc;

use leptos::prelude::*;

use super::class_legend::ClassLegend;
use crate::app::{now_ms, Studio};
use crate::format::param;
use crate::render::surface_canvas::{draw_surface, FrameStats, Scene, SurfaceBuffers};

#[component]
pub fn DecisionSurface() -> impl IntoView {
    let studio = expect_context::<Studio>();
    let plane = studio.plane;
    let canvas_ref = NodeRef::<leptos::html::Canvas>::new();
    let buffers = Rc::new(RefCell::new(SurfaceBuffers::default()));
    let stats = RwSignal::new(None::<FrameStats>);
    let draw_error = RwSignal::new(None::<String>);
    let show_test = RwSignal::new(true);
    let discretize = RwSignal::new(false);
    let resized = RwSignal::new(0u32);
    let _resize = window_event_listener(leptos::ev::resize, move |_| resized.update(|n| *n += 1));

    Effect::new(move |_| {
        resized.track();
        let show_test = show_test.get();
        let discretize = discretize.get();
        let (x, y) = (plane.x_feature.get(), plane.y_feature.get());
        let (Ok(data), Ok(trained)) = (studio.data.get(), studio.trained.get()) else {
            return;
        };
        let Some(canvas) = canvas_ref.get() else {
            return;
        };
        let scene = Scene {
            data: &data,
            trained: &trained,
            x,
            y,
            show_test,
            discretize,
        };
        match draw_surface(&canvas, &scene, &mut buffers.borrow_mut(), now_ms) {
            Ok(s) => {
                stats.set(Some(s));
                draw_error.set(None);
            }
            Err(e) => draw_error.set(Some(e)),
        }
    });

    let slice_note = move || {
        let data = studio.data.get().ok()?;
        let trained = studio.trained.get().ok()?;
        let (x, y) = (plane.x_feature.get(), plane.y_feature.get());
        let names = data.train.feature_names();
        let held: Vec<String> = trained
            .features
            .iter()
            .filter(|&&f| f != x && f != y)
            .map(|&f| format!("{} = {}", names[f], param(data.scaler.mean[f])))
            .collect();
        Some(if held.is_empty() {
            "The model uses only the two shown features, so this picture is the whole model."
                .to_string()
        } else {
            format!(
                "The model uses all {} features. The surface is a slice through the others, held \
                 at their training means ({}); points are drawn at their own values, so a point \
                 can sit in another class's region.",
                trained.features.len(),
                held.join(", ")
            )
        })
    };

    view! {
        <figure class="surface">
            <canvas
                node_ref=canvas_ref
                class="surface-canvas"
                role="img"
                aria-label="Decision boundary"
            ></canvas>
            <figcaption>
                <ClassLegend/>
                <label class="toggle">
                    <input
                        type="checkbox"
                        prop:checked=move || show_test.get()
                        on:change=move |ev| show_test.set(event_target_checked(&ev))
                    />
                    "Show test data"
                </label>
                <label class="toggle">
                    <input
                        type="checkbox"
                        prop:checked=move || discretize.get()
                        on:change=move |ev| discretize.set(event_target_checked(&ev))
                    />
                    "Discretize"
                </label>
                <p class="slice-note" data-testid="slice-note">{slice_note}</p>
                <p class="timing" data-testid="frame-time">
                    {move || {
                        let fit = studio.trained.with(|t| t.as_ref().map(|t| t.fit_ms).unwrap_or(0.0));
                        stats
                            .get()
                            .map(|s| {
                                format!(
                                    "Fit {:.1} ms · surface {}×{} in {:.1} ms · frame drawn in {:.1} ms",
                                    fit, s.grid_width, s.grid_height, s.grid_ms, s.draw_ms
                                )
                            })
                    }}
                </p>
                {move || {
                    let e = draw_error.get().or_else(|| studio.trained.get().err());
                    e.map(|e| view! { <p role="alert" class="error">{e}</p> })
                }}
            </figcaption>
        </figure>
    }
}
