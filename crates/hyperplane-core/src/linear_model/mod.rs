//! Linear models.

mod logistic;

pub use logistic::{LogisticParams, LogisticRegression, LogisticValidParams, Penalty};
