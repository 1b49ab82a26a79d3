//! Reading data for the commands: CSV files (through the engine's import recipe) and
//! built-in datasets.

use hyperplane_core::csv_data::neutralize;
use hyperplane_core::datasets::{by_name, GeneratorKind, GeneratorParams};
use hyperplane_core::table::{self, text, Delimiter, Encode, Encoder, Impute, Recipe};
use hyperplane_core::{Dataset, Target};
use serde_json::{json, Value};

use crate::args::{DataArgs, DataSource};

pub fn read_file(path: &std::path::Path) -> Result<String, String> {
    std::fs::read_to_string(path).map_err(|e| format!("cannot read {}: {e}", path.display()))
}

pub fn read_bytes(path: &std::path::Path) -> Result<Vec<u8>, String> {
    std::fs::read(path).map_err(|e| format!("cannot read {}: {e}", path.display()))
}

/// Data ready to fit, with how an imported file was read.
pub struct Loaded {
    pub data: Dataset,
    /// How raw rows of the file become features (files only).
    pub encoder: Option<Encoder>,
    /// What the import detected and did, for the output (files only).
    pub import: Option<Value>,
}

/// Reads a file with the detected dialect and recipe, changed by the options.
fn import(source: &DataSource, path: &std::path::Path, regression: bool) -> Result<Loaded, String> {
    let at = |e: hyperplane_core::Error| format!("{}: {e}", path.display());
    let (text, encoding) = text::decode(&read_bytes(path)?);
    let mut dialect = table::detect(&text);
    if let Some(d) = &source.delimiter {
        let chosen = Delimiter::from_label(d)
            .ok_or_else(|| format!("--delimiter must be comma, semicolon or tab, not {d:?}"))?;
        if chosen != dialect.delimiter {
            dialect.delimiter = chosen;
            dialect.decimal_comma = false;
        }
    }
    dialect.decimal_comma |= source.decimal_comma;
    dialect.header &= !source.no_header;
    let raw = table::read(&text, dialect).map_err(at)?;
    let profiles = table::profile(&raw);
    let mut recipe = Recipe::detect_with(&raw, &profiles).map_err(at)?;
    if let Some(t) = &source.target {
        recipe = recipe.with_target(&raw, t).map_err(at)?;
    }
    recipe.regression = regression;
    for column in &source.exclude {
        raw.column(column).map_err(at)?;
        recipe.features.retain(|f| f != column);
    }
    recipe.impute = Impute::from_key(&source.impute).ok_or_else(|| {
        format!(
            "--impute must be mean, median, most_frequent or drop, not {:?}",
            source.impute
        )
    })?;
    recipe.encode = Encode::from_key(&source.encode).ok_or_else(|| {
        format!(
            "--encode must be onehot or ordinal, not {:?}",
            source.encode
        )
    })?;
    let imported = recipe.apply(&raw).map_err(at)?;
    let excluded: Vec<Value> = profiles
        .into_iter()
        .filter(|p| p.name != recipe.target && !recipe.features.contains(&p.name))
        .map(|p| {
            let reason = p.reason.unwrap_or_else(|| "--exclude".into());
            json!({ "column": p.name, "reason": reason })
        })
        .collect();
    let import = json!({
        "encoding": encoding.label(),
        "delimiter": dialect.delimiter.label(),
        "decimal_comma": dialect.decimal_comma,
        "header": dialect.header,
        "target": recipe.target,
        "impute": recipe.impute.key(),
        "encode": recipe.encode.key(),
        "rows_read": imported.report.rows_read,
        "rows_used": imported.report.rows_used,
        "summary": imported.report.sentence(recipe.impute),
        "excluded": excluded,
    });
    Ok(Loaded {
        data: imported.dataset,
        encoder: Some(imported.encoder),
        import: Some(import),
    })
}

/// Loads the source; `regression` says how to read a CSV target.
pub fn load(source: &DataSource, regression: bool) -> Result<Loaded, String> {
    let data = match (&source.data, &source.dataset) {
        (Some(path), _) => return import(source, path, regression),
        (None, Some(name)) => {
            if let Some(d) = by_name(name) {
                d.map_err(|e| e.to_string())?
            } else {
                let kind = GeneratorKind::from_name(name).ok_or_else(|| {
                    format!(
                        "unknown dataset {name:?}; choose iris, wine, breast-cancer, circle, \
                         xor, gauss, spiral, moons, blobs, reg-plane or reg-gauss"
                    )
                })?;
                GeneratorParams::new(kind)
                    .n_samples(source.n_samples)
                    .noise(source.noise)
                    .seed(source.data_seed)
                    .n_classes(source.classes)
                    .cluster_std(source.cluster_std)
                    .generate()
                    .map_err(|e| e.to_string())?
            }
        }
        (None, None) => {
            return Err("give --data FILE (with --target COLUMN) or --dataset NAME".into())
        }
    };
    Ok(Loaded {
        data,
        encoder: None,
        import: None,
    })
}

/// Rows to predict: raw columns as the training file had them (through the model's
/// encoder), or the model's features as numeric columns by name.
pub fn query_rows(
    path: &std::path::Path,
    file: &hyperplane_formats::model_file::ModelFile,
) -> Result<ndarray::Array2<f64>, String> {
    let at = |e: hyperplane_core::Error| format!("{}: {e}", path.display());
    match &file.encoder {
        Some(encoder) => {
            let (text, _) = text::decode(&read_bytes(path)?);
            let raw = table::read(&text, encoder.dialect).map_err(at)?;
            file.encode(&raw).map_err(at)
        }
        None => hyperplane_core::csv_data::read_feature_csv(&read_file(path)?, &file.feature_names)
            .map_err(at),
    }
}

/// `hyperplane data`: the dataset as CSV, full precision.
pub fn generate_csv(args: &DataArgs) -> Result<String, String> {
    let d = load(&args.source, false)?.data;
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
