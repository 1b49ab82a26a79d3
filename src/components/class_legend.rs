//! What the colours, shapes and lines on the surface mean.

use leptos::prelude::*;

use crate::palette::class_css;
use crate::training::{surface_kind, SurfaceKind};
use hyperplane_core::model::FittedModel;

#[component]
pub fn ClassLegend(
    /// The classes' names, in colour order.
    #[prop(into)]
    classes: Signal<Vec<String>>,
    /// The fitted model, if any (its kind decides what the lines and rings mean).
    #[prop(into)]
    model: Signal<Option<FittedModel>>,
) -> impl IntoView {
    let classes = move || classes.get();
    let svm_binary = move || {
        model.with(|m| {
            m.as_ref()
                .is_some_and(|m| surface_kind(m, 2) == SurfaceKind::SvmBinary)
        })
    };
    let is_svm = move || model.with(|m| matches!(m, Some(FittedModel::Svc(_))));
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
                                    style=format!("--c: {}", class_css(i))
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
