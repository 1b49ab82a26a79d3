//! Everything a user can set, in one serde struct held as a reactive store: the data,
//! the model and its parameters, and the plane. Links, restored versions, embeds and
//! lessons read it with one call and write it with one call ([`Patch`], which notifies
//! only the fields that changed); controls read and write single fields.

mod check;
mod dataset_choice;
mod edits;
pub mod example_link;
pub mod fragment;
pub mod limits;
pub mod text;

#[cfg(all(test, not(target_arch = "wasm32")))]
mod link_mutations;

use reactive_stores::{Patch, Store};
use serde::{Deserialize, Serialize};

use crate::models::{ModelKind, ModelSettings};
pub use dataset_choice::{DatasetChoice, DrawnPoint, DRAWN_CLASSES, SPLIT_SEED};
pub use edits::{snap, Edits};

/// Every setting of the studio.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, Store, Patch)]
pub struct Settings {
    pub data: DataSettings,
    pub model: ModelSettings,
    pub plane: PlaneSettings,
}

/// Which data, how noisy, how it is split.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Store, Patch)]
pub struct DataSettings {
    #[patch(|this, new| *this = new)]
    pub choice: DatasetChoice,
    /// TensorFlow Playground's 0–0.5 (moons: Gaussian σ; blobs: cluster σ = 1 + 10·noise).
    pub noise: f64,
    pub train_ratio: f64,
    pub seed: u64,
    /// Generated sets: number of points.
    pub n_samples: usize,
    /// Blobs: number of classes.
    pub n_classes: usize,
    /// The user's own points (for "Draw your own"), kept while other data is shown.
    pub drawn: Vec<DrawnPoint>,
    /// Points the user added to or removed from `choice`'s data ("Moons, edited").
    #[patch(|this, new| *this = new)]
    #[serde(default)]
    pub edits: Option<Edits>,
}

impl Default for DataSettings {
    /// Iris, 80 % training, seed 42: the seed article's example.
    fn default() -> Self {
        Self {
            choice: DatasetChoice::Iris,
            noise: 0.0,
            train_ratio: 0.8,
            seed: SPLIT_SEED,
            n_samples: 500,
            n_classes: 3,
            drawn: Vec::new(),
            edits: None,
        }
    }
}

/// Which two features the plane shows, and whether the model sees only those.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Store, Patch)]
pub struct PlaneSettings {
    pub x_feature: usize,
    pub y_feature: usize,
    /// true (the default, so the picture is the whole model): train on the two shown
    /// features only; false: train on all features, and the surface is a slice with
    /// the others at their training mean.
    pub shown_only: bool,
}

impl Default for PlaneSettings {
    fn default() -> Self {
        Self {
            x_feature: 0,
            y_feature: 1,
            shown_only: true,
        }
    }
}

/// Serialized by their link keys (`"moons"`, `"svm"`), the names links already use.
macro_rules! serde_by_key {
    ($t:ty, $what:literal) => {
        impl Serialize for $t {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.key())
            }
        }
        impl<'de> Deserialize<'de> for $t {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let key = String::deserialize(d)?;
                Self::from_key(&key)
                    .ok_or_else(|| serde::de::Error::custom(format!("{key:?} is not a {}", $what)))
            }
        }
    };
}
serde_by_key!(ModelKind, "model");
serde_by_key!(DatasetChoice, "dataset");

#[cfg(test)]
mod tests {
    use super::*;
    use crate::models::ModelKind;

    #[test]
    fn settings_round_trip_through_json_by_their_keys() {
        let mut s = Settings::default();
        s.data.choice = DatasetChoice::from_key("moons").unwrap();
        s.model.kind = ModelKind::NeuralNetwork;
        s.data.drawn = vec![(1.5, -2.0, 1)];
        let text = serde_json::to_string(&s).unwrap();
        assert!(text.contains("\"choice\":\"moons\"") && text.contains("\"kind\":\"mlp\""));
        assert_eq!(serde_json::from_str::<Settings>(&text).unwrap(), s);
        assert!(serde_json::from_str::<Settings>(&text.replace("moons", "nope")).is_err());
    }
}
