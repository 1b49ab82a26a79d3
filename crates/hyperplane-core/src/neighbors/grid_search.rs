//! Exact k-nearest neighbours for every cell of a decision-surface grid at once.
//!
//! The cells form a regular lattice, so neighbouring cells share most neighbours. The
//! grid is split recursively into rectangles of cells; each rectangle keeps only the
//! training points that can be among the k nearest of one of its cells, found from
//! the parent rectangle's list:
//!
//! * `hi(p)`, the squared distance from p to the rectangle's farthest corner, bounds
//!   p's distance to every cell; with U the k-th smallest `hi`, every cell has k points
//!   within U, so its k-th neighbour distance is at most U;
//! * `lo(p)`, the squared distance to the rectangle's nearest point, bounds p's
//!   distance to every cell from below; a point with `lo(p) > U` is farther than the
//!   k-th neighbour from every cell, so it is dropped. Points with `lo(p) = U` stay, so
//!   ties at the k-th distance are still decided by training index.
//!
//! Both bounds are computed with the very expression used for a cell's distance (the
//! k-d tree's), at the rectangle's clamped or farthest coordinates. Rounded
//! subtraction, squaring and addition are monotonic, so in floating point too
//! `lo(p) ≤ d(p, cell) ≤ hi(p)` for every cell centre inside the rectangle.
//!
//! A rectangle whose kept points are all of one class is filled at once (every cell's
//! probabilities are then 1 for that class). In a small
//! rectangle (a leaf) every cell scans the survivors nearest-`lo` first into a sorted
//! buffer of its k best (squared distance, training index) and stops once `lo` exceeds
//! its k-th distance. The result is the brute-force answer ordered by (squared
//! distance, index), exactly the k-d tree's, so labels, margins and probabilities
//! are the same bit for bit as per-point `predict_proba`.

use super::knn::{class_weights, KnnWeights};
use crate::grid::{GridOutput, GridSpec};
use crate::math::best_and_lead;

/// A leaf has at most this many cells.
const LEAF_CELLS: usize = 16;

/// Squared distance from a training point to the query at (x, y) on the grid's plane.
pub(super) trait PlaneDist {
    /// The point's coordinates on the plane's two features.
    fn coords(&self, i: usize) -> (f64, f64);
    /// Bit for bit the k-d tree's `Σ (p_j − q_j)²` (summed in feature order) for the
    /// query `q` = the grid's base point with its x and y features set to `x`, `y`.
    fn dist(&self, i: usize, x: f64, y: f64) -> f64;
}

/// Two features, the plane's: `(p₀ − q₀)² + (p₁ − q₁)²` (addition commutes, so the
/// order of the plane's features does not matter).
pub(super) struct Flat2 {
    pub px: Vec<f64>,
    pub py: Vec<f64>,
}

impl PlaneDist for Flat2 {
    #[inline(always)]
    fn coords(&self, i: usize) -> (f64, f64) {
        (
            self.px.get(i).copied().unwrap_or(0.0),
            self.py.get(i).copied().unwrap_or(0.0),
        )
    }
    #[inline(always)]
    fn dist(&self, i: usize, x: f64, y: f64) -> f64 {
        let (px, py) = self.coords(i);
        let (a, b) = (px - x, py - y);
        a * a + b * b
    }
}

/// Any number of features, the others held at the grid's base values (when both axes
/// are the same feature, the x value wins, as in the per-cell query).
pub(super) struct General<'a> {
    /// Row-major n × d.
    pub points: &'a [f64],
    pub d: usize,
    pub x_feature: usize,
    pub y_feature: usize,
    pub base: &'a [f64],
}

impl PlaneDist for General<'_> {
    fn coords(&self, i: usize) -> (f64, f64) {
        let at = |f: usize| self.points.get(i * self.d + f).copied().unwrap_or(0.0);
        (at(self.x_feature), at(self.y_feature))
    }
    fn dist(&self, i: usize, x: f64, y: f64) -> f64 {
        let p = self.points.get(i * self.d..(i + 1) * self.d).unwrap_or(&[]);
        p.iter()
            .zip(self.base)
            .enumerate()
            .map(|(j, (a, &base))| {
                let b = if j == self.x_feature {
                    x
                } else if j == self.y_feature {
                    y
                } else {
                    base
                };
                (a - b) * (a - b)
            })
            .sum()
    }
}

pub(super) struct GridSearch<'a, M> {
    pub metric: M,
    pub k: usize,
    pub y: &'a [usize],
    pub weights: KnnWeights,
    pub n_classes: usize,
}

/// Scratch space of one grid evaluation (allocated once per call, not per cell).
struct Work {
    /// Cell centres: column c at `xs[c]`, row r at `ys[r]`, as `GridSpec::x_at`/`y_at`.
    xs: Vec<f64>,
    ys: Vec<f64>,
    width: usize,
    /// Candidate lists of the rectangles on the current path (a stack).
    cand: Vec<u32>,
    /// Upper bounds of the current rectangle's candidates.
    his: Vec<f64>,
    /// A leaf's candidates as (lower bound, index), sorted.
    leaf: Vec<(f64, usize)>,
    /// One cell's k best as (squared distance, index), sorted by both.
    best: Vec<(f64, usize)>,
    proba: Vec<f64>,
    /// Per class, a cell's label and margin when all its neighbours are of that class.
    pure: Vec<(u32, f32)>,
}

impl Work {
    /// Every cell of the rectangle gets `(label, margin)`.
    fn fill(
        &self,
        out: &mut GridOutput,
        cols: (usize, usize),
        rows: (usize, usize),
        v: (u32, f32),
    ) {
        for r in rows.0..rows.1 {
            let at = r * self.width;
            if let Some(l) = out.label.get_mut(at + cols.0..at + cols.1) {
                l.fill(v.0);
            }
            if let Some(m) = out.margin.get_mut(at + cols.0..at + cols.1) {
                m.fill(v.1);
            }
        }
    }
}

/// `(d, i)` before `(wd, wi)` in the k-d tree's order (squared distances here are
/// never NaN or −0, so `<` and `==` order them as `total_cmp` does).
#[inline(always)]
fn before(d: f64, i: usize, wd: f64, wi: usize) -> bool {
    d < wd || (d == wd && i < wi)
}

impl<M: PlaneDist> GridSearch<'_, M> {
    /// Fills `out` (already sized for `spec`, which is already checked).
    pub fn run(&self, spec: &GridSpec, out: &mut GridOutput) {
        let n = self.y.len();
        if n == 0 || self.k == 0 || self.k > n {
            return;
        }
        let mut w = Work {
            xs: (0..spec.width).map(|c| spec.x_at(c)).collect(),
            ys: (0..spec.height).map(|r| spec.y_at(r)).collect(),
            width: spec.width,
            cand: Vec::with_capacity(n * 4),
            his: Vec::with_capacity(n),
            leaf: Vec::with_capacity(n),
            best: Vec::with_capacity(self.k),
            proba: vec![0.0; self.n_classes],
            pure: (0..self.n_classes)
                .map(|c| {
                    let mut p = vec![0.0; self.n_classes];
                    p[c] = 1.0;
                    let (label, lead) = best_and_lead(&p);
                    (label as u32, lead as f32)
                })
                .collect(),
        };
        w.cand.extend(0..n as u32);
        self.rect(&mut w, out, (0, spec.width), (0, spec.height), 0);
    }

    /// The rectangle of columns `cols.0..cols.1` and rows `rows.0..rows.1`, whose
    /// parent's candidates are `w.cand[from..]`.
    fn rect(
        &self,
        w: &mut Work,
        out: &mut GridOutput,
        cols: (usize, usize),
        rows: (usize, usize),
        from: usize,
    ) {
        let (Some(&xa), Some(&xb), Some(&ya), Some(&yb)) = (
            w.xs.get(cols.0),
            w.xs.get(cols.1 - 1),
            w.ys.get(rows.0),
            w.ys.get(rows.1 - 1),
        ) else {
            return;
        };
        let (xlo, xhi) = (xa.min(xb), xa.max(xb));
        let (ylo, yhi) = (ya.min(yb), ya.max(yb));
        let far = |p: f64, lo: f64, hi: f64| {
            if (p - lo).abs() >= (p - hi).abs() {
                lo
            } else {
                hi
            }
        };
        // U: the k-th smallest upper bound.
        let to = w.cand.len();
        w.his.clear();
        for &i in &w.cand[from..to] {
            let (px, py) = self.metric.coords(i as usize);
            w.his.push(
                self.metric
                    .dist(i as usize, far(px, xlo, xhi), far(py, ylo, yhi)),
            );
        }
        if w.his.len() < self.k {
            return; // cannot happen: the parent kept the k points under its U
        }
        let u = *w.his.select_nth_unstable_by(self.k - 1, f64::total_cmp).1;
        let lower = |i: usize| {
            let (px, py) = self.metric.coords(i);
            self.metric.dist(i, px.clamp(xlo, xhi), py.clamp(ylo, yhi))
        };
        let (nc, nr) = (cols.1 - cols.0, rows.1 - rows.0);
        let leaf = nc * nr <= LEAF_CELLS;
        // Keep the points that can be a cell's neighbour, noting whether they are all of
        // one class.
        let (mut class, mut mixed) = (None, false);
        w.leaf.clear();
        for j in from..to {
            let Some(&i) = w.cand.get(j) else { break };
            let lo = lower(i as usize);
            if lo <= u {
                let c = self.y.get(i as usize).copied();
                mixed |= class.is_some_and(|first| Some(first) != c);
                class = class.or(c);
                if leaf {
                    w.leaf.push((lo, i as usize));
                } else {
                    w.cand.push(i);
                }
            }
        }
        // All of one class: every cell's probabilities are 1 for it, 0 for the others
        // (with distance weights as long as the weights are not all 0, i.e. some k
        // points are at a finite distance, which U < ∞ guarantees).
        if !mixed && (self.weights == KnnWeights::Uniform || u.is_finite()) {
            if let Some(&pure) = class.and_then(|c| w.pure.get(c)) {
                w.fill(out, cols, rows, pure);
                w.cand.truncate(to);
                return;
            }
        }
        if !leaf {
            if nc >= nr {
                let mid = cols.0 + nc / 2;
                self.rect(w, out, (cols.0, mid), rows, to);
                self.rect(w, out, (mid, cols.1), rows, to);
            } else {
                let mid = rows.0 + nr / 2;
                self.rect(w, out, cols, (rows.0, mid), to);
                self.rect(w, out, cols, (mid, rows.1), to);
            }
            w.cand.truncate(to);
            return;
        }
        // Uniform weights and exactly k points left: every cell has these neighbours.
        if self.weights == KnnWeights::Uniform && w.leaf.len() == self.k {
            class_weights(&w.leaf, self.y, self.weights, &mut w.proba);
            let (label, lead) = best_and_lead(&w.proba);
            w.fill(out, cols, rows, (label as u32, lead as f32));
            return;
        }
        w.leaf
            .sort_unstable_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
        for r in rows.0..rows.1 {
            let qy = w.ys.get(r).copied().unwrap_or(0.0);
            for c in cols.0..cols.1 {
                let qx = w.xs.get(c).copied().unwrap_or(0.0);
                self.cell(&w.leaf, &mut w.best, qx, qy);
                class_weights(&w.best, self.y, self.weights, &mut w.proba);
                let (label, lead) = best_and_lead(&w.proba);
                let at = r * w.width + c;
                if let (Some(l), Some(m)) = (out.label.get_mut(at), out.margin.get_mut(at)) {
                    *l = label as u32;
                    *m = lead as f32;
                }
            }
        }
    }

    /// The k nearest of `leaf` (sorted by lower bound) to (qx, qy) into `best`, sorted
    /// by (squared distance, index).
    #[inline(always)]
    fn cell(&self, leaf: &[(f64, usize)], best: &mut Vec<(f64, usize)>, qx: f64, qy: f64) {
        best.clear();
        let mut rest = leaf.iter();
        for &(_, i) in rest.by_ref().take(self.k) {
            let d = self.metric.dist(i, qx, qy);
            best.push((d, i));
            bubble(best, d, i);
        }
        let Some(&(mut wd, mut wi)) = best.last() else {
            return;
        };
        for &(lo, i) in rest {
            if lo > wd {
                break; // this and every later point are farther than the k-th
            }
            let d = self.metric.dist(i, qx, qy);
            if before(d, i, wd, wi) {
                if let Some(last) = best.last_mut() {
                    *last = (d, i);
                }
                bubble(best, d, i);
                if let Some(&(d, i)) = best.last() {
                    (wd, wi) = (d, i);
                }
            }
        }
    }
}

/// Moves `best`'s last entry, (d, i), down to its place (the rest is sorted).
#[inline(always)]
fn bubble(best: &mut [(f64, usize)], d: f64, i: usize) {
    let mut j = best.len().saturating_sub(1);
    while j > 0 {
        let prev = best[j - 1];
        if !before(d, i, prev.0, prev.1) {
            break;
        }
        best[j] = prev;
        j -= 1;
    }
    if let Some(slot) = best.get_mut(j) {
        *slot = (d, i);
    }
}
