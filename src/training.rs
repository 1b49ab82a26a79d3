//! Turns state into data, fitted models and their scores by calling the engine. No
//! maths here: only which data goes in and what is reported.

use hyperplane_core::csv_data::{read_classification_csv, read_regression_csv};
use hyperplane_core::datasets::{breast_cancer, iris, wine, GeneratorKind, GeneratorParams};
use hyperplane_core::grid::GridSpec;
use hyperplane_core::metrics::{accuracy, classification_report, ClassificationReport};
use hyperplane_core::model::{FittedModel, ModelParams};
use hyperplane_core::neighbors::KnnWeights;
use hyperplane_core::preprocess::{split_and_standardize, Prepared};
use hyperplane_core::{Dataset, Error};

/// The datasets the picker offers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DatasetChoice {
    Iris,
    /// UCI wine recognition: 13 features, 3 classes.
    Wine,
    /// UCI breast cancer Wisconsin (diagnostic): 30 features, 2 classes.
    BreastCancer,
    Generated(GeneratorKind),
    /// Points the user draws on the plane.
    Drawn,
    /// A CSV file the user imported.
    Imported,
}

impl DatasetChoice {
    pub const ALL: [DatasetChoice; 13] = [
        Self::Iris,
        Self::Wine,
        Self::BreastCancer,
        Self::Generated(GeneratorKind::Circle),
        Self::Generated(GeneratorKind::Xor),
        Self::Generated(GeneratorKind::Gauss),
        Self::Generated(GeneratorKind::Spiral),
        Self::Generated(GeneratorKind::Moons),
        Self::Generated(GeneratorKind::Blobs),
        Self::Generated(GeneratorKind::RegPlane),
        Self::Generated(GeneratorKind::RegGauss),
        Self::Drawn,
        Self::Imported,
    ];

    /// The name users see (and the option's accessible name).
    pub fn label(self) -> &'static str {
        match self {
            Self::Iris => "Iris",
            Self::Wine => "Wine",
            Self::BreastCancer => "Breast cancer",
            Self::Generated(GeneratorKind::Circle) => "Circle",
            Self::Generated(GeneratorKind::Xor) => "XOR",
            Self::Generated(GeneratorKind::Gauss) => "Gaussian",
            Self::Generated(GeneratorKind::Spiral) => "Spiral",
            Self::Generated(GeneratorKind::Moons) => "Moons",
            Self::Generated(GeneratorKind::Blobs) => "Blobs",
            Self::Generated(GeneratorKind::RegPlane) => "Plane (regression)",
            Self::Generated(GeneratorKind::RegGauss) => "Gaussians (regression)",
            Self::Drawn => "Draw your own",
            Self::Imported => "Imported CSV",
        }
    }

    pub fn key(self) -> &'static str {
        match self {
            Self::Iris => "iris",
            Self::Wine => "wine",
            Self::BreastCancer => "breast-cancer",
            Self::Generated(k) => k.name(),
            Self::Drawn => "drawn",
            Self::Imported => "imported",
        }
    }

    pub fn from_key(key: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|d| d.key() == key)
    }

    /// Whether the noise slider means anything for this dataset.
    pub fn has_noise(self) -> bool {
        matches!(self, Self::Generated(_))
    }

    /// The plane's fixed extent in original units, where the picture must not move as
    /// points are added (drawn data); `None`: fit the data.
    pub fn fixed_extent(self) -> Option<(f64, f64)> {
        (self == Self::Drawn).then_some((-6.0, 6.0))
    }
}

/// Everything that defines the data: the choice, its generator settings and the split.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct DataSpec {
    pub choice: DatasetChoice,
    /// TensorFlow Playground's 0–0.5 (moons: Gaussian σ; blobs: cluster σ = 1 + 10·noise).
    pub noise: f64,
    pub train_ratio: f64,
    pub seed: u64,
    /// Generated sets: number of points.
    pub n_samples: usize,
    /// Blobs: number of classes.
    pub n_classes: usize,
}

/// The default split seed, so every visitor sees the same numbers.
pub const SPLIT_SEED: u64 = 42;

/// One drawn point: position in the plane's units and class.
pub type DrawnPoint = (f64, f64, usize);

/// Classes a user can draw.
pub const DRAWN_CLASSES: [&str; 3] = ["A", "B", "C"];

/// An imported CSV file: its text, the column to predict, and whether that column holds
/// classes or numbers to regress on.
#[derive(Debug, Clone, PartialEq)]
pub struct ImportedCsv {
    pub file_name: String,
    pub text: String,
    pub columns: Vec<String>,
    pub target: String,
    pub regression: bool,
}

impl ImportedCsv {
    /// Reads the header and checks the whole file with the last column as the target,
    /// so a bad file is rejected (with its line and column) before anything changes.
    /// A target that looks like numbers to regress on (see [`Self::with_target`]) makes
    /// a regression dataset.
    pub fn parse(file_name: &str, text: String) -> Result<Self, Error> {
        let columns: Vec<String> = text
            .lines()
            .next()
            .unwrap_or_default()
            .split(',')
            .map(|c| c.trim().trim_matches('"').to_string())
            .collect();
        let target = columns
            .last()
            .cloned()
            .filter(|c| !c.is_empty())
            .ok_or(Error::EmptyData)?;
        Self {
            file_name: file_name.to_string(),
            text,
            columns,
            target: String::new(),
            regression: false,
        }
        .with_target(&target)
    }

    /// The same file predicting `target`: numbers with a fraction, or more than ten
    /// distinct values, are taken for a regression target; anything else for classes.
    /// The whole file is checked either way.
    pub fn with_target(&self, target: &str) -> Result<Self, Error> {
        let regression = read_regression_csv(&self.text, target)
            .and_then(|d| d.values().map(<[f64]>::to_vec))
            .map(|mut v| {
                let fractional = v.iter().any(|x| x.fract() != 0.0);
                v.sort_by(f64::total_cmp);
                v.dedup();
                fractional || v.len() > 10
            })
            .unwrap_or(false);
        self.with_mode(target, regression)
    }

    /// The same file predicting `target` as classes or as numbers, checked whole.
    pub fn with_mode(&self, target: &str, regression: bool) -> Result<Self, Error> {
        let next = Self {
            target: target.to_string(),
            regression,
            ..self.clone()
        };
        next.dataset()?;
        Ok(next)
    }

    /// The file as data: the target read as numbers or as classes.
    pub fn dataset(&self) -> Result<Dataset, Error> {
        if self.regression {
            read_regression_csv(&self.text, &self.target)
        } else {
            read_classification_csv(&self.text, &self.target)
        }
    }
}

/// Loads or generates the data, splits it and standardizes it with training statistics.
pub fn load_data(
    spec: &DataSpec,
    drawn: &[DrawnPoint],
    imported: Option<&ImportedCsv>,
) -> Result<Prepared, Error> {
    let data = load_dataset(spec, drawn, imported)?;
    split_and_standardize(&data, spec.train_ratio, spec.seed)
}

/// The whole dataset, before the split.
pub fn load_dataset(
    spec: &DataSpec,
    drawn: &[DrawnPoint],
    imported: Option<&ImportedCsv>,
) -> Result<Dataset, Error> {
    Ok(match spec.choice {
        DatasetChoice::Imported => imported
            .ok_or_else(|| Error::Format("no CSV file imported yet".into()))?
            .dataset()?,
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
        DatasetChoice::Wine => wine()?,
        DatasetChoice::BreastCancer => breast_cancer()?,
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
    })
}

/// The iris split the foundation page used (kept for tests).
pub fn default_data() -> Result<Prepared, Error> {
    load_data(
        &DataSpec {
            choice: DatasetChoice::Iris,
            noise: 0.0,
            train_ratio: 0.8,
            seed: SPLIT_SEED,
            n_samples: 500,
            n_classes: 3,
        },
        &[],
        None,
    )
}

/// How to read a grid's margin, and so which lines to draw.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SurfaceKind {
    /// Two-class SVM: signed decision value; boundary at 0, margins at ±1.
    SvmBinary,
    /// Multi-class SVM: boundaries from the one-vs-one pair values.
    SvmPairs,
    /// Two classes with a signed score (log-odds, P(1) − P(0), tanh): boundary at 0.
    SignedBinary,
    /// A probability lead ≥ 0: boundaries where the predicted class changes.
    Regions,
}

/// CSS pixels per grid cell of the studio's surface. k-NN costs more per cell near
/// class boundaries (a classifier: most with distance weights and many neighbours; a
/// regressor everywhere, having no single-class regions to settle at once), so it is
/// drawn coarser, the more so the more neighbours, to stay within a frame
/// (BENCHMARKS.md, k-NN decision surface).
pub fn cell_px(model: &FittedModel) -> f64 {
    match model {
        FittedModel::Knn(m) => {
            let p = m.params();
            match (p.weights, p.k) {
                (KnnWeights::Uniform, k) if k <= 10 => 2.0,
                (_, k) if k <= 25 => 3.0,
                _ => 4.0,
            }
        }
        FittedModel::KnnRegressor(m) => match m.params().k {
            k if k <= 10 => 4.0,
            k if k <= 25 => 5.0,
            _ => 6.0,
        },
        _ => 2.0,
    }
}

/// How to read a classifier's grid: which lines its margins draw.
pub fn surface_kind(model: &FittedModel, n_classes: usize) -> SurfaceKind {
    match model {
        FittedModel::Svc(m) if m.pairs().len() == 1 => SurfaceKind::SvmBinary,
        FittedModel::Svc(_) => SurfaceKind::SvmPairs,
        FittedModel::LinearSvm(m) if m.pairs.len() == 1 => SurfaceKind::SvmBinary,
        FittedModel::Logistic(_) | FittedModel::Mlp(_) if n_classes == 2 => {
            SurfaceKind::SignedBinary
        }
        _ => SurfaceKind::Regions,
    }
}

/// A fitted model with what the page shows about it.
#[derive(Debug, Clone, PartialEq)]
pub struct Trained {
    pub model: FittedModel,
    /// Indices (into the dataset's features) the model was trained on.
    pub features: Vec<usize>,
    pub train_accuracy: f64,
    pub test_accuracy: Option<f64>,
    /// Per-class scores and the confusion matrix on the test part (the training part
    /// when there is no test part).
    pub report: Option<ClassificationReport>,
    pub fit_ms: f64,
}

/// Fits a one-call model on the training part restricted to `features` and scores it.
/// `now` is a millisecond clock (the browser's `performance.now()`).
pub fn train(
    data: &Prepared,
    params: &ModelParams,
    features: &[usize],
    now: impl Fn() -> f64,
) -> Result<Trained, Error> {
    let train_set = restrict(&data.train, features)?;
    let start = now();
    let model = fit(params, &train_set)?;
    let fit_ms = now() - start;
    score_on(&train_set, data, model, features, fit_ms)
}

/// Fits `params` on `train`; k-NN's k never exceeds the training points (the slider's
/// top means "all of them").
pub fn fit(params: &ModelParams, train: &Dataset) -> Result<FittedModel, Error> {
    match params {
        ModelParams::Knn(p) if p.k > train.n_samples() => {
            ModelParams::Knn(p.clone().k(train.n_samples())).fit(train)
        }
        p => p.fit(train),
    }
}

/// Scores an already fitted model (e.g. a snapshot of a network in training).
pub fn score(
    data: &Prepared,
    model: FittedModel,
    features: &[usize],
    fit_ms: f64,
) -> Result<Trained, Error> {
    score_on(
        &restrict(&data.train, features)?,
        data,
        model,
        features,
        fit_ms,
    )
}

/// [`score`] with the training part already restricted to `features`.
fn score_on(
    train_set: &Dataset,
    data: &Prepared,
    model: FittedModel,
    features: &[usize],
    fit_ms: f64,
) -> Result<Trained, Error> {
    let train_pred = model.predict_classes(train_set.x())?;
    let train_accuracy = accuracy(train_set.labels()?, &train_pred)?;
    // Per-class scores on the test part, or on the training part when there is none.
    let (report, test_accuracy) = if data.test.n_samples() > 0 {
        let test_set = restrict(&data.test, features)?;
        let pred = model.predict_classes(test_set.x())?;
        let y = test_set.labels()?;
        (
            classification_report(y, &pred, test_set.n_classes()).ok(),
            Some(accuracy(y, &pred)?),
        )
    } else {
        (
            classification_report(train_set.labels()?, &train_pred, train_set.n_classes()).ok(),
            None,
        )
    };
    Ok(Trained {
        model,
        features: features.to_vec(),
        train_accuracy,
        test_accuracy,
        report,
        fit_ms,
    })
}

pub fn restrict(d: &Dataset, features: &[usize]) -> Result<Dataset, Error> {
    if features.len() == d.n_features() && features.iter().enumerate().all(|(i, &f)| i == f) {
        Ok(d.clone())
    } else {
        d.select_features(features)
    }
}

/// The features a model should be trained on for the plane (`x`, `y`).
pub fn model_features(n_features: usize, x: usize, y: usize, shown_only: bool) -> Vec<usize> {
    if shown_only || n_features <= 2 {
        vec![x, y]
    } else {
        (0..n_features).collect()
    }
}

/// The plane's extent in standardized units: `fixed` (original units) if given, else
/// every point (train and test) plus a margin.
pub fn plane_extent(data: &Prepared, feature: usize, fixed: Option<(f64, f64)>) -> (f64, f64) {
    if let Some(units) = fixed {
        return data.scaler.standardize_range(feature, units);
    }
    padded_extent(
        data.train
            .x()
            .column(feature)
            .iter()
            .chain(data.test.x().column(feature).iter())
            .copied(),
    )
}

/// The range of `values` with 8 % of it added on each side (−3…3 if there is no range).
pub fn padded_extent(values: impl Iterator<Item = f64>) -> (f64, f64) {
    let (lo, hi) = values.fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), v| {
        (lo.min(v), hi.max(v))
    });
    if lo.is_finite() && hi.is_finite() && hi > lo {
        let pad = 0.08 * (hi - lo);
        (lo - pad, hi + pad)
    } else {
        (-3.0, 3.0)
    }
}

/// The grid for the shown plane, in the model's own feature space. Features the model
/// uses but the plane does not show are held at 0, their training mean after
/// standardization.
pub fn surface_spec(
    data: &Prepared,
    trained: &Trained,
    x: usize,
    y: usize,
    width: usize,
    height: usize,
    fixed: Option<(f64, f64)>,
) -> Option<GridSpec> {
    let x_feature = trained.features.iter().position(|&f| f == x)?;
    let y_feature = trained.features.iter().position(|&f| f == y)?;
    Some(GridSpec {
        width,
        height,
        x_feature,
        y_feature,
        x_range: plane_extent(data, x, fixed),
        y_range: plane_extent(data, y, fixed),
        base: vec![0.0; trained.features.len()],
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use hyperplane_core::kernel::KernelKind;
    use hyperplane_core::linear_model::LogisticParams;
    use hyperplane_core::neighbors::KnnParams;
    use hyperplane_core::svm::SvcParams;
    use hyperplane_core::tree::TreeParams;

    #[test]
    fn default_linear_svc_scores_like_sklearn() {
        let data = default_data().unwrap();
        let t = train(
            &data,
            &ModelParams::Svc(SvcParams::default().kernel(KernelKind::Linear)),
            &[0, 1, 2, 3],
            || 0.0,
        )
        .unwrap();
        // scikit-learn's SVC(kernel="linear", C=1) on the same split: 93.3 %, 23 SVs.
        assert_eq!(crate::format::percent(t.test_accuracy.unwrap()), "93.3%");
        match &t.model {
            FittedModel::Svc(m) => assert_eq!(m.n_support(), &[2, 12, 9]),
            _ => panic!("an SVM"),
        }
    }

    #[test]
    fn every_dataset_and_model_fits() {
        for choice in DatasetChoice::ALL {
            if matches!(choice, DatasetChoice::Drawn | DatasetChoice::Imported)
                || choice.is_regression()
            {
                continue;
            }
            let data = load_data(
                &DataSpec {
                    choice,
                    noise: 0.1,
                    train_ratio: 0.5,
                    seed: 3,
                    n_samples: 200,
                    n_classes: 3,
                },
                &[],
                None,
            )
            .unwrap();
            for spec in [
                ModelParams::Svc(SvcParams::default()),
                ModelParams::Logistic(LogisticParams::default()),
                ModelParams::Knn(KnnParams::default()),
                ModelParams::Tree(TreeParams::default().max_depth(Some(5))),
            ] {
                let t = train(&data, &spec, &[0, 1], || 0.0).unwrap();
                assert!(t.train_accuracy > 0.4, "{choice:?} {spec:?}");
            }
        }
    }

    #[test]
    fn bad_params_are_an_error_not_a_panic() {
        let data = default_data().unwrap();
        let err = train(
            &data,
            &ModelParams::Svc(SvcParams::default().c(-1.0)),
            &[0, 1],
            || 0.0,
        )
        .unwrap_err();
        assert!(err.to_string().contains("C"));
    }
}

#[cfg(test)]
mod drawn_tests {
    use super::*;
    use hyperplane_core::svm::SvcParams;

    #[test]
    fn drawn_points_become_a_dataset_and_too_few_are_an_error() {
        let spec = DataSpec {
            choice: DatasetChoice::Drawn,
            noise: 0.0,
            train_ratio: 1.0,
            seed: 1,
            n_samples: 0,
            n_classes: 3,
        };
        assert!(load_data(&spec, &[], None).is_err());
        let pts = [
            (-2.0, -2.0, 0),
            (-3.0, -1.0, 0),
            (2.0, 2.0, 1),
            (3.0, 1.0, 1),
        ];
        let d = load_data(&spec, &pts, None).unwrap();
        assert_eq!(d.train.n_samples(), 4);
        let t = train(&d, &ModelParams::Svc(SvcParams::default()), &[0, 1], || 0.0).unwrap();
        assert_eq!(t.train_accuracy, 1.0);
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
        let spec = DataSpec {
            choice: DatasetChoice::Imported,
            noise: 0.0,
            train_ratio: 0.5,
            seed: 1,
            n_samples: 0,
            n_classes: 2,
        };
        let d = load_data(&spec, &[], Some(&good)).unwrap();
        assert_eq!(d.train.n_samples() + d.test.n_samples(), 4);
        let err = ImportedCsv::parse("b.csv", "u,v,kind\n1,2,x\n2,oops,y\n".into()).unwrap_err();
        assert!(
            err.to_string().contains("line 3") && err.to_string().contains("\"v\""),
            "{err}"
        );
        assert!(ImportedCsv::parse("c.csv", String::new()).is_err());
    }
}
