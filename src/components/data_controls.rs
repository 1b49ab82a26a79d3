//! The data: which dataset, its noise, the train/test split and the seed.

use hyperplane_core::datasets::GeneratorKind;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::settings::limits::{CLASSES, NOISE, POINTS, RATIO};

use super::csv_import::{open_example, CsvImport};
use super::dataset_thumbnails::DatasetThumbnails;
use super::param_slider::ParamSlider;
use crate::palette::class_css;
use crate::settings::example_link::EXAMPLES;
use crate::settings::{DatasetChoice, DRAWN_CLASSES};
use crate::studio::Studio;

fn percent0(v: f64) -> String {
    format!("{:.0}%", v * 100.0)
}

#[component]
pub fn DataControls() -> impl IntoView {
    let studio = expect_context::<Studio>();
    let d = studio.data_state;
    let no_noise = Signal::derive(move || !d.choice.get().has_noise());
    let example_error = RwSignal::new(None::<String>);
    let edited = move || d.choice.get() != DatasetChoice::Drawn && d.edits.with(Option::is_some);
    // The classes a click adds: the drawn data's, or the data's own.
    let brush_classes = move || {
        if d.choice.get() == DatasetChoice::Drawn {
            DRAWN_CLASSES
                .iter()
                .map(|c| format!("Class {c}"))
                .collect::<Vec<_>>()
        } else {
            studio.data.with(|r| {
                r.as_ref()
                    .map(|p| p.train.class_names().to_vec())
                    .unwrap_or_default()
            })
        }
    };
    let count = move || {
        if d.choice.get() == DatasetChoice::Drawn {
            return format!("{} points", d.drawn.with(|p| p.len()));
        }
        let split = |train: usize, test: usize| format!("{train} training · {test} test");
        studio.data.with(|r| {
            r.as_ref()
                .map(|p| split(p.train.n_samples(), p.test.n_samples()))
                .unwrap_or_default()
        })
    };
    view! {
        <div class="param" data-control="Dataset">
            <label for="dataset">"Dataset"</label>
            <select
                id="dataset"
                on:change=move |ev| {
                    let key = event_target_value(&ev);
                    if let Some(c) = DatasetChoice::from_key(&key) {
                        d.pick(c);
                    } else if let Some(&(file, _)) = EXAMPLES.iter().find(|(f, _)| key == format!("example:{f}")) {
                        // An example file opens the import preview; the data stay as
                        // they are until it is used, so the picker shows them still.
                        open_example(file, d.import_reader, example_error);
                        if let Some(select) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlSelectElement>().ok()) {
                            select.set_value(if edited() { "edited" } else { d.choice.get_untracked().key() });
                        }
                    }
                }
            >
                {move || DatasetChoice::ALL
                    .into_iter()
                    .filter(|&c| c != DatasetChoice::Imported || d.imported.with(|i| i.is_some()))
                    .map(|c| {
                        view! {
                            <option value=c.key() prop:selected=move || d.choice.get() == c && !edited()>
                                {c.label()}
                            </option>
                        }
                    })
                    .collect_view()}
                // The edited copy, beside its source (picking the source goes back to it).
                {move || edited().then(|| view! {
                    <option value="edited" selected=true>{format!("{}, edited", d.choice.get().label())}</option>
                })}
                {EXAMPLES.into_iter().map(|(file, label)| view! { <option value=format!("example:{file}")>{label}</option> }).collect_view()}
            </select>
        </div>
        {move || example_error.get().map(|e| view! { <p role="alert" class="error">{e}</p> })}
        <div class="thumbs">
            <DatasetThumbnails/>
        </div>
        <ParamSlider
            id="noise"
            label="Noise"
            scale=NOISE
            value=d.noise
            on_change=move |v| d.noise.set(v)
            disabled=no_noise
            display=percent0
        />
        <Show when=move || d.choice.get().has_noise()>
            <ParamSlider
                id="points"
                label="Points"
                scale=POINTS
                value=Signal::derive(move || d.n_samples.get() as f64)
                on_change=move |v| d.n_samples.set(v.round().clamp(50.0, 1000.0) as usize)
                display=|v| format!("{v:.0}")
            />
        </Show>
        <Show when=move || d.choice.get() == DatasetChoice::Generated(GeneratorKind::Blobs)>
            <ParamSlider
                id="classes"
                label="Classes"
                scale=CLASSES
                value=Signal::derive(move || d.n_classes.get() as f64)
                on_change=move |v| d.n_classes.set(v.round().clamp(2.0, 6.0) as usize)
                display=|v| format!("{v:.0}")
            />
        </Show>
        <ParamSlider
            id="ratio"
            label="Training ratio"
            scale=RATIO
            value=d.train_ratio
            on_change=move |v| d.train_ratio.set(v)
            display=percent0
        />
        <div class="param-row" data-control="Seed">
            <button type="button" on:click=move |_| d.seed.update(|s| *s = s.wrapping_add(1))>
                "Regenerate"
            </button>
            <label class="inline" for="seed">"Seed"</label>
            <input
                id="seed"
                class="seed"
                type="number"
                min="0"
                prop:value=move || d.seed.get().to_string()
                on:change=move |ev| {
                    if let Ok(s) = event_target_value(&ev).trim().parse::<u64>() {
                        d.seed.set(s);
                    }
                }
            />
        </div>
        <Show when=move || !d.is_regression()>
            <div class="brushes" role="group" aria-label="Draw">
                {move || brush_classes()
                    .into_iter()
                    .enumerate()
                    .map(|(i, name)| {
                        view! {
                            <button
                                type="button"
                                class="brush"
                                style=("--c", class_css(i))
                                aria-pressed=move || (d.brush.get() == Some(i)).to_string()
                                on:click=move |_| d.brush.set(Some(i))
                            >
                                {name}
                            </button>
                        }
                    })
                    .collect_view()}
                <button
                    type="button"
                    aria-pressed=move || d.brush.get().is_none().to_string()
                    on:click=move |_| d.brush.set(None)
                >
                    "Erase"
                </button>
                <Show when=move || d.choice.get() == DatasetChoice::Drawn>
                    <button type="button" on:click=move |_| d.drawn.set(Vec::new())>"Clear"</button>
                </Show>
                <Show when=edited>
                    <button type="button" on:click=move |_| {
                        // Back to the source, showing the features the copy was made on.
                        if let Some(e) = d.edits.get_untracked() {
                            d.edits.set(None);
                            studio.plane.x_feature.set(e.features.0);
                            studio.plane.y_feature.set(e.features.1);
                        }
                    }>"Original data"</button>
                </Show>
            </div>
            <p class="hint">{move || if d.choice.get() == DatasetChoice::Drawn {
                "Click or tap the plane to add a point of the chosen class; right-click, a long press or Erase removes one."
            } else {
                "Click or tap the plane to add a point of the chosen class (the data becomes an edited copy on the two shown features); right-click, a long press or Erase removes one."
            }}</p>
        </Show>
        <p class="hint" data-testid="point-count">{count}</p>
        <CsvImport/>
    }
}
