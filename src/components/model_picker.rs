//! The model picker and the chosen model's controls (each model's own, from `models`).

use leptos::prelude::*;

use super::training_controls::TrainingControls;
use crate::chunk::{arrival, Lazy};
use crate::models::svm::Svm;
use crate::models::{ControlsContext, Family, ModelKind, ModelSettings, ModelSettingsStoreFields};
use crate::studio::Studio;
use hyperplane_core::kernel::Kernel;
use hyperplane_core::model::FittedModel;
use reactive_stores::Field;

/// Makes any model's controls.
type Controls = fn(ModelKind, Field<ModelSettings>, ControlsContext) -> AnyView;

crate::split_point! {
    /// Every model's controls: a chunk in the split build, fetched when a model other
    /// than the first picture's SVM is first picked.
    fn every_models_controls() -> Controls {
        ModelKind::controls as Controls
    }
}

/// Fetches the other models' controls before they are first picked: picking another
/// model is the commonest first thing a visitor does, so the page fetches them first of
/// what the first picture did not need. A failure is left to the picker, which tries
/// again when a model is picked and says so if that fails too.
pub async fn prefetch_controls() {
    let _ = every_models_controls().await;
}

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
    let others = Lazy::<Controls>::new();
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
            let controls = if k == ModelKind::Svm {
                Svm::controls(studio.model.svm().into(), cx)
            } else {
                others.ask(every_models_controls);
                arrival(others, every_models_controls, "the model's controls", |controls| {
                    controls(k, studio.model, cx)
                })
            };
            view! {
                {training}
                {controls}
            }
        }}
    }
}
