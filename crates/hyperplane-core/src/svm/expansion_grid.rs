//! A kernel expansion `f_o(x) = Σ_s coef[o,s]·K(s, x) − ρ_o` evaluated over a grid.
//! Only two features vary across the grid, so the kernel splits into per-column and
//! per-row factors: for rbf, `exp(−γ‖x−s‖²) = exp(−γ(x₁−s₁)²) · exp(−γ(x₂−s₂)²) ·
//! exp(−γ·rest)`, which turns W·H·n_sv exponentials into (W+H)·n_sv and leaves a
//! multiply-add per cell and support vector that the compiler vectorizes. Other kernels
//! depend on ⟨s, x⟩, which splits into a column term plus a row term.

use ndarray::{Array2, ArrayView2};

use crate::grid::GridSpec;
use crate::kernel::Kernel;
use crate::math::exp;

/// Rows evaluated together, so each column factor is read once per block.
const BLOCK: usize = 4;

pub(crate) struct Expansion<'a> {
    pub kernel: Kernel,
    pub svs: ArrayView2<'a, f64>,
    /// `n_out × n_sv`.
    pub coef: ArrayView2<'a, f64>,
    pub rho: &'a [f64],
    /// For the linear kernel, the primal weights (`n_out × d`).
    pub linear_w: Option<&'a Array2<f64>>,
}

/// Calls `emit(row, values)` for each grid row, with `values` output-major
/// (`values[o·W + col]`). `scratch` is reused between calls.
pub(crate) fn evaluate_rows(
    e: &Expansion<'_>,
    spec: &GridSpec,
    scratch: &mut Vec<f64>,
    mut emit: impl FnMut(usize, &[f64]),
) {
    let (w, h) = (spec.width, spec.height);
    let n_out = e.rho.len();
    let n_sv = e.svs.nrows();
    let (fx, fy) = (spec.x_feature, spec.y_feature);
    let xs: Vec<f64> = (0..w).map(|c| spec.x_at(c)).collect();
    let ys: Vec<f64> = (0..h).map(|r| spec.y_at(r)).collect();

    // scratch: acc (BLOCK rows × n_out × w) | ex (n_sv × w) | ey (n_sv × h) | rest (n_sv)
    let row_len = n_out * w;
    let need = BLOCK * row_len + n_sv * (w + h + 1);
    if scratch.len() < need {
        scratch.resize(need, 0.0);
    }
    let (acc, tail) = scratch.split_at_mut(BLOCK * row_len);
    let (ex, tail) = tail.split_at_mut(n_sv * w);
    let (ey, tail) = tail.split_at_mut(n_sv * h);
    let rest = &mut tail[..n_sv];
    let (svs, coef, rho) = (&e.svs, &e.coef, e.rho);

    enum Mode {
        Linear,
        Separable,
        ByDot,
    }
    let mode = match (e.kernel, e.linear_w) {
        (Kernel::Linear, Some(_)) => Mode::Linear,
        (Kernel::Rbf { gamma }, _) => {
            for s in 0..n_sv {
                let sv = svs.row(s);
                let r: f64 = (0..sv.len())
                    .filter(|&f| f != fx && f != fy)
                    .map(|f| (spec.base[f] - sv[f]).powi(2))
                    .sum();
                rest[s] = exp(-gamma * r);
                for (c, &x) in xs.iter().enumerate() {
                    ex[s * w + c] = exp(-gamma * (x - sv[fx]).powi(2));
                }
                for (r_, &y) in ys.iter().enumerate() {
                    ey[s * h + r_] = exp(-gamma * (y - sv[fy]).powi(2)) * rest[s];
                }
            }
            Mode::Separable
        }
        _ => {
            for s in 0..n_sv {
                let sv = svs.row(s);
                rest[s] = (0..sv.len())
                    .filter(|&f| f != fx && f != fy)
                    .map(|f| spec.base[f] * sv[f])
                    .sum();
                for (c, &x) in xs.iter().enumerate() {
                    ex[s * w + c] = x * sv[fx];
                }
                for (r_, &y) in ys.iter().enumerate() {
                    ey[s * h + r_] = y * sv[fy];
                }
            }
            Mode::ByDot
        }
    };
    let linear: Vec<(f64, f64, f64)> = e
        .linear_w
        .map(|lw| {
            (0..n_out)
                .map(|o| {
                    let row = lw.row(o);
                    let rest: f64 = (0..row.len())
                        .filter(|&f| f != fx && f != fy)
                        .map(|f| row[f] * spec.base[f])
                        .sum();
                    (row[fx], row[fy], rest - rho[o])
                })
                .collect()
        })
        .unwrap_or_default();
    let kernel = e.kernel;
    for r0 in (0..h).step_by(BLOCK) {
        let rows = BLOCK.min(h - r0);
        match mode {
            Mode::Linear => {
                for j in 0..rows {
                    let y = ys[r0 + j];
                    for (o, &(wx, wy, c0)) in linear.iter().enumerate() {
                        let out = &mut acc[j * row_len + o * w..j * row_len + (o + 1) * w];
                        for (a, &x) in out.iter_mut().zip(&xs) {
                            *a = wx * x + wy * y + c0;
                        }
                    }
                }
            }
            Mode::Separable if rows == BLOCK => {
                // Four rows at once: each column factor is loaded once per block.
                for o in 0..n_out {
                    let (a0, rest_) = acc.split_at_mut(row_len);
                    let (a1, rest_) = rest_.split_at_mut(row_len);
                    let (a2, a3) = rest_.split_at_mut(row_len);
                    let r = o * w..(o + 1) * w;
                    let (a0, a1, a2, a3) = (
                        &mut a0[r.clone()],
                        &mut a1[r.clone()],
                        &mut a2[r.clone()],
                        &mut a3[r],
                    );
                    for a in [&mut *a0, &mut *a1, &mut *a2, &mut *a3] {
                        a.iter_mut().for_each(|v| *v = -rho[o]);
                    }
                    for s in 0..n_sv {
                        let c = coef[[o, s]];
                        if c == 0.0 {
                            continue;
                        }
                        let k = &ey[s * h + r0..s * h + r0 + BLOCK];
                        let (k0, k1, k2, k3) = (c * k[0], c * k[1], c * k[2], c * k[3]);
                        let e = &ex[s * w..(s + 1) * w];
                        axpy4(
                            [&mut *a0, &mut *a1, &mut *a2, &mut *a3],
                            [k0, k1, k2, k3],
                            e,
                        );
                    }
                }
            }
            Mode::Separable => {
                for j in 0..rows {
                    let r_ = r0 + j;
                    for o in 0..n_out {
                        let out = &mut acc[j * row_len + o * w..j * row_len + (o + 1) * w];
                        out.iter_mut().for_each(|a| *a = -rho[o]);
                        for s in 0..n_sv {
                            let k = coef[[o, s]] * ey[s * h + r_];
                            if k == 0.0 {
                                continue;
                            }
                            for (a, &e) in out.iter_mut().zip(&ex[s * w..(s + 1) * w]) {
                                *a += k * e;
                            }
                        }
                    }
                }
            }
            Mode::ByDot => {
                for j in 0..rows {
                    let r_ = r0 + j;
                    let out = &mut acc[j * row_len..(j + 1) * row_len];
                    for o in 0..n_out {
                        out[o * w..(o + 1) * w]
                            .iter_mut()
                            .for_each(|a| *a = -rho[o]);
                    }
                    for s in 0..n_sv {
                        let base = ey[s * h + r_] + rest[s];
                        for c in 0..w {
                            let kv = kernel.eval_dot(ex[s * w + c] + base);
                            for o in 0..n_out {
                                out[o * w + c] += coef[[o, s]] * kv;
                            }
                        }
                    }
                }
            }
        }
        for j in 0..rows {
            emit(r0 + j, &acc[j * row_len..(j + 1) * row_len]);
        }
    }
}

/// `a_j += k_j · e` for four rows: the inner loop of every rbf surface.
#[inline]
fn axpy4(a: [&mut [f64]; 4], k: [f64; 4], e: &[f64]) {
    #[cfg(target_arch = "x86_64")]
    if std::arch::is_x86_feature_detected!("avx") {
        // SAFETY: the CPU supports AVX, checked just above.
        unsafe { axpy4_avx(a, k, e) };
        return;
    }
    axpy4_body(a, k, e);
}

/// The same loop compiled with 256-bit vectors. Separate multiplies and adds (no FMA),
/// so results are bit-identical to the portable version.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx")]
unsafe fn axpy4_avx(a: [&mut [f64]; 4], k: [f64; 4], e: &[f64]) {
    axpy4_body(a, k, e);
}

#[inline(always)]
fn axpy4_body(a: [&mut [f64]; 4], k: [f64; 4], e: &[f64]) {
    let [a0, a1, a2, a3] = a;
    let n = e
        .len()
        .min(a0.len())
        .min(a1.len())
        .min(a2.len())
        .min(a3.len());
    let (a0, a1, a2, a3, e) = (
        &mut a0[..n],
        &mut a1[..n],
        &mut a2[..n],
        &mut a3[..n],
        &e[..n],
    );
    for col in 0..n {
        let v = e[col];
        a0[col] += k[0] * v;
        a1[col] += k[1] * v;
        a2[col] += k[2] * v;
        a3[col] += k[3] * v;
    }
}
