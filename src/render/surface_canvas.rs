//! Paints the decision surface: the grid evaluation as an image (one `putImageData`,
//! never per-pixel plotters calls), vector contours for the boundary and margins,
//! then plotters' axes and the data points on top.

use hyperplane_core::grid::{GridOutput, GridSpec};
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters_canvas::CanvasBackend;
use web_sys::HtmlCanvasElement;

use super::blit::{context_2d, Blitter};
use super::canvas_size::fit_to_css;
use super::contour::{contour, polylines, Segment};
use super::surface_overlay::{chart_on, marker, Overlay, OverlayCache};
use super::surface_pixels::fill_rgba;
use super::{drawing_error as perr, Plotted};
use crate::format::tick;
use crate::palette::class_rgb;
use crate::plane::{plane_extent, surface_spec};
use crate::training::SurfaceKind;

/// Buffers reused from frame to frame.
#[derive(Default)]
pub struct SurfaceBuffers {
    /// The grid of the last frame (the worker evaluates the network's next one over it).
    pub spec: Option<GridSpec>,
    grid: GridOutput,
    rgba: Vec<u8>,
    segments: Vec<Segment>,
    blitter: Blitter,
    overlay: OverlayCache,
}

impl SurfaceBuffers {
    /// The classes that own at least one cell of the last frame, ascending.
    pub fn regions(&self) -> Vec<usize> {
        let mut seen: Vec<usize> = self.grid.label.iter().map(|&c| c as usize).collect();
        seen.sort_unstable();
        seen.dedup();
        seen
    }
}

/// What to draw.
pub struct Scene<'a> {
    pub plotted: Plotted<'a>,
    pub discretize: bool,
    /// A fixed plane (original units), e.g. for drawn data.
    pub fixed_extent: Option<(f64, f64)>,
    /// The plane in the data's own units (x range, y range), overriding both of the
    /// above: side-by-side surfaces of different data drawn at one scale.
    pub units: Option<[(f64, f64); 2]>,
    /// Draw the axes and points once and reuse them while only the surface changes
    /// (the network playing). Off, they are drawn straight onto the canvas, as every
    /// recorded picture was.
    pub reuse_overlay: bool,
}

/// Timings of one frame, in milliseconds, and the grid resolution used.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct FrameStats {
    pub grid_ms: f64,
    pub draw_ms: f64,
    pub grid_width: usize,
    pub grid_height: usize,
    /// The plot area in CSS pixels (left, top, width, height), for mapping the pointer.
    pub plot: (f64, f64, f64, f64),
    /// The plotted ranges, in standardized units.
    pub x_range: (f64, f64),
    pub y_range: (f64, f64),
    /// The same ranges in the data's own units.
    pub x_units: (f64, f64),
    pub y_units: (f64, f64),
}

pub fn draw_surface(
    canvas: &HtmlCanvasElement,
    scene: &Scene<'_>,
    buf: &mut SurfaceBuffers,
    now: impl Fn() -> f64,
) -> Result<FrameStats, String> {
    let start = now();
    let (_, _, dpr) = fit_to_css(canvas);
    let backend = CanvasBackend::with_canvas_object(canvas.clone())
        .ok_or_else(|| "this browser gives no 2D canvas context".to_string())?;
    let root: DrawingArea<CanvasBackend, Shift> = backend.into_drawing_area();
    root.fill(&WHITE).map_err(perr)?;

    let Scene {
        plotted,
        discretize,
        fixed_extent,
        units,
        reuse_overlay,
    } = *scene;
    let Plotted {
        data,
        trained,
        x,
        y,
        ..
    } = plotted;
    let cm = |f: usize, z: f64| data.scaler.inverse_feature(f, z);
    let standardized = |f: usize, u: (f64, f64)| data.scaler.standardize_range(f, u);
    let (xs0, xs1) = units.map_or_else(
        || plane_extent(data, x, fixed_extent),
        |u| standardized(x, u[0]),
    );
    let (ys0, ys1) = units.map_or_else(
        || plane_extent(data, y, fixed_extent),
        |u| standardized(y, u[1]),
    );
    let mut chart = chart_on(
        &root,
        dpr,
        (cm(x, xs0), cm(x, xs1)),
        (cm(y, ys0), cm(y, ys1)),
    )?;
    let (prx, pry) = chart.plotting_area().get_pixel_range();
    let (ox, oy) = (prx.start as f64, pry.start as f64);
    let (pw, ph) = ((prx.end - prx.start) as f64, (pry.end - pry.start) as f64);

    // The surface: about one cell per two CSS pixels, at most 240 a side.
    let cell = crate::training::cell_px(&trained.model);
    let gw = ((pw / dpr / cell).round() as usize).clamp(16, 240);
    let gh = ((ph / dpr / cell).round() as usize).clamp(16, 240);
    let mut spec = surface_spec(data, trained, x, y, gw, gh, fixed_extent)
        .ok_or_else(|| "the model was not trained on the plotted features".to_string())?;
    spec.x_range = (xs0, xs1);
    spec.y_range = (ys0, ys1);
    let t_grid = now();
    crate::training::evaluate_surface(trained, &spec, &mut buf.grid)?;
    buf.spec = Some(spec);
    let grid_ms = now() - t_grid;
    let kind = crate::training::surface_kind(&trained.model, data.train.n_classes());
    let signed = matches!(kind, SurfaceKind::SvmBinary | SurfaceKind::SignedBinary);
    fill_rgba(&buf.grid, gw, gh, signed, discretize, &mut buf.rgba);

    buf.blitter
        .blit(canvas, &buf.rgba, gw, gh, (ox, oy, pw, ph), false)?;
    let ctx = context_2d(canvas)?;

    // Contours, from grid coordinates (cell centres) to canvas pixels.
    let (sx, sy) = (pw / gw as f64, ph / gh as f64);
    let stroke = |segs: &[Segment], width: f64, dash: bool, colour: &str| {
        ctx.begin_path();
        let at = |p: (f32, f32)| (ox + (p.0 as f64 + 0.5) * sx, oy + (p.1 as f64 + 0.5) * sy);
        if dash {
            // Whole lines, so the dashes run along them (per segment, each cell's
            // segment would restart the pattern and the line would look solid).
            for line in polylines(segs) {
                let mut points = line.into_iter().map(at);
                if let Some((x, y)) = points.next() {
                    ctx.move_to(x, y);
                }
                for (x, y) in points {
                    ctx.line_to(x, y);
                }
            }
        } else {
            for s in segs {
                let (a, b) = (at((s[0], s[1])), at((s[2], s[3])));
                ctx.move_to(a.0, a.1);
                ctx.line_to(b.0, b.1);
            }
        }
        ctx.set_line_width(width * dpr);
        let pattern = js_sys::Array::new();
        if dash {
            pattern.push(&(6.0 * dpr).into());
            pattern.push(&(4.0 * dpr).into());
        }
        let _ = ctx.set_line_dash(&pattern);
        ctx.set_stroke_style_str(colour);
        ctx.stroke();
    };
    match kind {
        SurfaceKind::SvmBinary => {
            for (level, dash) in [(1.0, true), (-1.0, true), (0.0, false)] {
                contour(&buf.grid.margin, gw, gh, level, &mut buf.segments);
                stroke(
                    &buf.segments,
                    if dash { 1.2 } else { 2.0 },
                    dash,
                    "rgba(30,30,40,0.85)",
                );
            }
        }
        SurfaceKind::SignedBinary => {
            contour(&buf.grid.margin, gw, gh, 0.0, &mut buf.segments);
            stroke(&buf.segments, 2.0, false, "rgba(30,30,40,0.85)");
        }
        SurfaceKind::SvmPairs => {
            // Each pair's decision value is smooth, so its zero line is a clean
            // boundary; keep it only where the two regions it separates actually meet.
            let n = gw * gh;
            if let hyperplane_core::model::FittedModel::Svc(svm) = &trained.model {
                let classes = svm.classes();
                for (p, &(a, b)) in svm.pairs().iter().enumerate() {
                    let (ca, cb) = (classes[a] as u32, classes[b] as u32);
                    let Some(field) = buf.grid.pair_values.get(p * n..(p + 1) * n) else {
                        continue;
                    };
                    contour(field, gw, gh, 0.0, &mut buf.segments);
                    let labels = &buf.grid.label;
                    buf.segments.retain(|s| meets(labels, gw, gh, s, ca, cb));
                    stroke(&buf.segments, 1.6, false, "rgba(30,30,40,0.85)");
                }
            }
        }
        SurfaceKind::Regions => {
            // Where the predicted class changes (trees and k-NN are piecewise).
            let mut field = Vec::with_capacity(gw * gh);
            for class in 0..data.train.n_classes() as u32 {
                field.clear();
                field.extend(buf.grid.label.iter().map(|&l| f32::from(l == class)));
                contour(&field, gw, gh, 0.5, &mut buf.segments);
                stroke(&buf.segments, 1.4, false, "rgba(30,30,40,0.75)");
            }
        }
    }
    let _ = ctx.set_line_dash(&js_sys::Array::new());

    let overlay = Overlay { plotted, dpr };
    if reuse_overlay {
        let ranges = [(cm(x, xs0), cm(x, xs1)), (cm(y, ys0), cm(y, ys1))];
        let size = (canvas.width(), canvas.height());
        let off = buf.overlay.get(&overlay, ranges, size)?;
        ctx.draw_image_with_html_canvas_element(off, 0.0, 0.0)
            .map_err(|_| "could not draw the axes and points".to_string())?;
    } else {
        overlay.draw(&mut chart)?;
    }
    root.present().map_err(perr)?;
    Ok(FrameStats {
        grid_ms,
        draw_ms: now() - start,
        grid_width: gw,
        grid_height: gh,
        plot: (ox / dpr, oy / dpr, pw / dpr, ph / dpr),
        x_range: (xs0, xs1),
        y_range: (ys0, ys1),
        x_units: (cm(x, xs0), cm(x, xs1)),
        y_units: (cm(y, ys0), cm(y, ys1)),
    })
}

/// Whether a contour segment lies where regions of classes `a` and `b` meet.
fn meets(labels: &[u32], gw: usize, gh: usize, s: &Segment, a: u32, b: u32) -> bool {
    let (c, r) = (
        s[0].min(s[2]).floor() as usize,
        s[1].min(s[3]).floor() as usize,
    );
    let (mut seen_a, mut seen_b) = (false, false);
    for (cc, rr) in [(c, r), (c + 1, r), (c, r + 1), (c + 1, r + 1)] {
        match labels.get(rr.min(gh - 1) * gw + cc.min(gw - 1)) {
            Some(&l) if l == a => seen_a = true,
            Some(&l) if l == b => seen_b = true,
            _ => {}
        }
    }
    seen_a && seen_b
}

/// The plane for drawing your own data before a model can be fitted (no points yet, or
/// one class only): axes over `extent` and the points, no surface.
pub fn draw_points_only(
    canvas: &HtmlCanvasElement,
    points: &[crate::settings::DrawnPoint],
    extent: (f64, f64),
) -> Result<FrameStats, String> {
    let (_, _, dpr) = fit_to_css(canvas);
    let backend = CanvasBackend::with_canvas_object(canvas.clone())
        .ok_or_else(|| "this browser gives no 2D canvas context".to_string())?;
    let root = backend.into_drawing_area();
    root.fill(&WHITE).map_err(perr)?;
    let font = ("sans-serif", 13.0 * dpr)
        .into_font()
        .color(&RGBColor(40, 40, 48));
    let mut chart = chart_on(&root, dpr, extent, extent)?;
    let (prx, pry) = chart.plotting_area().get_pixel_range();
    chart
        .configure_mesh()
        .x_label_formatter(&|v| tick(*v))
        .y_label_formatter(&|v| tick(*v))
        .x_desc("x1")
        .y_desc("x2")
        .light_line_style(RGBColor(238, 238, 242))
        .bold_line_style(RGBColor(226, 226, 232))
        .label_style(font.clone())
        .axis_desc_style(font)
        .draw()
        .map_err(perr)?;
    let r = (4.0 * dpr).round() as i32;
    for class in 0..crate::settings::DRAWN_CLASSES.len() {
        let (cr, cg, cb) = class_rgb(class);
        let pts: Vec<(f64, f64)> = points
            .iter()
            .filter(|p| p.2 == class)
            .map(|p| (p.0, p.1))
            .collect();
        let shade = |c: u8| (c as f32 * 0.5) as u8;
        for style in [
            RGBColor(cr, cg, cb).filled(),
            ShapeStyle {
                color: RGBColor(shade(cr), shade(cg), shade(cb)).to_rgba(),
                filled: false,
                stroke_width: dpr.round().max(1.0) as u32,
            },
        ] {
            chart
                .draw_series(pts.iter().map(|&p| marker(class, p, r, style)))
                .map_err(perr)?;
        }
    }
    root.present().map_err(perr)?;
    let (ox, oy) = (prx.start as f64 / dpr, pry.start as f64 / dpr);
    let (pw, ph) = (
        (prx.end - prx.start) as f64 / dpr,
        (pry.end - pry.start) as f64 / dpr,
    );
    Ok(FrameStats {
        grid_ms: 0.0,
        draw_ms: 0.0,
        grid_width: 0,
        grid_height: 0,
        plot: (ox, oy, pw, ph),
        x_range: extent,
        y_range: extent,
        x_units: extent,
        y_units: extent,
    })
}
