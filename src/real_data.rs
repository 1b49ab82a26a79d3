//! The real datasets (UCI wine and breast cancer, as scikit-learn ships them) are files
//! beside the page, fetched the first time they are needed and kept: 136 KB of CSV text
//! the first picture does not need. The service worker caches them with the rest of the
//! build, so they work offline after one visit. Iris, the default, is compiled in.

use std::cell::RefCell;
use std::collections::HashMap;
use std::sync::Arc;

use hyperplane_core::csv_data::read_classification_csv;
use hyperplane_core::{Dataset, Error};
use leptos::prelude::*;

/// A dataset that comes as a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RealSet {
    Wine,
    BreastCancer,
}

impl RealSet {
    pub const ALL: [RealSet; 2] = [Self::Wine, Self::BreastCancer];

    /// Its file, in `data/` beside the page.
    pub fn file(self) -> &'static str {
        match self {
            Self::Wine => "wine.csv",
            Self::BreastCancer => "breast_cancer.csv",
        }
    }

    fn name(self) -> &'static str {
        match self {
            Self::Wine => "Wine",
            Self::BreastCancer => "Breast cancer",
        }
    }
}

#[derive(Clone)]
enum State {
    Loading,
    Ready(Arc<Dataset>),
    Failed(String),
}

thread_local! {
    static SETS: RefCell<HashMap<RealSet, State>> = RefCell::new(HashMap::new());
    /// Bumped when a file arrives: whatever asked for it while it was missing reruns.
    /// Reference-counted, not owned by whichever memo first asked (which would dispose
    /// it when it reran).
    static ARRIVED: ArcRwSignal<u32> = ArcRwSignal::new(0);
}

/// The dataset if it is here; otherwise starts fetching it and says it is on its way
/// (tracked: a memo or effect that asked reruns when it arrives).
pub fn get(set: RealSet) -> Result<Arc<Dataset>, Error> {
    ARRIVED.with(|a| a.track());
    let state = SETS.with(|s| s.borrow().get(&set).cloned());
    match state {
        Some(State::Ready(d)) => Ok(d),
        Some(State::Failed(e)) => Err(Error::Format(e)),
        Some(State::Loading) => Err(loading(set)),
        None => {
            SETS.with(|s| s.borrow_mut().insert(set, State::Loading));
            start(set);
            // Natively the text is at hand, so it may already be here.
            match SETS.with(|s| s.borrow().get(&set).cloned()) {
                Some(State::Ready(d)) => Ok(d),
                _ => Err(loading(set)),
            }
        }
    }
}

/// Waits until every real dataset is here (or failed to arrive): for actions that read
/// stored versions at once, such as restoring one.
pub async fn ready_all() {
    for set in RealSet::ALL {
        let _ = untrack(|| get(set));
    }
    while SETS.with(|s| s.borrow().values().any(|st| matches!(st, State::Loading))) {
        sleep_ms(20).await;
    }
}

fn loading(set: RealSet) -> Error {
    Error::Format(format!("the {} data is still downloading", set.name()))
}

fn arrived(set: RealSet, result: Result<Dataset, String>) {
    let state = match result {
        Ok(d) => State::Ready(Arc::new(d)),
        Err(e) => State::Failed(format!("could not load the {} data: {e}", set.name())),
    };
    SETS.with(|s| s.borrow_mut().insert(set, state));
    ARRIVED.with(|a| a.update(|n| *n += 1));
}

fn parse(text: &str) -> Result<Dataset, String> {
    read_classification_csv(text, "target").map_err(|e| e.to_string())
}

#[cfg(target_arch = "wasm32")]
fn start(set: RealSet) {
    leptos::task::spawn_local(async move {
        let result = fetch_text(&format!("./data/{}", set.file())).await;
        arrived(set, result.and_then(|t| parse(&t)));
    });
}

/// Natively (the app's unit tests) the files are read from the engine's data folder.
#[cfg(not(target_arch = "wasm32"))]
fn start(set: RealSet) {
    let text = match set {
        RealSet::Wine => include_str!("../crates/hyperplane-core/data/wine.csv"),
        RealSet::BreastCancer => include_str!("../crates/hyperplane-core/data/breast_cancer.csv"),
    };
    arrived(set, parse(text));
}

#[cfg(target_arch = "wasm32")]
async fn fetch_text(url: &str) -> Result<String, String> {
    let bytes = crate::fetch::fetch_bytes(url).await?;
    String::from_utf8(bytes).map_err(|_| format!("{url} is not text"))
}

#[cfg(target_arch = "wasm32")]
async fn sleep_ms(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(w) = web_sys::window() {
            let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

#[cfg(not(target_arch = "wasm32"))]
async fn sleep_ms(_: i32) {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_real_sets_read_as_the_engine_bundles_them() {
        let wine = get(RealSet::Wine).unwrap();
        assert_eq!(
            (wine.n_samples(), wine.n_features(), wine.n_classes()),
            (178, 13, 3)
        );
        assert_eq!(*wine, hyperplane_core::datasets::wine().unwrap());
        let cancer = get(RealSet::BreastCancer).unwrap();
        assert_eq!((cancer.n_samples(), cancer.n_features()), (569, 30));
    }
}
