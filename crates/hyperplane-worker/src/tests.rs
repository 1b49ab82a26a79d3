//! The worker's answers, checked natively against the engine called directly.

use super::*;
use hyperplane_core::datasets::{GeneratorKind, GeneratorParams};
use hyperplane_core::preprocess::split_and_standardize;

/// `job` sent to a fresh worker as the page sends it (its bulk data beside the JSON),
/// and the answer read as the page reads it (bulk put back), with what the worker told
/// on the way.
fn through_messages(
    mut job: ToWorker,
    now: impl Fn() -> f64,
) -> (FromWorker, Option<GridOutput>, Vec<String>) {
    let bulk = job.take_bulk();
    let mut told = Vec::new();
    let reply = Worker::default()
        .handle_text(&serde_json::to_string(&job).unwrap(), bulk, now, &mut |t| {
            told.push(t)
        })
        .unwrap();
    let mut message: FromWorker = serde_json::from_str(&reply.text).unwrap();
    message.attach_bulk(reply.bulk);
    (message, reply.grid, told)
}

fn job(session: u64) -> (TrainJob, MlpTrainer) {
    let data = GeneratorParams::new(GeneratorKind::Circle)
        .n_samples(200)
        .generate()
        .unwrap();
    let data = split_and_standardize(&data, 0.5, 7).unwrap();
    let params = MlpParams::default().hidden(vec![4, 2]).seed(3);
    let inputs = vec![FeatureTransform::X1, FeatureTransform::X2];
    let p = ModelParams::Mlp {
        params: params.clone(),
        inputs: inputs.clone(),
    };
    let mut trainer = p.trainer(&data.train).unwrap();
    trainer.step(5).unwrap();
    let job = TrainJob {
        session,
        train: data.train.clone(),
        test: data.test.clone(),
        params,
        inputs,
        model: trainer.model(),
        state: trainer.state(),
        epoch: trainer.epoch(),
    };
    (job, trainer)
}

/// Through the messages, as text, the worker continues the page's run exactly:
/// 5 epochs on the page, then 3 + 4 in the worker, equal 12 straight.
#[test]
fn the_worker_continues_the_run_bit_for_bit() {
    let (job, mut direct) = job(9);
    let mut worker = Worker::default();
    let send = |w: &mut Worker, m: &ToWorker| {
        w.handle_text(
            &serde_json::to_string(m).unwrap(),
            Vec::new(),
            || 0.0,
            &mut |_| {},
        )
        .map(|r| serde_json::from_str::<FromWorker>(&r.text).unwrap())
    };
    assert_eq!(send(&mut worker, &ToWorker::Train(Box::new(job))), None);
    let frame = |max_epochs| ToWorker::Frame {
        session: 9,
        budget_ms: 1e9,
        max_epochs,
        grid: None,
    };
    send(&mut worker, &frame(3)).unwrap();
    let Some(FromWorker::Frame(f)) = send(&mut worker, &frame(4)) else {
        panic!("a frame")
    };
    direct.step(7).unwrap();
    assert_eq!(f.epoch, 12);
    assert_eq!(f.model, direct.model());
    assert_eq!(f.state, direct.state());
    assert_eq!(Some(f.train_loss), direct.loss_history().last().copied());
    // An older session's frame request is not answered.
    assert_eq!(
        send(
            &mut worker,
            &ToWorker::Frame {
                session: 8,
                budget_ms: 1.0,
                max_epochs: 1,
                grid: None
            }
        ),
        None
    );
    assert_eq!(send(&mut worker, &ToWorker::Stop), None);
    assert_eq!(send(&mut worker, &frame(1)), None);
}

/// The surface the worker sends is the one the page would have evaluated.
#[test]
fn the_worker_sends_the_surface_of_the_frame_it_trained() {
    let (job, mut direct) = job(2);
    let mut worker = Worker::default();
    worker.handle(ToWorker::Train(Box::new(job)), || 0.0);
    let spec = GridSpec {
        width: 30,
        height: 20,
        x_feature: 0,
        y_feature: 1,
        x_range: (-2.0, 2.0),
        y_range: (-1.5, 2.5),
        base: vec![0.0, 0.0],
    };
    let msg = ToWorker::Frame {
        session: 2,
        budget_ms: 1e9,
        max_epochs: 6,
        grid: Some(spec.clone()),
    };
    let Reply {
        message: FromWorker::Frame(f),
        grid: Some(out),
    } = worker.handle(msg, || 0.0).unwrap()
    else {
        panic!("a frame with its surface")
    };
    direct.step(6).unwrap();
    let mut expected = GridOutput::new();
    direct.model().evaluate_grid(&spec, &mut expected).unwrap();
    assert_eq!(f.grid, Some(spec));
    assert_eq!((out.label, out.margin), (expected.label, expected.margin));
}

/// A fit job gives the model a direct fit gives, and its surface; k-NN's k is cut to
/// the training points; the network trains the epochs asked for.
#[test]
fn a_fit_job_fits_and_draws_as_the_page_would() {
    use hyperplane_core::neighbors::KnnParams;
    let data = GeneratorParams::new(GeneratorKind::Moons)
        .n_samples(120)
        .generate()
        .unwrap();
    let data = split_and_standardize(&data, 0.5, 1).unwrap();
    let grid = GridSpec {
        width: 20,
        height: 16,
        x_feature: 0,
        y_feature: 1,
        x_range: (-2.0, 2.0),
        y_range: (-2.0, 2.0),
        base: vec![0.0, 0.0],
    };
    let job = |params: ModelParams, epochs| FitJob {
        job: 5,
        train: data.train.clone(),
        params,
        epochs,
        grid: grid.clone(),
    };
    let many = ModelParams::Knn(KnnParams::default().k(500));
    let Reply {
        message: FromWorker::Fitted(f),
        grid: Some(out),
    } = fit_job(&job(many, 0), || 0.0)
    else {
        panic!("a fitted model")
    };
    let all = ModelParams::Knn(KnnParams::default().k(60))
        .fit(&data.train)
        .unwrap();
    let mut expected = GridOutput::new();
    all.evaluate_grid(&grid, &mut expected).unwrap();
    assert_eq!((f.job, &f.model), (5, &all));
    assert_eq!(out.label, expected.label);
    let mlp = ModelParams::Mlp {
        params: MlpParams::default().seed(2),
        inputs: Vec::new(),
    };
    let mut direct = mlp.trainer(&data.train).unwrap();
    direct.step(40).unwrap();
    let Reply {
        message: FromWorker::Fitted(f),
        ..
    } = fit_job(&job(mlp, 40), || 0.0)
    else {
        panic!("a trained network")
    };
    assert_eq!(f.model, FittedModel::Mlp(direct.model()));
    let bad = ModelParams::Knn(KnnParams::default().k(0));
    assert!(matches!(
        fit_job(&job(bad, 0), || 0.0).message,
        FromWorker::FitFailed { job: 5, .. }
    ));
}

#[test]
fn a_bad_job_or_message_is_answered_with_a_reason() {
    let (mut job, _) = job(4);
    job.params = job.params.hidden(vec![9, 9]);
    let mut worker = Worker::default();
    let Some(Reply {
        message: FromWorker::Failed { session, message },
        ..
    }) = worker.handle(ToWorker::Train(Box::new(job)), || 0.0)
    else {
        panic!("a failure")
    };
    assert_eq!(session, 4);
    assert!(message.contains("match"), "{message}");
    let reply = worker
        .handle_text("{\"nonsense\":1}", Vec::new(), || 0.0, &mut |_| {})
        .unwrap()
        .text;
    assert!(reply.contains("could not read"), "{reply}");
}

/// A sweep job's scores, through the messages as text, equal the engine's
/// cross-validation called directly; a point that cannot be fitted says why and leaves
/// the others scored.
#[test]
fn a_sweep_job_scores_each_point_by_folds_or_on_the_test_part() {
    use hyperplane_core::model_selection::{cross_validate, kfold, Validation};
    use hyperplane_core::neighbors::KnnParams;
    let data = GeneratorParams::new(GeneratorKind::Moons)
        .n_samples(120)
        .generate()
        .unwrap();
    let data = split_and_standardize(&data, 0.75, 1).unwrap();
    let knn = |k| ModelParams::Knn(KnnParams::default().k(k));
    let points = vec![
        ScorePoint {
            params: knn(3),
            epochs: 0,
            size: None,
        },
        ScorePoint {
            params: knn(500),
            epochs: 0,
            size: Some(40),
        },
        ScorePoint {
            params: knn(0),
            epochs: 0,
            size: None,
        },
    ];
    for folds in [0, 5] {
        let job = ScoreJob {
            job: 11,
            train: data.train.clone(),
            test: data.test.clone(),
            folds,
            points: points.clone(),
        };
        let text = serde_json::to_string(&ToWorker::Score(Box::new(job))).unwrap();
        let TextReply {
            text: reply, grid, ..
        } = Worker::default()
            .handle_text(&text, Vec::new(), || 0.0, &mut |_| {})
            .unwrap();
        assert!(grid.is_none());
        let FromWorker::Scored(s) = serde_json::from_str(&reply).unwrap() else {
            panic!("not scored: {reply}");
        };
        assert_eq!(s.job, 11);
        let split = kfold(data.train.n_samples(), 5).unwrap();
        let validation = if folds == 0 {
            Validation::Holdout(&data.test)
        } else {
            Validation::Folds(&split)
        };
        let direct = cross_validate(&data.train, validation, None, |d| knn(3).fit(d)).unwrap();
        assert_eq!(s.scores[0].as_ref().unwrap(), &direct);
        assert_eq!(s.scores[0].as_ref().unwrap().test.len(), folds.max(1));
        // k above the rows means all of them, as in the studio.
        let all = s.scores[1].as_ref().unwrap();
        assert!(all.train.iter().all(|v| (0.0..=1.0).contains(v)));
        assert!(
            s.scores[2].as_ref().unwrap_err().contains('k'),
            "{:?}",
            s.scores[2]
        );
    }
}

/// A file read through the messages as the page sends it: the bytes beside the JSON, the
/// table's arrays beside the answer, progress on the way; the table is the one the page
/// would read itself.
#[test]
fn a_file_is_read_through_the_messages_with_progress() {
    let mut csv = String::from("id,x,kind,label\n");
    for i in 0..30_000 {
        csv.push_str(&format!("id{i},{},k{},{}\n", i as f64 / 3.0, i % 4, i % 2));
    }
    let job = ToWorker::Read(Box::new(ReadJob {
        job: 8,
        bytes: csv.clone().into_bytes(),
        encoding: None,
        decoded: false,
        dialect: None,
    }));
    let clock = std::cell::Cell::new(0.0);
    let now = || {
        clock.set(clock.get() + 100.0);
        clock.get()
    };
    let (message, _, told) = through_messages(job, now);
    assert!(!told.is_empty());
    for t in &told {
        let FromWorker::Progress { job: 8, done } = serde_json::from_str(t).unwrap() else {
            panic!("{t}")
        };
        assert!((0.0..=1.0).contains(&done));
    }
    assert_eq!(message.job(), Some(8));
    let FromWorker::TableRead(read) = message else {
        panic!("not a table")
    };
    let read = read.into_read();
    let direct = hyperplane_core::table::read(&csv, read.dialect).unwrap();
    assert_eq!(format!("{:?}", read.table.unwrap()), format!("{direct:?}"));
    assert_eq!(read.profiles.len(), 4);
}

/// A kernel SVM sees at most MAX_SVM_POINTS training points, the first ones (a random
/// sample of a shuffled part); other models see them all.
#[test]
fn kernel_svms_are_fitted_on_a_sample_of_a_big_training_part() {
    use hyperplane_core::svm::SvcParams;
    use hyperplane_core::tree::TreeParams;
    let data = GeneratorParams::new(GeneratorKind::Moons)
        .n_samples(MAX_SVM_POINTS + 300)
        .noise(0.3)
        .generate()
        .unwrap();
    let svc = ModelParams::Svc(SvcParams::default());
    assert_eq!(fitted_points(&svc, data.n_samples()), MAX_SVM_POINTS);
    let first: Vec<usize> = (0..MAX_SVM_POINTS).collect();
    let sample = data.select(&first).unwrap();
    assert_eq!(
        fit_model(&svc, &data, 0).unwrap(),
        fit_model(&svc, &sample, 0).unwrap()
    );
    let tree = ModelParams::Tree(TreeParams::default());
    assert_eq!(fitted_points(&tree, data.n_samples()), data.n_samples());
    assert_ne!(
        fit_model(&tree, &data, 0).unwrap(),
        fit_model(&tree, &sample, 0).unwrap()
    );
}

/// The studio's fit in a worker, through the messages as text: the same model and
/// scores as fitting and scoring directly, and the surface over the page's grid with as
/// many cells as the page draws for this model.
#[test]
fn a_studio_job_fits_scores_and_draws_as_the_page_would() {
    use hyperplane_core::grid::GridSpec;
    use hyperplane_core::neighbors::KnnParams;
    let data = GeneratorParams::new(GeneratorKind::Moons)
        .n_samples(300)
        .noise(0.2)
        .generate()
        .unwrap();
    let data = split_and_standardize(&data, 0.7, 2).unwrap();
    let params = ModelParams::Knn(KnnParams::default().k(30));
    let drawn = GridSpec {
        width: 240,
        height: 225,
        x_feature: 0,
        y_feature: 1,
        x_range: (-2.0, 2.0),
        y_range: (-2.0, 2.0),
        base: vec![0.0, 0.0],
    };
    let job = ToWorker::Studio(Box::new(StudioJob {
        job: 5,
        train: Table::new(&data.train),
        test: Some(Table::new(&data.test)),
        params: params.clone(),
        grid: Some((drawn, (480.0, 450.0))),
    }));
    // The features travel beside the JSON, as the page sends them.
    assert_eq!(job.clone().take_bulk().len(), 2);
    let (message, grid, _) = through_messages(job, || 0.0);
    let FromWorker::StudioFitted(f) = message else {
        panic!("not fitted: {message:?}")
    };
    let (model, s, _) = f.result.unwrap();
    let direct = fit_model(&params, &data.train, 0).unwrap();
    assert_eq!(model, direct);
    assert_eq!(s, scores(&direct, &data.train, Some(&data.test)).unwrap());
    // k-NN with 30 neighbours is drawn at 4 CSS pixels a cell.
    let spec = f.grid.unwrap();
    assert_eq!((spec.width, spec.height), (120, 113));
    let mut out = hyperplane_core::grid::GridOutput::new();
    direct.evaluate_grid(&spec, &mut out).unwrap();
    assert_eq!(grid.unwrap(), out);
}

/// A studio job whose features arrive cut short is refused, not a panic.
#[test]
fn a_studio_job_with_damaged_features_is_refused() {
    let data = GeneratorParams::new(GeneratorKind::Moons)
        .n_samples(50)
        .generate()
        .unwrap();
    let mut train = Table::new(&data);
    train.x.truncate(7);
    let job = StudioJob {
        job: 1,
        train,
        test: None,
        params: ModelParams::Tree(Default::default()),
        grid: None,
    };
    let FromWorker::StudioFitted(f) = studio_job(job, || 0.0).message else {
        panic!("no answer")
    };
    assert!(f.result.unwrap_err().contains("damaged"));
}

/// Through the messages, with the bytes and the matrix beside the JSON: a recipe applied
/// in the worker makes the same data, encoder and report as applying it on the page.
#[test]
fn a_recipe_applied_in_the_worker_makes_the_same_data() {
    use hyperplane_core::table::{self, Recipe};
    const PENGUINS: &[u8] = include_bytes!("../../../public/examples/penguins.csv");
    let (raw, _) = table::open(PENGUINS).unwrap();
    let recipe = Recipe::detect(&raw).unwrap();
    let direct = recipe.apply(&raw).unwrap();
    let job = ToWorker::Apply(Box::new(ApplyJob {
        read: ReadJob {
            job: 4,
            bytes: PENGUINS.to_vec(),
            encoding: None,
            decoded: false,
            dialect: Some(recipe.dialect),
        },
        recipe: recipe.clone(),
    }));
    assert!(matches!(job.clone().take_bulk()[..], [Bulk::U8(_)]));
    let (message, _, _) = through_messages(job, || 0.0);
    let FromWorker::Applied(a) = message else {
        panic!("not applied")
    };
    assert_eq!(a.job, 4);
    let d = a.result.unwrap();
    assert_eq!(d.data.dataset().unwrap(), direct.dataset);
    assert_eq!(d.encoder, direct.encoder);
    assert_eq!(d.report, direct.report.sentence(recipe.impute));
}

#[test]
fn a_table_of_some_features_is_those_columns_in_order() {
    let data = hyperplane_core::datasets::iris().unwrap();
    let table = Table::of(&data, &[3, 1]).unwrap();
    let picked = data.select_features(&[3, 1]).unwrap();
    assert_eq!(table.names, picked.feature_names());
    assert_eq!(table.x, picked.x().iter().copied().collect::<Vec<_>>());
    assert_eq!(table.clone().dataset().unwrap(), picked);
    let whole = Table::of(&data, &[0, 1, 2, 3]).unwrap();
    assert_eq!(whole.x, Table::new(&data).x);
    assert!(Table::of(&data, &[0, 4]).is_err());
}
