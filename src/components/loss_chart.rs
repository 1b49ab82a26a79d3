//! Train and test loss per epoch of the network's training.

use leptos::prelude::*;
use plotters::prelude::*;

use hyperplane_formats::saved_version::{not_learning, overfitting};

use crate::nn_run::LossPoint;
use crate::render::loss_canvas::{draw_loss_lines, LossLine};

#[component]
pub fn LossChart(
    /// Training and test loss after each epoch.
    #[prop(into)]
    history: Signal<Vec<LossPoint>>,
    /// The data's classes (0 for values): what guessing would score.
    #[prop(into)]
    classes: Signal<usize>,
    /// Training is under way: the curve's description follows it a few times a second.
    #[prop(into)]
    busy: Signal<bool>,
) -> impl IntoView {
    let canvas_ref = NodeRef::<leptos::html::Canvas>::new();
    Effect::new(move |_| {
        // While training, the curve is drawn on every other frame and the network's
        // picture on the others: fewer canvases for the browser to hand on per frame.
        if busy.get() && history.with(Vec::len) % 2 == 0 {
            return;
        }
        let history = history.get();
        let Some(canvas) = canvas_ref.get() else {
            return;
        };
        let blue = RGBColor(0, 114, 178).to_rgba();
        let vermilion = RGBColor(213, 94, 0).to_rgba();
        let lines = [
            LossLine {
                points: history.iter().map(|p| (p.epoch as f64, p.train)).collect(),
                colour: blue,
                width: 2.0,
            },
            LossLine {
                points: history
                    .iter()
                    .filter_map(|p| p.test.map(|t| (p.epoch as f64, t)))
                    .collect(),
                colour: vermilion,
                width: 2.0,
            },
        ];
        draw_loss_lines(canvas, &lines);
    });
    let last = move |f: fn(&LossPoint) -> Option<f64>| {
        move || {
            history
                .with(|h| h.last().and_then(f))
                .map(|v| format!("{v:.4}"))
                .unwrap_or_else(|| "–".into())
        }
    };
    // The curve in words (the canvas's description).
    let words = crate::clock::paced(
        move || busy.get(),
        500.0,
        move || {
            history.with(|h| match (h.first(), h.last()) {
                (Some(a), Some(b)) => format!(
                    "Loss against epochs, from epoch {} to {}: training loss {:.4} to {:.4}{}.",
                    a.epoch,
                    b.epoch,
                    a.train,
                    b.train,
                    match (a.test, b.test) {
                        (Some(t0), Some(t1)) => format!(", test loss {t0:.4} to {t1:.4}"),
                        _ => String::new(),
                    }
                ),
                _ => "Loss against epochs: no epoch trained yet.".to_string(),
            })
        },
    );
    // Monitoring: say so when the run starts to overfit.
    let overfits = move || history.with(|h| overfitting(h));
    let stuck = move || history.with(|h| not_learning(h, classes.get()));
    view! {
        {move || stuck().map(|(loss, guess)| view! {
            <p role="status" class="run-flag" data-testid="not-learning">
                {format!(
                    "Not learning: the training loss is {loss:.2}, above the {guess:.2} that guessing every class scores. \
                     Lower the learning rate or raise the batch size, then press Reset."
                )}
            </p>
        })}
        <Show when=overfits>
            <p role="status" class="run-flag" data-testid="run-flag">
                "Overfitting: the test loss has been rising while the training loss keeps falling. "
                "Stop here, add regularization, or use a smaller network."
            </p>
        </Show>
        <figure class="loss">
            <canvas node_ref=canvas_ref class="loss-canvas" role="img" aria-label="Loss curve" aria-describedby="loss-description"></canvas>
            <p id="loss-description" class="visually-hidden">{words}</p>
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
