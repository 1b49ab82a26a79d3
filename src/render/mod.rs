//! Drawing: pure pixel and geometry work (testable anywhere) and the canvas calls.

pub mod blit;
pub mod canvas_size;
pub mod cell_canvas;
pub mod contour;
pub mod disagreement_canvas;
pub mod loss_canvas;
pub mod surface_canvas;
pub mod surface_pixels;
pub mod value_surface;
