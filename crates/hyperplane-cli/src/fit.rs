//! `hyperplane fit` and `hyperplane predict`.

use hyperplane_core::csv_data::read_feature_csv;
use hyperplane_core::datasets::Generated;
use hyperplane_core::kernel::{Gamma, KernelKind};
use hyperplane_core::linear_model::{LogisticParams, Penalty};
use hyperplane_core::metrics::{classification_report, regression_report, roc_auc};
use hyperplane_core::model_file::{FittedModel, ModelFile};
use hyperplane_core::neighbors::{KnnParams, KnnWeights};
use hyperplane_core::nn::{
    Activation, MlpParams, MlpTrainer, MlpValidParams, Optimizer, Regularization,
};
use hyperplane_core::preprocess::{stratified_split, train_test_split, Split, Standardizer};
use hyperplane_core::saved_version::{self, VersionsFile};
use hyperplane_core::svm::{LinearSvmParams, SvcParams, SvrParams};
use hyperplane_core::tree::{Criterion, TreeParams};
use hyperplane_core::{Dataset, RegressionData};
use ndarray::Array2;
use serde_json::{json, Value};

use crate::args::{FitArgs, KernelArg, ModelKind, PredictArgs};
use crate::load::{load, read_file};

fn kernel(k: KernelArg) -> KernelKind {
    match k {
        KernelArg::Linear => KernelKind::Linear,
        KernelArg::Rbf => KernelKind::Rbf,
        KernelArg::Poly => KernelKind::Poly,
        KernelArg::Sigmoid => KernelKind::Sigmoid,
    }
}

fn gamma(text: &str) -> Result<Gamma, String> {
    match text {
        "scale" => Ok(Gamma::Scale),
        "auto" => Ok(Gamma::Auto),
        other => other
            .parse::<f64>()
            .ok()
            .filter(|g| g.is_finite() && *g > 0.0)
            .map(Gamma::Value)
            .ok_or_else(|| {
                format!("--gamma must be scale, auto or a positive number, not {other:?}")
            }),
    }
}

fn split(a: &FitArgs, n: usize, labels: Option<&[usize]>) -> Result<Split, String> {
    if !(a.test_size.is_finite() && (0.0..1.0).contains(&a.test_size)) {
        return Err(format!(
            "--test-size must be in [0, 1), not {}",
            a.test_size
        ));
    }
    let ratio = 1.0 - a.test_size;
    match labels {
        Some(y) if a.stratify => stratified_split(y, ratio, a.seed),
        _ => train_test_split(n, ratio, a.seed),
    }
    .map_err(|e| e.to_string())
}

fn scale(a: &FitArgs, train: ndarray::ArrayView2<'_, f64>) -> Result<Option<Standardizer>, String> {
    if a.standardize {
        Standardizer::fit(train)
            .map(Some)
            .map_err(|e| e.to_string())
    } else {
        Ok(None)
    }
}

fn apply(s: &Option<Standardizer>, x: ndarray::ArrayView2<'_, f64>) -> Result<Array2<f64>, String> {
    match s {
        Some(s) => s.transform(x).map_err(|e| e.to_string()),
        None => Ok(x.to_owned()),
    }
}

/// Rows of a second CSV with the model's feature columns, for --decision-values/--predict.
fn query_rows(path: &std::path::Path, features: &[String]) -> Result<Array2<f64>, String> {
    let text = read_file(path)?;
    read_feature_csv(&text, features).map_err(|e| format!("{}: {e}", path.display()))
}

pub fn fit(a: &FitArgs) -> Result<String, String> {
    // A CSV's target is read as numbers for regressors; --model mlp reads it as classes
    // unless --regression says otherwise.
    let loaded = load(&a.source, a.model == Some(ModelKind::Svr) || a.regression)?;
    let model = a.model.unwrap_or(match loaded {
        Generated::Regression(_) => ModelKind::Svr,
        Generated::Classification(_) => ModelKind::Svc,
    });
    match (model, loaded) {
        (ModelKind::Svc, Generated::Classification(d)) => fit_classifier(a, d, train_svc),
        (ModelKind::LinearSvmGd, Generated::Classification(d)) => {
            fit_classifier(a, d, train_linear_gd)
        }
        (ModelKind::Logistic, Generated::Classification(d)) => fit_classifier(a, d, train_logistic),
        (ModelKind::Knn, Generated::Classification(d)) => fit_classifier(a, d, train_knn),
        (ModelKind::Tree, Generated::Classification(d)) => fit_classifier(a, d, train_tree),
        (ModelKind::Mlp, Generated::Classification(d)) => {
            fit_classifier(a, d, train_mlp_classifier)
        }
        (ModelKind::Svr, Generated::Regression(d)) => fit_regressor(a, d, train_svr),
        (ModelKind::Mlp, Generated::Regression(d)) => fit_regressor(a, d, train_mlp_regressor),
        (ModelKind::Knn, Generated::Regression(d)) => fit_regressor(a, d, train_knn_regressor),
        (ModelKind::Tree, Generated::Regression(d)) => fit_regressor(a, d, train_tree_regressor),
        (_, Generated::Regression(_)) => Err(
            "this classifier needs classes, but the dataset has a numeric target: use --model svr, knn, tree or mlp"
                .into(),
        ),
        (ModelKind::Svr, Generated::Classification(_)) => {
            Err("svr needs a numeric target, but this dataset has classes: use --model svc".into())
        }
    }
}

fn finish(a: &FitArgs, mut out: Value, file: &ModelFile) -> Result<String, String> {
    for (key, path) in [
        ("decision_values", &a.decision_values),
        ("predictions", &a.predict),
    ] {
        if let Some(path) = path {
            let rows = query_rows(path, &file.feature_names)?;
            let p = file.predict(rows.view()).map_err(|e| e.to_string())?;
            out[key] = if key == "decision_values" {
                match (p.decision_values, p.values) {
                    (Some(d), _) => json!(d),
                    (None, Some(v)) => json!(v),
                    _ => Value::Null,
                }
            } else {
                match (p.labels, p.values) {
                    (Some(l), _) => json!(l),
                    (None, Some(v)) => json!(v),
                    _ => Value::Null,
                }
            };
        }
    }
    if let Some(path) = &a.save {
        let text = file.to_json().map_err(|e| e.to_string())?;
        std::fs::write(path, text).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
        out["saved"] = json!(path.display().to_string());
    }
    serde_json::to_string_pretty(&out).map_err(|e| e.to_string())
}

fn classification_scores(model: &FittedModel, d: &Dataset) -> Result<Value, String> {
    let pred = model.predict_classes(d.x()).map_err(|e| e.to_string())?;
    let report = classification_report(d.y(), &pred, d.n_classes()).map_err(|e| e.to_string())?;
    let mut v = json!(report);
    let dec = model.decision_function(d.x()).map_err(|e| e.to_string())?;
    if dec.ncols() == 1 && d.n_classes() == 2 {
        // One score column: scikit-learn's decision_function for a binary classifier.
        let scores: Vec<f64> = dec.column(0).to_vec();
        if let Ok(auc) = roc_auc(d.y(), &scores) {
            v["roc_auc"] = json!(auc);
        }
    }
    Ok(v)
}

/// Fits one classifier: returns the model, its parameters and its key facts as JSON.
type Trainer = fn(&FitArgs, &Dataset) -> Result<(FittedModel, Value, Value), String>;

fn train_svc(a: &FitArgs, train: &Dataset) -> Result<(FittedModel, Value, Value), String> {
    let params = SvcParams::default()
        .kernel(kernel(a.kernel))
        .c(a.c)
        .gamma(gamma(&a.gamma)?)
        .degree(a.degree)
        .coef0(a.coef0)
        .tol(a.tol)
        .class_weight(a.class_weight.clone());
    let model = params
        .check()
        .and_then(|p| p.fit(train))
        .map_err(|e| e.to_string())?;
    let per_class: serde_json::Map<String, Value> = model
        .classes()
        .iter()
        .zip(model.n_support())
        .map(|(&c, &n)| (train.class_names()[c].clone(), json!(n)))
        .collect();
    let facts = json!({
        "kernel": model.kernel(),
        "n_support": model.n_support(),
        "support_vectors_per_class": per_class,
        "n_support_total": model.n_support().iter().sum::<usize>(),
        "intercepts": model.intercepts(),
        "converged": model.converged(),
        "iterations": model.iterations(),
    });
    Ok((FittedModel::Svc(model), json!(params), facts))
}

fn train_linear_gd(a: &FitArgs, train: &Dataset) -> Result<(FittedModel, Value, Value), String> {
    let epochs = a.epochs.unwrap_or(20_000);
    let params = LinearSvmParams::default()
        .c(a.c)
        .learning_rate(a.learning_rate.unwrap_or(0.01))
        .decay_epochs(a.decay_epochs);
    let mut trainer = params
        .check()
        .and_then(|p| p.init(train))
        .map_err(|e| e.to_string())?;
    trainer.step(epochs, epochs).map_err(|e| e.to_string())?;
    let model = trainer.model();
    let facts = json!({
        "epochs": trainer.epoch(),
        "final_objective": trainer.loss_history().last(),
        "weights": model.w.rows().into_iter().map(|r| r.to_vec()).collect::<Vec<_>>(),
        "intercepts": model.b,
    });
    let mut params = json!(params);
    params["epochs"] = json!(epochs);
    Ok((FittedModel::LinearSvm(model), params, facts))
}

fn train_logistic(a: &FitArgs, train: &Dataset) -> Result<(FittedModel, Value, Value), String> {
    let penalty = match a.penalty.as_str() {
        "l2" => Penalty::L2,
        "none" => Penalty::None,
        other => return Err(format!("--penalty must be l2 or none, not {other:?}")),
    };
    let params = LogisticParams::default().c(a.c).penalty(penalty);
    let m = params
        .check()
        .and_then(|p| p.fit(train))
        .map_err(|e| e.to_string())?;
    let facts = json!({
        "coef": m.coef.rows().into_iter().map(|r| r.to_vec()).collect::<Vec<_>>(),
        "intercept": m.intercept,
        "converged": m.converged,
        "iterations": m.iterations,
    });
    Ok((FittedModel::Logistic(m), json!(params), facts))
}

fn knn_params(a: &FitArgs) -> Result<KnnParams, String> {
    let weights = match a.weights.as_str() {
        "uniform" => KnnWeights::Uniform,
        "distance" => KnnWeights::Distance,
        other => {
            return Err(format!(
                "--weights must be uniform or distance, not {other:?}"
            ))
        }
    };
    Ok(KnnParams::default().k(a.k).weights(weights))
}

fn train_knn(a: &FitArgs, train: &Dataset) -> Result<(FittedModel, Value, Value), String> {
    let params = knn_params(a)?;
    let m = params
        .check()
        .and_then(|p| p.fit(train))
        .map_err(|e| e.to_string())?;
    let facts = json!({ "n_train": train.n_samples() });
    Ok((FittedModel::Knn(m), json!(params), facts))
}

fn train_knn_regressor(
    a: &FitArgs,
    train: &RegressionData,
) -> Result<(FittedModel, Value, Value), String> {
    let params = knn_params(a)?;
    let m = params
        .check()
        .and_then(|p| p.fit_regressor(train))
        .map_err(|e| e.to_string())?;
    let facts = json!({ "n_train": train.n_samples() });
    Ok((FittedModel::KnnRegressor(m), json!(params), facts))
}

/// The tree's parameters; the criterion defaults to gini for classes and to
/// squared_error for a numeric target.
fn tree_params(a: &FitArgs, regression: bool) -> Result<TreeParams, String> {
    let criterion = match (a.criterion.as_deref(), regression) {
        (None, false) | (Some("gini"), false) => Criterion::Gini,
        (Some("entropy"), false) => Criterion::Entropy,
        (None, true) | (Some("squared_error"), true) => Criterion::SquaredError,
        (Some(other), false) => {
            return Err(format!(
                "--criterion must be gini or entropy for classes, not {other:?}"
            ))
        }
        (Some(other), true) => {
            return Err(format!(
                "--criterion must be squared_error for a numeric target, not {other:?}"
            ))
        }
    };
    Ok(TreeParams::default()
        .criterion(criterion)
        .max_depth(a.max_depth)
        .min_samples_split(a.min_samples_split)
        .min_samples_leaf(a.min_samples_leaf)
        .seed(a.seed))
}

fn train_tree(a: &FitArgs, train: &Dataset) -> Result<(FittedModel, Value, Value), String> {
    let params = tree_params(a, false)?;
    let m = params
        .check()
        .and_then(|p| p.fit(train))
        .map_err(|e| e.to_string())?;
    let facts = json!({ "depth": m.depth(), "n_leaves": m.n_leaves(), "nodes": m.nodes });
    Ok((FittedModel::Tree(m), json!(params), facts))
}

fn train_tree_regressor(
    a: &FitArgs,
    train: &RegressionData,
) -> Result<(FittedModel, Value, Value), String> {
    let params = tree_params(a, true)?;
    let m = params
        .check()
        .and_then(|p| p.fit_regressor(train))
        .map_err(|e| e.to_string())?;
    let facts = json!({ "depth": m.depth(), "n_leaves": m.n_leaves(), "nodes": m.nodes });
    Ok((FittedModel::TreeRegressor(m), json!(params), facts))
}

fn fit_classifier(a: &FitArgs, data: Dataset, train_fn: Trainer) -> Result<String, String> {
    let s = split(a, data.n_samples(), Some(data.y()))?;
    let train_raw = data.select(&s.train).map_err(|e| e.to_string())?;
    let scaler = scale(a, train_raw.x())?;
    let train = train_raw
        .with_x(apply(&scaler, train_raw.x())?)
        .map_err(|e| e.to_string())?;
    let (model, params, facts) = train_fn(a, &train)?;
    let test = if s.test.is_empty() {
        Value::Null
    } else {
        let raw = data.select(&s.test).map_err(|e| e.to_string())?;
        let t = raw
            .with_x(apply(&scaler, raw.x())?)
            .map_err(|e| e.to_string())?;
        classification_scores(&model, &t)?
    };
    let name = match model {
        FittedModel::LinearSvm(_) => "linear-svm-gd",
        FittedModel::Logistic(_) => "logistic",
        FittedModel::Knn(_) => "knn",
        FittedModel::Tree(_) => "tree",
        FittedModel::Mlp(_) => "mlp",
        _ => "svc",
    };
    let out = json!({
        "model": name,
        "params": params,
        "data": {
            "n_samples": data.n_samples(),
            "n_features": data.n_features(),
            "features": data.feature_names(),
            "classes": data.class_names(),
            "n_train": s.train.len(),
            "n_test": s.test.len(),
            "standardized": a.standardize,
        },
        "train": classification_scores(&model, &train)?,
        "test": test,
        "facts": facts,
    });
    let file = ModelFile::new(
        model,
        data.feature_names().to_vec(),
        data.class_names().to_vec(),
        scaler,
    )
    .map_err(|e| e.to_string())?;
    finish(a, out, &file)
}

fn mlp_params(a: &FitArgs) -> Result<MlpParams, String> {
    let activation = Activation::from_name(&a.activation).ok_or_else(|| {
        format!(
            "--activation must be relu, tanh, sigmoid or linear, not {:?}",
            a.activation
        )
    })?;
    let optimizer = match a.optimizer.as_str() {
        "sgd" => Optimizer::Sgd {
            momentum: a.momentum,
        },
        "adam" => Optimizer::adam(),
        other => return Err(format!("--optimizer must be sgd or adam, not {other:?}")),
    };
    let regularization = match a.regularization.as_str() {
        "none" => Regularization::None,
        "l1" => Regularization::L1,
        "l2" => Regularization::L2,
        other => {
            return Err(format!(
                "--regularization must be none, l1 or l2, not {other:?}"
            ))
        }
    };
    Ok(MlpParams::default()
        .hidden(a.hidden.clone())
        .activation(activation)
        .optimizer(optimizer)
        .learning_rate(a.learning_rate.unwrap_or(0.03))
        .batch_size(a.batch_size)
        .regularization(regularization, a.regularization_rate)
        .playground(a.playground)
        .seed(a.seed))
}

fn mlp_facts(t: &MlpTrainer) -> Value {
    json!({
        "epochs": t.epoch(),
        "final_loss": t.loss_history().last(),
        "layers": t.network().sizes(),
        "weights": t.network().layers,
    })
}

/// Builds the network with `init` (classifier or regressor), trains it and reports it.
fn train_mlp(
    a: &FitArgs,
    init: impl FnOnce(&MlpValidParams) -> hyperplane_core::Result<MlpTrainer>,
) -> Result<(FittedModel, Value, Value), String> {
    let params = mlp_params(a)?;
    let mut t = params
        .check()
        .and_then(|p| init(&p))
        .map_err(|e| e.to_string())?;
    t.step(a.epochs.unwrap_or(300)).map_err(|e| e.to_string())?;
    Ok((FittedModel::Mlp(t.model()), json!(params), mlp_facts(&t)))
}

fn train_mlp_classifier(
    a: &FitArgs,
    train: &Dataset,
) -> Result<(FittedModel, Value, Value), String> {
    train_mlp(a, |p| p.init_classifier(train))
}

type RegTrainer = fn(&FitArgs, &RegressionData) -> Result<(FittedModel, Value, Value), String>;

fn train_mlp_regressor(
    a: &FitArgs,
    train: &RegressionData,
) -> Result<(FittedModel, Value, Value), String> {
    train_mlp(a, |p| p.init_regressor(train))
}

fn train_svr(a: &FitArgs, train: &RegressionData) -> Result<(FittedModel, Value, Value), String> {
    let params = SvrParams::default()
        .kernel(kernel(a.kernel))
        .c(a.c)
        .epsilon(a.epsilon)
        .gamma(gamma(&a.gamma)?)
        .degree(a.degree)
        .coef0(a.coef0)
        .tol(a.tol);
    let model = params
        .check()
        .and_then(|p| p.fit(train))
        .map_err(|e| e.to_string())?;
    let facts = json!({
        "kernel": model.kernel(),
        "n_support_total": model.support_vectors().nrows(),
        "intercept": model.intercept(),
        "converged": model.converged(),
    });
    Ok((FittedModel::Svr(model), json!(params), facts))
}

fn fit_regressor(
    a: &FitArgs,
    data: RegressionData,
    train_fn: RegTrainer,
) -> Result<String, String> {
    let s = split(a, data.n_samples(), None)?;
    let train_raw = data.select(&s.train).map_err(|e| e.to_string())?;
    let scaler = scale(a, train_raw.x())?;
    let train = train_raw
        .with_x(apply(&scaler, train_raw.x())?)
        .map_err(|e| e.to_string())?;
    let (model, params, facts) = train_fn(a, &train)?;
    let score = |d: &RegressionData| -> Result<Value, String> {
        let pred = model.predict_values(d.x()).map_err(|e| e.to_string())?;
        Ok(json!(
            regression_report(d.y(), &pred).map_err(|e| e.to_string())?
        ))
    };
    let test = if s.test.is_empty() {
        Value::Null
    } else {
        let raw = data.select(&s.test).map_err(|e| e.to_string())?;
        score(
            &raw.with_x(apply(&scaler, raw.x())?)
                .map_err(|e| e.to_string())?,
        )?
    };
    let name = match model {
        FittedModel::Mlp(_) => "mlp",
        FittedModel::KnnRegressor(_) => "knn",
        FittedModel::TreeRegressor(_) => "tree",
        _ => "svr",
    };
    let out = json!({
        "model": name,
        "params": params,
        "data": {
            "n_samples": data.n_samples(),
            "n_features": data.n_features(),
            "features": data.feature_names(),
            "target": data.target_name(),
            "n_train": s.train.len(),
            "n_test": s.test.len(),
            "standardized": a.standardize,
        },
        "train": score(&train)?,
        "test": test,
        "facts": facts,
    });
    let file = ModelFile::new(model, data.feature_names().to_vec(), Vec::new(), scaler)
        .map_err(|e| e.to_string())?;
    finish(a, out, &file)
}

/// A model file, or the chosen version of a studio's versions file.
fn model_from_json(text: &str, version: Option<&str>) -> Result<ModelFile, String> {
    let format = serde_json::from_str::<serde_json::Value>(text)
        .ok()
        .and_then(|v| v.get("format")?.as_str().map(str::to_string));
    if format.as_deref() == Some(saved_version::FORMAT) {
        let file = VersionsFile::from_json(text).map_err(|e| e.to_string())?;
        return Ok(file
            .select(version)
            .map_err(|e| e.to_string())?
            .model
            .clone());
    }
    if version.is_some() {
        return Err("--version applies to a versions file, and this is a model file".into());
    }
    ModelFile::from_json(text).map_err(|e| e.to_string())
}

pub fn predict(a: &PredictArgs) -> Result<String, String> {
    let text = read_file(&a.model)?;
    let file = model_from_json(&text, a.version.as_deref())
        .map_err(|e| format!("{}: {e}", a.model.display()))?;
    let rows = query_rows(&a.data, &file.feature_names)?;
    let p = file.predict(rows.view()).map_err(|e| e.to_string())?;
    let out = match (p.labels, p.values) {
        (Some(labels), _) => json!({ "predictions": labels, "decision_values": p.decision_values }),
        (None, Some(values)) => json!({ "predictions": values }),
        _ => json!({}),
    };
    serde_json::to_string_pretty(&out).map_err(|e| e.to_string())
}
