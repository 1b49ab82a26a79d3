//! Activation functions and their derivatives (written in terms of the output a = f(z),
//! which is what backpropagation has at hand).

use serde::{Deserialize, Serialize};

use crate::math::{sigmoid, tanh};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Activation {
    Relu,
    #[default]
    Tanh,
    Sigmoid,
    Linear,
}

impl Activation {
    pub const ALL: [Activation; 4] = [Self::Relu, Self::Tanh, Self::Sigmoid, Self::Linear];

    pub fn name(self) -> &'static str {
        match self {
            Self::Relu => "relu",
            Self::Tanh => "tanh",
            Self::Sigmoid => "sigmoid",
            Self::Linear => "linear",
        }
    }

    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|a| a.name() == name)
    }

    #[inline]
    pub fn apply(self, z: f64) -> f64 {
        match self {
            Self::Relu => z.max(0.0),
            Self::Tanh => tanh(z),
            Self::Sigmoid => sigmoid(z),
            Self::Linear => z,
        }
    }

    /// `apply` on every element (the tanh one branch-free and vectorizable, with the
    /// same bits as `apply`).
    #[inline]
    pub fn apply_in_place(self, values: &mut [f64]) {
        match self {
            Self::Tanh => crate::math::tanh_in_place(values),
            Self::Linear => {}
            _ => values.iter_mut().for_each(|v| *v = self.apply(*v)),
        }
    }

    /// f'(z) given a = f(z).
    #[inline]
    pub fn derivative_from_output(self, a: f64) -> f64 {
        match self {
            Self::Relu => f64::from(a > 0.0),
            Self::Tanh => 1.0 - a * a,
            Self::Sigmoid => a * (1.0 - a),
            Self::Linear => 1.0,
        }
    }
}
