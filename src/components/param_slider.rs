//! A labelled range input for one numeric parameter, linear or log scale, with its
//! current value shown beside it in an `<output>`.

use leptos::prelude::*;

use crate::format::param;
use crate::slider_scale::SliderScale;

/// `label` is the accessible name (exactly as in the UI contract). Input that does not
/// parse to a finite number is ignored; values are clamped by the scale.
#[component]
pub fn ParamSlider(
    id: &'static str,
    label: &'static str,
    scale: SliderScale,
    /// The value to show (and position the thumb at): a signal or a settings field.
    value: impl Get<Value = f64> + Copy + Send + Sync + 'static,
    /// Called with each accepted new value.
    on_change: impl Fn(f64) + 'static,
    #[prop(optional, into)] disabled: Signal<bool>,
    /// Extra text after the value, e.g. "(scale)".
    #[prop(optional, into)]
    note: Signal<String>,
    /// How to show the value (default: about three significant digits).
    #[prop(optional)]
    display: Option<fn(f64) -> String>,
) -> impl IntoView {
    let show = display.unwrap_or(param);
    let output_id = format!("{id}-value");
    view! {
        <div class="param" data-control=label class:disabled=move || disabled.get()>
            <label for=id>{label}</label>
            <input
                id=id
                type="range"
                min="0"
                max=scale.steps.to_string()
                step="1"
                prop:value=move || scale.position_of(value.get()).to_string()
                prop:disabled=move || disabled.get()
                aria-describedby=output_id.clone()
                on:input=move |ev| {
                    if let Some(v) = scale.parse(&event_target_value(&ev)) {
                        on_change(v);
                    }
                }
            />
            <output id=output_id for=id>
                {move || show(value.get())}
                {move || {
                    let n = note.get();
                    (!n.is_empty()).then(|| format!(" {n}"))
                }}
            </output>
        </div>
    }
}
