//! The fitted model's scores: accuracy on both parts and its support vectors.

use leptos::prelude::*;

use super::class_report::ClassReport;
use crate::format::percent;
use crate::studio::Studio;
use hyperplane_core::model::FittedModel;

#[component]
pub fn MetricsPanel() -> impl IntoView {
    let studio = expect_context::<Studio>();
    let t = studio.trained;
    let text = move |f: fn(&crate::training::Trained) -> String| {
        move || t.with(|t| t.as_ref().map(|t| f(t)).unwrap_or_else(|_| "–".into()))
    };
    view! {
        <dl class="scores">
            <div class="score main">
                <dt>"Test accuracy"</dt>
                <dd data-testid="test-accuracy">
                    {text(|t| t.accuracy().and_then(|a| a.1).map(percent).unwrap_or_else(|| "–".into()))}
                </dd>
            </div>
            <div class="score">
                <dt>"Training accuracy"</dt>
                <dd data-testid="train-accuracy">{text(|t| t.accuracy().map(|a| percent(a.0)).unwrap_or_else(|| "–".into()))}</dd>
            </div>
            <Show when=move || t.with(|t| matches!(t.as_ref().map(|t| &t.model), Ok(FittedModel::Svc(_))))>
                <div class="score">
                    <dt>"Support vectors"</dt>
                    <dd data-testid="support-vectors">
                        {text(|t| match &t.model {
                            FittedModel::Svc(m) => m.n_support().iter().sum::<usize>().to_string(),
                            _ => "–".into(),
                        })}
                    </dd>
                </div>
            </Show>
        </dl>
        <p class="per-class" data-testid="support-vectors-per-class">
            {move || {
                let names = studio
                    .data
                    .with(|d| d.as_ref().map(|d| d.train.class_names().to_vec()).unwrap_or_default());
                t.with(|t| match t.as_ref().map(|t| &t.model) {
                    Ok(FittedModel::Svc(m)) => m
                        .classes()
                        .iter()
                        .zip(m.n_support())
                        .map(|(&c, n)| format!("{} {}", names.get(c).cloned().unwrap_or_default(), n))
                        .collect::<Vec<_>>()
                        .join(" · "),
                    _ => String::new(),
                })
            }}
        </p>
        {move || {
            t.with(|t| {
                t.as_ref()
                    .ok()
                    .filter(|t| matches!(&t.model, FittedModel::Svc(m) if !m.converged()))
                    .map(|_| {
                        view! {
                            <p role="alert" class="warning">
                                "The solver stopped at its iteration limit before reaching the tolerance; the model is approximate."
                            </p>
                        }
                    })
            })
        }}
        <ClassReport/>
        <p class="split-note">
            {move || {
                studio
                    .data
                    .with(|d| {
                        d.as_ref()
                            .map(|d| {
                                format!(
                                    "Test accuracy is measured on the {} held-out samples the model never saw; training accuracy on the other {}.",
                                    d.test.n_samples(),
                                    d.train.n_samples(),
                                )
                            })
                            .unwrap_or_default()
                    })
            }}
        </p>
    }
}
