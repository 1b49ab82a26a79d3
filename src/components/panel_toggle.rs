//! A button that opens and closes a panel below the studio (`Compare models`,
//! `Sweeps`), saying which it is with `aria-expanded`.

use leptos::prelude::*;

#[component]
pub fn PanelToggle(open: RwSignal<bool>, label: &'static str) -> impl IntoView {
    view! {
        <button
            type="button"
            class="compare-models"
            aria-expanded=move || open.get().to_string()
            on:click=move |_| open.update(|o| *o = !*o)
        >
            {label}
        </button>
    }
}
