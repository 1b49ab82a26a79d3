//! Sizing a canvas's backing store to its CSS size × devicePixelRatio, so drawings are
//! sharp on high-density screens.

use web_sys::HtmlCanvasElement;

/// Resizes the backing store if needed; returns (device width, device height, ratio).
pub fn fit_to_css(canvas: &HtmlCanvasElement) -> (u32, u32, f64) {
    let dpr = web_sys::window()
        .map(|w| w.device_pixel_ratio())
        .filter(|r| r.is_finite() && *r > 0.0)
        .unwrap_or(1.0)
        .min(3.0);
    let css_w = canvas.client_width().max(1) as f64;
    let css_h = canvas.client_height().max(1) as f64;
    let (w, h) = ((css_w * dpr).round() as u32, (css_h * dpr).round() as u32);
    if canvas.width() != w {
        canvas.set_width(w);
    }
    if canvas.height() != h {
        canvas.set_height(h);
    }
    (w, h, dpr)
}
