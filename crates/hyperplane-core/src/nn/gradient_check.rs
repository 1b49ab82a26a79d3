//! Test hooks for checking the gradient by finite differences: only with the
//! `test-hooks` feature (the engine's own tests turn it on), never in the page.

use super::minibatch::MAX_SAMPLES;
use super::trainer::MlpTrainer;

impl MlpTrainer {
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
