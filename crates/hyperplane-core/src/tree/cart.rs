//! A CART classification tree as scikit-learn's `DecisionTreeClassifier` with the
//! "best" splitter (grown by `builder`), on Gini impurity or entropy.

use ndarray::{Array2, ArrayView2};
use serde::{Deserialize, Serialize};

use super::builder::{grow, SplitTarget};
use super::params::{Criterion, TreeValidParams};
use super::walk::{check_structure, depth, fill_grid, leaf, n_leaves, Node, SplitRef};
use crate::dataset::{check_query, Dataset};
use crate::error::{Error, Result};
use crate::grid::{GridModel, GridOutput, GridSpec};
use crate::math::{argmax, best_and_lead};

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

/// Gini impurity, or entropy in bits.
fn impurity(entropy: bool, counts: &[f64], n: f64) -> f64 {
    if n <= 0.0 {
        return 0.0;
    }
    if !entropy {
        return 1.0 - counts.iter().map(|c| (c / n) * (c / n)).sum::<f64>();
    }
    counts
        .iter()
        .filter(|&&c| c > 0.0)
        .map(|&c| {
            let p = c / n;
            -p * crate::math::ln(p) / std::f64::consts::LN_2
        })
        .sum()
}

/// Class counts under Gini impurity or entropy.
struct ClassTarget<'a> {
    y: &'a [usize],
    k: usize,
    entropy: bool,
}

impl SplitTarget for ClassTarget<'_> {
    type Stats = Vec<f64>;
    fn empty(&self) -> Vec<f64> {
        vec![0.0; self.k]
    }
    fn add(&self, counts: &mut Vec<f64>, row: usize) {
        if let Some(c) = self.y.get(row).and_then(|&c| counts.get_mut(c)) {
            *c += 1.0;
        }
    }
    fn impurity(&self, counts: &Vec<f64>, n: f64) -> f64 {
        impurity(self.entropy, counts, n)
    }
    fn proxy(&self, left: &Vec<f64>, total: &Vec<f64>, nl: f64, nr: f64) -> f64 {
        if self.entropy {
            let right: Vec<f64> = left.iter().zip(total).map(|(l, t)| t - l).collect();
            -(nl * impurity(true, left, nl) + nr * impurity(true, &right, nr))
        } else {
            let sl: f64 = left.iter().map(|c| c * c).sum();
            let sr: f64 = left.iter().zip(total).map(|(l, t)| (t - l) * (t - l)).sum();
            sl / nl + sr / nr
        }
    }
}

impl TreeValidParams {
    pub fn fit(&self, data: &Dataset) -> Result<DecisionTree> {
        if self.params().criterion == Criterion::SquaredError {
            return Err(Error::InvalidChoice {
                name: "criterion",
                reason: "squared_error is for regression trees; a classification tree uses gini or entropy",
            });
        }
        let target = ClassTarget {
            y: data.labels()?,
            k: data.n_classes(),
            entropy: self.params().criterion == Criterion::Entropy,
        };
        let nodes = grow(data.x(), &target, self.params())
            .into_iter()
            .map(|g| match g.split {
                Some(s) => TreeNode::Split {
                    feature: s.feature,
                    threshold: s.threshold,
                    left: s.left,
                    right: s.right,
                    impurity: g.impurity,
                    counts: g.stats,
                },
                None => TreeNode::Leaf {
                    impurity: g.impurity,
                    counts: g.stats,
                },
            })
            .collect();
        let tree = DecisionTree {
            nodes,
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

impl Node for TreeNode {
    fn split(&self) -> Option<SplitRef> {
        match *self {
            TreeNode::Split {
                feature,
                threshold,
                left,
                right,
                ..
            } => Some(SplitRef {
                feature,
                threshold,
                left,
                right,
            }),
            TreeNode::Leaf { .. } => None,
        }
    }
}

impl DecisionTree {
    /// Checks structure (as after reading a file): children point forward, features
    /// and class counts fit, numbers are finite.
    pub fn validate(&self) -> Result<()> {
        for (i, node) in self.nodes.iter().enumerate() {
            if node.counts().len() != self.class_names.len()
                || node.counts().iter().any(|c| !c.is_finite() || *c < 0.0)
            {
                return Err(Error::Format(format!("node {i} has bad class counts")));
            }
        }
        check_structure(&self.nodes, self.n_features)
    }

    pub fn n_features(&self) -> usize {
        self.n_features
    }

    /// Depth of the deepest leaf (the root alone has depth 0).
    pub fn depth(&self) -> usize {
        depth(&self.nodes)
    }

    pub fn n_leaves(&self) -> usize {
        n_leaves(&self.nodes)
    }

    /// The leaf a point falls in.
    fn leaf(&self, x: &[f64]) -> &TreeNode {
        leaf(&self.nodes, x)
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
        fill_grid(&self.nodes, spec, out, |leaf| {
            let counts = leaf.counts();
            let total: f64 = counts.iter().sum::<f64>().max(1.0);
            let (best, lead) = best_and_lead(counts);
            (best as u32, (lead / total) as f32)
        });
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::datasets::iris;
    use crate::tree::TreeParams;

    #[test]
    fn unlimited_tree_fits_iris_and_round_trips() {
        let d = iris().unwrap();
        let t = TreeParams::default().check().unwrap().fit(&d).unwrap();
        let acc =
            crate::metrics::accuracy(d.labels().unwrap(), &t.predict(d.x()).unwrap()).unwrap();
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
