//! Reading a file in the worker: the page sends the file's bytes, the worker decodes,
//! reads and profiles it and sends the typed table back. A 100,000-row file takes a few
//! hundred milliseconds to read, which would freeze the page; the columns travel as
//! typed arrays beside the message, moved rather than copied or written out as text.

use hyperplane_core::table::raw::{Cells, Column};
use hyperplane_core::table::{self, text, ColumnProfile, Dialect, Encoding, RawTable};
use serde::{Deserialize, Serialize};

use crate::Bulk;

/// A file to read.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ReadJob {
    pub job: u64,
    /// The file's bytes (beside the message, as a `Uint8Array`).
    #[serde(skip)]
    pub bytes: Vec<u8>,
    /// How to decode them; `None` detects it.
    pub encoding: Option<Encoding>,
    /// The bytes are text the page already decoded (UTF-8), from a file read as
    /// `encoding`: a pasted table, or the data in use read again.
    pub decoded: bool,
    /// How to read the text; `None` detects it.
    pub dialect: Option<Dialect>,
}

/// A table as read: how, and what (or why it could not be read).
#[derive(Debug, Clone, PartialEq)]
pub struct ReadTable {
    pub encoding: Encoding,
    pub dialect: Dialect,
    pub table: Result<RawTable, String>,
    pub profiles: Vec<ColumnProfile>,
}

/// A column without its cells: its name, and a text column's distinct values.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ColumnShape {
    pub name: String,
    pub values: Option<Vec<String>>,
}

/// The answer to a [`ReadJob`]: the table's shape in the message, its cells beside it
/// (one array per column, numbers or text codes, then each row's line).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TableRead {
    pub job: u64,
    pub encoding: Encoding,
    pub dialect: Dialect,
    pub shape: Result<Vec<ColumnShape>, String>,
    pub profiles: Vec<ColumnProfile>,
    #[serde(skip)]
    pub cells: Vec<Bulk>,
}

/// Reads a job's file, telling `progress` how far it is (0 to 1).
pub fn read_file(job: &ReadJob, progress: &mut dyn FnMut(f64)) -> ReadTable {
    let (text, encoding) = match (job.decoded, job.encoding) {
        (true, e) => (
            String::from_utf8_lossy(&job.bytes).into_owned(),
            e.unwrap_or(Encoding::Utf8),
        ),
        (false, Some(e)) => (text::decode_as(&job.bytes, e), e),
        (false, None) => text::decode(&job.bytes),
    };
    let dialect = job.dialect.unwrap_or_else(|| table::detect(&text));
    let read = table::read_with_progress(&text, dialect, progress).map_err(|e| e.to_string());
    let profiles = read.as_ref().map(table::profile).unwrap_or_default();
    ReadTable {
        encoding,
        dialect,
        table: read,
        profiles,
    }
}

impl TableRead {
    /// The message for `read`: the table taken apart into its shape and its arrays.
    pub fn new(job: u64, read: ReadTable) -> Self {
        let (shape, cells) = match read.table {
            Ok(raw) => {
                let mut cells = Vec::with_capacity(raw.columns.len() + 1);
                let shape = raw
                    .columns
                    .into_iter()
                    .map(|c| ColumnShape {
                        name: c.name,
                        values: match c.cells {
                            Cells::Numbers(v) => {
                                cells.push(Bulk::F64(v));
                                None
                            }
                            Cells::Text { values, codes } => {
                                cells.push(Bulk::U32(codes));
                                Some(values)
                            }
                        },
                    })
                    .collect();
                cells.push(Bulk::U32(raw.lines.iter().map(|&l| l as u32).collect()));
                (Ok(shape), cells)
            }
            Err(e) => (Err(e), Vec::new()),
        };
        Self {
            job,
            encoding: read.encoding,
            dialect: read.dialect,
            shape,
            profiles: read.profiles,
            cells,
        }
    }

    /// The table put back together; arrays that do not fit the shape (a damaged message)
    /// are an error, never a panic.
    pub fn into_read(self) -> ReadTable {
        let damaged = || "the worker's table arrived damaged".to_string();
        let table = self.shape.and_then(|shape| {
            let mut cells = self.cells.into_iter();
            let columns = shape
                .into_iter()
                .map(|c| match (c.values, cells.next()) {
                    (None, Some(Bulk::F64(v))) => Ok(Column {
                        name: c.name,
                        cells: Cells::Numbers(v),
                    }),
                    (Some(values), Some(Bulk::U32(codes))) => Ok(Column {
                        name: c.name,
                        cells: Cells::Text { values, codes },
                    }),
                    _ => Err(damaged()),
                })
                .collect::<Result<Vec<_>, _>>()?;
            let Some(Bulk::U32(lines)) = cells.next() else {
                return Err(damaged());
            };
            let rows = lines.len();
            let fits = columns.iter().all(|c| match &c.cells {
                Cells::Numbers(v) => v.len() == rows,
                Cells::Text { values, codes } => {
                    codes.len() == rows
                        && codes
                            .iter()
                            .all(|&k| k == table::raw::GAP || (k as usize) < values.len())
                }
            });
            if !fits || cells.next().is_some() {
                return Err(damaged());
            }
            Ok(RawTable {
                dialect: self.dialect,
                columns,
                lines: lines.into_iter().map(|l| l as usize).collect(),
            })
        });
        ReadTable {
            encoding: self.encoding,
            dialect: self.dialect,
            table,
            profiles: self.profiles,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PENGUINS: &[u8] = include_bytes!("../../../public/examples/penguins.csv");
    const GERMAN: &[u8] = include_bytes!("../../../public/examples/iris-european.csv");

    fn job(bytes: &[u8]) -> ReadJob {
        ReadJob {
            job: 3,
            bytes: bytes.to_vec(),
            encoding: None,
            decoded: false,
            dialect: None,
        }
    }

    #[test]
    fn a_table_travels_apart_and_comes_back_whole() {
        for bytes in [PENGUINS, GERMAN] {
            let mut seen = Vec::new();
            let read = read_file(&job(bytes), &mut |p| seen.push(p));
            assert!(read.table.is_ok());
            let message = TableRead::new(3, read.clone());
            // The JSON carries the shape; the arrays travel beside it.
            let text = serde_json::to_string(&message).unwrap();
            let mut back: TableRead = serde_json::from_str(&text).unwrap();
            assert!(back.cells.is_empty());
            back.cells = message.cells.clone();
            // (Debug text: gaps are NaN, which never equals itself.)
            assert_eq!(format!("{:?}", back.into_read()), format!("{read:?}"));
            assert!(seen.iter().all(|p| (0.0..=1.0).contains(p)));
        }
    }

    #[test]
    fn big_files_report_progress_in_order() {
        let mut csv = String::from("a,b,c\n");
        for i in 0..20_000 {
            csv.push_str(&format!("{i},{},k{}\n", i as f64 / 7.0, i % 3));
        }
        let mut seen = Vec::new();
        let read = read_file(&job(csv.as_bytes()), &mut |p| seen.push(p));
        assert_eq!(read.table.unwrap().n_rows(), 20_000);
        assert!(seen.len() >= 4, "{seen:?}");
        assert!(seen.windows(2).all(|w| w[0] <= w[1]), "{seen:?}");
    }

    #[test]
    fn damaged_arrays_are_an_error_not_a_panic() {
        let read = read_file(&job(PENGUINS), &mut |_| {});
        let whole = TableRead::new(1, read);
        let cases: Vec<Vec<Bulk>> = vec![
            Vec::new(),
            whole.cells[1..].to_vec(),
            {
                let mut c = whole.cells.clone();
                c.push(Bulk::U8(vec![1]));
                c
            },
            {
                let mut c = whole.cells.clone();
                c[0] = Bulk::U32(vec![u32::MAX - 5; 344]);
                c
            },
            {
                let mut c = whole.cells.clone();
                let last = c.len() - 1;
                c[last] = Bulk::U32(vec![1, 2]);
                c
            },
        ];
        for cells in cases {
            let t = TableRead {
                cells,
                ..whole.clone()
            };
            assert!(t.into_read().table.is_err());
        }
    }

    #[test]
    fn decoded_text_keeps_its_encoding_and_failures_keep_the_dialect() {
        let text = text::decode(GERMAN).0;
        let read = read_file(
            &ReadJob {
                bytes: text.into_bytes(),
                encoding: Some(Encoding::Utf8Bom),
                decoded: true,
                ..job(b"")
            },
            &mut |_| {},
        );
        assert_eq!(read.encoding, Encoding::Utf8Bom);
        assert!(read.table.is_ok());
        let wrong = Dialect {
            delimiter: table::Delimiter::Comma,
            ..read.dialect
        };
        let bad = read_file(
            &ReadJob {
                dialect: Some(wrong),
                ..job(GERMAN)
            },
            &mut |_| {},
        );
        assert_eq!(bad.dialect, wrong);
        let round = TableRead::new(1, bad.clone()).into_read();
        assert_eq!(format!("{round:?}"), format!("{bad:?}"));
    }
}
