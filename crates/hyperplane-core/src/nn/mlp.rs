//! A trained network: its layers, what its outputs mean and the inputs it reads.

use ndarray::{Array2, ArrayView2};
use serde::{Deserialize, Serialize};

use super::network::{Network, OutputKind};
use super::params::Target;
use crate::dataset::check_query;
use crate::error::{Error, Result};
use crate::features::{expand, FeatureTransform};
use crate::grid::{GridModel, GridOutput, GridSpec};

/// A trained network and what its outputs mean.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Mlp {
    pub network: Network,
    pub target: Target,
    /// TensorFlow Playground's input features: when not empty, the model reads two
    /// features and feeds the network these functions of them (x₁², sin x₂, …).
    #[serde(default)]
    pub input_transforms: Vec<FeatureTransform>,
}

impl Mlp {
    /// The number of columns the model reads (2 when it expands them itself).
    pub fn n_features(&self) -> usize {
        if self.input_transforms.is_empty() {
            self.network.n_inputs()
        } else {
            2
        }
    }

    /// The network's input for raw rows: expanded if the model has input transforms.
    fn inputs(&self, x: ArrayView2<'_, f64>) -> Result<Array2<f64>> {
        check_query(x, self.n_features())?;
        if self.input_transforms.is_empty() {
            Ok(x.to_owned())
        } else {
            expand(x, &self.input_transforms)
        }
    }

    pub fn validate(&self) -> Result<()> {
        self.network.validate()?;
        if !self.input_transforms.is_empty()
            && self.input_transforms.len() != self.network.n_inputs()
        {
            return Err(Error::Format(
                "the input transforms do not match the network's inputs".into(),
            ));
        }
        match (&self.target, self.network.output) {
            (Target::Classes { names }, OutputKind::Softmax)
                if names.len() == self.network.n_outputs() =>
            {
                Ok(())
            }
            (Target::Classes { names }, OutputKind::TanhSign) if names.len() == 2 => Ok(()),
            (Target::Values { .. }, OutputKind::Linear) => Ok(()),
            _ => Err(Error::Format(
                "the network's output does not fit its target".into(),
            )),
        }
    }

    /// Raw outputs per row (probabilities, the tanh unit, or values).
    pub fn outputs(&self, x: ArrayView2<'_, f64>) -> Result<Array2<f64>> {
        let x = self.inputs(x)?;
        let mut acts = vec![0.0; self.network.n_units()];
        let mut out = Array2::zeros((x.nrows(), self.network.n_outputs()));
        let mut q = vec![0.0; x.ncols()];
        for (i, row) in x.rows().into_iter().enumerate() {
            q.iter_mut().zip(row).for_each(|(a, b)| *a = *b);
            let o = self.network.forward(&q, &mut acts);
            out.row_mut(i).iter_mut().zip(o).for_each(|(a, b)| *a = *b);
        }
        Ok(out)
    }

    /// Class probabilities (classification). The Playground's tanh output t maps to
    /// P(class 1) = (t + 1) / 2.
    pub fn predict_proba(&self, x: ArrayView2<'_, f64>) -> Result<Array2<f64>> {
        let out = self.outputs(x)?;
        match self.network.output {
            OutputKind::Softmax => Ok(out),
            OutputKind::TanhSign => Ok(Array2::from_shape_fn((out.nrows(), 2), |(i, c)| {
                let p1 = ((out[[i, 0]] + 1.0) / 2.0).clamp(0.0, 1.0);
                if c == 1 {
                    p1
                } else {
                    1.0 - p1
                }
            })),
            OutputKind::Linear => Err(Error::Format("a regression network has no classes".into())),
        }
    }

    pub fn predict(&self, x: ArrayView2<'_, f64>) -> Result<Vec<usize>> {
        let p = self.predict_proba(x)?;
        Ok(p.rows()
            .into_iter()
            .map(|r| crate::math::argmax(r.as_slice().unwrap_or(&[])))
            .collect())
    }

    pub fn predict_values(&self, x: ArrayView2<'_, f64>) -> Result<Vec<f64>> {
        if self.network.output != OutputKind::Linear {
            return Err(Error::Format(
                "a classification network predicts classes".into(),
            ));
        }
        Ok(self.outputs(x)?.column(0).to_vec())
    }

    /// Mean loss (cross-entropy, or ½ squared error against ±1 or the values); `y` holds
    /// class indices as numbers or target values.
    pub fn loss(&self, x: ArrayView2<'_, f64>, y: &[f64]) -> Result<f64> {
        let out = self.outputs(x)?;
        if y.len() != out.nrows() || y.is_empty() {
            return Err(Error::ShapeMismatch {
                what: "number of targets",
                expected: out.nrows(),
                got: y.len(),
            });
        }
        let mut total = 0.0;
        for (row, &t) in out.rows().into_iter().zip(y) {
            total += match self.network.output {
                OutputKind::Softmax => {
                    let c = t as usize;
                    -crate::math::ln(row.get(c).copied().unwrap_or(0.0).max(1e-300))
                }
                OutputKind::TanhSign => {
                    let s = if t > 0.5 { 1.0 } else { -1.0 };
                    0.5 * (row[0] - s) * (row[0] - s)
                }
                OutputKind::Linear => 0.5 * (row[0] - t) * (row[0] - t),
            };
        }
        Ok(total / y.len() as f64)
    }

    /// Every neuron's output over the grid, for thumbnails: `out[u·W·H + cell]` for unit
    /// u in layer order (hidden layers, then the output layer).
    pub fn neuron_grid(&self, spec: &GridSpec, out: &mut Vec<f32>) -> Result<()> {
        let mut surface = GridOutput::new();
        self.surface_and_neurons(spec, &mut surface, Some(out))
    }

    /// The decision surface and, if asked, every neuron's output, in one pass over the
    /// grid, a row of cells at a time through the batched forward pass.
    pub fn surface_and_neurons(
        &self,
        spec: &GridSpec,
        surface: &mut GridOutput,
        mut neurons: Option<&mut Vec<f32>>,
    ) -> Result<()> {
        spec.check(self.n_features())?;
        surface.prepare(spec);
        surface.pair_values.clear();
        let (w, h) = (spec.width, spec.height);
        let d = self.network.n_inputs();
        let raw_d = self.n_features();
        let units = self.network.n_units();
        let cells = spec.len();
        if let Some(n) = neurons.as_deref_mut() {
            n.resize(units * cells, 0.0);
        }
        // The inputs of a row of cells, unit-major (feature i of cell c at i·w + c).
        let mut raw = vec![0.0; raw_d * w];
        for (col, &b) in raw.chunks_exact_mut(w).zip(&spec.base) {
            col.fill(b);
        }
        for (c, v) in raw[spec.x_feature * w..(spec.x_feature + 1) * w]
            .iter_mut()
            .enumerate()
        {
            *v = spec.x_at(c);
        }
        let mut expanded = vec![0.0; d * w];
        let mut acts = vec![0.0; units * w];
        let k = self.network.n_outputs();
        let out_unit = units - k;
        let mut probs = Vec::with_capacity(k);
        for r in 0..h {
            raw[spec.y_feature * w..(spec.y_feature + 1) * w].fill(spec.y_at(r));
            let xs: &[f64] = if self.input_transforms.is_empty() {
                &raw
            } else {
                let (a, b) = raw.split_at(w);
                let cols = self
                    .input_transforms
                    .iter()
                    .zip(expanded.chunks_exact_mut(w));
                for (t, col) in cols {
                    for ((v, &p), &q) in col.iter_mut().zip(a).zip(b) {
                        *v = t.apply(p, q);
                    }
                }
                &expanded
            };
            self.network.forward_columns(xs, w, &mut acts);
            if let Some(n) = neurons.as_deref_mut() {
                for u in 0..units {
                    let dst = &mut n[u * cells + r * w..u * cells + (r + 1) * w];
                    for (a, &v) in dst.iter_mut().zip(&acts[u * w..(u + 1) * w]) {
                        *a = v as f32;
                    }
                }
            }
            for c in 0..w {
                let o = |j: usize| acts[(out_unit + j) * w + c];
                let (label, margin) = match self.network.output {
                    OutputKind::Linear => (0, o(0)),
                    OutputKind::TanhSign => (u32::from(o(0) > 0.0), o(0)),
                    OutputKind::Softmax => {
                        probs.clear();
                        probs.extend((0..k).map(o));
                        let (best, lead) = crate::math::best_and_lead(&probs);
                        if k == 2 {
                            // binary: signed, positive → class 1, like the SVM's margin
                            (best as u32, o(1) - o(0))
                        } else {
                            (best as u32, lead)
                        }
                    }
                };
                surface.label[r * w + c] = label;
                surface.margin[r * w + c] = margin as f32;
            }
        }
        Ok(())
    }
}

impl GridModel for Mlp {
    fn n_features(&self) -> usize {
        Mlp::n_features(self)
    }

    /// Classification: label and the winner's probability lead (binary: P(1) − P(0),
    /// or the Playground's tanh output, as a signed margin). Regression: label 0,
    /// margin = value.
    fn evaluate_grid(&self, spec: &GridSpec, out: &mut GridOutput) -> Result<()> {
        self.surface_and_neurons(spec, out, None)
    }
}
