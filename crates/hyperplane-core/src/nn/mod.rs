//! Neural networks: a multi-layer perceptron trained stepwise, so the studio can animate
//! training and change the learning rate or regularization between steps.

mod activation;
mod minibatch;
mod mlp;
mod network;
mod trainer_state;

pub use activation::Activation;
pub use mlp::{
    LayerBufs, Mlp, MlpParams, MlpTrainer, MlpValidParams, Optimizer, Regularization, Target,
};
pub use network::{Layer, Network, OutputKind};
pub use trainer_state::TrainerState;
