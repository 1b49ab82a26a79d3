//! The generated datasets the scikit-learn parity tests use, shared by the fixture
//! exporter (examples/export_fixtures.rs) and the tests.
use hyperplane_core::datasets::{GeneratorKind, GeneratorParams};

pub fn parity_sets() -> Vec<(&'static str, GeneratorParams)> {
    vec![
        (
            "moons",
            GeneratorParams::new(GeneratorKind::Moons)
                .n_samples(200)
                .noise(0.2)
                .seed(1),
        ),
        (
            "blobs",
            GeneratorParams::new(GeneratorKind::Blobs)
                .n_samples(150)
                .n_classes(3)
                .cluster_std(2.5)
                .seed(2),
        ),
        (
            "circle",
            GeneratorParams::new(GeneratorKind::Circle)
                .n_samples(200)
                .noise(0.1)
                .seed(3),
        ),
        (
            "xor",
            GeneratorParams::new(GeneratorKind::Xor)
                .n_samples(200)
                .noise(0.1)
                .seed(4),
        ),
        (
            "reg_plane",
            GeneratorParams::new(GeneratorKind::RegPlane)
                .n_samples(150)
                .noise(0.1)
                .seed(5),
        ),
        (
            "reg_gauss",
            GeneratorParams::new(GeneratorKind::RegGauss)
                .n_samples(200)
                .noise(0.0)
                .seed(6),
        ),
    ]
}

/// The CSV text the exporter writes for a generated dataset (full f64 precision).
pub fn to_csv(d: &hyperplane_core::Dataset) -> String {
    use hyperplane_core::Target;
    let x = d.x();
    match d.target() {
        Target::Classes { labels, .. } => {
            let mut s = String::from("x1,x2,label\n");
            for (i, l) in labels.iter().enumerate() {
                s += &format!("{:?},{:?},{}\n", x[[i, 0]], x[[i, 1]], l);
            }
            s
        }
        Target::Values { values, .. } => {
            let mut s = String::from("x1,x2,y\n");
            for (i, v) in values.iter().enumerate() {
                s += &format!("{:?},{:?},{:?}\n", x[[i, 0]], x[[i, 1]], v);
            }
            s
        }
    }
}

/// Exact (bit-for-bit) outputs of a few fits on the moons fixture, written natively by
/// the exporter; the wasm tests check the browser computes the very same numbers.
pub fn fingerprint() -> String {
    use hyperplane_core::svm::{LinearSvmParams, SvcParams};
    let moons = parity_sets()[0].1.generate().unwrap();
    let svc = SvcParams::default().check().unwrap().fit(&moons).unwrap();
    let dec: Vec<String> = svc
        .decision_function(moons.x())
        .unwrap()
        .iter()
        .map(|v| format!("{v:?}"))
        .collect();
    let mut gd = LinearSvmParams::default()
        .check()
        .unwrap()
        .init(&moons)
        .unwrap();
    gd.step(500, 500).unwrap();
    let m = gd.model();
    let w: Vec<String> = m.w.iter().chain(&m.b).map(|v| format!("{v:?}")).collect();
    let mut mlp = hyperplane_core::nn::MlpParams::default()
        .seed(5)
        .check()
        .unwrap()
        .init_classifier(&moons)
        .unwrap();
    mlp.step(30).unwrap();
    let net: Vec<String> = mlp
        .network()
        .layers
        .iter()
        .flat_map(|l| l.w.iter().chain(&l.b))
        .map(|v| format!("{v:?}"))
        .collect();
    // The regressors on the Gaussians set: a tree and distance-weighted k-NN.
    let gauss = parity_sets()[5].1.generate().unwrap();
    let tree = hyperplane_core::tree::TreeParams::default()
        .criterion(hyperplane_core::tree::Criterion::SquaredError)
        .max_depth(Some(6))
        .check()
        .unwrap()
        .fit_regressor(&gauss)
        .unwrap();
    let knn = hyperplane_core::neighbors::KnnParams::default()
        .k(7)
        .weights(hyperplane_core::neighbors::KnnWeights::Distance)
        .check()
        .unwrap()
        .fit_regressor(&gauss)
        .unwrap();
    let shifted = gauss.x().mapv(|v| v * 0.97 + 0.011);
    let values = |v: Vec<f64>| -> String {
        v.iter()
            .map(|v| format!("{v:?}"))
            .collect::<Vec<_>>()
            .join(" ")
    };
    format!(
        "svc_rbf_decision {}\nlinear_gd_500_w_b {}\nmlp_30_epochs {}\nregression_tree_6 {}\nknn_regressor_7_distance {}\n",
        dec.join(" "),
        w.join(" "),
        net.join(" "),
        values(tree.predict(shifted.view()).unwrap()),
        values(knn.predict(shifted.view()).unwrap()),
    )
}
