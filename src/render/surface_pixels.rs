//! The decision surface as RGBA pixels, one per grid cell: the predicted class's colour,
//! paler where the model is less sure, so confidence reads as shading.

use crate::palette::class_rgb;
use hyperplane_core::grid::GridOutput;

/// Fills `rgba` (resized to `4·width·height`) from a grid evaluation. `binary` says the
/// margin is a signed decision value (else a non-negative lead over the runner-up).
pub fn fill_rgba(
    grid: &GridOutput,
    width: usize,
    height: usize,
    binary: bool,
    discretize: bool,
    rgba: &mut Vec<u8>,
) {
    let n = width * height;
    rgba.resize(4 * n, 255);
    for (cell, px) in rgba.chunks_exact_mut(4).enumerate().take(n) {
        let (label, margin) = match (grid.label.get(cell), grid.margin.get(cell)) {
            (Some(&l), Some(&m)) => (l as usize, m),
            _ => (0, 0.0),
        };
        let certainty = if binary { margin.abs() } else { margin };
        let t = if discretize {
            // hard regions: one shade per class, as TensorFlow Playground's "Discretize"
            0.6
        } else if certainty.is_finite() {
            certainty.clamp(0.0, 1.0)
        } else {
            0.0
        };
        // Mix the class colour into white: 15 % at the boundary, 45 % when sure, light
        // enough that points of the same class stay visible on their own region.
        let k = 0.15 + 0.30 * t;
        let (r, g, b) = class_rgb(label);
        let mix = |c: u8| (255.0 - k * (255.0 - c as f32)).round() as u8;
        px[0] = mix(r);
        px[1] = mix(g);
        px[2] = mix(b);
        px[3] = 255;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colours_follow_label_and_confidence() {
        let mut grid = GridOutput::new();
        grid.label = vec![0, 1, 1];
        grid.margin = vec![-3.0, 0.0, 5.0];
        let mut rgba = Vec::new();
        fill_rgba(&grid, 3, 1, true, false, &mut rgba);
        assert_eq!(rgba.len(), 12);
        // class 0 (blue) is bluer than red; confident class 1 is darker than unsure class 1
        assert!(rgba[2] > rgba[0]);
        assert!(rgba[8] < rgba[4]);
        assert!(rgba.chunks(4).all(|p| p[3] == 255));
        // discretized: the same class has one colour whatever the confidence
        fill_rgba(&grid, 3, 1, true, true, &mut rgba);
        assert_eq!(rgba[4..8], rgba[8..12]);
    }
}
