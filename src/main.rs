fn main() {
    hyperplane::panic_notice::install();
    // The compute worker runs this same module (src/compute_worker.js): no window there,
    // so no page to mount.
    if web_sys::window().is_none() {
        #[cfg(target_arch = "wasm32")]
        hyperplane::compute_worker::start();
        return;
    }
    leptos::mount::mount_to_body(hyperplane::App);
    // index.html's boot frame (painted while this module downloaded) gives way to the
    // live page in the same task, so no frame shows both or neither.
    if let Some(boot) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("boot"))
    {
        boot.remove();
    }
}
