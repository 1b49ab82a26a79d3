//! An imported file as the studio keeps it: the file's text, how it was decoded, and the
//! recipe that turns it into data (target, features, gaps, categories), applied once.
//! Versions saved before recipes existed read their file the old way (numeric features,
//! a target column), so their content hashes still match.

use std::sync::Arc;

use hyperplane_core::csv_data::{read_classification_csv, read_regression_csv};
use hyperplane_core::table::profile::continuous;
use hyperplane_core::table::{self, Encoder, Encoding, RawTable, Recipe};
use hyperplane_core::{Dataset, Error};
use hyperplane_worker::AppliedData;

/// Reading an imported file again: with another target or target type, or an example
/// file a link names, with the link's recipe. The table reader and the recipe's code
/// behind these are a chunk in the split build, fetched the first time one is needed
/// (the import preview's chunk and the versions' chunk have their own ways in).
#[derive(Clone, Copy)]
pub struct Reread {
    pub target: fn(&ImportedCsv, &str) -> Result<ImportedCsv, Error>,
    pub mode: fn(&ImportedCsv, bool) -> Result<ImportedCsv, Error>,
    /// An example file's bytes, decoded and read with `recipe`.
    pub example: fn(&str, &[u8], Recipe) -> Result<ImportedCsv, String>,
}

crate::split_point! {
    pub fn reread() -> Reread {
        fn example(file: &str, bytes: &[u8], recipe: Recipe) -> Result<ImportedCsv, String> {
            let (text, encoding) = table::text::decode(bytes);
            ImportedCsv::from_recipe(file, text, encoding, recipe).map_err(|e| e.to_string())
        }
        Reread {
            target: ImportedCsv::with_target,
            mode: ImportedCsv::with_mode,
            example,
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct ImportedCsv {
    pub file_name: String,
    /// The decoded text (without a byte-order mark).
    pub text: String,
    pub encoding: Encoding,
    /// `None` for a file restored from a version saved before recipes.
    pub recipe: Option<Recipe>,
    /// The file's columns (the target picker lists them).
    pub columns: Vec<String>,
    pub target: String,
    pub regression: bool,
    /// The recipe's result, computed once.
    pub dataset: Arc<Dataset>,
    /// How raw rows become features (recipes only), saved with model files.
    pub encoder: Option<Encoder>,
    /// What the recipe did ("344 rows read; 2 without a target left out; …").
    pub report: String,
    /// Read from one of the page's example files, unchanged (so a link can name it).
    pub example: bool,
}

impl ImportedCsv {
    /// The file read with `recipe`; the whole file is checked.
    pub fn from_recipe(
        file_name: &str,
        text: String,
        encoding: Encoding,
        recipe: Recipe,
    ) -> Result<Self, Error> {
        let raw = table::read(&text, recipe.dialect)?;
        Self::from_table(file_name, text, encoding, recipe, &raw)
    }

    /// A file read with the detected dialect and recipe (the preview's defaults).
    pub fn parse(file_name: &str, text: String) -> Result<Self, Error> {
        let (text, encoding) = table::text::from_text(&text);
        let raw = table::read(&text, table::detect(&text))?;
        let recipe = Recipe::detect(&raw)?;
        Self::from_table(file_name, text, encoding, recipe, &raw)
    }

    /// The file already read as `raw` (the import preview's table).
    pub fn from_table(
        file_name: &str,
        text: String,
        encoding: Encoding,
        recipe: Recipe,
        raw: &RawTable,
    ) -> Result<Self, Error> {
        let out = recipe.apply(raw)?;
        let columns = raw.columns.iter().map(|c| c.name.clone()).collect();
        let report = out.report.sentence(recipe.impute);
        let applied = (out.dataset, out.encoder, report);
        Ok(Self::from_parts(
            file_name, text, encoding, recipe, columns, applied,
        ))
    }

    /// A file whose recipe was applied elsewhere (in a worker): its data, encoder and
    /// report as the recipe made them.
    pub fn from_parts(
        file_name: &str,
        text: String,
        encoding: Encoding,
        recipe: Recipe,
        columns: Vec<String>,
        (dataset, encoder, report): (Dataset, Encoder, String),
    ) -> Self {
        Self {
            file_name: file_name.to_string(),
            text,
            encoding,
            columns,
            target: recipe.target.clone(),
            regression: recipe.regression,
            report,
            recipe: Some(recipe),
            dataset: Arc::new(dataset),
            encoder: Some(encoder),
            example: false,
        }
    }

    /// A file whose recipe a worker applied (`ToWorker::Apply`): its data as the worker
    /// sent them.
    pub fn from_applied(
        file_name: &str,
        text: String,
        encoding: Encoding,
        recipe: Recipe,
        applied: AppliedData,
    ) -> Result<Self, String> {
        let dataset = applied.data.dataset().map_err(|e| e.to_string())?;
        Ok(Self::from_parts(
            file_name,
            text,
            encoding,
            recipe,
            applied.columns,
            (dataset, applied.encoder, applied.report),
        ))
    }

    /// A file as versions saved before recipes kept it: numeric features, `target` read
    /// as classes or numbers.
    pub fn legacy(
        file_name: &str,
        text: String,
        target: &str,
        regression: bool,
    ) -> Result<Self, Error> {
        let dataset = if regression {
            read_regression_csv(&text, target)?
        } else {
            read_classification_csv(&text, target)?
        };
        let mut columns = dataset.feature_names().to_vec();
        columns.push(target.to_string());
        Ok(Self {
            file_name: file_name.to_string(),
            report: format!("{} rows read", dataset.n_samples()),
            text,
            encoding: Encoding::Utf8,
            recipe: None,
            columns,
            target: target.to_string(),
            regression,
            dataset: Arc::new(dataset),
            encoder: None,
            example: false,
        })
    }

    /// The same file predicting `target`, its type detected; checked whole.
    pub fn with_target(&self, target: &str) -> Result<Self, Error> {
        match &self.recipe {
            Some(recipe) => {
                let raw = table::read(&self.text, recipe.dialect)?;
                let next = recipe.with_target(&raw, target)?;
                Self::from_table(
                    &self.file_name,
                    self.text.clone(),
                    self.encoding,
                    next,
                    &raw,
                )
            }
            None => {
                let regression = read_regression_csv(&self.text, target)
                    .ok()
                    .is_some_and(|d| d.values().is_ok_and(continuous));
                Self::legacy(&self.file_name, self.text.clone(), target, regression)
            }
        }
    }

    /// The same file predicting its target as classes or as numbers; checked whole.
    pub fn with_mode(&self, regression: bool) -> Result<Self, Error> {
        match &self.recipe {
            Some(recipe) => Self::from_recipe(
                &self.file_name,
                self.text.clone(),
                self.encoding,
                Recipe {
                    regression,
                    ..recipe.clone()
                },
            )
            .map(|c| Self {
                example: self.example,
                ..c
            }),
            None => Self::legacy(&self.file_name, self.text.clone(), &self.target, regression),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recipes_and_legacy_files_read_and_change_target() {
        let text = "a,b,label\n1,2,x\n3,4,y\n5,6,x\n7,8,y\n".to_string();
        let (raw, _) = table::open(text.as_bytes()).unwrap();
        let recipe = Recipe::detect(&raw).unwrap();
        let csv = ImportedCsv::from_recipe("f.csv", text.clone(), Encoding::Utf8, recipe).unwrap();
        assert_eq!(csv.target, "label");
        assert_eq!(csv.columns, ["a", "b", "label"]);
        let legacy = ImportedCsv::legacy("f.csv", text, "label", false).unwrap();
        // The same plain file gives the same data either way.
        assert_eq!(csv.dataset, legacy.dataset);
        let by_b = csv.with_target("b").unwrap();
        assert!(by_b.dataset.values().is_err(), "4 whole values are classes");
        assert!(by_b.with_mode(true).unwrap().regression);
        // The old way reads every other column as numbers, and "label" is text.
        assert!(legacy.with_target("b").is_err());
        assert!(csv.with_target("nope").is_err());
    }
}
