//! The model picker and the chosen model's controls (each model's own, from `models`).

use leptos::prelude::*;

use super::training_controls::TrainingControls;
use crate::models::{ControlsContext, ModelKind, ModelSettingsStoreFields};
use crate::studio::Studio;
use hyperplane_core::kernel::Kernel;
use hyperplane_core::model::FittedModel;

#[component]
pub fn ModelPicker() -> impl IntoView {
    let studio = expect_context::<Studio>();
    let kind = studio.model.kind();
    let cx = ControlsContext {
        values: Signal::derive(move || studio.data_state.is_regression()),
        two_features: Signal::derive(move || studio.features.with(|f| f.len() == 2)),
        gamma_used: Signal::derive(move || {
            studio.trained.with(|t| match t.as_ref().map(|t| &t.model) {
                Ok(FittedModel::Svc(m)) => match m.kernel() {
                    Kernel::Rbf { gamma }
                    | Kernel::Poly { gamma, .. }
                    | Kernel::Sigmoid { gamma, .. } => Some(gamma),
                    Kernel::Linear => None,
                },
                _ => None,
            })
        }),
    };
    view! {
        <div class="param" data-control="Model">
            <label for="model">"Model"</label>
            <select
                id="model"
                on:change=move |ev| {
                    if let Some(k) = ModelKind::from_key(&event_target_value(&ev)) {
                        kind.set(k);
                    }
                }
            >
                {ModelKind::ALL
                    .iter()
                    .map(|&k| {
                        view! {
                            <option value=k.key() prop:selected=move || kind.get() == k>
                                {k.label()}
                            </option>
                        }
                    })
                    .collect_view()}
            </select>
        </div>
        {move || {
            let k = kind.get();
            // The network trains step by step: its Play, Step and Reset come first.
            let training = (k == ModelKind::NeuralNetwork).then(|| view! { <TrainingControls/> });
            view! {
                {training}
                {k.controls(studio.model, cx)}
            }
        }}
    }
}
