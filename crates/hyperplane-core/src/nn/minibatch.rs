//! The forward and backward pass of a run of samples at fixed weights (a minibatch or a
//! part of one), layer by layer over all its samples at once: unit-major buffers reused
//! from call to call, inner loops over the samples, the tanh of a whole layer in one
//! vectorizable call.
//!
//! Per sample, every operation is the one the per-sample backpropagation did, in the
//! same order (dot products summed from −0.0 as `Iterator::sum` does; the gradient added
//! up sample after sample), so training gives the same weights to the last bit,
//! natively and in wasm.

use super::network::{Network, OutputKind};
use crate::math::ln;

/// Most samples in one pass: longer minibatches run in several (the weights do not
/// change within a minibatch), which bounds the buffers for wide networks.
pub(super) const MAX_SAMPLES: usize = 32;

/// Where a pass adds its gradient: (weights, biases), one buffer per layer shaped like it.
pub(super) type GradientSums<'a> = (&'a mut [Vec<f64>], &'a mut [Vec<f64>]);

/// Buffers of one pass, unit-major: value of unit u for sample c at `u·m + c`.
#[derive(Debug, Clone, Default)]
pub(super) struct Minibatch {
    /// The inputs, `d × m`.
    xs: Vec<f64>,
    ys: Vec<f64>,
    acts: Vec<f64>,
    /// dL/dz of every unit.
    deltas: Vec<f64>,
    /// A layer's inputs sample-major (`m × inputs`), for the gradient's inner loop.
    rows: Vec<f64>,
}

impl Minibatch {
    /// Runs the samples `rows` (indices into `x`, row-major with the network's inputs as
    /// columns, and into `y`): adds each sample's loss to `total`, in order, and with
    /// `grad` = (weights, biases) per layer, each sample's gradient, sample after sample.
    pub(super) fn run(
        &mut self,
        net: &Network,
        x: &[f64],
        y: &[f64],
        rows: &[usize],
        total: &mut f64,
        grad: Option<GradientSums<'_>>,
    ) {
        let m = rows.len();
        let d = net.n_inputs();
        let units = net.n_units();
        if m == 0 || d == 0 || units == 0 {
            return;
        }
        self.xs.resize(d * m, 0.0);
        for (i, col) in self.xs.chunks_exact_mut(m).enumerate() {
            for (v, &r) in col.iter_mut().zip(rows) {
                *v = x.get(r * d + i).copied().unwrap_or(0.0);
            }
        }
        self.ys.clear();
        self.ys
            .extend(rows.iter().map(|&r| y.get(r).copied().unwrap_or(0.0)));
        self.acts.resize(units * m, 0.0);
        self.deltas.resize(units * m, 0.0);
        net.forward_columns(&self.xs, m, &mut self.acts);

        // Losses and the output deltas dL/dz.
        let out_start = (units - net.n_outputs()) * m;
        let out = &self.acts[out_start..];
        let out_deltas = &mut self.deltas[out_start..];
        match net.output {
            OutputKind::Softmax => {
                for (c, &yc) in self.ys.iter().enumerate() {
                    let p = out.get(yc as usize * m + c).copied().unwrap_or(0.0);
                    *total += -ln(p.max(1e-300));
                }
                let cols = out_deltas.chunks_exact_mut(m).zip(out.chunks_exact(m));
                for (o, (dcol, acol)) in cols.enumerate() {
                    for ((dv, &a), &yc) in dcol.iter_mut().zip(acol).zip(&self.ys) {
                        *dv = a - f64::from(o == yc as usize);
                    }
                }
            }
            OutputKind::TanhSign => {
                for ((dv, &a), &yc) in out_deltas.iter_mut().zip(out).zip(&self.ys) {
                    let t = if yc > 0.5 { 1.0 } else { -1.0 };
                    *total += 0.5 * (a - t) * (a - t);
                    *dv = (a - t) * (1.0 - a * a);
                }
            }
            OutputKind::Linear => {
                for ((dv, &a), &yc) in out_deltas.iter_mut().zip(out).zip(&self.ys) {
                    *total += 0.5 * (a - yc) * (a - yc);
                    *dv = a - yc;
                }
            }
        }
        let Some((gw, gb)) = grad else {
            return;
        };

        let mut end = units;
        for (li, layer) in net.layers.iter().enumerate().rev() {
            let (n_in, n_out) = (layer.inputs, layer.outputs);
            let start = end - n_out;
            let input: &[f64] = if li == 0 {
                &self.xs
            } else {
                &self.acts[(start - n_in) * m..start * m]
            };
            let deltas = &self.deltas[start * m..end * m];
            // Gradient, sample after sample (each sum in the order of the samples), from
            // the inputs turned sample-major so the innermost loop runs along a row.
            self.rows.resize(m * n_in, 0.0);
            for (i, col) in input.chunks_exact(m).enumerate() {
                for (row, &v) in self.rows.chunks_exact_mut(n_in).zip(col) {
                    if let Some(r) = row.get_mut(i) {
                        *r = v;
                    }
                }
            }
            if let (Some(gw), Some(gb)) = (gw.get_mut(li), gb.get_mut(li)) {
                for (c, in_row) in self.rows.chunks_exact(n_in).enumerate() {
                    let rows = gw.chunks_exact_mut(n_in).zip(gb.iter_mut());
                    for ((grow, gbo), dcol) in rows.zip(deltas.chunks_exact(m)) {
                        let delta = dcol.get(c).copied().unwrap_or(0.0);
                        *gbo += delta;
                        for (g, &a) in grow.iter_mut().zip(in_row) {
                            *g += delta * a;
                        }
                    }
                }
            }
            // The previous layer's deltas: (Σₒ w_oj·δₒ) · f′(a_j).
            if li > 0 {
                let (lower, upper) = self.deltas.split_at_mut(start * m);
                let below = &mut lower[(start - n_in) * m..];
                let acts = &self.acts[(start - n_in) * m..start * m];
                let f = net.hidden_activation;
                for (j, (dcol, acol)) in below
                    .chunks_exact_mut(m)
                    .zip(acts.chunks_exact(m))
                    .enumerate()
                {
                    dcol.fill(-0.0);
                    for (o, scol) in upper[..n_out * m].chunks_exact(m).enumerate() {
                        let w = layer.w[o * n_in + j];
                        for (dv, &s) in dcol.iter_mut().zip(scol) {
                            *dv += w * s;
                        }
                    }
                    for (dv, &a) in dcol.iter_mut().zip(acol) {
                        *dv *= f.derivative_from_output(a);
                    }
                }
            }
            end = start;
        }
    }
}
