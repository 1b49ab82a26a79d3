//! A static k-d tree for exact k-nearest-neighbour queries. Candidates are ordered by
//! (squared distance, training index), so results are deterministic and equal to a
//! brute-force search with the same tie rule.

const LEAF: usize = 6;

#[derive(Debug, Clone, PartialEq)]
enum Node {
    Leaf {
        start: usize,
        end: usize,
    },
    Split {
        dim: usize,
        value: f64,
        left: usize,
        right: usize,
    },
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct KdTree {
    points: Vec<f64>,
    d: usize,
    /// Point indices, permuted so each leaf owns a contiguous range.
    order: Vec<usize>,
    nodes: Vec<Node>,
}

/// A candidate neighbour; the heap keeps the worst on top.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Cand(f64, usize);
impl Eq for Cand {}
impl PartialOrd for Cand {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}
impl Ord for Cand {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.0.total_cmp(&other.0).then(self.1.cmp(&other.1))
    }
}

impl KdTree {
    /// `points` is row-major `n × d`.
    pub fn build(points: Vec<f64>, d: usize) -> Self {
        let n = points.len() / d.max(1);
        let mut tree = Self {
            points,
            d,
            order: (0..n).collect(),
            nodes: Vec::new(),
        };
        if n > 0 {
            tree.build_node(0, n);
        }
        tree
    }

    fn coord(&self, i: usize, dim: usize) -> f64 {
        self.points[i * self.d + dim]
    }

    fn build_node(&mut self, start: usize, end: usize) -> usize {
        let id = self.nodes.len();
        if end - start <= LEAF {
            self.nodes.push(Node::Leaf { start, end });
            return id;
        }
        // Split the widest dimension at its median.
        let dim = (0..self.d)
            .max_by(|&a, &b| {
                let spread = |k| {
                    let (lo, hi) = self.order[start..end]
                        .iter()
                        .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), &i| {
                            (lo.min(self.coord(i, k)), hi.max(self.coord(i, k)))
                        });
                    hi - lo
                };
                spread(a).total_cmp(&spread(b))
            })
            .unwrap_or(0);
        let mid = (start + end) / 2;
        let (points, d) = (&self.points, self.d);
        self.order[start..end].select_nth_unstable_by(mid - start, |&a, &b| {
            points[a * d + dim]
                .total_cmp(&points[b * d + dim])
                .then(a.cmp(&b))
        });
        let value = self.coord(self.order[mid], dim);
        self.nodes.push(Node::Leaf { start, end });
        let left = self.build_node(start, mid);
        let right = self.build_node(mid, end);
        self.nodes[id] = Node::Split {
            dim,
            value,
            left,
            right,
        };
        id
    }

    /// The `k` nearest points to `q` as (squared distance, index), nearest first.
    /// `out` doubles as the working set (kept sorted), so a query allocates nothing
    /// once `out` has grown to `k`.
    pub fn nearest(&self, q: &[f64], k: usize, out: &mut Vec<(f64, usize)>) {
        out.clear();
        if self.nodes.is_empty() || k == 0 {
            return;
        }
        self.search(0, q, k, out);
    }

    fn search(&self, node: usize, q: &[f64], k: usize, best: &mut Vec<(f64, usize)>) {
        match self.nodes[node] {
            Node::Leaf { start, end } => {
                for &i in &self.order[start..end] {
                    let p = &self.points[i * self.d..(i + 1) * self.d];
                    let dist: f64 = p.iter().zip(q).map(|(a, b)| (a - b) * (a - b)).sum();
                    let c = Cand(dist, i);
                    if best.len() == k && best.last().is_some_and(|w| c >= Cand(w.0, w.1)) {
                        continue;
                    }
                    let at = best.partition_point(|w| Cand(w.0, w.1) < c);
                    if best.len() == k {
                        best.pop();
                    }
                    best.insert(at, (dist, i));
                }
            }
            Node::Split {
                dim,
                value,
                left,
                right,
            } => {
                let diff = q[dim] - value;
                let (near, far) = if diff < 0.0 {
                    (left, right)
                } else {
                    (right, left)
                };
                self.search(near, q, k, best);
                // Visit the far side only if it could hold a closer (or tying) point.
                let worst = best.last().map_or(f64::INFINITY, |w| w.0);
                if best.len() < k || diff * diff <= worst {
                    self.search(far, q, k, best);
                }
            }
        }
    }
}

/// Checks stored training data (as fitted, or as read from a file: shapes, finite
/// values, the target) and the parameters, and indexes the points.
pub(super) fn index(
    params: &super::params::KnnParams,
    x: &ndarray::Array2<f64>,
    target: crate::dataset::Target,
) -> crate::error::Result<KdTree> {
    let names = (0..x.ncols()).map(|i| i.to_string()).collect();
    crate::dataset::Dataset::from_parts(x.clone(), target, names)?;
    params.check()?;
    if params.k > x.nrows() {
        return Err(crate::error::Error::Format(
            "k exceeds the stored training samples".into(),
        ));
    }
    Ok(KdTree::build(x.iter().copied().collect(), x.ncols()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::{Rng, SeedableRng};

    #[test]
    fn matches_brute_force_including_ties() {
        let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(3);
        for d in [1, 2, 5] {
            // coarse values make many exact ties
            let pts: Vec<f64> = (0..300 * d)
                .map(|_| (rng.random::<f64>() * 8.0).round())
                .collect();
            let tree = KdTree::build(pts.clone(), d);
            let mut got = Vec::new();
            for _ in 0..50 {
                let q: Vec<f64> = (0..d).map(|_| rng.random::<f64>() * 8.0).collect();
                let mut brute: Vec<(f64, usize)> = (0..300)
                    .map(|i| {
                        let p = &pts[i * d..(i + 1) * d];
                        (p.iter().zip(&q).map(|(a, b)| (a - b) * (a - b)).sum(), i)
                    })
                    .collect();
                brute.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
                for k in [1, 7, 40] {
                    tree.nearest(&q, k, &mut got);
                    assert_eq!(got, brute[..k].to_vec(), "d={d} k={k}");
                }
            }
        }
    }
}
