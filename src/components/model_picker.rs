//! The model picker and the chosen model's controls.

use leptos::prelude::*;

use super::gd_svm_controls::GdSvmControls;
use super::knn_controls::KnnControls;
use super::logistic_controls::LogisticControls;
use super::model_controls::ModelControls;
use super::network_controls::NetworkControls;
use super::training_controls::TrainingControls;
use super::tree_controls::TreeControls;
use crate::settings::ModelKind;
use crate::studio::Studio;

#[component]
pub fn ModelPicker() -> impl IntoView {
    let studio = expect_context::<Studio>();
    let kind = studio.model.kind;
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
                    .into_iter()
                    .map(|k| {
                        view! {
                            <option value=k.key() prop:selected=move || kind.get() == k>
                                {k.label()}
                            </option>
                        }
                    })
                    .collect_view()}
            </select>
        </div>
        {move || match kind.get() {
            ModelKind::Svm => view! { <ModelControls/> }.into_any(),
            ModelKind::LinearSvmGd => view! { <GdSvmControls/> }.into_any(),
            ModelKind::Logistic => view! { <LogisticControls/> }.into_any(),
            ModelKind::Knn => view! { <KnnControls/> }.into_any(),
            ModelKind::Tree => view! { <TreeControls/> }.into_any(),
            ModelKind::NeuralNetwork => {
                view! {
                    <TrainingControls/>
                    <NetworkControls/>
                }
                    .into_any()
            }
        }}
    }
}
