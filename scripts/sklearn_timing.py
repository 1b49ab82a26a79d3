"""Times scikit-learn on the engine's own benchmark data, for BENCHMARKS.md.

Run from the repository root (after `cargo build --release -p hyperplane-cli`):
    python3 scripts/sklearn_timing.py
The data comes from `hyperplane data` (moons, noise 0.2, seed 1), so both tools fit the
very same points. Prints the median of repeated fits.
"""
import pathlib
import statistics
import subprocess
import time

import numpy as np
import sklearn
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GridSearchCV, KFold
from sklearn.neural_network import MLPClassifier
from sklearn.svm import SVC

ROOT = pathlib.Path(__file__).resolve().parent.parent
BIN = ROOT / "target" / "release" / "hyperplane"


def moons(n):
    text = subprocess.run(
        [str(BIN), "data", "--dataset", "moons", "--n-samples", str(n), "--noise", "0.2", "--data-seed", "1"],
        check=True, capture_output=True, text=True,
    ).stdout
    rows = [r.split(",") for r in text.strip().splitlines()[1:]]
    return np.array([[float(v) for v in r[:2]] for r in rows]), np.array([int(r[2]) for r in rows])


def median_time(fn, repeats):
    times = []
    for _ in range(repeats):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def main():
    print(f"scikit-learn {sklearn.__version__}, numpy {np.__version__}")
    for n in [200, 1000, 5000]:
        x, y = moons(n)
        repeats = 50 if n <= 1000 else 10
        t = median_time(lambda: SVC(kernel="rbf", C=1.0, gamma="scale").fit(x, y), repeats)
        m = SVC(kernel="rbf", C=1.0, gamma="scale").fit(x, y)
        print(f"SVC rbf fit, moons n={n}: {t * 1e3:.2f} ms ({m.n_support_.sum()} support vectors)")
        t = median_time(lambda: LogisticRegression(C=1.0).fit(x, y), repeats)
        print(f"LogisticRegression fit (lbfgs, C=1), moons n={n}: {t * 1e3:.2f} ms")
        # The engine's MLP benchmark: hidden 4-2, tanh, plain SGD, eta 0.03, batch 10, 200 epochs.
        mlp = lambda: MLPClassifier(hidden_layer_sizes=(4, 2), activation="tanh", solver="sgd",
                                    learning_rate_init=0.03, batch_size=10, momentum=0.0, alpha=0.0,
                                    max_iter=200, tol=0.0, n_iter_no_change=10**9, shuffle=True,
                                    random_state=0).fit(x, y)
        import warnings
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            t = median_time(mlp, 3 if n <= 1000 else 1)
        print(f"MLPClassifier fit (4-2 tanh, sgd, 200 epochs), moons n={n}: {t * 1e3:.1f} ms")
    # The studio's validation heatmap: 11 x 11 C x gamma, 5-fold, on 400 training rows.
    x, y = moons(500)
    x = (x[:400] - x[:400].mean(0)) / x[:400].std(0)
    grid = dict(C=np.logspace(-2, 3, 11), gamma=np.logspace(-3, 2, 11))
    search = lambda: GridSearchCV(SVC(), grid, cv=KFold(5), return_train_score=True).fit(x, y[:400])
    t = median_time(search, 5)
    print(f"GridSearchCV SVC rbf 11 x 11 x 5-fold (605 fits), 400 moons rows: {t:.2f} s")


if __name__ == "__main__":
    main()
