//! The import preview: a chosen, dropped or pasted file shown before it is used — how it
//! is read (encoding, delimiter, decimal comma, header row), its columns with their
//! detected types, the target, what to do with gaps and categories, what that gives, and
//! the same steps as scikit-learn code. Nothing changes in the studio until "Use this
//! data".

use hyperplane_core::table::snippet::sklearn_snippet;
use hyperplane_core::table::{Delimiter, Dialect, Encode, Encoding, Impute, Recipe};
use leptos::prelude::*;

use super::import_columns::{ImportColumns, ImportRows};
use crate::import_draft::ImportDraft;
use crate::import_read::ImportReader;
use crate::imported::ImportedCsv;

fn impute_label(i: Impute) -> &'static str {
    match i {
        Impute::Drop => "leave the rows out",
        Impute::Mean => "fill with the column mean",
        Impute::Median => "fill with the column median",
        Impute::MostFrequent => "fill with the most frequent value",
    }
}

#[component]
pub fn ImportPreview(
    /// The draft being shaped; `None` closes the preview.
    draft: RwSignal<Option<ImportDraft>>,
    /// Reads the file again when its encoding or dialect changes.
    reader: ImportReader,
    /// Called with the data when the user uses it.
    on_use: Callback<ImportedCsv>,
) -> impl IntoView {
    let read = move |f: &dyn Fn(&ImportDraft) -> String| {
        draft.with(|d| d.as_ref().map(f).unwrap_or_default())
    };
    let change = move |f: &dyn Fn(&ImportDraft) -> ImportDraft| {
        draft.update(|d| {
            if let Some(current) = d.as_ref() {
                *d = Some(f(current));
            }
        })
    };
    let set_dialect = move |f: &dyn Fn(Dialect) -> Dialect| {
        if let Some(request) =
            draft.with_untracked(|d| d.as_ref().map(|d| d.with_dialect(f(d.dialect))))
        {
            reader.read(request);
        }
    };
    let set_recipe =
        move |f: &dyn Fn(&Recipe) -> Recipe| change(&|d| d.with_recipe(|r, _| Ok(f(r))));
    // `None` while there is no draft, or a big one's recipe is being applied in a worker.
    let result = Memo::new(move |_| draft.with(|d| d.as_ref().and_then(|d| reader.result(d))));
    let applying = move || {
        draft.with(|d| {
            d.as_ref()
                .filter(|d| d.big() && d.recipe.is_some())
                .map(|d| d.table.as_ref().map_or(0, |t| t.n_rows()))
        })
    };
    let recipe = move || draft.with(|d| d.as_ref().and_then(|d| d.recipe.clone()));
    let profiles = Signal::derive(move || {
        draft.with(|d| d.as_ref().map(|d| d.profiles.clone()).unwrap_or_default())
    });
    let features = Signal::derive(move || recipe().map(|r| r.features).unwrap_or_default());
    let target = Signal::derive(move || recipe().map(|r| r.target).unwrap_or_default());
    let columns = Signal::derive(move || profiles.get().into_iter().map(|p| p.name).collect());
    let rows = Signal::derive(move || {
        draft.with(|d| {
            d.as_ref()
                .map(ImportDraft::preview_rows)
                .unwrap_or_default()
        })
    });
    let on_column = Callback::new(move |(name, used): (String, bool)| {
        // The names come from the draft's own table: reading the draft's signal here,
        // inside its update, would re-enter it.
        change(&|d| {
            d.with_recipe(|r, raw| {
                let features = raw
                    .columns
                    .iter()
                    .map(|c| c.name.clone())
                    .filter(|n| {
                        if *n == name {
                            used
                        } else {
                            r.features.contains(n)
                        }
                    })
                    .collect();
                Ok(Recipe {
                    features,
                    ..r.clone()
                })
            })
        })
    });
    let set_target = move |name: String| {
        change(&|d| d.with_recipe(|r, raw| r.with_target(raw, &name).map_err(|e| e.to_string())))
    };
    let snippet = move || {
        let d = draft.get()?;
        let csv = result.get()?.ok()?;
        Some(sklearn_snippet(
            csv.recipe.as_ref()?,
            csv.encoder.as_ref()?,
            &d.file_name,
            d.encoding,
        ))
    };
    let copied = RwSignal::new(false);
    let copy = move |_| {
        let Some(code) = snippet() else { return };
        if let Some(w) = web_sys::window() {
            let _ = w.navigator().clipboard().write_text(&code);
            copied.set(true);
        }
    };
    // When the dialog closes, the focus goes back to what opened it (a button, the file
    // field), as a dialog's should.
    let opener = StoredValue::new_local(
        web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.active_element())
            .and_then(|e| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(e).ok()),
    );
    let close = move || {
        reader.cancel();
        draft.set(None);
        if let Some(e) = opener.try_get_value().flatten() {
            let _ = e.focus();
        }
    };
    // Focus moves into the dialog when it opens, so the keyboard and screen readers are
    // where the choices are.
    let panel = NodeRef::<leptos::html::Section>::new();
    Effect::new(move |_| {
        if let Some(p) = panel.get() {
            let _ = p.focus();
        }
    });
    let from_paste = move || draft.with(|d| d.as_ref().is_some_and(|d| d.bytes.is_none()));

    view! {
        <div class="import-backdrop" on:click=move |_| close()></div>
        <section
            class="import-preview"
            role="dialog"
            aria-modal="true"
            aria-label="Import preview"
            node_ref=panel
            tabindex="-1"
            on:keydown=move |ev| if ev.key() == "Escape" { close(); }
        >
            <h3>{move || read(&|d| format!("Import {}", d.file_name))}</h3>
            <ReadingStatus reading=reader.reading/>
            <div class="import-dialect">
                <label>
                    "Encoding "
                    <select
                        disabled=from_paste
                        on:change=move |ev| if let Some(e) = Encoding::from_key(&event_target_value(&ev)) {
                            if let Some(request) = draft.with_untracked(|d| d.as_ref().and_then(|d| d.with_encoding(e))) {
                                reader.read(request);
                            }
                        }
                    >
                        {Encoding::ALL.into_iter().map(|e| view! {
                            <option value=e.key() prop:selected=move || draft.with(|d| d.as_ref().is_some_and(|d| d.encoding == e))>{e.label()}</option>
                        }).collect_view()}
                    </select>
                </label>
                <label>
                    "Delimiter "
                    <select on:change=move |ev| if let Some(del) = Delimiter::from_label(&event_target_value(&ev)) {
                        set_dialect(&|d| Dialect { delimiter: del, ..d });
                    }>
                        {Delimiter::ALL.into_iter().map(|del| view! {
                            <option value=del.label() prop:selected=move || draft.with(|d| d.as_ref().is_some_and(|d| d.dialect.delimiter == del))>{del.label()}</option>
                        }).collect_view()}
                    </select>
                </label>
                <label class="check">
                    <input type="checkbox"
                        prop:checked=move || draft.with(|d| d.as_ref().is_some_and(|d| d.dialect.decimal_comma))
                        on:change=move |ev| { let on = event_target_checked(&ev); set_dialect(&|d| Dialect { decimal_comma: on, ..d }); }
                    />
                    "Decimal comma"
                </label>
                <label class="check">
                    <input type="checkbox"
                        prop:checked=move || draft.with(|d| d.as_ref().is_some_and(|d| d.dialect.header))
                        on:change=move |ev| { let on = event_target_checked(&ev); set_dialect(&|d| Dialect { header: on, ..d }); }
                    />
                    "Header row"
                </label>
            </div>
            {move || draft.with(|d| d.as_ref().and_then(|d| d.problem.clone())).map(|p| view! { <p role="alert" class="error">{p}</p> })}
            <ImportRows columns rows/>
            <ImportColumns profiles features target on_use=on_column/>
            <div class="import-choices">
                <label>
                    "Column to predict "
                    <select on:change=move |ev| set_target(event_target_value(&ev))>
                        {move || {
                            let t = target.get();
                            columns.get().into_iter().map(|c| {
                                let selected = c == t;
                                view! { <option value=c.clone() selected=selected>{c.clone()}</option> }
                            }).collect_view()
                        }}
                    </select>
                </label>
                <label>
                    "Predict "
                    <select on:change=move |ev| { let numbers = event_target_value(&ev) == "numbers"; set_recipe(&|r| Recipe { regression: numbers, ..r.clone() }); }>
                        <option value="classes" prop:selected=move || recipe().is_some_and(|r| !r.regression)>"classes (classification)"</option>
                        <option value="numbers" prop:selected=move || recipe().is_some_and(|r| r.regression)>"numbers (regression)"</option>
                    </select>
                </label>
                <label>
                    "Gaps "
                    <select on:change=move |ev| if let Some(i) = Impute::from_key(&event_target_value(&ev)) { set_recipe(&|r| Recipe { impute: i, ..r.clone() }); }>
                        {Impute::ALL.into_iter().map(|i| view! {
                            <option value=i.key() prop:selected=move || recipe().is_some_and(|r| r.impute == i)>{impute_label(i)}</option>
                        }).collect_view()}
                    </select>
                </label>
                <label>
                    "Categories "
                    <select on:change=move |ev| if let Some(e) = Encode::from_key(&event_target_value(&ev)) { set_recipe(&|r| Recipe { encode: e, ..r.clone() }); }>
                        <option value="onehot" prop:selected=move || recipe().is_some_and(|r| r.encode == Encode::Onehot)>"one-hot (a 0/1 column per value)"</option>
                        <option value="ordinal" prop:selected=move || recipe().is_some_and(|r| r.encode == Encode::Ordinal)>"ordinal (one number per value)"</option>
                    </select>
                </label>
            </div>
            {move || match result.get() {
                Some(Ok(csv)) => view! {
                    <p class="import-report" data-testid="import-report">
                        {format!("{}. The data: {} rows, {} features{}.", csv.report, csv.dataset.n_samples(), csv.dataset.n_features(),
                            if csv.regression { String::new() } else { format!(", {} classes", csv.dataset.n_classes()) })}
                    </p>
                }.into_any(),
                Some(Err(e)) => view! { <p role="alert" class="error">{format!("This cannot be used yet: {e}")}</p> }.into_any(),
                None => applying()
                    .map(|n| view! { <p class="import-report" role="status" data-testid="import-applying">{format!("Applying the choices to all {} rows…", crate::format::grouped(n as u64))}</p> })
                    .into_any(),
            }}
            <details class="import-code">
                <summary>"The same steps in scikit-learn"</summary>
                <pre><code>{snippet}</code></pre>
                <button type="button" class="small" on:click=copy>{move || if copied.get() { "Copied" } else { "Copy code" }}</button>
            </details>
            <div class="import-actions">
                <button
                    type="button"
                    class="primary"
                    disabled=move || !matches!(result.get(), Some(Ok(_)))
                    on:click=move |_| if let Some(Ok(csv)) = result.get_untracked() {
                        on_use.run(csv);
                        close();
                    }
                >
                    "Use this data"
                </button>
                <button type="button" on:click=move |_| close()>"Cancel"</button>
            </div>
        </section>
    }
}

/// A file being read: its name and a progress bar (nothing when no file is being read).
#[component]
pub fn ReadingStatus(reading: RwSignal<Option<(String, f64)>>) -> impl IntoView {
    move || {
        reading.get().map(|(name, done)| {
            let percent = (done * 100.0).round();
            view! {
                <p class="import-reading" role="status" data-testid="import-reading">
                    <label>
                        {format!("Reading {name}… ")}
                        <progress max="100" value=percent.to_string()>{format!("{percent}%")}</progress>
                    </label>
                </p>
            }
        })
    }
}
