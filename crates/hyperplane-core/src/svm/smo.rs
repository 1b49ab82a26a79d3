//! Sequential minimal optimization for the SVM dual
//!
//! ```text
//! min ½ αᵀQα + pᵀα   subject to  yᵀα = 0,  0 ≤ α_i ≤ C_i
//! ```
//!
//! following LIBSVM's solver step for step: second-order working-set selection (Fan,
//! Chen & Lin, JMLR 2005), shrinking of variables stuck at a bound, and the stopping
//! rule "maximal violating pair below `eps`". Taking the same path as LIBSVM (and so
//! scikit-learn) matters where the optimum is not unique, e.g. with duplicate points.

use super::qmatrix::KernelRows;

const TAU: f64 = 1e-12;

/// The solved dual, in the caller's variable order.
#[derive(Debug, Clone)]
pub(crate) struct DualSolution {
    pub alpha: Vec<f64>,
    pub rho: f64,
    pub iterations: usize,
    /// False when `max_iter` stopped the solver before the tolerance was met.
    pub converged: bool,
}

pub(crate) struct Problem<'a> {
    pub q: &'a mut KernelRows,
    pub p: &'a [f64],
    pub y: &'a [f64],
    pub c: &'a [f64],
    pub eps: f64,
    pub max_iter: usize,
}

/// Solver state; every per-variable array is in the permuted order that shrinking
/// produces (`active_set[k]` is the caller's index of position k).
struct Solver<'a> {
    q: &'a mut KernelRows,
    qd: Vec<f64>,
    p: Vec<f64>,
    y: Vec<f64>,
    c: Vec<f64>,
    alpha: Vec<f64>,
    g: Vec<f64>,
    g_bar: Vec<f64>,
    active_set: Vec<usize>,
    active_size: usize,
    l: usize,
    eps: f64,
    unshrink: bool,
}

pub(crate) fn solve(pb: Problem<'_>) -> DualSolution {
    let l = pb.p.len();
    let mut s = Solver {
        qd: pb.q.diag().to_vec(),
        q: pb.q,
        p: pb.p.to_vec(),
        y: pb.y.to_vec(),
        c: pb.c.to_vec(),
        alpha: vec![0.0; l],
        // With α = 0 the gradient Qα + p is p, and no variable is at its upper bound.
        g: pb.p.to_vec(),
        g_bar: vec![0.0; l],
        active_set: (0..l).collect(),
        active_size: l,
        l,
        eps: pb.eps,
        unshrink: false,
    };
    let mut iter = 0;
    let mut converged = true;
    let mut counter = l.min(1000) + 1;
    loop {
        if iter >= pb.max_iter {
            converged = false;
            s.reconstruct_gradient();
            s.active_size = l;
            break;
        }
        counter -= 1;
        if counter == 0 {
            counter = l.min(1000);
            s.do_shrinking();
        }
        let (i, j) = match s.select_working_set() {
            Some(ij) => ij,
            None => {
                // Optimal on the active set: check all variables before stopping.
                s.reconstruct_gradient();
                s.active_size = l;
                match s.select_working_set() {
                    Some(ij) => {
                        counter = 1;
                        ij
                    }
                    None => break,
                }
            }
        };
        iter += 1;
        s.step(i, j);
    }
    let rho = s.rho();
    let mut alpha = vec![0.0; l];
    for (k, &orig) in s.active_set.iter().enumerate() {
        alpha[orig] = s.alpha[k];
    }
    DualSolution {
        alpha,
        rho,
        iterations: iter,
        converged,
    }
}

impl Solver<'_> {
    fn is_upper(&self, t: usize) -> bool {
        self.alpha[t] >= self.c[t]
    }
    fn is_lower(&self, t: usize) -> bool {
        self.alpha[t] <= 0.0
    }
    fn is_free(&self, t: usize) -> bool {
        !self.is_upper(t) && !self.is_lower(t)
    }

    /// The pair (i, j) to optimize, or `None` when the maximal violation is below eps.
    fn select_working_set(&mut self) -> Option<(usize, usize)> {
        let n = self.active_size;
        let mut gmax = f64::NEG_INFINITY;
        let mut i_sel = None;
        for t in 0..n {
            let in_up = if self.y[t] > 0.0 {
                !self.is_upper(t)
            } else {
                !self.is_lower(t)
            };
            let v = -self.y[t] * self.g[t];
            if in_up && v >= gmax {
                gmax = v;
                i_sel = Some(t);
            }
        }
        let i = i_sel?;
        let qi = self.q.row(i, n);
        let (y, g, qd) = (&self.y, &self.g, &self.qd);
        let mut gmax2 = f64::NEG_INFINITY;
        let mut j_sel = None;
        let mut obj_diff_min = f64::INFINITY;
        for t in 0..n {
            let at_upper = self.alpha[t] >= self.c[t];
            let at_lower = self.alpha[t] <= 0.0;
            let in_low = if y[t] > 0.0 { !at_lower } else { !at_upper };
            if !in_low {
                continue;
            }
            let v = y[t] * g[t];
            if v >= gmax2 {
                gmax2 = v;
            }
            let grad_diff = gmax + v;
            if grad_diff > 0.0 {
                let quad = qd[i] + qd[t] - 2.0 * y[i] * y[t] * qi[t] as f64;
                let quad = if quad > 0.0 { quad } else { TAU };
                let obj_diff = -(grad_diff * grad_diff) / quad;
                if obj_diff <= obj_diff_min {
                    j_sel = Some(t);
                    obj_diff_min = obj_diff;
                }
            }
        }
        match j_sel {
            Some(j) if gmax + gmax2 >= self.eps => Some((i, j)),
            _ => None,
        }
    }

    /// Optimizes α_i, α_j analytically and updates the gradients.
    fn step(&mut self, i: usize, j: usize) {
        let n = self.active_size;
        let (ci, cj) = (self.c[i], self.c[j]);
        let (old_ai, old_aj) = (self.alpha[i], self.alpha[j]);
        let was_upper_i = self.is_upper(i);
        let was_upper_j = self.is_upper(j);
        {
            let (qi, qj) = self.q.rows2(i, j, n);
            let (alpha, g, qd) = (&mut self.alpha, &mut self.g, &self.qd);
            if self.y[i] != self.y[j] {
                let quad = qd[i] + qd[j] + 2.0 * qi[j] as f64;
                let quad = if quad > 0.0 { quad } else { TAU };
                let delta = (-g[i] - g[j]) / quad;
                let diff = alpha[i] - alpha[j];
                alpha[i] += delta;
                alpha[j] += delta;
                if diff > 0.0 {
                    if alpha[j] < 0.0 {
                        alpha[j] = 0.0;
                        alpha[i] = diff;
                    }
                } else if alpha[i] < 0.0 {
                    alpha[i] = 0.0;
                    alpha[j] = -diff;
                }
                if diff > ci - cj {
                    if alpha[i] > ci {
                        alpha[i] = ci;
                        alpha[j] = ci - diff;
                    }
                } else if alpha[j] > cj {
                    alpha[j] = cj;
                    alpha[i] = cj + diff;
                }
            } else {
                let quad = qd[i] + qd[j] - 2.0 * qi[j] as f64;
                let quad = if quad > 0.0 { quad } else { TAU };
                let delta = (g[i] - g[j]) / quad;
                let sum = alpha[i] + alpha[j];
                alpha[i] -= delta;
                alpha[j] += delta;
                if sum > ci {
                    if alpha[i] > ci {
                        alpha[i] = ci;
                        alpha[j] = sum - ci;
                    }
                } else if alpha[j] < 0.0 {
                    alpha[j] = 0.0;
                    alpha[i] = sum;
                }
                if sum > cj {
                    if alpha[j] > cj {
                        alpha[j] = cj;
                        alpha[i] = sum - cj;
                    }
                } else if alpha[i] < 0.0 {
                    alpha[i] = 0.0;
                    alpha[j] = sum;
                }
            }
            let (dai, daj) = (alpha[i] - old_ai, alpha[j] - old_aj);
            for (k, gk) in g[..n].iter_mut().enumerate() {
                *gk += qi[k] as f64 * dai + qj[k] as f64 * daj;
            }
        }
        // G_bar (the gradient part from variables at the upper bound) lets shrunk
        // gradients be rebuilt cheaply.
        for (t, was_upper, ct) in [(i, was_upper_i, ci), (j, was_upper_j, cj)] {
            if was_upper != self.is_upper(t) {
                let sign = if was_upper { -ct } else { ct };
                let qt = self.q.row(t, self.l);
                for (gb, &q) in self.g_bar.iter_mut().zip(qt) {
                    *gb += sign * q as f64;
                }
            }
        }
    }

    fn swap_index(&mut self, i: usize, j: usize) {
        self.q.swap_index(i, j);
        self.qd.swap(i, j);
        self.p.swap(i, j);
        self.y.swap(i, j);
        self.c.swap(i, j);
        self.alpha.swap(i, j);
        self.g.swap(i, j);
        self.g_bar.swap(i, j);
        self.active_set.swap(i, j);
    }

    /// Rebuilds the gradient of the shrunk (inactive) variables.
    fn reconstruct_gradient(&mut self) {
        let (n, l) = (self.active_size, self.l);
        if n == l {
            return;
        }
        for t in n..l {
            self.g[t] = self.g_bar[t] + self.p[t];
        }
        let n_free = (0..n).filter(|&t| self.is_free(t)).count();
        if n_free * l > 2 * n * (l - n) {
            for i in n..l {
                let qi = self.q.row(i, n);
                let (alpha, c) = (&self.alpha, &self.c);
                let acc: f64 = (0..n)
                    .zip(qi)
                    .filter(|&(t, _)| alpha[t] > 0.0 && alpha[t] < c[t])
                    .map(|(t, &q)| alpha[t] * q as f64)
                    .sum();
                self.g[i] += acc;
            }
        } else {
            for i in 0..n {
                if self.is_free(i) {
                    let ai = self.alpha[i];
                    let qi = self.q.row(i, l);
                    for (gt, &q) in self.g[n..l].iter_mut().zip(&qi[n..l]) {
                        *gt += ai * q as f64;
                    }
                }
            }
        }
    }

    fn be_shrunk(&self, t: usize, gmax1: f64, gmax2: f64) -> bool {
        if self.is_upper(t) {
            if self.y[t] > 0.0 {
                -self.g[t] > gmax1
            } else {
                -self.g[t] > gmax2
            }
        } else if self.is_lower(t) {
            if self.y[t] > 0.0 {
                self.g[t] > gmax2
            } else {
                self.g[t] > gmax1
            }
        } else {
            false
        }
    }

    /// Moves variables that cannot move (bounded and not violating) out of the active set.
    fn do_shrinking(&mut self) {
        let (mut gmax1, mut gmax2) = (f64::NEG_INFINITY, f64::NEG_INFINITY);
        for t in 0..self.active_size {
            let g = self.g[t];
            if self.y[t] > 0.0 {
                if !self.is_upper(t) {
                    gmax1 = gmax1.max(-g);
                }
                if !self.is_lower(t) {
                    gmax2 = gmax2.max(g);
                }
            } else {
                if !self.is_upper(t) {
                    gmax2 = gmax2.max(-g);
                }
                if !self.is_lower(t) {
                    gmax1 = gmax1.max(g);
                }
            }
        }
        if !self.unshrink && gmax1 + gmax2 <= self.eps * 10.0 {
            self.unshrink = true;
            self.reconstruct_gradient();
            self.active_size = self.l;
        }
        let mut i = 0;
        while i < self.active_size {
            if self.be_shrunk(i, gmax1, gmax2) {
                self.active_size -= 1;
                while self.active_size > i {
                    if !self.be_shrunk(self.active_size, gmax1, gmax2) {
                        self.swap_index(i, self.active_size);
                        break;
                    }
                    self.active_size -= 1;
                }
            }
            i += 1;
        }
    }

    /// ρ: the mean of y_i ∇_i f over free variables, else the middle of the feasible range.
    fn rho(&self) -> f64 {
        let (mut ub, mut lb, mut sum_free, mut n_free) =
            (f64::INFINITY, f64::NEG_INFINITY, 0.0, 0usize);
        for t in 0..self.active_size {
            let yg = self.y[t] * self.g[t];
            if self.is_upper(t) {
                if self.y[t] < 0.0 {
                    ub = ub.min(yg);
                } else {
                    lb = lb.max(yg);
                }
            } else if self.is_lower(t) {
                if self.y[t] > 0.0 {
                    ub = ub.min(yg);
                } else {
                    lb = lb.max(yg);
                }
            } else {
                n_free += 1;
                sum_free += yg;
            }
        }
        if n_free > 0 {
            sum_free / n_free as f64
        } else {
            (ub + lb) / 2.0
        }
    }
}
