//! The studio's one-call fits on a big training part, in the worker pool. Fitting and
//! scoring 80,000 rows on the page's thread froze it for 0.2–0.4 s per change; a small
//! set (an iris SVC fits in 0.1 ms) stays on the page's thread, where a message round
//! trip would only add a frame (BENCHMARKS.md, main-thread tasks).
//!
//! While a new fit is on its way the picture of the previous parameters stays up (on
//! the same data and features), so a slider dragged over a big file never flickers;
//! only the newest request is answered.

use std::sync::Arc;

use hyperplane_core::grid::{GridOutput, GridSpec};
use hyperplane_core::kernel::KernelKind;
use hyperplane_core::model::ModelParams;
use hyperplane_core::preprocess::Prepared;
use hyperplane_worker::{FromWorker, StudioFitted, StudioJob, Table, ToWorker};
use leptos::prelude::*;

use crate::plane::{plane_ranges, PlaneAt};
use crate::pool::PoolClient;
use crate::training::Trained;

/// Above this many training rows the studio fits in a worker.
pub const REMOTE_ROWS: usize = 10_000;

/// Training rows above which `params` are fitted in a worker. An SVM's SMO time grows
/// faster than the rows and with C, and a poly or sigmoid kernel's surface sums a kernel
/// per support vector per cell. Measured on the page (noisy moons, C from 10 up): linear
/// fits 129–583 ms at 4,000 rows, 29–65 ms at 1,000, 3–17 ms at 500; a sigmoid surface
/// 308 ms at 2,000 rows, 82 ms at 500 and 42 ms at 250; poly 15 ms at 500 plus its fit.
pub fn remote_rows(params: &ModelParams) -> usize {
    let kernel = match params {
        ModelParams::Svc(p) => p.svm.kernel,
        ModelParams::Svr(p) => p.svm.kernel,
        _ => return REMOTE_ROWS,
    };
    match kernel {
        KernelKind::Sigmoid | KernelKind::Poly => 200,
        KernelKind::Linear | KernelKind::Rbf => 500,
    }
}

/// What a fit is for: the data (by identity), its features and the parameters, and the
/// plane its surface is drawn on.
#[derive(Clone)]
struct Key {
    data: Arc<Prepared>,
    features: Vec<usize>,
    params: ModelParams,
    plane: PlaneAt,
}

impl PartialEq for Key {
    fn eq(&self, other: &Self) -> bool {
        other.same_data(&self.data, &self.features)
            && self.params == other.params
            && self.plane == other.plane
    }
}

impl Key {
    fn same_data(&self, data: &Arc<Prepared>, features: &[usize]) -> bool {
        Arc::ptr_eq(&self.data, data) && self.features == features
    }

    /// The grid the page will draw these data on, with the last drawn grid's other
    /// settings: after new data the worker's surface must cover the new plane, or the
    /// page evaluates the whole surface itself (608 ms for a sigmoid SVM on 4,000 rows).
    fn grid(&self, drawn: GridSpec) -> GridSpec {
        let at = self.plane;
        let position = |f: usize| self.features.iter().position(|&g| g == f);
        let (Some(x_feature), Some(y_feature)) = (position(at.x), position(at.y)) else {
            return drawn;
        };
        let [x_range, y_range] = plane_ranges(&self.data, at.x, at.y, at.fixed.map(|f| [f, f]));
        GridSpec {
            x_feature,
            y_feature,
            x_range,
            y_range,
            base: vec![0.0; self.features.len()],
            ..drawn
        }
    }
}

/// A fit's answer: the trained model, or why there is none.
type Fitted = Result<Arc<Trained>, String>;

#[derive(Clone, Copy)]
pub struct RemoteFit {
    /// The newest answer, and what it was for.
    done: RwSignal<Option<(Key, Fitted)>, LocalStorage>,
    /// The newest request, and its job number.
    asked: StoredValue<Option<(u64, Key)>, LocalStorage>,
    client: StoredValue<Option<PoolClient>, LocalStorage>,
    /// The grid the page drew last and its plot's CSS size (the worker draws the
    /// surface over it).
    drawn: StoredValue<Option<(GridSpec, (f64, f64))>>,
}

impl RemoteFit {
    pub fn new() -> Self {
        Self {
            done: RwSignal::new_local(None),
            asked: StoredValue::new_local(None),
            client: StoredValue::new_local(None),
            drawn: StoredValue::new(None),
        }
    }

    /// The surface was drawn over `spec`, in a plot `size` CSS pixels wide and high.
    pub fn set_drawn(&self, spec: GridSpec, size: (f64, f64)) {
        self.drawn.set_value(Some((spec, size)));
    }

    /// Whether `data` is big enough for `params` to be fitted in a worker.
    pub fn wanted(data: &Prepared, params: &ModelParams) -> bool {
        data.train.n_samples() > remote_rows(params)
    }

    /// The fit for these data, features and parameters (tracked): its answer when it
    /// has come, else the previous parameters' answer on the same data while this one
    /// is asked for, else a message that it is on its way.
    pub fn get(
        &self,
        data: &Arc<Prepared>,
        features: &[usize],
        params: &ModelParams,
        plane: PlaneAt,
    ) -> Result<Arc<Trained>, String> {
        let found = self.done.with(|d| {
            d.as_ref()
                .filter(|(k, _)| k.same_data(data, features))
                .map(|(k, r)| (k.params == *params && k.plane == plane, r.clone()))
        });
        if found.as_ref().is_some_and(|(exact, _)| *exact) {
            return found.map(|(_, r)| r).unwrap_or_else(|| Err(String::new()));
        }
        self.ask(Key {
            data: data.clone(),
            features: features.to_vec(),
            params: params.clone(),
            plane,
        })?;
        match found {
            Some((_, previous)) => previous,
            None => Err(format!(
                "Training on {} points in the background…",
                crate::format::grouped(data.train.n_samples() as u64)
            )),
        }
    }

    /// Sends the job unless it is the one already asked for.
    fn ask(&self, key: Key) -> Result<(), String> {
        let repeat = self
            .asked
            .with_value(|a| a.as_ref().is_some_and(|(_, k)| *k == key));
        if repeat {
            return Ok(());
        }
        let job = self
            .asked
            .with_value(|a| a.as_ref().map_or(1, |(n, _)| n + 1));
        let train = Table::of(&key.data.train, &key.features).map_err(|e| e.to_string())?;
        let test = (key.data.test.n_samples() > 0)
            .then(|| Table::of(&key.data.test, &key.features))
            .transpose()
            .map_err(|e| e.to_string())?;
        let message = ToWorker::Studio(Box::new(StudioJob {
            job,
            train,
            test,
            params: key.params.clone(),
            grid: self
                .drawn
                .get_value()
                .map(|(drawn, size)| (key.grid(drawn), size)),
        }));
        self.asked.set_value(Some((job, key)));
        let client = self.client.with_value(Clone::clone).unwrap_or_else(|| {
            let me = *self;
            let c = PoolClient::new(move |reply, grid| me.on_reply(reply, grid));
            self.client.set_value(Some(c.clone()));
            c
        });
        client.run(vec![message]);
        Ok(())
    }

    fn on_reply(self, reply: FromWorker, grid: Option<GridOutput>) {
        let (job, result, spec) = match reply {
            FromWorker::StudioFitted(f) => {
                let StudioFitted { job, result, grid } = *f;
                (job, result, grid)
            }
            // The job could not run at all (no worker, nor its code on the page).
            FromWorker::FitFailed { job, message } => (job, Err(message), None),
            _ => return,
        };
        let Some(Some((asked, key))) = self.asked.try_with_value(Clone::clone) else {
            return;
        };
        if job != asked {
            return;
        }
        let surface = spec.zip(grid).map(Arc::new);
        let result = result.map(|(model, scores, fit_ms)| {
            Arc::new(Trained {
                model,
                features: key.features.clone(),
                scores,
                fit_ms,
                in_worker: true,
                surface,
            })
        });
        let _ = self.done.try_set(Some((key, result)));
    }
}

impl Default for RemoteFit {
    fn default() -> Self {
        Self::new()
    }
}
