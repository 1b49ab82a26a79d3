//! The engine's hot loops compiled to WebAssembly exactly as the page compiles them (the
//! workspace's release profile, wasm-opt -Oz), for scripts/engine_wasm_speed.mjs to time
//! in Node's V8: what a change of optimization level or code layout costs the page's
//! fits, surfaces and training, without a browser's noise. Each export runs one
//! workload once (its data and model made on the first call) and returns a checksum so
//! nothing is optimized away.
//! Build: cargo build --release --target wasm32-unknown-unknown -p hyperplane-core --example wasm_speed

use std::cell::RefCell;

use hyperplane_core::datasets::{GeneratorKind, GeneratorParams};
use hyperplane_core::grid::{GridModel, GridOutput, GridSpec};
use hyperplane_core::kernel::{Gamma, KernelKind};
use hyperplane_core::linear_model::LogisticParams;
use hyperplane_core::neighbors::{KNeighbors, KnnParams, KnnWeights};
use hyperplane_core::nn::{MlpParams, MlpTrainer};
use hyperplane_core::preprocess::train_test_split;
use hyperplane_core::svm::{Svc, SvcParams};
use hyperplane_core::tree::TreeParams;
use hyperplane_core::Dataset;

fn generated(kind: GeneratorKind, n: usize, noise: f64) -> Dataset {
    GeneratorParams::new(kind)
        .n_samples(n)
        .noise(noise)
        .seed(1)
        .generate()
        .unwrap()
}

/// A 240 × 240 surface, the page's grid at 1280 px.
fn spec() -> GridSpec {
    GridSpec {
        width: 240,
        height: 240,
        x_feature: 0,
        y_feature: 1,
        x_range: (-1.5, 2.5),
        y_range: (-1.0, 1.5),
        base: vec![0.0, 0.0],
    }
}

fn sum(out: &GridOutput) -> f64 {
    out.margin.iter().map(|&m| f64::from(m)).sum::<f64>() + out.label.len() as f64
}

struct State {
    moons_1000: Dataset,
    moons_5000: Dataset,
    svc: Svc,
    knn: KNeighbors,
    trainer: MlpTrainer,
    out: GridOutput,
}

thread_local! {
    static STATE: RefCell<Option<State>> = const { RefCell::new(None) };
}

fn with<R>(f: impl FnOnce(&mut State) -> R) -> R {
    STATE.with(|s| {
        let mut s = s.borrow_mut();
        let state = s.get_or_insert_with(|| {
            let moons_1000 = generated(GeneratorKind::Moons, 1000, 0.2);
            let svc = rbf().fit(&moons_1000).unwrap();
            let knn = KnnParams::default()
                .k(15)
                .weights(KnnWeights::Distance)
                .check()
                .unwrap()
                .fit(&generated(GeneratorKind::Moons, 500, 0.2))
                .unwrap();
            // TensorFlow Playground's default: circle, 500 points, half for training.
            let circle = generated(GeneratorKind::Circle, 500, 0.0);
            let train = circle
                .select(&train_test_split(500, 0.5, 1).unwrap().train)
                .unwrap();
            let trainer = MlpParams::default()
                .playground(true)
                .check()
                .unwrap()
                .init_classifier(&train)
                .unwrap();
            State {
                moons_1000,
                moons_5000: generated(GeneratorKind::Moons, 5000, 0.2),
                svc,
                knn,
                trainer,
                out: GridOutput::new(),
            }
        });
        f(state)
    })
}

fn rbf() -> hyperplane_core::svm::SvcValidParams {
    SvcParams::default()
        .kernel(KernelKind::Rbf)
        .gamma(Gamma::Scale)
        .check()
        .unwrap()
}

/// Makes the data and models, so the timed calls do only their work.
#[no_mangle]
pub extern "C" fn prepare() -> f64 {
    with(|s| s.moons_1000.n_samples() as f64)
}

/// An rbf SVC fitted by SMO on 1,000 moons.
#[no_mangle]
pub extern "C" fn svc_fit_rbf_1000() -> f64 {
    with(|s| {
        rbf()
            .fit(&s.moons_1000)
            .unwrap()
            .n_support()
            .iter()
            .sum::<usize>() as f64
    })
}

/// That SVC's decision surface.
#[no_mangle]
pub extern "C" fn svc_surface() -> f64 {
    with(|s| {
        s.svc.evaluate_grid(&spec(), &mut s.out).unwrap();
        sum(&s.out)
    })
}

/// 100 epochs of the playground's 4-2 network on 250 points.
#[no_mangle]
pub extern "C" fn mlp_100_epochs() -> f64 {
    with(|s| {
        s.trainer.step(100).unwrap();
        s.trainer.epoch() as f64
    })
}

/// k-NN's surface, k = 15 with distance weights on 500 moons.
#[no_mangle]
pub extern "C" fn knn_surface() -> f64 {
    with(|s| {
        s.knn.evaluate_grid(&spec(), &mut s.out).unwrap();
        sum(&s.out)
    })
}

/// A decision tree grown on 5,000 moons.
#[no_mangle]
pub extern "C" fn tree_fit_5000() -> f64 {
    with(|s| {
        let t = TreeParams::default().check().unwrap();
        t.fit(&s.moons_5000).unwrap().n_features() as f64
    })
}

/// Logistic regression fitted on 5,000 moons.
#[no_mangle]
pub extern "C" fn logistic_fit_5000() -> f64 {
    with(|s| {
        let p = LogisticParams::default().check().unwrap();
        p.fit(&s.moons_5000).unwrap().n_features() as f64
    })
}
