//! Training a multi-layer perceptron by minibatch gradient descent (SGD with optional
//! momentum, or Adam), one epoch at a time.
//!
//! Two sets of semantics:
//! - the default: softmax output with cross-entropy for classes (any number), a linear
//!   output with squared error for values; Glorot-uniform initialization; samples
//!   reshuffled every epoch; regularization adds λ·w (L2) or λ·sign(w) (L1) to the
//!   gradient of the weights (not the biases);
//! - `playground`: TensorFlow Playground's, to reproduce its demos: one tanh output for
//!   two classes (labels −1/+1) or a linear one for values, squared loss ½(a − t)²,
//!   weights uniform in [−0.5, 0.5) and biases 0.1, samples in fixed order, an update
//!   every `batch_size` samples carried across epochs, and after each update
//!   w ← w − η·λ·R′(w), with L1 setting a weight that crosses zero to 0.

use ndarray::ArrayView2;
use rand::seq::SliceRandom;
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;
use serde::{Deserialize, Serialize};

use super::activation::Activation;
use super::minibatch::{Minibatch, MAX_SAMPLES};
use super::mlp::Mlp;
use super::network::{Layer, Network, OutputKind};
use super::params::{MlpParams, MlpValidParams, Regularization, Target};
use crate::dataset::Dataset;
use crate::error::{Error, Result};
use crate::features::FeatureTransform;

/// Per-layer buffers shaped like the network's weights and biases.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LayerBufs {
    pub w: Vec<Vec<f64>>,
    pub b: Vec<Vec<f64>>,
}

impl LayerBufs {
    pub(super) fn zeros(net: &Network) -> Self {
        Self {
            w: net.layers.iter().map(|l| vec![0.0; l.w.len()]).collect(),
            b: net.layers.iter().map(|l| vec![0.0; l.b.len()]).collect(),
        }
    }
    pub(super) fn clear(&mut self) {
        self.w
            .iter_mut()
            .chain(self.b.iter_mut())
            .for_each(|v| v.iter_mut().for_each(|x| *x = 0.0));
    }
}

impl MlpValidParams {
    /// A trainer for classification, at epoch 0 with seeded initial weights.
    pub fn init_classifier(&self, data: &Dataset) -> Result<MlpTrainer> {
        let k = data.n_classes();
        if k < 2 {
            return Err(Error::SingleClass(
                data.class_names().first().cloned().unwrap_or_default(),
            ));
        }
        if self.params().playground && k != 2 {
            return Err(Error::InvalidParam {
                name: "playground",
                value: k as f64,
                reason: "TensorFlow Playground semantics need exactly two classes",
            });
        }
        let output = if self.params().playground {
            OutputKind::TanhSign
        } else {
            OutputKind::Softmax
        };
        let targets = data.labels()?.iter().map(|&c| c as f64).collect();
        MlpTrainer::new(
            self.params(),
            data.x(),
            targets,
            output,
            Target::Classes {
                names: data.class_names().to_vec(),
            },
        )
    }

    /// A trainer for regression.
    pub fn init_regressor(&self, data: &Dataset) -> Result<MlpTrainer> {
        MlpTrainer::new(
            self.params(),
            data.x(),
            data.values()?.to_vec(),
            OutputKind::Linear,
            Target::Values {
                name: data.target_name().to_string(),
            },
        )
    }
}

/// Training state: advance with [`step`](Self::step), read or edit the network any time.
#[derive(Debug, Clone)]
pub struct MlpTrainer {
    pub(super) params: MlpParams,
    pub(super) net: Network,
    pub(super) target: Target,
    pub(super) x: Vec<f64>,
    pub(super) d: usize,
    /// Class index (as f64) or value per sample.
    pub(super) y: Vec<f64>,
    pub(super) rng: ChaCha8Rng,
    pub(super) order: Vec<usize>,
    pub(super) grad: LayerBufs,
    pub(super) m1: LayerBufs,
    pub(super) m2: LayerBufs,
    pub(super) adam_t: i32,
    /// Samples accumulated in `grad` since the last update.
    pub(super) pending: usize,
    pub(super) batch: Minibatch,
    pub(super) epoch: u64,
    pub(super) loss: Vec<f64>,
    pub(super) input_transforms: Vec<FeatureTransform>,
}

impl MlpTrainer {
    pub(super) fn new(
        p: &MlpParams,
        x: ArrayView2<'_, f64>,
        y: Vec<f64>,
        output: OutputKind,
        target: Target,
    ) -> Result<Self> {
        if x.nrows() == 0 || x.ncols() == 0 {
            return Err(Error::EmptyData);
        }
        crate::dataset::check_finite(x, "features")?;
        let n_out = match &target {
            Target::Classes { names } if output == OutputKind::Softmax => names.len(),
            _ => 1,
        };
        let mut sizes = vec![x.ncols()];
        sizes.extend(&p.hidden);
        sizes.push(n_out);
        let mut rng = ChaCha8Rng::seed_from_u64(p.seed);
        let layers = sizes
            .windows(2)
            .map(|io| {
                let (inputs, outputs) = (io[0], io[1]);
                if p.playground {
                    Layer {
                        inputs,
                        outputs,
                        w: (0..inputs * outputs)
                            .map(|_| uniform(&mut rng, -0.5, 0.5))
                            .collect(),
                        b: vec![0.1; outputs],
                    }
                } else {
                    // Glorot uniform, as scikit-learn (factor 2 for sigmoid units).
                    let factor = if p.activation == Activation::Sigmoid {
                        2.0
                    } else {
                        6.0
                    };
                    let limit = (factor / (inputs + outputs) as f64).sqrt();
                    Layer {
                        inputs,
                        outputs,
                        w: (0..inputs * outputs)
                            .map(|_| uniform(&mut rng, -limit, limit))
                            .collect(),
                        b: (0..outputs)
                            .map(|_| uniform(&mut rng, -limit, limit))
                            .collect(),
                    }
                }
            })
            .collect();
        let net = Network {
            layers,
            hidden_activation: p.activation,
            output,
        };
        net.validate()?;
        let n = x.nrows();
        Ok(Self {
            params: p.clone(),
            grad: LayerBufs::zeros(&net),
            m1: LayerBufs::zeros(&net),
            m2: LayerBufs::zeros(&net),
            batch: Minibatch::default(),
            net,
            target,
            x: x.iter().copied().collect(),
            d: x.ncols(),
            y,
            rng,
            order: (0..n).collect(),
            adam_t: 0,
            pending: 0,
            epoch: 0,
            loss: Vec::new(),
            input_transforms: Vec::new(),
        })
    }

    pub fn epoch(&self) -> u64 {
        self.epoch
    }
    /// Mean training loss of each epoch, measured while it ran (plus the penalty).
    pub fn loss_history(&self) -> &[f64] {
        &self.loss
    }
    pub fn network(&self) -> &Network {
        &self.net
    }
    pub fn params(&self) -> &MlpParams {
        &self.params
    }

    /// Sets one weight (the studio lets users edit a connection). `input` indexes the
    /// previous layer's neurons.
    pub fn set_weight(
        &mut self,
        layer: usize,
        output: usize,
        input: usize,
        value: f64,
    ) -> Result<()> {
        if !value.is_finite() {
            return Err(Error::InvalidParam {
                name: "weight",
                value,
                reason: "must be finite",
            });
        }
        let l = self.net.layers.get_mut(layer).ok_or(Error::ShapeMismatch {
            what: "layer index bound",
            expected: 0,
            got: layer,
        })?;
        if output >= l.outputs || input >= l.inputs {
            return Err(Error::ShapeMismatch {
                what: "neuron index bound",
                expected: l.outputs.max(l.inputs),
                got: output.max(input),
            });
        }
        l.w[output * l.inputs + input] = value;
        Ok(())
    }

    /// Changes the learning rate, batch size, regularization or momentum between steps,
    /// keeping the weights. The architecture, activation and semantics cannot change.
    pub fn set_params(&mut self, p: &MlpParams) -> Result<()> {
        p.check()?;
        if p.hidden != self.params.hidden
            || p.activation != self.params.activation
            || p.playground != self.params.playground
            || std::mem::discriminant(&p.optimizer)
                != std::mem::discriminant(&self.params.optimizer)
        {
            return Err(Error::Format(
                "layers, activation, optimizer kind and semantics need a new network".into(),
            ));
        }
        self.params = p.clone();
        Ok(())
    }

    /// Runs samples `order[k..k + m]` at the current weights: adds their losses to
    /// `total` and their gradients to `grad`.
    pub(super) fn run(&mut self, k: usize, m: usize, total: &mut f64) {
        let rows = &self.order[k..k + m];
        let grad = Some((&mut self.grad.w[..], &mut self.grad.b[..]));
        self.batch
            .run(&self.net, &self.x, &self.y, rows, total, grad);
    }

    /// Trains `epochs` passes over the data. Stops with [`Error::Diverged`] (weights kept
    /// as they were when it happened) if the loss or a weight stops being finite.
    pub fn step(&mut self, epochs: u64) -> Result<()> {
        let n = self.order.len();
        for _ in 0..epochs {
            if !self.params.playground {
                self.order.shuffle(&mut self.rng);
                self.grad.clear();
                self.pending = 0;
            }
            let mut total = 0.0;
            let mut k = 0;
            while k < n {
                // The weights change only between minibatches, so a whole one (or a part,
                // up to MAX_SAMPLES) runs as one batched pass.
                let batch = self.params.batch_size;
                let m = batch
                    .saturating_sub(self.pending)
                    .min(n - k)
                    .min(MAX_SAMPLES);
                self.run(k, m, &mut total);
                self.pending += m;
                k += m;
                if self.pending >= batch {
                    self.update(self.pending);
                    self.pending = 0;
                }
            }
            if !self.params.playground && self.pending > 0 {
                self.update(self.pending);
                self.pending = 0;
            }
            self.epoch += 1;
            let loss = total / n as f64 + self.penalty();
            let finite = loss.is_finite()
                && self
                    .net
                    .layers
                    .iter()
                    .all(|l| l.w.iter().chain(&l.b).all(|v| v.is_finite()));
            if !finite {
                return Err(Error::Diverged {
                    epoch: self.epoch,
                    what: "the training loss",
                });
            }
            self.loss.push(loss);
        }
        Ok(())
    }

    /// The regularization penalty λ·R(W) (reported with the loss).
    fn penalty(&self) -> f64 {
        let lambda = self.params.regularization_rate;
        let r: f64 = self
            .net
            .layers
            .iter()
            .flat_map(|l| l.w.iter())
            .map(|&w| match self.params.regularization {
                Regularization::None => 0.0,
                Regularization::L1 => w.abs(),
                Regularization::L2 => 0.5 * w * w,
            })
            .sum();
        lambda * r
    }

    /// Declares that the training rows are `transforms` of two raw features (the caller
    /// expanded them), so the model reads the two raw features and expands them itself.
    pub fn set_input_transforms(&mut self, transforms: Vec<FeatureTransform>) -> Result<()> {
        if !transforms.is_empty() && transforms.len() != self.d {
            return Err(Error::ShapeMismatch {
                what: "number of input transforms",
                expected: self.d,
                got: transforms.len(),
            });
        }
        self.input_transforms = transforms;
        Ok(())
    }

    /// The trained model as it stands.
    pub fn model(&self) -> Mlp {
        Mlp {
            network: self.net.clone(),
            target: self.target.clone(),
            input_transforms: self.input_transforms.clone(),
        }
    }

    /// Puts a saved network's weights back at a given epoch (restoring a saved version):
    /// the layers, activation, output and inputs must be this trainer's. The optimizer's
    /// momentum starts afresh and the shuffling continues from this trainer's own stream
    /// unless the saved run's [`TrainerState`](super::TrainerState) is put back too
    /// ([`restore_state`](Self::restore_state)), which makes training on exactly the
    /// continuation of the saved run.
    pub fn restore(&mut self, saved: &Mlp, epoch: u64, loss_history: Vec<f64>) -> Result<()> {
        saved.validate()?;
        let same_shape = saved.network.layers.len() == self.net.layers.len()
            && saved
                .network
                .layers
                .iter()
                .zip(&self.net.layers)
                .all(|(a, b)| a.inputs == b.inputs && a.outputs == b.outputs)
            && saved.network.hidden_activation == self.net.hidden_activation
            && saved.network.output == self.net.output
            && saved.target == self.target
            && saved.input_transforms == self.input_transforms;
        if !same_shape {
            return Err(Error::Format(
                "the saved network does not match this network's layers, activation or inputs"
                    .into(),
            ));
        }
        if loss_history.iter().any(|v| !v.is_finite()) {
            return Err(Error::Format(
                "the loss history has a non-finite value".into(),
            ));
        }
        self.net = saved.network.clone();
        self.epoch = epoch;
        self.loss = loss_history;
        self.m1.clear();
        self.m2.clear();
        self.grad.clear();
        self.pending = 0;
        self.adam_t = 0;
        Ok(())
    }

    /// The loss (as trained: cross-entropy, or ½ squared error) of the current weights on
    /// other data, e.g. the test part, without the penalty.
    pub fn loss_on(&self, x: ArrayView2<'_, f64>, y: &[f64]) -> Result<f64> {
        self.model().loss(x, y)
    }
}

fn uniform(rng: &mut ChaCha8Rng, a: f64, b: f64) -> f64 {
    use rand::Rng;
    a + (b - a) * rng.random::<f64>()
}
