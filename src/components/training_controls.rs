//! Play/Pause, Step and Reset for the network, with the epoch counter.

use leptos::prelude::*;

use crate::components::training_announcer::TrainingAnnouncer;
use crate::models::ModelSettingsStoreFields;
use crate::studio::Studio;

#[component]
pub fn TrainingControls() -> impl IntoView {
    let studio = expect_context::<Studio>();
    let run = studio.run;
    let reset = move |_| {
        if let Ok(d) = studio.data.get_untracked() {
            run.reset(
                d,
                studio.features.get_untracked(),
                &studio.model.network().get_untracked(),
                studio.data_state.seed.get_untracked(),
            );
        }
    };
    view! {
        <div class="training" data-control="Training">
            <button
                type="button"
                class="primary"
                on:click=move |_| {
                    if run.playing.get_untracked() {
                        run.playing.set(false);
                    } else {
                        run.play();
                    }
                }
            >
                {move || if run.playing.get() { "Pause" } else { "Play" }}
            </button>
            // Step pauses first: while the worker trains, a step on the page's copy would be
            // overwritten by the worker's next frame.
            <button
                type="button"
                on:click=move |_| {
                    run.playing.set(false);
                    run.advance(0.0, 1);
                }
            >
                "Step"
            </button>
            <button type="button" on:click=reset>"Reset"</button>
            <span class="epoch">"Epoch " <output data-testid="epoch">{move || run.epoch.get()}</output></span>
        </div>
        <TrainingAnnouncer/>
        {move || run.error.get().map(|e| view! { <p role="alert" class="error">{e}</p> })}
    }
}
