//! What every model family of the studio provides: its settings, how they become the
//! engine's parameters and back, how they travel in a link, their limits, the
//! objective it shows, and its controls. `models::families!` makes the one list of
//! them; nothing else names every model.

use hyperplane_core::model::ModelParams;
use leptos::prelude::*;
use reactive_stores::Field;

/// A formula (MathML) and the sentence that explains it.
pub type Formula = (String, &'static str);

/// What a model's controls may show besides its own settings.
#[derive(Clone, Copy)]
pub struct ControlsContext {
    /// Whether the target is a number (the regressors' controls).
    pub values: Signal<bool>,
    /// Whether the model sees exactly two features (the network's input toggles).
    pub two_features: Signal<bool>,
    /// The SVM's gamma as the last fit used it, so `scale` shows its number.
    pub gamma_used: Signal<Option<f64>>,
}

/// One model of the picker.
pub trait Family {
    /// Its settings, as its controls set them.
    type Settings: Clone + PartialEq + Default + Send + Sync + 'static;
    /// Its link key (`model=svm`) and the picker's accessible name (UI contract).
    const KEY: &'static str;
    const LABEL: &'static str;

    /// The one-call model for classes (`values` false) or values; `None` if it does not
    /// apply there, or trains step by step (the network).
    fn params(s: &Self::Settings, values: bool) -> Option<ModelParams>;
    /// Takes `p`'s values if `p` is one of this family's models.
    fn take(s: &mut Self::Settings, p: &ModelParams) -> bool;
    /// Its link keys (`may_be_values`: the data may have a numeric target).
    fn link(s: &Self::Settings, may_be_values: bool) -> Vec<(&'static str, String)>;
    /// Reads one link key: `None` if the key is not one of its own.
    fn read(s: &mut Self::Settings, key: &str, value: &str) -> Option<Result<(), String>>;
    /// Its settings against its controls' limits; the first one outside is named.
    fn check(s: &Self::Settings) -> Result<(), String>;
    /// What it minimizes, with the current numbers (`None`: nothing to show here).
    fn objective(s: &Self::Settings, values: bool) -> Option<Formula>;
    /// Its controls.
    fn controls(s: Field<Self::Settings>, cx: ControlsContext) -> AnyView;
}

/// A number as MathML (our own formatting, never user text, so safe as markup).
pub fn mn(v: f64) -> String {
    format!("<mn>{}</mn>", crate::format::param(v))
}
