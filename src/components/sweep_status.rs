//! A sweep's progress line: a bar and a count while it runs, Cancel, Run again once
//! cancelled, how long it took, or why no point could be scored.

use leptos::prelude::*;

use crate::sweeps::failure;
use crate::sweeps::run::SweepRun;

/// A sweep's progress, with Cancel while it runs and Run again once cancelled.
#[component]
pub fn SweepStatus(run: SweepRun, on_again: Callback<()>) -> impl IntoView {
    view! {
        <div class="sweep-status" aria-live="polite">
            {move || {
                let total = run.scores.with(Vec::len);
                let done = run.done();
                if total == 0 {
                    return ().into_any();
                }
                if let Some(e) = run.scores.with(|s| failure(s)) {
                    return view! { <p class="error" role="alert">{format!("No point could be scored: {e}")}</p> }.into_any();
                }
                if run.cancelled.get() {
                    return view! {
                        <span>{format!("Cancelled at {done} of {total} points.")}</span>
                        <button type="button" class="small" on:click=move |_| on_again.run(())>"Run again"</button>
                    }
                    .into_any();
                }
                match run.took.get() {
                    Some(ms) if done == total => view! { <span>{format!("{total} points in {:.2} s.", ms / 1000.0)}</span> }.into_any(),
                    _ => view! {
                        <progress max=total value=done></progress>
                        <span>{format!("Scoring: {done} of {total} points")}</span>
                        <button type="button" class="small" on:click=move |_| run.cancel()>"Cancel"</button>
                    }
                    .into_any(),
                }
            }}
        </div>
    }
}
