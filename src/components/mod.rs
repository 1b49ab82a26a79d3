//! One component per file, named for what the user sees.

pub mod choice_select;
pub mod class_legend;
pub mod class_report;
pub mod compare_view;
pub mod csv_import;
pub mod data_controls;
pub mod dataset_thumbnails;
pub mod downloads;
pub mod lessons;
pub mod loss_chart;
pub mod model_grid;
pub mod model_picker;
pub mod network_view;
pub mod objective_box;
pub mod param_slider;
pub mod plane_controls;
pub mod scores_panel;
pub mod share_link;
pub mod surface;
pub mod surface_hover;
pub mod training_controls;
pub mod value_legend;
pub mod version_item;
pub mod version_list;
