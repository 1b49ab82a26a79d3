//! One update of the weights from the gradient gathered since the last: SGD (with
//! momentum) or Adam, with L1/L2 regularization, or TensorFlow Playground's rule.

use super::params::{Optimizer, Regularization};
use super::trainer::MlpTrainer;

impl MlpTrainer {
    /// Applies the accumulated gradient of `count` samples.
    pub(super) fn update(&mut self, count: usize) {
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
