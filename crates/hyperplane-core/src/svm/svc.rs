//! C-support vector classification, as LIBSVM and scikit-learn's `SVC`: one binary
//! dual problem per pair of classes (one-vs-one), each solved by SMO, prediction by
//! voting.

use ndarray::{Array2, ArrayView2};
use serde::{Deserialize, Serialize};

use super::params::{check_positive, kernel_is_finite, pair_count, svm_builders, SvmParams};
use super::qmatrix::KernelRows;
use super::smo::{solve, Problem};
use crate::dataset::{check_query, Dataset};
use crate::error::{Error, Result};
use crate::kernel::{dot, Kernel};

/// SVC hyperparameters, meaning what scikit-learn's mean: the kernel, C and the solver
/// shared with the SVR, and a weight per class.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct SvcParams {
    #[serde(flatten)]
    pub svm: SvmParams,
    /// Multiplies C per class (indexed by the dataset's class index); `None` = all 1.
    pub class_weight: Option<Vec<f64>>,
}

impl SvcParams {
    svm_builders!();

    pub fn class_weight(mut self, weights: Option<Vec<f64>>) -> Self {
        self.class_weight = weights;
        self
    }

    /// Validates every field, naming the first bad one.
    pub fn check(&self) -> Result<SvcValidParams> {
        self.svm.check()?;
        if let Some(w) = &self.class_weight {
            for &v in w {
                check_positive("class_weight", v)?;
            }
        }
        Ok(SvcValidParams(self.clone()))
    }
}

/// Parameters that passed [`SvcParams::check`].
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SvcValidParams(SvcParams);

impl SvcValidParams {
    pub fn params(&self) -> &SvcParams {
        &self.0
    }

    pub fn fit(&self, data: &Dataset) -> Result<Svc> {
        let p = &self.0;
        let y = data.labels()?;
        let x = data.x();
        let (n, d) = (x.nrows(), x.ncols());
        let counts = data.class_counts();
        let classes: Vec<usize> = (0..data.n_classes()).filter(|&c| counts[c] > 0).collect();
        if classes.len() < 2 {
            let name = classes
                .first()
                .map(|&c| data.class_names()[c].clone())
                .unwrap_or_default();
            return Err(Error::SingleClass(name));
        }
        if let Some(w) = &p.class_weight {
            if w.len() != data.n_classes() {
                return Err(Error::ShapeMismatch {
                    what: "number of class weights",
                    expected: data.n_classes(),
                    got: w.len(),
                });
            }
        }
        let kernel = p.svm.resolve_kernel(x);
        // Row-major copy in logical order, whatever the view's memory layout.
        let flat_all: Vec<f64> = x.iter().copied().collect();
        let rows: Vec<&[f64]> = flat_all.chunks_exact(d).collect();
        let members: Vec<Vec<usize>> = classes
            .iter()
            .map(|&c| (0..n).filter(|&i| y[i] == c).collect())
            .collect();
        let weight = |c: usize| p.class_weight.as_ref().map_or(1.0, |w| w[c]);

        // Solve each pair; remember α per training sample per pair.
        let k = classes.len();
        let mut pairs = Vec::with_capacity(k * (k - 1) / 2);
        let mut pair_alpha: Vec<Vec<(usize, f64)>> = Vec::new();
        let mut rho = Vec::new();
        let mut is_sv = vec![false; n];
        let mut converged = true;
        let mut iterations = 0;
        for a in 0..k {
            for b in a + 1..k {
                let idx: Vec<usize> = members[a].iter().chain(&members[b]).copied().collect();
                let y: Vec<f64> = idx
                    .iter()
                    .map(|&i| if y[i] == classes[a] { 1.0 } else { -1.0 })
                    .collect();
                let c: Vec<f64> = y
                    .iter()
                    .map(|&yi| p.svm.c * weight(if yi > 0.0 { classes[a] } else { classes[b] }))
                    .collect();
                let flat: Vec<f64> = idx.iter().flat_map(|&i| rows[i].iter().copied()).collect();
                let mut q = KernelRows::new(kernel, flat, d, y.clone(), p.svm.cache_bytes());
                let sol = solve(Problem {
                    q: &mut q,
                    p: &vec![-1.0; idx.len()],
                    y: &y,
                    c: &c,
                    eps: p.svm.tol,
                    max_iter: p.svm.max_iter,
                });
                converged &= sol.converged;
                iterations += sol.iterations;
                let coefs: Vec<(usize, f64)> = idx
                    .iter()
                    .zip(&sol.alpha)
                    .zip(&y)
                    .filter(|((_, &al), _)| al > 0.0)
                    .map(|((&i, &al), &yi)| (i, al * yi))
                    .collect();
                for &(i, _) in &coefs {
                    is_sv[i] = true;
                }
                pairs.push((a, b));
                pair_alpha.push(coefs);
                rho.push(sol.rho);
            }
        }

        // Support vectors grouped by class, in training order within a class (LIBSVM's layout).
        let mut sv_index = Vec::new();
        let mut n_support = Vec::with_capacity(k);
        for m in &members {
            let before = sv_index.len();
            sv_index.extend(m.iter().copied().filter(|&i| is_sv[i]));
            n_support.push(sv_index.len() - before);
        }
        let mut position = vec![usize::MAX; n];
        for (s, &i) in sv_index.iter().enumerate() {
            position[i] = s;
        }
        let n_sv = sv_index.len();
        let mut dual_coef = Array2::zeros((pairs.len(), n_sv));
        for (pi, coefs) in pair_alpha.iter().enumerate() {
            for &(i, v) in coefs {
                dual_coef[[pi, position[i]]] = v;
            }
        }
        let mut support_vectors = Array2::zeros((n_sv, d));
        for (s, &i) in sv_index.iter().enumerate() {
            support_vectors.row_mut(s).assign(&x.row(i));
        }
        Svc::from_parts(SvcParts {
            kernel,
            classes,
            class_names: data.class_names().to_vec(),
            support_vectors,
            support_indices: sv_index,
            n_support,
            dual_coef,
            rho,
            converged,
            iterations,
        })
    }
}

/// Everything that defines a fitted SVC; checked by [`Svc::from_parts`], which is also
/// how a deserialized model is validated.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SvcParts {
    pub kernel: Kernel,
    /// The dataset's class indices that had samples, ascending.
    pub classes: Vec<usize>,
    pub class_names: Vec<String>,
    pub support_vectors: Array2<f64>,
    /// Row of each support vector in the training data.
    pub support_indices: Vec<usize>,
    /// Support vectors per entry of `classes`.
    pub n_support: Vec<usize>,
    /// Row p holds α_i·y_i of every support vector in pair p (0 if not in that pair).
    pub dual_coef: Array2<f64>,
    /// Offset per pair: decision = Σ coef·K − ρ, positive for the pair's first class.
    pub rho: Vec<f64>,
    pub converged: bool,
    pub iterations: usize,
}

/// A fitted support vector classifier.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "SvcParts", into = "SvcParts")]
pub struct Svc {
    parts: SvcParts,
    /// Pairs (a, b) of indices into `classes`, a < b, in LIBSVM's order.
    pairs: Vec<(usize, usize)>,
    sv_sq: Vec<f64>,
    /// For the linear kernel: the primal weights per pair, so prediction is O(d).
    linear_w: Option<Array2<f64>>,
}

impl TryFrom<SvcParts> for Svc {
    type Error = Error;
    fn try_from(parts: SvcParts) -> Result<Self> {
        Svc::from_parts(parts)
    }
}

impl From<Svc> for SvcParts {
    fn from(svc: Svc) -> Self {
        svc.parts
    }
}

impl Svc {
    pub fn from_parts(parts: SvcParts) -> Result<Self> {
        let k = parts.classes.len();
        if k < 2 {
            return Err(Error::Format("an SVC needs at least two classes".into()));
        }
        let n_pairs = pair_count(k)?;
        let n_sv = parts.support_vectors.nrows();
        let shape_err = |what, expected, got| {
            Err(Error::ShapeMismatch {
                what,
                expected,
                got,
            })
        };
        if parts.n_support.len() != k {
            return shape_err("n_support length", k, parts.n_support.len());
        }
        let counted = parts
            .n_support
            .iter()
            .try_fold(0usize, |s, &n| s.checked_add(n));
        if counted != Some(n_sv) {
            return shape_err("support vector count", counted.unwrap_or(usize::MAX), n_sv);
        }
        if parts.dual_coef.dim() != (n_pairs, n_sv) {
            return shape_err("dual_coef rows", n_pairs, parts.dual_coef.nrows());
        }
        if parts.rho.len() != n_pairs {
            return shape_err("rho length", n_pairs, parts.rho.len());
        }
        if parts.support_indices.len() != n_sv {
            return shape_err("support_indices length", n_sv, parts.support_indices.len());
        }
        if parts.classes.iter().any(|&c| c >= parts.class_names.len())
            || parts.classes.windows(2).any(|w| w[0] >= w[1])
        {
            return Err(Error::Format(
                "classes must be ascending class indices".into(),
            ));
        }
        crate::dataset::check_finite(parts.support_vectors.view(), "support vectors")?;
        crate::dataset::check_finite(parts.dual_coef.view(), "dual coefficients")?;
        if parts.rho.iter().any(|r| !r.is_finite()) || !kernel_is_finite(&parts.kernel) {
            return Err(Error::Format(
                "non-finite intercept or kernel parameter".into(),
            ));
        }
        let pairs = (0..k)
            .flat_map(|a| (a + 1..k).map(move |b| (a, b)))
            .collect();
        let sv_sq = parts
            .support_vectors
            .rows()
            .into_iter()
            .map(|r| r.dot(&r))
            .collect();
        let linear_w = (parts.kernel == Kernel::Linear)
            .then(|| crate::math::matmul_nt(parts.dual_coef.view(), parts.support_vectors.t()));
        Ok(Self {
            parts,
            pairs,
            sv_sq,
            linear_w,
        })
    }

    pub fn kernel(&self) -> Kernel {
        self.parts.kernel
    }
    pub fn n_features(&self) -> usize {
        self.parts.support_vectors.ncols()
    }
    /// The dataset class indices this model predicts.
    pub fn classes(&self) -> &[usize] {
        &self.parts.classes
    }
    pub fn class_names(&self) -> &[String] {
        &self.parts.class_names
    }
    pub fn support_vectors(&self) -> ArrayView2<'_, f64> {
        self.parts.support_vectors.view()
    }
    pub fn support_indices(&self) -> &[usize] {
        &self.parts.support_indices
    }
    pub fn n_support(&self) -> &[usize] {
        &self.parts.n_support
    }
    pub fn dual_coef(&self) -> ArrayView2<'_, f64> {
        self.parts.dual_coef.view()
    }
    /// Intercept per pair in scikit-learn's sign convention (`intercept_ = −ρ`).
    pub fn intercepts(&self) -> Vec<f64> {
        self.parts.rho.iter().map(|r| -r).collect()
    }
    pub fn pairs(&self) -> &[(usize, usize)] {
        &self.pairs
    }
    pub fn converged(&self) -> bool {
        self.parts.converged
    }
    pub fn iterations(&self) -> usize {
        self.parts.iterations
    }
    pub(crate) fn linear_w(&self) -> Option<&Array2<f64>> {
        self.linear_w.as_ref()
    }

    /// One decision value per pair for one point (LIBSVM's sign: positive → the
    /// pair's first class). `kbuf` is scratch of any size.
    pub(crate) fn pair_values(&self, x: &[f64], kbuf: &mut Vec<f64>, out: &mut [f64]) {
        if let Some(w) = &self.linear_w {
            for (p, o) in out.iter_mut().enumerate() {
                *o = w.row(p).iter().zip(x).map(|(a, b)| a * b).sum::<f64>() - self.parts.rho[p];
            }
            return;
        }
        let sq_x = dot(x, x);
        kbuf.clear();
        kbuf.extend(
            self.parts
                .support_vectors
                .rows()
                .into_iter()
                .zip(&self.sv_sq)
                .map(|(sv, &sq)| {
                    self.parts
                        .kernel
                        .eval(sv.as_slice().unwrap_or(&[]), x, sq, sq_x)
                }),
        );
        for (p, o) in out.iter_mut().enumerate() {
            *o = self
                .parts
                .dual_coef
                .row(p)
                .iter()
                .zip(kbuf.iter())
                .map(|(a, b)| a * b)
                .sum::<f64>()
                - self.parts.rho[p];
        }
    }

    /// Decision values per pair (n × n_pairs), LIBSVM's sign convention.
    pub fn decision_pairs(&self, x: ArrayView2<'_, f64>) -> Result<Array2<f64>> {
        check_query(x, self.n_features())?;
        let mut out = Array2::zeros((x.nrows(), self.pairs.len()));
        let mut kbuf = Vec::new();
        let mut point = vec![0.0; x.ncols()];
        let mut vals = vec![0.0; self.pairs.len()];
        for (i, row) in x.rows().into_iter().enumerate() {
            point.iter_mut().zip(row).for_each(|(p, v)| *p = *v);
            self.pair_values(&point, &mut kbuf, &mut vals);
            out.row_mut(i)
                .iter_mut()
                .zip(&vals)
                .for_each(|(o, v)| *o = *v);
        }
        Ok(out)
    }

    /// scikit-learn's `decision_function` with `decision_function_shape='ovo'`: for two
    /// classes one column, positive → the second class; otherwise one column per pair,
    /// positive → the pair's first class.
    pub fn decision_function(&self, x: ArrayView2<'_, f64>) -> Result<Array2<f64>> {
        let mut d = self.decision_pairs(x)?;
        if self.pairs.len() == 1 {
            d.mapv_inplace(|v| -v);
        }
        Ok(d)
    }

    /// The winning index into `classes` by one-vs-one voting (ties → lowest index,
    /// as LIBSVM), given per-pair values.
    pub(crate) fn vote(&self, values: &[f64], votes: &mut [u32]) -> usize {
        ovo_vote(&self.pairs, values, votes)
    }

    /// Predicted dataset class index per row.
    pub fn predict(&self, x: ArrayView2<'_, f64>) -> Result<Vec<usize>> {
        let d = self.decision_pairs(x)?;
        let mut votes = vec![0; self.parts.classes.len()];
        Ok(d.rows()
            .into_iter()
            .map(|r| {
                let vals: Vec<f64> = r.to_vec();
                self.parts.classes[self.vote(&vals, &mut votes)]
            })
            .collect())
    }
}

/// One-vs-one voting: pair (a, b) votes for a when its value is positive, else for b;
/// the class with most votes wins, ties going to the lower index (as LIBSVM).
pub(crate) fn ovo_vote(pairs: &[(usize, usize)], values: &[f64], votes: &mut [u32]) -> usize {
    votes.iter_mut().for_each(|v| *v = 0);
    for (&(a, b), &v) in pairs.iter().zip(values) {
        votes[if v > 0.0 { a } else { b }] += 1;
    }
    let mut best = 0;
    for (c, &v) in votes.iter().enumerate() {
        if v > votes[best] {
            best = c;
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::datasets::iris;
    use crate::kernel::{Gamma, KernelKind};
    use ndarray::array;

    #[test]
    fn params_check_names_the_bad_field() {
        let bad = |p: SvcParams| match p.check() {
            Err(Error::InvalidParam { name, .. }) => name,
            other => panic!("expected InvalidParam, got {other:?}"),
        };
        assert_eq!(bad(SvcParams::default().c(0.0)), "C");
        assert_eq!(bad(SvcParams::default().c(f64::NAN)), "C");
        assert_eq!(bad(SvcParams::default().gamma(Gamma::Value(0.0))), "gamma");
        assert_eq!(
            bad(SvcParams::default().kernel(KernelKind::Poly).degree(0)),
            "degree"
        );
        assert_eq!(bad(SvcParams::default().tol(-1.0)), "tol");
        assert_eq!(bad(SvcParams::default().coef0(f64::INFINITY)), "coef0");
    }

    #[test]
    fn fit_rejects_single_class_and_predict_rejects_wrong_width() {
        let d = Dataset::new(
            array![[0.0, 1.0], [1.0, 0.0]],
            vec![1, 1],
            vec!["a".into(), "b".into()],
            vec!["x".into(), "y".into()],
        )
        .unwrap();
        let p = SvcParams::default().check().unwrap();
        assert_eq!(p.fit(&d), Err(Error::SingleClass("y".into())));
        let model = p.fit(&iris().unwrap()).unwrap();
        assert!(matches!(
            model.predict(array![[1.0, 2.0]].view()),
            Err(Error::ShapeMismatch { .. })
        ));
        assert!(matches!(
            model.predict(array![[1.0, 2.0, f64::NAN, 0.0]].view()),
            Err(Error::NonFinite { .. })
        ));
    }

    #[test]
    fn serde_round_trip_restores_an_identical_model_and_rejects_tampering() {
        let model = SvcParams::default()
            .check()
            .unwrap()
            .fit(&iris().unwrap())
            .unwrap();
        let json = serde_json::to_string(&model).unwrap();
        let back: Svc = serde_json::from_str(&json).unwrap();
        assert_eq!(back, model);
        let x = iris().unwrap();
        assert_eq!(
            back.decision_pairs(x.x()).unwrap(),
            model.decision_pairs(x.x()).unwrap()
        );
        let mut v: serde_json::Value = serde_json::from_str(&json).unwrap();
        v["rho"] = serde_json::json!([1.0]);
        assert!(serde_json::from_value::<Svc>(v).is_err());
    }
}
