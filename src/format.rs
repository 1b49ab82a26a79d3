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

/// An axis tick: thousands as `5k`, millions as `2M`, anything else at most six
/// significant digits with no trailing zeros (`0.5`, not `0.50000`; `15k`, not `15000.0`).
pub fn tick(v: f64) -> String {
    let (scaled, suffix) = match v.abs() {
        a if a >= 1e6 => (v / 1e6, "M"),
        a if a >= 1e3 => (v / 1e3, "k"),
        _ => (v, ""),
    };
    let text = format!("{scaled:.6}");
    let text = text.trim_end_matches('0').trim_end_matches('.');
    let text = if text == "-0" { "0" } else { text };
    format!("{text}{suffix}")
}

/// `n` with thousands separated by commas (`12,500`).
pub fn grouped(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
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

    #[test]
    fn ticks_are_round_and_short() {
        use super::tick;
        assert_eq!(tick(5000.0), "5k");
        assert_eq!(tick(15000.0), "15k");
        assert_eq!(tick(12500.0), "12.5k");
        assert_eq!(tick(2e6), "2M");
        assert_eq!(tick(0.5), "0.5");
        assert_eq!(tick(0.1 + 0.2), "0.3");
        assert_eq!(tick(0.0), "0");
        assert_eq!(tick(-0.0000001), "0");
        assert_eq!(tick(250.0), "250");
    }

    #[test]
    fn thousands_are_grouped() {
        use super::grouped;
        assert_eq!(grouped(1_234_567), "1,234,567");
        assert_eq!(grouped(100), "100");
        assert_eq!(grouped(0), "0");
    }
}
