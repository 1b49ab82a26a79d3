//! The seed article's linear SVM by gradient descent: C, the step size η and how many
//! full-batch steps w ← w − η∇L to take. Dragging Epochs replays training.

use leptos::prelude::*;

use crate::settings::limits::{EPOCHS, ETA};

use super::param_slider::ParamSlider;
use crate::settings::limits::C_SCALE;
use crate::studio::Studio;

#[component]
pub fn GdSvmControls() -> impl IntoView {
    let m = expect_context::<Studio>().model;
    view! {
        <ParamSlider id="c" label="C" scale=C_SCALE value=m.c on_change=move |v| m.c.set(v) />
        <ParamSlider
            id="gd-learning-rate"
            label="Learning rate"
            scale=ETA
            value=m.gd_learning_rate
            on_change=move |v| m.gd_learning_rate.set(v)
        />
        <ParamSlider
            id="gd-epochs"
            label="Epochs"
            scale=EPOCHS
            value=Signal::derive(move || m.gd_epochs.get() as f64)
            on_change=move |v| m.gd_epochs.set(v.round().clamp(1.0, 5000.0) as u64)
            display=|v| format!("{v:.0}")
        />
        <p class="hint">
            "Full-batch subgradient steps on the hinge-loss objective, the step decaying as η/√(1 + t/100); "
            "the second half of the run is averaged. Drag Epochs to watch the boundary settle onto the exact SVM's."
        </p>
    }
}
