//! Marching squares: the line where a sampled field crosses a level, as segments in
//! grid coordinates (column, row of cell centres). Drawing these as vector paths keeps
//! the decision boundary and the SVM margins crisp at any zoom.

/// One line segment from `(x0, y0)` to `(x1, y1)` in grid units.
pub type Segment = [f32; 4];

/// Segments where `field` (row-major `width × height`) crosses `level`. Saddle squares
/// are resolved by the square's mean, so lines never cross.
pub fn contour(field: &[f32], width: usize, height: usize, level: f32, out: &mut Vec<Segment>) {
    out.clear();
    if width < 2 || height < 2 || field.len() < width * height {
        return;
    }
    let at = |c: usize, r: usize| field[r * width + c] - level;
    for r in 0..height - 1 {
        for c in 0..width - 1 {
            let v = [at(c, r), at(c + 1, r), at(c + 1, r + 1), at(c, r + 1)];
            let mut case = 0;
            for (bit, &x) in v.iter().enumerate() {
                if x > 0.0 {
                    case |= 1 << bit;
                }
            }
            if case == 0 || case == 15 {
                continue;
            }
            let (cf, rf) = (c as f32, r as f32);
            // Crossing point on each edge: 0 top, 1 right, 2 bottom, 3 left.
            let edge = |e: usize| -> (f32, f32) {
                let (a, b, p, q) = match e {
                    0 => (v[0], v[1], (cf, rf), (cf + 1.0, rf)),
                    1 => (v[1], v[2], (cf + 1.0, rf), (cf + 1.0, rf + 1.0)),
                    2 => (v[3], v[2], (cf, rf + 1.0), (cf + 1.0, rf + 1.0)),
                    _ => (v[0], v[3], (cf, rf), (cf, rf + 1.0)),
                };
                let t = if (a - b).abs() > f32::EPSILON {
                    (a / (a - b)).clamp(0.0, 1.0)
                } else {
                    0.5
                };
                (p.0 + t * (q.0 - p.0), p.1 + t * (q.1 - p.1))
            };
            let mut push = |e1: usize, e2: usize| {
                let (a, b) = (edge(e1), edge(e2));
                out.push([a.0, a.1, b.0, b.1]);
            };
            let centre_positive = v.iter().sum::<f32>() > 0.0;
            match case {
                1 | 14 => push(3, 0),
                2 | 13 => push(0, 1),
                3 | 12 => push(3, 1),
                4 | 11 => push(1, 2),
                6 | 9 => push(0, 2),
                7 | 8 => push(3, 2),
                5 => {
                    if centre_positive {
                        push(3, 2);
                        push(0, 1);
                    } else {
                        push(3, 0);
                        push(1, 2);
                    }
                }
                10 => {
                    if centre_positive {
                        push(3, 0);
                        push(1, 2);
                    } else {
                        push(0, 1);
                        push(3, 2);
                    }
                }
                _ => {}
            }
        }
    }
}

/// The segments joined into polylines where they share an end (neighbouring cells
/// compute a shared edge's crossing from the same two values, so the ends are equal to
/// the bit), so a dash pattern runs along a whole line instead of restarting in every
/// cell. Each polyline is its points in order.
pub fn polylines(segments: &[Segment]) -> Vec<Vec<(f32, f32)>> {
    use std::collections::HashMap;
    let key = |x: f32, y: f32| (x.to_bits(), y.to_bits());
    // Each end point → the segments that touch it.
    let mut ends: HashMap<(u32, u32), Vec<usize>> = HashMap::with_capacity(segments.len() * 2);
    for (i, s) in segments.iter().enumerate() {
        ends.entry(key(s[0], s[1])).or_default().push(i);
        ends.entry(key(s[2], s[3])).or_default().push(i);
    }
    let mut used = vec![false; segments.len()];
    let mut lines = Vec::new();
    // From a point, the next unused segment touching it, and its other end.
    let step = |p: (f32, f32), used: &mut Vec<bool>| -> Option<(f32, f32)> {
        let i = *ends.get(&key(p.0, p.1))?.iter().find(|&&i| !used[i])?;
        used[i] = true;
        let s = segments[i];
        Some(if key(s[0], s[1]) == key(p.0, p.1) {
            (s[2], s[3])
        } else {
            (s[0], s[1])
        })
    };
    for i in 0..segments.len() {
        if used[i] {
            continue;
        }
        used[i] = true;
        let s = segments[i];
        let mut forward = vec![(s[0], s[1]), (s[2], s[3])];
        while let Some(p) = step(*forward.last().unwrap_or(&(s[2], s[3])), &mut used) {
            forward.push(p);
        }
        let mut backward = Vec::new();
        while let Some(p) = step(*backward.last().unwrap_or(&(s[0], s[1])), &mut used) {
            backward.push(p);
        }
        backward.reverse();
        backward.extend(forward);
        lines.push(backward);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn segments_join_into_whole_lines() {
        // A circle's zero line on a 12×12 grid is one closed line.
        let (w, h) = (12, 12);
        let field: Vec<f32> = (0..w * h)
            .map(|i| {
                let (x, y) = ((i % w) as f32 - 5.5, (i / w) as f32 - 5.5);
                (x * x + y * y).sqrt() - 4.0
            })
            .collect();
        let mut segs = Vec::new();
        contour(&field, w, h, 0.0, &mut segs);
        let lines = polylines(&segs);
        assert_eq!(lines.len(), 1);
        assert_eq!(lines[0].len(), segs.len() + 1);
        assert_eq!(lines[0].first(), lines[0].last());
        // Two separate vertical lines stay two.
        let field: Vec<f32> = (0..w * h)
            .map(|i| ((i % w) as f32 - 5.5).abs() - 3.0)
            .collect();
        contour(&field, w, h, 0.0, &mut segs);
        let lines = polylines(&segs);
        assert_eq!(lines.len(), 2);
        assert!(lines.iter().all(|l| l.len() == h));
        assert!(polylines(&[]).is_empty());
    }

    #[test]
    fn vertical_boundary_between_columns() {
        // f = col - 1.5 on a 4×3 grid: the zero line is the vertical x = 1.5.
        let (w, h) = (4, 3);
        let field: Vec<f32> = (0..w * h).map(|i| (i % w) as f32 - 1.5).collect();
        let mut segs = Vec::new();
        contour(&field, w, h, 0.0, &mut segs);
        assert_eq!(segs.len(), h - 1);
        for s in &segs {
            assert!((s[0] - 1.5).abs() < 1e-6 && (s[2] - 1.5).abs() < 1e-6);
        }
        contour(&field, w, h, 10.0, &mut segs);
        assert!(segs.is_empty());
    }

    #[test]
    fn degenerate_sizes_give_nothing() {
        let mut segs = vec![[0.0; 4]];
        contour(&[1.0, -1.0], 2, 1, 0.0, &mut segs);
        assert!(segs.is_empty());
        contour(&[1.0], 2, 2, 0.0, &mut segs);
        assert!(segs.is_empty());
    }
}
