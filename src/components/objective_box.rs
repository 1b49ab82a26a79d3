//! "What is being minimized": each model's objective and update rule as MathML (no
//! library needed), with the current values of C, η, λ and k filled in.

use leptos::prelude::*;

use crate::format::param;
use crate::settings::{ModelKind, ModelSettings};
use hyperplane_core::nn::Regularization;

fn mn(v: f64) -> String {
    format!("<mn>{}</mn>", param(v))
}

/// The network's weight penalty term, if any.
fn penalty(reg: Regularization, lambda: f64) -> String {
    match reg {
        Regularization::None => String::new(),
        Regularization::L1 => format!(
            "<mo>+</mo>{}<munder><mo>∑</mo><mi>w</mi></munder><mo>|</mo><mi>w</mi><mo>|</mo>",
            mn(lambda)
        ),
        Regularization::L2 => format!(
            "<mo>+</mo>{}<mfrac><mn>1</mn><mn>2</mn></mfrac><munder><mo>∑</mo><mi>w</mi></munder><msup><mi>w</mi><mn>2</mn></msup>",
            mn(lambda)
        ),
    }
}

/// The current values the formulas show.
#[derive(Clone, Copy)]
struct Values {
    c: f64,
    epsilon: f64,
    eta: f64,
    reg: Regularization,
    lambda: f64,
    k: usize,
}

/// MathML for a regressor (`None` for the models that only classify).
fn regression_formula(kind: ModelKind, v: Values) -> Option<(String, &'static str)> {
    let sum_i = "<munder><mo>∑</mo><mi>i</mi></munder>";
    let yhat = "<msub><mover><mi>y</mi><mo>^</mo></mover><mi>i</mi></msub>";
    Some(match kind {
        ModelKind::Svm => (
            // Two short lines, so the formula fits the narrow panel.
            format!(
                "<math display=\"block\"><mrow><munder><mi>min</mi><mrow><mi>w</mi><mo>,</mo><mi>b</mi></mrow></munder>\
                 <mfrac><mn>1</mn><mn>2</mn></mfrac><msup><mi>w</mi><mi>T</mi></msup><mi>w</mi><mo>+</mo>{}{sum_i}\
                 <msub><mi>ξ</mi><mi>i</mi></msub></mrow></math>\
                 <math display=\"block\"><mrow><msub><mi>ξ</mi><mi>i</mi></msub><mo>=</mo>\
                 <mi>max</mi><mo>(</mo><mn>0</mn><mo>,</mo><mo>|</mo><msub><mi>y</mi><mi>i</mi></msub><mo>−</mo>\
                 <mi>f</mi><mo>(</mo><msub><mi>x</mi><mi>i</mi></msub><mo>)</mo><mo>|</mo><mo>−</mo>{}<mo>)</mo></mrow></math>",
                mn(v.c),
                mn(v.epsilon)
            ),
            "Epsilon-insensitive loss: errors inside the tube of half-width ε cost nothing, larger \
             ones cost C per unit, against a flat function (small wᵀw). Solved exactly in its dual by \
             SMO, as LIBSVM does; the points on or outside the tube are the support vectors.",
        ),
        ModelKind::NeuralNetwork => (
            format!(
                "<math display=\"block\"><mrow><mi>L</mi><mo>=</mo><mfrac><mn>1</mn><mi>n</mi></mfrac>{sum_i}\
                 <mfrac><mn>1</mn><mn>2</mn></mfrac><msup><mrow><mo>(</mo>{yhat}<mo>−</mo><msub><mi>y</mi><mi>i</mi></msub>\
                 <mo>)</mo></mrow><mn>2</mn></msup>{}</mrow></math>\
                 <math display=\"block\"><mrow><mi>W</mi><mo>←</mo><mi>W</mi><mo>−</mo>{}<mo>∇</mo><mi>L</mi></mrow></math>",
                penalty(v.reg, v.lambda),
                mn(v.eta)
            ),
            "Half the squared error of the linear output, averaged over each minibatch, plus the \
             chosen penalty; every step moves the weights against the gradient, scaled by η.",
        ),
        ModelKind::Knn => (
            format!(
                "<math display=\"block\"><mrow><mover><mi>y</mi><mo>^</mo></mover><mo>(</mo><mi>x</mi><mo>)</mo><mo>=</mo>\
                 <mfrac><mrow><munder><mo>∑</mo><mrow><mi>i</mi><mo>∈</mo><msub><mi>N</mi><mn>{}</mn></msub><mo>(</mo><mi>x</mi><mo>)</mo></mrow></munder>\
                 <msub><mi>w</mi><mi>i</mi></msub><msub><mi>y</mi><mi>i</mi></msub></mrow>\
                 <mrow><munder><mo>∑</mo><mrow><mi>i</mi><mo>∈</mo><msub><mi>N</mi><mn>{}</mn></msub><mo>(</mo><mi>x</mi><mo>)</mo></mrow></munder>\
                 <msub><mi>w</mi><mi>i</mi></msub></mrow></mfrac></mrow></math>",
                v.k, v.k
            ),
            "Nothing is minimized: the prediction is the mean of the k nearest training values \
             (weights 1, or 1/distance).",
        ),
        ModelKind::Tree => (
            "<math display=\"block\"><mrow><munder><mi>min</mi><mrow><mi>feature</mi><mo>,</mo><mi>t</mi></mrow></munder>\
             <msub><mi>E</mi><mi>L</mi></msub><mo>+</mo><msub><mi>E</mi><mi>R</mi></msub></mrow></math>\
             <math display=\"block\"><mrow><msub><mi>E</mi><mi>S</mi></msub><mo>=</mo>\
             <munder><mo>∑</mo><mrow><mi>i</mi><mo>∈</mo><mi>S</mi></mrow></munder><msup><mrow><mo>(</mo><msub><mi>y</mi><mi>i</mi></msub>\
             <mo>−</mo><msub><mover><mi>y</mi><mo>¯</mo></mover><mi>S</mi></msub><mo>)</mo></mrow><mn>2</mn></msup></mrow></math>"
                .to_string(),
            "Each split is chosen greedily to leave the least squared error around the two \
             children's means; a leaf predicts the mean value of its training points.",
        ),
        ModelKind::Logistic | ModelKind::LinearSvmGd => return None,
    })
}

/// MathML for the chosen model; numbers come from our own formatting, never from text
/// a user typed, so building markup here is safe.
#[allow(clippy::too_many_arguments)]
fn formula(
    kind: ModelKind,
    c: f64,
    lc: f64,
    eta: f64,
    eta_gd: f64,
    reg: Regularization,
    lambda: f64,
    k: usize,
) -> (String, &'static str) {
    let hinge = format!(
        "<math display=\"block\"><mrow><mi>L</mi><mo>(</mo><mi>w</mi><mo>,</mo><mi>b</mi><mo>)</mo><mo>=</mo>\
         <mfrac><mn>1</mn><mn>2</mn></mfrac><msup><mi>w</mi><mi>T</mi></msup><mi>w</mi><mo>+</mo>{}\
         <munder><mo>∑</mo><mi>i</mi></munder><mi>max</mi><mo>(</mo><mn>0</mn><mo>,</mo><mn>1</mn><mo>−</mo>\
         <msub><mi>y</mi><mi>i</mi></msub><mo>(</mo><msup><mi>w</mi><mi>T</mi></msup><mi>φ</mi><mo>(</mo>\
         <msub><mi>x</mi><mi>i</mi></msub><mo>)</mo><mo>+</mo><mi>b</mi><mo>)</mo><mo>)</mo></mrow></math>\
         <math display=\"block\"><mrow><mi>w</mi><mo>←</mo><mi>w</mi><mo>−</mo><mi>η</mi><mo>∇</mo><mi>L</mi></mrow></math>",
        mn(c)
    );
    match kind {
        ModelKind::LinearSvmGd => (
            hinge.replace("<mi>φ</mi><mo>(</mo>", "").replace("<msub><mi>x</mi><mi>i</mi></msub><mo>)</mo><mo>+</mo>", "<msub><mi>x</mi><mi>i</mi></msub><mo>+</mo>")
                .replace("<mo>−</mo><mi>η</mi><mo>∇</mo>", &format!("<mo>−</mo>{}<mo>∇</mo>", mn(eta_gd))),
            "The seed article's objective and update, exactly: each epoch takes one step down the \
             (sub)gradient of L over all points. Run long enough, it reaches the same boundary as the SVM.",
        ),
        ModelKind::Svm => (
            hinge,
            "The soft-margin SVM: a wide margin (small wᵀw) against margin violations, weighed by C. \
             Hyperplane solves it exactly in its dual form by SMO, as LIBSVM does; the gradient step is \
             the seed article's way to the same optimum.",
        ),
        ModelKind::Logistic => (
            format!(
                "<math display=\"block\"><mrow><munder><mi>min</mi><mrow><mi>w</mi><mo>,</mo><mi>b</mi></mrow></munder>\
                 {}<munder><mo>∑</mo><mi>i</mi></munder><mi>log</mi><mo>(</mo><mn>1</mn><mo>+</mo>\
                 <msup><mi>e</mi><mrow><mo>−</mo><msub><mi>y</mi><mi>i</mi></msub><mo>(</mo><msup><mi>w</mi><mi>T</mi></msup>\
                 <msub><mi>x</mi><mi>i</mi></msub><mo>+</mo><mi>b</mi><mo>)</mo></mrow></msup><mo>)</mo><mo>+</mo>\
                 <mfrac><mn>1</mn><mn>2</mn></mfrac><msup><mrow><mo>‖</mo><mi>w</mi><mo>‖</mo></mrow><mn>2</mn></msup></mrow></math>",
                mn(lc)
            ),
            "The log-loss of the predicted probabilities plus an L2 penalty; smaller C means stronger \
             regularization. Solved by Newton's method to machine precision.",
        ),
        ModelKind::NeuralNetwork => {
            let penalty = penalty(reg, lambda);
            (
                format!(
                    "<math display=\"block\"><mrow><mi>L</mi><mo>=</mo><mfrac><mn>1</mn><mi>n</mi></mfrac>\
                     <munder><mo>∑</mo><mi>i</mi></munder><mo>−</mo><mi>log</mi><msub><mi>p</mi><msub><mi>y</mi><mi>i</mi></msub></msub>\
                     <mo>(</mo><msub><mi>x</mi><mi>i</mi></msub><mo>)</mo>{penalty}</mrow></math>\
                     <math display=\"block\"><mrow><mi>W</mi><mo>←</mo><mi>W</mi><mo>−</mo>{}<mo>∇</mo><mi>L</mi></mrow></math>",
                    mn(eta)
                ),
                "Cross-entropy of the softmax output, averaged over each minibatch, plus the chosen \
                 penalty; every step moves the weights against the gradient, scaled by the learning rate η.",
            )
        }
        ModelKind::Knn => (
            format!(
                "<math display=\"block\"><mrow><mover><mi>y</mi><mo>^</mo></mover><mo>(</mo><mi>x</mi><mo>)</mo><mo>=</mo>\
                 <munder><mi>argmax</mi><mi>c</mi></munder><munder><mo>∑</mo><mrow><mi>i</mi><mo>∈</mo><msub><mi>N</mi><mn>{}</mn></msub>\
                 <mo>(</mo><mi>x</mi><mo>)</mo></mrow></munder><msub><mi>w</mi><mi>i</mi></msub><mo>[</mo><msub><mi>y</mi><mi>i</mi></msub>\
                 <mo>=</mo><mi>c</mi><mo>]</mo></mrow></math>",
                k
            ),
            "Nothing is minimized: the k nearest training points vote (weights 1, or 1/distance).",
        ),
        ModelKind::Tree => (
            "<math display=\"block\"><mrow><munder><mi>min</mi><mrow><mi>feature</mi><mo>,</mo><mi>t</mi></mrow></munder>\
             <mfrac><msub><mi>n</mi><mi>L</mi></msub><mi>n</mi></mfrac><msub><mi>G</mi><mi>L</mi></msub><mo>+</mo>\
             <mfrac><msub><mi>n</mi><mi>R</mi></msub><mi>n</mi></mfrac><msub><mi>G</mi><mi>R</mi></msub><mo>,</mo><mspace width=\"1em\"/>\
             <mi>G</mi><mo>=</mo><mn>1</mn><mo>−</mo><munder><mo>∑</mo><mi>c</mi></munder><msubsup><mi>p</mi><mi>c</mi><mn>2</mn></msubsup></mrow></math>"
                .to_string(),
            "Each split is chosen greedily to make the two children as pure as possible (Gini shown; \
             entropy uses −Σ p log₂ p).",
        ),
    }
}

#[component]
pub fn ObjectiveBox(
    /// The model settings (which model, and the numbers its objective shows).
    #[prop(into)]
    model: Signal<ModelSettings>,
    /// Whether the target is a number (the regressors' objectives).
    #[prop(into)]
    values: Signal<bool>,
) -> impl IntoView {
    let content = move || {
        let regression = values.get();
        model.with(|m| {
            if regression {
                let values = Values {
                    c: m.c,
                    epsilon: m.epsilon,
                    eta: m.learning_rate,
                    reg: m.regularization,
                    lambda: m.regularization_rate,
                    k: m.k,
                };
                return regression_formula(m.kind, values);
            }
            Some(formula(
                m.kind,
                m.c,
                m.logistic_c,
                m.learning_rate,
                m.gd_learning_rate,
                m.regularization,
                m.regularization_rate,
                m.k,
            ))
        })
    };
    // The models that only classify have nothing to show on regression data.
    let text = move || content().unwrap_or_default();
    view! {
        <Show when=move || content().is_some()>
            <details class="objective" open>
                <summary>"What is being minimized"</summary>
                <div class="math" data-testid="objective" inner_html=move || text().0></div>
                <p class="hint">{move || text().1}</p>
            </details>
        </Show>
    }
}
