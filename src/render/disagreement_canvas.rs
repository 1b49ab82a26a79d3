//! Paints a disagreement map: cells where two models differ in a strong colour
//! (regressors: shaded by how much), the rest pale, with the plane's units on the axes.

use plotters::prelude::*;
use plotters_canvas::CanvasBackend;

use super::drawing_error as perr;
use web_sys::HtmlCanvasElement;

use super::blit::blit;
use super::canvas_size::fit_to_css;
use crate::format::tick;
use crate::registry::disagreement::Disagreement;

pub fn draw_disagreement(
    canvas: &HtmlCanvasElement,
    d: &Disagreement,
    x_name: &str,
    y_name: &str,
) -> Result<(), String> {
    let (_, _, dpr) = fit_to_css(canvas);
    let backend = CanvasBackend::with_canvas_object(canvas.clone()).ok_or("no 2D canvas")?;
    let root = backend.into_drawing_area();
    root.fill(&WHITE).map_err(perr)?;
    let px = |v: f64| (v * dpr).round() as u32;
    let font = ("sans-serif", 12.0 * dpr).into_font();
    let mut chart = ChartBuilder::on(&root)
        .margin(px(8.0))
        .x_label_area_size(px(36.0))
        .y_label_area_size(px(46.0))
        .build_cartesian_2d(d.x_units.0..d.x_units.1, d.y_units.0..d.y_units.1)
        .map_err(perr)?;
    let (prx, pry) = chart.plotting_area().get_pixel_range();
    // Pale where they agree, orange where they differ, in between by how much.
    let mut rgba = Vec::with_capacity(d.strength.len() * 4);
    let mix = |a: f32, b: f32, t: f32| (a + (b - a) * t).round() as u8;
    for &t in &d.strength {
        let t = t.clamp(0.0, 1.0);
        rgba.extend_from_slice(&[
            mix(236.0, 213.0, t),
            mix(238.0, 94.0, t),
            mix(242.0, 0.0, t),
            255,
        ]);
    }
    blit(
        canvas,
        &rgba,
        d.width,
        d.height,
        (
            prx.start as f64,
            pry.start as f64,
            (prx.end - prx.start) as f64,
            (pry.end - pry.start) as f64,
        ),
        false,
    )?;
    chart
        .configure_mesh()
        .x_label_formatter(&|v| tick(*v))
        .y_label_formatter(&|v| tick(*v))
        .disable_mesh()
        .x_desc(x_name)
        .y_desc(y_name)
        .label_style(font.clone())
        .axis_desc_style(font)
        .x_labels(5)
        .y_labels(5)
        .draw()
        .map_err(perr)?;
    root.present().map_err(perr)?;
    Ok(())
}
