//! The import preview's column table: per column whether it is used, its name, its
//! detected type (with the reason an identifier or free text is left out), its gaps and
//! a short summary; the target is marked. Driven by props.

use hyperplane_core::table::{ColumnKind, ColumnProfile, Summary};
use leptos::prelude::*;

use crate::format::param;

/// About three significant digits, no trailing zeros: 43.9, 0.5, 4202.
fn short_number(v: f64) -> String {
    let text = param(v);
    if text.contains('.') && !text.contains('e') {
        text.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        text
    }
}

/// "min 32.1 · mean 43.9 · max 59.6", or "Biscoe 168, Dream 124, … (3 values)".
pub fn summary_text(summary: &Summary) -> String {
    match summary {
        Summary::Numbers { min, mean, max } => format!(
            "min {} · mean {} · max {}",
            short_number(*min),
            short_number(*mean),
            short_number(*max)
        ),
        Summary::Categories { top, distinct } => {
            let shown: Vec<String> = top.iter().map(|(v, n)| format!("{v} {n}")).collect();
            let more = if *distinct > top.len() { ", …" } else { "" };
            format!("{}{more} ({distinct} values)", shown.join(", "))
        }
        Summary::Empty => "empty".into(),
    }
}

#[component]
pub fn ImportColumns(
    /// Every column of the file.
    profiles: Signal<Vec<ColumnProfile>>,
    /// The columns used as features.
    features: Signal<Vec<String>>,
    target: Signal<String>,
    /// A column ticked (true) or unticked.
    on_use: Callback<(String, bool)>,
) -> impl IntoView {
    view! {
        <table class="import-columns">
            <thead>
                <tr>
                    <th scope="col">"Use"</th>
                    <th scope="col">"Column"</th>
                    <th scope="col">"Type"</th>
                    <th scope="col">"Gaps"</th>
                    <th scope="col">"Summary"</th>
                </tr>
            </thead>
            <tbody>
                {move || {
                    let features = features.get();
                    let target = target.get();
                    profiles
                        .get()
                        .into_iter()
                        .map(|p| {
                            let is_target = p.name == target;
                            let used = features.contains(&p.name);
                            let name = p.name.clone();
                            let kind = if is_target {
                                format!("{} · target", p.kind.label())
                            } else {
                                p.kind.label().to_string()
                            };
                            let note = match (&p.reason, p.kind) {
                                (Some(r), _) => format!("Left out: {r}"),
                                (None, ColumnKind::Category) if !used && !is_target => {
                                    "Not used".into()
                                }
                                _ => summary_text(&p.summary),
                            };
                            view! {
                                <tr class:unused=!used && !is_target>
                                    <td>
                                        <input
                                            type="checkbox"
                                            aria-label=format!("Use {name}")
                                            prop:checked=used
                                            disabled=is_target || !p.kind.usable()
                                            on:change=move |ev| on_use.run((name.clone(), event_target_checked(&ev)))
                                        />
                                    </td>
                                    <th scope="row">{p.name.clone()}</th>
                                    <td>{kind}</td>
                                    <td>{p.missing}</td>
                                    <td class="import-note">{note}</td>
                                </tr>
                            }
                        })
                        .collect_view()
                }}
            </tbody>
        </table>
    }
}

/// The first rows as the file has them, gaps as a dash.
#[component]
pub fn ImportRows(
    columns: Signal<Vec<String>>,
    rows: Signal<Vec<Vec<Option<String>>>>,
) -> impl IntoView {
    view! {
        <div class="import-rows">
            <table>
                <thead>
                    <tr>{move || columns.get().into_iter().map(|c| view! { <th scope="col">{c}</th> }).collect_view()}</tr>
                </thead>
                <tbody>
                    {move || {
                        rows.get()
                            .into_iter()
                            .map(|r| view! {
                                <tr>
                                    {r.into_iter().map(|c| match c {
                                        Some(c) => view! { <td>{c}</td> }.into_any(),
                                        None => view! { <td class="gap" title="gap">"—"</td> }.into_any(),
                                    }).collect_view()}
                                </tr>
                            })
                            .collect_view()
                    }}
                </tbody>
            </table>
        </div>
    }
}
