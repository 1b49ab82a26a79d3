//! Nearest-neighbour models.

mod grid_search;
mod kd_tree;
mod knn;

pub use knn::{KNeighbors, KnnParams, KnnValidParams, KnnWeights};
