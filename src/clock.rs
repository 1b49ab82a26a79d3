//! The browser's clock, for timings shown on the page (never in the engine).

/// Milliseconds from the browser's monotonic clock (0 where there is none).
pub fn now_ms() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map(|p| p.now())
        .unwrap_or(0.0)
}

/// Whether the user asked for less motion (`prefers-reduced-motion: reduce`): the
/// training animation then shows a few frames a second instead of every frame.
pub fn reduced_motion() -> bool {
    web_sys::window()
        .and_then(|w| {
            w.match_media("(prefers-reduced-motion: reduce)")
                .ok()
                .flatten()
        })
        .is_some_and(|m| m.matches())
}

/// How often a reduced-motion animation shows a frame (ms).
pub const REDUCED_MOTION_MS: u64 = 250;

/// Runs `f` at the next animation frame, or after [`REDUCED_MOTION_MS`] when the user
/// asked for less motion.
pub fn next_frame(f: impl FnOnce() + 'static) {
    if reduced_motion() {
        leptos::prelude::set_timeout(f, std::time::Duration::from_millis(REDUCED_MOTION_MS));
    } else {
        leptos::prelude::request_animation_frame(f);
    }
}
