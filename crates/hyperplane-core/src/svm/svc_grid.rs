//! The SVC's decision surface over a grid: the one-vs-one pair values from the kernel
//! expansion, then a vote and a confidence per cell.

use super::expansion_grid::{evaluate_rows, Expansion};
use super::svc::Svc;
use crate::error::{Error, Result};
use crate::grid::{GridModel, GridOutput, GridSpec};

impl GridModel for Svc {
    fn n_features(&self) -> usize {
        Svc::n_features(self)
    }

    fn evaluate_grid(&self, spec: &GridSpec, out: &mut GridOutput) -> Result<()> {
        spec.check(self.n_features())?;
        if spec.x_feature == spec.y_feature {
            return Err(Error::Format("the two plotted features must differ".into()));
        }
        out.prepare(spec);
        let n_cells = spec.len();
        let n_pairs = self.pairs().len();
        out.pair_values.resize(n_pairs * n_cells, 0.0);
        let w = spec.width;
        let rho: Vec<f64> = self.intercepts().iter().map(|b| -b).collect();
        let expansion = Expansion {
            kernel: self.kernel(),
            svs: self.support_vectors(),
            coef: self.dual_coef(),
            rho: &rho,
            linear_w: self.linear_w(),
        };
        let mut vals = vec![0.0; n_pairs];
        let mut votes = vec![0u32; self.classes().len()];
        let mut scores = vec![0.0; self.classes().len()];
        let mut scratch = std::mem::take(&mut out.scratch);
        evaluate_rows(&expansion, spec, &mut scratch, |r, acc| {
            for c in 0..w {
                for (p, v) in vals.iter_mut().enumerate() {
                    *v = acc[p * w + c];
                }
                let win = self.vote(&vals, &mut votes);
                let cell = r * w + c;
                for (p, &v) in vals.iter().enumerate() {
                    out.pair_values[p * n_cells + cell] = v as f32;
                }
                out.label[cell] = self.classes()[win] as u32;
                out.margin[cell] = if n_pairs == 1 {
                    -vals[0] as f32
                } else {
                    ovr_lead(self.pairs(), &vals, &votes, &mut scores) as f32
                };
            }
        });
        out.scratch = scratch;
        Ok(())
    }
}

/// scikit-learn's one-vs-rest score (votes plus a squashed sum of confidences, each
/// term below ⅓ so it never overturns a vote); returns winner minus runner-up.
fn ovr_lead(pairs: &[(usize, usize)], vals: &[f64], votes: &[u32], scores: &mut [f64]) -> f64 {
    scores.iter_mut().for_each(|s| *s = 0.0);
    for (&(a, b), &v) in pairs.iter().zip(vals) {
        scores[a] += v;
        scores[b] -= v;
    }
    let (mut first, mut second) = (f64::NEG_INFINITY, f64::NEG_INFINITY);
    for (s, &v) in scores.iter_mut().zip(votes) {
        *s = v as f64 + *s / (3.0 * (s.abs() + 1.0));
        if *s > first {
            second = first;
            first = *s;
        } else if *s > second {
            second = *s;
        }
    }
    first - second
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::datasets::iris;
    use crate::kernel::{Gamma, KernelKind};
    use crate::preprocess::split_and_standardize;
    use crate::svm::SvcParams;
    use ndarray::Array2;

    /// The separable fast paths must agree with evaluating each cell's point directly.
    #[test]
    fn grid_matches_pointwise_prediction_for_every_kernel() {
        let p = split_and_standardize(&iris().unwrap(), 0.8, 42).unwrap();
        let binary_rows: Vec<usize> = (0..p.train.n_samples())
            .filter(|&i| p.train.labels().unwrap()[i] > 0)
            .collect();
        let binary = p.train.select(&binary_rows).unwrap();
        for data in [&p.train, &binary] {
            for kernel in KernelKind::ALL {
                let model = SvcParams::default()
                    .kernel(kernel)
                    .gamma(Gamma::Value(0.3))
                    .coef0(0.5)
                    .check()
                    .unwrap()
                    .fit(data)
                    .unwrap();
                let spec = GridSpec {
                    width: 17,
                    height: 13,
                    x_feature: 0,
                    y_feature: 2,
                    x_range: (-2.5, 2.0),
                    y_range: (-1.5, 1.8),
                    base: vec![0.1, -0.2, 0.3, 0.4],
                };
                let mut out = GridOutput::new();
                model.evaluate_grid(&spec, &mut out).unwrap();
                let mut points = Array2::zeros((spec.len(), 4));
                for r in 0..spec.height {
                    for c in 0..spec.width {
                        let mut pt = spec.base.clone();
                        pt[0] = spec.x_at(c);
                        pt[2] = spec.y_at(r);
                        points
                            .row_mut(r * spec.width + c)
                            .assign(&ndarray::arr1(&pt));
                    }
                }
                let pred = model.predict(points.view()).unwrap();
                let dec = model.decision_function(points.view()).unwrap();
                for cell in 0..spec.len() {
                    assert_eq!(
                        out.label[cell] as usize, pred[cell],
                        "{kernel:?} cell {cell}"
                    );
                    let pairs = model.decision_pairs(points.view()).unwrap();
                    for p in 0..pairs.ncols() {
                        let v = out.pair_values[p * spec.len() + cell] as f64;
                        assert!((v - pairs[[cell, p]]).abs() < 1e-5);
                    }
                    if dec.ncols() == 1 {
                        assert!((out.margin[cell] as f64 - dec[[cell, 0]]).abs() < 1e-5);
                    } else {
                        assert!(out.margin[cell] >= 0.0);
                    }
                }
            }
        }
    }

    #[test]
    fn grid_rejects_bad_specs() {
        let p = split_and_standardize(&iris().unwrap(), 0.8, 1).unwrap();
        let model = SvcParams::default().check().unwrap().fit(&p.train).unwrap();
        let good = GridSpec {
            width: 4,
            height: 4,
            x_feature: 0,
            y_feature: 1,
            x_range: (-1.0, 1.0),
            y_range: (-1.0, 1.0),
            base: vec![0.0; 4],
        };
        let mut out = GridOutput::new();
        assert!(model.evaluate_grid(&good, &mut out).is_ok());
        for bad in [
            GridSpec {
                base: vec![0.0; 3],
                ..good.clone()
            },
            GridSpec {
                x_feature: 4,
                ..good.clone()
            },
            GridSpec {
                y_feature: 0,
                ..good.clone()
            },
            GridSpec {
                width: 0,
                ..good.clone()
            },
            GridSpec {
                x_range: (f64::NAN, 1.0),
                ..good.clone()
            },
        ] {
            assert!(model.evaluate_grid(&bad, &mut out).is_err());
        }
    }
}
