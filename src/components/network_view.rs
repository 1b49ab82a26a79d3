//! The network as TensorFlow Playground draws it: every neuron a thumbnail of its output
//! over the plane, edges coloured by the sign of their weight (orange +, blue −) and
//! thickened by its size. Hover an edge to read its weight; click it to type a new one.

use hyperplane_core::grid::GridSpec;
use hyperplane_core::nn::{Activation, Mlp, OutputKind};
use leptos::prelude::*;
use wasm_bindgen::{Clamped, JsCast};
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement, ImageData};

use crate::plane::plane_extent;
use crate::render::canvas_size::fit_to_css;
use crate::studio::Studio;

const THUMB: f64 = 34.0;
const CELLS: usize = 20;

/// Where each neuron sits (CSS px, centre) and each edge runs.
#[derive(Debug, Clone, PartialEq)]
struct Layout {
    /// Per column (inputs, hidden layers, output): neuron centres.
    columns: Vec<Vec<(f64, f64)>>,
}

/// One connection: layer, output neuron, input neuron, and its end points.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Edge {
    layer: usize,
    output: usize,
    input: usize,
    from: (f64, f64),
    to: (f64, f64),
    weight: f64,
}

fn layout(sizes: &[usize], width: f64, height: f64) -> Layout {
    let n = sizes.len().max(2);
    let columns = sizes
        .iter()
        .enumerate()
        .map(|(c, &k)| {
            let x = THUMB / 2.0 + 8.0 + c as f64 * (width - THUMB - 16.0) / (n - 1) as f64;
            let gap = (height - 8.0) / k.max(1) as f64;
            (0..k).map(|i| (x, 4.0 + gap * (i as f64 + 0.5))).collect()
        })
        .collect();
    Layout { columns }
}

fn edges(mlp: &Mlp, l: &Layout) -> Vec<Edge> {
    let mut out = Vec::new();
    for (li, layer) in mlp.network.layers.iter().enumerate() {
        for o in 0..layer.outputs {
            for i in 0..layer.inputs {
                let (Some(from), Some(to)) = (
                    l.columns.get(li).and_then(|c| c.get(i)),
                    l.columns.get(li + 1).and_then(|c| c.get(o)),
                ) else {
                    continue;
                };
                out.push(Edge {
                    layer: li,
                    output: o,
                    input: i,
                    from: (from.0 + THUMB / 2.0, from.1),
                    to: (to.0 - THUMB / 2.0, to.1),
                    weight: layer.w[o * layer.inputs + i],
                });
            }
        }
    }
    out
}

/// Distance from point p to segment a–b.
fn to_segment(p: (f64, f64), a: (f64, f64), b: (f64, f64)) -> f64 {
    let (dx, dy) = (b.0 - a.0, b.1 - a.1);
    let len2 = dx * dx + dy * dy;
    let t = if len2 > 0.0 {
        (((p.0 - a.0) * dx + (p.1 - a.1) * dy) / len2).clamp(0.0, 1.0)
    } else {
        0.0
    };
    let (qx, qy) = (a.0 + t * dx, a.1 + t * dy);
    ((p.0 - qx).powi(2) + (p.1 - qy).powi(2)).sqrt()
}

/// A value mapped to the diverging colour scale: blue for −1, white for 0, orange for +1 —
/// the surface's convention, where the second class (orange) is the positive side.
fn diverging(t: f64) -> (u8, u8, u8) {
    let t = if t.is_finite() {
        t.clamp(-1.0, 1.0)
    } else {
        0.0
    };
    let (r, g, b) = if t >= 0.0 {
        (230.0, 159.0, 0.0)
    } else {
        (0.0, 114.0, 178.0)
    };
    let k = t.abs();
    let mix = |c: f64| (255.0 - k * (255.0 - c)).round() as u8;
    (mix(r), mix(g), mix(b))
}

#[component]
pub fn NetworkView() -> impl IntoView {
    let studio = expect_context::<Studio>();
    let canvas_ref = NodeRef::<leptos::html::Canvas>::new();
    let hovered = RwSignal::new(None::<Edge>);
    let selected = RwSignal::new(None::<Edge>);
    let edit_error = RwSignal::new(None::<String>);
    let current_edges = StoredValue::new(Vec::<Edge>::new());
    let scratch = StoredValue::new_local(None::<HtmlCanvasElement>);

    Effect::new(move |_| {
        let Some(mlp) = studio.run.snapshot.get() else {
            return;
        };
        // While training, drawn on the frames the loss curve is not (`LossChart`).
        if studio.run.playing.get() && studio.run.history.with(Vec::len) % 2 == 1 {
            return;
        }
        let features = studio.features.get();
        let (hover, sel) = (hovered.get(), selected.get());
        let Some(canvas) = canvas_ref.get() else {
            return;
        };
        let (w, h, dpr) = fit_to_css(&canvas);
        let (css_w, css_h) = (w as f64 / dpr, h as f64 / dpr);
        let Ok(Some(ctx)) = canvas.get_context("2d") else {
            return;
        };
        let Ok(ctx) = ctx.dyn_into::<CanvasRenderingContext2d>() else {
            return;
        };
        let _ = ctx.set_transform(dpr, 0.0, 0.0, dpr, 0.0, 0.0);
        ctx.clear_rect(0.0, 0.0, css_w, css_h);
        let sizes = mlp.network.sizes();
        let l = layout(&sizes, css_w, css_h);
        let es = edges(&mlp, &l);
        let max_w = es.iter().map(|e| e.weight.abs()).fold(1e-9, f64::max);
        for e in &es {
            let (r, g, b) = if e.weight >= 0.0 {
                (230, 159, 0)
            } else {
                (0, 114, 178)
            };
            let strong = hover == Some(*e)
                || sel
                    .is_some_and(|s| (s.layer, s.output, s.input) == (e.layer, e.output, e.input));
            ctx.set_stroke_style_str(&format!(
                "rgba({r},{g},{b},{})",
                if strong { 1.0 } else { 0.75 }
            ));
            ctx.set_line_width(0.5 + 4.5 * e.weight.abs() / max_w + if strong { 2.0 } else { 0.0 });
            ctx.begin_path();
            ctx.move_to(e.from.0, e.from.1);
            let mid = (e.from.0 + e.to.0) / 2.0;
            ctx.bezier_curve_to(mid, e.from.1, mid, e.to.1, e.to.0, e.to.1);
            ctx.stroke();
        }
        current_edges.set_value(es);

        // Thumbnails: inputs from the plane, every other neuron from the network.
        let (Some(&fx), Some(&fy)) = (features.first(), features.get(1)) else {
            return;
        };
        let Ok(data) = studio.data.get() else { return };
        let fixed = studio.data_state.choice.get().fixed_extent();
        let ranges = (
            plane_extent(&data, fx, fixed),
            plane_extent(&data, fy, fixed),
        );
        let spec = GridSpec {
            width: CELLS,
            height: CELLS,
            x_feature: 0,
            y_feature: 1.min(mlp.n_features().saturating_sub(1)),
            x_range: ranges.0,
            y_range: ranges.1,
            base: vec![0.0; mlp.n_features()],
        };
        let mut neurons = Vec::new();
        if mlp.neuron_grid(&spec, &mut neurons).is_err() {
            return;
        }
        // One scratch canvas for every thumbnail and frame: a new one each frame cost a
        // new drawing surface (measured: 2.4 ms in some frames while training).
        let Some(off) = scratch.with_value(Clone::clone).or_else(|| {
            let c = web_sys::window()?
                .document()?
                .create_element("canvas")
                .ok()?
                .dyn_into::<HtmlCanvasElement>()
                .ok()?;
            c.set_width(CELLS as u32);
            c.set_height(CELLS as u32);
            scratch.set_value(Some(c.clone()));
            Some(c)
        }) else {
            return;
        };
        let Ok(Some(octx)) = off.get_context("2d") else {
            return;
        };
        let Ok(octx) = octx.dyn_into::<CanvasRenderingContext2d>() else {
            return;
        };
        let cells = CELLS * CELLS;
        let last_layer = sizes.len() - 1;
        let mut rgba = vec![255u8; cells * 4];
        let mut unit = 0;
        for (col, centres) in l.columns.iter().enumerate() {
            for (i, &(cx, cy)) in centres.iter().enumerate() {
                for cell in 0..cells {
                    let v = if col == 0 && !mlp.input_transforms.is_empty() {
                        let (gx, gy) = (cell % CELLS, cell / CELLS);
                        let t = mlp.input_transforms[i];
                        let (ax, ay) = (spec.x_at(gx), spec.y_at(gy));
                        // normalize by the largest value over the plane's corners and centre
                        let corners = [
                            (spec.x_range.0, spec.y_range.0),
                            (spec.x_range.0, spec.y_range.1),
                            (spec.x_range.1, spec.y_range.0),
                            (spec.x_range.1, spec.y_range.1),
                            (std::f64::consts::FRAC_PI_2, std::f64::consts::FRAC_PI_2),
                        ];
                        let norm = corners
                            .iter()
                            .map(|&(a, b)| t.apply(a, b).abs())
                            .fold(1e-9, f64::max);
                        t.apply(ax, ay) / norm
                    } else if col == 0 {
                        let (gx, gy) = (cell % CELLS, cell / CELLS);
                        if i == 0 {
                            spec.x_at(gx) / spec.x_range.1.abs().max(spec.x_range.0.abs())
                        } else {
                            spec.y_at(gy) / spec.y_range.1.abs().max(spec.y_range.0.abs())
                        }
                    } else {
                        let a = neurons.get(unit * cells + cell).copied().unwrap_or(0.0) as f64;
                        let bounded_01 = (col < last_layer
                            && mlp.network.hidden_activation == Activation::Sigmoid)
                            || (col == last_layer && mlp.network.output == OutputKind::Softmax);
                        if bounded_01 {
                            2.0 * a - 1.0
                        } else {
                            a
                        }
                    };
                    // A softmax output is its class's probability: drawn in that
                    // class's colour, as the surface draws the class.
                    let (r, g, b) =
                        if col == last_layer && mlp.network.output == OutputKind::Softmax {
                            let (cr, cg, cb) = crate::palette::class_rgb(i);
                            let k = ((v + 1.0) / 2.0).clamp(0.0, 1.0);
                            let mix = |c: u8| (255.0 - k * (255.0 - c as f64)).round() as u8;
                            (mix(cr), mix(cg), mix(cb))
                        } else {
                            diverging(v)
                        };
                    rgba[cell * 4..cell * 4 + 4].copy_from_slice(&[r, g, b, 255]);
                }
                if col > 0 {
                    unit += 1;
                }
                if let Ok(img) = ImageData::new_with_u8_clamped_array_and_sh(
                    Clamped(&rgba[..]),
                    CELLS as u32,
                    CELLS as u32,
                ) {
                    let _ = octx.put_image_data(&img, 0.0, 0.0);
                    ctx.set_image_smoothing_enabled(false);
                    let _ = ctx.draw_image_with_html_canvas_element_and_dw_and_dh(
                        &off,
                        cx - THUMB / 2.0,
                        cy - THUMB / 2.0,
                        THUMB,
                        THUMB,
                    );
                    ctx.set_stroke_style_str("rgba(30,30,40,0.6)");
                    ctx.set_line_width(1.0);
                    ctx.stroke_rect(cx - THUMB / 2.0, cy - THUMB / 2.0, THUMB, THUMB);
                }
            }
        }
    });

    let pick = move |ev: &web_sys::MouseEvent| -> Option<Edge> {
        let canvas = canvas_ref.get()?;
        let rect = canvas.get_bounding_client_rect();
        let p = (
            ev.client_x() as f64 - rect.left(),
            ev.client_y() as f64 - rect.top(),
        );
        current_edges.with_value(|es| {
            es.iter()
                .map(|e| (to_segment(p, e.from, e.to), *e))
                .filter(|(d, _)| *d <= 6.0)
                .min_by(|a, b| a.0.total_cmp(&b.0))
                .map(|(_, e)| e)
        })
    };
    let names = move || {
        let sizes = studio
            .run
            .snapshot
            .with(|m| m.as_ref().map(|m| m.network.sizes()).unwrap_or_default());
        let feature_names = studio.feature_names.get();
        let features = studio.features.get();
        (sizes, feature_names, features)
    };
    let describe = move |e: Edge| {
        let (sizes, feature_names, features) = names();
        let from = if e.layer == 0 {
            features
                .get(e.input)
                .and_then(|&f| feature_names.get(f).cloned())
                .unwrap_or_else(|| format!("input {}", e.input + 1))
        } else {
            format!("layer {} neuron {}", e.layer, e.input + 1)
        };
        let to = if e.layer + 2 == sizes.len() {
            format!("output {}", e.output + 1)
        } else {
            format!("layer {} neuron {}", e.layer + 1, e.output + 1)
        };
        format!("{from} → {to}")
    };
    let value = RwSignal::new(String::new());
    // Editing a connection: its weight field takes the focus, so the number can be typed
    // at once.
    let weight_input = NodeRef::<leptos::html::Input>::new();
    let open = move |e: Option<Edge>| {
        selected.set(e);
        if let Some(e) = e {
            value.set(format!("{:.3}", e.weight));
            request_animation_frame(move || {
                if let Some(input) = weight_input.get_untracked() {
                    let _ = input.focus();
                    input.select();
                }
            });
        }
        edit_error.set(None);
    };
    // The picture in words: its layers and its strongest connection.
    let words = crate::clock::paced(
        move || studio.run.playing.get(),
        500.0,
        move || {
            let (sizes, _, _) = names();
            let strongest = studio.run.snapshot.with(|m| {
                let mlp = m.as_ref()?;
                let mut best: Option<Edge> = None;
                for (li, layer) in mlp.network.layers.iter().enumerate() {
                    for o in 0..layer.outputs {
                        for i in 0..layer.inputs {
                            let w = layer.w[o * layer.inputs + i];
                            if best.is_none_or(|b| w.abs() > b.weight.abs()) {
                                best = Some(Edge {
                                    layer: li,
                                    output: o,
                                    input: i,
                                    from: (0.0, 0.0),
                                    to: (0.0, 0.0),
                                    weight: w,
                                });
                            }
                        }
                    }
                }
                best
            });
            let layers: Vec<String> = sizes.iter().map(usize::to_string).collect();
            let strongest = strongest
                .map(|e| {
                    format!(
                        " The strongest connection is {}, weight {:.3}.",
                        describe(e),
                        e.weight
                    )
                })
                .unwrap_or_default();
            format!(
            "A network with layers of {} neurons, inputs first; each neuron drawn as its output over the plane, each connection by its sign and weight.{strongest}",
            layers.join(", ")
        )
        },
    );
    view! {
        <figure class="network">
            <p id="network-description" class="visually-hidden">{words}</p>
            <canvas
                node_ref=canvas_ref
                class="network-canvas"
                role="img"
                aria-label="Network"
                aria-describedby="network-description"
                on:mousemove=move |ev| hovered.set(pick(&ev))
                on:mouseleave=move |_| hovered.set(None)
                tabindex="0"
                aria-keyshortcuts="ArrowRight ArrowLeft Enter Escape"
                on:click=move |ev| open(pick(&ev))
                on:keydown=move |ev| {
                    // The keyboard walks the connections (highlighted as on hover);
                    // Enter edits the one shown.
                    let step: isize = match ev.key().as_str() {
                        "ArrowRight" | "ArrowDown" => 1,
                        "ArrowLeft" | "ArrowUp" => -1,
                        "Enter" | " " => {
                            ev.prevent_default();
                            return open(hovered.get_untracked());
                        }
                        "Escape" => return hovered.set(None),
                        _ => return,
                    };
                    ev.prevent_default();
                    let next = current_edges.with_value(|es| {
                        let n = es.len() as isize;
                        if n == 0 {
                            return None;
                        }
                        let at = hovered.get_untracked().and_then(|h| {
                            es.iter().position(|e| (e.layer, e.output, e.input) == (h.layer, h.output, h.input))
                        });
                        let i = match at {
                            Some(i) => (i as isize + step).rem_euclid(n),
                            None if step > 0 => 0,
                            None => n - 1,
                        };
                        es.get(i as usize).copied()
                    });
                    hovered.set(next);
                }
                on:blur=move |_| if selected.get_untracked().is_none() { hovered.set(None) }
            ></canvas>
            <figcaption>
                <p class="hint" data-testid="edge-hover">
                    {move || match hovered.get() {
                        Some(e) => format!("{}: weight {:.3} (click to edit)", describe(e), e.weight),
                        None => "Each square shows a neuron's output over the plane, and each connection its weight: orange +, blue −, as on the decision surface; an output of class probabilities is drawn in its class's colour. Hover a connection to read its weight and click it to change it (or focus the picture: arrow keys walk the connections, Enter edits one).".to_string(),
                    }}
                </p>
                {move || selected.get().map(|e| view! {
                    <form class="weight-editor" on:submit=move |ev| {
                        ev.prevent_default();
                        match value.get_untracked().trim().parse::<f64>() {
                            Ok(v) if v.is_finite() => match studio.run.set_weight(e.layer, e.output, e.input, v) {
                                Ok(()) => {
                                    edit_error.set(None);
                                    selected.set(None);
                                    if let Some(c) = canvas_ref.get_untracked() {
                                        let _ = c.focus();
                                    }
                                }
                                Err(err) => edit_error.set(Some(err)),
                            },
                            _ => edit_error.set(Some(format!("{:?} is not a number", value.get_untracked()))),
                        }
                    }>
                        <label for="weight-value">{format!("Weight {}", describe(e))}</label>
                        <input id="weight-value" node_ref=weight_input type="text" inputmode="decimal" prop:value=move || value.get()
                            on:input=move |ev| value.set(event_target_value(&ev)) />
                        <button type="submit">"Set weight"</button>
                        <button type="button" on:click=move |_| {
                            selected.set(None);
                            if let Some(c) = canvas_ref.get_untracked() {
                                let _ = c.focus();
                            }
                        }>"Cancel"</button>
                    </form>
                })}
                {move || edit_error.get().map(|e| view! { <p role="alert" class="error">{e}</p> })}
            </figcaption>
        </figure>
    }
}
