#!/usr/bin/env python3
"""Reference for the import recipe (crates/hyperplane-core/tests/import_parity.rs): the
example files read by pandas and transformed by scikit-learn's SimpleImputer,
OneHotEncoder / OrdinalEncoder and ColumnTransformer, as the recipe's Python snippet
does; then an RBF SVC fitted on the standardized result. Writes
crates/hyperplane-core/tests/fixtures/import_reference.json.

Run with scikit-learn 1.5.2 and pandas 2.2.3:
    python3 scripts/sklearn_import.py
"""
import json
import os

import numpy as np
import pandas as pd
import sklearn
from sklearn.compose import ColumnTransformer
from sklearn.impute import SimpleImputer
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import OneHotEncoder, OrdinalEncoder, StandardScaler
from sklearn.svm import SVC

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
EXAMPLES = os.path.join(ROOT, "public", "examples")

PENGUIN_NUM = ["bill_length_mm", "bill_depth_mm", "flipper_length_mm", "body_mass_g"]
PENGUIN_CAT = ["island", "sex"]


def case(file, read, target, num, cat, impute, encode):
    df = pd.read_csv(os.path.join(EXAMPLES, file), na_values=["?"], skipinitialspace=True, **read)
    subset = [target] + (num + cat if impute == "drop" else [])
    df = df.dropna(subset=subset)
    steps = []
    if num:
        steps.append(("num", "passthrough" if impute == "drop" else SimpleImputer(strategy=impute), num))
    if cat:
        enc = (OneHotEncoder(handle_unknown="ignore", sparse_output=False) if encode == "onehot"
               else OrdinalEncoder(handle_unknown="use_encoded_value", unknown_value=-1))
        steps.append(("cat", enc if impute == "drop" else
                      make_pipeline(SimpleImputer(strategy="most_frequent"), enc), cat))
    ct = ColumnTransformer(steps)
    x = ct.fit_transform(df[num + cat])
    y = df[target].astype(str).to_numpy()
    xs = StandardScaler().fit_transform(x)
    svc = SVC(kernel="rbf", C=1.0, gamma="scale").fit(xs, y)
    return {
        "file": file,
        "target": target,
        "impute": impute,
        "encode": encode,
        "feature_names": [str(n) for n in ct.get_feature_names_out()],
        "x": x.tolist(),
        "classes": [str(c) for c in svc.classes_],
        "y": y.tolist(),
        "svc_predictions": svc.predict(xs).tolist(),
        "svc_train_accuracy": float(svc.score(xs, y)),
    }


def main():
    cases = []
    for impute in ["mean", "median", "most_frequent", "drop"]:
        for encode in ["onehot", "ordinal"]:
            cases.append(case("penguins.csv", {}, "species", PENGUIN_NUM, PENGUIN_CAT, impute, encode))
    iris_num = ["Kelchblattlänge", "Kelchblattbreite", "Kronblattlänge", "Kronblattbreite"]
    cases.append(case("iris-european.csv", {"sep": ";", "decimal": ",", "encoding": "utf-8-sig"},
                      "Art", iris_num, [], "mean", "onehot"))
    out = {
        "generated_by": "scripts/sklearn_import.py",
        "sklearn": sklearn.__version__,
        "pandas": pd.__version__,
        "cases": cases,
    }
    path = os.path.join(ROOT, "crates", "hyperplane-core", "tests", "fixtures", "import_reference.json")
    with open(path, "w") as f:
        json.dump(out, f)
    print(f"wrote {len(cases)} cases to {path}")


if __name__ == "__main__":
    main()
