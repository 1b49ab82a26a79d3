//! Comparing saved versions: a table of parameters and metrics (differences only, if
//! asked, with deltas against the first), their decision surfaces side by side, their
//! loss curves overlaid and, for two versions, where their predictions differ.

use std::cell::RefCell;
use std::rc::Rc;
use std::sync::Arc;

use hyperplane_formats::saved_version::SavedVersion;
use leptos::prelude::*;
use plotters::prelude::*;

use super::downloads::PngButton;
use crate::format::{param, percent};
use crate::palette::class_css;
use crate::plane::plane_extent;
use crate::registry::comparison::rows;
use crate::registry::disagreement::{disagreement, Disagreement, Drawn};
use crate::registry::restore::{materialize, Materialized};
use crate::registry::Registry;
use crate::render::disagreement_canvas::draw_disagreement;
use crate::render::loss_canvas::{draw_loss_lines, LossLine};
use crate::render::surface_canvas::{draw_surface, Scene, SurfaceBuffers};
use crate::render::value_surface::{draw_values, ValueBuffers, ValueScene};
use crate::render::Plotted;
use crate::settings::DatasetChoice;
use crate::training::Scores;

/// A version ready to draw.
#[derive(Clone)]
struct Item {
    version: Arc<SavedVersion>,
    fit: Result<Materialized, String>,
}

impl PartialEq for Item {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.version, &other.version)
    }
}

impl Item {
    fn fixed(&self) -> Option<(f64, f64)> {
        DatasetChoice::from_key(&self.version.data.dataset).and_then(|d| d.fixed_extent())
    }
}

#[component]
pub fn CompareView() -> impl IntoView {
    let registry = expect_context::<Registry>();
    let items = Memo::new(move |_| {
        let keys = registry.comparing.get();
        registry.entries.with(|entries| {
            keys.iter()
                .filter_map(|k| entries.iter().find(|e| e.key == *k))
                .map(|e| Item {
                    version: e.version.clone(),
                    fit: materialize(&e.version),
                })
                .collect::<Vec<_>>()
        })
    });
    let diff_only = RwSignal::new(false);
    let open = move || !items.with(|i| i.is_empty());

    let table = move || {
        let items = items.get();
        let versions: Vec<&SavedVersion> = items.iter().map(|i| i.version.as_ref()).collect();
        let all = rows(&versions);
        let shown: Vec<_> = all
            .into_iter()
            .filter(|r| !diff_only.get() || r.differs())
            .collect();
        view! {
            <table class="compare-table">
                <thead>
                    <tr>
                        <th scope="col">""</th>
                        {versions.iter().map(|v| view! { <th scope="col">{v.label()}</th> }).collect_view()}
                    </tr>
                </thead>
                <tbody>
                    {shown
                        .into_iter()
                        .map(|r| {
                            let differs = r.differs();
                            let cells = (0..r.values.len())
                                .map(|i| {
                                    let delta = r.delta(i);
                                    view! {
                                        <td>
                                            {r.values[i].clone()}
                                            {delta.map(|d| view! { <span class="delta">" (" {d} ")"</span> })}
                                        </td>
                                    }
                                })
                                .collect_view();
                            view! {
                                <tr class:differs=differs class:metric=r.metric>
                                    <th scope="row">{r.label.clone()}</th>
                                    {cells}
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
        }
    };

    view! {
        <Show when=open>
            <section class="panel compare" aria-labelledby="compare-title">
                <div class="compare-head">
                    <h2 id="compare-title">"Comparison"</h2>
                    <label class="toggle">
                        <input type="checkbox" prop:checked=move || diff_only.get() on:change=move |ev| diff_only.set(event_target_checked(&ev))/>
                        "Differences only"
                    </label>
                    <button type="button" on:click=move |_| registry.comparing.set(Vec::new())>"Close comparison"</button>
                </div>
                <div class="compare-scroll">{table}</div>
                <div class="compare-surfaces">
                    {move || {
                        let items = items.get();
                        let units = common_units(&items);
                        items
                            .into_iter()
                            .map(|item| view! { <VersionSurface item=item units=units/> })
                            .collect_view()
                    }}
                </div>
                <LossOverlay items=items/>
                {move || {
                    let items = items.get();
                    (items.len() == 2).then(|| view! { <DisagreementMap a=items[0].clone() b=items[1].clone()/> })
                }}
            </section>
        </Show>
    }
}

/// One plane for every surface, in the data's units, when all show the same two
/// features: the union of their extents.
fn common_units(items: &[Item]) -> Option<[(f64, f64); 2]> {
    let mut names = None;
    let mut out: Option<[(f64, f64); 2]> = None;
    for item in items {
        let (x, y) = (item.version.data.x_feature, item.version.data.y_feature);
        let fit = item.fit.as_ref().ok()?;
        let fnames = fit.data.train.feature_names();
        let these = (fnames.get(x)?.clone(), fnames.get(y)?.clone());
        if names.get_or_insert_with(|| these.clone()) != &these {
            return None;
        }
        // The plane's rectangle in the data's units.
        let d = &fit.data;
        let (ex, ey) = (
            d.scaler.inverse_range(x, plane_extent(d, x, item.fixed())),
            d.scaler.inverse_range(y, plane_extent(d, y, item.fixed())),
        );
        out = Some(match out {
            None => [ex, ey],
            Some([ox, oy]) => [
                (ox.0.min(ex.0), ox.1.max(ex.1)),
                (oy.0.min(ey.0), oy.1.max(ey.1)),
            ],
        });
    }
    out
}

#[component]
fn VersionSurface(item: Item, units: Option<[(f64, f64); 2]>) -> impl IntoView {
    let canvas_ref = NodeRef::<leptos::html::Canvas>::new();
    let label = item.version.label();
    let r2 = |v: f64| format!("{v:.3}");
    let caption = match item.fit.as_ref().map(|f| &f.trained.scores) {
        Ok(Scores::Classes {
            train_accuracy,
            test_accuracy,
            ..
        }) => format!(
            "{label}: test {}, train {}",
            test_accuracy.map(percent).unwrap_or_else(|| "—".into()),
            percent(*train_accuracy)
        ),
        Ok(Scores::Values { train, test }) => format!(
            "{label}: test R² {}, train R² {}",
            test.map(|s| r2(s.r2)).unwrap_or_else(|| "—".into()),
            r2(train.r2)
        ),
        Err(e) => format!("{label} cannot be drawn: {e}"),
    };
    let buffers = Rc::new(RefCell::new(SurfaceBuffers::default()));
    let value_buffers = Rc::new(RefCell::new(ValueBuffers::default()));
    let error = RwSignal::new(None::<String>);
    // The plotted plane in data units (for tests and tooltips): the shared one if any.
    let extent = units
        .map(|[x, y]| format!("{:.4},{:.4},{:.4},{:.4}", x.0, x.1, y.0, y.1))
        .unwrap_or_default();
    let drawn = item.clone();
    Effect::new(move |_| {
        let (Some(canvas), Ok(fit)) = (canvas_ref.get(), &drawn.fit) else {
            return;
        };
        let (x, y) = (drawn.version.data.x_feature, drawn.version.data.y_feature);
        let Materialized { data, trained } = fit;
        let plotted = Plotted {
            data,
            trained,
            x,
            y,
            show_test: true,
        };
        let result = if trained.model.is_regressor() {
            let scene = ValueScene {
                plotted,
                units,
                cell_px: 1.0,
            };
            draw_values(&canvas, &scene, &mut value_buffers.borrow_mut()).map(drop)
        } else {
            let scene = Scene {
                plotted,
                discretize: false,
                fixed_extent: drawn.fixed(),
                units,
                reuse_overlay: false,
            };
            draw_surface(&canvas, &scene, &mut buffers.borrow_mut(), || 0.0).map(drop)
        };
        if let Err(e) = result {
            error.set(Some(e));
        }
    });
    view! {
        <figure class="compare-surface">
            <canvas
                node_ref=canvas_ref
                class="compare-canvas"
                role="img"
                aria-label=format!("Decision boundary of {label}")
                data-extent=extent
            ></canvas>
            <figcaption>{caption} " " <PngButton canvas=format!("Decision boundary of {label}")/></figcaption>
            {move || error.get().map(|e| view! { <p role="alert" class="error">{e}</p> })}
        </figure>
    }
}

#[component]
fn LossOverlay(items: Memo<Vec<Item>>) -> impl IntoView {
    let canvas_ref = NodeRef::<leptos::html::Canvas>::new();
    let with_history = move || items.with(|i| i.iter().any(|i| !i.version.history.is_empty()));
    Effect::new(move |_| {
        let items = items.get();
        let Some(canvas) = canvas_ref.get() else {
            return;
        };
        // Each version in its own colour: training loss thick, test loss thin and paler.
        let lines: Vec<LossLine> = items
            .iter()
            .enumerate()
            .flat_map(|(i, item)| {
                let (r, g, b) = crate::palette::class_rgb(i);
                let h = &item.version.history;
                [
                    LossLine {
                        points: h.iter().map(|p| (p.epoch as f64, p.train)).collect(),
                        colour: RGBColor(r, g, b).to_rgba(),
                        width: 2.0,
                    },
                    LossLine {
                        points: h
                            .iter()
                            .filter_map(|p| p.test.map(|t| (p.epoch as f64, t)))
                            .collect(),
                        colour: RGBColor(r, g, b).mix(0.55),
                        width: 1.0,
                    },
                ]
            })
            .collect();
        draw_loss_lines(canvas, &lines);
    });
    view! {
        <Show when=with_history fallback=|| view! { <p class="hint">"None of these versions has a training history (their models fit in one call), so there are no loss curves to overlay."</p> }>
            <figure class="loss compare-loss">
                <canvas node_ref=canvas_ref class="loss-canvas" role="img" aria-label="Loss curves"></canvas>
                <figcaption>
                    <PngButton canvas="Loss curves"/>
                    " Training loss (thick) and test loss (thin) per epoch: "
                    {move || {
                        items
                            .get()
                            .iter()
                            .enumerate()
                            .map(|(i, item)| {
                                view! {
                                    <span class="legend-item">
                                        <span class="swatch" style:background=class_css(i)></span>
                                        {item.version.label()}
                                    </span>
                                }
                            })
                            .collect_view()
                    }}
                </figcaption>
            </figure>
        </Show>
    }
}

#[component]
fn DisagreementMap(a: Item, b: Item) -> impl IntoView {
    let canvas_ref = NodeRef::<leptos::html::Canvas>::new();
    let (xa, ya) = (a.version.data.x_feature, a.version.data.y_feature);
    let (xb, yb) = (b.version.data.x_feature, b.version.data.y_feature);
    let (w, h) = (160, 140);
    let result: Result<(Disagreement, &[String]), String> = match (&a.fit, &b.fit) {
        (Ok(fa), Ok(fb)) => disagreement(
            &Drawn {
                data: &fa.data,
                trained: &fa.trained,
                x: xa,
                y: ya,
                fixed: a.fixed(),
            },
            &Drawn {
                data: &fb.data,
                trained: &fb.trained,
                x: xb,
                y: yb,
                fixed: b.fixed(),
            },
            w,
            h,
        )
        .map(|d| (d, fa.data.train.feature_names())),
        _ => Err("one of the versions cannot be drawn".into()),
    };
    let result = result.map(|(d, names)| {
        let name = |f: usize| names.get(f).cloned().unwrap_or_default();
        (d, name(xa), name(ya))
    });
    let (la, lb) = (a.version.label(), b.version.label());
    let summary = match &result {
        Ok((d, _, _)) => match d.values {
            None => format!(
                "{la} and {lb} predict different classes on {} of the plane (orange).",
                percent(d.share)
            ),
            Some(gap) => format!(
                "{la} and {lb} differ by {} on average over the plane; by more than {} (a tenth of the target's range) on {} of it (orange: the bigger the difference, the stronger).",
                param(gap.mean_abs),
                param(gap.threshold),
                percent(d.share)
            ),
        },
        Err(e) => format!("No disagreement map: {e}."),
    };
    let error = RwSignal::new(None::<String>);
    Effect::new(move |_| {
        let (Some(canvas), Ok((d, x, y))) = (canvas_ref.get(), &result) else {
            return;
        };
        if let Err(e) = draw_disagreement(&canvas, d, x, y) {
            error.set(Some(e));
        }
    });
    view! {
        <figure class="compare-disagreement">
            <canvas node_ref=canvas_ref class="compare-canvas" role="img" aria-label="Disagreement map"></canvas>
            <figcaption><span data-testid="disagreement">{summary}</span> " " <PngButton canvas="Disagreement map"/></figcaption>
            {move || error.get().map(|e| view! { <p role="alert" class="error">{e}</p> })}
        </figure>
    }
}
