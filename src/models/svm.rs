//! The SVM: a classifier (SVC) on classes, a regressor (SVR) on values, solved by SMO.

use hyperplane_core::kernel::{Gamma, KernelKind};
use hyperplane_core::model::ModelParams;
use hyperplane_core::svm::{SvcParams, SvmParams, SvrParams};
use leptos::prelude::*;
use reactive_stores::{Field, Patch, Store};
use serde::{Deserialize, Serialize};

use super::family::{mn, ControlsContext, Family, Formula};
use crate::components::choice_select::ChoiceSelect;
use crate::components::param_slider::ParamSlider;
use crate::settings::limits::C_SCALE;
use crate::settings::text::{number, short, within};
use crate::slider_scale::SliderScale;

pub const GAMMA_SCALE: SliderScale = SliderScale::log(0.001, 100.0);
pub const DEGREE_SCALE: SliderScale = SliderScale::linear(1.0, 6.0, 5);
pub const COEF0_SCALE: SliderScale = SliderScale::linear(-2.0, 2.0, 40);
pub const EPSILON_SCALE: SliderScale = SliderScale::log(0.001, 5.0);

/// Kernel rows the studio's SVMs cache (MB): its datasets are small.
const CACHE_MB: f64 = 32.0;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Store, Patch)]
pub struct SvmSettings {
    #[patch(|this, new| *this = new)]
    pub kernel: KernelKind,
    pub c: f64,
    #[patch(|this, new| *this = new)]
    pub gamma: Gamma,
    pub degree: u32,
    pub coef0: f64,
    /// The SVR's ε (values).
    pub epsilon: f64,
}

impl Default for SvmSettings {
    /// The seed article's example: a linear SVC with C = 1.
    fn default() -> Self {
        Self {
            kernel: KernelKind::Linear,
            c: 1.0,
            gamma: Gamma::Scale,
            degree: 3,
            coef0: 0.0,
            epsilon: 0.1,
        }
    }
}

pub struct Svm;

impl Family for Svm {
    type Settings = SvmSettings;
    const KEY: &'static str = "svm";
    const LABEL: &'static str = "SVM";

    fn params(s: &SvmSettings, values: bool) -> Option<ModelParams> {
        let svm = SvmParams {
            kernel: s.kernel,
            c: s.c,
            gamma: s.gamma,
            degree: s.degree,
            coef0: s.coef0,
            cache_mb: CACHE_MB,
            ..SvmParams::default()
        };
        Some(if values {
            ModelParams::Svr(SvrParams {
                svm,
                epsilon: s.epsilon,
            })
        } else {
            ModelParams::Svc(SvcParams {
                svm,
                class_weight: None,
            })
        })
    }

    fn take(s: &mut SvmSettings, p: &ModelParams) -> bool {
        let svm = match p {
            ModelParams::Svc(p) => &p.svm,
            ModelParams::Svr(p) => {
                s.epsilon = p.epsilon;
                &p.svm
            }
            _ => return false,
        };
        (s.kernel, s.c, s.gamma) = (svm.kernel, svm.c, svm.gamma);
        (s.degree, s.coef0) = (svm.degree, svm.coef0);
        true
    }

    fn link(s: &SvmSettings, may_be_values: bool) -> Vec<(&'static str, String)> {
        let gamma = match s.gamma {
            Gamma::Scale => "scale".into(),
            Gamma::Auto => "auto".into(),
            Gamma::Value(g) => short(g),
        };
        let mut kv = vec![
            ("kernel", s.kernel.name().to_string()),
            ("C", short(s.c)),
            ("gamma", gamma),
            ("degree", s.degree.to_string()),
            ("coef0", short(s.coef0)),
        ];
        if may_be_values {
            kv.push(("eps", short(s.epsilon)));
        }
        kv
    }

    fn read(s: &mut SvmSettings, key: &str, value: &str) -> Option<Result<(), String>> {
        Some(match key {
            "kernel" => KernelKind::from_name(value)
                .map(|k| s.kernel = k)
                .ok_or_else(|| format!("kernel={value} is not a kernel")),
            "C" => number(key, value, C_SCALE).map(|v| s.c = v),
            "gamma" => match value {
                "scale" => Ok(Gamma::Scale),
                "auto" => Ok(Gamma::Auto),
                v => number(key, v, GAMMA_SCALE).map(Gamma::Value),
            }
            .map(|g| s.gamma = g),
            "degree" => number(key, value, DEGREE_SCALE).map(|v| s.degree = v.round() as u32),
            "coef0" => number(key, value, COEF0_SCALE).map(|v| s.coef0 = v),
            "eps" => number(key, value, EPSILON_SCALE).map(|v| s.epsilon = v),
            _ => return None,
        })
    }

    fn check(s: &SvmSettings) -> Result<(), String> {
        within("C", s.c, C_SCALE)?;
        if let Gamma::Value(g) = s.gamma {
            within("gamma", g, GAMMA_SCALE)?;
        }
        within("degree", s.degree as f64, DEGREE_SCALE)?;
        within("coef0", s.coef0, COEF0_SCALE)?;
        within("epsilon", s.epsilon, EPSILON_SCALE)
    }

    fn objective(s: &SvmSettings, values: bool) -> Option<Formula> {
        Some(if values {
            svr_objective(s.c, s.epsilon)
        } else {
            (
                hinge(s.c),
                "The soft-margin SVM: a wide margin (small wᵀw) against margin violations, weighed by C. \
                 Hyperplane solves it exactly in its dual form by SMO, as LIBSVM does; the gradient step is \
                 the seed article's way to the same optimum.",
            )
        })
    }

    fn controls(s: Field<SvmSettings>, cx: ControlsContext) -> AnyView {
        view! { <SvmControls settings=s values=cx.values gamma_used=cx.gamma_used/> }.into_any()
    }
}

/// The soft-margin objective with the seed article's gradient step (`C` filled in).
pub fn hinge(c: f64) -> String {
    format!(
        "<math display=\"block\"><mrow><mi>L</mi><mo>(</mo><mi>w</mi><mo>,</mo><mi>b</mi><mo>)</mo><mo>=</mo>\
         <mfrac><mn>1</mn><mn>2</mn></mfrac><msup><mi>w</mi><mi>T</mi></msup><mi>w</mi><mo>+</mo>{}\
         <munder><mo>∑</mo><mi>i</mi></munder><mi>max</mi><mo>(</mo><mn>0</mn><mo>,</mo><mn>1</mn><mo>−</mo>\
         <msub><mi>y</mi><mi>i</mi></msub><mo>(</mo><msup><mi>w</mi><mi>T</mi></msup><mi>φ</mi><mo>(</mo>\
         <msub><mi>x</mi><mi>i</mi></msub><mo>)</mo><mo>+</mo><mi>b</mi><mo>)</mo><mo>)</mo></mrow></math>\
         <math display=\"block\"><mrow><mi>w</mi><mo>←</mo><mi>w</mi><mo>−</mo><mi>η</mi><mo>∇</mo><mi>L</mi></mrow></math>",
        mn(c)
    )
}

fn svr_objective(c: f64, epsilon: f64) -> Formula {
    let sum_i = "<munder><mo>∑</mo><mi>i</mi></munder>";
    (
        // Two short lines, so the formula fits the narrow panel.
        format!(
            "<math display=\"block\"><mrow><munder><mi>min</mi><mrow><mi>w</mi><mo>,</mo><mi>b</mi></mrow></munder>\
             <mfrac><mn>1</mn><mn>2</mn></mfrac><msup><mi>w</mi><mi>T</mi></msup><mi>w</mi><mo>+</mo>{}{sum_i}\
             <msub><mi>ξ</mi><mi>i</mi></msub></mrow></math>\
             <math display=\"block\"><mrow><msub><mi>ξ</mi><mi>i</mi></msub><mo>=</mo>\
             <mi>max</mi><mo>(</mo><mn>0</mn><mo>,</mo><mo>|</mo><msub><mi>y</mi><mi>i</mi></msub><mo>−</mo>\
             <mi>f</mi><mo>(</mo><msub><mi>x</mi><mi>i</mi></msub><mo>)</mo><mo>|</mo><mo>−</mo>{}<mo>)</mo></mrow></math>",
            mn(c),
            mn(epsilon)
        ),
        "Epsilon-insensitive loss: errors inside the tube of half-width ε cost nothing, larger \
         ones cost C per unit, against a flat function (small wᵀw). Solved exactly in its dual by \
         SMO, as LIBSVM does; the points on or outside the tube are the support vectors.",
    )
}

/// Kernel, C, gamma, coef0 and degree; ε on values.
#[component]
pub fn SvmControls(
    settings: Field<SvmSettings>,
    /// Whether the target is a number (then ε is shown).
    values: Signal<bool>,
    /// Gamma as the last fit used it.
    gamma_used: Signal<Option<f64>>,
) -> impl IntoView {
    let m = settings;
    let kernel = m.kernel();
    // Gamma as the fitted model used it, so `scale` shows its actual number.
    let gamma_value = Signal::derive(move || match m.gamma().get() {
        Gamma::Value(g) => g,
        _ => gamma_used.get().unwrap_or(0.25),
    });
    let gamma_note = Signal::derive(move || match m.gamma().get() {
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
            value=kernel.into()
        />
        <ParamSlider
            id="c"
            label="C"
            scale=C_SCALE
            value=m.c()
            on_change=move |v| m.c().set(v)
        />
        <p class="hint">"Penalty on margin violations: small C, wide soft margin; large C, fewer violations."</p>
        <Show when=move || values.get()>
            <ParamSlider
                id="epsilon"
                label="Epsilon"
                scale=EPSILON_SCALE
                value=m.epsilon()
                on_change=move |v| m.epsilon().set(v)
            />
            <p class="hint">"Half-width of the tube around the fit inside which errors cost nothing: a wider tube, fewer support vectors."</p>
        </Show>
        <ParamSlider
            id="gamma"
            label="Gamma"
            scale=GAMMA_SCALE
            value=gamma_value
            on_change=move |v| m.gamma().set(Gamma::Value(v))
            disabled=no_gamma
            note=gamma_note
        />
        <div class="param-actions">
            <button
                type="button"
                class="link-button"
                disabled=move || no_gamma.get() || m.gamma().get() == Gamma::Scale
                on:click=move |_| m.gamma().set(Gamma::Scale)
            >
                "Reset gamma to scale"
            </button>
        </div>
        <Show when=move || matches!(kernel.get(), KernelKind::Poly | KernelKind::Sigmoid)>
            <ParamSlider
                id="coef0"
                label="coef0"
                scale=COEF0_SCALE
                value=m.coef0()
                on_change=move |v| m.coef0().set(v)
            />
        </Show>
        <Show when=move || kernel.get() == KernelKind::Poly>
            <ParamSlider
                id="degree"
                label="Degree"
                scale=DEGREE_SCALE
                value=Signal::derive(move || m.degree().get() as f64)
                on_change=move |v| m.degree().set(v.round().clamp(1.0, 6.0) as u32)
            />
        </Show>
    }
}
