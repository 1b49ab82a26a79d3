//! Mapping between a range input's integer position and a parameter value, linear or
//! logarithmic. Input from the DOM is untrusted: it is parsed, checked and clamped here.

/// A slider over `[min, max]` in `steps` steps, on a log or linear scale.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SliderScale {
    pub min: f64,
    pub max: f64,
    pub steps: u32,
    pub log: bool,
}

impl SliderScale {
    pub const fn log(min: f64, max: f64) -> Self {
        Self {
            min,
            max,
            steps: 1000,
            log: true,
        }
    }

    pub const fn linear(min: f64, max: f64, steps: u32) -> Self {
        Self {
            min,
            max,
            steps,
            log: false,
        }
    }

    /// The value at slider position `pos` (clamped to `0..=steps`); the ends are the
    /// range's ends exactly (so a link says C=1000, not C=999.9999999999998).
    pub fn value_at(&self, pos: f64) -> f64 {
        let t = (pos / self.steps as f64).clamp(0.0, 1.0);
        if t == 0.0 {
            self.min
        } else if t == 1.0 {
            self.max
        } else if self.log {
            (self.min.ln() + t * (self.max.ln() - self.min.ln())).exp()
        } else {
            self.min + t * (self.max - self.min)
        }
    }

    /// The slider position closest to `value` (clamped into range).
    pub fn position_of(&self, value: f64) -> u32 {
        let v = if value.is_finite() {
            value.clamp(self.min, self.max)
        } else {
            self.min
        };
        let t = if self.log {
            (v.ln() - self.min.ln()) / (self.max.ln() - self.min.ln())
        } else {
            (v - self.min) / (self.max - self.min)
        };
        (t * self.steps as f64).round() as u32
    }

    /// Parses a range input's `value`; `None` for anything that is not a finite number.
    pub fn parse(&self, raw: &str) -> Option<f64> {
        let pos: f64 = raw.trim().parse().ok()?;
        pos.is_finite().then(|| self.value_at(pos))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn log_scale_round_trips_and_clamps() {
        let c = SliderScale::log(0.01, 1000.0);
        assert_eq!(c.value_at(0.0), 0.01);
        assert_eq!(c.value_at(1000.0), 1000.0);
        assert!((c.value_at(400.0) - 1.0).abs() < 1e-12);
        assert_eq!(c.position_of(1.0), 400);
        assert_eq!(c.position_of(1e9), 1000);
        assert_eq!(c.position_of(f64::NAN), 0);
        assert!((c.value_at(-5.0) - 0.01).abs() < 1e-12);
    }

    #[test]
    fn parse_rejects_non_numbers() {
        let s = SliderScale::linear(1.0, 6.0, 5);
        assert_eq!(s.parse("5"), Some(6.0));
        assert_eq!(s.parse("2"), Some(3.0));
        assert_eq!(s.parse("NaN"), None);
        assert_eq!(s.parse("inf"), None);
        assert_eq!(s.parse(""), None);
        assert_eq!(s.parse("99"), Some(6.0));
    }
}
