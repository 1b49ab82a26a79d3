//! The limits of the data settings, and the C every margin model shares: what the
//! sliders offer and what a link, a restored version or a lesson may set. Each
//! model's own limits live with its settings in `models`.

use crate::slider_scale::SliderScale;

pub const NOISE: SliderScale = SliderScale::linear(0.0, 0.5, 50);
pub const RATIO: SliderScale = SliderScale::linear(0.1, 0.9, 80);
pub const POINTS: SliderScale = SliderScale::linear(50.0, 1000.0, 95);
pub const CLASSES: SliderScale = SliderScale::linear(2.0, 6.0, 4);

/// C of the SVM, the gradient-descent SVM and logistic regression.
pub const C_SCALE: SliderScale = SliderScale::log(0.01, 1000.0);

/// The most points a drawn dataset may have: drawn by hand, carried by a link, or
/// restored from a version (a version file may hold more, from elsewhere).
pub const MAX_DRAWN: usize = 2000;
