//! What the pointer is over on a surface: the nearest point within 8 px (its values,
//! its true class or value, and the model's answer there) or else the plane there.

use hyperplane_core::grid::GridOutput;
use hyperplane_core::preprocess::Prepared;

use crate::format::param;
use crate::plane::grid_spec;
use crate::training::Trained;

/// Where the plot is on the canvas and what it spans.
#[derive(Debug, Clone, Copy)]
pub struct PlotView {
    /// The plotting area in CSS pixels: left, top, width, height.
    pub plot: (f64, f64, f64, f64),
    /// The plotted ranges, in standardized units.
    pub x_range: (f64, f64),
    pub y_range: (f64, f64),
}

/// The pointer's position in the canvas (CSS pixels) and where a tooltip for it goes.
pub fn pointer_at(
    canvas: &web_sys::HtmlCanvasElement,
    ev: &web_sys::MouseEvent,
) -> (f64, f64, Place) {
    let rect = canvas.get_bounding_client_rect();
    let (px, py) = (
        ev.client_x() as f64 - rect.left(),
        ev.client_y() as f64 - rect.top(),
    );
    (px, py, tooltip_place(px, py, rect.width()))
}

/// Where a tooltip goes (CSS): beside the pointer, to its left on the canvas's right
/// part so it stays inside.
pub fn tooltip_place(px: f64, py: f64, width: f64) -> Place {
    let top = format!("{:.0}px", py + 10.0);
    if px > width * 0.55 {
        ("auto".into(), format!("{:.0}px", width - px + 14.0), top)
    } else {
        (format!("{:.0}px", px + 14.0), "auto".into(), top)
    }
}

/// The tooltip's CSS `left`, `right` and `top` (one side `auto`), set as properties
/// rather than a style attribute, which the content policy does not allow.
pub type Place = (String, String, String);

/// The text for the pointer at (`px`, `py`) on the plane of dataset features `x`, `y`.
pub fn describe(
    data: &Prepared,
    trained: &Trained,
    (x, y): (usize, usize),
    view: &PlotView,
    (px, py): (f64, f64),
    with_test: bool,
) -> Option<String> {
    let (left, top, w, h) = view.plot;
    if px < left || py < top || px > left + w || py > top + h || w <= 0.0 || h <= 0.0 {
        return None;
    }
    let (xr, yr) = (view.x_range, view.y_range);
    let to_px = |zx: f64, zy: f64| {
        (
            left + (zx - xr.0) / (xr.1 - xr.0) * w,
            top + (yr.1 - zy) / (yr.1 - yr.0) * h,
        )
    };
    // The nearest point within 8 px: its part, its row there, and whether it is a test point.
    let mut best: Option<(f64, &'static str, usize, bool)> = None;
    for (part, set, is_test) in [("training", &data.train, false), ("test", &data.test, true)] {
        if is_test && !with_test {
            continue;
        }
        for (i, row) in set.x().rows().into_iter().enumerate() {
            let (qx, qy) = to_px(row[x], row[y]);
            let d = ((qx - px).powi(2) + (qy - py).powi(2)).sqrt();
            if d <= 8.0 && best.is_none_or(|b| d < b.0) {
                best = Some((d, part, i, is_test));
            }
        }
    }
    let fnames = data.train.feature_names();
    let at = |zx: f64, zy: f64| {
        format!(
            "{} = {}, {} = {}",
            fnames.get(x).cloned().unwrap_or_default(),
            param(data.scaler.inverse_feature(x, zx)),
            fnames.get(y).cloned().unwrap_or_default(),
            param(data.scaler.inverse_feature(y, zy)),
        )
    };
    let point = best.map(|(_, part, i, is_test)| {
        let set = if is_test { &data.test } else { &data.train };
        (part, set, i, set.x()[[i, x]], set.x()[[i, y]])
    });
    if trained.model.is_regressor() {
        let predict = |zx: f64, zy: f64| -> Option<f64> {
            // A regressor reads exactly the plane's two features, in order.
            let q = ndarray::arr2(&[[zx, zy]]);
            trained
                .model
                .predict_values(q.view())
                .ok()?
                .first()
                .copied()
        };
        let target = data.train.target_name();
        return Some(match point {
            Some((part, set, i, zx, zy)) => format!(
                "{part} point: {} · true {target} {} · predicted {}",
                at(zx, zy),
                param(*set.values().ok()?.get(i)?),
                param(predict(zx, zy)?)
            ),
            None => {
                let (zx, zy) = plane_at(view, px, py);
                format!(
                    "{} · predicted {target} {}",
                    at(zx, zy),
                    param(predict(zx, zy)?)
                )
            }
        });
    }
    // A classifier's answer via a one-cell grid: its class and score.
    let names = data.train.class_names();
    let answer = |zx: f64, zy: f64| -> Option<(String, f32)> {
        let spec = grid_spec(trained, x, y, [(zx, zx), (zy, zy)], 1, 1)?;
        let mut out = GridOutput::new();
        trained.model.evaluate_grid(&spec, &mut out).ok()?;
        let label = *out.label.first()? as usize;
        Some((
            names.get(label).cloned().unwrap_or_default(),
            *out.margin.first()?,
        ))
    };
    Some(match point {
        Some((part, set, i, zx, zy)) => {
            let (pred, margin) = answer(zx, zy)?;
            let truth = set.labels().ok().and_then(|l| names.get(l[i]));
            format!(
                "{part} point: {} · true class {} · predicted {pred} (score {margin:.2})",
                at(zx, zy),
                truth.cloned().unwrap_or_default(),
            )
        }
        None => {
            let (zx, zy) = plane_at(view, px, py);
            let (pred, margin) = answer(zx, zy)?;
            format!("{} · predicted {pred} (score {margin:.2})", at(zx, zy))
        }
    })
}

/// The plane's coordinates (standardized) under the pointer.
fn plane_at(view: &PlotView, px: f64, py: f64) -> (f64, f64) {
    let (left, top, w, h) = view.plot;
    let (xr, yr) = (view.x_range, view.y_range);
    (
        xr.0 + (px - left) / w * (xr.1 - xr.0),
        yr.1 - (py - top) / h * (yr.1 - yr.0),
    )
}
