//! Per-class precision, recall and F1, and the confusion matrix drawn as a heatmap (a
//! table whose cells are shaded by count, so it is readable by screen readers too).

use leptos::prelude::*;

use hyperplane_core::metrics::ClassificationReport;

use crate::format::percent;
use crate::palette::text_on;

#[component]
pub fn ClassReport(
    /// The scores per class and the confusion matrix, if there is a fitted classifier.
    #[prop(into)]
    report: Signal<Option<ClassificationReport>>,
    /// The classes' names, in the report's order.
    #[prop(into)]
    class_names: Signal<Vec<String>>,
    /// Which part the report is measured on ("test" or "training").
    #[prop(into)]
    part: Signal<&'static str>,
) -> impl IntoView {
    let report = move || report.get();
    let names = move || class_names.get();
    let part = move || part.get();
    view! {
        {move || {
            report()
                .map(|r| {
                    let names = names();
                    let max = r.confusion.iter().flatten().copied().max().unwrap_or(1).max(1);
                    view! {
                        <div class="per-class-box">
                        <table class="per-class" aria-label="Per-class scores">
                            <caption>{format!("Per class, on the {} part", part())}</caption>
                            <thead>
                                <tr><th scope="col">"class"</th><th scope="col" title="precision"><span class="long">"precision"</span><span class="short" aria-hidden="true">"prec."</span></th><th scope="col">"recall"</th><th scope="col">"F1"</th></tr>
                            </thead>
                            <tbody>
                                {r.per_class
                                    .iter()
                                    .enumerate()
                                    .map(|(i, s)| view! {
                                        <tr>
                                            <th scope="row" title=names.get(i).cloned().unwrap_or_default()>{names.get(i).cloned().unwrap_or_default()}</th>
                                            <td>{percent(s.precision)}</td>
                                            <td>{percent(s.recall)}</td>
                                            <td>{percent(s.f1)}</td>
                                        </tr>
                                    })
                                    .collect_view()}
                                <tr class="macro">
                                    <th scope="row" title="macro average">"macro average"</th>
                                    <td>{percent(r.macro_precision)}</td>
                                    <td>{percent(r.macro_recall)}</td>
                                    <td data-testid="macro-f1">{percent(r.macro_f1)}</td>
                                </tr>
                            </tbody>
                        </table>
                        </div>
                        <table class="confusion" aria-label="Confusion matrix">
                            <caption>"Confusion matrix (rows: true class, columns: predicted)"</caption>
                            <thead>
                                <tr>
                                    <td></td>
                                    {names.iter().map(|n| view! { <th scope="col" title=n.clone()>{n.clone()}</th> }).collect_view()}
                                </tr>
                            </thead>
                            <tbody>
                                {r.confusion
                                    .iter()
                                    .enumerate()
                                    .map(|(t, row)| view! {
                                        <tr>
                                            <th scope="row" title=names.get(t).cloned().unwrap_or_default()>
                                                {names.get(t).cloned().unwrap_or_default()}
                                            </th>
                                            {row.iter()
                                                .enumerate()
                                                .map(|(p, &n)| {
                                                    let share = n as f64 / max as f64;
                                                    // right answers in blue, mistakes in vermillion
                                                    let (r, g, b) = if p == t { (0, 114, 178) } else { (213, 94, 0) };
                                                    // Up to 0.8: deeper shades of these colours read
                                                    // at 4.5:1 with neither white nor ink.
                                                    let alpha = ((0.08 + 0.72 * share) * 100.0).round() / 100.0;
                                                    let background = format!("rgba({r},{g},{b},{alpha:.2})");
                                                    let ink = text_on((r, g, b), alpha);
                                                    view! { <td style:background=background style:color=ink>{n}</td> }
                                                })
                                                .collect_view()}
                                        </tr>
                                    })
                                    .collect_view()}
                            </tbody>
                        </table>
                    }
                })
        }}
    }
}
