//! The user's choices for a file — dialect, target, feature columns, what to do with
//! gaps, how to encode categories — and their replay: the dataset, the fitted
//! [`Encoder`] and a report of what was done. The recipe is part of the data's identity
//! (saved in versions and links), so the same file and recipe give the same dataset.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use super::dialect::Dialect;
use super::encoder::{EncodedColumn, Encoder};
use super::profile::{guess_target, looks_continuous, profile, ColumnProfile, MAX_CATEGORIES};
use super::raw::{Cells, Column, RawTable, GAP};
use crate::csv_data::{csv_error, sorted_classes, MAX_CLASSES};
use crate::dataset::Dataset;
use crate::error::{Error, Result};

/// What to do with gaps in feature columns (scikit-learn's `SimpleImputer` strategies,
/// or pandas' `dropna`). Category columns are filled with their most frequent value
/// under every filling strategy.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Impute {
    Drop,
    #[default]
    Mean,
    Median,
    MostFrequent,
}

impl Impute {
    pub const ALL: [Self; 4] = [Self::Drop, Self::Mean, Self::Median, Self::MostFrequent];

    /// The name scikit-learn's `SimpleImputer` and the command line use.
    pub fn key(self) -> &'static str {
        match self {
            Self::Drop => "drop",
            Self::Mean => "mean",
            Self::Median => "median",
            Self::MostFrequent => "most_frequent",
        }
    }

    pub fn from_key(key: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|i| i.key() == key)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Encode {
    #[default]
    Onehot,
    Ordinal,
}

impl Encode {
    pub fn key(self) -> &'static str {
        match self {
            Self::Onehot => "onehot",
            Self::Ordinal => "ordinal",
        }
    }

    pub fn from_key(key: &str) -> Option<Self> {
        [Self::Onehot, Self::Ordinal]
            .into_iter()
            .find(|e| e.key() == key)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Recipe {
    pub dialect: Dialect,
    pub target: String,
    /// The target read as numbers to regress on rather than classes.
    #[serde(default)]
    pub regression: bool,
    /// The raw columns the model reads, in the file's order.
    pub features: Vec<String>,
    #[serde(default)]
    pub impute: Impute,
    #[serde(default)]
    pub encode: Encode,
}

/// What the recipe did to the file, for the user.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct Report {
    pub rows_read: usize,
    pub rows_used: usize,
    /// Rows left out because their target was empty.
    pub no_target: usize,
    /// Rows left out because a feature had a gap (`Impute::Drop`).
    pub dropped: usize,
    /// Rows that had at least one gap filled.
    pub filled: usize,
}

impl Report {
    /// One sentence, e.g. "344 rows read; 2 without a target left out; 9 rows had a gap:
    /// filled with the column mean (categories: the most frequent value)".
    pub fn sentence(&self, impute: Impute) -> String {
        let mut parts = vec![format!("{} rows read", self.rows_read)];
        if self.no_target > 0 {
            parts.push(format!("{} without a target left out", self.no_target));
        }
        if self.dropped > 0 {
            parts.push(format!("{} rows had a gap: left out", self.dropped));
        }
        if self.filled > 0 {
            let with = match impute {
                Impute::Mean => "the column mean (categories: the most frequent value)",
                Impute::Median => "the column median (categories: the most frequent value)",
                _ => "the column's most frequent value",
            };
            parts.push(format!(
                "{} rows had a gap: filled with {with}",
                self.filled
            ));
        }
        if parts.len() == 1 {
            parts.push("no gaps".into());
        }
        parts.join("; ")
    }
}

/// The recipe's result: the dataset, how to replay it on new rows, what was done.
#[derive(Debug, Clone, PartialEq)]
pub struct Imported {
    pub dataset: Dataset,
    pub encoder: Encoder,
    pub report: Report,
}

/// An error about a whole column (named as the header names it, on line 1).
fn column_error(column: &str, message: impl Into<String>) -> Error {
    csv_error(1, column, message)
}

/// The most frequent of `items`, the smallest on ties (as scikit-learn picks).
fn most_frequent<T: PartialOrd + Clone>(items: impl Iterator<Item = (T, usize)>) -> Option<T> {
    let mut best: Option<(T, usize)> = None;
    for (v, n) in items {
        let better = match &best {
            None => true,
            Some((b, m)) => n > *m || (n == *m && v < *b),
        };
        if better {
            best = Some((v, n));
        }
    }
    best.map(|b| b.0)
}

/// `numpy.median` of present values (the mean of the two middle ones for an even count).
fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    let n = v.len();
    if n % 2 == 1 {
        v[n / 2]
    } else {
        (v[n / 2 - 1] + v[n / 2]) / 2.0
    }
}

impl Recipe {
    /// The default recipe for a file: the likely target, every usable column but it as a
    /// feature, mean imputation and one-hot categories.
    pub fn detect(table: &RawTable) -> Result<Self> {
        Self::detect_with(table, &profile(table))
    }

    /// [`Self::detect`] with the table's profiles already made (the preview and the
    /// command line show them too).
    pub fn detect_with(table: &RawTable, profiles: &[ColumnProfile]) -> Result<Self> {
        let target = guess_target(profiles)
            .ok_or_else(|| column_error("", "no column holds numbers or categories"))?;
        let features = profiles
            .iter()
            .enumerate()
            .filter(|&(i, p)| i != target && p.kind.usable())
            .map(|(_, p)| p.name.clone())
            .collect();
        Ok(Self {
            dialect: table.dialect,
            target: profiles[target].name.clone(),
            regression: looks_continuous(&table.columns[target]),
            features,
            impute: Impute::default(),
            encode: Encode::default(),
        })
    }

    /// The same recipe predicting `target`, its type detected, with `target` no longer a
    /// feature (and the old target one, if it is usable).
    pub fn with_target(&self, table: &RawTable, target: &str) -> Result<Self> {
        let column = table.column(target)?;
        let profiles = profile(table);
        let mut features: Vec<String> = profiles
            .iter()
            .filter(|p| {
                p.name != target
                    && (self.features.contains(&p.name)
                        || (p.name == self.target && p.kind.usable()))
            })
            .map(|p| p.name.clone())
            .collect();
        features.dedup();
        Ok(Self {
            target: target.to_string(),
            regression: looks_continuous(column),
            features,
            ..self.clone()
        })
    }

    /// Replays the recipe on `table`.
    pub fn apply(&self, table: &RawTable) -> Result<Imported> {
        let target = table.column(&self.target)?;
        if self.features.is_empty() {
            return Err(column_error("", "choose at least one feature column"));
        }
        if self.features.contains(&self.target) {
            return Err(column_error(
                &self.target,
                "the target cannot also be a feature",
            ));
        }
        let features: Vec<&Column> = self
            .features
            .iter()
            .map(|f| table.column(f))
            .collect::<Result<_>>()?;
        let mut report = Report {
            rows_read: table.n_rows(),
            ..Report::default()
        };
        let mut rows = Vec::with_capacity(table.n_rows());
        for row in 0..table.n_rows() {
            let gaps = features.iter().any(|c| c.is_gap(row));
            if target.is_gap(row) {
                report.no_target += 1;
            } else if gaps && self.impute == Impute::Drop {
                report.dropped += 1;
            } else {
                report.filled += usize::from(gaps);
                rows.push(row);
            }
        }
        report.rows_used = rows.len();
        if rows.is_empty() {
            return Err(column_error(
                &self.target,
                "no row is left once rows without a target (or with gaps) are left out",
            ));
        }
        let encoder = self.fit_encoder(table, &features, &rows)?;
        let x = encoder.transform(table, Some(&rows))?;
        let names = encoder.feature_names();
        let dataset = if self.regression {
            let Cells::Numbers(v) = &target.cells else {
                return Err(column_error(
                    &self.target,
                    "holds text, not numbers: read it as classes",
                ));
            };
            Dataset::with_values(
                x,
                rows.iter().map(|&r| v[r]).collect(),
                names,
                self.target.clone(),
            )?
        } else {
            let labels: Vec<String> = rows.iter().filter_map(|&r| target.text(r)).collect();
            let classes = sorted_classes(&labels);
            if classes.len() > MAX_CLASSES {
                return Err(column_error(
                    &self.target,
                    format!(
                        "{} distinct values: too many to be classes (at most {MAX_CLASSES}); \
                         choose another target, or read this one as numbers",
                        classes.len()
                    ),
                ));
            }
            if classes.len() < 2 {
                return Err(Error::SingleClass(
                    classes.first().cloned().unwrap_or_default(),
                ));
            }
            let index: HashMap<&str, usize> = classes
                .iter()
                .enumerate()
                .map(|(i, c)| (c.as_str(), i))
                .collect();
            let y = labels
                .iter()
                .map(|l| index.get(l.as_str()).copied().unwrap_or(0))
                .collect();
            Dataset::new(x, y, names, classes)?
        };
        Ok(Imported {
            dataset,
            encoder,
            report,
        })
    }

    /// Fill values and categories from the rows used: numbers first, then categories, in
    /// the file's order within each.
    fn fit_encoder(
        &self,
        table: &RawTable,
        features: &[&Column],
        rows: &[usize],
    ) -> Result<Encoder> {
        let mut numbers = Vec::new();
        let mut categories = Vec::new();
        for column in features {
            let name = column.name.clone();
            match &column.cells {
                Cells::Numbers(v) => {
                    let present: Vec<f64> =
                        rows.iter().map(|&r| v[r]).filter(|x| !x.is_nan()).collect();
                    if present.is_empty() {
                        return Err(column_error(&name, "has no values in the rows used"));
                    }
                    let fill = match self.impute {
                        Impute::Drop => None,
                        Impute::Mean => Some(present.iter().sum::<f64>() / present.len() as f64),
                        Impute::Median => Some(median(present)),
                        Impute::MostFrequent => {
                            let mut sorted = present;
                            sorted.sort_by(f64::total_cmp);
                            let runs = sorted.chunk_by(|a, b| a == b).map(|r| (r[0], r.len()));
                            most_frequent(runs)
                        }
                    };
                    numbers.push(EncodedColumn::Number { name, fill });
                }
                Cells::Text { values, codes } => {
                    let mut counts = vec![0usize; values.len()];
                    for &r in rows {
                        if codes[r] != GAP {
                            counts[codes[r] as usize] += 1;
                        }
                    }
                    let mut cats: Vec<String> = values
                        .iter()
                        .zip(&counts)
                        .filter(|(_, &n)| n > 0)
                        .map(|(v, _)| v.clone())
                        .collect();
                    cats.sort();
                    if cats.len() > MAX_CATEGORIES {
                        return Err(column_error(
                            &name,
                            format!(
                                "{} different values: too many to encode as categories (at \
                                 most {MAX_CATEGORIES}); leave this column out",
                                cats.len()
                            ),
                        ));
                    }
                    let fill = (self.impute != Impute::Drop)
                        .then(|| {
                            most_frequent(
                                values
                                    .iter()
                                    .zip(counts.iter().copied())
                                    .filter(|p| p.1 > 0),
                            )
                            .cloned()
                        })
                        .flatten();
                    categories.push(match self.encode {
                        Encode::Onehot => EncodedColumn::OneHot {
                            name,
                            categories: cats,
                            fill,
                        },
                        Encode::Ordinal => EncodedColumn::Ordinal {
                            name,
                            categories: cats,
                            fill,
                        },
                    });
                }
            }
        }
        numbers.extend(categories);
        let encoder = Encoder {
            dialect: table.dialect,
            columns: numbers,
        };
        encoder.validate()?;
        Ok(encoder)
    }
}
