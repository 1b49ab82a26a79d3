//! Puts a cell-per-pixel RGBA image onto a canvas, scaled to a rectangle: one
//! `putImageData` on a small offscreen canvas, then one `drawImage`.

use wasm_bindgen::{Clamped, JsCast};
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement, ImageData};

pub fn context_2d(canvas: &HtmlCanvasElement) -> Result<CanvasRenderingContext2d, String> {
    canvas
        .get_context("2d")
        .ok()
        .flatten()
        .and_then(|c| c.dyn_into().ok())
        .ok_or_else(|| "this browser gives no 2D canvas context".to_string())
}

/// Keeps its offscreen canvas from frame to frame (a surface redrawn every frame need
/// not create one each time).
#[derive(Default)]
pub struct Blitter {
    offscreen: Option<HtmlCanvasElement>,
}

impl Blitter {
    /// Draws `rgba` (`width × height` cells, row 0 at the top) into `dest` (x, y, width,
    /// height in canvas pixels), smoothed or as hard cells.
    pub fn blit(
        &mut self,
        canvas: &HtmlCanvasElement,
        rgba: &[u8],
        width: usize,
        height: usize,
        dest: (f64, f64, f64, f64),
        smooth: bool,
    ) -> Result<(), String> {
        if self.offscreen.is_none() {
            self.offscreen = Some(
                web_sys::window()
                    .and_then(|w| w.document())
                    .and_then(|d| d.create_element("canvas").ok())
                    .and_then(|e| e.dyn_into().ok())
                    .ok_or("could not create a canvas")?,
            );
        }
        let off = self.offscreen.as_ref().ok_or("could not create a canvas")?;
        off.set_width(width as u32);
        off.set_height(height as u32);
        let image =
            ImageData::new_with_u8_clamped_array_and_sh(Clamped(rgba), width as u32, height as u32)
                .map_err(|_| "could not make the image")?;
        context_2d(off)?
            .put_image_data(&image, 0.0, 0.0)
            .map_err(|_| "could not draw the image")?;
        let ctx = context_2d(canvas)?;
        ctx.set_image_smoothing_enabled(smooth);
        ctx.draw_image_with_html_canvas_element_and_dw_and_dh(off, dest.0, dest.1, dest.2, dest.3)
            .map_err(|_| "could not draw the image".to_string())
    }
}

/// [`Blitter::blit`] once, for pictures drawn once.
pub fn blit(
    canvas: &HtmlCanvasElement,
    rgba: &[u8],
    width: usize,
    height: usize,
    dest: (f64, f64, f64, f64),
    smooth: bool,
) -> Result<(), String> {
    Blitter::default().blit(canvas, rgba, width, height, dest, smooth)
}
