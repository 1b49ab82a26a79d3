//! A labelled drop-down over a fixed set of choices, bound to a settings field: the kernel,
//! activation, regularization, k-NN weights and tree criterion pickers.

use leptos::prelude::*;
use reactive_stores::Field;

/// One choice: its value, the `<option>` value (a stable key, as links use) and the
/// text shown.
pub type Choice<T> = (T, &'static str, &'static str);

#[component]
pub fn ChoiceSelect<T>(
    /// The `<select>`'s id.
    id: &'static str,
    /// The accessible name (and the embed's `data-control`).
    label: &'static str,
    choices: Vec<Choice<T>>,
    value: Field<T>,
) -> impl IntoView
where
    T: Copy + PartialEq + Send + Sync + 'static,
{
    let keys: Vec<(T, &'static str)> = choices.iter().map(|&(t, key, _)| (t, key)).collect();
    let on_change = move |ev| {
        let key = event_target_value(&ev);
        if let Some(&(t, _)) = keys.iter().find(|(_, k)| *k == key) {
            value.set(t);
        }
    };
    view! {
        <div class="param" data-control=label>
            <label for=id>{label}</label>
            <select id=id on:change=on_change>
                {choices
                    .into_iter()
                    .map(|(t, key, text)| {
                        view! { <option value=key prop:selected=move || value.get() == t>{text}</option> }
                    })
                    .collect_view()}
            </select>
        </div>
    }
}
