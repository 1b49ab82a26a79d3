//! The studio's settings as a URL fragment (`#data=moons&noise=0.2&model=svm&C=10`):
//! what `Share link` copies, what back/forward walk through, and what an embed page
//! sets. Readable keys so a documentation author can write one by hand. Parsing is
//! strict: an unknown key or a value out of range rejects the whole fragment, and the
//! studio keeps its defaults and says why.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use hyperplane_core::features::FeatureTransform;
use hyperplane_core::kernel::{Gamma, KernelKind};
use hyperplane_core::neighbors::KnnWeights;
use hyperplane_core::nn::{Activation, Regularization};
use hyperplane_core::tree::Criterion;
use leptos::prelude::*;
use serde::de::DeserializeOwned;
use serde::Serialize;

use crate::app::Studio;
use crate::components::data_controls::{CLASSES, NOISE, POINTS, RATIO};
use crate::components::gd_svm_controls::{EPOCHS, ETA};
use crate::components::knn_controls::K;
use crate::components::model_controls::{
    COEF0_SCALE, C_SCALE, DEGREE_SCALE, EPSILON_SCALE, GAMMA_SCALE,
};
use crate::components::network_controls::{
    BATCH, LEARNING_RATE, MAX_LAYERS, MAX_NEURONS, REG_RATE,
};
use crate::components::tree_controls::{DEPTH, LEAF};
use crate::slider_scale::SliderScale;
use crate::state::{DataState, ModelKind, ModelState, PlaneState};
use crate::training::{DatasetChoice, DrawnPoint, DRAWN_CLASSES};

/// Most drawn points a link carries (5 bytes each, about 7 characters in the link).
pub const MAX_LINK_POINTS: usize = 2000;
/// Most network epochs a link replays on opening (a few seconds of training).
pub const MAX_REPLAY_EPOCHS: u64 = 200_000;
/// Drawn coordinates are kept to a thousandth in a link.
const POINT_SCALE: f64 = 1000.0;

/// Every setting a link can carry.
#[derive(Debug, Clone, PartialEq)]
pub struct SharedState {
    pub dataset: DatasetChoice,
    pub noise: f64,
    pub ratio: f64,
    pub seed: u64,
    pub n: usize,
    pub classes: usize,
    pub x: usize,
    pub y: usize,
    pub shown_only: bool,
    pub points: Vec<DrawnPoint>,
    pub model: ModelKind,
    pub kernel: KernelKind,
    pub c: f64,
    pub gamma: Gamma,
    pub degree: u32,
    pub coef0: f64,
    pub logistic_c: f64,
    pub k: usize,
    pub weights: KnnWeights,
    pub depth: usize,
    pub leaf: usize,
    pub criterion: Criterion,
    pub hidden: Vec<usize>,
    pub activation: Activation,
    pub lr: f64,
    pub reg: Regularization,
    pub reg_rate: f64,
    pub batch: usize,
    pub inputs: Vec<FeatureTransform>,
    pub gd_lr: f64,
    pub gd_epochs: u64,
    /// The SVR's ε (regression datasets).
    pub epsilon: f64,
    /// The network's training epochs to replay on opening (a shared link only; the
    /// settings history leaves it at 0).
    pub epoch: u64,
}

impl Default for SharedState {
    /// The studio's own defaults.
    fn default() -> Self {
        Owner::new().with(|| {
            untrack(|| Self::read_parts(&DataState::new(), &ModelState::new(), &PlaneState::new()))
        })
    }
}

/// A unit enum's serde name (`"gini"`, `"x1_squared"`). Through text, not
/// `serde_json::Value`, so no second serializer is compiled into the page.
fn name_of<T: Serialize>(v: T) -> String {
    serde_json::to_string(&v)
        .map(|s| s.trim_matches('"').to_string())
        .unwrap_or_default()
}

fn from_name<T: DeserializeOwned>(key: &str, s: &str) -> Result<T, String> {
    let not_a_choice = || format!("{key}={s} is not one of the choices");
    if !s.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
        return Err(not_a_choice());
    }
    serde_json::from_str(&format!("\"{s}\"")).map_err(|_| not_a_choice())
}

fn number(key: &str, s: &str, scale: SliderScale) -> Result<f64, String> {
    let v: f64 = s
        .parse()
        .map_err(|_| format!("{key}={s} is not a number"))?;
    if !v.is_finite() || v < scale.min - 1e-12 || v > scale.max + 1e-12 {
        return Err(format!("{key}={s} is outside {}–{}", scale.min, scale.max));
    }
    Ok(v)
}

fn whole(key: &str, s: &str, min: u64, max: u64) -> Result<u64, String> {
    let v: u64 = s
        .parse()
        .map_err(|_| format!("{key}={s} is not a whole number"))?;
    if v < min || v > max {
        return Err(format!("{key}={s} is outside {min}–{max}"));
    }
    Ok(v)
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

/// The shortest text that reads back as exactly the same number.
fn short(v: f64) -> String {
    format!("{v}")
}

impl SharedState {
    /// The studio's settings now (untracked).
    pub fn read(s: &Studio) -> Self {
        untrack(|| Self::track(s))
    }

    /// The studio's settings now, tracked (an effect reruns when any changes).
    pub fn track(s: &Studio) -> Self {
        Self::read_parts(&s.data_state, &s.model, &s.plane)
    }

    /// Whether a link can carry the data (an imported file or many points cannot).
    pub fn linkable(&self) -> Result<(), String> {
        match self.dataset {
            DatasetChoice::Imported => Err(
                "an imported CSV file cannot travel in a link: save a version and export it instead".into(),
            ),
            DatasetChoice::Drawn if self.points.len() > MAX_LINK_POINTS => Err(format!(
                "more than {MAX_LINK_POINTS} drawn points cannot travel in a link: save a version and export it instead"
            )),
            _ => Ok(()),
        }
    }

    fn read_parts(d: &DataState, m: &ModelState, p: &PlaneState) -> Self {
        {
            Self {
                dataset: d.choice.get(),
                noise: d.noise.get(),
                ratio: d.train_ratio.get(),
                seed: d.seed.get(),
                n: d.n_samples.get(),
                classes: d.n_classes.get(),
                x: p.x_feature.get(),
                y: p.y_feature.get(),
                shown_only: p.shown_only.get(),
                points: if d.choice.get() == DatasetChoice::Drawn {
                    d.drawn.get()
                } else {
                    Vec::new()
                },
                model: m.kind.get(),
                kernel: m.kernel.get(),
                c: m.c.get(),
                gamma: m.gamma.get(),
                degree: m.degree.get(),
                coef0: m.coef0.get(),
                logistic_c: m.logistic_c.get(),
                k: m.k.get(),
                weights: m.knn_weights.get(),
                depth: m.max_depth.get(),
                leaf: m.min_leaf.get(),
                criterion: m.criterion.get(),
                hidden: m.hidden.get(),
                activation: m.activation.get(),
                lr: m.learning_rate.get(),
                reg: m.regularization.get(),
                reg_rate: m.regularization_rate.get(),
                batch: m.batch_size.get(),
                inputs: m.nn_inputs.get(),
                gd_lr: m.gd_learning_rate.get(),
                gd_epochs: m.gd_epochs.get(),
                epsilon: m.epsilon.get(),
                epoch: 0,
            }
        }
    }

    /// Puts these settings into the studio.
    pub fn apply(&self, s: &Studio) {
        let (d, m, p) = (s.data_state, s.model, s.plane);
        s.run.playing.set(false);
        d.noise.set(self.noise);
        d.train_ratio.set(self.ratio);
        d.seed.set(self.seed);
        d.n_samples.set(self.n);
        d.n_classes.set(self.classes);
        if self.dataset == DatasetChoice::Drawn {
            d.drawn.set(self.points.clone());
        }
        d.choice.set(self.dataset);
        p.x_feature.set(self.x);
        p.y_feature.set(self.y);
        p.shown_only.set(self.shown_only);
        m.kernel.set(self.kernel);
        m.c.set(self.c);
        m.gamma.set(self.gamma);
        m.degree.set(self.degree);
        m.coef0.set(self.coef0);
        m.logistic_c.set(self.logistic_c);
        m.k.set(self.k);
        m.knn_weights.set(self.weights);
        m.max_depth.set(self.depth);
        m.min_leaf.set(self.leaf);
        m.criterion.set(self.criterion);
        m.hidden.set(self.hidden.clone());
        m.activation.set(self.activation);
        m.learning_rate.set(self.lr);
        m.regularization.set(self.reg);
        m.regularization_rate.set(self.reg_rate);
        m.batch_size.set(self.batch);
        m.nn_inputs.set(self.inputs.clone());
        m.gd_learning_rate.set(self.gd_lr);
        m.gd_epochs.set(self.gd_epochs);
        m.epsilon.set(self.epsilon);
        m.kind.set(self.model);
    }

    /// The fragment (without `#`): the data settings and the chosen model's parameters.
    pub fn to_fragment(&self) -> String {
        let mut kv: Vec<(&str, String)> = vec![("data", self.dataset.key().into())];
        match self.dataset {
            DatasetChoice::Generated(_) => {
                kv.push(("noise", short(self.noise)));
                kv.push(("n", self.n.to_string()));
                kv.push(("classes", self.classes.to_string()));
            }
            DatasetChoice::Drawn => kv.push(("points", pack_points(&self.points))),
            _ => {}
        }
        kv.push(("ratio", short(self.ratio)));
        kv.push(("seed", self.seed.to_string()));
        kv.push(("x", self.x.to_string()));
        kv.push(("y", self.y.to_string()));
        kv.push(("shown", u8::from(self.shown_only).to_string()));
        kv.push(("model", self.model.key().into()));
        match self.model {
            ModelKind::Svm => {
                kv.push(("kernel", self.kernel.name().into()));
                kv.push(("C", short(self.c)));
                kv.push((
                    "gamma",
                    match self.gamma {
                        Gamma::Scale => "scale".into(),
                        Gamma::Auto => "auto".into(),
                        Gamma::Value(g) => short(g),
                    },
                ));
                kv.push(("degree", self.degree.to_string()));
                kv.push(("coef0", short(self.coef0)));
                if self.dataset.is_regression() || self.dataset == DatasetChoice::Imported {
                    kv.push(("eps", short(self.epsilon)));
                }
            }
            ModelKind::LinearSvmGd => {
                kv.push(("C", short(self.c)));
                kv.push(("lr", short(self.gd_lr)));
                kv.push(("epochs", self.gd_epochs.to_string()));
            }
            ModelKind::Logistic => kv.push(("C", short(self.logistic_c))),
            ModelKind::Knn => {
                kv.push(("k", self.k.to_string()));
                kv.push(("weights", name_of(self.weights)));
            }
            ModelKind::Tree => {
                kv.push(("depth", self.depth.to_string()));
                kv.push(("leaf", self.leaf.to_string()));
                kv.push(("criterion", name_of(self.criterion)));
            }
            ModelKind::NeuralNetwork => {
                let hidden: Vec<String> = self.hidden.iter().map(|h| h.to_string()).collect();
                kv.push(("hidden", hidden.join("-")));
                kv.push(("activation", name_of(self.activation)));
                kv.push(("lr", short(self.lr)));
                kv.push(("reg", name_of(self.reg)));
                kv.push(("rate", short(self.reg_rate)));
                kv.push(("batch", self.batch.to_string()));
                let inputs: Vec<String> = self.inputs.iter().map(|&t| name_of(t)).collect();
                kv.push(("inputs", inputs.join(",")));
                if self.epoch > 0 {
                    kv.push(("epoch", self.epoch.to_string()));
                }
            }
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
            s.model = ModelKind::from_key(value)
                .ok_or_else(|| format!("model={value} is not a model here"))?;
        }
        for (key, value) in pairs {
            match key {
                "data" => {
                    s.dataset = DatasetChoice::from_key(value)
                        .filter(|d| *d != DatasetChoice::Imported)
                        .ok_or_else(|| format!("data={value} is not a dataset here"))?
                }
                "noise" => s.noise = number(key, value, NOISE)?,
                "ratio" => s.ratio = number(key, value, RATIO)?,
                "seed" => s.seed = whole(key, value, 0, u32::MAX as u64)?,
                "n" => s.n = number(key, value, POINTS)?.round() as usize,
                "classes" => s.classes = whole(key, value, 2, CLASSES.max as u64)? as usize,
                "x" => s.x = whole(key, value, 0, 1000)? as usize,
                "y" => s.y = whole(key, value, 0, 1000)? as usize,
                "shown" => s.shown_only = whole(key, value, 0, 1)? == 1,
                "points" => s.points = unpack_points(value)?,
                "model" => {}
                "kernel" => {
                    s.kernel = KernelKind::from_name(value)
                        .ok_or_else(|| format!("kernel={value} is not a kernel"))?
                }
                "C" => {
                    let c = number(key, value, C_SCALE)?;
                    s.c = c;
                    s.logistic_c = c;
                }
                "gamma" => {
                    s.gamma = match value {
                        "scale" => Gamma::Scale,
                        "auto" => Gamma::Auto,
                        v => Gamma::Value(number(key, v, GAMMA_SCALE)?),
                    }
                }
                "degree" => s.degree = number(key, value, DEGREE_SCALE)?.round() as u32,
                "coef0" => s.coef0 = number(key, value, COEF0_SCALE)?,
                "eps" => s.epsilon = number(key, value, EPSILON_SCALE)?,
                "k" => s.k = number(key, value, K)?.round() as usize,
                "weights" => s.weights = from_name(key, value)?,
                "depth" => s.depth = number(key, value, DEPTH)?.round() as usize,
                "leaf" => s.leaf = number(key, value, LEAF)?.round() as usize,
                "criterion" => s.criterion = from_name(key, value)?,
                "hidden" => {
                    let layers: Vec<usize> = value
                        .split('-')
                        .filter(|l| !l.is_empty())
                        .map(|l| whole(key, l, 1, MAX_NEURONS as u64).map(|v| v as usize))
                        .collect::<Result<_, _>>()?;
                    if layers.len() > MAX_LAYERS {
                        return Err(format!("hidden= has more than {MAX_LAYERS} layers"));
                    }
                    s.hidden = layers;
                }
                "activation" => s.activation = from_name(key, value)?,
                "lr" if s.model == ModelKind::LinearSvmGd => s.gd_lr = number(key, value, ETA)?,
                "lr" => s.lr = number(key, value, LEARNING_RATE)?,
                "reg" => s.reg = from_name(key, value)?,
                "rate" => s.reg_rate = number(key, value, REG_RATE)?,
                "batch" => s.batch = number(key, value, BATCH)?.round() as usize,
                "epochs" => s.gd_epochs = number(key, value, EPOCHS)?.round() as u64,
                "epoch" => s.epoch = whole(key, value, 0, MAX_REPLAY_EPOCHS)?,
                "inputs" => {
                    let inputs: Vec<FeatureTransform> = value
                        .split(',')
                        .filter(|t| !t.is_empty())
                        .map(|t| from_name(key, t))
                        .collect::<Result<_, _>>()?;
                    if inputs.is_empty() {
                        return Err("inputs= needs at least one input".into());
                    }
                    s.inputs = inputs;
                }
                other => return Err(format!("{other:?} is not a setting")),
            }
        }
        if s.x == s.y {
            return Err("x and y must be different features".into());
        }
        if s.dataset == DatasetChoice::Drawn && s.points.is_empty() {
            return Err("a drawn dataset needs its points".into());
        }
        Ok(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use hyperplane_core::datasets::GeneratorKind;

    #[test]
    fn every_model_round_trips_through_a_fragment() {
        for model in ModelKind::ALL {
            let s = SharedState {
                dataset: DatasetChoice::Generated(GeneratorKind::Moons),
                noise: 0.25,
                ratio: 0.6,
                seed: 7,
                n: 300,
                model,
                kernel: KernelKind::Rbf,
                c: 12.5,
                logistic_c: 12.5,
                gamma: Gamma::Value(0.5),
                k: 9,
                weights: KnnWeights::Distance,
                depth: 4,
                criterion: Criterion::Entropy,
                hidden: vec![3, 5],
                activation: Activation::Relu,
                reg: Regularization::L2,
                inputs: vec![FeatureTransform::X1, FeatureTransform::SinX2],
                gd_lr: 0.05,
                gd_epochs: 200,
                ..SharedState::default()
            };
            let back = SharedState::parse(&s.to_fragment()).unwrap();
            assert_eq!(back.to_fragment(), s.to_fragment(), "{model:?}");
            assert_eq!(back.model, model);
            assert_eq!(back.epoch, 0);
        }
    }

    #[test]
    fn a_network_link_carries_its_epoch() {
        let s = SharedState {
            model: ModelKind::NeuralNetwork,
            epoch: 250,
            ..SharedState::default()
        };
        assert!(s.to_fragment().contains("epoch=250"));
        assert_eq!(SharedState::parse(&s.to_fragment()).unwrap().epoch, 250);
        assert!(SharedState::parse("epoch=999999999").is_err());
    }

    #[test]
    fn drawn_points_travel_packed() {
        let points = vec![
            (-5.5, 2.25, 0),
            (1.0, -0.125, 2),
            (snap_to_link_grid(1.23456), snap_to_link_grid(-4.0001), 1),
        ];
        let s = SharedState {
            dataset: DatasetChoice::Drawn,
            points: points.clone(),
            ..SharedState::default()
        };
        let f = s.to_fragment();
        let packed = f
            .split('&')
            .find_map(|kv| kv.strip_prefix("points="))
            .unwrap();
        assert!(packed.len() <= 7 * points.len(), "{packed}");
        assert_eq!(SharedState::parse(&f).unwrap().points, points);
    }

    #[test]
    fn a_hand_written_link_sets_only_what_it_names() {
        let s = SharedState::parse("#data=circle&model=svm&kernel=rbf&C=10").unwrap();
        assert_eq!(s.dataset, DatasetChoice::Generated(GeneratorKind::Circle));
        assert_eq!((s.kernel, s.c), (KernelKind::Rbf, 10.0));
        assert_eq!(s.seed, SharedState::default().seed);
        assert_eq!(SharedState::parse("").unwrap(), SharedState::default());
    }

    #[test]
    fn malformed_or_hostile_fragments_are_rejected_with_a_reason() {
        for (fragment, says) in [
            ("data=nowhere", "data=nowhere"),
            ("data=imported", "not a dataset"),
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
        ] {
            let err = SharedState::parse(fragment).unwrap_err();
            assert!(err.contains(says), "{fragment}: {err}");
        }
        assert!(SharedState::parse(&"x".repeat(30_000)).is_err());
    }
}
