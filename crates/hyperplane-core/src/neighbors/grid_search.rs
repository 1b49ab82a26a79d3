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
//! What a cell's neighbours give is up to [`Targets`]: a class and its lead (the
//! classifier) or a weighted mean value (the regressor). For a classifier, a rectangle
//! whose kept points are all of one class is filled at once (every cell's
//! probabilities are then 1 for that class). In a small
//! rectangle (a leaf) every cell scans the survivors nearest-`lo` first into a sorted
//! buffer of its k best (squared distance, training index) and stops once `lo` exceeds
//! its k-th distance. The result is the brute-force answer ordered by (squared
//! distance, index), exactly the k-d tree's, so labels, margins and probabilities
//! are the same bit for bit as per-point `predict_proba`.

use super::aggregate::{class_weights, neighbour_value};
use super::params::KnnWeights;
use ndarray::Array2;

use crate::grid::{GridOutput, GridSpec};
use crate::math::best_and_lead;

/// A leaf has at most this many cells.
const LEAF_CELLS: usize = 16;

/// Squared distance from a training point to the query at (x, y) on the grid's plane.
trait PlaneDist {
    /// The point's coordinates on the plane's two features.
    fn coords(&self, i: usize) -> (f64, f64);
    /// Bit for bit the k-d tree's `Σ (p_j − q_j)²` (summed in feature order) for the
    /// query `q` = the grid's base point with its x and y features set to `x`, `y`.
    fn dist(&self, i: usize, x: f64, y: f64) -> f64;
}

/// Two features, the plane's: `(p₀ − q₀)² + (p₁ − q₁)²` (addition commutes, so the
/// order of the plane's features does not matter).
struct Flat2 {
    px: Vec<f64>,
    py: Vec<f64>,
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
struct General<'a> {
    /// Row-major n × d.
    points: &'a [f64],
    d: usize,
    x_feature: usize,
    y_feature: usize,
    base: &'a [f64],
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

/// What the training points' targets make of a cell's k nearest.
pub(super) trait Targets {
    fn len(&self) -> usize;
    /// A group a point belongs to such that a rectangle whose kept points are all in
    /// one group is filled with [`pure`](Self::pure) at once (`None`: no such shortcut).
    fn group(&self, i: usize) -> Option<usize>;
    fn pure(&self, group: usize) -> Option<(u32, f32)>;
    /// A cell's (label, margin) from its k nearest (squared distance, index), sorted.
    fn cell(&self, found: &[(f64, usize)], scratch: &mut Scratch) -> (u32, f32);
}

/// Reused between cells so the search allocates nothing per cell.
#[derive(Default)]
pub(super) struct Scratch {
    proba: Vec<f64>,
    idx: Vec<usize>,
}

/// A classifier's: label the most probable class, margin its lead over the runner-up.
pub(super) struct Classes<'a> {
    pub y: &'a [usize],
    pub weights: KnnWeights,
    /// Per class, a cell's label and margin when all its neighbours are of that class.
    pure: Vec<(u32, f32)>,
}

impl<'a> Classes<'a> {
    pub fn new(y: &'a [usize], weights: KnnWeights, n_classes: usize) -> Self {
        let pure = (0..n_classes)
            .map(|c| {
                let mut p = vec![0.0; n_classes];
                p[c] = 1.0;
                let (label, lead) = best_and_lead(&p);
                (label as u32, lead as f32)
            })
            .collect();
        Self { y, weights, pure }
    }
}

impl Targets for Classes<'_> {
    fn len(&self) -> usize {
        self.y.len()
    }
    fn group(&self, i: usize) -> Option<usize> {
        self.y.get(i).copied()
    }
    /// With distance weights this holds as long as the weights are not all 0, i.e. some
    /// k points are at a finite distance (the caller checks U < ∞).
    fn pure(&self, group: usize) -> Option<(u32, f32)> {
        self.pure.get(group).copied()
    }
    fn cell(&self, found: &[(f64, usize)], scratch: &mut Scratch) -> (u32, f32) {
        let proba = &mut scratch.proba;
        proba.resize(self.pure.len(), 0.0);
        class_weights(found, self.y, self.weights, proba);
        let (label, lead) = best_and_lead(proba);
        (label as u32, lead as f32)
    }
}

/// A regressor's: label 0, margin the (weighted) mean of the neighbours' values.
pub(super) struct Values<'a> {
    pub y: &'a [f64],
    pub weights: KnnWeights,
}

impl Targets for Values<'_> {
    fn len(&self) -> usize {
        self.y.len()
    }
    /// No shortcut: a mean of equal values need not round to the value itself.
    fn group(&self, _: usize) -> Option<usize> {
        None
    }
    fn pure(&self, _: usize) -> Option<(u32, f32)> {
        None
    }
    fn cell(&self, found: &[(f64, usize)], scratch: &mut Scratch) -> (u32, f32) {
        let v = neighbour_value(found, self.y, self.weights, &mut scratch.idx);
        (0, v as f32)
    }
}

/// Searches every cell of `spec` among the training points `x` (rows) and fills `out`
/// (already sized for `spec`, which is already checked) with what `targets` make of
/// each cell's k nearest.
pub(super) fn search_grid<T: Targets>(
    x: &Array2<f64>,
    k: usize,
    weights: KnnWeights,
    targets: T,
    spec: &GridSpec,
    out: &mut GridOutput,
) {
    if x.ncols() == 2 && spec.x_feature != spec.y_feature {
        let metric = Flat2 {
            px: x.column(spec.x_feature).to_vec(),
            py: x.column(spec.y_feature).to_vec(),
        };
        GridSearch {
            metric,
            k,
            targets,
            weights,
        }
        .run(spec, out);
    } else {
        let points: Vec<f64> = x.iter().copied().collect();
        let metric = General {
            points: &points,
            d: x.ncols(),
            x_feature: spec.x_feature,
            y_feature: spec.y_feature,
            base: &spec.base,
        };
        GridSearch {
            metric,
            k,
            targets,
            weights,
        }
        .run(spec, out);
    }
}

struct GridSearch<M, T> {
    pub metric: M,
    pub k: usize,
    pub targets: T,
    pub weights: KnnWeights,
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
    /// The targets' scratch space.
    scratch: Scratch,
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

impl<M: PlaneDist, T: Targets> GridSearch<M, T> {
    /// Fills `out` (already sized for `spec`, which is already checked).
    pub fn run(&self, spec: &GridSpec, out: &mut GridOutput) {
        let n = self.targets.len();
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
            scratch: Scratch::default(),
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
        // one group (class).
        let (mut class, mut mixed) = (None, false);
        w.leaf.clear();
        for j in from..to {
            let Some(&i) = w.cand.get(j) else { break };
            let lo = lower(i as usize);
            if lo <= u {
                let c = self.targets.group(i as usize);
                mixed |= c.is_none() || class.is_some_and(|first| Some(first) != c);
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
            if let Some(pure) = class.and_then(|c| self.targets.pure(c)) {
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
            // Uniform weights ignore distances and order (see `neighbour_value`).
            let v = self.targets.cell(&w.leaf, &mut w.scratch);
            w.fill(out, cols, rows, v);
            return;
        }
        w.leaf
            .sort_unstable_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
        for r in rows.0..rows.1 {
            let qy = w.ys.get(r).copied().unwrap_or(0.0);
            for c in cols.0..cols.1 {
                let qx = w.xs.get(c).copied().unwrap_or(0.0);
                self.cell(&w.leaf, &mut w.best, qx, qy);
                let (label, margin) = self.targets.cell(&w.best, &mut w.scratch);
                let at = r * w.width + c;
                if let (Some(l), Some(m)) = (out.label.get_mut(at), out.margin.get_mut(at)) {
                    *l = label;
                    *m = margin;
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
