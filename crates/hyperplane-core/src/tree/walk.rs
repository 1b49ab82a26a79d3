//! What both kinds of tree do with their nodes: check the structure read from a file,
//! measure it, and walk a point down to its leaf.

use crate::error::{Error, Result};
use crate::grid::{GridOutput, GridSpec};

/// A node's split, if it is not a leaf.
pub(super) struct SplitRef {
    pub feature: usize,
    pub threshold: f64,
    pub left: usize,
    pub right: usize,
}

pub(super) trait Node {
    fn split(&self) -> Option<SplitRef>;
}

/// Children point forward (so walking ends), every node but the root has exactly one
/// parent (a tree, not a graph whose paths multiply), features fit, thresholds are finite.
pub(super) fn check_structure<N: Node>(nodes: &[N], n_features: usize) -> Result<()> {
    if nodes.is_empty() || n_features == 0 {
        return Err(Error::Format(
            "a tree needs a root and at least one feature".into(),
        ));
    }
    let mut parent = vec![false; nodes.len()];
    for (i, node) in nodes.iter().enumerate() {
        if let Some(s) = node.split() {
            if s.feature >= n_features
                || !s.threshold.is_finite()
                || s.left <= i
                || s.right <= i
                || s.left >= nodes.len()
                || s.right >= nodes.len()
            {
                return Err(Error::Format(format!("node {i} is not a valid split")));
            }
            for child in [s.left, s.right] {
                if std::mem::replace(&mut parent[child], true) {
                    return Err(Error::Format(format!(
                        "node {child} has two parents (node {i} is one): not a tree"
                    )));
                }
            }
        }
    }
    Ok(())
}

/// Depth of the deepest leaf (the root alone has depth 0).
pub(super) fn depth<N: Node>(nodes: &[N]) -> usize {
    let mut stack = vec![(0usize, 0usize)];
    let mut deepest = 0;
    while let Some((node, d)) = stack.pop() {
        deepest = deepest.max(d);
        if let Some(s) = nodes.get(node).and_then(Node::split) {
            stack.push((s.left, d + 1));
            stack.push((s.right, d + 1));
        }
    }
    deepest
}

pub(super) fn n_leaves<N: Node>(nodes: &[N]) -> usize {
    nodes.iter().filter(|n| n.split().is_none()).count()
}

/// The leaf `x` falls in (`x[feature] <= threshold` goes left). The structure is
/// checked when a tree is made or read, so children point forward and this ends.
pub(super) fn leaf<'a, N: Node>(nodes: &'a [N], x: &[f64]) -> &'a N {
    let mut node = &nodes[0];
    while let Some(s) = node.split() {
        let go_left = x.get(s.feature).is_some_and(|&v| v <= s.threshold);
        node = &nodes[if go_left { s.left } else { s.right }];
    }
    node
}

/// Fills every cell of the grid (already checked) with `cell(leaf)`: a label and margin
/// from the leaf the cell's centre falls in.
pub(super) fn fill_grid<N: Node>(
    nodes: &[N],
    spec: &GridSpec,
    out: &mut GridOutput,
    cell: impl Fn(&N) -> (u32, f32),
) {
    out.prepare(spec);
    out.pair_values.clear();
    let mut q = spec.base.clone();
    for r in 0..spec.height {
        q[spec.y_feature] = spec.y_at(r);
        for c in 0..spec.width {
            q[spec.x_feature] = spec.x_at(c);
            let (label, margin) = cell(leaf(nodes, &q));
            let at = r * spec.width + c;
            out.label[at] = label;
            out.margin[at] = margin;
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::datasets::{iris, GeneratorKind, GeneratorParams};
    use crate::grid::{GridModel, GridOutput, GridSpec};
    use crate::tree::{Criterion, TreeParams};
    use ndarray::Array2;

    /// Every cell's centre as a query row.
    fn centres(spec: &GridSpec) -> Array2<f64> {
        Array2::from_shape_fn((spec.len(), spec.base.len()), |(i, f)| {
            let (r, c) = (i / spec.width, i % spec.width);
            if f == spec.x_feature {
                spec.x_at(c)
            } else if f == spec.y_feature {
                spec.y_at(r)
            } else {
                spec.base[f]
            }
        })
    }

    #[test]
    fn both_trees_fill_the_grid_with_their_per_point_answers() {
        let spec = GridSpec {
            width: 9,
            height: 7,
            x_feature: 2,
            y_feature: 3,
            x_range: (1.0, 7.0),
            y_range: (0.0, 2.5),
            base: vec![5.8, 3.0, 0.0, 0.0],
        };
        let d = iris().unwrap();
        let t = TreeParams::default()
            .max_depth(Some(3))
            .check()
            .unwrap()
            .fit(&d)
            .unwrap();
        let mut out = GridOutput::new();
        t.evaluate_grid(&spec, &mut out).unwrap();
        let want: Vec<u32> = t
            .predict(centres(&spec).view())
            .unwrap()
            .iter()
            .map(|&c| c as u32)
            .collect();
        assert_eq!(out.label, want);

        let g = GeneratorParams::new(GeneratorKind::RegGauss)
            .seed(2)
            .generate()
            .unwrap();
        let r = TreeParams::default()
            .criterion(Criterion::SquaredError)
            .max_depth(Some(5))
            .check()
            .unwrap()
            .fit_regressor(&g)
            .unwrap();
        let spec = GridSpec {
            x_feature: 0,
            y_feature: 1,
            x_range: (-6.0, 6.0),
            y_range: (6.0, -6.0),
            base: vec![0.0, 0.0],
            ..spec
        };
        r.evaluate_grid(&spec, &mut out).unwrap();
        let want: Vec<f32> = r
            .predict(centres(&spec).view())
            .unwrap()
            .iter()
            .map(|&v| v as f32)
            .collect();
        assert_eq!(out.margin, want);
        assert!(out.label.iter().all(|&l| l == 0));
    }

    /// Splits whose children are shared make a graph whose paths double at every level:
    /// 60 such nodes would take 2⁶⁰ steps to measure. Read from a file, it is refused.
    #[test]
    fn a_graph_with_shared_children_is_not_a_tree() {
        use crate::tree::{RegressionTree, ValueNode};
        let split = |i: usize| ValueNode::Split {
            feature: 0,
            threshold: 0.0,
            left: i + 1,
            right: i + 1,
            impurity: 0.0,
            n_samples: 2,
            value: 0.0,
        };
        let leaf = ValueNode::Leaf {
            impurity: 0.0,
            n_samples: 1,
            value: 1.0,
        };
        let nodes: Vec<ValueNode> = (0..60).map(split).chain([leaf]).collect();
        let text = serde_json::to_string(&RegressionTree {
            nodes,
            n_features: 1,
        })
        .unwrap();
        let tree: RegressionTree = serde_json::from_str(&text).unwrap();
        let msg = tree.validate().unwrap_err().to_string();
        assert!(msg.contains("two parents"), "{msg}");
    }
}
