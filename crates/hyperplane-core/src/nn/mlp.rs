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

use ndarray::{Array2, ArrayView2};
use rand::seq::SliceRandom;
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;
use serde::{Deserialize, Serialize};

use super::activation::Activation;
use super::minibatch::{Minibatch, MAX_SAMPLES};
use super::network::{Layer, Network, OutputKind};
use crate::dataset::{check_query, Dataset};
use crate::error::{Error, Result};
use crate::features::{expand, FeatureTransform};
use crate::grid::{GridModel, GridOutput, GridSpec};

#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum Optimizer {
    /// Plain SGD when `momentum` is 0.
    Sgd { momentum: f64 },
    Adam {
        beta1: f64,
        beta2: f64,
        epsilon: f64,
    },
}

impl Optimizer {
    pub fn adam() -> Self {
        Optimizer::Adam {
            beta1: 0.9,
            beta2: 0.999,
            epsilon: 1e-8,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Regularization {
    #[default]
    None,
    L1,
    L2,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct MlpParams {
    /// Neurons per hidden layer (may be empty: no hidden layer).
    pub hidden: Vec<usize>,
    pub activation: Activation,
    pub optimizer: Optimizer,
    pub learning_rate: f64,
    pub batch_size: usize,
    pub regularization: Regularization,
    /// λ, the regularization rate.
    pub regularization_rate: f64,
    /// TensorFlow Playground's semantics (see the module documentation).
    pub playground: bool,
    pub seed: u64,
}

impl Default for MlpParams {
    /// TensorFlow Playground's defaults: hidden layers 4 and 2, tanh, η = 0.03, batch 10.
    fn default() -> Self {
        Self {
            hidden: vec![4, 2],
            activation: Activation::Tanh,
            optimizer: Optimizer::Sgd { momentum: 0.0 },
            learning_rate: 0.03,
            batch_size: 10,
            regularization: Regularization::None,
            regularization_rate: 0.0,
            playground: false,
            seed: 0,
        }
    }
}

impl MlpParams {
    pub fn hidden(mut self, h: Vec<usize>) -> Self {
        self.hidden = h;
        self
    }
    pub fn activation(mut self, a: Activation) -> Self {
        self.activation = a;
        self
    }
    pub fn optimizer(mut self, o: Optimizer) -> Self {
        self.optimizer = o;
        self
    }
    pub fn learning_rate(mut self, lr: f64) -> Self {
        self.learning_rate = lr;
        self
    }
    pub fn batch_size(mut self, b: usize) -> Self {
        self.batch_size = b;
        self
    }
    pub fn regularization(mut self, r: Regularization, rate: f64) -> Self {
        self.regularization = r;
        self.regularization_rate = rate;
        self
    }
    pub fn playground(mut self, on: bool) -> Self {
        self.playground = on;
        self
    }
    pub fn seed(mut self, s: u64) -> Self {
        self.seed = s;
        self
    }

    pub fn check(&self) -> Result<MlpValidParams> {
        let bad = |name, value: f64, reason| {
            Err(Error::InvalidParam {
                name,
                value,
                reason,
            })
        };
        if self.hidden.len() > 16 {
            return bad(
                "hidden layers",
                self.hidden.len() as f64,
                "at most 16 hidden layers",
            );
        }
        if let Some(&n) = self.hidden.iter().find(|&&n| n == 0 || n > 1024) {
            return bad(
                "neurons",
                n as f64,
                "each hidden layer needs 1 to 1024 neurons",
            );
        }
        if !(self.learning_rate.is_finite() && self.learning_rate > 0.0) {
            return bad(
                "learning_rate",
                self.learning_rate,
                "must be a positive finite number",
            );
        }
        if self.batch_size == 0 {
            return bad("batch_size", 0.0, "must be at least 1");
        }
        if !(self.regularization_rate.is_finite() && self.regularization_rate >= 0.0) {
            return bad(
                "regularization_rate",
                self.regularization_rate,
                "must be a finite number ≥ 0",
            );
        }
        match self.optimizer {
            Optimizer::Sgd { momentum } if !(0.0..1.0).contains(&momentum) => {
                return bad("momentum", momentum, "must be in [0, 1)");
            }
            Optimizer::Adam {
                beta1,
                beta2,
                epsilon,
            } if !((0.0..1.0).contains(&beta1)
                && (0.0..1.0).contains(&beta2)
                && epsilon.is_finite()
                && epsilon > 0.0) =>
            {
                return bad(
                    "adam",
                    beta1,
                    "beta1 and beta2 must be in [0, 1), epsilon positive",
                );
            }
            _ => {}
        }
        if self.playground && matches!(self.optimizer, Optimizer::Adam { .. }) {
            return bad(
                "optimizer",
                0.0,
                "TensorFlow Playground semantics use plain SGD",
            );
        }
        Ok(MlpValidParams(self.clone()))
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MlpValidParams(MlpParams);

/// What the network learns to output.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum Target {
    Classes { names: Vec<String> },
    Values { name: String },
}

impl MlpValidParams {
    pub fn params(&self) -> &MlpParams {
        &self.0
    }

    /// A trainer for classification, at epoch 0 with seeded initial weights.
    pub fn init_classifier(&self, data: &Dataset) -> Result<MlpTrainer> {
        let k = data.n_classes();
        if k < 2 {
            return Err(Error::SingleClass(
                data.class_names().first().cloned().unwrap_or_default(),
            ));
        }
        if self.0.playground && k != 2 {
            return Err(Error::InvalidParam {
                name: "playground",
                value: k as f64,
                reason: "TensorFlow Playground semantics need exactly two classes",
            });
        }
        let output = if self.0.playground {
            OutputKind::TanhSign
        } else {
            OutputKind::Softmax
        };
        let targets = data.labels()?.iter().map(|&c| c as f64).collect();
        MlpTrainer::new(
            &self.0,
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
            &self.0,
            data.x(),
            data.values()?.to_vec(),
            OutputKind::Linear,
            Target::Values {
                name: data.target_name().to_string(),
            },
        )
    }
}

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
    fn clear(&mut self) {
        self.w
            .iter_mut()
            .chain(self.b.iter_mut())
            .for_each(|v| v.iter_mut().for_each(|x| *x = 0.0));
    }
}

/// Training state: advance with [`step`](Self::step), read or edit the network any time.
#[derive(Debug, Clone)]
pub struct MlpTrainer {
    pub(super) params: MlpParams,
    pub(super) net: Network,
    target: Target,
    x: Vec<f64>,
    d: usize,
    /// Class index (as f64) or value per sample.
    y: Vec<f64>,
    pub(super) rng: ChaCha8Rng,
    pub(super) order: Vec<usize>,
    pub(super) grad: LayerBufs,
    pub(super) m1: LayerBufs,
    pub(super) m2: LayerBufs,
    pub(super) adam_t: i32,
    /// Samples accumulated in `grad` since the last update.
    pub(super) pending: usize,
    batch: Minibatch,
    epoch: u64,
    loss: Vec<f64>,
    input_transforms: Vec<FeatureTransform>,
}

impl MlpTrainer {
    fn new(
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
    fn run(&mut self, k: usize, m: usize, total: &mut f64) {
        let rows = &self.order[k..k + m];
        let grad = Some((&mut self.grad.w[..], &mut self.grad.b[..]));
        self.batch
            .run(&self.net, &self.x, &self.y, rows, total, grad);
    }

    /// Applies the accumulated gradient of `count` samples.
    fn update(&mut self, count: usize) {
        if count == 0 {
            return;
        }
        let p = &self.params;
        let (lr, lambda) = (p.learning_rate, p.regularization_rate);
        let scale = 1.0 / count as f64;
        if let Optimizer::Adam { .. } = p.optimizer {
            self.adam_t = self.adam_t.saturating_add(1);
        }
        let plain_sgd = matches!(p.optimizer, Optimizer::Sgd { momentum } if momentum <= 0.0);
        if plain_sgd && p.regularization == Regularization::None {
            // The general loop below with its choices made once: the same operations,
            // down to adding λ·0 (which turns a −0 step into +0, as the general loop does).
            for (li, layer) in self.net.layers.iter_mut().enumerate() {
                for (params, grads) in [
                    (&mut layer.w, &mut self.grad.w[li]),
                    (&mut layer.b, &mut self.grad.b[li]),
                ] {
                    for (w, g) in params.iter_mut().zip(grads.iter_mut()) {
                        let mut step = *g * scale;
                        if !p.playground {
                            step += lambda * 0.0;
                        }
                        *w -= lr * step;
                        *g = 0.0;
                    }
                }
            }
            return;
        }
        for (li, layer) in self.net.layers.iter_mut().enumerate() {
            for (is_w, params, grads, m1, m2) in [
                (
                    true,
                    &mut layer.w,
                    &mut self.grad.w[li],
                    &mut self.m1.w[li],
                    &mut self.m2.w[li],
                ),
                (
                    false,
                    &mut layer.b,
                    &mut self.grad.b[li],
                    &mut self.m1.b[li],
                    &mut self.m2.b[li],
                ),
            ] {
                for j in 0..params.len() {
                    let w = params[j];
                    let mut g = grads[j] * scale;
                    let reg = if is_w {
                        reg_derivative(p.regularization, w)
                    } else {
                        0.0
                    };
                    if !p.playground {
                        g += lambda * reg;
                    }
                    let mut new = match p.optimizer {
                        Optimizer::Sgd { momentum } if momentum > 0.0 => {
                            m1[j] = momentum * m1[j] - lr * g;
                            w + m1[j]
                        }
                        Optimizer::Sgd { .. } => w - lr * g,
                        Optimizer::Adam {
                            beta1,
                            beta2,
                            epsilon,
                        } => {
                            m1[j] = beta1 * m1[j] + (1.0 - beta1) * g;
                            m2[j] = beta2 * m2[j] + (1.0 - beta2) * g * g;
                            let t = self.adam_t;
                            let mh = m1[j] / (1.0 - beta1.powi(t));
                            let vh = m2[j] / (1.0 - beta2.powi(t));
                            w - lr * mh / (vh.sqrt() + epsilon)
                        }
                    };
                    if p.playground && is_w && p.regularization != Regularization::None {
                        // The Playground regularizes after the gradient step, from the new weight.
                        let stepped = new - lr * lambda * reg_derivative(p.regularization, new);
                        new = if p.regularization == Regularization::L1 && stepped * new < 0.0 {
                            0.0
                        } else {
                            stepped
                        };
                    }
                    params[j] = new;
                    grads[j] = 0.0;
                }
            }
        }
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

    /// The mean of the loss gradient over all samples, without regularization, as a flat
    /// vector (weights then biases, layer by layer). For gradient checking.
    pub fn full_gradient(&mut self) -> Vec<f64> {
        self.grad.clear();
        let rows: Vec<usize> = (0..self.order.len()).collect();
        let mut total = 0.0;
        for chunk in rows.chunks(MAX_SAMPLES) {
            let grad = Some((&mut self.grad.w[..], &mut self.grad.b[..]));
            self.batch
                .run(&self.net, &self.x, &self.y, chunk, &mut total, grad);
        }
        let n = self.order.len() as f64;
        let mut g = Vec::new();
        for li in 0..self.net.layers.len() {
            g.extend(self.grad.w[li].iter().map(|v| v / n));
            g.extend(self.grad.b[li].iter().map(|v| v / n));
        }
        self.grad.clear();
        g
    }

    /// Mean training loss at the current weights (no penalty). For gradient checking.
    pub fn full_loss(&mut self) -> f64 {
        let rows: Vec<usize> = (0..self.order.len()).collect();
        // Summed from −0.0 as the per-sample `Iterator::sum` was.
        let mut total = -0.0;
        for chunk in rows.chunks(MAX_SAMPLES) {
            self.batch
                .run(&self.net, &self.x, &self.y, chunk, &mut total, None);
        }
        total / self.order.len() as f64
    }

    /// Mutable access to every parameter in `full_gradient`'s order.
    pub fn parameters_mut(&mut self) -> Vec<&mut f64> {
        self.net
            .layers
            .iter_mut()
            .flat_map(|l| l.w.iter_mut().chain(l.b.iter_mut()))
            .collect()
    }
}

fn reg_derivative(r: Regularization, w: f64) -> f64 {
    match r {
        Regularization::None => 0.0,
        Regularization::L2 => w,
        Regularization::L1 => {
            if w > 0.0 {
                1.0
            } else if w < 0.0 {
                -1.0
            } else {
                0.0
            }
        }
    }
}

fn uniform(rng: &mut ChaCha8Rng, a: f64, b: f64) -> f64 {
    use rand::Rng;
    a + (b - a) * rng.random::<f64>()
}

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
