//! Code fetched on first use (a chunk of its own in the split build), and what the page
//! does when a chunk cannot be fetched.
//!
//! A chunk can fail to arrive: the connection dropped before the service worker kept
//! it, or a newer deployment replaced the files this page was built with. The page then
//! says so where the code was needed and offers to try again; nothing panics, and a
//! later call fetches it anew (a failed load is not remembered).

use std::fmt;
use std::future::Future;

use leptos::prelude::*;

/// A chunk that could not be fetched (the browser's console has the details).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ChunkError;

#[cfg(feature = "split")]
impl From<leptos::wasm_split::SplitLoaderError> for ChunkError {
    fn from(_: leptos::wasm_split::SplitLoaderError) -> Self {
        ChunkError
    }
}

impl fmt::Display for ChunkError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(
            "its code could not be fetched (offline, or a newer version of the page \
             replaced it: reloading gets it)",
        )
    }
}

/// Declares a split point: `async fn name() -> Result<T, ChunkError>` giving what the
/// body makes. In the split build the body and everything only it reaches are cut out
/// of the first module (scripts/build_app.py) and fetched on the first call; a failed
/// fetch is an `Err`, not a panic (`leptos::lazy` would panic). Without the feature it
/// is a plain async function, so tests and `cargo check` build one module.
#[macro_export]
macro_rules! split_point {
    ($(#[doc = $doc:expr])* $vis:vis fn $name:ident() -> $t:ty $body:block) => {
        $(#[doc = $doc])*
        #[cfg(feature = "split")]
        #[::leptos::wasm_split::wasm_split($name, wasm_split_path = ::leptos::wasm_split, fallible)]
        $vis fn $name() -> ::core::result::Result<$t, $crate::chunk::ChunkError> {
            Ok($body)
        }

        $(#[doc = $doc])*
        #[cfg(not(feature = "split"))]
        $vis async fn $name() -> ::core::result::Result<$t, $crate::chunk::ChunkError> {
            Ok($body)
        }
    };
}

/// Where a chunk's code stands.
#[derive(Clone, Copy)]
enum Arrival<T> {
    Waiting,
    Arrived(T),
    Failed,
}

/// Code behind a split point (a `fn` from a `split_point!`), fetched the first time it
/// is asked for and kept.
pub struct Lazy<T: Send + Sync + 'static> {
    state: RwSignal<Arrival<T>>,
    asked: StoredValue<bool>,
}

impl<T: Send + Sync + 'static> Clone for Lazy<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T: Send + Sync + 'static> Copy for Lazy<T> {}

impl<T: Copy + Send + Sync + 'static> Lazy<T> {
    pub fn new() -> Self {
        Self {
            state: RwSignal::new(Arrival::Waiting),
            asked: StoredValue::new(false),
        }
    }

    /// The code, once it has arrived (tracked).
    pub fn loaded(&self) -> Option<T> {
        match self.state.get() {
            Arrival::Arrived(t) => Some(t),
            _ => None,
        }
    }

    /// Whether it has not arrived yet (tracked).
    pub fn missing(&self) -> bool {
        self.loaded().is_none()
    }

    /// Whether the last fetch failed (tracked).
    pub fn failed(&self) -> bool {
        self.state.with(|s| matches!(s, Arrival::Failed))
    }

    /// Fetches it with `load`, the first time only.
    pub fn ask<Fut>(&self, load: fn() -> Fut)
    where
        Fut: Future<Output = Result<T, ChunkError>> + 'static,
    {
        if self.asked.get_value() {
            return;
        }
        self.asked.set_value(true);
        let state = self.state;
        leptos::task::spawn_local(async move {
            let arrival = match load().await {
                Ok(t) => Arrival::Arrived(t),
                Err(_) => Arrival::Failed,
            };
            // The view that asked may be gone by now.
            let _ = state.try_set(arrival);
        });
    }

    /// Fetches it again after a failure.
    pub fn retry<Fut>(&self, load: fn() -> Fut)
    where
        Fut: Future<Output = Result<T, ChunkError>> + 'static,
    {
        if self.failed() {
            self.state.set(Arrival::Waiting);
            self.asked.set_value(false);
            self.ask(load);
        }
    }
}

impl<T: Copy + Send + Sync + 'static> Default for Lazy<T> {
    fn default() -> Self {
        Self::new()
    }
}

/// Says where a panel will be that its code is on its way.
pub fn loading(what: &'static str) -> AnyView {
    view! { <p class="hint lazy-loading" role="status">"Loading "{what}"…"</p> }.into_any()
}

/// Says where a panel would be that its code could not be fetched, with a way to try
/// again.
pub fn unavailable(what: &'static str, retry: impl Fn() + 'static) -> AnyView {
    view! {
        <p class="error lazy-failed" role="alert">
            "Could not load "{what}": "{ChunkError.to_string()}". "
            <button type="button" class="small" on:click=move |_| retry()>"Try again"</button>
        </p>
    }
    .into_any()
}

/// Shows `lazy`'s code through `view` once it has arrived; until then says it is on its
/// way, or that it could not be fetched, with a retry.
pub fn arrival<T, Fut>(
    lazy: Lazy<T>,
    load: fn() -> Fut,
    what: &'static str,
    view: impl Fn(T) -> AnyView,
) -> AnyView
where
    T: Copy + Send + Sync + 'static,
    Fut: Future<Output = Result<T, ChunkError>> + 'static,
{
    match lazy.loaded() {
        Some(t) => view(t),
        None if lazy.failed() => unavailable(what, move || lazy.retry(load)),
        None => loading(what),
    }
}
