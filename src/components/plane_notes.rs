//! The notes under the plane: whether the picture is the whole model or a slice through
//! its other features, and, for a big dataset, that a sample of its points is drawn and
//! that an SVM is fitted on a sample.

use leptos::prelude::*;

use crate::format::{grouped, param};
use crate::studio::Studio;

#[component]
pub fn PlaneNotes() -> impl IntoView {
    let studio = expect_context::<Studio>();
    let plane = studio.plane;
    // A big dataset is drawn as a sample of its points; say so.
    let sampled_note = move || {
        studio.data.with(|d| {
            let d = d.as_ref().ok()?;
            let (train, test) = (d.train.n_samples(), d.test.n_samples());
            let part = |n: usize, what: &str| {
                let shown = crate::render::drawn_points(n);
                (shown < n).then(|| {
                    format!(
                        "{} of the {} {what} points",
                        grouped(shown as u64),
                        grouped(n as u64)
                    )
                })
            };
            let parts: Vec<String> = [part(train, "training"), part(test, "test")]
                .into_iter()
                .flatten()
                .collect();
            (!parts.is_empty()).then(|| {
                format!(
                    "Drawn: a random {}; the scores use every point.",
                    parts.join(" and ")
                )
            })
        })
    };
    // An SVM on a big training part is fitted on a sample of it; say so.
    let fit_note = move || {
        let n = studio
            .data
            .with(|d| d.as_ref().map(|d| d.train.n_samples()).ok())?;
        let fitted = studio
            .committed
            .with(|p| p.as_ref().map(|p| hyperplane_worker::fitted_points(p, n)))?;
        (fitted < n).then(|| {
            format!(
                "Fitted on a random {} of the {} training points, so that a fit takes well \
                 under a second (an SVM's time grows with the square of the points). The \
                 scores use every point.",
                grouped(fitted as u64),
                grouped(n as u64)
            )
        })
    };
    let slice_note = move || {
        let data = studio.data.get().ok()?;
        let trained = studio.trained.get().ok()?;
        let (x, y) = (plane.x_feature.get(), plane.y_feature.get());
        let names = data.train.feature_names();
        let held: Vec<String> = trained
            .features
            .iter()
            .filter(|&&f| f != x && f != y)
            .map(|&f| format!("{} = {}", names[f], param(data.scaler.mean[f])))
            .collect();
        Some(if held.is_empty() {
            "The model uses only the two shown features, so this picture is the whole model."
                .to_string()
        } else {
            format!(
                "The model uses all {} features. The surface is a slice through the others, held \
                 at their training means ({}); points are drawn at their own values, so a point \
                 can sit in another class's region.",
                trained.features.len(),
                held.join(", ")
            )
        })
    };
    view! {
        <p class="slice-note" data-testid="slice-note">{slice_note}</p>
        {move || sampled_note().map(|n| view! { <p class="slice-note" data-testid="points-sampled">{n}</p> })}
        {move || fit_note().map(|n| view! { <p class="slice-note" data-testid="fit-sample">{n}</p> })}
    }
}
