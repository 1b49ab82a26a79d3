//! The studio's models: the picker's one list, each model's settings, and everything
//! the studio does with "the chosen model" (fit parameters, restore, link, limits,
//! objective, controls), dispatched through that list. Adding a model is one module
//! implementing [`Family`] and one line in `families!` below.

pub mod family;
pub mod gd_svm;
pub mod knn;
pub mod logistic;
pub mod network;
pub mod svm;
pub mod tree;

use hyperplane_core::model::ModelParams;
use leptos::prelude::*;
use reactive_stores::{Field, Patch, Store};
use serde::{Deserialize, Serialize};

pub use family::{ControlsContext, Family, Formula};
use gd_svm::{GdSvm, GdSvmSettings};
use knn::{Knn, KnnSettings};
use logistic::{Logistic, LogisticSettings};
use network::{Network, NetworkSettings};
use svm::{Svm, SvmSettings};
use tree::{Tree, TreeSettings};

/// Writes [`ModelKind`], [`ModelSettings`] and their dispatch from one list
/// (`Variant => field: Family, Settings`, in the picker's order).
macro_rules! families {
    ($($kind:ident => $field:ident: $family:ident, $settings:ident;)*) => {
        /// The model picker's choices.
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum ModelKind {
            $($kind,)*
        }

        impl ModelKind {
            pub const ALL: &'static [ModelKind] = &[$(Self::$kind,)*];

            /// The option's accessible name (as in the UI contract).
            pub fn label(self) -> &'static str {
                match self {
                    $(Self::$kind => $family::LABEL,)*
                }
            }

            /// Its link key.
            pub fn key(self) -> &'static str {
                match self {
                    $(Self::$kind => $family::KEY,)*
                }
            }

            /// The chosen model's controls, over the model settings `m`.
            pub fn controls(self, m: Field<ModelSettings>, cx: ControlsContext) -> AnyView {
                match self {
                    $(Self::$kind => $family::controls(m.$field().into(), cx),)*
                }
            }
        }

        /// The chosen model and every model's settings (each keeps its own while
        /// another is chosen).
        #[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Store, Patch)]
        pub struct ModelSettings {
            #[patch(|this, new| *this = new)]
            pub kind: ModelKind,
            $(pub $field: $settings,)*
        }

        impl Default for ModelSettings {
            /// The seed article's example, a linear SVC with C = 1.
            fn default() -> Self {
                Self {
                    kind: ModelKind::ALL[0],
                    $($field: $settings::default(),)*
                }
            }
        }

        impl ModelSettings {
            /// The chosen one-call model, for classes or for values: `None` for the
            /// network (trained step by step) and for a classifier on values.
            pub fn params(&self, values: bool) -> Option<ModelParams> {
                match self.kind {
                    $(ModelKind::$kind => $family::params(&self.$field, values),)*
                }
            }

            /// Chooses the model `p` describes and sets its settings to `p`; the other
            /// models' settings stay as they are.
            pub fn set_params(&mut self, p: &ModelParams) {
                $(if $family::take(&mut self.$field, p) {
                    self.kind = ModelKind::$kind;
                    return;
                })*
            }

            /// The chosen model's link keys.
            pub fn link(&self, may_be_values: bool) -> Vec<(&'static str, String)> {
                match self.kind {
                    $(ModelKind::$kind => $family::link(&self.$field, may_be_values),)*
                }
            }

            /// Reads a model's link key: the chosen model's first (`lr` is its learning
            /// rate), then the first other model that has the key. `Ok(false)`: no
            /// model has it.
            pub fn read_link(&mut self, key: &str, value: &str) -> Result<bool, String> {
                let chosen = match self.kind {
                    $(ModelKind::$kind => $family::read(&mut self.$field, key, value),)*
                };
                let read = chosen$(.or_else(|| $family::read(&mut self.$field, key, value)))*;
                read.map_or(Ok(false), |r| r.map(|()| true))
            }

            /// Every model's settings against their controls' limits.
            pub fn check(&self) -> Result<(), String> {
                $($family::check(&self.$field)?;)*
                Ok(())
            }

            /// What the chosen model minimizes, for classes or values.
            pub fn objective(&self, values: bool) -> Option<Formula> {
                match self.kind {
                    $(ModelKind::$kind => $family::objective(&self.$field, values),)*
                }
            }
        }
    };
}

families! {
    Svm => svm: Svm, SvmSettings;
    LinearSvmGd => gd_svm: GdSvm, GdSvmSettings;
    Logistic => logistic: Logistic, LogisticSettings;
    NeuralNetwork => network: Network, NetworkSettings;
    Knn => knn: Knn, KnnSettings;
    Tree => tree: Tree, TreeSettings;
}

impl ModelKind {
    pub fn from_key(key: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|m| m.key() == key)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use hyperplane_core::kernel::KernelKind;
    use hyperplane_core::svm::SvrParams;

    #[test]
    fn restored_parameters_give_back_the_same_parameters() {
        let mut m = ModelSettings::default();
        let svr = ModelParams::Svr(
            SvrParams::default()
                .kernel(KernelKind::Poly)
                .c(3.0)
                .epsilon(0.25)
                .cache_mb(32.0),
        );
        m.set_params(&svr);
        assert_eq!(m.params(true), Some(svr));
        for &kind in ModelKind::ALL {
            let mut m = ModelSettings {
                kind,
                ..ModelSettings::default()
            };
            let Some(p) = m.params(false) else {
                assert_eq!(kind, ModelKind::NeuralNetwork);
                continue;
            };
            m.kind = ModelKind::ALL[(kind as usize + 1) % ModelKind::ALL.len()];
            m.set_params(&p);
            assert_eq!((m.kind, m.params(false)), (kind, Some(p)), "{kind:?}");
        }
        m.kind = ModelKind::Logistic;
        assert_eq!(m.params(true), None, "logistic regression only classifies");
    }

    #[test]
    fn a_link_key_goes_to_the_chosen_model_first() {
        let mut m = ModelSettings {
            kind: ModelKind::LinearSvmGd,
            ..ModelSettings::default()
        };
        assert_eq!(m.read_link("lr", "0.5"), Ok(true));
        assert_eq!(m.gd_svm.learning_rate, 0.5);
        assert_eq!(m.network, NetworkSettings::default());
        // Outside the gradient-descent range, though inside the network's: refused.
        assert!(m.read_link("lr", "2").is_err());
        assert_eq!(m.read_link("k", "9"), Ok(true), "another model's key");
        assert_eq!(m.knn.k, 9);
        assert_eq!(m.read_link("nope", "1"), Ok(false));
    }
}
