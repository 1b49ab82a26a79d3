//! Hyperplane's web app: Leptos components over the `hyperplane-core` engine.
//!
//! Data flows one way: state (signals) → validated params → fit (core) → fitted model
//! → views (canvases, numbers). User gestures only ever write state.

pub mod app;
pub mod chunk;
pub mod clock;
pub mod components;
#[cfg(target_arch = "wasm32")]
pub mod compute_worker;
pub mod data;
#[cfg(test)]
mod data_generation;
pub mod download;
pub mod edit_data;
pub mod embed;
pub mod export_csv;
pub mod fetch;
pub mod format;
pub mod history;
pub mod import_draft;
pub mod import_read;
pub mod imported;
pub mod models;
pub mod nn_run;
pub mod palette;
pub mod panic_notice;
pub mod plane;
pub mod pool;
pub mod real_data;
pub mod registry;
pub mod remote_fit;
pub mod render;
pub mod settings;
pub mod slider_scale;
pub mod state;
pub mod studio;
pub mod sweeps;
pub mod training;
pub mod url_sync;
pub mod worker_link;

pub use app::App;
