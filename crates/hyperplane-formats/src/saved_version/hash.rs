//! The content hash that ties a version to the exact data it was trained on.

use hyperplane_core::dataset::{Dataset, Target};

/// A 64-bit FNV-1a hash of a dataset's values, targets and names, as 16 hex digits:
/// the same data always gives the same hash, on every platform. Features come first,
/// then the targets, then the names (and, for values, a mark that they are values, so
/// no classification data hashes the same).
pub fn content_hash(data: &Dataset) -> String {
    let mut h = Fnv1a::new();
    let mut eat = |bytes: &[u8]| h.eat(bytes);
    for v in data.x().iter() {
        eat(&v.to_bits().to_le_bytes());
    }
    match data.target() {
        Target::Classes { labels, names } => {
            for &c in labels {
                eat(&(c as u64).to_le_bytes());
            }
            for name in data.feature_names().iter().chain(names) {
                eat(name.as_bytes());
                eat(&[0]);
            }
        }
        Target::Values { values, name } => {
            for v in values {
                eat(&v.to_bits().to_le_bytes());
            }
            for name in data.feature_names() {
                eat(name.as_bytes());
                eat(&[0]);
            }
            eat(b"\x01target:");
            eat(name.as_bytes());
        }
    }
    h.hex()
}

/// 64-bit FNV-1a, fed in pieces.
pub(crate) struct Fnv1a(u64);

impl Fnv1a {
    pub(crate) fn new() -> Self {
        Self(0xcbf2_9ce4_8422_2325)
    }

    pub(crate) fn eat(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 ^= b as u64;
            self.0 = self.0.wrapping_mul(0x0100_0000_01b3);
        }
    }

    /// The hash as 16 hex digits.
    pub(crate) fn hex(&self) -> String {
        format!("{:016x}", self.0)
    }
}
