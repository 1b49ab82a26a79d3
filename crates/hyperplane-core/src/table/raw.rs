//! A delimited file read into typed columns: each column is numbers (with gaps) when
//! every present cell is a number, else text codes into the column's distinct values.
//! Read in two passes so no column keeps both forms; every row remembers its line.

use std::collections::HashMap;

use super::dialect::Dialect;
use crate::csv_data::{csv_error, MAX_MAGNITUDE};
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

/// Column names: the header's (trimmed, with blanks and repeats made unique) or
/// `column 1`, `column 2`, … without one.
fn names(header: Option<&csv::ByteRecord>, width: usize) -> Vec<String> {
    let mut seen: HashMap<String, usize> = HashMap::new();
    (0..width)
        .map(|i| {
            let base = header
                .and_then(|h| cells(h).nth(i))
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

/// A record's cells as trimmed text. The text was UTF-8 and fields end at ASCII
/// delimiters, so every field is UTF-8 too.
fn cells(record: &csv::ByteRecord) -> impl Iterator<Item = &str> {
    record
        .iter()
        .map(|c| std::str::from_utf8(c).unwrap_or_default().trim())
}

/// Calls `row(line, record)` for each non-blank record after the header, checking its
/// width. Quoted fields may hold delimiters, quotes and line breaks. One record buffer
/// is reused, and cells are trimmed as they are read, for speed on big files.
fn each_record(
    text: &str,
    dialect: Dialect,
    progress: &mut dyn FnMut(usize),
    mut row: impl FnMut(usize, &csv::ByteRecord) -> Result<()>,
) -> Result<(Option<csv::ByteRecord>, usize)> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(dialect.delimiter.byte())
        .from_reader(text.as_bytes());
    let mut header = None;
    let mut width = None;
    let mut record = csv::ByteRecord::new();
    let mut records = 0usize;
    loop {
        let more = reader.read_byte_record(&mut record).map_err(|e| {
            csv_error(
                e.position().map_or(0, |p| p.line() as usize),
                "",
                e.to_string(),
            )
        })?;
        if !more {
            break;
        }
        let (line, byte) = record
            .position()
            .map_or((0, 0), |p| (p.line() as usize, p.byte() as usize));
        records += 1;
        if records % PROGRESS_EVERY == 0 {
            progress(byte);
        }
        if cells(&record).all(str::is_empty) {
            continue;
        }
        let Some(w) = width else {
            width = Some(record.len());
            if dialect.header {
                header = Some(record.clone());
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

/// A text column as it is read: distinct values, each row's code, value → code.
type TextBuilder = (Vec<String>, Vec<u32>, HashMap<String, u32>);

/// How many records pass between two calls of a reading's progress callback.
const PROGRESS_EVERY: usize = 4096;

/// Reads `text` (already decoded, without a byte-order mark) in `dialect`.
pub fn read(text: &str, dialect: Dialect) -> Result<RawTable> {
    read_with_progress(text, dialect, &mut |_| {})
}

/// [`read`], telling `progress` now and then how much of the reading is done (0 to 1),
/// so a big file's reader can show it.
pub fn read_with_progress(
    text: &str,
    dialect: Dialect,
    progress: &mut dyn FnMut(f64),
) -> Result<RawTable> {
    let text = &*super::text::unix_lines(text);
    // The first pass reads every cell as a number and takes most of the time; the
    // second only looks at text columns.
    let total = text.len().max(1) as f64;
    let mut first = |byte: usize| progress(0.7 * byte as f64 / total);
    // Pass 1: numbers for every column that has held only numbers and gaps so far (a
    // column that meets text drops them); each row's line; the first number in a column
    // the engine cannot compute with, refused if the column stays numbers.
    let mut numbers: Vec<Option<Vec<f64>>> = Vec::new();
    let mut bad: Vec<Option<(usize, String)>> = Vec::new();
    let mut lines = Vec::new();
    let (header, width) = each_record(text, dialect, &mut first, |line, record| {
        if numbers.is_empty() {
            numbers = vec![Some(Vec::new()); record.len()];
            bad = vec![None; record.len()];
        }
        for ((column, cell), bad) in numbers.iter_mut().zip(cells(record)).zip(&mut bad) {
            let Some(v) = column else { continue };
            if is_missing(cell) {
                v.push(f64::NAN);
                continue;
            }
            match parse_number(cell, dialect.decimal_comma) {
                Some(x) => {
                    if (!x.is_finite() || x.abs() > MAX_MAGNITUDE) && bad.is_none() {
                        *bad = Some((line, cell.to_string()));
                    }
                    v.push(x);
                }
                None => *column = None,
            }
        }
        lines.push(line);
        Ok(())
    })?;
    if width == 0 {
        return Err(Error::EmptyData);
    }
    let names = names(header.as_ref(), width);
    if lines.is_empty() {
        return Err(csv_error(1, "", "the file has a header but no data rows"));
    }
    for ((name, column), bad) in names.iter().zip(&numbers).zip(&bad) {
        if let (Some(_), Some((line, cell))) = (column, bad) {
            return Err(csv_error(
                *line,
                name,
                format!(
                    "{cell} is not a finite number the engine can compute with (the limit \
                     is ±1e150)"
                ),
            ));
        }
    }
    // Pass 2, only if some column holds text: its distinct values and codes.
    let rows = lines.len();
    let mut text_cells: Vec<Option<TextBuilder>> = numbers
        .iter()
        .map(|n| {
            n.is_none()
                .then(|| (Vec::new(), Vec::with_capacity(rows), HashMap::new()))
        })
        .collect();
    if text_cells.iter().any(Option::is_some) {
        let mut second = |byte: usize| progress(0.7 + 0.3 * byte as f64 / total);
        each_record(text, dialect, &mut second, |_, record| {
            for (column, cell) in text_cells.iter_mut().zip(cells(record)) {
                let Some((values, codes, index)) = column else {
                    continue;
                };
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
            Ok(())
        })?;
    }
    let columns = names
        .into_iter()
        .zip(numbers)
        .zip(text_cells)
        .map(|((name, numbers), text)| Column {
            name,
            cells: match (numbers, text) {
                (Some(v), _) => Cells::Numbers(v),
                (None, Some((values, codes, _))) => Cells::Text { values, codes },
                (None, None) => Cells::Numbers(Vec::new()),
            },
        })
        .collect();
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
