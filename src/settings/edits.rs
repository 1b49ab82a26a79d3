//! An edited copy of any classification dataset: the source (generated, bundled or
//! imported) on two of its features, with the points the user removed (by their row in
//! the source) and added. Kept as edits rather than a copy, so links stay short and the
//! data stay exactly the source's where untouched.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use hyperplane_core::{Dataset, Error};
use ndarray::Array2;
use serde::{Deserialize, Serialize};

use super::limits::MAX_DRAWN;
use super::DrawnPoint;

/// Added points are kept to this grid in the plane's units (as a link carries them).
const GRID: f64 = 1000.0;

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Edits {
    /// The source's two features the copy keeps (x, y).
    pub features: (usize, usize),
    /// Points added: position in the features' units and class.
    pub added: Vec<DrawnPoint>,
    /// The source's rows removed, ascending.
    pub removed: Vec<usize>,
}

/// A coordinate as an added point keeps it.
pub fn snap(v: f64) -> f64 {
    (v * GRID).round() / GRID
}

impl Edits {
    /// The copy: the source's two features without the removed rows, then the added
    /// points. An edit that does not fit the source (a feature or row it lacks, a class
    /// it has not) is an error naming it.
    pub fn apply(&self, source: &Dataset) -> Result<Dataset, Error> {
        let (fx, fy) = self.features;
        let n = source.n_samples();
        let bad = |m: String| Error::Format(format!("the edited data: {m}"));
        if fx >= source.n_features() || fy >= source.n_features() || fx == fy {
            return Err(bad(format!("the source has no features {fx} and {fy}")));
        }
        if let Some(&r) = self.removed.iter().find(|&&r| r >= n) {
            return Err(bad(format!(
                "point {} is removed, but the source has {n}",
                r + 1
            )));
        }
        let labels = source.labels()?;
        let classes = source.class_names().len();
        if let Some(p) = self.added.iter().find(|p| p.2 >= classes) {
            return Err(bad(format!(
                "an added point has class {}, the data {classes}",
                p.2
            )));
        }
        let kept: Vec<usize> = (0..n)
            .filter(|r| self.removed.binary_search(r).is_err())
            .collect();
        let rows = kept.len() + self.added.len();
        let x = Array2::from_shape_fn((rows, 2), |(i, j)| match kept.get(i) {
            Some(&r) => source.x()[[r, if j == 0 { fx } else { fy }]],
            None => {
                let p = self.added[i - kept.len()];
                if j == 0 {
                    p.0
                } else {
                    p.1
                }
            }
        });
        let y = kept
            .iter()
            .map(|&r| labels[r])
            .chain(self.added.iter().map(|p| p.2))
            .collect();
        let names = source.feature_names();
        Dataset::new(
            x,
            y,
            vec![names[fx].clone(), names[fy].clone()],
            source.class_names().to_vec(),
        )
    }

    /// Removes row `row` of the copy: an added point is dropped, a source point is
    /// remembered as removed. `n_source` is the source's row count.
    pub fn remove(&mut self, row: usize, n_source: usize) {
        let kept = n_source - self.removed.len().min(n_source);
        if row >= kept {
            if row - kept < self.added.len() {
                self.added.remove(row - kept);
            }
            return;
        }
        // The copy's row `row` is the source's row-th row not removed.
        if let Some(r) = (0..n_source)
            .filter(|r| self.removed.binary_search(r).is_err())
            .nth(row)
        {
            let at = self.removed.binary_search(&r).unwrap_or_else(|e| e);
            self.removed.insert(at, r);
        }
    }

    /// Whether the edits are within what the studio draws (links and restores check).
    pub fn check(&self) -> Result<(), String> {
        if self.added.len() > MAX_DRAWN || self.removed.len() > 100_000 {
            return Err(format!("more than {MAX_DRAWN} points are added"));
        }
        if self
            .added
            .iter()
            .any(|p| !p.0.is_finite() || !p.1.is_finite())
        {
            return Err("an added point is not at a finite place".into());
        }
        if self.removed.windows(2).any(|w| w[0] >= w[1]) {
            return Err("the removed points are not in order".into());
        }
        Ok(())
    }

    /// For a link: `x.y`, the added points (two i32 thousandths and a class byte each)
    /// and the removed rows (u32 each), base64.
    pub fn to_link(&self) -> [(&'static str, String); 3] {
        let mut added = Vec::with_capacity(self.added.len() * 9);
        for &(x, y, class) in &self.added {
            for v in [x, y] {
                let q = (v * GRID).round().clamp(i32::MIN as f64, i32::MAX as f64) as i32;
                added.extend_from_slice(&q.to_le_bytes());
            }
            added.push(class.min(255) as u8);
        }
        let removed: Vec<u8> = self
            .removed
            .iter()
            .flat_map(|&r| (r as u32).to_le_bytes())
            .collect();
        [
            ("edit", format!("{}.{}", self.features.0, self.features.1)),
            ("add", URL_SAFE_NO_PAD.encode(added)),
            ("del", URL_SAFE_NO_PAD.encode(removed)),
        ]
    }

    /// Reads one of [`Self::to_link`]'s keys into `self`.
    pub fn read_link(&mut self, key: &str, value: &str) -> Result<(), String> {
        let bytes = |what: &str, size: usize, max: usize| -> Result<Vec<u8>, String> {
            if value.len() > max * size * 4 / 3 + 8 {
                return Err(format!("too many {what} points"));
            }
            let b = URL_SAFE_NO_PAD
                .decode(value)
                .map_err(|_| format!("the {what} points are garbled"))?;
            if b.len() % size != 0 {
                return Err(format!("the {what} points are cut short"));
            }
            Ok(b)
        };
        match key {
            "edit" => {
                let (x, y) = value
                    .split_once('.')
                    .and_then(|(x, y)| Some((x.parse().ok()?, y.parse().ok()?)))
                    .filter(|&(x, y): &(usize, usize)| x != y && x <= 1000 && y <= 1000)
                    .ok_or_else(|| format!("edit={value} is not two different features"))?;
                self.features = (x, y);
            }
            "add" => {
                self.added = bytes("added", 9, MAX_DRAWN)?
                    .chunks_exact(9)
                    .map(|c| {
                        let x = i32::from_le_bytes([c[0], c[1], c[2], c[3]]) as f64 / GRID;
                        let y = i32::from_le_bytes([c[4], c[5], c[6], c[7]]) as f64 / GRID;
                        (x, y, c[8] as usize)
                    })
                    .collect();
            }
            "del" => {
                self.removed = bytes("removed", 4, 100_000)?
                    .chunks_exact(4)
                    .map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]]) as usize)
                    .collect();
            }
            _ => return Err(format!("{key:?} is not a setting")),
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use hyperplane_core::datasets::{iris, GeneratorKind, GeneratorParams};

    /// Links are anyone's text: random edit keys read, check and apply, or say why, and
    /// never panic (on classes and on values).
    #[test]
    fn hostile_link_edits_never_panic() {
        let classes = iris().unwrap();
        let values = GeneratorParams::new(GeneratorKind::RegPlane)
            .n_samples(60)
            .generate()
            .unwrap();
        let mut state = 0x9e37_79b9_7f4a_7c15_u64;
        let mut next = move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        for _ in 0..3000 {
            let len = (next() % 40) as usize;
            let bytes: Vec<u8> = (0..len).map(|_| next() as u8).collect();
            let packed = URL_SAFE_NO_PAD.encode(&bytes);
            let mut e = Edits::default();
            let key = ["edit", "add", "del"][(next() % 3) as usize];
            let value = match next() % 3 {
                0 => packed,
                1 => format!("{}.{}", next() % 6, next() % 6),
                _ => String::from_utf8_lossy(&bytes).into_owned(),
            };
            if e.read_link(key, &value).is_ok() && e.check().is_ok() {
                let _ = e.apply(&classes);
                let _ = e.apply(&values);
                let n = (next() % 200) as usize;
                e.remove(n, 150);
            }
        }
    }

    #[test]
    fn a_copy_with_points_removed_and_added() {
        let source = iris().unwrap();
        let mut e = Edits {
            features: (2, 3),
            added: vec![(1.5, 0.25, 2)],
            removed: vec![],
        };
        e.remove(0, 150);
        e.remove(0, 150);
        assert_eq!(e.removed, vec![0, 1]);
        let copy = e.apply(&source).unwrap();
        assert_eq!(copy.n_samples(), 149);
        assert_eq!(copy.n_features(), 2);
        assert_eq!(copy.feature_names()[0], source.feature_names()[2]);
        assert_eq!(copy.x()[[0, 0]], source.x()[[2, 2]]);
        assert_eq!(copy.x().row(148).to_vec(), vec![1.5, 0.25]);
        assert_eq!(copy.labels().unwrap()[148], 2);
        // Removing the last row of the copy drops the added point.
        e.remove(148, 150);
        assert!(e.added.is_empty());
        // Through a link and back.
        e.added.push((snap(5.123_456), snap(-0.5), 1));
        let mut back = Edits::default();
        for (k, v) in e.to_link() {
            back.read_link(k, &v).unwrap();
        }
        assert_eq!(back, e);
        assert!(back.check().is_ok());
        // Edits that do not fit the source are errors, not panics.
        let wrong = Edits {
            removed: vec![150],
            ..e.clone()
        };
        assert!(wrong.apply(&source).is_err());
        let wrong = Edits {
            added: vec![(0.0, 0.0, 3)],
            ..e.clone()
        };
        assert!(wrong.apply(&source).is_err());
        let wrong = Edits {
            features: (2, 9),
            ..e
        };
        assert!(wrong.apply(&source).is_err());
        assert!(Edits::default().read_link("add", "!!").is_err());
        assert!(Edits::default().read_link("edit", "1.1").is_err());
    }
}
