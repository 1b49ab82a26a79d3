//! Bringing in a table: a file (picker or drag and drop), a table pasted from a
//! spreadsheet, or one of the example files. Each opens the import preview; the data
//! change only when the preview's "Use this data" is pressed. Once a file is in use its
//! target can still be changed here, or the preview reopened.

use std::sync::Arc;

use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::JsCast;

use super::import_preview::ReadingStatus;
use super::lazy_panel::{import_preview, PreviewView};
use crate::chunk::{arrival, Lazy};
use crate::data::ImportedCsv;
use crate::import_draft::ReadRequest;
use crate::import_read::ImportReader;
use crate::imported::{reread, Reread};
use crate::settings::DatasetChoice;
use crate::studio::Studio;
use hyperplane_core::Error;

/// Files larger than this are refused before reading (the page keeps everything in memory).
const MAX_BYTES: f64 = 20.0 * 1024.0 * 1024.0;

use crate::settings::example_link::EXAMPLES;

/// Fetches an example file and opens it in the preview.
pub fn open_example(file: &'static str, reader: ImportReader, error: RwSignal<Option<String>>) {
    spawn_local(async move {
        match crate::fetch::fetch_bytes(&format!("./examples/{file}")).await {
            Ok(bytes) => {
                error.set(None);
                reader.read(ReadRequest::file(file, bytes, true));
            }
            Err(e) => error.set(Some(format!("{e}; nothing was changed."))),
        }
    });
}

/// Reads the imported file again, another way (with the code that does it).
type Rereading = Box<dyn FnOnce(Reread, &ImportedCsv) -> Result<ImportedCsv, Error>>;

#[component]
pub fn CsvImport() -> impl IntoView {
    let studio = expect_context::<Studio>();
    let d = studio.data_state;
    let draft = d.import_draft;
    let reader = d.import_reader;
    let error = RwSignal::new(None::<String>);
    let dragging = RwSignal::new(false);
    let pasting = RwSignal::new(false);
    let pasted = RwSignal::new(String::new());

    let load = move |file: web_sys::File| {
        let name = file.name();
        if file.size() > MAX_BYTES {
            error.set(Some(format!(
                "{name} is larger than 20 MB; nothing was changed."
            )));
            return;
        }
        spawn_local(async move {
            match wasm_bindgen_futures::JsFuture::from(file.array_buffer()).await {
                Ok(buffer) => {
                    error.set(None);
                    let bytes = js_sys::Uint8Array::new(&buffer).to_vec();
                    reader.read(ReadRequest::file(&name, bytes, false));
                }
                Err(_) => error.set(Some(format!("Could not read {name}; nothing was changed."))),
            }
        });
    };
    let use_data = Callback::new(move |csv: ImportedCsv| {
        error.set(None);
        d.imported.set(Some(Arc::new(csv)));
        d.choice.set(DatasetChoice::Imported);
        studio.plane.x_feature.set(0);
        studio.plane.y_feature.set(1);
    });

    // Another target or target type for the data in use: checked first; on error the
    // data stay as they were. The table reader and the recipe's code arrive with the
    // first change (a chunk).
    let change = move |what: &'static str, next: Rereading| {
        spawn_local(async move {
            let r = match reread().await {
                Ok(r) => r,
                Err(e) => return error.set(Some(format!("Could not change the {what}: {e}."))),
            };
            let Some(current) = d.imported.get_untracked() else {
                return;
            };
            match next(r, &current) {
                Ok(next) => {
                    error.set(None);
                    d.imported.set(Some(Arc::new(next)));
                }
                Err(e) => error.set(Some(format!(
                    "{}: {e}. The {what} was not changed.",
                    current.file_name
                ))),
            }
        })
    };
    let set_target =
        move |target: String| change("target", Box::new(move |r, c| (r.target)(c, &target)));
    let set_mode = move |regression: bool| {
        change("target type", Box::new(move |r, c| (r.mode)(c, regression)))
    };
    let in_use =
        move || d.choice.get() == DatasetChoice::Imported && d.imported.with(|i| i.is_some());
    // The preview's code arrives (a chunk in the split build) with the first draft.
    let preview = Lazy::<PreviewView>::new();
    Effect::new(move |_| {
        if draft.with(Option::is_some) {
            preview.ask(import_preview);
        }
    });

    view! {
        <div
            class="dropzone"
            class:dragging=move || dragging.get()
            on:dragover=move |ev| {
                ev.prevent_default();
                dragging.set(true);
            }
            on:dragleave=move |_| dragging.set(false)
            on:drop=move |ev: web_sys::DragEvent| {
                ev.prevent_default();
                dragging.set(false);
                if let Some(file) = ev.data_transfer().and_then(|t| t.files()).and_then(|f| f.get(0)) {
                    load(file);
                }
            }
        >
            <label for="csv-file">"Import CSV"</label>
            <input
                id="csv-file"
                type="file"
                accept=".csv,.tsv,.txt,text/csv,text/tab-separated-values,text/plain"
                on:change=move |ev| {
                    let input = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok());
                    if let Some(file) = input.as_ref().and_then(|i| i.files()).and_then(|f| f.get(0)) {
                        load(file);
                    }
                    if let Some(i) = input {
                        i.set_value("");
                    }
                }
            />
            <p class="hint">"or drop a file here: comma, semicolon or tab separated, with numbers, categories and gaps; you choose the column to predict before anything changes."</p>
            <div class="import-sources">
                <button type="button" class="small" aria-expanded=move || pasting.get().to_string() on:click=move |_| pasting.update(|p| *p = !*p)>
                    "Paste a table"
                </button>
                {EXAMPLES.into_iter().map(|(file, label)| view! {
                    <button type="button" class="small" on:click=move |_| open_example(file, reader, error)>{label}</button>
                }).collect_view()}
            </div>
            <Show when=move || pasting.get()>
                <textarea
                    class="paste"
                    aria-label="Table to import"
                    placeholder="Copy cells in a spreadsheet and paste them here"
                    rows="4"
                    prop:value=move || pasted.get()
                    on:input=move |ev| pasted.set(event_target_value(&ev))
                ></textarea>
                <button
                    type="button"
                    class="small"
                    disabled=move || pasted.with(|p| p.trim().is_empty())
                    on:click=move |_| {
                        reader.read(ReadRequest::pasted("pasted table", &pasted.get_untracked()));
                        pasting.set(false);
                    }
                >
                    "Preview the table"
                </button>
            </Show>
        </div>
        {move || error.get().or_else(|| reader.failed.get()).map(|e| view! { <p role="alert" class="error">{e}</p> })}
        <Show when=move || draft.with(Option::is_none) || preview.missing()>
            <ReadingStatus reading=reader.reading/>
        </Show>
        <Show when=move || draft.with(Option::is_some)>
            {move || {
                // While the code is on its way, the reading status above says so.
                (!preview.missing() || preview.failed())
                    .then(|| arrival(preview, import_preview, "the import preview", |view| view(draft, reader, use_data)))
            }}
        </Show>
        <Show when=in_use>
            <div class="param" data-control="Target column">
                <label for="target-column">"Target column"</label>
                <select id="target-column" on:change=move |ev| set_target(event_target_value(&ev))>
                    {move || {
                        d.imported
                            .get()
                            .map(|csv| {
                                csv.columns
                                    .iter()
                                    .map(|c| {
                                        let selected = *c == csv.target;
                                        view! { <option value=c.clone() selected=selected>{c.clone()}</option> }
                                    })
                                    .collect_view()
                            })
                    }}
                </select>
            </div>
            <div class="param" data-control="Target type">
                <label for="target-type">"Target type"</label>
                <select id="target-type" on:change=move |ev| set_mode(event_target_value(&ev) == "numbers")>
                    <option value="classes" prop:selected=move || d.imported.with(|i| i.as_ref().is_some_and(|c| !c.regression))>
                        "classes (classification)"
                    </option>
                    <option value="numbers" prop:selected=move || d.imported.with(|i| i.as_ref().is_some_and(|c| c.regression))>
                        "numbers (regression)"
                    </option>
                </select>
            </div>
            <p class="hint" data-testid="import-summary">{move || d.imported.with(|i| i.as_ref().map(|c| c.report.clone()))}</p>
            <button
                type="button"
                class="small"
                on:click=move |_| if let Some(csv) = d.imported.get_untracked() {
                    reader.read(ReadRequest::imported(&csv));
                }
            >
                "Change how the file is read"
            </button>
        </Show>
    }
}
