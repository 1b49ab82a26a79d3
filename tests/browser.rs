//! In-browser tests (wasm-bindgen-test in headless Chromium): the studio mounted for
//! real, driven through its DOM, and the engine giving in wasm what it gives natively.
#![cfg(target_arch = "wasm32")]

use hyperplane::App;
use hyperplane_core::datasets::iris;
use hyperplane_core::kernel::{Gamma, KernelKind};
use hyperplane_core::preprocess::split_and_standardize;
use hyperplane_core::svm::SvcParams;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{
    Document, Event, EventInit, HtmlCanvasElement, HtmlElement, HtmlInputElement, HtmlSelectElement,
};

wasm_bindgen_test_configure!(run_in_browser);

fn document() -> Document {
    web_sys::window()
        .and_then(|w| w.document())
        .expect("a document")
}

/// Lets effects run and the page settle: two animation frames (refits are coalesced to
/// one per frame) and zero-delay timeouts.
async fn settle() {
    for _ in 0..2 {
        let frame = js_sys::Promise::new(&mut |resolve, _| {
            let _ = web_sys::window()
                .expect("window")
                .request_animation_frame(&resolve);
        });
        let _ = wasm_bindgen_futures::JsFuture::from(frame).await;
        let promise = js_sys::Promise::new(&mut |resolve, _| {
            let _ = web_sys::window()
                .expect("window")
                .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 0);
        });
        let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
    }
}

fn text(host: &HtmlElement, testid: &str) -> String {
    host.query_selector(&format!("[data-testid='{testid}']"))
        .ok()
        .flatten()
        .and_then(|e| e.text_content())
        .unwrap_or_default()
}

fn fire(el: &HtmlElement, kind: &str) {
    let init = EventInit::new();
    init.set_bubbles(true);
    let ev = Event::new_with_event_init_dict(kind, &init).expect("event");
    el.dispatch_event(&ev).expect("dispatch");
}

fn surface_pixels(host: &HtmlElement) -> String {
    host.query_selector("canvas[aria-label='Decision boundary']")
        .ok()
        .flatten()
        .and_then(|c| c.dyn_into::<HtmlCanvasElement>().ok())
        .and_then(|c| c.to_data_url().ok())
        .unwrap_or_default()
}

/// A fresh element to mount a studio into; each test queries only inside its own host.
fn new_host() -> HtmlElement {
    let host: HtmlElement = document().create_element("div").unwrap().unchecked_into();
    host.style().set_property("width", "900px").unwrap();
    document().body().unwrap().append_child(&host).unwrap();
    host
}

#[wasm_bindgen_test]
async fn studio_shows_accuracy_and_retrains_when_the_kernel_changes() {
    let host = new_host();
    let handle = leptos::mount::mount_to(host.clone(), App);
    settle().await;
    assert_eq!(text(&host, "test-accuracy"), "83.3%");
    assert_eq!(text(&host, "support-vectors"), "65");
    let before = surface_pixels(&host);
    assert!(before.len() > 1000, "the surface was drawn");

    let kernel: HtmlSelectElement = host
        .query_selector("#kernel")
        .unwrap()
        .unwrap()
        .unchecked_into();
    kernel.set_value("rbf");
    fire(&kernel, "change");
    settle().await;
    assert_ne!(text(&host, "support-vectors"), "65");
    assert_ne!(surface_pixels(&host), before);
    drop(handle);
}

#[wasm_bindgen_test]
async fn a_burst_of_slider_events_refits_once_per_frame() {
    let host = new_host();
    let handle = leptos::mount::mount_to(host.clone(), App);
    settle().await;
    let fits = || text(&host, "fit-count").parse::<u64>().unwrap_or(0);
    let before = fits();
    let c: HtmlInputElement = host.query_selector("#c").unwrap().unwrap().unchecked_into();
    for pos in ["100", "200", "300", "500", "700"] {
        c.set_value(pos);
        fire(&c, "input");
    }
    settle().await;
    assert_eq!(
        fits(),
        before + 1,
        "five input events in one frame, one fit"
    );
    assert_eq!(
        host.query_selector("#c-value")
            .unwrap()
            .unwrap()
            .text_content()
            .unwrap(),
        "31.6"
    );
    drop(handle);
}

#[wasm_bindgen_test]
async fn c_slider_ignores_garbage_and_applies_numbers() {
    let host = new_host();
    let handle = leptos::mount::mount_to(host.clone(), App);
    settle().await;
    let c: HtmlInputElement = host.query_selector("#c").unwrap().unwrap().unchecked_into();
    let output = || {
        host.query_selector("#c-value")
            .unwrap()
            .unwrap()
            .text_content()
            .unwrap()
    };
    assert_eq!(output(), "1.00");
    // A range input sanitizes its value; the handler must also cope with anything.
    c.set_value("not a number");
    fire(&c, "input");
    settle().await;
    assert!(output().parse::<f64>().is_ok());
    c.set_value("1000");
    fire(&c, "input");
    settle().await;
    assert_eq!(output(), "1000");
    drop(handle);
}

/// A leaf component mounted alone, fed through its props: the scores panel shows the
/// classifier it is given, dashes when there is none, and a regressor's R² and MSE.
#[wasm_bindgen_test]
async fn scores_panel_shows_the_model_it_is_given() {
    use hyperplane::components::scores_panel::ScoresPanel;
    use hyperplane::training::train;
    use hyperplane_core::datasets::{GeneratorKind, GeneratorParams};
    use hyperplane_core::model::ModelParams;
    use hyperplane_core::svm::SvrParams;
    use leptos::prelude::*;
    use std::sync::Arc;

    let host = new_host();
    let iris = Arc::new(split_and_standardize(&iris().unwrap(), 0.8, 42).unwrap());
    let linear = ModelParams::Svc(SvcParams::default().kernel(KernelKind::Linear));
    let fitted = train(&iris, &linear, &[0, 1, 2, 3], || 0.0).unwrap();
    let trained = RwSignal::new(Ok::<_, String>(Arc::new(fitted)));
    let data = RwSignal::new(Ok::<_, String>(iris));
    let values = RwSignal::new(false);
    let handle = leptos::mount::mount_to(host.clone(), move || {
        view! { <ScoresPanel trained=trained data=data values=values/> }
    });
    settle().await;
    // scikit-learn's SVC(kernel="linear") on this split: 93.3 %, 23 support vectors.
    assert_eq!(text(&host, "test-accuracy"), "93.3%");
    assert_eq!(text(&host, "support-vectors"), "23");
    assert!(text(&host, "support-vectors-per-class")
        .starts_with("Support vectors per class: setosa: 2"));
    trained.set(Err("no model".into()));
    settle().await;
    assert_eq!(text(&host, "test-accuracy"), "–");
    assert_eq!(text(&host, "support-vectors"), "");

    let plane = GeneratorParams::new(GeneratorKind::RegPlane)
        .n_samples(100)
        .generate();
    let plane = Arc::new(split_and_standardize(&plane.unwrap(), 0.5, 1).unwrap());
    let svr = ModelParams::Svr(SvrParams::default().kernel(KernelKind::Linear));
    let fitted = train(&plane, &svr, &[0, 1], || 0.0).unwrap();
    let r2 = format!("{:.3}", fitted.errors().unwrap().1.unwrap().r2);
    data.set(Ok(plane));
    trained.set(Ok(Arc::new(fitted)));
    values.set(true);
    settle().await;
    assert_eq!(text(&host, "test-r2"), r2);
    assert_eq!(text(&host, "test-accuracy"), "");
    drop(handle);
}

/// Same data, same parameters: the engine in wasm gives what it gives natively (the
/// native test suite checks these same numbers against scikit-learn).
#[wasm_bindgen_test]
fn svc_in_wasm_matches_the_scikit_learn_reference() {
    let reference: serde_json::Value = serde_json::from_str(include_str!(
        "../crates/hyperplane-core/tests/fixtures/svc_reference.json"
    ))
    .unwrap();
    let data = split_and_standardize(&iris().unwrap(), 0.8, 42).unwrap();
    let mut checked = 0;
    for case in reference["cases"].as_array().unwrap() {
        if case["dataset"] != "iris_split" {
            continue;
        }
        let p = &case["params"];
        let gamma = match &p["gamma"] {
            serde_json::Value::Number(n) => Gamma::Value(n.as_f64().unwrap()),
            serde_json::Value::String(s) if s == "auto" => Gamma::Auto,
            _ => Gamma::Scale,
        };
        let model = SvcParams::default()
            .kernel(KernelKind::from_name(p["kernel"].as_str().unwrap()).unwrap())
            .c(p["C"].as_f64().unwrap())
            .gamma(gamma)
            .degree(p["degree"].as_u64().unwrap_or(3) as u32)
            .coef0(p["coef0"].as_f64().unwrap_or(0.0))
            .check()
            .unwrap()
            .fit(&data.train)
            .unwrap();
        let want: Vec<usize> = case["n_support"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_u64().unwrap() as usize)
            .collect();
        assert_eq!(model.n_support(), &want[..]);
        let dec = model.decision_function(data.test.x()).unwrap();
        for (i, row) in case["decision"].as_array().unwrap().iter().enumerate() {
            for (j, v) in row.as_array().unwrap().iter().enumerate() {
                assert!((dec[[i, j]] - v.as_f64().unwrap()).abs() < 1e-3);
            }
        }
        checked += 1;
    }
    assert!(checked >= 8);
}

/// The native tests' datasets and fingerprint code, compiled here to wasm as they are.
#[path = "../crates/hyperplane-core/tests/common/parity_sets.rs"]
mod parity_sets;

/// The generators and solvers give bit-for-bit what they give natively: the fixtures
/// were written by the native build (`cargo run -p hyperplane-core --example
/// export_fixtures`) with the very code run here.
#[wasm_bindgen_test]
fn same_seed_gives_identical_numbers_in_wasm_and_natively() {
    let moons = parity_sets::parity_sets()[0].1.generate().unwrap();
    assert_eq!(
        parity_sets::to_csv(&moons),
        include_str!("../crates/hyperplane-core/tests/fixtures/moons.csv")
    );
    let want = include_str!("../crates/hyperplane-core/tests/fixtures/fingerprint.txt");
    let got = parity_sets::fingerprint();
    assert_eq!(got.lines().count(), want.lines().count());
    for (g, w) in got.lines().zip(want.lines()) {
        let part = w.split(' ').next().unwrap_or_default();
        assert!(g == w, "{part} differs between wasm and the native build");
    }
}

/// Hostile model files the page may be handed, validated in wasm32, where `usize` is 32
/// bits: class-pair counts that overflow it, a network layer whose size product
/// overflows it, a linear SVM listing 100,000 classes. Each is refused with an error; none
/// panics (these tests run unoptimized, where an overflow would panic) or allocates for
/// the counts it claims.
#[wasm_bindgen_test]
fn hostile_model_files_are_refused_in_wasm32_without_overflow() {
    use hyperplane_core::kernel::Kernel;
    use hyperplane_core::nn::{Layer, Network, OutputKind};
    use hyperplane_core::svm::{LinearSvm, Svc, SvcParts};
    use ndarray::Array2;

    // 70,000 classes make 2.4·10⁹ pairs: 70,000 × 69,999 does not fit 32 bits.
    let k = 70_000;
    let svc = Svc::from_parts(SvcParts {
        kernel: Kernel::Linear,
        classes: (0..k).collect(),
        class_names: (0..k).map(|i| i.to_string()).collect(),
        support_vectors: Array2::zeros((0, 2)),
        support_indices: Vec::new(),
        n_support: vec![0; k],
        dual_coef: Array2::zeros((0, 0)),
        rho: Vec::new(),
        converged: true,
        iterations: 0,
    });
    assert!(svc.is_err());
    let linear = LinearSvm {
        classes: (0..100_000).collect(),
        class_names: (0..100_000).map(|i| i.to_string()).collect(),
        pairs: Vec::new(),
        w: Array2::zeros((0, 2)),
        b: Vec::new(),
    };
    assert!(linear.validate().is_err());
    // 65,536 × 65,536 wraps to 0 in 32 bits: an empty weight list must not pass for it.
    let net = Network {
        layers: vec![Layer {
            inputs: 65_536,
            outputs: 65_536,
            w: Vec::new(),
            b: vec![0.0; 65_536],
        }],
        hidden_activation: hyperplane_core::nn::Activation::Tanh,
        output: OutputKind::Softmax,
    };
    assert!(net.validate().is_err());
}

/// A model's controls mounted alone, over a store of their own settings: the SVM's
/// epsilon appears only on values, its degree only for the poly kernel, and a slider
/// writes the field it was given.
#[wasm_bindgen_test]
async fn svm_controls_write_the_settings_they_are_given() {
    use hyperplane::models::svm::{SvmControls, SvmSettings, SvmSettingsStoreFields};
    use leptos::prelude::*;
    use reactive_stores::Store;

    let host = new_host();
    let settings = Store::new(SvmSettings::default());
    let values = RwSignal::new(false);
    let gamma_used = RwSignal::new(Some(0.5));
    let handle = leptos::mount::mount_to(host.clone(), move || {
        view! {
            <SvmControls settings=settings.into() values=values.into() gamma_used=gamma_used.into()/>
        }
    });
    settle().await;
    let has = |sel: &str| host.query_selector(sel).unwrap().is_some();
    assert!(has("#c") && !has("#epsilon") && !has("#degree"));
    // Gamma shows the number the fit used while it is `scale`.
    let gamma = host.query_selector("#gamma-value").unwrap().unwrap();
    assert_eq!(gamma.text_content().unwrap(), "0.500 (scale)");
    let c: HtmlInputElement = host.query_selector("#c").unwrap().unwrap().unchecked_into();
    c.set_value("1000");
    fire(&c, "input");
    settle().await;
    assert_eq!(settings.c().get_untracked(), 1000.0);
    values.set(true);
    settings.kernel().set(KernelKind::Poly);
    settle().await;
    assert!(has("#epsilon") && has("#degree"));
    let kernel: HtmlSelectElement = host
        .query_selector("#kernel")
        .unwrap()
        .unwrap()
        .unchecked_into();
    assert_eq!(kernel.value(), "poly");
    drop(handle);
}

#[path = "../crates/hyperplane-formats/tests/common/mutate.rs"]
mod mutate;

/// The no-panic properties in wasm, where `usize` is 32 bits and overflow in a release
/// build wraps: the structured ones (crates/hyperplane-core/tests/mutations.rs and the
/// link parser's: a versions file, a model file, a table and a link, each with one field
/// made hostile) and the random-input ones (text through every reader, random matrices
/// through every model), 300 seeds each.
#[wasm_bindgen_test]
fn structured_mutations_never_panic_in_wasm() {
    use hyperplane::settings::fragment::Link;
    for seed in 0..300 {
        mutate::versions_case(seed);
        mutate::model_case(seed);
        mutate::table_case(seed);
        mutate::random_case(seed);
        mutate::link_case(seed, |fragment| {
            Link::parse(fragment).map(|link| {
                assert!(link.settings.check().is_ok(), "{fragment}");
                link.to_fragment()
            })
        });
    }
}

/// The surface's pixels as RGBA bytes, drawn from `trained` over `data`.
fn surface_rgba(
    canvas: &HtmlCanvasElement,
    data: &hyperplane_core::preprocess::Prepared,
    trained: &hyperplane::training::Trained,
    buffers: &mut hyperplane::render::surface_canvas::SurfaceBuffers,
    reuse_overlay: bool,
) -> Vec<u8> {
    use hyperplane::render::surface_canvas::{draw_surface, Scene};
    let scene = Scene {
        plotted: hyperplane::render::Plotted {
            data,
            trained,
            x: 0,
            y: 1,
            show_test: true,
        },
        discretize: false,
        fixed_extent: None,
        units: None,
        reuse_overlay,
    };
    draw_surface(canvas, &scene, buffers, || 0.0).expect("drawn");
    let ctx: web_sys::CanvasRenderingContext2d =
        canvas.get_context("2d").unwrap().unwrap().unchecked_into();
    let (w, h) = (canvas.width() as f64, canvas.height() as f64);
    ctx.get_image_data(0.0, 0.0, w, h).unwrap().data().0
}

/// While the network plays, the axes and points are drawn once and copied over each
/// frame. That picture is the one drawn straight (up to the anti-aliasing's rounding),
/// and other data never shows the old points: the cache follows what it shows.
#[wasm_bindgen_test]
fn a_reused_overlay_draws_what_a_direct_drawing_draws_and_follows_the_data() {
    use hyperplane::training::train;
    use hyperplane_core::model::ModelParams;
    let canvas: HtmlCanvasElement = document()
        .create_element("canvas")
        .unwrap()
        .unchecked_into();
    canvas.style().set_property("width", "420px").unwrap();
    canvas.style().set_property("height", "320px").unwrap();
    canvas.style().set_property("display", "block").unwrap();
    document().body().unwrap().append_child(&canvas).unwrap();
    let params = ModelParams::Svc(SvcParams::default());
    let mut buffers = Default::default();
    // The second seed is drawn with the first one's cache: a stale overlay would put
    // the first split's points over the second's picture.
    for seed in [42, 7] {
        let data = split_and_standardize(&iris().unwrap(), 0.8, seed).unwrap();
        let trained = train(&data, &params, &[0, 1], || 0.0).unwrap();
        let direct = surface_rgba(&canvas, &data, &trained, &mut buffers, false);
        let reused = surface_rgba(&canvas, &data, &trained, &mut buffers, true);
        // Drawn a second time from the cache, it is the same picture.
        let again = surface_rgba(&canvas, &data, &trained, &mut buffers, true);
        assert_eq!(reused, again);
        assert_eq!(direct.len(), reused.len());
        let far = direct
            .iter()
            .zip(&reused)
            .filter(|(a, b)| a.abs_diff(**b) > 24)
            .count();
        assert!(
            far < direct.len() / 2000,
            "{far} channels differ by more than 24"
        );
        // Points were drawn at all (dark outlines on the pale surface).
        assert!(
            reused
                .chunks(4)
                .filter(|p| p[0] < 100 && p[3] == 255)
                .count()
                > 300
        );
    }
    canvas.remove();
}
