//! The engine's one error type. Every public function returns `Result<_, Error>`;
//! nothing panics on user-supplied shapes or values.

use thiserror::Error;

/// What went wrong, precisely enough to show a user next to the cause.
#[derive(Debug, Clone, PartialEq, Error)]
pub enum Error {
    #[error("the dataset is empty")]
    EmptyData,
    #[error("{what}: expected {expected}, got {got}")]
    ShapeMismatch {
        what: &'static str,
        expected: usize,
        got: usize,
    },
    #[error("non-finite value in {what} at row {row}, column {column}")]
    NonFinite {
        what: &'static str,
        row: usize,
        column: usize,
    },
    #[error("the training data has only one class ({0}); at least two are needed")]
    SingleClass(String),
    #[error("label {label} at row {row} is not a class index below {n_classes}")]
    BadLabel {
        row: usize,
        label: usize,
        n_classes: usize,
    },
    #[error("parameter {name} = {value} is invalid: {reason}")]
    InvalidParam {
        name: &'static str,
        value: f64,
        reason: &'static str,
    },
    /// A categorical parameter that does not fit the model or data.
    #[error("parameter {name} is invalid: {reason}")]
    InvalidChoice {
        name: &'static str,
        reason: &'static str,
    },
    #[error("feature index {index} is out of range for {n_features} features")]
    FeatureOutOfRange { index: usize, n_features: usize },
    #[error("training diverged during epoch {epoch} ({what} became infinite or NaN); lower the learning rate")]
    Diverged { epoch: u64, what: &'static str },
    #[error("CSV line {line}, column {column:?}: {message}")]
    Csv {
        line: usize,
        column: String,
        message: String,
    },
    /// A classifier given values to predict, or a regressor given classes.
    #[error("this model predicts {needs}, but the data's target holds {has}")]
    WrongTarget {
        needs: &'static str,
        has: &'static str,
    },
    #[error("{0}")]
    Format(String),
}

pub type Result<T> = std::result::Result<T, Error>;
