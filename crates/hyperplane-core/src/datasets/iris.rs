//! Fisher's iris data (public domain), as shipped by scikit-learn: 150 samples,
//! 4 features in cm, 3 species. Small enough to compile into every build.

use crate::csv_data::read_classification_csv;
use crate::dataset::Dataset;
use crate::error::Result;

const IRIS_CSV: &str = include_str!("../../data/iris.csv");

/// Loads the bundled iris data, with readable feature names.
pub fn iris() -> Result<Dataset> {
    let d = read_classification_csv(IRIS_CSV, "species")?;
    Dataset::new(
        d.x().to_owned(),
        d.labels()?.to_vec(),
        [
            "sepal length (cm)",
            "sepal width (cm)",
            "petal length (cm)",
            "petal width (cm)",
        ]
        .map(String::from)
        .to_vec(),
        d.class_names().to_vec(),
    )
}

#[cfg(test)]
mod tests {
    #[test]
    fn iris_has_150_samples_4_features_50_per_class() {
        let d = super::iris().unwrap();
        assert_eq!(d.n_samples(), 150);
        assert_eq!(d.n_features(), 4);
        assert_eq!(d.class_counts(), vec![50, 50, 50]);
        assert_eq!(d.class_names()[0], "setosa");
        assert_eq!(d.x()[[0, 0]], 5.1);
        assert_eq!(d.x()[[149, 3]], 1.8);
    }
}
