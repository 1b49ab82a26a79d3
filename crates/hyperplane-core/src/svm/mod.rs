//! Support vector machines.

mod qmatrix;
mod smo;
mod svc;
mod svc_grid;

pub use svc::{Svc, SvcParams, SvcParts, SvcValidParams};
