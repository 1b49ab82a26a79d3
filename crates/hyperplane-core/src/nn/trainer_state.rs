//! What a network's next training step depends on besides its weights, so that a saved
//! and restored trainer continues exactly as the original would have: the shuffling
//! generator's position, the sample order, the gradient accumulated towards the next
//! update (TensorFlow Playground's mode carries it across epochs) and the optimizer's
//! moments.

use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;
use serde::{Deserialize, Serialize};

use super::network::Network;
use super::trainer::{LayerBufs, MlpTrainer};
use crate::error::{Error, Result};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TrainerState {
    /// The shuffling generator's position in its stream (its seed is the parameters'), in
    /// decimal: a 128-bit count does not fit every JSON reader's numbers.
    pub rng_word_pos: String,
    /// The sample order the last shuffle left.
    pub order: Vec<usize>,
    /// Samples whose gradient is accumulated in `grad`, waiting for the next update.
    pub pending: usize,
    pub grad: LayerBufs,
    /// Momentum or Adam's first moments, Adam's second moments and step count.
    pub m1: LayerBufs,
    pub m2: LayerBufs,
    pub adam_t: i32,
}

fn bad(what: &str) -> Error {
    Error::Format(format!("trainer state: {what}"))
}

/// The buffers have the network's shape and finite values.
fn check_bufs(b: &LayerBufs, net: &Network, name: &str) -> Result<()> {
    let shaped = b.w.len() == net.layers.len()
        && b.b.len() == net.layers.len()
        && net
            .layers
            .iter()
            .zip(b.w.iter().zip(&b.b))
            .all(|(l, (w, bias))| w.len() == l.w.len() && bias.len() == l.b.len());
    if !shaped {
        return Err(bad(&format!("{name} does not have the network's shape")));
    }
    if b.w.iter().chain(&b.b).flatten().any(|v| !v.is_finite()) {
        return Err(bad(&format!("{name} has a non-finite value")));
    }
    Ok(())
}

impl TrainerState {
    /// Checks the state on its own and against the network it belongs to: a whole
    /// position, an ordering of the samples, buffers of the network's shape.
    pub fn check(&self, net: &Network) -> Result<u128> {
        let pos: u128 = self
            .rng_word_pos
            .parse()
            .map_err(|_| bad("rng_word_pos is not a whole number"))?;
        let n = self.order.len();
        let mut seen = vec![false; n];
        for &i in &self.order {
            match seen.get_mut(i) {
                Some(v) if !*v => *v = true,
                _ => return Err(bad("order is not an ordering of the training samples")),
            }
        }
        if self.pending > n || self.adam_t < 0 {
            return Err(bad("pending or adam_t is out of range"));
        }
        for (b, name) in [(&self.grad, "grad"), (&self.m1, "m1"), (&self.m2, "m2")] {
            check_bufs(b, net, name)?;
        }
        Ok(pos)
    }
}

impl MlpTrainer {
    /// Everything besides the weights the next step depends on.
    pub fn state(&self) -> TrainerState {
        TrainerState {
            rng_word_pos: self.rng.get_word_pos().to_string(),
            order: self.order.clone(),
            pending: self.pending,
            grad: self.grad.clone(),
            m1: self.m1.clone(),
            m2: self.m2.clone(),
            adam_t: self.adam_t,
        }
    }

    /// Puts a saved state back (after [`restore`](Self::restore) has put the weights
    /// back), checked against this trainer's data and network; an error changes nothing.
    pub fn restore_state(&mut self, s: &TrainerState) -> Result<()> {
        let pos = s.check(&self.net)?;
        if s.order.len() != self.order.len() {
            return Err(bad("order is not an ordering of the training samples"));
        }
        let mut rng = ChaCha8Rng::seed_from_u64(self.params.seed);
        rng.set_word_pos(pos);
        self.rng = rng;
        self.order = s.order.clone();
        self.pending = s.pending;
        self.grad = s.grad.clone();
        self.m1 = s.m1.clone();
        self.m2 = s.m2.clone();
        self.adam_t = s.adam_t;
        Ok(())
    }
}
