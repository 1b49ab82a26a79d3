//! What the SVC and the SVR share: the kernel and its coefficients, C, and the solver's
//! settings (scikit-learn's kernel, C, gamma, degree, coef0, tol, max_iter and
//! cache_size), checked once.

use ndarray::ArrayView2;
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::kernel::{Gamma, Kernel, KernelKind};

/// The kernel, C and the solver, serialized flat inside [`SvcParams`](super::SvcParams)
/// and [`SvrParams`](super::SvrParams).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct SvmParams {
    pub kernel: KernelKind,
    pub c: f64,
    pub gamma: Gamma,
    pub degree: u32,
    pub coef0: f64,
    /// Stopping tolerance on the maximal KKT violation (scikit-learn's `tol`).
    pub tol: f64,
    /// SMO iterations per problem before giving up with a partial solution.
    pub max_iter: usize,
    /// Kernel cache size in MB (scikit-learn's `cache_size`): rows of the kernel matrix
    /// kept between solver steps. Bigger is faster on large data.
    pub cache_mb: f64,
}

impl Default for SvmParams {
    fn default() -> Self {
        Self {
            kernel: KernelKind::Rbf,
            c: 1.0,
            gamma: Gamma::Scale,
            degree: 3,
            coef0: 0.0,
            tol: 1e-3,
            max_iter: 10_000_000,
            cache_mb: 200.0,
        }
    }
}

/// The builder methods for the shared fields, on a struct with an `svm: SvmParams`.
macro_rules! svm_builders {
    () => {
        pub fn kernel(mut self, kernel: crate::kernel::KernelKind) -> Self {
            self.svm.kernel = kernel;
            self
        }
        pub fn c(mut self, c: f64) -> Self {
            self.svm.c = c;
            self
        }
        pub fn gamma(mut self, gamma: crate::kernel::Gamma) -> Self {
            self.svm.gamma = gamma;
            self
        }
        pub fn degree(mut self, degree: u32) -> Self {
            self.svm.degree = degree;
            self
        }
        pub fn coef0(mut self, coef0: f64) -> Self {
            self.svm.coef0 = coef0;
            self
        }
        pub fn tol(mut self, tol: f64) -> Self {
            self.svm.tol = tol;
            self
        }
        pub fn max_iter(mut self, max_iter: usize) -> Self {
            self.svm.max_iter = max_iter;
            self
        }
        pub fn cache_mb(mut self, mb: f64) -> Self {
            self.svm.cache_mb = mb;
            self
        }
    };
}
pub(crate) use svm_builders;

impl SvmParams {
    /// Checks every shared field, naming the first bad one.
    pub fn check(&self) -> Result<()> {
        check_positive("C", self.c)?;
        check_positive("cache_mb", self.cache_mb)?;
        check_positive("tol", self.tol)?;
        self.gamma.check()?;
        if !self.coef0.is_finite() {
            return Err(Error::InvalidParam {
                name: "coef0",
                value: self.coef0,
                reason: "must be finite",
            });
        }
        if self.kernel == KernelKind::Poly && !(1..=10).contains(&self.degree) {
            return Err(Error::InvalidParam {
                name: "degree",
                value: self.degree as f64,
                reason: "must be between 1 and 10",
            });
        }
        if self.max_iter == 0 {
            return Err(Error::InvalidParam {
                name: "max_iter",
                value: 0.0,
                reason: "must be at least 1",
            });
        }
        Ok(())
    }

    /// The kernel with `gamma` resolved on the training data.
    pub(crate) fn resolve_kernel(&self, x: ArrayView2<'_, f64>) -> Kernel {
        let gamma = self.gamma.resolve(x);
        match self.kernel {
            KernelKind::Linear => Kernel::Linear,
            KernelKind::Rbf => Kernel::Rbf { gamma },
            KernelKind::Poly => Kernel::Poly {
                gamma,
                degree: self.degree,
                coef0: self.coef0,
            },
            KernelKind::Sigmoid => Kernel::Sigmoid {
                gamma,
                coef0: self.coef0,
            },
        }
    }

    /// The cache budget in bytes; `check` has ensured a positive finite size.
    pub(crate) fn cache_bytes(&self) -> usize {
        (self.cache_mb * 1024.0 * 1024.0).min(usize::MAX as f64 / 2.0) as usize
    }
}

/// How many one-vs-one pairs `k` classes make, k(k−1)/2, or an error where that does
/// not fit a `usize` (on wasm32 it is 32 bits: a file listing 100,000 classes must be
/// refused, not wrap around).
pub(crate) fn pair_count(k: usize) -> Result<usize> {
    k.checked_mul(k.saturating_sub(1))
        .map(|p| p / 2)
        .ok_or_else(|| Error::Format(format!("{k} classes make too many class pairs")))
}

pub(crate) fn check_positive(name: &'static str, value: f64) -> Result<()> {
    if value.is_finite() && value > 0.0 {
        Ok(())
    } else {
        Err(Error::InvalidParam {
            name,
            value,
            reason: "must be a positive finite number",
        })
    }
}

/// Whether a stored kernel's numbers are usable (as after reading a file).
pub(crate) fn kernel_is_finite(k: &Kernel) -> bool {
    match *k {
        Kernel::Linear => true,
        Kernel::Rbf { gamma } => gamma.is_finite(),
        Kernel::Poly {
            gamma,
            degree,
            coef0,
        } => gamma.is_finite() && coef0.is_finite() && degree <= 10,
        Kernel::Sigmoid { gamma, coef0 } => gamma.is_finite() && coef0.is_finite(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pair_counts_are_checked_not_wrapped() {
        assert_eq!(pair_count(3).unwrap(), 3);
        assert_eq!(pair_count(2).unwrap(), 1);
        assert!(pair_count(usize::MAX).is_err());
        assert!(pair_count(1 << (usize::BITS / 2 + 1)).is_err());
    }
}
