//! Reading a file for the import preview in the pool's worker, so that a big file (a
//! 100,000-row table takes a few hundred milliseconds to read) never freezes the page;
//! a big file's recipe is applied there too, at each change.
//! The worker tells how far it has read; the newest request wins, an older one's answer
//! is dropped. Without a worker the pool reads it on the page's thread, by the same code.

use std::sync::Arc;

use hyperplane_core::table::Recipe;
use leptos::prelude::*;

use hyperplane_worker::{FromWorker, ToWorker};

use crate::import_draft::{ImportDraft, ReadRequest};
use crate::imported::ImportedCsv;
use crate::pool::PoolClient;

/// What a recipe was applied to: the draft's table (by identity) and the recipe.
#[derive(Clone, PartialEq)]
struct ApplyKey {
    table: usize,
    recipe: Recipe,
}

impl ApplyKey {
    fn of(d: &ImportDraft) -> Option<Self> {
        Some(Self {
            table: Arc::as_ptr(d.table.as_ref().ok()?) as usize,
            recipe: d.recipe.clone()?,
        })
    }
}

/// A draft's data as the worker made it.
type AppliedCsv = (ApplyKey, Result<ImportedCsv, String>);

/// The import preview's reader: it fills `draft` with what it reads, and applies a big
/// draft's recipe.
#[derive(Clone, Copy)]
pub struct ImportReader {
    draft: RwSignal<Option<ImportDraft>>,
    /// The file being read and how much of it is read (0 to 1).
    pub reading: RwSignal<Option<(String, f64)>>,
    /// Why the last file could not be read at all (no worker, nor its code here).
    pub failed: RwSignal<Option<String>>,
    pending: StoredValue<Option<(u64, ReadRequest)>>,
    next: StoredValue<u64>,
    client: StoredValue<Option<PoolClient>, LocalStorage>,
    /// The newest recipe applied in the worker, and the one asked for.
    applied: RwSignal<Option<AppliedCsv>>,
    applying: StoredValue<Option<(u64, ApplyKey, ImportDraft)>>,
    apply_client: StoredValue<Option<PoolClient>, LocalStorage>,
}

impl ImportReader {
    pub fn new(draft: RwSignal<Option<ImportDraft>>) -> Self {
        Self {
            draft,
            reading: RwSignal::new(None),
            failed: RwSignal::new(None),
            pending: StoredValue::new(None),
            next: StoredValue::new(0),
            client: StoredValue::new_local(None),
            applied: RwSignal::new(None),
            applying: StoredValue::new(None),
            apply_client: StoredValue::new_local(None),
        }
    }

    /// The data `d` makes (tracked): applied here for a small table; for a big one the
    /// worker's answer, `None` while it is on its way (it is asked for here).
    pub fn result(&self, d: &ImportDraft) -> Option<Result<ImportedCsv, String>> {
        if !d.big() {
            return Some(d.result());
        }
        let Some(key) = ApplyKey::of(d) else {
            return Some(d.result());
        };
        let done = self.applied.with(|a| {
            a.as_ref()
                .filter(|(k, _)| *k == key)
                .map(|(_, r)| r.clone())
        });
        if done.is_none() {
            self.apply(d, key);
        }
        done
    }

    fn apply(&self, d: &ImportDraft, key: ApplyKey) {
        if self
            .applying
            .with_value(|a| a.as_ref().is_some_and(|(_, k, _)| *k == key))
        {
            return;
        }
        self.next.update_value(|n| *n += 1);
        let job = self.next.get_value();
        let Some(message) = d.apply_job(job) else {
            return;
        };
        self.applying.set_value(Some((job, key, d.clone())));
        let client = self
            .apply_client
            .with_value(Clone::clone)
            .unwrap_or_else(|| {
                let reader = *self;
                let c = PoolClient::new(move |reply, _| reader.on_reply(reply));
                self.apply_client.set_value(Some(c.clone()));
                c
            });
        client.run(vec![ToWorker::Apply(Box::new(message))]);
    }

    /// Reads `request` and opens (or updates) the preview with it.
    pub fn read(&self, request: ReadRequest) {
        self.next.update_value(|n| *n += 1);
        let job = self.next.get_value();
        let message = ToWorker::Read(Box::new(request.job(job)));
        self.reading.set(Some((request.file_name.clone(), 0.0)));
        self.failed.set(None);
        self.pending.set_value(Some((job, request)));
        let client = self.client.with_value(Clone::clone).unwrap_or_else(|| {
            // The pool (and its workers) start when the first file is read.
            let reader = *self;
            let c = PoolClient::new(move |reply, _| reader.on_reply(reply));
            self.client.set_value(Some(c.clone()));
            c
        });
        client.run(vec![message]);
    }

    /// Stops waiting for a file being read (the preview was closed).
    pub fn cancel(&self) {
        self.pending.set_value(None);
        self.reading.set(None);
        if let Some(c) = self.client.with_value(Clone::clone) {
            c.cancel();
        }
    }

    /// Keeps the data the recipe asked for last made (or why it could not); an older
    /// job's answer is dropped.
    fn finish_apply(
        self,
        job: u64,
        csv: impl FnOnce(&ImportDraft, &ApplyKey) -> Result<ImportedCsv, String>,
    ) {
        let Some(Some((asked, key, d))) = self.applying.try_with_value(Clone::clone) else {
            return;
        };
        if job == asked {
            let csv = csv(&d, &key);
            let _ = self.applied.try_set(Some((key, csv)));
        }
    }

    fn on_reply(self, reply: FromWorker) {
        let current = self.pending.with_value(|p| p.as_ref().map(|(job, _)| *job));
        match reply {
            FromWorker::Progress { job, done } if Some(job) == current => {
                self.reading.update(|r| {
                    if let Some((_, d)) = r {
                        *d = done.clamp(0.0, 1.0);
                    }
                });
            }
            FromWorker::Applied(a) => {
                self.finish_apply(a.job, |d, key| d.applied(key.recipe.clone(), a.result))
            }
            // The file could not be read at all (no worker, nor its code on the page).
            FromWorker::FitFailed { job, message } if Some(job) == current => {
                self.pending.set_value(None);
                self.reading.set(None);
                self.failed.set(Some(message));
            }
            FromWorker::FitFailed { job, message } => self.finish_apply(job, |_, _| Err(message)),
            FromWorker::TableRead(t) if Some(t.job) == current => {
                let Some((_, request)) = self.pending.try_update_value(Option::take).flatten()
                else {
                    return;
                };
                self.reading.set(None);
                self.draft.set(Some(request.finish(t.into_read())));
            }
            _ => {}
        }
    }
}
