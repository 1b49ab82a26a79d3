//! Scores of a regression model: R² and mean squared error on the test and training parts.

use leptos::prelude::*;

use crate::studio::Studio;

#[component]
pub fn RegressionMetrics() -> impl IntoView {
    let studio = expect_context::<Studio>();
    let scores = move || {
        studio
            .trained
            .get()
            .ok()
            .and_then(|t| Some((t.errors()?, t)))
    };
    let r2 = |v: f64| format!("{v:.3}");
    let mse = |v: f64| format!("{v:.4}");
    view! {
        <dl class="scores regression-scores">
            <div class="score main">
                <dt>"Test R²"</dt>
                <dd data-testid="test-r2">
                    {move || scores().and_then(|((_, test), _)| test).map(|s| r2(s.r2)).unwrap_or_else(|| "—".into())}
                </dd>
            </div>
            <div class="score">
                <dt>"Training R²"</dt>
                <dd data-testid="train-r2">{move || scores().map(|((train, _), _)| r2(train.r2)).unwrap_or_else(|| "—".into())}</dd>
            </div>
            <div class="score">
                <dt>"Test MSE"</dt>
                <dd data-testid="test-mse">
                    {move || scores().and_then(|((_, test), _)| test).map(|s| mse(s.mse)).unwrap_or_else(|| "—".into())}
                </dd>
            </div>
            <div class="score">
                <dt>"Training MSE"</dt>
                <dd data-testid="train-mse">{move || scores().map(|((train, _), _)| mse(train.mse)).unwrap_or_else(|| "—".into())}</dd>
            </div>
            {move || {
                scores()
                    .and_then(|(_, t)| crate::training::size_text(&t.model))
                    .map(|(what, n)| {
                        let id = if what == "Support vectors" { "support-vectors" } else { "model-size" };
                        view! {
                            <div class="score">
                                <dt>{what}</dt>
                                <dd data-testid=id>{n}</dd>
                            </div>
                        }
                    })
            }}
        </dl>
        <p class="hint">
            "R² is 1 for a perfect fit and 0 for always predicting the training mean (below 0: "
            "worse than that); MSE is the mean squared error, in the target's squared units."
        </p>
    }
}
