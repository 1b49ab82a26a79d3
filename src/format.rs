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

/// Round values (multiples of 1, 2, 2.5 or 5 times a power of ten) inside `lo..=hi`,
/// at most `most` of them (and at least two for any non-empty span): where a chart's
/// grid lines and tick labels go.
pub fn round_ticks(lo: f64, hi: f64, most: usize) -> Vec<f64> {
    if !(lo.is_finite() && hi.is_finite() && hi > lo) || most < 2 {
        return vec![];
    }
    // i × multiple is exact; one division (or product) by a power of ten then gives the
    // nearest double to the round value (0.7, not 0.7000000000000001).
    let at = |i: i64, multiple: f64, exponent: i32| {
        let whole = i as f64 * multiple;
        if exponent < 0 {
            whole / 10f64.powi(-exponent)
        } else {
            whole * 10f64.powi(exponent)
        }
    };
    // The finest round step that puts at most `most` ticks in the span.
    let finest = ((hi - lo) / most as f64).log10().floor() as i32;
    for exponent in finest..finest + 3 {
        for multiple in [1.0, 2.0, 2.5, 5.0] {
            let step = at(1, multiple, exponent);
            let (first, last) = ((lo / step).ceil() as i64, (hi / step).floor() as i64);
            if last - first < most as i64 {
                return (first..=last).map(|i| at(i, multiple, exponent)).collect();
            }
        }
    }
    vec![]
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
    use super::round_ticks;

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
    fn round_ticks_fall_on_round_values_inside_the_span() {
        assert_eq!(round_ticks(0.0, 1.0, 5), vec![0.0, 0.25, 0.5, 0.75, 1.0]);
        assert_eq!(round_ticks(0.68, 1.0, 5), vec![0.7, 0.8, 0.9, 1.0]);
        assert_eq!(round_ticks(-1.0, 0.93, 5), vec![-1.0, -0.5, 0.0, 0.5]);
        assert_eq!(round_ticks(0.42, 0.84, 5), vec![0.5, 0.6, 0.7, 0.8]);
        assert_eq!(
            round_ticks(0.0, 16000.0, 5),
            vec![0.0, 5000.0, 10000.0, 15000.0]
        );
        for (lo, hi) in [(0.123, 0.456), (-3.3, 7.7), (0.999, 1.0), (1e-9, 2e-9)] {
            let t = round_ticks(lo, hi, 5);
            assert!(t.len() >= 2 && t.len() <= 5, "{lo}..{hi}: {t:?}");
            assert!(t.iter().all(|v| (lo..=hi).contains(v)), "{lo}..{hi}: {t:?}");
        }
        assert!(round_ticks(1.0, 1.0, 5).is_empty());
        assert!(round_ticks(f64::NAN, 1.0, 5).is_empty());
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
