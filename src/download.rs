//! Files the page hands to the user: JSON and CSV text, and canvases as PNG. Made in
//! the page (a Blob or data URL and a temporary link), so nothing leaves the browser.

use wasm_bindgen::JsCast;

fn click_link(href: &str, file_name: &str) -> Result<(), String> {
    let document = web_sys::window()
        .and_then(|w| w.document())
        .ok_or("no document")?;
    let a: web_sys::HtmlAnchorElement = document
        .create_element("a")
        .map_err(|_| "could not make a link")?
        .dyn_into()
        .map_err(|_| "could not make a link")?;
    a.set_href(href);
    a.set_download(file_name);
    a.click();
    Ok(())
}

/// Offers `text` as a file named `file_name`.
pub fn download_text(file_name: &str, mime: &str, text: &str) -> Result<(), String> {
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options)
        .map_err(|_| "could not prepare the file")?;
    let url = web_sys::Url::create_object_url_with_blob(&blob)
        .map_err(|_| "could not prepare the file")?;
    let result = click_link(&url, file_name);
    let _ = web_sys::Url::revoke_object_url(&url);
    result
}

/// Offers a canvas's picture as a PNG file.
pub fn download_canvas(canvas: &web_sys::HtmlCanvasElement, file_name: &str) -> Result<(), String> {
    let url = canvas
        .to_data_url()
        .map_err(|_| "the picture could not be read")?;
    click_link(&url, file_name)
}
