//! Decision trees.

mod cart;

pub use cart::{Criterion, DecisionTree, TreeNode, TreeParams, TreeValidParams};
