//! Reading a file for the import preview in the pool's worker, so that a big file (a
//! 100,000-row table takes a few hundred milliseconds to read) never freezes the page.
//! The worker tells how far it has read; the newest request wins, an older one's answer
//! is dropped. Without a worker the pool reads it on the page's thread, by the same code.

use leptos::prelude::*;

use hyperplane_worker::{FromWorker, ToWorker};

use crate::import_draft::{ImportDraft, ReadRequest};
use crate::pool::PoolClient;

/// The import preview's reader: it fills `draft` with what it reads.
#[derive(Clone, Copy)]
pub struct ImportReader {
    draft: RwSignal<Option<ImportDraft>>,
    /// The file being read and how much of it is read (0 to 1).
    pub reading: RwSignal<Option<(String, f64)>>,
    pending: StoredValue<Option<(u64, ReadRequest)>>,
    next: StoredValue<u64>,
    client: StoredValue<Option<PoolClient>, LocalStorage>,
}

impl ImportReader {
    pub fn new(draft: RwSignal<Option<ImportDraft>>) -> Self {
        Self {
            draft,
            reading: RwSignal::new(None),
            pending: StoredValue::new(None),
            next: StoredValue::new(0),
            client: StoredValue::new_local(None),
        }
    }

    /// Reads `request` and opens (or updates) the preview with it.
    pub fn read(&self, request: ReadRequest) {
        self.next.update_value(|n| *n += 1);
        let job = self.next.get_value();
        let message = ToWorker::Read(Box::new(request.job(job)));
        self.reading.set(Some((request.file_name.clone(), 0.0)));
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
