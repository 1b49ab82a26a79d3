//! The browser's clock, for timings shown on the page (never in the engine).

/// Milliseconds from the browser's monotonic clock (0 where there is none).
pub fn now_ms() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map(|p| p.now())
        .unwrap_or(0.0)
}
