//! Support vector machines.

mod expansion_grid;
mod linear_gd;
mod params;
mod qmatrix;
mod smo;
mod svc;
mod svc_grid;
mod svr;

pub use linear_gd::{LinearSvm, LinearSvmParams, LinearSvmTrainer, LinearSvmValidParams};
pub(crate) use params::check_positive;
pub use params::SvmParams;
pub use svc::{Svc, SvcParams, SvcParts, SvcValidParams};
pub use svr::{Svr, SvrParams, SvrParts, SvrValidParams};
