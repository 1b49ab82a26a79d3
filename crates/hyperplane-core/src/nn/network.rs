//! The network's parameters and its forward pass, separate from training so a saved or
//! edited network evaluates the same way.

use serde::{Deserialize, Serialize};

use super::activation::Activation;
use crate::error::{Error, Result};
use crate::math::exp;

/// One fully connected layer: `w` is `outputs × inputs`, row-major.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Layer {
    pub inputs: usize,
    pub outputs: usize,
    pub w: Vec<f64>,
    pub b: Vec<f64>,
}

/// How the last layer turns scores into outputs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OutputKind {
    /// Softmax over one unit per class (cross-entropy loss).
    Softmax,
    /// One tanh unit whose sign is the class (TensorFlow Playground; squared loss on ±1).
    TanhSign,
    /// One linear unit (regression; squared loss).
    Linear,
}

/// Layers and activations: everything needed to evaluate the network.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Network {
    pub layers: Vec<Layer>,
    pub hidden_activation: Activation,
    pub output: OutputKind,
}

impl Network {
    pub fn n_inputs(&self) -> usize {
        self.layers.first().map_or(0, |l| l.inputs)
    }
    pub fn n_outputs(&self) -> usize {
        self.layers.last().map_or(0, |l| l.outputs)
    }
    /// Neurons per layer, inputs first.
    pub fn sizes(&self) -> Vec<usize> {
        let mut s = vec![self.n_inputs()];
        s.extend(self.layers.iter().map(|l| l.outputs));
        s
    }
    /// Total number of neuron outputs (all layers after the input).
    pub fn n_units(&self) -> usize {
        self.layers.iter().map(|l| l.outputs).sum()
    }

    /// Checks that consecutive layers connect and every number is finite.
    pub fn validate(&self) -> Result<()> {
        if self.layers.is_empty() {
            return Err(Error::Format("a network needs at least one layer".into()));
        }
        for (i, l) in self.layers.iter().enumerate() {
            if l.inputs == 0
                || l.outputs == 0
                || l.inputs.checked_mul(l.outputs) != Some(l.w.len())
                || l.b.len() != l.outputs
            {
                return Err(Error::Format(format!("layer {i} has inconsistent sizes")));
            }
            if i > 0 && self.layers[i - 1].outputs != l.inputs {
                return Err(Error::Format(format!(
                    "layer {i} does not connect to layer {}",
                    i - 1
                )));
            }
            if l.w.iter().chain(&l.b).any(|v| !v.is_finite()) {
                return Err(Error::Format(format!("layer {i} has a non-finite weight")));
            }
        }
        let out = self.n_outputs();
        let ok = match self.output {
            OutputKind::Softmax => out >= 2,
            OutputKind::TanhSign | OutputKind::Linear => out == 1,
        };
        if !ok {
            return Err(Error::Format(
                "the output layer does not fit the output kind".into(),
            ));
        }
        Ok(())
    }

    /// Forward pass for `n` inputs at once (`xs` row-major `n × inputs`). `acts` receives
    /// every unit's output, unit-major: unit u of sample c at `u·n + c` (resized as
    /// needed); `z` is scratch. Each output has the same bits as [`forward`](Self::forward)
    /// gives for that input alone.
    pub fn forward_batch(&self, xs: &[f64], n: usize, acts: &mut Vec<f64>, z: &mut Vec<f64>) {
        let d = self.n_inputs();
        acts.resize(self.n_units() * n, 0.0);
        z.resize(d * n, 0.0);
        for (i, col) in z.chunks_exact_mut(n.max(1)).enumerate() {
            for (v, row) in col.iter_mut().zip(xs.chunks_exact(d.max(1))) {
                *v = row.get(i).copied().unwrap_or(0.0);
            }
        }
        self.forward_columns(z, n, acts);
    }

    /// Forward pass for `n` inputs, unit-major in and out: input i of sample c at
    /// `xs[i·n + c]`, unit u's output at `acts[u·n + c]` (`acts` holds at least
    /// `n_units·n` values). Layer by layer, so the inner loops run over the samples and
    /// vectorize, yet per sample the very operations of [`forward`](Self::forward) in the
    /// same order (the dot product summed from −0.0 as `Iterator::sum` does, then added to
    /// the bias), so the results are bit-for-bit those of `forward`.
    pub(crate) fn forward_columns(&self, xs: &[f64], n: usize, acts: &mut [f64]) {
        if n == 0 || self.layers.is_empty() {
            return;
        }
        let last = self.layers.len() - 1;
        let mut offset = 0;
        for (li, layer) in self.layers.iter().enumerate() {
            let (done, rest) = acts.split_at_mut(offset * n);
            let input: &[f64] = if li == 0 {
                xs
            } else {
                &done[offset.saturating_sub(layer.inputs) * n..]
            };
            let f = if li < last {
                self.hidden_activation
            } else if self.output == OutputKind::TanhSign {
                Activation::Tanh
            } else {
                Activation::Linear
            };
            let rows = layer.w.chunks_exact(layer.inputs.max(1));
            for ((out, row), &b) in rest.chunks_exact_mut(n).zip(rows).zip(&layer.b) {
                out.fill(-0.0);
                for (&w, col) in row.iter().zip(input.chunks_exact(n)) {
                    for (a, &x) in out.iter_mut().zip(col) {
                        *a += w * x;
                    }
                }
                out.iter_mut().for_each(|a| *a += b);
                f.apply_in_place(out);
            }
            if li == last && self.output == OutputKind::Softmax {
                let k = layer.outputs;
                let out = &mut rest[..k * n];
                for c in 0..n {
                    let max = (0..k)
                        .map(|o| out[o * n + c])
                        .fold(f64::NEG_INFINITY, f64::max);
                    let mut sum = 0.0;
                    for o in 0..k {
                        let e = exp(out[o * n + c] - max);
                        out[o * n + c] = e;
                        sum += e;
                    }
                    for o in 0..k {
                        out[o * n + c] /= sum;
                    }
                }
            }
            offset += layer.outputs;
        }
    }

    /// Forward pass for one input: writes every layer's outputs into `acts` (layer
    /// after layer, `n_units` values); returns the slice of the final outputs.
    pub fn forward<'a>(&self, x: &[f64], acts: &'a mut [f64]) -> &'a [f64] {
        let mut offset = 0;
        let last = self.layers.len() - 1;
        for (li, layer) in self.layers.iter().enumerate() {
            let (done, rest) = acts.split_at_mut(offset);
            let input: &[f64] = if li == 0 {
                x
            } else {
                &done[offset - layer.inputs..]
            };
            let out = &mut rest[..layer.outputs];
            for (o, v) in out.iter_mut().enumerate() {
                let row = &layer.w[o * layer.inputs..(o + 1) * layer.inputs];
                let z = layer.b[o] + row.iter().zip(input).map(|(a, b)| a * b).sum::<f64>();
                *v = if li < last {
                    self.hidden_activation.apply(z)
                } else {
                    match self.output {
                        OutputKind::Softmax | OutputKind::Linear => z,
                        OutputKind::TanhSign => crate::math::tanh(z),
                    }
                };
            }
            if li == last && self.output == OutputKind::Softmax {
                let max = out.iter().copied().fold(f64::NEG_INFINITY, f64::max);
                let mut sum = 0.0;
                for v in out.iter_mut() {
                    *v = exp(*v - max);
                    sum += *v;
                }
                out.iter_mut().for_each(|v| *v /= sum);
            }
            offset += layer.outputs;
        }
        &acts[offset - self.n_outputs()..offset]
    }
}
