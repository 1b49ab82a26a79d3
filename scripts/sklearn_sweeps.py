"""Writes scikit-learn's numbers for the studio's sweeps (the validation heatmap, the
validation curves and the learning curve), for crates/hyperplane-core/tests/sweep_parity.rs.

Run from the repository root:  pip install -r scripts/requirements.txt
                               python3 scripts/sklearn_sweeps.py
Every case runs on a fixture CSV exactly as the engine reads it, with unshuffled
KFold(5) folds (the studio's training part is already in seeded random order), and
records each fold's training and validation score, as GridSearchCV's cv_results_,
validation_curve and learning_curve return them.
"""
import json
import pathlib

import numpy as np
import sklearn
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GridSearchCV, KFold, learning_curve, validation_curve
from sklearn.neighbors import KNeighborsClassifier, KNeighborsRegressor
from sklearn.svm import SVC
from sklearn.tree import DecisionTreeClassifier

ROOT = pathlib.Path(__file__).resolve().parent.parent
FIX = ROOT / "crates" / "hyperplane-core" / "tests" / "fixtures"
CV = KFold(n_splits=5)


def load(name):
    rows = [r.split(",") for r in (FIX / f"{name}.csv").read_text().strip().splitlines()[1:]]
    x = np.array([[float(v) for v in r[:-1]] for r in rows])
    y = np.array([float(r[-1]) for r in rows])
    return x, y


def folds(train, test):
    """(n_points, n_folds) score arrays as lists of per-point [train, test] fold lists."""
    return [dict(train=tr.tolist(), test=te.tolist()) for tr, te in zip(train, test)]


def heatmap(x, y):
    # The studio's C and gamma sliders span 0.01–1000 and 0.001–100: half decades.
    cs, gammas = np.logspace(-2, 3, 11), np.logspace(-3, 2, 11)
    search = GridSearchCV(SVC(tol=1e-3), dict(C=cs, gamma=gammas), cv=CV, return_train_score=True)
    search.fit(x, y)
    r = search.cv_results_
    points = []
    for i, p in enumerate(r["params"]):
        points.append(dict(
            C=float(p["C"]), gamma=float(p["gamma"]),
            train=[float(r[f"split{k}_train_score"][i]) for k in range(5)],
            test=[float(r[f"split{k}_test_score"][i]) for k in range(5)],
        ))
    return dict(dataset="moons", points=points, best=dict(C=float(search.best_params_["C"]),
                                                          gamma=float(search.best_params_["gamma"])))


def curve(name, estimator, param, values, x, y):
    train, test = validation_curve(estimator, x, y, param_name=param, param_range=values, cv=CV)
    return dict(name=name, param=param, values=[float(v) for v in values], points=folds(train, test))


def tree_curve(x, y):
    """Equally good splits tie often in small nodes, and scikit-learn breaks ties by its
    random feature order: its own answer depends on random_state. Each fold's possible
    scores over 20 seeds are recorded; the engine's must be one of them."""
    depths = list(range(1, 11))
    runs = [validation_curve(DecisionTreeClassifier(random_state=s), x, y, param_name="max_depth",
                             param_range=depths, cv=CV) for s in range(20)]
    points = []
    for i in range(len(depths)):
        points.append({part: [sorted({float(r[j][i][k]) for r in runs}) for k in range(5)]
                       for j, part in enumerate(["train", "test"])})
    return dict(name="tree_depth", param="max_depth", values=[float(d) for d in depths], points=points)


def main():
    x, y = load("moons")
    y = y.astype(int)
    curves = [
        curve("knn_uniform", KNeighborsClassifier(algorithm="brute"), "n_neighbors", list(range(1, 16)), x, y),
        curve("knn_distance", KNeighborsClassifier(algorithm="brute", weights="distance"), "n_neighbors",
              list(range(1, 16)), x, y),
        tree_curve(x, y),
        curve("logistic_c", LogisticRegression(tol=1e-10, max_iter=100000), "C", np.logspace(-2, 3, 11), x, y),
    ]
    rx, ry = load("reg_plane")
    curves.append(curve("knn_regressor", KNeighborsRegressor(algorithm="brute"), "n_neighbors",
                        list(range(1, 11)), rx, ry))
    sizes, train, test = learning_curve(SVC(C=1.0, gamma="scale", tol=1e-3), x, y,
                                        train_sizes=np.linspace(0.1, 1.0, 10), cv=CV)
    out = dict(
        sklearn_version=sklearn.__version__,
        heatmap=heatmap(x, y),
        curves=curves,
        learning=dict(dataset="moons", fractions=np.linspace(0.1, 1.0, 10).tolist(),
                      sizes=sizes.tolist(), points=folds(train, test)),
    )
    (FIX / "sweep_reference.json").write_text(json.dumps(out) + "\n")
    print(f"wrote {len(out['heatmap']['points'])} heatmap cells, {len(curves)} curves, a learning curve")


if __name__ == "__main__":
    main()
