//! Bit-for-bit regression guard for MLP training: the exact weights, loss history,
//! full gradient and grid outputs of a range of configurations (both semantics, every
//! activation and output, every optimizer and regularization, batch sizes that do and do
//! not divide the data, edits between steps), hashed. The expected hashes were written by
//! the per-sample implementation; a faster training loop must reproduce them exactly, so
//! the weights stay identical natively and in wasm and saved experiments replay the same.

use hyperplane_core::datasets::{GeneratorKind, GeneratorParams};
use hyperplane_core::features::{expand, FeatureTransform};
use hyperplane_core::grid::{GridOutput, GridSpec};
use hyperplane_core::nn::{Activation, MlpParams, MlpTrainer, Optimizer, Regularization};
use hyperplane_core::preprocess::train_test_split;
use hyperplane_core::{Dataset, Error};

/// FNV-1a over 64-bit words.
#[derive(Default)]
struct Hash(u64);

impl Hash {
    fn new() -> Self {
        Self(0xcbf2_9ce4_8422_2325)
    }
    fn word(&mut self, w: u64) {
        for b in w.to_le_bytes() {
            self.0 ^= u64::from(b);
            self.0 = self.0.wrapping_mul(0x0100_0000_01b3);
        }
    }
    fn f64s<'a>(&mut self, v: impl IntoIterator<Item = &'a f64>) {
        for x in v {
            self.word(x.to_bits());
        }
    }
}

fn classes(kind: GeneratorKind, n: usize, seed: u64) -> Dataset {
    let d = GeneratorParams::new(kind)
        .n_samples(n)
        .seed(seed)
        .noise(0.1)
        .generate()
        .unwrap();
    let s = train_test_split(d.n_samples(), 0.5, seed).unwrap();
    d.select(&s.train).unwrap()
}

fn values(n: usize) -> Dataset {
    GeneratorParams::new(GeneratorKind::RegGauss)
        .n_samples(n)
        .seed(3)
        .generate()
        .unwrap()
}

fn state(t: &mut MlpTrainer, h: &mut Hash) {
    for l in &t.network().layers {
        h.f64s(&l.w);
        h.f64s(&l.b);
    }
    h.f64s(t.loss_history());
    h.word(t.epoch());
}

fn grid(t: &MlpTrainer, h: &mut Hash) {
    let m = t.model();
    let spec = GridSpec {
        width: 13,
        height: 11,
        x_feature: 0,
        y_feature: 1,
        x_range: (-3.0, 3.0),
        y_range: (-2.5, 2.5),
        base: vec![0.0; m.n_features()],
    };
    let (mut out, mut neurons) = (GridOutput::new(), Vec::new());
    m.surface_and_neurons(&spec, &mut out, Some(&mut neurons))
        .unwrap();
    for v in &neurons {
        h.word(u64::from(v.to_bits()));
    }
    for (l, m) in out.label.iter().zip(&out.margin) {
        h.word(u64::from(*l));
        h.word(u64::from(m.to_bits()));
    }
}

/// Trains `t` for `epochs` in steps of `chunk`, hashing as it goes, then the full
/// gradient and loss.
fn run(mut t: MlpTrainer, epochs: u64, chunk: u64) -> (u64, u64) {
    let mut h = Hash::new();
    let mut done = 0;
    while done < epochs {
        let k = chunk.min(epochs - done);
        t.step(k).unwrap();
        done += k;
        state(&mut t, &mut h);
    }
    let g = t.full_gradient();
    h.f64s(&g);
    h.word(t.full_loss().to_bits());
    let mut gh = Hash::new();
    grid(&t, &mut gh);
    (h.0, gh.0)
}

fn cases() -> Vec<(&'static str, u64, u64)> {
    let circle = classes(GeneratorKind::Circle, 500, 1);
    let xor = classes(GeneratorKind::Xor, 300, 2);
    let moons = classes(GeneratorKind::Moons, 200, 5);
    let blobs = classes(GeneratorKind::Blobs, 180, 4);
    let spiral = classes(GeneratorKind::Spiral, 240, 6);
    let reg = values(150);
    let pg = MlpParams::default().playground(true);
    let mut out = Vec::new();
    let mut push = |name, t: MlpTrainer, epochs, chunk| {
        let (a, b) = run(t, epochs, chunk);
        out.push((name, a, b));
    };
    let init = |p: &MlpParams, d: &Dataset| p.check().unwrap().init_classifier(d).unwrap();
    let init_r = |p: &MlpParams| p.check().unwrap().init_regressor(&reg).unwrap();

    push("pg_default_circle", init(&pg, &circle), 40, 7);
    push(
        "pg_6x8_circle",
        init(&pg.clone().hidden(vec![8; 6]), &circle),
        6,
        1,
    );
    push(
        "pg_batch7_xor",
        init(&pg.clone().batch_size(7).seed(3), &xor),
        15,
        4,
    );
    push(
        "pg_batch1_relu",
        init(&pg.clone().batch_size(1).activation(Activation::Relu), &xor),
        5,
        2,
    );
    push(
        "pg_sigmoid_l1_momentum",
        init(
            &pg.clone()
                .activation(Activation::Sigmoid)
                .regularization(Regularization::L1, 0.003)
                .optimizer(Optimizer::Sgd { momentum: 0.5 }),
            &spiral,
        ),
        12,
        5,
    );
    push(
        "pg_l2_linear_nohidden",
        init(
            &pg.clone()
                .hidden(vec![])
                .activation(Activation::Linear)
                .regularization(Regularization::L2, 0.01),
            &circle,
        ),
        8,
        3,
    );
    push(
        "pg_regression",
        init_r(&pg.clone().hidden(vec![5, 3]).batch_size(4)),
        10,
        10,
    );
    push(
        "default_moons_seed5",
        init(&MlpParams::default().seed(5), &moons),
        30,
        30,
    );
    push(
        "default_blobs_relu_momentum_l2",
        init(
            &MlpParams::default()
                .hidden(vec![6, 5])
                .activation(Activation::Relu)
                .optimizer(Optimizer::Sgd { momentum: 0.9 })
                .regularization(Regularization::L2, 0.001)
                .seed(2),
            &blobs,
        ),
        10,
        3,
    );
    push(
        "default_spiral_sigmoid_adam_l1",
        init(
            &MlpParams::default()
                .hidden(vec![5, 3, 4])
                .activation(Activation::Sigmoid)
                .optimizer(Optimizer::adam())
                .regularization(Regularization::L1, 0.0005)
                .batch_size(32)
                .seed(9),
            &spiral,
        ),
        10,
        4,
    );
    push(
        "default_xor_linear_batch1",
        init(
            &MlpParams::default()
                .activation(Activation::Linear)
                .batch_size(1),
            &xor,
        ),
        3,
        1,
    );
    push(
        "default_batch_over_n",
        init(
            &MlpParams::default().batch_size(1000).hidden(vec![3]),
            &moons,
        ),
        7,
        2,
    );
    push(
        "default_regression_adam_batch300",
        init_r(
            &MlpParams::default()
                .optimizer(Optimizer::adam())
                .batch_size(300)
                .hidden(vec![7]),
        ),
        9,
        2,
    );
    push(
        "default_wide_100",
        init(
            &MlpParams::default().hidden(vec![100, 3]).batch_size(64),
            &moons,
        ),
        3,
        1,
    );

    // Playground input features: the model expands the grid's raw points itself.
    let transforms = FeatureTransform::ALL.to_vec();
    let expanded = Dataset::new(
        expand(xor.x(), &transforms).unwrap(),
        xor.labels().unwrap().to_vec(),
        (0..transforms.len()).map(|i| format!("f{i}")).collect(),
        xor.class_names().to_vec(),
    )
    .unwrap();
    let mut t = init(&pg.clone().hidden(vec![3]), &expanded);
    t.set_input_transforms(transforms).unwrap();
    push("pg_input_transforms", t, 4, 2);

    // Edits between steps: a new learning rate, batch size and regularization, and a
    // weight set by hand, in the middle of a minibatch carried across epochs.
    let mut t = init(&pg.clone().batch_size(15), &circle);
    let mut h = Hash::new();
    t.step(3).unwrap();
    state(&mut t, &mut h);
    t.set_params(
        &pg.clone()
            .batch_size(4)
            .learning_rate(0.1)
            .regularization(Regularization::L2, 0.01),
    )
    .unwrap();
    t.step(2).unwrap();
    state(&mut t, &mut h);
    t.set_weight(1, 0, 2, 0.75).unwrap();
    t.set_params(
        &pg.clone()
            .batch_size(25)
            .regularization(Regularization::L1, 0.002),
    )
    .unwrap();
    t.step(4).unwrap();
    state(&mut t, &mut h);
    let mut gh = Hash::new();
    grid(&t, &mut gh);
    out.push(("edits_between_steps", h.0, gh.0));

    // Divergence: the epoch it is reported at.
    let mut t = MlpParams::default()
        .activation(Activation::Relu)
        .hidden(vec![8, 8])
        .learning_rate(1e6)
        .check()
        .unwrap()
        .init_regressor(&reg)
        .unwrap();
    let err = (0..200).find_map(|_| t.step(1).err());
    let Some(Error::Diverged { epoch, .. }) = err else {
        panic!("{err:?}")
    };
    out.push(("diverges", epoch, 0));
    out
}

/// (case, training state, grid outputs).
#[rustfmt::skip]
const EXPECTED: &[(&str, u64, u64)] = &[
    ("pg_default_circle", 0x36fc49c6e8bc397b, 0x275212db3a78f25e),
    ("pg_6x8_circle", 0x61c5ec46acba6705, 0xcfe73e796420c7ad),
    ("pg_batch7_xor", 0x544fc572db16b859, 0x36fbbdf67dd5ec49),
    ("pg_batch1_relu", 0x94be206726433be0, 0x574081384aa796ec),
    ("pg_sigmoid_l1_momentum", 0x858ff6da9b7a9497, 0xf79f39628f201558),
    ("pg_l2_linear_nohidden", 0x8c4f7366f90137c5, 0x6a73aa0348fbcf34),
    ("pg_regression", 0x2fd3ac595ca8d7ea, 0x2d10eb2b40f2cf16),
    ("default_moons_seed5", 0x845af2ef4da70eff, 0xb8e7f8346b39fb43),
    ("default_blobs_relu_momentum_l2", 0xeba4282687651de8, 0x0ecadc2e7847a5f0),
    ("default_spiral_sigmoid_adam_l1", 0x076d70d53fd78e4f, 0x18972ff6ba8352dc),
    ("default_xor_linear_batch1", 0xebf60e654eac9986, 0xe22284a2baaebb72),
    ("default_batch_over_n", 0x4217a25f098ae32a, 0xf2670248ea4edbbe),
    ("default_regression_adam_batch300", 0x8ea7cc17d75fd6ac, 0x60e8112b3decf7e4),
    ("default_wide_100", 0x29028f4780e0207a, 0x3ab73cbdcc04e260),
    ("pg_input_transforms", 0xbe778fb51bec97f6, 0xbd5c733f95ff1898),
    ("edits_between_steps", 0x372781b7b9aaca54, 0x74cf21e04a4245d0),
    ("diverges", 0x0000000000000001, 0x0000000000000000),
];

#[test]
fn training_is_bit_for_bit_unchanged() {
    let got = cases();
    let listing: String = got
        .iter()
        .map(|(n, a, b)| format!("    (\"{n}\", {a:#018x}, {b:#018x}),\n"))
        .collect();
    println!("{listing}");
    assert_eq!(got.len(), EXPECTED.len(), "\n{listing}");
    for ((n, a, _), (en, ea, _)) in got.iter().zip(EXPECTED) {
        assert_eq!((n, a), (en, ea), "training state of {n} changed\n{listing}");
    }
    for ((n, _, b), (en, _, eb)) in got.iter().zip(EXPECTED) {
        assert_eq!((n, b), (en, eb), "grid outputs of {n} changed\n{listing}");
    }
}
