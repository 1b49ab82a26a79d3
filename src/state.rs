//! The studio's state: one `Copy` struct of signals per concern, provided by context.
//! Gestures write these; everything else derives from them.

use hyperplane_core::kernel::{Gamma, KernelKind};
use hyperplane_core::svm::SvcParams;
use leptos::prelude::*;

/// The model's hyperparameters, as the controls set them.
#[derive(Clone, Copy)]
pub struct ModelState {
    pub kernel: RwSignal<KernelKind>,
    pub c: RwSignal<f64>,
    pub gamma: RwSignal<Gamma>,
    pub degree: RwSignal<u32>,
}

impl ModelState {
    /// The seed article's example: a linear SVC with C = 1.
    pub fn new() -> Self {
        Self {
            kernel: RwSignal::new(KernelKind::Linear),
            c: RwSignal::new(1.0),
            gamma: RwSignal::new(Gamma::Scale),
            degree: RwSignal::new(3),
        }
    }

    /// The current parameters (tracked: reading this subscribes to every field).
    pub fn params(&self) -> SvcParams {
        SvcParams::default()
            .kernel(self.kernel.get())
            .c(self.c.get())
            .gamma(self.gamma.get())
            .degree(self.degree.get())
    }
}

impl Default for ModelState {
    fn default() -> Self {
        Self::new()
    }
}

/// Which two features the plane shows, and whether the model sees only those two.
#[derive(Clone, Copy)]
pub struct PlaneState {
    pub x_feature: RwSignal<usize>,
    pub y_feature: RwSignal<usize>,
    /// true (the default, so the picture is the whole model): train on the two shown
    /// features only; false: train on all features, and the surface is a slice with
    /// the others at their training mean.
    pub shown_only: RwSignal<bool>,
}

impl PlaneState {
    pub fn new() -> Self {
        Self {
            x_feature: RwSignal::new(0),
            y_feature: RwSignal::new(1),
            shown_only: RwSignal::new(true),
        }
    }
}

impl Default for PlaneState {
    fn default() -> Self {
        Self::new()
    }
}
