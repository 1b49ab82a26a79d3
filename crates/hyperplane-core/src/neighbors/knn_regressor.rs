//! k-nearest-neighbour regression as scikit-learn's `KNeighborsRegressor` (Euclidean
//! distance): the mean of the k nearest training values, uniform or weighted by inverse
//! distance, where a query on training points takes only those points' values.

use ndarray::{Array2, ArrayView2};
use serde::{Deserialize, Serialize};

use super::aggregate::neighbour_value;
use super::grid_search::{search_grid, Values};
use super::kd_tree::{index, KdTree};
use super::params::{KnnParams, KnnValidParams};
use crate::dataset::{check_query, Dataset, Target};
use crate::error::{Error, Result};
use crate::grid::{GridModel, GridOutput, GridSpec};

impl KnnValidParams {
    /// Stores the training data and indexes it. `k` larger than the data is an error,
    /// as in scikit-learn.
    pub fn fit_regressor(&self, data: &Dataset) -> Result<KNeighborsRegressor> {
        self.check_k(data.n_samples())?;
        KNeighborsRegressor::from_parts(KnnRegressorParts {
            params: self.params().clone(),
            x: data.x().to_owned(),
            y: data.values()?.to_vec(),
        })
    }
}

/// What defines a fitted k-NN regressor (the training data itself).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct KnnRegressorParts {
    pub params: KnnParams,
    pub x: Array2<f64>,
    pub y: Vec<f64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "KnnRegressorParts", into = "KnnRegressorParts")]
pub struct KNeighborsRegressor {
    parts: KnnRegressorParts,
    tree: KdTree,
}

impl TryFrom<KnnRegressorParts> for KNeighborsRegressor {
    type Error = Error;
    fn try_from(p: KnnRegressorParts) -> Result<Self> {
        Self::from_parts(p)
    }
}

impl From<KNeighborsRegressor> for KnnRegressorParts {
    fn from(m: KNeighborsRegressor) -> Self {
        m.parts
    }
}

impl KNeighborsRegressor {
    pub fn from_parts(parts: KnnRegressorParts) -> Result<Self> {
        let target = Target::Values {
            values: parts.y.clone(),
            name: "y".into(),
        };
        let tree = index(&parts.params, &parts.x, target)?;
        Ok(Self { parts, tree })
    }

    pub fn n_features(&self) -> usize {
        self.parts.x.ncols()
    }
    /// The training points it searches.
    pub fn n_samples(&self) -> usize {
        self.parts.x.nrows()
    }
    pub fn params(&self) -> &KnnParams {
        &self.parts.params
    }

    /// The predicted value per row.
    pub fn predict(&self, x: ArrayView2<'_, f64>) -> Result<Vec<f64>> {
        check_query(x, self.n_features())?;
        let (mut found, mut q, mut idx) = (Vec::new(), vec![0.0; x.ncols()], Vec::new());
        let p = &self.parts.params;
        Ok(x.rows()
            .into_iter()
            .map(|row| {
                q.iter_mut().zip(row).for_each(|(a, b)| *a = *b);
                self.tree.nearest(&q, p.k, &mut found);
                neighbour_value(&found, &self.parts.y, p.weights, &mut idx)
            })
            .collect())
    }
}

impl GridModel for KNeighborsRegressor {
    fn n_features(&self) -> usize {
        KNeighborsRegressor::n_features(self)
    }

    /// Margin: the predicted value (label 0). All cells are searched together (see
    /// `grid_search`); each value is exactly the per-point `predict`'s.
    fn evaluate_grid(&self, spec: &GridSpec, out: &mut GridOutput) -> Result<()> {
        spec.check(self.n_features())?;
        out.prepare(spec);
        out.pair_values.clear();
        let p = &self.parts.params;
        let targets = Values {
            y: &self.parts.y,
            weights: p.weights,
        };
        search_grid(&self.parts.x, p.k, p.weights, targets, spec, out);
        out.label.iter_mut().for_each(|l| *l = 0);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::neighbors::KnnWeights;
    use ndarray::array;

    #[test]
    fn means_of_the_nearest_values() {
        let d = Dataset::with_values(
            array![[0.0], [1.0], [2.0], [4.0]],
            vec![1.0, 2.0, 4.0, 8.0],
            vec!["x".into()],
            "y".into(),
        )
        .unwrap();
        let uniform = KnnParams::default().k(2).check().unwrap();
        let m = uniform.fit_regressor(&d).unwrap();
        assert_eq!(
            m.predict(array![[0.1], [3.5]].view()).unwrap(),
            vec![1.5, 6.0]
        );
        let distance = KnnParams::default()
            .k(3)
            .weights(KnnWeights::Distance)
            .check()
            .unwrap()
            .fit_regressor(&d)
            .unwrap();
        // On a training point: that point's value alone.
        assert_eq!(distance.predict(array![[2.0]].view()).unwrap(), vec![4.0]);
        let at = distance.predict(array![[1.5]].view()).unwrap()[0];
        let (w1, w2, w0) = (1.0 / 0.5, 1.0 / 0.5, 1.0 / 1.5);
        let want = (w1 * 2.0 + w2 * 4.0 + w0 * 1.0) / (w1 + w2 + w0);
        assert!((at - want).abs() < 1e-12, "{at} vs {want}");
        assert!(KnnParams::default()
            .k(5)
            .check()
            .unwrap()
            .fit_regressor(&d)
            .is_err());
        assert!(m.predict(array![[f64::NAN]].view()).is_err());
        let back: KNeighborsRegressor =
            serde_json::from_str(&serde_json::to_string(&m).unwrap()).unwrap();
        assert_eq!(back, m);
    }
}
