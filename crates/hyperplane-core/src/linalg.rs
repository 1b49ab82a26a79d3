//! The little dense linear algebra the solvers need: solving a symmetric positive
//! definite system by Cholesky factorization (Newton steps are small: one unknown per
//! coefficient).

/// Solves `a · x = b` for symmetric positive definite `a` (row-major `n × n`). If the
/// matrix is not numerically positive definite, a growing multiple of the identity is
/// added until it is (a Levenberg–Marquardt style safeguard). `None` if that fails.
pub fn solve_spd(a: &[f64], b: &[f64]) -> Option<Vec<f64>> {
    let n = b.len();
    if a.len() != n * n || a.iter().chain(b).any(|v| !v.is_finite()) {
        return None;
    }
    let scale = (0..n)
        .map(|i| a[i * n + i].abs())
        .fold(0.0, f64::max)
        .max(1e-300);
    let mut shift = 0.0;
    for _ in 0..30 {
        if let Some(l) = cholesky(a, n, shift) {
            // forward then backward substitution
            let mut y = b.to_vec();
            for i in 0..n {
                let s: f64 = (0..i).map(|k| l[i * n + k] * y[k]).sum();
                y[i] = (y[i] - s) / l[i * n + i];
            }
            for i in (0..n).rev() {
                let s: f64 = (i + 1..n).map(|k| l[k * n + i] * y[k]).sum();
                y[i] = (y[i] - s) / l[i * n + i];
            }
            return y.iter().all(|v| v.is_finite()).then_some(y);
        }
        shift = if shift == 0.0 {
            scale * 1e-12
        } else {
            shift * 10.0
        };
    }
    None
}

/// Lower-triangular L with L·Lᵀ = a + shift·I, or `None` if not positive definite.
fn cholesky(a: &[f64], n: usize, shift: f64) -> Option<Vec<f64>> {
    let mut l = vec![0.0; n * n];
    for i in 0..n {
        for j in 0..=i {
            let s: f64 = (0..j).map(|k| l[i * n + k] * l[j * n + k]).sum();
            if i == j {
                let d = a[i * n + i] + shift - s;
                if d <= 0.0 || !d.is_finite() {
                    return None;
                }
                l[i * n + i] = d.sqrt();
            } else {
                l[i * n + j] = (a[i * n + j] - s) / l[j * n + j];
            }
        }
    }
    Some(l)
}

#[cfg(test)]
mod tests {
    #[test]
    fn solves_spd_and_regularizes_singular() {
        let a = [4.0, 2.0, 2.0, 3.0];
        let x = super::solve_spd(&a, &[2.0, 1.0]).unwrap();
        assert!((4.0 * x[0] + 2.0 * x[1] - 2.0).abs() < 1e-12);
        assert!((2.0 * x[0] + 3.0 * x[1] - 1.0).abs() < 1e-12);
        // singular: still returns a finite answer
        assert!(super::solve_spd(&[1.0, 1.0, 1.0, 1.0], &[1.0, 1.0]).is_some());
        assert!(super::solve_spd(&[f64::NAN], &[1.0]).is_none());
        assert!(super::solve_spd(&[1.0], &[1.0, 2.0]).is_none());
    }
}
