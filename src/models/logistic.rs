//! Logistic regression and its inverse regularization strength C.

use hyperplane_core::linear_model::LogisticParams;
use hyperplane_core::model::ModelParams;
use leptos::prelude::*;
use reactive_stores::{Field, Patch, Store};
use serde::{Deserialize, Serialize};

use super::family::{mn, ControlsContext, Family, Formula};
use crate::components::param_slider::ParamSlider;
use crate::settings::limits::C_SCALE;
use crate::settings::text::{number, short, within};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Store, Patch)]
pub struct LogisticSettings {
    pub c: f64,
}

impl Default for LogisticSettings {
    fn default() -> Self {
        Self { c: 1.0 }
    }
}

pub struct Logistic;

impl Family for Logistic {
    type Settings = LogisticSettings;
    const KEY: &'static str = "logistic";
    const LABEL: &'static str = "Logistic regression";

    fn params(s: &LogisticSettings, values: bool) -> Option<ModelParams> {
        (!values).then(|| ModelParams::Logistic(LogisticParams::default().c(s.c)))
    }

    fn take(s: &mut LogisticSettings, p: &ModelParams) -> bool {
        let ModelParams::Logistic(p) = p else {
            return false;
        };
        s.c = p.c;
        true
    }

    fn link(s: &LogisticSettings, _: bool) -> Vec<(&'static str, String)> {
        vec![("C", short(s.c))]
    }

    fn read(s: &mut LogisticSettings, key: &str, value: &str) -> Option<Result<(), String>> {
        (key == "C").then(|| number(key, value, C_SCALE).map(|v| s.c = v))
    }

    fn check(s: &LogisticSettings) -> Result<(), String> {
        within("C (logistic regression)", s.c, C_SCALE)
    }

    fn objective(s: &LogisticSettings, values: bool) -> Option<Formula> {
        (!values).then(|| {
            (
                format!(
                    "<math display=\"block\"><mrow><munder><mi>min</mi><mrow><mi>w</mi><mo>,</mo><mi>b</mi></mrow></munder>\
                     {}<munder><mo>∑</mo><mi>i</mi></munder><mi>log</mi><mo>(</mo><mn>1</mn><mo>+</mo>\
                     <msup><mi>e</mi><mrow><mo>−</mo><msub><mi>y</mi><mi>i</mi></msub><mo>(</mo><msup><mi>w</mi><mi>T</mi></msup>\
                     <msub><mi>x</mi><mi>i</mi></msub><mo>+</mo><mi>b</mi><mo>)</mo></mrow></msup><mo>)</mo><mo>+</mo>\
                     <mfrac><mn>1</mn><mn>2</mn></mfrac><msup><mrow><mo>‖</mo><mi>w</mi><mo>‖</mo></mrow><mn>2</mn></msup></mrow></math>",
                    mn(s.c)
                ),
                "The log-loss of the predicted probabilities plus an L2 penalty; smaller C means stronger \
                 regularization. Solved by Newton's method to machine precision.",
            )
        })
    }

    fn controls(s: Field<LogisticSettings>, _: ControlsContext) -> AnyView {
        view! { <LogisticControls settings=s/> }.into_any()
    }
}

#[component]
pub fn LogisticControls(settings: Field<LogisticSettings>) -> impl IntoView {
    let c = settings.c();
    view! {
        <ParamSlider id="logistic-c" label="C" scale=C_SCALE value=c on_change=move |v| c.set(v)/>
        <p class="hint">"Inverse L2 strength: small C, flatter probabilities; large C, sharper boundary."</p>
    }
}
