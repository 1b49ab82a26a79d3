//! Valid inputs with one thing changed: the structured half of the no-panic properties.
//! Random text rarely gets past a parser's first check; a valid versions file, model
//! file, CSV table or link with one field made hostile (a count off by one, a huge or
//! negative number, a wrong type, an array cut short, a key gone, a cell with a quote or
//! a delimiter) reaches the validators and the code behind them.
//!
//! Plain functions of a seed, so the same cases run natively (under proptest, which
//! picks the seeds) and in the browser (wasm-bindgen-test, seeds in a loop), where
//! `usize` is 32 bits wide.

#![allow(dead_code)]

use hyperplane_core::table::{self, Recipe};
use hyperplane_formats::model_file::ModelFile;
use hyperplane_formats::saved_version::VersionsFile;
use ndarray::Array2;
use serde_json::{Number, Value};

/// xorshift64*: small, seedable, the same on every target.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Self(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }

    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// A number in `0..n` (0 when `n` is 0).
    pub fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// Numbers a damaged or hostile file might hold: boundaries of 32- and 64-bit counts,
/// the largest and smallest doubles, off-by-ones.
const NUMBERS: [f64; 14] = [
    0.0,
    -1.0,
    1.0,
    2.0,
    0.5,
    -0.0,
    1e308,
    -1e308,
    5e-324,
    4_294_967_295.0,
    4_294_967_296.0,
    65_536.0,
    100_000.0,
    1e15,
];

const STRINGS: [&str; 10] = [
    "",
    "x",
    "-1",
    "NaN",
    "1e999",
    "\u{0}",
    "svm",
    "🙂",
    "a\"b",
    "99999999999999999999",
];

/// How many nodes `v` has (itself included).
pub fn count(v: &Value) -> usize {
    1 + match v {
        Value::Array(a) => a.iter().map(count).sum(),
        Value::Object(o) => o.values().map(count).sum(),
        _ => 0,
    }
}

/// The JSON pointer of `v`'s `n`-th node in pre-order.
fn pointer(v: &Value, mut n: usize) -> String {
    let mut path = String::new();
    let mut at = v;
    'down: while n > 0 {
        n -= 1;
        let children: Vec<(String, &Value)> = match at {
            Value::Array(a) => a
                .iter()
                .enumerate()
                .map(|(i, c)| (i.to_string(), c))
                .collect(),
            Value::Object(o) => o
                .iter()
                .map(|(k, c)| (k.replace('~', "~0").replace('/', "~1"), c))
                .collect(),
            _ => break,
        };
        for (key, child) in children {
            let c = count(child);
            if n < c {
                path.push('/');
                path.push_str(&key);
                at = child;
                continue 'down;
            }
            n -= c;
        }
        break;
    }
    path
}

fn number(x: f64) -> Value {
    Number::from_f64(x).map_or(Value::Null, Value::Number)
}

/// One node of `v`, chosen by `rng`, changed by one of the mutations.
pub fn mutate_json(v: &mut Value, rng: &mut Rng) {
    let n = rng.below(count(v));
    let path = pointer(v, n);
    let Some(node) = v.pointer_mut(&path) else {
        return;
    };
    match rng.below(10) {
        0 => *node = number(*rng.pick(&NUMBERS)),
        1 => *node = Value::String(rng.pick(&STRINGS).to_string()),
        2 => *node = Value::Null,
        3 => *node = Value::Bool(rng.below(2) == 0),
        4 => *node = Value::Number(Number::from(u64::MAX)),
        5 => *node = Value::Number(Number::from(i64::MIN)),
        // Off by one, or far off, keeping the type: counts and indices that no longer
        // match the data they describe.
        6 => {
            if let Some(x) = node.as_f64() {
                let d = *rng.pick(&[1.0, -1.0, 1000.0, -1e6]);
                *node = match node.as_u64() {
                    Some(u) if d > 0.0 => Value::Number(Number::from(u.saturating_add(d as u64))),
                    _ => number(x + d),
                };
            } else {
                *node = number(-1.0);
            }
        }
        7 => match node {
            Value::Array(a) if !a.is_empty() => {
                let keep = rng.below(a.len());
                a.truncate(keep);
            }
            _ => *node = Value::Array(Vec::new()),
        },
        8 => match node {
            Value::Array(a) if !a.is_empty() => {
                let copy = a[rng.below(a.len())].clone();
                let at = rng.below(a.len() + 1);
                a.insert(at, copy);
            }
            Value::Object(o) if !o.is_empty() => {
                let key = o
                    .keys()
                    .nth(rng.below(o.len()))
                    .cloned()
                    .unwrap_or_default();
                o.remove(&key);
            }
            _ => *node = Value::Object(Default::default()),
        },
        _ => match node {
            Value::String(s) => {
                if rng.below(2) == 0 {
                    s.truncate(s.len() / 2);
                } else {
                    let extra = STRINGS[rng.below(STRINGS.len())];
                    s.push_str(extra);
                }
            }
            Value::Object(o) => {
                o.insert("unexpected".into(), Value::Null);
            }
            other => *other = Value::String(other.to_string()),
        },
    }
}

/// A valid table as text: an id, numbers (some gaps), categories and a label, in one of
/// the dialects people's files come in.
pub fn table(rng: &mut Rng) -> (String, String) {
    let (sep, comma) = *rng.pick(&[(",", false), (";", true), ("\t", false)]);
    let end = *rng.pick(&["\n", "\r\n"]);
    let numbers = 1 + rng.below(4);
    let categories = rng.below(3);
    let rows = 2 + rng.below(30);
    let mut head = vec!["id".to_string()];
    head.extend((0..numbers).map(|j| format!("x{j}")));
    head.extend((0..categories).map(|j| format!("c{j}")));
    head.push("label".into());
    let mut lines = vec![head.join(sep)];
    for i in 0..rows {
        let mut r = vec![format!("r{i}")];
        for _ in 0..numbers {
            let v = rng.below(20_000) as f64 / 100.0 - 50.0;
            r.push(if rng.below(15) == 0 {
                "NA".into()
            } else if comma {
                format!("{v}").replace('.', ",")
            } else {
                format!("{v}")
            });
        }
        for j in 0..categories {
            r.push(format!("k{}", rng.below(2 + j)));
        }
        r.push(rng.pick(&["yes", "no", "maybe"]).to_string());
        lines.push(r.join(sep));
    }
    (lines.join(end), sep.to_string())
}

/// `text` with one cell, row or byte changed.
pub fn mutate_table(text: &str, sep: &str, rng: &mut Rng) -> String {
    let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
    let row = rng.below(lines.len());
    let mut cells: Vec<String> = lines[row].split(sep).map(str::to_string).collect();
    let col = rng.below(cells.len());
    let hostile = [
        "",
        "NA",
        "?",
        "1e309",
        "-1e308",
        "1e150",
        "\"",
        "\"a\"\"b\"",
        "\"unclosed",
        "a,b",
        "a;b",
        "a\tb",
        "1,5",
        "1.2.3",
        "=1+1",
        "\u{FEFF}",
        "🙂",
        "\r",
        "\n",
        "0x10",
    ];
    match rng.below(5) {
        0 | 1 => cells[col] = rng.pick(&hostile).to_string(),
        2 => {
            cells.remove(col);
        }
        3 => cells.insert(col, rng.pick(&hostile).to_string()),
        _ => {
            // A whole row gone, doubled or blank.
            match rng.below(3) {
                0 => {
                    lines.remove(row);
                }
                1 => lines.insert(row, lines[row].clone()),
                _ => lines.insert(row, String::new()),
            }
            return lines.join("\n");
        }
    }
    lines[row] = cells.join(sep);
    lines.join("\n")
}

/// `fragment` (`k=v&k=v…`) with one pair changed, doubled, dropped or added.
pub fn mutate_link(fragment: &str, rng: &mut Rng) -> String {
    let mut pairs: Vec<String> = fragment.split('&').map(str::to_string).collect();
    let i = rng.below(pairs.len());
    let key = pairs[i].split('=').next().unwrap_or("").to_string();
    let values = [
        "",
        "-1",
        "0",
        "1e308",
        "NaN",
        "inf",
        "4294967296",
        "18446744073709551616",
        "0.0000001",
        "%FF",
        "%",
        "🙂",
        "1,2",
        "AAAA",
        "0-0-0",
        "8-8-8-8-8-8-8",
        "1024-1024",
    ];
    match rng.below(6) {
        0 | 1 => pairs[i] = format!("{key}={}", rng.pick(&values)),
        2 => pairs.push(pairs[i].clone()),
        3 => {
            pairs.remove(i);
        }
        4 => pairs[i] = key,
        _ => {
            let keys = [
                "epoch", "points", "edit", "add", "del", "hidden", "k", "c", "gamma", "file",
                "use", "target", "inputs", "n", "x", "y",
            ];
            pairs.push(format!("{}={}", rng.pick(&keys), rng.pick(&values)));
        }
    }
    pairs.join("&")
}

/// Valid studio links (fragments), one per kind of data and model, as the page writes
/// them: the bases the link parser's mutations start from.
pub const LINKS: [&str; 10] = [
    "data=iris&ratio=0.8&seed=42&x=0&y=1&shown=1&model=svm&kernel=linear&C=1&gamma=scale&degree=3&coef0=0",
    "data=reg-plane&noise=0&n=500&classes=3&ratio=0.8&seed=42&x=0&y=1&shown=1&model=svm&kernel=linear&C=1&gamma=scale&degree=3&coef0=0&eps=0.1",
    "data=moons&noise=0&n=500&classes=3&ratio=0.8&seed=42&x=0&y=1&shown=1&model=linear-svm-gd&C=1&lr=0.01&epochs=500",
    "data=moons&noise=0&n=500&classes=3&ratio=0.8&seed=42&x=0&y=1&shown=1&model=logistic&C=1",
    "data=moons&noise=0&n=500&classes=3&ratio=0.8&seed=42&x=0&y=1&shown=1&model=mlp&hidden=4-2&activation=tanh&lr=0.03&reg=none&rate=0.001&batch=10&inputs=x1,x2&epoch=20",
    "data=iris&ratio=0.8&seed=42&x=0&y=1&shown=1&model=knn&k=5&weights=uniform",
    "data=reg-plane&noise=0&n=500&classes=3&ratio=0.8&seed=42&x=0&y=1&shown=1&model=tree&depth=5&leaf=1&criterion=gini",
    "data=drawn&points=9AH6AAAY_NAHAbgLDP4C&ratio=0.8&seed=42&x=0&y=1&shown=1&model=svm&kernel=linear&C=1&gamma=scale&degree=3&coef0=0",
    "data=moons&noise=0&n=500&classes=3&edit=0.1&add=9AEAAPoAAAAB&del=AwAAABEAAAA&ratio=0.8&seed=42&x=0&y=1&shown=1&model=svm&kernel=linear&C=1&gamma=scale&degree=3&coef0=0",
    "data=imported&file=penguins.csv&sep=comma&dec=0&head=1&target=species&as=classes&use=island,bill&impute=mean&encode=onehot&ratio=0.8&seed=42&x=0&y=1&shown=1&model=svm&kernel=linear&C=1&gamma=scale&degree=3&coef0=0&eps=0.1",
];

/// The 13-version file the end-to-end tests restore (every model, data source and
/// network state of the first schema).
const VERSIONS: &str = include_str!("../../../../e2e/fixtures/legacy-versions-v1.json");

pub fn base() -> &'static Value {
    static BASE: std::sync::OnceLock<Value> = std::sync::OnceLock::new();
    BASE.get_or_init(|| serde_json::from_str(VERSIONS).expect("the fixture is JSON"))
}

/// Asks a model that passed validation for predictions on a few rows of zeros.
fn use_model(file: &ModelFile) {
    let n = file.feature_names.len();
    if n <= 1_000 {
        let _ = file.predict(Array2::zeros((3, n)).view());
    }
}

/// A mutated versions file: refused, or every version in it is usable.
pub fn versions_case(seed: u64) {
    let mut v = base().clone();
    mutate_json(&mut v, &mut Rng::new(seed));
    if let Ok(file) = VersionsFile::from_json(&v.to_string()) {
        for version in &file.versions {
            let _ = version.label();
            let _ = version.not_learning();
            use_model(&version.model);
        }
    }
}

/// One of the fixture's model files, mutated: refused, or it predicts.
pub fn model_case(seed: u64) {
    let mut rng = Rng::new(seed);
    let versions = base()["versions"].as_array().expect("versions");
    let mut model = versions[rng.below(versions.len())]["model"].clone();
    mutate_json(&mut model, &mut rng);
    if let Ok(file) = ModelFile::from_json(&model.to_string()) {
        use_model(&file);
    }
}

/// A generated table with one cell or row changed: read, profiled, its detected recipe
/// applied and replayed, or refused.
pub fn table_case(seed: u64) {
    let mut rng = Rng::new(seed);
    let (text, sep) = table(&mut rng);
    let text = mutate_table(&text, &sep, &mut rng);
    let Ok((raw, _)) = table::open(text.as_bytes()) else {
        return;
    };
    let _ = table::profile(&raw);
    if let Ok(recipe) = Recipe::detect(&raw) {
        if let Ok(out) = recipe.apply(&raw) {
            assert!(out.dataset.x().iter().all(|x| x.is_finite()));
            let _ = out.encoder.transform(&raw, None);
        }
    }
}

/// A mutated link: `read` parses it (checking what it must) and writes it again, or
/// refuses it; what it writes must read again.
pub fn link_case(seed: u64, read: impl Fn(&str) -> Result<String, String>) {
    let mut rng = Rng::new(seed);
    let base = LINKS[rng.below(LINKS.len())];
    let fragment = mutate_link(base, &mut rng);
    if let Ok(again) = read(&fragment) {
        assert!(read(&again).is_ok(), "{fragment} was read, {again} is not");
    }
}

/// The random-input half of the no-panic properties, as the browser runs them (natively
/// they run under proptest in `no_panics.rs`): random text through every reader of text,
/// and random small matrices (NaN, ±inf, the extremes) through the dataset's checks and
/// every one-call model with random parameters.
pub fn random_case(seed: u64) {
    use hyperplane_core::csv_data::{read_classification_csv, read_regression_csv};
    use hyperplane_core::kernel::Gamma;
    use hyperplane_core::linear_model::LogisticParams;
    use hyperplane_core::model::ModelParams;
    use hyperplane_core::neighbors::KnnParams;
    use hyperplane_core::svm::{LinearSvmParams, SvcParams};
    use hyperplane_core::tree::TreeParams;
    use hyperplane_core::Dataset;

    let mut rng = Rng::new(seed);
    let alphabet: Vec<char> = "0123456789,.;\t\n\r\"-eE+aAbNn ?\u{FEFF}é🙂{}[]:"
        .chars()
        .collect();
    let text: String = (0..rng.below(200)).map(|_| *rng.pick(&alphabet)).collect();
    let _ = read_classification_csv(&text, "a");
    let _ = read_regression_csv(&text, "a");
    let _ = ModelFile::from_json(&text);
    let _ = VersionsFile::from_json(&text);
    if let Ok((raw, _)) = table::open(text.as_bytes()) {
        let _ = table::profile(&raw);
        if let Ok(r) = Recipe::detect(&raw) {
            let _ = r.apply(&raw);
        }
    }
    let mut values = NUMBERS.to_vec();
    values.extend([f64::NAN, f64::INFINITY, f64::NEG_INFINITY]);
    let (rows, cols) = (rng.below(9), rng.below(4));
    let x = Array2::from_shape_fn((rows, cols), |_| *rng.pick(&values));
    let y: Vec<usize> = (0..rows).map(|_| rng.below(3)).collect();
    let names = |n: usize, p: &str| (0..n).map(|i| format!("{p}{i}")).collect::<Vec<_>>();
    let Ok(data) = Dataset::new(x, y, names(cols, "x"), names(3, "c")) else {
        return;
    };
    let (c, g) = (*rng.pick(&values), *rng.pick(&values));
    let models = [
        ModelParams::Svc(SvcParams::default().c(c).gamma(Gamma::Value(g))),
        ModelParams::Logistic(LogisticParams::default().c(c)),
        ModelParams::Knn(KnnParams::default().k(rng.below(12))),
        ModelParams::Tree(TreeParams::default()),
        ModelParams::LinearSvm {
            params: LinearSvmParams::default().c(c),
            epochs: 1 + rng.below(20) as u64,
        },
    ];
    for params in models {
        if let Ok(m) = params.fit(&data) {
            let _ = m.predict_classes(data.x());
        }
    }
}
