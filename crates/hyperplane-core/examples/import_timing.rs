//! Times the import of a 100,000-row, 20-column mixed file (12 numbers with gaps, 6
//! categories, an identifier and a class target): read, profile, apply. Native, release:
//! `cargo run --release -p hyperplane-core --example import_timing`.

use std::time::Instant;

use hyperplane_core::preprocess::split_and_standardize;

use hyperplane_core::table::{self, Recipe};

fn main() {
    let mut text = String::from("id");
    for j in 0..12 {
        text.push_str(&format!(",x{j}"));
    }
    for j in 0..6 {
        text.push_str(&format!(",c{j}"));
    }
    text.push_str(",label\n");
    let mut state = 12345u64;
    let mut next = || {
        state = state
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (state >> 33) as f64 / (1u64 << 31) as f64
    };
    for i in 0..100_000 {
        text.push_str(&format!("id{i}"));
        for _ in 0..12 {
            let v = next();
            if v < 0.01 {
                text.push_str(",NA");
            } else {
                text.push_str(&format!(",{:.4}", v * 100.0));
            }
        }
        for j in 0..6 {
            text.push_str(&format!(",k{}", (next() * (3 + j) as f64) as usize));
        }
        text.push_str(if next() < 0.5 { ",yes\n" } else { ",no\n" });
    }
    println!("{} bytes", text.len());
    for _ in 0..3 {
        let t = Instant::now();
        let (raw, _) = table::open(text.as_bytes()).unwrap();
        let read = t.elapsed();
        let p = table::profile(&raw);
        let profiled = t.elapsed();
        let recipe = Recipe::detect(&raw).unwrap();
        let out = recipe.apply(&raw).unwrap();
        let applied = t.elapsed();
        // The studio's next step: split 80/20 and standardize by the training part.
        let prepared = split_and_standardize(&out.dataset, 0.8, 42).unwrap();
        let split = t.elapsed();
        println!(
            "read {:.0} ms, profile {:.0} ms, apply {:.0} ms, split and standardize {:.0} ms \
             ({} columns, {} features, {} rows, {} training)",
            read.as_secs_f64() * 1e3,
            (profiled - read).as_secs_f64() * 1e3,
            (applied - profiled).as_secs_f64() * 1e3,
            (split - applied).as_secs_f64() * 1e3,
            p.len(),
            out.dataset.n_features(),
            out.dataset.n_samples(),
            prepared.train.n_samples()
        );
    }
}
