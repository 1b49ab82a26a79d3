//! Monitoring a run: the overfitting flag the list and the loss curve show.

use super::HistoryPoint;

/// Whether a run overfits: on loss curves smoothed over a tenth of the run (at least
/// three points), the test loss has risen 10 % or more above its lowest point, over at
/// least five points and a tenth of the run, while the training loss kept falling
/// (by 2 % or more) over the same stretch. Smoothing keeps minibatch noise from
/// raising the flag.
pub fn overfitting(history: &[HistoryPoint]) -> bool {
    let (train, test): (Vec<f64>, Vec<f64>) = history
        .iter()
        .filter_map(|h| h.test.map(|t| (h.train, t)))
        .unzip();
    let n = test.len();
    let w = (n / 10).max(3);
    if n < w + 5 {
        return false;
    }
    let smooth = |v: &[f64]| -> Vec<f64> {
        v.windows(w)
            .map(|s| s.iter().sum::<f64>() / w as f64)
            .collect()
    };
    let (train, test) = (smooth(&train), smooth(&test));
    let Some((best, &lowest)) = test.iter().enumerate().min_by(|a, b| a.1.total_cmp(b.1)) else {
        return false;
    };
    let last = test.len() - 1;
    last - best >= (n / 10).max(5)
        && test[last] >= lowest * 1.1 + 1e-9
        && train[last] <= train[best] * 0.98
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(points: &[(f64, f64)]) -> Vec<HistoryPoint> {
        points
            .iter()
            .enumerate()
            .map(|(i, &(train, test))| HistoryPoint {
                epoch: i as u64 + 1,
                train,
                test: Some(test),
            })
            .collect()
    }

    #[test]
    fn rising_test_loss_with_falling_train_loss_is_overfitting() {
        let mut pts: Vec<(f64, f64)> = (0..10)
            .map(|i| (1.0 - 0.05 * i as f64, 1.0 - 0.05 * i as f64))
            .collect();
        assert!(!overfitting(&run(&pts)), "both falling");
        pts.extend((0..6).map(|i| (0.5 - 0.05 * i as f64, 0.6 + 0.05 * i as f64)));
        assert!(overfitting(&run(&pts)));
        // the same rise with a rising training loss is not overfitting but trouble of
        // another kind
        let flat: Vec<(f64, f64)> = pts.iter().map(|&(_, t)| (t, t)).collect();
        assert!(!overfitting(&run(&flat)));
        assert!(!overfitting(&[]));
    }
}
