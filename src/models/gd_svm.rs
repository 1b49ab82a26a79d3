//! The seed article's linear SVM by gradient descent: C, the step size η and how many
//! full-batch steps w ← w − η∇L to take. Dragging Epochs replays training.

use hyperplane_core::model::ModelParams;
use hyperplane_core::svm::LinearSvmParams;
use leptos::prelude::*;
use reactive_stores::{Field, Patch, Store};
use serde::{Deserialize, Serialize};

use super::family::{mn, ControlsContext, Family, Formula};
use super::svm::hinge;
use crate::components::param_slider::ParamSlider;
use crate::settings::limits::C_SCALE;
use crate::settings::text::{number, short, within};
use crate::slider_scale::SliderScale;

/// The learning rate and epochs.
pub const ETA: SliderScale = SliderScale::log(0.0001, 1.0);
pub const EPOCHS: SliderScale = SliderScale::log(1.0, 5000.0);

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Store, Patch)]
pub struct GdSvmSettings {
    pub c: f64,
    pub learning_rate: f64,
    pub epochs: u64,
}

impl Default for GdSvmSettings {
    fn default() -> Self {
        Self {
            c: 1.0,
            learning_rate: 0.01,
            epochs: 500,
        }
    }
}

pub struct GdSvm;

impl Family for GdSvm {
    type Settings = GdSvmSettings;
    const KEY: &'static str = "linear-svm-gd";
    const LABEL: &'static str = "Linear SVM (gradient descent)";

    fn params(s: &GdSvmSettings, values: bool) -> Option<ModelParams> {
        (!values).then(|| ModelParams::LinearSvm {
            params: LinearSvmParams::default()
                .c(s.c)
                .learning_rate(s.learning_rate),
            epochs: s.epochs,
        })
    }

    fn take(s: &mut GdSvmSettings, p: &ModelParams) -> bool {
        let ModelParams::LinearSvm { params, epochs } = p else {
            return false;
        };
        (s.c, s.learning_rate, s.epochs) = (params.c, params.learning_rate, *epochs);
        true
    }

    fn link(s: &GdSvmSettings, _: bool) -> Vec<(&'static str, String)> {
        vec![
            ("C", short(s.c)),
            ("lr", short(s.learning_rate)),
            ("epochs", s.epochs.to_string()),
        ]
    }

    fn read(s: &mut GdSvmSettings, key: &str, value: &str) -> Option<Result<(), String>> {
        Some(match key {
            "C" => number(key, value, C_SCALE).map(|v| s.c = v),
            "lr" => number(key, value, ETA).map(|v| s.learning_rate = v),
            "epochs" => number(key, value, EPOCHS).map(|v| s.epochs = v.round() as u64),
            _ => return None,
        })
    }

    fn check(s: &GdSvmSettings) -> Result<(), String> {
        within("C (gradient descent)", s.c, C_SCALE)?;
        within("learning rate (gradient descent)", s.learning_rate, ETA)?;
        within("epochs", s.epochs as f64, EPOCHS)
    }

    fn objective(s: &GdSvmSettings, values: bool) -> Option<Formula> {
        // The SVM's objective on the raw features (no φ), with η's value.
        let formula = hinge(s.c)
            .replace("<mi>φ</mi><mo>(</mo>", "")
            .replace(
                "<msub><mi>x</mi><mi>i</mi></msub><mo>)</mo><mo>+</mo>",
                "<msub><mi>x</mi><mi>i</mi></msub><mo>+</mo>",
            )
            .replace(
                "<mo>−</mo><mi>η</mi><mo>∇</mo>",
                &format!("<mo>−</mo>{}<mo>∇</mo>", mn(s.learning_rate)),
            );
        (!values).then_some((
            formula,
            "The seed article's objective and update, exactly: each epoch takes one step down the \
             (sub)gradient of L over all points. Run long enough, it reaches the same boundary as the SVM.",
        ))
    }

    fn controls(s: Field<GdSvmSettings>, _: ControlsContext) -> AnyView {
        view! { <GdSvmControls settings=s/> }.into_any()
    }
}

#[component]
pub fn GdSvmControls(settings: Field<GdSvmSettings>) -> impl IntoView {
    let m = settings;
    view! {
        <ParamSlider id="c" label="C" scale=C_SCALE value=m.c() on_change=move |v| m.c().set(v) />
        <ParamSlider
            id="gd-learning-rate"
            label="Learning rate"
            scale=ETA
            value=m.learning_rate()
            on_change=move |v| m.learning_rate().set(v)
        />
        <ParamSlider
            id="gd-epochs"
            label="Epochs"
            scale=EPOCHS
            value=Signal::derive(move || m.epochs().get() as f64)
            on_change=move |v| m.epochs().set(v.round().clamp(1.0, 5000.0) as u64)
            display=|v| format!("{v:.0}")
        />
        <p class="hint">
            "Full-batch subgradient steps on the hinge-loss objective, the step decaying as η/√(1 + t/100); "
            "the second half of the run is averaged. Drag Epochs to watch the boundary settle onto the exact SVM's."
        </p>
    }
}
