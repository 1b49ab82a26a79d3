//! Settings as text: a value read from a link (strictly, with a message naming the key)
//! and a value checked against the limits its control has.

use serde::de::DeserializeOwned;
use serde::Serialize;

use crate::slider_scale::SliderScale;

/// A unit enum's serde name (`"gini"`, `"x1_squared"`). Through text, not
/// `serde_json::Value`, so no second serializer is compiled into the page.
pub fn name_of<T: Serialize>(v: T) -> String {
    serde_json::to_string(&v)
        .map(|s| s.trim_matches('"').to_string())
        .unwrap_or_default()
}

/// The unit enum named `s` (its serde name).
pub fn from_name<T: DeserializeOwned>(key: &str, s: &str) -> Result<T, String> {
    let not_a_choice = || format!("{key}={s} is not one of the choices");
    if !s.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
        return Err(not_a_choice());
    }
    serde_json::from_str(&format!("\"{s}\"")).map_err(|_| not_a_choice())
}

/// A number within a slider's range.
pub fn number(key: &str, s: &str, scale: SliderScale) -> Result<f64, String> {
    let v: f64 = s
        .parse()
        .map_err(|_| format!("{key}={s} is not a number"))?;
    if !v.is_finite() || v < scale.min - 1e-12 || v > scale.max + 1e-12 {
        return Err(format!("{key}={s} is outside {}–{}", scale.min, scale.max));
    }
    Ok(v)
}

/// A whole number within a slider's range.
pub fn count(key: &str, s: &str, scale: SliderScale) -> Result<usize, String> {
    number(key, s, scale).map(|v| v.round() as usize)
}

/// A whole number in `min..=max`.
pub fn whole(key: &str, s: &str, min: u64, max: u64) -> Result<u64, String> {
    let v: u64 = s
        .parse()
        .map_err(|_| format!("{key}={s} is not a whole number"))?;
    if v < min || v > max {
        return Err(format!("{key}={s} is outside {min}–{max}"));
    }
    Ok(v)
}

/// The shortest text that reads back as exactly the same number.
pub fn short(v: f64) -> String {
    format!("{v}")
}

/// `value` within `scale` (a hair of rounding allowed), or a message naming the setting.
pub fn within(name: &str, value: f64, scale: SliderScale) -> Result<(), String> {
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
