//! The data the studio offers: the dataset catalogue, drawn points and imported files,
//! loaded whole (classes or values) and split and standardized as every model sees it.

use std::sync::Arc;

use hyperplane_core::datasets::{iris, GeneratorKind, GeneratorParams};
use hyperplane_core::preprocess::{split_and_standardize, Prepared};
use hyperplane_core::{Dataset, Error};

pub use crate::imported::ImportedCsv;
use crate::real_data::{self, RealSet};
use crate::settings::{DataSettings, DatasetChoice, DRAWN_CLASSES};

/// Loads or generates the data, splits it and standardizes it with training statistics.
pub fn load_data(spec: &DataSettings, imported: Option<&ImportedCsv>) -> Result<Prepared, Error> {
    let data = load_dataset(spec, imported)?;
    split_and_standardize(&data, spec.train_ratio, spec.seed)
}

/// The whole dataset, before the split: the drawn points for drawn data, `imported`
/// for an imported file, an edited copy when the user edited the data.
/// Shared, not copied: an imported file's data can be 100,000 rows.
pub fn load_dataset(
    spec: &DataSettings,
    imported: Option<&ImportedCsv>,
) -> Result<Arc<Dataset>, Error> {
    let source = load_source(spec, imported)?;
    match &spec.edits {
        Some(e) if spec.choice != DatasetChoice::Drawn => e.apply(&source).map(Arc::new),
        _ => Ok(source),
    }
}

fn load_source(spec: &DataSettings, imported: Option<&ImportedCsv>) -> Result<Arc<Dataset>, Error> {
    let drawn = &spec.drawn;
    Ok(Arc::new(match spec.choice {
        DatasetChoice::Imported => {
            return imported
                .map(|i| i.dataset.clone())
                .ok_or_else(|| Error::Format("no CSV file imported yet".into()))
        }
        DatasetChoice::Drawn => {
            let x = ndarray::Array2::from_shape_fn((drawn.len(), 2), |(i, j)| {
                if j == 0 {
                    drawn[i].0
                } else {
                    drawn[i].1
                }
            });
            Dataset::new(
                x,
                drawn.iter().map(|p| p.2).collect(),
                vec!["x1".into(), "x2".into()],
                DRAWN_CLASSES.iter().map(|c| c.to_string()).collect(),
            )?
        }
        DatasetChoice::Iris => iris()?,
        DatasetChoice::Wine => return real_data::get(RealSet::Wine),
        DatasetChoice::BreastCancer => return real_data::get(RealSet::BreastCancer),
        DatasetChoice::Generated(kind) => {
            let mut p = GeneratorParams::new(kind)
                .seed(spec.seed)
                .noise(spec.noise)
                .n_samples(spec.n_samples);
            if kind == GeneratorKind::Blobs {
                p = p
                    .noise(0.0)
                    .cluster_std(1.0 + 10.0 * spec.noise)
                    .n_classes(spec.n_classes);
            }
            p.generate()?
        }
    }))
}

/// The iris split the foundation page used (kept for tests).
pub fn default_data() -> Result<Prepared, Error> {
    // The studio's own default data: iris, 80 % training, seed 42.
    load_data(&DataSettings::default(), None)
}

/// A generated set of 300 points split half and half with seed 3 (for tests).
#[cfg(test)]
pub(crate) fn generated(kind: GeneratorKind, noise: f64) -> DataSettings {
    DataSettings {
        choice: DatasetChoice::Generated(kind),
        noise,
        train_ratio: 0.5,
        seed: 3,
        n_samples: 300,
        n_classes: 2,
        ..DataSettings::default()
    }
}

/// Generates (or reads), splits and standardizes a regression dataset (for tests).
#[cfg(test)]
pub(crate) fn load_regression(
    spec: &DataSettings,
    imported: Option<&ImportedCsv>,
) -> Result<Prepared, Error> {
    let data = load_dataset(spec, imported)?;
    if !data.is_regression() {
        return Err(Error::Format("not a regression dataset".into()));
    }
    split_and_standardize(&data, spec.train_ratio, spec.seed)
}

#[cfg(test)]
mod drawn_tests {
    use super::*;
    use crate::plane::plane_extent;
    use crate::training::train;
    use hyperplane_core::model::ModelParams;
    use hyperplane_core::svm::SvcParams;

    #[test]
    fn drawn_points_become_a_dataset_and_too_few_are_an_error() {
        let spec = DataSettings {
            choice: DatasetChoice::Drawn,
            noise: 0.0,
            train_ratio: 1.0,
            seed: 1,
            n_samples: 0,
            n_classes: 3,
            ..DataSettings::default()
        };
        assert!(load_data(&spec, None).is_err());
        let pts = [
            (-2.0, -2.0, 0),
            (-3.0, -1.0, 0),
            (2.0, 2.0, 1),
            (3.0, 1.0, 1),
        ];
        let spec = DataSettings {
            drawn: pts.to_vec(),
            ..spec
        };
        let d = load_data(&spec, None).unwrap();
        assert_eq!(d.train.n_samples(), 4);
        let t = train(&d, &ModelParams::Svc(SvcParams::default()), &[0, 1], || 0.0).unwrap();
        assert_eq!(t.accuracy().unwrap().0, 1.0);
        // the plane stays at [-6, 6] in drawn units
        let (lo, hi) = plane_extent(&d, 0, DatasetChoice::Drawn.fixed_extent());
        assert!((d.scaler.inverse_feature(0, lo) + 6.0).abs() < 1e-12);
        assert!((d.scaler.inverse_feature(0, hi) - 6.0).abs() < 1e-12);
    }
}

#[cfg(test)]
mod import_tests {
    use super::*;

    #[test]
    fn a_good_csv_imports_and_a_bad_one_says_where() {
        let good =
            ImportedCsv::parse("a.csv", "u,v,kind\n1,2,x\n2,1,y\n3,3,x\n0,1,y\n".into()).unwrap();
        assert_eq!(good.target, "kind");
        assert_eq!(good.columns, vec!["u", "v", "kind"]);
        let spec = DataSettings {
            choice: DatasetChoice::Imported,
            noise: 0.0,
            train_ratio: 0.5,
            seed: 1,
            n_samples: 0,
            n_classes: 2,
            ..DataSettings::default()
        };
        let d = load_data(&spec, Some(&good)).unwrap();
        assert_eq!(d.train.n_samples() + d.test.n_samples(), 4);
        let err = ImportedCsv::parse("b.csv", "u,v,kind\n1,2,x\n2,y\n".into()).unwrap_err();
        assert!(err.to_string().contains("line 3"), "{err}");
        assert!(ImportedCsv::parse("c.csv", String::new()).is_err());
    }
}

#[cfg(test)]
mod regression_tests {
    use super::*;

    #[test]
    fn an_imported_file_is_read_as_classes_or_numbers() {
        let numbers = "a,b,y\n0,1,0.5\n1,0,1.25\n2,2,-3\n3,1,0.75\n";
        let csv = ImportedCsv::parse("v.csv", numbers.into()).unwrap();
        assert!(
            csv.regression,
            "fractional values are numbers to regress on"
        );
        let mut spec = generated(GeneratorKind::RegPlane, 0.0);
        spec.choice = DatasetChoice::Imported;
        spec.train_ratio = 1.0;
        let data = load_regression(&spec, Some(&csv)).unwrap();
        assert_eq!(data.train.values().unwrap().len(), 4);
        // Read as classes instead: four classes of one point each.
        let classes = csv.with_mode(false).unwrap();
        assert!(!classes.regression && classes.dataset.n_classes() == 4);
        assert!(load_regression(&spec, Some(&classes)).is_err());
        // Few whole numbers are classes; text cannot be numbers.
        let labels = "a,b,label\n0,1,0\n1,0,1\n2,2,1\n";
        assert!(
            !ImportedCsv::parse("l.csv", labels.into())
                .unwrap()
                .regression
        );
        let names = "a,b,label\n0,1,cat\n1,0,dog\n2,2,cat\n";
        let named = ImportedCsv::parse("n.csv", names.into()).unwrap();
        assert!(named.with_mode(true).is_err());
        // Many distinct whole numbers: a count to regress on.
        let counts: String = std::iter::once("a,b,count".to_string())
            .chain((0..30).map(|i| format!("{i},{},{}", i % 7, i * 3)))
            .collect::<Vec<_>>()
            .join("\n");
        assert!(ImportedCsv::parse("c.csv", counts).unwrap().regression);
    }

    #[test]
    fn only_the_regression_sets_are_regression() {
        assert!(DatasetChoice::Generated(GeneratorKind::RegGauss).is_regression());
        assert!(!DatasetChoice::Generated(GeneratorKind::Moons).is_regression());
        assert!(!DatasetChoice::Iris.is_regression());
        assert!(load_regression(&generated(GeneratorKind::Moons, 0.0), None).is_err());
    }
}
