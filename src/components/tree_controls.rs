//! The decision tree's growth limits and split criterion (squared error on regression
//! data).

use hyperplane_core::tree::Criterion;
use leptos::prelude::*;

use crate::settings::limits::{DEPTH, LEAF};

use super::choice_select::ChoiceSelect;
use super::param_slider::ParamSlider;
use crate::studio::Studio;

#[component]
pub fn TreeControls() -> impl IntoView {
    let studio = expect_context::<Studio>();
    let m = studio.model;
    let regression = move || studio.data_state.is_regression();
    view! {
        <ParamSlider
            id="tree-depth"
            label="Max depth"
            scale=DEPTH
            value=Signal::derive(move || m.max_depth.get() as f64)
            on_change=move |v| m.max_depth.set(v.round().clamp(1.0, 20.0) as usize)
            display=|v| format!("{v:.0}")
        />
        <ParamSlider
            id="tree-leaf"
            label="Min samples per leaf"
            scale=LEAF
            value=Signal::derive(move || m.min_leaf.get() as f64)
            on_change=move |v| m.min_leaf.set(v.round().clamp(1.0, 30.0) as usize)
            display=|v| format!("{v:.0}")
        />
        <Show
            when=regression
            fallback=move || view! {
                <ChoiceSelect
                    id="tree-criterion"
                    label="Criterion"
                    choices=vec![
                        (Criterion::Gini, "gini", "gini"),
                        (Criterion::Entropy, "entropy", "entropy"),
                    ]
                    value=m.criterion
                />
            }
        >
            <p class="hint" data-control="Criterion">"Splits minimize the squared error (the variance of the values in each part)."</p>
        </Show>
    }
}
