//! The registry panel: `Save version`, `Export`, `Import`, `Compare`, the sort order and
//! the `Versions` list, with messages about storage and an Undo for deletions.

use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::JsCast;

use super::version_item::VersionItem;
use crate::download::download_text;
use crate::registry::{Notice, Registry, SortKey};
use crate::studio::Studio;

/// Export files larger than this are refused before reading.
const MAX_IMPORT_BYTES: f64 = 50.0 * 1024.0 * 1024.0;

#[component]
pub fn VersionList() -> impl IntoView {
    let studio = expect_context::<Studio>();
    let registry = expect_context::<Registry>();
    let say_error = move |text: String| registry.notice.set(Some(Notice { error: true, text }));

    let on_export = move |_| {
        let keys = registry.selected.get_untracked();
        if let Err(e) = registry
            .export_json(&keys)
            .and_then(|(name, text)| download_text(&name, "application/json", &text))
        {
            say_error(e);
        }
    };
    let on_import = move |ev: leptos::ev::Event| {
        let input = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok());
        let Some(file) = input
            .as_ref()
            .and_then(|i| i.files())
            .and_then(|f| f.get(0))
        else {
            return;
        };
        if let Some(i) = input {
            i.set_value("");
        }
        let name = file.name();
        if file.size() > MAX_IMPORT_BYTES {
            return say_error(format!(
                "{name} is larger than 50 MB and was not imported. Nothing was changed."
            ));
        }
        spawn_local(async move {
            match wasm_bindgen_futures::JsFuture::from(file.text()).await {
                Ok(text) => registry.import(name, text.as_string().unwrap_or_default()),
                Err(_) => say_error(format!("Could not read {name}. Nothing was changed.")),
            }
        });
    };
    let file_input = NodeRef::<leptos::html::Input>::new();
    let can_compare = move || registry.selected.with(|s| s.len() >= 2);
    let sorted = move || {
        let mut entries = registry.entries.get();
        registry.sort.get().sort(&mut entries);
        entries
    };

    view! {
        <div class="registry-actions">
            <button type="button" class="primary" on:click=move |_| registry.save(studio)>"Save version"</button>
            <button
                type="button"
                on:click=move |_| registry.comparing.set(registry.selected.get_untracked())
                disabled=move || !can_compare()
                title="Tick two or more versions to compare them"
            >
                "Compare"
            </button>
            <button type="button" on:click=on_export aria-describedby="export-scope">"Export"</button>
            // What Export will write, beside it (the button's name stays `Export`).
            <span class="hint export-scope" id="export-scope" data-testid="export-scope">
                {move || match (registry.selected.with(Vec::len), registry.entries.with(Vec::len)) {
                    (0, 0) => String::new(),
                    (0, n) => format!("all {n}"),
                    (k, _) => format!("{k} ticked"),
                }}
            </span>
            // A real button (the UI contract's `Import`) that opens the file picker.
            <button
                type="button"
                on:click=move |_| {
                    if let Some(input) = file_input.get_untracked() {
                        input.click();
                    }
                }
            >
                "Import"
            </button>
            <input
                node_ref=file_input
                class="visually-hidden"
                type="file"
                tabindex="-1"
                aria-label="Import file"
                accept=".json,application/json"
                on:change=on_import
            />
        </div>
        {move || {
            registry
                .notice
                .get()
                .map(|n| {
                    let undo = (!n.error && registry.deleted.with(|d| d.is_some()))
                        .then(|| {
                            view! {
                                <button type="button" on:click=move |_| registry.undo_delete()>"Undo delete"</button>
                            }
                        });
                    if n.error {
                        view! { <p role="alert" class="error" data-testid="registry-notice">{n.text}</p> }.into_any()
                    } else {
                        view! { <p role="status" class="notice" data-testid="registry-notice">{n.text} " " {undo}</p> }.into_any()
                    }
                })
        }}
        <div class="param" data-control="Sort versions by">
            <label for="version-sort">"Sort versions by"</label>
            <select
                id="version-sort"
                on:change=move |ev| {
                    let v = event_target_value(&ev);
                    if let Some(k) = SortKey::ALL.into_iter().find(|k| k.label() == v) {
                        registry.sort.set(k);
                    }
                }
            >
                {SortKey::ALL
                    .into_iter()
                    .map(|k| view! { <option value=k.label()>{k.label()}</option> })
                    .collect_view()}
            </select>
        </div>
        <ul class="versions" aria-label="Versions">
            <For each=sorted key=|e| (e.key, std::sync::Arc::as_ptr(&e.version) as usize) let:entry>
                <VersionItem entry=entry/>
            </For>
        </ul>
        <Show when=move || registry.loaded.get() && registry.entries.with(|e| e.is_empty())>
            <p class="hint">"No saved versions yet. Train a model and press Save version."</p>
        </Show>
        {move || {
            let damaged = registry.damaged.get();
            (!damaged.is_empty())
                .then(|| {
                    view! {
                        <div role="alert" class="error damaged" data-testid="damaged-records">
                            <p>{format!("{} stored record(s) could not be read (download one to keep it before deleting it):", damaged.len())}</p>
                            <ul>
                                {damaged
                                    .into_iter()
                                    .map(|d| {
                                        let key = d.key;
                                        let raw = d.raw;
                                        let save_raw = move |_| {
                                            let name = format!("hyperplane-record-{key}.txt");
                                            if let Err(e) = download_text(&name, "text/plain", &raw) {
                                                registry.notice.set(Some(Notice { error: true, text: e }));
                                            }
                                        };
                                        view! {
                                            <li>
                                                {format!("record {key}: {}", d.reason)} " "
                                                <button type="button" on:click=save_raw>
                                                    {format!("Download record {key}")}
                                                </button>
                                                " "
                                                <button type="button" on:click=move |_| registry.delete(key)>
                                                    {format!("Delete record {key}")}
                                                </button>
                                            </li>
                                        }
                                    })
                                    .collect_view()}
                            </ul>
                        </div>
                    }
                })
        }}
    }
}
