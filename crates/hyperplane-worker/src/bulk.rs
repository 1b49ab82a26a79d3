//! Bulk data beside a message's JSON: a file's bytes, a table's columns, a dataset's
//! features travel as typed arrays, moved between the threads rather than copied or
//! written out as text. Each message says which of its parts travel so.

use crate::{FromWorker, ToWorker};

/// Bulk numbers that travel beside a message's JSON as typed arrays.
#[derive(Debug, Clone, PartialEq)]
pub enum Bulk {
    F64(Vec<f64>),
    U32(Vec<u32>),
    U8(Vec<u8>),
}

impl ToWorker {
    /// The arrays that travel beside the message (taken out of it).
    pub fn take_bulk(&mut self) -> Vec<Bulk> {
        match self {
            ToWorker::Read(j) => vec![Bulk::U8(std::mem::take(&mut j.bytes))],
            ToWorker::Apply(j) => vec![Bulk::U8(std::mem::take(&mut j.read.bytes))],
            ToWorker::Studio(j) => std::iter::once(&mut j.train)
                .chain(j.test.as_mut())
                .map(|t| Bulk::F64(std::mem::take(&mut t.x)))
                .collect(),
            _ => Vec::new(),
        }
    }

    /// Puts back the arrays that travelled beside the message.
    pub fn attach_bulk(&mut self, bulk: Vec<Bulk>) {
        let mut bulk = bulk.into_iter();
        match self {
            ToWorker::Read(j) => {
                if let Some(Bulk::U8(bytes)) = bulk.next() {
                    j.bytes = bytes;
                }
            }
            ToWorker::Apply(j) => {
                if let Some(Bulk::U8(bytes)) = bulk.next() {
                    j.read.bytes = bytes;
                }
            }
            ToWorker::Studio(j) => {
                for t in std::iter::once(&mut j.train).chain(j.test.as_mut()) {
                    if let Some(Bulk::F64(x)) = bulk.next() {
                        t.x = x;
                    }
                }
            }
            _ => {}
        }
    }
}

impl FromWorker {
    /// The arrays that travel beside the message (taken out of it).
    pub fn take_bulk(&mut self) -> Vec<Bulk> {
        match self {
            FromWorker::TableRead(t) => std::mem::take(&mut t.cells),
            FromWorker::Applied(a) => match &mut a.result {
                Ok(d) => vec![Bulk::F64(std::mem::take(&mut d.data.x))],
                Err(_) => Vec::new(),
            },
            _ => Vec::new(),
        }
    }

    /// Puts back the arrays that travelled beside the message.
    pub fn attach_bulk(&mut self, bulk: Vec<Bulk>) {
        match self {
            FromWorker::TableRead(t) => t.cells = bulk,
            FromWorker::Applied(a) => {
                if let (Ok(d), Some(Bulk::F64(x))) = (&mut a.result, bulk.into_iter().next()) {
                    d.data.x = x;
                }
            }
            _ => {}
        }
    }
}

/// Bulk data as JavaScript typed arrays, for both ends of a worker's messages.
pub mod js {
    use super::Bulk;
    use wasm_bindgen::{JsCast, JsValue};

    /// Vectors as typed arrays, and the list of their buffers to move.
    pub fn bulk_out(bulk: &[Bulk]) -> (js_sys::Array, js_sys::Array) {
        let (arrays, buffers) = (js_sys::Array::new(), js_sys::Array::new());
        for b in bulk {
            let (array, buffer): (JsValue, JsValue) = match b {
                Bulk::F64(v) => {
                    let a = js_sys::Float64Array::from(&v[..]);
                    let buf = a.buffer().into();
                    (a.into(), buf)
                }
                Bulk::U32(v) => {
                    let a = js_sys::Uint32Array::from(&v[..]);
                    let buf = a.buffer().into();
                    (a.into(), buf)
                }
                Bulk::U8(v) => {
                    let a = js_sys::Uint8Array::from(&v[..]);
                    let buf = a.buffer().into();
                    (a.into(), buf)
                }
            };
            arrays.push(&array);
            buffers.push(&buffer);
        }
        (arrays, buffers)
    }

    /// Typed arrays back into vectors (anything else is dropped).
    pub fn bulk_in(list: &js_sys::Array) -> Vec<Bulk> {
        list.iter()
            .filter_map(|a| {
                if let Some(a) = a.dyn_ref::<js_sys::Float64Array>() {
                    Some(Bulk::F64(a.to_vec()))
                } else if let Some(a) = a.dyn_ref::<js_sys::Uint32Array>() {
                    Some(Bulk::U32(a.to_vec()))
                } else {
                    a.dyn_ref::<js_sys::Uint8Array>()
                        .map(|a| Bulk::U8(a.to_vec()))
                }
            })
            .collect()
    }
}
