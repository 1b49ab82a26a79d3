//! Views of the settings store, one `Copy` struct per concern, with the derived
//! questions each answers (which dataset is regression). Every field is the store's own
//! field: writing one writes the settings.

use std::sync::Arc;

use leptos::prelude::*;
use reactive_stores::{Field, Store};

use crate::data::ImportedCsv;
use crate::import_draft::ImportDraft;
use crate::import_read::ImportReader;

use crate::settings::{DataSettings, DatasetChoice, DrawnPoint, Edits};
use crate::settings::{
    DataSettingsStoreFields, PlaneSettingsStoreFields, Settings, SettingsStoreFields,
};

/// Which data, how noisy, how it is split.
#[derive(Clone, Copy)]
pub struct DataState {
    pub choice: Field<DatasetChoice>,
    pub noise: Field<f64>,
    pub train_ratio: Field<f64>,
    pub seed: Field<u64>,
    pub n_samples: Field<usize>,
    pub n_classes: Field<usize>,
    /// The user's own points (for the "Draw your own" dataset).
    pub drawn: Field<Vec<DrawnPoint>>,
    /// Points added to or removed from the chosen data.
    pub edits: Field<Option<Edits>>,
    /// The class a click adds, or `None` to erase.
    pub brush: RwSignal<Option<usize>>,
    /// The last CSV file imported (kept until another one imports cleanly).
    pub imported: RwSignal<Option<Arc<ImportedCsv>>>,
    /// A file being previewed before it is used (the import preview is open).
    pub import_draft: RwSignal<Option<ImportDraft>>,
    /// Reads files for the preview off the page's thread.
    pub import_reader: ImportReader,
}

impl DataState {
    /// Picks a dataset, from the picker or a thumbnail: the Playground's sets (and the
    /// other bundled ones) are split half and half, the seed article's Iris 80/20.
    pub fn pick(&self, c: DatasetChoice) {
        self.choice.set(c);
        self.edits.set(None);
        if c != DatasetChoice::Iris && self.train_ratio.get_untracked() == 0.8 {
            self.train_ratio.set(0.5);
        }
    }

    /// Whether the data's target is a number (tracked): a regression set, or an imported
    /// file whose target is read as numbers.
    pub fn is_regression(&self) -> bool {
        let choice = self.choice.get();
        choice.is_regression()
            || (choice == DatasetChoice::Imported
                && self
                    .imported
                    .with(|i| i.as_ref().is_some_and(|c| c.regression)))
    }

    /// The data settings of `store`, with no imported file and the first class as
    /// the brush.
    pub fn new(store: Store<Settings>) -> Self {
        let d = store.data();
        let import_draft = RwSignal::new(None);
        Self {
            choice: d.choice().into(),
            noise: d.noise().into(),
            train_ratio: d.train_ratio().into(),
            seed: d.seed().into(),
            n_samples: d.n_samples().into(),
            n_classes: d.n_classes().into(),
            drawn: d.drawn().into(),
            edits: d.edits().into(),
            brush: RwSignal::new(Some(0)),
            imported: RwSignal::new(None),
            import_draft,
            import_reader: ImportReader::new(import_draft),
        }
    }

    /// The data settings (tracked); the drawn points only for drawn data, so other data
    /// does not depend on them.
    pub fn spec(&self) -> DataSettings {
        let choice = self.choice.get();
        DataSettings {
            choice,
            noise: self.noise.get(),
            train_ratio: self.train_ratio.get(),
            seed: self.seed.get(),
            n_samples: self.n_samples.get(),
            n_classes: self.n_classes.get(),
            drawn: if choice == DatasetChoice::Drawn {
                self.drawn.get()
            } else {
                Vec::new()
            },
            edits: self.edits.get(),
        }
    }
}

/// Which two features the plane shows, and whether the model sees only those.
#[derive(Clone, Copy)]
pub struct PlaneState {
    pub x_feature: Field<usize>,
    pub y_feature: Field<usize>,
    /// true (the default, so the picture is the whole model): train on the two shown
    /// features only; false: train on all features, and the surface is a slice with
    /// the others at their training mean.
    pub shown_only: Field<bool>,
}

impl PlaneState {
    /// The plane settings of `store`.
    pub fn new(store: Store<Settings>) -> Self {
        let p = store.plane();
        Self {
            x_feature: p.x_feature().into(),
            y_feature: p.y_feature().into(),
            shown_only: p.shown_only().into(),
        }
    }
}
