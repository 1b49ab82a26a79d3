//! Nearest-neighbour models.

mod grid_search;
mod kd_tree;
mod knn;
mod knn_regressor;

pub use knn::{KNeighbors, KnnParams, KnnValidParams, KnnWeights};
pub use knn_regressor::{KNeighborsRegressor, KnnRegressorParts};
