//! Nearest-neighbour models.

mod aggregate;
mod grid_search;
mod kd_tree;
mod knn;
mod knn_regressor;
mod params;

pub use knn::KNeighbors;
pub use knn_regressor::{KNeighborsRegressor, KnnRegressorParts};
pub use params::{KnnParams, KnnValidParams, KnnWeights};
