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
pub fn to_csv(g: &hyperplane_core::datasets::Generated) -> String {
    use hyperplane_core::datasets::Generated;
    match g {
        Generated::Classification(d) => {
            let mut s = String::from("x1,x2,label\n");
            for i in 0..d.n_samples() {
                s += &format!("{:?},{:?},{}\n", d.x()[[i, 0]], d.x()[[i, 1]], d.y()[i]);
            }
            s
        }
        Generated::Regression(d) => {
            let mut s = String::from("x1,x2,y\n");
            for i in 0..d.n_samples() {
                s += &format!("{:?},{:?},{:?}\n", d.x()[[i, 0]], d.x()[[i, 1]], d.y()[i]);
            }
            s
        }
    }
}
