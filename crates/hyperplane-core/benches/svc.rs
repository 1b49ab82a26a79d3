//! SVC fit and decision-surface costs. Run: `cargo bench -p hyperplane-core --bench svc`.
//! Figures are written down in BENCHMARKS.md.

#[cfg(not(target_arch = "wasm32"))]
mod native {
    use criterion::{criterion_group, BenchmarkId, Criterion};
    use hyperplane_core::datasets::{iris, GeneratorKind, GeneratorParams};
    use hyperplane_core::grid::{GridModel, GridOutput, GridSpec};
    use hyperplane_core::kernel::{Gamma, KernelKind};
    use hyperplane_core::preprocess::split_and_standardize;
    use hyperplane_core::svm::SvcParams;
    use hyperplane_core::Dataset;
    use ndarray::Array2;
    use rand::{Rng, SeedableRng};
    use rand_chacha::ChaCha8Rng;
    use std::hint::black_box;

    /// Two overlapping Gaussian classes in 2-D: an rbf SVC keeps many support vectors.
    fn overlapping(n: usize, seed: u64) -> Dataset {
        let mut rng = ChaCha8Rng::seed_from_u64(seed);
        let mut x = Array2::zeros((n, 2));
        let mut y = vec![0; n];
        for i in 0..n {
            let class = i % 2;
            let centre = if class == 0 { -0.5 } else { 0.5 };
            for f in 0..2 {
                // Box–Muller
                let (u1, u2): (f64, f64) = (rng.random::<f64>().max(1e-12), rng.random());
                x[[i, f]] = centre + (-2.0 * u1.ln()).sqrt() * (std::f64::consts::TAU * u2).cos();
            }
            y[i] = class;
        }
        Dataset::new(
            x,
            y,
            vec!["a".into(), "b".into()],
            vec!["0".into(), "1".into()],
        )
        .unwrap()
    }

    /// Moons with noise 0.2 and seed 1, as `hyperplane data --dataset moons` gives them
    /// to scripts/sklearn_timing.py.
    fn moons(n: usize) -> Dataset {
        GeneratorParams::new(GeneratorKind::Moons)
            .n_samples(n)
            .noise(0.2)
            .seed(1)
            .generate()
            .unwrap()
    }

    fn spec(d: usize, w: usize) -> GridSpec {
        GridSpec {
            width: w,
            height: w,
            x_feature: 0,
            y_feature: 1,
            x_range: (-3.0, 3.0),
            y_range: (-3.0, 3.0),
            base: vec![0.0; d],
        }
    }

    fn fit(c: &mut Criterion) {
        let data = split_and_standardize(&iris().unwrap(), 0.8, 42).unwrap();
        let two = data.train.select_features(&[0, 1]).unwrap();
        let mut g = c.benchmark_group("svc_fit");
        for (name, d, kernel) in [
            ("iris4d_linear", &data.train, KernelKind::Linear),
            ("iris4d_rbf", &data.train, KernelKind::Rbf),
            ("iris2d_linear", &two, KernelKind::Linear),
            ("iris2d_rbf", &two, KernelKind::Rbf),
        ] {
            let p = SvcParams::default().kernel(kernel).check().unwrap();
            g.bench_function(name, |b| b.iter(|| p.fit(black_box(d)).unwrap()));
        }
        for n in [200, 1000, 5000] {
            let d = moons(n);
            let p = SvcParams::default()
                .kernel(KernelKind::Rbf)
                .gamma(Gamma::Scale)
                .check()
                .unwrap();
            g.bench_with_input(BenchmarkId::new("moons_rbf", n), &d, |b, d| {
                b.iter(|| p.fit(black_box(d)).unwrap())
            });
        }
        g.finish();
    }

    fn grid(c: &mut Criterion) {
        let mut g = c.benchmark_group("svc_grid_200x200");
        let data = split_and_standardize(&iris().unwrap(), 0.8, 42).unwrap();
        for kernel in [KernelKind::Linear, KernelKind::Rbf, KernelKind::Poly] {
            let model = SvcParams::default()
                .kernel(kernel)
                .check()
                .unwrap()
                .fit(&data.train)
                .unwrap();
            let s = spec(4, 200);
            let mut out = GridOutput::new();
            let n_sv: usize = model.n_support().iter().sum();
            g.bench_function(format!("iris4d_{}_{}sv", kernel.name(), n_sv), |b| {
                b.iter(|| model.evaluate_grid(black_box(&s), &mut out).unwrap())
            });
        }
        for n in [100, 400, 1000] {
            let d = overlapping(n, 7);
            let model = SvcParams::default().check().unwrap().fit(&d).unwrap();
            let n_sv: usize = model.n_support().iter().sum();
            let s = spec(2, 200);
            let mut out = GridOutput::new();
            g.bench_function(format!("overlap2d_rbf_{n_sv}sv"), |b| {
                b.iter(|| model.evaluate_grid(black_box(&s), &mut out).unwrap())
            });
        }
        g.finish();
    }

    criterion_group!(benches, fit, grid);
}

#[cfg(not(target_arch = "wasm32"))]
criterion::criterion_main!(native::benches);

#[cfg(target_arch = "wasm32")]
fn main() {}
