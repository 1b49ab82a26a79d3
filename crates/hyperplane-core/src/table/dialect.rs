//! How a delimited text file is written: which character separates fields, whether
//! numbers use a decimal comma, and whether the first row names the columns. Detected
//! from the first rows, as spreadsheet programs do, and changeable by the user.

use serde::{Deserialize, Serialize};

/// Rows looked at to detect the dialect.
const SAMPLE_ROWS: usize = 50;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Delimiter {
    #[default]
    Comma,
    Semicolon,
    Tab,
}

impl Delimiter {
    pub const ALL: [Self; 3] = [Self::Comma, Self::Semicolon, Self::Tab];

    pub fn byte(self) -> u8 {
        match self {
            Self::Comma => b',',
            Self::Semicolon => b';',
            Self::Tab => b'\t',
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Comma => "comma",
            Self::Semicolon => "semicolon",
            Self::Tab => "tab",
        }
    }

    pub fn from_label(label: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|d| d.label() == label)
    }
}

/// The file's dialect.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Dialect {
    pub delimiter: Delimiter,
    /// Numbers are written `1,5` (European spreadsheets).
    #[serde(default)]
    pub decimal_comma: bool,
    /// The first row names the columns.
    pub header: bool,
}

impl Default for Dialect {
    fn default() -> Self {
        Self {
            delimiter: Delimiter::Comma,
            decimal_comma: false,
            header: true,
        }
    }
}

/// The first rows' fields with a delimiter (quotes respected), blank rows skipped.
fn sample(text: &str, delimiter: Delimiter) -> Vec<Vec<String>> {
    csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter.byte())
        .from_reader(text.as_bytes())
        .records()
        .map_while(std::result::Result::ok)
        .filter(|r| !r.iter().all(|c| c.trim().is_empty()))
        .take(SAMPLE_ROWS)
        .map(|r| r.iter().map(|c| c.trim().to_string()).collect())
        .collect()
}

/// `1,5` or `-0,25`: a number written with a decimal comma.
fn comma_decimal(cell: &str) -> bool {
    let body = cell.strip_prefix(['-', '+']).unwrap_or(cell);
    match body.split_once(',') {
        Some((int, frac)) => {
            !int.is_empty()
                && !frac.is_empty()
                && int.bytes().all(|b| b.is_ascii_digit() || b == b'.')
                && frac.bytes().all(|b| b.is_ascii_digit())
        }
        None => false,
    }
}

/// `1.5`: a number written with a decimal point.
fn point_decimal(cell: &str) -> bool {
    cell.contains('.') && !cell.contains(',') && cell.parse::<f64>().is_ok()
}

/// Detects the dialect: the delimiter that splits the sample into the most columns of
/// one width (comma when nothing splits), a decimal comma when cells like `1,5`
/// outnumber cells like `1.5`, and a header unless the first row is all numbers.
pub fn detect(text: &str) -> Dialect {
    let text = &*super::text::unix_lines(text);
    let mut best: Option<(usize, usize, Delimiter, Vec<Vec<String>>)> = None;
    for delimiter in Delimiter::ALL {
        let rows = sample(text, delimiter);
        let Some(first) = rows.first() else { continue };
        let width = first.len();
        let consistent = rows.iter().filter(|r| r.len() == width).count();
        // Ragged samples lose to consistent ones; among consistent ones, wider wins.
        let score = (consistent * 1000 / rows.len(), width);
        if width > 1 && best.as_ref().is_none_or(|b| (b.0, b.1) < score) {
            best = Some((score.0, score.1, delimiter, rows));
        }
    }
    let Some((_, _, delimiter, rows)) = best else {
        return Dialect::default();
    };
    let cells = rows.iter().skip(1).flatten();
    let (commas, points) = cells.fold((0, 0), |(c, p), cell| {
        (
            c + usize::from(comma_decimal(cell)),
            p + usize::from(point_decimal(cell)),
        )
    });
    let decimal_comma = delimiter != Delimiter::Comma && commas > points;
    let number = |cell: &String| super::raw::parse_number(cell, decimal_comma).is_some();
    let header = !rows[0].iter().all(number);
    Dialect {
        delimiter,
        decimal_comma,
        header,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_the_common_dialects() {
        let d = detect("a,b,label\n1.5,2,x\n3,4,y\n");
        assert_eq!(d, Dialect::default());
        let d = detect("Länge;Breite;Art\n1,5;2,25;x\n3;4,0;y\n");
        assert_eq!(
            d,
            Dialect {
                delimiter: Delimiter::Semicolon,
                decimal_comma: true,
                header: true
            }
        );
        let d = detect("a\tb\n1\t2\n");
        assert_eq!(d.delimiter, Delimiter::Tab);
        assert!(!d.decimal_comma);
        // Quoted fields may hold the other delimiters.
        let d = detect("name,score\n\"Smith; J.\",1\n\"Doe; A.\",2\n");
        assert_eq!(d.delimiter, Delimiter::Comma);
        // No header: the first row is numbers.
        assert!(!detect("1,2,0\n3,4,1\n").header);
        assert!(!detect("1,5;2;0\n3;4,5;1\n").header);
        // One column, or nothing: the default.
        assert_eq!(detect("x\n1\n2\n"), Dialect::default());
        assert_eq!(detect(""), Dialect::default());
    }
}
