//! What both kinds of tree do with their nodes: check the structure read from a file,
//! measure it, and walk a point down to its leaf.

use crate::error::{Error, Result};

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

/// Children point forward (so walking ends), features fit, thresholds are finite.
pub(super) fn check_structure<N: Node>(nodes: &[N], n_features: usize) -> Result<()> {
    if nodes.is_empty() || n_features == 0 {
        return Err(Error::Format(
            "a tree needs a root and at least one feature".into(),
        ));
    }
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
