//! The fitted half of a recipe: for each raw column the model reads, its fill value for
//! gaps and its categories, so the same transform replays on new raw rows
//! (`hyperplane predict` on the original file). Encoded as scikit-learn's
//! `ColumnTransformer` lays it out: the numbers first, then each category column's
//! one-hot columns (categories sorted) or ordinal code.

use ndarray::Array2;
use serde::{Deserialize, Serialize};

use super::dialect::Dialect;
use super::profile::MAX_CATEGORIES;
use super::raw::{parse_number, Cells, Column, RawTable};
use crate::csv_data::csv_error;
use crate::error::{Error, Result};

/// One raw column as the model reads it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case", tag = "kind")]
pub enum EncodedColumn {
    Number {
        name: String,
        /// What a gap becomes; `None` when rows with gaps were dropped instead.
        fill: Option<f64>,
    },
    /// One 0/1 column per category; an unknown category is all zeros.
    OneHot {
        name: String,
        categories: Vec<String>,
        fill: Option<String>,
    },
    /// The category's index; an unknown category is −1.
    Ordinal {
        name: String,
        categories: Vec<String>,
        fill: Option<String>,
    },
}

impl EncodedColumn {
    pub fn name(&self) -> &str {
        match self {
            Self::Number { name, .. } | Self::OneHot { name, .. } | Self::Ordinal { name, .. } => {
                name
            }
        }
    }

    fn width(&self) -> usize {
        match self {
            Self::OneHot { categories, .. } => categories.len(),
            _ => 1,
        }
    }
}

/// How raw rows become the model's features.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Encoder {
    pub dialect: Dialect,
    pub columns: Vec<EncodedColumn>,
}

impl Encoder {
    /// The encoded features' names: a number's column name, `island = Dream` for a
    /// one-hot column.
    pub fn feature_names(&self) -> Vec<String> {
        self.columns
            .iter()
            .flat_map(|c| match c {
                EncodedColumn::OneHot {
                    name, categories, ..
                } => categories.iter().map(|v| format!("{name} = {v}")).collect(),
                _ => vec![c.name().to_string()],
            })
            .collect()
    }

    pub fn n_features(&self) -> usize {
        self.columns.iter().map(EncodedColumn::width).sum()
    }

    /// Checks a stored encoder before use: at least one column, categories distinct and
    /// within the cap, fill values finite or among the categories.
    pub fn validate(&self) -> Result<()> {
        if self.columns.is_empty() {
            return Err(Error::Format("the encoder reads no columns".into()));
        }
        for c in &self.columns {
            let bad = |m: &str| Err(Error::Format(format!("encoder column {:?}: {m}", c.name())));
            match c {
                EncodedColumn::Number { fill, .. } => {
                    if fill.is_some_and(|f| !f.is_finite()) {
                        return bad("its fill value is not finite");
                    }
                }
                EncodedColumn::OneHot {
                    categories, fill, ..
                }
                | EncodedColumn::Ordinal {
                    categories, fill, ..
                } => {
                    if categories.is_empty() || categories.len() > MAX_CATEGORIES {
                        return bad("it needs between 1 and 50 categories");
                    }
                    if categories.windows(2).any(|w| w[0] >= w[1]) {
                        return bad("its categories are not sorted and distinct");
                    }
                    if fill.as_ref().is_some_and(|f| !categories.contains(f)) {
                        return bad("its fill value is not one of its categories");
                    }
                }
            }
        }
        Ok(())
    }

    /// The features of `rows` of `table` (every row when `rows` is `None`).
    pub fn transform(&self, table: &RawTable, rows: Option<&[usize]>) -> Result<Array2<f64>> {
        let all: Vec<usize>;
        let rows = match rows {
            Some(r) => r,
            None => {
                all = (0..table.n_rows()).collect();
                &all
            }
        };
        let width = self.n_features();
        let mut out = Array2::zeros((rows.len(), width));
        let mut at = 0;
        for encoded in &self.columns {
            let column = table.column(encoded.name())?;
            // A text column's codes mapped to category indices once, not per cell.
            let (lookup, codes): (Option<Vec<Option<usize>>>, &[u32]) =
                match (&column.cells, encoded) {
                    (
                        Cells::Text { values, codes },
                        EncodedColumn::OneHot { categories, .. }
                        | EncodedColumn::Ordinal { categories, .. },
                    ) => (
                        Some(
                            values
                                .iter()
                                .map(|v| categories.binary_search(v).ok())
                                .collect(),
                        ),
                        codes,
                    ),
                    _ => (None, &[]),
                };
            for (i, &row) in rows.iter().enumerate() {
                let line = table.lines[row];
                match encoded {
                    EncodedColumn::Number { name, fill } => {
                        out[[i, at]] = match number(column, row, self.dialect.decimal_comma)
                            .map_err(|m| csv_error(line, name, m))?
                        {
                            Some(x) => x,
                            None => fill.ok_or_else(|| gap(line, name))?,
                        };
                    }
                    EncodedColumn::OneHot {
                        name,
                        categories,
                        fill,
                    }
                    | EncodedColumn::Ordinal {
                        name,
                        categories,
                        fill,
                    } => {
                        let index = match (&lookup, column.is_gap(row)) {
                            (_, true) => {
                                let fill = fill.as_ref().ok_or_else(|| gap(line, name))?;
                                categories.binary_search(fill).ok()
                            }
                            (Some(l), false) => l[codes[row] as usize],
                            (None, false) => column
                                .text(row)
                                .and_then(|v| categories.binary_search(&v).ok()),
                        };
                        if matches!(encoded, EncodedColumn::OneHot { .. }) {
                            if let Some(k) = index {
                                out[[i, at + k]] = 1.0;
                            }
                        } else {
                            out[[i, at]] = index.map_or(-1.0, |k| k as f64);
                        }
                    }
                }
            }
            at += encoded.width();
        }
        Ok(out)
    }
}

fn gap(line: usize, column: &str) -> Error {
    csv_error(
        line,
        column,
        "no value, and the model was trained with rows with gaps dropped, so it has no \
         fill value: fill the cell in",
    )
}

/// A cell of a column the model reads as numbers: `None` for a gap.
fn number(
    column: &Column,
    row: usize,
    decimal_comma: bool,
) -> std::result::Result<Option<f64>, String> {
    match &column.cells {
        Cells::Numbers(v) => Ok((!v[row].is_nan()).then_some(v[row])),
        Cells::Text { .. } => match column.text(row) {
            None => Ok(None),
            Some(cell) => parse_number(&cell, decimal_comma)
                .filter(|x| x.is_finite())
                .map(Some)
                .ok_or_else(|| format!("{cell:?} is not a number")),
        },
    }
}
