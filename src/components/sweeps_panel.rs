//! "Sweeps": the validation heatmap (the SVM's C × γ), a validation curve for one
//! parameter of the studio's model and its learning curve, each scored by k-fold
//! cross-validation of the training part (k selectable) or on the test part, in the
//! worker pool, live as the data and settings change.

use leptos::prelude::*;

use crate::components::sweep_views::{HeatmapView, LearningCurveView, ValidationCurveView};
use crate::studio::Studio;
use crate::sweeps::{score_label, sweep_data};

/// "Validate on" choices: folds (0: the test part).
const VALIDATION: [(usize, &str); 4] = [
    (5, "5-fold cross-validation"),
    (3, "3-fold cross-validation"),
    (10, "10-fold cross-validation"),
    (0, "the test part"),
];

#[component]
pub fn Sweeps(open: RwSignal<bool>) -> impl IntoView {
    let studio = expect_context::<Studio>();
    let folds = RwSignal::new(5usize);
    // Nothing is computed while the view is closed.
    let data = Memo::new(move |_| {
        if open.get() {
            sweep_data(&studio).map(Some)
        } else {
            Ok(None)
        }
    });
    let scoring = move || data.with(score_label);
    let on_test = move || folds.get() == 0;
    view! {
        <Show when=move || open.get()>
            <section class="model-grid sweeps" role="region" aria-label="Parameter sweeps">
                <div class="model-grid-head">
                    <h2>"Sweeps: which settings generalize"</h2>
                    <div class="param inline-param" data-control="Validate on">
                        <label for="sweep-folds">"Validate on"</label>
                        <select
                            id="sweep-folds"
                            on:change=move |ev| folds.set(event_target_value(&ev).parse().unwrap_or(5))
                        >
                            {VALIDATION
                                .iter()
                                .map(|&(k, text)| view! { <option value=k.to_string() selected=move || folds.get() == k>{text}</option> })
                                .collect_view()}
                        </select>
                    </div>
                </div>
                <p class="hint">
                    {move || if on_test() {
                        format!("Each point is fitted on the training part and scored ({}) on the test part.", scoring())
                    } else {
                        format!(
                            "Each point is fitted {k} times, each time on {k}−1 folds of the training part, and scored ({}) on the fold left out; the test part stays unseen. Lines are means, bands ± one standard deviation over folds.",
                            scoring(),
                            k = folds.get()
                        )
                    }}
                </p>
                {move || data.get().err().map(|e| view! { <p class="error" role="alert">{e}</p> })}
                <div class="sweep-views">
                    <HeatmapView data=data folds=folds/>
                    <ValidationCurveView data=data folds=folds/>
                    <LearningCurveView data=data folds=folds/>
                </div>
            </section>
        </Show>
    }
}
