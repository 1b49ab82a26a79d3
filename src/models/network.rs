//! The network, trained step by step as in TensorFlow Playground: its inputs, layers,
//! activation and training settings. Changing the layers, activation or inputs starts a
//! new network; the learning rate, regularization and batch size apply from the next
//! step on.

use hyperplane_core::features::FeatureTransform;
use hyperplane_core::model::ModelParams;
use hyperplane_core::nn::{Activation, MlpParams, Regularization};
use leptos::prelude::*;
use reactive_stores::{Field, Patch, Store};
use serde::{Deserialize, Serialize};

use super::family::{mn, ControlsContext, Family, Formula};
use crate::components::choice_select::ChoiceSelect;
use crate::components::param_slider::ParamSlider;
use crate::settings::text::{count, from_name, name_of, number, short, whole, within};
use crate::slider_scale::SliderScale;

pub const LEARNING_RATE: SliderScale = SliderScale::log(0.0001, 3.0);
pub const REG_RATE: SliderScale = SliderScale::log(0.0001, 1.0);
pub const BATCH: SliderScale = SliderScale::linear(1.0, 30.0, 29);
pub const MAX_LAYERS: usize = 6;
pub const MAX_NEURONS: usize = 8;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Store, Patch)]
pub struct NetworkSettings {
    pub hidden: Vec<usize>,
    #[patch(|this, new| *this = new)]
    pub activation: Activation,
    pub learning_rate: f64,
    #[patch(|this, new| *this = new)]
    pub regularization: Regularization,
    pub regularization_rate: f64,
    pub batch_size: usize,
    /// The inputs, as TensorFlow Playground's feature toggles (x₁, x₂, x₁², …).
    #[patch(|this, new| *this = new)]
    pub inputs: Vec<FeatureTransform>,
}

impl Default for NetworkSettings {
    /// TensorFlow Playground's defaults.
    fn default() -> Self {
        Self {
            hidden: vec![4, 2],
            activation: Activation::Tanh,
            learning_rate: 0.03,
            regularization: Regularization::None,
            regularization_rate: 0.001,
            batch_size: 10,
            inputs: vec![FeatureTransform::X1, FeatureTransform::X2],
        }
    }
}

impl NetworkSettings {
    /// The network's parameters. The studio uses the default semantics (softmax output,
    /// any number of classes).
    pub fn mlp_params(&self, seed: u64) -> MlpParams {
        MlpParams::default()
            .hidden(self.hidden.clone())
            .activation(self.activation)
            .learning_rate(self.learning_rate)
            .regularization(self.regularization, self.regularization_rate)
            .batch_size(self.batch_size)
            .seed(seed)
    }
}

pub struct Network;

impl Family for Network {
    type Settings = NetworkSettings;
    const KEY: &'static str = "mlp";
    const LABEL: &'static str = "Neural network";

    /// Trained step by step, not in one call.
    fn params(_: &NetworkSettings, _: bool) -> Option<ModelParams> {
        None
    }

    fn take(s: &mut NetworkSettings, p: &ModelParams) -> bool {
        let ModelParams::Mlp { params, inputs } = p else {
            return false;
        };
        (s.hidden, s.activation) = (params.hidden.clone(), params.activation);
        s.learning_rate = params.learning_rate;
        (s.regularization, s.regularization_rate) =
            (params.regularization, params.regularization_rate);
        s.batch_size = params.batch_size;
        if !inputs.is_empty() {
            s.inputs = inputs.clone();
        }
        true
    }

    fn link(s: &NetworkSettings, _: bool) -> Vec<(&'static str, String)> {
        let hidden: Vec<String> = s.hidden.iter().map(|h| h.to_string()).collect();
        let inputs: Vec<String> = s.inputs.iter().map(|&t| name_of(t)).collect();
        vec![
            ("hidden", hidden.join("-")),
            ("activation", name_of(s.activation)),
            ("lr", short(s.learning_rate)),
            ("reg", name_of(s.regularization)),
            ("rate", short(s.regularization_rate)),
            ("batch", s.batch_size.to_string()),
            ("inputs", inputs.join(",")),
        ]
    }

    fn read(s: &mut NetworkSettings, key: &str, value: &str) -> Option<Result<(), String>> {
        Some(match key {
            "hidden" => read_layers(value).map(|h| s.hidden = h),
            "activation" => from_name(key, value).map(|v| s.activation = v),
            "lr" => number(key, value, LEARNING_RATE).map(|v| s.learning_rate = v),
            "reg" => from_name(key, value).map(|v| s.regularization = v),
            "rate" => number(key, value, REG_RATE).map(|v| s.regularization_rate = v),
            "batch" => count(key, value, BATCH).map(|v| s.batch_size = v),
            "inputs" => read_inputs(value).map(|v| s.inputs = v),
            _ => return None,
        })
    }

    fn check(s: &NetworkSettings) -> Result<(), String> {
        if s.hidden.len() > MAX_LAYERS {
            return Err(format!(
                "{} hidden layers: at most {MAX_LAYERS}",
                s.hidden.len()
            ));
        }
        if let Some(n) = s.hidden.iter().find(|&&n| n == 0 || n > MAX_NEURONS) {
            return Err(format!("a hidden layer of {n}: 1 to {MAX_NEURONS} neurons"));
        }
        within("learning rate", s.learning_rate, LEARNING_RATE)?;
        within("regularization rate", s.regularization_rate, REG_RATE)?;
        within("batch size", s.batch_size as f64, BATCH)?;
        if s.inputs.is_empty() {
            return Err("the network needs at least one input".into());
        }
        for (i, t) in s.inputs.iter().enumerate() {
            if s.inputs[..i].contains(t) {
                return Err(format!("the network's input {} is listed twice", t.label()));
            }
        }
        Ok(())
    }

    fn objective(s: &NetworkSettings, values: bool) -> Option<Formula> {
        let penalty = penalty(s.regularization, s.regularization_rate);
        let step = format!(
            "<math display=\"block\"><mrow><mi>W</mi><mo>←</mo><mi>W</mi><mo>−</mo>{}<mo>∇</mo><mi>L</mi></mrow></math>",
            mn(s.learning_rate)
        );
        let mean = "<mi>L</mi><mo>=</mo><mfrac><mn>1</mn><mi>n</mi></mfrac><munder><mo>∑</mo><mi>i</mi></munder>";
        Some(if values {
            (
                format!(
                    "<math display=\"block\"><mrow>{mean}<mfrac><mn>1</mn><mn>2</mn></mfrac><msup><mrow><mo>(</mo>\
                     <msub><mover><mi>y</mi><mo>^</mo></mover><mi>i</mi></msub><mo>−</mo><msub><mi>y</mi><mi>i</mi></msub>\
                     <mo>)</mo></mrow><mn>2</mn></msup>{penalty}</mrow></math>{step}"
                ),
                "Half the squared error of the linear output, averaged over each minibatch, plus the \
                 chosen penalty; every step moves the weights against the gradient, scaled by η.",
            )
        } else {
            (
                format!(
                    "<math display=\"block\"><mrow>{mean}<mo>−</mo><mi>log</mi><msub><mi>p</mi><msub><mi>y</mi><mi>i</mi></msub></msub>\
                     <mo>(</mo><msub><mi>x</mi><mi>i</mi></msub><mo>)</mo>{penalty}</mrow></math>{step}"
                ),
                "Cross-entropy of the softmax output, averaged over each minibatch, plus the chosen \
                 penalty; every step moves the weights against the gradient, scaled by the learning rate η.",
            )
        })
    }

    fn controls(s: Field<NetworkSettings>, cx: ControlsContext) -> AnyView {
        view! { <NetworkControls settings=s two_features=cx.two_features/> }.into_any()
    }
}

fn read_layers(value: &str) -> Result<Vec<usize>, String> {
    let layers: Vec<usize> = value
        .split('-')
        .filter(|l| !l.is_empty())
        .map(|l| whole("hidden", l, 1, MAX_NEURONS as u64).map(|v| v as usize))
        .collect::<Result<_, _>>()?;
    if layers.len() > MAX_LAYERS {
        return Err(format!("hidden= has more than {MAX_LAYERS} layers"));
    }
    Ok(layers)
}

fn read_inputs(value: &str) -> Result<Vec<FeatureTransform>, String> {
    let inputs: Vec<FeatureTransform> = value
        .split(',')
        .filter(|t| !t.is_empty())
        .map(|t| from_name("inputs", t))
        .collect::<Result<_, _>>()?;
    if inputs.is_empty() {
        return Err("inputs= needs at least one input".into());
    }
    Ok(inputs)
}

/// The weight penalty term, if any.
fn penalty(reg: Regularization, lambda: f64) -> String {
    match reg {
        Regularization::None => String::new(),
        Regularization::L1 => format!(
            "<mo>+</mo>{}<munder><mo>∑</mo><mi>w</mi></munder><mo>|</mo><mi>w</mi><mo>|</mo>",
            mn(lambda)
        ),
        Regularization::L2 => format!(
            "<mo>+</mo>{}<mfrac><mn>1</mn><mn>2</mn></mfrac><munder><mo>∑</mo><mi>w</mi></munder><msup><mi>w</mi><mn>2</mn></msup>",
            mn(lambda)
        ),
    }
}

#[component]
pub fn NetworkControls(
    settings: Field<NetworkSettings>,
    /// Whether the model sees exactly two features (then its inputs can be chosen).
    two_features: Signal<bool>,
) -> impl IntoView {
    let m = settings;
    let layers = move || m.hidden().get();
    let add_layer = move |_| {
        m.hidden().update(|h| {
            if h.len() < MAX_LAYERS {
                h.push(2);
            }
        })
    };
    let remove_layer = move |_| {
        m.hidden().update(|h| {
            h.pop();
        })
    };
    view! {
        <Show when=move || two_features.get()>
            <fieldset class="choice inputs">
                <legend>"Inputs"</legend>
                {FeatureTransform::ALL
                    .into_iter()
                    .map(|t| {
                        view! {
                            <label class="input-toggle">
                                <input
                                    type="checkbox"
                                    prop:checked=move || m.inputs().with(|v| v.contains(&t))
                                    on:change=move |ev| {
                                        let on = event_target_checked(&ev);
                                        m.inputs().update(|v| {
                                            if on && !v.contains(&t) {
                                                // keep the Playground's order
                                                v.push(t);
                                                v.sort_by_key(|x| FeatureTransform::ALL.iter().position(|a| a == x));
                                            } else if !on && v.len() > 1 {
                                                v.retain(|x| *x != t);
                                            }
                                        });
                                    }
                                />
                                {t.label()}
                            </label>
                        }
                    })
                    .collect_view()}
            </fieldset>
        </Show>
        <div class="param">
            <span class="label">"Hidden layers"</span>
            <output data-testid="hidden-layers">
                {move || {
                    let h = layers();
                    if h.is_empty() { "none".to_string() } else {
                        h.iter().map(|n| n.to_string()).collect::<Vec<_>>().join(" · ")
                    }
                }}
            </output>
        </div>
        <div class="param-row">
            <button type="button" aria-label="Add hidden layer" on:click=add_layer disabled=move || { layers().len() >= MAX_LAYERS }>
                "+ layer"
            </button>
            <button type="button" aria-label="Remove hidden layer" on:click=remove_layer disabled=move || { layers().is_empty() }>
                "− layer"
            </button>
        </div>
        <div class="neuron-buttons">
            {move || {
                layers()
                    .into_iter()
                    .enumerate()
                    .map(|(i, n)| {
                        view! {
                            <div class="neuron-row">
                                <span>{format!("Layer {}: {n}", i + 1)}</span>
                                <button
                                    type="button"
                                    aria-label=format!("Add neuron to layer {}", i + 1)
                                    disabled={ n >= MAX_NEURONS }
                                    on:click=move |_| m.hidden().update(|h| {
                                        if let Some(v) = h.get_mut(i) {
                                            *v = (*v + 1).min(MAX_NEURONS);
                                        }
                                    })
                                >
                                    "+"
                                </button>
                                <button
                                    type="button"
                                    aria-label=format!("Remove neuron from layer {}", i + 1)
                                    disabled={ n <= 1 }
                                    on:click=move |_| m.hidden().update(|h| {
                                        if let Some(v) = h.get_mut(i) {
                                            *v = (*v).saturating_sub(1).max(1);
                                        }
                                    })
                                >
                                    "−"
                                </button>
                            </div>
                        }
                    })
                    .collect_view()
            }}
        </div>
        <ChoiceSelect
            id="activation"
            label="Activation"
            choices=Activation::ALL.into_iter().map(|a| (a, a.name(), a.name())).collect()
            value=m.activation().into()
        />
        <ParamSlider
            id="learning-rate"
            label="Learning rate"
            scale=LEARNING_RATE
            value=m.learning_rate()
            on_change=move |v| m.learning_rate().set(v)
        />
        <ChoiceSelect
            id="regularization"
            label="Regularization"
            choices=vec![
                (Regularization::None, "none", "none"),
                (Regularization::L1, "l1", "L1"),
                (Regularization::L2, "l2", "L2"),
            ]
            value=m.regularization().into()
        />
        <ParamSlider
            id="regularization-rate"
            label="Regularization rate"
            scale=REG_RATE
            value=m.regularization_rate()
            on_change=move |v| m.regularization_rate().set(v)
            disabled=Signal::derive(move || m.regularization().get() == Regularization::None)
        />
        <ParamSlider
            id="batch-size"
            label="Batch size"
            scale=BATCH
            value=Signal::derive(move || m.batch_size().get() as f64)
            on_change=move |v| m.batch_size().set(v.round().clamp(1.0, 30.0) as usize)
            display=|v| format!("{v:.0}")
        />
    }
}
