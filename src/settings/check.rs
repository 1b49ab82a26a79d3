//! Every setting against the limits the controls have: what a link, a restored version
//! or a lesson sets must be something the sliders could have set.

use hyperplane_core::kernel::Gamma;

use super::limits::{
    BATCH, CLASSES, COEF0_SCALE, C_SCALE, DEGREE_SCALE, DEPTH, EPOCHS, EPSILON_SCALE, ETA,
    GAMMA_SCALE, K, LEAF, LEARNING_RATE, MAX_LAYERS, MAX_NEURONS, NOISE, POINTS, RATIO, REG_RATE,
};
use super::Settings;
use crate::slider_scale::SliderScale;

/// `value` within `scale` (a hair of rounding allowed), or a message naming the setting.
fn within(name: &str, value: f64, scale: SliderScale) -> Result<(), String> {
    let eps = 1e-9 * scale.max.abs().max(1.0);
    if value.is_finite() && value >= scale.min - eps && value <= scale.max + eps {
        Ok(())
    } else {
        Err(format!(
            "{name} = {value} is outside {}–{}",
            scale.min, scale.max
        ))
    }
}

impl Settings {
    /// Checks every setting against the controls' limits; the first one outside is named.
    pub fn check(&self) -> Result<(), String> {
        let (d, m, p) = (&self.data, &self.model, &self.plane);
        within("noise", d.noise, NOISE)?;
        within("training ratio", d.train_ratio, RATIO)?;
        within("points", d.n_samples as f64, POINTS)?;
        within("classes", d.n_classes as f64, CLASSES)?;
        if d.seed > u32::MAX as u64 {
            return Err(format!("seed = {} is above {}", d.seed, u32::MAX));
        }
        if p.x_feature == p.y_feature || p.x_feature > 1000 || p.y_feature > 1000 {
            return Err("the plane needs two different features".into());
        }
        within("C", m.c, C_SCALE)?;
        within("C (logistic regression)", m.logistic_c, C_SCALE)?;
        if let Gamma::Value(g) = m.gamma {
            within("gamma", g, GAMMA_SCALE)?;
        }
        within("degree", m.degree as f64, DEGREE_SCALE)?;
        within("coef0", m.coef0, COEF0_SCALE)?;
        within("epsilon", m.epsilon, EPSILON_SCALE)?;
        within("k", m.k as f64, K)?;
        within("max depth", m.max_depth as f64, DEPTH)?;
        within("min samples per leaf", m.min_leaf as f64, LEAF)?;
        if m.hidden.len() > MAX_LAYERS {
            return Err(format!(
                "{} hidden layers: at most {MAX_LAYERS}",
                m.hidden.len()
            ));
        }
        if let Some(n) = m.hidden.iter().find(|&&n| n == 0 || n > MAX_NEURONS) {
            return Err(format!("a hidden layer of {n}: 1 to {MAX_NEURONS} neurons"));
        }
        within("learning rate", m.learning_rate, LEARNING_RATE)?;
        within("regularization rate", m.regularization_rate, REG_RATE)?;
        within("batch size", m.batch_size as f64, BATCH)?;
        within("learning rate (gradient descent)", m.gd_learning_rate, ETA)?;
        within("epochs", m.gd_epochs as f64, EPOCHS)?;
        if m.nn_inputs.is_empty() {
            return Err("the network needs at least one input".into());
        }
        for (i, t) in m.nn_inputs.iter().enumerate() {
            if m.nn_inputs[..i].contains(t) {
                return Err(format!("the network's input {} is listed twice", t.label()));
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use hyperplane_core::features::FeatureTransform;

    #[test]
    fn settings_outside_the_controls_limits_are_named() {
        assert_eq!(Settings::default().check(), Ok(()));
        let mut s = Settings::default();
        s.model.k = 500;
        assert!(s.check().unwrap_err().contains("k = 500"));
        let mut s = Settings::default();
        s.model.hidden = vec![1024; 16];
        assert!(s.check().unwrap_err().contains("16 hidden layers"));
        let mut s = Settings::default();
        s.data.n_samples = 100_000;
        assert!(s.check().unwrap_err().contains("points"));
        let mut s = Settings::default();
        s.model.nn_inputs = vec![FeatureTransform::X1, FeatureTransform::X1];
        assert!(s.check().unwrap_err().contains("twice"));
        let mut s = Settings::default();
        s.model.c = f64::NAN;
        assert!(s.check().is_err());
    }
}
