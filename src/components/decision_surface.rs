//! The decision surface canvas with its legend and a note on what the picture is.

use std::cell::RefCell;
use std::rc::Rc;

use leptos::prelude::*;

use super::class_legend::ClassLegend;
use crate::clock::now_ms;
use crate::format::param;
use crate::plane::surface_spec;
use crate::render::surface_canvas::{
    draw_points_only, draw_surface, FrameStats, Scene, SurfaceBuffers,
};
use crate::settings::fragment::snap_to_link_grid;
use crate::studio::Studio;

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
        let choice = studio.data_state.choice.get();
        let drawn = studio.data_state.drawn.get();
        let (data, trained) = (studio.data.get(), studio.trained.get());
        let Some(canvas) = canvas_ref.get() else {
            return;
        };
        let (Ok(data), Ok(trained)) = (data, trained) else {
            // Drawing your own data: show the empty plane and the points so far.
            if let Some(extent) = choice.fixed_extent() {
                match draw_points_only(&canvas, &drawn, extent) {
                    Ok(s) => stats.set(Some(s)),
                    Err(e) => draw_error.set(Some(e)),
                }
            }
            return;
        };
        let scene = Scene {
            data: &data,
            trained: &trained,
            x,
            y,
            show_test,
            discretize,
            fixed_extent: studio.data_state.choice.get().fixed_extent(),
            units: None,
        };
        match draw_surface(&canvas, &scene, &mut buffers.borrow_mut(), now_ms) {
            Ok(s) => {
                stats.set(Some(s));
                draw_error.set(None);
            }
            Err(e) => draw_error.set(Some(e)),
        }
    });

    // Hover: the point under the pointer (or the plane there) and what the model says.
    let hover = RwSignal::new(None::<(String, String)>);
    let on_move = move |ev: web_sys::MouseEvent| {
        let (Some(s), Some(canvas)) = (stats.get_untracked(), canvas_ref.get_untracked()) else {
            return;
        };
        let (px, py, place) = pointer_at(&canvas, &ev);
        hover.set(
            describe_point(&studio, &s, px, py, show_test.get_untracked()).map(|t| (place, t)),
        );
    };

    // Drawing your own data: a click (or tap) adds a point of the chosen class; with the
    // eraser, or a right click, it removes the nearest point.
    let data_state = studio.data_state;
    let edit_point = move |ev: &web_sys::MouseEvent, erase: bool| {
        if data_state.choice.get_untracked().fixed_extent().is_none() {
            return;
        }
        let (Some(s), Some(canvas)) = (stats.get_untracked(), canvas_ref.get_untracked()) else {
            return;
        };
        let rect = canvas.get_bounding_client_rect();
        let (px, py) = (
            ev.client_x() as f64 - rect.left(),
            ev.client_y() as f64 - rect.top(),
        );
        let (left, top, w, h) = s.plot;
        if px < left || py < top || px > left + w || py > top + h || w <= 0.0 || h <= 0.0 {
            return;
        }
        let ux = s.x_units.0 + (px - left) / w * (s.x_units.1 - s.x_units.0);
        let uy = s.y_units.1 - (py - top) / h * (s.y_units.1 - s.y_units.0);
        match (erase, data_state.brush.get_untracked()) {
            (false, Some(class)) => {
                // Kept to a thousandth (finer than a pixel), exactly as a link carries it.
                let (ux, uy) = (snap_to_link_grid(ux), snap_to_link_grid(uy));
                data_state.drawn.update(|d| d.push((ux, uy, class)))
            }
            _ => {
                let per_px = (s.x_units.1 - s.x_units.0) / w;
                data_state.drawn.update(|d| {
                    let nearest = d
                        .iter()
                        .enumerate()
                        .map(|(i, p)| (i, ((p.0 - ux).powi(2) + (p.1 - uy).powi(2)).sqrt()))
                        .filter(|&(_, dist)| dist <= 10.0 * per_px)
                        .min_by(|a, b| a.1.total_cmp(&b.1));
                    if let Some((i, _)) = nearest {
                        d.remove(i);
                    }
                });
            }
        }
    };

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
            <div class="surface-wrap">
                <canvas
                    node_ref=canvas_ref
                    class="surface-canvas"
                    role="img"
                    aria-label="Decision boundary"
                    on:mousemove=on_move
                    on:mouseleave=move |_| hover.set(None)
                    on:pointerdown=move |ev| {
                        // left button, touch or pen; the right button erases (contextmenu)
                        if ev.button() == 0 {
                            edit_point(&ev, false);
                        }
                    }
                    on:contextmenu=move |ev| {
                        if data_state.choice.get_untracked().fixed_extent().is_some() {
                            ev.prevent_default();
                            edit_point(&ev, true);
                        }
                    }
                ></canvas>
                {move || hover.get().map(|(place, text)| view! {
                    <div class="tooltip" data-testid="hover-info" style=place>
                        {text}
                    </div>
                })}
            </div>
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
                <p class="timing">
                    "Fits so far: "
                    <output data-testid="fit-count">{move || studio.fits.get()}</output>
                </p>
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

/// Text for the pointer at (px, py) CSS pixels: the nearest point within 8 px (its
/// values, true class and the model's answer) or else the plane there.
/// The pointer's position in the canvas (CSS pixels) and where a tooltip for it goes.
pub fn pointer_at(
    canvas: &web_sys::HtmlCanvasElement,
    ev: &web_sys::MouseEvent,
) -> (f64, f64, String) {
    let rect = canvas.get_bounding_client_rect();
    let (px, py) = (
        ev.client_x() as f64 - rect.left(),
        ev.client_y() as f64 - rect.top(),
    );
    (px, py, tooltip_place(px, py, rect.width()))
}

/// Where a tooltip goes (CSS): beside the pointer, to its left on the canvas's right
/// part so it stays inside.
fn tooltip_place(px: f64, py: f64, width: f64) -> String {
    if px > width * 0.55 {
        format!("right: {:.0}px; top: {:.0}px", width - px + 14.0, py + 10.0)
    } else {
        format!("left: {:.0}px; top: {:.0}px", px + 14.0, py + 10.0)
    }
}

fn describe_point(
    studio: &Studio,
    s: &FrameStats,
    px: f64,
    py: f64,
    with_test: bool,
) -> Option<String> {
    let (left, top, w, h) = s.plot;
    if px < left || py < top || px > left + w || py > top + h || w <= 0.0 || h <= 0.0 {
        return None;
    }
    let data = studio.data.get_untracked().ok()?;
    let trained = studio.trained.get_untracked().ok()?;
    let (x, y) = (
        studio.plane.x_feature.get_untracked(),
        studio.plane.y_feature.get_untracked(),
    );
    let to_px = |zx: f64, zy: f64| {
        (
            left + (zx - s.x_range.0) / (s.x_range.1 - s.x_range.0) * w,
            top + (s.y_range.1 - zy) / (s.y_range.1 - s.y_range.0) * h,
        )
    };
    let zx = s.x_range.0 + (px - left) / w * (s.x_range.1 - s.x_range.0);
    let zy = s.y_range.1 - (py - top) / h * (s.y_range.1 - s.y_range.0);
    let names = data.train.class_names();
    let fnames = data.train.feature_names();
    let mut best: Option<(f64, &'static str, usize, bool)> = None;
    for (part, set, is_test) in [("training", &data.train, false), ("test", &data.test, true)] {
        if is_test && !with_test {
            continue;
        }
        for i in 0..set.n_samples() {
            let (qx, qy) = to_px(set.x()[[i, x]], set.x()[[i, y]]);
            let d = ((qx - px).powi(2) + (qy - py).powi(2)).sqrt();
            if d <= 8.0 && best.is_none_or(|b| d < b.0) {
                best = Some((d, part, i, is_test));
            }
        }
    }
    // The model's answer at the pointer (or at the point), via a one-cell grid.
    let answer = |ax: f64, ay: f64| -> Option<(String, f32)> {
        let mut spec = surface_spec(&data, &trained, x, y, 1, 1, None)?;
        spec.x_range = (ax, ax);
        spec.y_range = (ay, ay);
        let mut out = hyperplane_core::grid::GridOutput::new();
        trained.model.evaluate_grid(&spec, &mut out).ok()?;
        let label = *out.label.first()? as usize;
        Some((
            names.get(label).cloned().unwrap_or_default(),
            *out.margin.first()?,
        ))
    };
    let cm = |f: usize, z: f64| data.scaler.inverse_feature(f, z);
    let fname = |f: usize| fnames.get(f).cloned().unwrap_or_default();
    Some(match best {
        Some((_, part, i, is_test)) => {
            let set = if is_test { &data.test } else { &data.train };
            let (ax, ay) = (set.x()[[i, x]], set.x()[[i, y]]);
            let (pred, margin) = answer(ax, ay)?;
            format!(
                "{part} point: {} = {}, {} = {} · true class {} · predicted {} (score {:.2})",
                fname(x),
                param(cm(x, ax)),
                fname(y),
                param(cm(y, ay)),
                set.labels()
                    .ok()
                    .and_then(|y| names.get(y[i]))
                    .cloned()
                    .unwrap_or_default(),
                pred,
                margin
            )
        }
        None => {
            let (pred, margin) = answer(zx, zy)?;
            format!(
                "{} = {}, {} = {} · predicted {} (score {:.2})",
                fname(x),
                param(cm(x, zx)),
                fname(y),
                param(cm(y, zy)),
                pred,
                margin
            )
        }
    })
}
