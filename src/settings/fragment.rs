//! The settings as a URL fragment (`#data=moons&noise=0.2&model=svm&C=10`):
//! what `Share link` copies, what back/forward walk through, and what an embed page
//! sets. Readable keys so a documentation author can write one by hand. Parsing is
//! strict: an unknown key or a value out of range rejects the whole fragment, and the
//! studio keeps its defaults and says why.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;

use super::limits::{CLASSES, NOISE, POINTS, RATIO};
use super::text::{count, number, short, whole};
use super::Settings;
use crate::models::ModelKind;
use crate::settings::example_link::ExampleLink;
use crate::settings::{DatasetChoice, DrawnPoint, DRAWN_CLASSES};

/// Most drawn points a link carries (5 bytes each, about 7 characters in the link).
pub const MAX_LINK_POINTS: usize = super::limits::MAX_DRAWN;
/// Most network epochs a link replays on opening (a few seconds of training).
pub const MAX_REPLAY_EPOCHS: u64 = 200_000;
/// Drawn coordinates are kept to a thousandth in a link.
const POINT_SCALE: f64 = 1000.0;

/// What a link carries: the settings, and for a network the epochs to replay on opening
/// (a shared link only; the settings history leaves it at 0).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Link {
    pub settings: Settings,
    pub epoch: u64,
    /// The example file an imported dataset was read from, and its recipe.
    pub example: Option<ExampleLink>,
}

/// A drawn coordinate as a link stores it: a whole number of thousandths.
pub fn snap_to_link_grid(v: f64) -> f64 {
    (v * POINT_SCALE).round() / POINT_SCALE
}

fn pack_points(points: &[DrawnPoint]) -> String {
    let mut bytes = Vec::with_capacity(points.len() * 5);
    for &(x, y, class) in points {
        for v in [x, y] {
            let q = (v * POINT_SCALE)
                .round()
                .clamp(i16::MIN as f64, i16::MAX as f64) as i16;
            bytes.extend_from_slice(&q.to_le_bytes());
        }
        bytes.push(class as u8);
    }
    URL_SAFE_NO_PAD.encode(bytes)
}

fn unpack_points(s: &str) -> Result<Vec<DrawnPoint>, String> {
    if s.len() > MAX_LINK_POINTS * 7 + 8 {
        return Err(format!("more than {MAX_LINK_POINTS} drawn points"));
    }
    let bytes = URL_SAFE_NO_PAD
        .decode(s)
        .map_err(|_| "the drawn points are garbled".to_string())?;
    if bytes.len() % 5 != 0 {
        return Err("the drawn points are cut short".into());
    }
    bytes
        .chunks_exact(5)
        .enumerate()
        .map(|(i, c)| {
            let x = i16::from_le_bytes([c[0], c[1]]) as f64 / POINT_SCALE;
            let y = i16::from_le_bytes([c[2], c[3]]) as f64 / POINT_SCALE;
            let class = c[4] as usize;
            if class >= DRAWN_CLASSES.len() {
                return Err(format!("drawn point {} has no class {class}", i + 1));
            }
            Ok((x, y, class))
        })
        .collect()
}

impl Link {
    /// Whether a link can carry the data (an imported file or many points cannot).
    pub fn linkable(&self) -> Result<(), String> {
        match self.settings.data.choice {
            DatasetChoice::Imported if self.example.is_none() => Err(
                "an imported CSV file cannot travel in a link: save a version and export it instead".into(),
            ),
            DatasetChoice::Drawn if self.settings.data.drawn.len() > MAX_LINK_POINTS => Err(format!(
                "more than {MAX_LINK_POINTS} drawn points cannot travel in a link: save a version and export it instead"
            )),
            _ => Ok(()),
        }
    }

    /// The fragment (without `#`): the data settings and the chosen model's parameters.
    pub fn to_fragment(&self) -> String {
        let mut kv: Vec<(&str, String)> = vec![("data", self.settings.data.choice.key().into())];
        match self.settings.data.choice {
            DatasetChoice::Generated(_) => {
                kv.push(("noise", short(self.settings.data.noise)));
                kv.push(("n", self.settings.data.n_samples.to_string()));
                kv.push(("classes", self.settings.data.n_classes.to_string()));
            }
            DatasetChoice::Drawn => kv.push(("points", pack_points(&self.settings.data.drawn))),
            DatasetChoice::Imported => {
                kv.extend(self.example.iter().flat_map(ExampleLink::to_link))
            }
            _ => {}
        }
        if let Some(e) = self.settings.data.edits.as_ref() {
            if self.settings.data.choice != DatasetChoice::Drawn {
                kv.extend(e.to_link());
            }
        }
        kv.push(("ratio", short(self.settings.data.train_ratio)));
        kv.push(("seed", self.settings.data.seed.to_string()));
        kv.push(("x", self.settings.plane.x_feature.to_string()));
        kv.push(("y", self.settings.plane.y_feature.to_string()));
        kv.push((
            "shown",
            u8::from(self.settings.plane.shown_only).to_string(),
        ));
        kv.push(("model", self.settings.model.kind.key().into()));
        let d = &self.settings.data.choice;
        kv.extend(
            self.settings
                .model
                .link(d.is_regression() || *d == DatasetChoice::Imported),
        );
        if self.settings.model.kind == ModelKind::NeuralNetwork && self.epoch > 0 {
            kv.push(("epoch", self.epoch.to_string()));
        }
        kv.into_iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect::<Vec<_>>()
            .join("&")
    }

    /// Reads a fragment over the defaults; any problem rejects all of it.
    pub fn parse(fragment: &str) -> Result<Self, String> {
        let fragment = fragment.trim_start_matches('#');
        if fragment.len() > 20_000 {
            return Err("the link is too long".into());
        }
        let mut s = Self::default();
        let pairs: Vec<(&str, &str)> = fragment
            .split('&')
            .filter(|p| !p.is_empty())
            .map(|pair| {
                pair.split_once('=')
                    .ok_or_else(|| format!("{pair:?} has no value"))
            })
            .collect::<Result<_, _>>()?;
        for (i, (key, _)) in pairs.iter().enumerate() {
            if pairs[..i].iter().any(|(k, _)| k == key) {
                return Err(format!("{key} is given twice"));
            }
        }
        // The model first: `lr` means the chosen model's learning rate.
        if let Some((_, value)) = pairs.iter().find(|(k, _)| *k == "model") {
            s.settings.model.kind = ModelKind::from_key(value)
                .ok_or_else(|| format!("model={value} is not a model here"))?;
        }
        for &(key, value) in &pairs {
            match key {
                "data" => {
                    s.settings.data.choice = DatasetChoice::from_key(value)
                        .ok_or_else(|| format!("data={value} is not a dataset here"))?
                }
                "noise" => s.settings.data.noise = number(key, value, NOISE)?,
                "ratio" => s.settings.data.train_ratio = number(key, value, RATIO)?,
                "seed" => s.settings.data.seed = whole(key, value, 0, u32::MAX as u64)?,
                "n" => s.settings.data.n_samples = count(key, value, POINTS)?,
                "classes" => {
                    s.settings.data.n_classes = whole(key, value, 2, CLASSES.max as u64)? as usize
                }
                "x" => s.settings.plane.x_feature = whole(key, value, 0, 1000)? as usize,
                "y" => s.settings.plane.y_feature = whole(key, value, 0, 1000)? as usize,
                "shown" => s.settings.plane.shown_only = whole(key, value, 0, 1)? == 1,
                "points" => s.settings.data.drawn = unpack_points(value)?,
                "edit" | "add" | "del" => s
                    .settings
                    .data
                    .edits
                    .get_or_insert_with(Default::default)
                    .read_link(key, value)?,
                "model" => {}
                "epoch" => s.epoch = whole(key, value, 0, MAX_REPLAY_EPOCHS)?,
                other => {
                    let mut example = s.example.take().unwrap_or_default();
                    let read = example.read_link(other, value)?;
                    if read || example != ExampleLink::default() {
                        s.example = Some(example);
                    }
                    if !read && !s.settings.model.read_link(other, value)? {
                        return Err(format!("{other:?} is not a setting"));
                    }
                }
            }
        }
        if s.settings.plane.x_feature == s.settings.plane.y_feature {
            return Err("x and y must be different features".into());
        }
        let imported = s.settings.data.choice == DatasetChoice::Imported;
        match &s.example {
            Some(e) if !imported || e.file.is_empty() || e.recipe.target.is_empty() => {
                return Err(
                    "an example file's recipe needs data=imported, file= and target=".into(),
                )
            }
            None if imported => {
                return Err(
                    "an imported file cannot travel in a link, only an example file (file=)".into(),
                )
            }
            _ => {}
        }
        if s.settings.data.edits.is_some() && !pairs.iter().any(|(k, _)| *k == "edit") {
            return Err("added or removed points need edit=x.y".into());
        }
        if s.settings.data.choice == DatasetChoice::Drawn && s.settings.data.drawn.is_empty() {
            return Err("a drawn dataset needs its points".into());
        }
        s.settings.check()?;
        Ok(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use hyperplane_core::datasets::GeneratorKind;
    use hyperplane_core::features::FeatureTransform;
    use hyperplane_core::kernel::{Gamma, KernelKind};
    use hyperplane_core::neighbors::KnnWeights;
    use hyperplane_core::nn::{Activation, Regularization};
    use hyperplane_core::tree::Criterion;

    #[test]
    fn every_model_round_trips_through_a_fragment() {
        for &model in ModelKind::ALL {
            let mut s = Link::default();
            let (d, m) = (&mut s.settings.data, &mut s.settings.model);
            (d.choice, d.noise, d.train_ratio, d.seed, d.n_samples) = (
                DatasetChoice::Generated(GeneratorKind::Moons),
                0.25,
                0.6,
                7,
                300,
            );
            m.kind = model;
            (m.svm.kernel, m.svm.c, m.svm.gamma) = (KernelKind::Rbf, 12.5, Gamma::Value(0.5));
            (m.logistic.c, m.gd_svm.c) = (12.5, 0.5);
            (m.knn.k, m.knn.weights) = (9, KnnWeights::Distance);
            (m.tree.max_depth, m.tree.criterion) = (4, Criterion::Entropy);
            let n = &mut m.network;
            (n.hidden, n.activation, n.regularization) =
                (vec![3, 5], Activation::Relu, Regularization::L2);
            n.inputs = vec![FeatureTransform::X1, FeatureTransform::SinX2];
            (m.gd_svm.learning_rate, m.gd_svm.epochs) = (0.05, 200);
            let back = Link::parse(&s.to_fragment()).unwrap();
            assert_eq!(back.to_fragment(), s.to_fragment(), "{model:?}");
            assert_eq!(back.settings.model.kind, model);
            assert_eq!(back.epoch, 0);
        }
    }

    #[test]
    fn a_network_link_carries_its_epoch() {
        let mut s = Link {
            epoch: 250,
            ..Link::default()
        };
        s.settings.model.kind = ModelKind::NeuralNetwork;
        assert!(s.to_fragment().contains("epoch=250"));
        assert_eq!(Link::parse(&s.to_fragment()).unwrap().epoch, 250);
        assert!(Link::parse("epoch=999999999").is_err());
    }

    #[test]
    fn an_edited_copy_travels_as_its_edits() {
        let mut s = Link::default();
        s.settings.data.choice = DatasetChoice::Generated(GeneratorKind::Moons);
        s.settings.data.edits = Some(crate::settings::Edits {
            features: (0, 1),
            added: vec![(0.5, -0.25, 1), (1.125, 0.0, 0)],
            removed: vec![3, 17, 400],
        });
        let f = s.to_fragment();
        assert!(f.contains("edit=0.1&add=") && f.contains("&del="), "{f}");
        assert_eq!(Link::parse(&f).unwrap(), s);
        assert!(Link::parse("data=moons&del=")
            .unwrap_err()
            .contains("edit=x.y"));
        assert!(Link::parse("data=moons&edit=0.1&del=AAA")
            .unwrap_err()
            .contains("cut short"));
    }

    #[test]
    fn drawn_points_travel_packed() {
        let points = vec![
            (-5.5, 2.25, 0),
            (1.0, -0.125, 2),
            (snap_to_link_grid(1.23456), snap_to_link_grid(-4.0001), 1),
        ];
        let mut s = Link::default();
        s.settings.data.choice = DatasetChoice::Drawn;
        s.settings.data.drawn = points.clone();
        let f = s.to_fragment();
        let packed = f
            .split('&')
            .find_map(|kv| kv.strip_prefix("points="))
            .unwrap();
        assert!(packed.len() <= 7 * points.len(), "{packed}");
        assert_eq!(Link::parse(&f).unwrap().settings.data.drawn, points);
    }

    #[test]
    fn a_hand_written_link_sets_only_what_it_names() {
        let s = Link::parse("#data=circle&model=svm&kernel=rbf&C=10").unwrap();
        let (d, m) = (&s.settings.data, &s.settings.model.svm);
        assert_eq!(d.choice, DatasetChoice::Generated(GeneratorKind::Circle));
        assert_eq!((m.kernel, m.c), (KernelKind::Rbf, 10.0));
        assert_eq!(d.seed, Link::default().settings.data.seed);
        assert_eq!(Link::parse("").unwrap(), Link::default());
    }

    #[test]
    fn malformed_or_hostile_fragments_are_rejected_with_a_reason() {
        for (fragment, says) in [
            ("data=nowhere", "data=nowhere"),
            ("data=imported", "only an example file"),
            (
                "data=imported&file=x.csv&target=a",
                "not one of the example files",
            ),
            (
                "data=moons&file=penguins.csv&target=species",
                "needs data=imported",
            ),
            ("C=-1", "outside"),
            ("C=1e400", "outside"),
            ("C=NaN", "C=NaN"),
            ("noise=0.9", "outside"),
            ("hidden=4-99", "outside"),
            ("hidden=1-1-1-1-1-1-1", "layers"),
            ("kernel=magic", "kernel"),
            ("criterion=vibes", "choices"),
            ("model=svm&model=knn", "twice"),
            ("x=1&y=1", "different"),
            ("data=drawn", "points"),
            ("data=drawn&points=!!!", "garbled"),
            ("data=drawn&points=AAAA", "cut short"),
            ("data=drawn&points=AAAAAAk", "no class"),
            ("evil=<script>", "not a setting"),
            ("seed", "no value"),
            ("inputs=", "at least one"),
            ("inputs=x1,x1", "twice"),
        ] {
            let err = Link::parse(fragment).unwrap_err();
            assert!(err.contains(says), "{fragment}: {err}");
        }
        assert!(Link::parse(&"x".repeat(30_000)).is_err());
    }
}
