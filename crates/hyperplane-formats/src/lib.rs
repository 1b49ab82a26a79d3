//! Hyperplane's files: a saved version (a trained model with what restores it) and a
//! model file (what `hyperplane predict --model` reads), as JSON, each read with every
//! field checked. Apart from the engine (`hyperplane-core`) so that this code, which is
//! parsing and validation, is compiled for size, and the engine's loops for speed.

pub mod model_file;
pub mod saved_version;
