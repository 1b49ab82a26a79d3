//! Logistic regression's inverse regularization strength.

use leptos::prelude::*;

use super::param_slider::ParamSlider;
use crate::settings::limits::C_SCALE;
use crate::studio::Studio;

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
