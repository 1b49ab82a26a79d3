//! Random draws for the generators, all from one seeded ChaCha8 stream so that a seed
//! gives the same data natively and in the browser.

use rand::Rng;
use rand_chacha::ChaCha8Rng;

/// Uniform in `[a, b)`, as TensorFlow Playground's `randUniform`.
pub fn uniform(rng: &mut ChaCha8Rng, a: f64, b: f64) -> f64 {
    a + (b - a) * rng.random::<f64>()
}

/// Normal with the given mean and variance by the polar method, as TensorFlow
/// Playground's `normalRandom`.
pub fn normal(rng: &mut ChaCha8Rng, mean: f64, variance: f64) -> f64 {
    loop {
        let v1 = 2.0 * rng.random::<f64>() - 1.0;
        let v2 = 2.0 * rng.random::<f64>() - 1.0;
        let s = v1 * v1 + v2 * v2;
        if s > 0.0 && s <= 1.0 {
            return mean + variance.sqrt() * (-2.0 * crate::math::ln(s) / s).sqrt() * v1;
        }
    }
}
