//! The import preview's state: a file (or pasted table) not yet used, how it is read
//! (encoding, dialect) and the recipe the user is shaping. Every change re-reads what it
//! affects; nothing reaches the studio until the draft is used.

use std::sync::Arc;

use hyperplane_core::table::{text, ColumnProfile, Dialect, Encoding, RawTable, Recipe};
use hyperplane_worker::{read_file, AppliedData, ApplyJob, ReadJob, ReadTable};

use crate::imported::ImportedCsv;

/// Rows shown in the preview's table.
pub const PREVIEW_ROWS: usize = 6;

/// Up to this many rows the preview applies its recipe on the page's thread (a few
/// milliseconds); above, in a worker.
pub const APPLY_HERE_ROWS: usize = 20_000;

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

/// What to read, and how: a file's bytes or a table's text, with any encoding and dialect
/// the user chose and the recipe to carry over. It becomes a worker's [`ReadJob`], and the
/// answer becomes the draft ([`finish`](Self::finish)).
#[derive(Debug, Clone, PartialEq)]
pub struct ReadRequest {
    pub file_name: String,
    /// The file's bytes (`None` for a paste, or the data in use read again).
    bytes: Option<Arc<Vec<u8>>>,
    /// The text, when it is already decoded (read again in another dialect).
    text: Option<Arc<String>>,
    encoding: Option<Encoding>,
    dialect: Option<Dialect>,
    previous: Option<Recipe>,
    example: bool,
}

impl ReadRequest {
    /// A chosen or dropped file, everything about it detected.
    pub fn file(file_name: &str, bytes: Vec<u8>, example: bool) -> Self {
        Self {
            file_name: file_name.to_string(),
            bytes: Some(Arc::new(bytes)),
            text: None,
            encoding: None,
            dialect: None,
            previous: None,
            example,
        }
    }

    /// A table pasted from a spreadsheet (tab-separated) or typed.
    pub fn pasted(file_name: &str, pasted: &str) -> Self {
        let (text, encoding) = text::from_text(pasted);
        Self {
            text: Some(Arc::new(text)),
            encoding: Some(encoding),
            bytes: None,
            ..Self::file(file_name, Vec::new(), false)
        }
    }

    /// The data in use, to change its recipe.
    pub fn imported(csv: &ImportedCsv) -> Self {
        Self {
            text: Some(Arc::new(csv.text.clone())),
            encoding: Some(csv.encoding),
            dialect: csv.recipe.as_ref().map(|r| r.dialect),
            previous: csv.recipe.clone(),
            bytes: None,
            ..Self::file(&csv.file_name, Vec::new(), csv.example)
        }
    }

    /// The worker's job: the decoded text when there is one, else the file's bytes.
    pub fn job(&self, job: u64) -> ReadJob {
        let (bytes, decoded) = match (&self.text, &self.bytes) {
            (Some(t), _) => (t.as_bytes().to_vec(), true),
            (None, Some(b)) => (b.to_vec(), false),
            (None, None) => (Vec::new(), true),
        };
        ReadJob {
            job,
            bytes,
            encoding: self.encoding,
            decoded,
            dialect: self.dialect,
        }
    }

    /// The draft, from what the worker read.
    pub fn finish(self, read: ReadTable) -> ImportDraft {
        let text = match (self.text, &self.bytes) {
            (Some(t), _) => t,
            (None, Some(b)) => Arc::new(text::decode_as(b, read.encoding)),
            (None, None) => Arc::default(),
        };
        let profiles = read.profiles;
        let (recipe, problem) = match &read.table {
            Ok(raw) => match carry_over(raw, &profiles, read.dialect, self.previous) {
                Ok(r) => (Some(r), None),
                Err(e) => (None, Some(e)),
            },
            Err(e) => (None, Some(e.clone())),
        };
        ImportDraft {
            file_name: self.file_name,
            bytes: self.bytes,
            encoding: read.encoding,
            text,
            dialect: read.dialect,
            table: read.table.map(Arc::new),
            profiles,
            recipe,
            problem,
            example: self.example,
        }
    }

    /// Reads it on this thread (tests, and small jobs without a worker).
    pub fn read_here(self) -> ImportDraft {
        let read = read_file(&self.job(0), &mut |_| {});
        self.finish(read)
    }
}

impl ImportDraft {
    /// This draft's file read again as `encoding` (a paste has no other).
    pub fn with_encoding(&self, encoding: Encoding) -> Option<ReadRequest> {
        let bytes = self.bytes.clone()?;
        Some(ReadRequest {
            file_name: self.file_name.clone(),
            bytes: Some(bytes),
            text: None,
            encoding: Some(encoding),
            dialect: None,
            previous: self.recipe.clone(),
            // Another encoding than the detected one makes it no longer the example as is.
            example: self.example && encoding == self.encoding,
        })
    }

    /// This draft's text read again in `dialect`.
    pub fn with_dialect(&self, dialect: Dialect) -> ReadRequest {
        ReadRequest {
            file_name: self.file_name.clone(),
            bytes: self.bytes.clone(),
            text: Some(self.text.clone()),
            encoding: Some(self.encoding),
            dialect: Some(dialect),
            previous: self.recipe.clone(),
            example: self.example,
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

    /// Whether applying the recipe is left to a worker (it takes the page's thread
    /// ~80 ms per 100,000 rows, per change).
    pub fn big(&self) -> bool {
        self.table
            .as_ref()
            .is_ok_and(|t| t.n_rows() > APPLY_HERE_ROWS)
    }

    /// The worker's job: this draft's text read as it is read here, and its recipe.
    pub fn apply_job(&self, job: u64) -> Option<ApplyJob> {
        Some(ApplyJob {
            read: self.with_dialect(self.dialect).job(job),
            recipe: self.recipe.clone()?,
        })
    }

    /// The data a worker made with `recipe` (see [`apply_job`](Self::apply_job)).
    pub fn applied(
        &self,
        recipe: Recipe,
        result: Result<AppliedData, String>,
    ) -> Result<ImportedCsv, String> {
        let d = result?;
        if let Err(e) = &self.table {
            return Err(e.clone());
        }
        let text = (*self.text).clone();
        let csv = ImportedCsv::from_applied(&self.file_name, text, self.encoding, recipe, d)?;
        Ok(ImportedCsv {
            example: self.example,
            ..csv
        })
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
        let d = ReadRequest::file("penguins.csv", PENGUINS.to_vec(), false).read_here();
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
        let same = d.with_dialect(d.dialect).read_here();
        assert_eq!(same.recipe.as_ref().unwrap().impute, Impute::Drop);
        // …and a wrong delimiter says what is wrong, and makes no data.
        let wrong = d
            .with_dialect(Dialect {
                delimiter: Delimiter::Semicolon,
                ..d.dialect
            })
            .read_here();
        assert!(wrong.result().is_err());
        assert!(wrong.problem.is_some());
        // A failed change keeps the recipe and says why.
        let bad = d.with_recipe(|_, _| Err("no".into()));
        assert_eq!(bad.recipe, d.recipe);
        assert_eq!(bad.problem.as_deref(), Some("no"));
        // Pasted from a spreadsheet: tabs.
        let p = ReadRequest::pasted("pasted", "x\tw\tc\n1\t2\ta\n3\t4\tb\n5\t6\ta\n").read_here();
        assert_eq!(p.dialect.delimiter, Delimiter::Tab);
        assert_eq!(p.result().unwrap().dataset.n_features(), 2);
        // Applied in a worker (as a big file's recipe is), the same data.
        let job = d.apply_job(1).unwrap();
        let applied = d.applied(
            job.recipe.clone(),
            hyperplane_worker::apply_file(&job).result,
        );
        assert_eq!(applied.unwrap(), d.result().unwrap());
        // The data in use can be re-opened with its recipe.
        let again = ReadRequest::imported(&csv).read_here();
        assert_eq!(again.recipe, csv.recipe);
    }
}
