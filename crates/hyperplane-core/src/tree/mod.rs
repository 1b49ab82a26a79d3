//! Decision trees.

mod builder;
mod cart;
mod params;
mod regression_tree;
mod walk;

pub use cart::{DecisionTree, TreeNode};
pub use params::{Criterion, TreeParams, TreeValidParams};
pub use regression_tree::{RegressionTree, ValueNode};
