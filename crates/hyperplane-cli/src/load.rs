//! Reading data for the commands: CSV files and built-in datasets.

use hyperplane_core::csv_data::{neutralize, read_classification_csv, read_regression_csv};
use hyperplane_core::datasets::{by_name, GeneratorKind, GeneratorParams};
use hyperplane_core::{Dataset, Target};

use crate::args::{DataArgs, DataSource};

pub fn read_file(path: &std::path::Path) -> Result<String, String> {
    std::fs::read_to_string(path).map_err(|e| format!("cannot read {}: {e}", path.display()))
}

/// The target column: as given, or the header's last column.
fn target_column(text: &str, target: &Option<String>) -> Result<String, String> {
    if let Some(t) = target {
        return Ok(t.clone());
    }
    text.lines()
        .next()
        .and_then(|h| h.split(',').next_back())
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .ok_or_else(|| "the CSV file has no header row".to_string())
}

/// Loads the source; `regression` says how to read a CSV target.
pub fn load(source: &DataSource, regression: bool) -> Result<Dataset, String> {
    match (&source.data, &source.dataset) {
        (Some(path), _) => {
            let text = read_file(path)?;
            let target = target_column(&text, &source.target)?;
            let where_ = path.display();
            if regression {
                read_regression_csv(&text, &target).map_err(|e| format!("{where_}: {e}"))
            } else {
                read_classification_csv(&text, &target).map_err(|e| format!("{where_}: {e}"))
            }
        }
        (None, Some(name)) => {
            if let Some(d) = by_name(name) {
                return d.map_err(|e| e.to_string());
            }
            let kind = GeneratorKind::from_name(name).ok_or_else(|| {
                format!(
                    "unknown dataset {name:?}; choose iris, wine, breast-cancer, circle, xor, \
                     gauss, spiral, moons, blobs, reg-plane or reg-gauss"
                )
            })?;
            GeneratorParams::new(kind)
                .n_samples(source.n_samples)
                .noise(source.noise)
                .seed(source.data_seed)
                .n_classes(source.classes)
                .cluster_std(source.cluster_std)
                .generate()
                .map_err(|e| e.to_string())
        }
        (None, None) => Err("give --data FILE (with --target COLUMN) or --dataset NAME".into()),
    }
}

/// `hyperplane data`: the dataset as CSV, full precision.
pub fn generate_csv(args: &DataArgs) -> Result<String, String> {
    let d = load(&args.source, false)?;
    let mut out = String::new();
    let row = |out: &mut String, x: ndarray::ArrayView1<'_, f64>, target: String| {
        for v in x {
            out.push_str(&format!("{v:?},"));
        }
        out.push_str(&target);
        out.push('\n');
    };
    let names: Vec<String> = d.feature_names().iter().map(|n| neutralize(n)).collect();
    out.push_str(&names.join(","));
    match d.target() {
        Target::Classes { labels, names } => {
            out.push_str(",label\n");
            for (i, &l) in labels.iter().enumerate() {
                row(&mut out, d.x().row(i), neutralize(&names[l]));
            }
        }
        Target::Values { values, name } => {
            out.push_str(&format!(",{}\n", neutralize(name)));
            for (i, v) in values.iter().enumerate() {
                row(&mut out, d.x().row(i), format!("{v:?}"));
            }
        }
    }
    Ok(out.trim_end().to_string())
}
