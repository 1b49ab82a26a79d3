//! Training news for screen readers: a polite live region that speaks when the epoch
//! passes 100, 1,000, 10,000 … and when training pauses (a few sentences a run, never
//! one a frame), with the losses then.

use leptos::prelude::*;

use crate::format::grouped;
use crate::studio::Studio;

/// The last milestone `epoch` has passed: the largest power of ten from 100 up that it
/// reaches (0 below 100).
pub fn milestone(epoch: u64) -> u64 {
    let mut m = 0;
    let mut next = 100u64;
    while epoch >= next {
        m = next;
        match next.checked_mul(10) {
            Some(n) => next = n,
            None => break,
        }
    }
    m
}

#[component]
pub fn TrainingAnnouncer() -> impl IntoView {
    let run = expect_context::<Studio>().run;
    let said = RwSignal::new(String::new());
    let last = StoredValue::new((0u64, false));
    Effect::new(move |_| {
        let (playing, epoch) = (run.playing.get(), run.epoch.get());
        let (passed, was_playing) = last.get_value();
        let now = milestone(epoch);
        let losses = || {
            run.history.with_untracked(|h| {
                h.last()
                    .map(|p| match p.test {
                        Some(t) => format!(": training loss {:.4}, test loss {t:.4}", p.train),
                        None => format!(": training loss {:.4}", p.train),
                    })
                    .unwrap_or_default()
            })
        };
        if was_playing && !playing {
            said.set(format!("Paused at epoch {}{}.", grouped(epoch), losses()));
        } else if playing && now > passed {
            said.set(format!("Epoch {} passed{}.", grouped(now), losses()));
        }
        // A reset starts the milestones again.
        last.set_value((if epoch < passed { now } else { passed.max(now) }, playing));
    });
    view! { <p class="visually-hidden" aria-live="polite" data-testid="training-news">{said}</p> }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn milestones_are_powers_of_ten_from_a_hundred() {
        assert_eq!(milestone(0), 0);
        assert_eq!(milestone(99), 0);
        assert_eq!(milestone(100), 100);
        assert_eq!(milestone(9_999), 1_000);
        assert_eq!(milestone(25_000), 10_000);
        assert_eq!(milestone(u64::MAX), 10_000_000_000_000_000_000);
    }
}
