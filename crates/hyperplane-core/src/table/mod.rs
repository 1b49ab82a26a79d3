//! Reading tables as people have them: any common CSV dialect (comma, semicolon or tab;
//! decimal commas; a byte-order mark; quotes, CRLF, gaps written `NA` or `?`), typed
//! columns, and a [`Recipe`] that turns them into a [`crate::Dataset`] the way
//! scikit-learn's `SimpleImputer`, `OneHotEncoder` and `ColumnTransformer` would.

pub mod dialect;
pub mod encoder;
pub mod profile;
pub mod raw;
pub mod recipe;
pub mod snippet;
pub mod text;

pub use dialect::{detect, Delimiter, Dialect};
pub use encoder::{EncodedColumn, Encoder};
pub use profile::{profile, ColumnKind, ColumnProfile, Summary};
pub use raw::{read, read_with_progress, RawTable};
pub use recipe::{Encode, Imported, Impute, Recipe, Report};
pub use text::Encoding;

/// Decodes and reads a file with its detected dialect, returning the table and its
/// encoding.
pub fn open(bytes: &[u8]) -> crate::Result<(RawTable, Encoding)> {
    let (text, encoding) = text::decode(bytes);
    Ok((read(&text, detect(&text))?, encoding))
}

#[cfg(test)]
mod tests;
