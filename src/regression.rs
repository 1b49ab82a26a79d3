//! Regression in the studio: TensorFlow Playground's regression sets, split and
//! standardized as the classification data are, fitted by epsilon-SVR, k-NN, a
//! regression tree or the network, scored by R² and mean squared error.

use hyperplane_core::grid::GridSpec;
use hyperplane_core::metrics::{regression_report, RegressionReport};
use hyperplane_core::model::{FittedModel, ModelParams, Size};
use hyperplane_core::preprocess::{split_and_standardize, Prepared};
use hyperplane_core::{Dataset, Error};

use crate::training::{fit, load_dataset, padded_extent, DataSpec, DatasetChoice, ImportedCsv};

/// A regressor and its scores.
#[derive(Debug, Clone, PartialEq)]
pub struct RegTrained {
    pub model: FittedModel,
    pub features: Vec<usize>,
    pub train: RegressionReport,
    pub test: Option<RegressionReport>,
    pub fit_ms: f64,
}

impl DatasetChoice {
    /// Whether the dataset's target is a number rather than a class.
    pub fn is_regression(self) -> bool {
        matches!(self, Self::Generated(k) if k.is_regression())
    }
}

/// Generates (or reads), splits and standardizes a regression dataset.
pub fn load_regression(spec: &DataSpec, imported: Option<&ImportedCsv>) -> Result<Prepared, Error> {
    let data = load_dataset(spec, &[], imported)?;
    if !data.is_regression() {
        return Err(Error::Format("not a regression dataset".into()));
    }
    split_and_standardize(&data, spec.train_ratio, spec.seed)
}

/// Fits a regressor on the training part's `features` and scores both parts.
pub fn train_regression(
    data: &Prepared,
    params: &ModelParams,
    features: &[usize],
    now: impl Fn() -> f64,
) -> Result<RegTrained, Error> {
    let train = data.train.select_features(features)?;
    let start = now();
    let model = fit(params, &train)?;
    let fit_ms = now() - start;
    score_regression(data, model, features, fit_ms)
}

/// Scores a fitted regressor (e.g. a snapshot of the network) on both parts.
pub fn score_regression(
    data: &Prepared,
    model: FittedModel,
    features: &[usize],
    fit_ms: f64,
) -> Result<RegTrained, Error> {
    let score = |d: &Dataset| -> Result<RegressionReport, Error> {
        let d = d.select_features(features)?;
        regression_report(d.values()?, &model.predict_values(d.x())?)
    };
    let test = if data.test.n_samples() > 0 {
        Some(score(&data.test)?)
    } else {
        None
    };
    Ok(RegTrained {
        train: score(&data.train)?,
        test,
        model,
        features: features.to_vec(),
        fit_ms,
    })
}

/// What to say about a fitted regressor's size: support vectors, or leaves and depth.
pub fn size_text(model: &FittedModel) -> Option<(&'static str, String)> {
    Some(match model.size()? {
        Size::SupportVectors(n) => ("Support vectors", n.to_string()),
        Size::Tree { leaves, depth } => ("Leaves · depth", format!("{leaves} · {depth}")),
    })
}

/// The lowest and highest of a target's values and the distance between them (1 when
/// they are all equal): the scale the value colours and difference maps are drawn on.
pub fn value_span(y: &[f64]) -> (f64, f64, f64) {
    let lo = y.iter().copied().fold(f64::INFINITY, f64::min);
    let hi = y.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    (lo, hi, if hi > lo { hi - lo } else { 1.0 })
}

/// The plane's extent in standardized units: every point plus a margin.
pub fn reg_extent(data: &Prepared, feature: usize) -> (f64, f64) {
    padded_extent(
        data.train
            .x()
            .column(feature)
            .iter()
            .chain(data.test.x().column(feature).iter())
            .copied(),
    )
}

/// The plane's ranges in standardized units: the given rectangle in the data's units
/// (a comparison's shared plane), or every point plus a margin.
pub fn reg_ranges(
    data: &Prepared,
    x: usize,
    y: usize,
    units: Option<[(f64, f64); 2]>,
) -> [(f64, f64); 2] {
    match units {
        Some([ux, uy]) => [
            data.scaler.standardize_range(x, ux),
            data.scaler.standardize_range(y, uy),
        ],
        None => [reg_extent(data, x), reg_extent(data, y)],
    }
}

/// The grid over the plane of dataset features `x` and `y` (standardized `ranges`) in
/// the model's feature space.
pub fn reg_grid(
    trained: &RegTrained,
    x: usize,
    y: usize,
    [x_range, y_range]: [(f64, f64); 2],
    width: usize,
    height: usize,
) -> Option<GridSpec> {
    Some(GridSpec {
        width,
        height,
        x_feature: trained.features.iter().position(|&f| f == x)?,
        y_feature: trained.features.iter().position(|&f| f == y)?,
        x_range,
        y_range,
        base: vec![0.0; trained.features.len()],
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use hyperplane_core::datasets::GeneratorKind;
    use hyperplane_core::kernel::KernelKind;
    use hyperplane_core::neighbors::KnnParams;
    use hyperplane_core::svm::SvrParams;
    use hyperplane_core::tree::{Criterion, TreeParams};

    fn spec(kind: GeneratorKind, noise: f64) -> DataSpec {
        DataSpec {
            choice: DatasetChoice::Generated(kind),
            noise,
            train_ratio: 0.5,
            seed: 3,
            n_samples: 300,
            n_classes: 2,
        }
    }

    #[test]
    fn svr_fits_the_playground_regression_sets() {
        let plane = load_regression(&spec(GeneratorKind::RegPlane, 0.0), None).unwrap();
        assert_eq!(plane.train.n_samples() + plane.test.n_samples(), 300);
        let linear = ModelParams::Svr(
            SvrParams::default()
                .kernel(KernelKind::Linear)
                .epsilon(0.01),
        );
        let t = train_regression(&plane, &linear, &[0, 1], || 0.0).unwrap();
        assert!(t.test.unwrap().r2 > 0.99, "{:?}", t.test);
        let gauss = load_regression(&spec(GeneratorKind::RegGauss, 0.0), None).unwrap();
        let rbf = ModelParams::Svr(
            SvrParams::default()
                .kernel(KernelKind::Rbf)
                .c(10.0)
                .epsilon(0.05),
        );
        let t = train_regression(&gauss, &rbf, &[0, 1], || 0.0).unwrap();
        assert!(t.test.unwrap().r2 > 0.8, "{:?}", t.test);
        // A linear model cannot fit the Gaussian bumps.
        let t = train_regression(&gauss, &linear, &[0, 1], || 0.0).unwrap();
        assert!(t.test.unwrap().r2 < 0.5);
        let ranges = reg_ranges(&gauss, 0, 1, None);
        assert!(reg_grid(&t, 0, 1, ranges, 10, 8).is_some());
        // A rectangle in the data's units maps back to itself.
        let units = [
            (
                gauss.scaler.inverse_feature(0, ranges[0].0),
                gauss.scaler.inverse_feature(0, ranges[0].1),
            ),
            (
                gauss.scaler.inverse_feature(1, ranges[1].0),
                gauss.scaler.inverse_feature(1, ranges[1].1),
            ),
        ];
        let back = reg_ranges(&gauss, 0, 1, Some(units));
        for (a, b) in back.iter().zip(&ranges) {
            assert!((a.0 - b.0).abs() < 1e-12 && (a.1 - b.1).abs() < 1e-12);
        }
        assert!(train_regression(&gauss, &linear, &[0, 7], || 0.0).is_err());
        // k-NN and a tree follow the bumps too; a stump cannot.
        let knn = ModelParams::Knn(KnnParams::default().k(5));
        let t = train_regression(&gauss, &knn, &[0, 1], || 0.0).unwrap();
        assert!(t.test.unwrap().r2 > 0.8, "{:?}", t.test);
        let tree = |depth| {
            ModelParams::Tree(
                TreeParams::default()
                    .criterion(Criterion::SquaredError)
                    .max_depth(Some(depth)),
            )
        };
        // A staircase follows the plane; on the bumps, with 150 points, deeper trees fit
        // the training part better and generalize badly (as scikit-learn's do).
        let t = train_regression(&plane, &tree(8), &[0, 1], || 0.0).unwrap();
        assert!(t.test.unwrap().r2 > 0.9, "{:?}", t.test);
        assert!(matches!(
            t.model.size(),
            Some(hyperplane_core::model::Size::Tree { .. })
        ));
        let deep = train_regression(&gauss, &tree(8), &[0, 1], || 0.0).unwrap();
        let stump = train_regression(&gauss, &tree(1), &[0, 1], || 0.0).unwrap();
        assert!(
            stump.train.r2 < 0.1 && deep.train.r2 > 0.8,
            "{stump:?} {deep:?}"
        );
    }

    #[test]
    fn an_imported_file_is_read_as_classes_or_numbers() {
        let numbers = "a,b,y\n0,1,0.5\n1,0,1.25\n2,2,-3\n3,1,0.75\n";
        let csv = ImportedCsv::parse("v.csv", numbers.into()).unwrap();
        assert!(
            csv.regression,
            "fractional values are numbers to regress on"
        );
        let mut spec = spec(GeneratorKind::RegPlane, 0.0);
        spec.choice = DatasetChoice::Imported;
        spec.train_ratio = 1.0;
        let data = load_regression(&spec, Some(&csv)).unwrap();
        assert_eq!(data.train.values().unwrap().len(), 4);
        // Read as classes instead: four classes of one point each.
        let classes = csv.with_mode("y", false).unwrap();
        assert!(!classes.regression && classes.dataset().unwrap().n_classes() == 4);
        assert!(load_regression(&spec, Some(&classes)).is_err());
        // Few whole numbers are classes; text cannot be numbers.
        let labels = "a,b,label\n0,1,0\n1,0,1\n2,2,1\n";
        assert!(
            !ImportedCsv::parse("l.csv", labels.into())
                .unwrap()
                .regression
        );
        let names = "a,b,label\n0,1,cat\n1,0,dog\n";
        let named = ImportedCsv::parse("n.csv", names.into()).unwrap();
        assert!(named.with_mode("label", true).is_err());
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
        assert!(load_regression(&spec(GeneratorKind::Moons, 0.0), None).is_err());
    }
}
