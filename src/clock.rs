//! The browser's clock, for timings shown on the page (never in the engine).

/// Milliseconds from the browser's monotonic clock (0 where there is none).
pub fn now_ms() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map(|p| p.now())
        .unwrap_or(0.0)
}

/// Whether the user asked for less motion (`prefers-reduced-motion: reduce`): the
/// training animation then shows a few frames a second instead of every frame. The
/// query is made once and its live answer read after (it is asked every frame).
pub fn reduced_motion() -> bool {
    thread_local! {
        static QUERY: Option<web_sys::MediaQueryList> = web_sys::window().and_then(|w| {
            w.match_media("(prefers-reduced-motion: reduce)")
                .ok()
                .flatten()
        });
    }
    QUERY.with(|q| q.as_ref().is_some_and(|m| m.matches()))
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

/// Runs `f` after the next frame has been drawn (a timeout set in an animation frame
/// runs after that frame's paint): work the first picture does not need (starting the
/// compute worker, fetching the versions' code) waits for it. At once where there is no
/// browser (the app's native tests).
pub fn after_next_frame(f: impl FnOnce() + 'static) {
    if cfg!(target_arch = "wasm32") {
        leptos::prelude::request_animation_frame(move || {
            leptos::prelude::set_timeout(f, std::time::Duration::ZERO)
        });
    } else {
        f();
    }
}

/// `compute`'s value, but while `busy` (the network playing) a new one at most every
/// `every_ms`: a screen reader's description of a picture redrawn every frame need not
/// be laid out again every frame (measured: text shaping of up to 2.6 ms in a frame).
/// It catches up as soon as `busy` turns false.
pub fn paced<T>(
    busy: impl Fn() -> bool + Send + Sync + 'static,
    every_ms: f64,
    compute: impl Fn() -> T + Send + Sync + 'static,
) -> leptos::prelude::Memo<T>
where
    T: Clone + PartialEq + Send + Sync + 'static,
{
    use leptos::prelude::*;
    let last = StoredValue::new(f64::NEG_INFINITY);
    Memo::new(move |prev: Option<&T>| {
        let value = compute();
        let now = now_ms();
        match prev {
            Some(p) if busy() && now - last.get_value() < every_ms => p.clone(),
            _ => {
                last.set_value(now);
                value
            }
        }
    })
}
