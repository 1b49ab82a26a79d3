//! Logistic regression as scikit-learn's `LogisticRegression`: binary (one coefficient
//! vector) or multinomial (softmax, one vector per class), L2 penalty with inverse
//! strength C (objective C·Σ log-loss + ½‖w‖², intercept not penalized) or none. Solved
//! by Newton's method with a backtracking line search, to a tight tolerance: the models
//! are small (one unknown per coefficient) and Newton reaches machine precision in a few
//! steps, so the coefficients match any other exact solver's.

use ndarray::{Array2, ArrayView2};
use serde::{Deserialize, Serialize};

use crate::dataset::{check_query, Dataset};
use crate::error::{Error, Result};
use crate::linalg::solve_spd;
use crate::math::{exp, ln, sigmoid, softplus};
use crate::svm::check_positive;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Penalty {
    #[default]
    L2,
    None,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct LogisticParams {
    /// Inverse regularization strength (scikit-learn's C).
    pub c: f64,
    pub penalty: Penalty,
    /// Stop when every gradient component is below `tol` times the number of samples.
    pub tol: f64,
    pub max_iter: usize,
}

impl Default for LogisticParams {
    fn default() -> Self {
        Self {
            c: 1.0,
            penalty: Penalty::L2,
            tol: 1e-10,
            max_iter: 100,
        }
    }
}

impl LogisticParams {
    pub fn c(mut self, c: f64) -> Self {
        self.c = c;
        self
    }
    pub fn penalty(mut self, p: Penalty) -> Self {
        self.penalty = p;
        self
    }
    pub fn tol(mut self, tol: f64) -> Self {
        self.tol = tol;
        self
    }
    pub fn max_iter(mut self, n: usize) -> Self {
        self.max_iter = n;
        self
    }

    pub fn check(&self) -> Result<LogisticValidParams> {
        check_positive("C", self.c)?;
        check_positive("tol", self.tol)?;
        if self.max_iter == 0 {
            return Err(Error::InvalidParam {
                name: "max_iter",
                value: 0.0,
                reason: "must be at least 1",
            });
        }
        Ok(LogisticValidParams(self.clone()))
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LogisticValidParams(LogisticParams);

/// The problem in Newton's terms: θ holds, per output, d weights then the intercept.
struct Problem<'a> {
    x: ArrayView2<'a, f64>,
    /// Index into `classes` per sample.
    y: Vec<usize>,
    /// Outputs: 1 for binary, k for multinomial.
    k: usize,
    d: usize,
    c: f64,
    penalized: bool,
}

impl Problem<'_> {
    fn m(&self) -> usize {
        self.k * (self.d + 1)
    }

    /// Scores z (per output) for sample i.
    fn scores(&self, theta: &[f64], i: usize, z: &mut [f64]) {
        let row = self.x.row(i);
        for (o, zo) in z.iter_mut().enumerate() {
            let w = &theta[o * (self.d + 1)..(o + 1) * (self.d + 1)];
            *zo = w[self.d] + row.iter().zip(w).map(|(a, b)| a * b).sum::<f64>();
        }
    }

    fn penalty(&self, theta: &[f64]) -> f64 {
        if !self.penalized {
            return 0.0;
        }
        (0..self.k)
            .map(|o| {
                theta[o * (self.d + 1)..o * (self.d + 1) + self.d]
                    .iter()
                    .map(|w| w * w)
                    .sum::<f64>()
            })
            .sum::<f64>()
            / 2.0
    }

    /// The objective C·Σ loss + ½‖w‖² (the C factor is 1 without a penalty).
    fn objective(&self, theta: &[f64]) -> f64 {
        let c = if self.penalized { self.c } else { 1.0 };
        let mut z = vec![0.0; self.k];
        let mut loss = 0.0;
        for i in 0..self.x.nrows() {
            self.scores(theta, i, &mut z);
            loss += if self.k == 1 {
                softplus(z[0]) - if self.y[i] == 1 { z[0] } else { 0.0 }
            } else {
                log_sum_exp(&z) - z[self.y[i]]
            };
        }
        c * loss + self.penalty(theta)
    }

    /// Gradient and Hessian (row-major `m × m`) at θ.
    fn derivatives(&self, theta: &[f64], g: &mut [f64], h: &mut [f64]) {
        let (k, d, m) = (self.k, self.d, self.m());
        let c = if self.penalized { self.c } else { 1.0 };
        g.iter_mut().for_each(|v| *v = 0.0);
        h.iter_mut().for_each(|v| *v = 0.0);
        let mut z = vec![0.0; k];
        let mut p = vec![0.0; k];
        let mut xt = vec![1.0; d + 1];
        for i in 0..self.x.nrows() {
            for (a, b) in xt.iter_mut().zip(self.x.row(i)) {
                *a = *b;
            }
            xt[d] = 1.0;
            self.scores(theta, i, &mut z);
            if k == 1 {
                p[0] = sigmoid(z[0]);
            } else {
                let lse = log_sum_exp(&z);
                for (po, zo) in p.iter_mut().zip(&z) {
                    *po = exp(zo - lse);
                }
            }
            for o in 0..k {
                let target = if k == 1 {
                    f64::from(self.y[i] == 1)
                } else {
                    f64::from(self.y[i] == o)
                };
                let r = c * (p[o] - target);
                for a in 0..=d {
                    g[o * (d + 1) + a] += r * xt[a];
                }
                for o2 in 0..k {
                    let wgt = if k == 1 {
                        p[0] * (1.0 - p[0])
                    } else {
                        p[o] * (f64::from(o == o2) - p[o2])
                    } * c;
                    if wgt == 0.0 {
                        continue;
                    }
                    for a in 0..=d {
                        let row = (o * (d + 1) + a) * m + o2 * (d + 1);
                        let s = wgt * xt[a];
                        for (hv, &xb) in h[row..row + d + 1].iter_mut().zip(&xt) {
                            *hv += s * xb;
                        }
                    }
                }
            }
        }
        if self.penalized {
            for o in 0..k {
                for a in 0..d {
                    let j = o * (d + 1) + a;
                    g[j] += theta[j];
                    h[j * m + j] += 1.0;
                }
            }
        }
    }
}

fn log_sum_exp(z: &[f64]) -> f64 {
    let max = z.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    max + ln(z.iter().map(|v| exp(v - max)).sum::<f64>())
}

impl LogisticValidParams {
    pub fn fit(&self, data: &Dataset) -> Result<LogisticRegression> {
        let p = &self.0;
        let counts = data.class_counts();
        let classes: Vec<usize> = (0..data.n_classes()).filter(|&c| counts[c] > 0).collect();
        if classes.len() < 2 {
            return Err(Error::SingleClass(
                classes
                    .first()
                    .map(|&c| data.class_names()[c].clone())
                    .unwrap_or_default(),
            ));
        }
        let mut index = vec![0; data.n_classes()];
        for (i, &c) in classes.iter().enumerate() {
            index[c] = i;
        }
        let k = if classes.len() == 2 { 1 } else { classes.len() };
        let pb = Problem {
            x: data.x(),
            y: data.labels()?.iter().map(|&c| index[c]).collect(),
            k,
            d: data.n_features(),
            c: p.c,
            penalized: p.penalty == Penalty::L2,
        };
        let m = pb.m();
        let mut theta = vec![0.0; m];
        let mut g = vec![0.0; m];
        let mut h = vec![0.0; m * m];
        let mut f = pb.objective(&theta);
        let mut converged = false;
        let mut iterations = 0;
        let g_tol = p.tol * data.n_samples() as f64 * if pb.penalized { p.c.max(1.0) } else { 1.0 };
        for _ in 0..p.max_iter {
            pb.derivatives(&theta, &mut g, &mut h);
            if g.iter().all(|v| v.abs() <= g_tol) {
                converged = true;
                break;
            }
            let Some(step) = solve_spd(&h, &g) else {
                break;
            };
            let slope: f64 = g.iter().zip(&step).map(|(a, b)| a * b).sum();
            let mut t = 1.0;
            let mut accepted = false;
            let mut trial = vec![0.0; m];
            for _ in 0..60 {
                for ((tr, th), s) in trial.iter_mut().zip(&theta).zip(&step) {
                    *tr = th - t * s;
                }
                let ft = pb.objective(&trial);
                if ft.is_finite() && ft <= f - 1e-4 * t * slope {
                    accepted = true;
                    f = ft;
                    break;
                }
                t /= 2.0;
            }
            iterations += 1;
            if !accepted {
                // No decrease possible at machine precision: this is the optimum.
                converged = g.iter().all(|v| v.abs() <= g_tol.sqrt());
                break;
            }
            theta.copy_from_slice(&trial);
        }
        if theta.iter().any(|v| !v.is_finite()) {
            return Err(Error::Diverged {
                epoch: iterations as u64,
                what: "the logistic regression coefficients",
            });
        }
        let d = pb.d;
        let coef = Array2::from_shape_fn((k, d), |(o, a)| theta[o * (d + 1) + a]);
        let mut intercept: Vec<f64> = (0..k).map(|o| theta[o * (d + 1) + d]).collect();
        if k > 1 {
            // Softmax is unchanged by adding one constant to every (unpenalized)
            // intercept; centre them, as scikit-learn does, so the answer is unique.
            let mean = intercept.iter().sum::<f64>() / k as f64;
            intercept.iter_mut().for_each(|b| *b -= mean);
        }
        Ok(LogisticRegression {
            classes,
            class_names: data.class_names().to_vec(),
            coef,
            intercept,
            converged,
            iterations,
        })
    }
}

/// A fitted logistic regression. For two classes `coef` has one row and its score is
/// the log-odds of the second class; for more, one row per class (softmax).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LogisticRegression {
    pub classes: Vec<usize>,
    pub class_names: Vec<String>,
    /// scikit-learn's `coef_`.
    pub coef: Array2<f64>,
    /// scikit-learn's `intercept_`.
    pub intercept: Vec<f64>,
    pub converged: bool,
    pub iterations: usize,
}

impl LogisticRegression {
    pub fn n_features(&self) -> usize {
        self.coef.ncols()
    }

    /// Checks the parts agree (as after reading a file).
    pub fn validate(&self) -> Result<()> {
        let k = self.classes.len();
        let rows = if k == 2 { 1 } else { k };
        if k < 2 || self.coef.nrows() != rows || self.intercept.len() != rows {
            return Err(Error::ShapeMismatch {
                what: "logistic regression coefficient rows",
                expected: rows,
                got: self.coef.nrows(),
            });
        }
        if self.coef.ncols() == 0 || self.classes.iter().any(|&c| c >= self.class_names.len()) {
            return Err(Error::Format("classes must index class_names".into()));
        }
        crate::dataset::check_finite(self.coef.view(), "coefficients")?;
        if self.intercept.iter().any(|v| !v.is_finite()) {
            return Err(Error::Format("non-finite intercept".into()));
        }
        Ok(())
    }

    /// scikit-learn's `decision_function`: n × 1 log-odds for two classes, n × k scores
    /// otherwise.
    pub fn decision_function(&self, x: ArrayView2<'_, f64>) -> Result<Array2<f64>> {
        check_query(x, self.n_features())?;
        let mut z = crate::math::matmul_nt(x, self.coef.view());
        for (mut col, &b) in z.columns_mut().into_iter().zip(&self.intercept) {
            col += b;
        }
        Ok(z)
    }

    /// Probability of each class (columns in `classes` order).
    pub fn predict_proba(&self, x: ArrayView2<'_, f64>) -> Result<Array2<f64>> {
        let z = self.decision_function(x)?;
        let k = self.classes.len();
        let mut p = Array2::zeros((x.nrows(), k));
        for (i, row) in z.rows().into_iter().enumerate() {
            if k == 2 {
                let p1 = sigmoid(row[0]);
                p[[i, 0]] = 1.0 - p1;
                p[[i, 1]] = p1;
            } else {
                let zs: Vec<f64> = row.to_vec();
                let lse = log_sum_exp(&zs);
                for (c, zc) in zs.iter().enumerate() {
                    p[[i, c]] = exp(zc - lse);
                }
            }
        }
        Ok(p)
    }

    /// The most probable class (dataset index) per row; ties → the lower class.
    pub fn predict(&self, x: ArrayView2<'_, f64>) -> Result<Vec<usize>> {
        let z = self.decision_function(x)?;
        Ok(z.rows()
            .into_iter()
            .map(|row| {
                let best = if self.classes.len() == 2 {
                    usize::from(row[0] > 0.0)
                } else {
                    crate::math::argmax(row.as_slice().unwrap_or(&[]))
                };
                self.classes[best]
            })
            .collect())
    }
}

impl crate::grid::GridModel for LogisticRegression {
    fn n_features(&self) -> usize {
        LogisticRegression::n_features(self)
    }

    /// Binary: label and the log-odds of class 1 as a signed margin. More classes: the
    /// winner's probability lead over the runner-up.
    fn evaluate_grid(
        &self,
        spec: &crate::grid::GridSpec,
        out: &mut crate::grid::GridOutput,
    ) -> Result<()> {
        spec.check(self.n_features())?;
        out.prepare(spec);
        out.pair_values.clear();
        let (fx, fy) = (spec.x_feature, spec.y_feature);
        let rows = self.coef.nrows();
        let offsets: Vec<f64> = (0..rows)
            .map(|o| {
                let row = self.coef.row(o);
                let rest: f64 = (0..row.len())
                    .filter(|&f| f != fx && f != fy)
                    .map(|f| row[f] * spec.base[f])
                    .sum();
                rest + self.intercept[o]
            })
            .collect();
        let mut z = vec![0.0; rows];
        let mut probs = Vec::with_capacity(rows);
        for r in 0..spec.height {
            let y = spec.y_at(r);
            for c in 0..spec.width {
                let x = spec.x_at(c);
                for (o, zo) in z.iter_mut().enumerate() {
                    *zo = self.coef[[o, fx]] * x + self.coef[[o, fy]] * y + offsets[o];
                }
                let cell = r * spec.width + c;
                if rows == 1 {
                    out.label[cell] = self.classes[usize::from(z[0] > 0.0)] as u32;
                    out.margin[cell] = z[0] as f32;
                } else {
                    let lse = log_sum_exp(&z);
                    probs.clear();
                    probs.extend(z.iter().map(|v| exp(v - lse)));
                    let (best, lead) = crate::math::best_and_lead(&probs);
                    out.label[cell] = self.classes[best] as u32;
                    out.margin[cell] = lead as f32;
                }
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::datasets::iris;

    #[test]
    fn probabilities_sum_to_one_and_predictions_follow_them() {
        let d = iris().unwrap();
        let m = LogisticParams::default().check().unwrap().fit(&d).unwrap();
        assert!(m.converged);
        let p = m.predict_proba(d.x()).unwrap();
        for row in p.rows() {
            assert!((row.sum() - 1.0).abs() < 1e-12);
        }
        let acc =
            crate::metrics::accuracy(d.labels().unwrap(), &m.predict(d.x()).unwrap()).unwrap();
        assert!(acc > 0.95, "{acc}");
        assert!(LogisticParams::default().c(0.0).check().is_err());
        assert!(m.predict(ndarray::array![[1.0]].view()).is_err());
    }
}
