//! Fetching the page's own files (bundled datasets, example files): same origin only,
//! so the service worker serves them offline.

/// The bytes at `url` (relative to the page), or why not.
#[cfg(target_arch = "wasm32")]
pub async fn fetch_bytes(url: &str) -> Result<Vec<u8>, String> {
    use wasm_bindgen::JsCast;
    use wasm_bindgen_futures::JsFuture;
    let window = web_sys::window().ok_or("no window")?;
    let response: web_sys::Response = JsFuture::from(window.fetch_with_str(url))
        .await
        .map_err(|_| format!("{url} could not be fetched"))?
        .dyn_into()
        .map_err(|_| "not a response".to_string())?;
    if !response.ok() {
        return Err(format!("{url} answered {}", response.status()));
    }
    let buffer = response
        .array_buffer()
        .map_err(|_| format!("{url} has no body"))?;
    let buffer = JsFuture::from(buffer)
        .await
        .map_err(|_| format!("{url} could not be read"))?;
    Ok(js_sys::Uint8Array::new(&buffer).to_vec())
}

/// Native builds (tests) have no page to fetch from.
#[cfg(not(target_arch = "wasm32"))]
pub async fn fetch_bytes(url: &str) -> Result<Vec<u8>, String> {
    Err(format!("{url}: no page to fetch from"))
}
