//! Transcendental functions from the pure-Rust `libm`, on every target. The standard
//! library calls the platform's C library natively but a Rust port of it in wasm, and
//! the two can differ in the last bit; using one implementation everywhere makes the same
//! seed give bit-identical data and models natively and in the browser.
//!
//! Matrix products are written as row-by-row dot products for the same reason: a
//! general matrix multiply picks SIMD/FMA kernels by CPU at run time.

use ndarray::{Array2, ArrayView2};

#[inline]
pub fn exp(x: f64) -> f64 {
    libm::exp(x)
}
#[inline]
pub fn ln(x: f64) -> f64 {
    libm::log(x)
}
#[inline]
pub fn sin(x: f64) -> f64 {
    libm::sin(x)
}
#[inline]
pub fn cos(x: f64) -> f64 {
    libm::cos(x)
}
#[inline]
pub fn tanh(x: f64) -> f64 {
    libm::tanh(x)
}

/// `a · bᵀ` by row dot products (deterministic across targets).
pub fn matmul_nt(a: ArrayView2<'_, f64>, b: ArrayView2<'_, f64>) -> Array2<f64> {
    Array2::from_shape_fn((a.nrows(), b.nrows()), |(i, j)| a.row(i).dot(&b.row(j)))
}

#[cfg(test)]
mod tests {
    use ndarray::array;

    #[test]
    fn functions_agree_with_std_closely() {
        for x in [-3.0, -0.5, 0.0, 0.7, 2.0, 10.0] {
            assert!((super::exp(x) - x.exp()).abs() <= 1e-15 * x.exp().max(1.0));
            assert!((super::sin(x) - x.sin()).abs() < 1e-15);
            assert!((super::cos(x) - x.cos()).abs() < 1e-15);
            assert!((super::tanh(x) - x.tanh()).abs() < 1e-15);
        }
        assert!((super::ln(2.0) - std::f64::consts::LN_2).abs() < 1e-16);
        let a = array![[1.0, 2.0], [3.0, 4.0]];
        assert_eq!(
            super::matmul_nt(a.view(), a.view()),
            array![[5.0, 11.0], [11.0, 25.0]]
        );
    }
}
