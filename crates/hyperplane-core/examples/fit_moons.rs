//! Fits an rbf SVC on moons repeatedly, for profiling: `perf record` this example.
use hyperplane_core::datasets::{GeneratorKind, GeneratorParams};
use hyperplane_core::svm::SvcParams;

fn main() {
    let n: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(5000);
    let Ok(d) = GeneratorParams::new(GeneratorKind::Moons)
        .n_samples(n)
        .noise(0.2)
        .seed(1)
        .generate()
    else {
        return;
    };
    let p = SvcParams::default().check().expect("valid defaults");
    for _ in 0..20 {
        let m = p.fit(&d).expect("fits");
        std::hint::black_box(m);
    }
}
