//! The import preview's state: a file (or pasted table) not yet used, how it is read
//! (encoding, dialect) and the recipe the user is shaping. Every change re-reads what it
//! affects; nothing reaches the studio until the draft is used.

use std::sync::Arc;

use hyperplane_core::table::{self, text, ColumnProfile, Dialect, Encoding, RawTable, Recipe};

use crate::imported::ImportedCsv;

/// Rows shown in the preview's table.
pub const PREVIEW_ROWS: usize = 6;

#[derive(Debug, Clone, PartialEq)]
pub struct ImportDraft {
    pub file_name: String,
    /// The file's bytes, kept so another encoding can be chosen (`None` for a paste).
    pub bytes: Option<Arc<Vec<u8>>>,
    pub encoding: Encoding,
    pub text: Arc<String>,
    pub dialect: Dialect,
    /// The file read in `dialect`, or why it cannot be.
    pub table: Result<Arc<RawTable>, String>,
    pub profiles: Vec<ColumnProfile>,
    /// `None` while the table cannot be read or has no usable column.
    pub recipe: Option<Recipe>,
    /// Why no recipe could be proposed.
    pub problem: Option<String>,
    /// One of the page's example files, read as it is (a link can then name it).
    pub example: bool,
}

impl ImportDraft {
    pub fn from_bytes(file_name: &str, bytes: Vec<u8>) -> Self {
        let (text, encoding) = text::decode(&bytes);
        Self::read(file_name, Some(Arc::new(bytes)), encoding, text, None, None)
    }

    /// A table pasted from a spreadsheet (tab-separated) or typed.
    pub fn from_text(file_name: &str, pasted: &str) -> Self {
        let (text, encoding) = text::from_text(pasted);
        Self::read(file_name, None, encoding, text, None, None)
    }

    /// A draft of the data in use, to change its recipe.
    pub fn from_imported(csv: &ImportedCsv) -> Self {
        let dialect = csv.recipe.as_ref().map(|r| r.dialect);
        Self {
            example: csv.example,
            ..Self::read(
                &csv.file_name,
                None,
                csv.encoding,
                csv.text.clone(),
                dialect,
                csv.recipe.clone(),
            )
        }
    }

    /// Reads `text` in `dialect` (detected when `None`); `previous` choices carry over
    /// where they still fit the table.
    fn read(
        file_name: &str,
        bytes: Option<Arc<Vec<u8>>>,
        encoding: Encoding,
        text: String,
        dialect: Option<Dialect>,
        previous: Option<Recipe>,
    ) -> Self {
        let dialect = dialect.unwrap_or_else(|| table::detect(&text));
        let read = table::read(&text, dialect).map_err(|e| e.to_string());
        let profiles = read.as_ref().map(table::profile).unwrap_or_default();
        let (recipe, problem) = match &read {
            Ok(raw) => match carry_over(raw, &profiles, dialect, previous) {
                Ok(r) => (Some(r), None),
                Err(e) => (None, Some(e)),
            },
            Err(e) => (None, Some(e.clone())),
        };
        Self {
            file_name: file_name.to_string(),
            bytes,
            encoding,
            text: Arc::new(text),
            dialect,
            table: read.map(Arc::new),
            profiles,
            recipe,
            problem,
            example: false,
        }
    }

    pub fn with_encoding(&self, encoding: Encoding) -> Self {
        let Some(bytes) = &self.bytes else {
            return self.clone();
        };
        let text = text::decode_as(bytes, encoding);
        // Another encoding than the detected one makes it no longer the example as is.
        let example = self.example && encoding == self.encoding;
        let mut next = Self::read(
            &self.file_name,
            Some(bytes.clone()),
            encoding,
            text,
            None,
            self.recipe.clone(),
        );
        next.example = example;
        next
    }

    pub fn with_dialect(&self, dialect: Dialect) -> Self {
        Self {
            example: self.example,
            ..Self::read(
                &self.file_name,
                self.bytes.clone(),
                self.encoding,
                (*self.text).clone(),
                Some(dialect),
                self.recipe.clone(),
            )
        }
    }

    /// The draft with `change` made to its recipe (target changes re-detect the type).
    pub fn with_recipe(
        &self,
        change: impl FnOnce(&Recipe, &RawTable) -> Result<Recipe, String>,
    ) -> Self {
        let (Some(recipe), Ok(raw)) = (&self.recipe, &self.table) else {
            return self.clone();
        };
        match change(recipe, raw) {
            Ok(next) => Self {
                recipe: Some(next),
                problem: None,
                ..self.clone()
            },
            Err(e) => Self {
                problem: Some(e),
                ..self.clone()
            },
        }
    }

    /// The data this draft makes, or why it makes none.
    pub fn result(&self) -> Result<ImportedCsv, String> {
        let raw = self.table.as_ref().map_err(Clone::clone)?;
        let recipe = self
            .recipe
            .clone()
            .ok_or_else(|| self.problem.clone().unwrap_or_default())?;
        let text = (*self.text).clone();
        ImportedCsv::from_table(&self.file_name, text, self.encoding, recipe, raw)
            .map(|csv| ImportedCsv {
                example: self.example,
                ..csv
            })
            .map_err(|e| e.to_string())
    }

    /// The first rows as text, `None` for a gap.
    pub fn preview_rows(&self) -> Vec<Vec<Option<String>>> {
        let Ok(raw) = &self.table else {
            return Vec::new();
        };
        (0..raw.n_rows().min(PREVIEW_ROWS))
            .map(|r| raw.columns.iter().map(|c| c.text(r)).collect())
            .collect()
    }
}

/// A recipe for `raw`: the previous one's choices where its target still exists, else
/// the detected one with the previous gap and category choices.
fn carry_over(
    raw: &RawTable,
    profiles: &[ColumnProfile],
    dialect: Dialect,
    previous: Option<Recipe>,
) -> Result<Recipe, String> {
    let detected = Recipe::detect_with(raw, profiles).map_err(|e| e.to_string())?;
    let Some(p) = previous else {
        return Ok(detected);
    };
    let names: Vec<&str> = raw.columns.iter().map(|c| c.name.as_str()).collect();
    let kept = names.contains(&p.target.as_str())
        && p.features.iter().all(|f| names.contains(&f.as_str()));
    Ok(if kept {
        Recipe { dialect, ..p }
    } else {
        Recipe {
            impute: p.impute,
            encode: p.encode,
            ..detected
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use hyperplane_core::table::{Delimiter, Impute};

    const PENGUINS: &[u8] = include_bytes!("../public/examples/penguins.csv");

    #[test]
    fn a_draft_reads_changes_and_makes_data() {
        let d = ImportDraft::from_bytes("penguins.csv", PENGUINS.to_vec());
        assert_eq!(d.recipe.as_ref().unwrap().target, "species");
        assert_eq!(d.preview_rows().len(), PREVIEW_ROWS);
        let csv = d.result().unwrap();
        assert_eq!(csv.dataset.n_samples(), 344);
        // A choice carries over a dialect change that keeps the columns…
        let d = d.with_recipe(|r, _| {
            Ok(Recipe {
                impute: Impute::Drop,
                ..r.clone()
            })
        });
        let same = d.with_dialect(d.dialect);
        assert_eq!(same.recipe.as_ref().unwrap().impute, Impute::Drop);
        // …and a wrong delimiter says what is wrong, and makes no data.
        let wrong = d.with_dialect(Dialect {
            delimiter: Delimiter::Semicolon,
            ..d.dialect
        });
        assert!(wrong.result().is_err());
        assert!(wrong.problem.is_some());
        // A failed change keeps the recipe and says why.
        let bad = d.with_recipe(|_, _| Err("no".into()));
        assert_eq!(bad.recipe, d.recipe);
        assert_eq!(bad.problem.as_deref(), Some("no"));
        // Pasted from a spreadsheet: tabs.
        let p = ImportDraft::from_text("pasted", "x\tw\tc\n1\t2\ta\n3\t4\tb\n5\t6\ta\n");
        assert_eq!(p.dialect.delimiter, Delimiter::Tab);
        assert_eq!(p.result().unwrap().dataset.n_features(), 2);
        // The data in use can be re-opened with its recipe.
        let again = ImportDraft::from_imported(&csv);
        assert_eq!(again.recipe, csv.recipe);
    }
}
