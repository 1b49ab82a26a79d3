//! Command-line options.

use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

#[derive(Parser)]
#[command(
    name = "hyperplane",
    version,
    about = "Fit, evaluate and apply Hyperplane's models from the command line",
    long_about = "Fit, evaluate and apply Hyperplane's models from the command line.\n\n\
        Parameters mean what scikit-learn's mean (C, gamma='scale'/'auto', degree, coef0, \
        epsilon, tol), and results match scikit-learn's. Output is one JSON object on stdout."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand)]
pub enum Command {
    /// Fit a model on a CSV file or a built-in dataset and print its metrics and key facts.
    Fit(Box<FitArgs>),
    /// Apply a saved model (from `fit --save`) to the rows of a CSV file.
    Predict(PredictArgs),
    /// Print a built-in or generated dataset as CSV.
    Data(DataArgs),
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ModelKind {
    /// C-support vector classification (scikit-learn's SVC)
    Svc,
    /// Epsilon-support vector regression (scikit-learn's SVR)
    Svr,
    /// Linear SVM trained by gradient descent on ½wᵀw + C Σ max(0, 1 − y(wᵀx + b))
    LinearSvmGd,
    /// Logistic regression (scikit-learn's LogisticRegression; --c, --penalty)
    Logistic,
    /// k-nearest neighbours (scikit-learn's KNeighborsClassifier, or KNeighborsRegressor
    /// on a numeric target; --k, --weights)
    Knn,
    /// Decision tree (scikit-learn's DecisionTreeClassifier, or DecisionTreeRegressor on a
    /// numeric target; --criterion, --max-depth, ...)
    Tree,
    /// Neural network (--hidden, --activation, --optimizer, --learning-rate, --epochs, ...)
    Mlp,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum KernelArg {
    Linear,
    Rbf,
    Poly,
    Sigmoid,
}

/// Where the data comes from: a CSV file or a built-in dataset.
#[derive(Args, Clone)]
pub struct DataSource {
    /// CSV or spreadsheet text file: delimiter, decimal comma, header and encoding are
    /// detected; number and category columns become features (categories encoded,
    /// gaps filled), identifier and free-text columns are left out.
    #[arg(long, value_name = "FILE", conflicts_with = "dataset")]
    pub data: Option<PathBuf>,
    /// Name of the target column in --data (default: a column named like species,
    /// label, class, target or y, else the last number or category column).
    #[arg(long, value_name = "COLUMN", requires = "data")]
    pub target: Option<String>,
    /// Field delimiter of --data: comma, semicolon or tab (default: detected).
    #[arg(long, value_name = "DELIMITER", requires = "data")]
    pub delimiter: Option<String>,
    /// Numbers in --data are written with a decimal comma, `1,5` (default: detected).
    #[arg(long, requires = "data")]
    pub decimal_comma: bool,
    /// --data has no header row; its columns are then "column 1", "column 2", ...
    /// (default: detected).
    #[arg(long, requires = "data")]
    pub no_header: bool,
    /// Gaps in feature columns: mean, median or most_frequent (scikit-learn's
    /// SimpleImputer; category columns always take their most frequent value), or drop
    /// the rows that have one.
    #[arg(long, default_value = "mean")]
    pub impute: String,
    /// Category columns: onehot (unknown categories all zeros) or ordinal (unknown −1).
    #[arg(long, default_value = "onehot")]
    pub encode: String,
    /// Leave this column of --data out of the features (may be repeated).
    #[arg(long, value_name = "COLUMN", requires = "data")]
    pub exclude: Vec<String>,
    /// Built-in dataset: iris, wine, breast-cancer (bundled), or generated: circle, xor,
    /// gauss, spiral, moons, blobs, reg-plane, reg-gauss.
    #[arg(long, value_name = "NAME")]
    pub dataset: Option<String>,
    /// Generated datasets: number of points.
    #[arg(long, default_value_t = 500)]
    pub n_samples: usize,
    /// Generated datasets: noise (TensorFlow Playground's 0–0.5; moons: Gaussian std).
    #[arg(long, default_value_t = 0.0, allow_negative_numbers = true)]
    pub noise: f64,
    /// Generated datasets: seed of the generator.
    #[arg(long, default_value_t = 0)]
    pub data_seed: u64,
    /// Blobs: number of classes.
    #[arg(long, default_value_t = 3)]
    pub classes: usize,
    /// Blobs: standard deviation of each cluster.
    #[arg(long, default_value_t = 1.0, allow_negative_numbers = true)]
    pub cluster_std: f64,
}

#[derive(Args)]
pub struct FitArgs {
    #[command(flatten)]
    pub source: DataSource,
    /// Model to fit (default: svc, or svr when the data is a regression dataset).
    #[arg(long, value_enum)]
    pub model: Option<ModelKind>,
    #[arg(long, value_enum, default_value = "rbf")]
    pub kernel: KernelArg,
    /// Regularization: the penalty on margin violations.
    #[arg(
        long = "c",
        visible_alias = "C",
        default_value_t = 1.0,
        allow_negative_numbers = true
    )]
    pub c: f64,
    /// Kernel coefficient for rbf, poly and sigmoid: scale, auto or a positive number.
    #[arg(long, default_value = "scale", allow_negative_numbers = true)]
    pub gamma: String,
    /// Degree of the poly kernel.
    #[arg(long, default_value_t = 3)]
    pub degree: u32,
    /// Independent term of the poly and sigmoid kernels.
    #[arg(long, default_value_t = 0.0, allow_negative_numbers = true)]
    pub coef0: f64,
    /// SVC: weight per class multiplying C, comma-separated in class order (as the
    /// classes are listed in the output), e.g. 1,5.
    #[arg(long, value_name = "W1,W2,...", value_delimiter = ',')]
    pub class_weight: Option<Vec<f64>>,
    /// SVR: half-width of the epsilon-insensitive tube.
    #[arg(long, default_value_t = 0.1, allow_negative_numbers = true)]
    pub epsilon: f64,
    /// logistic: l2 or none.
    #[arg(long, default_value = "l2")]
    pub penalty: String,
    /// knn: number of neighbours.
    #[arg(long, default_value_t = 5)]
    pub k: usize,
    /// knn: uniform or distance.
    #[arg(long, default_value = "uniform")]
    pub weights: String,
    /// tree: gini or entropy for classes (default gini); squared_error for a numeric
    /// target (the default there).
    #[arg(long)]
    pub criterion: Option<String>,
    /// tree: maximum depth (default: unlimited).
    #[arg(long)]
    pub max_depth: Option<usize>,
    /// tree: fewest samples a node needs to be split.
    #[arg(long, default_value_t = 2)]
    pub min_samples_split: usize,
    /// tree: fewest samples in a leaf.
    #[arg(long, default_value_t = 1)]
    pub min_samples_leaf: usize,
    /// linear-svm-gd and mlp: step size η (default 0.01 and 0.03).
    #[arg(long, allow_negative_numbers = true)]
    pub learning_rate: Option<f64>,
    /// linear-svm-gd and mlp: training epochs (default 20000 and 300).
    #[arg(long)]
    pub epochs: Option<u64>,
    /// mlp: neurons per hidden layer, e.g. 4,2 (0 hidden layers: give an empty value).
    #[arg(long, value_delimiter = ',', default_value = "4,2")]
    pub hidden: Vec<usize>,
    /// mlp: relu, tanh, sigmoid or linear.
    #[arg(long, default_value = "tanh")]
    pub activation: String,
    /// mlp: sgd or adam.
    #[arg(long, default_value = "sgd")]
    pub optimizer: String,
    /// mlp with sgd: momentum.
    #[arg(long, default_value_t = 0.0)]
    pub momentum: f64,
    /// mlp: minibatch size.
    #[arg(long, default_value_t = 10)]
    pub batch_size: usize,
    /// mlp: none, l1 or l2.
    #[arg(long, default_value = "none")]
    pub regularization: String,
    /// mlp: the regularization rate λ.
    #[arg(long, default_value_t = 0.0)]
    pub regularization_rate: f64,
    /// Read the CSV target as numbers (regression), e.g. for --model mlp, knn or tree.
    #[arg(long)]
    pub regression: bool,
    /// mlp: TensorFlow Playground's semantics (tanh output, squared loss, its init and updates).
    #[arg(long)]
    pub playground: bool,
    /// linear-svm-gd: τ in the step η/√(1 + t/τ) (0 keeps η fixed).
    #[arg(long, default_value_t = 100.0)]
    pub decay_epochs: f64,
    /// Stopping tolerance of the solver.
    #[arg(long, default_value_t = 1e-3, allow_negative_numbers = true)]
    pub tol: f64,
    /// Share of rows held out for testing (0 trains on everything).
    #[arg(long, default_value_t = 0.2, allow_negative_numbers = true)]
    pub test_size: f64,
    /// Seed of the train/test shuffle.
    #[arg(long, default_value_t = 0)]
    pub seed: u64,
    /// Keep class proportions in both parts of the split (classification).
    #[arg(long)]
    pub stratify: bool,
    /// Standardize features with the training part's mean and standard deviation.
    #[arg(long)]
    pub standardize: bool,
    /// Add the decision values (classification; scikit-learn's one-vs-one layout) or
    /// predictions for the rows of this CSV, which must have the same feature columns.
    #[arg(long, value_name = "FILE")]
    pub decision_values: Option<PathBuf>,
    /// Add predictions for the rows of this CSV.
    #[arg(long, value_name = "FILE")]
    pub predict: Option<PathBuf>,
    /// Save the fitted model (with its preprocessing) as JSON.
    #[arg(long, value_name = "FILE")]
    pub save: Option<PathBuf>,
}

#[derive(Args)]
pub struct PredictArgs {
    /// A model file written by `hyperplane fit --save`, or a versions file exported
    /// from the studio.
    #[arg(long, value_name = "FILE")]
    pub model: PathBuf,
    /// Which version of a versions file: its name (`v2`), model name and name
    /// (`"SVM v2"`) or alias (`best`); not needed when it holds one version.
    #[arg(long, value_name = "NAME")]
    pub version: Option<String>,
    /// CSV file whose columns include the model's features (others are ignored). A model
    /// fitted on an imported file reads the raw columns as that file had them: the same
    /// dialect, gaps filled and categories encoded as in training.
    #[arg(long, value_name = "FILE")]
    pub data: PathBuf,
}

#[derive(Args)]
pub struct DataArgs {
    #[command(flatten)]
    pub source: DataSource,
}
