//! Fisher's iris data (public domain), as shipped by scikit-learn: 150 samples,
//! 4 features in cm, 3 species.

use ndarray::Array2;

use crate::dataset::Dataset;
use crate::error::{Error, Result};

const IRIS_CSV: &str = include_str!("../../data/iris.csv");
const SPECIES: [&str; 3] = ["setosa", "versicolor", "virginica"];

/// Loads the bundled iris data. Parsing a file compiled into the binary cannot fail in
/// practice, but a damaged copy is reported rather than trusted.
pub fn iris() -> Result<Dataset> {
    let mut lines = IRIS_CSV.lines();
    let header: Vec<&str> = lines
        .next()
        .ok_or_else(|| Error::Format("iris.csv: missing header".into()))?
        .split(',')
        .collect();
    let n_features = header.len() - 1;
    let mut values = Vec::with_capacity(150 * n_features);
    let mut labels = Vec::with_capacity(150);
    for (i, line) in lines.filter(|l| !l.trim().is_empty()).enumerate() {
        let cells: Vec<&str> = line.split(',').collect();
        if cells.len() != header.len() {
            return Err(Error::Format(format!(
                "iris.csv row {}: wrong width",
                i + 1
            )));
        }
        for cell in &cells[..n_features] {
            values.push(cell.trim().parse::<f64>().map_err(|_| {
                Error::Format(format!("iris.csv row {}: bad number {cell:?}", i + 1))
            })?);
        }
        let species = cells[n_features].trim();
        let label = SPECIES.iter().position(|s| *s == species).ok_or_else(|| {
            Error::Format(format!(
                "iris.csv row {}: unknown species {species:?}",
                i + 1
            ))
        })?;
        labels.push(label);
    }
    let x = Array2::from_shape_vec((labels.len(), n_features), values)
        .map_err(|e| Error::Format(format!("iris.csv: {e}")))?;
    Dataset::new(
        x,
        labels,
        [
            "sepal length (cm)",
            "sepal width (cm)",
            "petal length (cm)",
            "petal width (cm)",
        ]
        .map(String::from)
        .to_vec(),
        SPECIES.map(String::from).to_vec(),
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
        assert_eq!(d.x()[[0, 0]], 5.1);
        assert_eq!(d.x()[[149, 3]], 1.8);
    }
}
