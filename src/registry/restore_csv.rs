//! A version's big imported file is read again with its recipe in the pool's worker,
//! as an import is: on the page's thread a 100,000-row file took one task of ~380 ms
//! (`bench_tasks.js "restored from Iris"`). The newest restore wins; an older one that
//! is still waiting is told it was superseded.

use std::cell::{Cell, RefCell};

use hyperplane_core::table::Encoding;
use hyperplane_formats::saved_version::CsvSource;
use hyperplane_worker::{AppliedData, ApplyJob, FromWorker, ReadJob, ToWorker};

use crate::imported::ImportedCsv;
use crate::pool::PoolClient;

/// Files at least this long are read in the worker (a message round trip costs more
/// than reading a small one here).
const IN_WORKER_BYTES: usize = 256 * 1024;

type Answer = Result<AppliedData, String>;

thread_local! {
    static CLIENT: RefCell<Option<PoolClient>> = const { RefCell::new(None) };
    static NEXT: Cell<u64> = const { Cell::new(0) };
    /// The job waited for, and how to wake its restore.
    static WAITING: RefCell<Option<(u64, js_sys::Function)>> = const { RefCell::new(None) };
    static ANSWER: RefCell<Option<(u64, Answer)>> = const { RefCell::new(None) };
}

/// The file read with its recipe in the worker, or `None` when it is read here (a
/// small file, or one saved before recipes).
pub async fn read_in_worker(c: &CsvSource) -> Option<Result<ImportedCsv, String>> {
    let recipe = c.recipe.clone()?;
    if c.text.len() < IN_WORKER_BYTES {
        return None;
    }
    let job = NEXT.with(|n| {
        n.set(n.get() + 1);
        n.get()
    });
    let encoding = c.encoding.unwrap_or(Encoding::Utf8);
    let message = ToWorker::Apply(Box::new(ApplyJob {
        read: ReadJob {
            job,
            bytes: c.text.as_bytes().to_vec(),
            encoding: Some(encoding),
            decoded: true,
            dialect: Some(recipe.dialect),
        },
        recipe: recipe.clone(),
    }));
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        // A restore still waiting is superseded: wake it (it finds no answer).
        if let Some((_, wake)) = WAITING.replace(Some((job, resolve))) {
            let _ = wake.call0(&wasm_bindgen::JsValue::UNDEFINED);
        }
    });
    CLIENT.with(|client| {
        client
            .borrow_mut()
            .get_or_insert_with(|| PoolClient::new(|reply, _| on_reply(reply)))
            .run(vec![message]);
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
    let answer = ANSWER.with(|a| {
        let mut a = a.borrow_mut();
        if a.as_ref().is_some_and(|(j, _)| *j == job) {
            a.take().map(|(_, answer)| answer)
        } else {
            None
        }
    });
    let Some(answer) = answer else {
        return Some(Err("another restore started".into()));
    };
    Some(
        answer.and_then(|d| {
            ImportedCsv::from_applied(&c.file_name, c.text.clone(), encoding, recipe, d)
        }),
    )
}

fn on_reply(reply: FromWorker) {
    let (job, result) = match reply {
        FromWorker::Applied(a) => (a.job, a.result),
        // The job could not run at all (no worker, nor its code on the page).
        FromWorker::FitFailed { job, message } => (job, Err(message)),
        _ => return,
    };
    let waiting = WAITING.with(|w| {
        let mut w = w.borrow_mut();
        if w.as_ref().is_some_and(|(j, _)| *j == job) {
            w.take()
        } else {
            None
        }
    });
    if let Some((job, wake)) = waiting {
        ANSWER.with(|answer| *answer.borrow_mut() = Some((job, result)));
        let _ = wake.call0(&wasm_bindgen::JsValue::UNDEFINED);
    }
}
