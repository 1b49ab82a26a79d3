//! The regression surface: the predicted value over the plane as colour, the points
//! coloured by their true value, and a colour legend with the value range.

use std::cell::RefCell;
use std::rc::Rc;

use leptos::prelude::*;
use web_sys::HtmlCanvasElement;

use crate::app::{now_ms, Studio};
use crate::format::param;
use crate::render::value_surface::{draw_values, value_rgb, ValueBuffers, ValueLegend, ValueScene};

fn draw(
    canvas: &HtmlCanvasElement,
    studio: &Studio,
    buf: &mut ValueBuffers,
) -> Result<Option<ValueLegend>, String> {
    let (Some(Ok(data)), Some(Ok(trained))) = (studio.regression.get(), studio.reg_trained.get())
    else {
        return Ok(None);
    };
    let scene = ValueScene {
        data: &data,
        trained: &trained,
        // The regressor reads exactly the plane's two features, in order.
        x: trained.features.first().copied().unwrap_or(0),
        y: trained.features.get(1).copied().unwrap_or(1),
        units: None,
        cell_px: trained.model.cell_px(),
    };
    draw_values(canvas, &scene, buf).map(Some)
}

#[component]
pub fn RegressionSurface() -> impl IntoView {
    let studio = expect_context::<Studio>();
    let canvas_ref = NodeRef::<leptos::html::Canvas>::new();
    let buffers = Rc::new(RefCell::new(ValueBuffers::default()));
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
                legend.set(l.map(|l| (l.lo, l.hi, l.target)));
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
                        .or_else(|| studio.reg_trained.get().and_then(|r| r.err()))
                        .or_else(|| studio.regression.get().and_then(|r| r.err()));
                    e.map(|e| view! { <p role="alert" class="error">{e}</p> })
                }}
            </figcaption>
        </figure>
    }
}
