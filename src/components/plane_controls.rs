//! Which two features the plane shows, and whether the model sees only those.

use leptos::prelude::*;
use reactive_stores::Field;

use crate::studio::Studio;

#[component]
pub fn PlaneControls() -> impl IntoView {
    let studio = expect_context::<Studio>();
    let plane = studio.plane;
    let names = move || studio.feature_names.get();
    let n_features = move || studio.feature_names.with(|f| f.len());
    // Regressors are trained on the two shown features.
    let choose_inputs = move || n_features() > 2 && !studio.data_state.is_regression();
    // Picking the other axis's feature swaps the two, so they never coincide.
    let pick = move |mine: Field<usize>, other: Field<usize>, raw: String| {
        let Ok(f) = raw.parse::<usize>() else { return };
        if f >= n_features() {
            return;
        }
        if f == other.get_untracked() {
            other.set(mine.get_untracked());
        }
        mine.set(f);
    };
    let options = move |sel: Field<usize>| {
        names()
            .into_iter()
            .enumerate()
            .map(|(i, n)| {
                view! { <option value=i.to_string() prop:selected=move || sel.get() == i>{n}</option> }
            })
            .collect_view()
    };
    view! {
        <div class="param" data-control="Horizontal axis">
            <label for="x-feature">"Horizontal axis"</label>
            <select
                id="x-feature"
                on:change=move |ev| pick(plane.x_feature, plane.y_feature, event_target_value(&ev))
            >
                {move || options(plane.x_feature)}
            </select>
        </div>
        <div class="param" data-control="Vertical axis">
            <label for="y-feature">"Vertical axis"</label>
            <select
                id="y-feature"
                on:change=move |ev| pick(plane.y_feature, plane.x_feature, event_target_value(&ev))
            >
                {move || options(plane.y_feature)}
            </select>
        </div>
        <Show when=choose_inputs>
        <fieldset class="choice">
            <legend>"Train on"</legend>
            <label>
                <input
                    type="radio"
                    name="train-on"
                    prop:checked=move || !plane.shown_only.get()
                    on:change=move |_| plane.shown_only.set(false)
                />
                {move || format!("All {} features", n_features())}
            </label>
            <label>
                <input
                    type="radio"
                    name="train-on"
                    prop:checked=move || plane.shown_only.get()
                    on:change=move |_| plane.shown_only.set(true)
                />
                "Only the two shown"
            </label>
        </fieldset>
        </Show>
    }
}
