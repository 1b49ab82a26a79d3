//! A heatmap of scores over two log-spaced parameters (the SVM's C × γ): a cell per
//! pair coloured by its mean validation score, the studio's setting marked, a click on
//! a cell picks its pair. Driven by props only.

use leptos::prelude::*;

use crate::format::{param, percent, tick};

const W: f64 = 470.0;
const H: f64 = 400.0;
const LEFT: f64 = 54.0;
const RIGHT: f64 = 76.0;
const TOP: f64 = 8.0;
const BOTTOM: f64 = 44.0;

/// Viridis at five stops: readable in grey and by every kind of colour vision.
const STOPS: [(f64, f64, f64); 5] = [
    (68.0, 1.0, 84.0),
    (59.0, 82.0, 139.0),
    (33.0, 145.0, 140.0),
    (94.0, 201.0, 98.0),
    (253.0, 231.0, 37.0),
];

/// The colour of `t` in 0..=1.
pub fn viridis(t: f64) -> String {
    let t = if t.is_finite() {
        t.clamp(0.0, 1.0)
    } else {
        0.0
    } * 4.0;
    let i = (t.floor() as usize).min(3);
    let f = t - i as f64;
    let (a, b) = (STOPS[i], STOPS[i + 1]);
    let mix = |x: f64, y: f64| (x + (y - x) * f).round();
    format!("rgb({},{},{})", mix(a.0, b.0), mix(a.1, b.1), mix(a.2, b.2))
}

/// `v`'s place between the first and last of log-spaced `axis`, in 0..=1 (outside
/// the axis: `None`).
fn log_place(axis: &[f64], v: f64) -> Option<f64> {
    let (lo, hi) = (axis.first()?.log10(), axis.last()?.log10());
    let t = (v.log10() - lo) / (hi - lo);
    (t.is_finite() && (-0.05..=1.05).contains(&t)).then_some(t.clamp(0.0, 1.0))
}

#[component]
pub fn HeatmapChart(
    /// The columns' values (γ), left to right, log-spaced.
    xs: Vec<f64>,
    /// The rows' values (C), bottom to top, log-spaced.
    ys: Vec<f64>,
    /// Each cell's mean score, row by row from the bottom row (`None`: not yet).
    #[prop(into)]
    values: Signal<Vec<Option<f64>>>,
    /// The studio's (x, y), if it has numbers for both.
    #[prop(into)]
    current: Signal<Option<(f64, f64)>>,
    x_label: &'static str,
    y_label: &'static str,
    /// What a score is ("accuracy", "R²").
    #[prop(into)]
    score: Signal<&'static str>,
    /// A cell was clicked: its (x, y).
    on_pick: Callback<(f64, f64)>,
    /// The id of the text that says what the chart shows.
    described_by: &'static str,
) -> impl IntoView {
    let (nx, ny) = (xs.len().max(1), ys.len().max(1));
    let cw = (W - LEFT - RIGHT) / nx as f64;
    let ch = (H - TOP - BOTTOM) / ny as f64;
    let range = Memo::new(move |_| {
        values.with(|v| {
            let seen = v.iter().flatten().copied().filter(|x| x.is_finite());
            let (lo, hi) = seen.fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), x| {
                (a.min(x), b.max(x))
            });
            (lo <= hi).then_some((lo, hi))
        })
    });
    let colour = move |v: Option<f64>| match (v, range.get()) {
        (Some(v), Some((lo, hi))) if v.is_finite() => viridis(if hi - lo > 1e-12 {
            (v - lo) / (hi - lo)
        } else {
            1.0
        }),
        _ => "#e4e7eb".to_string(),
    };
    let (xs2, ys2) = (xs.clone(), ys.clone());
    let cells = (0..ny)
        .flat_map(|r| (0..nx).map(move |c| (r, c)))
        .map(|(r, c)| {
            let (x, y) = (xs[c], ys[r]);
            let i = r * nx + c;
            let value = move || values.with(|v| v.get(i).copied().flatten());
            let title = move || {
                let s = value()
                    .map(percent)
                    .unwrap_or_else(|| "not yet scored".into());
                format!("{y_label} = {}, {x_label} = {}: {s}", param(y), param(x))
            };
            view! {
                <rect
                    x=LEFT + c as f64 * cw
                    y=TOP + (ny - 1 - r) as f64 * ch
                    width=cw - 1.0
                    height=ch - 1.0
                    fill=move || colour(value())
                    class="heat-cell"
                    on:click=move |_| on_pick.run((x, y))
                >
                    <title>{title}</title>
                </rect>
            }
        })
        .collect_view();
    let x_ticks = xs2
        .iter()
        .enumerate()
        .filter(|(i, _)| i % 2 == 0)
        .map(|(i, &v)| {
            let x = LEFT + (i as f64 + 0.5) * cw;
            view! { <text x=x y=H - BOTTOM + 16.0 text-anchor="middle">{tick(v)}</text> }
        })
        .collect_view();
    let y_ticks = ys2
        .iter()
        .enumerate()
        .filter(|(i, _)| i % 2 == 0)
        .map(|(i, &v)| {
            let y = TOP + (ny as f64 - i as f64 - 0.5) * ch + 4.0;
            view! { <text x=LEFT - 6.0 y=y text-anchor="end">{tick(v)}</text> }
        })
        .collect_view();
    let (xs3, ys3) = (xs2.clone(), ys2.clone());
    let marker = move || {
        let (x, y) = current.get()?;
        let tx = log_place(&xs3, x)?;
        let ty = log_place(&ys3, y)?;
        let cx = LEFT + cw / 2.0 + tx * (W - LEFT - RIGHT - cw);
        let cy = TOP + ch / 2.0 + (1.0 - ty) * (H - TOP - BOTTOM - ch);
        Some(view! { <circle class="heat-current" cx=cx cy=cy r=7.0/> })
    };
    let bar_x = W - RIGHT + 14.0;
    let bar_h = H - TOP - BOTTOM;
    let bar = (0..24)
        .map(|i| {
            let t = i as f64 / 23.0;
            view! {
                <rect x=bar_x y=TOP + (1.0 - t) * (bar_h - bar_h / 24.0) width=12.0 height=bar_h / 24.0 + 0.5 fill=viridis(t)/>
            }
        })
        .collect_view();
    let bound = move |top: bool| {
        range
            .get()
            .map(|(lo, hi)| percent(if top { hi } else { lo }))
            .unwrap_or_default()
    };
    view! {
        <svg
            class="heatmap"
            viewBox=format!("0 0 {W} {H}")
            role="img"
            aria-label="Validation heatmap"
            aria-describedby=described_by
        >
            <g class="cells">{cells}</g>
            {marker}
            <g class="ticks">{x_ticks}{y_ticks}</g>
            <text class="axis-label" x=LEFT + (W - LEFT - RIGHT) / 2.0 y=H - 8.0 text-anchor="middle">{x_label}</text>
            <text class="axis-label" transform=format!("translate(14 {}) rotate(-90)", TOP + bar_h / 2.0) text-anchor="middle">{y_label}</text>
            <g class="colour-bar">{bar}</g>
            <text x=bar_x + 16.0 y=TOP + 10.0>{move || bound(true)}</text>
            <text x=bar_x + 16.0 y=TOP + bar_h>{move || bound(false)}</text>
            <text
                class="axis-label"
                transform=format!("translate({} {}) rotate(90)", bar_x + 22.0, TOP + bar_h / 2.0)
                text-anchor="middle"
            >
                {move || score.get()}
            </text>
        </svg>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colours_run_from_viridis_dark_to_yellow() {
        assert_eq!(viridis(0.0), "rgb(68,1,84)");
        assert_eq!(viridis(1.0), "rgb(253,231,37)");
        assert_eq!(viridis(f64::NAN), viridis(0.0));
        assert_eq!(viridis(0.5), "rgb(33,145,140)");
    }

    #[test]
    fn a_value_sits_on_its_log_axis() {
        let axis = [0.01, 0.1, 1.0, 10.0];
        assert_eq!(log_place(&axis, 0.01), Some(0.0));
        assert!((log_place(&axis, 0.1).unwrap() - 1.0 / 3.0).abs() < 1e-12);
        assert_eq!(log_place(&axis, 1e6), None);
        assert_eq!(log_place(&axis, 0.0), None);
    }
}
