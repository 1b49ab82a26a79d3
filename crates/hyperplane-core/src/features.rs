//! TensorFlow Playground's optional input features for 2-D data: x₁, x₂, x₁², x₂²,
//! x₁x₂, sin x₁, sin x₂.

use ndarray::{Array2, ArrayView2};
use serde::{Deserialize, Serialize};

use crate::dataset::check_finite;
use crate::error::{Error, Result};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FeatureTransform {
    X1,
    X2,
    X1Squared,
    X2Squared,
    X1X2,
    SinX1,
    SinX2,
}

impl FeatureTransform {
    pub const ALL: [FeatureTransform; 7] = [
        Self::X1,
        Self::X2,
        Self::X1Squared,
        Self::X2Squared,
        Self::X1X2,
        Self::SinX1,
        Self::SinX2,
    ];

    /// Its name as the Playground writes it.
    pub fn label(self) -> &'static str {
        match self {
            Self::X1 => "x₁",
            Self::X2 => "x₂",
            Self::X1Squared => "x₁²",
            Self::X2Squared => "x₂²",
            Self::X1X2 => "x₁x₂",
            Self::SinX1 => "sin(x₁)",
            Self::SinX2 => "sin(x₂)",
        }
    }

    pub fn apply(self, x1: f64, x2: f64) -> f64 {
        match self {
            Self::X1 => x1,
            Self::X2 => x2,
            Self::X1Squared => x1 * x1,
            Self::X2Squared => x2 * x2,
            Self::X1X2 => x1 * x2,
            Self::SinX1 => crate::math::sin(x1),
            Self::SinX2 => crate::math::sin(x2),
        }
    }
}

/// One column per transform, computed from the two columns of `x`.
pub fn expand(x: ArrayView2<'_, f64>, transforms: &[FeatureTransform]) -> Result<Array2<f64>> {
    if x.ncols() != 2 {
        return Err(Error::ShapeMismatch {
            what: "number of input features for feature transforms",
            expected: 2,
            got: x.ncols(),
        });
    }
    if transforms.is_empty() || x.nrows() == 0 {
        return Err(Error::EmptyData);
    }
    check_finite(x, "features")?;
    Ok(Array2::from_shape_fn(
        (x.nrows(), transforms.len()),
        |(i, j)| transforms[j].apply(x[[i, 0]], x[[i, 1]]),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use ndarray::array;

    #[test]
    fn expands_two_columns_into_the_chosen_features() {
        let x = array![[2.0, 3.0]];
        let e = expand(x.view(), &FeatureTransform::ALL).unwrap();
        assert_eq!(
            e.row(0).to_vec(),
            vec![2.0, 3.0, 4.0, 9.0, 6.0, 2f64.sin(), 3f64.sin()]
        );
        assert!(expand(array![[1.0]].view(), &[FeatureTransform::X1]).is_err());
        assert!(expand(x.view(), &[]).is_err());
        assert!(expand(array![[f64::NAN, 1.0]].view(), &[FeatureTransform::X1]).is_err());
    }
}
