//! The surface: the fitted model over the plane — classes shaded by confidence with
//! their boundaries, or values as colour — with the points, a legend, what the pointer
//! is over, and a note on what the picture is. Drawn data is edited here by clicking.

use std::cell::RefCell;
use std::rc::Rc;
use std::sync::Arc;

use leptos::prelude::*;

use super::class_legend::ClassLegend;
use super::plane_notes::PlaneNotes;
use super::surface_description::SurfaceDescription;
use super::surface_hover::{describe, pointer_at, tooltip_place, Place, PlotView};
use super::value_legend::ValueLegend;
use crate::clock::now_ms;
use crate::edit_data::{self, Spot};
use crate::plane::PlaneAt;
use crate::render::surface_canvas::{
    draw_points_only, draw_surface, FrameStats, Scene, SurfaceBuffers,
};
use crate::render::value_surface::{draw_values, ValueBuffers, ValueFrame, ValueScene};
use crate::render::Plotted;

/// A touch held this long removes the nearest point instead of adding one.
const LONG_PRESS_MS: f64 = 500.0;
use crate::studio::Studio;
use crate::training::{cell_px, surface_kind, SurfaceKind};
use hyperplane_core::model::FittedModel;

/// The last frame drawn: a classifier's (or drawn points'), or a regressor's with the
/// milliseconds it took.
#[derive(Debug, Clone)]
enum Frame {
    Classes(FrameStats),
    Values(ValueFrame, f64),
}

impl Frame {
    fn view(&self) -> PlotView {
        match self {
            Frame::Classes(s) => PlotView {
                plot: s.plot,
                x_range: s.x_range,
                y_range: s.y_range,
            },
            Frame::Values(f, _) => PlotView {
                plot: f.plot,
                x_range: f.ranges[0],
                y_range: f.ranges[1],
            },
        }
    }
}

/// Draws what the studio shows now; `None` when there is nothing to draw.
fn draw(
    canvas: &web_sys::HtmlCanvasElement,
    studio: &Studio,
    (show_test, discretize): (bool, bool),
    buffers: &mut (SurfaceBuffers, ValueBuffers),
) -> Result<Option<Frame>, String> {
    let (x, y) = (studio.plane.x_feature.get(), studio.plane.y_feature.get());
    let fixed_extent = studio.data_state.choice.get().fixed_extent();
    let (Ok(data), Ok(trained)) = (studio.data.get(), studio.trained.get()) else {
        // Drawing your own data: show the empty plane and the points so far (read only
        // here: once there is a model, the data already follows the points).
        return fixed_extent
            .map(|extent| {
                let frame = studio
                    .data_state
                    .drawn
                    .with(|d| draw_points_only(canvas, d, extent));
                frame.map(Frame::Classes)
            })
            .transpose();
    };
    if trained.model.is_regressor() != data.train.is_regression() {
        return Ok(None);
    }
    // The plane the remote fit's worker draws on too (`PlaneAt::shown`).
    let at = PlaneAt::shown(
        trained.model.is_regressor(),
        &trained.features,
        (x, y),
        fixed_extent,
    );
    let plotted = Plotted {
        data: &data,
        trained: &trained,
        x: at.x,
        y: at.y,
        show_test,
    };
    if trained.model.is_regressor() {
        let scene = ValueScene {
            plotted,
            units: None,
            cell_px: cell_px(&trained.model),
        };
        let start = now_ms();
        let frame = draw_values(canvas, &scene, &mut buffers.1)?;
        return Ok(Some(Frame::Values(frame, now_ms() - start)));
    }
    let scene = Scene {
        plotted,
        discretize,
        fixed_extent: at.fixed,
        units: None,
        // While playing only the surface changes from frame to frame. Tracked: the
        // paused picture is drawn straight again, pixel for pixel what a restore draws.
        reuse_overlay: studio.run.playing.get(),
    };
    draw_surface(canvas, &scene, &mut buffers.0, now_ms).map(|s| Some(Frame::Classes(s)))
}

#[component]
pub fn Surface() -> impl IntoView {
    let studio = expect_context::<Studio>();
    let plane = studio.plane;
    let canvas_ref = NodeRef::<leptos::html::Canvas>::new();
    let buffers = Rc::new(RefCell::new(Default::default()));
    let frame = RwSignal::new(None::<Frame>);
    let regions = RwSignal::new(Vec::<usize>::new());
    let draw_error = RwSignal::new(None::<String>);
    let show_test = RwSignal::new(true);
    let discretize = RwSignal::new(false);
    let values = move || studio.data_state.is_regression();
    let resized = RwSignal::new(0u32);
    let first_drawn = std::cell::Cell::new(false);
    let _resize = window_event_listener(leptos::ev::resize, move |_| resized.update(|n| *n += 1));

    Effect::new(move |_| {
        resized.track();
        let toggles = (show_test.get(), discretize.get());
        let Some(canvas) = canvas_ref.get() else {
            return;
        };
        let drawn = draw(&canvas, &studio, toggles, &mut buffers.borrow_mut());
        match drawn {
            Ok(Some(f)) => {
                // The load-time benchmark reads when the first live picture was drawn.
                if !first_drawn.replace(true) {
                    let _ = web_sys::window()
                        .and_then(|w| w.performance())
                        .map(|p| p.mark("first-surface"));
                }
                // The worker training the network evaluates its next surface on this grid.
                let (classes, values) = &*buffers.borrow();
                let spec = match f {
                    Frame::Classes(_) => classes.spec.clone(),
                    Frame::Values(..) => values.spec.clone(),
                };
                if let Frame::Classes(_) = f {
                    let now = classes.regions();
                    if regions.with_untracked(|r| *r != now) {
                        regions.set(now);
                    }
                }
                let plot = f.view().plot;
                // Where the picture is, without its axes (CSS pixels): tests compare it
                // apart from the tick labels' typography.
                let at = format!("{} {} {} {}", plot.0, plot.1, plot.2, plot.3);
                // Only when it moved: an attribute set every frame is a DOM change.
                if canvas.get_attribute("data-plot").as_deref() != Some(at.as_str()) {
                    let _ = canvas.set_attribute("data-plot", &at);
                }
                if let Some(spec) = &spec {
                    studio.remote.set_drawn(spec.clone(), (plot.2, plot.3));
                }
                studio.run.grid.set_value(spec);
                frame.set(Some(f));
                draw_error.set(None);
            }
            Ok(None) => {
                // No model fits this data: no other model's picture stays up (setting
                // the width clears the canvas).
                canvas.set_width(canvas.width());
                frame.set(None);
            }
            Err(e) => draw_error.set(Some(e)),
        }
    });

    // Hover: the point under the pointer (or the plane there) and what the model says.
    let hover = RwSignal::new(None::<(Place, String)>);
    let show_info = move |f: &Frame,
                          data: &hyperplane_core::preprocess::Prepared,
                          trained: &crate::training::Trained,
                          px: f64,
                          py: f64,
                          place: Place| {
        let shown = match f {
            Frame::Values(..) => (trained.features[0], trained.features[1]),
            Frame::Classes(_) => (
                plane.x_feature.get_untracked(),
                plane.y_feature.get_untracked(),
            ),
        };
        let with_test = show_test.get_untracked();
        let text = describe(data, trained, shown, &f.view(), (px, py), with_test);
        hover.set(text.map(|t| (place, t)));
    };
    let on_move = move |ev: web_sys::MouseEvent| {
        let (Some(f), Some(canvas)) = (frame.get_untracked(), canvas_ref.get_untracked()) else {
            return;
        };
        let (Ok(data), Ok(trained)) = (studio.data.get_untracked(), studio.trained.get_untracked())
        else {
            return hover.set(None);
        };
        let (px, py, place) = pointer_at(&canvas, &ev);
        show_info(&f, &data, &trained, px, py, place);
    };

    // Drawing your own data: a click (or tap) adds a point of the chosen class; with the
    // eraser, or a right click, it removes the nearest point.
    let data_state = studio.data_state;
    let touch_start = RwSignal::new(None::<f64>);
    let edit_at = move |px: f64, py: f64, erase: bool| {
        // Any classification data can be edited (regression frames are values).
        let Some(Frame::Classes(s)) = frame.get_untracked() else {
            return;
        };
        let (left, top, w, h) = s.plot;
        if px < left || py < top || px > left + w || py > top + h || w <= 0.0 || h <= 0.0 {
            return;
        }
        let per_px = (
            (s.x_units.1 - s.x_units.0) / w,
            (s.y_units.1 - s.y_units.0) / h,
        );
        let spot = Spot {
            x: s.x_units.0 + (px - left) * per_px.0,
            y: s.y_units.1 - (py - top) * per_px.1,
            per_px,
        };
        match (erase, data_state.brush.get_untracked()) {
            (false, Some(class)) => draw_error.set(edit_data::add(&studio, spot, class).err()),
            _ => edit_data::remove(&studio, spot),
        }
    };

    // The keyboard's pointer: arrow keys move a cursor over the plot (Shift: farther),
    // the model's answer there shows as on hover; on classification data Enter adds a point of the
    // chosen class and Delete removes the nearest, as a click and a right click do.
    let cursor = RwSignal::new(None::<(f64, f64)>);
    let on_key = move |ev: web_sys::KeyboardEvent| {
        let Some(f) = frame.get_untracked() else {
            return;
        };
        let (left, top, w, h) = f.view().plot;
        let (x, y) = cursor
            .get_untracked()
            .unwrap_or((left + w / 2.0, top + h / 2.0));
        let step = if ev.shift_key() { 0.1 } else { 0.02 };
        let (dx, dy) = match ev.key().as_str() {
            "ArrowLeft" => (-step * w, 0.0),
            "ArrowRight" => (step * w, 0.0),
            "ArrowUp" => (0.0, -step * h),
            "ArrowDown" => (0.0, step * h),
            "Enter" | " " => {
                ev.prevent_default();
                return edit_at(x, y, false);
            }
            "Delete" | "Backspace" => {
                ev.prevent_default();
                return edit_at(x, y, true);
            }
            "Escape" => {
                cursor.set(None);
                return hover.set(None);
            }
            _ => return,
        };
        ev.prevent_default();
        let (x, y) = ((x + dx).clamp(left, left + w), (y + dy).clamp(top, top + h));
        cursor.set(Some((x, y)));
        let (Ok(data), Ok(trained), Some(canvas)) = (
            studio.data.get_untracked(),
            studio.trained.get_untracked(),
            canvas_ref.get_untracked(),
        ) else {
            return;
        };
        let width = canvas.client_width() as f64;
        show_info(&f, &data, &trained, x, y, tooltip_place(x, y, width));
    };

    let timing = move || {
        // A network's frame from the worker was neither fitted nor evaluated here; a big
        // set's model was fitted in a worker, its surface too if over the drawn grid.
        let drawn_grid = studio.run.grid.get_value();
        let (fit, remote, big) = studio.trained.with(|t| {
            t.as_ref()
                .map(|t| {
                    let over =
                        |s: &Arc<crate::training::Surface>| Some(&s.0) == drawn_grid.as_ref();
                    (t.fit_ms, t.surface.as_ref().is_some_and(over), t.in_worker)
                })
                .unwrap_or((0.0, false, false))
        });
        frame.get().map(|f| match f {
            Frame::Classes(s) if remote && fit == 0.0 => format!(
                "Surface {}×{} from the worker · frame drawn in {:.1} ms",
                s.grid_width, s.grid_height, s.draw_ms
            ),
            Frame::Classes(s) => format!(
                "Fit {:.1} ms{} · surface {}×{} {} · frame drawn in {:.1} ms",
                fit,
                if big { " in a worker" } else { "" },
                s.grid_width,
                s.grid_height,
                if remote {
                    "from the worker".to_string()
                } else {
                    format!("in {:.1} ms", s.grid_ms)
                },
                s.draw_ms
            ),
            Frame::Values(_, ms) => format!("frame drawn in {ms:.1} ms"),
        })
    };
    let class_names = Signal::derive(move || {
        studio.data.with(|d| {
            d.as_ref()
                .map(|d| d.train.class_names().to_vec())
                .unwrap_or_default()
        })
    });
    // What the legend explains, read without copying the model every frame.
    let (svm, margins) = (
        Memo::new(move |_| {
            studio
                .trained
                .with(|t| matches!(t.as_ref().map(|t| &t.model), Ok(FittedModel::Svc(_))))
        }),
        Memo::new(move |_| {
            studio.trained.with(|t| {
                t.as_ref()
                    .is_ok_and(|t| surface_kind(&t.model, 2) == SurfaceKind::SvmBinary)
            })
        }),
    );
    let scale = Signal::derive(move || match frame.get() {
        Some(Frame::Values(f, _)) => Some((f.lo, f.hi, f.target)),
        _ => None,
    });

    view! {
        <figure class="surface">
            <div class="surface-wrap">
                <canvas
                    node_ref=canvas_ref
                    class="surface-canvas"
                    role="img"
                    aria-label="Decision boundary"
                    aria-describedby="surface-description"
                    tabindex="0"
                    on:keydown=on_key
                    on:blur=move |_| {
                        cursor.set(None);
                        hover.set(None);
                    }
                    on:mousemove=on_move
                    on:mouseleave=move |_| hover.set(None)
                    on:pointerdown=move |ev| {
                        // A touch adds on release, or removes after a long press; the
                        // left button or a pen adds now (the right button erases, by
                        // the context menu).
                        if ev.pointer_type() == "touch" {
                            touch_start.set(Some(now_ms()));
                        } else if ev.button() == 0 {
                            if let Some(c) = canvas_ref.get_untracked() {
                                let (px, py, _) = pointer_at(&c, &ev);
                                edit_at(px, py, false);
                            }
                        }
                    }
                    on:pointerup=move |ev| {
                        let Some(start) = touch_start.get_untracked() else { return };
                        touch_start.set(None);
                        if let Some(c) = canvas_ref.get_untracked() {
                            let (px, py, _) = pointer_at(&c, &ev);
                            edit_at(px, py, now_ms() - start >= LONG_PRESS_MS);
                        }
                    }
                    on:pointercancel=move |_| touch_start.set(None)
                    on:contextmenu=move |ev| {
                        if matches!(frame.get_untracked(), Some(Frame::Classes(_))) {
                            ev.prevent_default();
                            // A long press's context menu: the release removes.
                            if touch_start.get_untracked().is_none() {
                                if let Some(c) = canvas_ref.get_untracked() {
                                    let (px, py, _) = pointer_at(&c, &ev);
                                    edit_at(px, py, true);
                                }
                            }
                        }
                    }
                ></canvas>
                {move || cursor.get().map(|(x, y)| view! {
                    <div class="key-cursor" data-testid="key-cursor" style:left=format!("{x:.1}px") style:top=format!("{y:.1}px")></div>
                })}
                {move || hover.get().map(|(place, text)| view! {
                    <div class="tooltip" data-testid="hover-info" style:left=place.0 style:right=place.1 style:top=place.2>
                        {text}
                    </div>
                })}
            </div>
            <SurfaceDescription id="surface-description" regions=regions/>
            <figcaption>
                <Show when=values fallback=move || view! { <ClassLegend classes=class_names svm=svm margins=margins/> }>
                    <ValueLegend scale=scale/>
                </Show>
                <label class="toggle">
                    <input
                        type="checkbox"
                        prop:checked=move || show_test.get()
                        on:change=move |ev| show_test.set(event_target_checked(&ev))
                    />
                    "Show test data"
                </label>
                <Show when=move || !values()>
                    <label class="toggle">
                        <input
                            type="checkbox"
                            prop:checked=move || discretize.get()
                            on:change=move |ev| discretize.set(event_target_checked(&ev))
                        />
                        "Discretize"
                    </label>
                    <PlaneNotes/>
                </Show>
                <p class="timing">
                    "Fits so far: "
                    <output data-testid="fit-count">{move || studio.fits.get()}</output>
                </p>
                <p class="timing" data-testid="frame-time">{timing}</p>
                {move || {
                    let e = draw_error.get().or_else(|| studio.trained.get().err());
                    e.map(|e| view! { <p role="alert" class="error">{e}</p> })
                }}
            </figcaption>
        </figure>
    }
}
