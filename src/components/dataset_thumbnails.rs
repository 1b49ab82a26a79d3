//! A small picture of each built-in dataset, as TensorFlow Playground shows them: one
//! click picks it (the `Dataset` combobox stays the accessible way to choose).

use hyperplane_core::datasets::GeneratorParams;
use hyperplane_core::{Dataset, Target};
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::CanvasRenderingContext2d;

use super::thumbnail_files;
use crate::data::load_dataset;

use crate::palette::class_css;
use crate::plane::value_span;
use crate::render::value_surface::value_rgb;
use crate::settings::{DataSettings, DatasetChoice};
use crate::studio::Studio;

const SIZE: f64 = 44.0;
/// Bundled sets show at most this many points, so the picture stays readable.
const MAX_POINTS: usize = 200;

/// Each point's colour: its class's, or its value's on the data's value scale.
fn point_colours(d: &Dataset) -> Vec<String> {
    match d.target() {
        Target::Classes { labels, .. } => labels.iter().map(|&c| class_css(c)).collect(),
        Target::Values { values, .. } => {
            let (lo, _, span) = value_span(values);
            values
                .iter()
                .map(|&v| {
                    let (r, g, b) = value_rgb((v - lo) / span);
                    format!("rgb({r},{g},{b})")
                })
                .collect()
        }
    }
}

/// The dataset's first two features scaled into the unit square, each point with its
/// class colour or (regression) its value's colour. Generated sets share one scale on
/// both axes so their shapes keep their proportions; bundled sets' features are in
/// different units, so each axis is scaled on its own. Wine's and breast cancer's come
/// compiled in (`thumbnail_files`), so they show before (or without) their files. `None`
/// for the user's data.
pub fn thumbnail_points(choice: DatasetChoice) -> Option<Vec<(f64, f64, String)>> {
    let file = match choice {
        DatasetChoice::Drawn | DatasetChoice::Imported => return None,
        DatasetChoice::Wine => Some(thumbnail_files::WINE),
        DatasetChoice::BreastCancer => Some(thumbnail_files::BREAST_CANCER),
        _ => None,
    };
    if let Some(points) = file {
        let unit = |v: u8| f64::from(v) / 255.0;
        return Some(
            points
                .iter()
                .map(|&(x, y, c)| (unit(x), unit(y), class_css(c as usize)))
                .collect(),
        );
    }
    let d = match choice {
        DatasetChoice::Generated(kind) => GeneratorParams::new(kind)
            .n_samples(160)
            .generate()
            .map(std::sync::Arc::new),
        bundled => load_dataset(
            &DataSettings {
                choice: bundled,
                noise: 0.0,
                train_ratio: 0.5,
                seed: 0,
                n_samples: 0,
                n_classes: 2,
                ..DataSettings::default()
            },
            None,
        ),
    }
    .ok()?;
    let same_scale = matches!(choice, DatasetChoice::Generated(_));
    let colours = point_colours(&d);
    Some(
        unit_points(&d, same_scale)?
            .into_iter()
            .zip(colours.into_iter().step_by(step(&d)))
            .map(|((x, y), c)| (x, y, c))
            .collect(),
    )
}

/// Every `step`-th row is drawn.
fn step(d: &Dataset) -> usize {
    d.n_samples().div_ceil(MAX_POINTS).max(1)
}

/// The drawn rows' first two features in the unit square.
fn unit_points(d: &Dataset, same_scale: bool) -> Option<Vec<(f64, f64)>> {
    let x = d.x();
    if x.ncols() < 2 {
        return None;
    }
    let range = |cols: &[usize]| {
        cols.iter()
            .flat_map(|&j| x.column(j).to_vec())
            .fold((f64::INFINITY, f64::NEG_INFINITY), |(l, h), v| {
                (l.min(v), h.max(v))
            })
    };
    let (mut rx, mut ry) = (range(&[0]), range(&[1]));
    if same_scale {
        // One span on both axes (shapes keep their proportions), each axis centred.
        let span = (rx.1 - rx.0).max(ry.1 - ry.0);
        let centred = |(lo, hi): (f64, f64)| ((lo + hi - span) / 2.0, (lo + hi + span) / 2.0);
        (rx, ry) = (centred(rx), centred(ry));
    }
    let unit = |v: f64, (lo, hi): (f64, f64)| (v - lo) / (hi - lo).max(1e-9);
    Some(
        x.rows()
            .into_iter()
            .step_by(step(d))
            .map(|row| (unit(row[0], rx), unit(row[1], ry)))
            .collect(),
    )
}

/// Draws the points into a canvas of SIZE CSS pixels.
fn paint(canvas: &web_sys::HtmlCanvasElement, points: &[(f64, f64, String)]) {
    let dpr = web_sys::window()
        .map(|w| w.device_pixel_ratio())
        .unwrap_or(1.0)
        .clamp(1.0, 3.0);
    canvas.set_width((SIZE * dpr) as u32);
    canvas.set_height((SIZE * dpr) as u32);
    let Ok(Some(ctx)) = canvas.get_context("2d") else {
        return;
    };
    let Ok(ctx) = ctx.dyn_into::<CanvasRenderingContext2d>() else {
        return;
    };
    let _ = ctx.set_transform(dpr, 0.0, 0.0, dpr, 0.0, 0.0);
    ctx.set_fill_style_str("#fff");
    ctx.fill_rect(0.0, 0.0, SIZE, SIZE);
    for (x, y, colour) in points {
        let px = 3.0 + x * (SIZE - 6.0);
        let py = SIZE - 3.0 - y * (SIZE - 6.0);
        ctx.set_fill_style_str(colour);
        ctx.fill_rect(px - 1.2, py - 1.2, 2.4, 2.4);
    }
}

#[component]
pub fn DatasetThumbnails() -> impl IntoView {
    let studio = expect_context::<Studio>();
    let d = studio.data_state;
    DatasetChoice::ALL
        .into_iter()
        .filter(|c| !matches!(c, DatasetChoice::Drawn | DatasetChoice::Imported))
        .map(|c| {
            let canvas_ref = NodeRef::<leptos::html::Canvas>::new();
            Effect::new(move |_| {
                if let (Some(canvas), Some(points)) = (canvas_ref.get(), thumbnail_points(c)) {
                    paint(&canvas, &points);
                }
            });
            view! {
                <button
                    type="button"
                    class="thumb"
                    title=c.label()
                    aria-label=format!("Pick the {} dataset", c.label())
                    aria-pressed=move || (d.choice.get() == c).to_string()
                    on:click=move |_| d.pick(c)
                >
                    <canvas node_ref=canvas_ref aria-hidden="true"></canvas>
                </button>
            }
        })
        .collect_view()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_built_in_set_has_a_picture_in_the_unit_square() {
        let mut pictured = 0;
        for c in DatasetChoice::ALL {
            let Some(points) = thumbnail_points(c) else {
                assert!(
                    matches!(c, DatasetChoice::Drawn | DatasetChoice::Imported),
                    "{c:?}"
                );
                continue;
            };
            pictured += 1;
            assert!(
                points.len() >= 100 && points.len() <= MAX_POINTS,
                "{c:?}: {}",
                points.len()
            );
            assert!(points
                .iter()
                .all(|(x, y, _)| (0.0..=1.0).contains(x) && (0.0..=1.0).contains(y)));
            // Points of more than one colour: classes or values.
            let first = &points[0].2;
            assert!(points.iter().any(|p| &p.2 != first), "{c:?}");
        }
        assert_eq!(pictured, DatasetChoice::ALL.len() - 2);
    }

    /// The compiled-in pictures are the files' (regenerate them with
    /// `HYPERPLANE_PRINT_THUMBNAILS=1 cargo test thumbnails_of_the_files -- --nocapture`).
    #[test]
    fn thumbnails_of_the_files_are_the_files_pictures() {
        use crate::real_data::{get, RealSet};
        for (set, compiled) in [
            (RealSet::Wine, thumbnail_files::WINE),
            (RealSet::BreastCancer, thumbnail_files::BREAST_CANCER),
        ] {
            let d = get(set).unwrap();
            let labels = d.labels().unwrap();
            let quantized: Vec<(u8, u8, u8)> = unit_points(&d, false)
                .unwrap()
                .into_iter()
                .zip(labels.iter().step_by(step(&d)))
                .map(|((x, y), &c)| {
                    (
                        (x * 255.0).round() as u8,
                        (y * 255.0).round() as u8,
                        c as u8,
                    )
                })
                .collect();
            if std::env::var_os("HYPERPLANE_PRINT_THUMBNAILS").is_some() {
                println!("{set:?}: {quantized:?}");
            } else {
                assert_eq!(quantized, compiled, "{set:?}");
            }
        }
    }
}
