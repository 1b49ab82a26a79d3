//! A CART regression tree as scikit-learn's `DecisionTreeRegressor` with the "best"
//! splitter and `criterion="squared_error"` (grown by `builder`): each leaf predicts
//! the mean of its training values.

use ndarray::ArrayView2;
use serde::{Deserialize, Serialize};

use super::builder::{grow, SplitTarget};
use super::params::{Criterion, TreeValidParams};
use super::walk::{check_structure, depth, fill_grid, leaf, n_leaves, Node, SplitRef};
use crate::dataset::check_query;
use crate::dataset::Dataset;
use crate::error::{Error, Result};
use crate::grid::{GridModel, GridOutput, GridSpec};

/// Sum and sum of squares of the values; impurity is their variance.
struct ValueTarget<'a> {
    y: &'a [f64],
}

impl SplitTarget for ValueTarget<'_> {
    type Stats = [f64; 2];
    fn empty(&self) -> [f64; 2] {
        [0.0; 2]
    }
    fn add(&self, s: &mut [f64; 2], row: usize) {
        let v = self.y.get(row).copied().unwrap_or(0.0);
        s[0] += v;
        s[1] += v * v;
    }
    fn impurity(&self, s: &[f64; 2], n: f64) -> f64 {
        if n <= 0.0 {
            return 0.0;
        }
        let mean = s[0] / n;
        s[1] / n - mean * mean
    }
    /// scikit-learn's `MSE.proxy_impurity_improvement`.
    fn proxy(&self, left: &[f64; 2], total: &[f64; 2], nl: f64, nr: f64) -> f64 {
        let right = total[0] - left[0];
        left[0] * left[0] / nl + right * right / nr
    }
}

/// One node: the training samples that reached it, their mean value and its impurity.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "lowercase")]
pub enum ValueNode {
    Split {
        feature: usize,
        /// Samples with `x[feature] <= threshold` go left.
        threshold: f64,
        left: usize,
        right: usize,
        impurity: f64,
        n_samples: usize,
        value: f64,
    },
    Leaf {
        impurity: f64,
        n_samples: usize,
        value: f64,
    },
}

impl ValueNode {
    pub fn value(&self) -> f64 {
        match self {
            ValueNode::Split { value, .. } | ValueNode::Leaf { value, .. } => *value,
        }
    }
}

impl TreeValidParams {
    /// Grows a regression tree; the criterion must be `squared_error`.
    pub fn fit_regressor(&self, data: &Dataset) -> Result<RegressionTree> {
        if self.params().criterion != Criterion::SquaredError {
            return Err(Error::InvalidChoice {
                name: "criterion",
                reason: "a regression tree uses squared_error (gini and entropy are for classes)",
            });
        }
        let nodes = grow(data.x(), &ValueTarget { y: data.values()? }, self.params())
            .into_iter()
            .map(|g| {
                let n = g.n_samples;
                let value = if n > 0 { g.stats[0] / n as f64 } else { 0.0 };
                match g.split {
                    Some(s) => ValueNode::Split {
                        feature: s.feature,
                        threshold: s.threshold,
                        left: s.left,
                        right: s.right,
                        impurity: g.impurity,
                        n_samples: n,
                        value,
                    },
                    None => ValueNode::Leaf {
                        impurity: g.impurity,
                        n_samples: n,
                        value,
                    },
                }
            })
            .collect();
        let tree = RegressionTree {
            nodes,
            n_features: data.n_features(),
        };
        tree.validate()?;
        Ok(tree)
    }
}

/// A fitted regression tree: `nodes[0]` is the root.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RegressionTree {
    pub nodes: Vec<ValueNode>,
    pub n_features: usize,
}

impl Node for ValueNode {
    fn split(&self) -> Option<SplitRef> {
        match *self {
            ValueNode::Split {
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
            ValueNode::Leaf { .. } => None,
        }
    }
}

impl RegressionTree {
    /// Checks structure (as after reading a file): children point forward, features
    /// fit, numbers are finite.
    pub fn validate(&self) -> Result<()> {
        if let Some(i) = self.nodes.iter().position(|n| !n.value().is_finite()) {
            return Err(Error::Format(format!("node {i} has a non-finite value")));
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

    /// The value of the leaf a point falls in.
    fn leaf_value(&self, x: &[f64]) -> f64 {
        leaf(&self.nodes, x).value()
    }

    pub fn predict(&self, x: ArrayView2<'_, f64>) -> Result<Vec<f64>> {
        check_query(x, self.n_features)?;
        let mut q = vec![0.0; x.ncols()];
        Ok(x.rows()
            .into_iter()
            .map(|row| {
                q.iter_mut().zip(row).for_each(|(a, b)| *a = *b);
                self.leaf_value(&q)
            })
            .collect())
    }
}

impl GridModel for RegressionTree {
    fn n_features(&self) -> usize {
        self.n_features
    }

    /// Margin: the leaf's value (label 0).
    fn evaluate_grid(&self, spec: &GridSpec, out: &mut GridOutput) -> Result<()> {
        spec.check(self.n_features)?;
        fill_grid(&self.nodes, spec, out, |leaf| (0, leaf.value() as f32));
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tree::TreeParams;
    use ndarray::array;

    #[test]
    fn splits_a_step_and_predicts_the_means() {
        let d = Dataset::with_values(
            array![[0.0], [1.0], [2.0], [3.0], [10.0], [11.0]],
            vec![1.0, 1.0, 1.0, 1.0, 5.0, 7.0],
            vec!["x".into()],
            "y".into(),
        )
        .unwrap();
        let p = TreeParams::default().criterion(Criterion::SquaredError);
        let stump = p
            .clone()
            .max_depth(Some(1))
            .check()
            .unwrap()
            .fit_regressor(&d)
            .unwrap();
        assert_eq!((stump.depth(), stump.n_leaves()), (1, 2));
        assert_eq!(
            stump.predict(array![[2.5], [10.2]].view()).unwrap(),
            vec![1.0, 6.0]
        );
        let full = p.check().unwrap().fit_regressor(&d).unwrap();
        assert_eq!(full.predict(d.x()).unwrap(), d.values().unwrap().to_vec());
        let back: RegressionTree =
            serde_json::from_str(&serde_json::to_string(&full).unwrap()).unwrap();
        assert_eq!(back, full);
        let mut bad = full.clone();
        if let ValueNode::Split { left, .. } = &mut bad.nodes[0] {
            *left = 0;
        }
        assert!(bad.validate().is_err());
        // Each kind of tree takes only its own criterion.
        assert!(TreeParams::default()
            .check()
            .unwrap()
            .fit_regressor(&d)
            .is_err());
    }
}
