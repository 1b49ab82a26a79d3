//! Classification metrics.

use crate::error::{Error, Result};

/// Share of positions where `pred` equals `truth`.
pub fn accuracy(truth: &[usize], pred: &[usize]) -> Result<f64> {
    if truth.len() != pred.len() {
        return Err(Error::ShapeMismatch {
            what: "number of predictions",
            expected: truth.len(),
            got: pred.len(),
        });
    }
    if truth.is_empty() {
        return Err(Error::EmptyData);
    }
    let right = truth.iter().zip(pred).filter(|(a, b)| a == b).count();
    Ok(right as f64 / truth.len() as f64)
}

/// `m[t][p]` counts samples of true class `t` predicted as `p`.
pub fn confusion_matrix(
    truth: &[usize],
    pred: &[usize],
    n_classes: usize,
) -> Result<Vec<Vec<usize>>> {
    accuracy(truth, pred)?;
    let mut m = vec![vec![0; n_classes]; n_classes];
    for (&t, &p) in truth.iter().zip(pred) {
        if t >= n_classes || p >= n_classes {
            return Err(Error::BadLabel {
                row: 0,
                label: t.max(p),
                n_classes,
            });
        }
        m[t][p] += 1;
    }
    Ok(m)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accuracy_and_confusion() {
        assert_eq!(accuracy(&[0, 1, 1, 2], &[0, 1, 2, 2]).unwrap(), 0.75);
        assert!(accuracy(&[], &[]).is_err());
        assert!(accuracy(&[0], &[0, 1]).is_err());
        let m = confusion_matrix(&[0, 1, 1], &[0, 0, 1], 2).unwrap();
        assert_eq!(m, vec![vec![1, 0], vec![1, 1]]);
    }
}
