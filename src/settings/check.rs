//! Every setting against the limits the controls have: what a link, a restored version
//! or a lesson sets must be something the sliders could have set. Each model checks its
//! own settings (`models`).

use super::limits::{CLASSES, NOISE, POINTS, RATIO};
use super::text::within;
use super::Settings;

impl Settings {
    /// Checks every setting against the controls' limits; the first one outside is named.
    pub fn check(&self) -> Result<(), String> {
        let (d, p) = (&self.data, &self.plane);
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
        self.model.check()
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
        s.model.knn.k = 500;
        assert!(s.check().unwrap_err().contains("k = 500"));
        let mut s = Settings::default();
        s.model.network.hidden = vec![1024; 16];
        assert!(s.check().unwrap_err().contains("16 hidden layers"));
        let mut s = Settings::default();
        s.data.n_samples = 100_000;
        assert!(s.check().unwrap_err().contains("points"));
        let mut s = Settings::default();
        s.model.network.inputs = vec![FeatureTransform::X1, FeatureTransform::X1];
        assert!(s.check().unwrap_err().contains("twice"));
        let mut s = Settings::default();
        s.model.svm.c = f64::NAN;
        assert!(s.check().is_err());
    }
}
