//! The current dataset with the model's predictions, as CSV: every row in its original
//! order and units, which part it fell in, and the predicted class (or value). The feature columns
//! carry the dataset's names, so `hyperplane predict --model` reads this file as is.

use hyperplane_core::csv_data::neutralize;
use hyperplane_core::model::{FittedModel, Prediction};
use hyperplane_core::preprocess::Prepared;
use hyperplane_core::{Dataset, Error, Target};

use crate::training::restrict;

/// A CSV field, safe to open in a spreadsheet and quoted when it must be.
fn field(s: &str) -> String {
    let s = neutralize(s);
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

/// Which part each row of the whole dataset fell in, and `predict`'s output for it.
fn by_row<P: Clone + Default>(
    n: usize,
    parts: [(&'static str, &[usize], Vec<P>); 2],
) -> (Vec<&'static str>, Vec<P>) {
    let mut part = vec![""; n];
    let mut predicted = vec![P::default(); n];
    for (name, rows, pred) in parts {
        for (&row, p) in rows.iter().zip(pred) {
            if row < n {
                part[row] = name;
                predicted[row] = p;
            }
        }
    }
    (part, predicted)
}

/// The header, then per row: the features in original units, the true target, the part
/// and the prediction.
fn table(
    names: &[String],
    x: ndarray::ArrayView2<'_, f64>,
    target: &str,
    truth: &[String],
    part: &[&str],
    predicted: &[String],
) -> String {
    let mut out = String::new();
    for name in names {
        out.push_str(&field(name));
        out.push(',');
    }
    out.push_str(&format!("{},part,predicted\n", field(target)));
    for (i, row) in x.rows().into_iter().enumerate() {
        for v in row {
            out.push_str(&format!("{v:?},"));
        }
        let at = |v: &[String]| field(v.get(i).map(String::as_str).unwrap_or_default());
        out.push_str(&format!(
            "{},{},{}\n",
            at(truth),
            part.get(i).copied().unwrap_or_default(),
            at(predicted)
        ));
    }
    out
}

/// `raw` is the whole dataset before the split (as loaded); `data` its split; `model`
/// was trained on `features`. Classes are written by name, values at full precision.
pub fn predictions_csv(
    raw: &Dataset,
    data: &Prepared,
    model: &FittedModel,
    features: &[usize],
) -> Result<String, Error> {
    let predict = |set: &Dataset| -> Result<Vec<String>, Error> {
        if set.n_samples() == 0 {
            return Ok(Vec::new());
        }
        Ok(match model.predict_target(restrict(set, features)?.x())? {
            Prediction::Classes(c) => c.into_iter().map(|c| class_name(raw, c)).collect(),
            Prediction::Values(v) => v.iter().map(number).collect(),
        })
    };
    let (part, predicted) = by_row(
        raw.n_samples(),
        [
            ("train", &data.split.train, predict(&data.train)?),
            ("test", &data.split.test, predict(&data.test)?),
        ],
    );
    let (target, truth): (&str, Vec<String>) = match raw.target() {
        Target::Classes { labels, .. } => (
            "class",
            labels.iter().map(|&c| class_name(raw, c)).collect(),
        ),
        Target::Values { values, name } => (name, values.iter().map(number).collect()),
    };
    Ok(table(
        raw.feature_names(),
        raw.x(),
        target,
        &truth,
        &part,
        &predicted,
    ))
}

fn class_name(d: &Dataset, c: usize) -> String {
    d.class_names().get(c).cloned().unwrap_or_default()
}

fn number(v: &f64) -> String {
    format!("{v:?}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::{load_data, load_dataset};
    use crate::settings::{DataSettings, DatasetChoice};
    use crate::training::train;
    use hyperplane_core::model::ModelParams;
    use hyperplane_core::svm::SvcParams;

    #[test]
    fn every_row_once_in_original_units_with_its_part_and_prediction() {
        let spec = DataSettings {
            choice: DatasetChoice::Iris,
            noise: 0.0,
            train_ratio: 0.8,
            seed: 42,
            n_samples: 0,
            n_classes: 3,
            ..DataSettings::default()
        };
        let raw = load_dataset(&spec, None).unwrap();
        let data = load_data(&spec, None).unwrap();
        let t = train(
            &data,
            &ModelParams::Svc(SvcParams::default()),
            &[0, 1],
            || 0.0,
        )
        .unwrap();
        let csv = predictions_csv(&raw, &data, &t.model, &t.features).unwrap();
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
        assert_eq!(right as f64 / 30.0, t.accuracy().unwrap().1.unwrap());
        assert_eq!(field("a,b"), "\"a,b\"");
        // Spreadsheet formulas are neutralized; numbers stay numbers.
        assert_eq!(field("=1+2"), "'=1+2");
        assert_eq!(field("-0.25"), "-0.25");
    }

    #[test]
    fn a_regressor_writes_true_and_predicted_values() {
        use crate::data::load_regression;
        use crate::training::train;
        use hyperplane_core::datasets::GeneratorKind;
        use hyperplane_core::neighbors::KnnParams;
        let spec = DataSettings {
            choice: DatasetChoice::Generated(GeneratorKind::RegPlane),
            noise: 0.0,
            train_ratio: 0.5,
            seed: 1,
            n_samples: 40,
            n_classes: 2,
            ..DataSettings::default()
        };
        let raw = load_dataset(&spec, None).unwrap();
        let data = load_regression(&spec, None).unwrap();
        let t = train(
            &data,
            &ModelParams::Knn(KnnParams::default().k(1)),
            &[0, 1],
            || 0.0,
        )
        .unwrap();
        let csv = predictions_csv(&raw, &data, &t.model, &t.features).unwrap();
        let lines: Vec<&str> = csv.lines().collect();
        assert_eq!(lines.len(), 41);
        assert_eq!(lines[0], "x1,x2,y,part,predicted");
        // 1-NN on its own training points predicts their values exactly.
        for l in lines.iter().skip(1).filter(|l| l.contains(",train,")) {
            let f: Vec<&str> = l.split(',').collect();
            assert_eq!(f[2], f[4], "{l}");
        }
        assert_eq!(lines.iter().filter(|l| l.contains(",test,")).count(), 20);
    }
}
