//! Where two versions' predictions differ on the plane: both models evaluated on the
//! same grid of raw coordinates (each through its own standardization), compared by
//! class name.

use hyperplane_core::grid::GridOutput;
use hyperplane_core::preprocess::Prepared;

use crate::training::{plane_extent, surface_spec, Trained};

/// One version as drawn: its data, model and plane (dataset column indices).
pub struct Drawn<'a> {
    pub data: &'a Prepared,
    pub trained: &'a Trained,
    pub x: usize,
    pub y: usize,
    pub fixed: Option<(f64, f64)>,
}

/// Cells where the two differ (row-major, row 0 at the top) and their share.
#[derive(Debug, Clone, PartialEq)]
pub struct Disagreement {
    pub width: usize,
    pub height: usize,
    pub differs: Vec<bool>,
    pub share: f64,
    /// The plane in the data's own units.
    pub x_units: (f64, f64),
    pub y_units: (f64, f64),
}

/// Evaluates both on `a`'s plane. The two must show features of the same names.
pub fn disagreement(
    a: &Drawn<'_>,
    b: &Drawn<'_>,
    width: usize,
    height: usize,
) -> Result<Disagreement, String> {
    let name = |d: &Drawn<'_>, f: usize| d.data.train.feature_names().get(f).cloned();
    if name(a, a.x) != name(b, b.x) || name(a, a.y) != name(b, b.y) {
        return Err("the two versions show different features, so their planes differ".into());
    }
    let units = |d: &Drawn<'_>, f: usize, (lo, hi): (f64, f64)| {
        (
            d.data.scaler.inverse_feature(f, lo),
            d.data.scaler.inverse_feature(f, hi),
        )
    };
    let x_units = units(a, a.x, plane_extent(a.data, a.x, a.fixed));
    let y_units = units(a, a.y, plane_extent(a.data, a.y, a.fixed));
    let spec_a = surface_spec(a.data, a.trained, a.x, a.y, width, height, a.fixed)
        .ok_or("the first version was not trained on its plane's features")?;
    let mut spec_b = surface_spec(b.data, b.trained, b.x, b.y, width, height, b.fixed)
        .ok_or("the second version was not trained on its plane's features")?;
    // The same raw rectangle in the second model's standardized units.
    let z = |f: usize, v: f64| (v - b.data.scaler.mean[f]) / b.data.scaler.scale[f];
    spec_b.x_range = (z(b.x, x_units.0), z(b.x, x_units.1));
    spec_b.y_range = (z(b.y, y_units.0), z(b.y, y_units.1));
    let (mut out_a, mut out_b) = (GridOutput::new(), GridOutput::new());
    a.trained
        .model
        .evaluate_grid(&spec_a, &mut out_a)
        .map_err(|e| e.to_string())?;
    b.trained
        .model
        .evaluate_grid(&spec_b, &mut out_b)
        .map_err(|e| e.to_string())?;
    let class = |d: &Drawn<'_>, label: u32| d.data.train.class_names().get(label as usize).cloned();
    let differs: Vec<bool> = out_a
        .label
        .iter()
        .zip(&out_b.label)
        .map(|(&la, &lb)| class(a, la) != class(b, lb))
        .collect();
    let share = differs.iter().filter(|&&d| d).count() as f64 / differs.len().max(1) as f64;
    Ok(Disagreement {
        width,
        height,
        differs,
        share,
        x_units,
        y_units,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::training::{load_data, train, DataSpec, DatasetChoice, ModelSpec};
    use hyperplane_core::datasets::GeneratorKind;
    use hyperplane_core::kernel::KernelKind;
    use hyperplane_core::svm::SvcParams;

    fn moons(noise: f64) -> Prepared {
        load_data(
            &DataSpec {
                choice: DatasetChoice::Generated(GeneratorKind::Moons),
                noise,
                train_ratio: 0.7,
                seed: 3,
                n_samples: 200,
                n_classes: 2,
            },
            &[],
            None,
        )
        .unwrap()
    }

    #[test]
    fn a_model_agrees_with_itself_and_differs_from_another() {
        let data = moons(0.1);
        let rbf = train(
            &data,
            &ModelSpec::Svm(SvcParams::default().kernel(KernelKind::Rbf)),
            &[0, 1],
            || 0.0,
        )
        .unwrap();
        let linear = train(
            &data,
            &ModelSpec::Svm(SvcParams::default().kernel(KernelKind::Linear)),
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
        assert_eq!(same.differs.len(), 1200);
        let diff = disagreement(&at(&rbf), &at(&linear), 40, 30).unwrap();
        assert!(diff.share > 0.02 && diff.share < 0.6, "{}", diff.share);
        // Another standardization of other data: still compared on the same raw plane.
        let other = moons(0.3);
        let rbf2 = train(
            &other,
            &ModelSpec::Svm(SvcParams::default().kernel(KernelKind::Rbf)),
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
}
