//! "What is being minimized": the chosen model's objective and update rule as MathML
//! (no library needed), with the current values of C, η, λ and k filled in. Each model
//! writes its own formula (`models`); this shows it.

use leptos::prelude::*;

use crate::models::Formula;

#[component]
pub fn ObjectiveBox(
    /// The formula and its explanation; `None` hides the box (a model that only
    /// classifies, on values).
    #[prop(into)]
    formula: Signal<Option<Formula>>,
) -> impl IntoView {
    let text = move || formula.get().unwrap_or_default();
    view! {
        <Show when=move || formula.with(Option::is_some)>
            <details class="objective" open>
                <summary>"What is being minimized"</summary>
                <div class="math" data-testid="objective" tabindex="0" inner_html=move || text().0></div>
                <p class="hint">{move || text().1}</p>
            </details>
        </Show>
    }
}
