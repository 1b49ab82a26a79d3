//! Growing a CART tree as scikit-learn's "best" splitter does, for any target: at each
//! node every feature is scanned for the threshold (midpoint between consecutive
//! distinct values) that most lowers the weighted child impurity, subject to
//! `min_samples_leaf`; growth stops at `max_depth`, below `min_samples_split`, or when
//! a node is pure. Features are visited in an order shuffled by `seed` and the first
//! best split wins, as in scikit-learn; its random order differs from ours, so where
//! two features tie exactly the chosen feature may differ.

use ndarray::ArrayView2;
use rand::seq::SliceRandom;
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;

use super::params::TreeParams;

/// scikit-learn's tolerance for telling feature values apart.
const FEATURE_THRESHOLD: f64 = 1e-7;
pub(super) const EPSILON: f64 = f64::EPSILON;

/// What a node's training targets sum to (class counts; a sum and sum of squares), and
/// the impurity criterion over those sums.
pub(super) trait SplitTarget {
    type Stats: Clone;
    fn empty(&self) -> Self::Stats;
    fn add(&self, stats: &mut Self::Stats, row: usize);
    fn impurity(&self, stats: &Self::Stats, n: f64) -> f64;
    /// Larger for a better split: maximizing it minimizes the weighted child impurity
    /// (`left` holds the first `nl` rows, `total` all of them).
    fn proxy(&self, left: &Self::Stats, total: &Self::Stats, nl: f64, nr: f64) -> f64;

    fn stats(&self, rows: &[usize]) -> Self::Stats {
        let mut s = self.empty();
        rows.iter().for_each(|&i| self.add(&mut s, i));
        s
    }
}

/// A grown node: its targets' sums, impurity and, unless a leaf, its split.
pub(super) struct Grown<S> {
    pub stats: S,
    /// The training samples that reached it.
    pub n_samples: usize,
    pub impurity: f64,
    pub split: Option<Split>,
}

pub(super) struct Split {
    pub feature: usize,
    /// Samples with `x[feature] <= threshold` go left.
    pub threshold: f64,
    pub left: usize,
    pub right: usize,
}

/// Grows the whole tree over every row of `x`; `nodes[0]` is the root, children come
/// after their parent (depth-first, left first).
pub(super) fn grow<'a, T: SplitTarget>(
    x: ArrayView2<'a, f64>,
    target: &'a T,
    p: &'a TreeParams,
) -> Vec<Grown<T::Stats>> {
    let mut b = Builder {
        x,
        target,
        p,
        rng: ChaCha8Rng::seed_from_u64(p.seed),
        nodes: Vec::new(),
    };
    let mut rows: Vec<usize> = (0..x.nrows()).collect();
    b.grow(&mut rows, 0);
    b.nodes
}

struct Builder<'a, T: SplitTarget> {
    x: ArrayView2<'a, f64>,
    target: &'a T,
    p: &'a TreeParams,
    rng: ChaCha8Rng,
    nodes: Vec<Grown<T::Stats>>,
}

impl<T: SplitTarget> Builder<'_, T> {
    /// Grows the subtree over `rows`; returns its node id.
    fn grow(&mut self, rows: &mut [usize], depth: usize) -> usize {
        let stats = self.target.stats(rows);
        let n = rows.len();
        let impurity = self.target.impurity(&stats, n as f64);
        let id = self.nodes.len();
        self.nodes.push(Grown {
            stats: stats.clone(),
            n_samples: n,
            impurity,
            split: None,
        });
        let is_leaf = self.p.max_depth.is_some_and(|m| depth >= m)
            || n < self.p.min_samples_split
            || n < 2 * self.p.min_samples_leaf
            || impurity <= EPSILON;
        if is_leaf {
            return id;
        }
        let Some((feature, threshold, pos)) = self.best_split(rows, &stats) else {
            return id;
        };
        // Partition rows: left part first (x <= threshold), in the sorted order.
        sort_by_feature(rows, self.x, feature);
        let (left_rows, right_rows) = rows.split_at_mut(pos);
        let left = self.grow(left_rows, depth + 1);
        let right = self.grow(right_rows, depth + 1);
        self.nodes[id].split = Some(Split {
            feature,
            threshold,
            left,
            right,
        });
        id
    }

    /// (feature, threshold, number of rows going left) of the best split, if any split
    /// lowers the impurity.
    fn best_split(&mut self, rows: &[usize], total: &T::Stats) -> Option<(usize, f64, usize)> {
        let n = rows.len();
        let min_leaf = self.p.min_samples_leaf;
        let mut features: Vec<usize> = (0..self.x.ncols()).collect();
        features.shuffle(&mut self.rng);
        let mut best: Option<(f64, usize, f64, usize)> = None;
        let mut sorted = rows.to_vec();
        for &f in &features {
            sort_by_feature(&mut sorted, self.x, f);
            let (lo, hi) = (self.x[[sorted[0], f]], self.x[[sorted[n - 1], f]]);
            if hi <= lo + FEATURE_THRESHOLD {
                continue;
            }
            let mut left = self.target.empty();
            for pos in 1..n {
                self.target.add(&mut left, sorted[pos - 1]);
                let (a, b) = (self.x[[sorted[pos - 1], f]], self.x[[sorted[pos], f]]);
                if b <= a + FEATURE_THRESHOLD {
                    continue;
                }
                if pos < min_leaf || n - pos < min_leaf {
                    continue;
                }
                let proxy = self
                    .target
                    .proxy(&left, total, pos as f64, (n - pos) as f64);
                if best.is_none_or(|b| proxy > b.0) {
                    let mut threshold = a / 2.0 + b / 2.0;
                    if threshold == b || !threshold.is_finite() {
                        threshold = a;
                    }
                    best = Some((proxy, f, threshold, pos));
                }
            }
        }
        let (_, f, threshold, pos) = best?;
        // Only split if the children are purer than the parent.
        let parent = self.target.impurity(total, n as f64);
        sort_by_feature(&mut sorted, self.x, f);
        let (l, r) = (
            self.target.stats(&sorted[..pos]),
            self.target.stats(&sorted[pos..]),
        );
        let child = (pos as f64 * self.target.impurity(&l, pos as f64)
            + (n - pos) as f64 * self.target.impurity(&r, (n - pos) as f64))
            / n as f64;
        (parent - child > -EPSILON).then_some((f, threshold, pos))
    }
}

/// Orders `rows` by feature `f`'s value, ties by row number: a total order, so an
/// unstable sort gives the one answer. A free function, not a closure at each call site
/// of the generic builder, so every tree shares one copy of the sort's code (each
/// `sort_by` closure was its own ~5 KB copy in the page's module).
#[inline(never)]
fn sort_by_feature(rows: &mut [usize], x: ArrayView2<'_, f64>, f: usize) {
    let column = x.column(f);
    rows.sort_unstable_by(|&a, &b| column[a].total_cmp(&column[b]).then(a.cmp(&b)));
}
