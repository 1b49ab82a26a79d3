//! Seeded synthetic datasets: TensorFlow Playground's six (with its exact formulas and
//! defaults: 500 points, noise as a fraction 0–0.5 of its 0–50 slider) and
//! scikit-learn's `make_moons` and `make_blobs`.

use ndarray::Array2;
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;
use serde::{Deserialize, Serialize};
use std::f64::consts::PI;

use super::rng::{normal, uniform};
use crate::dataset::Dataset;
use crate::error::{Error, Result};
use crate::math::{cos, sin};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum GeneratorKind {
    Circle,
    Xor,
    Gauss,
    Spiral,
    Moons,
    Blobs,
    RegPlane,
    RegGauss,
}

impl GeneratorKind {
    pub const ALL: [GeneratorKind; 8] = [
        Self::Circle,
        Self::Xor,
        Self::Gauss,
        Self::Spiral,
        Self::Moons,
        Self::Blobs,
        Self::RegPlane,
        Self::RegGauss,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Self::Circle => "circle",
            Self::Xor => "xor",
            Self::Gauss => "gauss",
            Self::Spiral => "spiral",
            Self::Moons => "moons",
            Self::Blobs => "blobs",
            Self::RegPlane => "reg-plane",
            Self::RegGauss => "reg-gauss",
        }
    }

    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.name() == name)
    }

    pub fn is_regression(self) -> bool {
        matches!(self, Self::RegPlane | Self::RegGauss)
    }
}

/// What to generate. `noise` means what it means in the source: TensorFlow Playground's
/// fraction (0–0.5) for its sets, the Gaussian noise's standard deviation for moons
/// (as `make_moons`); blobs use `cluster_std` instead.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct GeneratorParams {
    pub kind: GeneratorKind,
    pub n_samples: usize,
    pub noise: f64,
    pub seed: u64,
    /// Blobs only.
    pub n_classes: usize,
    /// Blobs only.
    pub cluster_std: f64,
}

impl Default for GeneratorParams {
    fn default() -> Self {
        Self {
            kind: GeneratorKind::Circle,
            n_samples: 500,
            noise: 0.0,
            seed: 0,
            n_classes: 3,
            cluster_std: 1.0,
        }
    }
}

impl GeneratorParams {
    pub fn new(kind: GeneratorKind) -> Self {
        Self {
            kind,
            ..Self::default()
        }
    }
    pub fn n_samples(mut self, n: usize) -> Self {
        self.n_samples = n;
        self
    }
    pub fn noise(mut self, noise: f64) -> Self {
        self.noise = noise;
        self
    }
    pub fn seed(mut self, seed: u64) -> Self {
        self.seed = seed;
        self
    }
    pub fn n_classes(mut self, k: usize) -> Self {
        self.n_classes = k;
        self
    }
    pub fn cluster_std(mut self, s: f64) -> Self {
        self.cluster_std = s;
        self
    }

    pub fn check(&self) -> Result<()> {
        if !(2..=100_000).contains(&self.n_samples) {
            return Err(Error::InvalidParam {
                name: "n_samples",
                value: self.n_samples as f64,
                reason: "must be between 2 and 100000",
            });
        }
        let max_noise = if self.kind == GeneratorKind::Moons {
            5.0
        } else {
            0.5
        };
        if !(self.noise.is_finite() && (0.0..=max_noise).contains(&self.noise)) {
            return Err(Error::InvalidParam {
                name: "noise",
                value: self.noise,
                reason: "must be between 0 and 0.5 (moons: 0 and 5)",
            });
        }
        if self.kind == GeneratorKind::Blobs {
            if !(2..=10).contains(&self.n_classes) {
                return Err(Error::InvalidParam {
                    name: "n_classes",
                    value: self.n_classes as f64,
                    reason: "must be between 2 and 10",
                });
            }
            if !(self.cluster_std.is_finite()
                && self.cluster_std >= 0.0
                && self.cluster_std <= 20.0)
            {
                return Err(Error::InvalidParam {
                    name: "cluster_std",
                    value: self.cluster_std,
                    reason: "must be between 0 and 20",
                });
            }
        }
        Ok(())
    }

    /// Generates the data; the same parameters always give the same numbers.
    pub fn generate(&self) -> Result<Dataset> {
        self.check()?;
        let mut rng = ChaCha8Rng::seed_from_u64(self.seed);
        let (n, noise) = (self.n_samples, self.noise);
        let points = match self.kind {
            GeneratorKind::Circle => circle(&mut rng, n, noise),
            GeneratorKind::Xor => xor(&mut rng, n, noise),
            GeneratorKind::Gauss => two_gauss(&mut rng, n, noise),
            GeneratorKind::Spiral => spiral(&mut rng, n, noise),
            GeneratorKind::Moons => moons(&mut rng, n, noise),
            GeneratorKind::Blobs => blobs(&mut rng, n, self.n_classes, self.cluster_std),
            GeneratorKind::RegPlane => reg_plane(&mut rng, n, noise),
            GeneratorKind::RegGauss => reg_gauss(&mut rng, n, noise),
        };
        let x = Array2::from_shape_fn((points.len(), 2), |(i, j)| {
            if j == 0 {
                points[i].0
            } else {
                points[i].1
            }
        });
        let features = vec!["x1".to_string(), "x2".to_string()];
        match self.kind {
            GeneratorKind::RegPlane | GeneratorKind::RegGauss => {
                let y = points.iter().map(|p| p.2).collect();
                Dataset::with_values(x, y, features, "y".into())
            }
            GeneratorKind::Moons | GeneratorKind::Blobs => {
                let k = if self.kind == GeneratorKind::Blobs {
                    self.n_classes
                } else {
                    2
                };
                let y = points.iter().map(|p| p.2 as usize).collect();
                let names = (0..k).map(|c| c.to_string()).collect();
                Dataset::new(x, y, features, names)
            }
            _ => {
                // Playground labels are ±1: class 0 is −1, class 1 is +1.
                let y = points.iter().map(|p| usize::from(p.2 > 0.0)).collect();
                Dataset::new(x, y, features, vec!["-1".into(), "+1".into()])
            }
        }
    }
}

type Point = (f64, f64, f64);

fn dist(x: f64, y: f64, cx: f64, cy: f64) -> f64 {
    ((x - cx).powi(2) + (y - cy).powi(2)).sqrt()
}

/// Positives inside radius 2.5, negatives in the ring 3.5–5; the label is taken at the
/// noisy position but the clean point is kept (as the Playground does).
fn circle(rng: &mut ChaCha8Rng, n: usize, noise: f64) -> Vec<Point> {
    let radius = 5.0;
    let label = |x: f64, y: f64| {
        if dist(x, y, 0.0, 0.0) < radius * 0.5 {
            1.0
        } else {
            -1.0
        }
    };
    let mut pts = Vec::with_capacity(n);
    for (lo, hi, count) in [
        (0.0, radius * 0.5, n / 2),
        (radius * 0.7, radius, n - n / 2),
    ] {
        for _ in 0..count {
            let r = uniform(rng, lo, hi);
            let angle = uniform(rng, 0.0, 2.0 * PI);
            let (x, y) = (r * sin(angle), r * cos(angle));
            let nx = uniform(rng, -radius, radius) * noise;
            let ny = uniform(rng, -radius, radius) * noise;
            pts.push((x, y, label(x + nx, y + ny)));
        }
    }
    pts
}

fn xor(rng: &mut ChaCha8Rng, n: usize, noise: f64) -> Vec<Point> {
    let padding = 0.3;
    (0..n)
        .map(|_| {
            let mut x = uniform(rng, -5.0, 5.0);
            x += if x > 0.0 { padding } else { -padding };
            let mut y = uniform(rng, -5.0, 5.0);
            y += if y > 0.0 { padding } else { -padding };
            let nx = uniform(rng, -5.0, 5.0) * noise;
            let ny = uniform(rng, -5.0, 5.0) * noise;
            let label = if (x + nx) * (y + ny) >= 0.0 {
                1.0
            } else {
                -1.0
            };
            (x, y, label)
        })
        .collect()
}

/// Two Gaussians at (2, 2) and (−2, −2); variance grows linearly from 0.5 to 4 with noise.
fn two_gauss(rng: &mut ChaCha8Rng, n: usize, noise: f64) -> Vec<Point> {
    let variance = 0.5 + (4.0 - 0.5) * noise / 0.5;
    let mut pts = Vec::with_capacity(n);
    for (c, label, count) in [(2.0, 1.0, n / 2), (-2.0, -1.0, n - n / 2)] {
        for _ in 0..count {
            let x = normal(rng, c, variance);
            let y = normal(rng, c, variance);
            pts.push((x, y, label));
        }
    }
    pts
}

fn spiral(rng: &mut ChaCha8Rng, n: usize, noise: f64) -> Vec<Point> {
    let mut pts = Vec::with_capacity(n);
    for (delta, label, count) in [(0.0, 1.0, n / 2), (PI, -1.0, n - n / 2)] {
        let m = count.max(1) as f64;
        for i in 0..count {
            let r = i as f64 / m * 5.0;
            let t = 1.75 * i as f64 / m * 2.0 * PI + delta;
            let x = r * sin(t) + uniform(rng, -1.0, 1.0) * noise;
            let y = r * cos(t) + uniform(rng, -1.0, 1.0) * noise;
            pts.push((x, y, label));
        }
    }
    pts
}

/// scikit-learn's `make_moons`: two interleaving half circles, shuffled, plus Gaussian
/// noise of standard deviation `noise`.
fn moons(rng: &mut ChaCha8Rng, n: usize, noise: f64) -> Vec<Point> {
    let n_out = n / 2;
    let n_in = n - n_out;
    let lin = |k: usize, i: usize| {
        if k > 1 {
            PI * i as f64 / (k - 1) as f64
        } else {
            0.0
        }
    };
    let mut pts: Vec<Point> = (0..n_out)
        .map(|i| (cos(lin(n_out, i)), sin(lin(n_out, i)), 0.0))
        .chain((0..n_in).map(|i| (1.0 - cos(lin(n_in, i)), 1.0 - sin(lin(n_in, i)) - 0.5, 1.0)))
        .collect();
    shuffle(rng, &mut pts);
    if noise > 0.0 {
        for p in &mut pts {
            p.0 += normal(rng, 0.0, noise * noise);
            p.1 += normal(rng, 0.0, noise * noise);
        }
    }
    pts
}

/// scikit-learn's `make_blobs`: `k` centres uniform in the box [−10, 10]², points split
/// evenly (the first `n mod k` centres get one more), isotropic Gaussian spread, shuffled.
fn blobs(rng: &mut ChaCha8Rng, n: usize, k: usize, std: f64) -> Vec<Point> {
    let centres: Vec<(f64, f64)> = (0..k)
        .map(|_| (uniform(rng, -10.0, 10.0), uniform(rng, -10.0, 10.0)))
        .collect();
    let mut pts = Vec::with_capacity(n);
    for (c, &(cx, cy)) in centres.iter().enumerate() {
        let count = n / k + usize::from(c < n % k);
        for _ in 0..count {
            let x = cx + std * normal(rng, 0.0, 1.0);
            let y = cy + std * normal(rng, 0.0, 1.0);
            pts.push((x, y, c as f64));
        }
    }
    shuffle(rng, &mut pts);
    pts
}

/// Target (x + y) / 10 over [−6, 6]², measured at the noisy position.
fn reg_plane(rng: &mut ChaCha8Rng, n: usize, noise: f64) -> Vec<Point> {
    noisy_square(rng, n, noise, |x, nx, y, ny| (x + nx + y + ny) / 10.0)
}

/// The Playground's regression sampling: points uniform in [−6, 6]², each target
/// measured at a position shifted by noise · uniform(−6, 6) per axis; `target` gets
/// (x, nx, y, ny) so each set keeps its own order of additions (and its exact values).
fn noisy_square(
    rng: &mut ChaCha8Rng,
    n: usize,
    noise: f64,
    target: impl Fn(f64, f64, f64, f64) -> f64,
) -> Vec<Point> {
    let radius = 6.0;
    (0..n)
        .map(|_| {
            let x = uniform(rng, -radius, radius);
            let y = uniform(rng, -radius, radius);
            let nx = uniform(rng, -radius, radius) * noise;
            let ny = uniform(rng, -radius, radius) * noise;
            (x, y, target(x, nx, y, ny))
        })
        .collect()
}

/// Six signed bumps; the target is the largest in absolute value of
/// sign · clamp(1 − d/2, 0, 1) over the bumps, d the distance to its centre.
fn reg_gauss(rng: &mut ChaCha8Rng, n: usize, noise: f64) -> Vec<Point> {
    const BUMPS: [(f64, f64, f64); 6] = [
        (-4.0, 2.5, 1.0),
        (0.0, 2.5, -1.0),
        (4.0, 2.5, 1.0),
        (-4.0, -2.5, -1.0),
        (0.0, -2.5, 1.0),
        (4.0, -2.5, -1.0),
    ];
    let label = |x: f64, y: f64| {
        let mut v: f64 = 0.0;
        for &(cx, cy, sign) in &BUMPS {
            let candidate = sign * (1.0 - dist(x, y, cx, cy) / 2.0).clamp(0.0, 1.0);
            if candidate.abs() > v.abs() {
                v = candidate;
            }
        }
        v
    };
    noisy_square(rng, n, noise, |x, nx, y, ny| label(x + nx, y + ny))
}

fn shuffle<T>(rng: &mut ChaCha8Rng, v: &mut [T]) {
    use rand::seq::SliceRandom;
    v.shuffle(rng);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn classes(d: Dataset) -> Dataset {
        assert!(!d.is_regression());
        d
    }

    #[test]
    fn same_seed_same_data_different_seed_different_data() {
        for kind in GeneratorKind::ALL {
            let p = GeneratorParams::new(kind).n_samples(101).noise(0.2).seed(3);
            assert_eq!(p.generate().unwrap(), p.generate().unwrap(), "{kind:?}");
            assert_ne!(
                p.generate().unwrap(),
                p.clone().seed(4).generate().unwrap(),
                "{kind:?}"
            );
        }
    }

    #[test]
    fn noiseless_playground_sets_are_separable_by_their_rule() {
        let circle = classes(
            GeneratorParams::new(GeneratorKind::Circle)
                .generate()
                .unwrap(),
        );
        assert_eq!(circle.n_samples(), 500);
        assert_eq!(circle.class_counts(), vec![250, 250]);
        for i in 0..500 {
            let r = circle.x().row(i).dot(&circle.x().row(i)).sqrt();
            assert_eq!(circle.labels().unwrap()[i] == 1, r < 2.5);
        }
        let xor = classes(GeneratorParams::new(GeneratorKind::Xor).generate().unwrap());
        for i in 0..500 {
            let (x, y) = (xor.x()[[i, 0]], xor.x()[[i, 1]]);
            assert!(x.abs() >= 0.3 && y.abs() >= 0.3);
            assert_eq!(xor.labels().unwrap()[i] == 1, x * y >= 0.0);
        }
    }

    #[test]
    fn moons_and_blobs_follow_scikit_learn_shapes() {
        let m = classes(
            GeneratorParams::new(GeneratorKind::Moons)
                .n_samples(9)
                .generate()
                .unwrap(),
        );
        assert_eq!(m.class_counts(), vec![4, 5]);
        // noiseless: outer moon on the unit circle, inner moon on a circle about (1, 0.5)
        for i in 0..9 {
            let (x, y) = (m.x()[[i, 0]], m.x()[[i, 1]]);
            let r = if m.labels().unwrap()[i] == 0 {
                (x * x + y * y).sqrt()
            } else {
                ((x - 1.0).powi(2) + (y - 0.5).powi(2)).sqrt()
            };
            assert!((r - 1.0).abs() < 1e-12);
        }
        let b = classes(
            GeneratorParams::new(GeneratorKind::Blobs)
                .n_samples(10)
                .n_classes(3)
                .generate()
                .unwrap(),
        );
        assert_eq!(b.class_counts(), vec![4, 3, 3]);
    }

    #[test]
    fn regression_targets_are_in_range() {
        for kind in [GeneratorKind::RegPlane, GeneratorKind::RegGauss] {
            let r = GeneratorParams::new(kind).noise(0.5).generate().unwrap();
            let values = r.values().unwrap();
            assert!(values.iter().all(|v| (-1.8..=1.8).contains(v)), "{kind:?}")
        }
    }

    #[test]
    fn bad_parameters_are_typed_errors() {
        let p = GeneratorParams::new(GeneratorKind::Spiral);
        assert!(p.clone().n_samples(1).generate().is_err());
        assert!(p.clone().noise(0.6).generate().is_err());
        assert!(p.clone().noise(f64::NAN).generate().is_err());
        let b = GeneratorParams::new(GeneratorKind::Blobs);
        assert!(b.clone().n_classes(1).generate().is_err());
        assert!(b.clone().cluster_std(-1.0).generate().is_err());
    }
}
