//! k-nearest-neighbour classification as scikit-learn's `KNeighborsClassifier`
//! (Euclidean distance): uniform or inverse-distance weights, where a query that
//! coincides with training points takes only those points (weight 1 each).

use ndarray::{Array2, ArrayView2};
use serde::{Deserialize, Serialize};

use super::aggregate::class_weights;
use super::grid_search::{search_grid, Classes};
use super::kd_tree::{index, KdTree};
use super::params::{KnnParams, KnnValidParams};
use crate::dataset::{check_query, Dataset, Target};
use crate::error::{Error, Result};
use crate::grid::{GridModel, GridOutput, GridSpec};
use crate::math::argmax;

impl KnnValidParams {
    /// Stores the training data and indexes it. `k` larger than the data is an error,
    /// as in scikit-learn.
    pub fn fit(&self, data: &Dataset) -> Result<KNeighbors> {
        self.check_k(data.n_samples())?;
        KNeighbors::from_parts(KnnParts {
            params: self.params().clone(),
            x: data.x().to_owned(),
            y: data.labels()?.to_vec(),
            class_names: data.class_names().to_vec(),
        })
    }
}

/// What defines a fitted k-NN model (the training data itself).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct KnnParts {
    pub params: KnnParams,
    pub x: Array2<f64>,
    pub y: Vec<usize>,
    pub class_names: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "KnnParts", into = "KnnParts")]
pub struct KNeighbors {
    parts: KnnParts,
    tree: KdTree,
}

impl TryFrom<KnnParts> for KNeighbors {
    type Error = Error;
    fn try_from(p: KnnParts) -> Result<Self> {
        Self::from_parts(p)
    }
}

impl From<KNeighbors> for KnnParts {
    fn from(m: KNeighbors) -> Self {
        m.parts
    }
}

impl KNeighbors {
    pub fn from_parts(parts: KnnParts) -> Result<Self> {
        let target = Target::Classes {
            labels: parts.y.clone(),
            names: parts.class_names.clone(),
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
    pub fn n_classes(&self) -> usize {
        self.parts.class_names.len()
    }
    pub fn class_names(&self) -> &[String] {
        &self.parts.class_names
    }

    /// Class weights of one query into `proba` (length n_classes, sums to 1).
    fn proba_one(&self, q: &[f64], found: &mut Vec<(f64, usize)>, proba: &mut [f64]) {
        self.tree.nearest(q, self.parts.params.k, found);
        class_weights(found, &self.parts.y, self.parts.params.weights, proba);
    }

    /// Probability per class (columns = the dataset's classes).
    pub fn predict_proba(&self, x: ArrayView2<'_, f64>) -> Result<Array2<f64>> {
        check_query(x, self.n_features())?;
        let mut out = Array2::zeros((x.nrows(), self.n_classes()));
        let (mut found, mut q, mut p) = (
            Vec::new(),
            vec![0.0; x.ncols()],
            vec![0.0; self.n_classes()],
        );
        for (i, row) in x.rows().into_iter().enumerate() {
            q.iter_mut().zip(row).for_each(|(a, b)| *a = *b);
            self.proba_one(&q, &mut found, &mut p);
            out.row_mut(i).iter_mut().zip(&p).for_each(|(o, v)| *o = *v);
        }
        Ok(out)
    }

    /// The most probable class per row (ties → the lower class, as scikit-learn).
    pub fn predict(&self, x: ArrayView2<'_, f64>) -> Result<Vec<usize>> {
        let p = self.predict_proba(x)?;
        Ok(p.rows()
            .into_iter()
            .map(|r| argmax(r.as_slice().unwrap_or(&[])))
            .collect())
    }
}

impl GridModel for KNeighbors {
    fn n_features(&self) -> usize {
        KNeighbors::n_features(self)
    }

    /// Label: the predicted class; margin: how far its probability leads the runner-up.
    /// All cells are searched together (see `grid_search`); the result is exactly the
    /// per-point `predict_proba`'s for every cell.
    fn evaluate_grid(&self, spec: &GridSpec, out: &mut GridOutput) -> Result<()> {
        spec.check(self.n_features())?;
        out.prepare(spec);
        out.pair_values.clear();
        let params = &self.parts.params;
        let targets = Classes::new(&self.parts.y, params.weights, self.n_classes());
        search_grid(&self.parts.x, params.k, params.weights, targets, spec, out);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::neighbors::KnnWeights;
    use ndarray::array;

    #[test]
    fn distance_weights_give_exact_matches_all_the_weight() {
        let d = Dataset::new(
            array![[0.0], [1.0], [2.0]],
            vec![0, 1, 1],
            vec!["x".into()],
            vec!["a".into(), "b".into()],
        )
        .unwrap();
        let m = KnnParams::default()
            .k(3)
            .weights(KnnWeights::Distance)
            .check()
            .unwrap()
            .fit(&d)
            .unwrap();
        let p = m.predict_proba(array![[0.0], [1.5]].view()).unwrap();
        assert_eq!(p.row(0).to_vec(), vec![1.0, 0.0]);
        assert!((p[[1, 0]] - (1.0 / 1.5) / (1.0 / 1.5 + 2.0 + 2.0)).abs() < 1e-12);
        assert!(KnnParams::default().k(4).check().unwrap().fit(&d).is_err());
        assert!(KnnParams::default().k(0).check().is_err());
        assert!(m.predict(array![[f64::NAN]].view()).is_err());
        let back: KNeighbors = serde_json::from_str(&serde_json::to_string(&m).unwrap()).unwrap();
        assert_eq!(
            back.predict_proba(array![[0.7]].view()).unwrap(),
            m.predict_proba(array![[0.7]].view()).unwrap()
        );
    }
}
