//! A recipe applied to every row of a big file, in the worker: the import preview's
//! "what the choices make" and the data "Use this data" takes. 100,000 rows took the
//! page's thread ~80 ms per change; the worker reads the file again (it keeps no state
//! between jobs) and sends the encoded matrix back beside the message.

use hyperplane_core::table::{Encoder, Recipe};
use serde::{Deserialize, Serialize};

use crate::studio_fit::Table;
use crate::table_job::{read_file, ReadJob};

/// A file (as a [`ReadJob`] reads it) and the recipe to apply to it.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ApplyJob {
    pub read: ReadJob,
    pub recipe: Recipe,
}

/// What a recipe makes of a file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Applied {
    pub job: u64,
    pub result: Result<AppliedData, String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AppliedData {
    /// The encoded features and the target (the features beside the message).
    pub data: Table,
    pub encoder: Encoder,
    /// What was done ("344 rows read; 11 rows had a gap: filled with …").
    pub report: String,
    /// The file's columns, as read.
    #[serde(default)]
    pub columns: Vec<String>,
}

/// Reads the job's file and applies its recipe.
pub fn apply_file(job: &ApplyJob) -> Applied {
    let result = read_file(&job.read, &mut |_| {}).table.and_then(|raw| {
        let out = job.recipe.apply(&raw).map_err(|e| e.to_string())?;
        Ok(AppliedData {
            data: Table::new(&out.dataset),
            encoder: out.encoder,
            report: out.report.sentence(job.recipe.impute),
            columns: raw.columns.iter().map(|c| c.name.clone()).collect(),
        })
    });
    Applied {
        job: job.read.job,
        result,
    }
}
