//! The fitted model's scores: accuracy (classes) or R² and mean squared error (values)
//! on both parts, with what the model's size is, and for classes the per-class report.
//! A leaf: everything it shows comes in as props.

use std::sync::Arc;

use hyperplane_core::model::FittedModel;
use hyperplane_core::preprocess::Prepared;
use leptos::prelude::*;

use super::class_report::ClassReport;
use crate::format::percent;
use crate::training::{size_text, Scores, Trained};

/// One headline number.
struct Row {
    label: &'static str,
    id: &'static str,
    text: String,
    main: bool,
}

fn row(label: &'static str, id: &'static str, text: String) -> Row {
    Row {
        label,
        id,
        text,
        main: false,
    }
}

/// The headline numbers for the scores (or dashes while there is no model), the first
/// one (the test score) set off as the main one.
fn rows(trained: Option<&Trained>, values: bool) -> Vec<Row> {
    let r2 = |v: f64| format!("{v:.3}");
    let mse = |v: f64| format!("{v:.4}");
    let or = |v: Option<String>, dash: &str| v.unwrap_or_else(|| dash.into());
    let mut rows = match (trained.map(|t| &t.scores), values) {
        (
            Some(Scores::Classes {
                train_accuracy,
                test_accuracy,
                ..
            }),
            _,
        ) => vec![
            row(
                "Test accuracy",
                "test-accuracy",
                or(test_accuracy.map(percent), "–"),
            ),
            row(
                "Training accuracy",
                "train-accuracy",
                percent(*train_accuracy),
            ),
        ],
        (Some(Scores::Values { train, test }), _) => vec![
            row("Test R²", "test-r2", or(test.map(|s| r2(s.r2)), "—")),
            row("Training R²", "train-r2", r2(train.r2)),
            row("Test MSE", "test-mse", or(test.map(|s| mse(s.mse)), "—")),
            row("Training MSE", "train-mse", mse(train.mse)),
        ],
        (None, false) => vec![
            row("Test accuracy", "test-accuracy", "–".into()),
            row("Training accuracy", "train-accuracy", "–".into()),
        ],
        (None, true) => ["test-r2", "train-r2", "test-mse", "train-mse"]
            .into_iter()
            .zip(["Test R²", "Training R²", "Test MSE", "Training MSE"])
            .map(|(id, label)| row(label, id, "—".into()))
            .collect(),
    };
    if let Some((what, n)) = trained.and_then(|t| size_text(&t.model)) {
        let id = if what == "Support vectors" {
            "support-vectors"
        } else {
            "model-size"
        };
        rows.push(row(what, id, n));
    }
    rows[0].main = true;
    rows
}

#[component]
pub fn ScoresPanel(
    /// The fitted model and its scores, or why there is none.
    #[prop(into)]
    trained: Signal<Result<Arc<Trained>, String>>,
    /// The data (its class names and how it was split).
    #[prop(into)]
    data: Signal<Result<Arc<Prepared>, String>>,
    /// Whether the target is a number (which scores to show while there is no model).
    #[prop(into)]
    values: Signal<bool>,
) -> impl IntoView {
    let model = move || trained.get().ok();
    let svc = move || model().filter(|t| matches!(t.model, FittedModel::Svc(_)));
    let names = Signal::derive(move || {
        data.with(|d| {
            d.as_ref()
                .map(|d| d.train.class_names().to_vec())
                .unwrap_or_default()
        })
    });
    let per_class_svs = move || {
        let names = names.get();
        svc()
            .map(|t| match &t.model {
                FittedModel::Svc(m) => m
                    .classes()
                    .iter()
                    .zip(m.n_support())
                    .map(|(&c, n)| match names.get(c) {
                        // A class named by a number would read as a count ("0 123").
                        Some(name) if name.parse::<f64>().is_err() => format!("{name}: {n}"),
                        Some(name) => format!("class {name}: {n}"),
                        None => format!("class {c}: {n}"),
                    })
                    .collect::<Vec<_>>()
                    .join(" · "),
                _ => String::new(),
            })
            .unwrap_or_default()
    };
    let not_converged =
        move || svc().is_some_and(|t| matches!(&t.model, FittedModel::Svc(m) if !m.converged()));
    let report = Signal::derive(move || model().and_then(|t| t.accuracy()?.2.cloned()));
    let part = Signal::derive(move || match data.get() {
        Ok(d) if d.test.n_samples() > 0 => "test",
        _ => "training",
    });
    let split_note = move || {
        data.with(|d| {
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
    };
    view! {
        <dl class="scores" class:regression-scores=move || values.get()>
            {move || {
                rows(model().as_deref(), values.get())
                    .into_iter()
                    .map(|r| view! {
                        <div class="score" class:main=r.main>
                            <dt>{r.label}</dt>
                            <dd data-testid=r.id>{r.text}</dd>
                        </div>
                    })
                    .collect_view()
            }}
        </dl>
        <Show
            when=move || values.get()
            fallback=move || view! {
                <p class="per-class" data-testid="support-vectors-per-class">
                    {move || { let t = per_class_svs(); (!t.is_empty()).then(|| format!("Support vectors per class: {t}")) }}
                </p>
                <Show when=not_converged>
                    <p role="alert" class="warning">
                        "The solver stopped at its iteration limit before reaching the tolerance; the model is approximate."
                    </p>
                </Show>
                <ClassReport report=report class_names=names part=part/>
                <p class="split-note">{split_note}</p>
            }
        >
            <p class="hint">
                "R² is 1 for a perfect fit and 0 for always predicting the training mean (below 0: "
                "worse than that); MSE is the mean squared error, in the target's squared units."
            </p>
        </Show>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dashes_stand_in_for_scores_until_a_model_is_fitted() {
        let classes = rows(None, false);
        assert_eq!(classes.len(), 2);
        assert!(classes[0].main && classes[0].text == "–");
        let values: Vec<&str> = rows(None, true).iter().map(|r| r.id).collect();
        assert_eq!(values, ["test-r2", "train-r2", "test-mse", "train-mse"]);
    }
}
