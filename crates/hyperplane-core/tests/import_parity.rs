//! The import recipe against pandas + scikit-learn on the shipped example files
//! (reference written by scripts/sklearn_import.py): the same rows kept, the same
//! imputed values, the same one-hot or ordinal columns in the same order, and the same
//! predictions from an RBF SVC fitted on the standardized result.

use hyperplane_core::kernel::{Gamma, KernelKind};
use hyperplane_core::preprocess::Standardizer;
use hyperplane_core::svm::SvcParams;
use hyperplane_core::table::{self, Encode, Impute, Recipe};
use serde_json::Value;

fn example(name: &str) -> Vec<u8> {
    std::fs::read(format!(
        "{}/../../public/examples/{name}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
}

/// scikit-learn's `get_feature_names_out` as the studio names them.
fn studio_name(sklearn: &str, encode: &str) -> String {
    let name = sklearn
        .strip_prefix("num__")
        .or_else(|| sklearn.strip_prefix("cat__"))
        .unwrap();
    match (sklearn.starts_with("cat__"), encode, name.split_once('_')) {
        // Only the penguins' categories are one-hot here: "island_Dream", "sex_male".
        (true, "onehot", Some((column, value))) => format!("{column} = {value}"),
        _ => name.to_string(),
    }
}

#[test]
fn recipes_match_pandas_and_scikit_learn() {
    let reference: Value =
        serde_json::from_str(include_str!("fixtures/import_reference.json")).unwrap();
    let cases = reference["cases"].as_array().unwrap();
    assert_eq!(cases.len(), 9);
    for case in cases {
        let label = format!("{} {} {}", case["file"], case["impute"], case["encode"]);
        let (raw, _) = table::open(&example(case["file"].as_str().unwrap())).unwrap();
        let detected = Recipe::detect(&raw).unwrap();
        assert_eq!(detected.target, case["target"].as_str().unwrap(), "{label}");
        let recipe = Recipe {
            impute: Impute::from_key(case["impute"].as_str().unwrap()).unwrap(),
            encode: Encode::from_key(case["encode"].as_str().unwrap()).unwrap(),
            ..detected
        };
        let data = recipe.apply(&raw).unwrap().dataset;
        let names: Vec<String> = case["feature_names"]
            .as_array()
            .unwrap()
            .iter()
            .map(|n| studio_name(n.as_str().unwrap(), case["encode"].as_str().unwrap()))
            .collect();
        assert_eq!(data.feature_names(), names, "{label}");
        let x = case["x"].as_array().unwrap();
        assert_eq!(data.n_samples(), x.len(), "{label}: rows kept");
        for (i, row) in x.iter().enumerate() {
            for (j, v) in row.as_array().unwrap().iter().enumerate() {
                let (ours, theirs) = (data.x()[[i, j]], v.as_f64().unwrap());
                assert!(
                    (ours - theirs).abs() <= 1e-12 * theirs.abs().max(1.0),
                    "{label}: x[{i}][{j}] = {ours}, scikit-learn {theirs}"
                );
            }
        }
        let classes: Vec<&str> = case["classes"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c.as_str().unwrap())
            .collect();
        assert_eq!(data.class_names(), classes, "{label}");
        let y: Vec<&str> = data
            .labels()
            .unwrap()
            .iter()
            .map(|&l| data.class_names()[l].as_str())
            .collect();
        let expected: Vec<&str> = case["y"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c.as_str().unwrap())
            .collect();
        assert_eq!(y, expected, "{label}");

        let scaled = data
            .with_x(
                Standardizer::fit(data.x())
                    .unwrap()
                    .transform(data.x())
                    .unwrap(),
            )
            .unwrap();
        let svc = SvcParams::default()
            .kernel(KernelKind::Rbf)
            .c(1.0)
            .gamma(Gamma::Scale)
            .check()
            .unwrap()
            .fit(&scaled)
            .unwrap();
        let predicted: Vec<&str> = svc
            .predict(scaled.x())
            .unwrap()
            .iter()
            .map(|&l| data.class_names()[l].as_str())
            .collect();
        let sklearn: Vec<&str> = case["svc_predictions"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c.as_str().unwrap())
            .collect();
        assert_eq!(predicted, sklearn, "{label}: SVC predictions");
    }
}
