"""Writes scikit-learn reference values for the engine's parity tests.

Run from the repository root:  pip install -r scripts/requirements.txt
                               python3 scripts/sklearn_reference.py
It reads the bundled CSVs (iris, wine, breast cancer), the engine's own train/test split
(iris_split.json) and generated datasets (moons.csv, blobs.csv, ... written by
`cargo run -p hyperplane-core --example export_fixtures`; Rust tests keep both in step
with the engine), fits scikit-learn's SVC and SVR on exactly the same numbers, and writes
tests/fixtures/svc_reference.json (and engine2_reference.json for logistic regression,
k-NN and trees, regressors_reference.json for the k-NN and tree regressors).
"""
import json
import pathlib

import numpy as np
import sklearn
from sklearn.preprocessing import StandardScaler
from sklearn.linear_model import LogisticRegression
from sklearn.neighbors import KNeighborsClassifier, KNeighborsRegressor
from sklearn.svm import SVC, SVR
from sklearn.tree import DecisionTreeClassifier, DecisionTreeRegressor

ROOT = pathlib.Path(__file__).resolve().parent.parent
CORE = ROOT / "crates" / "hyperplane-core"
FIX = CORE / "tests" / "fixtures"
SPECIES = ["setosa", "versicolor", "virginica"]


def load_iris():
    rows = (CORE / "data" / "iris.csv").read_text().strip().splitlines()[1:]
    x = np.array([[float(v) for v in r.split(",")[:4]] for r in rows])
    y = np.array([SPECIES.index(r.split(",")[4]) for r in rows])
    return x, y


def load_csv(path):
    """Numeric features, last column the target; string targets become sorted class indices."""
    rows = [r.split(",") for r in path.read_text().strip().splitlines()[1:]]
    x = np.array([[float(v) for v in r[:-1]] for r in rows])
    raw = [r[-1] for r in rows]
    try:
        return x, np.array([float(v) for v in raw])
    except ValueError:
        classes = sorted(set(raw))
        return x, np.array([classes.index(v) for v in raw])


def datasets():
    x, y = load_iris()
    split = json.loads((FIX / "iris_split.json").read_text())
    tr, te = np.array(split["train"]), np.array(split["test"])
    scaler = StandardScaler().fit(x[tr])
    yield "iris_full", x, y, x, y
    # the studio's default: seeded 80/20 split, standardized on train statistics
    yield "iris_split", scaler.transform(x[tr]), y[tr], scaler.transform(x[te]), y[te]
    # the studio's default plane: only the first two (standardized) features
    yield "iris_split_2d", scaler.transform(x[tr])[:, :2], y[tr], scaler.transform(x[te])[:, :2], y[te]
    # binary and hard: versicolor vs virginica on sepal length and width
    m = y > 0
    yield "iris_binary_sepal", x[m][:, :2], y[m], x[m][:, :2], y[m]
    for name in ["wine", "breast_cancer"]:
        bx, by = load_csv(CORE / "data" / f"{name}.csv")
        bx = StandardScaler().fit_transform(bx)
        yield f"{name}_std", bx, by, bx[:120], by[:120]
    for name in ["moons", "blobs", "circle", "xor"]:
        gx, gy = load_csv(FIX / f"{name}.csv")
        yield name, gx, gy.astype(int), gx[:120], gy[:120].astype(int)


SETTINGS = [
    dict(kernel="linear", C=1.0),
    dict(kernel="linear", C=0.1),
    dict(kernel="linear", C=100.0),
    dict(kernel="rbf", C=1.0, gamma="scale"),
    dict(kernel="rbf", C=10.0, gamma="auto"),
    dict(kernel="rbf", C=0.5, gamma=2.0),
    dict(kernel="poly", C=1.0, gamma="scale", degree=3, coef0=0.0),
    dict(kernel="poly", C=1.0, gamma=0.5, degree=2, coef0=1.0),
    dict(kernel="sigmoid", C=1.0, gamma=0.05, coef0=0.0),
]


SVR_SETTINGS = [
    dict(kernel="rbf", C=1.0, epsilon=0.1, gamma="scale"),
    dict(kernel="rbf", C=10.0, epsilon=0.05, gamma=1.0),
    dict(kernel="linear", C=1.0, epsilon=0.1),
    dict(kernel="poly", C=1.0, epsilon=0.1, gamma="scale", degree=3, coef0=1.0),
]


def svr_cases():
    for name in ["reg_plane", "reg_gauss"]:
        x, y = load_csv(FIX / f"{name}.csv")
        for s in SVR_SETTINGS:
            model = SVR(tol=1e-3, **s).fit(x, y)
            yield dict(
                dataset=name,
                params=s,
                n_support=int(len(model.support_)),
                intercept=float(model.intercept_[0]),
                predict=model.predict(x[:100]).tolist(),
            )


def main():
    cases = []
    for name, xtr, ytr, xev, yev in datasets():
        for s in SETTINGS:
            if name == "iris_binary_sepal" and s["kernel"] == "sigmoid":
                continue
            if name not in ("iris_full", "iris_split", "iris_split_2d") and s in SETTINGS[1:3]:
                continue
            model = SVC(tol=1e-3, **s).fit(xtr, ytr)
            dec = SVC(decision_function_shape="ovo", tol=1e-3, **s).fit(xtr, ytr).decision_function(xev)
            cases.append(
                dict(
                    dataset=name,
                    params=s,
                    n_support=model.n_support_.tolist(),
                    intercept=model.intercept_.tolist(),
                    decision=np.atleast_2d(dec.T).T.tolist(),
                    predict=model.predict(xev).tolist(),
                    train_accuracy=float(model.score(xtr, ytr)),
                    eval_accuracy=float(model.score(xev, yev)),
                )
            )
    # class weights multiply C per class
    for name, xtr, ytr, xev, yev in datasets():
        if name not in ("moons", "blobs"):
            continue
        weights = [2.0, 0.5] if name == "moons" else [1.0, 3.0, 0.5]
        for base in (dict(kernel="linear", C=1.0), dict(kernel="rbf", C=1.0, gamma="scale")):
            s = dict(base, class_weight=weights)
            sk = dict(base, class_weight=dict(enumerate(weights)))
            model = SVC(tol=1e-3, **sk).fit(xtr, ytr)
            dec = SVC(decision_function_shape="ovo", tol=1e-3, **sk).fit(xtr, ytr).decision_function(xev)
            cases.append(
                dict(
                    dataset=name,
                    params=s,
                    n_support=model.n_support_.tolist(),
                    intercept=model.intercept_.tolist(),
                    decision=np.atleast_2d(dec.T).T.tolist(),
                    predict=model.predict(xev).tolist(),
                    train_accuracy=float(model.score(xtr, ytr)),
                    eval_accuracy=float(model.score(xev, yev)),
                )
            )
    out = dict(sklearn_version=sklearn.__version__, cases=cases, svr_cases=list(svr_cases()))
    (FIX / "svc_reference.json").write_text(json.dumps(out, indent=1) + "\n")
    print(f"wrote {len(cases)} SVC cases and {len(out['svr_cases'])} SVR cases")


def engine2_datasets():
    """(name, x, y) trained on everything, as the Rust tests rebuild them."""
    x, y = load_iris()
    yield "iris_full", x, y
    for name in ["wine", "breast_cancer"]:
        bx, by = load_csv(CORE / "data" / f"{name}.csv")
        yield f"{name}_std", StandardScaler().fit_transform(bx), by
    for name in ["moons", "blobs"]:
        gx, gy = load_csv(FIX / f"{name}.csv")
        yield name, gx, gy.astype(int)


def engine2():
    logistic, knn, tree = [], [], []
    for name, x, y in engine2_datasets():
        for c in [0.1, 1.0, 10.0]:
            m = LogisticRegression(C=c, tol=1e-10, max_iter=100000).fit(x, y)
            logistic.append(dict(dataset=name, params=dict(C=c, penalty="l2"),
                                 coef=m.coef_.tolist(), intercept=m.intercept_.tolist()))
        if name == "moons":
            m = LogisticRegression(penalty=None, tol=1e-10, max_iter=100000).fit(x, y)
            logistic.append(dict(dataset=name, params=dict(penalty="none"),
                                 coef=m.coef_.tolist(), intercept=m.intercept_.tolist()))
        if name != "iris_full":  # iris has duplicate points: neighbour ties are arbitrary
            query = np.vstack([x[:40], x[:40] + 0.013])
            for k in [1, 5, 15]:
                for weights in ["uniform", "distance"]:
                    m = KNeighborsClassifier(n_neighbors=k, weights=weights, algorithm="brute").fit(x, y)
                    knn.append(dict(dataset=name, params=dict(k=k, weights=weights),
                                    predict=m.predict(query).tolist(),
                                    proba=m.predict_proba(query).tolist()))
        for criterion in ["gini", "entropy"]:
            for depth, split, leaf in [(None, 2, 1), (3, 2, 1), (5, 10, 1), (None, 2, 5), (4, 20, 7)]:
                m = DecisionTreeClassifier(criterion=criterion, max_depth=depth, min_samples_split=split,
                                           min_samples_leaf=leaf, random_state=0).fit(x, y)
                tree.append(dict(dataset=name,
                                 params=dict(criterion=criterion, max_depth=depth,
                                             min_samples_split=split, min_samples_leaf=leaf),
                                 depth=int(m.get_depth()), n_leaves=int(m.get_n_leaves()),
                                 train_accuracy=float(m.score(x, y))))
    out = dict(sklearn_version=sklearn.__version__, logistic=logistic, knn=knn, tree=tree)
    (FIX / "engine2_reference.json").write_text(json.dumps(out, indent=1) + "\n")
    print(f"wrote {len(logistic)} logistic, {len(knn)} k-NN and {len(tree)} tree cases")


def regressors():
    """k-NN and tree regressors on TensorFlow Playground's regression sets."""
    knn, tree = [], []
    for name in ["reg_plane", "reg_gauss"]:
        x, y = load_csv(FIX / f"{name}.csv")
        query = np.vstack([x[:40], x[:40] + 0.013, [[0.0, 0.0], [5.5, -5.5]]])
        for k in [1, 5, 15]:
            for weights in ["uniform", "distance"]:
                m = KNeighborsRegressor(n_neighbors=k, weights=weights, algorithm="brute").fit(x, y)
                knn.append(dict(dataset=name, params=dict(k=k, weights=weights),
                                query=query.tolist(), predict=m.predict(query).tolist()))
        for depth, split, leaf in [(None, 2, 1), (2, 2, 1), (4, 2, 1), (6, 10, 1), (None, 2, 5), (8, 20, 7)]:
            m = DecisionTreeRegressor(max_depth=depth, min_samples_split=split, min_samples_leaf=leaf,
                                      random_state=0).fit(x, y)
            tree.append(dict(dataset=name,
                             params=dict(max_depth=depth, min_samples_split=split, min_samples_leaf=leaf),
                             depth=int(m.get_depth()), n_leaves=int(m.get_n_leaves()),
                             train_r2=float(m.score(x, y)),
                             query=query.tolist(), predict=m.predict(query).tolist()))
    out = dict(sklearn_version=sklearn.__version__, knn=knn, tree=tree)
    (FIX / "regressors_reference.json").write_text(json.dumps(out, indent=1) + "\n")
    print(f"wrote {len(knn)} k-NN and {len(tree)} tree regression cases")


if __name__ == "__main__":
    main()
    engine2()
    regressors()
