//! Importing a CSV file (file picker or drag and drop): the file is checked whole before
//! anything changes; an error names the line and column and leaves the data as it was.

use std::sync::Arc;

use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::JsCast;

use crate::studio::Studio;
use hyperplane_core::Error;

use crate::data::ImportedCsv;

use crate::settings::DatasetChoice;

/// Files larger than this are refused before reading (the page keeps everything in memory).
const MAX_BYTES: f64 = 20.0 * 1024.0 * 1024.0;

#[component]
pub fn CsvImport() -> impl IntoView {
    let studio = expect_context::<Studio>();
    let d = studio.data_state;
    let error = RwSignal::new(None::<String>);
    let dragging = RwSignal::new(false);

    let load = move |file: web_sys::File| {
        let name = file.name();
        if file.size() > MAX_BYTES {
            error.set(Some(format!(
                "{name} is larger than 20 MB; nothing was changed."
            )));
            return;
        }
        spawn_local(async move {
            let text = match wasm_bindgen_futures::JsFuture::from(file.text()).await {
                Ok(v) => v.as_string().unwrap_or_default(),
                Err(_) => {
                    error.set(Some(format!("Could not read {name}; nothing was changed.")));
                    return;
                }
            };
            match ImportedCsv::parse(&name, text) {
                Ok(csv) => {
                    error.set(None);
                    d.imported.set(Some(Arc::new(csv)));
                    d.choice.set(DatasetChoice::Imported);
                    studio.plane.x_feature.set(0);
                    studio.plane.y_feature.set(1);
                }
                Err(e) => error.set(Some(format!("{name}: {e}. Nothing was changed."))),
            }
        });
    };

    // Another target or target type: the file is checked again first; on error the
    // data stay as they were.
    let change = move |what: &str, next: &dyn Fn(&ImportedCsv) -> Result<ImportedCsv, Error>| {
        let Some(current) = d.imported.get_untracked() else {
            return;
        };
        match next(&current) {
            Ok(next) => {
                error.set(None);
                d.imported.set(Some(Arc::new(next)));
            }
            Err(e) => error.set(Some(format!(
                "{}: {e}. The {what} was not changed.",
                current.file_name
            ))),
        }
    };
    let set_target = move |target: String| change("target", &|c| c.with_target(&target));
    let set_mode =
        move |regression: bool| change("target type", &|c| c.with_mode(&c.target, regression));

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
                accept=".csv,text/csv"
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
            <p class="hint">"or drop a file here: a header row, numeric features, and the column to predict (classes, or numbers to regress on)."</p>
        </div>
        {move || error.get().map(|e| view! { <p role="alert" class="error">{e}</p> })}
        <Show when=move || d.choice.get() == DatasetChoice::Imported && d.imported.with(|i| i.is_some())>
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
        </Show>
    }
}
