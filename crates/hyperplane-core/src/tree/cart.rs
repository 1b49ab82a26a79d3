//! A CART classification tree as scikit-learn's `DecisionTreeClassifier` with the
//! "best" splitter: at each node every feature is scanned for the threshold (midpoint
//! between consecutive distinct values) that most lowers the weighted child impurity
//! (Gini or entropy), subject to `min_samples_leaf`; growth stops at `max_depth`, below
//! `min_samples_split`, or when a node is pure. Features are visited in an order shuffled
//! by `seed` and the first best split wins, as in scikit-learn; its random order differs
//! from ours, so where two features tie exactly the chosen feature may differ.

use ndarray::{Array2, ArrayView2};
use rand::seq::SliceRandom;
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;
use serde::{Deserialize, Serialize};

use crate::dataset::{check_query, Dataset};
use crate::error::{Error, Result};
use crate::grid::{GridModel, GridOutput, GridSpec};
use crate::math::{argmax, best_and_lead};

/// scikit-learn's tolerance for telling feature values apart.
const FEATURE_THRESHOLD: f64 = 1e-7;
const EPSILON: f64 = f64::EPSILON;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Criterion {
    #[default]
    Gini,
    Entropy,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct TreeParams {
    pub criterion: Criterion,
    /// `None`: grow until leaves are pure or too small.
    pub max_depth: Option<usize>,
    pub min_samples_split: usize,
    pub min_samples_leaf: usize,
    /// Shuffles the order features are tried in (which matters only for exact ties).
    pub seed: u64,
}

impl Default for TreeParams {
    fn default() -> Self {
        Self {
            criterion: Criterion::Gini,
            max_depth: None,
            min_samples_split: 2,
            min_samples_leaf: 1,
            seed: 0,
        }
    }
}

impl TreeParams {
    pub fn criterion(mut self, c: Criterion) -> Self {
        self.criterion = c;
        self
    }
    pub fn max_depth(mut self, d: Option<usize>) -> Self {
        self.max_depth = d;
        self
    }
    pub fn min_samples_split(mut self, n: usize) -> Self {
        self.min_samples_split = n;
        self
    }
    pub fn min_samples_leaf(mut self, n: usize) -> Self {
        self.min_samples_leaf = n;
        self
    }
    pub fn seed(mut self, s: u64) -> Self {
        self.seed = s;
        self
    }

    pub fn check(&self) -> Result<TreeValidParams> {
        if self.min_samples_split < 2 {
            return Err(Error::InvalidParam {
                name: "min_samples_split",
                value: self.min_samples_split as f64,
                reason: "must be at least 2",
            });
        }
        if self.min_samples_leaf < 1 {
            return Err(Error::InvalidParam {
                name: "min_samples_leaf",
                value: 0.0,
                reason: "must be at least 1",
            });
        }
        if self.max_depth == Some(0) {
            return Err(Error::InvalidParam {
                name: "max_depth",
                value: 0.0,
                reason: "must be at least 1 (or unlimited)",
            });
        }
        Ok(TreeValidParams(self.clone()))
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TreeValidParams(TreeParams);

/// One node. `counts` holds the training samples per class that reached it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "lowercase")]
pub enum TreeNode {
    Split {
        feature: usize,
        /// Samples with `x[feature] <= threshold` go left.
        threshold: f64,
        left: usize,
        right: usize,
        impurity: f64,
        counts: Vec<f64>,
    },
    Leaf {
        impurity: f64,
        counts: Vec<f64>,
    },
}

impl TreeNode {
    pub fn counts(&self) -> &[f64] {
        match self {
            TreeNode::Split { counts, .. } | TreeNode::Leaf { counts, .. } => counts,
        }
    }
}

fn impurity(criterion: Criterion, counts: &[f64], n: f64) -> f64 {
    if n <= 0.0 {
        return 0.0;
    }
    match criterion {
        Criterion::Gini => 1.0 - counts.iter().map(|c| (c / n) * (c / n)).sum::<f64>(),
        Criterion::Entropy => counts
            .iter()
            .filter(|&&c| c > 0.0)
            .map(|&c| {
                let p = c / n;
                -p * crate::math::ln(p) / std::f64::consts::LN_2
            })
            .sum(),
    }
}

struct Builder<'a> {
    x: ArrayView2<'a, f64>,
    y: &'a [usize],
    k: usize,
    p: &'a TreeParams,
    rng: ChaCha8Rng,
    nodes: Vec<TreeNode>,
}

impl Builder<'_> {
    fn counts(&self, rows: &[usize]) -> Vec<f64> {
        let mut c = vec![0.0; self.k];
        for &i in rows {
            c[self.y[i]] += 1.0;
        }
        c
    }

    /// Grows the subtree over `rows` (depth-first, left first); returns its node id.
    fn grow(&mut self, rows: &mut [usize], depth: usize) -> usize {
        let counts = self.counts(rows);
        let n = rows.len();
        let imp = impurity(self.p.criterion, &counts, n as f64);
        let id = self.nodes.len();
        self.nodes.push(TreeNode::Leaf {
            impurity: imp,
            counts: counts.clone(),
        });
        let is_leaf = self.p.max_depth.is_some_and(|m| depth >= m)
            || n < self.p.min_samples_split
            || n < 2 * self.p.min_samples_leaf
            || imp <= EPSILON;
        if is_leaf {
            return id;
        }
        let Some((feature, threshold, pos)) = self.best_split(rows, &counts) else {
            return id;
        };
        // Partition rows: left part first (x <= threshold), in the sorted order.
        rows.sort_by(|&a, &b| {
            self.x[[a, feature]]
                .total_cmp(&self.x[[b, feature]])
                .then(a.cmp(&b))
        });
        let (left_rows, right_rows) = rows.split_at_mut(pos);
        let left = self.grow(left_rows, depth + 1);
        let right = self.grow(right_rows, depth + 1);
        self.nodes[id] = TreeNode::Split {
            feature,
            threshold,
            left,
            right,
            impurity: imp,
            counts,
        };
        id
    }

    /// (feature, threshold, number of rows going left) of the best split, if any split
    /// lowers the impurity.
    fn best_split(&mut self, rows: &[usize], total: &[f64]) -> Option<(usize, f64, usize)> {
        let n = rows.len();
        let min_leaf = self.p.min_samples_leaf;
        let mut features: Vec<usize> = (0..self.x.ncols()).collect();
        features.shuffle(&mut self.rng);
        let mut best: Option<(f64, usize, f64, usize)> = None;
        let mut sorted = rows.to_vec();
        let mut left = vec![0.0; self.k];
        for &f in &features {
            sorted.sort_by(|&a, &b| self.x[[a, f]].total_cmp(&self.x[[b, f]]).then(a.cmp(&b)));
            let (lo, hi) = (self.x[[sorted[0], f]], self.x[[sorted[n - 1], f]]);
            if hi <= lo + FEATURE_THRESHOLD {
                continue;
            }
            left.iter_mut().for_each(|c| *c = 0.0);
            for pos in 1..n {
                left[self.y[sorted[pos - 1]]] += 1.0;
                let (a, b) = (self.x[[sorted[pos - 1], f]], self.x[[sorted[pos], f]]);
                if b <= a + FEATURE_THRESHOLD {
                    continue;
                }
                if pos < min_leaf || n - pos < min_leaf {
                    continue;
                }
                let (nl, nr) = (pos as f64, (n - pos) as f64);
                // Maximizing this proxy minimizes the weighted child impurity.
                let proxy = match self.p.criterion {
                    Criterion::Gini => {
                        let sl: f64 = left.iter().map(|c| c * c).sum();
                        let sr: f64 = left.iter().zip(total).map(|(l, t)| (t - l) * (t - l)).sum();
                        sl / nl + sr / nr
                    }
                    Criterion::Entropy => {
                        let right: Vec<f64> = left.iter().zip(total).map(|(l, t)| t - l).collect();
                        -(nl * impurity(Criterion::Entropy, &left, nl)
                            + nr * impurity(Criterion::Entropy, &right, nr))
                    }
                };
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
        let parent = impurity(self.p.criterion, total, n as f64);
        sorted.sort_by(|&a, &b| self.x[[a, f]].total_cmp(&self.x[[b, f]]).then(a.cmp(&b)));
        let lc = self.counts(&sorted[..pos]);
        let rc = self.counts(&sorted[pos..]);
        let child = (pos as f64 * impurity(self.p.criterion, &lc, pos as f64)
            + (n - pos) as f64 * impurity(self.p.criterion, &rc, (n - pos) as f64))
            / n as f64;
        (parent - child > -EPSILON).then_some((f, threshold, pos))
    }
}

impl TreeValidParams {
    pub fn fit(&self, data: &Dataset) -> Result<DecisionTree> {
        let mut rows: Vec<usize> = (0..data.n_samples()).collect();
        let mut b = Builder {
            x: data.x(),
            y: data.y(),
            k: data.n_classes(),
            p: &self.0,
            rng: ChaCha8Rng::seed_from_u64(self.0.seed),
            nodes: Vec::new(),
        };
        b.grow(&mut rows, 0);
        let tree = DecisionTree {
            nodes: b.nodes,
            n_features: data.n_features(),
            class_names: data.class_names().to_vec(),
        };
        tree.validate()?;
        Ok(tree)
    }
}

/// A fitted tree: `nodes[0]` is the root. Its splits are readable for drawing.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DecisionTree {
    pub nodes: Vec<TreeNode>,
    pub n_features: usize,
    pub class_names: Vec<String>,
}

impl DecisionTree {
    /// Checks structure (as after reading a file): children point forward, features
    /// and class counts fit, numbers are finite.
    pub fn validate(&self) -> Result<()> {
        if self.nodes.is_empty() || self.n_features == 0 {
            return Err(Error::Format(
                "a tree needs a root and at least one feature".into(),
            ));
        }
        for (i, node) in self.nodes.iter().enumerate() {
            if node.counts().len() != self.class_names.len()
                || node.counts().iter().any(|c| !c.is_finite() || *c < 0.0)
            {
                return Err(Error::Format(format!("node {i} has bad class counts")));
            }
            if let TreeNode::Split {
                feature,
                threshold,
                left,
                right,
                ..
            } = node
            {
                if *feature >= self.n_features
                    || !threshold.is_finite()
                    || *left <= i
                    || *right <= i
                    || *left >= self.nodes.len()
                    || *right >= self.nodes.len()
                {
                    return Err(Error::Format(format!("node {i} is not a valid split")));
                }
            }
        }
        Ok(())
    }

    pub fn n_features(&self) -> usize {
        self.n_features
    }

    /// Depth of the deepest leaf (the root alone has depth 0).
    pub fn depth(&self) -> usize {
        let mut stack = vec![(0usize, 0usize)];
        let mut deepest = 0;
        while let Some((node, d)) = stack.pop() {
            deepest = deepest.max(d);
            if let Some(TreeNode::Split { left, right, .. }) = self.nodes.get(node) {
                stack.push((*left, d + 1));
                stack.push((*right, d + 1));
            }
        }
        deepest
    }

    pub fn n_leaves(&self) -> usize {
        self.nodes
            .iter()
            .filter(|n| matches!(n, TreeNode::Leaf { .. }))
            .count()
    }

    /// The leaf a point falls in. Children always point forward (validated), so this ends.
    fn leaf(&self, x: &[f64]) -> &TreeNode {
        let mut node = &self.nodes[0];
        while let TreeNode::Split {
            feature,
            threshold,
            left,
            right,
            ..
        } = node
        {
            let next = if x[*feature] <= *threshold {
                *left
            } else {
                *right
            };
            node = &self.nodes[next];
        }
        node
    }

    pub fn predict_proba(&self, x: ArrayView2<'_, f64>) -> Result<Array2<f64>> {
        check_query(x, self.n_features)?;
        let k = self.class_names.len();
        let mut out = Array2::zeros((x.nrows(), k));
        let mut q = vec![0.0; x.ncols()];
        for (i, row) in x.rows().into_iter().enumerate() {
            q.iter_mut().zip(row).for_each(|(a, b)| *a = *b);
            let c = self.leaf(&q).counts();
            let total: f64 = c.iter().sum();
            for (j, v) in c.iter().enumerate() {
                out[[i, j]] = if total > 0.0 { v / total } else { 0.0 };
            }
        }
        Ok(out)
    }

    /// The majority class of each row's leaf (ties → the lower class).
    pub fn predict(&self, x: ArrayView2<'_, f64>) -> Result<Vec<usize>> {
        let p = self.predict_proba(x)?;
        Ok(p.rows()
            .into_iter()
            .map(|r| argmax(r.as_slice().unwrap_or(&[])))
            .collect())
    }
}

impl GridModel for DecisionTree {
    fn n_features(&self) -> usize {
        self.n_features
    }

    /// Label: the leaf's majority class; margin: its share minus the runner-up's.
    fn evaluate_grid(&self, spec: &GridSpec, out: &mut GridOutput) -> Result<()> {
        spec.check(self.n_features)?;
        out.prepare(spec);
        out.pair_values.clear();
        let mut q = spec.base.clone();
        for r in 0..spec.height {
            q[spec.y_feature] = spec.y_at(r);
            for c in 0..spec.width {
                q[spec.x_feature] = spec.x_at(c);
                let counts = self.leaf(&q).counts();
                let total: f64 = counts.iter().sum::<f64>().max(1.0);
                let (best, lead) = best_and_lead(counts);
                let cell = r * spec.width + c;
                out.label[cell] = best as u32;
                out.margin[cell] = (lead / total) as f32;
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::datasets::iris;

    #[test]
    fn unlimited_tree_fits_iris_and_round_trips() {
        let d = iris().unwrap();
        let t = TreeParams::default().check().unwrap().fit(&d).unwrap();
        let acc = crate::metrics::accuracy(d.y(), &t.predict(d.x()).unwrap()).unwrap();
        // iris has two identical points of different species: 149/150 at best
        assert!(acc >= 149.0 / 150.0, "{acc}");
        let stump = TreeParams::default()
            .max_depth(Some(1))
            .check()
            .unwrap()
            .fit(&d)
            .unwrap();
        assert_eq!((stump.depth(), stump.n_leaves()), (1, 2));
        let back: DecisionTree = serde_json::from_str(&serde_json::to_string(&t).unwrap()).unwrap();
        assert_eq!(back, t);
        let mut bad = t.clone();
        if let TreeNode::Split { left, .. } = &mut bad.nodes[0] {
            *left = 0;
        }
        assert!(bad.validate().is_err());
        assert!(TreeParams::default().min_samples_split(1).check().is_err());
    }
}
