//! One saved version in the `Versions` list: its name, metrics and flags, and what can
//! be done with it (select, restore, export, delete, rename, notes, tags, alias).

use leptos::prelude::*;

use crate::download::download_text;
use crate::format::percent;
use crate::registry::restore::restore;
use crate::registry::{Entry, Registry};
use crate::studio::Studio;

fn time_label(ms: f64) -> String {
    let d = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(ms));
    d.to_locale_string("en-GB", &wasm_bindgen::JsValue::UNDEFINED)
        .as_string()
        .unwrap_or_default()
}

#[component]
pub fn VersionItem(entry: Entry) -> impl IntoView {
    let studio = expect_context::<Studio>();
    let registry = expect_context::<Registry>();
    let key = entry.key;
    let v = entry.version.clone();
    let label = v.label();
    let overfitting = entry.overfitting();
    let not_learning = entry.not_learning();
    let selected = move || registry.selected.with(|s| s.contains(&key));
    let toggle = move |_| {
        registry.selected.update(|s| {
            if let Some(i) = s.iter().position(|&k| k == key) {
                s.remove(i);
            } else {
                s.push(key);
            }
        })
    };
    let restore_label = label.clone();
    let on_restore = {
        let v = v.clone();
        move |_| {
            let (v, label) = (v.clone(), restore_label.clone());
            // A version of wine or breast cancer needs its file here first.
            leptos::task::spawn_local(async move {
                crate::real_data::ready_all().await;
                // A big imported file is read again in the worker, not here.
                let read = match &v.data.csv {
                    Some(c) => crate::registry::restore_csv::read_in_worker(c).await,
                    None => None,
                };
                let notice = match restore(&studio, &v, read) {
                    Ok(()) => crate::registry::Notice {
                        error: false,
                        text: format!("Restored {label}."),
                    },
                    Err(e) => crate::registry::Notice {
                        error: true,
                        text: e,
                    },
                };
                registry.notice.set(Some(notice));
            });
        }
    };
    let on_export = move |_| {
        let result = registry
            .export_json(&[key])
            .and_then(|(name, text)| download_text(&name, "application/json", &text));
        if let Err(e) = result {
            registry.notice.set(Some(crate::registry::Notice {
                error: true,
                text: e,
            }));
        }
    };
    let m = v.metrics;
    let dash = |v: Option<String>| v.unwrap_or_else(|| "—".into());
    let r2 = |v: f64| format!("{v:.3}");
    // A regressor's scores are R² and MSE, a classifier's accuracies.
    let scores = if m.train_r2.is_some() {
        vec![
            ("test R² ", dash(m.test_r2.map(r2))),
            ("train R² ", dash(m.train_r2.map(r2))),
            (
                "MSE ",
                dash(m.test_mse.or(m.train_mse).map(|e| format!("{e:.4}"))),
            ),
        ]
    } else {
        vec![
            ("test ", dash(m.test_accuracy.map(percent))),
            ("train ", dash(m.train_accuracy.map(percent))),
        ]
    };
    let tags = v.tags.join(", ");
    let alias = v.alias.clone().unwrap_or_default();
    let (name_now, notes_now) = (v.name.clone(), v.notes.clone());
    view! {
        <li class="version" class:selected=selected>
            <div class="version-head">
                <input
                    type="checkbox"
                    aria-label=format!("Select {label}")
                    prop:checked=selected
                    on:change=toggle
                />
                <span class="version-name">{v.name.clone()}</span>
                <span class="version-model">{v.model_name.clone()}</span>
                {v.alias.clone().map(|a| view! { <span class="badge alias">{a}</span> })}
                {v.diverged.then(|| view! { <span class="badge warn">"diverged"</span> })}
                {overfitting.then(|| view! { <span class="badge warn">"overfitting"</span> })}
                {not_learning.then(|| view! { <span class="badge warn">"not learning"</span> })}
            </div>
            <div class="version-metrics">
                {scores.into_iter().map(|(k, v)| view! { <span>{k} <b>{v}</b></span> }).collect_view()}
                {m.macro_f1.map(|f| view! { <span>"F1 " <b>{format!("{f:.3}")}</b></span> })}
                {m.test_loss.map(|l| view! { <span>"loss " <b>{format!("{l:.4}")}</b></span> })}
            </div>
            <div class="version-meta">
                {v.data.dataset.clone()} " · " {time_label(v.created_ms)}
                {(!tags.is_empty()).then(|| view! { " · " <span class="tags">{tags.clone()}</span> })}
            </div>
            {(!v.notes.is_empty()).then(|| view! { <p class="version-notes">{v.notes.clone()}</p> })}
            <div class="version-actions">
                <button type="button" aria-label=format!("Restore {label}") on:click=on_restore>"Restore"</button>
                <button type="button" aria-label=format!("Export {label}") on:click=on_export>"Export"</button>
                <button type="button" aria-label=format!("Delete {label}") on:click=move |_| registry.delete(key)>"Delete"</button>
            </div>
            <details
                class="version-edit"
                prop:open=move || registry.editing.with_untracked(|e| e.contains(&key))
                on:toggle=move |ev| {
                    let open = event_target::<web_sys::HtmlDetailsElement>(&ev).open();
                    registry.editing.update(|e| {
                        e.retain(|&k| k != key);
                        if open {
                            e.push(key);
                        }
                    });
                }
            >
                <summary aria-label=format!("Edit {label}")>"Edit"</summary>
                <label>
                    "Name"
                    <input
                        type="text"
                        value=name_now
                        on:change=move |ev| {
                            let name = event_target_value(&ev);
                            registry.edit(key, |v| v.name = name.trim().to_string());
                        }
                    />
                </label>
                <label>
                    "Alias"
                    <input
                        type="text"
                        placeholder="best, baseline…"
                        value=alias
                        on:change=move |ev| {
                            let a = event_target_value(&ev).trim().to_string();
                            registry.edit(key, |v| v.alias = (!a.is_empty()).then_some(a));
                        }
                    />
                </label>
                <label>
                    "Tags"
                    <input
                        type="text"
                        placeholder="comma, separated"
                        value=tags
                        on:change=move |ev| {
                            let t = event_target_value(&ev);
                            registry.edit(key, |v| {
                                v.tags = t
                                    .split(',')
                                    .map(|s| s.trim().to_string())
                                    .filter(|s| !s.is_empty())
                                    .collect();
                            });
                        }
                    />
                </label>
                <label>
                    "Notes"
                    <textarea
                        rows="2"
                        prop:value=notes_now
                        on:change=move |ev| {
                            let n = event_target_value(&ev);
                            registry.edit(key, |v| v.notes = n);
                        }
                    ></textarea>
                </label>
            </details>
        </li>
    }
}
