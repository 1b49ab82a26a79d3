//! Nearest-neighbour models.

mod kd_tree;
mod knn;

pub use knn::{KNeighbors, KnnParams, KnnValidParams, KnnWeights};
