//! Prints the default iris train/test split (ratio 0.8, seed 42) as JSON, so the
//! scikit-learn reference script can use exactly the same rows.
fn main() {
    match hyperplane_core::preprocess::train_test_split(150, 0.8, 42) {
        Ok(s) => println!("{{\"train\": {:?}, \"test\": {:?}}}", s.train, s.test),
        Err(e) => {
            eprintln!("error: {e}");
            std::process::exit(1);
        }
    }
}
