//! Built-in datasets.

mod iris;

pub use iris::iris;
