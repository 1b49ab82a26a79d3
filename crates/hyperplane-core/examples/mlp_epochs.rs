//! Trains TensorFlow Playground's default network for many epochs, for profiling:
//! `perf record` this example.
use hyperplane_core::datasets::{GeneratorKind, GeneratorParams};
use hyperplane_core::nn::MlpParams;
use hyperplane_core::preprocess::train_test_split;

fn main() {
    let Ok(d) = GeneratorParams::new(GeneratorKind::Circle)
        .seed(1)
        .generate()
    else {
        return;
    };
    let Ok(s) = train_test_split(d.n_samples(), 0.5, 1) else {
        return;
    };
    let Ok(train) = d.select(&s.train) else {
        return;
    };
    let Ok(mut t) = MlpParams::default()
        .playground(true)
        .check()
        .and_then(|p| p.init_classifier(&train))
    else {
        return;
    };
    let start = std::time::Instant::now();
    let _ = t.step(20_000);
    println!("{:.0} epochs/s", 20_000.0 / start.elapsed().as_secs_f64());
}
