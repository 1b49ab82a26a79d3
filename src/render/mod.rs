//! Drawing: pure pixel and geometry work (testable anywhere) and the canvas calls.

pub mod blit;
pub mod canvas_size;
pub mod cell_canvas;
pub mod contour;
pub mod disagreement_canvas;
pub mod loss_canvas;
pub mod surface_canvas;
pub mod surface_overlay;
pub mod surface_pixels;
pub mod value_surface;

/// At most this many points of each part (training, test) are drawn. A plane a few
/// hundred pixels wide is covered long before that, and drawing 100,000 markers would
/// take a third of a second; the parts are in shuffled order, so the first ones are a
/// random sample. Scores always use every point.
pub const MAX_DRAWN_POINTS: usize = 5_000;

/// How many of `n` points are drawn.
pub fn drawn_points(n: usize) -> usize {
    n.min(MAX_DRAWN_POINTS)
}

/// What a picture of a fitted model plots: its data on two of the features. The
/// surfaces (classes, values) and their cached overlay all start from it.
#[derive(Clone, Copy)]
pub struct Plotted<'a> {
    pub data: &'a hyperplane_core::preprocess::Prepared,
    pub trained: &'a crate::training::Trained,
    pub x: usize,
    pub y: usize,
    /// The test points too (hollow), besides the training points.
    pub show_test: bool,
}

/// A plotters drawing error as the message the page shows.
pub fn drawing_error<E: std::error::Error + Send + Sync>(
    e: plotters::drawing::DrawingAreaErrorKind<E>,
) -> String {
    format!("drawing error: {e:?}")
}
