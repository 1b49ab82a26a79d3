//! Train and test loss per epoch of the network's training.

use leptos::prelude::*;
use plotters::prelude::*;
use plotters_canvas::CanvasBackend;

use hyperplane_core::saved_version::HistoryPoint;

use crate::app::Studio;
use crate::render::canvas_size::fit_to_css;

#[component]
pub fn LossChart() -> impl IntoView {
    let studio = expect_context::<Studio>();
    let run = studio.run;
    let canvas_ref = NodeRef::<leptos::html::Canvas>::new();
    Effect::new(move |_| {
        let history = run.history.get();
        let Some(canvas) = canvas_ref.get() else {
            return;
        };
        let (_, _, dpr) = fit_to_css(&canvas);
        let Some(backend) = CanvasBackend::with_canvas_object(canvas) else {
            return;
        };
        let root = backend.into_drawing_area();
        let _ = root.fill(&WHITE);
        let last_epoch = history.last().map_or(1, |p| p.epoch.max(1));
        let max_loss = history
            .iter()
            .flat_map(|p| [Some(p.train), p.test])
            .flatten()
            .filter(|v| v.is_finite())
            .fold(0.0f64, f64::max)
            .max(1e-3);
        let font = ("sans-serif", 12.0 * dpr).into_font();
        let px = |v: f64| (v * dpr).round() as u32;
        let Ok(mut chart) = ChartBuilder::on(&root)
            .margin(px(8.0))
            .x_label_area_size(px(28.0))
            .y_label_area_size(px(44.0))
            .build_cartesian_2d(0f64..last_epoch as f64, 0f64..max_loss * 1.05)
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
            .draw();
        let width = px(2.0);
        let train = history.iter().map(|p| (p.epoch as f64, p.train));
        let _ = chart.draw_series(LineSeries::new(
            train,
            RGBColor(0, 114, 178).stroke_width(width),
        ));
        let test = history
            .iter()
            .filter_map(|p| p.test.map(|t| (p.epoch as f64, t)));
        let _ = chart.draw_series(LineSeries::new(
            test,
            RGBColor(213, 94, 0).stroke_width(width),
        ));
        let _ = root.present();
    });
    let last = move |f: fn(&crate::nn_run::LossPoint) -> Option<f64>| {
        move || {
            run.history
                .with(|h| h.last().and_then(f))
                .map(|v| format!("{v:.4}"))
                .unwrap_or_else(|| "–".into())
        }
    };
    // Monitoring: say so when the run starts to overfit.
    let overfitting = move || {
        run.history.with(|h| {
            let points: Vec<HistoryPoint> = h
                .iter()
                .map(|p| HistoryPoint {
                    epoch: p.epoch,
                    train: p.train,
                    test: p.test,
                })
                .collect();
            hyperplane_core::saved_version::overfitting(&points)
        })
    };
    view! {
        <Show when=overfitting>
            <p role="status" class="run-flag" data-testid="run-flag">
                "Overfitting: the test loss has been rising while the training loss keeps falling. "
                "Stop here, add regularization, or use a smaller network."
            </p>
        </Show>
        <figure class="loss">
            <canvas node_ref=canvas_ref class="loss-canvas" role="img" aria-label="Loss curve"></canvas>
            <figcaption>
                <span class="swatch-line train"></span>"training loss "
                <output data-testid="train-loss">{last(|p| Some(p.train))}</output>
                " · "
                <span class="swatch-line test"></span>"test loss "
                <output data-testid="test-loss">{last(|p| p.test)}</output>
            </figcaption>
        </figure>
    }
}
