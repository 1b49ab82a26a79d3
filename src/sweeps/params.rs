//! What a sweep varies: one parameter of the studio's current model (a validation
//! curve), C and γ of the SVM (the validation heatmap), or the training rows (a learning
//! curve). Each point is the studio's settings with one value changed, so a sweep's
//! model is exactly what the studio would fit.

use hyperplane_core::kernel::{Gamma, KernelKind};
use hyperplane_core::model::ModelParams;
use hyperplane_core::model_selection::log_space;

use crate::models::network::{MAX_LAYERS, MAX_NEURONS};
use crate::models::{ModelKind, ModelSettings};

/// Epochs the network trains at each point (unless epochs are what varies).
pub const NETWORK_EPOCHS: u64 = 500;
/// The heatmap's axes: the C and γ curves' values (the sliders' spans, every half
/// decade).
pub fn heatmap_cs() -> Vec<f64> {
    SweepParam::C.values(0)
}
pub fn heatmap_gammas() -> Vec<f64> {
    SweepParam::Gamma.values(0)
}
/// A learning curve's shares of the largest training part (scikit-learn's default
/// `np.linspace(0.1, 1.0, 5)`, at twice the resolution).
pub const LEARNING_FRACTIONS: [f64; 10] = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0];

/// A parameter a validation curve can vary.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SweepParam {
    C,
    Gamma,
    K,
    Depth,
    Hidden,
    Epochs,
}

impl SweepParam {
    pub fn label(self) -> &'static str {
        match self {
            SweepParam::C => "C",
            SweepParam::Gamma => "γ (gamma)",
            SweepParam::K => "k (neighbours)",
            SweepParam::Depth => "maximum depth",
            SweepParam::Hidden => "neurons per hidden layer",
            SweepParam::Epochs => "epochs",
        }
    }

    /// A value as the studio's sliders show it.
    pub fn text(self, v: f64) -> String {
        match self {
            SweepParam::C | SweepParam::Gamma => crate::format::param(v),
            _ => format!("{v:.0}"),
        }
    }

    /// Drawn on a log axis.
    pub fn log(self) -> bool {
        matches!(self, SweepParam::C | SweepParam::Gamma | SweepParam::Epochs)
    }

    /// The values a curve visits (k up to the training rows).
    pub fn values(self, rows: usize) -> Vec<f64> {
        match self {
            SweepParam::C => log_space(0.01, 1000.0, 11),
            SweepParam::Gamma => log_space(0.001, 100.0, 11),
            SweepParam::K => (1..=20.min(rows.max(1))).map(|k| k as f64).collect(),
            SweepParam::Depth => (1..=12).map(f64::from).collect(),
            SweepParam::Hidden => (1..=MAX_NEURONS).map(|n| n as f64).collect(),
            SweepParam::Epochs => vec![10.0, 30.0, 100.0, 300.0, 1000.0, 3000.0],
        }
    }

    /// The value the studio has now (the SVM's γ only when it is a number).
    pub fn current(self, m: &ModelSettings) -> Option<f64> {
        match (self, m.kind) {
            (SweepParam::C, ModelKind::Svm) => Some(m.svm.c),
            (SweepParam::C, ModelKind::LinearSvmGd) => Some(m.gd_svm.c),
            (SweepParam::C, ModelKind::Logistic) => Some(m.logistic.c),
            (SweepParam::Gamma, ModelKind::Svm) => match m.svm.gamma {
                Gamma::Value(g) => Some(g),
                _ => None,
            },
            (SweepParam::K, ModelKind::Knn) => Some(m.knn.k as f64),
            (SweepParam::Depth, ModelKind::Tree) => Some(m.tree.max_depth as f64),
            (SweepParam::Hidden, ModelKind::NeuralNetwork) => {
                m.network.hidden.first().map(|&n| n as f64)
            }
            (SweepParam::Epochs, ModelKind::NeuralNetwork) => Some(NETWORK_EPOCHS as f64),
            _ => None,
        }
    }

    /// The studio's settings with this parameter at `v`.
    pub fn set(self, m: &mut ModelSettings, v: f64) {
        match self {
            SweepParam::C => {
                m.svm.c = v;
                m.gd_svm.c = v;
                m.logistic.c = v;
            }
            SweepParam::Gamma => m.svm.gamma = Gamma::Value(v),
            SweepParam::K => m.knn.k = v as usize,
            SweepParam::Depth => m.tree.max_depth = v as usize,
            SweepParam::Hidden => {
                let n = (v as usize).clamp(1, MAX_NEURONS);
                if m.network.hidden.is_empty() {
                    m.network.hidden = vec![n];
                }
                m.network.hidden.truncate(MAX_LAYERS);
                m.network.hidden.iter_mut().for_each(|h| *h = n);
            }
            SweepParam::Epochs => {}
        }
    }
}

/// The parameters a validation curve can vary for the studio's model.
pub fn sweepable(m: &ModelSettings) -> Vec<SweepParam> {
    match m.kind {
        ModelKind::Svm if m.svm.kernel == KernelKind::Linear => vec![SweepParam::C],
        ModelKind::Svm => vec![SweepParam::C, SweepParam::Gamma],
        ModelKind::LinearSvmGd | ModelKind::Logistic => vec![SweepParam::C],
        ModelKind::Knn => vec![SweepParam::K],
        ModelKind::Tree => vec![SweepParam::Depth],
        ModelKind::NeuralNetwork => vec![SweepParam::Hidden, SweepParam::Epochs],
    }
}

/// The model to fit at a sweep point (and the network's epochs); `None` when the
/// model does not fit this kind of data (logistic regression on values).
pub fn point_params(m: &ModelSettings, values: bool, seed: u64) -> Option<(ModelParams, u64)> {
    if m.kind == ModelKind::NeuralNetwork {
        let params = m.network.mlp_params(seed);
        let inputs = m.network.inputs.clone();
        return Some((ModelParams::Mlp { params, inputs }, NETWORK_EPOCHS));
    }
    m.params(values).map(|p| (p, 0))
}

/// The network's epochs at a point of an epochs curve, else the settings' own.
pub fn point_epochs(p: SweepParam, v: f64, epochs: u64) -> u64 {
    if p == SweepParam::Epochs {
        v as u64
    } else {
        epochs
    }
}

/// The heatmap's SVM: the studio's, with an rbf kernel if its own kernel has no γ.
pub fn heatmap_base(m: &ModelSettings) -> ModelSettings {
    let mut m = m.clone();
    m.kind = ModelKind::Svm;
    if m.svm.kernel == KernelKind::Linear {
        m.svm.kernel = KernelKind::Rbf;
    }
    // What the heatmap varies does not start a new sweep.
    m.svm.c = 1.0;
    m.svm.gamma = Gamma::Scale;
    m
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_point_is_the_studios_model_with_one_value_changed() {
        let mut m = ModelSettings {
            kind: ModelKind::Knn,
            ..ModelSettings::default()
        };
        SweepParam::K.set(&mut m, 7.0);
        let (p, epochs) = point_params(&m, false, 1).unwrap();
        let ModelParams::Knn(k) = p else { panic!() };
        assert_eq!((k.k, k.weights, epochs), (7, m.knn.weights, 0));
        assert_eq!(SweepParam::K.current(&m), Some(7.0));
        assert_eq!(SweepParam::K.values(5), vec![1.0, 2.0, 3.0, 4.0, 5.0]);

        m.kind = ModelKind::NeuralNetwork;
        m.network.hidden = vec![4, 2];
        SweepParam::Hidden.set(&mut m, 6.0);
        assert_eq!(m.network.hidden, vec![6, 6]);
        assert_eq!(point_epochs(SweepParam::Epochs, 300.0, NETWORK_EPOCHS), 300);
        assert_eq!(point_epochs(SweepParam::Hidden, 6.0, NETWORK_EPOCHS), 500);

        m.kind = ModelKind::Logistic;
        assert!(
            point_params(&m, true, 1).is_none(),
            "logistic regression on values"
        );
    }

    #[test]
    fn the_heatmap_ignores_the_c_and_gamma_it_varies() {
        let mut a = ModelSettings::default();
        let mut b = a.clone();
        a.svm.c = 3.0;
        b.svm.gamma = Gamma::Value(0.5);
        assert_eq!(heatmap_base(&a), heatmap_base(&b));
        assert_eq!(heatmap_base(&a).svm.kernel, KernelKind::Rbf);
        assert_eq!(sweepable(&a), vec![SweepParam::C]);
        assert_eq!(heatmap_cs().len() * heatmap_gammas().len(), 121);
    }
}
