//! A chart of training and validation scores against one value (a parameter, or the
//! training rows): each line its mean over folds with a band of ± one standard
//! deviation, as scikit-learn's validation and learning curve examples draw them.
//! Driven by props only.

use leptos::prelude::*;

use crate::format::{round_ticks, tick};

const W: f64 = 470.0;
const H: f64 = 260.0;
const LEFT: f64 = 50.0;
const RIGHT: f64 = 12.0;
const TOP: f64 = 26.0;
const BOTTOM: f64 = 40.0;

/// One line: its name, CSS class, and each x's (mean, standard deviation) once known.
#[derive(Debug, Clone, PartialEq)]
pub struct CurveLine {
    pub name: &'static str,
    pub class: &'static str,
    pub points: Vec<Option<(f64, f64)>>,
}

/// The y span every line (with its band) fits in: scores reach 1 at most; R² far
/// below 0 is cut at −1 so the useful part stays readable.
pub fn y_span(lines: &[CurveLine]) -> (f64, f64) {
    let all = lines.iter().flat_map(|l| l.points.iter().flatten());
    let (lo, hi) = all.fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), (m, s)| {
        (a.min(m - s), b.max(m + s))
    });
    if lo > hi || !lo.is_finite() || !hi.is_finite() {
        return (0.0, 1.0);
    }
    let (lo, hi) = (lo.max(-1.0), hi.min(1.0));
    let pad = ((hi - lo) * 0.08).max(0.01);
    ((lo - pad).max(-1.0), (hi + pad).min(1.0))
}

#[component]
pub fn CurveChart(
    /// The accessible name ("Validation curve", "Learning curve").
    label: &'static str,
    #[prop(into)] xs: Signal<Vec<f64>>,
    #[prop(into)] lines: Signal<Vec<CurveLine>>,
    #[prop(into)] log_x: Signal<bool>,
    #[prop(into)] x_label: Signal<String>,
    #[prop(into)] y_label: Signal<String>,
    /// The studio's value, marked by a dashed line.
    #[prop(into)]
    current: Signal<Option<f64>>,
    /// The id of the text that says what the chart shows.
    described_by: &'static str,
) -> impl IntoView {
    let map_x = move |v: f64| -> Option<f64> {
        let xs = xs.get();
        let f = |v: f64| if log_x.get() { v.log10() } else { v };
        let (lo, hi) = (f(*xs.first()?), f(*xs.last()?));
        let t = if hi > lo {
            (f(v) - lo) / (hi - lo)
        } else {
            0.5
        };
        t.is_finite()
            .then_some(LEFT + t.clamp(0.0, 1.0) * (W - LEFT - RIGHT))
    };
    let span = Memo::new(move |_| lines.with(|l| y_span(l)));
    let map_y = move |v: f64| {
        let (lo, hi) = span.get();
        TOP + (1.0 - (v.clamp(lo, hi) - lo) / (hi - lo)) * (H - TOP - BOTTOM)
    };
    let drawn = move || {
        let xs = xs.get();
        lines
            .get()
            .into_iter()
            .map(|line| {
                let pts: Vec<(f64, f64, f64)> = xs
                    .iter()
                    .zip(&line.points)
                    .filter_map(|(&x, p)| Some((map_x(x)?, p.as_ref()?.0, p.as_ref()?.1)))
                    .filter(|(_, m, s)| m.is_finite() && s.is_finite())
                    .collect();
                let mean: Vec<String> = pts
                    .iter()
                    .map(|(x, m, _)| format!("{x:.1},{:.1}", map_y(*m)))
                    .collect();
                let band: Vec<String> = pts
                    .iter()
                    .map(|(x, m, s)| format!("{x:.1},{:.1}", map_y(m + s)))
                    .chain(
                        pts.iter()
                            .rev()
                            .map(|(x, m, s)| format!("{x:.1},{:.1}", map_y(m - s))),
                    )
                    .collect();
                let dots = pts
                    .iter()
                    .map(|(x, m, _)| view! { <circle cx=*x cy=map_y(*m) r=3.0/> })
                    .collect_view();
                view! {
                    <g class=format!("curve {}", line.class)>
                        <polygon class="band" points=band.join(" ")/>
                        <polyline class="mean" points=mean.join(" ")/>
                        {dots}
                    </g>
                }
            })
            .collect_view()
    };
    let x_ticks = move || {
        let xs = xs.get();
        let step = xs.len().div_ceil(7).max(1);
        xs.iter()
            .enumerate()
            .filter(|(i, _)| i % step == 0 || *i + 1 == xs.len())
            .filter_map(|(_, &v)| {
                let x = map_x(v)?;
                Some(view! { <text x=x y=H - BOTTOM + 16.0 text-anchor="middle">{tick(v)}</text> })
            })
            .collect_view()
    };
    let y_ticks = move || {
        let (lo, hi) = span.get();
        round_ticks(lo, hi, 5)
            .into_iter()
            .map(|v| {
                let y = map_y(v);
                view! {
                    <line class="grid" x1=LEFT x2=W - RIGHT y1=y y2=y/>
                    <text x=LEFT - 6.0 y=y + 4.0 text-anchor="end">{tick(v)}</text>
                }
            })
            .collect_view()
    };
    let marker = move || {
        let x = map_x(current.get()?)?;
        Some(view! { <line class="current" x1=x x2=x y1=TOP y2=H - BOTTOM/> })
    };
    let legend = move || {
        lines
            .get()
            .into_iter()
            .enumerate()
            .map(|(i, l)| {
                let x = LEFT + 10.0 + i as f64 * 110.0;
                view! {
                    <g class=format!("curve {}", l.class)>
                        <line class="mean" x1=x x2=x + 18.0 y1=9.0 y2=9.0/>
                        <text x=x + 22.0 y=13.0>{l.name}</text>
                    </g>
                }
            })
            .collect_view()
    };
    view! {
        <svg class="curve-chart" viewBox=format!("0 0 {W} {H}") role="img" aria-label=label aria-describedby=described_by>
            <g class="ticks">{y_ticks}{x_ticks}</g>
            {marker}
            {drawn}
            <g class="legend">{legend}</g>
            <text class="axis-label" x=LEFT + (W - LEFT - RIGHT) / 2.0 y=H - 6.0 text-anchor="middle">{move || x_label.get()}</text>
            <text class="axis-label" transform=format!("translate(12 {}) rotate(-90)", TOP + (H - TOP - BOTTOM) / 2.0) text-anchor="middle">{move || y_label.get()}</text>
        </svg>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(points: Vec<Option<(f64, f64)>>) -> CurveLine {
        CurveLine {
            name: "t",
            class: "t",
            points,
        }
    }

    #[test]
    fn the_span_holds_every_band_and_stops_at_one() {
        let (lo, hi) = y_span(&[line(vec![Some((0.8, 0.05)), None, Some((0.97, 0.02))])]);
        assert!(lo < 0.75 && lo > 0.65, "{lo}");
        assert_eq!(hi, 1.0);
        assert_eq!(y_span(&[line(vec![None])]), (0.0, 1.0));
        let (lo, _) = y_span(&[line(vec![Some((-40.0, 1.0)), Some((0.5, 0.0))])]);
        assert_eq!(lo, -1.0, "R² far below zero is cut at −1");
    }
}
