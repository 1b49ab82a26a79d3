//! The SVM's hyperparameters: kernel, C, gamma and degree.

use hyperplane_core::kernel::{Gamma, Kernel, KernelKind};
use leptos::prelude::*;

use crate::settings::limits::{COEF0_SCALE, C_SCALE, DEGREE_SCALE, EPSILON_SCALE, GAMMA_SCALE};

use super::choice_select::ChoiceSelect;
use super::param_slider::ParamSlider;
use crate::studio::Studio;
use hyperplane_core::model::FittedModel;

#[component]
pub fn ModelControls() -> impl IntoView {
    let studio = expect_context::<Studio>();
    let m = studio.model;
    let kernel = m.kernel;
    // Gamma as the fitted model used it, so `scale` shows its actual number.
    let gamma_value = Signal::derive(move || match m.gamma.get() {
        Gamma::Value(g) => g,
        _ => studio
            .trained
            .with(|t| match t.as_ref().map(|t| &t.model) {
                Ok(FittedModel::Svc(m)) => match m.kernel() {
                    Kernel::Rbf { gamma }
                    | Kernel::Poly { gamma, .. }
                    | Kernel::Sigmoid { gamma, .. } => Some(gamma),
                    Kernel::Linear => None,
                },
                _ => None,
            })
            .unwrap_or(0.25),
    });
    let gamma_note = Signal::derive(move || match m.gamma.get() {
        Gamma::Scale => "(scale)".to_string(),
        Gamma::Auto => "(auto)".to_string(),
        Gamma::Value(_) => String::new(),
    });
    let no_gamma = Signal::derive(move || !kernel.get().uses_gamma());
    view! {
        <ChoiceSelect
            id="kernel"
            label="Kernel"
            choices=KernelKind::ALL.into_iter().map(|k| (k, k.name(), k.name())).collect()
            value=kernel
        />
        <ParamSlider
            id="c"
            label="C"
            scale=C_SCALE
            value=m.c
            on_change=move |v| m.c.set(v)
        />
        <p class="hint">"Penalty on margin violations: small C, wide soft margin; large C, fewer violations."</p>
        <Show when=move || studio.data_state.is_regression()>
            <ParamSlider
                id="epsilon"
                label="Epsilon"
                scale=EPSILON_SCALE
                value=m.epsilon
                on_change=move |v| m.epsilon.set(v)
            />
            <p class="hint">"Half-width of the tube around the fit inside which errors cost nothing: a wider tube, fewer support vectors."</p>
        </Show>
        <ParamSlider
            id="gamma"
            label="Gamma"
            scale=GAMMA_SCALE
            value=gamma_value
            on_change=move |v| m.gamma.set(Gamma::Value(v))
            disabled=no_gamma
            note=gamma_note
        />
        <div class="param-actions">
            <button
                type="button"
                class="link-button"
                disabled=move || no_gamma.get() || m.gamma.get() == Gamma::Scale
                on:click=move |_| m.gamma.set(Gamma::Scale)
            >
                "Reset gamma to scale"
            </button>
        </div>
        <Show when=move || matches!(kernel.get(), KernelKind::Poly | KernelKind::Sigmoid)>
            <ParamSlider
                id="coef0"
                label="coef0"
                scale=COEF0_SCALE
                value=m.coef0
                on_change=move |v| m.coef0.set(v)
            />
        </Show>
        <Show when=move || kernel.get() == KernelKind::Poly>
            <ParamSlider
                id="degree"
                label="Degree"
                scale=DEGREE_SCALE
                value=Signal::derive(move || m.degree.get() as f64)
                on_change=move |v| m.degree.set(v.round().clamp(1.0, 6.0) as u32)
            />
        </Show>
    }
}
