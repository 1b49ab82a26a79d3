//! The current dataset with the model's predictions, as CSV: every row in its original
//! order and units, which part it fell in, and the predicted class. The feature columns
//! carry the dataset's names, so `hyperplane predict --model` reads this file as is.

use hyperplane_core::preprocess::Prepared;
use hyperplane_core::{Dataset, Error};

use crate::training::{restrict, Trained};

/// A CSV field, quoted when it must be.
fn field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

/// `raw` is the whole dataset before the split (as loaded); `data` its split.
pub fn predictions_csv(raw: &Dataset, data: &Prepared, trained: &Trained) -> Result<String, Error> {
    let n = raw.n_samples();
    let mut part = vec![""; n];
    let mut predicted = vec![String::new(); n];
    let classes = raw.class_names();
    for (name, rows, set) in [
        ("train", &data.split.train, &data.train),
        ("test", &data.split.test, &data.test),
    ] {
        let pred = trained
            .model
            .predict(restrict(set, &trained.features)?.x())?;
        for (&row, p) in rows.iter().zip(pred) {
            if row < n {
                part[row] = name;
                predicted[row] = classes.get(p).cloned().unwrap_or_default();
            }
        }
    }
    let mut out = String::new();
    for name in raw.feature_names() {
        out.push_str(&field(name));
        out.push(',');
    }
    out.push_str("class,part,predicted\n");
    for i in 0..n {
        for v in raw.x().row(i) {
            out.push_str(&format!("{v:?},"));
        }
        let class = classes.get(raw.y()[i]).cloned().unwrap_or_default();
        out.push_str(&format!(
            "{},{},{}\n",
            field(&class),
            part[i],
            field(&predicted[i])
        ));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::training::{load_data, load_dataset, train, DataSpec, DatasetChoice, ModelSpec};
    use hyperplane_core::svm::SvcParams;

    #[test]
    fn every_row_once_in_original_units_with_its_part_and_prediction() {
        let spec = DataSpec {
            choice: DatasetChoice::Iris,
            noise: 0.0,
            train_ratio: 0.8,
            seed: 42,
            n_samples: 0,
            n_classes: 3,
        };
        let raw = load_dataset(&spec, &[], None).unwrap();
        let data = load_data(&spec, &[], None).unwrap();
        let t = train(
            &data,
            &ModelSpec::Svm(SvcParams::default()),
            &[0, 1],
            || 0.0,
        )
        .unwrap();
        let csv = predictions_csv(&raw, &data, &t).unwrap();
        let lines: Vec<&str> = csv.lines().collect();
        assert_eq!(lines.len(), 151);
        assert!(lines[0].ends_with("class,part,predicted"));
        assert!(
            lines[1].starts_with("5.1,3.5,1.4,0.2,setosa,"),
            "{}",
            lines[1]
        );
        let tests = lines.iter().filter(|l| l.contains(",test,")).count();
        assert_eq!(tests, 30);
        // The predictions agree with the model's accuracy on the test part.
        let right = lines
            .iter()
            .skip(1)
            .filter(|l| l.contains(",test,"))
            .filter(|l| {
                let f: Vec<&str> = l.split(',').collect();
                f[4] == f[6]
            })
            .count();
        assert_eq!(right as f64 / 30.0, t.test_accuracy.unwrap());
        assert_eq!(field("a,b"), "\"a,b\"");
    }
}
