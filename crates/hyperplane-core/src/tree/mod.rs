//! Decision trees.

mod builder;
mod cart;
mod regression_tree;
mod walk;

pub use cart::{Criterion, DecisionTree, TreeNode, TreeParams, TreeValidParams};
pub use regression_tree::{RegressionTree, ValueNode};
