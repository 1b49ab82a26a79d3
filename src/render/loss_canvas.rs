//! Loss curves: lines of (epoch, loss) on shared axes, for the studio's loss chart and the
//! comparison's overlay.

use plotters::prelude::*;
use plotters_canvas::CanvasBackend;
use web_sys::HtmlCanvasElement;

use super::canvas_size::fit_to_css;
use crate::format::tick;

/// One curve: its points, colour and line width in CSS pixels.
pub struct LossLine {
    pub points: Vec<(f64, f64)>,
    pub colour: RGBAColor,
    pub width: f64,
}

/// Draws the lines on axes from epoch 0 to the last epoch and loss 0 to the largest
/// finite loss. Drawing errors leave a blank canvas (there is nothing to report).
pub fn draw_loss_lines(canvas: HtmlCanvasElement, lines: &[LossLine]) {
    let (_, _, dpr) = fit_to_css(&canvas);
    let Some(backend) = CanvasBackend::with_canvas_object(canvas) else {
        return;
    };
    let root = backend.into_drawing_area();
    let _ = root.fill(&WHITE);
    let points = || lines.iter().flat_map(|l| l.points.iter());
    let last = points().map(|p| p.0).fold(1.0f64, f64::max);
    let top = points()
        .map(|p| p.1)
        .filter(|v| v.is_finite())
        .fold(0.0f64, f64::max)
        .max(1e-3);
    let px = |v: f64| (v * dpr).round() as u32;
    let font = ("sans-serif", 12.0 * dpr).into_font();
    let Ok(mut chart) = ChartBuilder::on(&root)
        .margin(px(8.0))
        .x_label_area_size(px(38.0))
        .y_label_area_size(px(44.0))
        .build_cartesian_2d(0f64..last, 0f64..top * 1.05)
    else {
        return;
    };
    let _ = chart
        .configure_mesh()
        .disable_mesh()
        .x_desc("epoch")
        .label_style(font.clone())
        .axis_desc_style(font)
        .x_labels(5)
        .y_labels(4)
        .x_label_formatter(&|v| tick(*v))
        .y_label_formatter(&|v| tick(*v))
        .draw();
    for line in lines {
        let _ = chart.draw_series(LineSeries::new(
            line.points.iter().copied(),
            line.colour.stroke_width(px(line.width)),
        ));
    }
    let _ = root.present();
}
