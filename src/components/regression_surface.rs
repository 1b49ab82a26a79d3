//! The regression surface: the predicted value over the plane as colour, the points
//! coloured by their true value, a colour legend with the value range, and what a
//! point or the plane says under the pointer.

use std::cell::RefCell;
use std::rc::Rc;

use leptos::prelude::*;
use web_sys::HtmlCanvasElement;

use super::decision_surface::pointer_at;
use crate::clock::now_ms;
use crate::format::param;
use crate::render::value_surface::{draw_values, value_rgb, ValueBuffers, ValueFrame, ValueScene};
use crate::studio::Studio;
use crate::training::Trained;

fn draw(
    canvas: &HtmlCanvasElement,
    studio: &Studio,
    show_test: bool,
    buf: &mut ValueBuffers,
) -> Result<Option<ValueFrame>, String> {
    let (Ok(data), Ok(trained)) = (studio.data.get(), studio.trained.get()) else {
        return Ok(None);
    };
    if !trained.model.is_regressor() {
        return Ok(None);
    }
    let (x, y) = plane_of(&trained);
    let scene = ValueScene {
        data: &data,
        trained: &trained,
        x,
        y,
        units: None,
        cell_px: crate::training::cell_px(&trained.model),
        show_test,
    };
    draw_values(canvas, &scene, buf).map(Some)
}

/// The regressor reads exactly the plane's two features, in order.
fn plane_of(trained: &Trained) -> (usize, usize) {
    (
        trained.features.first().copied().unwrap_or(0),
        trained.features.get(1).copied().unwrap_or(1),
    )
}

/// The point under the pointer (within 8 px) with its true and predicted value, or
/// the predicted value at the pointer.
fn describe_value(
    studio: &Studio,
    f: &ValueFrame,
    px: f64,
    py: f64,
    with_test: bool,
) -> Option<String> {
    let (left, top, w, h) = f.plot;
    if px < left || py < top || px > left + w || py > top + h || w <= 0.0 || h <= 0.0 {
        return None;
    }
    let data = studio.data.get_untracked().ok()?;
    let trained = studio.trained.get_untracked().ok()?;
    let (x, y) = plane_of(&trained);
    let [xr, yr] = f.ranges;
    let to_px = |zx: f64, zy: f64| {
        (
            left + (zx - xr.0) / (xr.1 - xr.0) * w,
            top + (yr.1 - zy) / (yr.1 - yr.0) * h,
        )
    };
    let mut best: Option<(f64, &'static str, f64, f64, f64)> = None;
    for (part, set, is_test) in [("training", &data.train, false), ("test", &data.test, true)] {
        if is_test && !with_test {
            continue;
        }
        for (row, &value) in set
            .x()
            .rows()
            .into_iter()
            .zip(set.values().unwrap_or_default())
        {
            let (qx, qy) = to_px(row[x], row[y]);
            let d = ((qx - px).powi(2) + (qy - py).powi(2)).sqrt();
            if d <= 8.0 && best.is_none_or(|b| d < b.0) {
                best = Some((d, part, row[x], row[y], value));
            }
        }
    }
    let predict = |zx: f64, zy: f64| -> Option<f64> {
        let q = ndarray::arr2(&[[zx, zy]]);
        trained
            .model
            .predict_values(q.view())
            .ok()?
            .first()
            .copied()
    };
    let names = data.train.feature_names();
    let at = |zx: f64, zy: f64| {
        format!(
            "{} = {}, {} = {}",
            names.get(x).cloned().unwrap_or_default(),
            param(data.scaler.inverse_feature(x, zx)),
            names.get(y).cloned().unwrap_or_default(),
            param(data.scaler.inverse_feature(y, zy)),
        )
    };
    let target = data.train.target_name();
    Some(match best {
        Some((_, part, zx, zy, value)) => format!(
            "{part} point: {} · true {target} {} · predicted {}",
            at(zx, zy),
            param(value),
            param(predict(zx, zy)?)
        ),
        None => {
            let zx = xr.0 + (px - left) / w * (xr.1 - xr.0);
            let zy = yr.1 - (py - top) / h * (yr.1 - yr.0);
            format!(
                "{} · predicted {target} {}",
                at(zx, zy),
                param(predict(zx, zy)?)
            )
        }
    })
}

#[component]
pub fn RegressionSurface() -> impl IntoView {
    let studio = expect_context::<Studio>();
    let canvas_ref = NodeRef::<leptos::html::Canvas>::new();
    let buffers = Rc::new(RefCell::new(ValueBuffers::default()));
    let drawn = RwSignal::new(None::<ValueFrame>);
    let show_test = RwSignal::new(true);
    let error = RwSignal::new(None::<String>);
    let frame = RwSignal::new(None::<f64>);
    let resized = RwSignal::new(0u32);
    let _resize = window_event_listener(leptos::ev::resize, move |_| resized.update(|n| *n += 1));
    Effect::new(move |_| {
        resized.track();
        let Some(canvas) = canvas_ref.get() else {
            return;
        };
        let start = now_ms();
        match draw(&canvas, &studio, show_test.get(), &mut buffers.borrow_mut()) {
            Ok(f) => {
                drawn.set(f);
                error.set(None);
                frame.set(Some(now_ms() - start));
            }
            Err(e) => error.set(Some(e)),
        }
    });
    let hover = RwSignal::new(None::<(String, String)>);
    let on_move = move |ev: web_sys::MouseEvent| {
        let (Some(f), Some(canvas)) = (drawn.get_untracked(), canvas_ref.get_untracked()) else {
            return;
        };
        let (px, py, place) = pointer_at(&canvas, &ev);
        hover.set(
            describe_value(&studio, &f, px, py, show_test.get_untracked()).map(|t| (place, t)),
        );
    };
    let legend = move || drawn.get().map(|f| (f.lo, f.hi, f.target));
    let gradient = {
        let stops: Vec<String> = (0..=10)
            .map(|i| {
                let (r, g, b) = value_rgb(i as f64 / 10.0);
                format!("rgb({r},{g},{b}) {}%", i * 10)
            })
            .collect();
        format!(
            "background: linear-gradient(to right, {})",
            stops.join(", ")
        )
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
                ></canvas>
                {move || hover.get().map(|(place, text)| view! {
                    <div class="tooltip" data-testid="hover-info" style=place>
                        {text}
                    </div>
                })}
            </div>
            <figcaption>
                {move || {
                    legend()
                        .map(|(lo, hi, name)| {
                            view! {
                                <div class="value-legend" role="img" aria-label=format!("Colour legend: {name} from {} to {}", param(lo), param(hi))>
                                    <span>{param(lo)}</span>
                                    <span class="value-bar" style=gradient.clone()></span>
                                    <span>{param(hi)}</span>
                                    <span class="hint">{format!("predicted {name}")}</span>
                                </div>
                            }
                        })
                }}
                <p class="hint">"filled: training · hollow: test · colour: the value (points: true, plane: predicted)"</p>
                <label class="toggle">
                    <input
                        type="checkbox"
                        prop:checked=move || show_test.get()
                        on:change=move |ev| show_test.set(event_target_checked(&ev))
                    />
                    "Show test data"
                </label>
                <p class="timing">
                    "Fits so far: "
                    <output data-testid="fit-count">{move || studio.fits.get()}</output>
                </p>
                <p class="frame-time">
                    <output data-testid="frame-time">
                        {move || frame.get().map(|ms| format!("frame drawn in {ms:.1} ms")).unwrap_or_default()}
                    </output>
                </p>
                {move || {
                    let e = error
                        .get()
                        .or_else(|| studio.trained.get().err());
                    e.map(|e| view! { <p role="alert" class="error">{e}</p> })
                }}
            </figcaption>
        </figure>
    }
}
