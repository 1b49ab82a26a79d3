//! Neural network, logistic regression, k-NN and tree costs.
//! Run: `cargo bench -p hyperplane-core --bench engine2`; figures go to BENCHMARKS.md.

#[cfg(not(target_arch = "wasm32"))]
mod native {
    use criterion::{criterion_group, BenchmarkId, Criterion};
    use hyperplane_core::datasets::{GeneratorKind, GeneratorParams};
    use hyperplane_core::grid::{GridModel, GridOutput, GridSpec};
    use hyperplane_core::linear_model::LogisticParams;
    use hyperplane_core::neighbors::{KnnParams, KnnWeights};
    use hyperplane_core::nn::MlpParams;
    use hyperplane_core::preprocess::train_test_split;
    use hyperplane_core::tree::TreeParams;
    use hyperplane_core::Dataset;
    use std::hint::black_box;

    fn generated(kind: GeneratorKind, n: usize, noise: f64) -> Dataset {
        GeneratorParams::new(kind)
            .n_samples(n)
            .noise(noise)
            .seed(1)
            .generate()
            .unwrap()
    }

    /// TensorFlow Playground's default set-up: circle, 500 points, half for training.
    fn playground_train(n: usize) -> Dataset {
        let d = generated(GeneratorKind::Circle, n, 0.0);
        let s = train_test_split(n, 0.5, 1).unwrap();
        d.select(&s.train).unwrap()
    }

    fn spec(w: usize) -> GridSpec {
        GridSpec {
            width: w,
            height: w,
            x_feature: 0,
            y_feature: 1,
            x_range: (-6.0, 6.0),
            y_range: (-6.0, 6.0),
            base: vec![0.0, 0.0],
        }
    }

    fn mlp(c: &mut Criterion) {
        let mut g = c.benchmark_group("mlp_epoch");
        let playground = MlpParams::default().playground(true);
        for (name, params, n) in [
            ("playground_default_4_2_n500", playground.clone(), 500),
            (
                "playground_6x8_n500",
                playground.clone().hidden(vec![8; 6]),
                500,
            ),
            ("playground_default_4_2_n5000", playground.clone(), 5000),
        ] {
            let train = playground_train(n);
            let mut t = params.check().unwrap().init_classifier(&train).unwrap();
            g.bench_function(name, |b| b.iter(|| t.step(1).unwrap()));
        }
        g.finish();

        let mut g = c.benchmark_group("mlp_grid_200x200");
        for (name, hidden) in [("default_4_2", vec![4, 2]), ("6x8", vec![8; 6])] {
            let train = playground_train(500);
            let mut t = playground
                .clone()
                .hidden(hidden)
                .check()
                .unwrap()
                .init_classifier(&train)
                .unwrap();
            t.step(10).unwrap();
            let m = t.model();
            let s = spec(200);
            let mut out = GridOutput::new();
            let mut neurons = Vec::new();
            g.bench_function(format!("{name}_surface_and_every_neuron"), |b| {
                b.iter(|| {
                    m.surface_and_neurons(black_box(&s), &mut out, Some(&mut neurons))
                        .unwrap()
                })
            });
        }
        g.finish();
    }

    fn others(c: &mut Criterion) {
        let mut g = c.benchmark_group("fit");
        for n in [200, 1000, 5000] {
            let d = generated(GeneratorKind::Moons, n, 0.2);
            let lr = LogisticParams::default().check().unwrap();
            g.bench_with_input(BenchmarkId::new("logistic_moons", n), &d, |b, d| {
                b.iter(|| lr.fit(black_box(d)).unwrap())
            });
            let mlp = MlpParams::default().check().unwrap();
            g.bench_with_input(
                BenchmarkId::new("mlp_4_2_sgd_200_epochs_moons", n),
                &d,
                |b, d| {
                    b.iter(|| {
                        let mut t = mlp.init_classifier(black_box(d)).unwrap();
                        t.step(200).unwrap();
                    })
                },
            );
            let tree = TreeParams::default().check().unwrap();
            g.bench_with_input(BenchmarkId::new("tree_moons", n), &d, |b, d| {
                b.iter(|| tree.fit(black_box(d)).unwrap())
            });
        }
        g.finish();

        let mut g = c.benchmark_group("knn_grid_200x200");
        for (n, k, weights) in [
            (250, 5, KnnWeights::Uniform),
            (500, 5, KnnWeights::Uniform),
            (1000, 5, KnnWeights::Uniform),
            (500, 15, KnnWeights::Uniform),
            (500, 15, KnnWeights::Distance),
            (1000, 50, KnnWeights::Distance),
        ] {
            let d = generated(GeneratorKind::Moons, n, 0.2);
            let m = KnnParams::default()
                .k(k)
                .weights(weights)
                .check()
                .unwrap()
                .fit(&d)
                .unwrap();
            let mut s = spec(200);
            s.x_range = (-1.5, 2.5);
            s.y_range = (-1.0, 1.5);
            let mut out = GridOutput::new();
            let w = match weights {
                KnnWeights::Uniform => "",
                KnnWeights::Distance => "_distance",
            };
            g.bench_function(format!("k{k}_n{n}{w}"), |b| {
                b.iter(|| m.evaluate_grid(black_box(&s), &mut out).unwrap())
            });
        }
        g.finish();
    }

    criterion_group!(benches, mlp, others);
}

#[cfg(not(target_arch = "wasm32"))]
criterion::criterion_main!(native::benches);

#[cfg(target_arch = "wasm32")]
fn main() {}
