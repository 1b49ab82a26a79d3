//! One cell of the model comparison, drawn as scikit-learn's "classifier comparison"
//! draws it: the model's regions shaded by confidence, training points filled and test
//! points hollow, no axes.

use hyperplane_core::grid::{GridOutput, GridSpec};
use hyperplane_core::Dataset;
use web_sys::HtmlCanvasElement;

use super::blit::{blit, context_2d};
use super::canvas_size::fit_to_css;
use super::surface_pixels::fill_rgba;
use crate::palette::class_css;

/// Draws `surface` (over `spec`) and the points of `train` and `test` (two features, the
/// grid's units) into `canvas`.
pub fn draw_cell(
    canvas: &HtmlCanvasElement,
    spec: &GridSpec,
    surface: &GridOutput,
    signed: bool,
    train: &Dataset,
    test: &Dataset,
) -> Result<(), String> {
    let (w, h, dpr) = fit_to_css(canvas);
    let (w, h) = (w as f64, h as f64);
    let mut rgba = Vec::new();
    fill_rgba(surface, spec.width, spec.height, signed, false, &mut rgba);
    blit(
        canvas,
        &rgba,
        spec.width,
        spec.height,
        (0.0, 0.0, w, h),
        true,
    )?;
    let ctx = context_2d(canvas)?;
    let (x0, x1) = spec.x_range;
    let (y0, y1) = spec.y_range;
    let at = |x: f64, y: f64| ((x - x0) / (x1 - x0) * w, (y1 - y) / (y1 - y0) * h);
    let r = 2.6 * dpr;
    for (set, filled) in [(train, true), (test, false)] {
        let Ok(labels) = set.labels() else { continue };
        for (row, &class) in set.x().rows().into_iter().zip(labels) {
            let (px, py) = at(row[0], row[1]);
            ctx.begin_path();
            let _ = ctx.arc(px, py, r, 0.0, std::f64::consts::TAU);
            let colour = class_css(class);
            if filled {
                ctx.set_fill_style_str(&colour);
                ctx.fill();
                ctx.set_stroke_style_str("rgba(0,0,0,0.55)");
                ctx.set_line_width(0.6 * dpr);
                ctx.stroke();
            } else {
                ctx.set_stroke_style_str(&colour);
                ctx.set_line_width(1.4 * dpr);
                ctx.stroke();
            }
        }
    }
    Ok(())
}
