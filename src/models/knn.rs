//! k-NN: how many neighbours vote (or average), and how they are weighed.

use hyperplane_core::model::ModelParams;
use hyperplane_core::neighbors::{KnnParams, KnnWeights};
use leptos::prelude::*;
use reactive_stores::{Field, Patch, Store};
use serde::{Deserialize, Serialize};

use super::family::{ControlsContext, Family, Formula};
use crate::components::choice_select::ChoiceSelect;
use crate::components::param_slider::ParamSlider;
use crate::settings::text::{count, from_name, name_of, within};
use crate::slider_scale::SliderScale;

pub const K: SliderScale = SliderScale::linear(1.0, 50.0, 49);

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Store, Patch)]
pub struct KnnSettings {
    pub k: usize,
    #[patch(|this, new| *this = new)]
    pub weights: KnnWeights,
}

impl Default for KnnSettings {
    fn default() -> Self {
        Self {
            k: 5,
            weights: KnnWeights::Uniform,
        }
    }
}

pub struct Knn;

impl Family for Knn {
    type Settings = KnnSettings;
    const KEY: &'static str = "knn";
    const LABEL: &'static str = "k-NN";

    fn params(s: &KnnSettings, _: bool) -> Option<ModelParams> {
        Some(ModelParams::Knn(
            KnnParams::default().k(s.k).weights(s.weights),
        ))
    }

    fn take(s: &mut KnnSettings, p: &ModelParams) -> bool {
        let ModelParams::Knn(p) = p else {
            return false;
        };
        (s.k, s.weights) = (p.k, p.weights);
        true
    }

    fn link(s: &KnnSettings, _: bool) -> Vec<(&'static str, String)> {
        vec![("k", s.k.to_string()), ("weights", name_of(s.weights))]
    }

    fn read(s: &mut KnnSettings, key: &str, value: &str) -> Option<Result<(), String>> {
        Some(match key {
            "k" => count(key, value, K).map(|v| s.k = v),
            "weights" => from_name(key, value).map(|v| s.weights = v),
            _ => return None,
        })
    }

    fn check(s: &KnnSettings) -> Result<(), String> {
        within("k", s.k as f64, K)
    }

    fn objective(s: &KnnSettings, values: bool) -> Option<Formula> {
        let n_k = format!(
            "<munder><mo>∑</mo><mrow><mi>i</mi><mo>∈</mo><msub><mi>N</mi><mn>{}</mn></msub><mo>(</mo><mi>x</mi><mo>)</mo></mrow></munder>",
            s.k
        );
        let yhat = "<mover><mi>y</mi><mo>^</mo></mover><mo>(</mo><mi>x</mi><mo>)</mo><mo>=</mo>";
        Some(if values {
            (
                format!(
                    "<math display=\"block\"><mrow>{yhat}<mfrac><mrow>{n_k}\
                     <msub><mi>w</mi><mi>i</mi></msub><msub><mi>y</mi><mi>i</mi></msub></mrow>\
                     <mrow>{n_k}<msub><mi>w</mi><mi>i</mi></msub></mrow></mfrac></mrow></math>"
                ),
                "Nothing is minimized: the prediction is the mean of the k nearest training values \
                 (weights 1, or 1/distance).",
            )
        } else {
            (
                format!(
                    "<math display=\"block\"><mrow>{yhat}<munder><mi>argmax</mi><mi>c</mi></munder>{n_k}\
                     <msub><mi>w</mi><mi>i</mi></msub><mo>[</mo><msub><mi>y</mi><mi>i</mi></msub>\
                     <mo>=</mo><mi>c</mi><mo>]</mo></mrow></math>"
                ),
                "Nothing is minimized: the k nearest training points vote (weights 1, or 1/distance).",
            )
        })
    }

    fn controls(s: Field<KnnSettings>, _: ControlsContext) -> AnyView {
        view! { <KnnControls settings=s/> }.into_any()
    }
}

#[component]
pub fn KnnControls(settings: Field<KnnSettings>) -> impl IntoView {
    let k = settings.k();
    view! {
        <ParamSlider
            id="knn-k"
            label="Neighbours"
            scale=K
            value=Signal::derive(move || k.get() as f64)
            on_change=move |v| k.set(v.round().clamp(1.0, 50.0) as usize)
            display=|v| format!("{v:.0}")
        />
        <ChoiceSelect
            id="knn-weights"
            label="Weights"
            choices=vec![
                (KnnWeights::Uniform, "uniform", "uniform"),
                (KnnWeights::Distance, "distance", "distance"),
            ]
            value=settings.weights().into()
        />
    }
}
