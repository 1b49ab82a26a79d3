//! A panic must never leave a blank page: log it, then show it in a visible alert.

use wasm_bindgen::JsCast;

pub fn install() {
    std::panic::set_hook(Box::new(|info| {
        console_error_panic_hook::hook(info);
        show(&format!(
            "Hyperplane hit an internal error and stopped: {info}. Reload the page to start again."
        ));
    }));
}

fn show(message: &str) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let Ok(div) = document.create_element("div") else {
        return;
    };
    div.set_class_name("panic-notice");
    let _ = div.set_attribute("role", "alert");
    div.set_text_content(Some(message));
    if let Some(body) = document.body() {
        let _ = body.prepend_with_node_1(div.unchecked_ref());
    }
}
