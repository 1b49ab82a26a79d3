//! How a neighbourhood becomes an answer: class weights for the classifier, a weighted
//! mean for the regressor. The per-point and the grid paths share these, so they agree
//! bit for bit.

use super::params::KnnWeights;

/// Class weights from the k nearest (squared distance, training index), nearest first,
/// into `proba` (length n_classes; sums to 1). Both the per-point and the grid paths
/// use this, so they sum in the same order and agree bit for bit.
pub(crate) fn class_weights(
    found: &[(f64, usize)],
    y: &[usize],
    weights: KnnWeights,
    proba: &mut [f64],
) {
    proba.iter_mut().for_each(|p| *p = 0.0);
    let exact = found.iter().any(|&(d, _)| d == 0.0);
    for &(d2, i) in found {
        let w = match weights {
            KnnWeights::Uniform => 1.0,
            KnnWeights::Distance if exact => f64::from(d2 == 0.0),
            KnnWeights::Distance => 1.0 / d2.sqrt(),
        };
        if let Some(p) = y.get(i).and_then(|&c| proba.get_mut(c)) {
            *p += w;
        }
    }
    let total: f64 = proba.iter().sum();
    if total > 0.0 {
        proba.iter_mut().for_each(|p| *p /= total);
    }
}

/// The k nearest's (squared distance, index) weighted mean of `y`: uniform weights sum
/// in training-index order (so any order of the same neighbours gives the same bits,
/// which lets the grid fill whole rectangles at once; `idx` is scratch space for that
/// order); distance weights sum nearest first, and a query on training points takes
/// only those, as scikit-learn's `KNeighborsRegressor`.
pub(crate) fn neighbour_value(
    found: &[(f64, usize)],
    y: &[f64],
    weights: KnnWeights,
    idx: &mut Vec<usize>,
) -> f64 {
    let at = |i: usize| y.get(i).copied().unwrap_or(0.0);
    match weights {
        KnnWeights::Uniform => {
            idx.clear();
            idx.extend(found.iter().map(|&(_, i)| i));
            idx.sort_unstable();
            idx.iter().map(|&i| at(i)).sum::<f64>() / found.len().max(1) as f64
        }
        KnnWeights::Distance => {
            let exact = found.iter().any(|&(d, _)| d == 0.0);
            let (mut num, mut den) = (0.0, 0.0);
            for &(d2, i) in found {
                let w = if exact {
                    f64::from(d2 == 0.0)
                } else {
                    1.0 / d2.sqrt()
                };
                num += w * at(i);
                den += w;
            }
            if den > 0.0 {
                num / den
            } else {
                0.0
            }
        }
    }
}
