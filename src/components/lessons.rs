//! One-click lessons: each sets up a teaching moment and says what to look at.

use hyperplane_core::datasets::GeneratorKind;
use hyperplane_core::kernel::{Gamma, KernelKind};
use hyperplane_core::nn::{Activation, Regularization};
use leptos::prelude::*;

use crate::models::ModelKind;
use crate::settings::DatasetChoice;
use crate::settings::Settings;
use crate::studio::Studio;

struct Lesson {
    title: &'static str,
    text: &'static str,
    /// Edits the current settings into the lesson's set-up.
    apply: fn(&mut Settings),
}

fn data(s: &mut Settings, kind: GeneratorKind, noise: f64) {
    s.data.choice = DatasetChoice::Generated(kind);
    s.data.noise = noise;
    s.data.train_ratio = 0.5;
}

const LESSONS: [Lesson; 7] = [
    Lesson {
        title: "What C does to the margin",
        text: "With a small C the margin (the dashed lines) is wide and many points sit inside it as \
               ringed support vectors. Drag C to the right: the margin narrows and fewer points may \
               violate it.",
        apply: |s| {
            data(s, GeneratorKind::Gauss, 0.3);
            s.model.kind = ModelKind::Svm;
            s.model.svm.kernel = KernelKind::Linear;
            s.model.svm.c = 0.01;
        },
    },
    Lesson {
        title: "Gamma and overfitting",
        text: "A large gamma shrinks each support vector's reach, so the boundary wraps around single \
               noisy points: training accuracy is high, test accuracy drops. Drag Gamma to the left \
               and watch the boundary smooth out and the test score recover.",
        apply: |s| {
            data(s, GeneratorKind::Moons, 0.3);
            s.model.kind = ModelKind::Svm;
            s.model.svm.kernel = KernelKind::Rbf;
            s.model.svm.c = 10.0;
            s.model.svm.gamma = Gamma::Value(60.0);
        },
    },
    Lesson {
        title: "XOR needs a hidden layer",
        text: "With no hidden layer the network can only draw one straight line, and no straight line \
               separates XOR: press Play and the accuracy stays near 50 %. Press “+ layer”, give the \
               layer four neurons (“+” twice), then Play again: within a few seconds it is solved. \
               (With only two neurons it often gets stuck near 70 %: try it.)",
        apply: |s| {
            data(s, GeneratorKind::Xor, 0.0);
            s.model.network.hidden = Vec::new();
            s.model.network.activation = Activation::Tanh;
            s.model.network.learning_rate = 0.03;
            s.model.network.regularization = Regularization::None;
            s.model.kind = ModelKind::NeuralNetwork;
        },
    },
    Lesson {
        title: "A learning rate too high",
        text: "At η = 3 the first steps overshoot so far that the weights blow up: press Play and \
               training stops at once and says why, instead of drawing a grey NaN picture. Drag the \
               learning rate down to about 0.3, press Reset and Play: the same network now learns \
               the two clusters.",
        apply: |s| {
            data(s, GeneratorKind::Gauss, 0.3);
            s.model.network.hidden = vec![4, 2];
            // Linear units do not saturate as tanh or dead ReLUs do, so too large a step
            // really diverges.
            s.model.network.activation = Activation::Linear;
            s.model.network.learning_rate = 3.0;
            s.model.network.regularization = Regularization::None;
            s.model.kind = ModelKind::NeuralNetwork;
        },
    },
    Lesson {
        title: "How many neighbours?",
        text: "With one neighbour the regions follow every noisy point, so training accuracy is 100 % \
               but the test score is not. Raise Neighbours and the noise averages out.",
        apply: |s| {
            data(s, GeneratorKind::Moons, 0.35);
            s.model.kind = ModelKind::Knn;
            s.model.knn.k = 1;
        },
    },
    Lesson {
        title: "The epsilon tube",
        text: "Regression with an SVM: errors smaller than ε cost nothing, so only points on or \
               outside the tube around the fit are support vectors. With ε tiny nearly every point \
               is one; drag Epsilon to the right and watch the count fall while R² hardly moves.",
        apply: |s| {
            data(s, GeneratorKind::RegPlane, 0.2);
            s.model.kind = ModelKind::Svm;
            s.model.svm.kernel = KernelKind::Linear;
            s.model.svm.c = 1.0;
            s.model.svm.epsilon = 0.001;
        },
    },
    Lesson {
        title: "A tree's staircase",
        text: "A regression tree predicts one value per region, so it draws a plane as a \
               staircase: at depth 2 there are four steps. Raise Max depth and the steps get finer \
               and test R² rises, until the leaves start fitting the noise: training R² still \
               climbs toward 1 while test R² falls.",
        apply: |s| {
            data(s, GeneratorKind::RegPlane, 0.5);
            s.model.kind = ModelKind::Tree;
            s.model.tree.max_depth = 2;
            s.model.tree.min_leaf = 1;
        },
    },
];

#[component]
pub fn Lessons() -> impl IntoView {
    let studio = expect_context::<Studio>();
    let current = RwSignal::new(None::<usize>);
    view! {
        <nav class="lessons" aria-label="Lessons">
            <span class="lessons-title">"Lessons:"</span>
            {LESSONS
                .iter()
                .enumerate()
                .map(|(i, l)| {
                    view! {
                        <button
                            type="button"
                            class:active=move || current.get() == Some(i)
                            on:click=move |_| {
                                // Defaults plus the lesson's own: nothing left over from
                                // whatever was set before (a γ of 60 from another lesson).
                                let mut settings = Settings::default();
                                (LESSONS[i].apply)(&mut settings);
                                studio.apply(settings);
                                current.set(Some(i));
                            }
                        >
                            {l.title}
                        </button>
                    }
                })
                .collect_view()}
        </nav>
        <p class="lesson-text" role="status" data-testid="lesson">
            {move || current.get().map(|i| LESSONS[i].text)}
        </p>
    }
}
