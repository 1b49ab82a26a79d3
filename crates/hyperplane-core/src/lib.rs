//! Hyperplane's ML engine. Pure Rust with no web dependencies: it builds, tests and
//! benchmarks natively and runs unchanged in the browser as WebAssembly.
//!
//! Every model follows one shape: `…Params` (plain, serde, `Default`, builder methods)
//! → `check()` → `…ValidParams` (or a typed [`Error`] naming the bad field) →
//! `fit(&Dataset)` → a fitted model with `predict`, a decision function and a batched
//! grid evaluation. All randomness comes from an explicit seed.

pub mod csv_data;
pub mod dataset;
pub mod datasets;
pub mod error;
pub mod features;
pub mod grid;
pub mod kernel;
pub mod linalg;
pub mod linear_model;
pub mod math;
pub mod metrics;
pub mod model;
pub mod model_selection;
pub mod neighbors;
pub mod nn;
pub mod preprocess;
pub mod svm;
pub mod table;
pub mod tree;

pub use dataset::{Dataset, Target};
pub use error::{Error, Result};
