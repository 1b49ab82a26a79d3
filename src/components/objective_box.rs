//! "What is being minimized": the chosen model's objective and update rule as MathML
//! (no library needed), with the current values of C, η, λ and k filled in. Each model
//! writes its own formula (`models`); this shows it, scaled down to fit its column
//! (browsers do not break MathML lines), never cut off.

use leptos::prelude::*;
use web_sys::HtmlElement;

use crate::models::Formula;

/// The smallest scale a formula is drawn at; below it the box scrolls instead.
const MIN_SCALE: f64 = 0.55;

/// Sets the formula's font size so its widest line fits the box's width.
fn fit(div: &HtmlElement) {
    let style = div.style();
    let _ = style.set_property("font-size", "1em");
    let (wide, room) = (div.scroll_width() as f64, div.client_width() as f64);
    if wide > room && room > 0.0 {
        let scale = (room / wide * 0.98).max(MIN_SCALE);
        let _ = style.set_property("font-size", &format!("{scale:.3}em"));
    }
}

#[component]
pub fn ObjectiveBox(
    /// The formula and its explanation; `None` hides the box (a model that only
    /// classifies, on values).
    #[prop(into)]
    formula: Signal<Option<Formula>>,
) -> impl IntoView {
    let text = move || formula.get().unwrap_or_default();
    let math = NodeRef::<leptos::html::Div>::new();
    // After the formula or the width changes: measured once then, not every frame.
    let resized = RwSignal::new(0u32);
    let _resize = window_event_listener(leptos::ev::resize, move |_| resized.update(|n| *n += 1));
    Effect::new(move |_| {
        formula.track();
        resized.track();
        request_animation_frame(move || {
            if let Some(div) = math.get_untracked() {
                fit(&div);
            }
        });
    });
    view! {
        <Show when=move || formula.with(Option::is_some)>
            <details class="objective" open>
                <summary>"What is being minimized"</summary>
                <div node_ref=math class="math" data-testid="objective" tabindex="0" inner_html=move || text().0></div>
                <p class="hint">{move || text().1}</p>
            </details>
        </Show>
    }
}
