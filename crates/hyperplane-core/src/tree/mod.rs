//! Decision trees.

mod builder;
mod cart;
mod regression_tree;

pub use cart::{Criterion, DecisionTree, TreeNode, TreeParams, TreeValidParams};
pub use regression_tree::{RegressionTree, ValueNode};
