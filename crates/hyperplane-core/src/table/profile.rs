//! What each column looks like: numbers, categories (few distinct text values), an
//! identifier or free text (both left out of the features by default, with the reason),
//! its gaps and a short summary; and which column is most likely the one to predict.

use serde::{Deserialize, Serialize};

use super::raw::{parse_number, Cells, Column, RawTable, GAP};
use crate::csv_data::MAX_CLASSES;

/// Most distinct values a text column may have to be taken for categories.
pub const MAX_CATEGORIES: usize = MAX_CLASSES;

/// Column names taken for the target when present (compared without case).
const TARGET_NAMES: [&str; 9] = [
    "target",
    "label",
    "labels",
    "class",
    "classes",
    "species",
    "y",
    "outcome",
    "diagnosis",
];

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ColumnKind {
    Number,
    Category,
    Identifier,
    FreeText,
}

impl ColumnKind {
    pub fn label(self) -> &'static str {
        match self {
            Self::Number => "number",
            Self::Category => "category",
            Self::Identifier => "identifier",
            Self::FreeText => "free text",
        }
    }

    /// Whether a column of this kind can be a feature.
    pub fn usable(self) -> bool {
        matches!(self, Self::Number | Self::Category)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case", tag = "type")]
pub enum Summary {
    Numbers {
        min: f64,
        mean: f64,
        max: f64,
    },
    /// The most frequent values (at most three) with their counts, and how many there are.
    Categories {
        top: Vec<(String, usize)>,
        distinct: usize,
    },
    Empty,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ColumnProfile {
    pub name: String,
    pub kind: ColumnKind,
    pub missing: usize,
    pub summary: Summary,
    /// Why a column of an unusable kind is left out.
    pub reason: Option<String>,
}

/// Counts of each text value, by code.
fn counts(values: &[String], codes: &[u32]) -> Vec<usize> {
    let mut counts = vec![0; values.len()];
    for &c in codes.iter().filter(|&&c| c != GAP) {
        counts[c as usize] += 1;
    }
    counts
}

/// For a text column whose values are mostly numbers: the reason it is not numbers,
/// naming the first cell that is not one, so the user can fix it.
fn mostly_numbers(column: &Column, lines: &[usize], decimal_comma: bool) -> Option<String> {
    let Cells::Text { values, codes } = &column.cells else {
        return None;
    };
    let is_number: Vec<bool> = values
        .iter()
        .map(|v| parse_number(v, decimal_comma).is_some())
        .collect();
    let present = codes.iter().filter(|&&c| c != GAP);
    let numbers = present.clone().filter(|&&c| is_number[c as usize]).count();
    let total = present.count();
    if numbers * 2 <= total {
        return None;
    }
    let row = codes
        .iter()
        .position(|&c| c != GAP && !is_number[c as usize])?;
    Some(format!(
        "{numbers} of {total} values are numbers, but line {} has {:?}: correct that cell, \
         or write NA for a missing value",
        lines[row], values[codes[row] as usize]
    ))
}

fn profile_column(column: &Column, table_lines: &[usize], decimal_comma: bool) -> ColumnProfile {
    let missing = column.missing();
    let (kind, summary, reason) = match &column.cells {
        Cells::Numbers(v) => {
            let present: Vec<f64> = v.iter().copied().filter(|x| !x.is_nan()).collect();
            if present.is_empty() {
                (
                    ColumnKind::FreeText,
                    Summary::Empty,
                    Some("every cell is empty".to_string()),
                )
            } else {
                let min = present.iter().copied().fold(f64::INFINITY, f64::min);
                let max = present.iter().copied().fold(f64::NEG_INFINITY, f64::max);
                let mean = present.iter().sum::<f64>() / present.len() as f64;
                let summary = Summary::Numbers { min, mean, max };
                // Whole numbers counting up by one from the first row: a row number.
                let counting = present.len() >= 20
                    && missing == 0
                    && present.windows(2).all(|w| w[1] == w[0] + 1.0)
                    && present[0].fract() == 0.0;
                if counting {
                    let reason = "its values count up by one, row by row: a row number";
                    (ColumnKind::Identifier, summary, Some(reason.to_string()))
                } else {
                    (ColumnKind::Number, summary, None)
                }
            }
        }
        Cells::Text { values, codes } => {
            let counts = counts(values, codes);
            let present = codes.len() - missing;
            let mut order: Vec<usize> = (0..values.len()).collect();
            order.sort_by(|&a, &b| counts[b].cmp(&counts[a]).then(values[a].cmp(&values[b])));
            let summary = Summary::Categories {
                top: order
                    .iter()
                    .take(3)
                    .map(|&i| (values[i].clone(), counts[i]))
                    .collect(),
                distinct: values.len(),
            };
            let d = values.len();
            if d == 0 {
                let reason = "every cell is empty".to_string();
                (ColumnKind::FreeText, Summary::Empty, Some(reason))
            } else if d <= MAX_CATEGORIES && (2 * d <= present || (present < 40 && d < present)) {
                (ColumnKind::Category, summary, None)
            } else if let Some(reason) = mostly_numbers(column, table_lines, decimal_comma) {
                (ColumnKind::FreeText, summary, Some(reason))
            } else if d == present {
                let reason = format!("all {d} values are different: a name or an identifier");
                (ColumnKind::Identifier, summary, Some(reason))
            } else {
                let reason = format!(
                    "{d} different values in {present} rows: free text, too many to be \
                     categories (at most {MAX_CATEGORIES})"
                );
                (ColumnKind::FreeText, summary, Some(reason))
            }
        }
    };
    ColumnProfile {
        name: column.name.clone(),
        kind,
        missing,
        summary,
        reason,
    }
}

pub fn profile(table: &RawTable) -> Vec<ColumnProfile> {
    table
        .columns
        .iter()
        .map(|c| profile_column(c, &table.lines, table.dialect.decimal_comma))
        .collect()
}

/// The likely target: a usable column named like a label (`species`, `class`, `y`, …),
/// else the last usable column.
pub fn guess_target(profiles: &[ColumnProfile]) -> Option<usize> {
    let usable = |p: &&ColumnProfile| p.kind.usable();
    profiles
        .iter()
        .position(|p| usable(&p) && TARGET_NAMES.contains(&p.name.to_lowercase().as_str()))
        .or_else(|| profiles.iter().rposition(|p| usable(&p)))
}

/// Whether target values are numbers to regress on rather than classes: some have a
/// fraction, or there are more than ten distinct ones.
pub fn continuous(values: &[f64]) -> bool {
    let mut distinct: Vec<f64> = values.iter().copied().filter(|x| !x.is_nan()).collect();
    let fractional = distinct.iter().any(|x| x.fract() != 0.0);
    distinct.sort_by(f64::total_cmp);
    distinct.dedup();
    fractional || distinct.len() > 10
}

/// Whether a column as the target holds numbers to regress on ([`continuous`]).
pub fn looks_continuous(column: &Column) -> bool {
    match &column.cells {
        Cells::Numbers(v) => continuous(v),
        Cells::Text { .. } => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::table::dialect::detect;
    use crate::table::raw::read;

    #[test]
    fn kinds_summaries_and_the_target() {
        let mut text = String::from("id,name,island,mass,species\n");
        for i in 0..30 {
            let island = ["Dream", "Biscoe", "Dream"][i % 3];
            let mass = if i == 4 {
                "NA".into()
            } else {
                format!("{}", 3000 + i * 10)
            };
            text.push_str(&format!(
                "{i},bird {i},{island},{mass},{}\n",
                ["A", "B"][i % 2]
            ));
        }
        let t = read(&text, detect(&text)).unwrap();
        let p = profile(&t);
        let kinds: Vec<ColumnKind> = p.iter().map(|c| c.kind).collect();
        assert_eq!(
            kinds,
            [
                ColumnKind::Identifier,
                ColumnKind::Identifier,
                ColumnKind::Category,
                ColumnKind::Number,
                ColumnKind::Category
            ]
        );
        assert!(p[0].reason.as_ref().unwrap().contains("row number"));
        assert!(p[1]
            .reason
            .as_ref()
            .unwrap()
            .contains("all 30 values are different"));
        assert_eq!(p[3].missing, 1);
        assert_eq!(
            p[2].summary,
            Summary::Categories {
                top: vec![("Dream".into(), 20), ("Biscoe".into(), 10)],
                distinct: 2
            }
        );
        assert_eq!(guess_target(&p), Some(4));
        assert!(looks_continuous(&t.columns[3]));
        // A number column with a typo says where the typo is.
        let mut text = String::from("x,y\n");
        for i in 0..30 {
            text.push_str(&format!(
                "{},{}\n",
                if i == 7 {
                    "1.2.3".into()
                } else {
                    i.to_string()
                },
                i % 2
            ));
        }
        let t = read(&text, detect(&text)).unwrap();
        let p = profile(&t);
        assert_eq!(p[0].kind, ColumnKind::FreeText);
        let reason = p[0].reason.as_deref().unwrap();
        assert!(
            reason.contains("29 of 30 values are numbers, but line 9 has \"1.2.3\""),
            "{reason}"
        );
        // Without a label-like name, the last usable column.
        let t = read("a,b,c\n1,x,t1\n2,y,t2\n", detect("a,b,c\n1,x,t1\n")).unwrap();
        assert_eq!(guess_target(&profile(&t)), Some(0));
    }
}
