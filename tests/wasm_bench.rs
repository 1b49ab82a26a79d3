//! The engine's speed in the browser (wasm, headless Chromium). A benchmark, not a
//! test: every case is `#[ignore]`d, so the test suite skips it. Run it with
//!   cargo test --release --target wasm32-unknown-unknown --test wasm_bench -- --include-ignored
//! and read the figures from the output (they go to BENCHMARKS.md).
#![cfg(target_arch = "wasm32")]

use hyperplane_core::datasets::{GeneratorKind, GeneratorParams};
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
    GeneratorParams::new(GeneratorKind::Moons)
        .n_samples(n)
        .noise(0.2)
        .seed(1)
        .generate()
        .unwrap()
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

#[wasm_bindgen_test]
#[ignore]
fn bench_mlp_in_wasm() {
    use hyperplane_core::nn::MlpParams;
    use hyperplane_core::preprocess::train_test_split;
    let playground = MlpParams::default().playground(true);
    for (name, params, n) in [
        ("default 4-2, 500 points", playground.clone(), 500),
        (
            "6 layers of 8, 500 points",
            playground.clone().hidden(vec![8; 6]),
            500,
        ),
        ("default 4-2, 5000 points", playground.clone(), 5000),
    ] {
        let d = GeneratorParams::new(GeneratorKind::Circle)
            .n_samples(n)
            .seed(1)
            .generate()
            .unwrap();
        let s = train_test_split(n, 0.5, 1).unwrap();
        let train = d.select(&s.train).unwrap();
        let mut t = params.check().unwrap().init_classifier(&train).unwrap();
        let epochs = if n > 1000 { 200 } else { 2000 };
        // The first call runs in the browser's baseline tier (V8 compiles wasm with
        // Liftoff first and swaps in optimized code for later calls of hot functions); the
        // studio calls `step` every frame, so the later calls are what it sees.
        let start = now();
        t.step(epochs).unwrap();
        let cold = epochs as f64 / ((now() - start) / 1000.0);
        t.step(epochs).unwrap();
        let mut rates: Vec<f64> = (0..5)
            .map(|_| {
                let start = now();
                t.step(epochs).unwrap();
                epochs as f64 / ((now() - start) / 1000.0)
            })
            .collect();
        rates.sort_by(|a, b| a.total_cmp(b));
        console_log!(
            "wasm: MLP {name}: {:.0} epochs/s (median of 5 calls of {epochs} epochs after two untimed calls; range {:.0}–{:.0}; first call {cold:.0})",
            rates[2],
            rates[0],
            rates[4]
        );
        let m = t.model();
        let spec = GridSpec {
            width: 200,
            height: 200,
            x_feature: 0,
            y_feature: 1,
            x_range: (-6.0, 6.0),
            y_range: (-6.0, 6.0),
            base: vec![0.0, 0.0],
        };
        let (mut out, mut neurons) = (GridOutput::new(), Vec::new());
        let ms = median_ms(11, || {
            m.surface_and_neurons(&spec, &mut out, Some(&mut neurons))
                .unwrap()
        });
        console_log!("wasm: MLP {name}: 200×200 surface and every neuron: {ms:.2} ms");
    }
}

#[wasm_bindgen_test]
#[ignore]
fn bench_knn_grid_in_wasm() {
    use hyperplane_core::neighbors::{KnnParams, KnnWeights};
    let spec = GridSpec {
        width: 200,
        height: 200,
        x_feature: 0,
        y_feature: 1,
        x_range: (-1.5, 2.5),
        y_range: (-1.0, 1.5),
        base: vec![0.0, 0.0],
    };
    for (n, k, weights) in [
        (500, 5, KnnWeights::Uniform),
        (250, 5, KnnWeights::Uniform),
        (1000, 5, KnnWeights::Uniform),
        (500, 15, KnnWeights::Distance),
        (1000, 50, KnnWeights::Distance),
    ] {
        let m = KnnParams::default()
            .k(k)
            .weights(weights)
            .check()
            .unwrap()
            .fit(&moons(n))
            .unwrap();
        let mut out = GridOutput::new();
        // One untimed call first: V8 tiers up hot wasm functions after their first calls.
        m.evaluate_grid(&spec, &mut out).unwrap();
        let ms = median_ms(11, || m.evaluate_grid(&spec, &mut out).unwrap());
        console_log!(
            "wasm: k-NN 200×200 grid, moons n={n}, k={k}, {weights:?} weights: {ms:.2} ms (median of 11 after one untimed call)"
        );
    }
}
