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


if __name__ == "__main__":
    main()
