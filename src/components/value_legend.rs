//! The colour scale of a regression surface: its lowest and highest value and the
//! target's name.

use leptos::prelude::*;

use crate::format::param;
use crate::render::value_surface::value_rgb;

#[component]
pub fn ValueLegend(
    /// The lowest and highest value drawn, and the target's name.
    #[prop(into)]
    scale: Signal<Option<(f64, f64, String)>>,
) -> impl IntoView {
    let stops: Vec<String> = (0..=10)
        .map(|i| {
            let (r, g, b) = value_rgb(i as f64 / 10.0);
            format!("rgb({r},{g},{b}) {}%", i * 10)
        })
        .collect();
    let gradient = format!("linear-gradient(to right, {})", stops.join(", "));
    view! {
        {move || {
            scale
                .get()
                .map(|(lo, hi, name)| {
                    let label = format!("Colour legend: {name} from {} to {}", param(lo), param(hi));
                    view! {
                        <div class="value-legend" role="img" aria-label=label>
                            <span>{param(lo)}</span>
                            <span class="value-bar" style:background=gradient.clone()></span>
                            <span>{param(hi)}</span>
                            <span class="hint">{format!("predicted {name}")}</span>
                        </div>
                    }
                })
        }}
        <p class="hint">"filled: training · hollow: test · colour: the value (points: true, plane: predicted)"</p>
    }
}
