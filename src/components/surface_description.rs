//! The decision boundary's text alternative: what the picture shows, in words, for
//! whoever cannot see it (the canvas's `aria-describedby`). It follows the model and
//! data; it is not a live region, so training does not flood a screen reader.

use leptos::prelude::*;

use crate::format::percent;
use crate::models::ModelSettingsStoreFields;
use crate::studio::Studio;

/// The words: the model on the data over the two plotted features, the classes whose
/// regions the plane shows (`regions`, class indices), and the scores.
pub fn describe(studio: &Studio, regions: &[usize]) -> String {
    let model = studio.model.kind().get().label();
    let data = studio.data_state.choice.get().label();
    let names = studio.feature_names.get();
    let (x, y) = (studio.plane.x_feature.get(), studio.plane.y_feature.get());
    let name = |i: usize| {
        names
            .get(i)
            .cloned()
            .unwrap_or_else(|| format!("feature {i}"))
    };
    let head = format!(
        "{model} on {data}, plotted over {} and {}",
        name(x),
        name(y)
    );
    let classes = studio.data.with(|d| {
        d.as_ref()
            .map(|d| d.train.class_names().to_vec())
            .unwrap_or_default()
    });
    studio.trained.with(|t| {
        let Ok(t) = t else {
            return format!("{head}: no model is fitted.");
        };
        if let Some((train, test, _)) = t.accuracy() {
            let shown: Vec<String> = regions
                .iter()
                .map(|&c| {
                    classes
                        .get(c)
                        .cloned()
                        .unwrap_or_else(|| format!("class {c}"))
                })
                .collect();
            let test = test
                .map(|a| format!("test accuracy {}, ", percent(a)))
                .unwrap_or_default();
            format!(
                "{head}: {} region{} ({}); {test}training accuracy {}.",
                shown.len(),
                if shown.len() == 1 { "" } else { "s" },
                shown.join(", "),
                percent(train)
            )
        } else if let Some((train, test)) = t.errors() {
            let test = test
                .map(|r| format!("test R² {:.3}, ", r.r2))
                .unwrap_or_default();
            format!(
                "{head}: the predicted value shaded from low to high; {test}training R² {:.3}.",
                train.r2
            )
        } else {
            format!("{head}.")
        }
    })
}

#[component]
pub fn SurfaceDescription(
    id: &'static str,
    /// The classes with a region on the plane, as last drawn.
    #[prop(into)]
    regions: Signal<Vec<usize>>,
) -> impl IntoView {
    let studio = expect_context::<Studio>();
    let text = Memo::new(move |_| describe(&studio, &regions.get()));
    view! { <p id=id class="visually-hidden" data-testid="surface-description">{text}</p> }
}
