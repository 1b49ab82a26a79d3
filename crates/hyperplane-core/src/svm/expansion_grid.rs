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

    // scratch: acc (n_out × w) | ex (n_sv × w) | ey (n_sv × h) | rest (n_sv)
    let need = n_out * w + n_sv * (w + h + 1);
    if scratch.len() < need {
        scratch.resize(need, 0.0);
    }
    let (acc, tail) = scratch.split_at_mut(n_out * w);
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
    for (r_, &y) in ys.iter().enumerate() {
        match mode {
            Mode::Linear => {
                for (o, &(wx, wy, c0)) in linear.iter().enumerate() {
                    for (a, &x) in acc[o * w..(o + 1) * w].iter_mut().zip(&xs) {
                        *a = wx * x + wy * y + c0;
                    }
                }
            }
            Mode::Separable => {
                for o in 0..n_out {
                    let row = &mut acc[o * w..(o + 1) * w];
                    row.iter_mut().for_each(|a| *a = -rho[o]);
                    for s in 0..n_sv {
                        let k = coef[[o, s]] * ey[s * h + r_];
                        if k == 0.0 {
                            continue;
                        }
                        for (a, &e) in row.iter_mut().zip(&ex[s * w..(s + 1) * w]) {
                            *a += k * e;
                        }
                    }
                }
            }
            Mode::ByDot => {
                for o in 0..n_out {
                    acc[o * w..(o + 1) * w]
                        .iter_mut()
                        .for_each(|a| *a = -rho[o]);
                }
                for s in 0..n_sv {
                    let base = ey[s * h + r_] + rest[s];
                    for c in 0..w {
                        let kv = kernel.eval_dot(ex[s * w + c] + base);
                        for o in 0..n_out {
                            acc[o * w + c] += coef[[o, s]] * kv;
                        }
                    }
                }
            }
        }
        emit(r_, acc);
    }
}
