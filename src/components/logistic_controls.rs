//! Logistic regression's inverse regularization strength.

use leptos::prelude::*;

use super::model_controls::C_SCALE;
use super::param_slider::ParamSlider;
use crate::app::Studio;

#[component]
pub fn LogisticControls() -> impl IntoView {
    let m = expect_context::<Studio>().model;
    view! {
        <ParamSlider
            id="logistic-c"
            label="C"
            scale=C_SCALE
            value=m.logistic_c
            on_change=move |v| m.logistic_c.set(v)
        />
        <p class="hint">"Inverse L2 strength: small C, flatter probabilities; large C, sharper boundary."</p>
    }
}
