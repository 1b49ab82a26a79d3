//! Neural networks: a multi-layer perceptron trained stepwise, so the studio can animate
//! training and change the learning rate or regularization between steps.

mod activation;
#[cfg(feature = "test-hooks")]
mod gradient_check;
mod minibatch;
mod mlp;
mod network;
mod optimizer;
mod params;
mod trainer;
mod trainer_state;

pub use activation::Activation;
pub use mlp::Mlp;
pub use network::{Layer, Network, OutputKind};
pub use params::{MlpParams, MlpValidParams, Optimizer, Regularization, Target};
pub use trainer::{LayerBufs, MlpTrainer};
pub use trainer_state::TrainerState;
