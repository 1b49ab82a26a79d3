//! Reading datasets from CSV text: a header row, one target column chosen by name, and
//! numeric features. Every error names the row (the line number in the file, header =
//! line 1) and the column, so a user can find it.

use std::collections::HashMap;

use ndarray::Array2;

use crate::dataset::Dataset;
use crate::error::{Error, Result};

/// Most classes a target column may have: more distinct values than this are a name or an
/// ID rather than classes (and would make every per-class structure huge).
pub const MAX_CLASSES: usize = 50;

/// The largest magnitude a number may have: squares and sums of squares of larger ones
/// overflow when the data are standardized.
pub const MAX_MAGNITUDE: f64 = 1e150;

/// Rows of a CSV split into a target column and numeric feature columns.
struct Table {
    feature_names: Vec<String>,
    features: Vec<f64>,
    targets: Vec<String>,
    /// Line number of each data row, for error messages.
    lines: Vec<usize>,
}

/// What a spreadsheet takes for the start of a formula (OWASP's list for CSV injection).
const FORMULA_START: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// A text cell made safe to open in a spreadsheet: one that would start a formula gets a
/// leading `'` (OWASP's advice); numbers, negative ones included, stay as they are.
pub fn neutralize(cell: &str) -> String {
    if cell.starts_with(FORMULA_START) && cell.parse::<f64>().is_err() {
        format!("'{cell}")
    } else {
        cell.to_string()
    }
}

/// The text a [`neutralize`]d cell stood for, so exported files read back as they were.
fn restore(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if rest.starts_with(FORMULA_START) && rest.parse::<f64>().is_err() => rest,
        _ => cell,
    }
}

/// An error at `line` (the header is line 1) and `column` of a file.
pub(crate) fn csv_error(line: usize, column: &str, message: impl Into<String>) -> Error {
    Error::Csv {
        line,
        column: column.to_string(),
        message: message.into(),
    }
}

/// Opens CSV text with a header row (fields trimmed, ragged rows allowed so they can be
/// reported by line) and returns the reader and the header.
fn open(text: &str) -> Result<(csv::Reader<&[u8]>, Vec<String>)> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .flexible(true)
        .trim(csv::Trim::All)
        .from_reader(text.as_bytes());
    let header = reader
        .headers()
        .map_err(|e| csv_error(1, "", e.to_string()))?
        .iter()
        .map(|h| restore(h).to_string())
        .collect();
    Ok((reader, header))
}

/// Calls `row(line, record)` for every non-blank data row, after checking it has as
/// many fields as the header.
fn each_row(
    reader: &mut csv::Reader<&[u8]>,
    width: usize,
    mut row: impl FnMut(usize, &csv::StringRecord) -> Result<()>,
) -> Result<()> {
    for record in reader.records() {
        let record = record.map_err(|e| {
            let line = e.position().map_or(0, |p| p.line() as usize);
            csv_error(line, "", e.to_string())
        })?;
        let line = record.position().map_or(0, |p| p.line() as usize);
        if record.iter().all(|c| c.is_empty()) {
            continue;
        }
        if record.len() != width {
            return Err(csv_error(
                line,
                "",
                format!("has {} fields, the header has {}", record.len(), width),
            ));
        }
        row(line, &record)?;
    }
    Ok(())
}

fn read_table(text: &str, target: Option<&str>) -> Result<Table> {
    let (mut reader, header) = open(text)?;
    if header.iter().all(|h| h.is_empty()) {
        return Err(Error::EmptyData);
    }
    let target_index = match target {
        Some(t) => Some(header.iter().position(|h| h == t).ok_or_else(|| {
            csv_error(
                1,
                t,
                format!("no column named {t:?}; columns are {}", header.join(", ")),
            )
        })?),
        None => None,
    };
    let feature_names: Vec<String> = header
        .iter()
        .enumerate()
        .filter(|&(i, _)| Some(i) != target_index)
        .map(|(_, h)| h.clone())
        .collect();
    if feature_names.is_empty() {
        return Err(csv_error(1, "", "no feature columns besides the target"));
    }
    let mut table = Table {
        feature_names,
        features: Vec::new(),
        targets: Vec::new(),
        lines: Vec::new(),
    };
    each_row(&mut reader, header.len(), |line, record| {
        for (i, cell) in record.iter().enumerate() {
            if Some(i) == target_index {
                if cell.is_empty() {
                    return Err(csv_error(line, &header[i], "the target is empty"));
                }
                table.targets.push(restore(cell).to_string());
                continue;
            }
            let v: f64 = cell
                .parse()
                .map_err(|_| csv_error(line, &header[i], format!("{cell:?} is not a number")))?;
            check_magnitude(v, cell).map_err(|m| csv_error(line, &header[i], m))?;
            table.features.push(v);
        }
        table.lines.push(line);
        Ok(())
    })?;
    if table.lines.is_empty() {
        return Err(Error::EmptyData);
    }
    Ok(table)
}

/// A number the engine can compute with: finite and at most [`MAX_MAGNITUDE`] in size.
fn check_magnitude(v: f64, cell: &str) -> std::result::Result<(), String> {
    if !v.is_finite() {
        Err(format!("{cell} is not finite"))
    } else if v.abs() > MAX_MAGNITUDE {
        Err(format!(
            "{cell} is too large to compute with (the limit is ±1e150): rescale the column"
        ))
    } else {
        Ok(())
    }
}

fn matrix(table: &Table) -> Result<Array2<f64>> {
    Array2::from_shape_vec(
        (table.lines.len(), table.feature_names.len()),
        table.features.clone(),
    )
    .map_err(|e| Error::Format(e.to_string()))
}

/// Class labels sorted as scikit-learn sorts them: numerically when every label is a
/// number, else as strings.
pub(crate) fn sorted_classes(labels: &[String]) -> Vec<String> {
    let mut unique: Vec<String> = labels.to_vec();
    unique.sort();
    unique.dedup();
    let numeric: Option<Vec<f64>> = unique.iter().map(|l| l.parse::<f64>().ok()).collect();
    if let Some(values) = numeric {
        let mut pairs: Vec<(f64, String)> = values.into_iter().zip(unique).collect();
        pairs.sort_by(|a, b| a.0.total_cmp(&b.0));
        pairs.dedup_by(|a, b| a.0 == b.0);
        return pairs.into_iter().map(|p| p.1).collect();
    }
    unique
}

/// A classification dataset from CSV text; the target's values (strings or numbers)
/// become the classes. Fewer than two classes is an error.
pub fn read_classification_csv(text: &str, target: &str) -> Result<Dataset> {
    let table = read_table(text, Some(target))?;
    let classes = sorted_classes(&table.targets);
    if classes.len() < 2 {
        return Err(Error::SingleClass(
            classes.first().cloned().unwrap_or_default(),
        ));
    }
    if classes.len() > MAX_CLASSES {
        return Err(csv_error(
            1,
            target,
            format!(
                "{} distinct values in {} rows: that is a name or an ID, not classes (at most \
                 {MAX_CLASSES}); choose another target column, or read this one as numbers if \
                 it is a quantity",
                classes.len(),
                table.targets.len()
            ),
        ));
    }
    // Numeric labels match by value ("1" is "1.0"), others by text.
    let numeric = classes.iter().all(|c| c.parse::<f64>().is_ok());
    let key = |t: &str| match t.parse::<f64>() {
        Ok(v) if numeric => format!("{}", v + 0.0),
        _ => t.to_string(),
    };
    let index: HashMap<String, usize> = classes
        .iter()
        .enumerate()
        .map(|(i, c)| (key(c), i))
        .collect();
    let y = table
        .targets
        .iter()
        .map(|t| index.get(&key(t)).copied().unwrap_or(0))
        .collect();
    Dataset::new(matrix(&table)?, y, table.feature_names.clone(), classes)
}

/// A regression dataset from CSV text; the target must be numeric.
pub fn read_regression_csv(text: &str, target: &str) -> Result<Dataset> {
    let table = read_table(text, Some(target))?;
    let y = table
        .targets
        .iter()
        .zip(&table.lines)
        .map(|(t, &line)| match t.parse::<f64>() {
            Ok(v) => check_magnitude(v, t)
                .map(|()| v)
                .map_err(|m| csv_error(line, target, m)),
            Err(_) => Err(csv_error(
                line,
                target,
                format!("{t:?} is not a finite number"),
            )),
        })
        .collect::<Result<Vec<f64>>>()?;
    Dataset::with_values(
        matrix(&table)?,
        y,
        table.feature_names.clone(),
        target.to_string(),
    )
}

/// Feature rows for prediction: the columns named in `features`, in that order. Other
/// columns, such as a target of any type, are ignored.
pub fn read_feature_csv(text: &str, features: &[String]) -> Result<Array2<f64>> {
    let (mut reader, header) = open(text)?;
    let index: Vec<usize> = features
        .iter()
        .map(|f| {
            header
                .iter()
                .position(|h| h == f)
                .ok_or_else(|| csv_error(1, f, "this feature column is missing"))
        })
        .collect::<Result<_>>()?;
    let mut values = Vec::new();
    let mut rows = 0;
    each_row(&mut reader, header.len(), |line, record| {
        for (&i, name) in index.iter().zip(features) {
            let cell = record.get(i).unwrap_or("");
            match cell.parse::<f64>() {
                Ok(v) if v.is_finite() => values.push(v),
                _ => {
                    return Err(csv_error(
                        line,
                        name,
                        format!("{cell:?} is not a finite number"),
                    ))
                }
            }
        }
        rows += 1;
        Ok(())
    })?;
    if rows == 0 {
        return Err(Error::EmptyData);
    }
    Array2::from_shape_vec((rows, features.len()), values).map_err(|e| Error::Format(e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_string_and_numeric_labels_in_sklearn_order() {
        let d = read_classification_csv("a,b,label\n1,2,dog\n3,4,cat\n5,6,dog\n", "label").unwrap();
        assert_eq!(d.class_names(), &["cat".to_string(), "dog".to_string()]);
        assert_eq!(d.labels().unwrap(), &[1, 0, 1]);
        assert_eq!(d.feature_names(), &["a".to_string(), "b".to_string()]);
        let n = read_classification_csv("y,x\n10,1\n9,2\n10.0,3\n", "y").unwrap();
        assert_eq!(n.class_names(), &["9".to_string(), "10".to_string()]);
        assert_eq!(n.labels().unwrap(), &[1, 0, 1]);
    }

    #[test]
    fn errors_name_the_line_and_column() {
        let err = read_classification_csv("a,b,label\n1,2,x\n3,oops,y\n", "label").unwrap_err();
        assert_eq!(
            err,
            Error::Csv {
                line: 3,
                column: "b".into(),
                message: "\"oops\" is not a number".into()
            }
        );
        assert!(err.to_string().contains("line 3") && err.to_string().contains("column \"b\""));
        let err = read_classification_csv("a,label\n1,x\n2\n", "label").unwrap_err();
        assert!(matches!(err, Error::Csv { line: 3, .. }), "{err}");
        let err = read_classification_csv("a,label\nNaN,x\n2,y\n", "label").unwrap_err();
        assert!(matches!(err, Error::Csv { line: 2, .. }), "{err}");
        let err = read_classification_csv("a,label\n1,x\n", "nope").unwrap_err();
        assert!(err.to_string().contains("no column named"));
    }

    #[test]
    fn empty_and_single_class_are_rejected() {
        assert_eq!(
            read_classification_csv("a,label\n", "label"),
            Err(Error::EmptyData)
        );
        assert_eq!(
            read_classification_csv("", "label").unwrap_err(),
            Error::EmptyData
        );
        assert_eq!(
            read_classification_csv("a,label\n1,x\n2,x\n", "label"),
            Err(Error::SingleClass("x".into()))
        );
    }

    #[test]
    fn regression_and_feature_reading() {
        let r = read_regression_csv("x,y\n1,2.5\n2,3.5\n", "y").unwrap();
        assert_eq!(r.values().unwrap(), &[2.5, 3.5]);
        assert!(read_regression_csv("x,y\n1,abc\n", "y").is_err());
        let q = read_feature_csv("b,a,label\n1,2,cat\n", &["a".into(), "b".into()]).unwrap();
        assert_eq!(q.row(0).to_vec(), vec![2.0, 1.0]);
        assert!(read_feature_csv("b\n1\n", &["a".into()]).is_err());
    }

    #[test]
    fn a_name_or_id_column_is_not_taken_for_classes() {
        let rows: String = (0..300)
            .map(|i| format!("{},{},city{i}\n", i % 7, i % 5))
            .collect();
        let err = read_classification_csv(&format!("x,y,city\n{rows}"), "city").unwrap_err();
        let text = err.to_string();
        assert!(
            text.contains("\"city\"") && text.contains("300 distinct values"),
            "{text}"
        );
        // Fifty classes are still classes; "1" and "1.0" are one class.
        let rows: String = (0..100).map(|i| format!("{i},{}\n", i % 50)).collect();
        assert_eq!(
            read_classification_csv(&format!("x,c\n{rows}"), "c")
                .unwrap()
                .n_classes(),
            50
        );
        let d = read_classification_csv("x,c\n1,1\n2,1.0\n3,2\n", "c").unwrap();
        assert_eq!(d.labels().unwrap(), &[0, 0, 1]);
    }

    #[test]
    fn numbers_too_large_to_compute_with_are_rejected_where_they_are() {
        let err = read_classification_csv("a,b,y\n1,2,x\n1e308,3,y\n", "y").unwrap_err();
        let text = err.to_string();
        assert!(
            text.contains("line 3") && text.contains("\"a\"") && text.contains("too large"),
            "{text}"
        );
        let err = read_regression_csv("a,y\n1,2\n2,-1e200\n", "y").unwrap_err();
        assert!(err.to_string().contains("line 3"), "{err}");
        assert!(read_regression_csv("a,y\n1,2\n2,-1e100\n", "y").is_ok());
    }

    #[test]
    fn cells_that_would_run_as_formulas_are_neutralized_and_read_back() {
        assert_eq!(neutralize("=1+2"), "'=1+2");
        assert_eq!(neutralize("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(neutralize("-cmd"), "'-cmd");
        assert_eq!(neutralize("-0.5"), "-0.5");
        assert_eq!(neutralize("setosa"), "setosa");
        let text = format!(
            "{},b,{}\n1,2,{}\n3,4,x\n",
            neutralize("=a"),
            neutralize("+y"),
            neutralize("=HYPERLINK()")
        );
        let d = read_classification_csv(&text, "+y").unwrap();
        assert_eq!(d.feature_names()[0], "=a");
        assert!(d.class_names().contains(&"=HYPERLINK()".to_string()));
        let rows = read_feature_csv(&text, &["=a".to_string()]).unwrap();
        assert_eq!(rows[[1, 0]], 3.0);
    }
}
