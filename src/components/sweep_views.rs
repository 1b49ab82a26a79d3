//! The three sweeps: each turns the studio's data and settings into points, runs them
//! in the pool and draws what comes back. A sweep reruns only when what it depends on
//! changes: moving C or γ moves the heatmap's mark, not its cells.

use hyperplane_core::kernel::{Gamma, KernelKind};
use hyperplane_core::model_selection::{kfold, learning_sizes, FoldScores};
use hyperplane_worker::ScorePoint;
use leptos::prelude::*;

use crate::components::curve_chart::{CurveChart, CurveLine};
use crate::components::heatmap_chart::HeatmapChart;
use crate::components::sweep_status::SweepStatus;
use crate::format::{param, percent};
use crate::models::{ModelKind, ModelSettingsStoreFields};
use crate::studio::Studio;
use crate::sweeps::params::{
    heatmap_base, heatmap_cs, heatmap_gammas, point_epochs, point_params, sweepable, SweepParam,
    LEARNING_FRACTIONS,
};
use crate::sweeps::run::{PointScores, SweepRun, SweepSpec};
use crate::sweeps::{best, score_label, SweepData};

type Data = Memo<Result<Option<SweepData>, String>>;

/// Starts `spec`'s sweep whenever it changes (and cancels it when there is none).
fn keep_running(spec: Memo<Option<SweepSpec>>) -> SweepRun {
    let run = SweepRun::new();
    Effect::new(move |_| match spec.get() {
        Some(s) => run.start(&s),
        None => run.cancel(),
    });
    run
}

fn again(run: SweepRun, spec: Memo<Option<SweepSpec>>) -> Callback<()> {
    Callback::new(move |()| {
        if let Some(s) = spec.get_untracked() {
            run.start(&s);
        }
    })
}

/// Slow models go one point per job, so Cancel and new settings act within a point.
fn per_job(kind: ModelKind, fast: usize) -> usize {
    if kind == ModelKind::NeuralNetwork {
        1
    } else {
        fast
    }
}

/// Puts the studio's model at `set` (one click on a sweep's best point).
fn apply(studio: Studio, set: impl FnOnce(&mut crate::models::ModelSettings)) {
    let mut s = studio.settings.get_untracked();
    set(&mut s.model);
    studio.apply(s);
}

fn scored(s: &PointScores) -> Option<&FoldScores> {
    s.as_ref()?.as_ref().ok()
}

fn lines(scores: &[PointScores]) -> Vec<CurveLine> {
    let line = |name, class, f: fn(&FoldScores) -> (f64, f64)| CurveLine {
        name,
        class,
        points: scores.iter().map(|s| scored(s).map(f)).collect(),
    };
    vec![
        line("Training", "train", |f| (f.mean_train(), f.std_train())),
        line("Validation", "test", |f| (f.mean_test(), f.std_test())),
    ]
}

#[component]
pub fn HeatmapView(data: Data, folds: RwSignal<usize>) -> impl IntoView {
    let studio = expect_context::<Studio>();
    let is_svm = Memo::new(move |_| studio.model.kind().get() == ModelKind::Svm);
    let base = Memo::new(move |_| heatmap_base(&studio.model.get()));
    let (cs, gammas) = (heatmap_cs(), heatmap_gammas());
    let (cs2, gammas2) = (cs.clone(), gammas.clone());
    let spec = Memo::new(move |_| {
        if !is_svm.get() {
            return None;
        }
        let d = data.get().ok()??;
        let m = base.get();
        let mut points = Vec::new();
        for &c in &cs {
            for &g in &gammas {
                let mut s = m.clone();
                s.svm.c = c;
                s.svm.gamma = Gamma::Value(g);
                let (params, epochs) = point_params(&s, d.values, d.seed)?;
                points.push(ScorePoint {
                    params,
                    epochs,
                    size: None,
                });
            }
        }
        Some(SweepSpec {
            train: d.train,
            test: d.test,
            folds: folds.get(),
            points,
            per_job: gammas.len(),
        })
    });
    let run = keep_running(spec);
    let values = Signal::derive(move || {
        run.scores.with(|v| {
            v.iter()
                .map(|s| scored(s).map(FoldScores::mean_test))
                .collect()
        })
    });
    let current = Signal::derive(move || {
        let svm = studio.model.svm().get();
        let g = match svm.gamma {
            Gamma::Value(g) => g,
            other => other.resolve(data.get().ok()??.train.x()),
        };
        Some((g, svm.c))
    });
    let pick = Callback::new(move |(g, c): (f64, f64)| {
        apply(studio, |m| {
            m.svm.c = c;
            m.svm.gamma = Gamma::Value(g);
            if m.svm.kernel == KernelKind::Linear {
                m.svm.kernel = KernelKind::Rbf;
            }
        })
    });
    let n_gammas = gammas2.len();
    let best_point = Memo::new(move |_| {
        let (i, v) = run.scores.with(|s| best(s))?;
        Some((cs2[i / n_gammas], gammas2[i % n_gammas], v))
    });
    let kernel_note = move || {
        let k = studio.model.svm().get().kernel;
        if k == KernelKind::Linear {
            "The rbf kernel's C × γ (the linear kernel has no γ); a click switches to it."
        } else {
            "C × γ for the SVM's current kernel."
        }
    };
    view! {
        <figure class="sweep">
            <figcaption><h3>"Validation heatmap"</h3></figcaption>
            <Show
                when=move || is_svm.get()
                fallback=|| view! { <p class="hint">"The validation heatmap is the SVM's: pick the SVM as the model to see its score over every C × γ."</p> }
            >
                <p class="hint">{kernel_note} " Click a cell to use its C and γ."</p>
                <HeatmapChart
                    xs=heatmap_gammas()
                    ys=heatmap_cs()
                    values=values
                    current=current
                    x_label="γ (gamma)"
                    y_label="C"
                    score=Signal::derive(move || data.with(score_label))
                    on_pick=pick
                    described_by="heatmap-description"
                />
                <p id="heatmap-description" class="visually-hidden">
                    {move || {
                        let (done, total) = (run.done(), run.scores.with(Vec::len));
                        let best = best_point
                            .get()
                            .map(|(c, g, v)| format!(" The best mean validation score, {}, is at C = {} and γ = {}.", percent(v), param(c), param(g)))
                            .unwrap_or_default();
                        format!("Mean validation score for each C (rows, 0.01 to 1000) and γ (columns, 0.001 to 100), {done} of {total} scored.{best}")
                    }}
                </p>
                <SweepStatus run=run on_again=again(run, spec)/>
                {move || best_point.get().map(|(c, g, v)| view! {
                    <button type="button" class="small" on:click=move |_| pick.run((g, c))>
                        {format!("Use the best: C = {}, γ = {} ({})", param(c), param(g), percent(v))}
                    </button>
                })}
            </Show>
        </figure>
    }
}

#[component]
pub fn ValidationCurveView(data: Data, folds: RwSignal<usize>) -> impl IntoView {
    let studio = expect_context::<Studio>();
    let choices = Memo::new(move |_| sweepable(&studio.model.get()));
    let chosen = RwSignal::new(None::<SweepParam>);
    let which = Memo::new(move |_| {
        let c = choices.get();
        chosen
            .get()
            .filter(|p| c.contains(p))
            .or(c.first().copied())
    });
    // The settings without the swept value: moving that slider moves only the mark.
    let base = Memo::new(move |_| {
        let mut m = studio.model.get();
        if let Some(p) = which.get() {
            p.set(&mut m, p.values(1)[0]);
        }
        m
    });
    let spec = Memo::new(move |_| {
        let p = which.get()?;
        let d = data.get().ok()??;
        let m = base.get();
        let points = p
            .values(d.train.n_samples())
            .into_iter()
            .map(|v| {
                let mut s = m.clone();
                p.set(&mut s, v);
                let (params, epochs) = point_params(&s, d.values, d.seed)?;
                Some(ScorePoint {
                    params,
                    epochs: point_epochs(p, v, epochs),
                    size: None,
                })
            })
            .collect::<Option<Vec<_>>>()?;
        Some(SweepSpec {
            train: d.train,
            test: d.test,
            folds: folds.get(),
            points,
            per_job: per_job(m.kind, 4),
        })
    });
    let run = keep_running(spec);
    let n = Memo::new(move |_| match data.get() {
        Ok(Some(d)) => d.train.n_samples(),
        _ => 1,
    });
    let xs = Signal::derive(move || which.get().map(|p| p.values(n.get())).unwrap_or_default());
    let best_value = move || {
        let (i, v) = run.scores.with(|s| best(s))?;
        Some((which.get()?, *xs.get().get(i)?, v))
    };
    view! {
        <figure class="sweep">
            <figcaption>
                <h3>"Validation curve"</h3>
                <div class="param inline-param" data-control="Parameter">
                    <label for="sweep-param">"Parameter"</label>
                    <select id="sweep-param" on:change=move |ev| {
                        let i: usize = event_target_value(&ev).parse().unwrap_or(0);
                        chosen.set(choices.get_untracked().get(i).copied());
                    }>
                        {move || choices.get().into_iter().enumerate().map(|(i, p)| view! {
                            <option value=i.to_string() selected=move || which.get() == Some(p)>{p.label()}</option>
                        }).collect_view()}
                    </select>
                </div>
            </figcaption>
            <CurveChart
                label="Validation curve"
                xs=xs
                lines=Signal::derive(move || run.scores.with(|s| lines(s)))
                log_x=Signal::derive(move || which.get().is_some_and(SweepParam::log))
                x_label=Signal::derive(move || which.get().map(|p| p.label().to_string()).unwrap_or_default())
                y_label=Signal::derive(move || data.with(score_label).to_string())
                current=Signal::derive(move || which.get()?.current(&studio.model.get()))
                described_by="curve-description"
            />
            <p id="curve-description" class="visually-hidden">
                {move || curve_words(&xs.get(), &run.scores.get(), which.get().map(|p| p.label()).unwrap_or_default())}
            </p>
            <SweepStatus run=run on_again=again(run, spec)/>
            {move || best_value().filter(|(p, _, _)| *p != SweepParam::Epochs).map(|(p, x, v)| view! {
                <button type="button" class="small" on:click=move |_| apply(studio, |m| p.set(m, x))>
                    {format!("Use the best: {} = {} ({})", p.label(), p.text(x), percent(v))}
                </button>
            })}
        </figure>
    }
}

/// A curve in words: where the validation score is highest, and the ends of both lines.
fn curve_words(xs: &[f64], scores: &[PointScores], what: &str) -> String {
    let at = |i: usize| {
        xs.get(i)
            .map(|v| crate::format::tick(*v))
            .unwrap_or_default()
    };
    let line = |f: fn(&FoldScores) -> f64| {
        let v: Vec<(usize, f64)> = scores
            .iter()
            .enumerate()
            .filter_map(|(i, s)| Some((i, f(scored(s)?))))
            .collect();
        Some((*v.first()?, *v.last()?))
    };
    let (Some(((i0, t0), (i1, t1))), Some(((_, r0), (_, r1)))) =
        (line(FoldScores::mean_test), line(FoldScores::mean_train))
    else {
        return format!("Scores against {what}: none yet.");
    };
    let top = best(scores)
        .map(|(i, v)| {
            format!(
                " The validation score is highest, {}, at {}.",
                percent(v),
                at(i)
            )
        })
        .unwrap_or_default();
    format!(
        "Training and validation scores against {what}, from {} to {}: validation {} to {}, training {} to {}.{top}",
        at(i0),
        at(i1),
        percent(t0),
        percent(t1),
        percent(r0),
        percent(r1)
    )
}

#[component]
pub fn LearningCurveView(data: Data, folds: RwSignal<usize>) -> impl IntoView {
    let studio = expect_context::<Studio>();
    let sizes = Memo::new(move |_| {
        let d = data.get().ok()??;
        let k = folds.get();
        let n_max = if k == 0 {
            d.train.n_samples()
        } else {
            kfold(d.train.n_samples(), k).ok()?.first()?.train.len()
        };
        Some(learning_sizes(&LEARNING_FRACTIONS, n_max))
    });
    let spec = Memo::new(move |_| {
        let d = data.get().ok()??;
        let m = studio.model.get();
        let (params, epochs) = point_params(&m, d.values, d.seed)?;
        let points = sizes
            .get()?
            .into_iter()
            .map(|n| ScorePoint {
                params: params.clone(),
                epochs,
                size: Some(n),
            })
            .collect();
        Some(SweepSpec {
            train: d.train,
            test: d.test,
            folds: folds.get(),
            points,
            per_job: per_job(m.kind, 2),
        })
    });
    let run = keep_running(spec);
    let xs = Signal::derive(move || {
        sizes
            .get()
            .unwrap_or_default()
            .into_iter()
            .map(|n| n as f64)
            .collect::<Vec<_>>()
    });
    view! {
        <figure class="sweep">
            <figcaption><h3>"Learning curve"</h3></figcaption>
            <p class="hint">"The studio's model fitted on more and more of the training rows: a gap that stays open wants more data or a simpler model."</p>
            <CurveChart
                label="Learning curve"
                xs=xs
                lines=Signal::derive(move || run.scores.with(|s| lines(s)))
                log_x=false
                x_label="training rows".to_string()
                y_label=Signal::derive(move || data.with(score_label).to_string())
                current=Signal::derive(|| None::<f64>)
                described_by="learning-description"
            />
            <p id="learning-description" class="visually-hidden">
                {move || curve_words(&xs.get(), &run.scores.get(), "training rows")}
            </p>
            <SweepStatus run=run on_again=again(run, spec)/>
        </figure>
    }
}
