//! The recipe as the scikit-learn code that does the same: pandas reads the file in its
//! dialect, a `ColumnTransformer` imputes and encodes. For users who move on to Python.

use super::dialect::Delimiter;
use super::encoder::{EncodedColumn, Encoder};
use super::recipe::{Impute, Recipe};
use super::text::Encoding;

fn py_str(s: &str) -> String {
    // JSON string syntax is valid Python for the characters column names hold.
    serde_json::to_string(s).unwrap_or_else(|_| "\"\"".into())
}

fn py_list(items: &[&str]) -> String {
    let inner: Vec<String> = items.iter().map(|s| py_str(s)).collect();
    format!("[{}]", inner.join(", "))
}

/// Python that reads `file_name` and builds the same features and target.
pub fn sklearn_snippet(
    recipe: &Recipe,
    encoder: &Encoder,
    file_name: &str,
    encoding: Encoding,
) -> String {
    let numbers: Vec<&str> = encoder
        .columns
        .iter()
        .filter(|c| matches!(c, EncodedColumn::Number { .. }))
        .map(EncodedColumn::name)
        .collect();
    let categories: Vec<&str> = encoder
        .columns
        .iter()
        .filter(|c| !matches!(c, EncodedColumn::Number { .. }))
        .map(EncodedColumn::name)
        .collect();
    let mut read = vec![py_str(file_name)];
    match recipe.dialect.delimiter {
        Delimiter::Comma => {}
        Delimiter::Semicolon => read.push("sep=\";\"".into()),
        Delimiter::Tab => read.push("sep=\"\\t\"".into()),
    }
    if recipe.dialect.decimal_comma {
        read.push("decimal=\",\", thousands=\".\"".into());
    }
    match encoding {
        Encoding::Utf8 => {}
        Encoding::Utf8Bom => read.push("encoding=\"utf-8-sig\"".into()),
        Encoding::Utf16Le | Encoding::Utf16Be => read.push("encoding=\"utf-16\"".into()),
        Encoding::Windows1252 => read.push("encoding=\"cp1252\"".into()),
    }
    if !recipe.dialect.header {
        let names: Vec<String> = (1..=encoder_width(recipe, encoder))
            .map(|i| format!("column {i}"))
            .collect();
        let names: Vec<&str> = names.iter().map(String::as_str).collect();
        read.push(format!("header=None, names={}", py_list(&names)));
    }
    read.push("na_values=[\"?\"], skipinitialspace=True".into());

    let mut imports = vec![
        "import pandas as pd",
        "from sklearn.compose import ColumnTransformer",
    ];
    let drop = recipe.impute == Impute::Drop;
    if !drop {
        imports.push("from sklearn.impute import SimpleImputer");
    }
    if !categories.is_empty() {
        imports.push("from sklearn.pipeline import make_pipeline");
        imports.push(
            if matches!(encoder.columns.last(), Some(EncodedColumn::Ordinal { .. })) {
                "from sklearn.preprocessing import OrdinalEncoder"
            } else {
                "from sklearn.preprocessing import OneHotEncoder"
            },
        );
    }
    let mut lines: Vec<String> = imports.iter().map(|s| s.to_string()).collect();
    lines.push(String::new());
    lines.push(format!("df = pd.read_csv({})", read.join(", ")));
    let subset: Vec<&str> = if drop {
        std::iter::once(recipe.target.as_str())
            .chain(recipe.features.iter().map(String::as_str))
            .collect()
    } else {
        vec![recipe.target.as_str()]
    };
    lines.push(format!("df = df.dropna(subset={})", py_list(&subset)));
    let used: Vec<&str> = numbers.iter().chain(&categories).copied().collect();
    lines.push(format!(
        "X, y = df[{}], df[{}]",
        py_list(&used),
        py_str(&recipe.target)
    ));
    lines.push("features = ColumnTransformer([".into());
    if !numbers.is_empty() {
        let step = if drop {
            "\"passthrough\"".to_string()
        } else {
            format!("SimpleImputer(strategy={})", py_str(recipe.impute.key()))
        };
        lines.push(format!("    (\"num\", {step}, {}),", py_list(&numbers)));
    }
    if !categories.is_empty() {
        let encode = if matches!(encoder.columns.last(), Some(EncodedColumn::Ordinal { .. })) {
            "OrdinalEncoder(handle_unknown=\"use_encoded_value\", unknown_value=-1)"
        } else {
            "OneHotEncoder(handle_unknown=\"ignore\")"
        };
        let step = if drop {
            encode.to_string()
        } else {
            format!("make_pipeline(SimpleImputer(strategy=\"most_frequent\"), {encode})")
        };
        lines.push(format!("    (\"cat\", {step}, {}),", py_list(&categories)));
    }
    lines.push("])".into());
    lines.push("X = features.fit_transform(X)".into());
    lines.join("\n")
}

/// Columns in the file: the recipe's features and target are all the snippet needs to
/// name, but a headerless file's names must cover every column up to the last used.
fn encoder_width(recipe: &Recipe, encoder: &Encoder) -> usize {
    std::iter::once(recipe.target.as_str())
        .chain(encoder.columns.iter().map(EncodedColumn::name))
        .filter_map(|n| n.strip_prefix("column ").and_then(|i| i.parse().ok()))
        .max()
        .unwrap_or(0)
}
