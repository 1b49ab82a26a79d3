//! Metrics with scikit-learn's definitions: accuracy, per-class precision/recall/F1 and
//! their macro averages (0 where undefined, as `zero_division=0`), the confusion
//! matrix, log loss, the ROC curve and its AUC; MSE, MAE and R² for regression.

use ndarray::ArrayView2;
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};

fn same_len(n: usize, m: usize, what: &'static str) -> Result<()> {
    if n != m {
        return Err(Error::ShapeMismatch {
            what,
            expected: n,
            got: m,
        });
    }
    if n == 0 {
        return Err(Error::EmptyData);
    }
    Ok(())
}

/// Share of positions where `pred` equals `truth`.
pub fn accuracy(truth: &[usize], pred: &[usize]) -> Result<f64> {
    same_len(truth.len(), pred.len(), "number of predictions")?;
    let right = truth.iter().zip(pred).filter(|(a, b)| a == b).count();
    Ok(right as f64 / truth.len() as f64)
}

/// `m[t][p]` counts samples of true class `t` predicted as `p`.
pub fn confusion_matrix(
    truth: &[usize],
    pred: &[usize],
    n_classes: usize,
) -> Result<Vec<Vec<usize>>> {
    same_len(truth.len(), pred.len(), "number of predictions")?;
    let mut m = vec![vec![0; n_classes]; n_classes];
    for (row, (&t, &p)) in truth.iter().zip(pred).enumerate() {
        if t >= n_classes || p >= n_classes {
            return Err(Error::BadLabel {
                row,
                label: t.max(p),
                n_classes,
            });
        }
        m[t][p] += 1;
    }
    Ok(m)
}

/// Precision, recall, F1 and support of one class.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct ClassScores {
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
    pub support: usize,
}

/// Everything about a classifier's predictions on one dataset.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ClassificationReport {
    pub accuracy: f64,
    pub per_class: Vec<ClassScores>,
    pub macro_precision: f64,
    pub macro_recall: f64,
    pub macro_f1: f64,
    pub confusion: Vec<Vec<usize>>,
}

pub fn classification_report(
    truth: &[usize],
    pred: &[usize],
    n_classes: usize,
) -> Result<ClassificationReport> {
    let confusion = confusion_matrix(truth, pred, n_classes)?;
    let ratio = |a: usize, b: usize| if b == 0 { 0.0 } else { a as f64 / b as f64 };
    let per_class: Vec<ClassScores> = (0..n_classes)
        .map(|c| {
            let tp = confusion[c][c];
            let predicted: usize = confusion.iter().map(|r| r[c]).sum();
            let support: usize = confusion[c].iter().sum();
            let precision = ratio(tp, predicted);
            let recall = ratio(tp, support);
            let f1 = if precision + recall > 0.0 {
                2.0 * precision * recall / (precision + recall)
            } else {
                0.0
            };
            ClassScores {
                precision,
                recall,
                f1,
                support,
            }
        })
        .collect();
    // scikit-learn averages over the labels present in truth or predictions.
    let present: Vec<&ClassScores> = per_class
        .iter()
        .enumerate()
        .filter(|(c, s)| s.support > 0 || confusion.iter().any(|r| r[*c] > 0))
        .map(|(_, s)| s)
        .collect();
    let mean = |f: fn(&ClassScores) -> f64| {
        present.iter().map(|s| f(s)).sum::<f64>() / present.len().max(1) as f64
    };
    Ok(ClassificationReport {
        accuracy: accuracy(truth, pred)?,
        macro_precision: mean(|s| s.precision),
        macro_recall: mean(|s| s.recall),
        macro_f1: mean(|s| s.f1),
        per_class,
        confusion,
    })
}

/// Mean negative log-likelihood of the true class; probabilities are clipped to
/// [ε, 1 − ε] (ε = f64::EPSILON) as scikit-learn does.
pub fn log_loss(truth: &[usize], proba: ArrayView2<'_, f64>) -> Result<f64> {
    same_len(truth.len(), proba.nrows(), "number of probability rows")?;
    let mut total = 0.0;
    for (row, (&t, p)) in truth.iter().zip(proba.rows()).enumerate() {
        let v = *p.get(t).ok_or(Error::BadLabel {
            row,
            label: t,
            n_classes: proba.ncols(),
        })?;
        if !v.is_finite() {
            return Err(Error::NonFinite {
                what: "probabilities",
                row,
                column: t,
            });
        }
        total -= crate::math::ln(v.clamp(f64::EPSILON, 1.0 - f64::EPSILON));
    }
    Ok(total / truth.len() as f64)
}

/// The ROC curve of a binary problem (`truth` in {0, 1}, higher score → class 1): one
/// point per distinct score, from (0, 0) at threshold +∞ to (1, 1).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RocCurve {
    pub fpr: Vec<f64>,
    pub tpr: Vec<f64>,
    pub thresholds: Vec<f64>,
}

pub fn roc_curve(truth: &[usize], score: &[f64]) -> Result<RocCurve> {
    same_len(truth.len(), score.len(), "number of scores")?;
    if let Some(row) = score.iter().position(|s| !s.is_finite()) {
        return Err(Error::NonFinite {
            what: "scores",
            row,
            column: 0,
        });
    }
    if let Some((row, &label)) = truth.iter().enumerate().find(|(_, &t)| t > 1) {
        return Err(Error::BadLabel {
            row,
            label,
            n_classes: 2,
        });
    }
    let pos = truth.iter().filter(|&&t| t == 1).count();
    let neg = truth.len() - pos;
    if pos == 0 || neg == 0 {
        return Err(Error::SingleClass(
            if pos == 0 { "0" } else { "1" }.to_string(),
        ));
    }
    let mut order: Vec<usize> = (0..score.len()).collect();
    order.sort_by(|&a, &b| score[b].total_cmp(&score[a]));
    let mut curve = RocCurve {
        fpr: vec![0.0],
        tpr: vec![0.0],
        thresholds: vec![f64::INFINITY],
    };
    let (mut tp, mut fp) = (0usize, 0usize);
    for (k, &i) in order.iter().enumerate() {
        if truth[i] == 1 {
            tp += 1;
        } else {
            fp += 1;
        }
        let last_of_tie = order.get(k + 1).is_none_or(|&j| score[j] != score[i]);
        if last_of_tie {
            curve.fpr.push(fp as f64 / neg as f64);
            curve.tpr.push(tp as f64 / pos as f64);
            curve.thresholds.push(score[i]);
        }
    }
    Ok(curve)
}

/// Area under the ROC curve (trapezoidal rule, ties counted as half).
pub fn roc_auc(truth: &[usize], score: &[f64]) -> Result<f64> {
    let c = roc_curve(truth, score)?;
    Ok(c.fpr
        .windows(2)
        .zip(c.tpr.windows(2))
        .map(|(f, t)| (f[1] - f[0]) * (t[1] + t[0]) / 2.0)
        .sum())
}

fn check_values(truth: &[f64], pred: &[f64]) -> Result<()> {
    same_len(truth.len(), pred.len(), "number of predictions")?;
    for (what, v) in [("targets", truth), ("predictions", pred)] {
        if let Some(row) = v.iter().position(|x| !x.is_finite()) {
            return Err(Error::NonFinite {
                what,
                row,
                column: 0,
            });
        }
    }
    Ok(())
}

pub fn mean_squared_error(truth: &[f64], pred: &[f64]) -> Result<f64> {
    check_values(truth, pred)?;
    Ok(truth
        .iter()
        .zip(pred)
        .map(|(a, b)| (a - b) * (a - b))
        .sum::<f64>()
        / truth.len() as f64)
}

pub fn mean_absolute_error(truth: &[f64], pred: &[f64]) -> Result<f64> {
    check_values(truth, pred)?;
    Ok(truth
        .iter()
        .zip(pred)
        .map(|(a, b)| (a - b).abs())
        .sum::<f64>()
        / truth.len() as f64)
}

/// Coefficient of determination; for a constant target, 1 if predicted exactly and 0
/// otherwise (scikit-learn's `force_finite`).
pub fn r2_score(truth: &[f64], pred: &[f64]) -> Result<f64> {
    check_values(truth, pred)?;
    let mean = truth.iter().sum::<f64>() / truth.len() as f64;
    let ss_res: f64 = truth.iter().zip(pred).map(|(a, b)| (a - b) * (a - b)).sum();
    let ss_tot: f64 = truth.iter().map(|a| (a - mean) * (a - mean)).sum();
    Ok(if ss_tot > 0.0 {
        1.0 - ss_res / ss_tot
    } else if ss_res == 0.0 {
        1.0
    } else {
        0.0
    })
}

/// Regression scores on one dataset.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct RegressionReport {
    pub mse: f64,
    pub mae: f64,
    pub r2: f64,
}

pub fn regression_report(truth: &[f64], pred: &[f64]) -> Result<RegressionReport> {
    Ok(RegressionReport {
        mse: mean_squared_error(truth, pred)?,
        mae: mean_absolute_error(truth, pred)?,
        r2: r2_score(truth, pred)?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use ndarray::array;

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-12
    }

    #[test]
    fn report_matches_sklearn() {
        // Values from sklearn.metrics.precision_recall_fscore_support on these labels.
        let t = [0, 1, 2, 2, 1, 0, 1, 2, 0, 0];
        let p = [0, 2, 2, 2, 1, 0, 0, 1, 0, 1];
        let r = classification_report(&t, &p, 3).unwrap();
        let want = [0.75, 1.0 / 3.0, 2.0 / 3.0];
        for (c, s) in r.per_class.iter().enumerate() {
            assert!(
                close(s.precision, want[c]) && close(s.recall, want[c]) && close(s.f1, want[c])
            );
        }
        assert_eq!(
            r.per_class.iter().map(|s| s.support).collect::<Vec<_>>(),
            vec![4, 3, 3]
        );
        assert!(close(r.macro_f1, 0.5833333333333334));
        assert!(close(r.accuracy, 0.6));
        assert_eq!(r.confusion[0], vec![3, 1, 0]);
        assert!(accuracy(&[], &[]).is_err());
        assert!(accuracy(&[0], &[0, 1]).is_err());
        assert!(confusion_matrix(&[0, 3], &[0, 0], 2).is_err());
    }

    #[test]
    fn roc_and_log_loss_match_sklearn() {
        let yt = [0, 0, 1, 1, 1, 0, 1];
        let s = [0.1, 0.4, 0.35, 0.8, 0.7, 0.7, 0.2];
        assert!(close(roc_auc(&yt, &s).unwrap(), 0.625));
        let c = roc_curve(&yt, &s).unwrap();
        assert_eq!(c.thresholds[1..], [0.8, 0.7, 0.4, 0.35, 0.2, 0.1]);
        assert!(close(c.fpr[2], 1.0 / 3.0) && close(c.tpr[2], 0.5));
        assert!(roc_auc(&[1, 1], &[0.1, 0.2]).is_err());
        assert!(roc_auc(&[0, 1], &[0.1, f64::NAN]).is_err());
        let proba = array![
            [0.9, 0.1],
            [0.6, 0.4],
            [0.3, 0.7],
            [0.2, 0.8],
            [0.5, 0.5],
            [0.0, 1.0],
            [1.0, 0.0]
        ];
        assert!((log_loss(&yt, proba.view()).unwrap() - 10.568065513353002).abs() < 1e-9);
    }

    #[test]
    fn regression_metrics_match_sklearn() {
        let (a, b) = ([3.0, -0.5, 2.0, 7.0], [2.5, 0.0, 2.0, 8.0]);
        let r = regression_report(&a, &b).unwrap();
        assert!(close(r.mse, 0.375) && close(r.mae, 0.5) && close(r.r2, 0.9486081370449679));
        assert_eq!(r2_score(&[1.0, 1.0], &[1.0, 1.0]).unwrap(), 1.0);
        assert_eq!(r2_score(&[1.0, 1.0], &[1.0, 2.0]).unwrap(), 0.0);
        assert!(mean_squared_error(&[1.0], &[f64::INFINITY]).is_err());
    }
}
