//! The k-NN decision surface (`evaluate_grid`, which searches all cells together) gives
//! exactly what per-point `predict_proba` / `predict` give for every cell: the same
//! label and the same margin bit for bit, on random grids, k values, both weightings,
//! data full of distance ties and duplicated points, and more than two features. The
//! regressor's surface likewise equals its per-point `predict`, value for value.

use hyperplane_core::grid::{GridModel, GridOutput, GridSpec};
use hyperplane_core::math::best_and_lead;
use hyperplane_core::neighbors::{KNeighbors, KNeighborsRegressor, KnnParams, KnnWeights};
use hyperplane_core::Dataset;
use ndarray::Array2;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

/// Every cell's query, as the per-cell path builds it.
fn queries(spec: &GridSpec) -> Array2<f64> {
    let mut q = Array2::zeros((spec.len(), spec.base.len()));
    for r in 0..spec.height {
        for c in 0..spec.width {
            let mut row = q.row_mut(r * spec.width + c);
            row.iter_mut().zip(&spec.base).for_each(|(a, b)| *a = *b);
            row[spec.y_feature] = spec.y_at(r);
            row[spec.x_feature] = spec.x_at(c);
        }
    }
    q
}

fn check(m: &KNeighbors, spec: &GridSpec, out: &mut GridOutput, what: &str) {
    m.evaluate_grid(spec, out).unwrap();
    let q = queries(spec);
    let proba = m.predict_proba(q.view()).unwrap();
    let pred = m.predict(q.view()).unwrap();
    assert_eq!(out.label.len(), spec.len());
    for (cell, row) in proba.rows().into_iter().enumerate() {
        let (best, lead) = best_and_lead(row.as_slice().unwrap());
        assert_eq!(out.label[cell], best as u32, "{what}: label of cell {cell}");
        assert_eq!(pred[cell], best, "{what}: predict of cell {cell}");
        assert_eq!(
            out.margin[cell].to_bits(),
            (lead as f32).to_bits(),
            "{what}: margin of cell {cell}"
        );
    }
    assert!(out.pair_values.is_empty());
}

/// `n` points in `d` features; `lattice` rounds coordinates to a coarse lattice (many
/// exact distance ties, points on cell centres) and duplicates some points, sometimes
/// with another label.
fn data(rng: &mut ChaCha8Rng, n: usize, d: usize, classes: usize, lattice: bool) -> Dataset {
    let mut x = Array2::zeros((n, d));
    let mut y = Vec::with_capacity(n);
    for i in 0..n {
        if lattice && i > 0 && rng.random::<f64>() < 0.2 {
            let j = rng.random_range(0..i);
            let src = x.row(j).to_owned();
            x.row_mut(i).assign(&src);
            y.push(if rng.random::<bool>() {
                y[j]
            } else {
                rng.random_range(0..classes)
            });
            continue;
        }
        for f in 0..d {
            let v: f64 = rng.random::<f64>() * 8.0 - 4.0;
            x[[i, f]] = if lattice { v.round() } else { v };
        }
        y.push(rng.random_range(0..classes));
    }
    // every class present
    for (c, label) in y.iter_mut().take(classes).enumerate() {
        *label = c;
    }
    Dataset::new(
        x,
        y,
        (0..d).map(|f| format!("x{f}")).collect(),
        (0..classes).map(|c| format!("c{c}")).collect(),
    )
    .unwrap()
}

fn random_spec(rng: &mut ChaCha8Rng, d: usize, lattice: bool) -> GridSpec {
    let x_feature = rng.random_range(0..d);
    let mut y_feature = rng.random_range(0..d);
    if d > 1 && y_feature == x_feature && rng.random::<f64>() < 0.8 {
        y_feature = (x_feature + 1) % d;
    }
    let (width, height) = (rng.random_range(1..60), rng.random_range(1..60));
    let range = |rng: &mut ChaCha8Rng, cells: usize| {
        if lattice {
            // cell centres on the integers: exact zero distances and ties
            let a = rng.random_range(-6..0) as f64 - 0.5;
            (a, a + cells as f64)
        } else {
            let a = rng.random::<f64>() * 10.0 - 7.0;
            let b = a + 0.1 + rng.random::<f64>() * 10.0;
            if rng.random::<f64>() < 0.2 {
                (b, a) // reversed axis
            } else {
                (a, b)
            }
        }
    };
    let x_range = range(rng, width);
    let y_range = range(rng, height);
    let base = (0..d)
        .map(|_| {
            let v = rng.random::<f64>() * 4.0 - 2.0;
            if lattice {
                v.round()
            } else {
                v
            }
        })
        .collect();
    GridSpec {
        width,
        height,
        x_feature,
        y_feature,
        x_range,
        y_range,
        base,
    }
}

#[test]
fn grid_matches_per_point_predictions() {
    let mut rng = ChaCha8Rng::seed_from_u64(11);
    let mut out = GridOutput::new();
    let mut cases = 0;
    for round in 0..120 {
        let d = [2, 2, 2, 1, 3, 5][round % 6];
        let lattice = round % 3 != 2;
        let n = rng.random_range(1..300);
        let classes = rng.random_range(1..5).min(n);
        let train = data(&mut rng, n, d, classes, lattice);
        for _ in 0..3 {
            let k = match rng.random_range(0..4) {
                0 => 1,
                1 => n,
                _ => rng.random_range(1..=n.min(50)),
            };
            let spec = random_spec(&mut rng, d, lattice);
            for weights in [KnnWeights::Uniform, KnnWeights::Distance] {
                let m = KnnParams::default()
                    .k(k)
                    .weights(weights)
                    .check()
                    .unwrap()
                    .fit(&train)
                    .unwrap();
                let what = format!("round {round} n={n} d={d} k={k} {weights:?} {spec:?}");
                check(&m, &spec, &mut out, &what);
                cases += 1;
            }
        }
    }
    assert_eq!(cases, 720);
}

#[test]
fn grid_matches_per_point_predictions_on_studio_sized_grids() {
    // The studio's case: two features, up to 1 000 points, k up to 50, 240 × 240 cells.
    let mut rng = ChaCha8Rng::seed_from_u64(5);
    let mut out = GridOutput::new();
    for (n, k, lattice) in [(1000, 5, false), (500, 50, true), (250, 15, false)] {
        let train = data(&mut rng, n, 2, 3, lattice);
        let spec = GridSpec {
            width: 240,
            height: 200,
            x_feature: 0,
            y_feature: 1,
            x_range: (-5.0, 5.0),
            y_range: (-4.5, 4.5),
            base: vec![0.0, 0.0],
        };
        for weights in [KnnWeights::Uniform, KnnWeights::Distance] {
            let m = KnnParams::default()
                .k(k)
                .weights(weights)
                .check()
                .unwrap()
                .fit(&train)
                .unwrap();
            check(&m, &spec, &mut out, &format!("n={n} k={k} {weights:?}"));
        }
    }
}

fn check_values(m: &KNeighborsRegressor, spec: &GridSpec, out: &mut GridOutput, what: &str) {
    m.evaluate_grid(spec, out).unwrap();
    let pred = m.predict(queries(spec).view()).unwrap();
    assert_eq!(out.margin.len(), spec.len());
    for (cell, v) in pred.iter().enumerate() {
        assert_eq!(
            out.margin[cell].to_bits(),
            (*v as f32).to_bits(),
            "{what}: value of cell {cell}"
        );
        assert_eq!(out.label[cell], 0);
    }
}

#[test]
fn regressor_grid_matches_per_point_predictions() {
    let mut rng = ChaCha8Rng::seed_from_u64(23);
    let mut out = GridOutput::new();
    let mut cases = 0;
    for round in 0..60 {
        let d = [2, 2, 1, 3][round % 4];
        let lattice = round % 3 != 2;
        let n = rng.random_range(1..300);
        let classes = data(&mut rng, n, d, 1, lattice);
        // Values: a smooth function of the point plus noise, with repeats on the lattice.
        let y: Vec<f64> = classes
            .x()
            .rows()
            .into_iter()
            .map(|r| {
                let v = r.iter().sum::<f64>().sin() + rng.random::<f64>() * 0.1;
                if lattice {
                    (v * 4.0).round() / 4.0
                } else {
                    v
                }
            })
            .collect();
        let train = Dataset::with_values(
            classes.x().to_owned(),
            y,
            classes.feature_names().to_vec(),
            "y".into(),
        )
        .unwrap();
        for _ in 0..3 {
            let k = match rng.random_range(0..4) {
                0 => 1,
                1 => n,
                _ => rng.random_range(1..=n.min(50)),
            };
            let spec = random_spec(&mut rng, d, lattice);
            for weights in [KnnWeights::Uniform, KnnWeights::Distance] {
                let m = KnnParams::default()
                    .k(k)
                    .weights(weights)
                    .check()
                    .unwrap()
                    .fit_regressor(&train)
                    .unwrap();
                let what = format!("round {round} n={n} d={d} k={k} {weights:?} {spec:?}");
                check_values(&m, &spec, &mut out, &what);
                cases += 1;
            }
        }
    }
    assert_eq!(cases, 360);
}
