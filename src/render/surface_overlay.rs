//! What is drawn over the decision surface: the axes and the data points. While the
//! network plays only the surface changes from frame to frame, so the overlay can be
//! drawn once into a transparent canvas of its own and copied over each frame: the
//! browser then rasterizes one image per frame instead of every marker and label (most
//! of a frame's main-thread work while training, in a Chromium trace).

use std::hash::{Hash, Hasher};

use plotters::coord::types::RangedCoordf64;
use plotters::prelude::*;
use plotters_canvas::CanvasBackend;
use wasm_bindgen::JsCast;
use web_sys::HtmlCanvasElement;

use super::{drawing_error as perr, drawn_points, Plotted};
use crate::format::tick;
use crate::palette::class_rgb;

pub type Chart<'a> = ChartContext<'a, CanvasBackend, Cartesian2d<RangedCoordf64, RangedCoordf64>>;

/// The chart over `root` with the surface's margins: the same canvas size gives the
/// same plot area on every canvas, so an overlay drawn apart lines up.
pub fn chart_on<'a>(
    root: &DrawingArea<CanvasBackend, plotters::coord::Shift>,
    dpr: f64,
    x: (f64, f64),
    y: (f64, f64),
) -> Result<Chart<'a>, String> {
    let px = |v: f64| (v * dpr).round() as u32;
    ChartBuilder::on(root)
        .margin(px(10.0))
        .x_label_area_size(px(44.0))
        .y_label_area_size(px(52.0))
        .build_cartesian_2d(x.0..x.1, y.0..y.1)
        .map_err(perr)
}

/// The axes and points over a surface, in the data's own units.
pub struct Overlay<'a> {
    pub plotted: Plotted<'a>,
    pub dpr: f64,
}

impl Overlay<'_> {
    fn point(&self, d: &hyperplane_core::Dataset, i: usize) -> (f64, f64) {
        let s = &self.plotted.data.scaler;
        (
            s.inverse_feature(self.plotted.x, d.x()[[i, self.plotted.x]]),
            s.inverse_feature(self.plotted.y, d.x()[[i, self.plotted.y]]),
        )
    }

    fn parts(&self) -> &'static [bool] {
        if self.plotted.show_test {
            &[true, false]
        } else {
            &[true]
        }
    }

    fn part(&self, train: bool) -> &hyperplane_core::Dataset {
        if train {
            &self.plotted.data.train
        } else {
            &self.plotted.data.test
        }
    }

    /// Everything the overlay's pixels depend on besides the canvas: what it was drawn
    /// from, point by point, so a cached overlay is never shown for other data.
    fn key(&self, ranges: [(f64, f64); 2], size: (u32, u32)) -> u64 {
        let mut h = std::collections::hash_map::DefaultHasher::new();
        (
            size,
            self.dpr.to_bits(),
            self.plotted.x,
            self.plotted.y,
            self.plotted.show_test,
        )
            .hash(&mut h);
        for (a, b) in ranges {
            (a.to_bits(), b.to_bits()).hash(&mut h);
        }
        self.plotted.data.train.feature_names().hash(&mut h);
        self.plotted.trained.model.support_indices().hash(&mut h);
        for &train in self.parts() {
            let d = self.part(train);
            let labels = d.labels().unwrap_or_default();
            for (i, label) in labels.iter().take(drawn_points(labels.len())).enumerate() {
                let (px, py) = self.point(d, i);
                (px.to_bits(), py.to_bits(), label).hash(&mut h);
            }
        }
        h.finish()
    }

    /// Draws the axes, then the points: training filled, test hollow, support vectors
    /// ringed; shape by class.
    pub fn draw(&self, chart: &mut Chart<'_>) -> Result<(), String> {
        let dpr = self.dpr;
        let font = ("sans-serif", 13.0 * dpr)
            .into_font()
            .color(&RGBColor(40, 40, 48));
        let names = self.plotted.data.train.feature_names();
        let name = |f: usize| names.get(f).cloned().unwrap_or_default();
        chart
            .configure_mesh()
            .x_label_formatter(&|v| tick(*v))
            .y_label_formatter(&|v| tick(*v))
            .disable_mesh()
            .x_desc(name(self.plotted.x))
            .y_desc(name(self.plotted.y))
            .label_style(font.clone())
            .axis_desc_style(font)
            .axis_style(RGBColor(90, 90, 100))
            .x_labels(8)
            .y_labels(8)
            .draw()
            .map_err(perr)?;

        let r = (4.0 * dpr).round() as i32;
        let sv_ring = ShapeStyle {
            color: RGBColor(20, 20, 28).to_rgba(),
            filled: false,
            stroke_width: (1.5 * dpr).round().max(1.0) as u32,
        };
        let train = &self.plotted.data.train;
        chart
            .draw_series(
                self.plotted
                    .trained
                    .model
                    .support_indices()
                    .iter()
                    .filter(|&&i| i < drawn_points(train.n_samples()))
                    .map(|&i| Circle::new(self.point(train, i), r + (3.5 * dpr) as i32, sv_ring)),
            )
            .map_err(perr)?;
        for &filled in self.parts() {
            let d = self.part(filled);
            for class in 0..d.n_classes() {
                let (cr, cg, cb) = class_rgb(class);
                let colour = RGBColor(cr, cg, cb);
                let body = if filled {
                    colour.filled()
                } else {
                    WHITE.filled()
                };
                // A darker shade of the class colour outlines filled markers: it separates
                // a point from a region of its own colour without turning small shapes black.
                let shade = |c: u8| (c as f32 * 0.5) as u8;
                let outline = ShapeStyle {
                    color: if filled {
                        RGBColor(shade(cr), shade(cg), shade(cb)).to_rgba()
                    } else {
                        colour.to_rgba()
                    },
                    filled: false,
                    stroke_width: (if filled { 1.0 } else { 2.0 } * dpr).round().max(1.0) as u32,
                };
                let labels = d.labels().unwrap_or_default();
                let pts: Vec<(f64, f64)> = (0..drawn_points(labels.len()))
                    .filter(|&i| labels[i] == class)
                    .map(|i| self.point(d, i))
                    .collect();
                for style in [body, outline] {
                    let series = pts.iter().map(|&p| marker(class, p, r, style));
                    chart.draw_series(series).map_err(perr)?;
                }
            }
        }
        Ok(())
    }
}

/// Class 0 circle, 1 square, 2 triangle, then repeating, so classes differ by shape too.
pub fn marker(
    class: usize,
    at: (f64, f64),
    r: i32,
    style: ShapeStyle,
) -> DynElement<'static, CanvasBackend, (f64, f64)> {
    match class % 3 {
        0 => Circle::new(at, r, style).into_dyn(),
        1 => {
            let s = (r as f64 * 0.85).round() as i32;
            (EmptyElement::at(at) + Rectangle::new([(-s, -s), (s, s)], style)).into_dyn()
        }
        _ => TriangleMarker::new(at, r + 1, style).into_dyn(),
    }
}

/// The last overlay drawn apart, and what it was drawn from.
#[derive(Default)]
pub struct OverlayCache {
    canvas: Option<HtmlCanvasElement>,
    key: Option<u64>,
}

impl OverlayCache {
    /// The overlay for `canvas`'s size as a transparent canvas, drawn again only when
    /// what it shows changed.
    pub fn get(
        &mut self,
        overlay: &Overlay<'_>,
        ranges: [(f64, f64); 2],
        size: (u32, u32),
    ) -> Result<&HtmlCanvasElement, String> {
        let key = overlay.key(ranges, size);
        if self.canvas.is_none() {
            self.canvas = web_sys::window()
                .and_then(|w| w.document())
                .and_then(|d| d.create_element("canvas").ok())
                .and_then(|e| e.dyn_into().ok());
            self.key = None;
        }
        let canvas = self.canvas.as_ref().ok_or("could not create a canvas")?;
        if self.key != Some(key) {
            // Setting the size clears the canvas, even to the same size.
            canvas.set_width(size.0);
            canvas.set_height(size.1);
            let backend = CanvasBackend::with_canvas_object(canvas.clone())
                .ok_or_else(|| "this browser gives no 2D canvas context".to_string())?;
            let root = backend.into_drawing_area();
            let mut chart = chart_on(&root, overlay.dpr, ranges[0], ranges[1])?;
            overlay.draw(&mut chart)?;
            root.present().map_err(perr)?;
            self.key = Some(key);
        }
        Ok(canvas)
    }
}
