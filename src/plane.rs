//! The plane the surfaces are drawn on: its extent in the model's standardized units,
//! and the grid of a model's feature space over it.

use hyperplane_core::grid::GridSpec;
use hyperplane_core::preprocess::Prepared;

use crate::training::Trained;

/// The plane a surface is drawn on: its two dataset features and, for drawn data, its
/// fixed extent in the data's units.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PlaneAt {
    pub x: usize,
    pub y: usize,
    pub fixed: Option<(f64, f64)>,
}

impl PlaneAt {
    /// The studio's plane for a model fitted on `features`: a regressor's is exactly the
    /// two features it reads, in order; a classifier's the chosen `axes`, over `fixed`.
    pub fn shown(
        regressor: bool,
        features: &[usize],
        axes: (usize, usize),
        fixed: Option<(f64, f64)>,
    ) -> Self {
        if regressor {
            Self {
                x: features.first().copied().unwrap_or(0),
                y: features.get(1).copied().unwrap_or(1),
                fixed: None,
            }
        } else {
            Self {
                x: axes.0,
                y: axes.1,
                fixed,
            }
        }
    }
}

/// The plane's extent in standardized units: `fixed` (original units) if given, else
/// every point (train and test) plus a margin.
pub fn plane_extent(data: &Prepared, feature: usize, fixed: Option<(f64, f64)>) -> (f64, f64) {
    if let Some(units) = fixed {
        return data.scaler.standardize_range(feature, units);
    }
    padded_extent(
        data.train
            .x()
            .column(feature)
            .iter()
            .chain(data.test.x().column(feature).iter())
            .copied(),
    )
}

/// The range of `values` with 8 % of it added on each side (−3…3 if there is no range).
pub fn padded_extent(values: impl Iterator<Item = f64>) -> (f64, f64) {
    let (lo, hi) = values.fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), v| {
        (lo.min(v), hi.max(v))
    });
    if lo.is_finite() && hi.is_finite() && hi > lo {
        let pad = 0.08 * (hi - lo);
        (lo - pad, hi + pad)
    } else {
        (-3.0, 3.0)
    }
}

/// The grid for the shown plane, in the model's own feature space. Features the model
/// uses but the plane does not show are held at 0, their training mean after
/// standardization.
pub fn surface_spec(
    data: &Prepared,
    trained: &Trained,
    x: usize,
    y: usize,
    width: usize,
    height: usize,
    fixed: Option<(f64, f64)>,
) -> Option<GridSpec> {
    let ranges = plane_ranges(data, x, y, fixed.map(|f| [f, f]));
    grid_spec(trained, x, y, ranges, width, height)
}

/// The plane's ranges in standardized units: the given rectangle in the data's units
/// (drawn data's fixed plane, or a comparison's shared one), or every point plus a margin.
pub fn plane_ranges(
    data: &Prepared,
    x: usize,
    y: usize,
    units: Option<[(f64, f64); 2]>,
) -> [(f64, f64); 2] {
    let [ux, uy] = units.map_or([None, None], |[a, b]| [Some(a), Some(b)]);
    [plane_extent(data, x, ux), plane_extent(data, y, uy)]
}

/// The grid over the plane of dataset features `x` and `y` (standardized `ranges`) in
/// the model's feature space: features the model uses but the plane does not show are
/// held at 0, their training mean after standardization.
pub fn grid_spec(
    trained: &Trained,
    x: usize,
    y: usize,
    [x_range, y_range]: [(f64, f64); 2],
    width: usize,
    height: usize,
) -> Option<GridSpec> {
    Some(GridSpec {
        width,
        height,
        x_feature: trained.features.iter().position(|&f| f == x)?,
        y_feature: trained.features.iter().position(|&f| f == y)?,
        x_range,
        y_range,
        base: vec![0.0; trained.features.len()],
    })
}

/// The lowest and highest of a target's values and the distance between them (1 when
/// they are all equal): the scale the value colours and difference maps are drawn on.
pub fn value_span(y: &[f64]) -> (f64, f64, f64) {
    let lo = y.iter().copied().fold(f64::INFINITY, f64::min);
    let hi = y.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    (lo, hi, if hi > lo { hi - lo } else { 1.0 })
}

#[cfg(test)]
mod tests {
    use super::PlaneAt;

    #[test]
    fn a_regressor_is_drawn_over_its_own_two_features_and_a_classifier_over_the_axes() {
        let fixed = Some((-1.0, 1.0));
        let r = PlaneAt::shown(true, &[3, 1], (0, 2), fixed);
        assert_eq!((r.x, r.y, r.fixed), (3, 1, None));
        let c = PlaneAt::shown(false, &[0, 1, 2, 3], (2, 0), fixed);
        assert_eq!((c.x, c.y, c.fixed), (2, 0, fixed));
    }
}
