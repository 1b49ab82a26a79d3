//! The network's architecture and training settings. Changing the layers or the
//! activation starts a new network; the learning rate, regularization and batch size
//! apply from the next step on.

use hyperplane_core::features::FeatureTransform;
use hyperplane_core::nn::{Activation, Regularization};
use leptos::prelude::*;

use crate::settings::limits::{BATCH, LEARNING_RATE, MAX_LAYERS, MAX_NEURONS, REG_RATE};

use super::choice_select::ChoiceSelect;
use super::param_slider::ParamSlider;
use crate::studio::Studio;

#[component]
pub fn NetworkControls() -> impl IntoView {
    let m = expect_context::<Studio>().model;
    let layers = move || m.hidden.get();
    let add_layer = move |_| {
        m.hidden.update(|h| {
            if h.len() < MAX_LAYERS {
                h.push(2);
            }
        })
    };
    let remove_layer = move |_| {
        m.hidden.update(|h| {
            h.pop();
        })
    };
    let studio = expect_context::<Studio>();
    let two_features = move || studio.features.with(|f| f.len() == 2);
    view! {
        <Show when=two_features>
            <fieldset class="choice inputs">
                <legend>"Inputs"</legend>
                {FeatureTransform::ALL
                    .into_iter()
                    .map(|t| {
                        view! {
                            <label class="input-toggle">
                                <input
                                    type="checkbox"
                                    prop:checked=move || m.nn_inputs.with(|v| v.contains(&t))
                                    on:change=move |ev| {
                                        let on = event_target_checked(&ev);
                                        m.nn_inputs.update(|v| {
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
                                    on:click=move |_| m.hidden.update(|h| {
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
                                    on:click=move |_| m.hidden.update(|h| {
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
            value=m.activation
        />
        <ParamSlider
            id="learning-rate"
            label="Learning rate"
            scale=LEARNING_RATE
            value=m.learning_rate
            on_change=move |v| m.learning_rate.set(v)
        />
        <ChoiceSelect
            id="regularization"
            label="Regularization"
            choices=vec![
                (Regularization::None, "none", "none"),
                (Regularization::L1, "l1", "L1"),
                (Regularization::L2, "l2", "L2"),
            ]
            value=m.regularization
        />
        <ParamSlider
            id="regularization-rate"
            label="Regularization rate"
            scale=REG_RATE
            value=m.regularization_rate
            on_change=move |v| m.regularization_rate.set(v)
            disabled=Signal::derive(move || m.regularization.get() == Regularization::None)
        />
        <ParamSlider
            id="batch-size"
            label="Batch size"
            scale=BATCH
            value=Signal::derive(move || m.batch_size.get() as f64)
            on_change=move |v| m.batch_size.set(v.round().clamp(1.0, 30.0) as usize)
            display=|v| format!("{v:.0}")
        />
    }
}
