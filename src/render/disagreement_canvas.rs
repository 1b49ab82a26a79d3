//! Paints a disagreement map: cells where two models predict different classes in a
//! strong colour, the rest pale, with the plane's units on the axes.

use plotters::prelude::*;
use plotters_canvas::CanvasBackend;
use wasm_bindgen::{Clamped, JsCast};
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement, ImageData};

use super::canvas_size::fit_to_css;
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
    let perr = |e| format!("drawing error: {e:?}");
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
    let mut rgba = Vec::with_capacity(d.differs.len() * 4);
    for &differs in &d.differs {
        rgba.extend_from_slice(if differs {
            &[213, 94, 0, 255]
        } else {
            &[236, 238, 242, 255]
        });
    }
    let document = web_sys::window()
        .and_then(|w| w.document())
        .ok_or("no document")?;
    let off: HtmlCanvasElement = document
        .create_element("canvas")
        .map_err(|_| "no canvas")?
        .dyn_into()
        .map_err(|_| "no canvas")?;
    off.set_width(d.width as u32);
    off.set_height(d.height as u32);
    let ctx2d = |c: &HtmlCanvasElement| -> Result<CanvasRenderingContext2d, String> {
        c.get_context("2d")
            .ok()
            .flatten()
            .and_then(|c| c.dyn_into().ok())
            .ok_or_else(|| "no 2D canvas".to_string())
    };
    let image = ImageData::new_with_u8_clamped_array_and_sh(
        Clamped(&rgba[..]),
        d.width as u32,
        d.height as u32,
    )
    .map_err(|_| "could not make the image")?;
    ctx2d(&off)?
        .put_image_data(&image, 0.0, 0.0)
        .map_err(|_| "could not draw the image")?;
    let ctx = ctx2d(canvas)?;
    ctx.set_image_smoothing_enabled(false);
    ctx.draw_image_with_html_canvas_element_and_dw_and_dh(
        &off,
        prx.start as f64,
        pry.start as f64,
        (prx.end - prx.start) as f64,
        (pry.end - pry.start) as f64,
    )
    .map_err(|_| "could not draw the image")?;
    chart
        .configure_mesh()
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
