//! Built-in datasets: bundled real data and seeded generators.

#[cfg(feature = "bundled")]
mod bundled;
mod generators;
mod iris;
mod rng;

#[cfg(feature = "bundled")]
pub use bundled::{breast_cancer, wine, BREAST_CANCER_CSV, WINE_CSV};
pub use generators::{GeneratorKind, GeneratorParams};
pub use iris::iris;

/// The bundled real datasets by name, for the command line and tests.
#[cfg(feature = "bundled")]
pub fn by_name(name: &str) -> Option<crate::Result<crate::Dataset>> {
    match name {
        "iris" => Some(iris()),
        "wine" => Some(wine()),
        "breast-cancer" => Some(breast_cancer()),
        _ => None,
    }
}
