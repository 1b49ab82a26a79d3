//! A linear SVM trained by (sub)gradient descent on the seed article's objective
//!
//! ```text
//! L(w, b) = ½ wᵀw + C Σᵢ max(0, 1 − yᵢ(wᵀxᵢ + b)),   w ← w − η ∇L
//! ```
//!
//! one full-batch step per epoch, so the studio can animate it (`step(n)`) and change C
//! or η between steps. More than two classes are handled one-vs-one, like the SVC, so
//! the two can be compared. The learning rate decays as η / √(1 + t/τ) and the reported
//! model is the running average of the iterates over the second half of training: a
//! plain subgradient step keeps bouncing around the kink of the hinge, while the
//! average converges to the SVC's solution.

use ndarray::{Array1, Array2, ArrayView2};
use serde::{Deserialize, Serialize};

use super::params::{check_positive, pair_count};
use super::svc::ovo_vote;
use crate::dataset::{check_query, Dataset};
use crate::error::{Error, Result};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct LinearSvmParams {
    pub c: f64,
    /// η, the step size at the start.
    pub learning_rate: f64,
    /// τ in η / √(1 + t/τ): epochs until the step has shrunk by √2. `0` keeps η fixed.
    pub decay_epochs: f64,
}

impl Default for LinearSvmParams {
    fn default() -> Self {
        Self {
            c: 1.0,
            learning_rate: 0.01,
            decay_epochs: 100.0,
        }
    }
}

impl LinearSvmParams {
    pub fn c(mut self, c: f64) -> Self {
        self.c = c;
        self
    }
    pub fn learning_rate(mut self, lr: f64) -> Self {
        self.learning_rate = lr;
        self
    }
    pub fn decay_epochs(mut self, tau: f64) -> Self {
        self.decay_epochs = tau;
        self
    }

    pub fn check(&self) -> Result<LinearSvmValidParams> {
        check_positive("C", self.c)?;
        check_positive("learning_rate", self.learning_rate)?;
        if !(self.decay_epochs.is_finite() && self.decay_epochs >= 0.0) {
            return Err(Error::InvalidParam {
                name: "decay_epochs",
                value: self.decay_epochs,
                reason: "must be a finite number ≥ 0",
            });
        }
        Ok(LinearSvmValidParams(self.clone()))
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LinearSvmValidParams(LinearSvmParams);

impl LinearSvmValidParams {
    /// A trainer run for `epochs` epochs from the start (its schedule set to that run).
    pub fn train(&self, data: &Dataset, epochs: u64) -> Result<LinearSvmTrainer> {
        let mut t = self.init(data)?;
        t.step(epochs, epochs)?;
        Ok(t)
    }

    /// A trainer at epoch 0 (w = 0, b = 0 for every pair).
    pub fn init(&self, data: &Dataset) -> Result<LinearSvmTrainer> {
        let y = data.labels()?;
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
        let d = data.n_features();
        let mut pairs = Vec::new();
        for a in 0..classes.len() {
            for b in a + 1..classes.len() {
                let rows: Vec<usize> = (0..data.n_samples())
                    .filter(|&i| y[i] == classes[a] || y[i] == classes[b])
                    .collect();
                let y = rows
                    .iter()
                    .map(|&i| if y[i] == classes[a] { 1.0 } else { -1.0 })
                    .collect();
                let x = data.x().select(ndarray::Axis(0), &rows);
                pairs.push(PairState {
                    classes: (a, b),
                    x,
                    y,
                    w: Array1::zeros(d),
                    b: 0.0,
                    w_avg: Array1::zeros(d),
                    b_avg: 0.0,
                    n_avg: 0,
                });
            }
        }
        Ok(LinearSvmTrainer {
            params: self.0.clone(),
            classes,
            class_names: data.class_names().to_vec(),
            pairs,
            epoch: 0,
            loss: Vec::new(),
        })
    }
}

#[derive(Debug, Clone)]
struct PairState {
    classes: (usize, usize),
    x: Array2<f64>,
    y: Vec<f64>,
    w: Array1<f64>,
    b: f64,
    w_avg: Array1<f64>,
    b_avg: f64,
    n_avg: u64,
}

impl PairState {
    /// The objective at (w, b) and its subgradient's violator sums.
    fn objective(&self, c: f64, w: &Array1<f64>, b: f64) -> f64 {
        let margins = self.x.dot(w);
        let hinge: f64 = margins
            .iter()
            .zip(&self.y)
            .map(|(m, y)| (1.0 - y * (m + b)).max(0.0))
            .sum();
        0.5 * w.dot(w) + c * hinge
    }

    fn step(&mut self, c: f64, eta: f64, average: bool) {
        let margins = self.x.dot(&self.w);
        let mut gw = self.w.clone();
        let mut gb = 0.0;
        for (i, (m, &y)) in margins.iter().zip(&self.y).enumerate() {
            if y * (m + self.b) < 1.0 {
                gw.scaled_add(-c * y, &self.x.row(i));
                gb -= c * y;
            }
        }
        self.w.scaled_add(-eta, &gw);
        self.b -= eta * gb;
        if average {
            self.n_avg += 1;
            let k = 1.0 / self.n_avg as f64;
            self.w_avg *= 1.0 - k;
            self.w_avg.scaled_add(k, &self.w);
            self.b_avg += k * (self.b - self.b_avg);
        }
    }

    fn reported(&self) -> (&Array1<f64>, f64) {
        if self.n_avg > 0 {
            (&self.w_avg, self.b_avg)
        } else {
            (&self.w, self.b)
        }
    }
}

/// Training state: advance it with [`step`](Self::step), read the model at any time.
#[derive(Debug, Clone)]
pub struct LinearSvmTrainer {
    params: LinearSvmParams,
    classes: Vec<usize>,
    class_names: Vec<String>,
    pairs: Vec<PairState>,
    epoch: u64,
    /// Objective (summed over pairs) after each epoch, of the reported model.
    loss: Vec<f64>,
}

impl LinearSvmTrainer {
    pub fn epoch(&self) -> u64 {
        self.epoch
    }
    pub fn loss_history(&self) -> &[f64] {
        &self.loss
    }
    pub fn params(&self) -> &LinearSvmParams {
        &self.params
    }

    /// Changes C or η between steps without resetting the weights.
    pub fn set_params(&mut self, params: &LinearSvmParams) -> Result<()> {
        params.check()?;
        self.params = params.clone();
        Ok(())
    }

    /// Runs `epochs` full-batch steps. `total_epochs` is the planned length of the run;
    /// iterates from its second half are averaged into the reported model (pass 0 to
    /// report the last iterate, as an animation does).
    pub fn step(&mut self, epochs: u64, total_epochs: u64) -> Result<()> {
        let (c, eta0, tau) = (
            self.params.c,
            self.params.learning_rate,
            self.params.decay_epochs,
        );
        for _ in 0..epochs {
            let t = self.epoch as f64;
            let eta = if tau > 0.0 {
                eta0 / (1.0 + t / tau).sqrt()
            } else {
                eta0
            };
            let average = total_epochs > 0 && self.epoch >= total_epochs / 2;
            for p in &mut self.pairs {
                p.step(c, eta, average);
            }
            self.epoch += 1;
            let loss: f64 = self
                .pairs
                .iter()
                .map(|p| {
                    let (w, b) = p.reported();
                    p.objective(c, w, b)
                })
                .sum();
            if !loss.is_finite() {
                return Err(Error::Diverged {
                    epoch: self.epoch,
                    what: "the SVM objective",
                });
            }
            self.loss.push(loss);
        }
        Ok(())
    }

    /// The current model (averaged iterates when averaging has started).
    pub fn model(&self) -> LinearSvm {
        let d = self.pairs.first().map_or(0, |p| p.w.len());
        let mut w = Array2::zeros((self.pairs.len(), d));
        let mut b = Vec::with_capacity(self.pairs.len());
        for (i, p) in self.pairs.iter().enumerate() {
            let (pw, pb) = p.reported();
            w.row_mut(i).assign(pw);
            b.push(pb);
        }
        LinearSvm {
            classes: self.classes.clone(),
            class_names: self.class_names.clone(),
            pairs: self.pairs.iter().map(|p| p.classes).collect(),
            w,
            b,
        }
    }
}

/// A linear one-vs-one classifier: pair p's decision is w_p·x + b_p, positive → its
/// first class.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LinearSvm {
    pub classes: Vec<usize>,
    pub class_names: Vec<String>,
    pub pairs: Vec<(usize, usize)>,
    pub w: Array2<f64>,
    pub b: Vec<f64>,
}

impl LinearSvm {
    pub fn n_features(&self) -> usize {
        self.w.ncols()
    }

    /// Checks the parts agree (as after reading a file): one weight row and bias per
    /// pair, pairs over `classes`, every number finite.
    pub fn validate(&self) -> Result<()> {
        let k = self.classes.len();
        if k < 2 {
            return Err(Error::Format(
                "a linear SVM needs at least two classes".into(),
            ));
        }
        // Sizes first, so nothing is allocated or walked for a hostile class count.
        let n_pairs = pair_count(k)?;
        let expected = (0..k).flat_map(|a| (a + 1..k).map(move |b| (a, b)));
        if self.pairs.len() != n_pairs
            || self.w.nrows() != n_pairs
            || self.b.len() != n_pairs
            || !self.pairs.iter().copied().eq(expected)
        {
            return Err(Error::ShapeMismatch {
                what: "number of class pairs",
                expected: n_pairs,
                got: self.w.nrows(),
            });
        }
        if self.classes.iter().any(|&c| c >= self.class_names.len()) || self.w.ncols() == 0 {
            return Err(Error::Format("classes must index class_names".into()));
        }
        crate::dataset::check_finite(self.w.view(), "weights")?;
        if self.b.iter().any(|v| !v.is_finite()) {
            return Err(Error::Format("non-finite bias".into()));
        }
        Ok(())
    }

    /// Per-pair decision values in scikit-learn's layout (binary: one column, positive
    /// → the second class).
    pub fn decision_function(&self, x: ArrayView2<'_, f64>) -> Result<Array2<f64>> {
        check_query(x, self.n_features())?;
        let mut d = crate::math::matmul_nt(x, self.w.view());
        for (mut col, &b) in d.columns_mut().into_iter().zip(&self.b) {
            col += b;
        }
        if self.pairs.len() == 1 {
            d.mapv_inplace(|v| -v);
        }
        Ok(d)
    }

    pub fn predict(&self, x: ArrayView2<'_, f64>) -> Result<Vec<usize>> {
        check_query(x, self.n_features())?;
        let d = crate::math::matmul_nt(x, self.w.view());
        let mut votes = vec![0u32; self.classes.len()];
        Ok(d.rows()
            .into_iter()
            .map(|r| {
                let vals: Vec<f64> = r.iter().zip(&self.b).map(|(v, bias)| v + bias).collect();
                self.classes[ovo_vote(&self.pairs, &vals, &mut votes)]
            })
            .collect())
    }
}

impl crate::grid::GridModel for LinearSvm {
    fn n_features(&self) -> usize {
        LinearSvm::n_features(self)
    }

    /// Labels by one-vs-one vote; margin as for the SVC (binary: value for class 1).
    fn evaluate_grid(
        &self,
        spec: &crate::grid::GridSpec,
        out: &mut crate::grid::GridOutput,
    ) -> Result<()> {
        spec.check(self.n_features())?;
        out.prepare(spec);
        let n_cells = spec.len();
        let n_pairs = self.pairs.len();
        out.pair_values.resize(n_pairs * n_cells, 0.0);
        let (fx, fy) = (spec.x_feature, spec.y_feature);
        let offsets: Vec<f64> = (0..n_pairs)
            .map(|p| {
                let row = self.w.row(p);
                let rest: f64 = (0..row.len())
                    .filter(|&f| f != fx && f != fy)
                    .map(|f| row[f] * spec.base[f])
                    .sum();
                rest + self.b[p]
            })
            .collect();
        let mut votes = vec![0u32; self.classes.len()];
        let mut vals = vec![0.0; n_pairs];
        for r in 0..spec.height {
            let y = spec.y_at(r);
            for c in 0..spec.width {
                let x = spec.x_at(c);
                let cell = r * spec.width + c;
                let mut lead = f64::INFINITY;
                for (p, v) in vals.iter_mut().enumerate() {
                    *v = self.w[[p, fx]] * x + self.w[[p, fy]] * y + offsets[p];
                    out.pair_values[p * n_cells + cell] = *v as f32;
                    lead = lead.min(v.abs());
                }
                let best = ovo_vote(&self.pairs, &vals, &mut votes);
                out.label[cell] = self.classes[best] as u32;
                out.margin[cell] = if n_pairs == 1 {
                    -out.pair_values[cell]
                } else {
                    lead as f32
                };
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::datasets::{iris, GeneratorKind, GeneratorParams};
    use crate::kernel::KernelKind;
    use crate::preprocess::split_and_standardize;
    use crate::svm::SvcParams;

    fn moons() -> Dataset {
        GeneratorParams::new(GeneratorKind::Moons)
            .n_samples(200)
            .noise(0.2)
            .seed(1)
            .generate()
            .unwrap()
    }

    /// The stated tolerance: after 20 000 epochs at the defaults (η = 0.01, τ = 100),
    /// decision values within 1 % of the range of the linear SVC's.
    #[test]
    fn converges_to_the_linear_svc_decision_function() {
        let iris3 = split_and_standardize(&iris().unwrap(), 1.0, 1)
            .unwrap()
            .train;
        for (name, data) in [("iris", iris3), ("moons", moons())] {
            for c in [0.1, 1.0, 10.0] {
                let svc = SvcParams::default()
                    .kernel(KernelKind::Linear)
                    .c(c)
                    .tol(1e-6)
                    .check()
                    .unwrap()
                    .fit(&data)
                    .unwrap();
                let want = svc.decision_function(data.x()).unwrap();
                let range = want.iter().cloned().fold(f64::MIN, f64::max)
                    - want.iter().cloned().fold(f64::MAX, f64::min);
                let mut t = LinearSvmParams::default()
                    .c(c)
                    .check()
                    .unwrap()
                    .init(&data)
                    .unwrap();
                t.step(20_000, 20_000).unwrap();
                let got = t.model().decision_function(data.x()).unwrap();
                let err = (&got - &want).iter().fold(0.0f64, |m, v| m.max(v.abs())) / range;
                assert!(err < 1e-2, "{name} C={c}: relative error {err}");
                assert_eq!(t.model().predict(data.x()).unwrap().len(), data.n_samples());
            }
        }
    }

    #[test]
    fn stepping_lowers_the_loss_and_accepts_new_params_midway() {
        let data = moons();
        let mut t = LinearSvmParams::default()
            .check()
            .unwrap()
            .init(&data)
            .unwrap();
        t.step(1, 0).unwrap();
        let first = t.loss_history()[0];
        t.step(199, 0).unwrap();
        assert_eq!(t.epoch(), 200);
        let last = *t.loss_history().last().unwrap();
        assert!(last < first * 0.8, "loss {first} → {last}");
        let w_before = t.model().w.clone();
        t.set_params(&LinearSvmParams::default().c(5.0).learning_rate(0.001))
            .unwrap();
        assert_eq!(t.model().w, w_before, "changing params keeps the weights");
        t.step(10, 0).unwrap();
        assert_eq!(t.loss_history().len(), 210);
        assert!(t
            .set_params(&LinearSvmParams::default().learning_rate(-1.0))
            .is_err());
    }

    #[test]
    fn divergence_is_an_error_not_nan() {
        let data = moons();
        let mut t = LinearSvmParams::default()
            .learning_rate(1e200)
            .decay_epochs(0.0)
            .c(1e100)
            .check()
            .unwrap()
            .init(&data)
            .unwrap();
        let err = (0..50).find_map(|_| t.step(1, 0).err());
        assert!(matches!(err, Some(Error::Diverged { .. })), "{err:?}");
    }
}
