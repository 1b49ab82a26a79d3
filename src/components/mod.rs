//! One component per file, named for what the user sees.

pub mod class_legend;
pub mod class_report;
pub mod compare_view;
pub mod csv_import;
pub mod data_controls;
pub mod dataset_thumbnails;
pub mod decision_surface;
pub mod downloads;
pub mod gd_svm_controls;
pub mod knn_controls;
pub mod lessons;
pub mod logistic_controls;
pub mod loss_chart;
pub mod metrics_panel;
pub mod model_controls;
pub mod model_picker;
pub mod network_controls;
pub mod network_view;
pub mod objective_box;
pub mod param_slider;
pub mod plane_controls;
pub mod share_link;
pub mod training_controls;
pub mod tree_controls;
pub mod version_item;
pub mod version_list;
