//! What the colours, shapes and lines on the surface mean.

use leptos::prelude::*;

use crate::palette::class_css;
use crate::studio::Studio;
use crate::training::{surface_kind, SurfaceKind};
use hyperplane_core::model::FittedModel;

#[component]
pub fn ClassLegend() -> impl IntoView {
    let studio = expect_context::<Studio>();
    let classes = move || {
        studio.data.with(|d| {
            d.as_ref()
                .map(|d| d.train.class_names().to_vec())
                .unwrap_or_default()
        })
    };
    let svm_binary = move || {
        studio.trained.with(|t| {
            t.as_ref()
                .map(|t| surface_kind(&t.model, 2) == SurfaceKind::SvmBinary)
                .unwrap_or(false)
        })
    };
    let is_svm = move || {
        studio
            .trained
            .with(|t| matches!(t.as_ref().map(|t| &t.model), Ok(FittedModel::Svc(_))))
    };
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
