//! Version numbers and aliases: the next free number of a model's versions, and how an
//! imported file's versions join the ones already kept (renumbered where taken, an alias
//! kept only where it is still free). Pure functions, so they are tested natively.

use hyperplane_formats::saved_version::SavedVersion;

/// The number after the highest of `model_name`'s versions, or an error when there is
/// none left (the numbers are `u32`).
pub fn next_number(versions: &[SavedVersion], model_name: &str) -> Result<u32, String> {
    versions
        .iter()
        .filter(|v| v.model_name == model_name)
        .map(|v| v.number)
        .max()
        .unwrap_or(0)
        .checked_add(1)
        .ok_or_else(|| format!("{model_name} has no version number left"))
}

/// The imported versions as they will be kept beside `existing`: a taken number gets the
/// next free one (and a default name `vN` follows it); an alias already held by another
/// version is dropped. Also says how many aliases were dropped.
pub fn plan_import(
    existing: &[SavedVersion],
    incoming: Vec<SavedVersion>,
) -> Result<(Vec<SavedVersion>, usize), String> {
    let mut taken = existing.to_vec();
    let mut out = Vec::with_capacity(incoming.len());
    let mut dropped = 0;
    for mut v in incoming {
        if taken
            .iter()
            .any(|t| t.model_name == v.model_name && t.number == v.number)
        {
            let next = next_number(&taken, &v.model_name)?;
            if v.name == format!("v{}", v.number) {
                v.name = format!("v{next}");
            }
            v.number = next;
        }
        if v.alias.is_some() && taken.iter().any(|t| t.alias == v.alias) {
            v.alias = None;
            dropped += 1;
        }
        taken.push(v.clone());
        out.push(v);
    }
    Ok((out, dropped))
}

#[cfg(test)]
mod tests {
    use super::*;
    use hyperplane_formats::saved_version::VersionsFile;

    fn legacy() -> Vec<SavedVersion> {
        let text = include_str!("../../e2e/fixtures/legacy-versions-v1.json");
        VersionsFile::from_json(text).unwrap().versions
    }

    #[test]
    fn imports_are_renumbered_and_keep_only_free_aliases() {
        let mut kept = legacy();
        kept[0].alias = Some("best".into());
        let mut again = legacy();
        again[0].alias = Some("best".into());
        again[1].alias = Some("baseline".into());
        let (plan, dropped) = plan_import(&kept, again.clone()).unwrap();
        assert_eq!(dropped, 1);
        assert_eq!(
            plan[0].alias, None,
            "best stays with the version that had it"
        );
        assert_eq!(plan[1].alias.as_deref(), Some("baseline"));
        // SVM v1…v4 are taken: the imported SVM v1 becomes v5, and so on.
        assert_eq!((plan[0].model_name.as_str(), plan[0].number), ("SVM", 5));
        assert_eq!(plan[0].name, "v5");
        // Two imported versions never share an alias either.
        let (plan, dropped) = plan_import(&[], vec![again[1].clone(), again[1].clone()]).unwrap();
        assert_eq!((plan[1].alias.clone(), dropped), (None, 1));
        assert_ne!(plan[0].number, plan[1].number);
    }

    #[test]
    fn the_last_number_is_refused_not_wrapped() {
        let mut kept = legacy();
        kept[0].number = u32::MAX;
        let svm = kept[0].model_name.clone();
        assert!(next_number(&kept, &svm).is_err());
        assert!(plan_import(&kept, vec![kept[0].clone()]).is_err());
        assert_eq!(next_number(&kept, "Logistic regression"), Ok(2));
    }
}
