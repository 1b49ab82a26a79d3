//! The limits of every setting: what the sliders offer and what a link, a restored
//! version or a lesson may set. Kept beside the settings, not in the controls, so
//! everything that writes a setting checks it against the same range.

use crate::slider_scale::SliderScale;

pub const NOISE: SliderScale = SliderScale::linear(0.0, 0.5, 50);
pub const RATIO: SliderScale = SliderScale::linear(0.1, 0.9, 80);
pub const POINTS: SliderScale = SliderScale::linear(50.0, 1000.0, 95);
pub const CLASSES: SliderScale = SliderScale::linear(2.0, 6.0, 4);

pub const C_SCALE: SliderScale = SliderScale::log(0.01, 1000.0);
pub const GAMMA_SCALE: SliderScale = SliderScale::log(0.001, 100.0);
pub const DEGREE_SCALE: SliderScale = SliderScale::linear(1.0, 6.0, 5);
pub const COEF0_SCALE: SliderScale = SliderScale::linear(-2.0, 2.0, 40);
pub const EPSILON_SCALE: SliderScale = SliderScale::log(0.001, 5.0);

/// The gradient-descent SVM's learning rate and epochs.
pub const ETA: SliderScale = SliderScale::log(0.0001, 1.0);
pub const EPOCHS: SliderScale = SliderScale::log(1.0, 5000.0);

pub const K: SliderScale = SliderScale::linear(1.0, 50.0, 49);

pub const DEPTH: SliderScale = SliderScale::linear(1.0, 20.0, 19);
pub const LEAF: SliderScale = SliderScale::linear(1.0, 30.0, 29);

pub const LEARNING_RATE: SliderScale = SliderScale::log(0.0001, 3.0);
pub const REG_RATE: SliderScale = SliderScale::log(0.0001, 1.0);
pub const BATCH: SliderScale = SliderScale::linear(1.0, 30.0, 29);
pub const MAX_LAYERS: usize = 6;
pub const MAX_NEURONS: usize = 8;
