//! The decision tree (CART): its growth limits and split criterion (squared error on
//! values).

use hyperplane_core::model::ModelParams;
use hyperplane_core::tree::{Criterion, TreeParams};
use leptos::prelude::*;
use reactive_stores::{Field, Patch, Store};
use serde::{Deserialize, Serialize};

use super::family::{ControlsContext, Family, Formula};
use crate::components::choice_select::ChoiceSelect;
use crate::components::param_slider::ParamSlider;
use crate::settings::text::{count, from_name, name_of, within};
use crate::slider_scale::SliderScale;

pub const DEPTH: SliderScale = SliderScale::linear(1.0, 20.0, 19);
pub const LEAF: SliderScale = SliderScale::linear(1.0, 30.0, 29);

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Store, Patch)]
pub struct TreeSettings {
    pub max_depth: usize,
    pub min_leaf: usize,
    /// The classification criterion (values always use squared error).
    #[patch(|this, new| *this = new)]
    pub criterion: Criterion,
}

impl Default for TreeSettings {
    fn default() -> Self {
        Self {
            max_depth: 5,
            min_leaf: 1,
            criterion: Criterion::Gini,
        }
    }
}

pub struct Tree;

impl Family for Tree {
    type Settings = TreeSettings;
    const KEY: &'static str = "tree";
    const LABEL: &'static str = "Decision tree";

    fn params(s: &TreeSettings, values: bool) -> Option<ModelParams> {
        Some(ModelParams::Tree(
            TreeParams::default()
                .max_depth(Some(s.max_depth))
                .min_samples_leaf(s.min_leaf)
                .criterion(if values {
                    Criterion::SquaredError
                } else {
                    s.criterion
                }),
        ))
    }

    fn take(s: &mut TreeSettings, p: &ModelParams) -> bool {
        let ModelParams::Tree(p) = p else {
            return false;
        };
        s.max_depth = p.max_depth.unwrap_or(20);
        s.min_leaf = p.min_samples_leaf;
        // A regression tree's squared_error is implied by its data; the picker keeps
        // the classification criterion.
        if p.criterion != Criterion::SquaredError {
            s.criterion = p.criterion;
        }
        true
    }

    fn link(s: &TreeSettings, _: bool) -> Vec<(&'static str, String)> {
        vec![
            ("depth", s.max_depth.to_string()),
            ("leaf", s.min_leaf.to_string()),
            ("criterion", name_of(s.criterion)),
        ]
    }

    fn read(s: &mut TreeSettings, key: &str, value: &str) -> Option<Result<(), String>> {
        Some(match key {
            "depth" => count(key, value, DEPTH).map(|v| s.max_depth = v),
            "leaf" => count(key, value, LEAF).map(|v| s.min_leaf = v),
            "criterion" => from_name(key, value).map(|v| s.criterion = v),
            _ => return None,
        })
    }

    fn check(s: &TreeSettings) -> Result<(), String> {
        within("max depth", s.max_depth as f64, DEPTH)?;
        within("min samples per leaf", s.min_leaf as f64, LEAF)
    }

    fn objective(_: &TreeSettings, values: bool) -> Option<Formula> {
        Some(if values {
            (
                "<math display=\"block\"><mrow><munder><mi>min</mi><mrow><mi>feature</mi><mo>,</mo><mi>t</mi></mrow></munder>\
                 <msub><mi>E</mi><mi>L</mi></msub><mo>+</mo><msub><mi>E</mi><mi>R</mi></msub></mrow></math>\
                 <math display=\"block\"><mrow><msub><mi>E</mi><mi>S</mi></msub><mo>=</mo>\
                 <munder><mo>∑</mo><mrow><mi>i</mi><mo>∈</mo><mi>S</mi></mrow></munder><msup><mrow><mo>(</mo><msub><mi>y</mi><mi>i</mi></msub>\
                 <mo>−</mo><msub><mover><mi>y</mi><mo>¯</mo></mover><mi>S</mi></msub><mo>)</mo></mrow><mn>2</mn></msup></mrow></math>"
                    .to_string(),
                "Each split is chosen greedily to leave the least squared error around the two \
                 children's means; a leaf predicts the mean value of its training points.",
            )
        } else {
            (
                "<math display=\"block\"><mrow><munder><mi>min</mi><mrow><mi>feature</mi><mo>,</mo><mi>t</mi></mrow></munder>\
                 <mfrac><msub><mi>n</mi><mi>L</mi></msub><mi>n</mi></mfrac><msub><mi>G</mi><mi>L</mi></msub><mo>+</mo>\
                 <mfrac><msub><mi>n</mi><mi>R</mi></msub><mi>n</mi></mfrac><msub><mi>G</mi><mi>R</mi></msub><mo>,</mo><mspace width=\"1em\"/>\
                 <mi>G</mi><mo>=</mo><mn>1</mn><mo>−</mo><munder><mo>∑</mo><mi>c</mi></munder><msubsup><mi>p</mi><mi>c</mi><mn>2</mn></msubsup></mrow></math>"
                    .to_string(),
                "Each split is chosen greedily to make the two children as pure as possible (Gini shown; \
                 entropy uses −Σ p log₂ p).",
            )
        })
    }

    fn controls(s: Field<TreeSettings>, cx: ControlsContext) -> AnyView {
        view! { <TreeControls settings=s values=cx.values/> }.into_any()
    }
}

#[component]
pub fn TreeControls(
    settings: Field<TreeSettings>,
    /// Whether the target is a number (then the criterion is squared error).
    values: Signal<bool>,
) -> impl IntoView {
    let (depth, leaf) = (settings.max_depth(), settings.min_leaf());
    let criterion = settings.criterion();
    view! {
        <ParamSlider
            id="tree-depth"
            label="Max depth"
            scale=DEPTH
            value=Signal::derive(move || depth.get() as f64)
            on_change=move |v| depth.set(v.round().clamp(1.0, 20.0) as usize)
            display=|v| format!("{v:.0}")
        />
        <ParamSlider
            id="tree-leaf"
            label="Min samples per leaf"
            scale=LEAF
            value=Signal::derive(move || leaf.get() as f64)
            on_change=move |v| leaf.set(v.round().clamp(1.0, 30.0) as usize)
            display=|v| format!("{v:.0}")
        />
        <Show
            when=move || values.get()
            fallback=move || view! {
                <ChoiceSelect
                    id="tree-criterion"
                    label="Criterion"
                    choices=vec![
                        (Criterion::Gini, "gini", "gini"),
                        (Criterion::Entropy, "entropy", "entropy"),
                    ]
                    value=criterion.into()
                />
            }
        >
            <p class="hint" data-control="Criterion">"Splits minimize the squared error (the variance of the values in each part)."</p>
        </Show>
    }
}
