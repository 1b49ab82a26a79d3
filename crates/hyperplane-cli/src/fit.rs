//! `hyperplane fit` and `hyperplane predict`.

use clap::ValueEnum;
use hyperplane_core::kernel::{Gamma, KernelKind};
use hyperplane_core::linear_model::{LogisticParams, Penalty};
use hyperplane_core::metrics::{classification_report, regression_report, roc_auc};
use hyperplane_core::model::{FittedModel, ModelParams};
use hyperplane_core::neighbors::{KnnParams, KnnWeights};
use hyperplane_core::nn::{Activation, MlpParams, Optimizer, Regularization};
use hyperplane_core::preprocess::{prepare, stratified_split, train_test_split, Split};
use hyperplane_core::svm::{LinearSvmParams, SvcParams, SvrParams};
use hyperplane_core::tree::{Criterion, TreeParams};
use hyperplane_core::{Dataset, Target};
use hyperplane_formats::model_file::ModelFile;
use hyperplane_formats::saved_version::{self, VersionsFile};
use serde_json::{json, Value};

use crate::args::{FitArgs, KernelArg, ModelKind, PredictArgs};
use crate::load::{load, query_rows, read_file};

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

/// The seeded split the options ask for (stratified by class if `--stratify`).
fn split(a: &FitArgs, data: &Dataset) -> Result<Split, String> {
    if !(a.test_size.is_finite() && (0.0..1.0).contains(&a.test_size)) {
        return Err(format!(
            "--test-size must be in [0, 1), not {}",
            a.test_size
        ));
    }
    let ratio = 1.0 - a.test_size;
    match data.labels() {
        Ok(y) if a.stratify => stratified_split(y, ratio, a.seed),
        _ => train_test_split(data.n_samples(), ratio, a.seed),
    }
    .map_err(|e| e.to_string())
}

/// The options mapped to the engine's parameters for `kind` on this kind of target.
fn model_params(a: &FitArgs, kind: ModelKind, regression: bool) -> Result<ModelParams, String> {
    Ok(match kind {
        ModelKind::Svc => ModelParams::Svc(
            SvcParams::default()
                .kernel(kernel(a.kernel))
                .c(a.c)
                .gamma(gamma(&a.gamma)?)
                .degree(a.degree)
                .coef0(a.coef0)
                .tol(a.tol)
                .class_weight(a.class_weight.clone()),
        ),
        ModelKind::Svr => ModelParams::Svr(
            SvrParams::default()
                .kernel(kernel(a.kernel))
                .c(a.c)
                .epsilon(a.epsilon)
                .gamma(gamma(&a.gamma)?)
                .degree(a.degree)
                .coef0(a.coef0)
                .tol(a.tol),
        ),
        ModelKind::LinearSvmGd => ModelParams::LinearSvm {
            params: LinearSvmParams::default()
                .c(a.c)
                .learning_rate(a.learning_rate.unwrap_or(0.01))
                .decay_epochs(a.decay_epochs),
            epochs: a.epochs.unwrap_or(20_000),
        },
        ModelKind::Logistic => {
            let penalty = match a.penalty.as_str() {
                "l2" => Penalty::L2,
                "none" => Penalty::None,
                other => return Err(format!("--penalty must be l2 or none, not {other:?}")),
            };
            ModelParams::Logistic(LogisticParams::default().c(a.c).penalty(penalty))
        }
        ModelKind::Knn => ModelParams::Knn(knn_params(a)?),
        ModelKind::Tree => ModelParams::Tree(tree_params(a, regression)?),
        ModelKind::Mlp => ModelParams::Mlp {
            params: mlp_params(a)?,
            inputs: Vec::new(),
        },
    })
}

pub fn fit(a: &FitArgs) -> Result<String, String> {
    // A CSV's target is read as numbers for regressors; --model mlp reads it as classes
    // unless --regression says otherwise.
    let loaded = load(&a.source, a.model == Some(ModelKind::Svr) || a.regression)?;
    let data = loaded.data;
    let regression = data.is_regression();
    let kind = a.model.unwrap_or(if regression {
        ModelKind::Svr
    } else {
        ModelKind::Svc
    });
    match (kind, regression) {
        (ModelKind::Svc | ModelKind::LinearSvmGd | ModelKind::Logistic, true) => {
            return Err(
                "this classifier needs classes, but the dataset has a numeric target: use --model svr, knn, tree or mlp"
                    .into(),
            )
        }
        (ModelKind::Svr, false) => {
            return Err(
                "svr needs a numeric target, but this dataset has classes: use --model svc".into(),
            )
        }
        _ => {}
    }
    let params = model_params(a, kind, regression)?;
    let prepared = prepare(&data, split(a, &data)?, a.standardize).map_err(|e| e.to_string())?;
    let (model, facts) = train(a, &params, &prepared.train)?;
    let score = |d: &Dataset| scores(&model, d);
    let test = if prepared.split.test.is_empty() {
        Value::Null
    } else {
        score(&prepared.test)?
    };
    let mut shape = json!({
        "n_samples": data.n_samples(),
        "n_features": data.n_features(),
        "features": data.feature_names(),
        "n_train": prepared.split.train.len(),
        "n_test": prepared.split.test.len(),
        "standardized": a.standardize,
    });
    match data.target() {
        Target::Classes { names, .. } => shape["classes"] = json!(names),
        Target::Values { name, .. } => shape["target"] = json!(name),
    }
    if let Some(import) = loaded.import {
        shape["import"] = import;
    }
    let out = json!({
        "model": kind.to_possible_value().map(|v| v.get_name().to_string()),
        "params": params_json(&params),
        "data": shape,
        "train": score(&prepared.train)?,
        "test": test,
        "facts": facts,
    });
    let scaler = a.standardize.then_some(prepared.scaler);
    let file = ModelFile::new(
        model,
        data.feature_names().to_vec(),
        data.class_names().to_vec(),
        scaler,
    )
    .and_then(|f| f.with_encoder(loaded.encoder))
    .map_err(|e| e.to_string())?;
    finish(a, out, &file)
}

/// The parameters as the output shows them: the model's own fields (the gradient-descent
/// SVM's with its epochs), without the enum's tag.
fn params_json(params: &ModelParams) -> Value {
    let mut v = json!(params);
    if let Some(inner) = v.get("params").cloned() {
        let epochs = v.get("epochs").cloned();
        v = inner;
        if let Some(e) = epochs {
            v["epochs"] = e;
        }
    } else if let Some(map) = v.as_object_mut() {
        map.remove("kind");
    }
    v
}

/// Fits through the engine's one `fit` (the network through its trainer, for as many
/// epochs as asked) and tells the fitted model's key facts.
fn train(
    a: &FitArgs,
    params: &ModelParams,
    train: &Dataset,
) -> Result<(FittedModel, Value), String> {
    let err = |e: hyperplane_core::Error| e.to_string();
    if let ModelParams::Mlp { .. } = params {
        let mut t = params.trainer(train).map_err(err)?;
        t.step(a.epochs.unwrap_or(300)).map_err(err)?;
        let facts = json!({
            "epochs": t.epoch(),
            "final_loss": t.loss_history().last(),
            "layers": t.network().sizes(),
            "weights": t.network().layers,
        });
        return Ok((FittedModel::Mlp(t.model()), facts));
    }
    if let ModelParams::LinearSvm { params, epochs } = params {
        // The same run as ModelParams::fit's, kept to report its final objective.
        let t = params
            .check()
            .and_then(|p| p.train(train, *epochs))
            .map_err(err)?;
        let m = t.model();
        let facts = json!({
            "epochs": t.epoch(),
            "final_objective": t.loss_history().last(),
            "weights": m.w.rows().into_iter().map(|r| r.to_vec()).collect::<Vec<_>>(),
            "intercepts": m.b,
        });
        return Ok((FittedModel::LinearSvm(m), facts));
    }
    let model = params.fit(train).map_err(err)?;
    let facts = match &model {
        FittedModel::Svc(m) => {
            let per_class: serde_json::Map<String, Value> = m
                .classes()
                .iter()
                .zip(m.n_support())
                .map(|(&c, &n)| (train.class_names()[c].clone(), json!(n)))
                .collect();
            json!({
                "kernel": m.kernel(),
                "n_support": m.n_support(),
                "support_vectors_per_class": per_class,
                "n_support_total": m.n_support().iter().sum::<usize>(),
                "intercepts": m.intercepts(),
                "converged": m.converged(),
                "iterations": m.iterations(),
            })
        }
        FittedModel::Svr(m) => json!({
            "kernel": m.kernel(),
            "n_support_total": m.support_vectors().nrows(),
            "intercept": m.intercept(),
            "converged": m.converged(),
        }),
        FittedModel::Logistic(m) => json!({
            "coef": m.coef.rows().into_iter().map(|r| r.to_vec()).collect::<Vec<_>>(),
            "intercept": m.intercept,
            "converged": m.converged,
            "iterations": m.iterations,
        }),
        FittedModel::Tree(m) => {
            json!({ "depth": m.depth(), "n_leaves": m.n_leaves(), "nodes": m.nodes })
        }
        FittedModel::TreeRegressor(m) => {
            json!({ "depth": m.depth(), "n_leaves": m.n_leaves(), "nodes": m.nodes })
        }
        _ => json!({ "n_train": train.n_samples() }),
    };
    Ok((model, facts))
}

/// Scores on one part: scikit-learn's classification report (with the ROC AUC of a
/// binary classifier's one score column), or R², MSE and MAE for values.
fn scores(model: &FittedModel, d: &Dataset) -> Result<Value, String> {
    let err = |e: hyperplane_core::Error| e.to_string();
    let Ok(y) = d.labels() else {
        let pred = model.predict_values(d.x()).map_err(err)?;
        return Ok(json!(
            regression_report(d.values().map_err(err)?, &pred).map_err(err)?
        ));
    };
    let pred = model.predict_classes(d.x()).map_err(err)?;
    let report = classification_report(y, &pred, d.n_classes()).map_err(err)?;
    let mut v = json!(report);
    let dec = model.decision_function(d.x()).map_err(err)?;
    if dec.ncols() == 1 && d.n_classes() == 2 {
        // One score column: scikit-learn's decision_function for a binary classifier.
        let scores: Vec<f64> = dec.column(0).to_vec();
        if let Ok(auc) = roc_auc(y, &scores) {
            v["roc_auc"] = json!(auc);
        }
    }
    Ok(v)
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

fn finish(a: &FitArgs, mut out: Value, file: &ModelFile) -> Result<String, String> {
    for (key, path) in [
        ("decision_values", &a.decision_values),
        ("predictions", &a.predict),
    ] {
        if let Some(path) = path {
            let rows = query_rows(path, file)?;
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
    let rows = query_rows(&a.data, &file)?;
    let p = file.predict(rows.view()).map_err(|e| e.to_string())?;
    let out = match (p.labels, p.values) {
        (Some(labels), _) => json!({ "predictions": labels, "decision_values": p.decision_values }),
        (None, Some(values)) => json!({ "predictions": values }),
        _ => json!({}),
    };
    serde_json::to_string_pretty(&out).map_err(|e| e.to_string())
}
