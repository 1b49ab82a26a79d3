//! The Q matrix of the SVM dual, `Q_ij = y_i y_j K(x_i, x_j)`, computed on demand one
//! row prefix at a time and kept in a least-recently-used cache of bounded size (a full
//! matrix would need n² numbers: 100 MB at 5000 points). Like LIBSVM's, the index space
//! is permuted by `swap_index` as the solver shrinks its active set, and a cached row
//! holds only the columns that were active when it was computed.

use crate::kernel::Kernel;

pub(crate) struct KernelRows {
    kernel: Kernel,
    x: Vec<f64>,
    sq: Vec<f64>,
    y: Vec<f64>,
    d: usize,
    l: usize,
    diag: Vec<f64>,
    /// Rows in single precision, as LIBSVM's `Qfloat`: half the memory, and the same
    /// rounding, so degenerate problems (duplicate points) take LIBSVM's path.
    slots: Vec<f32>,
    /// Computed prefix length of each slot's row (0 = free).
    slot_len: Vec<usize>,
    slot_of: Vec<u32>,
    row_in_slot: Vec<usize>,
    /// Slots holding a row, least recently used first: a doubly linked list over slot
    /// numbers (`NO_SLOT` ends it), so use and eviction are O(1).
    prev: Vec<u32>,
    next: Vec<u32>,
    lru_head: u32,
    lru_tail: u32,
    free: Vec<u32>,
}

const NO_SLOT: u32 = u32::MAX;

impl KernelRows {
    /// `x` is row-major `l × d`; `cache_bytes` bounds the row cache (at least two rows
    /// are always kept, since each SMO step needs two).
    pub fn new(kernel: Kernel, x: Vec<f64>, d: usize, y: Vec<f64>, cache_bytes: usize) -> Self {
        let l = y.len();
        let sq: Vec<f64> = x
            .chunks_exact(d.max(1))
            .map(|r| crate::kernel::dot(r, r))
            .collect();
        let diag: Vec<f64> = (0..l)
            .map(|i| {
                let r = &x[i * d..(i + 1) * d];
                kernel.eval(r, r, sq[i], sq[i])
            })
            .collect();
        let n_slots = (cache_bytes / (4 * l.max(1))).clamp(2, l.max(2));
        Self {
            kernel,
            x,
            sq,
            y,
            d,
            l,
            diag,
            slots: vec![0.0; n_slots * l],
            slot_len: vec![0; n_slots],
            slot_of: vec![NO_SLOT; l],
            row_in_slot: vec![usize::MAX; n_slots],
            prev: vec![NO_SLOT; n_slots],
            next: vec![NO_SLOT; n_slots],
            lru_head: NO_SLOT,
            lru_tail: NO_SLOT,
            free: (0..n_slots as u32).rev().collect(),
        }
    }

    fn unlink(&mut self, s: u32) {
        let (p, n) = (self.prev[s as usize], self.next[s as usize]);
        if p == NO_SLOT {
            self.lru_head = n;
        } else {
            self.next[p as usize] = n;
        }
        if n == NO_SLOT {
            self.lru_tail = p;
        } else {
            self.prev[n as usize] = p;
        }
        self.prev[s as usize] = NO_SLOT;
        self.next[s as usize] = NO_SLOT;
    }

    fn push_back(&mut self, s: u32) {
        self.prev[s as usize] = self.lru_tail;
        self.next[s as usize] = NO_SLOT;
        if self.lru_tail == NO_SLOT {
            self.lru_head = s;
        } else {
            self.next[self.lru_tail as usize] = s;
        }
        self.lru_tail = s;
    }

    /// Empties slot `s` (its row is no longer cached) and makes it free.
    fn release(&mut self, s: u32) {
        self.unlink(s);
        if let Some(old) = self.slot_of.get_mut(self.row_in_slot[s as usize]) {
            *old = NO_SLOT;
        }
        self.row_in_slot[s as usize] = usize::MAX;
        self.slot_len[s as usize] = 0;
        self.free.push(s);
    }

    /// `Q_ii`.
    pub fn diag(&self) -> &[f64] {
        &self.diag
    }

    /// Makes columns `0..len` of row `i` resident without evicting row `keep`.
    fn ensure(&mut self, i: usize, len: usize, keep: usize) -> usize {
        let slot = match self.slot_of[i] {
            NO_SLOT => {
                if self.free.is_empty() {
                    // Evict the least recently used row, unless it is the one to keep.
                    let keep_slot = self.slot_of.get(keep).copied().unwrap_or(NO_SLOT);
                    let mut victim = self.lru_head;
                    if victim == keep_slot {
                        victim = self.next[victim as usize];
                    }
                    if victim != NO_SLOT {
                        self.release(victim);
                    }
                }
                let s = self.free.pop().unwrap_or(0);
                self.row_in_slot[s as usize] = i;
                self.slot_of[i] = s;
                self.slot_len[s as usize] = 0;
                self.push_back(s);
                s as usize
            }
            s => {
                self.unlink(s);
                self.push_back(s);
                s as usize
            }
        };
        let start = self.slot_len[slot];
        if start < len {
            let (d, l) = (self.d, self.l);
            let xi = &self.x[i * d..(i + 1) * d];
            let (sqi, yi) = (self.sq[i], self.y[i]);
            let row = &mut self.slots[slot * l..slot * l + len];
            for (j, q) in row.iter_mut().enumerate().skip(start) {
                let xj = &self.x[j * d..(j + 1) * d];
                *q = (yi * self.y[j] * self.kernel.eval(xi, xj, sqi, self.sq[j])) as f32;
            }
            self.slot_len[slot] = len;
        }
        slot
    }

    /// Columns `0..len` of row `i`.
    pub fn row(&mut self, i: usize, len: usize) -> &[f32] {
        let s = self.ensure(i, len, usize::MAX);
        &self.slots[s * self.l..s * self.l + len]
    }

    /// Columns `0..len` of rows `i` and `j` together, as one SMO step needs.
    pub fn rows2(&mut self, i: usize, j: usize, len: usize) -> (&[f32], &[f32]) {
        let si = self.ensure(i, len, j);
        let sj = self.ensure(j, len, i);
        let l = self.l;
        (
            &self.slots[si * l..si * l + len],
            &self.slots[sj * l..sj * l + len],
        )
    }

    /// Exchanges variables `i` and `j` everywhere (LIBSVM's `swap_index`); cached rows
    /// that cover only one of the two columns are dropped.
    pub fn swap_index(&mut self, i: usize, j: usize) {
        if i == j {
            return;
        }
        let d = self.d;
        for k in 0..d {
            self.x.swap(i * d + k, j * d + k);
        }
        self.sq.swap(i, j);
        self.y.swap(i, j);
        self.diag.swap(i, j);
        self.slot_of.swap(i, j);
        for idx in [i, j] {
            if let Some(&s) = self.slot_of.get(idx).filter(|&&s| s != NO_SLOT) {
                self.row_in_slot[s as usize] = idx;
            }
        }
        let (lo, hi) = (i.min(j), i.max(j));
        let l = self.l;
        let mut s = self.lru_head;
        while s != NO_SLOT {
            let following = self.next[s as usize];
            let len = self.slot_len[s as usize];
            if len > lo {
                if len > hi {
                    self.slots.swap(s as usize * l + lo, s as usize * l + hi);
                } else {
                    self.release(s);
                }
            }
            s = following;
        }
    }
}
