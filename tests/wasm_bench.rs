//! The engine's speed in the browser (wasm, headless Chromium). A benchmark, not a
//! test: every case is `#[ignore]`d, so the test suite skips it. Run it with
//!   cargo test --release --target wasm32-unknown-unknown --test wasm_bench -- --include-ignored
//! and read the figures from the output (they go to BENCHMARKS.md).
#![cfg(target_arch = "wasm32")]

use hyperplane_core::datasets::{Generated, GeneratorKind, GeneratorParams};
use hyperplane_core::grid::{GridModel, GridOutput, GridSpec};
use hyperplane_core::svm::SvcParams;
use hyperplane_core::Dataset;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn now() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map(|p| p.now())
        .unwrap_or(0.0)
}

fn moons(n: usize) -> Dataset {
    match GeneratorParams::new(GeneratorKind::Moons)
        .n_samples(n)
        .noise(0.2)
        .seed(1)
        .generate()
        .unwrap()
    {
        Generated::Classification(d) => d,
        Generated::Regression(_) => unreachable!(),
    }
}

/// Median milliseconds of `runs` calls.
fn median_ms(runs: usize, mut f: impl FnMut()) -> f64 {
    let mut t: Vec<f64> = (0..runs)
        .map(|_| {
            let s = now();
            f();
            now() - s
        })
        .collect();
    t.sort_by(|a, b| a.total_cmp(b));
    t[runs / 2]
}

#[wasm_bindgen_test]
#[ignore]
fn bench_svc_fit_and_grid_in_wasm() {
    let p = SvcParams::default().cache_mb(64.0).check().unwrap();
    for (n, runs) in [(200, 41), (1000, 11), (5000, 5)] {
        let d = moons(n);
        let ms = median_ms(runs, || {
            std::hint::black_box(p.fit(&d).unwrap());
        });
        console_log!("wasm: SVC rbf fit, moons n={n}: {ms:.2} ms");
        let model = p.fit(&d).unwrap();
        let n_sv: usize = model.n_support().iter().sum();
        let spec = GridSpec {
            width: 200,
            height: 200,
            x_feature: 0,
            y_feature: 1,
            x_range: (-2.0, 3.0),
            y_range: (-1.5, 2.0),
            base: vec![0.0, 0.0],
        };
        let mut out = GridOutput::new();
        let ms = median_ms(21, || model.evaluate_grid(&spec, &mut out).unwrap());
        console_log!("wasm: 200×200 grid, rbf with {n_sv} support vectors: {ms:.2} ms");
    }
}
