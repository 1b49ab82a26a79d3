//! The `hyperplane` command run as a user would: its numbers against scikit-learn's
//! reference values, save/predict agreement, and its errors.

use serde_json::Value;
use std::path::PathBuf;
use std::process::{Command, Output};

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_hyperplane"))
}

fn fixtures() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../hyperplane-core/tests/fixtures")
}

fn run(args: &[&str]) -> Output {
    bin()
        .args(args)
        .output()
        .expect("the hyperplane binary runs")
}

fn json_of(out: &Output) -> Value {
    assert!(
        out.status.success(),
        "failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("stdout is one JSON object")
}

fn reference_case(dataset: &str, params: Value) -> Value {
    let text = std::fs::read_to_string(fixtures().join("svc_reference.json")).unwrap();
    let r: Value = serde_json::from_str(&text).unwrap();
    r["cases"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["dataset"] == dataset && c["params"] == params)
        .cloned()
        .unwrap_or_else(|| panic!("no reference case {dataset} {params}"))
}

fn assert_close(ours: &Value, theirs: &Value, label: &str) {
    let theirs: Vec<Vec<f64>> = serde_json::from_value(theirs.clone()).unwrap();
    let ours: Vec<Vec<f64>> = serde_json::from_value(ours.clone()).unwrap();
    let flat: Vec<f64> = theirs.iter().flatten().copied().collect();
    let range = flat.iter().cloned().fold(f64::MIN, f64::max)
        - flat.iter().cloned().fold(f64::MAX, f64::min);
    for (i, row) in theirs.iter().enumerate() {
        for (j, v) in row.iter().enumerate() {
            let d = (ours[i][j] - v).abs();
            assert!(
                d <= 1e-3 * range,
                "{label}: [{i}][{j}] {} vs sklearn {v}",
                ours[i][j]
            );
        }
    }
}

#[test]
fn cli_decision_values_and_support_vectors_match_sklearn() {
    let moons = fixtures().join("moons.csv");
    let moons = moons.to_str().unwrap();
    let out = json_of(&run(&[
        "fit",
        "--data",
        moons,
        "--target",
        "label",
        "--test-size",
        "0",
        "--kernel",
        "rbf",
        "--c",
        "1",
        "--gamma",
        "scale",
        "--decision-values",
        moons,
    ]));
    let case = reference_case(
        "moons",
        serde_json::json!({"kernel": "rbf", "C": 1.0, "gamma": "scale"}),
    );
    assert_eq!(out["facts"]["n_support"], case["n_support"]);
    let ours = Value::from(out["decision_values"].as_array().unwrap()[..120].to_vec());
    assert_close(&ours, &case["decision"], "moons rbf");
    assert_eq!(out["data"]["n_test"], 0);

    let weighted = json_of(&run(&[
        "fit",
        "--data",
        moons,
        "--target",
        "label",
        "--test-size",
        "0",
        "--kernel",
        "linear",
        "--class-weight",
        "2,0.5",
        "--decision-values",
        moons,
    ]));
    let case = reference_case(
        "moons",
        serde_json::json!({"kernel": "linear", "C": 1.0, "class_weight": [2.0, 0.5]}),
    );
    assert_eq!(weighted["facts"]["n_support"], case["n_support"]);
    let ours = Value::from(weighted["decision_values"].as_array().unwrap()[..120].to_vec());
    assert_close(&ours, &case["decision"], "moons weighted");
    assert_eq!(out["test"], Value::Null);

    // three classes, one-vs-one columns, on a bundled dataset
    let iris_csv = std::env::temp_dir().join("hyperplane-cli-iris.csv");
    let data = run(&["data", "--dataset", "iris"]);
    assert!(data.status.success());
    std::fs::write(&iris_csv, &data.stdout).unwrap();
    let iris_csv = iris_csv.to_str().unwrap();
    let out = json_of(&run(&[
        "fit",
        "--dataset",
        "iris",
        "--test-size",
        "0",
        "--kernel",
        "poly",
        "--c",
        "1",
        "--gamma",
        "0.5",
        "--degree",
        "2",
        "--coef0",
        "1",
        "--decision-values",
        iris_csv,
    ]));
    let case = reference_case(
        "iris_full",
        serde_json::json!({"kernel": "poly", "C": 1.0, "gamma": 0.5, "degree": 2, "coef0": 1.0}),
    );
    assert_eq!(out["facts"]["n_support"], case["n_support"]);
    assert_close(&out["decision_values"], &case["decision"], "iris poly");
    let acc = out["train"]["accuracy"].as_f64().unwrap();
    assert!((acc - case["train_accuracy"].as_f64().unwrap()).abs() < 1e-12);
}

#[test]
fn saved_model_predicts_what_fit_predicted() {
    let dir = std::env::temp_dir();
    let model = dir.join("hyperplane-cli-model.json");
    let model = model.to_str().unwrap();
    let blobs = fixtures().join("blobs.csv");
    let blobs = blobs.to_str().unwrap();
    let fitted = json_of(&run(&[
        "fit",
        "--data",
        blobs,
        "--target",
        "label",
        "--standardize",
        "--stratify",
        "--seed",
        "3",
        "--predict",
        blobs,
        "--decision-values",
        blobs,
        "--save",
        model,
    ]));
    let predicted = json_of(&run(&["predict", "--model", model, "--data", blobs]));
    assert_eq!(predicted["predictions"], fitted["predictions"]);
    assert_eq!(predicted["decision_values"], fitted["decision_values"]);
    assert!(fitted["test"]["accuracy"].as_f64().unwrap() > 0.8);
    assert_eq!(fitted["test"]["confusion"].as_array().unwrap().len(), 3);

    let reg = fixtures().join("reg_plane.csv");
    let reg = reg.to_str().unwrap();
    // Every regressor: the SVR, k-NN and a tree on the numeric target.
    for extra in [
        &["--model", "svr", "--kernel", "linear"][..],
        &["--model", "knn", "--regression", "--k", "3"][..],
        &["--model", "tree", "--regression", "--max-depth", "6"][..],
    ] {
        let mut args = vec!["fit", "--data", reg, "--target", "y"];
        args.extend_from_slice(extra);
        args.extend_from_slice(&["--predict", reg, "--save", model]);
        let fitted = json_of(&run(&args));
        assert_eq!(fitted["model"], extra[1], "{extra:?}");
        assert!(
            fitted["test"]["r2"].as_f64().unwrap() > 0.8,
            "{extra:?}: {fitted}"
        );
        let predicted = json_of(&run(&["predict", "--model", model, "--data", reg]));
        assert_eq!(predicted["predictions"], fitted["predictions"], "{extra:?}");
    }
    let tree = json_of(&run(&["fit", "--dataset", "reg-gauss", "--model", "tree"]));
    assert_eq!(tree["params"]["criterion"], "squared_error");
    let bad = run(&[
        "fit",
        "--dataset",
        "reg-gauss",
        "--model",
        "tree",
        "--criterion",
        "gini",
    ]);
    assert!(String::from_utf8_lossy(&bad.stderr).contains("squared_error"));
}

#[test]
fn errors_are_one_line_on_stderr_with_a_failure_status() {
    let penguins = example("penguins.csv");
    let bad = std::env::temp_dir().join("hyperplane-cli-bad.csv");
    std::fs::write(&bad, "a,b,label\n1,2,x\n3\n").unwrap();
    let tampered = std::env::temp_dir().join("hyperplane-cli-tampered.json");
    std::fs::write(
        &tampered,
        "{\"format\": \"hyperplane-model\", \"version\": 7}",
    )
    .unwrap();
    let cases: Vec<(Vec<&str>, &str)> = vec![
        (vec!["fit", "--dataset", "nope"], "unknown dataset"),
        (vec!["fit", "--data", "/no/such/file.csv"], "cannot read"),
        (
            vec!["fit", "--data", bad.to_str().unwrap(), "--target", "label"],
            "line 3",
        ),
        (vec!["fit", "--dataset", "iris", "--c", "-1"], "C"),
        (
            vec!["fit", "--data", &penguins, "--impute", "zero"],
            "--impute must be",
        ),
        (
            vec!["fit", "--data", &penguins, "--exclude", "wings"],
            "no column named \"wings\"",
        ),
        (
            vec!["fit", "--dataset", "iris", "--gamma", "fast"],
            "--gamma",
        ),
        (
            vec!["fit", "--dataset", "iris", "--test-size", "1.5"],
            "--test-size",
        ),
        (
            vec!["fit", "--dataset", "reg-plane", "--model", "svc"],
            "svr",
        ),
        (
            vec![
                "predict",
                "--model",
                tampered.to_str().unwrap(),
                "--data",
                bad.to_str().unwrap(),
            ],
            "invalid model file",
        ),
    ];
    for (args, needle) in cases {
        let out = run(&args);
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(err.trim_end().lines().count(), 1, "{args:?}: {err}");
        assert!(
            err.starts_with("error: ") && err.contains(needle),
            "{args:?}: {err}"
        );
        assert!(out.stdout.is_empty());
    }
}

#[test]
fn help_documents_every_option() {
    let out = run(&["fit", "--help"]);
    let help = String::from_utf8_lossy(&out.stdout);
    for option in [
        "--data",
        "--target",
        "--dataset",
        "--model",
        "--kernel",
        "--c",
        "--gamma",
        "--degree",
        "--coef0",
        "--epsilon",
        "--tol",
        "--test-size",
        "--seed",
        "--stratify",
        "--standardize",
        "--decision-values",
        "--predict",
        "--save",
        "--n-samples",
        "--noise",
    ] {
        assert!(help.contains(option), "fit --help lacks {option}");
    }
    let out = run(&["predict", "--help"]);
    assert!(String::from_utf8_lossy(&out.stdout).contains("--model"));
}

#[test]
fn gradient_descent_svm_agrees_with_the_linear_svc() {
    let moons = fixtures().join("moons.csv");
    let moons = moons.to_str().unwrap();
    let common = [
        "--data",
        moons,
        "--target",
        "label",
        "--test-size",
        "0",
        "--decision-values",
        moons,
    ];
    let gd = json_of(&run(&[
        &["fit", "--model", "linear-svm-gd", "--c", "1"][..],
        &common[..],
    ]
    .concat()));
    let svc = json_of(&run(&[
        &[
            "fit", "--model", "svc", "--kernel", "linear", "--c", "1", "--tol", "1e-6",
        ][..],
        &common[..],
    ]
    .concat()));
    assert_eq!(gd["model"], "linear-svm-gd");
    assert_eq!(gd["facts"]["epochs"], 20000);
    let a: Vec<Vec<f64>> = serde_json::from_value(gd["decision_values"].clone()).unwrap();
    let b: Vec<Vec<f64>> = serde_json::from_value(svc["decision_values"].clone()).unwrap();
    let flat: Vec<f64> = b.iter().flatten().copied().collect();
    let range = flat.iter().cloned().fold(f64::MIN, f64::max)
        - flat.iter().cloned().fold(f64::MAX, f64::min);
    for (x, y) in a.iter().flatten().zip(&flat) {
        assert!((x - y).abs() < 1e-2 * range);
    }
}

#[test]
fn logistic_knn_and_tree_models_match_sklearn_through_the_cli() {
    let reference: Value = serde_json::from_str(
        &std::fs::read_to_string(fixtures().join("engine2_reference.json")).unwrap(),
    )
    .unwrap();
    let moons = fixtures().join("moons.csv");
    let moons = moons.to_str().unwrap();
    let base = ["--data", moons, "--target", "label", "--test-size", "0"];
    let find = |kind: &str, params: Value| {
        reference[kind]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["dataset"] == "moons" && c["params"] == params)
            .cloned()
            .unwrap()
    };
    let lr = json_of(&run(&[
        &["fit", "--model", "logistic", "--c", "10"][..],
        &base[..],
    ]
    .concat()));
    let want = find("logistic", serde_json::json!({"C": 10.0, "penalty": "l2"}));
    let got: Vec<f64> = serde_json::from_value(lr["facts"]["coef"][0].clone()).unwrap();
    let exp: Vec<f64> = serde_json::from_value(want["coef"][0].clone()).unwrap();
    for (g, e) in got.iter().zip(&exp) {
        assert!((g - e).abs() < 1e-4 * e.abs().max(1.0));
    }
    let tree = json_of(&run(&[
        &[
            "fit",
            "--model",
            "tree",
            "--max-depth",
            "5",
            "--min-samples-split",
            "10",
        ][..],
        &base[..],
    ]
    .concat()));
    let want = find(
        "tree",
        serde_json::json!({"criterion": "gini", "max_depth": 5, "min_samples_split": 10, "min_samples_leaf": 1}),
    );
    assert_eq!(tree["facts"]["depth"], want["depth"]);
    assert!(
        (tree["train"]["accuracy"].as_f64().unwrap() - want["train_accuracy"].as_f64().unwrap())
            .abs()
            < 1e-12
    );
    let knn = json_of(&run(&[
        &[
            "fit",
            "--model",
            "knn",
            "--k",
            "15",
            "--weights",
            "distance",
            "--predict",
            moons,
        ][..],
        &base[..],
    ]
    .concat()));
    let want = find("knn", serde_json::json!({"k": 15, "weights": "distance"}));
    let preds: Vec<String> = serde_json::from_value(knn["predictions"].clone()).unwrap();
    let exp: Vec<usize> = serde_json::from_value(want["predict"].clone()).unwrap();
    for (p, e) in preds.iter().zip(&exp[..40]) {
        assert_eq!(p, &e.to_string());
    }
    let bad = run(&[&["fit", "--model", "knn", "--k", "100000"][..], &base[..]].concat());
    assert_eq!(bad.status.code(), Some(1));
}

#[test]
fn neural_network_trains_saves_and_predicts() {
    let model = std::env::temp_dir().join("hyperplane-cli-mlp.json");
    let model = model.to_str().unwrap();
    let out = json_of(&run(&[
        "fit",
        "--dataset",
        "xor",
        "--model",
        "mlp",
        "--playground",
        "--epochs",
        "300",
        "--test-size",
        "0.5",
        "--seed",
        "1",
        "--data-seed",
        "1",
        "--save",
        model,
    ]));
    assert!(
        out["test"]["accuracy"].as_f64().unwrap() >= 0.97,
        "{}",
        out["test"]
    );
    assert_eq!(out["facts"]["layers"], serde_json::json!([2, 4, 2, 1]));
    let data = std::env::temp_dir().join("hyperplane-cli-xor.csv");
    let csv = run(&["data", "--dataset", "xor", "--data-seed", "1"]);
    std::fs::write(&data, &csv.stdout).unwrap();
    let predicted = json_of(&run(&[
        "predict",
        "--model",
        model,
        "--data",
        data.to_str().unwrap(),
    ]));
    assert_eq!(predicted["predictions"].as_array().unwrap().len(), 500);
    let bad = run(&[
        "fit",
        "--dataset",
        "xor",
        "--model",
        "mlp",
        "--activation",
        "swish",
    ]);
    assert_eq!(bad.status.code(), Some(1));
}

/// The studio's export (`hyperplane-versions`) is a deployment format: `predict --model`
/// reads it, picks a version by name or alias, and predicts as the model file does.
#[test]
fn predict_reads_a_versions_file_exported_by_the_studio() {
    use hyperplane_formats::model_file::ModelFile;
    use hyperplane_formats::saved_version::{
        DataSource, Metrics, ModelParams, SavedVersion, VersionsFile,
    };
    let dir = std::env::temp_dir();
    let model = dir.join("hyperplane-cli-versions-model.json");
    let versions = dir.join("hyperplane-cli-versions.json");
    let blobs = fixtures().join("blobs.csv");
    let (model, versions, blobs) = (
        model.to_str().unwrap(),
        versions.to_str().unwrap(),
        blobs.to_str().unwrap(),
    );
    json_of(&run(&[
        "fit",
        "--data",
        blobs,
        "--target",
        "label",
        "--standardize",
        "--save",
        model,
    ]));
    let file = ModelFile::from_json(&std::fs::read_to_string(model).unwrap()).unwrap();
    let version = |number: u32, alias: Option<&str>| SavedVersion {
        model_name: "SVM".into(),
        number,
        name: format!("v{number}"),
        notes: String::new(),
        tags: vec![],
        alias: alias.map(str::to_string),
        created_ms: 0.0,
        params: ModelParams::Svc(Default::default()),
        data: DataSource {
            dataset: "blobs".into(),
            seed: 0,
            noise: 0.0,
            train_ratio: 0.8,
            n_samples: 0,
            n_classes: 3,
            x_feature: 0,
            y_feature: 1,
            shown_only: true,
            points: vec![],
            csv: None,
            edits: None,
            content_hash: "0123456789abcdef".into(),
            generation: 1,
        },
        features: vec![0, 1],
        metrics: Metrics {
            train_accuracy: Some(1.0),
            ..Metrics::default()
        },
        history: vec![],
        diverged: false,
        trainer: None,
        model: file.clone(),
    };
    let export = VersionsFile::new(vec![version(1, None), version(2, Some("best"))]);
    std::fs::write(versions, export.to_json().unwrap()).unwrap();
    let direct = json_of(&run(&["predict", "--model", model, "--data", blobs]));
    for pick in ["best", "v2", "SVM v1"] {
        let via = json_of(&run(&[
            "predict",
            "--model",
            versions,
            "--data",
            blobs,
            "--version",
            pick,
        ]));
        assert_eq!(via, direct, "--version {pick}");
    }
    let out = run(&["predict", "--model", versions, "--data", blobs]);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("2 versions") && err.contains("SVM v2"),
        "{err}"
    );
    let out = run(&[
        "predict",
        "--model",
        model,
        "--data",
        blobs,
        "--version",
        "v1",
    ]);
    assert!(String::from_utf8_lossy(&out.stderr).contains("versions file"));

    // A regressor's version (the studio's SVR) predicts values, as its model file does.
    let reg = fixtures().join("reg_plane.csv");
    let reg = reg.to_str().unwrap();
    json_of(&run(&[
        "fit", "--data", reg, "--target", "y", "--model", "svr", "--save", model,
    ]));
    let mut svr = version(1, None);
    svr.model_name = "SVR".into();
    svr.params = ModelParams::Svr(Default::default());
    svr.data.dataset = "reg-plane".into();
    svr.metrics = Metrics {
        train_r2: Some(0.95),
        train_mse: Some(0.2),
        ..Metrics::default()
    };
    svr.model = ModelFile::from_json(&std::fs::read_to_string(model).unwrap()).unwrap();
    std::fs::write(versions, VersionsFile::new(vec![svr]).to_json().unwrap()).unwrap();
    let direct = json_of(&run(&["predict", "--model", model, "--data", reg]));
    let via = json_of(&run(&["predict", "--model", versions, "--data", reg]));
    assert_eq!(via, direct);
    assert!(via["predictions"].as_array().unwrap()[0].is_f64(), "{via}");
}

fn example(name: &str) -> String {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../public/examples")
        .join(name)
        .to_str()
        .unwrap()
        .to_string()
}

#[test]
fn files_as_people_have_them_are_read_and_predicted_raw() {
    // The penguins file: text columns, NA and empty cells, species not last.
    let penguins = example("penguins.csv");
    let model = std::env::temp_dir().join("hyperplane-cli-penguins.json");
    let fit = json_of(&run(&[
        "fit",
        "--data",
        &penguins,
        "--standardize",
        "--save",
        model.to_str().unwrap(),
    ]));
    let import = &fit["data"]["import"];
    assert_eq!(import["target"], "species");
    assert_eq!(import["rows_read"], 344);
    assert_eq!(
        fit["data"]["classes"],
        serde_json::json!(["Adelie", "Chinstrap", "Gentoo"])
    );
    assert!(fit["data"]["features"]
        .as_array()
        .unwrap()
        .contains(&Value::from("island = Dream")));
    assert!(
        import["summary"]
            .as_str()
            .unwrap()
            .contains("filled with the column mean"),
        "{import}"
    );
    assert!(fit["test"]["accuracy"].as_f64().unwrap() > 0.9, "{fit}");
    // Predicting reads the raw file (gaps, text) through the saved recipe.
    let p = json_of(&run(&[
        "predict",
        "--model",
        model.to_str().unwrap(),
        "--data",
        &penguins,
    ]));
    let predictions = p["predictions"].as_array().unwrap();
    assert_eq!(predictions.len(), 344);
    let raw = std::fs::read_to_string(&penguins).unwrap();
    let right = raw
        .lines()
        .skip(1)
        .zip(predictions)
        .filter(|(line, p)| line.starts_with(p.as_str().unwrap()))
        .count();
    assert!(right > 330, "{right} of 344 predicted right");

    // Options: drop the rows with gaps, ordinal categories, a column left out.
    let fit = json_of(&run(&[
        "fit",
        "--data",
        &penguins,
        "--impute",
        "drop",
        "--encode",
        "ordinal",
        "--exclude",
        "sex",
    ]));
    assert_eq!(fit["data"]["import"]["rows_used"], 342);
    assert_eq!(
        fit["data"]["features"],
        serde_json::json!([
            "bill_length_mm",
            "bill_depth_mm",
            "flipper_length_mm",
            "body_mass_g",
            "island"
        ])
    );
    assert_eq!(fit["data"]["import"]["excluded"][0]["reason"], "--exclude");

    // A German spreadsheet's file: BOM, semicolons, decimal commas, CRLF.
    let eu = json_of(&run(&["fit", "--data", &example("iris-european.csv")]));
    let import = &eu["data"]["import"];
    assert_eq!(import["delimiter"], "semicolon");
    assert_eq!(import["decimal_comma"], true);
    assert_eq!(import["encoding"], "UTF-8 with byte-order mark");
    assert_eq!(eu["data"]["n_features"], 4);
    assert_eq!(eu["data"]["features"][0], "Kelchblattlänge");
    assert!(eu["test"]["accuracy"].as_f64().unwrap() > 0.9);

    // A typo in a number column is reported where it is, not fatal.
    let typo = std::env::temp_dir().join("hyperplane-cli-typo.csv");
    let mut text = String::from("x,z,label\n");
    for i in 0..40 {
        let x = if i == 5 {
            "1..5".to_string()
        } else {
            i.to_string()
        };
        text.push_str(&format!("{x},{},{}\n", (i * 7) % 11, i % 2));
    }
    std::fs::write(&typo, text).unwrap();
    let fit = json_of(&run(&[
        "fit",
        "--data",
        typo.to_str().unwrap(),
        "--model",
        "knn",
    ]));
    let excluded = &fit["data"]["import"]["excluded"][0];
    assert_eq!(excluded["column"], "x");
    assert!(
        excluded["reason"]
            .as_str()
            .unwrap()
            .contains("line 7 has \"1..5\""),
        "{excluded}"
    );
}
