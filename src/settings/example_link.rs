//! An example file's import in a link: which example (`file=penguins.csv`) and the
//! recipe the user shaped (target, its kind, the columns used, gaps, categories, the
//! dialect). The page fetches the file on opening and replays the recipe, so a lesson
//! or a documentation page can link to "penguins, gaps dropped, island one-hot".

use hyperplane_core::table::{Delimiter, Dialect, Encode, Impute, Recipe};

/// The example files beside the page (public/examples/), offered in the data picker,
/// and the only files a link may name: file and label.
pub const EXAMPLES: [(&str, &str); 2] = [
    ("penguins.csv", "Example: penguins"),
    ("iris-european.csv", "Example: iris (European spreadsheet)"),
];

/// Characters a name keeps as they are in a link; every other byte is `%XX`.
fn plain(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~')
}

fn escape(s: &str) -> String {
    s.bytes()
        .map(|b| {
            if plain(b) {
                char::from(b).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

fn unescape(key: &str, s: &str) -> Result<String, String> {
    let bad = || format!("{key}={s} is not a column name");
    let mut out = Vec::with_capacity(s.len());
    let mut bytes = s.bytes();
    while let Some(b) = bytes.next() {
        if b == b'%' {
            let hex = [bytes.next().ok_or_else(bad)?, bytes.next().ok_or_else(bad)?];
            let hex = std::str::from_utf8(&hex).map_err(|_| bad())?;
            out.push(u8::from_str_radix(hex, 16).map_err(|_| bad())?);
        } else {
            out.push(b);
        }
    }
    String::from_utf8(out).map_err(|_| bad())
}

/// An example file and the recipe to read it with.
#[derive(Debug, Clone, PartialEq)]
pub struct ExampleLink {
    pub file: String,
    pub recipe: Recipe,
}

impl Default for ExampleLink {
    fn default() -> Self {
        Self {
            file: String::new(),
            recipe: Recipe {
                dialect: Dialect::default(),
                target: String::new(),
                regression: false,
                features: Vec::new(),
                impute: Impute::default(),
                encode: Encode::default(),
            },
        }
    }
}

impl ExampleLink {
    pub fn to_link(&self) -> Vec<(&'static str, String)> {
        let r = &self.recipe;
        let used: Vec<String> = r.features.iter().map(|f| escape(f)).collect();
        vec![
            ("file", self.file.clone()),
            ("sep", r.dialect.delimiter.label().into()),
            ("dec", u8::from(r.dialect.decimal_comma).to_string()),
            ("head", u8::from(r.dialect.header).to_string()),
            ("target", escape(&r.target)),
            ("as", if r.regression { "values" } else { "classes" }.into()),
            ("use", used.join(",")),
            ("impute", r.impute.key().into()),
            ("encode", r.encode.key().into()),
        ]
    }

    /// Reads one of [`Self::to_link`]'s keys; `Ok(false)` if `key` is not one of them.
    pub fn read_link(&mut self, key: &str, value: &str) -> Result<bool, String> {
        let r = &mut self.recipe;
        let flag = |v: &str| match v {
            "0" => Ok(false),
            "1" => Ok(true),
            _ => Err(format!("{key}={v} is not 0 or 1")),
        };
        match key {
            "file" => {
                if !EXAMPLES.iter().any(|(f, _)| *f == value) {
                    return Err(format!("file={value} is not one of the example files"));
                }
                self.file = value.to_string();
            }
            "sep" => {
                r.dialect.delimiter = Delimiter::from_label(value)
                    .ok_or_else(|| format!("sep={value} is not comma, semicolon or tab"))?
            }
            "dec" => r.dialect.decimal_comma = flag(value)?,
            "head" => r.dialect.header = flag(value)?,
            "target" => r.target = unescape(key, value)?,
            "as" => {
                r.regression = match value {
                    "classes" => false,
                    "values" => true,
                    _ => return Err(format!("as={value} is not classes or values")),
                }
            }
            "use" => {
                r.features = value
                    .split(',')
                    .filter(|f| !f.is_empty())
                    .map(|f| unescape(key, f))
                    .collect::<Result<_, _>>()?;
                if r.features.len() > 1000 {
                    return Err("use= names more than 1,000 columns".into());
                }
            }
            "impute" => {
                r.impute = Impute::from_key(value)
                    .ok_or_else(|| format!("impute={value} is not one of the choices"))?
            }
            "encode" => {
                r.encode = Encode::from_key(value)
                    .ok_or_else(|| format!("encode={value} is not onehot or ordinal"))?
            }
            _ => return Ok(false),
        }
        Ok(true)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_example_and_its_recipe_travel_in_a_link() {
        let mut e = ExampleLink {
            file: "iris-european.csv".into(),
            ..ExampleLink::default()
        };
        e.recipe.dialect = Dialect {
            delimiter: Delimiter::Semicolon,
            decimal_comma: true,
            header: true,
        };
        e.recipe.target = "Art".into();
        e.recipe.features = vec!["Kelchblattlänge".into(), "a,b %c".into()];
        e.recipe.impute = Impute::Drop;
        let mut back = ExampleLink::default();
        for (k, v) in e.to_link() {
            assert!(v.bytes().all(|b| plain(b) || b == b'%' || b == b','), "{v}");
            assert!(back.read_link(k, &v).unwrap());
        }
        assert_eq!(back, e);
        assert!(back.read_link("file", "../secret.csv").is_err());
        assert!(back.read_link("use", "%G1").is_err());
        assert!(back.read_link("use", "%C3").is_err());
        assert_eq!(back.read_link("model", "svm"), Ok(false));
    }
}
