//! Writes the generated datasets that the scikit-learn parity tests use to
//! tests/fixtures/*.csv (full f64 precision), so the reference script fits scikit-learn
//! on exactly the engine's numbers. A test checks the files still match the generators.
//! Run: cargo run -p hyperplane-core --example export_fixtures
#[path = "../tests/common/parity_sets.rs"]
mod parity_sets;

fn main() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures");
    for (name, params) in parity_sets::parity_sets() {
        let text = match params.generate() {
            Ok(g) => parity_sets::to_csv(&g),
            Err(e) => {
                eprintln!("error: {name}: {e}");
                std::process::exit(1);
            }
        };
        if let Err(e) = std::fs::write(format!("{dir}/{name}.csv"), text) {
            eprintln!("error: writing {name}.csv: {e}");
            std::process::exit(1);
        }
        println!("wrote {name}.csv");
    }
    if let Err(e) = std::fs::write(format!("{dir}/fingerprint.txt"), parity_sets::fingerprint()) {
        eprintln!("error: writing fingerprint.txt: {e}");
        std::process::exit(1);
    }
    println!("wrote fingerprint.txt");
}
