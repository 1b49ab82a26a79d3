//! The page's pool of compute workers for fit and sweep jobs (the model comparison's
//! cells, the sweeps' points): `navigator.hardwareConcurrency − 1` workers (at least
//! one), started when a view first asks, each with one job in flight. Each view is a
//! [`PoolClient`]; a client's new batch replaces its jobs not yet started, so a change
//! never leaves stale work queued: the latest settings win. Without workers the jobs run
//! on the page's thread, one per animation frame, through the same code.

use std::cell::RefCell;
use std::collections::VecDeque;
use std::rc::Rc;

use hyperplane_core::grid::GridOutput;
use hyperplane_worker::{FromWorker, Reply, ToWorker, Worker};
use leptos::prelude::request_animation_frame;

use crate::clock::now_ms;
use crate::worker_link::WorkerLink;

type OnReply = Rc<dyn Fn(FromWorker, Option<GridOutput>)>;

struct Inner {
    /// Each worker, and the client whose job it is working on.
    workers: Vec<(WorkerLink, Option<usize>)>,
    /// Jobs not yet started, each with its client.
    queue: VecDeque<(usize, ToWorker)>,
    clients: Vec<OnReply>,
    local_running: bool,
}

#[derive(Clone)]
struct Pool {
    inner: Rc<RefCell<Inner>>,
}

thread_local! {
    static POOL: RefCell<Option<Pool>> = const { RefCell::new(None) };
}

/// The page's one pool, its workers started on first use.
fn pool() -> Pool {
    POOL.with(|p| p.borrow_mut().get_or_insert_with(Pool::start).clone())
}

crate::split_point! {
    /// The worker's own code, for running its jobs on the page: only needed where
    /// workers fail, so a chunk of its own in the split build (file reading, every
    /// job's answer).
    fn worker_here() -> fn(ToWorker) -> Option<Reply> {
        fn handle(job: ToWorker) -> Option<Reply> {
            Worker::default().handle(job, now_ms)
        }
        handle as fn(ToWorker) -> Option<Reply>
    }
}

impl Pool {
    fn start() -> Self {
        let pool = Self {
            inner: Rc::new(RefCell::new(Inner {
                workers: Vec::new(),
                queue: VecDeque::new(),
                clients: Vec::new(),
                local_running: false,
            })),
        };
        let n = web_sys::window()
            .map(|w| w.navigator().hardware_concurrency() as usize)
            .unwrap_or(2)
            .saturating_sub(1)
            .clamp(1, 8);
        for i in 0..n {
            let (p, q) = (pool.clone(), pool.clone());
            let on_reply = move |reply, grid| p.on_reply(i, reply, grid);
            if let Some(link) = WorkerLink::start(on_reply, move |unsent| q.on_broken(i, unsent)) {
                pool.inner.borrow_mut().workers.push((link, None));
            }
        }
        pool
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
                let Some((client, job)) = inner.queue.pop_front() else {
                    break;
                };
                inner.workers[i].1 = Some(client);
                inner.workers[i].0.send(job);
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
            leptos::task::spawn_local(async move {
                let handle = worker_here().await;
                let next = pool.inner.borrow_mut().queue.pop_front();
                let Some((client, job)) = next else {
                    pool.inner.borrow_mut().local_running = false;
                    return;
                };
                match handle {
                    Ok(handle) => {
                        if let Some(reply) = handle(job) {
                            pool.deliver(client, reply.message, reply.grid);
                        }
                    }
                    // Neither a worker nor the code to run here: the job fails, saying why
                    // (the next one tries to fetch the code again).
                    Err(e) => {
                        if let Some(job) = job.job() {
                            let message = format!("Could not run this here: {e}.");
                            pool.deliver(client, FromWorker::FitFailed { job, message }, None);
                        }
                    }
                }
                pool.run_here();
            });
        });
    }

    fn on_reply(&self, worker: usize, reply: FromWorker, grid: Option<GridOutput>) {
        // A running job's progress goes to its client; the worker is still busy.
        if let FromWorker::Progress { .. } = reply {
            let client = self.inner.borrow().workers.get(worker).and_then(|w| w.1);
            if let Some(client) = client {
                self.deliver(client, reply, grid);
            }
            return;
        }
        if reply.job().is_none() {
            return;
        }
        let client = self
            .inner
            .borrow_mut()
            .workers
            .get_mut(worker)
            .and_then(|w| w.1.take());
        if let Some(client) = client {
            self.deliver(client, reply, grid);
        }
        self.dispatch();
    }

    /// A worker failed before it listened: its job goes back to the front of the queue
    /// (to another worker, or this thread).
    fn on_broken(&self, worker: usize, unsent: Vec<ToWorker>) {
        {
            let mut inner = self.inner.borrow_mut();
            let client = inner.workers.get_mut(worker).and_then(|w| w.1.take());
            if let Some(client) = client {
                for job in unsent.into_iter().rev() {
                    inner.queue.push_front((client, job));
                }
            }
        }
        self.dispatch();
    }

    /// Hands an answer to its client (no borrow held: the client may start a batch).
    fn deliver(&self, client: usize, reply: FromWorker, grid: Option<GridOutput>) {
        let on_reply = self.inner.borrow().clients.get(client).cloned();
        if let Some(f) = on_reply {
            f(reply, grid);
        }
    }
}

/// A view's share of the pool. Job numbers are the client's own: answers come back to
/// the client that sent the job.
#[derive(Clone)]
pub struct PoolClient {
    pool: Pool,
    id: usize,
}

impl PoolClient {
    /// Registers `on_reply`, which gets each answer to this client's jobs.
    pub fn new(on_reply: impl Fn(FromWorker, Option<GridOutput>) + 'static) -> Self {
        let pool = pool();
        let id = {
            let mut inner = pool.inner.borrow_mut();
            inner.clients.push(Rc::new(on_reply));
            inner.clients.len() - 1
        };
        Self { pool, id }
    }

    /// Runs `jobs`, dropping this client's queued jobs of any earlier batch.
    pub fn run(&self, jobs: Vec<ToWorker>) {
        {
            let mut inner = self.pool.inner.borrow_mut();
            inner.queue.retain(|(c, _)| *c != self.id);
            inner.queue.extend(jobs.into_iter().map(|j| (self.id, j)));
        }
        self.pool.dispatch();
    }

    /// Drops this client's queued jobs (those in flight finish, and are ignored).
    pub fn cancel(&self) {
        self.run(Vec::new());
    }
}
