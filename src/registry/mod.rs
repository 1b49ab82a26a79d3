//! The registry of saved versions: kept in IndexedDB, listed, edited, deleted with undo,
//! exported and imported as a `hyperplane-versions` file, restored into the studio.

pub mod capture;
pub mod comparison;
pub mod disagreement;
pub mod numbering;
pub mod restore;
pub mod restore_csv;
pub mod store;
mod sync;

use std::sync::Arc;

use hyperplane_formats::saved_version::{overfitting, SavedVersion, VersionsFile};
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::studio::Studio;

/// A version and its key in the store.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    pub key: u32,
    pub version: Arc<SavedVersion>,
}

impl Entry {
    /// Test loss rising while training loss falls.
    pub fn overfitting(&self) -> bool {
        overfitting(&self.version.history)
    }

    /// A classifier's run whose loss stayed above guessing.
    pub fn not_learning(&self) -> bool {
        self.version.not_learning()
    }
}

/// A stored record that could not be read, kept (not dropped) and reported.
#[derive(Debug, Clone, PartialEq)]
pub struct Damaged {
    pub key: u32,
    pub reason: String,
    /// The record as stored (JSON for a value that is not text).
    pub raw: String,
}

/// What the list is sorted by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SortKey {
    Newest,
    Name,
    TestAccuracy,
    TrainAccuracy,
    MacroF1,
    TestR2,
    TestLoss,
}

impl SortKey {
    pub const ALL: [SortKey; 7] = [
        Self::Newest,
        Self::Name,
        Self::TestAccuracy,
        Self::TrainAccuracy,
        Self::MacroF1,
        Self::TestR2,
        Self::TestLoss,
    ];
    pub fn label(self) -> &'static str {
        match self {
            Self::Newest => "Newest first",
            Self::Name => "Name",
            Self::TestAccuracy => "Test accuracy",
            Self::TrainAccuracy => "Train accuracy",
            Self::MacroF1 => "Macro F1",
            Self::TestR2 => "Test R²",
            Self::TestLoss => "Test loss",
        }
    }

    /// Best first for metrics (missing values last).
    pub fn sort(self, entries: &mut [Entry]) {
        let desc = |f: fn(&SavedVersion) -> Option<f64>| {
            move |a: &Entry, b: &Entry| {
                let (a, b) = (f(&a.version), f(&b.version));
                b.unwrap_or(f64::NEG_INFINITY)
                    .total_cmp(&a.unwrap_or(f64::NEG_INFINITY))
            }
        };
        match self {
            Self::Newest => entries.sort_by_key(|e| std::cmp::Reverse(e.key)),
            Self::Name => entries.sort_by(|a, b| {
                (&a.version.model_name, a.version.number)
                    .cmp(&(&b.version.model_name, b.version.number))
            }),
            Self::TestAccuracy => entries.sort_by(desc(|v| v.metrics.test_accuracy)),
            Self::TrainAccuracy => entries.sort_by(desc(|v| v.metrics.train_accuracy)),
            Self::TestR2 => entries.sort_by(desc(|v| v.metrics.test_r2)),
            Self::MacroF1 => entries.sort_by(desc(|v| v.metrics.macro_f1)),
            Self::TestLoss => entries.sort_by(|a, b| {
                let l = |e: &Entry| e.version.metrics.test_loss.unwrap_or(f64::INFINITY);
                l(a).total_cmp(&l(b))
            }),
        }
    }
}

/// A message about the registry: `error` ones are alerts.
#[derive(Debug, Clone, PartialEq)]
pub struct Notice {
    pub error: bool,
    pub text: String,
}

#[derive(Clone, Copy)]
pub struct Registry {
    pub entries: RwSignal<Vec<Entry>>,
    pub damaged: RwSignal<Vec<Damaged>>,
    pub notice: RwSignal<Option<Notice>>,
    pub loaded: RwSignal<bool>,
    /// Versions ticked for comparison or export.
    pub selected: RwSignal<Vec<u32>>,
    /// Versions in the comparison view (empty: closed).
    pub comparing: RwSignal<Vec<u32>>,
    /// The last deleted version, for Undo.
    pub deleted: RwSignal<Option<Arc<SavedVersion>>>,
    pub sort: RwSignal<SortKey>,
    /// Versions whose Edit panel is open (kept open while their fields are committed,
    /// which redraws the item).
    pub editing: RwSignal<Vec<u32>>,
}

fn now() -> f64 {
    js_sys::Date::now()
}

impl Registry {
    pub fn new() -> Self {
        Self {
            entries: RwSignal::new(Vec::new()),
            damaged: RwSignal::new(Vec::new()),
            notice: RwSignal::new(None),
            loaded: RwSignal::new(false),
            selected: RwSignal::new(Vec::new()),
            comparing: RwSignal::new(Vec::new()),
            deleted: RwSignal::new(None),
            sort: RwSignal::new(SortKey::Newest),
            editing: RwSignal::new(Vec::new()),
        }
    }

    fn say(&self, error: bool, text: impl Into<String>) {
        self.notice.set(Some(Notice {
            error,
            text: text.into(),
        }));
    }

    pub fn find(&self, key: u32) -> Option<Arc<SavedVersion>> {
        self.entries
            .with_untracked(|e| e.iter().find(|e| e.key == key).map(|e| e.version.clone()))
    }

    /// Reads every stored version, now and whenever another tab changes them.
    pub fn start(self) {
        self.load();
        sync::listen(move || self.load());
    }

    /// Reads every stored version; damaged records are listed apart, never dropped.
    pub fn load(self) {
        spawn_local(async move {
            match store::load_all().await {
                Ok(records) => {
                    let mut entries = Vec::new();
                    let mut damaged = Vec::new();
                    for r in records {
                        match r
                            .text
                            .and_then(|t| SavedVersion::from_json(&t).map_err(|e| e.to_string()))
                        {
                            Ok(v) => entries.push(Entry {
                                key: r.key,
                                version: Arc::new(v),
                            }),
                            Err(reason) => damaged.push(Damaged {
                                key: r.key,
                                reason,
                                raw: r.raw,
                            }),
                        }
                    }
                    // Another tab may have deleted what was picked here.
                    let kept = |keys: &mut Vec<u32>| {
                        keys.retain(|k| entries.iter().any(|e: &Entry| e.key == *k))
                    };
                    self.selected.update(kept);
                    self.comparing.update(kept);
                    self.entries.set(entries);
                    self.damaged.set(damaged);
                }
                Err(e) => self.say(true, e),
            }
            self.loaded.set(true);
        });
    }

    async fn add(self, version: SavedVersion) -> Result<Entry, String> {
        let text = version.to_json().map_err(|e| e.to_string())?;
        let key = store::add(&text).await?;
        // Saved work should outlive the browser's clean-ups when space runs short. Not
        // awaited: a browser may ask the user first.
        if self.entries.with_untracked(Vec::is_empty) {
            leptos::task::spawn_local(store::ask_to_persist());
        }
        let entry = Entry {
            key,
            version: Arc::new(version),
        };
        self.entries.update(|e| e.push(entry.clone()));
        Ok(entry)
    }

    fn versions(&self) -> Vec<SavedVersion> {
        self.entries
            .with_untracked(|e| e.iter().map(|e| (*e.version).clone()).collect())
    }

    /// Saves the studio's current model as the next version of its model name.
    pub fn save(self, studio: Studio) {
        let version = match capture::capture(&studio, &self.versions(), now()) {
            Ok(v) => v,
            Err(e) => return self.say(true, e),
        };
        spawn_local(async move {
            match self.add(version).await {
                Ok(e) => self.say(false, format!("Saved {}.", e.version.label())),
                Err(e) => self.say(true, e),
            }
        });
    }

    /// Changes one version (validated before it is stored). Setting an alias takes it
    /// away from the other versions of the same model name.
    pub fn edit(self, key: u32, change: impl FnOnce(&mut SavedVersion)) {
        let Some(current) = self.find(key) else {
            return;
        };
        let mut next = (*current).clone();
        change(&mut next);
        if let Err(e) = next.validate() {
            return self.say(true, format!("Not changed: {e}"));
        }
        let mut updates = vec![(key, next.clone())];
        if let Some(alias) = next
            .alias
            .clone()
            .filter(|a| current.alias.as_ref() != Some(a))
        {
            self.entries.with_untracked(|entries| {
                for e in entries {
                    if e.key != key
                        && e.version.model_name == next.model_name
                        && e.version.alias.as_ref() == Some(&alias)
                    {
                        let mut other = (*e.version).clone();
                        other.alias = None;
                        updates.push((e.key, other));
                    }
                }
            });
        }
        spawn_local(async move {
            for (key, v) in updates {
                let text = match v.to_json() {
                    Ok(t) => t,
                    Err(e) => return self.say(true, e.to_string()),
                };
                if let Err(e) = store::put(key, &text).await {
                    return self.say(true, e);
                }
                self.entries.update(|entries| {
                    if let Some(e) = entries.iter_mut().find(|e| e.key == key) {
                        e.version = Arc::new(v);
                    }
                });
            }
        });
    }

    pub fn delete(self, key: u32) {
        let Some(version) = self.find(key) else {
            // A damaged record: delete it from the store too.
            spawn_local(async move {
                match store::delete(key).await {
                    Ok(()) => self.damaged.update(|d| d.retain(|d| d.key != key)),
                    Err(e) => self.say(true, e),
                }
            });
            return;
        };
        spawn_local(async move {
            match store::delete(key).await {
                Ok(()) => {
                    self.entries.update(|e| e.retain(|e| e.key != key));
                    self.selected.update(|s| s.retain(|&k| k != key));
                    self.comparing.update(|s| s.retain(|&k| k != key));
                    self.say(false, format!("Deleted {}.", version.label()));
                    self.deleted.set(Some(version));
                }
                Err(e) => self.say(true, e),
            }
        });
    }

    pub fn undo_delete(self) {
        let Some(version) = self.deleted.get_untracked() else {
            return;
        };
        spawn_local(async move {
            match self.add((*version).clone()).await {
                Ok(e) => {
                    self.deleted.set(None);
                    self.say(
                        false,
                        format!("Restored {} to the list.", e.version.label()),
                    );
                }
                Err(e) => self.say(true, e),
            }
        });
    }

    /// Adds every version of an exported file, or none if any part is wrong. Numbers
    /// that are taken get the next free number.
    pub fn import(self, file_name: String, text: String) {
        let file = match VersionsFile::from_json(&text) {
            Ok(f) => f,
            Err(e) => {
                return self.say(
                    true,
                    format!("{file_name} was not imported: {e}. Nothing was changed."),
                )
            }
        };
        let (incoming, dropped) = match numbering::plan_import(&self.versions(), file.versions) {
            Ok(plan) => plan,
            Err(e) => {
                return self.say(
                    true,
                    format!("{file_name} was not imported: {e}. Nothing was changed."),
                )
            }
        };
        spawn_local(async move {
            let mut added = Vec::new();
            for v in incoming {
                match self.add(v).await {
                    Ok(e) => added.push(e.key),
                    Err(e) => {
                        // Take back what this import added: all or nothing.
                        for key in &added {
                            let _ = store::delete(*key).await;
                        }
                        self.entries
                            .update(|e| e.retain(|e| !added.contains(&e.key)));
                        return self.say(
                            true,
                            format!("{file_name} was not imported: {e}. Nothing was changed."),
                        );
                    }
                }
            }
            let note = match dropped {
                0 => String::new(),
                n => format!(" {n} alias(es) already in use were left off."),
            };
            self.say(
                false,
                format!(
                    "Imported {} version(s) from {file_name}.{note}",
                    added.len()
                ),
            );
        });
    }

    /// The chosen versions (all if none is chosen) as an export file.
    pub fn export_json(&self, keys: &[u32]) -> Result<(String, String), String> {
        let versions: Vec<SavedVersion> = self.entries.with_untracked(|e| {
            e.iter()
                .filter(|e| keys.is_empty() || keys.contains(&e.key))
                .map(|e| (*e.version).clone())
                .collect()
        });
        let name = match versions.as_slice() {
            [] => return Err("There are no saved versions to export.".into()),
            [one] => format!("{}-{}.json", slug(&one.model_name), slug(&one.name)),
            _ => "hyperplane-versions.json".to_string(),
        };
        let text = VersionsFile::new(versions)
            .to_json()
            .map_err(|e| e.to_string())?;
        Ok((name, text))
    }
}

impl Default for Registry {
    fn default() -> Self {
        Self::new()
    }
}

/// A file-name-safe form of a name.
fn slug(s: &str) -> String {
    let s: String = s
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect();
    s.trim_matches('-').to_string()
}
