//! Class colours from the Okabe–Ito palette, which colour-blind readers can tell apart;
//! classes also differ by marker shape.

pub const CLASS_RGB: [(u8, u8, u8); 7] = [
    (0, 114, 178),   // blue
    (230, 159, 0),   // orange
    (0, 158, 115),   // bluish green
    (204, 121, 167), // reddish purple
    (86, 180, 233),  // sky blue
    (213, 94, 0),    // vermillion
    (240, 228, 66),  // yellow
];

pub fn class_rgb(class: usize) -> (u8, u8, u8) {
    CLASS_RGB[class % CLASS_RGB.len()]
}

pub fn class_css(class: usize) -> String {
    let (r, g, b) = class_rgb(class);
    format!("rgb({r},{g},{b})")
}

/// WCAG's relative luminance of an sRGB colour.
fn luminance((r, g, b): (f64, f64, f64)) -> f64 {
    let lin = |c: f64| {
        let c = c / 255.0;
        if c <= 0.04045 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b)
}

fn contrast(a: f64, b: f64) -> f64 {
    (a.max(b) + 0.05) / (a.min(b) + 0.05)
}

/// The text colour (white or the page's ink) that reads best on `rgb` at `alpha` over
/// white, as a CSS colour.
pub fn text_on((r, g, b): (u8, u8, u8), alpha: f64) -> &'static str {
    let a = alpha.clamp(0.0, 1.0);
    let over_white = |c: u8| 255.0 - a * (255.0 - c as f64);
    let bg = luminance((over_white(r), over_white(g), over_white(b)));
    let ink = luminance((30.0, 30.0, 40.0));
    if contrast(1.0, bg) > contrast(ink, bg) {
        "#fff"
    } else {
        "#1e1e28"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_reads_on_any_shade() {
        // Full blue takes white (5.0:1), pale shades the ink. Between 0.81 and 0.92
        // neither reaches 4.5:1 on this blue (white had 4.2:1 at 0.88), so the confusion
        // matrix shades up to 0.8, where every shade reads.
        assert_eq!(text_on((0, 114, 178), 1.0), "#fff");
        assert_eq!(text_on((213, 94, 0), 0.1), "#1e1e28");
        for a in 0..=16 {
            for rgb in [(0, 114, 178), (213, 94, 0)] {
                let a = a as f64 / 20.0;
                let over = |c: u8| 255.0 - a * (255.0 - c as f64);
                let bg = luminance((over(rgb.0), over(rgb.1), over(rgb.2)));
                let fg = if text_on(rgb, a) == "#fff" {
                    1.0
                } else {
                    luminance((30.0, 30.0, 40.0))
                };
                assert!(contrast(fg, bg) >= 4.5, "{rgb:?} at {a}");
            }
        }
    }
}
