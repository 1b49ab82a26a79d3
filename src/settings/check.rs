//! Every setting against the limits the controls have: what a link, a restored version
//! or a lesson sets must be something the sliders could have set. Each model checks its
//! own settings (`models`).

use super::limits::{CLASSES, MAX_DRAWN, NOISE, POINTS, RATIO};
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
        if d.drawn.len() > MAX_DRAWN {
            return Err(format!(
                "{} drawn points is more than the {MAX_DRAWN} the studio draws with",
                d.drawn.len()
            ));
        }
        if d.drawn.iter().any(|p| !p.0.is_finite() || !p.1.is_finite()) {
            return Err("a drawn point is not at a finite place".into());
        }
        if let Some(e) = &d.edits {
            e.check()?;
        }
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
        let mut s = Settings::default();
        s.data.drawn = vec![(0.5, 0.5, 0); MAX_DRAWN + 1];
        assert!(s.check().unwrap_err().contains("2001 drawn points"));
        s.data.drawn.truncate(MAX_DRAWN);
        assert_eq!(s.check(), Ok(()));
        s.data.drawn[7].0 = f64::INFINITY;
        assert!(s.check().unwrap_err().contains("finite"));
    }
}
