//! Kernel functions with scikit-learn's parameter meanings.

use ndarray::ArrayView2;
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};

/// Which kernel, before `gamma` is resolved against the data.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum KernelKind {
    Linear,
    #[default]
    Rbf,
    Poly,
    Sigmoid,
}

impl KernelKind {
    pub const ALL: [KernelKind; 4] = [Self::Linear, Self::Rbf, Self::Poly, Self::Sigmoid];

    pub fn name(self) -> &'static str {
        match self {
            Self::Linear => "linear",
            Self::Rbf => "rbf",
            Self::Poly => "poly",
            Self::Sigmoid => "sigmoid",
        }
    }

    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.name() == name)
    }

    /// Whether `gamma` enters the kernel (it does not for `linear`).
    pub fn uses_gamma(self) -> bool {
        self != Self::Linear
    }
}

/// scikit-learn's `gamma`: `scale` = 1 / (n_features · Var(X)), `auto` = 1 / n_features,
/// or a positive number.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Gamma {
    #[default]
    Scale,
    Auto,
    Value(f64),
}

impl Gamma {
    pub fn check(self) -> Result<Self> {
        match self {
            Gamma::Value(g) if !(g.is_finite() && g > 0.0) => Err(Error::InvalidParam {
                name: "gamma",
                value: g,
                reason: "must be a positive finite number",
            }),
            g => Ok(g),
        }
    }

    /// The number this gamma stands for on training data `x`.
    pub fn resolve(self, x: ArrayView2<'_, f64>) -> f64 {
        let d = x.ncols().max(1) as f64;
        match self {
            Gamma::Value(g) => g,
            Gamma::Auto => 1.0 / d,
            Gamma::Scale => {
                let n = x.len().max(1) as f64;
                let mean = x.sum() / n;
                let var = x.iter().map(|v| (v - mean) * (v - mean)).sum::<f64>() / n;
                if var > 0.0 {
                    1.0 / (d * var)
                } else {
                    1.0
                }
            }
        }
    }
}

/// A kernel with every parameter resolved to a number.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum Kernel {
    Linear,
    Rbf { gamma: f64 },
    Poly { gamma: f64, degree: u32, coef0: f64 },
    Sigmoid { gamma: f64, coef0: f64 },
}

impl Kernel {
    pub fn kind(&self) -> KernelKind {
        match self {
            Kernel::Linear => KernelKind::Linear,
            Kernel::Rbf { .. } => KernelKind::Rbf,
            Kernel::Poly { .. } => KernelKind::Poly,
            Kernel::Sigmoid { .. } => KernelKind::Sigmoid,
        }
    }

    /// k(a, b). `sq_a`/`sq_b` are ‖a‖², ‖b‖², precomputed because the rbf kernel needs
    /// them and every caller evaluates many pairs.
    #[inline]
    pub fn eval(&self, a: &[f64], b: &[f64], sq_a: f64, sq_b: f64) -> f64 {
        let dot = dot(a, b);
        match *self {
            Kernel::Linear => dot,
            Kernel::Rbf { gamma } => crate::math::exp(-gamma * (sq_a + sq_b - 2.0 * dot)),
            Kernel::Poly {
                gamma,
                degree,
                coef0,
            } => powi(gamma * dot + coef0, degree),
            Kernel::Sigmoid { gamma, coef0 } => crate::math::tanh(gamma * dot + coef0),
        }
    }
}

impl Kernel {
    /// k as a function of ⟨a, b⟩ alone; valid for every kernel but rbf.
    #[inline]
    pub fn eval_dot(&self, dot: f64) -> f64 {
        match *self {
            Kernel::Linear => dot,
            Kernel::Rbf { .. } => f64::NAN,
            Kernel::Poly {
                gamma,
                degree,
                coef0,
            } => powi(gamma * dot + coef0, degree),
            Kernel::Sigmoid { gamma, coef0 } => crate::math::tanh(gamma * dot + coef0),
        }
    }
}

#[inline]
pub fn dot(a: &[f64], b: &[f64]) -> f64 {
    a.iter().zip(b).map(|(x, y)| x * y).sum()
}

/// Integer power by squaring (as LIBSVM), exact for the small degrees used here.
#[inline]
fn powi(base: f64, times: u32) -> f64 {
    let (mut tmp, mut ret, mut t) = (base, 1.0, times);
    while t > 0 {
        if t % 2 == 1 {
            ret *= tmp;
        }
        tmp *= tmp;
        t /= 2;
    }
    ret
}

#[cfg(test)]
mod tests {
    use super::*;
    use ndarray::array;

    #[test]
    fn kernels_match_their_formulas() {
        let (a, b) = ([1.0, 2.0], [3.0, -1.0]);
        let (sa, sb) = (dot(&a, &a), dot(&b, &b));
        assert_eq!(Kernel::Linear.eval(&a, &b, sa, sb), 1.0);
        let rbf = Kernel::Rbf { gamma: 0.5 }.eval(&a, &b, sa, sb);
        assert!((rbf - (-0.5f64 * 13.0).exp()).abs() < 1e-15);
        let poly = Kernel::Poly {
            gamma: 2.0,
            degree: 3,
            coef0: 1.0,
        }
        .eval(&a, &b, sa, sb);
        assert_eq!(poly, 27.0);
        let sig = Kernel::Sigmoid {
            gamma: 1.0,
            coef0: 0.0,
        }
        .eval(&a, &b, sa, sb);
        assert!((sig - 1f64.tanh()).abs() < 1e-15);
    }

    #[test]
    fn gamma_scale_is_one_over_features_times_variance() {
        let x = array![[0.0, 2.0], [2.0, 0.0]];
        // all entries: mean 1, variance 1
        assert_eq!(Gamma::Scale.resolve(x.view()), 0.5);
        assert_eq!(Gamma::Auto.resolve(x.view()), 0.5);
        assert_eq!(Gamma::Scale.resolve(array![[1.0, 1.0]].view()), 1.0);
        assert!(Gamma::Value(-1.0).check().is_err());
        assert!(Gamma::Value(f64::INFINITY).check().is_err());
    }
}
