//! The recipe end to end on small files: detection, gaps, encoding, replay, errors.

use super::*;

fn open_text(text: &str) -> RawTable {
    open(text.as_bytes()).unwrap().0
}

const PENGUINS: &str = "species,island,bill,sex\n\
    Adelie,Dream,39.1,male\n\
    Gentoo,Biscoe,NA,female\n\
    Adelie,Torgersen,40.3,\n\
    ,Dream,41.0,male\n\
    Gentoo,Biscoe,47.5,male\n\
    Chinstrap,Dream,49.9,female\n";

#[test]
fn a_penguins_file_is_read_not_refused() {
    let t = open_text(PENGUINS);
    let r = Recipe::detect(&t).unwrap();
    assert_eq!(r.target, "species");
    assert!(!r.regression);
    assert_eq!(r.features, ["island", "bill", "sex"]);
    let out = r.apply(&t).unwrap();
    let d = &out.dataset;
    assert_eq!(
        d.feature_names(),
        [
            "bill",
            "island = Biscoe",
            "island = Dream",
            "island = Torgersen",
            "sex = female",
            "sex = male"
        ]
    );
    assert_eq!(d.class_names(), ["Adelie", "Chinstrap", "Gentoo"]);
    assert_eq!(d.n_samples(), 5);
    // Gentoo's gap is the mean of the four present bills; the empty sex is "male"
    // (most frequent among used rows: male 2, female 2 → the smaller, "female").
    let mean = (39.1 + 40.3 + 47.5 + 49.9) / 4.0;
    assert!((d.x()[[1, 0]] - mean).abs() < 1e-12);
    assert_eq!(d.x().row(2).to_vec(), vec![40.3, 0.0, 0.0, 1.0, 1.0, 0.0]);
    assert_eq!(out.report.no_target, 1);
    assert_eq!(out.report.filled, 2);
    assert_eq!(
        out.report.sentence(r.impute),
        "6 rows read; 1 without a target left out; 2 rows had a gap: filled with the column \
         mean (categories: the most frequent value)"
    );
}

#[test]
fn dropping_ordinal_and_replay_on_new_rows() {
    let t = open_text(PENGUINS);
    let r = Recipe {
        impute: Impute::Drop,
        encode: Encode::Ordinal,
        ..Recipe::detect(&t).unwrap()
    };
    let out = r.apply(&t).unwrap();
    assert_eq!(out.dataset.n_samples(), 3);
    assert_eq!(out.report.dropped, 2);
    assert_eq!(out.dataset.feature_names(), ["bill", "island", "sex"]);
    // New rows: an unknown island is −1, a gap cannot be filled.
    let new = open_text("island,bill,sex\nAtlantis,40,male\n");
    assert_eq!(
        out.encoder.transform(&new, None).unwrap().row(0).to_vec(),
        vec![40.0, -1.0, 1.0]
    );
    let gap = open_text("island,bill,sex\nDream,NA,male\n");
    let e = out.encoder.transform(&gap, None).unwrap_err();
    assert!(
        e.to_string().contains("line 2") && e.to_string().contains("\"bill\""),
        "{e}"
    );
    let text = open_text("island,bill,sex\nDream,forty,male\n");
    let e = out.encoder.transform(&text, None).unwrap_err();
    assert!(e.to_string().contains("\"forty\" is not a number"), "{e}");
    let missing = open_text("island,sex\nDream,male\n");
    assert!(out.encoder.transform(&missing, None).is_err());
}

#[test]
fn a_european_file_is_read() {
    let bytes = "\u{FEFF}Länge;Breite;Art\r\n1,5;2,25;a\r\n3;4,0;b\r\n2,5;1;a\r\n".as_bytes();
    let (t, encoding) = open(bytes).unwrap();
    assert_eq!(encoding, Encoding::Utf8Bom);
    let out = Recipe::detect(&t).unwrap().apply(&t).unwrap();
    assert_eq!(out.dataset.x().column(1).to_vec(), vec![2.25, 4.0, 1.0]);
    assert_eq!(out.dataset.feature_names(), ["Länge", "Breite"]);
}

#[test]
fn targets_and_features_can_be_changed_and_checked() {
    let t = open_text(PENGUINS);
    let r = Recipe::detect(&t).unwrap().with_target(&t, "bill").unwrap();
    assert!(r.regression);
    assert_eq!(r.features, ["species", "island", "sex"]);
    let d = r.apply(&t).unwrap().dataset;
    assert!(d.values().is_ok());
    assert_eq!(d.n_samples(), 5);
    let bad = Recipe {
        regression: true,
        ..Recipe::detect(&t).unwrap()
    };
    assert!(bad
        .apply(&t)
        .unwrap_err()
        .to_string()
        .contains("holds text"));
    let none = Recipe {
        features: vec![],
        ..Recipe::detect(&t).unwrap()
    };
    assert!(none.apply(&t).is_err());
    let nope = Recipe {
        features: vec!["wings".into()],
        ..Recipe::detect(&t).unwrap()
    };
    assert!(nope
        .apply(&t)
        .unwrap_err()
        .to_string()
        .contains("no column named"));
}

#[test]
fn the_snippet_names_the_same_steps() {
    let t = open_text(PENGUINS);
    let r = Recipe::detect(&t).unwrap();
    let out = r.apply(&t).unwrap();
    let s = snippet::sklearn_snippet(&r, &out.encoder, "penguins.csv", Encoding::Utf8);
    assert!(
        s.contains("pd.read_csv(\"penguins.csv\", na_values=[\"?\"]"),
        "{s}"
    );
    assert!(s.contains("df = df.dropna(subset=[\"species\"])"), "{s}");
    assert!(
        s.contains("(\"num\", SimpleImputer(strategy=\"mean\"), [\"bill\"])"),
        "{s}"
    );
    assert!(
        s.contains(
            "(\"cat\", make_pipeline(SimpleImputer(strategy=\"most_frequent\"), \
         OneHotEncoder(handle_unknown=\"ignore\")), [\"island\", \"sex\"])"
        ),
        "{s}"
    );
    let eu = open("a;b;y\n1,5;2;x\n2;3,5;z\n3;1;x\n".as_bytes())
        .unwrap()
        .0;
    let r = Recipe {
        impute: Impute::Drop,
        ..Recipe::detect(&eu).unwrap()
    };
    let out = r.apply(&eu).unwrap();
    let s = snippet::sklearn_snippet(&r, &out.encoder, "eu.csv", Encoding::Utf8Bom);
    assert!(
        s.contains("sep=\";\", decimal=\",\", thousands=\".\", encoding=\"utf-8-sig\""),
        "{s}"
    );
    assert!(
        s.contains("(\"num\", \"passthrough\", [\"a\", \"b\"])"),
        "{s}"
    );
    assert!(!s.contains("SimpleImputer"), "{s}");
}

#[test]
fn a_stored_encoder_is_checked() {
    let t = open_text(PENGUINS);
    let mut e = Recipe::detect(&t).unwrap().apply(&t).unwrap().encoder;
    assert!(e.validate().is_ok());
    let json = serde_json::to_string(&e).unwrap();
    assert_eq!(serde_json::from_str::<Encoder>(&json).unwrap(), e);
    if let EncodedColumn::OneHot { categories, .. } = &mut e.columns[1] {
        categories.reverse();
    }
    assert!(e.validate().is_err());
    e.columns.clear();
    assert!(e.validate().is_err());
}
