//! What the colours, shapes and lines on the surface mean.

use leptos::prelude::*;

use crate::palette::class_css;

#[component]
pub fn ClassLegend(
    /// The classes' names, in colour order.
    #[prop(into)]
    classes: Signal<Vec<String>>,
    /// Whether the model is an SVM (its support vectors are ringed).
    #[prop(into)]
    svm: Signal<bool>,
    /// Whether its margins are drawn (a two-class SVM).
    #[prop(into)]
    margins: Signal<bool>,
) -> impl IntoView {
    let classes = move || classes.get();
    let (is_svm, svm_binary) = (move || svm.get(), move || margins.get());
    view! {
        <ul class="legend" aria-label="Legend">
            {move || {
                classes()
                    .into_iter()
                    .enumerate()
                    .map(|(i, name)| {
                        let shape = ["circle", "square", "triangle"][i % 3];
                        view! {
                            <li>
                                <span
                                    class=format!("swatch {shape}")
                                    style=("--c", class_css(i))
                                    aria-hidden="true"
                                ></span>
                                {name}
                            </li>
                        }
                    })
                    .collect_view()
            }}
            <li class="key">
                {move || {
                    if is_svm() {
                        "filled: training · hollow: test · ringed: support vector"
                    } else {
                        "filled: training · hollow: test"
                    }
                }}
            </li>
            <li class="key">
                {move || {
                    if svm_binary() {
                        "solid line: boundary · dashed: margins (decision value ±1)"
                    } else {
                        "lines: decision boundaries · paler: less confident"
                    }
                }}
            </li>
        </ul>
    }
}
