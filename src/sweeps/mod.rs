//! Parameter sweeps: the validation heatmap, validation curves and learning curves,
//! scored in the worker pool on the studio's own data and settings.

pub mod params;
pub mod run;

use hyperplane_core::model_selection::FoldScores;
use hyperplane_core::Dataset;

use crate::studio::Studio;
use crate::training::restrict;
use leptos::prelude::*;

/// The data a sweep scores on: the studio's training and test parts restricted to the
/// model's features, whether the target is a number, and the seed.
#[derive(Debug, Clone, PartialEq)]
pub struct SweepData {
    pub train: Dataset,
    pub test: Dataset,
    pub values: bool,
    pub seed: u64,
}

/// The studio's data as a sweep sees it (tracked).
pub fn sweep_data(studio: &Studio) -> Result<SweepData, String> {
    let data = studio.data.get()?;
    let features = studio.features.get();
    let train = restrict(&data.train, &features).map_err(|e| e.to_string())?;
    let test = restrict(&data.test, &features).map_err(|e| e.to_string())?;
    Ok(SweepData {
        values: train.is_regression(),
        train,
        test,
        seed: studio.data_state.seed.get(),
    })
}

/// What a sweep's score is on these data: R² on values, else accuracy.
pub fn score_label(data: &Result<Option<SweepData>, String>) -> &'static str {
    match data {
        Ok(Some(d)) if d.values => "R²",
        _ => "accuracy",
    }
}

/// The point with the highest mean validation score (the first of equals, as
/// scikit-learn's `best_params_`), and that score.
pub fn best(scores: &[Option<Result<FoldScores, String>>]) -> Option<(usize, f64)> {
    scores
        .iter()
        .enumerate()
        .filter_map(|(i, s)| Some((i, s.as_ref()?.as_ref().ok()?.mean_test())))
        .filter(|(_, v)| v.is_finite())
        .fold(None, |best: Option<(usize, f64)>, (i, v)| match best {
            Some((_, b)) if b >= v => best,
            _ => Some((i, v)),
        })
}

/// Why no point could be scored, if none could.
pub fn failure(scores: &[Option<Result<FoldScores, String>>]) -> Option<String> {
    let all_failed = !scores.is_empty() && scores.iter().all(|s| matches!(s, Some(Err(_))));
    all_failed.then(|| match &scores[0] {
        Some(Err(e)) => e.clone(),
        _ => String::new(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(test: Vec<f64>) -> Option<Result<FoldScores, String>> {
        Some(Ok(FoldScores {
            train: vec![1.0; test.len()],
            test,
        }))
    }

    #[test]
    fn the_best_is_the_first_highest_mean() {
        let s = vec![
            at(vec![0.5, 0.7]),
            None,
            at(vec![0.9, 0.7]),
            Some(Err("no".into())),
            at(vec![0.8, 0.8]),
        ];
        assert_eq!(best(&s), Some((2, 0.8)));
        assert_eq!(best(&[None, Some(Err("x".into()))]), None);
        assert_eq!(failure(&s), None);
        assert_eq!(
            failure(&[Some(Err("too few rows".into()))]),
            Some("too few rows".into())
        );
    }
}
