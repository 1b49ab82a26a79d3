//! Editing the data on the plane: a click adds a point of the chosen class, a right
//! click (long press, eraser) removes the nearest. Drawn data is edited in place; any
//! other classification data becomes an edited copy of itself on the two shown
//! features ("Moons, edited"), kept as edits so links, versions and Undo carry it.

use leptos::prelude::*;

use crate::data::load_dataset;
use crate::settings::fragment::snap_to_link_grid;
use crate::settings::limits::MAX_DRAWN;
use crate::settings::{snap, DatasetChoice, Edits};
use crate::studio::Studio;

/// Where a click landed: the plane's units, and the units one pixel spans on each axis.
#[derive(Debug, Clone, Copy)]
pub struct Spot {
    pub x: f64,
    pub y: f64,
    pub per_px: (f64, f64),
}

/// The edits in force, or new ones on the two shown features (the plane then shows the
/// copy's features 0 and 1).
fn edits_or_start(studio: &Studio) -> Edits {
    let d = studio.data_state;
    d.edits.get_untracked().unwrap_or_else(|| {
        let features = (
            studio.plane.x_feature.get_untracked(),
            studio.plane.y_feature.get_untracked(),
        );
        Edits {
            features,
            ..Edits::default()
        }
    })
}

fn commit(studio: &Studio, edits: Edits) {
    let d = studio.data_state;
    let first = d.edits.get_untracked().is_none();
    d.edits.set(Some(edits));
    if first {
        studio.plane.x_feature.set(0);
        studio.plane.y_feature.set(1);
    }
}

/// Adds a point of `class` at `spot`; a message if it cannot be added.
pub fn add(studio: &Studio, spot: Spot, class: usize) -> Result<(), String> {
    let d = studio.data_state;
    if d.choice.get_untracked() == DatasetChoice::Drawn {
        if d.drawn.with_untracked(|p| p.len() >= MAX_DRAWN) {
            return Err(format!(
                "At most {MAX_DRAWN} drawn points: remove some (right click) to add others."
            ));
        }
        // Kept to a thousandth (finer than a pixel), exactly as a link carries it.
        let p = (snap_to_link_grid(spot.x), snap_to_link_grid(spot.y), class);
        d.drawn.update(|pts| pts.push(p));
        return Ok(());
    }
    let classes = studio
        .data
        .with_untracked(|r| r.as_ref().map(|p| p.train.class_names().len()).unwrap_or(0));
    if class >= classes {
        return Err("Choose one of this data's classes to add a point of it.".into());
    }
    let mut e = edits_or_start(studio);
    if e.added.len() >= MAX_DRAWN {
        return Err(format!("At most {MAX_DRAWN} points can be added."));
    }
    e.added.push((snap(spot.x), snap(spot.y), class));
    commit(studio, e);
    Ok(())
}

/// Removes the point nearest `spot` within 10 pixels, if any.
pub fn remove(studio: &Studio, spot: Spot) {
    let d = studio.data_state;
    if d.choice.get_untracked() == DatasetChoice::Drawn {
        let near = |p: &(f64, f64, usize)| distance_px(spot, p.0, p.1);
        d.drawn.update(|pts| {
            if let Some(i) = nearest(pts.iter().map(near)) {
                pts.remove(i);
            }
        });
        return;
    }
    let spec = untrack(|| d.spec());
    let imported = d.imported.get_untracked();
    let Ok(data) = load_dataset(&spec, imported.as_deref()) else {
        return;
    };
    let (fx, fy) = (
        studio.plane.x_feature.get_untracked(),
        studio.plane.y_feature.get_untracked(),
    );
    let x = data.x();
    if fx >= x.ncols() || fy >= x.ncols() {
        return;
    }
    let Some(row) = nearest(
        x.rows()
            .into_iter()
            .map(|r| distance_px(spot, r[fx], r[fy])),
    ) else {
        return;
    };
    let mut e = edits_or_start(studio);
    let n_source = data.n_samples() + e.removed.len() - e.added.len().min(data.n_samples());
    e.remove(row, n_source);
    commit(studio, e);
}

fn distance_px(spot: Spot, x: f64, y: f64) -> f64 {
    ((x - spot.x) / spot.per_px.0).hypot((y - spot.y) / spot.per_px.1)
}

/// The index of the smallest distance, if it is within 10 pixels.
fn nearest(distances: impl Iterator<Item = f64>) -> Option<usize> {
    distances
        .enumerate()
        .filter(|&(_, d)| d <= 10.0)
        .min_by(|a, b| a.1.total_cmp(&b.1))
        .map(|(i, _)| i)
}
