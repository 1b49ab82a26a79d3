//! The versions file (`hyperplane-versions`): every model kind round-trips exactly, and
//! every malformed field is rejected with a message that names it.

use hyperplane_core::datasets::{GeneratorKind, GeneratorParams};
use hyperplane_core::features::FeatureTransform;
use hyperplane_core::linear_model::LogisticParams;
use hyperplane_core::neighbors::KnnParams;
use hyperplane_core::nn::MlpParams;
use hyperplane_core::preprocess::{
    split_and_standardize, train_test_split, Prepared, Standardizer,
};
use hyperplane_core::svm::{LinearSvmParams, SvcParams, SvrParams};
use hyperplane_core::tree::{Criterion, TreeParams};
use hyperplane_core::Dataset;
use hyperplane_formats::model_file::{FittedModel, ModelFile};
use hyperplane_formats::saved_version::{
    content_hash, DataSource, HistoryPoint, Metrics, ModelParams, SavedVersion, VersionsFile,
};
use serde_json::{json, Value};

fn moons() -> (Dataset, Prepared) {
    let all = GeneratorParams::new(GeneratorKind::Moons)
        .n_samples(120)
        .noise(0.2)
        .seed(4)
        .generate()
        .unwrap();
    let p = split_and_standardize(&all, 0.7, 4).unwrap();
    (all, p)
}

/// A version of `model` on data `data`: the fields every fixture shares.
fn record(
    params: ModelParams,
    data: DataSource,
    metrics: Metrics,
    model: ModelFile,
    history: Vec<HistoryPoint>,
) -> SavedVersion {
    SavedVersion {
        model_name: "Demo".into(),
        number: 1,
        name: "v1".into(),
        notes: "first try".into(),
        tags: vec!["teaching".into()],
        alias: Some("best".into()),
        created_ms: 1.79e12,
        params,
        data,
        features: vec![0, 1],
        metrics,
        history,
        diverged: false,
        trainer: None,
        model,
    }
}

fn source(dataset: &str, noise: f64, content_hash: String) -> DataSource {
    DataSource {
        dataset: dataset.into(),
        seed: 4,
        noise,
        train_ratio: 0.7,
        n_samples: 120,
        n_classes: 2,
        x_feature: 0,
        y_feature: 1,
        shown_only: true,
        points: vec![],
        csv: None,
        edits: None,
        content_hash,
        generation: 1,
    }
}

fn version(params: ModelParams, model: FittedModel, history: Vec<HistoryPoint>) -> SavedVersion {
    let (all, p) = moons();
    let file = ModelFile::new(
        model,
        all.feature_names().to_vec(),
        all.class_names().to_vec(),
        Some(p.scaler.clone()),
    )
    .unwrap();
    let metrics = Metrics {
        train_accuracy: Some(0.9),
        test_accuracy: Some(0.85),
        macro_f1: Some(0.84),
        ..Metrics::default()
    };
    let data = source("moons", 0.2, content_hash(&all));
    record(params, data, metrics, file, history)
}

/// TensorFlow Playground's Gaussians regression set: all of it, and its training part
/// standardized, with the standardizer.
fn gaussians(seed: u64) -> (Dataset, Dataset, Standardizer) {
    let all = GeneratorParams::new(GeneratorKind::RegGauss)
        .n_samples(120)
        .noise(0.1)
        .seed(seed)
        .generate()
        .unwrap();
    let split = train_test_split(all.n_samples(), 0.7, seed).unwrap();
    let train = all.select(&split.train).unwrap();
    let scaler = Standardizer::fit(train.x()).unwrap();
    let train = train.with_x(scaler.transform(train.x()).unwrap()).unwrap();
    (all, train, scaler)
}

fn regression_version(
    params: ModelParams,
    model: FittedModel,
    history: Vec<HistoryPoint>,
) -> SavedVersion {
    let (all, _, scaler) = gaussians(4);
    let file = ModelFile::new(model, all.feature_names().to_vec(), vec![], Some(scaler)).unwrap();
    let metrics = Metrics {
        train_r2: Some(0.93),
        test_r2: Some(-0.25),
        train_mse: Some(0.01),
        test_mse: Some(0.2),
        train_loss: history.last().map(|h| h.train),
        ..Metrics::default()
    };
    let data = source("reg-gauss", 0.1, content_hash(&all));
    let mut v = record(params, data, metrics, file, history);
    v.model_name = "Regressor".into();
    v
}

/// The regressors the studio saves: the SVR, a network with a value output, k-NN and a
/// regression tree.
fn regressors() -> Vec<SavedVersion> {
    let (_, train, _) = gaussians(4);
    let knn = KnnParams::default().k(4);
    let tree = TreeParams::default()
        .criterion(Criterion::SquaredError)
        .max_depth(Some(4));
    let svr = SvrParams::default().c(10.0).epsilon(0.05);
    let mlp = MlpParams::default().seed(3);
    let mut mlp_t = mlp.check().unwrap().init_regressor(&train).unwrap();
    mlp_t.step(10).unwrap();
    let history = mlp_t
        .loss_history()
        .iter()
        .enumerate()
        .map(|(i, &l)| HistoryPoint {
            epoch: i as u64 + 1,
            train: l,
            test: None,
        })
        .collect();
    vec![
        regression_version(
            ModelParams::Svr(svr.clone()),
            FittedModel::Svr(svr.check().unwrap().fit(&train).unwrap()),
            vec![],
        ),
        regression_version(
            ModelParams::Mlp {
                params: mlp,
                inputs: Vec::new(),
            },
            FittedModel::Mlp(mlp_t.model()),
            history,
        ),
        regression_version(
            ModelParams::Knn(knn.clone()),
            FittedModel::KnnRegressor(knn.check().unwrap().fit_regressor(&train).unwrap()),
            vec![],
        ),
        regression_version(
            ModelParams::Tree(tree.clone()),
            FittedModel::TreeRegressor(tree.check().unwrap().fit_regressor(&train).unwrap()),
            vec![],
        ),
    ]
}

/// One version of every model kind the studio saves.
fn every_kind() -> Vec<SavedVersion> {
    let (_, p) = moons();
    let d = &p.train;
    let svc = SvcParams::default().gamma(hyperplane_core::kernel::Gamma::Value(0.5));
    let logistic = LogisticParams::default();
    let knn = KnnParams::default().k(3);
    let tree = TreeParams::default().max_depth(Some(3));
    let gd = LinearSvmParams::default();
    let mut gd_t = gd.check().unwrap().init(d).unwrap();
    gd_t.step(50, 50).unwrap();
    let mlp = MlpParams::default().seed(7);
    let inputs = vec![
        FeatureTransform::X1,
        FeatureTransform::X2,
        FeatureTransform::X1X2,
    ];
    let expanded = Dataset::new(
        hyperplane_core::features::expand(d.x(), &inputs).unwrap(),
        d.labels().unwrap().to_vec(),
        vec!["a".into(), "b".into(), "c".into()],
        d.class_names().to_vec(),
    )
    .unwrap();
    let mut mlp_t = mlp.check().unwrap().init_classifier(&expanded).unwrap();
    mlp_t.set_input_transforms(inputs.clone()).unwrap();
    mlp_t.step(20).unwrap();
    let history = mlp_t
        .loss_history()
        .iter()
        .enumerate()
        .map(|(i, &l)| HistoryPoint {
            epoch: i as u64 + 1,
            train: l,
            test: Some(l * 1.1),
        })
        .collect();
    vec![
        version(
            ModelParams::Svc(svc.clone()),
            FittedModel::Svc(svc.check().unwrap().fit(d).unwrap()),
            vec![],
        ),
        version(
            ModelParams::Logistic(logistic.clone()),
            FittedModel::Logistic(logistic.check().unwrap().fit(d).unwrap()),
            vec![],
        ),
        version(
            ModelParams::Knn(knn.clone()),
            FittedModel::Knn(knn.check().unwrap().fit(d).unwrap()),
            vec![],
        ),
        version(
            ModelParams::Tree(tree.clone()),
            FittedModel::Tree(tree.check().unwrap().fit(d).unwrap()),
            vec![],
        ),
        version(
            ModelParams::LinearSvm {
                params: gd,
                epochs: 50,
            },
            FittedModel::LinearSvm(gd_t.model()),
            vec![],
        ),
        {
            let mut v = version(
                ModelParams::Mlp {
                    params: mlp,
                    inputs,
                },
                FittedModel::Mlp(mlp_t.model()),
                history,
            );
            v.trainer = Some(mlp_t.state());
            v
        },
    ]
    .into_iter()
    .chain(regressors())
    .collect()
}

#[test]
fn every_model_kind_round_trips_exactly_and_predicts_the_same() {
    let (all, _) = moons();
    let versions = every_kind();
    for v in &versions {
        v.validate()
            .unwrap_or_else(|e| panic!("{}: {e}", v.params.kind()));
        let back = SavedVersion::from_json(&v.to_json().unwrap()).unwrap();
        assert_eq!(&back, v, "{}", v.params.kind());
        assert_eq!(
            back.model.predict(all.x()).unwrap(),
            v.model.predict(all.x()).unwrap()
        );
    }
    let file = VersionsFile::new(versions.clone());
    let back = VersionsFile::from_json(&file.to_json().unwrap()).unwrap();
    assert_eq!(back, file);
}

#[test]
fn versions_are_picked_by_name_label_or_alias() {
    let mut versions = every_kind();
    versions.truncate(2);
    versions[1].number = 2;
    versions[1].name = "v2".into();
    versions[1].alias = None;
    let file = VersionsFile::new(versions);
    assert_eq!(file.select(Some("v2")).unwrap().number, 2);
    assert_eq!(file.select(Some("Demo v1")).unwrap().number, 1);
    assert_eq!(file.select(Some("best")).unwrap().number, 1);
    assert!(file
        .select(None)
        .unwrap_err()
        .to_string()
        .contains("2 versions"));
    assert!(file.select(Some("v9")).is_err());
}

/// Applies `edit` to the first version of an exported file and returns the error text.
fn rejection(edit: impl Fn(&mut Value)) -> String {
    rejection_of(every_kind(), edit)
}

fn rejection_of(versions: Vec<SavedVersion>, edit: impl Fn(&mut Value)) -> String {
    let file = VersionsFile::new(versions);
    let mut v: Value = serde_json::from_str(&file.to_json().unwrap()).unwrap();
    edit(&mut v);
    match VersionsFile::from_json(&v.to_string()) {
        Ok(_) => panic!("accepted a malformed file: {v}"),
        Err(e) => e.to_string(),
    }
}

/// A change to the exported JSON.
type Edit = Box<dyn Fn(&mut Value)>;

#[test]
fn every_malformed_field_is_rejected_with_its_path() {
    let cases: Vec<(&str, Edit)> = vec![
        (
            "format",
            Box::new(|v| v["format"] = json!("hyperplane-model")),
        ),
        ("version", Box::new(|v| v["version"] = json!(2))),
        ("version", Box::new(|v| v["version"] = json!("1"))),
        ("versions", Box::new(|v| v["versions"] = json!([]))),
        ("versions", Box::new(|v| v["versions"] = json!({}))),
        ("versions[0]", Box::new(|v| v["versions"][0] = json!(3))),
        (
            "model_name",
            Box::new(|v| v["versions"][0]["model_name"] = json!(" ")),
        ),
        (
            "number",
            Box::new(|v| v["versions"][0]["number"] = json!(0)),
        ),
        (
            "versions[0]",
            Box::new(|v| v["versions"][0]["number"] = json!(-1)),
        ),
        ("name", Box::new(|v| v["versions"][0]["name"] = json!(""))),
        (
            "notes",
            Box::new(|v| v["versions"][0]["notes"] = json!("x".repeat(10_001))),
        ),
        (
            "tags[0]",
            Box::new(|v| v["versions"][0]["tags"] = json!([""])),
        ),
        ("alias", Box::new(|v| v["versions"][0]["alias"] = json!(""))),
        (
            "created_ms",
            Box::new(|v| v["versions"][0]["created_ms"] = json!(-5.0)),
        ),
        (
            "params",
            Box::new(|v| v["versions"][0]["params"]["c"] = json!(-1.0)),
        ),
        (
            "params",
            Box::new(|v| v["versions"][0]["params"]["gamma"] = json!({"value": 0.0})),
        ),
        (
            "versions[0]",
            Box::new(|v| v["versions"][0]["params"]["kind"] = json!("forest")),
        ),
        (
            "model.model.kind",
            Box::new(|v| {
                v["versions"][1]["params"] = json!({"kind": "knn", "k": 3, "weights": "uniform"})
            }),
        ),
        (
            "data.noise",
            Box::new(|v| v["versions"][0]["data"]["noise"] = json!(7.0)),
        ),
        (
            "data.train_ratio",
            Box::new(|v| v["versions"][0]["data"]["train_ratio"] = json!(0.0)),
        ),
        (
            "data.y_feature",
            Box::new(|v| v["versions"][0]["data"]["y_feature"] = json!(0)),
        ),
        (
            "data.points",
            Box::new(|v| v["versions"][0]["data"]["dataset"] = json!("drawn")),
        ),
        (
            "data.points[0]",
            Box::new(|v| {
                v["versions"][0]["data"]["dataset"] = json!("drawn");
                v["versions"][0]["data"]["points"] = json!([{"x": 1.0, "y": 2.0, "class": 5000}]);
            }),
        ),
        (
            "data.csv",
            Box::new(|v| v["versions"][0]["data"]["dataset"] = json!("imported")),
        ),
        (
            "data.csv",
            Box::new(|v| {
                v["versions"][0]["data"]["csv"] =
                    json!({"file_name": "a", "text": "x", "target": "y"})
            }),
        ),
        (
            "data.content_hash",
            Box::new(|v| v["versions"][0]["data"]["content_hash"] = json!("xyz")),
        ),
        (
            "features",
            Box::new(|v| v["versions"][0]["features"] = json!([0])),
        ),
        (
            "features",
            Box::new(|v| v["versions"][0]["features"] = json!([1, 1])),
        ),
        (
            "features",
            Box::new(|v| v["versions"][0]["features"] = json!([0, 2])),
        ),
        (
            "metrics.train_accuracy",
            Box::new(|v| v["versions"][0]["metrics"]["train_accuracy"] = json!(1.5)),
        ),
        (
            "metrics.test_accuracy",
            Box::new(|v| v["versions"][0]["metrics"]["test_accuracy"] = json!(-0.1)),
        ),
        (
            "metrics.macro_f1",
            Box::new(|v| v["versions"][0]["metrics"]["macro_f1"] = json!(2)),
        ),
        (
            "metrics.test_loss",
            Box::new(|v| v["versions"][0]["metrics"]["test_loss"] = json!(-1)),
        ),
        (
            "history[1]",
            Box::new(|v| v["versions"][5]["history"][1]["epoch"] = json!(1)),
        ),
        (
            "history[0].train",
            Box::new(|v| v["versions"][5]["history"][0]["train"] = json!(-3.0)),
        ),
        (
            "history[2].test",
            Box::new(|v| v["versions"][5]["history"][2]["test"] = json!(-3.0)),
        ),
        (
            "params.inputs",
            Box::new(|v| v["versions"][5]["params"]["inputs"] = json!(["x1", "x2", "x1_squared"])),
        ),
        (
            "model",
            Box::new(|v| v["versions"][0]["model"]["feature_names"] = json!(["a"])),
        ),
        (
            "model",
            Box::new(|v| {
                v["versions"][0]["model"]["standardizer"]["scale"]["data"][0] = json!(0.0)
            }),
        ),
        (
            "versions[0]",
            Box::new(|v| v["versions"][0]["model"]["model"]["rho"] = json!("x")),
        ),
        (
            "versions[5]",
            Box::new(|v| {
                v["versions"][5]["model"]["model"]["network"]["layers"][0]["w"] = json!([1.0])
            }),
        ),
        (
            "versions[3]",
            Box::new(|v| v["versions"][3]["model"]["model"]["nodes"][0]["left"] = json!(0)),
        ),
        (
            "versions[0]",
            Box::new(|v| {
                v["versions"][0]
                    .as_object_mut()
                    .unwrap()
                    .remove("metrics")
                    .map(drop)
                    .unwrap_or(())
            }),
        ),
    ];
    // The network (versions[5]) carries its trainer state; others have none.
    let trainer_cases: Vec<(&str, Edit)> = vec![
        (
            "versions[5].trainer: trainer state: order",
            Box::new(|v| v["versions"][5]["trainer"]["order"][0] = json!(999_999)),
        ),
        (
            "versions[5].trainer: trainer state: m1",
            Box::new(|v| v["versions"][5]["trainer"]["m1"]["w"] = json!([])),
        ),
        (
            "versions[5].trainer: trainer state: rng_word_pos",
            Box::new(|v| v["versions"][5]["trainer"]["rng_word_pos"] = json!("-3")),
        ),
        (
            "versions[0].trainer: only a network",
            Box::new(|v| v["versions"][0]["trainer"] = v["versions"][5]["trainer"].clone()),
        ),
    ];
    for (field, edit) in cases.into_iter().chain(trainer_cases) {
        let message = rejection(edit);
        assert!(
            message.contains(field),
            "expected the error to name {field:?}, got {message:?}"
        );
    }
    assert!(VersionsFile::from_json("{")
        .unwrap_err()
        .to_string()
        .contains("JSON"));
    assert!(VersionsFile::from_json("").is_err());
}

#[test]
fn the_content_hash_tells_datasets_apart() {
    let (all, _) = moons();
    let other = GeneratorParams::new(GeneratorKind::Moons)
        .n_samples(120)
        .noise(0.2)
        .seed(5)
        .generate()
        .unwrap();
    assert_eq!(content_hash(&all), content_hash(&all.clone()));
    assert_ne!(content_hash(&all), content_hash(&other));
    assert_eq!(content_hash(&all).len(), 16);
}

#[test]
fn regressors_carry_r2_and_mse_and_no_accuracy() {
    let versions = regressors();
    let text = VersionsFile::new(versions.clone()).to_json().unwrap();
    let json: Value = serde_json::from_str(&text).unwrap();
    let metrics = &json["versions"][0]["metrics"];
    assert_eq!(metrics["train_r2"], json!(0.93));
    assert_eq!(metrics["test_mse"], json!(0.2));
    assert_eq!(metrics["train_accuracy"], Value::Null);
    assert_eq!(json["versions"][0]["params"]["kind"], json!("svr"));
    assert_eq!(json["versions"][0]["model"]["class_names"], json!([]));
    // Predictions are values, the same after the round trip.
    let (all, _, _) = gaussians(4);
    let back = VersionsFile::from_json(&text).unwrap();
    for (a, b) in back.versions.iter().zip(&versions) {
        let p = a.model.predict(all.x()).unwrap();
        assert!(p.labels.is_none());
        assert_eq!(p, b.model.predict(all.x()).unwrap());
    }
    // A classifier's file from before regression versions (no R² fields) still reads.
    let old = every_kind().remove(0);
    let text = VersionsFile::new(vec![old]).to_json().unwrap();
    assert!(!text.contains("train_r2"));

    let cases: Vec<(usize, &str, Edit)> = vec![
        (
            0,
            "metrics.train_r2: missing",
            Box::new(|v| v["metrics"]["train_r2"] = Value::Null),
        ),
        (
            0,
            "metrics.train_mse: missing",
            Box::new(|v| v["metrics"]["train_mse"] = Value::Null),
        ),
        (
            0,
            "metrics.test_accuracy: only classifiers",
            Box::new(|v| v["metrics"]["test_accuracy"] = json!(0.5)),
        ),
        (
            0,
            "metrics.train_r2",
            Box::new(|v| v["metrics"]["train_r2"] = json!(1.5)),
        ),
        (
            0,
            "metrics.test_mse",
            Box::new(|v| v["metrics"]["test_mse"] = json!(-1)),
        ),
        (
            0,
            "metrics.test_mse: test R² and test MSE come together",
            Box::new(|v| v["metrics"]["test_mse"] = Value::Null),
        ),
        (
            0,
            "model.class_names",
            Box::new(|v| v["model"]["class_names"] = json!(["a"])),
        ),
        (
            0,
            "params",
            Box::new(|v| v["params"]["epsilon"] = json!(-0.1)),
        ),
        (
            0,
            "model.model.kind",
            Box::new(|v| v["params"] = json!({"kind": "svc"})),
        ),
        (
            1,
            "metrics.macro_f1: only classifiers",
            Box::new(|v| v["metrics"]["macro_f1"] = json!(0.5)),
        ),
        (
            3,
            "params.criterion",
            Box::new(|v| v["params"]["criterion"] = json!("gini")),
        ),
        (
            2,
            "model.model.kind",
            Box::new(|v| v["params"] = json!({"kind": "tree", "criterion": "squared_error"})),
        ),
        // And a classifier has no R² and needs its accuracy.
        (
            4,
            "metrics.train_r2: only regressors",
            Box::new(|v| v["metrics"]["train_r2"] = json!(0.5)),
        ),
        (
            4,
            "metrics.train_accuracy: missing",
            Box::new(|v| v["metrics"]["train_accuracy"] = Value::Null),
        ),
        (
            5,
            "params.criterion",
            Box::new(|v| v["params"]["criterion"] = json!("squared_error")),
        ),
    ];
    for (i, field, edit) in cases {
        let mut set = regressors();
        set.push(every_kind().remove(0));
        set.push(every_kind().remove(3));
        let message = rejection_of(set, |v| edit(&mut v["versions"][i]));
        assert!(
            message.contains(&format!("versions[{i}].{field}")),
            "expected {field:?} at {i}, got {message:?}"
        );
    }
}

#[test]
fn the_content_hash_tells_regression_data_apart() {
    let (a, _, _) = gaussians(4);
    let (b, _, _) = gaussians(5);
    assert_eq!(content_hash(&a), content_hash(&gaussians(4).0));
    assert_ne!(content_hash(&a), content_hash(&b));
    let (moons, _) = moons();
    assert_ne!(content_hash(&a), content_hash(&moons));
}
