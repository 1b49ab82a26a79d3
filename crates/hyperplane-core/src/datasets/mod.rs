//! Built-in datasets: bundled real data and seeded generators.

mod generators;
mod iris;
mod rng;

pub use generators::{Generated, GeneratorKind, GeneratorParams};
pub use iris::iris;
