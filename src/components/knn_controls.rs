//! k-NN: how many neighbours vote, and how.

use hyperplane_core::neighbors::KnnWeights;
use leptos::prelude::*;

use super::param_slider::ParamSlider;
use crate::app::Studio;
use crate::slider_scale::SliderScale;

pub const K: SliderScale = SliderScale::linear(1.0, 50.0, 49);

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
        <div class="param" data-control="Weights">
            <label for="knn-weights">"Weights"</label>
            <select
                id="knn-weights"
                on:change=move |ev| {
                    m.knn_weights.set(if event_target_value(&ev) == "distance" {
                        KnnWeights::Distance
                    } else {
                        KnnWeights::Uniform
                    })
                }
            >
                <option value="uniform" prop:selected=move || m.knn_weights.get() == KnnWeights::Uniform>"uniform"</option>
                <option value="distance" prop:selected=move || m.knn_weights.get() == KnnWeights::Distance>"distance"</option>
            </select>
        </div>
    }
}
