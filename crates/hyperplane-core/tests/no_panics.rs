//! Property tests: every public entry point given non-finite, empty or mis-shaped input
//! returns a typed error, and never panics, whatever the input.
#![cfg(not(target_arch = "wasm32"))]

use hyperplane_core::csv_data::{read_classification_csv, read_feature_csv, read_regression_csv};
use hyperplane_core::datasets::{iris, GeneratorKind, GeneratorParams};
use hyperplane_core::features::{expand, FeatureTransform};
use hyperplane_core::grid::{GridModel, GridOutput, GridSpec};
use hyperplane_core::kernel::{Gamma, KernelKind};
use hyperplane_core::metrics::{
    accuracy, classification_report, log_loss, r2_score, regression_report, roc_auc,
};
use hyperplane_core::preprocess::{stratified_split, train_test_split, Standardizer};
use hyperplane_core::svm::{LinearSvmParams, SvcParams, SvrParams};
use hyperplane_core::table::{self, Encode, Impute, Recipe};
use hyperplane_core::{Dataset, Error};
use ndarray::Array2;
use proptest::prelude::*;

/// Any f64, with NaN and ±inf well represented.
fn any_value() -> impl Strategy<Value = f64> {
    prop_oneof![
        4 => -1e3..1e3f64,
        1 => Just(f64::NAN),
        1 => Just(f64::INFINITY),
        1 => Just(f64::NEG_INFINITY),
        1 => any::<f64>(),
    ]
}

fn matrix(max_rows: usize, max_cols: usize) -> impl Strategy<Value = Array2<f64>> {
    (0..=max_rows, 0..=max_cols).prop_flat_map(|(r, c)| {
        prop::collection::vec(any_value(), r * c)
            .prop_map(move |v| Array2::from_shape_vec((r, c), v).unwrap())
    })
}

fn names(n: usize) -> Vec<String> {
    (0..n).map(|i| format!("f{i}")).collect()
}

fn kernel() -> impl Strategy<Value = KernelKind> {
    prop::sample::select(KernelKind::ALL.to_vec())
}

fn cases() -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(200)
}

proptest! {
    // 200 cases in CI; PROPTEST_CASES=N for a long run (RELIABILITY.md).
    #![proptest_config(ProptestConfig { cases: cases(), .. ProptestConfig::default() })]

    #[test]
    fn dataset_rejects_what_it_cannot_hold(
        x in matrix(6, 3),
        y in prop::collection::vec(0usize..4, 0..8),
        k in 0usize..4,
    ) {
        let finite = x.iter().all(|v| v.is_finite());
        let ok_shape = x.nrows() > 0 && x.ncols() > 0 && y.len() == x.nrows();
        let ok_labels = y.iter().all(|&l| l < k);
        match Dataset::new(x.clone(), y.clone(), names(x.ncols()), names(k)) {
            Ok(_) => prop_assert!(finite && ok_shape && ok_labels),
            Err(e) => prop_assert!(!(finite && ok_shape && ok_labels), "{e}"),
        }
        let t: Vec<f64> = y.iter().map(|&v| v as f64).collect();
        let r = Dataset::with_values(x.clone(), t, names(x.ncols()), "t".into());
        prop_assert_eq!(r.is_ok(), finite && ok_shape);
    }

    #[test]
    fn models_fit_or_say_why(
        x in matrix(8, 3),
        labels in prop::collection::vec(0usize..3, 8),
        kind in kernel(),
        c in any_value(),
        g in any_value(),
        degree in 0u32..12,
    ) {
        let y: Vec<usize> = labels[..x.nrows()].to_vec();
        let Ok(data) = Dataset::new(x.clone(), y.clone(), names(x.ncols()), names(3)) else {
            return Ok(());
        };
        let params = SvcParams::default().kernel(kind).c(c).gamma(Gamma::Value(g)).degree(degree).max_iter(20_000);
        match params.check() {
            Err(Error::InvalidParam { .. }) => prop_assert!(!(c.is_finite() && c > 0.0 && g.is_finite() && g > 0.0) || (kind == KernelKind::Poly && !(1..=10).contains(&degree))),
            Err(e) => prop_assert!(false, "unexpected error {e}"),
            Ok(p) => {
                if let Ok(m) = p.fit(&data) {
                    let bad = Array2::from_elem((2, x.ncols() + 1), 0.0);
                    prop_assert!(m.predict(bad.view()).is_err());
                    let mut nan = Array2::from_elem((1, x.ncols()), 0.0);
                    nan[[0, 0]] = f64::NAN;
                    prop_assert!(m.decision_function(nan.view()).is_err());
                    let _ = m.predict(x.view());
                }
            }
        }
        let t: Vec<f64> = y.iter().map(|&v| v as f64).collect();
        if let Ok(reg) = Dataset::with_values(x.clone(), t, names(x.ncols()), "t".into()) {
            if let Ok(p) = SvrParams::default().kernel(kind).c(c).gamma(Gamma::Value(g)).check() {
                let _ = p.fit(&reg).map(|m| m.predict(x.view()));
            }
        }
        if let Ok(p) = LinearSvmParams::default().c(c).learning_rate(g.abs()).check() {
            if let Ok(mut t) = p.init(&data) {
                let _ = t.step(5, 0);
                let _ = t.model().predict(x.view());
            }
        }
    }

    #[test]
    fn engine_two_models_fit_or_say_why(
        x in matrix(10, 3),
        labels in prop::collection::vec(0usize..3, 10),
        c in any_value(),
        k in 0usize..12,
        depth in prop::option::of(0usize..6),
        split in 0usize..5,
        leaf in 0usize..4,
    ) {
        use hyperplane_core::linear_model::LogisticParams;
        use hyperplane_core::neighbors::KnnParams;
        use hyperplane_core::tree::TreeParams;
        let y: Vec<usize> = labels[..x.nrows()].to_vec();
        let Ok(data) = Dataset::new(x.clone(), y, names(x.ncols()), names(3)) else {
            return Ok(());
        };
        let wide = Array2::from_elem((1, x.ncols() + 1), 0.5);
        if let Ok(m) = LogisticParams::default().c(c).check().and_then(|p| p.fit(&data)) {
            prop_assert!(m.predict(wide.view()).is_err());
            let _ = m.predict_proba(x.view());
        }
        if let Ok(m) = KnnParams::default().k(k).check().and_then(|p| p.fit(&data)) {
            prop_assert!(m.predict(wide.view()).is_err());
            let _ = m.predict_proba(x.view());
        }
        let mlp = hyperplane_core::nn::MlpParams::default()
            .hidden(vec![k % 4 + 1; depth.unwrap_or(1) % 3])
            .learning_rate(c.abs())
            .batch_size(split);
        if let Ok(mut t) = mlp.check().and_then(|p| p.init_classifier(&data)) {
            let _ = t.step(2);
            let m = t.model();
            prop_assert!(m.predict(wide.view()).is_err());
            let _ = m.predict(x.view());
            let _ = t.set_weight(leaf, split, k, c);
        }
        let tree = TreeParams::default().max_depth(depth).min_samples_split(split).min_samples_leaf(leaf);
        if let Ok(m) = tree.check().and_then(|p| p.fit(&data)) {
            prop_assert!(m.predict(wide.view()).is_err());
            let _ = m.predict(x.view());
        }
    }

    #[test]
    fn grid_specs_are_checked(
        w in 0usize..5, h in 0usize..5, fx in 0usize..6, fy in 0usize..6,
        base in prop::collection::vec(any_value(), 0..6),
        x0 in any_value(), x1 in any_value(),
    ) {
        let data = iris().unwrap();
        let model = SvcParams::default().check().unwrap().fit(&data).unwrap();
        let spec = GridSpec { width: w, height: h, x_feature: fx, y_feature: fy, x_range: (x0, x1), y_range: (-1.0, 1.0), base };
        let mut out = GridOutput::new();
        let _ = model.evaluate_grid(&spec, &mut out);
    }

    #[test]
    fn preprocessing_and_metrics_reject_bad_input(
        x in matrix(5, 3),
        a in prop::collection::vec(0usize..3, 0..6),
        b in prop::collection::vec(0usize..3, 0..6),
        s in prop::collection::vec(any_value(), 0..6),
        ratio in any_value(),
        seed in any::<u64>(),
    ) {
        let _ = Standardizer::fit(x.view()).and_then(|st| st.transform(x.view()));
        let _ = train_test_split(a.len(), ratio, seed);
        let _ = stratified_split(&a, ratio, seed);
        let _ = accuracy(&a, &b);
        let _ = classification_report(&a, &b, 3);
        let _ = classification_report(&a, &b, 1);
        let _ = roc_auc(&a, &s);
        let _ = r2_score(&s, &s);
        let _ = regression_report(&s, &s[..s.len() / 2]);
        let _ = log_loss(&a, x.view());
        if x.ncols() == 2 {
            let _ = expand(x.view(), &FeatureTransform::ALL);
        }
        prop_assert!(accuracy(&a, &b).is_ok() == (a.len() == b.len() && !a.is_empty()));
    }

    #[test]
    fn text_input_never_panics(text in ".{0,200}", target in "[a-z]{0,3}") {
        let _ = read_classification_csv(&text, &target);
        let _ = read_regression_csv(&text, &target);
        let _ = read_feature_csv(&text, std::slice::from_ref(&target));
    }

    #[test]
    fn csv_like_input_never_panics(
        rows in prop::collection::vec(prop::collection::vec("[0-9a-z.,-]{0,6}|NaN|inf|", 0..5), 0..6),
    ) {
        let text = rows.iter().map(|r| r.join(",")).collect::<Vec<_>>().join("\n");
        let text = format!("a,b,label\n{text}");
        let _ = read_classification_csv(&text, "label");
        let _ = read_regression_csv(&text, "label");
    }

    /// Any dialect, any cells: the import reads, profiles, applies each recipe and
    /// replays its encoder, or says why not.
    #[test]
    fn imported_tables_never_panic(
        rows in prop::collection::vec(
            prop::collection::vec("[0-9a-c]{0,3}|[0-9]{1,2}[.,][0-9]|NA|\\?|\"[a;,\n]{0,3}\"|inf|-|", 0..5),
            0..8,
        ),
        sep in prop::sample::select(vec![",", ";", "\t"]),
        end in prop::sample::select(vec!["\n", "\r\n", "\r"]),
        bom in any::<bool>(),
        impute in prop::sample::select(Impute::ALL.to_vec()),
        ordinal in any::<bool>(),
        target in 0usize..5,
    ) {
        let body = rows.iter().map(|r| r.join(sep)).collect::<Vec<_>>().join(end);
        let text = format!("{}a{sep}b{sep}c{end}{body}", if bom { "\u{FEFF}" } else { "" });
        if let Ok((raw, _)) = table::open(text.as_bytes()) {
            let _ = table::profile(&raw);
            if let Ok(recipe) = Recipe::detect(&raw) {
                let name = raw.columns.get(target).map_or("x".to_string(), |c| c.name.clone());
                let encode = if ordinal { Encode::Ordinal } else { Encode::Onehot };
                for r in [recipe.clone(), Recipe { impute, encode, ..recipe.clone() }] {
                    if let Ok(out) = r.apply(&raw) {
                        let _ = out.encoder.transform(&raw, None);
                    }
                    if let Ok(r) = r.with_target(&raw, &name) {
                        let _ = r.apply(&raw);
                    }
                }
            }
        }
    }

    #[test]
    fn generator_params_are_checked(
        kind in prop::sample::select(GeneratorKind::ALL.to_vec()),
        n in 0usize..300, noise in any_value(), k in 0usize..12, std in any_value(), seed in any::<u64>(),
    ) {
        let p = GeneratorParams::new(kind).n_samples(n).noise(noise).n_classes(k).cluster_std(std).seed(seed);
        let _ = p.generate();
    }
}

/// A file listing 100,000 classes would make 5·10⁹ pairs: refused from the sizes it
/// gives, before anything is allocated for them.
#[test]
fn very_many_classes_are_refused_before_any_allocation() {
    let k = 100_000;
    let m = hyperplane_core::svm::LinearSvm {
        classes: (0..k).collect(),
        class_names: (0..k).map(|i| i.to_string()).collect(),
        pairs: Vec::new(),
        w: ndarray::Array2::zeros((0, 2)),
        b: Vec::new(),
    };
    assert!(matches!(m.validate(), Err(Error::ShapeMismatch { .. })));
}
