//! A delimited file read into typed columns: each column is numbers (with gaps) when
//! every present cell is a number, else text codes into the column's distinct values.
//! Read in two passes so no column keeps both forms; every row remembers its line.

use std::collections::HashMap;

use super::dialect::Dialect;
use crate::csv_data::MAX_MAGNITUDE;
use crate::error::{Error, Result};

/// Cells read as "no value", as pandas' `read_csv` reads them by default, plus `?`
/// (the UCI repository's marker).
pub const MISSING: [&str; 20] = [
    "", "#N/A", "#N/A N/A", "#NA", "-1.#IND", "-1.#QNAN", "-NaN", "-nan", "1.#IND", "1.#QNAN",
    "<NA>", "N/A", "NA", "NULL", "NaN", "None", "n/a", "nan", "null", "?",
];

/// Code of a missing text cell.
pub const GAP: u32 = u32::MAX;

pub fn is_missing(cell: &str) -> bool {
    MISSING.contains(&cell)
}

/// A number as the dialect writes it; `None` for anything else. Infinities parse (and
/// are refused later with their place), other text does not.
pub fn parse_number(cell: &str, decimal_comma: bool) -> Option<f64> {
    let cell = cell.trim();
    if decimal_comma && cell.contains(',') {
        cell.replace('.', "").replacen(',', ".", 1).parse().ok()
    } else {
        cell.parse().ok()
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum Cells {
    /// `NaN` marks a gap.
    Numbers(Vec<f64>),
    /// Codes into `values` (first-seen order); [`GAP`] marks a gap.
    Text {
        values: Vec<String>,
        codes: Vec<u32>,
    },
}

#[derive(Debug, Clone, PartialEq)]
pub struct Column {
    pub name: String,
    pub cells: Cells,
}

impl Column {
    pub fn missing(&self) -> usize {
        match &self.cells {
            Cells::Numbers(v) => v.iter().filter(|x| x.is_nan()).count(),
            Cells::Text { codes, .. } => codes.iter().filter(|&&c| c == GAP).count(),
        }
    }

    pub fn is_gap(&self, row: usize) -> bool {
        match &self.cells {
            Cells::Numbers(v) => v[row].is_nan(),
            Cells::Text { codes, .. } => codes[row] == GAP,
        }
    }

    /// A present cell as text (numbers in their shortest exact form).
    pub fn text(&self, row: usize) -> Option<String> {
        match &self.cells {
            Cells::Numbers(v) => (!v[row].is_nan()).then(|| format!("{}", v[row])),
            Cells::Text { values, codes } => values.get(codes[row] as usize).cloned(),
        }
    }
}

/// A whole file: named columns of equal length and each row's line in the file.
#[derive(Debug, Clone, PartialEq)]
pub struct RawTable {
    pub dialect: Dialect,
    pub columns: Vec<Column>,
    pub lines: Vec<usize>,
}

fn csv_error(line: usize, column: &str, message: impl Into<String>) -> Error {
    Error::Csv {
        line,
        column: column.to_string(),
        message: message.into(),
    }
}

/// Column names: the header's (trimmed, with blanks and repeats made unique) or
/// `column 1`, `column 2`, … without one.
fn names(header: Option<&csv::StringRecord>, width: usize) -> Vec<String> {
    let mut seen: HashMap<String, usize> = HashMap::new();
    (0..width)
        .map(|i| {
            let base = header
                .and_then(|h| h.get(i))
                .map(str::trim)
                .filter(|h| !h.is_empty())
                .map_or_else(|| format!("column {}", i + 1), str::to_string);
            let n = seen.entry(base.clone()).or_insert(0);
            *n += 1;
            if *n == 1 {
                base
            } else {
                format!("{base} ({n})")
            }
        })
        .collect()
}

/// Calls `row(line, record)` for each non-blank record after the header, checking its
/// width. Quoted fields may hold delimiters, quotes and line breaks.
fn each_record(
    text: &str,
    dialect: Dialect,
    mut row: impl FnMut(usize, &csv::StringRecord) -> Result<()>,
) -> Result<(Option<csv::StringRecord>, usize)> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .trim(csv::Trim::All)
        .delimiter(dialect.delimiter.byte())
        .from_reader(text.as_bytes());
    let mut header = None;
    let mut width = None;
    for record in reader.records() {
        let record = record.map_err(|e| {
            csv_error(
                e.position().map_or(0, |p| p.line() as usize),
                "",
                e.to_string(),
            )
        })?;
        let line = record.position().map_or(0, |p| p.line() as usize);
        if record.iter().all(str::is_empty) {
            continue;
        }
        let Some(w) = width else {
            width = Some(record.len());
            if dialect.header {
                header = Some(record);
                continue;
            }
            row(line, &record)?;
            continue;
        };
        if record.len() != w {
            return Err(csv_error(
                line,
                "",
                format!(
                    "has {} fields, the first row has {w}; is the delimiter right?",
                    record.len()
                ),
            ));
        }
        row(line, &record)?;
    }
    Ok((header, width.unwrap_or(0)))
}

/// Reads `text` (already decoded, without a byte-order mark) in `dialect`.
pub fn read(text: &str, dialect: Dialect) -> Result<RawTable> {
    let text = &*super::text::unix_lines(text);
    // Pass 1: which columns hold only numbers and gaps.
    let mut numeric: Vec<bool> = Vec::new();
    let mut rows = 0usize;
    let (header, width) = each_record(text, dialect, |_, record| {
        if numeric.is_empty() {
            numeric = vec![true; record.len()];
        }
        for (n, cell) in numeric.iter_mut().zip(record) {
            *n = *n && (is_missing(cell) || parse_number(cell, dialect.decimal_comma).is_some());
        }
        rows += 1;
        Ok(())
    })?;
    if width == 0 {
        return Err(Error::EmptyData);
    }
    let names = names(header.as_ref(), width);
    if rows == 0 {
        return Err(csv_error(1, "", "the file has a header but no data rows"));
    }
    // Pass 2: the cells, typed.
    let mut columns: Vec<Column> = names
        .iter()
        .zip(&numeric)
        .map(|(name, &n)| Column {
            name: name.clone(),
            cells: if n {
                Cells::Numbers(Vec::with_capacity(rows))
            } else {
                Cells::Text {
                    values: Vec::new(),
                    codes: Vec::with_capacity(rows),
                }
            },
        })
        .collect();
    let mut index: Vec<HashMap<String, u32>> = vec![HashMap::new(); width];
    let mut lines = Vec::with_capacity(rows);
    each_record(text, dialect, |line, record| {
        for ((column, cell), index) in columns.iter_mut().zip(record).zip(&mut index) {
            match &mut column.cells {
                Cells::Numbers(v) => {
                    let x = if is_missing(cell) {
                        f64::NAN
                    } else {
                        let x = parse_number(cell, dialect.decimal_comma).unwrap_or(f64::NAN);
                        if !x.is_finite() || x.abs() > MAX_MAGNITUDE {
                            return Err(csv_error(
                                line,
                                &column.name,
                                format!(
                                    "{cell} is not a finite number the engine can compute \
                                     with (the limit is ±1e150)"
                                ),
                            ));
                        }
                        x
                    };
                    v.push(x);
                }
                Cells::Text { values, codes } => {
                    if is_missing(cell) {
                        codes.push(GAP);
                        continue;
                    }
                    let next = u32::try_from(values.len()).unwrap_or(GAP - 1);
                    let code = *index.entry(cell.to_string()).or_insert_with(|| {
                        values.push(cell.to_string());
                        next
                    });
                    codes.push(code);
                }
            }
        }
        lines.push(line);
        Ok(())
    })?;
    Ok(RawTable {
        dialect,
        columns,
        lines,
    })
}

impl RawTable {
    pub fn n_rows(&self) -> usize {
        self.lines.len()
    }

    pub fn column(&self, name: &str) -> Result<&Column> {
        self.columns.iter().find(|c| c.name == name).ok_or_else(|| {
            let all: Vec<&str> = self.columns.iter().map(|c| c.name.as_str()).collect();
            csv_error(
                1,
                name,
                format!("no column named {name:?}; columns are {}", all.join(", ")),
            )
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::table::dialect::{detect, Delimiter};

    fn table(text: &str) -> RawTable {
        read(text, detect(text)).unwrap()
    }

    #[test]
    fn reads_gaps_numbers_and_text() {
        let t =
            table("species,bill,sex\nAdelie,39.1,male\nGentoo,NA,\n\"Chin, strap\",?,female\n\n");
        assert_eq!(t.n_rows(), 3);
        assert_eq!(t.lines, vec![2, 3, 4]);
        let Cells::Numbers(bill) = &t.columns[1].cells else {
            panic!("bill is numbers")
        };
        assert_eq!(bill[0], 39.1);
        assert!(bill[1].is_nan() && bill[2].is_nan());
        assert_eq!(t.columns[2].missing(), 1);
        assert_eq!(t.columns[0].text(2).as_deref(), Some("Chin, strap"));
    }

    #[test]
    fn reads_european_files_and_embedded_newlines() {
        let t = table("a;b;c\r\n1,5;\"two\nlines\";3\r\n-2,25;x;4\r\n");
        assert_eq!(t.dialect.delimiter, Delimiter::Semicolon);
        assert_eq!(t.columns[0].cells, Cells::Numbers(vec![1.5, -2.25]));
        assert_eq!(t.columns[1].text(0).as_deref(), Some("two\nlines"));
        assert_eq!(t.lines, vec![2, 4]);
    }

    #[test]
    fn headers_are_made_unique_and_errors_have_places() {
        let t = table("a,,a\n1,2,3\n");
        let names: Vec<&str> = t.columns.iter().map(|c| c.name.as_str()).collect();
        assert_eq!(names, ["a", "column 2", "a (2)"]);
        let e = read("a,b\n1,2\n3\n", Dialect::default()).unwrap_err();
        assert!(e.to_string().contains("line 3"), "{e}");
        let e = read("a,b\n1,inf\n", Dialect::default()).unwrap_err();
        assert!(
            e.to_string().contains("line 2") && e.to_string().contains("\"b\""),
            "{e}"
        );
        assert!(read("a,b\n", Dialect::default()).is_err());
        assert_eq!(read("", Dialect::default()), Err(Error::EmptyData));
        let t = read("1,2\n3,4\n", detect("1,2\n3,4\n")).unwrap();
        assert_eq!(t.columns[1].name, "column 2");
        assert_eq!(t.n_rows(), 2);
    }
}
