//! How numbers are shown.

/// Accuracy as a percentage with one decimal, e.g. `96.7%`.
pub fn percent(share: f64) -> String {
    format!("{:.1}%", share * 100.0)
}

/// A parameter value with about three significant digits, without a wall of zeros.
pub fn param(v: f64) -> String {
    // A hair of slack so 0.00999… from a log slider still reads as 0.010.
    let a = v.abs() * (1.0 + 1e-9);
    if a == 0.0 {
        "0".into()
    } else if a >= 100.0 {
        format!("{v:.0}")
    } else if a >= 10.0 {
        format!("{v:.1}")
    } else if a >= 1.0 {
        format!("{v:.2}")
    } else if a >= 0.01 {
        format!("{v:.3}")
    } else {
        format!("{v:.1e}")
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn formats() {
        assert_eq!(super::percent(29.0 / 30.0), "96.7%");
        assert_eq!(super::percent(1.0), "100.0%");
        assert_eq!(super::param(1000.0), "1000");
        assert_eq!(super::param(1.0), "1.00");
        assert_eq!(super::param(0.0316), "0.032");
        assert_eq!(super::param(0.001), "1.0e-3");
        assert_eq!(super::param(0.009999999999), "0.010");
    }
}
