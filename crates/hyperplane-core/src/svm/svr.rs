//! Epsilon-support vector regression, as LIBSVM and scikit-learn's `SVR`: the dual over
//! 2n variables (α and α*) solved by the same SMO solver as the classifier.

use ndarray::{Array2, ArrayView2};
use serde::{Deserialize, Serialize};

use super::expansion_grid::{evaluate_rows, Expansion};
use super::params::{kernel_is_finite, svm_builders, SvmParams};
use super::qmatrix::KernelRows;
use super::smo::{solve, Problem};
use crate::dataset::Dataset;
use crate::dataset::{check_finite, check_query};
use crate::error::{Error, Result};
use crate::grid::{GridModel, GridOutput, GridSpec};
use crate::kernel::{dot, Kernel};

/// SVR hyperparameters, meaning what scikit-learn's mean: the kernel, C and the solver
/// shared with the SVC, and the tube's half-width.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct SvrParams {
    #[serde(flatten)]
    pub svm: SvmParams,
    /// Half-width of the tube inside which errors cost nothing.
    pub epsilon: f64,
}

impl Default for SvrParams {
    fn default() -> Self {
        Self {
            svm: SvmParams::default(),
            epsilon: 0.1,
        }
    }
}

impl SvrParams {
    svm_builders!();

    pub fn epsilon(mut self, epsilon: f64) -> Self {
        self.epsilon = epsilon;
        self
    }

    pub fn check(&self) -> Result<SvrValidParams> {
        self.svm.check()?;
        if !(self.epsilon.is_finite() && self.epsilon >= 0.0) {
            return Err(Error::InvalidParam {
                name: "epsilon",
                value: self.epsilon,
                reason: "must be a finite number ≥ 0",
            });
        }
        Ok(SvrValidParams(self.clone()))
    }
}

/// Parameters that passed [`SvrParams::check`].
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SvrValidParams(SvrParams);

impl SvrValidParams {
    pub fn params(&self) -> &SvrParams {
        &self.0
    }

    pub fn fit(&self, data: &Dataset) -> Result<Svr> {
        let p = &self.0;
        let y = data.values()?;
        let x = data.x();
        let (l, d) = (x.nrows(), x.ncols());
        let kernel = p.svm.resolve_kernel(x);
        // Variables i (α, sign +1) and i + l (α*, sign −1) share sample i.
        let flat: Vec<f64> = x.iter().copied().collect();
        let doubled: Vec<f64> = flat.iter().chain(&flat).copied().collect();
        let signs: Vec<f64> = (0..2 * l).map(|i| if i < l { 1.0 } else { -1.0 }).collect();
        let linear: Vec<f64> = (0..2 * l)
            .map(|i| {
                if i < l {
                    p.epsilon - y[i]
                } else {
                    p.epsilon + y[i - l]
                }
            })
            .collect();
        let mut q = KernelRows::new(kernel, doubled, d, signs.clone(), p.svm.cache_bytes());
        let sol = solve(Problem {
            q: &mut q,
            p: &linear,
            y: &signs,
            c: &vec![p.svm.c; 2 * l],
            eps: p.svm.tol,
            max_iter: p.svm.max_iter,
        });
        let coefs: Vec<(usize, f64)> = (0..l)
            .map(|i| (i, sol.alpha[i] - sol.alpha[i + l]))
            .filter(|&(_, a)| a != 0.0)
            .collect();
        let mut support_vectors = Array2::zeros((coefs.len(), d));
        for (s, &(i, _)) in coefs.iter().enumerate() {
            support_vectors.row_mut(s).assign(&x.row(i));
        }
        Svr::from_parts(SvrParts {
            kernel,
            support_vectors,
            support_indices: coefs.iter().map(|c| c.0).collect(),
            dual_coef: coefs.iter().map(|c| c.1).collect(),
            intercept: -sol.rho,
            converged: sol.converged,
            iterations: sol.iterations,
        })
    }
}

/// Everything that defines a fitted SVR; validated by [`Svr::from_parts`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SvrParts {
    pub kernel: Kernel,
    pub support_vectors: Array2<f64>,
    pub support_indices: Vec<usize>,
    /// α_i − α*_i per support vector.
    pub dual_coef: Vec<f64>,
    /// scikit-learn's `intercept_` (= −ρ).
    pub intercept: f64,
    pub converged: bool,
    pub iterations: usize,
}

/// A fitted support vector regressor: f(x) = Σ coef_s K(s, x) + intercept.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "SvrParts", into = "SvrParts")]
pub struct Svr {
    parts: SvrParts,
    coef_row: Array2<f64>,
    /// ‖s‖² of each support vector, for the rbf kernel.
    sv_sq: Vec<f64>,
    linear_w: Option<Array2<f64>>,
}

impl TryFrom<SvrParts> for Svr {
    type Error = Error;
    fn try_from(parts: SvrParts) -> Result<Self> {
        Svr::from_parts(parts)
    }
}

impl From<Svr> for SvrParts {
    fn from(svr: Svr) -> Self {
        svr.parts
    }
}

impl Svr {
    pub fn from_parts(parts: SvrParts) -> Result<Self> {
        let n_sv = parts.support_vectors.nrows();
        for (what, got) in [
            ("dual_coef length", parts.dual_coef.len()),
            ("support_indices length", parts.support_indices.len()),
        ] {
            if got != n_sv {
                return Err(Error::ShapeMismatch {
                    what,
                    expected: n_sv,
                    got,
                });
            }
        }
        if parts.support_vectors.ncols() == 0 {
            return Err(Error::Format("an SVR needs at least one feature".into()));
        }
        check_finite(parts.support_vectors.view(), "support vectors")?;
        if parts.dual_coef.iter().any(|v| !v.is_finite())
            || !parts.intercept.is_finite()
            || !kernel_is_finite(&parts.kernel)
        {
            return Err(Error::Format(
                "non-finite coefficient, intercept or kernel parameter".into(),
            ));
        }
        let coef_row = Array2::from_shape_vec((1, n_sv), parts.dual_coef.clone())
            .map_err(|e| Error::Format(e.to_string()))?;
        let linear_w = (parts.kernel == Kernel::Linear)
            .then(|| crate::math::matmul_nt(coef_row.view(), parts.support_vectors.t()));
        let sv_sq = parts
            .support_vectors
            .rows()
            .into_iter()
            .map(|r| r.dot(&r))
            .collect();
        Ok(Self {
            parts,
            coef_row,
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
    pub fn support_vectors(&self) -> ArrayView2<'_, f64> {
        self.parts.support_vectors.view()
    }
    pub fn support_indices(&self) -> &[usize] {
        &self.parts.support_indices
    }
    pub fn dual_coef(&self) -> &[f64] {
        &self.parts.dual_coef
    }
    pub fn intercept(&self) -> f64 {
        self.parts.intercept
    }
    pub fn converged(&self) -> bool {
        self.parts.converged
    }

    /// Predicted value per row.
    pub fn predict(&self, x: ArrayView2<'_, f64>) -> Result<Vec<f64>> {
        check_query(x, self.n_features())?;
        let (svs, sq) = (&self.parts.support_vectors, &self.sv_sq);
        Ok(x.rows()
            .into_iter()
            .map(|row| {
                let q: Vec<f64> = row.to_vec();
                if let Some(w) = &self.linear_w {
                    return dot(w.row(0).as_slice().unwrap_or(&[]), &q) + self.parts.intercept;
                }
                let sq_q = dot(&q, &q);
                svs.rows()
                    .into_iter()
                    .zip(sq)
                    .zip(&self.parts.dual_coef)
                    .map(|((s, &ss), &a)| {
                        a * self
                            .parts
                            .kernel
                            .eval(s.as_slice().unwrap_or(&[]), &q, ss, sq_q)
                    })
                    .sum::<f64>()
                    + self.parts.intercept
            })
            .collect())
    }
}

impl GridModel for Svr {
    fn n_features(&self) -> usize {
        Svr::n_features(self)
    }

    /// The predicted value goes to `margin`; `label` is 0.
    fn evaluate_grid(&self, spec: &GridSpec, out: &mut GridOutput) -> Result<()> {
        spec.check(self.n_features())?;
        if spec.x_feature == spec.y_feature {
            return Err(Error::Format("the two plotted features must differ".into()));
        }
        out.prepare(spec);
        out.pair_values.clear();
        let rho = [-self.parts.intercept];
        let expansion = Expansion {
            kernel: self.parts.kernel,
            svs: self.parts.support_vectors.view(),
            coef: self.coef_row.view(),
            rho: &rho,
            linear_w: self.linear_w.as_ref(),
        };
        let w = spec.width;
        let mut scratch = std::mem::take(&mut out.scratch);
        evaluate_rows(&expansion, spec, &mut scratch, |r, acc| {
            for (c, &v) in acc[..w].iter().enumerate() {
                out.label[r * w + c] = 0;
                out.margin[r * w + c] = v as f32;
            }
        });
        out.scratch = scratch;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::kernel::KernelKind;
    use ndarray::array;

    #[test]
    fn fits_a_line_within_epsilon() {
        let x = Array2::from_shape_fn((20, 1), |(i, _)| i as f64 / 4.0);
        let y: Vec<f64> = (0..20).map(|i| 2.0 * i as f64 / 4.0 + 1.0).collect();
        let data =
            Dataset::with_values(x.clone(), y.clone(), vec!["x".into()], "y".into()).unwrap();
        let model = SvrParams::default()
            .kernel(KernelKind::Linear)
            .c(100.0)
            .epsilon(0.05)
            .check()
            .unwrap()
            .fit(&data)
            .unwrap();
        let pred = model.predict(x.view()).unwrap();
        for (p, t) in pred.iter().zip(&y) {
            assert!((p - t).abs() <= 0.05 + 1e-3, "{p} vs {t}");
        }
        let back: Svr = serde_json::from_str(&serde_json::to_string(&model).unwrap()).unwrap();
        assert_eq!(back.predict(x.view()).unwrap(), pred);
    }

    #[test]
    fn rejects_bad_params_and_queries() {
        assert!(SvrParams::default().epsilon(-1.0).check().is_err());
        assert!(SvrParams::default().c(0.0).check().is_err());
        let data = Dataset::with_values(
            array![[0.0], [1.0]],
            vec![0.0, 1.0],
            vec!["x".into()],
            "y".into(),
        )
        .unwrap();
        let m = SvrParams::default().check().unwrap().fit(&data).unwrap();
        assert!(m.predict(array![[0.0, 1.0]].view()).is_err());
        assert!(m.predict(array![[f64::NAN]].view()).is_err());
    }
}
