//! One component per file, named for what the user sees.

pub mod class_legend;
pub mod decision_surface;
pub mod metrics_panel;
pub mod model_controls;
pub mod param_slider;
pub mod plane_controls;
