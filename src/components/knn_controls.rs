//! k-NN: how many neighbours vote, and how.

use hyperplane_core::neighbors::KnnWeights;
use leptos::prelude::*;

use crate::settings::limits::K;

use super::choice_select::ChoiceSelect;
use super::param_slider::ParamSlider;
use crate::studio::Studio;

#[component]
pub fn KnnControls() -> impl IntoView {
    let m = expect_context::<Studio>().model;
    view! {
        <ParamSlider
            id="knn-k"
            label="Neighbours"
            scale=K
            value=Signal::derive(move || m.k.get() as f64)
            on_change=move |v| m.k.set(v.round().clamp(1.0, 50.0) as usize)
            display=|v| format!("{v:.0}")
        />
        <ChoiceSelect
            id="knn-weights"
            label="Weights"
            choices=vec![
                (KnnWeights::Uniform, "uniform", "uniform"),
                (KnnWeights::Distance, "distance", "distance"),
            ]
            value=m.knn_weights
        />
    }
}
