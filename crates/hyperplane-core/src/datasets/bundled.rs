//! Real datasets from the UCI repository, as shipped by scikit-learn, compiled in with
//! the `bundled` feature. The same CSV files are what the web app fetches on demand.

use crate::csv_data::read_classification_csv;
use crate::dataset::Dataset;
use crate::error::Result;

/// The raw CSV text of each bundled set (target column `target`).
pub const WINE_CSV: &str = include_str!("../../data/wine.csv");
pub const BREAST_CANCER_CSV: &str = include_str!("../../data/breast_cancer.csv");

/// Wine recognition: 178 wines, 13 chemical measurements, 3 cultivars.
pub fn wine() -> Result<Dataset> {
    read_classification_csv(WINE_CSV, "target")
}

/// Breast cancer Wisconsin (diagnostic): 569 tumours, 30 features, benign or malignant.
pub fn breast_cancer() -> Result<Dataset> {
    read_classification_csv(BREAST_CANCER_CSV, "target")
}

#[cfg(test)]
mod tests {
    #[test]
    fn bundled_sets_have_their_published_shapes() {
        let w = super::wine().unwrap();
        assert_eq!((w.n_samples(), w.n_features()), (178, 13));
        assert_eq!(w.class_counts(), vec![59, 71, 48]);
        let b = super::breast_cancer().unwrap();
        assert_eq!((b.n_samples(), b.n_features()), (569, 30));
        assert_eq!(
            b.class_names(),
            &["benign".to_string(), "malignant".to_string()]
        );
        assert_eq!(b.class_counts(), vec![357, 212]);
    }
}
