//! The regression surface: the SVR's predicted value over the plane as colour (blue low,
//! white middle, orange high), the points coloured by their true value, and a colour
//! legend with the value range.

use std::cell::RefCell;
use std::rc::Rc;

use hyperplane_core::grid::GridOutput;
use leptos::prelude::*;
use plotters::prelude::*;
use plotters_canvas::CanvasBackend;
use web_sys::HtmlCanvasElement;

use crate::app::{now_ms, Studio};
use crate::format::param;
use crate::regression::{reg_extent, reg_grid};
use crate::render::blit::blit;
use crate::render::canvas_size::fit_to_css;

/// Blue (low) → white → orange (high), the class colours' ends.
pub fn value_rgb(t: f64) -> (u8, u8, u8) {
    let t = if t.is_finite() {
        t.clamp(0.0, 1.0)
    } else {
        0.5
    };
    let (lo, hi) = ((0.0, 114.0, 178.0), (230.0, 159.0, 0.0));
    let mix = |a: f64, b: f64, u: f64| (a + (b - a) * u).round() as u8;
    if t < 0.5 {
        let u = t / 0.5;
        (
            mix(lo.0, 255.0, u),
            mix(lo.1, 255.0, u),
            mix(lo.2, 255.0, u),
        )
    } else {
        let u = (t - 0.5) / 0.5;
        (
            mix(255.0, hi.0, u),
            mix(255.0, hi.1, u),
            mix(255.0, hi.2, u),
        )
    }
}

#[derive(Default)]
struct Buffers {
    grid: GridOutput,
    rgba: Vec<u8>,
}

fn draw(
    canvas: &HtmlCanvasElement,
    studio: &Studio,
    buf: &mut Buffers,
) -> Result<Option<(f64, f64, String)>, String> {
    let (Some(Ok(data)), Some(Ok(trained))) = (studio.regression.get(), studio.reg_trained.get())
    else {
        return Ok(None);
    };
    let (x, y) = (
        studio.plane.x_feature.get().min(1),
        studio.plane.y_feature.get().min(1),
    );
    let (_, _, dpr) = fit_to_css(canvas);
    let backend = CanvasBackend::with_canvas_object(canvas.clone()).ok_or("no 2D canvas")?;
    let root = backend.into_drawing_area();
    let perr = |e| format!("drawing error: {e:?}");
    root.fill(&WHITE).map_err(perr)?;
    let cm = |f: usize, z: f64| data.scaler.inverse_feature(f, z);
    let (xs, ys) = (reg_extent(&data, x), reg_extent(&data, y));
    let px = |v: f64| (v * dpr).round() as u32;
    let font = ("sans-serif", 13.0 * dpr).into_font();
    let names = data.train.feature_names();
    let mut chart = ChartBuilder::on(&root)
        .margin(px(10.0))
        .x_label_area_size(px(44.0))
        .y_label_area_size(px(52.0))
        .build_cartesian_2d(cm(x, xs.0)..cm(x, xs.1), cm(y, ys.0)..cm(y, ys.1))
        .map_err(perr)?;
    let (prx, pry) = chart.plotting_area().get_pixel_range();
    let (pw, ph) = ((prx.end - prx.start) as f64, (pry.end - pry.start) as f64);
    let gw = ((pw / dpr / 2.0).round() as usize).clamp(16, 240);
    let gh = ((ph / dpr / 2.0).round() as usize).clamp(16, 240);
    let spec =
        reg_grid(&data, &trained, x, y, gw, gh).ok_or("the model does not read the plane")?;
    trained
        .model
        .evaluate_grid(&spec, &mut buf.grid)
        .map_err(|e| e.to_string())?;
    // Colours span the training targets, so points and surface read on one scale.
    let ys_train = data.train.y();
    let lo = ys_train.iter().copied().fold(f64::INFINITY, f64::min);
    let hi = ys_train.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let span = if hi > lo { hi - lo } else { 1.0 };
    let t = |v: f64| (v - lo) / span;
    buf.rgba.clear();
    for &v in &buf.grid.margin {
        let (r, g, b) = value_rgb(t(v as f64));
        buf.rgba.extend_from_slice(&[r, g, b, 255]);
    }
    blit(
        canvas,
        &buf.rgba,
        gw,
        gh,
        (prx.start as f64, pry.start as f64, pw, ph),
        true,
    )?;
    chart
        .configure_mesh()
        .disable_mesh()
        .x_desc(names.get(x).cloned().unwrap_or_default())
        .y_desc(names.get(y).cloned().unwrap_or_default())
        .label_style(font.clone())
        .axis_desc_style(font)
        .x_labels(6)
        .y_labels(6)
        .draw()
        .map_err(perr)?;
    // Points: filled training, hollow test, each in its true value's colour.
    for (set, filled) in [(&data.train, true), (&data.test, false)] {
        chart
            .draw_series(set.x().rows().into_iter().zip(set.y()).map(|(row, &v)| {
                let (r, g, b) = value_rgb(t(v));
                let c = RGBColor(r, g, b);
                let at = (cm(x, row[x]), cm(y, row[y]));
                let size = px(4.0) as i32;
                EmptyElement::at(at)
                    + Circle::new(
                        (0, 0),
                        size,
                        if filled { c.filled() } else { WHITE.filled() },
                    )
                    + Circle::new(
                        (0, 0),
                        size,
                        if filled {
                            RGBColor(40, 40, 48).stroke_width(1)
                        } else {
                            c.stroke_width(px(2.0))
                        },
                    )
            }))
            .map_err(perr)?;
    }
    root.present().map_err(perr)?;
    Ok(Some((lo, hi, data.train.target_name().to_string())))
}

#[component]
pub fn RegressionSurface() -> impl IntoView {
    let studio = expect_context::<Studio>();
    let canvas_ref = NodeRef::<leptos::html::Canvas>::new();
    let buffers = Rc::new(RefCell::new(Buffers::default()));
    let legend = RwSignal::new(None::<(f64, f64, String)>);
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
        match draw(&canvas, &studio, &mut buffers.borrow_mut()) {
            Ok(l) => {
                legend.set(l);
                error.set(None);
                frame.set(Some(now_ms() - start));
            }
            Err(e) => error.set(Some(e)),
        }
    });
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
            <canvas node_ref=canvas_ref class="surface-canvas" role="img" aria-label="Decision boundary"></canvas>
            <figcaption>
                {move || {
                    legend
                        .get()
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
                <p class="frame-time">
                    <output data-testid="frame-time">
                        {move || frame.get().map(|ms| format!("frame drawn in {ms:.1} ms")).unwrap_or_default()}
                    </output>
                </p>
                {move || {
                    let e = error
                        .get()
                        .or_else(|| studio.reg_trained.get().and_then(|r| r.err()))
                        .or_else(|| studio.regression.get().and_then(|r| r.err()));
                    e.map(|e| view! { <p role="alert" class="error">{e}</p> })
                }}
            </figcaption>
        </figure>
    }
}
