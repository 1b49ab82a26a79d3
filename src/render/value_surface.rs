//! Paints a regressor's predicted value over the plane (blue low, white middle, orange
//! high) with the points in their true value's colour: the studio's regression surface
//! and the comparison's regression versions.

use hyperplane_core::grid::{GridOutput, GridSpec};
use plotters::prelude::*;
use plotters_canvas::CanvasBackend;

use super::{drawing_error as perr, Plotted};
use web_sys::HtmlCanvasElement;

use super::blit::Blitter;
use super::canvas_size::fit_to_css;
use crate::format::tick;
use crate::plane::{grid_spec, plane_ranges, value_span};

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

/// What to draw: a regressor on its data, on the plane of features `x` and `y`.
pub struct ValueScene<'a> {
    pub plotted: Plotted<'a>,
    /// The plane in the data's units, when shared with other surfaces.
    pub units: Option<[(f64, f64); 2]>,
    /// CSS pixels per grid cell side.
    pub cell_px: f64,
}

/// Kept between frames so redrawing allocates nothing.
#[derive(Default)]
pub struct ValueBuffers {
    /// The grid of the last frame (the worker evaluates the network's next one over it).
    pub spec: Option<GridSpec>,
    grid: GridOutput,
    rgba: Vec<u8>,
    blitter: Blitter,
}

/// What was drawn: the colour scale's ends and the target's name (for the legend), and
/// where the plane is (for pointing at it).
#[derive(Debug, Clone, PartialEq)]
pub struct ValueFrame {
    pub lo: f64,
    pub hi: f64,
    pub target: String,
    /// The plotting area in CSS pixels: left, top, width, height.
    pub plot: (f64, f64, f64, f64),
    /// The plane's ranges in standardized units.
    pub ranges: [(f64, f64); 2],
}

pub fn draw_values(
    canvas: &HtmlCanvasElement,
    scene: &ValueScene<'_>,
    buf: &mut ValueBuffers,
) -> Result<ValueFrame, String> {
    let Plotted {
        data,
        trained,
        x,
        y,
        ..
    } = scene.plotted;
    let (_, _, dpr) = fit_to_css(canvas);
    let backend = CanvasBackend::with_canvas_object(canvas.clone()).ok_or("no 2D canvas")?;
    let root = backend.into_drawing_area();
    root.fill(&WHITE).map_err(perr)?;
    let cm = |f: usize, z: f64| data.scaler.inverse_feature(f, z);
    let ranges = plane_ranges(data, x, y, scene.units);
    let [xs, ys] = ranges;
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
    let cells = |len: f64| ((len / dpr / scene.cell_px).round() as usize).clamp(16, 240);
    let (gw, gh) = (cells(pw), cells(ph));
    let spec =
        grid_spec(trained, x, y, ranges, gw, gh).ok_or("the model does not read the plane")?;
    crate::training::evaluate_surface(trained, &spec, &mut buf.grid)?;
    buf.spec = Some(spec);
    // Colours span the training targets, so points and surface read on one scale.
    let (lo, hi, span) = value_span(data.train.values().unwrap_or_default());
    let t = |v: f64| (v - lo) / span;
    buf.rgba.clear();
    for &v in &buf.grid.margin {
        let (r, g, b) = value_rgb(t(v as f64));
        buf.rgba.extend_from_slice(&[r, g, b, 255]);
    }
    buf.blitter.blit(
        canvas,
        &buf.rgba,
        gw,
        gh,
        (prx.start as f64, pry.start as f64, pw, ph),
        true,
    )?;
    chart
        .configure_mesh()
        .x_label_formatter(&|v| tick(*v))
        .y_label_formatter(&|v| tick(*v))
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
    let parts: &[_] = if scene.plotted.show_test {
        &[(&data.train, true), (&data.test, false)]
    } else {
        &[(&data.train, true)]
    };
    for &(set, filled) in parts {
        chart
            .draw_series(
                set.x()
                    .rows()
                    .into_iter()
                    .zip(set.values().unwrap_or_default())
                    .take(super::drawn_points(set.n_samples()))
                    .map(|(row, &v)| {
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
                            // A test point's ring in a mid-scale value is nearly white
                            // on the white middle of the scale: a thin dark edge keeps
                            // it visible.
                            + Circle::new(
                                (0, 0),
                                if filled { 0 } else { size + px(1.5) as i32 },
                                RGBColor(40, 40, 48).mix(0.7).stroke_width(1),
                            )
                    }),
            )
            .map_err(perr)?;
    }
    root.present().map_err(perr)?;
    Ok(ValueFrame {
        lo,
        hi,
        target: data.train.target_name().to_string(),
        plot: (
            prx.start as f64 / dpr,
            pry.start as f64 / dpr,
            pw / dpr,
            ph / dpr,
        ),
        ranges,
    })
}
