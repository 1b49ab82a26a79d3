//! What the colours, shapes and lines on the surface mean.

use leptos::prelude::*;

use crate::app::Studio;
use crate::palette::class_css;

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
    let binary = move || {
        studio.trained.with(|t| {
            t.as_ref()
                .map(|t| t.model.pairs().len() == 1)
                .unwrap_or(false)
        })
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
            <li class="key">"filled: training · hollow: test · ringed: support vector"</li>
            <li class="key">
                {move || {
                    if binary() {
                        "solid line: boundary · dashed: margins (decision value ±1)"
                    } else {
                        "lines: class boundaries · paler: less confident"
                    }
                }}
            </li>
        </ul>
    }
}
