//! A pool of compute workers for fit jobs (the model comparison's cells):
//! `navigator.hardwareConcurrency − 1` workers (at least one), each with one job in
//! flight. A new batch replaces the jobs not yet started, so a change never leaves stale
//! work queued: the latest settings win. Without workers the jobs run on the page's
//! thread, one per animation frame, through the same code.

use std::cell::RefCell;
use std::collections::VecDeque;
use std::rc::Rc;

use hyperplane_core::grid::GridOutput;
use hyperplane_core::model::FittedModel;
use hyperplane_worker::{fit_job, FitJob, FromWorker, ToWorker};
use leptos::prelude::request_animation_frame;

use crate::clock::now_ms;
use crate::worker_link::WorkerLink;

/// A fitted cell: the model, its surface over the job's grid, how long it took.
#[derive(Debug, Clone)]
pub struct FitResult {
    pub model: FittedModel,
    pub surface: GridOutput,
    pub fit_ms: f64,
}

type Done = Box<dyn Fn(u64, Result<FitResult, String>)>;

struct Inner {
    /// Each worker, and the job it is working on.
    workers: Vec<(WorkerLink, Option<u64>)>,
    queue: VecDeque<FitJob>,
    on_done: Done,
    local_running: bool,
}

/// Clones share the pool.
#[derive(Clone)]
pub struct FitPool {
    inner: Rc<RefCell<Inner>>,
}

impl FitPool {
    /// Starts the workers; `on_done` gets each job's result by its id.
    pub fn new(on_done: impl Fn(u64, Result<FitResult, String>) + 'static) -> Self {
        let pool = Self {
            inner: Rc::new(RefCell::new(Inner {
                workers: Vec::new(),
                queue: VecDeque::new(),
                on_done: Box::new(on_done),
                local_running: false,
            })),
        };
        let n = web_sys::window()
            .map(|w| w.navigator().hardware_concurrency() as usize)
            .unwrap_or(2)
            .saturating_sub(1)
            .clamp(1, 8);
        for i in 0..n {
            let p = pool.clone();
            if let Some(link) = WorkerLink::start(move |reply, grid| p.on_reply(i, reply, grid)) {
                pool.inner.borrow_mut().workers.push((link, None));
            }
        }
        pool
    }

    /// Runs `jobs`, dropping the queued jobs of any earlier batch.
    pub fn run(&self, jobs: Vec<FitJob>) {
        self.inner.borrow_mut().queue = jobs.into();
        self.dispatch();
    }

    /// Gives each idle worker a job; without a usable worker, runs them here.
    fn dispatch(&self) {
        let mut local = false;
        {
            let mut inner = self.inner.borrow_mut();
            let usable = inner.workers.iter().any(|(w, _)| !w.broken());
            if !usable {
                local = !inner.local_running && !inner.queue.is_empty();
                inner.local_running |= local;
            }
            for i in 0..inner.workers.len() {
                if inner.workers[i].1.is_some() || inner.workers[i].0.broken() {
                    continue;
                }
                let Some(job) = inner.queue.pop_front() else {
                    break;
                };
                inner.workers[i].1 = Some(job.job);
                inner.workers[i].0.send(&ToWorker::Fit(Box::new(job)));
            }
        }
        if local {
            self.run_here();
        }
    }

    /// One job per animation frame on the page's thread.
    fn run_here(&self) {
        let pool = self.clone();
        request_animation_frame(move || {
            let job = pool.inner.borrow_mut().queue.pop_front();
            let Some(job) = job else {
                pool.inner.borrow_mut().local_running = false;
                return;
            };
            let reply = fit_job(&job, now_ms);
            pool.deliver(reply.message, reply.grid);
            pool.run_here();
        });
    }

    fn on_reply(&self, worker: usize, reply: FromWorker, grid: Option<GridOutput>) {
        if let Some(w) = self.inner.borrow_mut().workers.get_mut(worker) {
            if matches!(reply, FromWorker::Fitted(_) | FromWorker::FitFailed { .. }) {
                w.1 = None;
            }
        }
        self.deliver(reply, grid);
        self.dispatch();
    }

    fn deliver(&self, reply: FromWorker, grid: Option<GridOutput>) {
        let inner = self.inner.borrow();
        match reply {
            FromWorker::Fitted(f) => {
                let f = *f;
                let result = grid
                    .map(|surface| FitResult {
                        model: f.model,
                        surface,
                        fit_ms: f.fit_ms,
                    })
                    .ok_or_else(|| "the worker sent no surface".to_string());
                (inner.on_done)(f.job, result);
            }
            FromWorker::FitFailed { job, message } => (inner.on_done)(job, Err(message)),
            _ => {}
        }
    }
}
