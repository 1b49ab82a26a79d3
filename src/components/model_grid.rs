//! "Compare models": scikit-learn's classifier comparison, live. A row per dataset (the
//! current one, and moons, circle and a linearly separable set unless turned off), a
//! column per model with the studio's current parameters; each cell its decision
//! surface with the test points and its test accuracy. The cells are fitted in the
//! worker pool and fill in as they finish; any change of data, noise, seed or parameters
//! starts a new batch (the old one's queued cells are dropped). A click opens that model
//! on that data in the studio.

use std::sync::Arc;

use hyperplane_core::datasets::GeneratorKind;
use hyperplane_core::grid::{GridOutput, GridSpec};
use hyperplane_core::kernel::KernelKind;
use hyperplane_core::metrics::accuracy;
use hyperplane_core::model::{FittedModel, ModelParams};
use hyperplane_core::preprocess::Prepared;
use hyperplane_core::Dataset;
use hyperplane_worker::{FitJob, FromWorker, ToWorker};
use leptos::prelude::*;

use crate::clock::now_ms;
use crate::data::load_data;
use crate::format::percent;
use crate::models::{ModelKind, ModelSettings};
use crate::plane::plane_extent;
use crate::pool::PoolClient;
use crate::render::cell_canvas::draw_cell;
use crate::settings::{DataSettings, DatasetChoice, Settings};
use crate::studio::Studio;
use crate::training::{restrict, surface_kind, SurfaceKind};

/// The columns: a name, the picker's model and the SVM's kernel.
const MODELS: [(&str, ModelKind, Option<KernelKind>); 6] = [
    ("SVM (linear)", ModelKind::Svm, Some(KernelKind::Linear)),
    ("SVM (rbf)", ModelKind::Svm, Some(KernelKind::Rbf)),
    ("Logistic regression", ModelKind::Logistic, None),
    ("k-NN", ModelKind::Knn, None),
    ("Decision tree", ModelKind::Tree, None),
    ("Neural network", ModelKind::NeuralNetwork, None),
];
/// The extra rows, as in scikit-learn's figure.
const MORE: [(GeneratorKind, &str); 3] = [
    (GeneratorKind::Moons, "Moons"),
    (GeneratorKind::Circle, "Circle"),
    (GeneratorKind::Gauss, "Linearly separable"),
];
const EXTRA_POINTS: usize = 200;
const NETWORK_EPOCHS: u64 = 500;
const GRID: (usize, usize) = (90, 75);

/// A dataset row: its two plane features' parts and the grid over them.
#[derive(PartialEq)]
struct Row {
    name: String,
    choice: DatasetChoice,
    train: Dataset,
    test: Dataset,
    spec: GridSpec,
}

/// A fitted cell: the model, its surface over the row's grid.
struct FitResult {
    model: FittedModel,
    surface: GridOutput,
}

/// A finished cell.
#[derive(Clone)]
struct Done {
    fit: Arc<FitResult>,
    accuracy: Option<f64>,
}

/// The same answer (by identity): a cell redraws only when its own answer changes.
impl PartialEq for Done {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.fit, &other.fit) && self.accuracy == other.accuracy
    }
}

/// A fit job's answer: its number, and its model and surface or why it failed.
fn fit_result(
    reply: FromWorker,
    grid: Option<GridOutput>,
) -> Option<(u64, Result<FitResult, String>)> {
    match reply {
        FromWorker::Fitted(f) => {
            let f = *f;
            let result = grid
                .map(|surface| FitResult {
                    model: f.model,
                    surface,
                })
                .ok_or_else(|| "the worker sent no surface".to_string());
            Some((f.job, result))
        }
        FromWorker::FitFailed { job, message } => Some((job, Err(message))),
        _ => None,
    }
}

type Cells = Vec<Option<Result<Done, String>>>;

fn row(name: String, choice: DatasetChoice, data: &Prepared, x: usize, y: usize) -> Option<Row> {
    let fixed = choice.fixed_extent();
    let spec = GridSpec {
        width: GRID.0,
        height: GRID.1,
        x_feature: 0,
        y_feature: 1,
        x_range: plane_extent(data, x, fixed),
        y_range: plane_extent(data, y, fixed),
        base: vec![0.0, 0.0],
    };
    let train = restrict(&data.train, &[x, y]).ok()?;
    let test = restrict(&data.test, &[x, y]).ok()?;
    (!train.is_regression()).then_some(Row {
        name,
        choice,
        train,
        test,
        spec,
    })
}

/// The rows for the current settings (the current data first, if it has classes).
fn rows(studio: &Studio, more: bool) -> Vec<Arc<Row>> {
    let s = studio.settings.get();
    let mut out = Vec::new();
    if let Ok(data) = studio.data.get() {
        let n = data.train.n_features();
        let (x, y) = (s.plane.x_feature, s.plane.y_feature);
        let (x, y) = if x < n && y < n && x != y {
            (x, y)
        } else {
            (0, 1)
        };
        if n >= 2 {
            out.extend(row(
                s.data.choice.label().to_string(),
                s.data.choice,
                &data,
                x,
                y,
            ));
        }
    }
    if more {
        for (kind, name) in MORE {
            let choice = DatasetChoice::Generated(kind);
            if choice == s.data.choice {
                continue;
            }
            let spec = DataSettings {
                choice,
                n_samples: EXTRA_POINTS,
                ..s.data.clone()
            };
            if let Ok(data) = load_data(&spec, None) {
                out.extend(row(name.to_string(), choice, &data, 0, 1));
            }
        }
    }
    out.into_iter().map(Arc::new).collect()
}

/// A column's parameters from the studio's settings (and the network's epochs).
fn params(
    m: &ModelSettings,
    kind: ModelKind,
    kernel: Option<KernelKind>,
    seed: u64,
) -> Option<(ModelParams, u64)> {
    if kind == ModelKind::NeuralNetwork {
        let inputs = m.network.inputs.clone();
        let params = m.network.mlp_params(seed);
        return Some((ModelParams::Mlp { params, inputs }, NETWORK_EPOCHS));
    }
    let mut m = m.clone();
    m.kind = kind;
    if let Some(k) = kernel {
        m.svm.kernel = k;
    }
    m.params(false).map(|p| (p, 0))
}

/// The settings that open a cell's model on its data in the studio.
fn opened(mut s: Settings, row: &Row, kind: ModelKind, kernel: Option<KernelKind>) -> Settings {
    if row.choice != s.data.choice {
        s.data.choice = row.choice;
        s.data.n_samples = EXTRA_POINTS;
        (s.plane.x_feature, s.plane.y_feature) = (0, 1);
    }
    s.model.kind = kind;
    if let Some(k) = kernel {
        s.model.svm.kernel = k;
    }
    s
}

#[component]
pub fn ModelGrid(open: RwSignal<bool>) -> impl IntoView {
    let studio = expect_context::<Studio>();
    let more = RwSignal::new(true);
    let cells = RwSignal::new(Cells::new());
    let batch = StoredValue::new((0u64, 0.0f64));
    let took = RwSignal::new(None::<f64>);
    let grid = Memo::new(move |_| {
        if open.get() {
            rows(&studio, more.get())
        } else {
            Vec::new()
        }
    });
    let pool = StoredValue::new_local(None::<PoolClient>);

    Effect::new(move |_| {
        let rows = grid.get();
        let m = studio.model.get();
        let seed = studio.data_state.seed.get();
        if rows.is_empty() {
            return;
        }
        let (id, _) = batch.get_value();
        let id = id + 1;
        batch.set_value((id, now_ms()));
        took.set(None);
        let mut jobs = Vec::new();
        for (r, row) in rows.iter().enumerate() {
            for (c, &(_, kind, kernel)) in MODELS.iter().enumerate() {
                if let Some((params, epochs)) = params(&m, kind, kernel, seed) {
                    jobs.push(ToWorker::Fit(Box::new(FitJob {
                        job: id * 1000 + (r * MODELS.len() + c) as u64,
                        train: row.train.clone(),
                        params,
                        epochs,
                        grid: row.spec.clone(),
                    })));
                }
            }
        }
        cells.set(vec![None; rows.len() * MODELS.len()]);
        if pool.with_value(Option::is_none) {
            let on_reply = move |reply: FromWorker, surface: Option<GridOutput>| {
                let Some((job, result)) = fit_result(reply, surface) else {
                    return;
                };
                let (current, started) = batch.get_value();
                if job / 1000 != current {
                    return;
                }
                let cell = (job % 1000) as usize;
                let test =
                    grid.with_untracked(|g| g.get(cell / MODELS.len()).map(|r| r.test.clone()));
                let done = result.map(|fit| {
                    let accuracy = test.and_then(|t| {
                        let pred = fit.model.predict_classes(t.x()).ok()?;
                        accuracy(t.labels().ok()?, &pred).ok()
                    });
                    Done {
                        fit: Arc::new(fit),
                        accuracy,
                    }
                });
                cells.update(|v| {
                    if let Some(slot) = v.get_mut(cell) {
                        *slot = Some(done);
                    }
                });
                if cells.with_untracked(|v| v.iter().all(Option::is_some)) {
                    took.set(Some(now_ms() - started));
                }
            };
            pool.set_value(Some(PoolClient::new(on_reply)));
        }
        pool.with_value(|p| {
            if let Some(p) = p {
                p.run(jobs);
            }
        });
    });

    let cell_view = move |r: usize, c: usize, row: Arc<Row>| {
        let (model, kind, kernel) = MODELS[c];
        let index = r * MODELS.len() + c;
        let canvas_ref = NodeRef::<leptos::html::Canvas>::new();
        // Each answer updates the list of cells; only this cell's own answer redraws it
        // (every cell redrew at each answer: 24 tasks over 16 ms per batch).
        let state = Memo::new(move |_| cells.with(|v| v.get(index).cloned().flatten()));
        let drawn = row.clone();
        Effect::new(move |_| {
            let (Some(canvas), Some(Ok(done))) = (canvas_ref.get(), state.get()) else {
                return;
            };
            let signed = matches!(
                surface_kind(&done.fit.model, drawn.train.n_classes()),
                SurfaceKind::SvmBinary | SurfaceKind::SignedBinary
            );
            let _ = draw_cell(
                &canvas,
                &drawn.spec,
                &done.fit.surface,
                signed,
                &drawn.train,
                &drawn.test,
            );
        });
        let label = format!("{model} on {}", row.name);
        let open_it = move |_| {
            studio.apply(opened(studio.settings.get_untracked(), &row, kind, kernel));
            if let Some(w) = web_sys::window() {
                w.scroll_to_with_x_and_y(0.0, 0.0);
            }
        };
        view! {
            <button type="button" class="model-cell" title=format!("Open {label} in the studio") on:click=open_it>
                <canvas node_ref=canvas_ref role="img" aria-label=label.clone()></canvas>
                <span class="cell-score">
                    {move || match state.get() {
                        None => "…".to_string(),
                        Some(Ok(d)) => d.accuracy.map(percent).unwrap_or_else(|| "–".into()),
                        Some(Err(_)) => "failed".to_string(),
                    }}
                </span>
                {move || match state.get() {
                    Some(Err(e)) => Some(view! { <span class="visually-hidden">{e}</span> }),
                    _ => None,
                }}
            </button>
        }
    };

    view! {
        <Show when=move || open.get()>
            <section class="model-grid" role="region" aria-label="Model comparison">
                <div class="model-grid-head">
                    <h2>"Every model, side by side"</h2>
                    <label class="toggle">
                        <input type="checkbox" prop:checked=move || more.get() on:change=move |ev| more.set(event_target_checked(&ev))/>
                        "Moons, circle and linearly separable too"
                    </label>
                    <p class="hint" data-testid="model-grid-time">
                        {move || match took.get() {
                            Some(ms) => format!("All {} cells in {:.2} s.", cells.with(Vec::len), ms / 1000.0),
                            None => "Fitting…".to_string(),
                        }}
                    </p>
                </div>
                <div class="model-grid-table" style=("--columns", MODELS.len().to_string())>
                    <span></span>
                    {MODELS.iter().map(|(m, _, _)| view! { <span class="model-grid-col">{*m}</span> }).collect_view()}
                    {move || {
                        grid.get()
                            .into_iter()
                            .enumerate()
                            .map(|(r, row)| {
                                let name = row.name.clone();
                                view! {
                                    <span class="model-grid-row">{name}</span>
                                    {(0..MODELS.len()).map(|c| cell_view(r, c, row.clone())).collect_view()}
                                }
                            })
                            .collect_view()
                    }}
                </div>
                <p class="hint">
                    "Test accuracy in each corner; filled points train, hollow points test. The network trains "
                    {NETWORK_EPOCHS} " epochs. Click a cell to open it in the studio."
                </p>
            </section>
        </Show>
    }
}
