//! Monitoring a run: the overfitting and not-learning flags the list and the loss curve
//! show.

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

/// Epochs a run gets before it is called not learning.
pub const NOT_LEARNING_AFTER: u64 = 200;

/// Whether a classifier's run is not learning: after [`NOT_LEARNING_AFTER`] epochs its
/// training loss (the mean of the last tenth of the run, at least three points) is still
/// half again above the loss of guessing every class equally, ln(classes). Returns that
/// loss and the guessing loss. (A network at chance sits at the guessing loss; one
/// stuck far above it, e.g. at a learning rate that overshoots, is flagged.)
pub fn not_learning(history: &[HistoryPoint], classes: usize) -> Option<(f64, f64)> {
    if classes < 2 || history.last()?.epoch < NOT_LEARNING_AFTER {
        return None;
    }
    let w = (history.len() / 10).max(3).min(history.len());
    let recent = history[history.len() - w..].iter().map(|h| h.train);
    let loss = recent.sum::<f64>() / w as f64;
    let guess = (classes as f64).ln();
    (loss.is_finite() && loss > 1.5 * guess).then_some((loss, guess))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_loss_stuck_above_guessing_is_not_learning() {
        let run = |epochs: u64, loss: f64| -> Vec<HistoryPoint> {
            (1..=epochs)
                .map(|e| HistoryPoint {
                    epoch: e,
                    train: loss,
                    test: None,
                })
                .collect()
        };
        let (loss, guess) = not_learning(&run(300, 4.9), 2).unwrap();
        assert!((loss - 4.9).abs() < 1e-12 && (guess - 2f64.ln()).abs() < 1e-12);
        assert_eq!(not_learning(&run(150, 4.9), 2), None, "too early to say");
        assert_eq!(
            not_learning(&run(300, 0.69), 2),
            None,
            "at chance: not flagged"
        );
        assert_eq!(not_learning(&run(300, 0.2), 2), None, "learning");
        assert_eq!(not_learning(&run(300, 4.9), 0), None, "regression");
        assert!(not_learning(&run(300, 2.0), 3).is_some());
        // a run that was stuck but recovers is no longer flagged
        let mut h = run(300, 4.9);
        h.extend((301..=400).map(|e| HistoryPoint {
            epoch: e,
            train: 0.1,
            test: None,
        }));
        assert_eq!(not_learning(&h, 2), None);
    }

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
