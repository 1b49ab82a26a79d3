//! Where two versions' predictions differ on the plane: both models evaluated on the
//! same grid of raw coordinates (each through its own standardization), classifiers
//! compared by class name, regressors by predicted value.

use hyperplane_core::grid::GridOutput;
use hyperplane_core::preprocess::Prepared;

use crate::plane::{grid_spec, plane_ranges, value_span};
use crate::training::Trained;

/// One version as drawn: its data, model and plane (dataset column indices).
pub struct Drawn<'a> {
    pub data: &'a Prepared,
    pub trained: &'a Trained,
    pub x: usize,
    pub y: usize,
    pub fixed: Option<(f64, f64)>,
}

/// How much the two differ per cell (row-major, row 0 at the top; 0 agree, 1 differ
/// fully) and the share of the plane where they differ.
#[derive(Debug, Clone, PartialEq)]
pub struct Disagreement {
    pub width: usize,
    pub height: usize,
    pub strength: Vec<f32>,
    pub share: f64,
    /// Regressors: the mean absolute difference of their values over the plane, and
    /// the difference counted as "differ" (a tenth of the first's target range).
    pub values: Option<ValueGap>,
    /// The plane in the data's own units.
    pub x_units: (f64, f64),
    pub y_units: (f64, f64),
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ValueGap {
    pub mean_abs: f64,
    pub threshold: f64,
}

/// Both planes (feature names, x and y columns) must show features of the same names.
fn same_plane(a: (&[String], usize, usize), b: (&[String], usize, usize)) -> Result<(), String> {
    let shown =
        |(names, x, y): (&[String], usize, usize)| [names.get(x).cloned(), names.get(y).cloned()];
    if shown(a) != shown(b) {
        return Err("the two versions show different features, so their planes differ".into());
    }
    Ok(())
}

/// Evaluates both on `a`'s plane (the same raw rectangle, through each version's own
/// standardization). The two must show features of the same names and predict the same
/// kind of target: classifiers differ where their classes' names do; regressors shade
/// with the size of the difference (full at a quarter of the first's target range) and
/// "differ" where it exceeds a tenth of that range.
pub fn disagreement(
    a: &Drawn<'_>,
    b: &Drawn<'_>,
    width: usize,
    height: usize,
) -> Result<Disagreement, String> {
    same_plane(
        (a.data.train.feature_names(), a.x, a.y),
        (b.data.train.feature_names(), b.x, b.y),
    )?;
    let values = a.trained.model.is_regressor();
    if values != b.trained.model.is_regressor() {
        return Err("one predicts classes and the other values".into());
    }
    let ranges = plane_ranges(a.data, a.x, a.y, a.fixed.map(|f| [f, f]));
    let x_units = a.data.scaler.inverse_range(a.x, ranges[0]);
    let y_units = a.data.scaler.inverse_range(a.y, ranges[1]);
    let ranges_b = plane_ranges(b.data, b.x, b.y, Some([x_units, y_units]));
    let spec_a = grid_spec(a.trained, a.x, a.y, ranges, width, height)
        .ok_or("the first version was not trained on its plane's features")?;
    let spec_b = grid_spec(b.trained, b.x, b.y, ranges_b, width, height)
        .ok_or("the second version was not trained on its plane's features")?;
    let (mut out_a, mut out_b) = (GridOutput::new(), GridOutput::new());
    a.trained
        .model
        .evaluate_grid(&spec_a, &mut out_a)
        .map_err(|e| e.to_string())?;
    b.trained
        .model
        .evaluate_grid(&spec_b, &mut out_b)
        .map_err(|e| e.to_string())?;
    let (strength, share, values) = if values {
        value_gaps(a, &out_a, &out_b)
    } else {
        class_gaps(a, b, &out_a, &out_b)
    };
    Ok(Disagreement {
        width,
        height,
        strength,
        share,
        values,
        x_units,
        y_units,
    })
}

type Gaps = (Vec<f32>, f64, Option<ValueGap>);

/// 1 where the two predict classes of different names.
fn class_gaps(a: &Drawn<'_>, b: &Drawn<'_>, out_a: &GridOutput, out_b: &GridOutput) -> Gaps {
    let class = |d: &Drawn<'_>, label: u32| d.data.train.class_names().get(label as usize).cloned();
    let strength: Vec<f32> = out_a
        .label
        .iter()
        .zip(&out_b.label)
        .map(|(&la, &lb)| f32::from(u8::from(class(a, la) != class(b, lb))))
        .collect();
    let share = strength.iter().filter(|&&d| d > 0.0).count() as f64 / strength.len().max(1) as f64;
    (strength, share, None)
}

/// The size of the difference of two regressors' values, against `a`'s target range.
fn value_gaps(a: &Drawn<'_>, out_a: &GridOutput, out_b: &GridOutput) -> Gaps {
    let (_, _, range) = value_span(a.data.train.values().unwrap_or_default());
    let gaps: Vec<f64> = out_a
        .margin
        .iter()
        .zip(&out_b.margin)
        .map(|(&va, &vb)| (va as f64 - vb as f64).abs())
        .collect();
    let n = gaps.len().max(1) as f64;
    let threshold = range / 10.0;
    (
        gaps.iter()
            .map(|g| (g / (range / 4.0)).min(1.0) as f32)
            .collect(),
        gaps.iter().filter(|&&g| g > threshold).count() as f64 / n,
        Some(ValueGap {
            mean_abs: gaps.iter().sum::<f64>() / n,
            threshold,
        }),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::load_data;
    use crate::settings::{DataSettings, DatasetChoice};
    use crate::training::train;
    use hyperplane_core::datasets::GeneratorKind;
    use hyperplane_core::kernel::KernelKind;
    use hyperplane_core::model::ModelParams;
    use hyperplane_core::svm::SvcParams;

    fn moons(noise: f64) -> Prepared {
        load_data(
            &DataSettings {
                choice: DatasetChoice::Generated(GeneratorKind::Moons),
                noise,
                train_ratio: 0.7,
                seed: 3,
                n_samples: 200,
                n_classes: 2,
                ..DataSettings::default()
            },
            None,
        )
        .unwrap()
    }

    #[test]
    fn a_model_agrees_with_itself_and_differs_from_another() {
        let data = moons(0.1);
        let rbf = train(
            &data,
            &ModelParams::Svc(SvcParams::default().kernel(KernelKind::Rbf)),
            &[0, 1],
            || 0.0,
        )
        .unwrap();
        let linear = train(
            &data,
            &ModelParams::Svc(SvcParams::default().kernel(KernelKind::Linear)),
            &[0, 1],
            || 0.0,
        )
        .unwrap();
        let at = |t| Drawn {
            data: &data,
            trained: t,
            x: 0,
            y: 1,
            fixed: None,
        };
        let same = disagreement(&at(&rbf), &at(&rbf), 40, 30).unwrap();
        assert_eq!(same.share, 0.0);
        assert_eq!(same.strength.len(), 1200);
        let diff = disagreement(&at(&rbf), &at(&linear), 40, 30).unwrap();
        assert!(diff.share > 0.02 && diff.share < 0.6, "{}", diff.share);
        // Another standardization of other data: still compared on the same raw plane.
        let other = moons(0.3);
        let rbf2 = train(
            &other,
            &ModelParams::Svc(SvcParams::default().kernel(KernelKind::Rbf)),
            &[0, 1],
            || 0.0,
        )
        .unwrap();
        let cross = disagreement(
            &at(&rbf),
            &Drawn {
                data: &other,
                trained: &rbf2,
                x: 0,
                y: 1,
                fixed: None,
            },
            40,
            30,
        )
        .unwrap();
        assert!(cross.share < 0.3, "{}", cross.share);
    }

    #[test]
    fn regressors_differ_by_value() {
        use crate::data::load_regression;
        use hyperplane_core::svm::SvrParams;
        let spec = DataSettings {
            choice: DatasetChoice::Generated(GeneratorKind::RegGauss),
            noise: 0.0,
            train_ratio: 0.7,
            seed: 3,
            n_samples: 200,
            n_classes: 2,
            ..DataSettings::default()
        };
        let data = load_regression(&spec, None).unwrap();
        let fit = |k| {
            let p = SvrParams::default().kernel(k).c(10.0).epsilon(0.05);
            train(&data, &ModelParams::Svr(p), &[0, 1], || 0.0).unwrap()
        };
        let (rbf, linear) = (fit(KernelKind::Rbf), fit(KernelKind::Linear));
        let at = |t| Drawn {
            data: &data,
            trained: t,
            x: 0,
            y: 1,
            fixed: None,
        };
        let same = disagreement(&at(&rbf), &at(&rbf), 40, 30).unwrap();
        assert_eq!(same.share, 0.0);
        assert_eq!(same.values.unwrap().mean_abs, 0.0);
        assert_eq!(same.strength.len(), 1200);
        // The bumps an RBF follows and a plane cannot.
        let diff = disagreement(&at(&rbf), &at(&linear), 40, 30).unwrap();
        let gap = diff.values.unwrap();
        assert!(diff.share > 0.05 && diff.share < 0.95, "{}", diff.share);
        assert!(gap.mean_abs > 0.0 && gap.threshold > 0.0);
        assert!(diff.strength.iter().all(|s| (0.0..=1.0).contains(s)));
    }
}
